// SPDX-License-Identifier: GPL-3.0-or-later
/* The core schema as numbered migrations. Never edit a released step: add a
 * new one. Dates are day numbers (see core/date.h), money minor units. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/audit.h"
#include "store/fold.h"
#include "store/schema_rebuild.h"

static const char schema_v1[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE property ("
    " id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL,"
    " timezone TEXT NOT NULL, business_date INTEGER NOT NULL,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    " singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1));"
    "CREATE TABLE room_types ("
    " code TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " max_occupancy INTEGER NOT NULL CHECK (max_occupancy > 0),"
    " base_rate INTEGER NOT NULL CHECK (base_rate >= 0), rank INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE rooms ("
    " number TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " type_code TEXT NOT NULL REFERENCES room_types(code),"
    " floor INTEGER NOT NULL, section TEXT NOT NULL DEFAULT '',"
    " clean TEXT NOT NULL CHECK (clean IN ('dirty','pickup','clean','inspected')),"
    " maint TEXT NOT NULL CHECK (maint IN ('none','oos','ooo')),"
    " maint_reason TEXT NOT NULL DEFAULT '', maint_from INTEGER, maint_to INTEGER,"
    " dnd INTEGER NOT NULL DEFAULT 0, mur INTEGER NOT NULL DEFAULT 0,"
    " hk_occupied INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX rooms_type ON rooms(type_code);"
    "CREATE TABLE guests ("
    " rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " family TEXT NOT NULL DEFAULT '', given TEXT NOT NULL DEFAULT '',"
    " email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
    " country TEXT NOT NULL DEFAULT '', document TEXT NOT NULL DEFAULT '',"
    " notes TEXT NOT NULL DEFAULT '', vip INTEGER NOT NULL DEFAULT 0,"
    " erased INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE bookings ("
    " rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE,"
    " guest_id TEXT NOT NULL REFERENCES guests(id),"
    " type_code TEXT NOT NULL REFERENCES room_types(code),"
    " room TEXT REFERENCES rooms(number),"
    " arrival INTEGER NOT NULL, departure INTEGER NOT NULL CHECK (departure > arrival),"
    " adults INTEGER NOT NULL, children INTEGER NOT NULL DEFAULT 0,"
    " rate INTEGER NOT NULL CHECK (rate >= 0),"
    " status TEXT NOT NULL CHECK (status IN ('reserved','checked_in','checked_out','cancelled','no_show')),"
    " source TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', eta TEXT NOT NULL DEFAULT '',"
    " late_checkin INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX bookings_arrival ON bookings(arrival);"
    "CREATE INDEX bookings_departure ON bookings(departure);"
    "CREATE INDEX bookings_guest ON bookings(guest_id);"
    "CREATE INDEX bookings_room ON bookings(room);"
    /* The double-booking guard: one row per night an active booking holds;
     * at most one row per (room, night). NULL rooms (unassigned bookings)
     * are distinct for the unique index and still count for availability. */
    "CREATE TABLE stay_nights ("
    " booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,"
    " night INTEGER NOT NULL, type_code TEXT NOT NULL, room TEXT REFERENCES rooms(number),"
    " PRIMARY KEY (booking_id, night)) WITHOUT ROWID;"
    "CREATE UNIQUE INDEX stay_nights_room_night ON stay_nights(room, night);"
    "CREATE INDEX stay_nights_type_night ON stay_nights(type_code, night);"
    "CREATE INDEX stay_nights_night ON stay_nights(night, booking_id);"
    "CREATE TABLE staff ("
    " username TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('guest','staff','manager','admin')),"
    " dept TEXT NOT NULL, section TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1, on_shift INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE hk_tasks ("
    " id TEXT PRIMARY KEY, room TEXT NOT NULL REFERENCES rooms(number),"
    " date INTEGER NOT NULL, kind TEXT NOT NULL, attendant TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX hk_tasks_date ON hk_tasks(date, room);"
    /* Append-only record of every applied operation. */
    "CREATE TABLE audit_log ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL, device TEXT NOT NULL,"
    " actor TEXT NOT NULL, type TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,"
    " payload TEXT NOT NULL, created_at INTEGER NOT NULL, applied_at INTEGER NOT NULL);"
    "CREATE INDEX audit_entity ON audit_log(entity, entity_id);"
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    /* Operations made here and not yet settled by the server. */
    "CREATE TABLE outbox ("
    " device_seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
    " actor TEXT NOT NULL, created_at INTEGER NOT NULL, payload TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','applied','rejected')),"
    " result TEXT);";

/* v2: case- and accent-insensitive guest search. The folded key is written
 * by the store (utf8proc); FTS5's trigram index finds any part of it. */
static const char schema_v2[] = "ALTER TABLE guests ADD COLUMN search_key TEXT NOT NULL DEFAULT '';"
                                "CREATE VIRTUAL TABLE guest_search USING fts5("
                                " search_key, content='guests', content_rowid='rowid', tokenize='trigram');";

/* Created after the existing rows are indexed: an external-content FTS
 * table must never be told to delete a row it does not hold. */
static const char schema_v2_triggers[] =
    "INSERT INTO guest_search(guest_search) VALUES ('rebuild');"
    "CREATE TRIGGER guests_ai AFTER INSERT ON guests BEGIN"
    " INSERT INTO guest_search(rowid, search_key) VALUES (new.rowid, new.search_key); END;"
    "CREATE TRIGGER guests_ad AFTER DELETE ON guests BEGIN"
    " INSERT INTO guest_search(guest_search, rowid, search_key) VALUES ('delete', old.rowid, "
    "old.search_key); END;"
    "CREATE TRIGGER guests_au AFTER UPDATE OF search_key ON guests BEGIN"
    " INSERT INTO guest_search(guest_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);"
    " INSERT INTO guest_search(rowid, search_key) VALUES (new.rowid, new.search_key); END;";

/* Fill search keys of guests that existed before v2. */
static enum fd_status fold_existing_guests(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *sel, *upd;
	if (sqlite3_prepare_v2(db->db, "SELECT rowid, family || ' ' || given FROM guests", -1, &sel, NULL) ||
	    sqlite3_prepare_v2(db->db, "UPDATE guests SET search_key = ?1 WHERE rowid = ?2", -1, &upd, NULL))
		return fd_db_fail(db, err, "indexing guest names");
	enum fd_status st = FD_OK;
	while (sqlite3_step(sel) == SQLITE_ROW) {
		char key[512];
		fd_fold((const char *)sqlite3_column_text(sel, 1), key, sizeof key);
		sqlite3_bind_text(upd, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE) {
			st = fd_db_fail(db, err, "indexing guest names");
			break;
		}
		sqlite3_reset(upd);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	if (!st && sqlite3_exec(db->db, schema_v2_triggers, NULL, NULL, NULL) != SQLITE_OK)
		st = fd_db_fail(db, err, "indexing guest names");
	return st;
}

/* v5: indexes a large hotel's screens need (measured with
 * tests/bench/bench_core, 1,000 rooms and 500,000 bookings). A room type's
 * inventory on a night is counted from an index alone (booking.create asks
 * it for every night); each room's in-house stay and today's arrival are
 * found directly instead of walking every booking the room ever had. */
static const char schema_v5[] =
    "CREATE INDEX rooms_type_maint ON rooms(type_code, maint, maint_from, maint_to);"
    "CREATE INDEX bookings_in_house ON bookings(room, departure) WHERE status = 'checked_in';"
    "CREATE INDEX bookings_arrival_room ON bookings(arrival, room);";

/* Versions 3 (folios, src/folio), 4 and 6 (sync: conflicts and cursors;
 * undoing pending folio lines, src/sync) belong to those areas; the next
 * free one is 7. */
extern const char fd_schema_v3_folio[];      /* schema_folio.c */
extern const char fd_schema_v4_sync[];       /* schema_sync.c */
extern const char fd_schema_v6_sync[];       /* schema_sync.c */
extern const char fd_schema_v9_invoices[];   /* repo_invoice.c */
extern const char fd_schema_v12_refunds[];   /* schema_money.c */
extern const char fd_schema_v13_companies[]; /* schema_money.c */
extern const char fd_schema_v22_snapstage[]; /* snapstage.c */
extern const char fd_schema_v25_rates[];     /* repo_rate.c */
enum fd_status fd_schema_v13_accounts(struct fd_db *db, struct fd_error *err);
enum fd_status fd_schema_v16_guests(struct fd_db *db, struct fd_error *err); /* schema_guests.c */
enum fd_status fd_schema_v17_channels_map(struct fd_db *db, struct fd_error *err);
extern const char fd_schema_v20_quantity[];      /* schema_docs.c */
extern const char fd_schema_v21_mail[];          /* schema_docs.c */
extern const char fd_schema_v30_mail_link[];     /* schema_docs.c */
extern const char fd_schema_v32_sold[];          /* schema_speed.c */
extern const char fd_schema_v33_board[];         /* schema_speed.c */
extern const char fd_schema_v42_board_stays[];   /* schema_speed.c */
extern const char fd_schema_v43_board_names[];   /* schema_speed.c */
extern const char fd_schema_v44_day_counts[];    /* schema_speed.c */
extern const char fd_schema_v49_arrival_ids[];   /* schema_speed.c */
extern const char fd_schema_v50_search_queue[];  /* schema_speed.c */
extern const char fd_schema_v55_board_where[];   /* schema_speed.c */
extern const char fd_schema_v56_no_room_index[]; /* schema_speed.c */
extern const char fd_schema_v57_guest_name[];    /* schema_speed.c */
extern const char fd_schema_v37_find[];          /* schema_speed.c */
extern const char fd_schema_v41_search[];        /* schema_speed.c */
extern const char fd_schema_v28_groups[];        /* repo_group.c */

/* The indexes the desk's screens rely on (bookings by room and by status).
 * Until this step they were a terminal-only "ui" chain, so a server database
 * lacked them; IF NOT EXISTS keeps a terminal that already has them. */
static const char schema_v7[] =
    "CREATE INDEX IF NOT EXISTS bookings_room_status ON bookings(room, status);"
    "CREATE INDEX IF NOT EXISTS bookings_status_departure ON bookings(status, departure);";

/* v8: erasure that reaches everything (store/privacy.h). A guest's key
 * seals the personal fields the audit log keeps; erasing the guest, on any
 * write path, deletes the key and blanks the outbox's settled copies of the
 * guest's operations (pending ones still have to reach the server, and are
 * blanked once settled). */
static const char schema_v8[] =
    "CREATE TABLE guest_keys (guest_id TEXT PRIMARY KEY, key BLOB NOT NULL);"
    "CREATE TABLE erased_guests (guest_id TEXT PRIMARY KEY, erased_at INTEGER NOT NULL,"
    " flushed INTEGER NOT NULL DEFAULT 0);"
    "CREATE TRIGGER guests_erase AFTER UPDATE OF erased ON guests WHEN new.erased = 1 AND old.erased = 0 "
    "BEGIN"
    " DELETE FROM guest_keys WHERE guest_id = new.id;"
    " INSERT OR IGNORE INTO erased_guests (guest_id, erased_at) VALUES (new.id, CAST(strftime('%s','now') AS "
    "INTEGER));"
    " UPDATE outbox SET payload = '{}', changeset = NULL"
    "  WHERE state <> 'pending' AND type LIKE 'guest.%'"
    "  AND new.id IN (json_extract(payload, '$.id'), json_extract(payload, '$.guest'));"
    " END;"
    "CREATE TRIGGER outbox_settle_erased AFTER UPDATE OF state ON outbox"
    " WHEN new.state <> 'pending' AND new.type LIKE 'guest.%' AND EXISTS (SELECT 1 FROM erased_guests"
    "  WHERE guest_id IN (json_extract(new.payload, '$.id'), json_extract(new.payload, '$.guest'))) BEGIN"
    " UPDATE outbox SET payload = '{}', changeset = NULL WHERE device_seq = new.device_seq;"
    " END;";

/* v10: a housekeeping task records who finished it and when (issue 12);
 * tasks done before this step keep an empty name and time 0. */
static const char schema_v10_tasks[] = "ALTER TABLE hk_tasks ADD COLUMN done_by TEXT NOT NULL DEFAULT '';"
                                       "ALTER TABLE hk_tasks ADD COLUMN done_at INTEGER NOT NULL DEFAULT 0;";
/* Each person's signature on the operations they make (src/store/opsig.h):
 * the outbox keeps it with the operation, the offline verifier keeps the
 * salt the person's signing key is derived under. */
static const char schema_v11_opsig[] =
    "ALTER TABLE outbox ADD COLUMN sig TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE sync_verifiers ADD COLUMN sign_salt TEXT NOT NULL DEFAULT '';";

/* v14: day-use stays (issue 12): a booking may leave on the day it
 * arrives (no night, so no stay_nights row; core keeps the room for that
 * day, op_booking.c). SQLite cannot change a CHECK in place, so the table
 * is rebuilt (https://sqlite.org/lang_altertable.html, "12 steps"): the new
 * table is the old one's own CREATE statement with the one CHECK relaxed
 * (columns other steps add survive), its rows copied with their rowids,
 * and every index and trigger on it re-created from sqlite_master. The
 * tables that reference bookings (stay_nights, folios) keep their rows:
 * the step runs with foreign keys off and checked before it commits. */
static enum fd_status schema_v14_day_use(struct fd_db *db, struct fd_error *err)
{
	static const struct fd_check_swap relax[] = {
	    {"CHECK (departure > arrival)", "CHECK (departure >= arrival)"},
	};
	enum fd_rebuild_result r;
	enum fd_status st = fd_schema_rebuild_checks(db, "bookings", relax, 1, &r, err);
	/* Already relaxed: the step recorded again. */
	if (!st && r == FD_REBUILD_MISSING)
		st = fd_fail(err, FD_E_IO, "migration_failed", NULL,
		             "the bookings table has no \"%s\" to relax", relax[0].old_text);
	return st;
}
/* v47: the rooms table's CHECKs on clean and maint as comparisons instead
 * of IN lists. SQLite checks an IN list of more than two constants through
 * a temporary b-tree it builds and frees at every statement that writes the
 * column: about a sixth of what a room status change cost the server
 * (callgrind during tests/bench/bench_server). The same values pass and the
 * same are refused (NULL cannot reach either column: NOT NULL). The table is
 * rebuilt as step 14 rebuilt bookings: its own CREATE statement with the two
 * CHECKs rewritten (columns later steps add survive), the rows copied with
 * their rowids (a snapshot pages by rowid), every index and trigger on it
 * re-created; the tables that reference rooms keep their rows (foreign keys
 * off, checked before the step commits). A table without the old CHECKs
 * (created after this step, or rebuilt already) is left as it is. */
static enum fd_status schema_v47_room_checks(struct fd_db *db, struct fd_error *err)
{
	static const struct fd_check_swap checks[] = {
	    {"CHECK (clean IN ('dirty','pickup','clean','inspected'))",
	     "CHECK (clean = 'dirty' OR clean = 'pickup' OR clean = 'clean' OR clean = 'inspected')"},
	    {"CHECK (maint IN ('none','oos','ooo'))",
	     "CHECK (maint = 'none' OR maint = 'oos' OR maint = 'ooo')"},
	};
	enum fd_rebuild_result r;
	return fd_schema_rebuild_checks(db, "rooms", checks, sizeof checks / sizeof *checks, &r, err);
}

/* v48: step 47's rewrite for every other table whose CHECK lists more than
 * two values (two are compared directly, without the temporary b-tree):
 * the write-heavy ones above all (bookings, outbox, folio_lines, mail).
 * The same values pass and the same are refused (NULL cannot reach any of
 * these columns: NOT NULL). A table without the old CHECKs is left as it
 * is. The PostgreSQL schema (src/pg) has no such cost and keeps its own. */
static const struct fd_check_swap bookings_v48[] = {
    {"CHECK (status IN ('reserved','checked_in','checked_out','cancelled','no_show'))",
     "CHECK (status = 'reserved' OR status = 'checked_in' OR status = 'checked_out' OR status = 'cancelled'"
     " OR status = 'no_show')"},
};
static const struct fd_check_swap staff_v48[] = {
    {"CHECK (role IN ('guest','staff','manager','admin'))",
     "CHECK (role = 'guest' OR role = 'staff' OR role = 'manager' OR role = 'admin')"},
};
static const struct fd_check_swap outbox_v48[] = {
    {"CHECK (state IN ('pending','applied','rejected'))",
     "CHECK (state = 'pending' OR state = 'applied' OR state = 'rejected')"},
};
static const struct fd_check_swap mail_v48[] = {
    {"CHECK (kind IN ('confirmation','invoice','link'))",
     "CHECK (kind = 'confirmation' OR kind = 'invoice' OR kind = 'link')"},
    {"CHECK (state IN ('queued','sent','failed'))",
     "CHECK (state = 'queued' OR state = 'sent' OR state = 'failed')"},
};
static const struct fd_check_swap folio_lines_v48[] = {
    {"CHECK (kind IN ('charge','payment','refund','void','transfer'))",
     "CHECK (kind = 'charge' OR kind = 'payment' OR kind = 'refund' OR kind = 'void' OR kind = 'transfer')"},
};
static const struct fd_check_swap rate_plans_v48[] = {
    {"CHECK (kind IN ('public','corporate','hidden'))",
     "CHECK (kind = 'public' OR kind = 'corporate' OR kind = 'hidden')"},
};
#define V48_TABLE(t)                                                                                         \
	{                                                                                                    \
#t, t##_v48, sizeof t##_v48 / sizeof *t##_v48                                                \
	}
static const struct {
	const char *table;
	const struct fd_check_swap *swaps;
	size_t n;
} v48_tables[] = {
    V48_TABLE(bookings), V48_TABLE(staff),       V48_TABLE(outbox),
    V48_TABLE(mail),     V48_TABLE(folio_lines), V48_TABLE(rate_plans),
};

static enum fd_status schema_v48_in_checks(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = FD_OK;
	for (size_t i = 0; !st && i < sizeof v48_tables / sizeof *v48_tables; i++) {
		enum fd_rebuild_result r;
		st = fd_schema_rebuild_checks(db, v48_tables[i].table, v48_tables[i].swaps, v48_tables[i].n,
		                              &r, err);
	}
	return st;
}

/* v18: every staff member has a department the permission table knows
 * (money and bookings need the front office, management or the night
 * audit; src/core/perm.c). A row whose department is not one of them (left
 * empty or mistyped by an older version, which then read it as the front
 * office) keeps what it could do: the front office for staff, management
 * for managers and admins. From now on an unknown department is refused by
 * the schema on every write path. */
static const char schema_v18_departments[] =
    "UPDATE staff SET dept = CASE WHEN role IN ('manager','admin') THEN 'management' ELSE 'front_office' END"
    " WHERE dept NOT IN ('front_office','housekeeping','maintenance','management','night_audit');"
    "CREATE TRIGGER IF NOT EXISTS staff_dept_insert BEFORE INSERT ON staff WHEN new.dept NOT IN"
    " ('front_office','housekeeping','maintenance','management','night_audit')"
    " BEGIN SELECT RAISE(ABORT, 'unknown department'); END;"
    "CREATE TRIGGER IF NOT EXISTS staff_dept_update BEFORE UPDATE OF dept ON staff WHEN new.dept NOT IN"
    " ('front_office','housekeeping','maintenance','management','night_audit')"
    " BEGIN SELECT RAISE(ABORT, 'unknown department'); END;";

/* v19: the audit log records refusals as well as applied operations, the
 * session each came through, and a hash chain: fd_audit_chain_existing adds
 * the columns (outcome, code, reason, session, hash) and chains the rows
 * written before (store/audit.h). */

/* v36: the company account a booking is made for (its id, NULL when none):
 * a corporate rate plan sells only to it, and its folios default to it. */
static const char schema_v36_company[] = "ALTER TABLE bookings ADD COLUMN company_id TEXT;";

/* v53: the audit log's seq without AUTOINCREMENT. fd_audit_append gives
 * every row its number itself (the last row's plus one, the row it chains
 * to) and rows are never deleted (audit_log_no_delete), so SQLite's own
 * counter only cost a read and a write of its sqlite_sequence row at every
 * append (a thirtieth of a batched push's instructions, callgrind). The
 * rows are copied with their seq, so the chain verifies as before. */
static enum fd_status schema_v53_audit_seq(struct fd_db *db, struct fd_error *err)
{
	static const struct fd_check_swap swap[] = {
	    {"seq INTEGER PRIMARY KEY AUTOINCREMENT", "seq INTEGER PRIMARY KEY"},
	};
	enum fd_rebuild_result r;
	enum fd_status st = fd_schema_rebuild_checks(db, "audit_log", swap, 1, &r, err);
	if (!st && r == FD_REBUILT &&
	    sqlite3_exec(db->db, "DELETE FROM sqlite_sequence WHERE name = 'audit_log'", NULL, NULL, NULL))
		st = fd_db_fail(db, err, "rebuilding the audit log");
	return st;
}

/* One step a line, so that steps added on different branches merge cleanly. */
/* clang-format off */
static const struct fd_migration core_migrations[] = {
    {1, schema_v1, NULL},
    {2, schema_v2, fold_existing_guests},
    {3, fd_schema_v3_folio, NULL},
    {4, fd_schema_v4_sync, NULL},
    {5, schema_v5, NULL},
    {6, fd_schema_v6_sync, NULL},
    {7, schema_v7, NULL},
    {8, schema_v8, NULL},
    {9, fd_schema_v9_invoices, NULL},
    {10, schema_v10_tasks, NULL},
    {11, schema_v11_opsig, NULL},
    {12, fd_schema_v12_refunds, NULL},
    {13, fd_schema_v13_companies, fd_schema_v13_accounts},
    {14, fd_migration_rebuild, schema_v14_day_use},
    {16, NULL, fd_schema_v16_guests},
    {17, NULL, fd_schema_v17_channels_map},
    {18, schema_v18_departments, NULL},
    {19, NULL, fd_audit_chain_existing},
    {20, fd_schema_v20_quantity, NULL},
    {21, fd_schema_v21_mail, NULL},
    {22, fd_schema_v22_snapstage, NULL},
    {25, fd_schema_v25_rates, NULL},
    {28, fd_schema_v28_groups, NULL},
    {30, fd_schema_v30_mail_link, NULL},
    {32, fd_schema_v32_sold, NULL},
    {33, fd_schema_v33_board, NULL},
    {36, schema_v36_company, NULL},
    {37, fd_schema_v37_find, NULL},
    {41, fd_schema_v41_search, NULL},
    {42, fd_schema_v42_board_stays, NULL},
    {43, fd_schema_v43_board_names, NULL},
    {44, fd_schema_v44_day_counts, NULL},
    {47, fd_migration_rebuild, schema_v47_room_checks},
    {48, fd_migration_rebuild, schema_v48_in_checks},
    {49, fd_schema_v49_arrival_ids, NULL},
    {50, fd_schema_v50_search_queue, NULL},
    {53, fd_migration_rebuild, schema_v53_audit_seq},
    {55, fd_schema_v55_board_where, NULL},
    {56, fd_schema_v56_no_room_index, NULL},
    {57, fd_schema_v57_guest_name, NULL},
};
/* clang-format on */

const struct fd_migration *fd_core_migrations(int *n)
{
	*n = (int)(sizeof core_migrations / sizeof *core_migrations);
	return core_migrations;
}
