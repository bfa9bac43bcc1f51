// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd API v1: the route table (srv_routes, at the end; route.c
 * routes by it) and the read endpoints. Full description in
 * data/openapi.yaml; this is the short version for the sync engine.
 *
 * All bodies are JSON (UTF-8). Errors: {"error":{"code","message","field"?}}
 * with 400 (malformed JSON or field, named in "field"), 401 (no/bad/expired
 * token), 403 (role may not), 404, 409, 410 (stale epoch/cursor), 413 (body
 * over the cap), 429 (+Retry-After), 503 (+Retry-After: transient, retry).
 * Every 401 and 403, like every refused operation, is recorded in the audit
 * log and the server's log (refusal.c).
 *
 * Enrolment and sign-in
 *   POST /v1/devices {"code","name"} -> 201 {"device_id","token"}
 *   POST /v1/sessions {"username","password"}, Authorization: Bearer <device
 *     token> -> 201 {"token","username","display_name","role","device_id",
 *     "expires_at","idle_timeout"}
 *   DELETE /v1/sessions/current (session token) -> 200 {}
 *   Every other call except /v1/health: Authorization: Bearer <session token>.
 *
 * Push: POST /v1/ops {"ops":[op, ...]} (at most max_batch, default 500)
 *   op is the wire form of src/core/op.h; "device" is replaced by the
 *   session's device. "actor" is kept only when that user has signed in on
 *   this device before (an op made offline, pushed after a change of
 *   shift); otherwise it becomes the session's user. Either way the actor's
 *   rights AT PUSH TIME decide (disabled meanwhile: rejected "forbidden").
 *   Ops of one device carry device_seq 1,2,3... without gaps.
 *   -> 200 {"results":[r, ...], "seq": <last committed change seq>}, r =
 *     {"op_id","device_seq","status":"applied","seq":S,"entity","id","code"?,"warning"?}
 *     {"op_id","device_seq","status":"rejected","error":{"code","message","field"?},
 *      "conflict":"<notice id>","clash_booking"?,"free_rooms"?:[...]}
 *     {"op_id",...,"status":"duplicate","recorded_status":"applied"|"rejected",...}
 *       (the recorded answer of an earlier push from the same device;
 *       nothing re-executed. Duplicates are per device: the same op_id
 *       from another device is that device's own operation)
 *   S is the change sequence at which the op's effects are visible in the
 *   feed. 409 {"error":{"code":"sequence_gap",...},"expected":N}: nothing of
 *   the batch was applied; resend from device_seq N. 503: retry later.
 *   {"gap_from":N,"ops":[...]}: the device no longer holds N up to its first
 *   op (pruned before a restore lost them): accepted when N is what the
 *   server expects, with a "lost_in_restore" notice for the device.
 *   Malformed ops (unknown fields, wrong types) are a 400 for the whole batch.
 *
 * Feed: GET /v1/changes?since=N&limit=M&wait=S&epoch=E
 *   -> 200 {"epoch","changes":[{"seq","entity","id","op_id"?,"state":{...}}
 *      or {...,"deleted":true}],"next":N',"more":bool}
 *   Entities: property, room_type, room, guest, booking, staff, task,
 *   conflict. "state" is the entity's row with the column names of the core
 *   schema (src/store/schema.c; the srv_conflicts table for conflicts):
 *   dates are day numbers, money minor units; left out: guests.search_key,
 *   bookings.guest_name and property.singleton, which the terminal's store
 *   derives. The feed is
 *   compacted: an entity appears once, at the seq of its latest change,
 *   with its current state (nothing is ever trimmed, so any cursor of the
 *   current epoch stays valid). With wait>0 (<= 60) and nothing new, the answer waits for a
 *   change or S seconds. 410 when epoch differs or since is beyond the
 *   server's sequence: re-sync from the snapshot.
 *   GET /v1/snapshot -> {"epoch","seq","entities":{"room":[state...],...}}
 *   (one consistent read; then follow the feed from "seq").
 *   GET /v1/snapshot?limit=N[&max_bytes=B][&after=T&epoch=E]: the same in
 *   pages of at most N rows / about B bytes, each with "more" and "next"
 *   (T for the next page); "seq" is fixed by the first page and the feed
 *   is followed from it once every page is installed (feed.c says why
 *   that cut is consistent); the first page also says "total", the rows
 *   of all the pages at the cut. 410 when the epoch changed meanwhile.
 *   POST /v1/conflicts/{id}/resolve -> 200 {"id","seq"}: marks a conflict
 *   notice resolved (resolved=1, resolved_by) and sends it through the feed
 *   again; 404 when unknown or already resolved. Conflict state columns:
 *   id, op_id, device, actor, type, code, message, details (JSON text with
 *   "op", and for clashes "clash_booking", "free_rooms"), resolved,
 *   resolved_by, version, created_at, updated_at.
 *
 * Read endpoints (friendly form: dates "YYYY-MM-DD", money minor units):
 *   GET /v1/rooms, /v1/room-types, /v1/bookings?from=&to=,
 *   /v1/bookings/{code}, /v1/availability?from=&to=
 *   GET /v1/reports/chain?from=&to= (PostgreSQL, the revenue chain role:
 *   src/server/pg_report.c)
 *   GET /v1/health (no auth), GET /v1/metrics (Prometheus text: the scrape
 *   token of `frontdeskd metrics-token`, or a manager's session).
 *
 * Administration (the terminal's administration pane; admin_api.c): staff
 *   with their password, password resets, devices, revoking one, enrolment
 *   codes. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/perm.h"
#include "pg/query.h"
#include "server/admin_api.h"
#include "server/pg_chain.h"
#include "server/reply.h"
#include "server/route.h"
#include "server/server.h"
#include "store/encode.h"
#include "store/query.h"

/* --- query parameters --- */

static bool query_int(struct srv_resp *out, const struct srv_req *r, const char *key, int64_t min,
                      int64_t max, int64_t def, int64_t *v)
{
	const char *s = srv_query(r, key);
	*v = def;
	if (!s)
		return true;
	char *end;
	long long n = strtoll(s, &end, 10);
	if (!*s || *end || n < min || n > max) {
		srv_resp_error(out, 400, "invalid_parameter", key,
		               "Parameter \"%s\" must be a whole number from %lld to %lld.", key,
		               (long long)min, (long long)max);
		return false;
	}
	*v = n;
	return true;
}

static bool query_range(struct srv_resp *out, const struct srv_req *r, fd_date *from, fd_date *to,
                        int max_days)
{
	const char *f = srv_query(r, "from"), *t = srv_query(r, "to");
	if (!f || !fd_date_parse(f, from)) {
		srv_resp_error(out, 400, "invalid_parameter", "from",
		               "Parameter \"from\" must be a date YYYY-MM-DD.");
		return false;
	}
	if (!t || !fd_date_parse(t, to) || *to <= *from || *to - *from > max_days) {
		srv_resp_error(
		    out, 400, "invalid_parameter", "to",
		    "Parameter \"to\" must be a date YYYY-MM-DD after \"from\", at most %d days later.",
		    max_days);
		return false;
	}
	return true;
}

/* The sync endpoints answer a terminal only in a protocol this server
 * speaks; a terminal too old is told so (426) with what it must do, and
 * keeps working offline until it is upgraded. One newer than the server
 * (upgraded first by mistake) speaks down to it. */
static bool protocol_ok(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	if (r->protocol >= s->cfg.min_protocol)
		return true;
	cJSON *doc = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(doc, "error");
	char msg[300];
	snprintf(
	    msg, sizeof msg,
	    "This terminal's frontdesk is too old for the server: it speaks sync protocol %d, the server "
	    "needs %d to %d. Install the newer frontdesk on this terminal; it keeps working offline "
	    "until then.",
	    r->protocol, s->cfg.min_protocol, FD_PROTOCOL);
	cJSON_AddStringToObject(e, "code", "protocol_too_old");
	cJSON_AddStringToObject(e, "message", msg);
	cJSON_AddNumberToObject(doc, "min_protocol", s->cfg.min_protocol);
	cJSON_AddNumberToObject(doc, "protocol", FD_PROTOCOL);
	cJSON_AddNumberToObject(doc, "terminal_protocol", r->protocol);
	srv_resp_json(out, 426, doc);
	return false;
}

/* --- endpoints --- */

/* v's decimal digits at p; returns their end. */
static char *put_int(char *p, long long v)
{
	char tmp[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	return p;
}

#define HEALTH_STR(x) #x
#define HEALTH_XSTR(x) HEALTH_STR(x)
static const char health_head[] = "{\"status\":\"ok\",\"version\":\"" PACKAGE_VERSION
                                  "\",\"protocol\":" HEALTH_XSTR(FD_PROTOCOL) ",\"min_protocol\":";

static void api_health(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                       struct srv_resp *out)
{
	(void)r, (void)c, (void)state;
	/* The most frequent request (monitors, load balancers, every
	 * terminal's reachability check): put together directly, since
	 * building and printing a cJSON tree, and then even snprintf, were
	 * most of its own cost. Every value is a number or the server's own
	 * text (the version; the epoch is hex), nothing to escape. */
	char epoch[SRV_EPOCH_LEN];
	pthread_mutex_lock(&s->wait_lock); /* a server on PostgreSQL learns a new epoch */
	memcpy(epoch, s->epoch, sizeof epoch);
	long long seq = (long long)s->seq;
	pthread_mutex_unlock(&s->wait_lock);
	epoch[SRV_EPOCH_LEN - 1] = '\0';
	char *body = malloc(sizeof health_head + SRV_EPOCH_LEN + 80);
	if (!body) {
		srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
		return;
	}
	char *p = body;
	memcpy(p, health_head, sizeof health_head - 1);
	p = put_int(p + sizeof health_head - 1, s->cfg.min_protocol);
	memcpy(p, ",\"epoch\":\"", 10);
	size_t n = strlen(epoch);
	memcpy(p + 10, epoch, n);
	p += 10 + n;
	memcpy(p, "\",\"seq\":", 8);
	p = put_int(p + 8, seq);
	*p++ = '}';
	*p = '\0';
	out->status = 200;
	out->body = body;
	out->content_type = "application/json";
}

/* Long-poll state kept across a suspend. */
struct changes_state {
	bool parked;
};

void srv_api_state_free(void *state)
{
	free(state);
}

static void api_changes(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                        struct srv_resp *out)
{
	int64_t since, limit, wait;
	if (!protocol_ok(s, r, out))
		return;
	if (!query_int(out, r, "since", 0, INT64_MAX / 2, 0, &since) ||
	    !query_int(out, r, "limit", 1, 5000, 500, &limit) ||
	    !query_int(out, r, "wait", 0, s->cfg.max_wait, 0, &wait))
		return;
	if (s->pg) { /* the epoch is the database's (pg_feed.c) */
		srv_pg_changes(s, r, c, since, (int)limit, (int)wait, state, out);
		return;
	}
	const char *epoch = srv_query(r, "epoch");
	if (epoch && strcmp(epoch, s->epoch) != 0) {
		srv_resp_error(out, 410, "epoch_changed", "epoch",
		               "The server's database was replaced (epoch %s); re-sync from /v1/snapshot.",
		               s->epoch);
		return;
	}
	pthread_mutex_lock(&s->wait_lock);
	int64_t cur = s->seq;
	pthread_mutex_unlock(&s->wait_lock);
	int64_t floor = atomic_load(&s->changes_floor);
	if (since < floor) {
		srv_resp_error(out, 410, "cursor_expired", "since",
		               "Changes up to %lld are no longer kept; re-sync from /v1/snapshot.",
		               (long long)floor);
		return;
	}
	if (since > cur) {
		srv_resp_error(out, 410, "cursor_ahead", "since",
		               "Sequence %lld is beyond this server's %lld; re-sync from /v1/snapshot.",
		               (long long)since, (long long)cur);
		return;
	}
	struct changes_state *cs = *state;
	if (!(cs && cs->parked))
		srv_note_pull(s, c->device);
	if (wait > 0 && since == cur && !(cs && cs->parked)) {
		if (!cs && !(cs = *state = calloc(1, sizeof *cs))) {
			srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
			return;
		}
		cs->parked = true;
		srv_http_park(s, r->conn, since, srv_now_ms() + wait * 1000);
		out->suspend = true;
		return;
	}
	struct fd_error err = {0};
	struct fd_db *db = srv_reader(s, &err);
	cJSON *changes = NULL;
	int64_t next;
	bool more;
	if (!db || srv_feed_page(db, since, (int)limit, &changes, &next, &more, &err)) {
		cJSON_Delete(changes);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "epoch", s->epoch);
	cJSON_AddItemToObject(doc, "changes", changes);
	cJSON_AddNumberToObject(doc, "next", (double)next);
	cJSON_AddBoolToObject(doc, "more", more);
	srv_resp_json(out, 200, doc);
}

static void api_snapshot(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                         struct srv_resp *out)
{
	(void)state;
	if (!protocol_ok(s, r, out))
		return;
	struct fd_error err = {0};
	const char *after = srv_query(r, "after");
	const char *epoch = srv_query(r, "epoch");
	bool paged = srv_query(r, "limit") || after;
	int64_t limit, max_bytes;
	if (!query_int(out, r, "limit", 1, 5000, 500, &limit) ||
	    !query_int(out, r, "max_bytes", 4096, 16 << 20, 1 << 20, &max_bytes))
		return;
	if (s->pg) {
		srv_pg_snapshot(s, r, c, paged, (int)limit, (size_t)max_bytes, out);
		return;
	}
	if (epoch && strcmp(epoch, s->epoch) != 0) {
		srv_resp_error(out, 410, "epoch_changed", "epoch",
		               "The server's database was replaced (epoch %s); start the snapshot again.",
		               s->epoch);
		return;
	}
	struct fd_db *db = srv_reader(s, &err);
	char *text = NULL;
	srv_note_pull(s, c->device);
	/* Without "limit" (terminals of protocol 1): the whole hotel at once. */
	if (!db || (paged ? srv_snapshot_page(db, s->epoch, after, (int)limit, (size_t)max_bytes, &text, &err)
	                  : srv_snapshot(db, s->epoch, &text, &err))) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_resp_json_text(out, 200, text);
}

static bool room_cb(void *ctx, const struct fd_room_row *row)
{
	cJSON_AddItemToArray(ctx, fd_room_json(row));
	return true;
}

static bool type_cb(void *ctx, const struct fd_room_type *t)
{
	cJSON_AddItemToArray(ctx, fd_room_type_json(t));
	return true;
}

/* Bookings in the shape of the command line's --json (store/encode.h). */
struct bookings_ctx {
	cJSON *arr;
	char currency[4];
	const char *code; /* find: the code looked for */
	cJSON *found;
};

/* Where the read endpoints read: the thread's SQLite reader, or on
 * PostgreSQL the thread's connection acting for the caller's hotel
 * (pg_read.c, src/pg/query.c). The same rows either way, encoded by the
 * same callbacks: one wire format. */
struct source {
	struct fd_db *db;
	struct fd_pg *pg;
	const struct fd_repo *repo;
};

static void currency_of(const struct source *src, char out[4])
{
	struct fd_property p;
	out[0] = '\0';
	if (src->repo->get_property(src->repo->ctx, &p, NULL) == FD_OK)
		memcpy(out, p.currency, 4);
}

static bool booking_cb(void *ctx, const struct fd_booking_row *row)
{
	struct bookings_ctx *x = ctx;
	cJSON_AddItemToArray(x->arr, fd_booking_json(row, x->currency));
	return true;
}

static bool find_cb(void *ctx, const struct fd_booking_row *row)
{
	struct bookings_ctx *f = ctx;
	if (strcmp(row->b.code, f->code) != 0)
		return true;
	f->found = fd_booking_json(row, f->currency);
	return false;
}

/* The calling thread's source for the caller, or false with an error answer. */
static bool source_open(struct srv *s, const struct srv_caller *c, struct source *src, struct srv_resp *out)
{
	struct fd_error err = {0};
	memset(src, 0, sizeof *src);
	if (s->pg) {
		if ((src->pg = srv_pg_reader(s, c, &err)))
			src->repo = fd_pg_repo(src->pg);
	} else if ((src->db = srv_reader(s, &err)))
		src->repo = fd_db_repo(src->db);
	if (!src->repo)
		srv_resp_fd_error(out, &err);
	return src->repo != NULL;
}

/* The hotel's business date. */
static enum fd_status source_today(const struct source *src, fd_date *today, struct fd_error *err)
{
	struct fd_property p;
	if (!src->pg)
		return fd_query_business_date(src->db, today, err);
	enum fd_status st = src->repo->get_property(src->repo->ctx, &p, err);
	if (!st)
		*today = p.business_date;
	return st;
}

static enum fd_status source_room_types(const struct source *src, fd_room_type_cb cb, void *ctx,
                                        struct fd_error *err)
{
	return src->pg ? fd_pg_query_room_types(src->pg, cb, ctx, err)
	               : fd_query_room_types(src->db, cb, ctx, err);
}

/* Answer a list built by a query (arr is freed). */
static void answer_list(struct srv_resp *out, enum fd_status st, const struct fd_error *err, cJSON *arr)
{
	if (st) {
		cJSON_Delete(arr);
		srv_resp_fd_error(out, err);
		return;
	}
	srv_resp_json(out, 200, arr);
}

static void api_rooms(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                      struct srv_resp *out)
{
	(void)r, (void)state;
	struct fd_error err = {0};
	struct source src;
	if (!source_open(s, c, &src, out))
		return;
	cJSON *arr = cJSON_CreateArray();
	fd_date today;
	enum fd_status st = source_today(&src, &today, &err);
	if (!st)
		st = src.pg ? fd_pg_query_rooms(src.pg, today, room_cb, arr, &err)
		            : fd_query_rooms(src.db, today, room_cb, arr, &err);
	answer_list(out, st, &err, arr);
}

static void api_room_types(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                           struct srv_resp *out)
{
	(void)r, (void)state;
	struct fd_error err = {0};
	struct source src;
	if (!source_open(s, c, &src, out))
		return;
	cJSON *arr = cJSON_CreateArray();
	enum fd_status st = source_room_types(&src, type_cb, arr, &err);
	answer_list(out, st, &err, arr);
}

static void api_bookings(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                         struct srv_resp *out)
{
	(void)state;
	struct fd_booking_filter f = {.kind = FD_LIST_RANGE, .limit = 1000};
	int64_t off;
	if (!query_range(out, r, &f.from, &f.to, 366) || !query_int(out, r, "offset", 0, 1000000, 0, &off))
		return;
	f.offset = (int)off;
	struct fd_error err = {0};
	struct source src;
	if (!source_open(s, c, &src, out))
		return;
	struct bookings_ctx x = {.arr = cJSON_CreateArray()};
	currency_of(&src, x.currency);
	enum fd_status st = src.pg ? fd_pg_query_bookings(src.pg, &f, booking_cb, &x, &err)
	                           : fd_query_bookings(src.db, &f, booking_cb, &x, &err);
	answer_list(out, st, &err, x.arr);
}

static void api_booking(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                        struct srv_resp *out)
{
	(void)state;
	struct bookings_ctx f = {.code = r->param};
	if (strlen(f.code) != FD_CODE_LEN - 1) {
		srv_resp_error(out, 404, "not_found", "code", "No booking with code \"%.16s\".", f.code);
		return;
	}
	struct fd_error err = {0};
	struct source src;
	if (!source_open(s, c, &src, out))
		return;
	currency_of(&src, f.currency);
	enum fd_status st = src.pg ? fd_pg_query_booking_code(src.pg, f.code, find_cb, &f, &err)
	                           : fd_query_find(src.db, f.code, 5, find_cb, &f, &err);
	if (st) {
		cJSON_Delete(f.found);
		srv_resp_fd_error(out, &err);
	} else if (!f.found)
		srv_resp_error(out, 404, "not_found", "code", "No booking with code \"%s\".", f.code);
	else
		srv_resp_json(out, 200, f.found);
}

#define AVAIL_MAX_DAYS 92

static void api_availability(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                             struct srv_resp *out)
{
	(void)state;
	fd_date from, to;
	if (!query_range(out, r, &from, &to, AVAIL_MAX_DAYS))
		return;
	struct fd_error err = {0};
	struct source src;
	if (!source_open(s, c, &src, out))
		return;
	cJSON *arr = cJSON_CreateArray();
	cJSON *types = cJSON_CreateArray();
	enum fd_status st = source_room_types(&src, type_cb, types, &err);
	const cJSON *t;
	cJSON_ArrayForEach(t, types)
	{
		const char *code = cJSON_GetObjectItem(t, "code")->valuestring;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", code);
		cJSON *nights = cJSON_AddArrayToObject(o, "nights");
		/* Every night of the type at once (one query on either store). */
		int free_rooms[AVAIL_MAX_DAYS];
		if (!st)
			st = fd_query_available_nights_in(src.repo, code, from, to, free_rooms, &err);
		for (fd_date d = from; d < to && !st; d++) {
			char ds[FD_DATE_STRLEN];
			cJSON *nn = cJSON_CreateObject();
			cJSON_AddStringToObject(nn, "date", fd_date_format(d, ds));
			cJSON_AddNumberToObject(nn, "free", free_rooms[d - from]);
			cJSON_AddItemToArray(nights, nn);
		}
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_Delete(types);
	answer_list(out, st, &err, arr);
}

static void api_metrics(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                        struct srv_resp *out)
{
	(void)c, (void)state;
	/* Prometheus scrapes with the token of `frontdeskd metrics-token`
	 * (sessions end; a scraper would need a password); a manager's
	 * session works too. On PostgreSQL the token is the chain's (every
	 * hotel, labelled), a session shows its own hotel (pg_read.c). */
	struct srv_caller who = {0};
	bool scrape = s->pg ? srv_pg_auth_scrape(s, r) : srv_auth_scrape(s, r);
	if (!scrape) {
		struct fd_error err = {0};
		if (srv_auth_session(s, r, &who, &err)) {
			srv_resp_fd_error(out, &err);
			return; /* the router records it */
		}
		if (!srv_route_allowed(out, &who, "read.metrics")) {
			srv_audit_endpoint_refusal(s, r, &who, NULL, out); /* with who it was */
			out->audited = true;
			return;
		}
	}
	char *text = NULL;
	srv_http_metrics(s, scrape ? NULL : who.property, &text);
	out->status = 200;
	out->body = text;
	out->content_type = "text/plain; version=0.0.4";
}

/* --- the endpoints of other files, in the table's shape --- */

static void api_enroll(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                       struct srv_resp *out)
{
	(void)c, (void)state;
	srv_api_enroll(s, r, out);
}

static void api_sign_in(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                        struct srv_resp *out)
{
	(void)c, (void)state;
	srv_api_sign_in(s, r, out);
}

static void api_sign_out(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                         struct srv_resp *out)
{
	(void)c, (void)state;
	srv_api_sign_out(s, r, out);
}

static void api_push(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                     struct srv_resp *out)
{
	(void)state;
	if (protocol_ok(s, r, out))
		srv_api_push(s, c, r, out);
}

static void api_resolve(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                        struct srv_resp *out)
{
	(void)state;
	if (strlen(r->param) >= FD_ID_LEN) {
		srv_resp_error(out, 404, "not_found", "id", "No conflict notice \"%.40s\".", r->param);
		return;
	}
	srv_api_resolve(s, c, r->param, out);
}

/* The guests' side (public.c) */
#define PUBLIC_HANDLER(name, fn)                                                                             \
	static void name(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,   \
	                 struct srv_resp *out)                                                               \
	{                                                                                                    \
		(void)c, (void)state;                                                                        \
		fn(s, r, out);                                                                               \
	}
PUBLIC_HANDLER(api_public_availability, srv_api_public_availability)
PUBLIC_HANDLER(api_public_book, srv_api_public_book)
PUBLIC_HANDLER(api_public_manage, srv_api_public_manage)
PUBLIC_HANDLER(api_public_change, srv_api_public_change)
PUBLIC_HANDLER(api_public_cancel, srv_api_public_cancel)
PUBLIC_HANDLER(api_public_document, srv_api_public_document)
PUBLIC_HANDLER(api_book_file, srv_api_book_file)

/* --- the routes: the one list of them --- */

const struct srv_route srv_routes[] = {
    {"GET", "/v1/health", SRV_AUTH_NONE, false, NULL, api_health},
    {"GET", "/v1/metrics", SRV_AUTH_SESSION, true, "read.metrics", api_metrics},
    {"POST", "/v1/devices", SRV_AUTH_NONE, false, NULL, api_enroll},
    {"POST", "/v1/sessions", SRV_AUTH_DEVICE, true, NULL, api_sign_in},
    {"DELETE", "/v1/sessions/current", SRV_AUTH_SESSION, true, NULL, api_sign_out},
    {"POST", "/v1/ops", SRV_AUTH_SESSION, false, NULL, api_push},
    {"GET", "/v1/changes", SRV_AUTH_SESSION, false, "read.changes", api_changes},
    {"GET", "/v1/snapshot", SRV_AUTH_SESSION, false, "read.changes", api_snapshot},
    {"POST", "/v1/conflicts/{id}/resolve", SRV_AUTH_SESSION, false, "conflict.resolve", api_resolve},
    {"GET", "/v1/rooms", SRV_AUTH_SESSION, false, "read.hotel", api_rooms},
    {"GET", "/v1/room-types", SRV_AUTH_SESSION, false, "read.availability", api_room_types},
    {"GET", "/v1/bookings", SRV_AUTH_SESSION, false, "read.hotel", api_bookings},
    {"GET", "/v1/bookings/{code}", SRV_AUTH_SESSION, false, "read.hotel", api_booking},
    {"GET", "/v1/availability", SRV_AUTH_SESSION, false, "read.availability", api_availability},
    {"GET", "/v1/public/availability", SRV_AUTH_NONE, false, NULL, api_public_availability},
    {"POST", "/v1/public/bookings", SRV_AUTH_NONE, false, NULL, api_public_book},
    {"GET", "/v1/public/manage", SRV_AUTH_LINK, true, NULL, api_public_manage},
    {"POST", "/v1/public/manage", SRV_AUTH_LINK, true, NULL, api_public_change},
    {"POST", "/v1/public/manage/cancel", SRV_AUTH_LINK, true, NULL, api_public_cancel},
    {"GET", "/v1/public/manage/document", SRV_AUTH_LINK, true, NULL, api_public_document},
    {"POST", "/v1/staff", SRV_AUTH_SESSION, false, "staff.create", srv_admin_staff_create},
    {"POST", "/v1/staff/{username}/password", SRV_AUTH_SESSION, false, "staff.password",
     srv_admin_staff_password},
    {"GET", "/v1/devices", SRV_AUTH_SESSION, false, "admin.devices", srv_admin_devices},
    {"GET", "/v1/devices/current", SRV_AUTH_DEVICE, true, NULL, srv_admin_device_current},
    {"POST", "/v1/devices/{id}/revoke", SRV_AUTH_SESSION, false, "admin.devices", srv_admin_device_revoke},
    {"POST", "/v1/enroll-codes", SRV_AUTH_SESSION, false, "admin.devices", srv_admin_enroll_code},
    {"GET", "/v1/reports/chain", SRV_AUTH_SESSION, false, "report.chain", srv_pg_api_chain_report},
    {"GET", "/book", SRV_AUTH_NONE, false, NULL, api_book_file},
    {"GET", "/book/{file}", SRV_AUTH_NONE, false, NULL, api_book_file},
    {NULL, NULL, SRV_AUTH_NONE, false, NULL, NULL},
};
