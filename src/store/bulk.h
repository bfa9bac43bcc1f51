// SPDX-License-Identifier: GPL-3.0-or-later
/* Writing a whole hotel at once (a terminal's snapshot): the data kept by
 * triggers row by row (the guest search index, rooms sold per type and
 * night, rooms per type) is set aside and rebuilt once at the end, in the
 * same transaction. Row by row, every guest made FTS5 write a segment at
 * each statement's end and merge them, and every night an upsert: most of
 * an initial sync's time. The secondary (non-unique) indexes of the big
 * tables are set aside too and built once at the end, before the derived
 * data; the unique ones (the double-booking guard among them) stay. The
 * CHECK constraints are off while the rows go in and judged once per table
 * at the end: a row that breaks one fails fd_bulk_end ("check_failed"). */
#ifndef FD_STORE_BULK_H
#define FD_STORE_BULK_H

#include "store/db.h"

/* Inside the caller's transaction: drop the triggers that keep derived
 * data and the big tables' secondary indexes (their SQL is kept with db). Pair with fd_bulk_end in the same
 * transaction; a rollback brings the triggers back by itself. */
enum fd_status fd_bulk_begin(struct fd_db *db, struct fd_error *err);
/* Build the indexes again, rebuild the derived data from the rows now
 * present and put the triggers back. A no-op without a fd_bulk_begin. */
enum fd_status fd_bulk_end(struct fd_db *db, struct fd_error *err);
/* Before a booking is written (put_booking): while the triggers are
 * aside, the bookings already there are counted at the first, so that
 * fd_bulk_end rewrites the guest names kept with the bookings only when
 * one can have gone stale (most of a first sync's end went to checking
 * every booking's). A no-op outside fd_bulk_begin .. fd_bulk_end. */
enum fd_status fd_bulk_booking_put(struct fd_db *db, struct fd_error *err);
/* Forget the kept SQL after a rollback (the triggers and indexes are back). */
void fd_bulk_abandon(struct fd_db *db);

#endif
