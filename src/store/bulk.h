// SPDX-License-Identifier: GPL-3.0-or-later
/* Writing a whole hotel at once (a terminal's snapshot): the data kept by
 * triggers row by row (the guest search index, rooms sold per type and
 * night, rooms per type) is set aside and rebuilt once at the end, in the
 * same transaction. Row by row, every guest made FTS5 write a segment at
 * each statement's end and merge them, and every night an upsert: most of
 * an initial sync's time. The secondary (non-unique) indexes of the big
 * tables are set aside too and built once at the end, before the derived
 * data; the unique ones stay, but for the double-booking guard (the
 * room-night index of stay_nights), built at the end too (see
 * fd_bulk_guard_aside). The
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
/* Whether the room-night guard is set aside (between fd_bulk_begin and
 * fd_bulk_end, unless kept): a writer that would release the nights other
 * bookings hold in a booking's room before writing it (sync's
 * put_booking: the later row wins) leaves that to fd_bulk_end, which
 * builds the guard and, when two bookings hold a room on one night, keeps
 * it for the booking written later (bookings.rowid: the order of writing,
 * each booking written once) and deletes the other's. A booking written
 * twice makes that order unknown: fd_bulk_end then fails FD_E_BUSY
 * "bulk_redo" (only when two bookings clash), and the caller writes the
 * whole again after fd_bulk_keep_guard(db, true). */
bool fd_bulk_guard_aside(struct fd_db *db);
/* keep: the next fd_bulk_begin leaves the guard in place (each night
 * judged as it is written). */
void fd_bulk_keep_guard(struct fd_db *db, bool keep);
/* Forget the kept SQL after a rollback (the triggers and indexes are back). */
void fd_bulk_abandon(struct fd_db *db);

#endif
