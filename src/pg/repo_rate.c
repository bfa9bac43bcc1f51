// SPDX-License-Identifier: GPL-3.0-or-later
/* The rate members of struct fd_repo over PostgreSQL (schema step 15):
 * rate plans, their nights (prices and restrictions) and each booking's
 * price per night, for the current property, with the contract of the
 * SQLite store's (src/store/repo_rate.c). Every write records a change in
 * the property's feed under the entity names the terminals apply
 * (src/sync/apply.c): "rate_plan" by code, "rate_day" by the night's
 * derived id, "booking_rate" (a set) by booking id. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"
#include "pg/query.h"
#include "store/rates.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

/* --- plans --- */

#define PLAN_COLS                                                                                            \
	"id, code, name, kind, company, room_types, inclusions, parent, adjust_bp, adjust_minor,"            \
	" cancel_policy, deposit_policy, active, version"

static void read_plan(const PGresult *r, int row, void *item)
{
	struct fd_rate_plan *p = item;
	char kind[16], inc[256];
	memset(p, 0, sizeof *p);
	fd_pg_col_text(r, row, 0, p->id, sizeof p->id);
	fd_pg_col_text(r, row, 1, p->code, sizeof p->code);
	fd_pg_col_text(r, row, 2, p->name, sizeof p->name);
	fd_pg_col_text(r, row, 3, kind, sizeof kind);
	fd_plan_kind_parse(kind, &p->kind);
	fd_pg_col_text(r, row, 4, p->company, sizeof p->company);
	fd_pg_col_text(r, row, 5, p->room_types, sizeof p->room_types);
	fd_pg_col_text(r, row, 6, inc, sizeof inc);
	fd_inclusions_parse(inc, p);
	fd_pg_col_text(r, row, 7, p->parent, sizeof p->parent);
	p->adjust_bp = (int)fd_pg_col_int(r, row, 8);
	p->adjust_minor = fd_pg_col_int(r, row, 9);
	fd_pg_col_text(r, row, 10, p->cancel_policy, sizeof p->cancel_policy);
	fd_pg_col_text(r, row, 11, p->deposit_policy, sizeof p->deposit_policy);
	p->active = fd_pg_col_int(r, row, 12) != 0;
	p->version = fd_pg_col_int(r, row, 13);
}

static enum fd_status get_rate_plan(void *ctx, const char *code, struct fd_rate_plan *out,
                                    struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " PLAN_COLS " FROM rate_plans WHERE property_id = $1 AND code = $2";
	const char *a[] = {pg->property, code};
	return fd_pg_get(pg, sql, 2, a, "reading a rate plan", read_plan, out, err);
}

static enum fd_status put_rate_plan(void *ctx, const struct fd_rate_plan *p, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO rate_plans (property_id, " PLAN_COLS
	    ", updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
	    " ON CONFLICT (property_id, code) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	    " company = excluded.company, room_types = excluded.room_types, inclusions = excluded.inclusions,"
	    " parent = excluded.parent, adjust_bp = excluded.adjust_bp, adjust_minor = excluded.adjust_minor,"
	    " cancel_policy = excluded.cancel_policy, deposit_policy = excluded.deposit_policy,"
	    " active = excluded.active, version = excluded.version, updated_at = excluded.updated_at";
	char inc[256], bp[FD_PG_INT_LEN], minor[FD_PG_INT_LEN], act[FD_PG_INT_LEN], v[FD_PG_INT_LEN],
	    at[FD_PG_INT_LEN];
	fd_inclusions_format(p, inc, sizeof inc);
	const char *a[] = {pg->property,
	                   p->id,
	                   p->code,
	                   p->name,
	                   fd_plan_kind_name(p->kind),
	                   p->company,
	                   p->room_types,
	                   inc,
	                   p->parent,
	                   I(bp, p->adjust_bp),
	                   I(minor, p->adjust_minor),
	                   p->cancel_policy,
	                   p->deposit_policy,
	                   I(act, p->active ? 1 : 0),
	                   I(v, p->version),
	                   I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 16, a, "saving a rate plan", err);
	return st ? st : fd_pg_record_change(pg, "rate_plan", p->code, NULL, err);
}

/* --- nights --- */

#define DAY_COLS                                                                                             \
	"plan, type_code, night, price, price1, price2, price3, child, extra_bed, min_stay, max_stay,"       \
	" min_through, cta, ctd, stop_sell, version"

static int64_t col_price(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? FD_RATE_UNSET : fd_pg_col_int(r, row, col);
}

/* A price's parameter: NULL when not set. */
static const char *price_param(char buf[FD_PG_INT_LEN], int64_t v)
{
	return v == FD_RATE_UNSET ? NULL : fd_pg_int(buf, v);
}

static void read_day(const PGresult *r, int row, void *item)
{
	struct fd_rate_day *d = item;
	memset(d, 0, sizeof *d);
	fd_pg_col_text(r, row, 0, d->plan, sizeof d->plan);
	fd_pg_col_text(r, row, 1, d->type_code, sizeof d->type_code);
	d->night = (fd_date)fd_pg_col_int(r, row, 2);
	d->price = col_price(r, row, 3);
	for (int i = 0; i < 3; i++)
		d->price_n[i] = col_price(r, row, 4 + i);
	d->child = col_price(r, row, 7);
	d->extra_bed = col_price(r, row, 8);
	d->min_stay = (int)fd_pg_col_int(r, row, 9);
	d->max_stay = (int)fd_pg_col_int(r, row, 10);
	d->min_through = (int)fd_pg_col_int(r, row, 11);
	d->cta = fd_pg_col_int(r, row, 12) != 0;
	d->ctd = fd_pg_col_int(r, row, 13) != 0;
	d->stop_sell = fd_pg_col_int(r, row, 14) != 0;
	d->version = fd_pg_col_int(r, row, 15);
}

static enum fd_status rate_days(void *ctx, const char *plan, const char *type_code, fd_date from, fd_date to,
                                struct fd_rate_day **out, int *n, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT " DAY_COLS " FROM rate_days WHERE property_id = $1 AND plan = $2 AND type_code = $3"
	    " AND night >= $4 AND night < $5 ORDER BY night";
	char f[FD_PG_INT_LEN], t[FD_PG_INT_LEN];
	const char *a[] = {pg->property, plan, type_code, I(f, from), I(t, to)};
	return fd_pg_list(pg, sql, 5, a, "reading prices", read_day, sizeof **out, out, n, err);
}

static enum fd_status put_rate_day(void *ctx, const struct fd_rate_day *d, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO rate_days (property_id, id, " DAY_COLS
	    ", updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
	    " $17, $18, $19) ON CONFLICT (property_id, id) DO UPDATE SET price = excluded.price,"
	    " price1 = excluded.price1, price2 = excluded.price2, price3 = excluded.price3,"
	    " child = excluded.child, extra_bed = excluded.extra_bed, min_stay = excluded.min_stay,"
	    " max_stay = excluded.max_stay, min_through = excluded.min_through, cta = excluded.cta,"
	    " ctd = excluded.ctd, stop_sell = excluded.stop_sell, version = excluded.version,"
	    " updated_at = excluded.updated_at";
	char key[FD_ID_LEN], night[FD_PG_INT_LEN], pr[6][FD_PG_INT_LEN], mn[FD_PG_INT_LEN], mx[FD_PG_INT_LEN],
	    mt[FD_PG_INT_LEN], cta[FD_PG_INT_LEN], ctd[FD_PG_INT_LEN], ss[FD_PG_INT_LEN], v[FD_PG_INT_LEN],
	    at[FD_PG_INT_LEN];
	fd_rate_day_key(d->plan, d->type_code, d->night, key);
	const char *a[] = {pg->property,
	                   key,
	                   d->plan,
	                   d->type_code,
	                   I(night, d->night),
	                   price_param(pr[0], d->price),
	                   price_param(pr[1], d->price_n[0]),
	                   price_param(pr[2], d->price_n[1]),
	                   price_param(pr[3], d->price_n[2]),
	                   price_param(pr[4], d->child),
	                   price_param(pr[5], d->extra_bed),
	                   I(mn, d->min_stay),
	                   I(mx, d->max_stay),
	                   I(mt, d->min_through),
	                   I(cta, d->cta ? 1 : 0),
	                   I(ctd, d->ctd ? 1 : 0),
	                   I(ss, d->stop_sell ? 1 : 0),
	                   I(v, d->version),
	                   I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 19, a, "saving a price", err);
	return st ? st : fd_pg_record_change(pg, "rate_day", key, NULL, err);
}

/* --- a booking's prices per night --- */

static void read_night(const PGresult *r, int row, void *item)
{
	struct fd_booking_night *b = item;
	b->night = (fd_date)fd_pg_col_int(r, row, 0);
	fd_pg_col_text(r, row, 1, b->plan, sizeof b->plan);
	b->amount = fd_pg_col_int(r, row, 2);
	b->included = fd_pg_col_int(r, row, 3);
	fd_pg_col_text(r, row, 4, b->items, sizeof b->items);
}

static enum fd_status booking_nights(void *ctx, const char *booking_id, struct fd_booking_night **out, int *n,
                                     struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT night, plan, amount, included, items FROM booking_rates"
	                          " WHERE property_id = $1 AND booking_id = $2 ORDER BY night";
	const char *a[] = {pg->property, booking_id};
	return fd_pg_list(pg, sql, 2, a, "reading a booking's prices", read_night, sizeof **out, out, n, err);
}

static enum fd_status put_booking_nights(void *ctx, const char *booking_id,
                                         const struct fd_booking_night *list, int n, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	/* The booking's own hotel only: a booking id of another hotel writes
	 * nothing (the composite foreign key refuses its rows). */
	static const char del[] = "DELETE FROM booking_rates WHERE property_id = $1 AND booking_id = $2";
	static const char ins[] =
	    "INSERT INTO booking_rates (property_id, booking_id, night, plan, amount, included, items)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
	const char *d[] = {pg->property, booking_id};
	enum fd_status st = fd_pg_do(pg, del, 2, d, "replacing a booking's prices", err);
	for (int i = 0; !st && i < n; i++) {
		char night[FD_PG_INT_LEN], am[FD_PG_INT_LEN], inc[FD_PG_INT_LEN];
		const char *a[] = {pg->property,
		                   booking_id,
		                   I(night, list[i].night),
		                   list[i].plan,
		                   I(am, list[i].amount),
		                   I(inc, list[i].included),
		                   list[i].items};
		st = fd_pg_do(pg, ins, 7, a, "saving a booking's prices", err);
	}
	return st ? st : fd_pg_record_change(pg, "booking_rate", booking_id, NULL, err);
}

enum fd_status fd_pg_query_rate_plans(struct fd_pg *pg, struct fd_rate_plan **out, int *n,
                                      struct fd_error *err)
{
	static const char sql[] =
	    "SELECT " PLAN_COLS
	    " FROM rate_plans WHERE property_id = $1 ORDER BY parent <> '', code COLLATE \"C\"";
	const char *a[] = {pg->property};
	return fd_pg_list(pg, sql, 1, a, "listing rate plans", read_plan, sizeof **out, out, n, err);
}

void fd_pg_repo_rate_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	r->get_rate_plan = get_rate_plan;
	r->put_rate_plan = put_rate_plan;
	r->rate_days = rate_days;
	r->put_rate_day = put_rate_day;
	r->booking_nights = booking_nights;
	r->put_booking_nights = put_booking_nights;
}
