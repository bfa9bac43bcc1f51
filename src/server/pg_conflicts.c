// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: conflict notices, as on SQLite (push.c). A
 * refused operation (a room sold meanwhile at another desk) becomes a
 * notice of its hotel, recorded in the refusal's transaction and sent to
 * every terminal of the hotel through the feed (entity "conflict") until a
 * person resolves it (POST /v1/conflicts/{id}/resolve). A guest's refusals
 * (the public side) are answered to its device only, with no notice. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/op.h"
#include "pg/pg.h"
#include "server/log.h"
#include "server/push_rules.h"
#include "server/reply.h"
#include "server/server.h"
#include "store/ids.h"

enum fd_status srv_pg_conflict(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op,
                               const struct fd_error *why, const struct fd_op_result *res, cJSON *answer,
                               struct fd_error *err)
{
	if (c->role == FD_ROLE_GUEST || strcmp(why->code, "guest_erased") == 0)
		return FD_OK;
	cJSON *details = cJSON_CreateObject();
	cJSON_AddItemToObject(details, "op", fd_op_to_json(op));
	cJSON_AddStringToObject(details, "pushed_by", c->username);
	if (why->field[0])
		cJSON_AddStringToObject(details, "field", why->field);
	if (res->clash_code[0])
		cJSON_AddStringToObject(details, "clash_booking", res->clash_code);
	cJSON *fr = res->n_free > 0 ? cJSON_AddArrayToObject(details, "free_rooms") : NULL;
	for (int i = 0; i < res->n_free; i++)
		cJSON_AddItemToArray(fr, cJSON_CreateString(res->free_rooms[i]));
	char *text = cJSON_PrintUnformatted(details);
	cJSON_Delete(details);
	char id[FD_ID_LEN], now[24];
	fd_uuid_new(id);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	static const char sql[] =
	    "INSERT INTO srv_conflicts (property_id, id, op_id, device, actor, type, code, message, details,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)";
	const char *p[] = {c->property, id,        op->op_id,    op->device,         op->actor,
	                   op->type,    why->code, why->message, text ? text : "{}", now};
	enum fd_status st = fd_pg_do(pg, sql, 10, p, "recording a conflict notice", err);
	free(text);
	if (!st)
		st = fd_pg_record_change(pg, "conflict", id, NULL, err);
	if (st)
		return st;
	cJSON_AddStringToObject(answer, "conflict", id);
	if (res->n_free > 0) {
		cJSON *a = cJSON_AddArrayToObject(answer, "free_rooms");
		for (int i = 0; i < res->n_free; i++)
			cJSON_AddItemToArray(a, cJSON_CreateString(res->free_rooms[i]));
	}
	return FD_OK;
}

/* A declared gap (push_rules.h: accepted where the device's sequence
 * stands): the notice of the lost operations, in the push's transaction,
 * and the device's sequence moved past them. */
enum fd_status srv_pg_gap(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *first,
                          int64_t gap_from, struct fd_error *err)
{
	static const char dev[] = "SELECT last_seq, name FROM srv_devices WHERE id = $1";
	const char *d[] = {c->device};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, dev, 1, d, &q, "reading the device's sequence", err);
	if (st)
		return st;
	int64_t last = 0;
	char name[64];
	snprintf(name, sizeof name, "%s", c->device);
	if (PQntuples(q) == 1) {
		last = strtoll(PQgetvalue(q, 0, 0), NULL, 10);
		snprintf(name, sizeof name, "%s", PQgetvalue(q, 0, 1));
	}
	PQclear(q);
	int64_t gap_to = srv_push_gap_to(gap_from, last + 1, first->device_seq);
	if (!gap_to)
		return FD_OK;
	char msg[512], id[FD_ID_LEN], now[24], to[24];
	char *text = srv_push_gap_notice(name, gap_from, gap_to, first->device_seq, c->username, msg);
	fd_uuid_new(id);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	snprintf(to, sizeof to, "%lld", (long long)gap_to);
	static const char ins[] =
	    "INSERT INTO srv_conflicts (property_id, id, op_id, device, actor, type, code, message, details,"
	    " created_at, updated_at) VALUES ($1, $2, '', $3, $4, 'sync.gap', 'lost_in_restore', $5, $6,"
	    " $7, $7)";
	static const char seq[] = "UPDATE srv_devices SET last_seq = greatest(last_seq, $2) WHERE id = $1";
	const char *p[] = {c->property, id, c->device, c->username, msg, text ? text : "{}", now};
	const char *a[] = {c->device, to};
	fd_pg_set_op(pg, "");
	st = fd_pg_do(pg, ins, 7, p, "recording a lost-operations notice", err);
	free(text);
	if (!st)
		st = fd_pg_record_change(pg, "conflict", id, NULL, err);
	if (!st)
		st = fd_pg_do(pg, seq, 2, a, "moving the device's sequence past the gap", err);
	if (!st)
		srv_log(SRV_LOG_WARNING, "device %s (%s) declares its operations %lld to %lld lost",
		        c->device, name, (long long)gap_from, (long long)gap_to);
	return st;
}

void srv_pg_resolve(struct srv *s, const struct srv_caller *c, const char *id, struct srv_resp *out)
{
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg) {
		srv_resp_fd_error(out, &err);
		return;
	}
	fd_pg_use_property(pg, c->property);
	static const char sql[] =
	    "UPDATE srv_conflicts SET resolved = 1, resolved_by = $3, version = version + 1,"
	    " updated_at = $4 WHERE id = $1 AND property_id = $2 AND resolved = 0";
	char now[24];
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	const char *p[] = {id, c->property, c->username, now};
	PGresult *q = NULL;
	bool changed = false;
	enum fd_status st = fd_pg_begin(pg, &err);
	if (!st && !(st = fd_pg_run(pg, sql, 4, p, &q, "resolving a conflict", &err)))
		changed = strcmp(PQcmdTuples(q), "1") == 0;
	PQclear(q);
	fd_pg_set_op(pg, "");
	if (!st && changed)
		st = fd_pg_record_change(pg, "conflict", id, NULL, &err);
	int64_t seq = fd_pg_last_seq(pg);
	if (!st && changed)
		st = fd_pg_commit(pg, &err);
	else
		fd_pg_rollback(pg);
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}
	if (!changed) {
		srv_resp_error(out, 404, "not_found", "id", "No open conflict notice %.40s.", id);
		return;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "id", id);
	cJSON_AddNumberToObject(doc, "seq", (double)seq);
	srv_resp_json(out, 200, doc);
}
