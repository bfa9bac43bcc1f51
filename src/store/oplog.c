// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/oplog.h"
#include "store/privacy.h"
#include "store/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db_internal.h"
#include "store/ids.h"
#include "store/record.h"

void fd_op_prepare(struct fd_op *op, const char *type, const char *actor, const char *device)
{
	fd_uuid_v7_new(op->op_id);
	snprintf(op->type, sizeof op->type, "%s", type);
	snprintf(op->actor, sizeof op->actor, "%s", actor ? actor : "");
	snprintf(op->device, sizeof op->device, "%s", device ? device : "");
	op->created_at = (int64_t)time(NULL);
}

char *fd_store_new_booking_code(struct fd_db *db, char out[FD_CODE_LEN])
{
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_booking b;
	for (int tries = 0; tries < 20; tries++) {
		fd_booking_code_new(out);
		if (repo->get_booking(repo->ctx, out, &b, NULL) == FD_E_NOT_FOUND)
			break;
	}
	return out;
}

/* The next device_seq: one past the outbox's last, or past the floor in
 * meta that fd_outbox_prune leaves when it forgets the newest rows. Read,
 * not written: an UPSERT of meta at every operation was one more page in
 * each operation's synchronous commit (8 -> 7 WAL frames per
 * room.set_clean at a 100k-booking terminal). */
enum fd_status fd_store_next_seq(struct fd_db *db, int64_t *seq, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT max(coalesce((SELECT max(device_seq) FROM outbox), 0),"
	                             " coalesce((SELECT CAST(value AS INTEGER) FROM meta"
	                             " WHERE key = 'device_seq'), 0))",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(s);
	*seq = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) + 1 : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "numbering an operation");
}

enum fd_status fd_store_audit(struct fd_db *db, const struct fd_op *op, const struct fd_op_result *res,
                              struct fd_error *err)
{
	char *payload = NULL;
	if (strcmp(res->entity, "guest") == 0 && res->id[0]) {
		bool fresh = strcmp(op->type, "guest.create") == 0;
		enum fd_status st = fd_privacy_seal(db, res->id, fresh, op->payload, &payload, err);
		if (st)
			return st;
	} else {
		payload = cJSON_PrintUnformatted(op->payload);
	}
	struct fd_audit_row r = {
	    .op_id = op->op_id,
	    .device = op->device,
	    .actor = op->actor,
	    .type = op->type,
	    .entity = res->entity,
	    .entity_id = res->id,
	    .payload = payload ? payload : "{}",
	    .created_at = op->created_at,
	    .outcome = "applied",
	    .code = "",
	    .reason = "",
	};
	enum fd_status st = fd_audit_append(db, &r, err);
	free(payload);
	return st;
}

enum fd_status fd_store_apply_recorded(struct fd_db *db, const struct fd_op *op, unsigned flags,
                                       struct fd_op_result *res, void **changeset, int *n_changeset,
                                       struct fd_error *err)
{
	*changeset = NULL;
	*n_changeset = 0;
	enum fd_status st = fd_record_begin(db, err);
	if (st)
		return st;
	st = fd_op_apply(fd_db_repo(db), op, flags & 0xff, res, err);
	if (st)
		fd_record_abandon(db);
	else
		st = fd_record_end(db, changeset, n_changeset, err);
	return st;
}

static enum fd_status outbox_append(struct fd_db *db, struct fd_op *op, const void *cs, int n_cs,
                                    struct fd_error *err)
{
	enum fd_status st = fd_store_next_seq(db, &op->device_seq, err);
	if (st)
		return st;
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "INSERT INTO outbox (device_seq, op_id, type, actor, created_at, payload,"
	               " changeset, sig) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	char *payload = cJSON_PrintUnformatted(op->payload);
	sqlite3_bind_int64(s, 1, op->device_seq);
	sqlite3_bind_text(s, 2, op->op_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, op->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, op->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, op->created_at);
	sqlite3_bind_text(s, 6, payload ? payload : "{}", -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 7, cs, n_cs, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, op->sig, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(payload);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "queueing an operation for sync");
}

enum fd_status fd_store_apply(struct fd_db *db, struct fd_op *ops, int n, unsigned flags,
                              struct fd_op_result *results, int *failed, struct fd_error *err)
{
	return fd_store_apply_progress(db, ops, n, flags, results, failed, NULL, NULL, err);
}

enum fd_status fd_store_apply_progress(struct fd_db *db, struct fd_op *ops, int n, unsigned flags,
                                       struct fd_op_result *results, int *failed,
                                       void (*progress)(void *ctx, long done, long total), void *progress_ctx,
                                       struct fd_error *err)
{
	int bad = -1;
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	/* A batch's search entries are indexed once, before its COMMIT
	 * (core step 50): per statement, each guest and booking was a
	 * segment of the index of its own, and their merges. One operation
	 * gains nothing by it. */
	bool defer = n > 1 && !(flags & FD_STORE_CHECK);
	if (defer)
		st = fd_search_defer(db, err);
	for (int i = 0; i < n && !st; i++) {
		struct fd_op_result local = {0};
		struct fd_op_result *res = results ? &results[i] : &local;
		void *cs = NULL;
		int n_cs = 0;
		/* An enrolled terminal keeps each operation's changeset with it. */
		if ((flags & FD_STORE_OUTBOX) && !(flags & FD_STORE_CHECK))
			st = fd_store_apply_recorded(db, &ops[i], flags, res, &cs, &n_cs, err);
		else
			st = fd_op_apply(fd_db_repo(db), &ops[i], flags & 0xff, res, err);
		if (flags & FD_STORE_CHECK)
			continue;
		if (!st)
			st = fd_store_audit(db, &ops[i], res, err);
		if (!st && (flags & FD_STORE_OUTBOX))
			st = outbox_append(db, &ops[i], cs, n_cs, err);
		sqlite3_free(cs);
		if (st)
			bad = i;
		else if (progress)
			progress(progress_ctx, (long)i + 1, (long)n);
	}
	if (st || (flags & FD_STORE_CHECK)) {
		fd_db_rollback(db);
		/* A refusal is recorded too (who, what, why), in its own
		 * transaction: the refused operation's was rolled back. */
		if (failed)
			*failed = bad;
		if (st && !(flags & FD_STORE_CHECK) && bad >= 0 && err && fd_store_is_refusal(st)) {
			struct fd_error scratch = {0};
			fd_audit_refusal(db, &ops[bad], err, &scratch);
		}
		return st;
	}
	if (defer && (st = fd_search_undefer(db, err))) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

bool fd_store_is_refusal(enum fd_status st)
{
	return st == FD_E_CONFLICT || st == FD_E_INVALID || st == FD_E_NOT_FOUND || st == FD_E_FORBIDDEN;
}
