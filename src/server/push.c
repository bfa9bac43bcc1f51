// SPDX-License-Identifier: GPL-3.0-or-later
/* POST /v1/ops: a batch of operations from one device, applied by the same
 * core code as on the terminal, exactly once per op_id.
 *
 * The whole batch runs in one BEGIN IMMEDIATE transaction on the writer
 * connection (synchronous=FULL) and is acknowledged only after COMMIT. Each
 * operation has its own SAVEPOINT, so a business refusal undoes only that
 * operation's writes; the refusal is recorded (result, conflict notice in
 * the feed) and still advances the device's sequence, so the queue behind
 * it keeps moving. A transient failure (busy, I/O) rolls back the batch:
 * 503 with Retry-After, nothing recorded, the terminal simply retries. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/op_folio.h"
#include "core/text.h"
#include "server/reply.h"
#include "server/log.h"
#include "server/push_rules.h"
#include "server/server.h"
#include "store/audit.h"
#include "store/ids.h"
#include "store/oplog.h"

struct push {
	struct fd_op *ops;
	int n;
	char **recorded;             /* per op: the recorded answer (duplicate) or NULL */
	bool *repeat;                /* per op: the same op_id earlier in this batch */
	struct fd_error *bad;        /* per op: why it cannot be read (code "" when it can) */
	bool private_refusals;       /* a guest's refusals reach only its own device (no notice) */
	int64_t gap_from;            /* the device declares its operations from here on lost */
	int64_t gap_to;              /* ... up to here (accepted by push_prepare), 0 = none */
	char pushed_by[FD_USER_LEN]; /* the pushing session's user */
	char session[17];            /* its name in the audit log */
	char **answers;              /* per op answered so far: its answer as printed (recorded and sent) */
	int n_answers;
	int n_applied, n_rejected, n_duplicate;
	int64_t outbox; /* the terminal's outbox after this push (Frontdesk-Outbox header), -1 unknown */
};

static void push_free(struct push *p)
{
	for (int i = 0; i < p->n; i++) {
		fd_op_clear(&p->ops[i]);
		if (p->recorded)
			free(p->recorded[i]);
	}
	free(p->ops);
	free(p->recorded);
	free(p->repeat);
	free(p->bad);
	for (int i = 0; i < p->n_answers; i++)
		free(p->answers[i]);
	free(p->answers);
}

/* Did op's actor sign it (on this device) with the key registered for
 * them? The proof of who acted when it is not the session's user. */
static bool actor_signed(struct srv *s, const char *device, const struct fd_op *op)
{
	struct fd_error err;
	struct fd_db *db = srv_reader(s, &err);
	sqlite3_stmt *q =
	    db ? fd_db_stmt(
	             db,
	             "SELECT c.sign_pk FROM srv_credentials c JOIN staff st ON st.username = c.username"
	             " WHERE c.username = ?1",
	             &err)
	       : NULL;
	if (!q || !op->sig[0])
		return false;
	char pk[FD_SIGN_PK_HEX] = "";
	sqlite3_bind_text(q, 1, op->actor, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		snprintf(pk, sizeof pk, "%s", sqlite3_column_text(q, 0));
	sqlite3_reset(q);
	return pk[0] && fd_op_sig_valid(op, device, pk);
}

static bool parse_ops(struct srv *s, const struct srv_caller *c, const struct srv_req *r, struct push *p,
                      struct srv_resp *out)
{
	static const char *const fields[] = {"ops", "gap_from", NULL};
	struct fd_error err = {0};
	cJSON *body = NULL;
	if (srv_body_parse(r, fields, &body, &err)) {
		srv_resp_fd_error(out, &err);
		return false;
	}
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(body, "ops");
	if (!srv_push_gap_from(body, &p->gap_from, out)) { /* push_rules.c */
		cJSON_Delete(body);
		return false;
	}
	int n = cJSON_GetArraySize(arr);
	if (!cJSON_IsArray(arr) || n < 1 || n > s->cfg.max_batch) {
		srv_resp_error(out, 400, arr ? "invalid_field" : "missing_field", "ops",
		               "Field \"ops\" must be an array of 1 to %d operations.", s->cfg.max_batch);
		cJSON_Delete(body);
		return false;
	}
	p->ops = calloc((size_t)n, sizeof *p->ops);
	p->recorded = calloc((size_t)n, sizeof *p->recorded);
	p->repeat = calloc((size_t)n, sizeof *p->repeat);
	p->bad = calloc((size_t)n, sizeof *p->bad);
	p->answers = calloc((size_t)n, sizeof *p->answers);
	snprintf(p->pushed_by, sizeof p->pushed_by, "%s", c->username);
	snprintf(p->session, sizeof p->session, "%s", c->session_id);
	/* The terminal says how many operations its outbox holds, this batch
	 * included: what is left once the batch is in (metrics, device list). */
	p->outbox = srv_push_outbox(r, n);
	if (!p->ops || !p->recorded || !p->repeat || !p->bad || !p->answers) {
		cJSON_Delete(body);
		srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
		return false;
	}
	/* A guest (the public side) may get many refusals (typos, a room just
	 * sold): they are answered to the device that pushed them and recorded,
	 * but make no conflict notice in every desk's queue. */
	p->private_refusals = c->role == FD_ROLE_GUEST;
	cJSON *item;
	cJSON_ArrayForEach(item, arr)
	{
		struct fd_op *op = &p->ops[p->n];
		fd_op_init(op);
		p->n++;
		if (fd_op_from_json_take(item, op, &err) &&
		    !srv_push_unreadable_op(item, op, &err, &p->bad[p->n - 1])) {
			char field[96];
			snprintf(field, sizeof field, "ops[%d].%s", p->n - 1, err.field);
			srv_resp_error(out, 400, err.code, field, "Operation %d: %s", p->n - 1, err.message);
			cJSON_Delete(body);
			return false;
		}
		if (op->device_seq < 1) {
			srv_resp_error(out, 400, "missing_field", "device_seq",
			               "Operation %d: field \"device_seq\" is required.", p->n - 1);
			cJSON_Delete(body);
			return false;
		}
		/* The session decides where from; an operation is judged with
		 * the rights of a person who proved who they are: the session's
		 * user, or another actor whose signature (made on this device,
		 * e.g. offline before a change of shift) checks against their
		 * registered key. Anything else is refused (push_refuse). The
		 * night audit's pseudo-actor and the terminal's owner ("local":
		 * nobody signed in) act as the session's user, with their rights. */
		if (!op->actor[0] || strcmp(op->actor, FD_NIGHT_AUDIT_ACTOR) == 0 ||
		    strcmp(op->actor, "local") == 0)
			fd_text_copy(op->actor, sizeof op->actor, c->username);
		else if (strcmp(op->actor, c->username) != 0 && !p->bad[p->n - 1].code[0] &&
		         !actor_signed(s, c->device, op))
			fd_fail(&p->bad[p->n - 1], FD_E_FORBIDDEN, "unproven_actor", "actor",
			        "Operation made as \"%s\" without their signature, pushed by \"%s\": an "
			        "operation acts with the rights of the signed-in user or of a person who "
			        "signed it.",
			        op->actor, c->username);
		fd_text_copy(op->device, sizeof op->device, c->device); /* not snprintf: per operation */
		if (!op->created_at)
			op->created_at = (int64_t)time(NULL);
	}
	cJSON_Delete(body);
	return true;
}

/* Run a fixed statement through the statement cache (savepoints run once
 * or twice per operation; re-parsing them each time showed in profiles). */
static enum fd_status exec_cached(struct fd_db *db, const char *sql, struct fd_error *err)
{
	sqlite3_stmt *q = fd_db_stmt(db, sql, err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, sql);
}

static bool business_refusal(enum fd_status st)
{
	return st == FD_E_CONFLICT || st == FD_E_INVALID || st == FD_E_NOT_FOUND || st == FD_E_FORBIDDEN;
}

/* Record text (op's answer as the push answers it) as op's result. */
static enum fd_status record_result(struct fd_db *db, const struct fd_op *op, const char *status,
                                    const char *text, struct fd_error *err)
{
	sqlite3_stmt *q = fd_db_stmt(db,
	                             "INSERT INTO srv_op_results (op_id, device, device_seq, status, result,"
	                             " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                             err);
	enum fd_status st = FD_OK;
	if (!q || !text)
		st = q ? fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory")
		       : fd_error_status(err, FD_E_IO);
	else {
		sqlite3_bind_text(q, 1, op->op_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, op->device, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, op->device_seq);
		sqlite3_bind_text(q, 4, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 6, (int64_t)time(NULL));
		if (sqlite3_step(q) != SQLITE_DONE)
			st = fd_db_fail(db, err, "recording an operation's result");
	}
	return st;
}

static enum fd_status record_conflict(struct srv *s, const struct fd_op *op, const char *pushed_by,
                                      const struct fd_error *why, const struct fd_op_result *res,
                                      char id[FD_ID_LEN], struct fd_error *err)
{
	cJSON *details = cJSON_CreateObject();
	cJSON_AddItemToObject(details, "op", fd_op_to_json(op));
	cJSON_AddStringToObject(details, "pushed_by", pushed_by);
	if (why->field[0])
		cJSON_AddStringToObject(details, "field", why->field);
	if (res->clash_code[0])
		cJSON_AddStringToObject(details, "clash_booking", res->clash_code);
	if (res->n_free > 0) {
		cJSON *fr = cJSON_AddArrayToObject(details, "free_rooms");
		for (int i = 0; i < res->n_free; i++)
			cJSON_AddItemToArray(fr, cJSON_CreateString(res->free_rooms[i]));
	}
	char *text = cJSON_PrintUnformatted(details);
	cJSON_Delete(details);
	fd_uuid_new(id);
	int64_t now = (int64_t)time(NULL);
	sqlite3_stmt *q = fd_db_stmt(s->wdb,
	                             "INSERT INTO srv_conflicts (id, op_id, device, actor, type, code,"
	                             " message, details, created_at, updated_at)"
	                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
	                             err);
	enum fd_status st = FD_OK;
	if (!q)
		st = fd_error_status(err, FD_E_IO);
	else {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, op->op_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, op->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, op->actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, op->type, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, why->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 7, why->message, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 8, text ? text : "{}", -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 9, now);
		if (sqlite3_step(q) != SQLITE_DONE)
			st = fd_db_fail(s->wdb, err, "recording a conflict notice");
	}
	free(text);
	if (!st) {
		snprintf(s->hook.op_id, sizeof s->hook.op_id, "%s", op->op_id);
		st = srv_record_change(s->wdb, &s->hook, "conflict", id, err);
	}
	return st;
}

/* "The later upload wins, and the desk it overwrote is told" (issue 20).
 * Before a room.set_clean applies: the room's status as another desk last
 * set it, when that desk's change reached the server no earlier than this
 * operation was made (so its maker cannot have seen it: both desks changed
 * the room offline, or at the same moment). Clocks: the pushing terminal's
 * created_at against the server's applied_at, compared in whole seconds and
 * erring on the side of telling. */
struct overwritten {
	bool found;
	char op_id[FD_ID_LEN], device[FD_DEVICE_LEN], device_name[64], actor[FD_USER_LEN];
	char was[16]; /* the other desk's value, still the room's status */
};

static void overwrite_check(struct srv *s, const struct fd_op *op, struct overwritten *o)
{
	memset(o, 0, sizeof *o);
	if (strcmp(op->type, "room.set_clean") != 0)
		return;
	const cJSON *room = cJSON_GetObjectItemCaseSensitive(op->payload, "room");
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(op->payload, "status");
	if (!cJSON_IsString(room) || !cJSON_IsString(to))
		return;
	sqlite3_stmt *q =
	    fd_db_stmt(s->wdb,
	               "SELECT a.op_id, a.device, coalesce(d.name, a.device), a.actor, r.clean"
	               " FROM audit_log a JOIN rooms r ON r.number = a.entity_id"
	               " LEFT JOIN srv_devices d ON d.id = a.device"
	               " WHERE a.entity = 'room' AND a.entity_id = ?1 AND a.type = 'room.set_clean'"
	               "  AND a.seq = (SELECT max(seq) FROM audit_log WHERE entity = 'room'"
	               "   AND entity_id = ?1 AND type = 'room.set_clean')"
	               "  AND a.device <> ?2 AND a.applied_at >= ?3"
	               "  AND json_extract(a.payload, '$.status') = r.clean AND r.clean <> ?4",
	               NULL);
	if (!q)
		return;
	sqlite3_bind_text(q, 1, room->valuestring, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, op->device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, op->created_at);
	sqlite3_bind_text(q, 4, to->valuestring, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		o->found = true;
		snprintf(o->op_id, sizeof o->op_id, "%s", sqlite3_column_text(q, 0));
		snprintf(o->device, sizeof o->device, "%s", sqlite3_column_text(q, 1));
		snprintf(o->device_name, sizeof o->device_name, "%s", sqlite3_column_text(q, 2));
		snprintf(o->actor, sizeof o->actor, "%s", sqlite3_column_text(q, 3));
		snprintf(o->was, sizeof o->was, "%s", sqlite3_column_text(q, 4));
	}
	sqlite3_reset(q);
}

/* The notice for the desk whose value was overwritten: a conflict notice
 * (replicated like the others) on that desk's operation, naming the room,
 * both values and who won. */
static enum fd_status overwrite_notice(struct srv *s, const struct fd_op *op, const struct overwritten *o,
                                       struct fd_error *err)
{
	const char *room = cJSON_GetObjectItemCaseSensitive(op->payload, "room")->valuestring;
	const char *now = cJSON_GetObjectItemCaseSensitive(op->payload, "status")->valuestring;
	char name[64] = "";
	sqlite3_stmt *q = fd_db_stmt(s->wdb, "SELECT name FROM srv_devices WHERE id = ?1", err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(q, 1, op->device, -1, SQLITE_STATIC);
	snprintf(name, sizeof name, "%s",
	         sqlite3_step(q) == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : op->device);
	sqlite3_reset(q);
	char msg[512];
	snprintf(msg, sizeof msg,
	         "Room %s: your change to %s (%s at %s) was overwritten by %s (%s at %s), made while "
	         "both desks had not seen each other's change; the room is %s now.",
	         room, o->was, o->actor, o->device_name, now, op->actor, name, now);
	cJSON *details = cJSON_CreateObject();
	/* "op" is the desk's own operation, as in a rejection's notice. */
	cJSON *mine = cJSON_AddObjectToObject(details, "op");
	cJSON_AddStringToObject(mine, "op_id", o->op_id);
	cJSON_AddStringToObject(mine, "type", "room.set_clean");
	cJSON *pl = cJSON_AddObjectToObject(mine, "payload");
	cJSON_AddStringToObject(pl, "room", room);
	cJSON_AddStringToObject(pl, "status", o->was);
	cJSON_AddStringToObject(details, "room", room);
	cJSON_AddStringToObject(details, "yours", o->was);
	cJSON_AddStringToObject(details, "theirs", now);
	cJSON *w = cJSON_AddObjectToObject(details, "winner");
	cJSON_AddStringToObject(w, "actor", op->actor);
	cJSON_AddStringToObject(w, "device", op->device);
	cJSON_AddStringToObject(w, "device_name", name);
	cJSON_AddStringToObject(w, "op_id", op->op_id);
	char *text = cJSON_PrintUnformatted(details);
	cJSON_Delete(details);
	char id[FD_ID_LEN];
	fd_uuid_new(id);
	int64_t t = (int64_t)time(NULL);
	q = fd_db_stmt(s->wdb,
	               "INSERT INTO srv_conflicts (id, op_id, device, actor, type, code,"
	               " message, details, created_at, updated_at)"
	               " VALUES (?1, ?2, ?3, ?4, 'room.set_clean', 'overwritten', ?5, ?6, ?7, ?7)",
	               err);
	enum fd_status st = FD_OK;
	if (!q)
		st = fd_error_status(err, FD_E_IO);
	else {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, o->op_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, o->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, o->actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, msg, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, text ? text : "{}", -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 7, t);
		if (sqlite3_step(q) != SQLITE_DONE)
			st = fd_db_fail(s->wdb, err, "recording an overwrite notice");
		sqlite3_reset(q);
	}
	free(text);
	return st ? st : srv_record_change(s->wdb, &s->hook, "conflict", id, err);
}

/* Within one push, the rows every operation reads again (the actor's staff
 * row for the permission check, the property) are read
 * once: a copy of the store's interface whose readers remember their last
 * answer and whose writers of those rows forget it. Forgotten too at every
 * rollback (push_memo_forget): a remembered row may have been written by
 * the operation undone. Only the push's writer thread uses it, under
 * s->wlock, and only while a push runs.
 * The last room read is remembered too, and what its writer saved (only
 * put_room writes rooms): operations on one room in a batch (a desk's
 * status flips) read it once. */
struct push_memo {
	const struct fd_repo *inner;
	struct fd_repo repo;
	/* FD_OK or FD_E_NOT_FOUND remembered (neither touches err), or -1:
	 * nothing remembered. */
	int staff_st, prop_st;
	struct fd_staff staff;
	char staff_user[FD_USER_LEN];
	struct fd_property prop;
	bool room_known; /* room is the row as the database has it */
	struct fd_room room;
};

static _Thread_local struct push_memo *memo_now;

static void push_memo_forget(struct push_memo *m)
{
	m->staff_st = m->prop_st = -1;
	m->room_known = false;
}

static bool memo_keeps(enum fd_status st)
{
	return st == FD_OK || st == FD_E_NOT_FOUND;
}

static enum fd_status memo_get_staff(void *ctx, const char *username, struct fd_staff *out,
                                     struct fd_error *err)
{
	struct push_memo *m = memo_now;
	if (m->staff_st >= 0 && strcmp(m->staff_user, username) == 0) {
		if (m->staff_st == FD_OK)
			*out = m->staff;
		return (enum fd_status)m->staff_st;
	}
	enum fd_status st = m->inner->get_staff(ctx, username, out, err);
	m->staff_st = memo_keeps(st) && strlen(username) < sizeof m->staff_user ? (int)st : -1;
	snprintf(m->staff_user, sizeof m->staff_user, "%s", username);
	if (st == FD_OK)
		m->staff = *out;
	return st;
}

static enum fd_status memo_put_staff(void *ctx, const struct fd_staff *s, struct fd_error *err)
{
	memo_now->staff_st = -1;
	return memo_now->inner->put_staff(ctx, s, err);
}

static enum fd_status memo_get_property(void *ctx, struct fd_property *out, struct fd_error *err)
{
	struct push_memo *m = memo_now;
	if (m->prop_st >= 0) {
		if (m->prop_st == FD_OK)
			*out = m->prop;
		return (enum fd_status)m->prop_st;
	}
	enum fd_status st = m->inner->get_property(ctx, out, err);
	m->prop_st = memo_keeps(st) ? (int)st : -1;
	if (st == FD_OK)
		m->prop = *out;
	return st;
}

static enum fd_status memo_put_property(void *ctx, const struct fd_property *p, struct fd_error *err)
{
	memo_now->prop_st = -1;
	return memo_now->inner->put_property(ctx, p, err);
}

static enum fd_status memo_get_room(void *ctx, const char *number, struct fd_room *out, struct fd_error *err)
{
	struct push_memo *m = memo_now;
	if (m->room_known && strcmp(m->room.number, number) == 0) {
		*out = m->room;
		return FD_OK;
	}
	enum fd_status st = m->inner->get_room(ctx, number, out, err);
	m->room_known = st == FD_OK;
	if (st == FD_OK)
		m->room = *out;
	return st;
}

/* The room as get_room reads it back after r was saved: no maintenance
 * dates are stored without maintenance (sqlite's put_room binds NULL). */
static void memo_room_saved(struct push_memo *m, const struct fd_room *r)
{
	/* A room saved under another id than the one read keeps the stored
	 * id (the upsert): not remembered. */
	if (!m->room_known || strcmp(m->room.number, r->number) != 0 || strcmp(m->room.id, r->id) != 0) {
		m->room_known = false;
		return;
	}
	m->room = *r;
	if (r->maint == FD_MAINT_NONE)
		m->room.maint_from = m->room.maint_to = 0;
}

static enum fd_status memo_put_room(void *ctx, const struct fd_room *r, struct fd_error *err)
{
	struct push_memo *m = memo_now;
	enum fd_status st = m->inner->put_room(ctx, r, err);
	if (st)
		m->room_known = false;
	else
		memo_room_saved(m, r);
	return st;
}

static void push_memo_init(struct push_memo *m, const struct fd_repo *inner)
{
	memset(m, 0, sizeof *m);
	push_memo_forget(m);
	m->inner = inner;
	m->repo = *inner;
	if (inner->get_staff && inner->put_staff) {
		m->repo.get_staff = memo_get_staff;
		m->repo.put_staff = memo_put_staff;
	}
	if (inner->get_property && inner->put_property) {
		m->repo.get_property = memo_get_property;
		m->repo.put_property = memo_put_property;
	}
	if (inner->get_room && inner->put_room) {
		m->repo.get_room = memo_get_room;
		m->repo.put_room = memo_put_room;
	}
}

static enum fd_status push_refuse(struct srv *s, const struct fd_op *op, const char *pushed_by,
                                  const struct fd_error *why_in, const struct fd_op_result *res, bool notice,
                                  char **printed, struct fd_error *err);

/* Apply one operation inside the batch transaction. FD_OK also for a
 * recorded rejection, with *printed its answer (the caller's to free) and
 * *status "applied" or "rejected"; another status means the batch must
 * roll back.
 * careful: under its own SAVEPOINT, so that a refusal undoes only its
 * writes. Without (the fast pass, push_batch), a refusal sets *redo and
 * leaves its writes for the caller to roll back with the whole push. */
static enum fd_status push_one(struct srv *s, const struct fd_repo *repo, const struct fd_op *op,
                               const char *pushed_by, bool notice, bool careful, bool *redo,
                               const char **status, char **printed, struct fd_error *err)
{
	struct fd_db *db = s->wdb;
	struct fd_op_result res;
	struct fd_error why = {0};
	enum fd_status st = careful ? exec_cached(db, "SAVEPOINT op", err) : FD_OK;
	if (st)
		return st;
	fd_text_copy(s->hook.op_id, sizeof s->hook.op_id, op->op_id);
	s->hook.last_seq = 0;
	struct overwritten ow;
	overwrite_check(s, op, &ow);
	st = fd_op_apply(repo, op, 0, &res, &why);
	if (!st)
		st = fd_store_audit(db, op, &res, &why);
	if (!st && ow.found && (st = overwrite_notice(s, op, &ow, err)))
		return st;
	if (st == FD_OK) {
		if (careful && (st = exec_cached(db, "RELEASE op", err)))
			return st;
		if (strcmp(op->type, "guest.erase") == 0)
			s->erased = true; /* the list outside the database, after commit */
		*status = "applied";
		*printed =
		    srv_push_applied_text(op, s->hook.last_seq ? s->hook.last_seq : srv_last_seq(db), &res);
		if (!*printed)
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
		return record_result(db, op, "applied", *printed, err);
	}
	if (!business_refusal(st)) {
		*err = why;
		return st;
	}
	if (!careful) {
		*redo = true;
		return FD_OK;
	}
	if ((st = exec_cached(db, "ROLLBACK TO op", err)) || (st = exec_cached(db, "RELEASE op", err)))
		return st;
	push_memo_forget(memo_now);
	*status = "rejected";
	return push_refuse(s, op, pushed_by, &why, &res, notice, printed, err);
}

/* Record a refusal (result, and a conflict notice for every desk unless
 * notice is false) inside the batch transaction and answer it (*printed,
 * the caller's to free); the device's sequence moves past it. */
static enum fd_status push_refuse(struct srv *s, const struct fd_op *op, const char *pushed_by,
                                  const struct fd_error *why_in, const struct fd_op_result *res, bool notice,
                                  char **printed, struct fd_error *err)
{
	struct fd_db *db = s->wdb;
	const struct fd_error why = *why_in;
	enum fd_status st;
	srv_log(SRV_LOG_INFO, "refused %s %s as \"%s\" (session of \"%s\", device %s): %s: %s\n", op->type,
	        op->op_id, op->actor, pushed_by, op->device, why.code, why.message);
	char conflict[FD_ID_LEN] = "";
	if (notice && (st = record_conflict(s, op, pushed_by, &why, res, conflict, err)))
		return st;
	/* Who tried what, why it was refused, through which session and
	 * device: a refusal row in the audit log's chain. */
	if ((st = fd_audit_refusal_in(db, op, &why, err)))
		return st;
	cJSON *answer = srv_push_answer_new(op, "rejected");
	cJSON *e = cJSON_AddObjectToObject(answer, "error");
	cJSON_AddStringToObject(e, "code", why.code);
	cJSON_AddStringToObject(e, "message", why.message);
	if (why.field[0])
		cJSON_AddStringToObject(e, "field", why.field);
	if (conflict[0])
		cJSON_AddStringToObject(answer, "conflict", conflict);
	if (res->clash_code[0])
		cJSON_AddStringToObject(answer, "clash_booking", res->clash_code);
	if (res->n_free > 0) {
		cJSON *fr = cJSON_AddArrayToObject(answer, "free_rooms");
		for (int i = 0; i < res->n_free; i++)
			cJSON_AddItemToArray(fr, cJSON_CreateString(res->free_rooms[i]));
	}
	*printed = cJSON_PrintUnformatted(answer);
	cJSON_Delete(answer);
	if (!*printed)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	return record_result(db, op, "rejected", *printed, err);
}

/* Is op i's op_id the same as an earlier operation's in the batch? seen:
 * the earlier ones' indexes by op_id (open addressing, mask + 1 slots, -1
 * free), or NULL to compare with each (comparing every operation with all
 * before it grew with the square of the batch). */
static bool repeat_in_batch(const struct push *p, int i, int *seen, size_t mask)
{
	if (!seen) {
		for (int j = 0; j < i; j++)
			if (strcmp(p->ops[j].op_id, p->ops[i].op_id) == 0)
				return true;
		return false;
	}
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *c = p->ops[i].op_id; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (size_t k = h & mask;; k = (k + 1) & mask) {
		if (seen[k] < 0) {
			seen[k] = i;
			return false;
		}
		if (strcmp(p->ops[seen[k]].op_id, p->ops[i].op_id) == 0)
			return true;
	}
}

/* Look up recorded answers and check the sequence has no gap. Returns the
 * expected sequence number on a gap (> 0), 0 when fine, -1 on error. */
static int64_t push_prepare(struct srv *s, struct push *p, int64_t *last, struct fd_error *err)
{
	struct fd_db *db = s->wdb;
	sqlite3_stmt *q = fd_db_stmt(db, "SELECT last_seq FROM srv_devices WHERE id = ?1", err);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, p->ops[0].device, -1, SQLITE_STATIC);
	*last = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	int64_t expected = *last + 1;
	/* A declared gap: the device no longer holds the operations the
	 * server expects (it pruned them; the server lost them in a restore).
	 * Accepted only where the server's own sequence stands. */
	p->gap_to = srv_push_gap_to(p->gap_from, expected, p->ops[0].device_seq);
	if (p->gap_to > 0)
		expected = p->ops[0].device_seq;
	size_t slots = 16;
	while (slots < 2 * (size_t)p->n)
		slots *= 2;
	int *seen = malloc(slots * sizeof *seen);
	if (seen)
		memset(seen, 0xff, slots * sizeof *seen); /* -1: free */
	int64_t gap = 0;
	for (int i = 0; i < p->n && !gap; i++) {
		/* Duplicates are per device: another device's op_id is not
		 * this device's operation, and never gets its answer. */
		q = fd_db_stmt(db, "SELECT result FROM srv_op_results WHERE device = ?2 AND op_id = ?1", err);
		if (!q) {
			gap = -1;
			break;
		}
		sqlite3_bind_text(q, 1, p->ops[i].op_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, p->ops[i].device, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			p->recorded[i] = strdup((const char *)sqlite3_column_text(q, 0));
		sqlite3_reset(q);
		if (p->recorded[i])
			continue;
		/* the same op twice in one batch */
		if ((p->repeat[i] = repeat_in_batch(p, i, seen, slots - 1)))
			continue;
		if (p->ops[i].device_seq != expected)
			gap = expected;
		else
			expected++;
	}
	free(seen);
	return gap;
}

static cJSON *duplicate_answer(const char *recorded, const struct fd_op *op)
{
	cJSON *a = cJSON_Parse(recorded);
	if (!a)
		a = srv_push_answer_new(op, "duplicate");
	cJSON *st = cJSON_GetObjectItemCaseSensitive(a, "status");
	if (cJSON_IsString(st)) {
		cJSON_AddStringToObject(a, "recorded_status", st->valuestring);
		cJSON_ReplaceItemInObjectCaseSensitive(a, "status", cJSON_CreateString("duplicate"));
	}
	return a;
}

/* The notice for a declared gap: the device's operations gap_from to
 * gap_to are lost (the server was restored from a backup that lacks them,
 * and the terminal had already forgotten them). A person must check what
 * was done at that desk then; the notice says which and from when. */
static enum fd_status gap_notice(struct srv *s, const struct push *p, struct fd_error *err)
{
	const struct fd_op *op = &p->ops[0];
	char name[64] = "", msg[512], id[FD_ID_LEN];
	sqlite3_stmt *q = fd_db_stmt(s->wdb, "SELECT name FROM srv_devices WHERE id = ?1", err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(q, 1, op->device, -1, SQLITE_STATIC);
	snprintf(name, sizeof name, "%s",
	         sqlite3_step(q) == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : op->device);
	sqlite3_reset(q);
	char *text = srv_push_gap_notice(name, p->gap_from, p->gap_to, op->device_seq, p->pushed_by, msg);
	fd_uuid_new(id);
	int64_t t = (int64_t)time(NULL);
	q = fd_db_stmt(s->wdb,
	               "INSERT INTO srv_conflicts (id, op_id, device, actor, type, code,"
	               " message, details, created_at, updated_at)"
	               " VALUES (?1, '', ?2, ?3, 'sync.gap', 'lost_in_restore', ?4, ?5, ?6, ?6)",
	               err);
	enum fd_status st = FD_OK;
	if (!q)
		st = fd_error_status(err, FD_E_IO);
	else {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, op->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, p->pushed_by, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, msg, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, text ? text : "{}", -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 6, t);
		if (sqlite3_step(q) != SQLITE_DONE)
			st = fd_db_fail(s->wdb, err, "recording a lost-operations notice");
		sqlite3_reset(q);
	}
	free(text);
	srv_log(SRV_LOG_WARNING, "device %s (%s) declares its operations %lld to %lld lost", op->device, name,
	        (long long)p->gap_from, (long long)p->gap_to);
	if (!st) {
		s->hook.op_id[0] = '\0';
		st = srv_record_change(s->wdb, &s->hook, "conflict", id, err);
	}
	return st;
}

/* Is id an erased guest's (srv_push_creates_erased)? */
static bool erased_guest(void *ctx, const char *id)
{
	struct srv *s = ctx;
	return srv_erasures_has(s->wdb, s->cfg.data_dir, id);
}

/* Keep text (taken; NULL: out of memory), an operation's answer as
 * printed once: the text recorded as its result is the one the push
 * answers. Counted by status for the metrics. */
static enum fd_status push_answer(struct push *p, const char *status, char *text, struct fd_error *err)
{
	if (!text)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	if (strcmp(status, "applied") == 0)
		p->n_applied++;
	else if (strcmp(status, "rejected") == 0)
		p->n_rejected++;
	else
		p->n_duplicate++;
	p->answers[p->n_answers++] = text;
	return FD_OK;
}

/* The answer of an operation already recorded (the text recorded). */
static char *duplicate_text(const char *recorded, const struct fd_op *op)
{
	cJSON *a = duplicate_answer(recorded, op);
	char *text = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	return text;
}

/* Forget a pass's answers (push_batch runs the push again). */
static void push_answers_clear(struct push *p)
{
	for (int i = 0; i < p->n_answers; i++)
		free(p->answers[i]);
	p->n_answers = p->n_applied = p->n_rejected = p->n_duplicate = 0;
}

/* The operations of one push, in order, after push_prepare (and the gap
 * notice). careful: each operation under its own SAVEPOINT (push_one);
 * otherwise none, and the first refusal found applying an operation stops
 * the pass with *redo set: its writes are the caller's to roll back. */
static enum fd_status push_pass(struct srv *s, struct push *p, const struct fd_repo *repo, bool careful,
                                int64_t *last, bool *redo, struct fd_error *err)
{
	struct fd_db *db = s->wdb;
	enum fd_status st = FD_OK;
	if (p->gap_to > 0 && (st = gap_notice(s, p, err)))
		return st;
	for (int i = 0; i < p->n && !st && !*redo; i++) {
		const char *status = NULL;
		char *printed = NULL;
		if (p->recorded[i]) {
			st = push_answer(p, "duplicate", duplicate_text(p->recorded[i], &p->ops[i]), err);
			continue;
		}
		if (p->repeat[i]) {
			/* A repeat inside this batch: recorded moments ago. */
			sqlite3_stmt *q = fd_db_stmt(
			    db, "SELECT result FROM srv_op_results WHERE device = ?2 AND op_id = ?1", err);
			if (!q) {
				st = fd_error_status(err, FD_E_IO);
				break;
			}
			sqlite3_bind_text(q, 1, p->ops[i].op_id, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, p->ops[i].device, -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_ROW) {
				status = "duplicate";
				printed = duplicate_text((const char *)sqlite3_column_text(q, 0), &p->ops[i]);
			}
			sqlite3_reset(q);
		}
		if (!status && !p->bad[i].code[0])
			srv_push_creates_erased(&p->ops[i], erased_guest, s, &p->bad[i]); /* push_rules.c */
		if (!status && p->bad[i].code[0]) {
			struct fd_op_result none = {0};
			/* No notice for an erased guest: it would copy their data
			 * (the payload) to every desk. */
			bool notice = !p->private_refusals && strcmp(p->bad[i].code, "guest_erased") != 0;
			status = "rejected";
			if (!(st = push_refuse(s, &p->ops[i], p->pushed_by, &p->bad[i], &none, notice,
			                       &printed, err)))
				*last = p->ops[i].device_seq;
		} else if (!status &&
		           !(st = push_one(s, repo, &p->ops[i], p->pushed_by, !p->private_refusals, careful,
		                           redo, &status, &printed, err)) &&
		           !*redo)
			*last = p->ops[i].device_seq;
		if (!st && status && !*redo)
			st = push_answer(p, status, printed, err);
		else
			free(printed);
	}
	return st;
}

/* Run one push inside the group's transaction, under its own SAVEPOINT
 * unless it is the group's first: FD_OK with p->answers filled;
 * FD_E_CONFLICT with *gap > 0 (nothing of it kept); another status means
 * the whole group must roll back.
 *
 * Most pushes are applied whole, and a SAVEPOINT per operation (with the
 * copies of the pages it first writes) was a tenth of each operation's
 * cost: the operations run first without one. When one of them is refused,
 * the push rolls back to its own savepoint and runs again from the start
 * with a savepoint per operation, so a refusal still undoes only its own
 * operation's writes. The same operations on the same state give the same
 * outcome up to the refusal; nothing of the first pass is kept. */
static enum fd_status push_batch(struct srv *s, struct push *p, bool first, int64_t *gap,
                                 struct fd_error *err)
{
	struct fd_db *db = s->wdb;
	int64_t last = 0;
	/* The group's first push has nothing before it in the transaction to
	 * keep: it runs without the savepoint, whose copies of the pages it
	 * writes were an eighth of a single push's cost, and a redo rolls the
	 * whole transaction back and begins it again (a write another process
	 * commits meanwhile comes before the push, as if it came first). */
	bool sp = !first;
	enum fd_status st = sp ? exec_cached(db, "SAVEPOINT push", err) : FD_OK;
	if (st)
		return st;
	fd_db_set_audit_session(db, p->session);
	*gap = push_prepare(s, p, &last, err); /* reads only */
	if (*gap != 0) {
		if (*gap < 0)
			return fd_error_status(err, FD_E_IO);
		if (sp) {
			exec_cached(db, "ROLLBACK TO push", NULL);
			exec_cached(db, "RELEASE push", NULL);
		}
		return FD_E_CONFLICT;
	}
	struct push_memo memo;
	push_memo_init(&memo, fd_db_repo(db));
	memo_now = &memo;
	const int64_t first_last = last;
	const bool erased = s->erased;
	bool redo = false;
	/* Without savepoints nothing of the pass is undone alone: the change
	 * rows' operations are written once, at its end (sdb.c). A redo rolls
	 * the pass back whole, what was kept with it. */
	s->hook.defer = true;
	st = push_pass(s, p, &memo.repo, false, &last, &redo, err);
	s->hook.defer = false;
	if (!st && !redo)
		st = srv_record_change_flush(db, &s->hook, err);
	if (!st && redo) {
		push_answers_clear(p);
		last = first_last;
		s->erased = erased;
		push_memo_forget(&memo);
		redo = false;
		if (sp)
			st = exec_cached(db, "ROLLBACK TO push", err);
		else {
			fd_db_rollback(db);
			st = fd_db_begin(db, err);
		}
		if (!st)
			st = push_pass(s, p, &memo.repo, true, &last, &redo, err);
	}
	memo_now = NULL;
	if (!st) {
		sqlite3_stmt *q = fd_db_stmt(db,
		                             "UPDATE srv_devices SET last_seq = ?1, last_push_at = ?3,"
		                             " outbox_depth = CASE WHEN ?4 >= 0 THEN ?4 ELSE outbox_depth END"
		                             " WHERE id = ?2",
		                             err);
		if (!q)
			st = fd_error_status(err, FD_E_IO);
		else {
			sqlite3_bind_int64(q, 1, last);
			sqlite3_bind_text(q, 2, p->ops[0].device, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 3, (int64_t)time(NULL));
			sqlite3_bind_int64(q, 4, p->outbox);
			if (sqlite3_step(q) != SQLITE_DONE)
				st = fd_db_fail(db, err, "advancing the device sequence");
		}
	}
	if (!st && sp)
		st = exec_cached(db, "RELEASE push", err);
	return st;
}

/* Group commit: pushes that arrive while a commit is under way queue up;
 * the next one to find no leader runs the whole queue in ONE transaction
 * (each push under its own savepoint) and one fsync acknowledges them all.
 * A transient failure fails the whole group with 503; nothing is kept. */
struct push_waiter {
	struct push *p;
	enum fd_status st;
	int64_t gap;
	struct fd_error err;
	int64_t seq;         /* the change sequence after its group's commit */
	bool done, lead;     /* under push_lock */
	pthread_cond_t cond; /* its own: woken alone, when done or to lead */
	struct push_waiter *next;
};

static int64_t run_group(struct srv *s, struct push_waiter *group)
{
	struct fd_error err = {0};
	pthread_mutex_lock(&s->wlock);
	s->hook.mail_queued = false;
	enum fd_status st = fd_db_begin(s->wdb, &err);
	for (struct push_waiter *w = group; w && !st; w = w->next) {
		w->st = push_batch(s, w->p, w == group, &w->gap, &w->err);
		if (w->st && w->gap <= 0) {
			st = w->st;
			err = w->err;
		}
	}
	if (!st)
		st = fd_db_commit(s->wdb, &err);
	else
		fd_db_rollback(s->wdb);
	/* Erasures committed: the list a restore re-applies (erasures.c). A
	 * failure here is caught up at the next start or restore. */
	struct fd_error lerr = {0};
	if (!st && s->erased && srv_erasures_record(s->wdb, s->cfg.data_dir, &lerr))
		srv_log(SRV_LOG_WARNING, "could not record an erasure outside the database: %s",
		        lerr.message);
	s->erased = false;
	if (st) {
		for (struct push_waiter *w = group; w; w = w->next) {
			w->st = st == FD_E_CONFLICT ? FD_E_IO : st; /* never a gap here */
			w->gap = 0;
			w->err = err;
		}
	}
	s->hook.op_id[0] = '\0';
	bool mail = s->hook.mail_queued;
	s->hook.mail_queued = false;
	int64_t seq = srv_last_seq(s->wdb);
	pthread_mutex_unlock(&s->wlock);
	if (!st) {
		s->m.commits++;
		for (struct push_waiter *w = group; w; w = w->next)
			s->m.pushes++;
		srv_changed(s, seq);
		/* A document.send queued a mail (its change row): the sender
		 * goes now. Not at every commit: each wake was a thread switch
		 * and a read of the queue, a tenth of a single push's cost. */
		if (mail)
			srv_mail_wake(s);
	}
	return seq;
}

/* Each waiter sleeps on its own condition and is woken once: when its
 * group has committed, or to lead the next group. One broadcast woke every
 * waiter, those queued for the next group too, only for all but one of
 * them to sleep again: thread switches that were a large part of a single
 * push's wall clock. Signalled under push_lock: a waiter that finds itself
 * done returns, and its condition (on its stack) goes with it. */
static int64_t push_grouped(struct srv *s, struct push_waiter *me)
{
	pthread_cond_init(&me->cond, NULL);
	pthread_mutex_lock(&s->push_lock);
	*s->push_tail = me;
	s->push_tail = &me->next;
	if (!s->push_leading) {
		s->push_leading = true;
		me->lead = true;
	}
	while (!me->done) {
		if (!me->lead) {
			pthread_cond_wait(&me->cond, &s->push_lock);
			atomic_fetch_add(&s->m.push_wakes, 1);
			continue;
		}
		/* Leading: the queue so far is the group, me among it. */
		me->lead = false;
		struct push_waiter *group = s->push_queue;
		s->push_queue = NULL;
		s->push_tail = &s->push_queue;
		pthread_mutex_unlock(&s->push_lock);
		int64_t gseq = run_group(s, group);
		pthread_mutex_lock(&s->push_lock);
		for (struct push_waiter *w = group, *next; w; w = next) {
			next = w->next;
			w->next = NULL;
			w->seq = gseq;
			w->done = true;
			if (w != me)
				pthread_cond_signal(&w->cond);
		}
		/* The pushes that queued meanwhile: the first leads them. */
		if (s->push_queue) {
			s->push_queue->lead = true;
			pthread_cond_signal(&s->push_queue->cond);
		} else
			s->push_leading = false;
	}
	pthread_mutex_unlock(&s->push_lock);
	pthread_cond_destroy(&me->cond);
	return me->seq;
}

/* {"results":[...],"seq":N}: the answers as they were printed and
 * recorded, joined (what printing them again inside one document gave,
 * at a third of a batched operation's JSON work). */
static void results_body(const struct push *p, int64_t seq, struct srv_resp *out)
{
	size_t len = 64;
	for (int i = 0; i < p->n_answers; i++)
		len += strlen(p->answers[i]) + 1;
	char *body = malloc(len);
	if (!body) {
		srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
		return;
	}
	size_t n = (size_t)snprintf(body, len, "{\"results\":[");
	for (int i = 0; i < p->n_answers; i++) {
		if (i)
			body[n++] = ',';
		size_t k = strlen(p->answers[i]);
		memcpy(body + n, p->answers[i], k);
		n += k;
	}
	snprintf(body + n, len - n, "],\"seq\":%lld}", (long long)seq);
	out->status = 200;
	out->body = body;
	out->content_type = "application/json";
}

void srv_api_push(struct srv *s, const struct srv_caller *c, const struct srv_req *r, struct srv_resp *out)
{
	if (s->pg) {
		srv_pg_push(s, c, r, out);
		return;
	}
	struct push p = {0};
	if (!parse_ops(s, c, r, &p, out)) {
		push_free(&p);
		return;
	}
	struct push_waiter me = {.p = &p};
	int64_t seq = push_grouped(s, &me);
	struct fd_error err = me.err;
	enum fd_status st = me.st;
	int64_t gap = me.gap;
	if (st && gap > 0) {
		srv_push_gap_refusal(out, gap);
	} else if (st) {
		srv_log(SRV_LOG_ERR, "push rolled back: %s", err.message);
		srv_resp_fd_error(out, &err);
		out->status = 503;
		out->retry_after = 1;
	} else {
		/* commits and pushes: run_group */
		s->m.ops_applied += (uint_fast64_t)p.n_applied;
		s->m.ops_rejected += (uint_fast64_t)p.n_rejected;
		s->m.ops_duplicate += (uint_fast64_t)p.n_duplicate;
		results_body(&p, seq, out);
	}
	push_free(&p);
}

/* POST /v1/conflicts/{id}/resolve: a person has dealt with a conflict
 * notice; it leaves every terminal's status line through the feed. */
void srv_api_resolve(struct srv *s, const struct srv_caller *c, const char *id, struct srv_resp *out)
{
	if (s->pg) {
		srv_pg_resolve(s, c, id, out); /* pg_conflicts.c */
		return;
	}
	struct fd_error err = {0};
	int changed = 0;
	int64_t seq = 0;
	pthread_mutex_lock(&s->wlock);
	enum fd_status st = fd_db_begin(s->wdb, &err);
	if (!st) {
		sqlite3_stmt *q =
		    fd_db_stmt(s->wdb,
		               "UPDATE srv_conflicts SET resolved = 1, resolved_by = ?2,"
		               " version = version + 1, updated_at = ?3 WHERE id = ?1 AND resolved = 0",
		               &err);
		if (!q)
			st = err.status;
		else {
			sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, c->username, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 3, (int64_t)time(NULL));
			if (sqlite3_step(q) != SQLITE_DONE)
				st = fd_db_fail(s->wdb, &err, "resolving a conflict");
			else
				changed = sqlite3_changes(fd_db_handle(s->wdb));
		}
	}
	if (!st && changed) {
		s->hook.op_id[0] = '\0';
		st = srv_record_change(s->wdb, &s->hook, "conflict", id, &err);
	}
	if (!st && changed)
		st = fd_db_commit(s->wdb, &err);
	else
		fd_db_rollback(s->wdb);
	seq = srv_last_seq(s->wdb);
	pthread_mutex_unlock(&s->wlock);
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}
	if (!changed) {
		srv_resp_error(out, 404, "not_found", "id", "No open conflict notice %.40s.", id);
		return;
	}
	srv_changed(s, seq);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "id", id);
	cJSON_AddNumberToObject(doc, "seq", (double)seq);
	srv_resp_json(out, 200, doc);
}
