// SPDX-License-Identifier: GPL-3.0-or-later
/* Derived data set aside while a whole hotel is written (see bulk.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/bulk.h"
#include "store/db_internal.h"

/* The triggers that keep derived data (core steps 2, 32 and 41). Their SQL is
 * read from the schema itself, so a later step that changes one is kept. */
#define DERIVED_TRIGGERS                                                                                     \
	"'guests_ai', 'guests_ad', 'guests_au', 'stay_nights_sold_ai', 'stay_nights_sold_ad',"               \
	" 'stay_nights_sold_au', 'rooms_count_ai', 'rooms_count_ad', 'rooms_count_au',"                      \
	" 'bookings_search_ai', 'bookings_search_ad', 'bookings_search_au', 'guests_search_bookings_ai',"    \
	" 'guests_search_bookings_ad', 'guests_search_bookings_au'"

/* The bookings' search index (core step 41, schema_speed.c). */
extern const char fd_booking_search_fill[];

/* The same data rebuilt from the rows, as the steps that made it did. */
static const char rebuild_sql[] =
    "INSERT INTO guest_search(guest_search) VALUES ('rebuild');"
    "DELETE FROM type_night_sold;"
    "INSERT INTO type_night_sold (type_code, night, sold)"
    " SELECT type_code, night, count(*) FROM stay_nights GROUP BY type_code, night;"
    "DELETE FROM type_rooms;"
    "INSERT INTO type_rooms (type_code, rooms) SELECT type_code, count(*) FROM rooms GROUP BY type_code;";

/* The big tables of a snapshot whose secondary indexes are built once
 * after the rows are in (a sort each, rather than a b-tree insert per row
 * per index). Unique indexes stay: the double-booking guard
 * (stay_nights_room_night) judges every night as it arrives, and the
 * upserts find their rows by them. No statement of the install looks a
 * row up by a dropped index (they go by primary key or a unique one). */
#define BULK_TABLES "'bookings', 'stay_nights', 'rooms', 'hk_tasks', 'folios', 'folio_lines', 'mail'"

/* CHECK constraints are judged once over the written tables at the end
 * rather than at every row's insert: SQLite builds a temporary b-tree for
 * a CHECK's IN list at each insert (some 30,000 instructions; two thirds of
 * a room's insert, a third of a booking's). The flag is the connection's,
 * not the transaction's: every way out turns it off again. */
static bool checks_on(struct fd_db *db, bool on)
{
	bool done = sqlite3_exec(db->db,
	                         on ? "PRAGMA ignore_check_constraints = ON"
	                            : "PRAGMA ignore_check_constraints = OFF",
	                         NULL, NULL, NULL) == SQLITE_OK;
	db->bulk_checks = on && done;
	return done;
}

void fd_bulk_abandon(struct fd_db *db)
{
	if (db->bulk_checks)
		checks_on(db, false);
	free(db->bulk_triggers);
	db->bulk_triggers = NULL;
	free(db->bulk_indexes);
	db->bulk_indexes = NULL;
}

/* Run SELECT sql's two texts: keep the first in *keep, execute the second. */
static enum fd_status set_aside(struct fd_db *db, const char *sql, char **keep, struct fd_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db->db, sql, -1, &s, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "setting the search index aside");
	enum fd_status st = FD_OK;
	char *drop = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		*keep = strdup((const char *)sqlite3_column_text(s, 0));
		drop = strdup((const char *)sqlite3_column_text(s, 1));
		if (!*keep || !drop)
			st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	sqlite3_finalize(s);
	if (!st && drop)
		st = fd_db_exec(db, drop, err);
	free(drop);
	return st;
}

enum fd_status fd_bulk_begin(struct fd_db *db, struct fd_error *err)
{
	fd_bulk_abandon(db);
	enum fd_status st =
	    set_aside(db,
	              "SELECT group_concat(sql || ';', ''),"
	              " group_concat('DROP TRIGGER ' || name || ';', '')"
	              " FROM sqlite_master WHERE type = 'trigger' AND name IN (" DERIVED_TRIGGERS ")",
	              &db->bulk_triggers, err);
	if (!st)
		st = set_aside(db,
		               "SELECT group_concat(sql || ';', ''),"
		               " group_concat('DROP INDEX \"' || name || '\";', '')"
		               " FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
		               " AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN (" BULK_TABLES ")",
		               &db->bulk_indexes, err);
	/* Best effort: without it the rows are only slower to write. */
	if (!st)
		checks_on(db, true);
	if (st)
		fd_bulk_abandon(db);
	return st;
}

/* Every row of every table with a CHECK judged by the schema's own CHECKs
 * (PRAGMA quick_check of the table), now that they apply again: a row
 * that breaks one fails the whole install, as its insert would have. */
static enum fd_status checks_verify(struct fd_db *db, struct fd_error *err)
{
	if (!checks_on(db, false))
		return fd_db_fail(db, err, "checking the rows written");
	sqlite3_stmt *t;
	if (sqlite3_prepare_v2(db->db,
	                       "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'"
	                       " ORDER BY name",
	                       -1, &t, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "checking the rows written");
	enum fd_status st = FD_OK;
	int rc = SQLITE_DONE;
	while (!st && (rc = sqlite3_step(t)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(t, 0);
		char *sql = sqlite3_mprintf("PRAGMA quick_check(%Q)", table);
		sqlite3_stmt *q = NULL;
		if (!sql || sqlite3_prepare_v2(db->db, sql, -1, &q, NULL) != SQLITE_OK) {
			st = fd_db_fail(db, err, "checking the rows written");
		} else if (sqlite3_step(q) != SQLITE_ROW) {
			st = fd_db_fail(db, err, "checking the rows written");
		} else {
			const char *verdict = (const char *)sqlite3_column_text(q, 0);
			if (!verdict || strcmp(verdict, "ok") != 0)
				st = fd_fail(
				    err, FD_E_INVALID, "check_failed", table,
				    _("A row written to %s breaks its rules (%s); nothing was written."),
				    table, verdict ? verdict : "?");
		}
		sqlite3_finalize(q);
		sqlite3_free(sql);
	}
	if (!st && rc != SQLITE_DONE)
		st = fd_db_fail(db, err, "checking the rows written");
	sqlite3_finalize(t);
	return st;
}

enum fd_status fd_bulk_end(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = FD_OK;
	if (db->bulk_checks)
		st = checks_verify(db, err);
	if (!st && db->bulk_indexes)
		st = fd_db_exec(db, db->bulk_indexes, err);
	if (!st && db->bulk_triggers)
		st = fd_db_exec(db, rebuild_sql, err);
	if (!st && db->bulk_triggers)
		st = fd_db_exec(db, fd_booking_search_fill, err);
	if (!st && db->bulk_triggers)
		st = fd_db_exec(db, db->bulk_triggers, err);
	fd_bulk_abandon(db);
	return st;
}
