// SPDX-License-Identifier: GPL-3.0-or-later
/* CSV import of bookings (libcsv), so a hotel can bring its history in.
 *
 * Two column layouts, told apart by the header (column order is free,
 * unknown columns are ignored):
 *
 * 1. The public "hotel booking demand" data set (Antonio, de Almeida and
 *    Nunes, 2019): hotel, is_canceled, arrival_date_year,
 *    arrival_date_month (English month name), arrival_date_day_of_month,
 *    stays_in_weekend_nights, stays_in_week_nights, adults, children
 *    ("NA" = 0), babies, meal, country, market_segment, reserved_room_type,
 *    assigned_room_type, deposit_type, adr (nightly rate, a decimal in the
 *    property currency), reservation_status (Check-Out, Canceled, No-Show).
 * 2. frontdesk's own: arrival, departure (YYYY-MM-DD), type, adults, and
 *    optionally children, rate (decimal), status (reserved, checked_out,
 *    cancelled, no_show), guest ("Family, Given"), country, source, notes.
 *
 * Each row is one booking (the data set has no booking ids, so identical
 * rows are separate bookings) with a guest record of its own. Past stays
 * are recorded as they happened: status, nights and rate are written
 * straight to the store (a trusted local bulk load, not operations, so no
 * availability or business-date rules are re-checked and nothing is queued
 * for sync); one "booking.import" entry in the audit log records the load.
 * Imported bookings have no room assigned. Room types the hotel lacks are
 * created (rank 0, no rate). A stay of zero nights (a day use) holds no
 * room-night and is skipped and counted, not refused.
 *
 * A bad row is reported as FILE:LINE: reason. By default the file is
 * imported all or nothing; with skip_bad the good rows are imported and the
 * bad ones listed. Everything happens in one transaction. */
#ifndef FD_STORE_IMPORT_H
#define FD_STORE_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"
#include "store/db.h"

struct fd_import_opts {
	const char *hotel; /* only rows of this hotel (data-set layout), or NULL */
	bool skip_bad;     /* import the good rows, list the bad ones */
	const char *actor; /* for the audit log */
	const char *device;
	FILE *report; /* where bad rows are listed (stderr) */
};

struct fd_import_result {
	long rows; /* data rows read */
	long imported;
	long bad;
	long day_use;     /* day-use rows (zero nights) among those imported */
	long other_hotel; /* rows of other hotels skipped */
	long types_created;
};

enum fd_status fd_import_bookings(struct fd_db *db, const char *path, const struct fd_import_opts *opts,
                                  struct fd_import_result *res, struct fd_error *err);

#endif
