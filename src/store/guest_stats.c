// SPDX-License-Identifier: GPL-3.0-or-later
/* A guest's stay statistics; see guest_stats.h. */
#include "config.h"
#include "store/guest_stats.h"

#include <string.h>

#include "store/db_internal.h"

/* Per stay: the nights kept in booking_rates at their price less
 * inclusions, the others at the booking's rate (the KPI reports' rule,
 * store/report.c). */
static const char sql_stats[] =
    "SELECT count(*), coalesce(sum(s.stay), 0), coalesce(sum(s.stay * (s.departure - s.arrival)), 0),"
    " coalesce(sum(s.stay * CASE WHEN s.departure = s.arrival THEN s.rate"
    "  ELSE (s.departure - s.arrival - s.priced) * s.rate + s.priced_sum END), 0)"
    " FROM (SELECT b.arrival, b.departure, b.rate,"
    "  b.status IN ('reserved', 'checked_in', 'checked_out') AS stay,"
    "  (SELECT count(*) FROM booking_rates r WHERE r.booking_id = b.id"
    "   AND r.night >= b.arrival AND r.night < b.departure) AS priced,"
    "  (SELECT coalesce(sum(r.amount - r.included), 0) FROM booking_rates r WHERE r.booking_id = b.id"
    "   AND r.night >= b.arrival AND r.night < b.departure) AS priced_sum"
    "  FROM bookings b WHERE b.guest_id = ?1) s";

enum fd_status fd_query_guest_stats(struct fd_db *db, const char *guest_id, struct fd_guest_stats *out,
                                    struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = fd_db_stmt(db, sql_stats, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, guest_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->bookings = sqlite3_column_int(s, 0);
		out->stays = sqlite3_column_int(s, 1);
		out->nights = sqlite3_column_int(s, 2);
		out->room_revenue = sqlite3_column_int64(s, 3);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading a guest's stays");
}
