// SPDX-License-Identifier: GPL-3.0-or-later
/* The overlay: each pending operation's local effect, recorded as a SQLite
 * session changeset when it was applied (fd_store_apply with FD_STORE_OUTBOX),
 * undone before server state is written and redone after. Undo runs newest
 * first on exactly the state the changesets were recorded against, so it is
 * exact; the conflict handler (src/store/outbox.c) only tolerates what
 * cannot matter. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/op.h"
#include "store/oplog.h"
#include "store/cache.h"
#include "store/outbox.h"
#include "sync/sync_internal.h"

struct fd_db *sync_db_open(const char *path, struct fd_error *err)
{
	struct fd_db *db = fd_db_open(path, 0, err);
	if (!db)
		return NULL;
	/* Foreign keys off: a page's rows arrive in any order. */
	fd_cache_tune_for_sync(db);
	return db;
}

/* See core migration 6 (src/sync/schema_sync.c): while this is set in the
 * current transaction, folio lines may be taken back. */
enum fd_status sync_replay_begin(struct fd_db *db, struct fd_error *err)
{
	return fd_outbox_replay_begin(db, err);
}

enum fd_status sync_replay_end(struct fd_db *db, struct fd_error *err)
{
	return fd_outbox_replay_end(db, err);
}

enum fd_status sync_overlay_undo(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = sync_replay_begin(db, err);
	if (!st)
		st = fd_outbox_undo_overlay(db, err);
	if (!st)
		st = sync_replay_end(db, err);
	return st;
}

struct pending {
	int64_t seq;
	struct fd_op op;
};

struct pending_list {
	struct pending *p;
	int n, cap;
	bool nomem;
};

static bool add_pending(void *ctx, const struct fd_outbox_row *row)
{
	struct pending_list *l = ctx;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct pending *p = realloc(l->p, (size_t)cap * sizeof *p);
		if (!p) {
			l->nomem = true;
			return false;
		}
		l->p = p;
		l->cap = cap;
	}
	struct pending *p = &l->p[l->n++];
	fd_op_init(&p->op);
	p->seq = row->device_seq;
	p->op.device_seq = p->seq;
	snprintf(p->op.op_id, sizeof p->op.op_id, "%s", row->op_id);
	snprintf(p->op.type, sizeof p->op.type, "%s", row->type);
	snprintf(p->op.actor, sizeof p->op.actor, "%s", row->actor);
	p->op.created_at = row->created_at;
	p->op.payload = cJSON_Parse(row->payload);
	return true;
}

/* Load the overlaid operations (oldest first). */
static enum fd_status load_pending(struct fd_db *db, struct pending **out, int *n, struct fd_error *err)
{
	struct pending_list l = {0};
	enum fd_status st = fd_outbox_overlaid(db, add_pending, &l, err);
	if (!st && l.nomem)
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	*out = l.p;
	*n = l.n;
	return st;
}

enum fd_status sync_overlay_redo(struct fd_db *db, int64_t cursor, struct fd_error *err)
{
	enum fd_status st = fd_outbox_unoverlay(db, cursor, err);
	if (st)
		return st;
	struct pending *p;
	int n;
	st = load_pending(db, &p, &n, err);
	for (int i = 0; i < n && st == FD_OK; i++) {
		void *cs = NULL;
		int n_cs = 0;
		struct fd_error op_err = {0};
		/* A savepoint per operation: one that fails leaves nothing behind. */
		if ((st = fd_db_savepoint(db, err)))
			break;
		/* Trusted: this is only the local picture; the server checks rights. */
		enum fd_status ost = p[i].op.payload ? fd_store_apply_recorded(db, &p[i].op, FD_APPLY_TRUSTED,
		                                                               NULL, &cs, &n_cs, &op_err)
		                                     : FD_E_INVALID;
		if (ost) {
			fd_db_savepoint_rollback(db);
			sqlite3_free(cs);
			cs = NULL;
			n_cs = 0;
		} else {
			st = fd_db_savepoint_release(db, err);
		}
		if (!st)
			st = fd_outbox_save_changeset(db, p[i].seq, cs, n_cs, err);
		sqlite3_free(cs);
	}
	for (int i = 0; i < n; i++)
		fd_op_clear(&p[i].op);
	free(p);
	return st;
}
