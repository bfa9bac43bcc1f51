// SPDX-License-Identifier: GPL-3.0-or-later
/* The folio members of struct fd_repo over PostgreSQL (schema step 11):
 * charge codes, folios, folio lines, and the night audit's lists and
 * closed days, for the current property, with the contract of the SQLite
 * store's (src/store/repo_folio.c). Every write records a change in the
 * property's feed under the entity names the terminals apply
 * (src/sync/apply.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

enum fd_status fd_pg_seed_charge_codes(struct fd_pg *pg, struct fd_error *err)
{
	static const char sql[] =
	    "INSERT INTO charge_codes (property_id, code, name, vat_bp, is_room)"
	    " SELECT $1, c.code, c.name, c.vat_bp, c.is_room FROM (VALUES " FD_PG_CHARGE_CODES
	    ") AS c (code, name, vat_bp, is_room) ON CONFLICT DO NOTHING";
	const char *a[] = {pg->property};
	return fd_pg_do(pg, sql, 1, a, "giving the hotel its charge codes", err);
}

/* --- folios --- */

#define FOLIO_COLS "id, booking_id, kind, name, company, route_room, version"

static void read_folio(const PGresult *r, int row, void *item)
{
	struct fd_folio *f = item;
	char kind[16];
	memset(f, 0, sizeof *f);
	fd_pg_col_text(r, row, 0, f->id, sizeof f->id);
	fd_pg_col_text(r, row, 1, f->booking_id, sizeof f->booking_id);
	fd_pg_col_text(r, row, 2, kind, sizeof kind);
	fd_folio_kind_parse(kind, &f->kind);
	fd_pg_col_text(r, row, 3, f->name, sizeof f->name);
	fd_pg_col_text(r, row, 4, f->company, sizeof f->company);
	f->route_room = (int)fd_pg_col_int(r, row, 5);
	f->version = fd_pg_col_int(r, row, 6);
}

static enum fd_status get_folio(void *ctx, const char *id, struct fd_folio *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " FOLIO_COLS " FROM folios WHERE property_id = $1 AND id = $2";
	const char *a[] = {pg->property, id};
	return fd_pg_get(pg, sql, 2, a, "reading a folio", read_folio, out, err);
}

static enum fd_status put_folio(void *ctx, const struct fd_folio *f, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO folios (property_id, id, booking_id, kind, name, company, route_room, version,"
	    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET"
	    " name = excluded.name, company = excluded.company, route_room = excluded.route_room,"
	    " version = excluded.version, updated_at = excluded.updated_at"
	    " WHERE folios.property_id = excluded.property_id";
	char rr[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,     f->id,      f->booking_id,        fd_folio_kind_name(f->kind),
	                   f->name,          f->company, I(rr, f->route_room), I(v, f->version),
	                   I(at, time(NULL))};
	return fd_pg_upsert(pg, sql, 9, a, "saving a folio", "folio", "Folio", f->id, err);
}

static enum fd_status booking_folios(void *ctx, const char *booking_id, struct fd_folio **out, int *n,
                                     struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT " FOLIO_COLS " FROM folios WHERE property_id = $1 AND booking_id = $2"
	    " ORDER BY snap_key";
	const char *a[] = {pg->property, booking_id};
	return fd_pg_list(pg, sql, 2, a, "listing folios", read_folio, sizeof **out, out, n, err);
}

/* --- lines --- */

#define LINE_COLS                                                                                            \
	"id, folio_id, kind, code, description, amount, tax, date, method, ref, last4,"                      \
	" coalesce(voids, ''), reason, actor, created_at, version, reverses, quantity, unit_price"

static void read_line(const PGresult *r, int row, void *item)
{
	struct fd_folio_line *l = item;
	char kind[16];
	memset(l, 0, sizeof *l);
	fd_pg_col_text(r, row, 0, l->id, sizeof l->id);
	fd_pg_col_text(r, row, 1, l->folio_id, sizeof l->folio_id);
	fd_pg_col_text(r, row, 2, kind, sizeof kind);
	fd_line_kind_parse(kind, &l->kind);
	fd_pg_col_text(r, row, 3, l->code, sizeof l->code);
	fd_pg_col_text(r, row, 4, l->description, sizeof l->description);
	l->amount = fd_pg_col_int(r, row, 5);
	l->tax = fd_pg_col_int(r, row, 6);
	l->date = (fd_date)fd_pg_col_int(r, row, 7);
	fd_pg_col_text(r, row, 8, l->method, sizeof l->method);
	fd_pg_col_text(r, row, 9, l->ref, sizeof l->ref);
	fd_pg_col_text(r, row, 10, l->last4, sizeof l->last4);
	fd_pg_col_text(r, row, 11, l->voids, sizeof l->voids);
	fd_pg_col_text(r, row, 12, l->reason, sizeof l->reason);
	fd_pg_col_text(r, row, 13, l->actor, sizeof l->actor);
	l->created_at = fd_pg_col_int(r, row, 14);
	l->version = fd_pg_col_int(r, row, 15);
	fd_pg_col_text(r, row, 16, l->reverses, sizeof l->reverses);
	l->quantity = (int)fd_pg_col_int(r, row, 17);
	l->unit_price = fd_pg_col_int(r, row, 18);
}

static enum fd_status get_line(void *ctx, const char *id, struct fd_folio_line *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " LINE_COLS " FROM folio_lines WHERE property_id = $1 AND id = $2";
	const char *a[] = {pg->property, id};
	return fd_pg_get(pg, sql, 2, a, "reading a folio line", read_line, out, err);
}

static enum fd_status put_line(void *ctx, const struct fd_folio_line *l, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO folio_lines (property_id, id, folio_id, kind, code, description, amount, tax, date,"
	    " method, ref, last4, voids, reason, actor, created_at, version, updated_at, reverses, quantity,"
	    " unit_price) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
	    " $18, $19, $20, $21) ON CONFLICT (id) DO UPDATE SET folio_id = excluded.folio_id,"
	    " version = excluded.version, updated_at = excluded.updated_at"
	    " WHERE folio_lines.property_id = excluded.property_id";
	char am[FD_PG_INT_LEN], tx[FD_PG_INT_LEN], d[FD_PG_INT_LEN], ca[FD_PG_INT_LEN], v[FD_PG_INT_LEN],
	    at[FD_PG_INT_LEN], q[FD_PG_INT_LEN], up[FD_PG_INT_LEN];
	/* A line posted without a quantity is one unit of its amount. */
	bool unit = l->quantity <= 1;
	const char *a[] = {pg->property,
	                   l->id,
	                   l->folio_id,
	                   fd_line_kind_name(l->kind),
	                   l->code,
	                   l->description,
	                   I(am, l->amount),
	                   I(tx, l->tax),
	                   I(d, l->date),
	                   l->method,
	                   l->ref,
	                   l->last4,
	                   l->voids[0] ? l->voids : NULL,
	                   l->reason,
	                   l->actor,
	                   I(ca, l->created_at),
	                   I(v, l->version),
	                   I(at, time(NULL)),
	                   l->reverses,
	                   I(q, unit ? 1 : l->quantity),
	                   I(up, unit ? l->amount : l->unit_price)};
	return fd_pg_upsert(pg, sql, 21, a, "saving a folio line", "folio_line", "Folio line", l->id, err);
}

static enum fd_status folio_lines(void *ctx, const char *folio_id, struct fd_folio_line **out, int *n,
                                  struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT " LINE_COLS " FROM folio_lines WHERE property_id = $1 AND folio_id = $2"
	    " ORDER BY seq";
	const char *a[] = {pg->property, folio_id};
	return fd_pg_list(pg, sql, 2, a, "listing folio lines", read_line, sizeof **out, out, n, err);
}

/* --- charge codes --- */

static enum fd_status get_charge_code(void *ctx, const char *code, struct fd_charge_code *out,
                                      struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT code, name, vat_bp, is_room, version FROM charge_codes"
	                          " WHERE property_id = $1 AND code = $2";
	const char *a[] = {pg->property, code};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a charge code", err);
	if (st)
		return st;
	memset(out, 0, sizeof *out);
	fd_pg_col_text(r, 0, 0, out->code, sizeof out->code);
	fd_pg_col_text(r, 0, 1, out->name, sizeof out->name);
	out->vat_bp = (int)fd_pg_col_int(r, 0, 2);
	out->is_room = fd_pg_col_int(r, 0, 3);
	out->version = fd_pg_col_int(r, 0, 4);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_charge_code(void *ctx, const struct fd_charge_code *cc, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO charge_codes (property_id, code, name, vat_bp, is_room, version, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (property_id, code) DO UPDATE SET"
	    " name = excluded.name, vat_bp = excluded.vat_bp, is_room = excluded.is_room,"
	    " version = excluded.version, updated_at = excluded.updated_at";
	char vat[FD_PG_INT_LEN], room[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,         cc->code,          cc->name,         I(vat, cc->vat_bp),
	                   I(room, cc->is_room), I(v, cc->version), I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 7, a, "saving a charge code", err);
	return st ? st : fd_pg_record_change(pg, "charge_code", cc->code, NULL, err);
}

/* --- the night audit --- */

/* One query per list: the bookings' own columns (FD_PG_BOOKING_COLS, read
 * by fd_pg_read_booking as get_booking reads them), not a get_booking per
 * booking. */
static enum fd_status audit_bookings(void *ctx, fd_date d, enum fd_audit_list which, struct fd_booking **out,
                                     int *n, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	*out = NULL;
	*n = 0;
	static const char sql_in[] =
	    "SELECT " FD_PG_BOOKING_COLS " FROM bookings WHERE property_id = $1 AND status = 'checked_in'"
	    " AND arrival <= $2 AND departure > $2 ORDER BY snap_key";
	static const char sql_due[] =
	    "SELECT " FD_PG_BOOKING_COLS " FROM bookings WHERE property_id = $1 AND status = 'reserved'"
	    " AND arrival <= $2 ORDER BY snap_key";
	static const char sql_over[] =
	    "SELECT " FD_PG_BOOKING_COLS " FROM bookings WHERE property_id = $1 AND status = 'checked_in'"
	    " AND departure <= $2 ORDER BY snap_key";
	char day[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(day, d)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg,
	                              which == FD_AUDIT_IN_HOUSE ? sql_in
	                              : which == FD_AUDIT_DUE    ? sql_due
	                                                         : sql_over,
	                              2, a, &r, "listing bookings for the night audit", err);
	if (st)
		return st;
	int rows = PQntuples(r);
	if (rows > 0 && !(*out = calloc((size_t)rows, sizeof **out)))
		st = fd_pg_nomem(err);
	for (int i = 0; !st && i < rows; i++)
		fd_pg_read_booking(r, i, &(*out)[i]);
	if (!st)
		*n = rows;
	PQclear(r);
	return st;
}

#define DAY_COLS                                                                                             \
	"date, rooms_total, rooms_ooo, rooms_sold, room_revenue, arrivals, departures,"                      \
	" cancellations, no_shows, closed_by, closed_at"

static enum fd_status get_day_report(void *ctx, fd_date d, struct fd_day_report *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " DAY_COLS " FROM day_reports WHERE property_id = $1 AND date = $2";
	char day[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(day, d)};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a day report", err);
	if (st)
		return st;
	memset(out, 0, sizeof *out);
	out->date = (fd_date)fd_pg_col_int(r, 0, 0);
	int64_t *f[] = {&out->rooms_total, &out->rooms_ooo,  &out->rooms_sold,    &out->room_revenue,
	                &out->arrivals,    &out->departures, &out->cancellations, &out->no_shows};
	for (int i = 0; i < 8; i++)
		*f[i] = fd_pg_col_int(r, 0, i + 1);
	fd_pg_col_text(r, 0, 9, out->closed_by, sizeof out->closed_by);
	out->closed_at = fd_pg_col_int(r, 0, 10);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_day_report(void *ctx, const struct fd_day_report *rep, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "INSERT INTO day_reports (property_id, " DAY_COLS
	                          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
	char f[9][FD_PG_INT_LEN], ca[FD_PG_INT_LEN];
	const int64_t v[] = {rep->date,       rep->rooms_total,   rep->rooms_ooo,
	                     rep->rooms_sold, rep->room_revenue,  rep->arrivals,
	                     rep->departures, rep->cancellations, rep->no_shows};
	const char *a[12];
	a[0] = pg->property;
	for (int i = 0; i < 9; i++)
		a[i + 1] = I(f[i], v[i]);
	a[10] = rep->closed_by;
	a[11] = I(ca, rep->closed_at);
	enum fd_status st = fd_pg_do(pg, sql, 12, a, "saving a day report", err);
	return st ? st : fd_pg_record_change(pg, "day_report", f[0], NULL, err);
}

/* The day's figures as the SQLite store counts them (src/store/repo_folio.c):
 * room revenue is the nightly rate of each room-night sold, or for a night
 * sold on a rate plan its price as sold less its inclusions (step 15). */
static enum fd_status count_day(void *ctx, fd_date d, struct fd_day_report *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM rooms WHERE property_id = $1),"
	    " (SELECT count(*) FROM rooms WHERE property_id = $1 AND maint = 'ooo' AND maint_from <= $2"
	    "  AND maint_to > $2),"
	    " (SELECT count(*) FROM stay_nights WHERE property_id = $1 AND night = $2),"
	    " (SELECT coalesce(sum(coalesce(r.amount - r.included, b.rate)), 0) FROM stay_nights n"
	    "  JOIN bookings b ON b.id = n.booking_id"
	    "  LEFT JOIN booking_rates r ON r.booking_id = n.booking_id AND r.night = n.night"
	    "  WHERE n.property_id = $1 AND n.night = $2),"
	    " (SELECT count(*) FROM bookings WHERE property_id = $1 AND arrival = $2"
	    "  AND status IN ('reserved','checked_in','checked_out')),"
	    " (SELECT count(*) FROM bookings WHERE property_id = $1 AND departure = $2"
	    "  AND status IN ('reserved','checked_in','checked_out')),"
	    " (SELECT count(*) FROM bookings WHERE property_id = $1 AND arrival = $2 AND status = "
	    "'cancelled'),"
	    " (SELECT count(*) FROM bookings WHERE property_id = $1 AND arrival = $2 AND status = 'no_show')";
	char day[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(day, d)};
	PGresult *r;
	memset(out, 0, sizeof *out);
	out->date = d;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "counting the day", err);
	if (st)
		return st;
	int64_t *f[] = {&out->rooms_total, &out->rooms_ooo,  &out->rooms_sold,    &out->room_revenue,
	                &out->arrivals,    &out->departures, &out->cancellations, &out->no_shows};
	for (int i = 0; i < 8; i++)
		*f[i] = fd_pg_col_int(r, 0, i);
	PQclear(r);
	return FD_OK;
}

void fd_pg_repo_folio_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	r->get_folio = get_folio;
	r->put_folio = put_folio;
	r->booking_folios = booking_folios;
	r->get_line = get_line;
	r->put_line = put_line;
	r->folio_lines = folio_lines;
	r->get_charge_code = get_charge_code;
	r->put_charge_code = put_charge_code;
	r->audit_bookings = audit_bookings;
	r->get_day_report = get_day_report;
	r->put_day_report = put_day_report;
	r->count_day = count_day;
}
