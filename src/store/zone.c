// SPDX-License-Identifier: GPL-3.0-or-later
/* The system's time zone database as core's zone checker (core/zone.h): a
 * zone exists when its compiled file is there ($TZDIR or
 * /usr/share/zoneinfo, a TZif file). On a system without the database
 * (no tzdata installed) nothing can be judged and every well-formed name
 * passes, as before. */
#include "config.h"
#include "store/zone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/zone.h"

static const char *zone_dir(void)
{
	const char *d = getenv("TZDIR");
	return d && d[0] == '/' ? d : "/usr/share/zoneinfo";
}

static bool zone_exists(const char *name)
{
	struct stat st;
	if (stat(zone_dir(), &st) != 0 || !S_ISDIR(st.st_mode))
		return true; /* no database to ask */
	char path[4096];
	if (snprintf(path, sizeof path, "%s/%s", zone_dir(), name) >= (int)sizeof path)
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char magic[4];
	bool ok = fread(magic, 1, sizeof magic, f) == sizeof magic && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return ok;
}

void fd_store_zone_init(void)
{
	fd_zone_set_checker(zone_exists);
}
