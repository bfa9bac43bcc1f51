// SPDX-License-Identifier: GPL-3.0-or-later
/* The store-independent rules of a push (push_rules.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/json.h"
#include "server/push_rules.h"
#include "server/reply.h"
#include "store/ids.h"

bool srv_push_unreadable_op(const cJSON *item, struct fd_op *op, const struct fd_error *why,
                            struct fd_error *bad)
{
	static const char *const envelope[] = {"op",    "op_id",      "type",       "device",
	                                       "actor", "device_seq", "created_at", "payload"};
	bool content = strcmp(why->code, "unknown_op") == 0;
	if (!content && why->field[0] && !cJSON_GetObjectItemCaseSensitive(item, why->field)) {
		content = true;
		for (size_t i = 0; i < sizeof envelope / sizeof *envelope; i++)
			if (strcmp(why->field, envelope[i]) == 0)
				content = false;
	}
	if (!content)
		return false;
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "op_id");
	const cJSON *seq = cJSON_GetObjectItemCaseSensitive(item, "device_seq");
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
	if (!cJSON_IsString(id) || strlen(id->valuestring) != FD_ID_LEN - 1 || !cJSON_IsNumber(seq) ||
	    seq->valuedouble < 1 || seq->valuedouble > 9e15 ||
	    seq->valuedouble != (double)(int64_t)seq->valuedouble)
		return false;
	fd_op_clear(op);
	fd_op_init(op);
	snprintf(op->op_id, sizeof op->op_id, "%s", id->valuestring);
	op->device_seq = (int64_t)seq->valuedouble;
	snprintf(op->type, sizeof op->type, "%s", cJSON_IsString(type) ? type->valuestring : "?");
	*bad = *why;
	if (!bad->code[0])
		snprintf(bad->code, sizeof bad->code, "invalid");
	return true;
}

bool srv_push_gap_from(const cJSON *body, int64_t *gap_from, struct srv_resp *out)
{
	const cJSON *gap = cJSON_GetObjectItemCaseSensitive(body, "gap_from");
	*gap_from = 0;
	if (gap && (!cJSON_IsNumber(gap) || gap->valuedouble < 1 || gap->valuedouble > 9e15)) {
		srv_resp_error(out, 400, "invalid_field", "gap_from",
		               "Field \"gap_from\" must be the device_seq the server asked for.");
		return false;
	}
	*gap_from = gap ? (int64_t)gap->valuedouble : 0;
	return true;
}

int64_t srv_push_gap_to(int64_t gap_from, int64_t expected, int64_t first_seq)
{
	return gap_from > 0 && gap_from == expected && first_seq > expected ? first_seq - 1 : 0;
}

/* The device's operations gap_from to gap_to are lost (the server was
 * restored from a backup that lacks them, and the terminal had already
 * forgotten them). A person must check what was done at that desk then;
 * the notice says which and from when. */
char *srv_push_gap_notice(const char *name, int64_t gap_from, int64_t gap_to, int64_t first_seq,
                          const char *pushed_by, char msg[512])
{
	long long n = (long long)(gap_to - gap_from + 1);
	snprintf(msg, 512,
	         "%lld operation%s of %s (device_seq %lld to %lld, made before the terminal's operation "
	         "%lld) %s lost: the server was restored from a backup that lacks them, and the "
	         "terminal no longer kept them. Check what was done at %s in that period.",
	         n, n == 1 ? "" : "s", name, (long long)gap_from, (long long)gap_to, (long long)first_seq,
	         n == 1 ? "was" : "were", name);
	cJSON *details = cJSON_CreateObject();
	cJSON_AddNumberToObject(details, "gap_from", (double)gap_from);
	cJSON_AddNumberToObject(details, "gap_to", (double)gap_to);
	cJSON_AddStringToObject(details, "device_name", name);
	cJSON_AddStringToObject(details, "pushed_by", pushed_by);
	char *text = cJSON_PrintUnformatted(details);
	cJSON_Delete(details);
	return text;
}

int64_t srv_push_outbox(const struct srv_req *r, int n)
{
	const char *depth = srv_header(r, "Frontdesk-Outbox");
	char *end;
	long long d = depth ? strtoll(depth, &end, 10) : -1;
	return !depth || !*depth || *end || d < 0 ? -1 : d > n ? d - n : 0;
}

void srv_push_count(struct srv *s, int commits, int pushes, const cJSON *results)
{
	s->m.commits += (uint_fast64_t)commits;
	s->m.pushes += (uint_fast64_t)pushes;
	const cJSON *r;
	cJSON_ArrayForEach(r, results)
	{
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(r, "status");
		if (!cJSON_IsString(st))
			continue;
		if (strcmp(st->valuestring, "applied") == 0)
			s->m.ops_applied++;
		else if (strcmp(st->valuestring, "rejected") == 0)
			s->m.ops_rejected++;
		else
			s->m.ops_duplicate++;
	}
}

bool srv_push_creates_erased(const struct fd_op *op, bool (*erased)(void *ctx, const char *id), void *ctx,
                             struct fd_error *bad)
{
	const cJSON *id = op->payload ? cJSON_GetObjectItemCaseSensitive(op->payload, "id") : NULL;
	if (!id || !cJSON_IsString(id) || !id->valuestring || !erased(ctx, id->valuestring))
		return false;
	fd_fail(bad, FD_E_CONFLICT, "guest_erased", "id",
	        _("Guest %s was erased; an operation cannot create it again (it may come from a "
	          "terminal re-submitting after a restore). Nothing was changed."),
	        id->valuestring);
	return true;
}

cJSON *srv_push_answer_new(const struct fd_op *op, const char *status)
{
	cJSON *a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "op_id", op->op_id);
	srv_json_add_int(a, "device_seq", op->device_seq);
	cJSON_AddStringToObject(a, "status", status);
	return a;
}

cJSON *srv_push_applied_new(const struct fd_op *op, int64_t seq, const struct fd_op_result *res)
{
	cJSON *a = srv_push_answer_new(op, "applied");
	srv_json_add_int(a, "seq", seq);
	cJSON_AddStringToObject(a, "entity", res->entity);
	cJSON_AddStringToObject(a, "id", res->id);
	if (res->code[0])
		cJSON_AddStringToObject(a, "code", res->code);
	if (res->warning[0])
		cJSON_AddStringToObject(a, "warning", res->warning);
	return a;
}

char *srv_push_applied_text(const struct fd_op *op, int64_t seq, const struct fd_op_result *res)
{
	struct fd_json_out o = {0};
	fd_json_out_raw(&o, "{", 1);
	fd_json_out_key(&o, "op_id");
	fd_json_out_str(&o, op->op_id);
	fd_json_out_key(&o, "device_seq");
	fd_json_out_int(&o, op->device_seq);
	fd_json_out_key(&o, "status");
	fd_json_out_str(&o, "applied");
	fd_json_out_key(&o, "seq");
	fd_json_out_int(&o, seq);
	fd_json_out_key(&o, "entity");
	fd_json_out_str(&o, res->entity);
	fd_json_out_key(&o, "id");
	fd_json_out_str(&o, res->id);
	if (res->code[0]) {
		fd_json_out_key(&o, "code");
		fd_json_out_str(&o, res->code);
	}
	if (res->warning[0]) {
		fd_json_out_key(&o, "warning");
		fd_json_out_str(&o, res->warning);
	}
	fd_json_out_raw(&o, "}", 1);
	return fd_json_out_take(&o);
}

void srv_push_gap_refusal(struct srv_resp *out, int64_t expected)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(doc, "error");
	char msg[160];
	snprintf(msg, sizeof msg,
	         "Operations of this device must continue at device_seq %lld; nothing applied.",
	         (long long)expected);
	cJSON_AddStringToObject(e, "code", "sequence_gap");
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddStringToObject(e, "field", "device_seq");
	cJSON_AddNumberToObject(doc, "expected", (double)expected);
	srv_resp_json(out, 409, doc);
}
