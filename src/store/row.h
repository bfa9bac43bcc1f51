// SPDX-License-Identifier: GPL-3.0-or-later
/* Helpers the store's SQL files share: reading and binding columns,
 * stepping a statement, and the booking-with-guest row every list uses. */
#ifndef FD_STORE_ROW_H
#define FD_STORE_ROW_H

#include <sqlite3.h>
#include <stddef.h>

#include "store/db.h"
#include "store/query.h"

/* Copy a text column (NULL as "") into out. */
void fd_col_text(sqlite3_stmt *s, int i, char *out, size_t size);
/* Bind borrowed text (must outlive the step); bind_opt binds "" as NULL. */
void fd_bind_text(sqlite3_stmt *s, int i, const char *v);
void fd_bind_opt_text(sqlite3_stmt *s, int i, const char *v);
/* One row or none: FD_OK with a row, FD_E_NOT_FOUND without. */
enum fd_status fd_step_one(struct fd_db *db, sqlite3_stmt *s, struct fd_error *err, const char *what);
/* A statement without results, reset afterwards. */
enum fd_status fd_step_done(struct fd_db *db, sqlite3_stmt *s, struct fd_error *err, const char *what);

/* A booking from the columns FD_BOOKING_COLS names, of "bookings b". */
#define FD_BOOKING_COLS                                                                                      \
	"b.id, b.code, b.guest_id, b.type_code, b.room, b.arrival, b.departure, b.adults,"                   \
	" b.children, b.rate, b.status, b.source, b.notes, b.eta, b.late_checkin, b.version, b.block_id,"    \
	" b.company_id"
/* How many columns FD_BOOKING_COLS names (the row's own come after). */
#define FD_BOOKING_NCOLS 18
void fd_read_booking(sqlite3_stmt *s, struct fd_booking *b);
/* The guest's name as lists show it, "Family, Given" or the family name
 * alone, in SQL: of the guests row g, and of the guest with id (NULL:
 * none, ''). bookings.guest_name holds the second (core step 43). */
#define FD_GUEST_NAME_SQL(g)                                                                                 \
	"CASE WHEN " g ".given <> '' THEN " g ".family || ', ' || " g ".given ELSE " g ".family END"
#define FD_GUEST_NAME_OF_SQL(id)                                                                             \
	"coalesce((SELECT " FD_GUEST_NAME_SQL("g") " FROM guests g WHERE g.id = " id "), '')"
/* A stay the board shows (it holds nights: not cancelled, no-show or day
 * use), of the bookings row t ("" or "b."): the predicate of the index
 * bookings_board, which a query states word for word to read it. Said
 * with <> rather than status IN (three values), which SQLite evaluates
 * through a temporary table it builds at every evaluation: twice for each
 * booking an UPDATE writes, once for each it inserts (core step 55). */
#define FD_BOARD_STAY_SQL(t)                                                                                 \
	t "status <> 'cancelled' AND " t "status <> 'no_show' AND " t "arrival < " t "departure"
/* The columns fd_read_booking_row expects, from "bookings b JOIN guests g". */
#define FD_BOOKING_ROW_COLS FD_BOOKING_COLS ", g.family, g.given, g.country, g.vip"
void fd_read_booking_row(sqlite3_stmt *s, struct fd_booking_row *row);
/* A room with today's state: columns number, type_code, floor, section,
 * clean, maint, maint_reason, maint_from, maint_to, dnd, mur, hk_occupied,
 * version, id, then the in-house booking's code, due-out and arrival-today. */
void fd_read_room_row(sqlite3_stmt *s, fd_date today, struct fd_room_row *row);
/* Step s through its rows (as fd_read_*_row reads them), handing each to cb
 * until it returns false; s is reset. what names the query in a failure. */
enum fd_status fd_stream_booking_rows(struct fd_db *db, sqlite3_stmt *s, fd_booking_cb cb, void *ctx,
                                      struct fd_error *err, const char *what);
enum fd_status fd_stream_room_rows(struct fd_db *db, sqlite3_stmt *s, fd_date today, fd_room_cb cb, void *ctx,
                                   struct fd_error *err, const char *what);

#endif
