/* Queries for the terminal application's panes. Like query.h, every one is
 * bounded (a page of rows, a date window) so a screen never loads a table. */
#ifndef FD_STORE_QUERY_UI_H
#define FD_STORE_QUERY_UI_H

#include <stdint.h>

#include "store/query.h"

/* Which rooms, in which order. */
enum ui_room_order {
	UI_ROOMS_BOARD,       /* floor, then number: the board's rows */
	UI_ROOMS_BY_TYPE,     /* the board grouped by room type (rank), then floor and number */
	UI_ROOMS_HK,          /* departures first, then dirty, pickup, clean, inspected */
	UI_ROOMS_DISCREPANCY, /* only rooms where housekeeping and front office disagree */
	UI_ROOMS_SUPERVISOR,  /* not yet inspected: late first (arrival today, room not
			       * ready), then clean rooms awaiting inspection, then the rest */
};

/* The indexes these queries rely on (a "ui" migration chain of its own:
 * bookings by room and by status), created on first use. */
enum fd_status ui_query_prepare(struct fd_db *db, struct fd_error *err);

enum fd_status ui_query_room_count(struct fd_db *db, enum ui_room_order order, fd_date today, int *n,
				   struct fd_error *err);
enum fd_status ui_query_rooms_page(struct fd_db *db, enum ui_room_order order, fd_date today, int offset,
				   int limit, fd_room_cb cb, void *ctx, struct fd_error *err);
/* Position of a room in board order (UI_ROOMS_BOARD or UI_ROOMS_BY_TYPE),
 * FD_E_NOT_FOUND when there is none. */
enum fd_status ui_query_room_index(struct fd_db *db, enum ui_room_order order, const char *number, int *index,
				   struct fd_error *err);
/* Bookings holding a room of the board page [offset, offset+limit) (in
 * order UI_ROOMS_BOARD or UI_ROOMS_BY_TYPE) on a night of [from, to). */
enum fd_status ui_query_board_page(struct fd_db *db, enum ui_room_order order, fd_date from, fd_date to,
				   int offset, int limit, fd_booking_cb cb, void *ctx, struct fd_error *err);
/* Count of bookings of a list kind (arrivals, departures, in house). */
enum fd_status ui_query_booking_count(struct fd_db *db, enum fd_booking_list kind, fd_date day, int *n,
				      struct fd_error *err);

struct ui_history_row {
	int64_t at; /* unix seconds */
	char type[40];
	char actor[FD_USER_LEN];
};
typedef bool (*ui_history_cb)(void *ctx, const struct ui_history_row *row);
/* The newest `limit` audit entries of a booking, newest first. */
enum fd_status ui_query_history(struct fd_db *db, const char *entity_id, int limit, ui_history_cb cb, void *ctx,
				struct fd_error *err);

struct ui_staff_row {
	struct fd_staff s;
	int assigned; /* housekeeping tasks assigned for the day */
	int done;
};
typedef bool (*ui_staff_cb)(void *ctx, const struct ui_staff_row *row);
enum fd_status ui_query_staff_page(struct fd_db *db, fd_date day, int offset, int limit, ui_staff_cb cb,
				   void *ctx, struct fd_error *err);
enum fd_status ui_query_staff_count(struct fd_db *db, int *n, struct fd_error *err);

/* fd_query_find for any text: fd_query_find's trigram index needs three
 * characters but decides by bytes, so one or two CJK characters (three
 * bytes each) find nothing there; short text is matched here by name start
 * (folded), code or room instead. */
enum fd_status ui_query_find(struct fd_db *db, const char *text, int limit, fd_booking_cb cb, void *ctx,
			     struct fd_error *err);

/* A number that changes whenever another connection (the command line,
 * the sync thread) commits to the database: PRAGMA data_version. */
enum fd_status ui_query_data_version(struct fd_db *db, int64_t *version, struct fd_error *err);

/* Sync state from the outbox: operations waiting to be sent and refused ones. */
enum fd_status ui_query_outbox(struct fd_db *db, int *pending, int *rejected, struct fd_error *err);

/* The charge codes, space separated ("EXTRABED FB MINIBAR ... ROOM"), room
 * revenue last; cut at whole codes when out is too small. */
enum fd_status ui_query_charge_codes(struct fd_db *db, char *out, size_t size, struct fd_error *err);

#endif
