// SPDX-License-Identifier: GPL-3.0-or-later
/* Keeping acknowledged operations for a window (see outbox_keep.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/outbox_keep.h"

int fd_outbox_keep_days(struct fd_db *db)
{
	char buf[32];
	if (fd_db_meta_get(db, "sync_keep_days", buf, sizeof buf, NULL) != FD_OK)
		return FD_OUTBOX_KEEP_DAYS;
	int n = atoi(buf);
	return n >= 0 ? n : FD_OUTBOX_KEEP_DAYS;
}

static enum fd_status run(struct fd_db *db, const char *sql, int64_t t, const char *what,
                          struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, sql, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int64(s, 1, t);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, what);
}

enum fd_status fd_outbox_requeue_since(struct fd_db *db, int64_t since, struct fd_error *err)
{
	return run(db,
	           "UPDATE outbox SET state = 'pending', result_seq = NULL, overlaid = 1"
	           " WHERE state <> 'pending' AND created_at >= ?1",
	           since, "queueing acknowledged operations again", err);
}

enum fd_status fd_outbox_prune(struct fd_db *db, int64_t before, struct fd_error *err)
{
	/* The next device_seq is one past the outbox's last (fd_store_next_seq):
	 * the floor in meta keeps it past the rows forgotten here, or the
	 * server would take the next operation for a replay. */
	enum fd_status st =
	    run(db,
	        "INSERT INTO meta (key, value) SELECT 'device_seq', CAST(max(device_seq) AS TEXT)"
	        " FROM outbox WHERE 1 HAVING max(device_seq) > coalesce((SELECT CAST(value"
	        " AS INTEGER) FROM meta WHERE key = 'device_seq'), 0)"
	        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	        0, "keeping the operations' numbering", err);
	if (st)
		return st;
	return run(db, "DELETE FROM outbox WHERE state <> 'pending' AND overlaid = 0 AND created_at < ?1",
	           before, "forgetting old acknowledged operations", err);
}
