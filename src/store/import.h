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
 *    cancelled, no_show), guest ("Family, Given"), country, source, notes,
 *    and reference: the file's own booking reference (another system's
 *    booking number), kept as the booking's external reference. A row
 *    whose reference the hotel already has is that booking, imported
 *    before: it is skipped and counted, so importing a file twice does not
 *    duplicate its bookings. A row without a reference but with a guest
 *    name is known by its guest and stay: the same name, arrival,
 *    departure and room type as a booking the hotel has (as many times as
 *    the hotel has such bookings) is skipped, listed and counted too.
 *    fd_export_bookings writes this layout.
 *
 * What spreadsheets write is read: a UTF-8 byte-order mark, CRLF line
 * ends, and ';' as the separator (the header line tells which, unless the
 * caller says).
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

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

struct fd_import_opts {
	const char *hotel; /* only rows of this hotel (data-set layout), or NULL */
	bool skip_bad;     /* import the good rows, list the bad ones */
	const char *actor; /* for the audit log */
	const char *device;
	FILE *report;   /* where bad rows are listed (stderr) */
	char separator; /* ',' or ';' (or '\t'); 0: told by the header line */
	/* Called while rows are written (every 1,000 and at the end) with the
	 * rows done and the rows to write, or NULL. */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
};

struct fd_import_result {
	long rows; /* data rows read */
	long imported;
	long bad;
	long day_use;     /* day-use rows (zero nights) among those imported */
	long other_hotel; /* rows of other hotels skipped */
	long types_created;
	long existing;  /* rows imported before: their reference is known, or ... */
	long same_stay; /* ... (of those) without a reference, their guest and stay */
};

enum fd_status fd_import_bookings(struct fd_db *db, const char *path, const struct fd_import_opts *opts,
                                  struct fd_import_result *res, struct fd_error *err);

/* Every booking (arriving from..to, or all when from >= to) in the native
 * layout above, with separator (',' when 0), to out. The reference column
 * is the booking's external reference, or its code when it has none. */
enum fd_status fd_export_bookings(struct fd_db *db, FILE *out, fd_date from, fd_date to, char separator,
                                  long *n, struct fd_error *err);

#endif
