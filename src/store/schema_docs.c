// SPDX-License-Identifier: GPL-3.0-or-later
/* Core migrations of the documents a guest takes away (issue 13). */
#include "config.h"

#include "store/db_internal.h"

extern const char fd_schema_v20_quantity[];

/* v20: a charge keeps the quantity posted and the price of one unit, for
 * the invoice's columns. Lines posted before this step are one unit of
 * their amount. */
const char fd_schema_v20_quantity[] =
    "ALTER TABLE folio_lines ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1);"
    "ALTER TABLE folio_lines ADD COLUMN unit_price INTEGER NOT NULL DEFAULT 0;"
    "UPDATE folio_lines SET unit_price = amount;";

extern const char fd_schema_v21_mail[];
extern const char fd_schema_v30_mail_link[];

/* v21: what a guest's documents need to know about people and where they
 * go. A guest's language (an ISO 639 code such as "de"; empty: unknown)
 * picks the language of their documents. A booking keeps the reference an
 * imported file gave it (unique: importing the file again finds it). The
 * mail table holds each document sent by e-mail, keyed by the operation
 * that asked for it: on the server it is the outbox the sender works
 * through after the operation commits, on a terminal the desk's view of
 * it (queued, sent, or why not). */
const char fd_schema_v21_mail[] =
    "ALTER TABLE guests ADD COLUMN language TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE bookings ADD COLUMN ext_ref TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX bookings_ext_ref ON bookings(ext_ref) WHERE ext_ref <> '';"
    "CREATE TABLE mail ("
    " id TEXT PRIMARY KEY, booking_id TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('confirmation','invoice')),"
    " recipient TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),"
    " attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL DEFAULT 0,"
    " error TEXT NOT NULL DEFAULT '', message_id TEXT NOT NULL DEFAULT '',"
    " sent_at INTEGER NOT NULL DEFAULT 0, requested_by TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX mail_booking ON mail(booking_id, created_at);"
    "CREATE INDEX mail_due ON mail(state, next_at);";

/* v30: a mail may carry the guest's link to their own booking ("link":
 * the confirmation with a link to the manage page, src/server/public.c).
 * SQLite cannot change a CHECK: the table is copied into a new one. */
const char fd_schema_v30_mail_link[] =
    "CREATE TABLE mail_v30 ("
    " id TEXT PRIMARY KEY, booking_id TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('confirmation','invoice','link')),"
    " recipient TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),"
    " attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL DEFAULT 0,"
    " error TEXT NOT NULL DEFAULT '', message_id TEXT NOT NULL DEFAULT '',"
    " sent_at INTEGER NOT NULL DEFAULT 0, requested_by TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "INSERT INTO mail_v30 (id, booking_id, kind, recipient, state, attempts, next_at, error,"
    " message_id, sent_at, requested_by, created_at, version, updated_at)"
    " SELECT id, booking_id, kind, recipient, state, attempts, next_at, error, message_id, sent_at,"
    " requested_by, created_at, version, updated_at FROM mail;"
    "DROP TABLE mail;"
    "ALTER TABLE mail_v30 RENAME TO mail;"
    "CREATE INDEX mail_booking ON mail(booking_id, created_at);"
    "CREATE INDEX mail_due ON mail(state, next_at);";
