// SPDX-License-Identifier: GPL-3.0-or-later
/* One push and one pull: the two exchanges of the protocol (see the
 * comment at the top of src/server/api.c for the wire form). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/op.h"
#include "sync/sync_internal.h"

static enum fd_status token(struct fd_db *db, char *out, size_t size, struct fd_error *err)
{
	if (fd_db_meta_get(db, "session_token", out, size, NULL) == FD_OK && out[0])
		return FD_OK;
	return fd_fail(err, FD_E_FORBIDDEN, "no_session", NULL,
	               _("Nobody is signed in online on this terminal; run 'frontdesk login USER' while the "
	                 "server is reachable."));
}

/* The next batch of queued operations, oldest first, in wire form. */
static cJSON *next_batch(struct fd_db *db, int limit, char device[FD_DEVICE_LEN], struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT device_seq, op_id, type, actor, created_at, payload, sig FROM outbox"
	               " WHERE state = 'pending' ORDER BY device_seq LIMIT ?1",
	               err);
	if (!s)
		return NULL;
	sqlite3_bind_int(s, 1, limit);
	cJSON *ops = cJSON_CreateArray();
	while (sqlite3_step(s) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "op_id", (const char *)sqlite3_column_text(s, 1));
		cJSON_AddStringToObject(o, "device", device);
		cJSON_AddNumberToObject(o, "device_seq", (double)sqlite3_column_int64(s, 0));
		cJSON_AddStringToObject(o, "type", (const char *)sqlite3_column_text(s, 2));
		cJSON_AddStringToObject(o, "actor", (const char *)sqlite3_column_text(s, 3));
		cJSON_AddNumberToObject(o, "created_at", (double)sqlite3_column_int64(s, 4));
		cJSON *p = cJSON_Parse((const char *)sqlite3_column_text(s, 5));
		cJSON_AddItemToObject(o, "payload", p ? p : cJSON_CreateObject());
		const char *sig = (const char *)sqlite3_column_text(s, 6);
		if (sig && sig[0])
			cJSON_AddStringToObject(o, "sig", sig);
		cJSON_AddItemToArray(ops, o);
	}
	sqlite3_reset(s);
	return ops;
}

/* Record the server's verdict for each operation (one transaction). */
static enum fd_status record_results(struct fd_db *db, const cJSON *doc, int *settled, struct fd_error *err)
{
	const cJSON *results = cJSON_GetObjectItemCaseSensitive(doc, "results");
	const cJSON *last = cJSON_GetObjectItemCaseSensitive(doc, "seq");
	int64_t last_seq = cJSON_IsNumber(last) ? (int64_t)last->valuedouble : 0;
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	const cJSON *r;
	cJSON_ArrayForEach(r, results)
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(r, "op_id");
		const cJSON *status = cJSON_GetObjectItemCaseSensitive(r, "status");
		if (!cJSON_IsString(id) || !cJSON_IsString(status))
			continue;
		const char *verdict = status->valuestring;
		if (strcmp(verdict, "duplicate") == 0) {
			const cJSON *rs = cJSON_GetObjectItemCaseSensitive(r, "recorded_status");
			verdict = cJSON_IsString(rs) ? rs->valuestring : "applied";
		}
		if (strcmp(verdict, "applied") != 0 && strcmp(verdict, "rejected") != 0)
			continue;
		const cJSON *seq = cJSON_GetObjectItemCaseSensitive(r, "seq");
		int64_t at = cJSON_IsNumber(seq) ? (int64_t)seq->valuedouble : last_seq;
		char *text = cJSON_PrintUnformatted(r);
		sqlite3_stmt *s = fd_db_stmt(db,
		                             "UPDATE outbox SET state = ?2, result = ?3, result_seq = ?4"
		                             " WHERE op_id = ?1 AND state = 'pending'",
		                             err);
		if (!s) {
			free(text);
			st = err->status;
			break;
		}
		sqlite3_bind_text(s, 1, id->valuestring, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, verdict, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, text ? text : "{}", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, at);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		free(text);
		if (rc != SQLITE_DONE) {
			st = fd_db_fail(db, err, "recording the server's answer");
			break;
		}
		*settled += sqlite3_changes(fd_db_handle(db));
	}
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

/* The server expects device_seq `expected`: it lost what we pushed after it
 * (restored from a backup) or we lost its answers. Queue again everything
 * from there; op ids make a repeat harmless. */
static enum fd_status requeue_from(struct fd_db *db, int64_t expected, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "UPDATE outbox SET state = 'pending', result_seq = NULL"
	                             " WHERE device_seq >= ?1 AND state <> 'pending'",
	                             err);
	if (!s)
		return err->status;
	sqlite3_bind_int64(s, 1, expected);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "queueing operations again");
}

enum fd_status sync_push(struct fd_db *db, struct sync_http *h, int batch, int *pushed, struct fd_error *err)
{
	char tok[128], device[FD_DEVICE_LEN] = "";
	*pushed = 0;
	enum fd_status st = token(db, tok, sizeof tok, err);
	if (st)
		return st;
	fd_db_meta_get(db, "device_id", device, sizeof device, NULL);
	int requeues = 0;
	for (;;) {
		cJSON *ops = next_batch(db, batch, device, err);
		if (!ops)
			return err->status;
		if (cJSON_GetArraySize(ops) == 0) {
			cJSON_Delete(ops);
			return FD_OK;
		}
		cJSON *body = cJSON_CreateObject();
		cJSON_AddItemToObject(body, "ops", ops);
		long status;
		cJSON *resp = NULL;
		st = sync_http_json(h, "POST", "/v1/ops", body, tok, 60, &status, &resp, NULL, err);
		cJSON_Delete(body);
		if (st) {
			cJSON_Delete(resp);
			return st;
		}
		if (status == 200) {
			int n = 0;
			st = record_results(db, resp, &n, err);
			cJSON_Delete(resp);
			if (st)
				return st;
			*pushed += n;
			if (n == 0) /* nothing settled: do not spin */
				return fd_fail(err, FD_E_IO, "bad_answer", NULL,
				               _("The server answered a push without results."));
			continue;
		}
		const cJSON *exp = cJSON_GetObjectItemCaseSensitive(resp, "expected");
		if (status == 409 && cJSON_IsNumber(exp) && requeues++ < 2) {
			st = requeue_from(db, (int64_t)exp->valuedouble, err);
			cJSON_Delete(resp);
			if (st)
				return st;
			continue;
		}
		st = sync_http_error(status, resp, _("the queued operations"), err);
		cJSON_Delete(resp);
		return st;
	}
}

static enum fd_status resnapshot(struct fd_db *db, struct sync_http *h, const char *tok, struct fd_error *err)
{
	long status;
	cJSON *snap = NULL;
	enum fd_status st =
	    sync_http_json(h, "GET", "/v1/snapshot", NULL, tok, 300, &status, &snap, NULL, err);
	if (!st && status != 200)
		st = sync_http_error(status, snap, _("the snapshot"), err);
	if (!st)
		st = sync_apply_snapshot(db, snap, err);
	cJSON_Delete(snap);
	return st;
}

/* Rows whose result the cursor has reached: settle them without a page. */
static bool settle_due(struct fd_db *db, int64_t cursor)
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

enum fd_status sync_pull(struct fd_db *db, struct sync_http *h, int limit, int wait, bool *more, int *got,
                         struct fd_error *err)
{
	char tok[128], epoch[80] = "", path[256];
	*more = false;
	*got = 0;
	enum fd_status st = token(db, tok, sizeof tok, err);
	if (st)
		return st;
	int64_t cursor = sync_meta_int(db, "sync_cursor", 0);
	if (settle_due(db, cursor) && (st = sync_settle(db, err)))
		return st;
	fd_db_meta_get(db, "sync_epoch", epoch, sizeof epoch, NULL);
	snprintf(path, sizeof path, "/v1/changes?since=%" PRId64 "&limit=%d&wait=%d%s%s", cursor, limit, wait,
	         epoch[0] ? "&epoch=" : "", epoch);
	long status;
	cJSON *doc = NULL;
	st = sync_http_json(h, "GET", path, NULL, tok, wait + 15, &status, &doc, NULL, err);
	if (st) {
		cJSON_Delete(doc);
		return st;
	}
	if (status == 410) {
		cJSON_Delete(doc);
		*more = true; /* follow the feed from the snapshot's sequence */
		return resnapshot(db, h, tok, err);
	}
	if (status != 200) {
		st = sync_http_error(status, doc, _("reading the change feed"), err);
		cJSON_Delete(doc);
		return st;
	}
	const cJSON *changes = cJSON_GetObjectItemCaseSensitive(doc, "changes");
	const cJSON *next = cJSON_GetObjectItemCaseSensitive(doc, "next");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "epoch");
	if (!cJSON_IsArray(changes) || !cJSON_IsNumber(next) || !cJSON_IsString(e)) {
		cJSON_Delete(doc);
		return fd_fail(err, FD_E_IO, "bad_answer", NULL,
		               _("The server sent an unreadable change feed."));
	}
	if (!epoch[0] && (st = fd_db_meta_set(db, "sync_epoch", e->valuestring, err))) {
		cJSON_Delete(doc);
		return st;
	}
	*more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "more"));
	*got = cJSON_GetArraySize(changes);
	if (*got > 0)
		st = sync_apply_page(db, changes, (int64_t)next->valuedouble, err);
	cJSON_Delete(doc);
	return st;
}
