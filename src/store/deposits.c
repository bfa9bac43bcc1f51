// SPDX-License-Identifier: GPL-3.0-or-later
/* The deposits-due list's query; see deposits.h. */
#include "config.h"
#include "store/deposits.h"

#include "store/db_internal.h"
#include "store/row.h"

enum fd_status fd_query_reserved_held(struct fd_db *db, fd_date from, fd_deposit_cb cb, void *ctx,
                                      struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT " FD_BOOKING_ROW_COLS ","
	               " (SELECT coalesce(-sum(l.amount), 0) FROM folios f JOIN folio_lines l"
	               "  ON l.folio_id = f.id WHERE f.booking_id = b.id AND f.kind = 'guest'),"
	               " coalesce((SELECT amount FROM booking_rates WHERE booking_id = b.id"
	               "  ORDER BY night LIMIT 1), b.rate),"
	               " coalesce((SELECT sum(amount) FROM booking_rates WHERE booking_id = b.id),"
	               "  b.rate * max(1, b.departure - b.arrival)),"
	               " coalesce((SELECT p.deposit_policy FROM booking_rates r JOIN rate_plans p"
	               "  ON p.code = r.plan WHERE r.booking_id = b.id ORDER BY r.night LIMIT 1), '')"
	               " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	               " WHERE b.status = 'reserved' AND b.arrival >= ?1 ORDER BY b.arrival, b.code",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_booking_row row;
		fd_read_booking_row(s, &row);
		int64_t held = sqlite3_column_int64(s, FD_BOOKING_NCOLS + 4);
		const unsigned char *pol = sqlite3_column_text(s, FD_BOOKING_NCOLS + 7);
		struct fd_deposit_facts f = {.held = held > 0 ? held : 0,
		                             .first = sqlite3_column_int64(s, FD_BOOKING_NCOLS + 5),
		                             .stay = sqlite3_column_int64(s, FD_BOOKING_NCOLS + 6),
		                             .plan_policy = pol ? (const char *)pol : ""};
		if (!cb(ctx, &row, &f)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing deposits due");
}
