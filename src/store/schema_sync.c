// SPDX-License-Identifier: GPL-3.0-or-later
/* Core migration 4: what a terminal needs to sync (src/sync).
 *
 * - outbox gains the local effect of each operation (a SQLite session
 *   changeset recorded by fd_store_apply), whether that effect is still
 *   overlaid on the server state, and the feed sequence after which the
 *   server's result for it is visible (the overlay is dropped then).
 * - conflicts: the notices the server makes for rejected operations,
 *   replicated from the change feed (the columns of the server's notices).
 * - sync_verifiers: offline sign-in, an Argon2id verifier per staff member
 *   who signed in here online, with when that was.
 * The cursor, epoch, server URL and tokens live in meta. */
#include "config.h"

extern const char fd_schema_v4_sync[];

const char fd_schema_v4_sync[] =
    "ALTER TABLE outbox ADD COLUMN changeset BLOB;"
    "ALTER TABLE outbox ADD COLUMN overlaid INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE outbox ADD COLUMN result_seq INTEGER;"
    "CREATE INDEX outbox_overlaid ON outbox(overlaid, device_seq);"
    "CREATE TABLE conflicts ("
    " id TEXT PRIMARY KEY, op_id TEXT NOT NULL, device TEXT NOT NULL,"
    " actor TEXT NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,"
    " details TEXT NOT NULL DEFAULT '{}', resolved INTEGER NOT NULL DEFAULT 0,"
    " resolved_by TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1,"
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX conflicts_open ON conflicts(resolved, created_at);"
    "CREATE TABLE sync_verifiers ("
    " username TEXT PRIMARY KEY, verifier TEXT NOT NULL, role TEXT NOT NULL,"
    " signed_in_at INTEGER NOT NULL);";

/* Core migration 6: the sync engine may take back a pending folio line.
 * Folio lines are never deleted or rewritten (migration 3's triggers), but
 * the overlay must undo a pending operation's line before it writes the
 * server's state (and a snapshot replaces every line), and SQLite's
 * changeset undo names every column. It marks that in meta for the length
 * of its transaction (sync_replay_begin in src/sync/overlay.c); nothing
 * else ever does, so the rule holds for every other writer, the server's
 * included. */
extern const char fd_schema_v6_sync[];

const char fd_schema_v6_sync[] =
    "DROP TRIGGER folio_lines_no_delete;"
    "DROP TRIGGER folio_lines_fixed;"
    "CREATE TRIGGER folio_lines_no_delete BEFORE DELETE ON folio_lines"
    " WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'sync_replaying')"
    " BEGIN SELECT RAISE(ABORT, 'folio lines are never deleted; void them'); END;"
    "CREATE TRIGGER folio_lines_fixed BEFORE UPDATE OF id, kind, amount, tax, date, voids ON folio_lines"
    " WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'sync_replaying')"
    " BEGIN SELECT RAISE(ABORT, 'folio line amounts never change; void and post again'); END;";
