// SPDX-License-Identifier: GPL-3.0-or-later
/* The guests' side of frontdeskd: no device, no account.
 *
 *   GET  /v1/public/availability?arrive=&depart=&adults=&children=
 *        the room types free on every night, each with its offer (core's
 *        fd_offer_quote: nightly prices, total, inclusions, terms); nothing
 *        personal, cacheable for a few seconds.
 *   POST /v1/public/bookings (Idempotency-Key): a booking made by the same
 *        operations and rules as at a desk (guest.create, booking.create
 *        with source "web", document.send of a "link" mail), acted as
 *        "web"; 201 with the code, price, terms and the manage link. The
 *        same key again answers the same booking; a sold-out type is a 409
 *        with the offers still free.
 *   GET  /v1/public/manage, POST /v1/public/manage (eta, requests),
 *   POST /v1/public/manage/cancel, GET /v1/public/manage/document?kind=
 *        the guest's own booking, behind the link's token (Authorization:
 *        Bearer; the token never appears in a URL the server logs). A link
 *        is 256 random bits, kept as a hash, bound to one booking, with an
 *        expiry and a number of uses.
 *   GET  /book/, /book/{file}: the booking page (the book-dir files).
 *
 * Every request is limited per address (public-rate a minute) and
 * bookings per e-mail address (public-email-rate an hour); bodies are
 * capped at public-max-body; CORS answers only the origins listed in
 * public-origins. A refusal here is an answer to the guest only: it never
 * becomes a conflict notice on the desks.
 *
 * Both stores: this file parses, checks and answers; what it reads and
 * keeps goes through public_store.h (SQLite's functions at the end of this
 * file, PostgreSQL's in pg_public.c). On a chain's server (PostgreSQL,
 * several hotels) availability and bookings name their hotel with
 * hotel=CODE; a link's routes take it from the link's row. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/card.h"
#include "core/document.h"
#include "core/mail.h"
#include "core/money.h"
#include "core/offer.h"
#include "doc/doc.h"
#include "server/log.h"
#include "server/public_store.h"
#include "server/reply.h"
#include "server/server.h"
#include "store/audit.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"
#include "store/rates.h"

#define WEB_ACTOR "web"

/* --- the settings that reload (SIGHUP) ---
 *
 * public-origins, public-rate, public-rate-window, public-email-rate,
 * public-max-body, link-ttl and link-uses change while requests run: the
 * reload writes them and every request reads them under pub_lock, never
 * half-written. */

static pthread_mutex_t pub_lock = PTHREAD_MUTEX_INITIALIZER;

struct pub_settings {
	int rate, window, email_rate, link_ttl, link_uses;
	size_t max_body;
};

static void pub_settings(const struct srv *s, struct pub_settings *out)
{
	pthread_mutex_lock(&pub_lock);
	out->rate = s->cfg.public_rate;
	out->window = s->cfg.public_rate_window > 0 ? s->cfg.public_rate_window : 60;
	out->email_rate = s->cfg.public_email_rate;
	out->link_ttl = s->cfg.link_ttl;
	out->link_uses = s->cfg.link_uses;
	out->max_body = s->cfg.public_max_body;
	pthread_mutex_unlock(&pub_lock);
}

static void pub_origins(const struct srv *s, char *out, size_t size)
{
	pthread_mutex_lock(&pub_lock);
	snprintf(out, size, "%s", s->cfg.public_origins);
	pthread_mutex_unlock(&pub_lock);
}

static void rl_forget(void);

void srv_public_reconfigure(struct srv *s, const struct srv_config *c)
{
	pthread_mutex_lock(&pub_lock);
	bool limits =
	    c->public_rate != s->cfg.public_rate || c->public_rate_window != s->cfg.public_rate_window;
	snprintf(s->cfg.public_origins, sizeof s->cfg.public_origins, "%s", c->public_origins);
	s->cfg.public_rate = c->public_rate;
	s->cfg.public_rate_window = c->public_rate_window;
	s->cfg.public_email_rate = c->public_email_rate;
	s->cfg.public_max_body = c->public_max_body;
	s->cfg.link_ttl = c->link_ttl;
	s->cfg.link_uses = c->link_uses;
	pthread_mutex_unlock(&pub_lock);
	if (limits) /* buckets counted at the old rate: every address starts afresh */
		rl_forget();
}

/* --- the per-address limit: token buckets, in this process's memory ---
 *
 * One table for the whole process, behind rl_lock: every thread of the
 * pool counts into the same bucket for an address, so the limit holds
 * whatever thread answers. On SQLite one process is the whole server, so
 * this is exact. With several frontdeskd behind a load balancer (the
 * PostgreSQL deployment) the buckets are rows of the database instead
 * (pg_public.c), so an address gets public-rate a window whichever servers
 * it reaches. The per-e-mail limit is a rule about bookings and is counted
 * in the database (srv_public_requests) on both stores. A restart forgets
 * this table. IPv6 addresses count by their /64 (one subscriber's network),
 * else an address per request would be free. */

#define RL_SLOTS 4096
#define RL_PROBES 8
struct rl_entry {
	char key[64];
	double tokens; /* requests left */
	double at;     /* when tokens was counted */
};
static struct rl_entry rl_table[RL_SLOTS];
static pthread_mutex_t rl_lock = PTHREAD_MUTEX_INITIALIZER;

static void rl_forget(void)
{
	pthread_mutex_lock(&rl_lock);
	memset(rl_table, 0, sizeof rl_table);
	pthread_mutex_unlock(&rl_lock);
}

static double rl_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One more request for key: at most limit in a row, then limit per
 * window_s seconds, evenly (a bucket refilled at limit/window_s a second,
 * so a burst across a window's edge gets no double share). False, with
 * *retry (seconds), when the bucket is empty. A new key takes an empty
 * slot near its own, else one whose bucket has refilled completely (it
 * holds nothing a new bucket would not); only when every slot near it is
 * draining does it take the fullest of them (forgetting rather than
 * refusing a stranger). */
static bool rl_allow(const char *key, int limit, int window_s, int *retry)
{
	double now = rl_now(), rate = (double)limit / window_s;
	unsigned char h[8];
	crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
	uint64_t idx = 0;
	memcpy(&idx, h, sizeof idx);
	bool ok = true;
	pthread_mutex_lock(&rl_lock);
	struct rl_entry *pick = NULL, *fullest = NULL;
	double best = -1;
	for (int i = 0; i < RL_PROBES; i++) {
		struct rl_entry *e = &rl_table[(idx + (uint64_t)i) % RL_SLOTS];
		if (strcmp(e->key, key) == 0) {
			pick = e;
			break;
		}
		double level = e->key[0] ? e->tokens + (now - e->at) * rate : 1e300;
		if (level > best)
			best = level, fullest = e;
	}
	if (!pick) {
		pick = fullest;
		snprintf(pick->key, sizeof pick->key, "%s", key);
		pick->tokens = limit;
		pick->at = now;
	}
	pick->tokens += (now - pick->at) * rate;
	pick->at = now;
	if (pick->tokens > limit)
		pick->tokens = limit;
	if (pick->tokens < 1) {
		ok = false;
		*retry = (int)((1 - pick->tokens) / rate) + 1;
	} else
		pick->tokens -= 1;
	pthread_mutex_unlock(&rl_lock);
	return ok;
}

static const struct srv_pub_store *store(const struct srv *s);

/* The bucket's name for a client address: IPv4 whole, IPv6 by its /64
 * (an IPv4-mapped IPv6 address as the IPv4 one). */
static void rl_address_key(const char *ip, char *out, size_t size)
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];
	if (ip && strchr(ip, ':') && inet_pton(AF_INET6, ip, a) == 1) {
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (memcmp(a, mapped, sizeof mapped) == 0 && inet_ntop(AF_INET, a + 12, text, sizeof text)) {
			snprintf(out, size, "a:%s", text);
			return;
		}
		memset(a + 8, 0, 8);
		if (inet_ntop(AF_INET6, a, text, sizeof text)) {
			snprintf(out, size, "a:%s/64", text);
			return;
		}
	}
	snprintf(out, size, "a:%.45s", ip ? ip : "?");
}

static bool limit_address(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	char key[64];
	int retry = 1;
	struct pub_settings ps;
	pub_settings(s, &ps);
	rl_address_key(r->client_ip, key, sizeof key);
	if (store(s)->rate_allow(s, key, ps.rate, ps.window, &retry))
		return true;
	srv_resp_error(out, 429, "rate_limited", NULL,
	               "Too many requests from your address; try again in %d seconds.", retry);
	out->retry_after = retry;
	return false;
}

/* A body over public-max-body: answered 413. */
static bool body_too_large(const struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	struct pub_settings ps;
	pub_settings(s, &ps);
	if (r->body_len <= ps.max_body)
		return false;
	srv_resp_error(out, 413, "body_too_large", "body", "The request body is over %zu bytes.",
	               ps.max_body);
	return true;
}

/* --- CORS --- */

/* Is origin one of the configured website origins? */
static bool origin_listed(const struct srv *s, const char *origin)
{
	size_t n = strlen(origin);
	char list[sizeof s->cfg.public_origins];
	pub_origins(s, list, sizeof list);
	const char *p = list;
	while (*p) {
		p += strspn(p, " ,");
		size_t m = strcspn(p, " ,");
		if (m && m == n && strncasecmp(p, origin, n) == 0)
			return true;
		p += m;
	}
	return false;
}

/* The page served by this server calls it from its own origin. */
static bool origin_same(const struct srv_req *r, const char *origin)
{
	const char *host = srv_header(r, "Host");
	const char *o = strstr(origin, "://");
	return host && o && strcasecmp(o + 3, host) == 0;
}

/* An allowed Origin gets the CORS headers; a request from a page of any
 * other site is refused (false, out answered). Without Origin (curl, a
 * server of the hotel's website): answered, without CORS headers. */
static bool cors(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	const char *origin = srv_header(r, "Origin");
	if (!origin || origin_same(r, origin))
		return true;
	if (origin_listed(s, origin)) {
		srv_resp_header(out, "Access-Control-Allow-Origin", origin);
		srv_resp_header(out, "Vary", "Origin");
		return true;
	}
	srv_resp_error(out, 403, "origin_not_allowed", "Origin",
	               "Pages of %.200s may not use this hotel's booking service (public-origins in "
	               "frontdeskd.conf lists the sites that may).",
	               origin);
	out->audited = true; /* a website's visitor, not a refusal of staff */
	return false;
}

void srv_public_preflight(struct srv *s, const struct srv_req *r, const char *allow, struct srv_resp *out)
{
	struct srv_resp tmp = {0};
	if (!cors(s, r, &tmp)) {
		*out = tmp;
		return;
	}
	*out = tmp;
	out->status = 204;
	out->body = NULL;
	char methods[64];
	snprintf(methods, sizeof methods, "%s, OPTIONS", allow);
	srv_resp_header(out, "Access-Control-Allow-Methods", methods);
	srv_resp_header(out, "Access-Control-Allow-Headers", "Content-Type, Idempotency-Key, Authorization");
	srv_resp_header(out, "Access-Control-Max-Age", "600");
}

/* --- helpers --- */

/* The hotel a request is for (public_store.h): property, a link's, else
 * the request's hotel=CODE. False with the answer when it cannot be. */
static bool hotel_open(struct srv *s, const struct srv_req *r, const char *property, struct srv_pub *p,
                       struct srv_resp *out)
{
	struct fd_error err = {0};
	if (store(s)->open(s, property ? NULL : srv_query(r, "hotel"), property, p, &err) == FD_OK)
		return true;
	srv_resp_fd_error(out, &err);
	return false;
}

/* The hotel's business date ("today" for the guests' dates). */
static enum fd_status business_date(const struct srv_pub *p, fd_date *out, struct fd_error *err)
{
	struct fd_property prop;
	enum fd_status st = p->repo->get_property(p->repo->ctx, &prop, err);
	if (!st)
		*out = prop.business_date;
	return st;
}

static bool query_count(struct srv_resp *out, const struct srv_req *r, const char *key, int min, int max,
                        int def, int *v)
{
	const char *q = srv_query(r, key);
	*v = def;
	if (!q)
		return true;
	char *end;
	long n = strtol(q, &end, 10);
	if (!*q || *end || n < min || n > max) {
		srv_resp_error(out, 400, "invalid_parameter", key,
		               "\"%s\" must be a whole number from %d to %d.", key, min, max);
		return false;
	}
	*v = (int)n;
	return true;
}

static void add_date(cJSON *o, const char *name, fd_date d)
{
	char day[FD_DATE_STRLEN];
	cJSON_AddStringToObject(o, name, fd_date_format(d, day));
}

/* A stay's terms for the guest: core's judgement of its policies
 * (core/terms.h), the same the desk's cancellation posts. */
static cJSON *terms_json(const struct fd_cancel_terms *c, fd_date arrival, int64_t deposit,
                         fd_date deposit_due, const char *currency)
{
	cJSON *t = cJSON_CreateObject();
	char day[FD_DATE_STRLEN], hm[24], fee[FD_MONEY_STRLEN], dep[FD_MONEY_STRLEN], text[600];
	fd_money_format(c->fee_after, currency, fee, sizeof fee);
	fd_money_format(deposit, currency, dep, sizeof dep);
	if (c->always_free) { /* free until the guest arrives */
		add_date(t, "free_cancellation_until", arrival);
		cJSON_AddStringToObject(t, "free_cancellation_until_time", "23:59");
		snprintf(text, sizeof text, "Free cancellation until the day of arrival.");
	} else if (c->never_free) {
		cJSON_AddNullToObject(t, "free_cancellation_until");
		cJSON_AddNullToObject(t, "free_cancellation_until_time");
		snprintf(text, sizeof text, "Non-refundable: cancelling costs %s.", fee);
	} else {
		snprintf(hm, sizeof hm, "%02d:%02d", c->free_until_minute / 60, c->free_until_minute % 60);
		add_date(t, "free_cancellation_until", c->free_until);
		cJSON_AddStringToObject(t, "free_cancellation_until_time", hm);
		snprintf(text, sizeof text, "Free cancellation until %s %s; after that cancelling costs %s.",
		         fd_date_format(c->free_until, day), hm, fee);
	}
	cJSON_AddNumberToObject(t, "cancellation_fee", (double)c->fee_after);
	cJSON_AddNumberToObject(t, "cancellation_fee_now", (double)c->fee);
	cJSON_AddNumberToObject(t, "deposit", (double)deposit);
	size_t n = strlen(text);
	if (deposit > 0 && deposit_due)
		snprintf(text + n, sizeof text - n, " A deposit of %s is due by %s.", dep,
		         fd_date_format(deposit_due, day));
	else if (deposit > 0)
		snprintf(text + n, sizeof text - n, " A deposit of %s is due at booking.", dep);
	else
		snprintf(text + n, sizeof text - n, " No deposit: you pay at the hotel.");
	if (deposit > 0 && deposit_due)
		add_date(t, "deposit_due", deposit_due);
	cJSON_AddStringToObject(t, "text", text);
	if (c->policy[0])
		cJSON_AddStringToObject(t, "cancellation_policy", c->policy);
	return t;
}

static cJSON *offer_json(const struct fd_offer *o, fd_date arrival)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "type", o->type_code);
	cJSON_AddStringToObject(j, "name", o->type_name);
	cJSON_AddNumberToObject(j, "max_occupancy", o->max_occupancy);
	if (o->plan[0])
		cJSON_AddStringToObject(j, "plan", o->plan);
	else
		cJSON_AddNullToObject(j, "plan");
	cJSON_AddStringToObject(j, "plan_name", o->plan_name);
	cJSON_AddStringToObject(j, "currency", o->currency);
	cJSON_AddNumberToObject(j, "nights", o->nights);
	cJSON *n = cJSON_AddArrayToObject(j, "nightly");
	for (int i = 0; i < o->nights; i++) {
		cJSON *x = cJSON_CreateObject();
		add_date(x, "date", arrival + i);
		cJSON_AddNumberToObject(x, "price", (double)o->nightly[i]);
		cJSON_AddItemToArray(n, x);
	}
	cJSON_AddNumberToObject(j, "total", (double)o->total);
	cJSON *inc = cJSON_AddArrayToObject(j, "inclusions");
	for (const char *p = o->inclusions; *p;) { /* "BREAKFAST:1500,...": the codes */
		size_t m = strcspn(p, ":,");
		char code[FD_TYPECODE_LEN];
		snprintf(code, sizeof code, "%.*s", (int)(m < sizeof code ? m : sizeof code - 1), p);
		if (code[0])
			cJSON_AddItemToArray(inc, cJSON_CreateString(code));
		p += strcspn(p, ",");
		p += *p == ',';
	}
	if (o->free_rooms <= 3)
		cJSON_AddNumberToObject(j, "rooms_left", o->free_rooms);
	cJSON *terms = terms_json(&o->cancel, arrival, o->deposit, o->deposit_due, o->currency);
	if (o->deposit_policy[0])
		cJSON_AddStringToObject(terms, "deposit_policy", o->deposit_policy);
	cJSON_AddItemToObject(j, "terms", terms);
	return j;
}

static bool type_cb(void *ctx, const struct fd_room_type *t)
{
	struct {
		struct fd_room_type *v;
		int n, cap;
	} *L = ctx;
	if (L->n == L->cap)
		return false;
	L->v[L->n++] = *t;
	return true;
}

#define MAX_TYPES 64

/* Is p sold on the web (public, active) for room type type? */
static bool web_plan(const struct fd_rate_plan *p, const char *type)
{
	return p->kind == FD_PLAN_PUBLIC && p->active && fd_plan_sells(p, type);
}

static bool type_has_plans(const struct fd_rate_plan *plans, int n, const char *type)
{
	for (int k = 0; k < n; k++)
		if (web_plan(&plans[k], type))
			return true;
	return false;
}

/* Every room type's offer for the stay (the ones that can be sold). */
static enum fd_status offers_for(struct srv_pub *p, fd_date arrival, fd_date departure, int adults,
                                 int children, const char *except, cJSON *arr, struct fd_error *err)
{
	static __thread struct fd_room_type types[MAX_TYPES];
	struct {
		struct fd_room_type *v;
		int n, cap;
	} L = {types, 0, MAX_TYPES};
	enum fd_status st = store(p->s)->room_types(p, type_cb, &L, err);
	int minute = fd_terms_minute(p->repo, (int64_t)time(NULL));
	struct fd_rate_plan *plans = NULL;
	int n_plans = 0;
	if (!st)
		st = store(p->s)->rate_plans(p, &plans, &n_plans, err);
	for (int i = 0; i < L.n && !st; i++) {
		if (except && strcmp(types[i].code, except) == 0)
			continue;
		/* the public plans that sell the type; none: the room only at its rate */
		int sold = 0;
		for (int k = -1; k < n_plans && !st; k++) {
			if (k >= 0 && !web_plan(&plans[k], types[i].code))
				continue;
			if (k < 0 && type_has_plans(plans, n_plans, types[i].code))
				continue;
			struct fd_offer o;
			struct fd_error why = {0};
			enum fd_status q =
			    fd_offer_quote(p->repo, &types[i], k < 0 ? "" : plans[k].code, arrival, departure,
			                   adults, children, minute, &o, &why);
			if (q == FD_OK) {
				cJSON_AddItemToArray(arr, offer_json(&o, arrival));
				sold++;
			} else if (q != FD_E_CONFLICT && q != FD_E_INVALID) {
				*err = why;
				st = q;
			}
		}
	}
	free(plans);
	return st;
}

static bool stay_from_query(struct srv_resp *out, const struct srv_req *r, fd_date today, fd_date *arrival,
                            fd_date *departure, int *adults, int *children)
{
	const char *a = srv_query(r, "arrive"), *d = srv_query(r, "depart");
	if (!a || !fd_date_parse(a, arrival)) {
		srv_resp_error(out, 400, "invalid_parameter", "arrive",
		               "\"arrive\" must be a date YYYY-MM-DD.");
		return false;
	}
	if (!d || !fd_date_parse(d, departure)) {
		srv_resp_error(out, 400, "invalid_parameter", "depart",
		               "\"depart\" must be a date YYYY-MM-DD.");
		return false;
	}
	if (!query_count(out, r, "adults", 1, 20, 1, adults) ||
	    !query_count(out, r, "children", 0, 20, 0, children))
		return false;
	struct fd_error err = {0};
	if (fd_offer_check_stay(today, *arrival, *departure, *adults, *children, &err)) {
		srv_resp_fd_error(out, &err);
		return false;
	}
	return true;
}

void srv_api_public_availability(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	if (!cors(s, r, out) || !limit_address(s, r, out))
		return;
	struct fd_error err = {0};
	struct srv_pub p;
	fd_date today, arrival, departure;
	int adults, children;
	if (!hotel_open(s, r, NULL, &p, out))
		return;
	if (business_date(&p, &today, &err)) {
		srv_resp_fd_error(out, &err);
		store(s)->close(&p);
		return;
	}
	if (!stay_from_query(out, r, today, &arrival, &departure, &adults, &children)) {
		store(s)->close(&p);
		return;
	}
	struct fd_property prop;
	const struct fd_repo *repo = p.repo;
	cJSON *offers = cJSON_CreateArray();
	enum fd_status st = repo->get_property(repo->ctx, &prop, &err);
	if (!st)
		st = offers_for(&p, arrival, departure, adults, children, NULL, offers, &err);
	store(s)->close(&p);
	if (st) {
		cJSON_Delete(offers);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "hotel", prop.name);
	cJSON_AddStringToObject(doc, "currency", prop.currency);
	add_date(doc, "arrive", arrival);
	add_date(doc, "depart", departure);
	cJSON_AddNumberToObject(doc, "nights", departure - arrival);
	cJSON_AddNumberToObject(doc, "adults", adults);
	cJSON_AddNumberToObject(doc, "children", children);
	cJSON_AddItemToObject(doc, "offers", offers);
	srv_resp_json(out, 200, doc);
	out->cache_control = "public, max-age=5";
}

/* --- bookings --- */

struct web_booking {
	char family[FD_NAME_LEN], given[FD_NAME_LEN], email[FD_MAIL_ADDR_LEN], phone[40], country[4];
	char language[8], type[FD_TYPECODE_LEN], plan[FD_OFFER_PLAN_LEN], eta[6];
	char requests[501];
	fd_date arrival, departure;
	int adults, children;
};

/* A person's text: printable, no control characters, no card number. */
static enum fd_status text_ok(const char *field, const char *v, bool required, struct fd_error *err)
{
	if (required && !v[0])
		return fd_fail(err, FD_E_INVALID, "missing_field", field, "Please fill in \"%s\".", field);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 && !(strcmp(field, "requests") == 0 && (*p == '\n' || *p == '\t')))
			return fd_fail(err, FD_E_INVALID, "invalid_field", field,
			               "\"%s\" holds a control character.", field);
	return fd_text_check_no_card(field, v, err);
}

static enum fd_status json_text(const cJSON *body, const char *name, char *out, size_t size, bool required,
                                struct fd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, name);
	out[0] = '\0';
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return fd_fail(err, FD_E_INVALID, "missing_field", name, "Please fill in \"%s\".",
			               name);
		return FD_OK;
	}
	if (!cJSON_IsString(v))
		return fd_fail(err, FD_E_INVALID, "invalid_field", name, "\"%s\" must be text.", name);
	if (strlen(v->valuestring) >= size)
		return fd_fail(err, FD_E_INVALID, "too_long", name, "\"%s\" may hold at most %zu characters.",
		               name, size - 1);
	snprintf(out, size, "%s", v->valuestring);
	/* trim spaces at both ends */
	size_t n = strlen(out), i = 0;
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
	while (out[i] == ' ')
		i++;
	memmove(out, out + i, n - i + 1);
	return text_ok(name, out, required, err);
}

static enum fd_status json_count(const cJSON *body, const char *name, int min, int max, int def, int *out,
                                 struct fd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, name);
	*out = def;
	if (!v)
		return FD_OK;
	if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble || v->valuedouble < min ||
	    v->valuedouble > max)
		return fd_fail(err, FD_E_INVALID, "invalid_field", name,
		               "\"%s\" must be a whole number from %d to %d.", name, min, max);
	*out = (int)v->valuedouble;
	return FD_OK;
}

static enum fd_status json_date(const cJSON *body, const char *name, fd_date *out, struct fd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, name);
	if (!v)
		return fd_fail(err, FD_E_INVALID, "missing_field", name, "Please give \"%s\" (YYYY-MM-DD).",
		               name);
	if (!cJSON_IsString(v) || !fd_date_parse(v->valuestring, out))
		return fd_fail(err, FD_E_INVALID, "invalid_field", name, "\"%s\" must be a date YYYY-MM-DD.",
		               name);
	return FD_OK;
}

static enum fd_status eta_ok(const char *eta, struct fd_error *err)
{
	if (!eta[0])
		return FD_OK;
	if (strlen(eta) == 5 && isdigit((unsigned char)eta[0]) && isdigit((unsigned char)eta[1]) &&
	    eta[2] == ':' && isdigit((unsigned char)eta[3]) && isdigit((unsigned char)eta[4]) &&
	    (eta[0] - '0') * 10 + (eta[1] - '0') < 24 && eta[3] < '6')
		return FD_OK;
	return fd_fail(err, FD_E_INVALID, "invalid_field", "arrival_time",
	               "\"arrival_time\" must be HH:MM, for example 15:30.");
}

static enum fd_status read_booking(const cJSON *body, fd_date today, struct web_booking *w,
                                   struct fd_error *err)
{
	enum fd_status st;
	if ((st = json_text(body, "family", w->family, 101, true, err)) ||
	    (st = json_text(body, "given", w->given, 101, false, err)) ||
	    (st = json_text(body, "email", w->email, sizeof w->email, true, err)))
		return st;
	if (!fd_mail_address_valid(w->email) || !strchr(w->email, '@') || !strchr(strchr(w->email, '@'), '.'))
		return fd_fail(err, FD_E_INVALID, "invalid_field", "email",
		               "\"email\" must be an e-mail address such as name@example.com.");
	if ((st = json_text(body, "phone", w->phone, sizeof w->phone, false, err)))
		return st;
	for (const char *p = w->phone; *p; p++)
		if (!isdigit((unsigned char)*p) && !strchr(" +-()./", *p))
			return fd_fail(err, FD_E_INVALID, "invalid_field", "phone",
			               "\"phone\" may hold digits, spaces and + - ( ) . / only.");
	if ((st = json_text(body, "country", w->country, sizeof w->country, false, err)))
		return st;
	if (w->country[0] && !(strlen(w->country) == 2 && isupper((unsigned char)w->country[0]) &&
	                       isupper((unsigned char)w->country[1])))
		return fd_fail(err, FD_E_INVALID, "invalid_field", "country",
		               "\"country\" must be a two-letter ISO 3166 code such as PT.");
	if ((st = json_text(body, "language", w->language, sizeof w->language, false, err)) ||
	    (st = json_text(body, "type", w->type, sizeof w->type, true, err)) ||
	    (st = json_text(body, "plan", w->plan, sizeof w->plan, false, err)) ||
	    (st = json_text(body, "arrival_time", w->eta, sizeof w->eta, false, err)) ||
	    (st = eta_ok(w->eta, err)) ||
	    (st = json_text(body, "requests", w->requests, sizeof w->requests, false, err)) ||
	    (st = json_date(body, "arrive", &w->arrival, err)) ||
	    (st = json_date(body, "depart", &w->departure, err)) ||
	    (st = json_count(body, "adults", 1, 20, 1, &w->adults, err)) ||
	    (st = json_count(body, "children", 0, 20, 0, &w->children, err)))
		return st;
	return fd_offer_check_stay(today, w->arrival, w->departure, w->adults, w->children, err);
}

static void request_hash(const struct srv_req *r, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)(r->body ? r->body : ""), r->body_len, NULL,
	                   0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* The public base (public-url, or this server's own address). */
static void base_url(const struct srv *s, char *out, size_t size)
{
	if (s->cfg.public_url[0]) {
		snprintf(out, size, "%s", s->cfg.public_url);
		size_t n = strlen(out);
		if (n && out[n - 1] == '/')
			out[n - 1] = '\0';
	} else
		snprintf(out, size, "http%s://%s", s->cfg.tls_cert[0] ? "s" : "", s->cfg.listen);
}

/* A new link for the booking in p's open transaction: its hash kept,
 * bound to the booking, with the configured expiry and uses; url gets the
 * manage page's address with the token. */
static enum fd_status link_make(struct srv_pub *p, const char *booking_id, char *url, size_t size,
                                struct fd_error *err)
{
	char token[SRV_TOKEN_LEN], base[300], hex[65];
	unsigned char h[32];
	srv_token_new(token);
	srv_token_hash(token, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	int64_t now = (int64_t)time(NULL);
	struct pub_settings ps;
	pub_settings(p->s, &ps);
	enum fd_status st = store(p->s)->link_put(p, hex, booking_id, now, now + (int64_t)ps.link_ttl * 3600,
	                                          ps.link_uses, err);
	if (!st) {
		base_url(p->s, base, sizeof base);
		snprintf(url, size, "%s/book/manage.html#t=%s", base, token);
	}
	sodium_memzero(token, sizeof token);
	return st;
}

enum fd_status srv_link_new(struct srv *s, const char *property, const char *booking_id, char *url,
                            size_t size, struct fd_error *err)
{
	struct srv_pub p;
	enum fd_status st = store(s)->open(s, NULL, property, &p, err);
	if (st)
		return st;
	if (!(st = store(s)->begin_link(&p, err)) && !(st = link_make(&p, booking_id, url, size, err)))
		st = store(s)->commit(&p, err);
	else if (p.tx)
		store(s)->rollback(&p);
	store(s)->close(&p);
	return st;
}

/* Answer a recorded booking again, with a new link. */
static void answer_recorded(struct srv_pub *p, const char *answer, const char *booking_id,
                            struct srv_resp *out)
{
	struct fd_error err = {0};
	char url[512];
	cJSON *doc = cJSON_Parse(answer);
	if (!doc || srv_link_new(p->s, p->property, booking_id, url, sizeof url, &err)) {
		cJSON_Delete(doc);
		if (!err.code[0])
			fd_fail(&err, FD_E_IO, "io", NULL, "Cannot read the recorded booking.");
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON_AddStringToObject(doc, "manage_url", url);
	srv_resp_json(out, 201, doc);
}

static bool idem_key_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	if (n < 8 || n > 128)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)k[i]) && !strchr("-_.:", k[i]))
			return false;
	return true;
}

static void op_add(struct fd_op *op, const char *type)
{
	fd_op_init(op);
	fd_op_prepare(op, type, WEB_ACTOR, "web");
	op->payload = cJSON_CreateObject();
}

/* A new confirmation code no booking of the hotel has. */
static void new_booking_code(const struct fd_repo *repo, char out[FD_CODE_LEN])
{
	struct fd_booking b;
	for (int tries = 0; tries < 20; tries++) {
		fd_booking_code_new(out);
		if (repo->get_booking(repo->ctx, out, &b, NULL) == FD_E_NOT_FOUND)
			break;
	}
}

/* The e-mail address's name in srv_public_requests: a hash of it (lower
 * case), not the address. */
static void email_key(const char *email, char out[33])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)email, strlen(email), NULL, 0);
	sodium_bin2hex(out, 33, h, sizeof h);
}

/* In the writing transaction: FD_OK when one more booking for ekey keeps
 * within public-email-rate an hour; else FD_E_CONFLICT with *retry (the
 * seconds until the oldest of them is an hour old). */
static enum fd_status email_limit(struct srv_pub *p, const char *ekey, int *retry, struct fd_error *err)
{
	struct pub_settings ps;
	pub_settings(p->s, &ps);
	int64_t now = (int64_t)time(NULL), oldest = now;
	int n = 0;
	enum fd_status st = store(p->s)->email_count(p, ekey, now - 3600, &n, &oldest, err);
	if (st)
		return st;
	if (n < ps.email_rate)
		return FD_OK;
	*retry = (int)(oldest + 3600 - now);
	if (*retry < 1)
		*retry = 1;
	return fd_fail(err, FD_E_CONFLICT, "rate_limited", "email",
	               "Too many bookings for this e-mail address; try again later or call the hotel.");
}

/* Sold out (or over capacity): 409 with the offers still free. */
static void answer_sold_out(struct srv_pub *p, const struct web_booking *w, const struct fd_error *why,
                            struct srv_resp *out)
{
	struct fd_error err = {0};
	cJSON *alts = cJSON_CreateArray();
	offers_for(p, w->arrival, w->departure, w->adults, w->children, w->type, alts, &err);
	cJSON *doc = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(doc, "error");
	cJSON_AddStringToObject(e, "code", why->code);
	cJSON_AddStringToObject(e, "message", why->message);
	cJSON_AddStringToObject(e, "field", "type");
	cJSON_AddItemToObject(doc, "alternatives", alts);
	srv_resp_json(out, 409, doc);
}

/* The answer recorded under key (found: 1), in or out of the writing
 * transaction: the same booking again, or 422 for another request under
 * it. */
static int answer_if_recorded(struct srv_pub *p, const char *key, const char *hash, struct srv_resp *out)
{
	char old_hash[65], booking_id[FD_ID_LEN];
	char *answer = NULL;
	int found = store(p->s)->recorded(p, key, old_hash, booking_id, &answer);
	if (found != 1)
		return found;
	if (p->tx)
		store(p->s)->rollback(p);
	if (strcmp(hash, old_hash) != 0)
		srv_resp_error(out, 422, "idempotency_key_reused", "Idempotency-Key",
		               "This Idempotency-Key was used for another booking; use a new key for a new "
		               "booking.");
	else
		answer_recorded(p, answer, booking_id, out);
	free(answer);
	return 1;
}

static void book(struct srv_pub *p, const struct srv_req *r, const char *key, struct srv_resp *out);

void srv_api_public_book(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	if (!cors(s, r, out) || !limit_address(s, r, out))
		return;
	if (body_too_large(s, r, out))
		return;
	const char *key = srv_header(r, "Idempotency-Key");
	if (!idem_key_ok(key)) {
		srv_resp_error(
		    out, 400, key ? "invalid_header" : "missing_header", "Idempotency-Key",
		    "Send an Idempotency-Key header (8 to 128 letters, digits, - _ . :), new for each "
		    "booking and the same when the same booking is sent again.");
		return;
	}
	struct srv_pub p;
	if (!hotel_open(s, r, NULL, &p, out))
		return;
	book(&p, r, key, out);
	store(s)->close(&p);
}

static void book(struct srv_pub *p, const struct srv_req *r, const char *key, struct srv_resp *out)
{
	static const char *const fields[] = {"family",   "given",    "email",        "phone",    "country",
	                                     "language", "arrive",   "depart",       "type",     "plan",
	                                     "adults",   "children", "arrival_time", "requests", NULL};
	struct srv *s = p->s;
	struct fd_error err = {0};
	char hash[65], booking_id[FD_ID_LEN];
	request_hash(r, hash);
	if (answer_if_recorded(p, key, hash, out) == 1)
		return;
	cJSON *body = NULL;
	struct web_booking w = {0};
	fd_date today;
	if (srv_body_parse(r, fields, &body, &err) || business_date(p, &today, &err) ||
	    read_booking(body, today, &w, &err)) {
		cJSON_Delete(body);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON_Delete(body);
	char ekey[33];
	for (char *c = w.email; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	email_key(w.email, ekey);
	/* The price: the offer as the guest saw it, quoted again now. */
	struct fd_room_type t;
	struct fd_offer offer;
	const struct fd_repo *repo = p->repo;
	enum fd_status st = repo->get_room_type(repo->ctx, w.type, &t, &err);
	if (st == FD_E_NOT_FOUND) {
		srv_resp_error(out, 400, "invalid_field", "type", "No room type \"%s\".", w.type);
		return;
	}
	if (!st && !w.plan[0]) { /* a type sold on plans is booked on one of them */
		struct fd_rate_plan *plans = NULL;
		int n_plans = 0;
		st = store(s)->rate_plans(p, &plans, &n_plans, &err);
		bool needs = !st && type_has_plans(plans, n_plans, w.type);
		free(plans);
		if (needs) {
			srv_resp_error(
			    out, 400, "missing_field", "plan",
			    "Room type %s is sold on rate plans: give the plan of the offer chosen.", w.type);
			return;
		}
	}
	if (!st)
		st = fd_offer_quote(repo, &t, w.plan, w.arrival, w.departure, w.adults, w.children,
		                    fd_terms_minute(repo, (int64_t)time(NULL)), &offer, &err);
	if (st == FD_E_CONFLICT) {
		answer_sold_out(p, &w, &err, out);
		return;
	}
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}

	/* One transaction: the guest, the booking, its confirmation mail, the
	 * answer under its key. */
	struct fd_op ops[3];
	struct fd_op_result res;
	char guest_id[FD_ID_LEN], code[FD_CODE_LEN], url[512] = "";
	fd_uuid_new(guest_id);
	fd_uuid_new(booking_id);
	op_add(&ops[0], "guest.create");
	cJSON_AddStringToObject(ops[0].payload, "id", guest_id);
	cJSON_AddStringToObject(ops[0].payload, "family", w.family);
	if (w.given[0])
		cJSON_AddStringToObject(ops[0].payload, "given", w.given);
	cJSON_AddStringToObject(ops[0].payload, "email", w.email);
	if (w.phone[0])
		cJSON_AddStringToObject(ops[0].payload, "phone", w.phone);
	if (w.country[0])
		cJSON_AddStringToObject(ops[0].payload, "country", w.country);
	if (w.language[0])
		cJSON_AddStringToObject(ops[0].payload, "language", w.language);
	op_add(&ops[1], "booking.create");
	op_add(&ops[2], "document.send");
	cJSON *answer_doc = NULL;
	st = store(s)->begin(p, &err);
	repo = p->repo; /* the writer's */
	/* the same key in the meantime (two tabs, a retry through another
	 * server): its booking */
	int again = st ? 0 : answer_if_recorded(p, key, hash, out);
	if (again == 1) {
		for (int i = 0; i < 3; i++)
			fd_op_clear(&ops[i]);
		return;
	}
	if (again < 0)
		st = fd_fail(&err, FD_E_IO, "io", NULL, "Cannot read the recorded bookings; try again.");
	/* Bookings an hour for one e-mail address: counted in the database
	 * in this transaction, so every thread and every server agree. */
	int retry = 0;
	if (!st)
		st = email_limit(p, ekey, &retry, &err);
	if (st == FD_E_CONFLICT && retry) {
		store(s)->rollback(p);
		for (int i = 0; i < 3; i++)
			fd_op_clear(&ops[i]);
		srv_resp_fd_error(out, &err);
		out->status = 429;
		out->retry_after = retry;
		return;
	}
	if (!st)
		st = store(s)->apply(p, &ops[0], &res, &err);
	if (!st) {
		new_booking_code(repo, code);
		cJSON *pl = ops[1].payload;
		cJSON_AddStringToObject(pl, "id", booking_id);
		cJSON_AddStringToObject(pl, "code", code);
		cJSON_AddStringToObject(pl, "guest_id", guest_id);
		cJSON_AddStringToObject(pl, "type", w.type);
		add_date(pl, "arrival", w.arrival);
		add_date(pl, "departure", w.departure);
		cJSON_AddNumberToObject(pl, "adults", w.adults);
		cJSON_AddNumberToObject(pl, "children", w.children);
		/* on a plan, core prices each night by the plan (the quote shown);
		 * without, the type's base rate */
		if (offer.plan[0])
			cJSON_AddStringToObject(pl, "plan", offer.plan);
		else
			cJSON_AddNumberToObject(pl, "rate", (double)offer.nightly[0]);
		cJSON_AddStringToObject(pl, "source", "web");
		if (w.requests[0])
			cJSON_AddStringToObject(pl, "notes", w.requests);
		if (w.eta[0])
			cJSON_AddStringToObject(pl, "eta", w.eta);
		st = store(s)->apply(p, &ops[1], &res, &err);
	}
	if (!st) {
		cJSON_AddStringToObject(ops[2].payload, "booking", booking_id);
		cJSON_AddStringToObject(ops[2].payload, "kind", "link");
		st = store(s)->apply(p, &ops[2], &res, &err);
	}
	if (!st) {
		answer_doc = cJSON_CreateObject();
		cJSON_AddStringToObject(answer_doc, "code", code);
		cJSON_AddStringToObject(answer_doc, "status", "reserved");
		cJSON_AddStringToObject(answer_doc, "hotel", "");
		add_date(answer_doc, "arrive", w.arrival);
		add_date(answer_doc, "depart", w.departure);
		cJSON_AddNumberToObject(answer_doc, "adults", w.adults);
		cJSON_AddNumberToObject(answer_doc, "children", w.children);
		cJSON_AddItemToObject(answer_doc, "offer", offer_json(&offer, w.arrival));
		cJSON_AddNumberToObject(answer_doc, "total", (double)offer.total);
		cJSON_AddStringToObject(answer_doc, "currency", offer.currency);
		cJSON_AddStringToObject(answer_doc, "email", "sent");
		struct fd_property prop;
		if (repo->get_property(repo->ctx, &prop, NULL) == FD_OK)
			cJSON_ReplaceItemInObjectCaseSensitive(answer_doc, "hotel",
			                                       cJSON_CreateString(prop.name));
		char *text = cJSON_PrintUnformatted(answer_doc);
		st = text ? store(s)->record(p, key, hash, booking_id, ekey, text, &err)
		          : fd_fail(&err, FD_E_NOMEM, "nomem", NULL, "out of memory");
		free(text);
	}
	if (!st)
		st = link_make(p, booking_id, url, sizeof url, &err);
	if (!st)
		st = store(s)->commit(p, &err);
	else if (p->tx)
		store(s)->rollback(p);
	for (int i = 0; i < 3; i++)
		fd_op_clear(&ops[i]);
	if (st == FD_E_CONFLICT) { /* sold meanwhile */
		cJSON_Delete(answer_doc);
		answer_sold_out(p, &w, &err, out);
		return;
	}
	if (st) {
		cJSON_Delete(answer_doc);
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_mail_wake(s);
	srv_log(SRV_LOG_INFO, "web booking %s (%s, %d nights)", code, w.type, w.departure - w.arrival);
	cJSON_AddStringToObject(answer_doc, "manage_url", url);
	srv_resp_json(out, 201, answer_doc);
}

/* --- the guest's own booking, behind a link --- */

/* Check the link in Authorization: Bearer, count one use. False with the
 * answer (401 naming what to do) when it does not open the booking. */
static bool link_open(struct srv *s, const struct srv_req *r, struct srv_pub_link *l, struct srv_resp *out)
{
	const char *a = r->authorization;
	out->audited = true; /* a guest's link, not a staff refusal */
	if (!a || strncmp(a, "Bearer ", 7) != 0 || strlen(a + 7) < 20 || strlen(a + 7) >= SRV_TOKEN_LEN) {
		srv_resp_error(
		    out, 401, "link_invalid", NULL,
		    "This link is not valid. Open the link in your confirmation e-mail, or ask the "
		    "hotel to send it again.");
		return false;
	}
	unsigned char h[32];
	char hex[65];
	srv_token_hash(a + 7, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	int64_t now = (int64_t)time(NULL);
	int counted = store(s)->link_use(s, hex, now, l);
	if (counted < 0) {
		srv_resp_error(out, 503, "busy", NULL, "The booking service is busy; try again in a moment.");
		out->retry_after = 1;
		return false;
	}
	if (!l->booking_id[0]) {
		srv_resp_error(
		    out, 401, "link_invalid", NULL,
		    "This link is not valid. Open the link in your confirmation e-mail, or ask the "
		    "hotel to send it again.");
		return false;
	}
	if (l->expires_at <= now) {
		srv_resp_error(out, 401, "link_expired", NULL,
		               "This link has expired. Ask the hotel to send you a new one (reply to your "
		               "confirmation e-mail or call the hotel, with your booking code).");
		return false;
	}
	if (!counted) {
		srv_resp_error(out, 401, "link_used_up", NULL,
		               "This link has been used as often as it may. Ask the hotel to send you a new "
		               "one (reply to your confirmation e-mail or call the hotel).");
		return false;
	}
	return true;
}

static cJSON *booking_view(const struct srv_pub *p, const struct fd_booking *b, const struct srv_pub_link *l,
                           struct fd_error *err)
{
	const struct fd_repo *repo = p->repo;
	struct fd_guest g;
	struct fd_room_type t;
	struct fd_property prop;
	if (repo->get_guest(repo->ctx, b->guest_id, &g, err) || repo->get_property(repo->ctx, &prop, err))
		return NULL;
	fd_date today = prop.business_date;
	if (repo->get_room_type(repo->ctx, b->type_code, &t, NULL))
		snprintf(t.name, sizeof t.name, "%s", b->type_code);
	cJSON *v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, "code", b->code);
	cJSON_AddStringToObject(v, "status", fd_booking_status_name(b->status));
	cJSON_AddStringToObject(v, "hotel", prop.name);
	cJSON *gj = cJSON_AddObjectToObject(v, "guest");
	cJSON_AddStringToObject(gj, "family", g.family);
	cJSON_AddStringToObject(gj, "given", g.given);
	cJSON_AddStringToObject(gj, "email", g.email);
	cJSON_AddStringToObject(v, "type", b->type_code);
	cJSON_AddStringToObject(v, "type_name", t.name);
	add_date(v, "arrive", b->arrival);
	add_date(v, "depart", b->departure);
	int nights = fd_stay_nights(b->arrival, b->departure);
	cJSON_AddNumberToObject(v, "nights", nights);
	cJSON_AddNumberToObject(v, "adults", b->adults);
	cJSON_AddNumberToObject(v, "children", b->children);
	cJSON_AddStringToObject(v, "arrival_time", b->eta);
	cJSON_AddStringToObject(v, "requests", b->notes);
	cJSON_AddStringToObject(v, "currency", prop.currency);
	/* the booking's own nights (a plan's prices), else its rate each night */
	struct fd_booking_night *bn = NULL;
	int n_bn = 0;
	if (repo->booking_nights && repo->booking_nights(repo->ctx, b->id, &bn, &n_bn, NULL) != FD_OK)
		n_bn = 0;
	cJSON *n = cJSON_AddArrayToObject(v, "nightly");
	int64_t total = 0;
	for (int i = 0; i < nights; i++) {
		int64_t price = b->rate;
		for (int k = 0; k < n_bn; k++)
			if (bn[k].night == b->arrival + i)
				price = bn[k].amount;
		cJSON *x = cJSON_CreateObject();
		add_date(x, "date", b->arrival + i);
		cJSON_AddNumberToObject(x, "price", (double)price);
		cJSON_AddItemToArray(n, x);
		total += price;
	}
	if (n_bn)
		cJSON_AddStringToObject(v, "plan", bn[0].plan);
	free(bn);
	cJSON_AddNumberToObject(v, "total", (double)total);
	/* What cancelling costs now: core's judgement, as booking.cancel
	 * posts it (the cancel request sends this fee back, checked again
	 * in the cancelling transaction). */
	struct fd_cancel_terms ct;
	if (fd_terms_cancel(repo, prop.currency, b, today, fd_terms_minute(repo, (int64_t)time(NULL)), &ct,
	                    err)) {
		cJSON_Delete(v);
		return NULL;
	}
	char dtext[FD_POLICY_LEN];
	struct fd_deposit_policy dp;
	struct fd_deposit_status ds = {0};
	int64_t first, stay;
	fd_terms_stay_prices(repo, b, &first, &stay);
	if (fd_terms_booking_text(repo, b, FD_SETTING_DEPOSIT_POLICY, dtext, sizeof dtext, NULL) == FD_OK &&
	    fd_deposit_policy_parse(dtext, prop.currency, FD_SETTING_DEPOSIT_POLICY, &dp, NULL) == FD_OK)
		fd_deposit_status(&dp, b->arrival, first, stay, 0, today, &ds);
	cJSON_AddItemToObject(v, "terms", terms_json(&ct, b->arrival, ds.required, ds.due, prop.currency));
	struct fd_error why = {0};
	cJSON *c = cJSON_AddObjectToObject(v, "cancel");
	bool can = fd_offer_may_cancel(b, today, &why) == FD_OK;
	cJSON_AddBoolToObject(c, "allowed", can);
	cJSON_AddNumberToObject(c, "fee", (double)(can ? ct.fee : 0));
	if (!can)
		cJSON_AddStringToObject(c, "reason", why.message);
	cJSON_AddBoolToObject(v, "changeable", b->status == FD_BOOKING_RESERVED);
	cJSON *lj = cJSON_AddObjectToObject(v, "link");
	cJSON_AddNumberToObject(lj, "expires_at", (double)l->expires_at);
	cJSON_AddNumberToObject(lj, "uses_left", l->max_uses - l->uses);
	return v;
}

/* The link's booking, in its own hotel (the link's row names it: a token
 * opens nothing of another hotel). True with p open (the caller closes
 * it). */
static bool load_linked(struct srv *s, const struct srv_req *r, struct srv_pub_link *l, struct fd_booking *b,
                        struct srv_pub *p, struct srv_resp *out)
{
	if (!cors(s, r, out) || !limit_address(s, r, out) || !link_open(s, r, l, out))
		return false;
	struct fd_error err = {0};
	if (!hotel_open(s, r, l->property, p, out))
		return false;
	const struct fd_repo *repo = p->repo;
	if (repo->get_booking(repo->ctx, l->booking_id, b, &err)) {
		store(s)->close(p);
		srv_resp_error(out, 404, "not_found", NULL, "This booking no longer exists; call the hotel.");
		return false;
	}
	return true;
}

static void answer_view(const struct srv_pub *p, const struct fd_booking *b, const struct srv_pub_link *l,
                        struct srv_resp *out)
{
	struct fd_error err = {0};
	cJSON *v = booking_view(p, b, l, &err);
	if (!v)
		srv_resp_fd_error(out, &err);
	else
		srv_resp_json(out, 200, v);
}

void srv_api_public_manage(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	struct srv_pub_link l;
	struct fd_booking b;
	struct srv_pub p;
	if (!load_linked(s, r, &l, &b, &p, out))
		return;
	answer_view(&p, &b, &l, out);
	store(s)->close(&p);
}

/* In the cancelling transaction: is what cancelling costs at the
 * operation's time still the fee the guest was shown (*expect)? */
static enum fd_status fee_unchanged(const struct srv_pub *p, const struct fd_op *op,
                                    const struct srv_pub_link *l, const int64_t *expect, struct fd_error *err)
{
	const struct fd_repo *repo = p->repo;
	struct fd_booking b;
	struct fd_property prop;
	struct fd_cancel_terms ct;
	enum fd_status st;
	if ((st = repo->get_booking(repo->ctx, l->booking_id, &b, err)) ||
	    (st = repo->get_property(repo->ctx, &prop, err)) ||
	    (st = fd_offer_may_cancel(&b, prop.business_date, err)) ||
	    (st = fd_terms_cancel(repo, prop.currency, &b, prop.business_date,
	                          fd_terms_minute(repo, op->created_at), &ct, err)))
		return st;
	if (ct.fee == *expect)
		return FD_OK;
	char m[FD_MONEY_STRLEN];
	return fd_fail(err, FD_E_CONFLICT, "fee_changed", "fee",
	               "Cancelling booking %s now costs %s (policy: %s); nothing was cancelled. Confirm "
	               "again to cancel at this fee.",
	               b.code, fd_money_format(ct.fee, prop.currency, m, sizeof m), ct.policy);
}

/* Apply one operation on the linked booking and answer its new view;
 * expect_fee (a cancellation): the fee the guest confirmed, or NULL. */
static void apply_linked(struct srv_pub *p, struct fd_op *op, const struct srv_pub_link *l,
                         const int64_t *expect_fee, struct srv_resp *out)
{
	struct fd_error err = {0};
	struct fd_op_result res;
	enum fd_status st = store(p->s)->begin(p, &err);
	if (!st && expect_fee)
		st = fee_unchanged(p, op, l, expect_fee, &err);
	if (!st)
		st = store(p->s)->apply(p, op, &res, &err);
	if (!st)
		st = store(p->s)->commit(p, &err);
	else if (p->tx)
		store(p->s)->rollback(p);
	if (st) {
		srv_resp_fd_error(out, &err);
		return;
	}
	struct fd_booking b;
	const struct fd_repo *repo = p->repo;
	if (repo->get_booking(repo->ctx, l->booking_id, &b, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	answer_view(p, &b, l, out);
}

static void change(struct srv_pub *p, const struct srv_req *r, const struct srv_pub_link *l,
                   const struct fd_booking *bk, const char *const *fields, struct srv_resp *out);

void srv_api_public_change(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	static const char *const fields[] = {"arrival_time", "requests", NULL};
	struct srv_pub_link l;
	struct fd_booking b;
	struct srv_pub p;
	if (!load_linked(s, r, &l, &b, &p, out))
		return;
	change(&p, r, &l, &b, fields, out);
	store(s)->close(&p);
}

static void change(struct srv_pub *p, const struct srv_req *r, const struct srv_pub_link *l,
                   const struct fd_booking *bk, const char *const *fields, struct srv_resp *out)
{
	struct fd_booking b = *bk;
	if (body_too_large(p->s, r, out))
		return;
	struct fd_error err = {0};
	cJSON *body = NULL;
	char eta[6], requests[501];
	if (srv_body_parse(r, fields, &body, &err) ||
	    json_text(body, "arrival_time", eta, sizeof eta, false, &err) || eta_ok(eta, &err) ||
	    json_text(body, "requests", requests, sizeof requests, false, &err)) {
		cJSON_Delete(body);
		srv_resp_fd_error(out, &err);
		return;
	}
	bool has_eta = cJSON_GetObjectItemCaseSensitive(body, "arrival_time") != NULL;
	bool has_req = cJSON_GetObjectItemCaseSensitive(body, "requests") != NULL;
	cJSON_Delete(body);
	if (b.status != FD_BOOKING_RESERVED) {
		srv_resp_error(out, 409, "bad_state", "booking",
		               "Booking %s is %s and can no longer be changed.", b.code,
		               fd_booking_status_name(b.status));
		return;
	}
	struct fd_op op;
	op_add(&op, "booking.modify");
	cJSON_AddStringToObject(op.payload, "booking", b.id);
	if (has_eta)
		cJSON_AddStringToObject(op.payload, "eta", eta);
	if (has_req)
		cJSON_AddStringToObject(op.payload, "notes", requests);
	apply_linked(p, &op, l, NULL, out);
	fd_op_clear(&op);
}

/* Body {"fee": N}: the fee the guest was shown and confirms (minor
 * units); without it, the fee shown now is taken as confirmed. Either way
 * the fee is judged again in the cancelling transaction, and a different
 * one (a deadline passed meanwhile) cancels nothing: 409 fee_changed. */
static void cancel(struct srv_pub *p, const struct srv_req *r, const struct srv_pub_link *l,
                   const struct fd_booking *bk, struct srv_resp *out);

void srv_api_public_cancel(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	struct srv_pub_link l;
	struct fd_booking b;
	struct srv_pub p;
	if (!load_linked(s, r, &l, &b, &p, out))
		return;
	cancel(&p, r, &l, &b, out);
	store(s)->close(&p);
}

static void cancel(struct srv_pub *p, const struct srv_req *r, const struct srv_pub_link *l,
                   const struct fd_booking *bk, struct srv_resp *out)
{
	static const char *const fields[] = {"fee", NULL};
	struct fd_booking b = *bk;
	if (body_too_large(p->s, r, out))
		return;
	struct fd_error err = {0};
	struct fd_property prop;
	struct fd_cancel_terms ct;
	const struct fd_repo *repo = p->repo;
	struct fd_op op;
	op_add(&op, "booking.cancel");
	cJSON_AddStringToObject(op.payload, "booking", b.id);
	cJSON_AddStringToObject(op.payload, "reason", "cancelled by the guest online");
	/* A deposit the desk took stays on account, less the fee: refunding
	 * money is the hotel's decision, not the web's. */
	cJSON_AddStringToObject(op.payload, "deposit", "account");
	int64_t expect = 0;
	cJSON *body = NULL;
	enum fd_status st = FD_OK;
	if (r->body_len > 0 && !(st = srv_body_parse(r, fields, &body, &err))) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(body, "fee");
		if (f && (!cJSON_IsNumber(f) || f->valuedouble < 0 || f->valuedouble > 1e15 ||
		          f->valuedouble != (double)(int64_t)f->valuedouble))
			st = fd_fail(&err, FD_E_INVALID, "invalid_field", "fee",
			             "\"fee\" must be the fee shown, in minor units.");
		else if (f)
			expect = (int64_t)f->valuedouble;
		else
			body = (cJSON_Delete(body), NULL);
	}
	if (!st && !body) { /* no fee sent: the fee as shown now */
		if (!(st = repo->get_property(repo->ctx, &prop, &err)) &&
		    !(st = fd_offer_may_cancel(&b, prop.business_date, &err)) &&
		    !(st = fd_terms_cancel(repo, prop.currency, &b, prop.business_date,
		                           fd_terms_minute(repo, op.created_at), &ct, &err)))
			expect = ct.fee;
	}
	cJSON_Delete(body);
	if (st)
		srv_resp_fd_error(out, &err);
	else
		apply_linked(p, &op, l, &expect, out);
	fd_op_clear(&op);
}

static void document(struct srv_pub *p, const struct srv_req *r, const struct fd_booking *bk,
                     struct srv_resp *out);

void srv_api_public_document(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	struct srv_pub_link l;
	struct fd_booking b;
	struct srv_pub p;
	if (!load_linked(s, r, &l, &b, &p, out))
		return;
	document(&p, r, &b, out);
	store(s)->close(&p);
}

static void document(struct srv_pub *p, const struct srv_req *r, const struct fd_booking *bk,
                     struct srv_resp *out)
{
	struct srv *s = p->s;
	struct fd_booking b = *bk;
	const char *kind = srv_query(r, "kind");
	if (!kind)
		kind = "confirmation";
	struct fd_error err = {0};
	const struct fd_repo *repo = p->repo;
	struct fd_doc doc;
	fd_doc_init(&doc);
	enum fd_status st;
	if (strcmp(kind, "confirmation") == 0)
		st = fd_doc_confirmation(repo, b.code, &doc, &err);
	else if (strcmp(kind, "invoice") == 0) {
		char inv_id[FD_ID_LEN];
		struct fd_invoice inv;
		st = fd_doc_bill(repo, b.code, "", &doc, &err);
		if (!st && repo->standing_invoice(repo->ctx, doc.folio_id, inv_id, NULL) == FD_OK &&
		    repo->get_invoice(repo->ctx, inv_id, &inv, NULL) == FD_OK) {
			fd_doc_clear(&doc);
			fd_doc_init(&doc);
			st = fd_doc_invoice(&inv, false, &doc, &err);
			fd_invoice_clear(&inv);
		}
	} else {
		fd_doc_clear(&doc);
		srv_resp_error(out, 400, "invalid_parameter", "kind",
		               "\"kind\" must be confirmation or invoice.");
		return;
	}
	char path[700], rnd[FD_ID_LEN];
	snprintf(path, sizeof path, "%s/public-%s.pdf", s->cfg.data_dir, fd_uuid_new(rnd));
	if (!st)
		st = fd_doc_write_pdf(&doc, path, &err);
	fd_doc_clear(&doc);
	FILE *f = st ? NULL : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	if (f) {
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = n > 0 ? malloc((size_t)n + 1) : NULL;
		len = buf ? fread(buf, 1, (size_t)n, f) : 0;
		fclose(f);
	}
	unlink(path);
	if (st || !buf || !len) {
		free(buf);
		if (!st)
			fd_fail(&err, FD_E_IO, "io", NULL, "Cannot make the document now; try again later.");
		srv_resp_fd_error(out, &err);
		return;
	}
	out->status = 200;
	out->body = buf;
	out->body_len = len;
	out->content_type = "application/pdf";
	char disp[80];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s-%s.pdf\"", kind, b.code);
	srv_resp_header(out, "Content-Disposition", disp);
}

/* --- the store on SQLite (public_store.h): the data directory's one
 * hotel; writes through the process's writer, under its lock --- */

static enum fd_status sq_open(struct srv *s, const char *hotel, const char *property, struct srv_pub *p,
                              struct fd_error *err)
{
	(void)property; /* one hotel: every link's */
	memset(p, 0, sizeof *p);
	p->s = s;
	struct fd_db *db = srv_reader(s, err);
	if (!db)
		return fd_error_status(err, FD_E_IO);
	p->h = db;
	p->repo = fd_db_repo(db);
	struct fd_property prop;
	fd_date today;
	enum fd_status st = fd_query_business_date(db, &today, err);
	if (!st)
		st = p->repo->get_property(p->repo->ctx, &prop, err);
	if (st)
		return st;
	snprintf(p->property, sizeof p->property, "%s", prop.id);
	/* hotel=CODE is a chain's (PostgreSQL): here it may only name this
	 * hotel (its id), never another one. */
	if (hotel && strcmp(hotel, prop.id) != 0)
		return fd_fail(err, FD_E_NOT_FOUND, "unknown_hotel", "hotel",
		               "This server holds one hotel, %s; hotel=%.40s names another (leave the "
		               "parameter out).",
		               prop.name, hotel);
	return FD_OK;
}

static void sq_rollback(struct srv_pub *p);

static void sq_close(struct srv_pub *p)
{
	if (p->tx)
		sq_rollback(p);
}

static enum fd_status sq_room_types(struct srv_pub *p, fd_room_type_cb cb, void *ctx, struct fd_error *err)
{
	return fd_query_room_types(p->h, cb, ctx, err);
}

static enum fd_status sq_rate_plans(struct srv_pub *p, struct fd_rate_plan **out, int *n,
                                    struct fd_error *err)
{
	return fd_query_rate_plans(p->h, out, n, err);
}

static enum fd_status sq_begin(struct srv_pub *p, struct fd_error *err)
{
	struct srv *s = p->s;
	pthread_mutex_lock(&s->wlock);
	enum fd_status st = fd_db_begin(s->wdb, err);
	if (st) {
		pthread_mutex_unlock(&s->wlock);
		return st;
	}
	fd_db_set_audit_session(s->wdb, "public");
	p->h = s->wdb;
	p->repo = fd_db_repo(s->wdb);
	p->tx = true;
	return FD_OK;
}

/* The transaction ended: the writer's lock given back, reads on the
 * thread's reader again. */
static void sq_end(struct srv_pub *p)
{
	struct srv *s = p->s;
	s->hook.op_id[0] = '\0';
	pthread_mutex_unlock(&s->wlock);
	p->tx = false;
	struct fd_error err = {0};
	struct fd_db *db = srv_reader(s, &err);
	if (db) {
		p->h = db;
		p->repo = fd_db_repo(db);
	}
}

static enum fd_status sq_commit(struct srv_pub *p, struct fd_error *err)
{
	struct srv *s = p->s;
	enum fd_status st = fd_db_commit(s->wdb, err);
	int64_t seq = srv_last_seq(s->wdb);
	sq_end(p);
	if (!st)
		srv_changed(s, seq);
	return st;
}

static void sq_rollback(struct srv_pub *p)
{
	fd_db_rollback(p->s->wdb);
	sq_end(p);
}

static enum fd_status sq_apply(struct srv_pub *p, struct fd_op *op, struct fd_op_result *res,
                               struct fd_error *err)
{
	struct srv *s = p->s;
	snprintf(s->hook.op_id, sizeof s->hook.op_id, "%s", op->op_id);
	/* Trusted as the server's own act: the public layer checked the
	 * input and the dates (fd_offer_check_stay) before; core's rules on
	 * rooms, availability and state all still apply. */
	enum fd_status st = fd_op_apply(fd_db_repo(s->wdb), op, FD_APPLY_TRUSTED, res, err);
	if (!st)
		st = fd_store_audit(s->wdb, op, res, err);
	return st;
}

static int sq_recorded(struct srv_pub *p, const char *key, char hash[65], char booking_id[FD_ID_LEN],
                       char **answer)
{
	sqlite3_stmt *q = fd_db_stmt(
	    p->h, "SELECT request_hash, booking_id, answer FROM srv_public_requests WHERE idem_key = ?1",
	    NULL);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	int found = 0;
	if (sqlite3_step(q) == SQLITE_ROW) {
		snprintf(hash, 65, "%s", sqlite3_column_text(q, 0));
		snprintf(booking_id, FD_ID_LEN, "%s", sqlite3_column_text(q, 1));
		*answer = strdup((const char *)sqlite3_column_text(q, 2));
		found = *answer ? 1 : -1;
	}
	sqlite3_reset(q);
	return found;
}

static enum fd_status sq_record(struct srv_pub *p, const char *key, const char *hash, const char *booking_id,
                                const char *ekey, const char *answer, struct fd_error *err)
{
	sqlite3_stmt *q = fd_db_stmt(p->h,
	                             "INSERT INTO srv_public_requests (idem_key, request_hash, booking_id,"
	                             " answer, created_at, email_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                             err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, booking_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, answer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, (int64_t)time(NULL));
	sqlite3_bind_text(q, 6, ekey, -1, SQLITE_STATIC);
	enum fd_status st = FD_OK;
	if (sqlite3_step(q) != SQLITE_DONE)
		st = fd_db_fail(p->h, err, "recording a web booking's answer");
	sqlite3_reset(q);
	return st;
}

static enum fd_status sq_email_count(struct srv_pub *p, const char *ekey, int64_t since, int *n,
                                     int64_t *oldest, struct fd_error *err)
{
	sqlite3_stmt *q = fd_db_stmt(p->h,
	                             "SELECT count(*), min(created_at) FROM srv_public_requests"
	                             " WHERE email_key = ?1 AND created_at > ?2",
	                             err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(q, 1, ekey, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, since);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int(q, 0);
		*oldest = sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return fd_db_fail(p->h, err, "counting an e-mail address's web bookings");
	return FD_OK;
}

static enum fd_status sq_link_put(struct srv_pub *p, const char *hash, const char *booking_id, int64_t now,
                                  int64_t expires_at, int max_uses, struct fd_error *err)
{
	unsigned char h[32];
	size_t len = 0;
	if (sodium_hex2bin(h, sizeof h, hash, strlen(hash), NULL, &len, NULL) != 0 || len != sizeof h)
		return fd_fail(err, FD_E_INVALID, "invalid", NULL, "A link's hash is not one.");
	sqlite3_stmt *q =
	    fd_db_stmt(p->h,
	               "INSERT INTO srv_public_links (hash, booking_id, created_at, expires_at, uses,"
	               " max_uses) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
	               err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_blob(q, 1, h, sizeof h, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, booking_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int64(q, 4, expires_at);
	sqlite3_bind_int(q, 5, max_uses);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return fd_db_fail(p->h, err, "storing a guest's link");
	return FD_OK;
}

static int sq_link_use(struct srv *s, const char *hash, int64_t now, struct srv_pub_link *l)
{
	unsigned char h[32];
	size_t len = 0;
	memset(l, 0, sizeof *l);
	if (sodium_hex2bin(h, sizeof h, hash, strlen(hash), NULL, &len, NULL) != 0 || len != sizeof h)
		return 0;
	struct fd_error err = {0};
	int found = 0;
	bool counted = false;
	pthread_mutex_lock(&s->wlock);
	sqlite3_stmt *q = fd_db_stmt(s->wdb,
	                             "SELECT booking_id, expires_at, uses, max_uses FROM srv_public_links"
	                             " WHERE hash = ?1",
	                             &err);
	if (q) {
		sqlite3_bind_blob(q, 1, h, sizeof h, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW) {
			found = 1;
			snprintf(l->booking_id, sizeof l->booking_id, "%s", sqlite3_column_text(q, 0));
			l->expires_at = sqlite3_column_int64(q, 1);
			l->uses = sqlite3_column_int(q, 2);
			l->max_uses = sqlite3_column_int(q, 3);
		}
		sqlite3_reset(q);
	}
	if (found && l->expires_at > now && l->uses < l->max_uses) {
		q = fd_db_stmt(s->wdb, "UPDATE srv_public_links SET uses = uses + 1 WHERE hash = ?1", &err);
		if (q) {
			sqlite3_bind_blob(q, 1, h, sizeof h, SQLITE_STATIC);
			if (sqlite3_step(q) != SQLITE_DONE)
				found = -1;
			sqlite3_reset(q);
		}
		l->uses++;
		counted = true;
	}
	pthread_mutex_unlock(&s->wlock);
	if (!q || found < 0)
		return -1;
	return counted ? 1 : 0;
}

/* One process is the whole server: its memory holds every bucket. */
static bool sq_rate_allow(struct srv *s, const char *key, int limit, int window, int *retry)
{
	(void)s;
	return rl_allow(key, limit, window, retry);
}

static const struct srv_pub_store sqlite_store = {
    .open = sq_open,
    .close = sq_close,
    .room_types = sq_room_types,
    .rate_plans = sq_rate_plans,
    .begin = sq_begin,
    .begin_link = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .apply = sq_apply,
    .recorded = sq_recorded,
    .record = sq_record,
    .email_count = sq_email_count,
    .link_put = sq_link_put,
    .link_use = sq_link_use,
    .rate_allow = sq_rate_allow,
};

static const struct srv_pub_store *store(const struct srv *s)
{
	return s->pg ? &srv_pg_pub_store : &sqlite_store;
}

/* --- the booking page's files --- */

void srv_api_book_file(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	if (!r->param || !r->param[0]) { /* /book: the folder, so that the page's files resolve */
		srv_resp_error(out, 301, "moved", NULL, "The booking page is at /book/.");
		srv_resp_header(out, "Location", "/book/");
		return;
	}
	const char *name = r->param;
	static const struct {
		const char *ext, *type;
	} types[] = {{".html", "text/html; charset=utf-8"},
	             {".js", "text/javascript; charset=utf-8"},
	             {".css", "text/css; charset=utf-8"},
	             {".json", "application/json"},
	             {".svg", "image/svg+xml"}};
	const char *type = NULL;
	bool plain = name[0] != '.';
	for (const char *p = name; *p && plain; p++)
		plain = isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == '_';
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; plain && dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i].ext) == 0)
			type = types[i].type;
	char path[700];
	snprintf(path, sizeof path, "%s/%s", s->cfg.book_dir, name);
	FILE *f = type ? fopen(path, "rb") : NULL;
	if (!f) {
		srv_resp_error(out, 404, "not_found", NULL, "No such page: /book/%.100s.", name);
		return;
	}
	size_t cap = 65536, len = 0, n;
	char *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			char *b2 = cap < (4u << 20) ? realloc(buf, cap *= 2) : NULL;
			if (!b2) {
				free(buf);
				buf = NULL;
			}
			buf = b2;
		}
	}
	fclose(f);
	if (!buf) {
		srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
		return;
	}
	out->status = 200;
	out->body = buf;
	out->body_len = len;
	out->content_type = type;
	out->cache_control = "public, max-age=300";
	srv_resp_header(out, "X-Content-Type-Options", "nosniff");
	/* Embeddable (an iframe) only in the hotel's own sites. */
	char csp[1100] = "frame-ancestors 'self'";
	size_t used = strlen(csp);
	char list[sizeof s->cfg.public_origins];
	pub_origins(s, list, sizeof list);
	for (const char *p = list; *p;) {
		p += strspn(p, " ,");
		size_t m = strcspn(p, " ,");
		if (m && used + m + 2 < sizeof csp) {
			snprintf(csp + used, sizeof csp - used, " %.*s", (int)m, p);
			used += m + 1;
		}
		p += m;
	}
	srv_resp_header(out, "Content-Security-Policy", csp);
}
