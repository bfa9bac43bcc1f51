// SPDX-License-Identifier: GPL-3.0-or-later
/* Small helpers over meta and the outbox for the engine and the CLI. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/lookup.h"
#include "store/query_desk.h"
#include "sync/sync_internal.h"

int64_t sync_meta_int(struct fd_db *db, const char *key, int64_t dflt)
{
	char buf[32];
	if (fd_db_meta_get(db, key, buf, sizeof buf, NULL) != FD_OK)
		return dflt;
	return strtoll(buf, NULL, 10);
}

enum fd_status sync_meta_set_int(struct fd_db *db, const char *key, int64_t v, struct fd_error *err)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%" PRId64, v);
	return fd_db_meta_set(db, key, buf, err);
}

void sync_counts(struct fd_db *db, int *pending, int *rejected, int *open_conflicts)
{
	int p = 0, r = 0, c = 0;
	struct fd_error err = {0};
	fd_query_outbox(db, &p, &r, &err);
	fd_query_open_conflicts(db, &c, &err);
	if (pending)
		*pending = p;
	if (rejected)
		*rejected = r;
	if (open_conflicts)
		*open_conflicts = c;
}
