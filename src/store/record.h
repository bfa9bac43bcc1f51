// SPDX-License-Identifier: GPL-3.0-or-later
/* Recording one operation's effect on the hotel tables as a SQLite
 * changeset (the session extension's format: sqlite3changeset_invert and
 * sqlite3changeset_apply read it), with one recorder per connection.
 *
 * The session extension made a new sqlite3_session per operation, which
 * read every touched table's columns again (PRAGMA table_info) and prepared
 * a SELECT for it, twice per operation: 430,000 of the 885,000
 * instructions an offline room status change cost. The recorder keeps each
 * table's columns and its SELECT for the life of the connection (read
 * again when the schema changes) and gives the same changesets: the
 * first value a row had in the operation, compared with what the row holds
 * at the end (so a savepoint rolled back inside the operation leaves no
 * trace, as with a session). */
#ifndef FD_STORE_RECORD_H
#define FD_STORE_RECORD_H

#include "store/db.h"

/* Start recording on db's connection (inside the caller's transaction).
 * Only one recording at a time; no sqlite3_session may be open on the
 * connection meanwhile (both use the preupdate hook). */
enum fd_status fd_record_begin(struct fd_db *db, struct fd_error *err);

/* Stop recording and give the changeset of everything recorded since
 * fd_record_begin (*cs sqlite3_malloc'd, caller frees with sqlite3_free;
 * NULL and 0 when nothing changed). */
enum fd_status fd_record_end(struct fd_db *db, void **cs, int *n_cs, struct fd_error *err);

/* Stop recording and forget what was recorded. */
void fd_record_abandon(struct fd_db *db);

/* The connection's recorder and its statements (fd_db_close). */
void fd_record_free(struct fd_db *db);

#endif
