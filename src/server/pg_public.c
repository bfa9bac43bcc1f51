// SPDX-License-Identifier: GPL-3.0-or-later
/* The guests' public booking API on PostgreSQL: the store functions of
 * public_store.h. public.c parses, checks and answers as on SQLite, and
 * core judges each booking through the hotel's repository (src/pg/repo.c);
 * this file says which hotel a request is for and keeps what the API keeps
 * besides the hotel's rows, in the database (schema steps 19-20), so that
 * every frontdeskd behind the load balancer shares it:
 *   - the hotel: a link's own (its row names it), else the request's
 *     hotel=CODE (property_codes, or the id of the hotel init made); with
 *     one hotel in the database it may be left out;
 *   - a booking's writing transaction is the hotel's (fd_pg_begin locks its
 *     feed counter row): web bookings and the desks' pushes of one hotel,
 *     through any server, are judged one after another, so the last free
 *     room goes once, and a retry under the same Idempotency-Key finds the
 *     answer the other server committed;
 *   - links: one UPDATE counts a use only while the link is valid, so its
 *     uses hold across servers;
 *   - the per-address limit: a token bucket per address in
 *     srv_public_limits, refilled and taken in one upsert on PostgreSQL's
 *     clock. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/op.h"
#include "pg/chain.h"
#include "pg/pg.h"
#include "pg/query.h"
#include "server/log.h"
#include "server/public_store.h"
#include "server/server.h"

#define I(buf, v) fd_pg_int_text(buf, sizeof buf, (int64_t)(v))

static const char *fd_pg_int_text(char *buf, size_t size, int64_t v)
{
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

static struct fd_pg *pgc(struct srv_pub *p)
{
	return p->h;
}

static enum fd_status pub_open(struct srv *s, const char *hotel, const char *property, struct srv_pub *p,
                               struct fd_error *err)
{
	memset(p, 0, sizeof *p);
	p->s = s;
	struct fd_pg *pg = srv_pg_conn(s, err);
	if (!pg)
		return fd_error_status(err, FD_E_IO);
	p->h = pg;
	enum fd_status st = FD_OK;
	if (property && property[0])
		snprintf(p->property, sizeof p->property, "%s", property);
	else if (hotel) {
		struct fd_pg_hotel h;
		struct fd_error why = {0};
		st = fd_pg_hotel_find(pg, hotel, &h, &why);
		if (st == FD_E_NOT_FOUND)
			return fd_fail(
			    err, FD_E_NOT_FOUND, "unknown_hotel", "hotel",
			    _("No hotel has the code \"%.40s\" here: check the hotel parameter of the "
			      "booking page (hotel=CODE, the hotel's code)."),
			    hotel);
		if (st) {
			*err = why;
			return st;
		}
		snprintf(p->property, sizeof p->property, "%s", h.id);
	} else {
		struct fd_pg_hotel *all;
		int n;
		if ((st = fd_pg_hotels(pg, &all, &n, err)))
			return st;
		if (n == 1)
			snprintf(p->property, sizeof p->property, "%s", all[0].id);
		free(all);
		if (n == 0)
			return fd_fail(err, FD_E_NOT_FOUND, "no_hotel", "hotel",
			               _("This server holds no hotel yet."));
		if (n > 1)
			return fd_fail(
			    err, FD_E_INVALID, "missing_parameter", "hotel",
			    _("This server holds %d hotels: say which with the parameter hotel=CODE "
			      "(the hotel's code)."),
			    n);
	}
	fd_pg_use_property(pg, p->property);
	p->repo = fd_pg_repo(pg);
	return FD_OK;
}

static void pub_close(struct srv_pub *p)
{
	if (p->tx)
		fd_pg_rollback(pgc(p));
	p->tx = false;
}

static enum fd_status pub_room_types(struct srv_pub *p, fd_room_type_cb cb, void *ctx, struct fd_error *err)
{
	return fd_pg_query_room_types(pgc(p), cb, ctx, err);
}

static enum fd_status pub_rate_plans(struct srv_pub *p, struct fd_rate_plan **out, int *n,
                                     struct fd_error *err)
{
	return fd_pg_query_rate_plans(pgc(p), out, n, err);
}

static enum fd_status pub_begin(struct srv_pub *p, struct fd_error *err)
{
	enum fd_status st = fd_pg_begin(pgc(p), err);
	p->tx = st == FD_OK;
	return st;
}

/* A link row needs no order among the hotel's writers: without the
 * counter's lock, a sender holding a claimed mail never waits for a push
 * that might wait for that mail's row. */
static enum fd_status pub_begin_link(struct srv_pub *p, struct fd_error *err)
{
	enum fd_status st = fd_pg_begin_unlocked(pgc(p), err);
	p->tx = st == FD_OK;
	return st;
}

static enum fd_status pub_commit(struct srv_pub *p, struct fd_error *err)
{
	fd_pg_set_op(pgc(p), "");
	p->tx = false;
	/* The NOTIFY goes out with the commit: every server's long-polls and
	 * senders wake (backend_pg.c's listener). */
	return fd_pg_commit(pgc(p), err);
}

static void pub_rollback(struct srv_pub *p)
{
	fd_pg_set_op(pgc(p), "");
	if (p->tx)
		fd_pg_rollback(pgc(p));
	p->tx = false;
}

static enum fd_status pub_apply(struct srv_pub *p, struct fd_op *op, struct fd_op_result *res,
                                struct fd_error *err)
{
	struct fd_pg *pg = pgc(p);
	/* The web as the actor, its session "public", as on SQLite. */
	struct srv_caller web = {.session = true};
	snprintf(web.session_id, sizeof web.session_id, "public");
	snprintf(web.property, sizeof web.property, "%s", p->property);
	fd_pg_set_op(pg, op->op_id);
	enum fd_status st = fd_op_apply(fd_pg_repo(pg), op, FD_APPLY_TRUSTED, res, err);
	if (!st)
		st = srv_pg_audit_op(pg, &web, op, res, NULL, err);
	return st;
}

static int pub_recorded(struct srv_pub *p, const char *key, char hash[65], char booking_id[FD_ID_LEN],
                        char **answer)
{
	static const char sql[] = "SELECT request_hash, booking_id, answer FROM srv_public_requests"
	                          " WHERE property_id = $1 AND idem_key = $2";
	const char *a[] = {p->property, key};
	PGresult *r;
	struct fd_error err = {0};
	if (fd_pg_run(pgc(p), sql, 2, a, &r, "reading a recorded web booking", &err))
		return -1;
	int found = 0;
	if (PQntuples(r) == 1) {
		snprintf(hash, 65, "%s", PQgetvalue(r, 0, 0));
		snprintf(booking_id, FD_ID_LEN, "%s", PQgetvalue(r, 0, 1));
		*answer = strdup(PQgetvalue(r, 0, 2));
		found = *answer ? 1 : -1;
	}
	PQclear(r);
	return found;
}

static enum fd_status pub_record(struct srv_pub *p, const char *key, const char *hash, const char *booking_id,
                                 const char *ekey, const char *answer, struct fd_error *err)
{
	static const char sql[] =
	    "INSERT INTO srv_public_requests (property_id, idem_key, request_hash, booking_id, answer,"
	    " created_at, email_key) VALUES ($1, $2, $3, $4, $5, $6, $7)";
	char now[24];
	const char *a[] = {p->property, key, hash, booking_id, answer, I(now, time(NULL)), ekey};
	return fd_pg_do(pgc(p), sql, 7, a, "recording a web booking's answer", err);
}

/* Across the chain: a flood of bookings for one address is one whichever
 * hotels it goes to. */
static enum fd_status pub_email_count(struct srv_pub *p, const char *ekey, int64_t since, int *n,
                                      int64_t *oldest, struct fd_error *err)
{
	static const char sql[] = "SELECT count(*), coalesce(min(created_at), 0) FROM srv_public_requests"
	                          " WHERE email_key = $1 AND created_at > $2";
	char t[24];
	const char *a[] = {ekey, I(t, since)};
	PGresult *r;
	enum fd_status st =
	    fd_pg_run(pgc(p), sql, 2, a, &r, "counting an e-mail address's web bookings", err);
	if (st)
		return st;
	*n = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
	*oldest = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	PQclear(r);
	return FD_OK;
}

static enum fd_status pub_link_put(struct srv_pub *p, const char *hash, const char *booking_id, int64_t now,
                                   int64_t expires_at, int max_uses, struct fd_error *err)
{
	static const char sql[] =
	    "INSERT INTO srv_public_links (hash, property_id, booking_id, created_at, expires_at, uses,"
	    " max_uses) VALUES ($1, $2, $3, $4, $5, 0, $6)";
	char t[24], e[24], m[24];
	const char *a[] = {hash, p->property, booking_id, I(t, now), I(e, expires_at), I(m, max_uses)};
	return fd_pg_do(pgc(p), sql, 6, a, "storing a guest's link", err);
}

static void link_row(PGresult *r, struct srv_pub_link *l)
{
	snprintf(l->property, sizeof l->property, "%s", PQgetvalue(r, 0, 0));
	snprintf(l->booking_id, sizeof l->booking_id, "%s", PQgetvalue(r, 0, 1));
	l->expires_at = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
	l->uses = (int)strtol(PQgetvalue(r, 0, 3), NULL, 10);
	l->max_uses = (int)strtol(PQgetvalue(r, 0, 4), NULL, 10);
}

static int pub_link_use(struct srv *s, const char *hash, int64_t now, struct srv_pub_link *l)
{
	/* One statement counts the use only while the link is valid: two
	 * servers at once cannot both take its last use. */
	static const char use[] = "UPDATE srv_public_links SET uses = uses + 1"
	                          " WHERE hash = $1 AND expires_at > $2 AND uses < max_uses"
	                          " RETURNING property_id, booking_id, expires_at, uses, max_uses";
	static const char why[] = "SELECT property_id, booking_id, expires_at, uses, max_uses"
	                          " FROM srv_public_links WHERE hash = $1";
	memset(l, 0, sizeof *l);
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	char t[24];
	const char *a[] = {hash, I(t, now)};
	PGresult *r;
	if (!pg || fd_pg_run(pg, use, 2, a, &r, "using a guest's link", &err))
		return -1;
	if (PQntuples(r) == 1) {
		link_row(r, l);
		PQclear(r);
		return 1;
	}
	PQclear(r);
	if (fd_pg_run(pg, why, 1, a, &r, "reading a guest's link", &err))
		return -1;
	if (PQntuples(r) == 1)
		link_row(r, l);
	PQclear(r);
	return 0;
}

static bool pub_rate_allow(struct srv *s, const char *key, int limit, int window, int *retry)
{
	/* The bucket refilled at limit/window a second since it was last
	 * counted (PostgreSQL's clock: the servers' may differ), capped at
	 * limit; a request takes a token when there is a whole one. */
#define LEVEL "least($2::float8, l.tokens + (extract(epoch FROM clock_timestamp()) - l.at) * $3::float8)"
	static const char sql[] =
	    "INSERT INTO srv_public_limits AS l (key, tokens, at, allowed)"
	    " VALUES ($1, $2::float8 - 1, extract(epoch FROM clock_timestamp()), true)"
	    " ON CONFLICT (key) DO UPDATE SET tokens = CASE WHEN " LEVEL " >= 1 THEN " LEVEL
	    " - 1 ELSE " LEVEL " END, allowed = " LEVEL " >= 1, at = extract(epoch FROM clock_timestamp())"
	    " RETURNING allowed, tokens";
#undef LEVEL
	/* Buckets full again hold nothing a new one would not: forgotten now
	 * and then. */
	static const char prune[] =
	    "DELETE FROM srv_public_limits WHERE at < extract(epoch FROM clock_timestamp()) - $1::float8";
	char lim[24], rate[40], win[24];
	double per_s = (double)limit / (window > 0 ? window : 60);
	snprintf(rate, sizeof rate, "%.9g", per_s);
	const char *a[] = {key, I(lim, limit), rate};
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	PGresult *r;
	if (!pg || fd_pg_run(pg, sql, 3, a, &r, "counting a request of an address", &err)) {
		/* The database unreachable: the request fails on it anyway. */
		return true;
	}
	bool ok = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	double tokens = strtod(PQgetvalue(r, 0, 1), NULL);
	PQclear(r);
	if (!ok)
		*retry = (int)((1 - tokens) / per_s) + 1;
	static _Atomic unsigned calls;
	if (++calls % 256 == 0) {
		const char *b[] = {I(win, window > 0 ? window : 60)};
		fd_pg_do(pg, prune, 1, b, "forgetting full buckets", NULL);
	}
	return ok;
}

const struct srv_pub_store srv_pg_pub_store = {
    .open = pub_open,
    .close = pub_close,
    .room_types = pub_room_types,
    .rate_plans = pub_rate_plans,
    .begin = pub_begin,
    .begin_link = pub_begin_link,
    .commit = pub_commit,
    .rollback = pub_rollback,
    .apply = pub_apply,
    .recorded = pub_recorded,
    .record = pub_record,
    .email_count = pub_email_count,
    .link_put = pub_link_put,
    .link_use = pub_link_use,
    .rate_allow = pub_rate_allow,
};
