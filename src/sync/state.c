// SPDX-License-Identifier: GPL-3.0-or-later
/* Small helpers over meta and the outbox for the engine and the CLI. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

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

static int count(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *s = fd_db_stmt(db, sql, NULL);
	if (!s)
		return 0;
	int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	return n;
}

void sync_counts(struct fd_db *db, int *pending, int *rejected, int *open_conflicts)
{
	if (pending)
		*pending = count(db, "SELECT count(*) FROM outbox WHERE state = 'pending'");
	if (rejected)
		*rejected = count(db, "SELECT count(*) FROM outbox WHERE state = 'rejected'");
	if (open_conflicts)
		*open_conflicts = count(db, "SELECT count(*) FROM conflicts WHERE resolved = 0");
}
