#include "config.h"
#include "store/oplog.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db_internal.h"
#include "store/ids.h"

void fd_op_prepare(struct fd_op *op, const char *type, const char *actor, const char *device)
{
	fd_uuid_new(op->op_id);
	snprintf(op->type, sizeof op->type, "%s", type);
	snprintf(op->actor, sizeof op->actor, "%s", actor ? actor : "");
	snprintf(op->device, sizeof op->device, "%s", device ? device : "");
	op->created_at = (int64_t)time(NULL);
}

enum fd_status fd_store_next_seq(struct fd_db *db, int64_t *seq, struct fd_error *err)
{
	char buf[32];
	enum fd_status st = fd_db_meta_get(db, "device_seq", buf, sizeof buf, err);
	if (st && st != FD_E_NOT_FOUND)
		return st;
	*seq = (st == FD_E_NOT_FOUND ? 0 : strtoll(buf, NULL, 10)) + 1;
	snprintf(buf, sizeof buf, "%" PRId64, *seq);
	return fd_db_meta_set(db, "device_seq", buf, err);
}

enum fd_status fd_store_audit(struct fd_db *db, const struct fd_op *op, const struct fd_op_result *res,
			      struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "INSERT INTO audit_log (op_id, device, actor, type, entity,"
					 " entity_id, payload, created_at, applied_at)"
					 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!s)
		return err->status;
	char *payload = cJSON_PrintUnformatted(op->payload);
	sqlite3_bind_text(s, 1, op->op_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, op->device, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, op->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, op->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, res->entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, res->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, payload ? payload : "{}", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 8, op->created_at);
	sqlite3_bind_int64(s, 9, (int64_t)time(NULL));
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(payload);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "writing the audit log");
}

static enum fd_status outbox_append(struct fd_db *db, struct fd_op *op, struct fd_error *err)
{
	enum fd_status st = fd_store_next_seq(db, &op->device_seq, err);
	if (st)
		return st;
	sqlite3_stmt *s = fd_db_stmt(db, "INSERT INTO outbox (device_seq, op_id, type, actor, created_at, payload)"
					 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!s)
		return err->status;
	char *payload = cJSON_PrintUnformatted(op->payload);
	sqlite3_bind_int64(s, 1, op->device_seq);
	sqlite3_bind_text(s, 2, op->op_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, op->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, op->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, op->created_at);
	sqlite3_bind_text(s, 6, payload ? payload : "{}", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(payload);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "queueing an operation for sync");
}

enum fd_status fd_store_apply(struct fd_db *db, struct fd_op *ops, int n, unsigned flags,
			      struct fd_op_result *results, int *failed, struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	for (int i = 0; i < n && !st; i++) {
		struct fd_op_result local;
		struct fd_op_result *res = results ? &results[i] : &local;
		st = fd_op_apply(fd_db_repo(db), &ops[i], flags & 0xff, res, err);
		if (!st)
			st = fd_store_audit(db, &ops[i], res, err);
		if (!st && (flags & FD_STORE_OUTBOX))
			st = outbox_append(db, &ops[i], err);
		if (st && failed)
			*failed = i;
	}
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}
