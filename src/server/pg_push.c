// SPDX-License-Identifier: GPL-3.0-or-later
/* POST /v1/ops on PostgreSQL: a batch of operations from one device in ONE
 * writing transaction, as on SQLite (push.c), acknowledged after COMMIT.
 *
 * The transaction (fd_pg_begin: READ COMMITTED, the hotel's feed counter
 * row locked until COMMIT) holds every operation of the batch, each under
 * its own savepoint:
 *   - an operation already recorded for the device (op_id) answers its
 *     recorded result as "duplicate" and changes nothing; a repeat inside
 *     the batch finds the result recorded moments ago in the transaction;
 *   - applied: its writes, its changes (numbered from the locked counter, so
 *     the feed follows commit order: no other writer of the hotel takes a
 *     number until this COMMIT), its result, the device's sequence and its
 *     audit row;
 *   - refused for a business reason (a room-night taken, by the core rules
 *     or by the schema's unique key on stay_nights, in this batch or by
 *     another server): ROLLBACK TO the savepoint undoes its writes, failed
 *     statement included, and the refusal is recorded (result, conflict
 *     notice, device's sequence, audit row); the lock stays held;
 *   - a device_seq that skips one: the operations before it commit, the
 *     push answers 409 (as one transaction per operation did).
 * Any other failure rolls the whole batch back: nothing of it is applied
 * or recorded, the push answers 503 and the terminal sends it again.
 *
 * Serialization failures and deadlocks: writers of one hotel queue on the
 * counter row, so they cannot deadlock each other; a deadlock (or lock
 * timeout) involves rows shared with another hotel's transaction (chain
 * guests, ...), and READ COMMITTED raises no serialization failure of its
 * own. Such a failure rolls back the whole transaction, so the batch is
 * retried from the start, up to BATCH_TRIES times: nothing of it was
 * committed nor answered, so a retry is the same batch on a fresh state.
 * If it still fails, the batch falls back to one transaction per
 * operation: shorter transactions hold their locks for less time and each
 * committed one is kept, so a batch that keeps losing to another hotel's
 * still makes progress; the first operation that fails answers 503 and
 * the terminal's retry gets the committed ones as duplicates. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/op_folio.h"
#include "pg/pg.h"
#include "server/log.h"
#include "server/push_rules.h"
#include "server/reply.h"
#include "server/server.h"

#define BATCH_TRIES 3

static bool business_refusal(enum fd_status st)
{
	return st == FD_E_CONFLICT || st == FD_E_INVALID || st == FD_E_NOT_FOUND || st == FD_E_FORBIDDEN;
}

/* A failure a new transaction may not meet: a serialization failure, a
 * deadlock, a lock timeout (src/pg/pg.c maps them to FD_E_BUSY "busy"). */
static bool retryable(enum fd_status st, const struct fd_error *err)
{
	return st == FD_E_BUSY && strcmp(err->code, "busy") == 0;
}

/* What the transaction knows of the device: its last sequence and the
 * recorded answers of the batch's operations, read once after the lock
 * (push_state_read) and kept up to date as operations are recorded, so
 * that an operation costs no read of its own; a repeat inside the batch
 * finds the answer recorded moments ago. */
struct push_state {
	int64_t last;  /* the device's last sequence */
	bool recorded; /* something recorded: the device's row is updated at the end */
	struct known {
		const char *op_id; /* the batch's (borrowed) */
		char *result;      /* its recorded answer (JSON text), NULL when none */
	} * known;
	int n;
};

static void push_state_clear(struct push_state *ps)
{
	for (int i = 0; i < ps->n; i++)
		free(ps->known[i].result);
	free(ps->known);
	memset(ps, 0, sizeof *ps);
}

static struct known *known_find(struct push_state *ps, const char *op_id)
{
	for (int i = 0; i < ps->n; i++)
		if (strcmp(ps->known[i].op_id, op_id) == 0)
			return &ps->known[i];
	return NULL;
}

/* A text[] literal of the operations' ids: each quoted, \ and " escaped. */
static char *ids_literal(const struct fd_op *ops, int from, int to)
{
	size_t cap = 3;
	for (int i = from; i < to; i++)
		cap += 2 * strlen(ops[i].op_id) + 3;
	char *s = malloc(cap), *w = s;
	if (!s)
		return NULL;
	*w++ = '{';
	for (int i = from; i < to; i++) {
		if (i > from)
			*w++ = ',';
		*w++ = '"';
		for (const char *p = ops[i].op_id; *p; p++) {
			if (*p == '"' || *p == '\\')
				*w++ = '\\';
			*w++ = *p;
		}
		*w++ = '"';
	}
	*w++ = '}';
	*w = '\0';
	return s;
}

/* One read for the whole batch (operations from..to-1), in the transaction
 * after the lock: the device's last sequence and what is recorded. */
static enum fd_status push_state_read(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *ops,
                                      int from, int to, struct push_state *ps, struct fd_error *err)
{
	memset(ps, 0, sizeof *ps);
	if (!(ps->known = calloc((size_t)(to - from), sizeof *ps->known)))
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	for (int i = from; i < to; i++)
		if (!known_find(ps, ops[i].op_id))
			ps->known[ps->n++].op_id = ops[i].op_id;
	char *ids = ids_literal(ops, from, to);
	if (!ids)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	static const char sql[] =
	    "SELECT d.last_seq, r.op_id, r.result FROM srv_devices d LEFT JOIN srv_op_results r"
	    " ON r.device = d.id AND r.op_id = ANY ($2::text[]) WHERE d.id = $1";
	const char *a[] = {c->device, ids};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &q, "reading the operations' results", err);
	free(ids);
	if (st)
		return st;
	for (int i = 0; i < PQntuples(q); i++) {
		ps->last = strtoll(PQgetvalue(q, i, 0), NULL, 10);
		struct known *k = PQgetisnull(q, i, 1) ? NULL : known_find(ps, PQgetvalue(q, i, 1));
		if (k && !k->result && !PQgetisnull(q, i, 2) && !(k->result = strdup(PQgetvalue(q, i, 2)))) {
			PQclear(q);
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
		}
	}
	PQclear(q);
	return FD_OK;
}

/* The operation's result, in the transaction (sent with the next statement
 * read); the device's sequence moves at the end (push_state_write). */
static enum fd_status record(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op,
                             const char *status, const cJSON *answer, struct push_state *ps,
                             struct fd_error *err)
{
	char *text = cJSON_PrintUnformatted(answer);
	if (!text)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	char seq[24], now[24];
	snprintf(seq, sizeof seq, "%lld", (long long)op->device_seq);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	static const char ins[] =
	    "INSERT INTO srv_op_results (property_id, device, op_id, device_seq, status,"
	    " result, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
	const char *a[] = {c->property, c->device, op->op_id, seq, status, text, now};
	enum fd_status st = fd_pg_defer(pg, ins, 7, a, "recording an operation's result", err);
	struct known *k = known_find(ps, op->op_id);
	if (st || !k) {
		free(text);
		return st;
	}
	free(k->result);
	k->result = text;
	if (op->device_seq > ps->last)
		ps->last = op->device_seq;
	ps->recorded = true;
	return FD_OK;
}

/* The device's sequence and last push, once for the batch. */
static enum fd_status push_state_write(struct fd_pg *pg, const struct srv_caller *c,
                                       const struct push_state *ps, struct fd_error *err)
{
	if (!ps->recorded)
		return FD_OK;
	char seq[24], now[24];
	snprintf(seq, sizeof seq, "%lld", (long long)ps->last);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	static const char dev[] =
	    "UPDATE srv_devices SET last_seq = greatest(last_seq, $2), last_push_at = $3"
	    " WHERE id = $1";
	const char *d[] = {c->device, seq, now};
	return fd_pg_defer(pg, dev, 3, d, "advancing the device's sequence", err);
}

/* The recorded answer of an operation already pushed (NULL when none). */
static cJSON *recorded(struct push_state *ps, const struct fd_op *op)
{
	struct known *k = known_find(ps, op->op_id);
	return k && k->result ? cJSON_Parse(k->result) : NULL;
}

/* One operation inside the batch's transaction, under its savepoint. FD_OK
 * with *answer (applied, rejected or duplicate), or with *gap > 0 and no
 * answer when the device skipped a sequence number; another status: the
 * transaction must roll back. */
static enum fd_status push_one(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op,
                               const struct fd_error *bad, struct push_state *ps, cJSON **answer,
                               int64_t *gap, struct fd_error *err)
{
	enum fd_status st;
	if ((*answer = recorded(ps, op))) {
		cJSON_ReplaceItemInObjectCaseSensitive(*answer, "status", cJSON_CreateString("duplicate"));
		return FD_OK;
	}
	if (op->device_seq != ps->last + 1) {
		*gap = ps->last + 1;
		return FD_OK;
	}
	if ((st = fd_pg_savepoint(pg, err)))
		return st;
	int64_t before = fd_pg_last_seq(pg);
	struct fd_op_result res;
	memset(&res, 0, sizeof res);
	struct fd_error why = *bad;
	fd_pg_set_op(pg, op->op_id);
	st = why.code[0] ? (why.status ? why.status : FD_E_INVALID)
	                 : fd_op_apply(fd_pg_repo(pg), op, 0, &res, &why);
	if (st == FD_OK) {
		if ((st = fd_pg_release(pg, err)))
			return st;
		int64_t seq = fd_pg_last_seq(pg);
		*answer = srv_push_applied_new(op, seq > before ? seq : 0, &res);
		st = record(pg, c, op, "applied", *answer, ps, err);
		if (!st)
			st = srv_pg_audit_op(pg, c, op, &res, NULL, err); /* pg_audit.c */
		return st;
	}
	if (!business_refusal(st)) {
		*err = why;
		return st;
	}
	/* Undo the operation's writes, keep the refusal. */
	if ((st = fd_pg_rollback_to(pg, err)) || (st = fd_pg_release(pg, err)))
		return st;
	*answer = srv_push_answer_new(op, "rejected");
	cJSON *e = cJSON_AddObjectToObject(*answer, "error");
	cJSON_AddStringToObject(e, "code", why.code);
	cJSON_AddStringToObject(e, "message", why.message);
	if (why.field[0])
		cJSON_AddStringToObject(e, "field", why.field);
	if (res.clash_code[0])
		cJSON_AddStringToObject(*answer, "clash_booking", res.clash_code);
	st = srv_pg_conflict(pg, c, op, &why, &res, *answer, err); /* pg_conflicts.c */
	if (!st)
		st = record(pg, c, op, "rejected", *answer, ps, err);
	if (!st)
		st = srv_pg_audit_op(pg, c, op, NULL, &why, err); /* pg_audit.c */
	return st;
}

struct pg_batch {
	struct fd_op *ops;
	struct fd_error *bad; /* per operation: why it is refused before it runs ("" when not) */
	int n;
	int64_t gap_from; /* the device declares its operations from here on lost (0: none) */
	int64_t outbox;   /* the terminal's outbox after this push, -1 unknown */
	int commits;      /* transactions committed (metrics) */
};

static void batch_free(struct pg_batch *b)
{
	for (int i = 0; i < b->n; i++)
		fd_op_clear(&b->ops[i]);
	free(b->ops);
	free(b->bad);
}

/* Operations from to to-1 of the batch in one transaction. After COMMIT
 * their answers are appended to results; *gap > 0 when one skipped a
 * sequence number (those before it committed). Another status: rolled
 * back, nothing of them applied or recorded, results untouched. */
static enum fd_status run_tx(struct fd_pg *pg, const struct srv_caller *c, struct pg_batch *b, int from,
                             int to, cJSON *results, int64_t *gap, struct fd_error *err)
{
	cJSON *answers = cJSON_CreateArray();
	enum fd_status st = fd_pg_begin(pg, err);
	/* A declared gap, before the batch's first operation (pg_conflicts.c). */
	if (!st && from == 0 && b->gap_from)
		st = srv_pg_gap(pg, c, &b->ops[0], b->gap_from, err);
	struct push_state ps = {0};
	if (!st)
		st = push_state_read(pg, c, b->ops, from, to, &ps, err);
	for (int i = from; i < to && !st && !*gap; i++) {
		cJSON *answer = NULL;
		st = push_one(pg, c, &b->ops[i], &b->bad[i], &ps, &answer, gap, err);
		if (answer)
			cJSON_AddItemToArray(answers, answer);
	}
	fd_pg_set_op(pg, "");
	if (!st)
		st = push_state_write(pg, c, &ps, err);
	push_state_clear(&ps);
	if (!st && b->outbox >= 0) {
		static const char sql[] = "UPDATE srv_devices SET outbox_depth = $2 WHERE id = $1";
		char depth[24];
		snprintf(depth, sizeof depth, "%lld", (long long)b->outbox);
		const char *a[] = {c->device, depth};
		st = fd_pg_defer(pg, sql, 2, a, "noting the device's outbox", err);
	}
	if (!st)
		st = fd_pg_commit(pg, err); /* NOTIFY goes out with it: every server's long-polls wake */
	else
		fd_pg_rollback(pg);
	if (st) {
		*gap = 0;
	} else {
		b->commits++;
		cJSON *a;
		while ((a = cJSON_DetachItemFromArray(answers, 0)))
			cJSON_AddItemToArray(results, a);
	}
	cJSON_Delete(answers);
	return st;
}

/* The batch: one transaction, retried, then one per operation (above). */
static enum fd_status run_batch(struct fd_pg *pg, const struct srv_caller *c, struct pg_batch *b,
                                cJSON *results, int64_t *gap, struct fd_error *err)
{
	enum fd_status st;
	int tries = 0;
	do {
		*gap = 0;
		st = run_tx(pg, c, b, 0, b->n, results, gap, err);
		tries++;
		if (retryable(st, err))
			srv_log(SRV_LOG_WARNING, "push of %d operations rolled back (try %d of %d): %s", b->n,
			        tries, BATCH_TRIES, err->message);
	} while (retryable(st, err) && tries < BATCH_TRIES);
	if (!retryable(st, err))
		return st;
	srv_log(SRV_LOG_WARNING, "push of %d operations: one transaction per operation now", b->n);
	st = FD_OK;
	for (int i = 0; i < b->n && !st && !*gap; i++)
		st = run_tx(pg, c, b, i, i + 1, results, gap, err);
	return st;
}

/* Every operation read before anything runs: a broken one is a 400 and
 * nothing of the batch is applied. The actor's signature is checked here,
 * outside the transaction. */
static bool parse_ops(struct fd_pg *pg, const struct srv_caller *c, const cJSON *arr, struct pg_batch *b,
                      struct srv_resp *out)
{
	int n = cJSON_GetArraySize(arr);
	b->ops = calloc((size_t)n, sizeof *b->ops);
	b->bad = calloc((size_t)n, sizeof *b->bad);
	if (!b->ops || !b->bad) {
		srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
		return false;
	}
	const cJSON *item;
	cJSON_ArrayForEach(item, arr)
	{
		struct fd_error err = {0};
		int i = b->n++;
		struct fd_op *op = &b->ops[i];
		fd_op_init(op);
		/* An unknown type or a payload that does not check is refused
		 * like a business refusal, a broken envelope is a 400: the rule
		 * of push_rules.c, as on SQLite. */
		if (fd_op_from_json(item, op, &err) && !srv_push_unreadable_op(item, op, &err, &b->bad[i])) {
			char field[96];
			snprintf(field, sizeof field, "ops[%d].%s", i, err.field);
			srv_resp_error(out, 400, err.code, field, "Operation %d: %s", i, err.message);
			return false;
		}
		if (op->device_seq < 1) {
			srv_resp_error(out, 400, "missing_field", "device_seq",
			               "Operation %d: field \"device_seq\" is required.", i);
			return false;
		}
		if (!op->actor[0] || strcmp(op->actor, FD_NIGHT_AUDIT_ACTOR) == 0 ||
		    strcmp(op->actor, "local") == 0)
			snprintf(op->actor, sizeof op->actor, "%s", c->username);
		else if (strcmp(op->actor, c->username) != 0 && !b->bad[i].code[0] &&
		         !srv_pg_actor_signed(pg, c, op)) /* pg_actor.c */
			fd_fail(&b->bad[i], FD_E_FORBIDDEN, "unproven_actor", "actor",
			        "Operation made as \"%s\" without their signature, pushed by \"%s\": an "
			        "operation acts with the rights of the signed-in user or of a person who "
			        "signed it.",
			        op->actor, c->username);
		snprintf(op->device, sizeof op->device, "%s", c->device);
		if (!op->created_at)
			op->created_at = (int64_t)time(NULL);
	}
	return true;
}

/* The guests this push erased (committed: answered "applied" or
 * "duplicate"), appended to the list a restore re-applies (pg_erasures.c).
 * A failure is caught up at the server's next start. */
static void note_erasures(struct srv *s, const struct pg_batch *b, const cJSON *results)
{
	const char **ids = calloc((size_t)b->n + 1, sizeof *ids);
	int n = 0, i = 0;
	const cJSON *a;
	cJSON_ArrayForEach(a, results)
	{
		const struct fd_op *op = i < b->n ? &b->ops[i++] : NULL; /* results follow the operations */
		const cJSON *status = cJSON_GetObjectItemCaseSensitive(a, "status");
		const cJSON *guest =
		    op && op->payload ? cJSON_GetObjectItemCaseSensitive(op->payload, "guest") : NULL;
		if (ids && op && strcmp(op->type, "guest.erase") == 0 && cJSON_IsString(status) &&
		    strcmp(status->valuestring, "rejected") != 0 && cJSON_IsString(guest))
			ids[n++] = guest->valuestring;
	}
	struct fd_error err = {0};
	if (n && srv_erasures_merge(s->cfg.data_dir, ids, n, &err))
		srv_log(SRV_LOG_WARNING, "could not record an erasure outside the database: %s", err.message);
	free(ids);
}

void srv_pg_push(struct srv *s, const struct srv_caller *c, const struct srv_req *r, struct srv_resp *out)
{
	static const char *const fields[] = {"ops", "gap_from", NULL};
	struct fd_error err = {0};
	cJSON *body = NULL;
	if (srv_body_parse(r, fields, &body, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(body, "ops");
	int n = cJSON_GetArraySize(arr);
	struct pg_batch b = {.outbox = srv_push_outbox(r, n)};
	if (!srv_push_gap_from(body, &b.gap_from, out)) { /* push_rules.c */
		cJSON_Delete(body);
		return;
	}
	if (!cJSON_IsArray(arr) || n < 1 || n > s->cfg.max_batch) {
		srv_resp_error(out, 400, arr ? "invalid_field" : "missing_field", "ops",
		               "Field \"ops\" must be an array of 1 to %d operations.", s->cfg.max_batch);
		cJSON_Delete(body);
		return;
	}
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg) {
		cJSON_Delete(body);
		srv_resp_fd_error(out, &err);
		out->status = 503;
		out->retry_after = 1;
		return;
	}
	fd_pg_use_property(pg, c->property);
	bool readable = parse_ops(pg, c, arr, &b, out);
	cJSON_Delete(body);
	if (!readable) {
		batch_free(&b);
		return;
	}
	/* An erased guest never comes back (pg_erasures.c): one read for the batch. */
	if (srv_pg_refuse_erased(pg, s->cfg.data_dir, b.ops, b.bad, b.n, &err)) {
		batch_free(&b);
		srv_resp_fd_error(out, &err);
		out->status = 503;
		out->retry_after = 1;
		return;
	}
	cJSON *results = cJSON_CreateArray();
	int64_t gap = 0;
	fd_pg_cache_reads(pg, true); /* the actor and the hotel, read once a transaction */
	enum fd_status st = run_batch(pg, c, &b, results, &gap, &err);
	fd_pg_cache_reads(pg, false);
	int commits = b.commits;
	note_erasures(s, &b, results);
	batch_free(&b);
	if (st) {
		/* Nothing of the batch is recorded (after a fallback to one
		 * transaction per operation: the ones before it are, and the
		 * terminal's retry gets their recorded results). */
		cJSON_Delete(results);
		srv_log(SRV_LOG_ERR, "push stopped: %s", err.message);
		srv_resp_fd_error(out, &err);
		out->status = 503;
		out->retry_after = 1;
		return;
	}
	if (gap) {
		cJSON_Delete(results);
		srv_push_gap_refusal(out, gap);
		return;
	}
	srv_push_count(s, commits, 1, results);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddItemToObject(doc, "results", results);
	srv_resp_json(out, 200, doc);
}
