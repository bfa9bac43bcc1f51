// SPDX-License-Identifier: GPL-3.0-or-later
/* The administration a terminal does through the server (the application's
 * administration pane, issue 17), on the SQLite path:
 *
 *   POST /v1/staff {"op": <staff.create>, "password"} -> 201 {"username","seq"}
 *     the operation judged by core as the session's user (staff.create:
 *     administrators) and the person's password set in the same
 *     transaction, so they can sign in on every terminal at once. The
 *     password is checked by the server's policy and kept only as its
 *     Argon2id hash; the audit log records the operation, never the
 *     password.
 *   POST /v1/staff/{username}/password {"password"} -> 200 {"username","sessions_ended"}
 *     a new password (core/perm.h fd_perm_password_allows: an administrator
 *     anyone's, a manager those below them); their sessions end.
 *   GET /v1/devices -> 200 {"devices":[{"id","name","enrolled_at","last_seen",
 *     "revoked","revoked_at","revoked_by","current","users":[{"username","last_at"}]}]}
 *   POST /v1/devices/{id}/revoke -> 200 {"id","revoked_at"}: its token and
 *     sessions stop working at once (401 "device_revoked").
 *   POST /v1/enroll-codes {"ttl"?: seconds} -> 201 {"code","expires_at"}
 *     a one-time enrolment code for a new terminal.
 *   GET /v1/devices/current (device token) -> 200 {"device_id","name"}, or
 *     401 "device_revoked": how a terminal learns it was revoked.
 *
 * Every change here is recorded in the audit log with the session and
 * device it came through. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/perm.h"
#include "server/log.h"
#include "server/reply.h"
#include "server/route.h"
#include "server/admin_api.h"
#include "server/server.h"
#include "store/audit.h"
#include "store/ids.h"
#include "store/oplog.h"

#define PW_MAX 256

void srv_audit_event(const struct srv_caller *c, const char *type, const char *entity, const char *id,
                     char op_id[FD_ID_LEN], struct fd_audit_row *row)
{
	*row = (struct fd_audit_row){
	    .op_id = fd_uuid_new(op_id),
	    .device = c->device,
	    .actor = c->username,
	    .type = type,
	    .entity = entity,
	    .entity_id = id,
	    .payload = "{}",
	    .created_at = (int64_t)time(NULL),
	    .outcome = "applied",
	    .session = c->session_id,
	};
}

/* The row of srv_audit_event in the SQLite audit log. */
static enum fd_status audit_event(struct fd_db *db, const struct srv_caller *c, const char *type,
                                  const char *entity, const char *id, struct fd_error *err)
{
	char op_id[FD_ID_LEN];
	struct fd_audit_row row;
	srv_audit_event(c, type, entity, id, op_id, &row);
	return fd_audit_append(db, &row, err);
}

/* The password member of body into pw (wiped from the body at once). */
static enum fd_status take_password(cJSON *body, char pw[PW_MAX], struct fd_error *err)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(body, "password");
	enum fd_status st = srv_json_str(body, "password", pw, PW_MAX, true, err);
	if (cJSON_IsString(v))
		sodium_memzero(v->valuestring, strlen(v->valuestring));
	return st ? st : srv_password_check_policy(pw, err);
}

/* End the write begun under wlock (rolled back unless st is FD_OK); the
 * last change sequence, long-polls woken for it. */
static int64_t finish_write(struct srv *s, enum fd_status st)
{
	if (st)
		fd_db_rollback(s->wdb);
	s->hook.op_id[0] = '\0';
	int64_t seq = srv_last_seq(s->wdb);
	pthread_mutex_unlock(&s->wlock);
	if (!st)
		srv_changed(s, seq);
	return seq;
}

void srv_admin_staff_create(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                            struct srv_resp *out)
{
	(void)state;
	static const char *const fields[] = {"op", "password", NULL};
	struct fd_error err = {0};
	char pw[PW_MAX] = "";
	cJSON *body = NULL;
	struct fd_op op;
	fd_op_init(&op);
	if (srv_body_parse(r, fields, &body, &err) || take_password(body, pw, &err) ||
	    fd_op_from_json(cJSON_GetObjectItemCaseSensitive(body, "op"), &op, &err)) {
		cJSON_Delete(body);
		sodium_memzero(pw, sizeof pw);
		fd_op_clear(&op);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON_Delete(body);
	if (strcmp(op.type, "staff.create") != 0) {
		sodium_memzero(pw, sizeof pw);
		fd_op_clear(&op);
		srv_resp_error(out, 400, "invalid_field", "op.type",
		               "This endpoint adds staff: the operation must be staff.create, not %s.",
		               op.type);
		return;
	}
	/* The session decides who acts and where from. */
	snprintf(op.actor, sizeof op.actor, "%s", c->username);
	snprintf(op.device, sizeof op.device, "%s", c->device);
	op.device_seq = 0;
	op.created_at = (int64_t)time(NULL);
	struct fd_op_result res;
	struct fd_error why = {0};
	enum fd_status st;
	bool refused = false;
	int64_t seq = 0;
	if (s->pg) { /* pg_admin.c */
		st = srv_pg_staff_add(s, c, &op, pw, &seq, &out->audited, &err);
		goto answer;
	}
	pthread_mutex_lock(&s->wlock);
	fd_db_set_audit_session(s->wdb, c->session_id);
	st = fd_db_begin(s->wdb, &err);
	if (!st) {
		snprintf(s->hook.op_id, sizeof s->hook.op_id, "%s", op.op_id);
		st = fd_op_apply(fd_db_repo(s->wdb), &op, 0, &res, &why);
		if (!st)
			st = fd_store_audit(s->wdb, &op, &res, &why);
		if (!st) {
			const cJSON *u = cJSON_GetObjectItemCaseSensitive(op.payload, "username");
			st = srv_set_password(s->wdb, cJSON_IsString(u) ? u->valuestring : "", pw, &why);
		}
		if (st)
			err = why;
		if (!st)
			st = fd_db_commit(s->wdb, &err);
	}
	refused = st && fd_store_is_refusal(st);
	seq = finish_write(s, st);
answer:
	sodium_memzero(pw, sizeof pw);
	if (refused) {
		/* Who tried, and why it was refused, in the audit log's chain. */
		pthread_mutex_lock(&s->wlock);
		struct fd_error ignore = {0};
		fd_audit_refusal(s->wdb, &op, &err, &ignore);
		pthread_mutex_unlock(&s->wlock);
		out->audited = true;
	}
	if (st) {
		fd_op_clear(&op);
		srv_resp_fd_error(out, &err);
		return;
	}
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(op.payload, "username");
	srv_log(SRV_LOG_INFO, "staff member \"%s\" added by \"%s\" on device %s",
	        cJSON_IsString(u) ? u->valuestring : "?", c->username, c->device);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "username", cJSON_IsString(u) ? u->valuestring : "");
	cJSON_AddNumberToObject(doc, "seq", (double)seq);
	fd_op_clear(&op);
	srv_resp_json(out, 201, doc);
}

void srv_admin_staff_password(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                              void **state, struct srv_resp *out)
{
	(void)state;
	static const char *const fields[] = {"password", NULL};
	struct fd_error err = {0};
	char pw[PW_MAX] = "";
	cJSON *body = NULL;
	if (srv_body_parse(r, fields, &body, &err) || take_password(body, pw, &err)) {
		cJSON_Delete(body);
		sodium_memzero(pw, sizeof pw);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON_Delete(body);
	const char *user = r->param;
	int ended = 0;
	enum fd_status st;
	if (s->pg) { /* pg_admin.c */
		st = srv_pg_password_set(s, c, user, pw, &ended, &err);
		goto answer;
	}
	pthread_mutex_lock(&s->wlock);
	fd_db_set_audit_session(s->wdb, c->session_id);
	struct fd_staff target;
	const struct fd_repo *repo = fd_db_repo(s->wdb);
	st = fd_db_begin(s->wdb, &err);
	if (!st && (st = repo->get_staff(repo->ctx, user, &target, &err)) == FD_E_NOT_FOUND)
		fd_fail(&err, st, "not_found", "username", "No staff member \"%s\".", user);
	if (!st && !fd_perm_password_allows(c->role, target.role))
		st = fd_fail(&err, FD_E_FORBIDDEN, "forbidden", "username",
		             "Role %s may not set the password of %s (role %s): a manager sets those of "
		             "staff below them, an administrator anyone's.",
		             fd_role_name(c->role), user, fd_role_name(target.role));
	if (!st && !(st = srv_set_password(s->wdb, user, pw, &err))) {
		sqlite3_stmt *q =
		    fd_db_stmt(s->wdb, "SELECT count(*) FROM srv_sessions WHERE username = ?1", &err);
		if (q) {
			sqlite3_bind_text(q, 1, user, -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_ROW)
				ended = sqlite3_column_int(q, 0);
			sqlite3_reset(q);
		}
		st = srv_end_sessions(s->wdb, user, &err);
	}
	if (!st)
		st = audit_event(s->wdb, c, "staff.password", "staff", user, &err);
	if (!st)
		st = fd_db_commit(s->wdb, &err);
	finish_write(s, st);
answer:
	sodium_memzero(pw, sizeof pw);
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_log(SRV_LOG_INFO, "password of \"%s\" set by \"%s\" on device %s", user, c->username, c->device);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "username", user);
	cJSON_AddNumberToObject(doc, "sessions_ended", ended);
	srv_resp_json(out, 200, doc);
}

void srv_admin_devices(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                       struct srv_resp *out)
{
	if (s->pg) { /* pg_lists.c */
		srv_pg_devices(s, r, c, out);
		return;
	}
	(void)r, (void)state;
	struct fd_error err = {0};
	struct fd_db *db = srv_reader(s, &err);
	sqlite3_stmt *q =
	    db ? fd_db_stmt(
	             db,
	             "SELECT d.id, d.name, d.enrolled_at, d.revoked, d.revoked_at, d.revoked_by,"
	             " max(d.last_push_at, d.last_pull_at,"
	             " coalesce((SELECT max(x.last_seen) FROM srv_sessions x WHERE x.device = d.id), 0))"
	             " FROM srv_devices d ORDER BY d.revoked, d.name, d.id",
	             &err)
	       : NULL;
	sqlite3_stmt *u = db ? fd_db_stmt(db,
	                                  "SELECT username, max(first_at, last_at) FROM srv_device_users"
	                                  " WHERE device = ?1 ORDER BY 2 DESC, username LIMIT 5",
	                                  &err)
	                     : NULL;
	if (!q || !u) {
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(doc, "devices");
	while (sqlite3_step(q) == SQLITE_ROW) {
		cJSON *d = cJSON_CreateObject();
		const char *id = (const char *)sqlite3_column_text(q, 0);
		cJSON_AddStringToObject(d, "id", id);
		cJSON_AddStringToObject(d, "name", (const char *)sqlite3_column_text(q, 1));
		cJSON_AddNumberToObject(d, "enrolled_at", (double)sqlite3_column_int64(q, 2));
		cJSON_AddNumberToObject(d, "last_seen", (double)sqlite3_column_int64(q, 6));
		cJSON_AddBoolToObject(d, "revoked", sqlite3_column_int(q, 3) != 0);
		cJSON_AddNumberToObject(d, "revoked_at", (double)sqlite3_column_int64(q, 4));
		cJSON_AddStringToObject(d, "revoked_by", (const char *)sqlite3_column_text(q, 5));
		cJSON_AddBoolToObject(d, "current", strcmp(id, c->device) == 0);
		cJSON *users = cJSON_AddArrayToObject(d, "users");
		sqlite3_bind_text(u, 1, id, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(u) == SQLITE_ROW) {
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "username", (const char *)sqlite3_column_text(u, 0));
			cJSON_AddNumberToObject(x, "last_at", (double)sqlite3_column_int64(u, 1));
			cJSON_AddItemToArray(users, x);
		}
		sqlite3_reset(u);
		cJSON_AddItemToArray(list, d);
	}
	sqlite3_reset(q);
	srv_resp_json(out, 200, doc);
}

void srv_admin_device_revoke(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                             struct srv_resp *out)
{
	if (s->pg) { /* pg_lists.c */
		srv_pg_device_revoke(s, r, c, out);
		return;
	}
	(void)state;
	struct fd_error err = {0};
	const char *id = r->param;
	if (strcmp(id, c->device) == 0) {
		srv_resp_error(out, 409, "own_device", "id",
		               "Device %s is the terminal this request comes from; revoke it from another "
		               "terminal (or 'frontdeskd device revoke ID').",
		               id);
		return;
	}
	int64_t now = (int64_t)time(NULL);
	int changed = 0;
	pthread_mutex_lock(&s->wlock);
	fd_db_set_audit_session(s->wdb, c->session_id);
	enum fd_status st = fd_db_begin(s->wdb, &err);
	sqlite3_stmt *q = st ? NULL
	                     : fd_db_stmt(s->wdb,
	                                  "UPDATE srv_devices SET revoked = 1,"
	                                  " revoked_at = CASE revoked WHEN 1 THEN revoked_at ELSE ?2 END,"
	                                  " revoked_by = CASE revoked WHEN 1 THEN revoked_by ELSE ?3 END"
	                                  " WHERE id = ?1",
	                                  &err);
	if (!st && !q)
		st = err.status;
	if (q) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, now);
		sqlite3_bind_text(q, 3, c->username, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_DONE)
			changed = sqlite3_changes(fd_db_handle(s->wdb));
		else
			st = fd_db_fail(s->wdb, &err, "revoking a device");
		sqlite3_reset(q);
	}
	if (!st && !changed)
		st = fd_fail(&err, FD_E_NOT_FOUND, "not_found", "id", "No enrolled device %s.", id);
	if (!st && (q = fd_db_stmt(s->wdb, "DELETE FROM srv_sessions WHERE device = ?1", &err))) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_DONE)
			st = fd_db_fail(s->wdb, &err, "ending a device's sessions");
		sqlite3_reset(q);
	} else if (!st) {
		st = err.status;
	}
	if (!st)
		st = audit_event(s->wdb, c, "device.revoke", "device", id, &err);
	if (!st)
		st = fd_db_commit(s->wdb, &err);
	finish_write(s, st);
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_log(SRV_LOG_INFO, "device %s revoked by \"%s\"", id, c->username);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "id", id);
	cJSON_AddNumberToObject(doc, "revoked_at", (double)now);
	srv_resp_json(out, 200, doc);
}

void srv_admin_enroll_code(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                           struct srv_resp *out)
{
	(void)state;
	static const char *const fields[] = {"ttl", NULL};
	struct fd_error err = {0};
	cJSON *body = NULL;
	int64_t ttl = 24 * 3600;
	if (r->body_len && srv_body_parse(r, fields, &body, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(body, "ttl");
	if (t && (!cJSON_IsNumber(t) || t->valuedouble < 60 || t->valuedouble > 30 * 86400)) {
		cJSON_Delete(body);
		srv_resp_error(
		    out, 400, "invalid_field", "ttl",
		    "Field \"ttl\" must be the seconds the code works, from 60 to 2592000 (30 days).");
		return;
	}
	if (t)
		ttl = (int64_t)t->valuedouble;
	cJSON_Delete(body);
	char code[SRV_TOKEN_LEN];
	enum fd_status st;
	if (s->pg) { /* pg_admin.c: a code for the caller's hotel */
		st = srv_pg_enroll_code_new(s, c, ttl, code, &err);
		goto answer;
	}
	pthread_mutex_lock(&s->wlock);
	fd_db_set_audit_session(s->wdb, c->session_id);
	st = fd_db_begin(s->wdb, &err);
	if (!st)
		st = srv_enroll_code_new(s->wdb, ttl, code, &err);
	if (!st)
		st = audit_event(s->wdb, c, "device.enroll_code", "device", "", &err);
	if (!st)
		st = fd_db_commit(s->wdb, &err);
	finish_write(s, st);
answer:
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_log(SRV_LOG_INFO, "enrolment code made by \"%s\" (valid %lld s)", c->username, (long long)ttl);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "code", code);
	cJSON_AddNumberToObject(doc, "expires_at", (double)((int64_t)time(NULL) + ttl));
	sodium_memzero(code, sizeof code);
	srv_resp_json(out, 201, doc);
}

void srv_admin_device_current(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                              void **state, struct srv_resp *out)
{
	if (s->pg) { /* pg_lists.c */
		srv_pg_device_current(s, r, out);
		return;
	}
	(void)c, (void)state;
	struct fd_error err = {0};
	struct srv_caller dev;
	if (srv_auth_device(s, r, &dev, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	char name[FD_NAME_LEN] = "";
	struct fd_db *db = srv_reader(s, NULL);
	sqlite3_stmt *q = db ? fd_db_stmt(db, "SELECT name FROM srv_devices WHERE id = ?1", NULL) : NULL;
	if (q) {
		sqlite3_bind_text(q, 1, dev.device, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			snprintf(name, sizeof name, "%s", sqlite3_column_text(q, 0));
		sqlite3_reset(q);
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "device_id", dev.device);
	cJSON_AddStringToObject(doc, "name", name);
	srv_resp_json(out, 200, doc);
}
