// SPDX-License-Identifier: GPL-3.0-or-later
/* The overlay: each pending operation's local effect, recorded as a SQLite
 * session changeset when it was applied (fd_store_apply with FD_STORE_OUTBOX),
 * undone before server state is written and redone after. Undo runs newest
 * first on exactly the state the changesets were recorded against, so it is
 * exact; the conflict handler only tolerates what cannot matter. */
#include "config.h"
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/op.h"
#include "store/oplog.h"
#include "sync/sync_internal.h"

struct fd_db *sync_db_open(const char *path, struct fd_error *err)
{
	struct fd_db *db = fd_db_open(path, 0, err);
	if (!db)
		return NULL;
	/* A page writes thousands of rows across several indexes: a 64 MiB page
	 * cache keeps them out of the OS round trips that dominate otherwise. */
	sqlite3_exec(fd_db_handle(db), "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536", NULL, NULL, NULL);
	return db;
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

/* See core migration 6 (src/sync/schema_sync.c): while this is set in the
 * current transaction, folio lines may be taken back. */
enum fd_status sync_replay_begin(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_replaying', '1')", err);
}

enum fd_status sync_replay_end(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "DELETE FROM meta WHERE key = 'sync_replaying'", err);
}

static enum fd_status undo_all(struct fd_db *db, struct fd_error *err);

enum fd_status sync_overlay_undo(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = sync_replay_begin(db, err);
	if (!st)
		st = undo_all(db, err);
	if (!st)
		st = sync_replay_end(db, err);
	return st;
}

static enum fd_status undo_all(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT changeset FROM outbox WHERE overlaid = 1"
	                             " AND changeset IS NOT NULL ORDER BY device_seq DESC",
	                             err);
	if (!s)
		return err->status;
	int rc;
	enum fd_status st = FD_OK;
	while (st == FD_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
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

struct pending {
	int64_t seq;
	struct fd_op op;
};

/* Load the overlaid operations (oldest first). */
static enum fd_status load_pending(struct fd_db *db, struct pending **out, int *n, struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT device_seq, op_id, type, actor, created_at, payload"
	                             " FROM outbox WHERE overlaid = 1 ORDER BY device_seq",
	                             err);
	if (!s)
		return err->status;
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			struct pending *p = realloc(*out, (size_t)cap * sizeof **out);
			if (!p) {
				sqlite3_reset(s);
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
			}
			*out = p;
		}
		struct pending *p = &(*out)[(*n)++];
		fd_op_init(&p->op);
		p->seq = sqlite3_column_int64(s, 0);
		p->op.device_seq = p->seq;
		snprintf(p->op.op_id, sizeof p->op.op_id, "%s", sqlite3_column_text(s, 1));
		snprintf(p->op.type, sizeof p->op.type, "%s", sqlite3_column_text(s, 2));
		snprintf(p->op.actor, sizeof p->op.actor, "%s", sqlite3_column_text(s, 3));
		p->op.created_at = sqlite3_column_int64(s, 4);
		p->op.payload = cJSON_Parse((const char *)sqlite3_column_text(s, 5));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading the outbox");
}

static enum fd_status save_changeset(struct fd_db *db, int64_t seq, const void *cs, int n,
                                     struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "UPDATE outbox SET changeset = ?2 WHERE device_seq = ?1", err);
	if (!s)
		return err->status;
	sqlite3_bind_int64(s, 1, seq);
	if (cs && n)
		sqlite3_bind_blob(s, 2, cs, n, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "saving an operation's effect");
}

enum fd_status sync_overlay_redo(struct fd_db *db, int64_t cursor, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "UPDATE outbox SET overlaid = 0, changeset = NULL"
	                             " WHERE overlaid = 1 AND state <> 'pending' AND result_seq <= ?1",
	                             err);
	if (!s)
		return err->status;
	sqlite3_bind_int64(s, 1, cursor);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "settling operations");
	struct pending *p;
	int n;
	enum fd_status st = load_pending(db, &p, &n, err);
	for (int i = 0; i < n && st == FD_OK; i++) {
		void *cs = NULL;
		int n_cs = 0;
		struct fd_error op_err = {0};
		/* A savepoint per operation: one that fails leaves nothing behind. */
		if ((st = fd_db_exec(db, "SAVEPOINT redo", err)))
			break;
		/* Trusted: this is only the local picture; the server checks rights. */
		enum fd_status ost = p[i].op.payload ? fd_store_apply_recorded(db, &p[i].op, FD_APPLY_TRUSTED,
		                                                               NULL, &cs, &n_cs, &op_err)
		                                     : FD_E_INVALID;
		if (ost) {
			fd_db_exec(db, "ROLLBACK TO redo", NULL);
			sqlite3_free(cs);
			cs = NULL;
			n_cs = 0;
		}
		st = fd_db_exec(db, "RELEASE redo", err);
		if (!st)
			st = save_changeset(db, p[i].seq, cs, n_cs, err);
		sqlite3_free(cs);
	}
	for (int i = 0; i < n; i++)
		fd_op_clear(&p[i].op);
	free(p);
	return st;
}
