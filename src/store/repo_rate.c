// SPDX-License-Identifier: GPL-3.0-or-later
/* Rate plans, their nights (prices and restrictions) and each booking's
 * price per night over SQLite: core migration 25 and the rate members of
 * struct fd_repo (core/rate.h has the rules). */
#include "config.h"
#include "store/rates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/op_folio.h"
#include "store/db_internal.h"
#include "store/row.h"

/* v25: rate plans (issue 15). rate_days holds one row per plan, room type
 * and night that has a price or a restriction set; a price not set is
 * NULL. booking_rates keeps a booking's price per night as it was sold
 * (a booking without a plan has none and is priced at its rate). The
 * inclusions' charge codes are made by operations ('plan add --includes
 * breakfast' adds BREAKFAST), never here: a server of an older release
 * would not have them, and a terminal's copy must be the server's. */
extern const char fd_schema_v25_rates[];
const char fd_schema_v25_rates[] =
    "CREATE TABLE rate_plans ("
    " code TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " kind TEXT NOT NULL DEFAULT 'public' CHECK (kind IN ('public','corporate','hidden')),"
    " company TEXT NOT NULL DEFAULT '', room_types TEXT NOT NULL DEFAULT '',"
    " inclusions TEXT NOT NULL DEFAULT '', parent TEXT NOT NULL DEFAULT '',"
    " adjust_bp INTEGER NOT NULL DEFAULT 0, adjust_minor INTEGER NOT NULL DEFAULT 0,"
    " cancel_policy TEXT NOT NULL DEFAULT '', deposit_policy TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE rate_days ("
    " id TEXT PRIMARY KEY, plan TEXT NOT NULL, type_code TEXT NOT NULL, night INTEGER NOT NULL,"
    " price INTEGER CHECK (price >= 0), price1 INTEGER CHECK (price1 >= 0),"
    " price2 INTEGER CHECK (price2 >= 0), price3 INTEGER CHECK (price3 >= 0),"
    " child INTEGER CHECK (child >= 0), extra_bed INTEGER CHECK (extra_bed >= 0),"
    " min_stay INTEGER NOT NULL DEFAULT 0, max_stay INTEGER NOT NULL DEFAULT 0,"
    " min_through INTEGER NOT NULL DEFAULT 0, cta INTEGER NOT NULL DEFAULT 0,"
    " ctd INTEGER NOT NULL DEFAULT 0, stop_sell INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    " UNIQUE (plan, type_code, night));"
    "CREATE TABLE booking_rates ("
    " booking_id TEXT NOT NULL, night INTEGER NOT NULL, plan TEXT NOT NULL DEFAULT '',"
    " amount INTEGER NOT NULL CHECK (amount >= 0), included INTEGER NOT NULL DEFAULT 0,"
    " items TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (booking_id, night));";

#define PLAN_COLS                                                                                            \
	"id, code, name, kind, company, room_types, inclusions, parent, adjust_bp, adjust_minor,"            \
	" cancel_policy, deposit_policy, active, version"

static void read_plan(sqlite3_stmt *s, struct fd_rate_plan *p)
{
	char kind[16], inc[256];
	memset(p, 0, sizeof *p);
	fd_col_text(s, 0, p->id, sizeof p->id);
	fd_col_text(s, 1, p->code, sizeof p->code);
	fd_col_text(s, 2, p->name, sizeof p->name);
	fd_col_text(s, 3, kind, sizeof kind);
	fd_plan_kind_parse(kind, &p->kind);
	fd_col_text(s, 4, p->company, sizeof p->company);
	fd_col_text(s, 5, p->room_types, sizeof p->room_types);
	fd_col_text(s, 6, inc, sizeof inc);
	fd_inclusions_parse(inc, p);
	fd_col_text(s, 7, p->parent, sizeof p->parent);
	p->adjust_bp = sqlite3_column_int(s, 8);
	p->adjust_minor = sqlite3_column_int64(s, 9);
	fd_col_text(s, 10, p->cancel_policy, sizeof p->cancel_policy);
	fd_col_text(s, 11, p->deposit_policy, sizeof p->deposit_policy);
	p->active = sqlite3_column_int(s, 12);
	p->version = sqlite3_column_int64(s, 13);
}

static enum fd_status get_rate_plan(void *ctx, const char *code, struct fd_rate_plan *out,
                                    struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT " PLAN_COLS " FROM rate_plans WHERE code = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, code);
	enum fd_status st = fd_step_one(db, s, err, "reading a rate plan");
	if (st == FD_OK)
		read_plan(s, out);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_rate_plan(void *ctx, const struct fd_rate_plan *p, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "INSERT INTO rate_plans (" PLAN_COLS
	    ", updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	    " kind = excluded.kind, company = excluded.company, room_types = excluded.room_types,"
	    " inclusions = excluded.inclusions, parent = excluded.parent, adjust_bp = excluded.adjust_bp,"
	    " adjust_minor = excluded.adjust_minor, cancel_policy = excluded.cancel_policy,"
	    " deposit_policy = excluded.deposit_policy, active = excluded.active,"
	    " version = excluded.version, updated_at = excluded.updated_at",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	char inc[256];
	fd_inclusions_format(p, inc, sizeof inc);
	fd_bind_text(s, 1, p->id);
	fd_bind_text(s, 2, p->code);
	fd_bind_text(s, 3, p->name);
	fd_bind_text(s, 4, fd_plan_kind_name(p->kind));
	fd_bind_text(s, 5, p->company);
	fd_bind_text(s, 6, p->room_types);
	sqlite3_bind_text(s, 7, inc, -1, SQLITE_TRANSIENT);
	fd_bind_text(s, 8, p->parent);
	sqlite3_bind_int(s, 9, p->adjust_bp);
	sqlite3_bind_int64(s, 10, p->adjust_minor);
	fd_bind_text(s, 11, p->cancel_policy);
	fd_bind_text(s, 12, p->deposit_policy);
	sqlite3_bind_int(s, 13, p->active);
	sqlite3_bind_int64(s, 14, p->version);
	sqlite3_bind_int64(s, 15, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a rate plan");
	return st ? st : fd_db_changed(db, "rate_plan", p->code, err);
}

#define DAY_COLS                                                                                             \
	"plan, type_code, night, price, price1, price2, price3, child, extra_bed, min_stay, max_stay,"       \
	" min_through, cta, ctd, stop_sell, version"

static int64_t col_price(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? FD_RATE_UNSET : sqlite3_column_int64(s, i);
}

static void bind_price(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == FD_RATE_UNSET)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, v);
}

static void read_day(sqlite3_stmt *s, struct fd_rate_day *d)
{
	memset(d, 0, sizeof *d);
	fd_col_text(s, 0, d->plan, sizeof d->plan);
	fd_col_text(s, 1, d->type_code, sizeof d->type_code);
	d->night = sqlite3_column_int(s, 2);
	d->price = col_price(s, 3);
	for (int i = 0; i < 3; i++)
		d->price_n[i] = col_price(s, 4 + i);
	d->child = col_price(s, 7);
	d->extra_bed = col_price(s, 8);
	d->min_stay = sqlite3_column_int(s, 9);
	d->max_stay = sqlite3_column_int(s, 10);
	d->min_through = sqlite3_column_int(s, 11);
	d->cta = sqlite3_column_int(s, 12);
	d->ctd = sqlite3_column_int(s, 13);
	d->stop_sell = sqlite3_column_int(s, 14);
	d->version = sqlite3_column_int64(s, 15);
}

static enum fd_status rate_days(void *ctx, const char *plan, const char *type_code, fd_date from, fd_date to,
                                struct fd_rate_day **out, int *n, struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT " DAY_COLS " FROM rate_days WHERE plan = ?1 AND type_code = ?2"
	                             " AND night >= ?3 AND night < ?4 ORDER BY night",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, plan);
	fd_bind_text(s, 2, type_code);
	sqlite3_bind_int(s, 3, from);
	sqlite3_bind_int(s, 4, to);
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct fd_rate_day *grown = realloc(*out, (size_t)cap * sizeof **out);
			if (!grown) {
				sqlite3_reset(s);
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
			}
			*out = grown;
		}
		read_day(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading prices");
}

/* A night's row id: derived from plan, type and night, so every store
 * names it alike (and it fits the change feed's keys). */
void fd_rate_day_key(const char *plan, const char *type, fd_date night, char out[FD_ID_LEN])
{
	char d[FD_DATE_STRLEN], b[FD_TYPECODE_LEN + FD_DATE_STRLEN + 2];
	snprintf(b, sizeof b, "%s/%s", type, fd_date_format(night, d));
	op_folio_derive_id(plan, b, "rate-day", out);
}

static enum fd_status put_rate_day(void *ctx, const struct fd_rate_day *d, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "INSERT INTO rate_days (id, " DAY_COLS ", updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) ON CONFLICT(id) DO UPDATE SET"
	    " price = excluded.price, price1 = excluded.price1, price2 = excluded.price2,"
	    " price3 = excluded.price3, child = excluded.child, extra_bed = excluded.extra_bed,"
	    " min_stay = excluded.min_stay, max_stay = excluded.max_stay,"
	    " min_through = excluded.min_through, cta = excluded.cta, ctd = excluded.ctd,"
	    " stop_sell = excluded.stop_sell, version = excluded.version, updated_at = excluded.updated_at",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	char key[FD_ID_LEN];
	fd_rate_day_key(d->plan, d->type_code, d->night, key);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	fd_bind_text(s, 2, d->plan);
	fd_bind_text(s, 3, d->type_code);
	sqlite3_bind_int(s, 4, d->night);
	bind_price(s, 5, d->price);
	for (int i = 0; i < 3; i++)
		bind_price(s, 6 + i, d->price_n[i]);
	bind_price(s, 9, d->child);
	bind_price(s, 10, d->extra_bed);
	sqlite3_bind_int(s, 11, d->min_stay);
	sqlite3_bind_int(s, 12, d->max_stay);
	sqlite3_bind_int(s, 13, d->min_through);
	sqlite3_bind_int(s, 14, d->cta);
	sqlite3_bind_int(s, 15, d->ctd);
	sqlite3_bind_int(s, 16, d->stop_sell);
	sqlite3_bind_int64(s, 17, d->version);
	sqlite3_bind_int64(s, 18, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a price");
	return st ? st : fd_db_changed(db, "rate_day", key, err);
}

static enum fd_status booking_nights(void *ctx, const char *booking_id, struct fd_booking_night **out, int *n,
                                     struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT night, plan, amount, included, items FROM booking_rates"
	                             " WHERE booking_id = ?1 ORDER BY night",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, booking_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct fd_booking_night *grown = realloc(*out, (size_t)cap * sizeof **out);
			if (!grown) {
				sqlite3_reset(s);
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
			}
			*out = grown;
		}
		struct fd_booking_night *b = &(*out)[(*n)++];
		memset(b, 0, sizeof *b);
		b->night = sqlite3_column_int(s, 0);
		fd_col_text(s, 1, b->plan, sizeof b->plan);
		b->amount = sqlite3_column_int64(s, 2);
		b->included = sqlite3_column_int64(s, 3);
		fd_col_text(s, 4, b->items, sizeof b->items);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading a booking's prices");
}

enum fd_status fd_booking_rates_clear(struct fd_db *db, const char *booking_id, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "DELETE FROM booking_rates WHERE booking_id = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, booking_id);
	return fd_step_done(db, s, err, "replacing a booking's prices");
}

enum fd_status fd_booking_rate_put(struct fd_db *db, const char *booking_id, const struct fd_booking_night *b,
                                   struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT OR REPLACE INTO booking_rates (booking_id, night, plan, amount,"
	                             " included, items) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, booking_id);
	sqlite3_bind_int(s, 2, b->night);
	fd_bind_text(s, 3, b->plan);
	sqlite3_bind_int64(s, 4, b->amount);
	sqlite3_bind_int64(s, 5, b->included);
	fd_bind_text(s, 6, b->items);
	return fd_step_done(db, s, err, "saving a booking's prices");
}

static enum fd_status put_booking_nights(void *ctx, const char *booking_id,
                                         const struct fd_booking_night *list, int n, struct fd_error *err)
{
	struct fd_db *db = ctx;
	enum fd_status st = fd_booking_rates_clear(db, booking_id, err);
	for (int i = 0; !st && i < n; i++)
		st = fd_booking_rate_put(db, booking_id, &list[i], err);
	return st ? st : fd_db_changed(db, "booking_rate", booking_id, err);
}

enum fd_status fd_query_rate_plans(struct fd_db *db, struct fd_rate_plan **out, int *n, struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s =
	    fd_db_stmt(db, "SELECT " PLAN_COLS " FROM rate_plans ORDER BY parent <> '', code", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct fd_rate_plan *grown = realloc(*out, (size_t)cap * sizeof **out);
			if (!grown) {
				sqlite3_reset(s);
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
			}
			*out = grown;
		}
		read_plan(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing rate plans");
}

void fd_repo_rate_init(struct fd_db *db)
{
	struct fd_repo *r = &db->repo;
	r->get_rate_plan = get_rate_plan;
	r->put_rate_plan = put_rate_plan;
	r->rate_days = rate_days;
	r->put_rate_day = put_rate_day;
	r->booking_nights = booking_nights;
	r->put_booking_nights = put_booking_nights;
}
