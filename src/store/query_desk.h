// SPDX-License-Identifier: GPL-3.0-or-later
/* Queries for the terminal application's panes. Like query.h, every one is
 * bounded (a page of rows, a date window) so a screen never loads a table. */
#ifndef FD_STORE_QUERY_DESK_H
#define FD_STORE_QUERY_DESK_H

#include <stdint.h>

#include "core/op.h"
#include "store/query.h"

/* Which rooms, in which order. */
enum fd_room_order {
	FD_ROOMS_BOARD,        /* floor, then number: the board's rows */
	FD_ROOMS_BY_TYPE,      /* the board grouped by room type (rank), then floor and number */
	FD_ROOMS_HK,           /* departures first, then dirty, pickup, clean, inspected */
	FD_ROOMS_DISCREPANCY,  /* only rooms where housekeeping and front office disagree */
	FD_ROOMS_SUPERVISOR,   /* not yet inspected: late first (arrival today, room not
	                        * ready), then clean rooms awaiting inspection, then the rest */
	FD_ROOMS_HK_ATTENDANT, /* by today's attendant (unassigned last), then as FD_ROOMS_HK */
	FD_ROOMS_HK_SECTION,   /* by section, then floor and number */
};

/* A larger page cache for this connection: the screens re-read the same
 * pages on every key. (The indexes they need are core migration 7.) */
void fd_query_tune_for_screens(struct fd_db *db);

enum fd_status fd_query_room_count(struct fd_db *db, enum fd_room_order order, fd_date today, int *n,
                                   struct fd_error *err);
enum fd_status fd_query_rooms_page(struct fd_db *db, enum fd_room_order order, fd_date today, int offset,
                                   int limit, fd_room_cb cb, void *ctx, struct fd_error *err);
/* Position of a room in board order (FD_ROOMS_BOARD or FD_ROOMS_BY_TYPE),
 * FD_E_NOT_FOUND when there is none. */
enum fd_status fd_query_room_index(struct fd_db *db, enum fd_room_order order, const char *number, int *index,
                                   struct fd_error *err);
/* Position of a room in any room order for the business date today;
 * FD_E_NOT_FOUND when the order's list does not hold it. */
enum fd_status fd_query_room_position(struct fd_db *db, enum fd_room_order order, fd_date today,
                                      const char *number, int *index, struct fd_error *err);
/* Bookings holding a room of the board page [offset, offset+limit) (in
 * order FD_ROOMS_BOARD or FD_ROOMS_BY_TYPE) on a night of [from, to), by
 * room and arrival. A row holds what the board shows: the booking's id,
 * code, room, arrival, departure and status, and guest_name (kept with
 * the booking, core step 43); the rest of the row is zero. */
enum fd_status fd_query_board_page(struct fd_db *db, enum fd_room_order order, fd_date from, fd_date to,
                                   int offset, int limit, fd_booking_cb cb, void *ctx, struct fd_error *err);
/* The same rows by one plain statement over the guard table (what
 * fd_query_board_page answers with when its index path cannot; the tests
 * compare the two). */
enum fd_status fd_query_board_page_plain(struct fd_db *db, enum fd_room_order order, fd_date from, fd_date to,
                                         int offset, int limit, fd_booking_cb cb, void *ctx,
                                         struct fd_error *err);
/* Count of bookings of a list kind (arrivals, departures, in house). */
enum fd_status fd_query_booking_count(struct fd_db *db, enum fd_booking_list kind, fd_date day, int *n,
                                      struct fd_error *err);

struct fd_history_row {
	int64_t at; /* unix seconds */
	char type[40];
	char actor[FD_USER_LEN];
	char device[FD_DEVICE_LEN];
};
typedef bool (*fd_history_cb)(void *ctx, const struct fd_history_row *row);
/* The newest `limit` audit entries of a booking, newest first. */
enum fd_status fd_query_history(struct fd_db *db, const char *entity_id, int limit, fd_history_cb cb,
                                void *ctx, struct fd_error *err);

struct fd_staff_row {
	struct fd_staff s;
	int assigned; /* housekeeping tasks assigned for the day */
	int done;
};
typedef bool (*fd_staff_cb)(void *ctx, const struct fd_staff_row *row);
enum fd_status fd_query_staff_page(struct fd_db *db, fd_date day, int offset, int limit, fd_staff_cb cb,
                                   void *ctx, struct fd_error *err);
enum fd_status fd_query_staff_count(struct fd_db *db, int *n, struct fd_error *err);

/* A number that changes whenever another connection (the command line,
 * the sync thread) commits to the database: PRAGMA data_version. */
enum fd_status fd_query_data_version(struct fd_db *db, int64_t *version, struct fd_error *err);

/* Sync state from the outbox: operations waiting to be sent and refused ones. */
enum fd_status fd_query_outbox(struct fd_db *db, int *pending, int *rejected, struct fd_error *err);
/* *pending: a local change to booking id (its creation or an operation
 * naming it) waits in the outbox, not yet accepted by the server. */
enum fd_status fd_query_booking_pending(struct fd_db *db, const char *booking_id, bool *pending,
                                        struct fd_error *err);

/* The charge codes, space separated ("EXTRABED FB MINIBAR ... ROOM"), room
 * revenue last; cut at whole codes when out is too small. */
enum fd_status fd_query_charge_codes(struct fd_db *db, char *out, size_t size, struct fd_error *err);
/* The names of the company accounts that allow direct billing, ", "
 * between them (src/store/repo_company.c). */
enum fd_status fd_query_direct_bill_accounts(struct fd_db *db, char *out, size_t size, struct fd_error *err);
/* Company accounts whose name holds `typed` (ASCII case aside; every
 * account for ""), those starting with it first, then by name: at most
 * max names into names, how many in *n (src/store/repo_company.c). */
enum fd_status fd_query_company_names(struct fd_db *db, const char *typed, char (*names)[FD_NAME_LEN],
                                      int max, int *n, struct fd_error *err);
/* The name of the company account booking b is made for into out: ""
 * when it has none (or the account is not in this store yet). */
const char *fd_booking_company_name(struct fd_db *db, const struct fd_booking *b, char out[FD_NAME_LEN]);

#endif
