// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/query.h"
#include "store/row.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/fold.h"

enum fd_status fd_query_room_types(struct fd_db *db, fd_room_type_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT id, code, name, max_occupancy, base_rate, rank, version"
	                             " FROM room_types ORDER BY rank, code",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_room_type t = {0};
		fd_col_text(s, 0, t.id, sizeof t.id);
		fd_col_text(s, 1, t.code, sizeof t.code);
		fd_col_text(s, 2, t.name, sizeof t.name);
		t.max_occupancy = sqlite3_column_int(s, 3);
		t.base_rate = sqlite3_column_int64(s, 4);
		t.rank = sqlite3_column_int(s, 5);
		t.version = sqlite3_column_int64(s, 6);
		if (!cb(ctx, &t)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing room types");
}

enum fd_status fd_query_rooms(struct fd_db *db, fd_date today, fd_room_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "SELECT r.number, r.type_code, r.floor, r.section, r.clean, r.maint, r.maint_reason,"
	    " r.maint_from, r.maint_to, r.dnd, r.mur, r.hk_occupied, r.version, r.id,"
	    " (SELECT code FROM bookings b WHERE b.room = r.number AND b.status = 'checked_in' LIMIT 1),"
	    " EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number AND b.status = 'checked_in'"
	    "   AND b.departure <= ?1),"
	    " EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number AND b.status = 'reserved'"
	    "   AND b.arrival = ?1)"
	    " FROM rooms r ORDER BY r.floor, length(r.number), r.number",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, today);
	return fd_stream_room_rows(db, s, today, cb, ctx, err, "listing rooms");
}

enum fd_status fd_query_bookings(struct fd_db *db, const struct fd_booking_filter *f, fd_booking_cb cb,
                                 void *ctx, struct fd_error *err)
{
	static const char *const sql[] = {
	    [FD_LIST_RANGE] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.arrival < ?2 AND b.departure > ?1"
	        " ORDER BY b.arrival, b.code LIMIT ?3 OFFSET ?4",
	    [FD_LIST_ARRIVALS] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.arrival = ?1 AND b.status = 'reserved' AND ?2 = ?2"
	        " ORDER BY b.eta = '', b.eta, g.family LIMIT ?3 OFFSET ?4",
	    [FD_LIST_DEPARTURES] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.departure <= ?1 AND b.status = 'checked_in' AND ?2 = ?2"
	        " ORDER BY b.room LIMIT ?3 OFFSET ?4",
	    [FD_LIST_INHOUSE] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.status = 'checked_in' AND ?1 = ?1 AND ?2 = ?2"
	        " ORDER BY length(b.room), b.room LIMIT ?3 OFFSET ?4",
	};
	sqlite3_stmt *s = fd_db_stmt(db, sql[f->kind], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, f->from);
	sqlite3_bind_int(s, 2, f->to);
	sqlite3_bind_int(s, 3, f->limit > 0 ? f->limit : 1000);
	sqlite3_bind_int(s, 4, f->offset);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

static bool looks_like_code(const char *t)
{
	if (strlen(t) != FD_CODE_LEN - 1)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

enum fd_status fd_query_find(struct fd_db *db, const char *text, int limit, fd_booking_cb cb, void *ctx,
                             struct fd_error *err)
{
	char key[256], upper[FD_CODE_LEN] = "";
	fd_fold(text, key, sizeof key);
	if (looks_like_code(text))
		for (int i = 0; i < FD_CODE_LEN - 1; i++)
			upper[i] = (char)(text[i] >= 'a' && text[i] <= 'z' ? text[i] - 32 : text[i]);
	/* Trigram search needs three characters; shorter text matches name
	 * starts only. A code or room number matches exactly. */
	int chars = 0;
	for (const char *p = key; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	bool fts = chars >= 3;
	/* Each way of matching is its own indexed lookup, united by rowid: an
	 * OR across the two tables made SQLite scan every booking (about
	 * 0.5 s with 500,000 of them). */
	const char *by_fts =
	    "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	    " WHERE b.rowid IN (SELECT rowid FROM bookings WHERE code = ?2"
	    "  UNION ALL SELECT rowid FROM bookings WHERE room = ?3"
	    "  UNION ALL SELECT bb.rowid FROM guest_search s JOIN guests gg ON gg.rowid = s.rowid"
	    "   JOIN bookings bb ON bb.guest_id = gg.id WHERE guest_search MATCH ?1)"
	    " ORDER BY b.code = ?2 DESC, b.arrival DESC LIMIT ?4";
	const char *by_prefix =
	    "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	    " WHERE b.rowid IN (SELECT rowid FROM bookings WHERE code = ?2"
	    "  UNION ALL SELECT rowid FROM bookings WHERE room = ?3"
	    "  UNION ALL SELECT bb.rowid FROM guests gg JOIN bookings bb ON bb.guest_id = gg.id"
	    "   WHERE gg.search_key LIKE ?1 || '%' OR gg.search_key LIKE '% ' || ?1 || '%')"
	    " ORDER BY b.code = ?2 DESC, b.arrival DESC LIMIT ?4";
	sqlite3_stmt *s = fd_db_stmt(db, fts ? by_fts : by_prefix, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	char match[300];
	if (fts) {
		/* Quote the text as one FTS5 string so no query syntax leaks in. */
		size_t j = 0;
		match[j++] = '"';
		for (const char *p = key; *p && j < sizeof match - 3; p++) {
			if (*p == '"')
				match[j++] = '"';
			match[j++] = *p;
		}
		match[j++] = '"';
		match[j] = '\0';
	}
	sqlite3_bind_text(s, 1, fts ? match : key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, upper, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, limit > 0 ? limit : 50);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

enum fd_status fd_query_board(struct fd_db *db, fd_date from, fd_date to, fd_booking_cb cb, void *ctx,
                              struct fd_error *err)
{
	/* A stay overlaps [from, to) when it holds the night `from` (the guard
	 * table knows) or arrives inside the range (bookings_arrival); both
	 * are index lookups, and the set to check is about one row per stay
	 * instead of one per room-night (1.6x faster with 500,000 bookings
	 * than reading every night of the range). Nights hold a room exactly
	 * when their booking has one, and only stays that hold nights
	 * (reserved, in house, checked out) are on the board. */
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	               " WHERE b.room IS NOT NULL AND b.rowid IN"
	               "  (SELECT bb.rowid FROM stay_nights n JOIN bookings bb ON bb.id = n.booking_id"
	               "   WHERE n.night = ?1"
	               "   UNION ALL SELECT rowid FROM bookings WHERE arrival > ?1 AND arrival < ?2"
	               "   AND status IN ('reserved', 'checked_in', 'checked_out'))"
	               " ORDER BY b.room, b.arrival",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

enum fd_status fd_query_available(struct fd_db *db, const char *type_code, fd_date night, int *free_rooms,
                                  struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	int sold, rooms;
	enum fd_status st = repo->type_sold(repo->ctx, type_code, night, "", &sold, err);
	if (!st)
		st = repo->type_inventory(repo->ctx, type_code, night, &rooms, err);
	*free_rooms = st ? 0 : rooms - sold;
	return st;
}

enum fd_status fd_query_booking(struct fd_db *db, const char *key, struct fd_booking_row *row,
                                struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	memset(row, 0, sizeof *row);
	char upper[FD_ID_LEN];
	snprintf(upper, sizeof upper, "%s", key);
	if (looks_like_code(upper))
		for (char *p = upper; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 32);
	enum fd_status st = repo->get_booking(repo->ctx, upper, &row->b, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(err, FD_E_NOT_FOUND, "booking_not_found", "code", _("No booking \"%s\"."),
		               key);
	if (st)
		return st;
	struct fd_guest g;
	if (repo->get_guest(repo->ctx, row->b.guest_id, &g, err) == FD_OK) {
		if (g.given[0])
			snprintf(row->guest_name, sizeof row->guest_name, "%s, %s", g.family, g.given);
		else
			snprintf(row->guest_name, sizeof row->guest_name, "%s", g.family);
		memcpy(row->country, g.country, sizeof row->country);
		row->vip = g.vip;
	}
	return FD_OK;
}

enum fd_status fd_query_business_date(struct fd_db *db, fd_date *out, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_property p;
	enum fd_status st = repo->get_property(repo->ctx, &p, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(
		    err, FD_E_NOT_FOUND, "no_property", NULL,
		    _("This hotel has not been set up yet; run 'frontdesk init' or 'frontdesk demo'."));
	if (!st)
		*out = p.business_date;
	return st;
}
