// SPDX-License-Identifier: GPL-3.0-or-later
/* The folio members of struct fd_repo over SQLite (schema v3, see
 * src/folio/schema_folio.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/row.h"

#define STMT(db, sql, err)                                                                                   \
	sqlite3_stmt *s = fd_db_stmt((db), (sql), (err));                                                    \
	if (!s)                                                                                              \
	return (err) ? (err)->status : FD_E_IO

static enum fd_status nomem(struct fd_error *err)
{
	return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
}

/* Grow *arr (of elem-sized items) to hold one more; false when out of memory. */
static bool grow(void **arr, int n, int *cap, size_t elem)
{
	if (n < *cap)
		return true;
	int nc = *cap ? *cap * 2 : 16;
	void *p = realloc(*arr, (size_t)nc * elem);
	if (!p)
		return false;
	*arr = p;
	*cap = nc;
	return true;
}

/* --- folios --- */

#define FOLIO_COLS "id, booking_id, kind, name, company, route_room, version"

static void read_folio(sqlite3_stmt *s, struct fd_folio *f)
{
	char kind[16];
	memset(f, 0, sizeof *f);
	fd_col_text(s, 0, f->id, sizeof f->id);
	fd_col_text(s, 1, f->booking_id, sizeof f->booking_id);
	fd_col_text(s, 2, kind, sizeof kind);
	fd_folio_kind_parse(kind, &f->kind);
	fd_col_text(s, 3, f->name, sizeof f->name);
	fd_col_text(s, 4, f->company, sizeof f->company);
	f->route_room = sqlite3_column_int(s, 5);
	f->version = sqlite3_column_int64(s, 6);
}

static enum fd_status get_folio(void *ctx, const char *id, struct fd_folio *out, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT " FOLIO_COLS " FROM folios WHERE id = ?1", err);
	fd_bind_text(s, 1, id);
	enum fd_status st = fd_step_one(db, s, err, "reading a folio");
	if (st == FD_OK)
		read_folio(s, out);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_folio(void *ctx, const struct fd_folio *f, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO folios (id, booking_id, kind, name, company, route_room, version, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO UPDATE SET"
	     " name = excluded.name, company = excluded.company, route_room = excluded.route_room,"
	     " version = excluded.version, updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, f->id);
	fd_bind_text(s, 2, f->booking_id);
	fd_bind_text(s, 3, fd_folio_kind_name(f->kind));
	fd_bind_text(s, 4, f->name);
	fd_bind_text(s, 5, f->company);
	sqlite3_bind_int(s, 6, f->route_room);
	sqlite3_bind_int64(s, 7, f->version);
	sqlite3_bind_int64(s, 8, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a folio");
	return st ? st : fd_db_changed(db, "folio", f->id, err);
}

static enum fd_status booking_folios(void *ctx, const char *booking_id, struct fd_folio **out, int *n,
                                     struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	STMT(db, "SELECT " FOLIO_COLS " FROM folios WHERE booking_id = ?1 ORDER BY rowid", err);
	fd_bind_text(s, 1, booking_id);
	int rc, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!grow((void **)out, *n, &cap, sizeof **out)) {
			sqlite3_reset(s);
			return nomem(err);
		}
		read_folio(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing folios");
}

/* --- lines --- */

#define LINE_COLS                                                                                            \
	"id, folio_id, kind, code, description, amount, tax, date, method, ref, last4,"                      \
	" ifnull(voids, ''), reason, actor, created_at, version, reverses, quantity, unit_price"

static void read_line(sqlite3_stmt *s, struct fd_folio_line *l)
{
	char kind[16];
	memset(l, 0, sizeof *l);
	fd_col_text(s, 0, l->id, sizeof l->id);
	fd_col_text(s, 1, l->folio_id, sizeof l->folio_id);
	fd_col_text(s, 2, kind, sizeof kind);
	fd_line_kind_parse(kind, &l->kind);
	fd_col_text(s, 3, l->code, sizeof l->code);
	fd_col_text(s, 4, l->description, sizeof l->description);
	l->amount = sqlite3_column_int64(s, 5);
	l->tax = sqlite3_column_int64(s, 6);
	l->date = sqlite3_column_int(s, 7);
	fd_col_text(s, 8, l->method, sizeof l->method);
	fd_col_text(s, 9, l->ref, sizeof l->ref);
	fd_col_text(s, 10, l->last4, sizeof l->last4);
	fd_col_text(s, 11, l->voids, sizeof l->voids);
	fd_col_text(s, 12, l->reason, sizeof l->reason);
	fd_col_text(s, 13, l->actor, sizeof l->actor);
	l->created_at = sqlite3_column_int64(s, 14);
	l->version = sqlite3_column_int64(s, 15);
	fd_col_text(s, 16, l->reverses, sizeof l->reverses);
	l->quantity = sqlite3_column_int(s, 17);
	l->unit_price = sqlite3_column_int64(s, 18);
}

static enum fd_status get_line(void *ctx, const char *id, struct fd_folio_line *out, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT " LINE_COLS " FROM folio_lines WHERE id = ?1", err);
	fd_bind_text(s, 1, id);
	enum fd_status st = fd_step_one(db, s, err, "reading a folio line");
	if (st == FD_OK)
		read_line(s, out);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_line(void *ctx, const struct fd_folio_line *l, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO folio_lines (id, folio_id, kind, code, description, amount, tax, date, method,"
	     " ref, last4, voids, reason, actor, created_at, version, updated_at, reverses, quantity, "
	     "unit_price)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
	     "?20)"
	     " ON CONFLICT(id) DO UPDATE SET folio_id = excluded.folio_id,"
	     " version = excluded.version, updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, l->id);
	fd_bind_text(s, 2, l->folio_id);
	fd_bind_text(s, 3, fd_line_kind_name(l->kind));
	fd_bind_text(s, 4, l->code);
	fd_bind_text(s, 5, l->description);
	sqlite3_bind_int64(s, 6, l->amount);
	sqlite3_bind_int64(s, 7, l->tax);
	sqlite3_bind_int(s, 8, l->date);
	fd_bind_text(s, 9, l->method);
	fd_bind_text(s, 10, l->ref);
	fd_bind_text(s, 11, l->last4);
	if (l->voids[0])
		fd_bind_text(s, 12, l->voids);
	else
		sqlite3_bind_null(s, 12);
	fd_bind_text(s, 13, l->reason);
	fd_bind_text(s, 14, l->actor);
	sqlite3_bind_int64(s, 15, l->created_at);
	sqlite3_bind_int64(s, 16, l->version);
	sqlite3_bind_int64(s, 17, (int64_t)time(NULL));
	fd_bind_text(s, 18, l->reverses);
	/* A line posted without a quantity is one unit of its amount. */
	bool one = l->quantity <= 1;
	sqlite3_bind_int(s, 19, one ? 1 : l->quantity);
	sqlite3_bind_int64(s, 20, one ? l->amount : l->unit_price);
	enum fd_status st = fd_step_done(db, s, err, "saving a folio line");
	return st ? st : fd_db_changed(db, "folio_line", l->id, err);
}

static enum fd_status folio_lines(void *ctx, const char *folio_id, struct fd_folio_line **out, int *n,
                                  struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	STMT(db, "SELECT " LINE_COLS " FROM folio_lines WHERE folio_id = ?1 ORDER BY seq", err);
	fd_bind_text(s, 1, folio_id);
	int rc, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!grow((void **)out, *n, &cap, sizeof **out)) {
			sqlite3_reset(s);
			return nomem(err);
		}
		read_line(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing folio lines");
}

/* --- charge codes and settings --- */

static enum fd_status get_charge_code(void *ctx, const char *code, struct fd_charge_code *out,
                                      struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT code, name, vat_bp, is_room, version FROM charge_codes WHERE code = ?1", err);
	fd_bind_text(s, 1, code);
	enum fd_status st = fd_step_one(db, s, err, "reading a charge code");
	if (st == FD_OK) {
		memset(out, 0, sizeof *out);
		fd_col_text(s, 0, out->code, sizeof out->code);
		fd_col_text(s, 1, out->name, sizeof out->name);
		out->vat_bp = sqlite3_column_int(s, 2);
		out->is_room = sqlite3_column_int(s, 3);
		out->version = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_charge_code(void *ctx, const struct fd_charge_code *cc, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO charge_codes (code, name, vat_bp, is_room, version, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	     " vat_bp = excluded.vat_bp, is_room = excluded.is_room, version = excluded.version,"
	     " updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, cc->code);
	fd_bind_text(s, 2, cc->name);
	sqlite3_bind_int(s, 3, cc->vat_bp);
	sqlite3_bind_int(s, 4, cc->is_room);
	sqlite3_bind_int64(s, 5, cc->version);
	sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a charge code");
	return st ? st : fd_db_changed(db, "charge_code", cc->code, err);
}

static enum fd_status get_setting(void *ctx, const char *key, char *out, size_t size, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT value FROM folio_settings WHERE key = ?1", err);
	fd_bind_text(s, 1, key);
	enum fd_status st = fd_step_one(db, s, err, "reading a setting");
	if (st == FD_OK)
		fd_col_text(s, 0, out, size);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_setting(void *ctx, const char *key, const char *value, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO folio_settings (key, value) VALUES (?1, ?2)"
	     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	     err);
	fd_bind_text(s, 1, key);
	fd_bind_text(s, 2, value);
	enum fd_status st = fd_step_done(db, s, err, "saving a setting");
	return st ? st : fd_db_changed(db, "setting", key, err);
}

/* --- night audit --- */

static enum fd_status audit_bookings(void *ctx, fd_date d, enum fd_audit_list which, struct fd_booking **out,
                                     int *n, struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	static const char sql_in[] = "SELECT id FROM bookings WHERE status = 'checked_in'"
	                             " AND arrival <= ?1 AND departure > ?1 ORDER BY rowid";
	static const char sql_due[] =
	    "SELECT id FROM bookings WHERE status = 'reserved' AND arrival <= ?1 ORDER BY rowid";
	static const char sql_over[] =
	    "SELECT id FROM bookings WHERE status = 'checked_in' AND departure <= ?1"
	    " ORDER BY rowid";
	STMT(db, which == FD_AUDIT_IN_HOUSE ? sql_in : which == FD_AUDIT_DUE ? sql_due : sql_over, err);
	sqlite3_bind_int(s, 1, d);
	/* Collect ids first: reading each booking uses another statement. */
	char(*ids)[FD_ID_LEN] = NULL;
	int rc, cap = 0, k = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!grow((void **)&ids, k, &cap, sizeof *ids)) {
			sqlite3_reset(s);
			free(ids);
			return nomem(err);
		}
		fd_col_text(s, 0, ids[k++], FD_ID_LEN);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		return fd_db_fail(db, err, "listing bookings for the night audit");
	}
	enum fd_status st = FD_OK;
	if (k > 0 && !(*out = calloc((size_t)k, sizeof **out)))
		st = nomem(err);
	for (int i = 0; !st && i < k; i++)
		if (!(st = db->repo.get_booking(db, ids[i], &(*out)[i], err)))
			(*n)++;
	free(ids);
	return st;
}

#define DAY_COLS                                                                                             \
	"date, rooms_total, rooms_ooo, rooms_sold, room_revenue, arrivals, departures,"                      \
	" cancellations, no_shows, closed_by, closed_at"

static enum fd_status get_day_report(void *ctx, fd_date d, struct fd_day_report *r, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT " DAY_COLS " FROM day_reports WHERE date = ?1", err);
	sqlite3_bind_int(s, 1, d);
	enum fd_status st = fd_step_one(db, s, err, "reading a day report");
	if (st == FD_OK) {
		memset(r, 0, sizeof *r);
		r->date = sqlite3_column_int(s, 0);
		int64_t *f[] = {&r->rooms_total, &r->rooms_ooo,  &r->rooms_sold,    &r->room_revenue,
		                &r->arrivals,    &r->departures, &r->cancellations, &r->no_shows};
		for (int i = 0; i < 8; i++)
			*f[i] = sqlite3_column_int64(s, i + 1);
		fd_col_text(s, 9, r->closed_by, sizeof r->closed_by);
		r->closed_at = sqlite3_column_int64(s, 10);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_day_report(void *ctx, const struct fd_day_report *r, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO day_reports (" DAY_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	     err);
	sqlite3_bind_int(s, 1, r->date);
	const int64_t f[] = {r->rooms_total, r->rooms_ooo,  r->rooms_sold,    r->room_revenue,
	                     r->arrivals,    r->departures, r->cancellations, r->no_shows};
	for (int i = 0; i < 8; i++)
		sqlite3_bind_int64(s, i + 2, f[i]);
	fd_bind_text(s, 10, r->closed_by);
	sqlite3_bind_int64(s, 11, r->closed_at);
	enum fd_status st = fd_step_done(db, s, err, "saving a day report");
	char key[16];
	snprintf(key, sizeof key, "%d", (int)r->date);
	return st ? st : fd_db_changed(db, "day_report", key, err);
}

static enum fd_status count_one(struct fd_db *db, const char *sql, fd_date d, int64_t *out,
                                struct fd_error *err)
{
	STMT(db, sql, err);
	sqlite3_bind_int(s, 1, d);
	enum fd_status st = fd_step_one(db, s, err, "counting the day");
	*out = st == FD_OK ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

/* Room revenue is the nightly rate of each room-night sold (what the night
 * audit posts as the room charge); see src/folio/report.h. A night sold on
 * a rate plan counts its price as sold less its inclusions (breakfast is
 * not room revenue). The rate comes from bookings_rate (core step 44), named
 * because on a small hotel the planner would rather read the booking's row
 * through its primary key, the read that index exists to spare. */
static const char sql_rooms[] = "SELECT count(*) FROM rooms";
static const char sql_ooo[] =
    "SELECT count(*) FROM rooms WHERE maint = 'ooo' AND maint_from <= ?1 AND maint_to > ?1";
static const char sql_sold[] = "SELECT count(*) FROM stay_nights WHERE night = ?1";
static const char sql_revenue[] =
    "SELECT ifnull(sum(ifnull(r.amount - r.included, b.rate)), 0) FROM stay_nights n"
    " JOIN bookings b INDEXED BY bookings_rate ON b.id = n.booking_id"
    " LEFT JOIN booking_rates r ON r.booking_id = n.booking_id AND r.night = n.night"
    " WHERE n.night = ?1";
static const char sql_arrivals[] = "SELECT count(*) FROM bookings WHERE arrival = ?1"
                                   " AND status IN ('reserved','checked_in','checked_out')";
static const char sql_departures[] = "SELECT count(*) FROM bookings WHERE departure = ?1"
                                     " AND status IN ('reserved','checked_in','checked_out')";
static const char sql_cancel[] = "SELECT count(*) FROM bookings WHERE arrival = ?1 AND status = 'cancelled'";
static const char sql_noshow[] = "SELECT count(*) FROM bookings WHERE arrival = ?1 AND status = 'no_show'";

static enum fd_status count_day(void *ctx, fd_date d, struct fd_day_report *r, struct fd_error *err)
{
	struct fd_db *db = ctx;
	memset(r, 0, sizeof *r);
	r->date = d;
	const char *sql[] = {sql_rooms,    sql_ooo,        sql_sold,   sql_revenue,
	                     sql_arrivals, sql_departures, sql_cancel, sql_noshow};
	int64_t *f[] = {&r->rooms_total, &r->rooms_ooo,  &r->rooms_sold,    &r->room_revenue,
	                &r->arrivals,    &r->departures, &r->cancellations, &r->no_shows};
	for (int i = 0; i < 8; i++) {
		enum fd_status st = count_one(db, sql[i], d, f[i], err);
		if (st)
			return st;
	}
	return FD_OK;
}

/* --- room blocks --- */

static enum fd_status get_block(void *ctx, const char *room, const char *uid, struct fd_room_block *out,
                                struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT room, uid, start, end, summary, source, version FROM room_blocks WHERE room = ?1 AND "
	     "uid = ?2",
	     err);
	fd_bind_text(s, 1, room);
	fd_bind_text(s, 2, uid);
	enum fd_status st = fd_step_one(db, s, err, "reading a room block");
	if (st == FD_OK) {
		memset(out, 0, sizeof *out);
		fd_col_text(s, 0, out->room, sizeof out->room);
		fd_col_text(s, 1, out->uid, sizeof out->uid);
		out->start = sqlite3_column_int(s, 2);
		out->end = sqlite3_column_int(s, 3);
		fd_col_text(s, 4, out->summary, sizeof out->summary);
		fd_col_text(s, 5, out->source, sizeof out->source);
		out->version = sqlite3_column_int64(s, 6);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_block(void *ctx, const struct fd_room_block *b, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO room_blocks (room, uid, start, end, summary, source, version, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(room, uid) DO UPDATE SET"
	     " start = excluded.start, end = excluded.end, summary = excluded.summary,"
	     " source = excluded.source, version = excluded.version, updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, b->room);
	fd_bind_text(s, 2, b->uid);
	sqlite3_bind_int(s, 3, b->start);
	sqlite3_bind_int(s, 4, b->end);
	fd_bind_text(s, 5, b->summary);
	fd_bind_text(s, 6, b->source);
	sqlite3_bind_int64(s, 7, b->version);
	sqlite3_bind_int64(s, 8, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a room block");
	return st ? st : fd_db_changed(db, "room_block", b->room, err);
}

static enum fd_status del_block(void *ctx, const char *room, const char *uid, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "DELETE FROM room_blocks WHERE room = ?1 AND uid = ?2", err);
	fd_bind_text(s, 1, room);
	fd_bind_text(s, 2, uid);
	enum fd_status st = fd_step_done(db, s, err, "removing a room block");
	return st ? st : fd_db_changed(db, "room_block", room, err);
}

void fd_repo_folio_init(struct fd_db *db)
{
	struct fd_repo *r = &db->repo;
	r->get_folio = get_folio;
	r->put_folio = put_folio;
	r->booking_folios = booking_folios;
	r->get_line = get_line;
	r->put_line = put_line;
	r->folio_lines = folio_lines;
	r->get_charge_code = get_charge_code;
	r->put_charge_code = put_charge_code;
	r->get_setting = get_setting;
	r->put_setting = put_setting;
	r->audit_bookings = audit_bookings;
	r->get_day_report = get_day_report;
	r->put_day_report = put_day_report;
	r->count_day = count_day;
	r->get_block = get_block;
	r->put_block = put_block;
	r->del_block = del_block;
	fd_repo_company_init(db);
	fd_repo_rate_init(db);
}
