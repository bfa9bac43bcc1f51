// SPDX-License-Identifier: GPL-3.0-or-later
/* The read endpoints' queries on PostgreSQL (query.h): the SQL of the
 * SQLite store's (src/store/query.c) with the property named in every
 * statement, and the rows read by the repository's loaders (repo.c). Text
 * is ordered byte-wise (COLLATE "C"), as SQLite orders it. */
#include "config.h"
#include "pg/query.h"

#include <stdio.h>
#include <string.h>

#include "core/guest.h"
#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

enum fd_status fd_pg_query_room_types(struct fd_pg *pg, fd_room_type_cb cb, void *ctx, struct fd_error *err)
{
	static const char sql[] = "SELECT id, code, name, max_occupancy, base_rate, rank, version"
	                          " FROM room_types WHERE property_id = $1 ORDER BY rank, code COLLATE \"C\"";
	const char *a[] = {pg->property};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 1, a, &r, "listing room types", err);
	if (st)
		return st;
	for (int i = 0; i < PQntuples(r); i++) {
		struct fd_room_type t = {0};
		fd_pg_col_text(r, i, 0, t.id, sizeof t.id);
		fd_pg_col_text(r, i, 1, t.code, sizeof t.code);
		fd_pg_col_text(r, i, 2, t.name, sizeof t.name);
		t.max_occupancy = (int)fd_pg_col_int(r, i, 3);
		t.base_rate = fd_pg_col_int(r, i, 4);
		t.rank = (int)fd_pg_col_int(r, i, 5);
		t.version = fd_pg_col_int(r, i, 6);
		if (!cb(ctx, &t))
			break;
	}
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_query_rooms(struct fd_pg *pg, fd_date today, fd_room_cb cb, void *ctx,
                                 struct fd_error *err)
{
	/* The columns of fd_pg_read_room, then today's state as
	 * fd_query_rooms has it. */
	static const char sql[] =
	    "SELECT " FD_PG_ROOM_COLS ","
	    " (SELECT code FROM bookings b WHERE b.property_id = r.property_id AND b.room = r.number"
	    "   AND b.status = 'checked_in' LIMIT 1),"
	    " EXISTS (SELECT 1 FROM bookings b WHERE b.property_id = r.property_id AND b.room = r.number"
	    "   AND b.status = 'checked_in' AND b.departure <= $2)::int,"
	    " EXISTS (SELECT 1 FROM bookings b WHERE b.property_id = r.property_id AND b.room = r.number"
	    "   AND b.status = 'reserved' AND b.arrival = $2)::int"
	    " FROM rooms r WHERE r.property_id = $1"
	    " ORDER BY r.floor, length(r.number), r.number COLLATE \"C\"";
	char d[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(d, today)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "listing rooms", err);
	if (st)
		return st;
	for (int i = 0; i < PQntuples(r); i++) {
		struct fd_room_row row;
		memset(&row, 0, sizeof row);
		fd_pg_read_room(r, i, &row.r);
		fd_pg_col_text(r, i, 14, row.occupant_code, sizeof row.occupant_code);
		row.due_out = fd_pg_col_int(r, i, 15) != 0;
		row.arrival_today = fd_pg_col_int(r, i, 16) != 0;
		snprintf(row.hk_code, sizeof row.hk_code, "%s",
		         fd_room_hk_code(&row.r, row.occupant_code[0] != '\0', today));
		if (!cb(ctx, &row))
			break;
	}
	PQclear(r);
	return FD_OK;
}

/* Hand the rows of a bookings query (FD_PG_BOOKING_COLS, then the guest's
 * family, given, country and vip) to cb, as fd_read_booking_row reads them
 * on SQLite. */
static void stream_bookings(const PGresult *r, fd_booking_cb cb, void *ctx)
{
	enum { G = FD_PG_BOOKING_NCOLS }; /* the guest's columns follow the booking's */
	for (int i = 0; i < PQntuples(r); i++) {
		struct fd_booking_row row;
		char family[FD_NAME_LEN], given[FD_NAME_LEN];
		memset(&row, 0, sizeof row);
		fd_pg_read_booking(r, i, &row.b);
		fd_pg_col_text(r, i, G, family, sizeof family);
		fd_pg_col_text(r, i, G + 1, given, sizeof given);
		fd_guest_name_join(family, given, row.guest_name, sizeof row.guest_name);
		fd_pg_col_text(r, i, G + 2, row.country, sizeof row.country);
		row.vip = fd_pg_col_int(r, i, G + 3) != 0;
		if (!cb(ctx, &row))
			break;
	}
}

enum fd_status fd_pg_query_bookings(struct fd_pg *pg, const struct fd_booking_filter *f, fd_booking_cb cb,
                                    void *ctx, struct fd_error *err)
{
	if (f->kind != FD_LIST_RANGE)
		return fd_fail(err, FD_E_INVALID, "not_on_postgresql", NULL,
		               "Only a date range of bookings is listed on PostgreSQL yet.");
	/* The page is chosen among the hotel's bookings first (the guest
	 * always exists: a foreign key), then joined to the guests. */
	static const char sql[] =
	    "WITH b AS (SELECT " FD_PG_BOOKING_COLS " FROM bookings WHERE property_id = $1"
	    "  AND arrival < $3 AND departure > $2 ORDER BY arrival, code COLLATE \"C\" LIMIT $4 OFFSET $5)"
	    " SELECT b.*, g.family, g.given, g.country, g.vip FROM b JOIN guests g"
	    "  ON g.property_id = $1 AND g.id = b.guest_id ORDER BY b.arrival, b.code COLLATE \"C\"";
	char from[FD_PG_INT_LEN], to[FD_PG_INT_LEN], lim[FD_PG_INT_LEN], off[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(from, f->from), I(to, f->to),
	                   I(lim, f->limit > 0 ? f->limit : 1000), I(off, f->offset)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 5, a, &r, "listing bookings", err);
	if (st)
		return st;
	stream_bookings(r, cb, ctx);
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_query_booking_code(struct fd_pg *pg, const char *code, fd_booking_cb cb, void *ctx,
                                        struct fd_error *err)
{
	static const char sql[] = "WITH b AS (SELECT " FD_PG_BOOKING_COLS " FROM bookings"
	                          "  WHERE property_id = $1 AND code = $2)"
	                          " SELECT b.*, g.family, g.given, g.country, g.vip FROM b JOIN guests g"
	                          "  ON g.property_id = $1 AND g.id = b.guest_id";
	const char *a[] = {pg->property, code};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "reading a booking", err);
	if (st)
		return st;
	stream_bookings(r, cb, ctx);
	PQclear(r);
	return FD_OK;
}
