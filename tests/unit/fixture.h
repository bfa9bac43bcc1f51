// SPDX-License-Identifier: GPL-3.0-or-later
/* A small hotel for unit tests: business date 2026-11-25, room types STD
 * (rank 0, 2 guests) and DLX (rank 1, 3 guests), rooms 101 102 103 (STD)
 * and 201 (DLX), staff anna (staff), mia (manager), root (admin) and
 * ex (disabled staff). */
#ifndef FD_TESTS_FIXTURE_H
#define FD_TESTS_FIXTURE_H

#include "core/op.h"
#include "store/db.h"

#define FX_TODAY "2026-11-25"

struct fd_db *fx_hotel(void);
/* Apply one operation described as JSON text ("payload" object), as actor
 * (NULL = trusted local owner). Returns the status; res/err may be NULL. */
enum fd_status fx_op(struct fd_db *db, const char *actor, const char *type, const char *payload_json,
                     struct fd_op_result *res, struct fd_error *err);
/* An operation on booking id: payload {"booking": id} and extra, more
 * members as JSON text ("" for none). */
enum fd_status fx_booking_op(struct fd_db *db, const char *actor, const char *type, const char *id,
                             const char *extra, struct fd_op_result *res, struct fd_error *err);
/* Create a guest and a booking (returns the booking id in id_out, code in code_out). */
enum fd_status fx_book(struct fd_db *db, const char *type, const char *arrival, const char *departure,
                       int adults, char *id_out, char *code_out, struct fd_error *err);
/* A digest of every table's content, for "nothing changed" checks. */
char *fx_dump(struct fd_db *db);
fd_date fx_date(const char *s);
/* The integer sql's first row answers first (a count, say); aborts (the
 * test fails) when the statement does not prepare or answers no row. */
int64_t fx_int(struct fd_db *db, const char *sql);
/* The same on a bare SQLite handle: a file a test edits as an older
 * frontdesk would have left it, before the store opens it. */
int64_t fx_raw_int(sqlite3 *h, const char *sql);

#endif
