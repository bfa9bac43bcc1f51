// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/zone.h"

#include <string.h>

#include "core/i18n.h"

static fd_zone_checker checker;

void fd_zone_set_checker(fd_zone_checker fn)
{
	checker = fn;
}

/* The tz database's form: parts separated by '/', each of letters, digits,
 * '_', '-' and '+', none empty or starting with '.' (no way out of the
 * zone directory). */
static bool well_formed(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 63 || name[0] == '/' || name[n - 1] == '/' || strstr(name, "//"))
		return false;
	for (const char *p = name; *p; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		          ch == '_' || ch == '-' || ch == '+' || ch == '/';
		if (!ok)
			return false;
	}
	return true;
}

enum fd_status fd_zone_check(const char *field, const char *name, struct fd_error *err)
{
	if (name && well_formed(name) && (!checker || checker(name)))
		return FD_OK;
	return fd_fail(err, FD_E_INVALID, "unknown_timezone", field,
	               _("\"%.64s\" is not a time zone this system knows; use a name of the tz database "
	                 "such as Europe/Lisbon or America/New_York."),
	               name ? name : "");
}
