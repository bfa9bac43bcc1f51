// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "store/outbox.h"

#include "store/db_internal.h"

static const char *col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

static enum fd_status stream_ops(struct fd_db *db, sqlite3_stmt *s, fd_outbox_cb cb, void *ctx,
                                 struct fd_error *err)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_outbox_row r = {.device_seq = sqlite3_column_int64(s, 0),
		                          .op_id = col(s, 1),
		                          .type = col(s, 2),
		                          .actor = col(s, 3),
		                          .created_at = sqlite3_column_int64(s, 4),
		                          .payload = col(s, 5),
		                          .sig = sqlite3_column_count(s) > 6 ? col(s, 6) : ""};
		if (!cb(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading the outbox");
}

enum fd_status fd_outbox_pending(struct fd_db *db, int limit, fd_outbox_cb cb, void *ctx,
                                 struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT device_seq, op_id, type, actor, created_at, payload, sig FROM outbox"
	               " WHERE state = 'pending' ORDER BY device_seq LIMIT ?1",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, limit);
	return stream_ops(db, s, cb, ctx, err);
}

enum fd_status fd_outbox_overlaid(struct fd_db *db, fd_outbox_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT device_seq, op_id, type, actor, created_at, payload"
	                             " FROM outbox WHERE overlaid = 1 ORDER BY device_seq",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	return stream_ops(db, s, cb, ctx, err);
}

static enum fd_status step_done(struct fd_db *db, sqlite3_stmt *s, const char *what, struct fd_error *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, what);
}

enum fd_status fd_outbox_settle(struct fd_db *db, const char *op_id, const char *verdict, const char *result,
                                int64_t result_seq, int *changed, struct fd_error *err)
{
	*changed = 0;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "UPDATE outbox SET state = ?2, result = ?3, result_seq = ?4"
	                             " WHERE op_id = ?1 AND state = 'pending'",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, op_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, verdict, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, result, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, result_seq);
	enum fd_status st = step_done(db, s, "recording the server's answer", err);
	if (!st)
		*changed = sqlite3_changes(fd_db_handle(db));
	return st;
}

enum fd_status fd_outbox_requeue_from(struct fd_db *db, int64_t device_seq, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "UPDATE outbox SET state = 'pending', result_seq = NULL"
	                             " WHERE device_seq >= ?1 AND state <> 'pending'",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int64(s, 1, device_seq);
	return step_done(db, s, "queueing operations again", err);
}

bool fd_outbox_settle_due(struct fd_db *db, int64_t cursor)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT 1 FROM outbox WHERE overlaid = 1 AND state <> 'pending'"
	                             " AND result_seq <= ?1 LIMIT 1",
	                             NULL);
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, cursor);
	bool due = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return due;
}

enum fd_status fd_outbox_unoverlay(struct fd_db *db, int64_t cursor, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "UPDATE outbox SET overlaid = 0, changeset = NULL"
	                             " WHERE overlaid = 1 AND state <> 'pending' AND result_seq <= ?1",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int64(s, 1, cursor);
	return step_done(db, s, "settling operations", err);
}

enum fd_status fd_outbox_save_changeset(struct fd_db *db, int64_t device_seq, const void *cs, int n,
                                        struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "UPDATE outbox SET changeset = ?2 WHERE device_seq = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int64(s, 1, device_seq);
	if (cs && n)
		sqlite3_bind_blob(s, 2, cs, n, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	return step_done(db, s, "saving an operation's effect", err);
}

/* A row an undo expects is gone or differs: the state is what we want to
 * reach anyway (REPLACE) or the row is already undone (OMIT). */
static int undo_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	(void)ctx;
	(void)it;
	switch (kind) {
	case SQLITE_CHANGESET_DATA:
	case SQLITE_CHANGESET_CONFLICT:
		return SQLITE_CHANGESET_REPLACE;
	default:
		return SQLITE_CHANGESET_OMIT;
	}
}

enum fd_status fd_outbox_undo_overlay(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT changeset FROM outbox WHERE overlaid = 1"
	                             " AND changeset IS NOT NULL ORDER BY device_seq DESC",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	enum fd_status st = FD_OK;
	while (st == FD_OK && sqlite3_step(s) == SQLITE_ROW) {
		int n = sqlite3_column_bytes(s, 0), n_inv = 0;
		const void *cs = sqlite3_column_blob(s, 0);
		void *inv = NULL;
		if (n == 0)
			continue;
		if (sqlite3changeset_invert(n, cs, &n_inv, &inv) != SQLITE_OK ||
		    sqlite3changeset_apply(fd_db_handle(db), n_inv, inv, NULL, undo_conflict, NULL) !=
		        SQLITE_OK)
			st = fd_db_fail(db, err, "undoing a pending operation");
		sqlite3_free(inv);
	}
	sqlite3_reset(s);
	return st;
}

enum fd_status fd_outbox_replay_begin(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_replaying', '1')", err);
}

enum fd_status fd_outbox_replay_end(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "DELETE FROM meta WHERE key = 'sync_replaying'", err);
}
