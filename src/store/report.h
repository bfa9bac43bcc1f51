// SPDX-License-Identifier: GPL-3.0-or-later
/* The manager's reports built from the books into a table (folio/table.h),
 * so the command line (`frontdesk report`) and the terminal application's
 * Reports pane print the same figures from one implementation.
 *
 * Definitions (per night d, counted live from the books):
 *   rooms sold    = room-nights held on d by reserved, in-house or
 *                   checked-out bookings (cancellations and no-shows hold none)
 *   room revenue  = the sum of those bookings' nightly rates (what the night
 *                   audit posts as the room charge, VAT included)
 *   rooms         = rooms in the hotel now; out-of-order rooms on d are not
 *                   available unless the setting ooo_available says so
 *   arrivals / departures = bookings arriving / departing on d (not cancelled
 *                   or no-show); cancellations / no-shows by arrival date */
#ifndef FD_STORE_REPORT_H
#define FD_STORE_REPORT_H

#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"
#include "core/table.h"
#include "store/db.h"

/* A report spans at most this many days (bounds the queries and the rows). */
#define FD_REPORT_MAX_RANGE 3700

enum fd_report_kind {
	FD_REPORT_SUMMARY,  /* one row: the totals of the range */
	FD_REPORT_DAILY,    /* one row per night, occupancy as a bar */
	FD_REPORT_FORECAST, /* as daily; the caller picks a range from the business date */
	FD_REPORT_HK,       /* housekeeping tasks done per attendant */
	FD_REPORT_CASHIER,  /* payments per staff member and method: the shift close */
	FD_REPORT_AR,       /* city ledger: what each company account owes, aged at `to` */
	FD_REPORT_KIND_COUNT
};

/* The command-line name ("summary", "hk-productivity", ...). */
const char *fd_report_kind_name(enum fd_report_kind kind);
/* false when name is not a report's name. */
bool fd_report_kind_parse(const char *name, enum fd_report_kind *out);

/* Build report `kind` over the nights from..to (both included) into out,
 * which this initialises; the caller tab_free()s it, also on failure.
 * user (may be NULL or "") limits the cashier report to one staff member.
 * Money columns are in minor units of `currency`. Fails with FD_E_INVALID
 * when to is before from or the range is longer than FD_REPORT_MAX_RANGE. */
enum fd_status fd_report_build(struct fd_db *db, enum fd_report_kind kind, fd_date from, fd_date to,
                               const char *user, const char *currency, struct tab *out, struct fd_error *err);

#endif
