// SPDX-License-Identifier: GPL-3.0-or-later
/* Derived data set aside while a whole hotel is written (see bulk.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "store/bulk.h"
#include "store/db_internal.h"

/* The triggers that keep derived data (core steps 2, 32, 41, 43 and 50). Their SQL is
 * read from the schema itself, so a later step that changes one is kept. */
#define DERIVED_TRIGGERS                                                                                     \
	"'guests_ai', 'guests_ad', 'guests_au', 'stay_nights_sold_ai', 'stay_nights_sold_ad',"               \
	" 'stay_nights_sold_au', 'rooms_count_ai', 'rooms_count_ad', 'rooms_count_au',"                      \
	" 'bookings_search_ai', 'bookings_search_ad', 'bookings_search_au', 'guests_search_bookings_ai',"    \
	" 'guests_search_bookings_ad', 'guests_search_bookings_au', 'bookings_name_ai', 'bookings_name_au'," \
	" 'guests_name_ai', 'guests_name_au', 'guests_name_ad', 'guests_ai_queue',"                          \
	" 'guests_search_bookings_ai_queue', 'bookings_search_ai_queue'"

/* The bookings' search index (core step 41) and the guest's name kept
 * with each booking (core step 43), schema_speed.c. */
extern const char fd_booking_search_fill[];
extern const char fd_booking_name_fill[];

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

/* The double-booking guard: at most one booking holds a room on a night. */
#define GUARD "stay_nights_room_night"

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
	db->bulk_names_stale = false;
	db->bulk_bookings_before = -1;
	db->bulk_bookings_put = 0;
	if (db->bulk_checks)
		checks_on(db, false);
	free(db->bulk_triggers);
	db->bulk_triggers = NULL;
	free(db->bulk_indexes);
	db->bulk_indexes = NULL;
	free(db->bulk_guard);
	db->bulk_guard = NULL;
}

bool fd_bulk_guard_aside(struct fd_db *db)
{
	return db->bulk_guard != NULL;
}

void fd_bulk_keep_guard(struct fd_db *db, bool keep)
{
	db->bulk_keep_guard = keep;
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
	/* The guard too (bulk.h): each booking's nights were looked up in it to
	 * release them and written into it at random pages (bookings come in
	 * id order, their rooms and nights at random), a tenth of a first
	 * sync's time at 100,000 bookings. */
	if (!st && !db->bulk_keep_guard)
		st = set_aside(db,
		               "SELECT sql || ';', 'DROP INDEX \"' || name || '\";' FROM sqlite_master"
		               " WHERE type = 'index' AND name = '" GUARD "' AND tbl_name = 'stay_nights'",
		               &db->bulk_guard, err);
	/* Best effort: without it the rows are only slower to write. */
	if (!st)
		checks_on(db, true);
	if (st)
		fd_bulk_abandon(db);
	return st;
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Past a quoted string or name beginning at p ('...', "...", `...`, [...]). */
static const char *past_quoted(const char *p)
{
	char close = *p == '[' ? ']' : *p;
	const char *q = strchr(p + 1, close);
	return q ? q + 1 : p + strlen(p);
}

/* The CHECK constraints of a CREATE TABLE's text as one condition that
 * holds for a row breaking any of them: "NOT (e1) OR NOT (e2) ..." (a CHECK
 * fails on false and passes on NULL, as NOT selects). NULL when the text
 * has none or is not read to its end (quick_check judges such a table). */
static char *breaks_any(const char *sql)
{
	size_t len = strlen(sql);
	char *out = malloc(2 * len + 16);
	if (!out)
		return NULL;
	size_t n = 0;
	const char *p = sql;
	while (*p) {
		if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') {
			p = past_quoted(p);
			continue;
		}
		if (strncasecmp(p, "CHECK", 5) != 0 || (p > sql && ident_char(p[-1])) || ident_char(p[5])) {
			p++;
			continue;
		}
		const char *q = p + 5;
		while (isspace((unsigned char)*q))
			q++;
		if (*q != '(')
			break; /* not read: judged by quick_check */
		const char *from = ++q;
		int depth = 1;
		while (*q && depth) {
			if (*q == '\'' || *q == '"' || *q == '`' || *q == '[') {
				q = past_quoted(q);
				continue;
			}
			depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
			q++;
		}
		if (depth)
			break;
		n += (size_t)sprintf(out + n, "%sNOT (%.*s)", n ? " OR " : "", (int)(q - 1 - from), from);
		p = q;
	}
	if (*p || !n) {
		free(out);
		return NULL;
	}
	return out;
}

/* A table's rows judged by the schema's own CHECKs: its first broken one
 * named in verdict (sqlite3_malloc'd), or NULL when every row keeps them. */
static int judge(sqlite3 *h, const char *table, const char *create, char **verdict)
{
	*verdict = NULL;
	char *cond = breaks_any(create);
	char *sql = cond ? sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE %s LIMIT 1", table, cond) : NULL;
	free(cond);
	sqlite3_stmt *q = NULL;
	int rc = sql ? sqlite3_prepare_v2(h, sql, -1, &q, NULL) : SQLITE_ERROR;
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		/* One statement for the whole table: an IN list's b-tree is built
		 * once, not once a row as quick_check and the insert do. */
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc == SQLITE_DONE)
			return SQLITE_OK;
		if (rc != SQLITE_ROW)
			return rc;
	} else {
		sqlite3_finalize(q);
	}
	/* A row breaks a CHECK, or the text was not read: quick_check names it. */
	sql = sqlite3_mprintf("PRAGMA quick_check(%Q)", table);
	rc = sql ? sqlite3_prepare_v2(h, sql, -1, &q, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(q);
	const char *text = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : NULL;
	if (text && strcmp(text, "ok") != 0)
		*verdict = sqlite3_mprintf("%s", text);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Every row of every table with a CHECK judged by the schema's own CHECKs,
 * now that they apply again: a row that breaks one fails the whole
 * install, as its insert would have. */
static enum fd_status checks_verify(struct fd_db *db, struct fd_error *err)
{
	if (!checks_on(db, false))
		return fd_db_fail(db, err, "checking the rows written");
	sqlite3_stmt *t;
	if (sqlite3_prepare_v2(
	        db->db,
	        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'"
	        " ORDER BY name",
	        -1, &t, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "checking the rows written");
	enum fd_status st = FD_OK;
	int rc = SQLITE_DONE;
	while (!st && (rc = sqlite3_step(t)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(t, 0);
		char *verdict = NULL;
		if (judge(db->db, table, (const char *)sqlite3_column_text(t, 1), &verdict) != SQLITE_OK)
			st = fd_db_fail(db, err, "checking the rows written");
		else if (verdict)
			st = fd_fail(err, FD_E_INVALID, "check_failed", table,
			             _("A row written to %s breaks its rules (%s); nothing was written."),
			             table, verdict);
		sqlite3_free(verdict);
	}
	if (!st && rc != SQLITE_DONE)
		st = fd_db_fail(db, err, "checking the rows written");
	sqlite3_finalize(t);
	return st;
}

static enum fd_status bookings_count(struct fd_db *db, int64_t *n, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT count(*) FROM bookings", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "counting the bookings");
}

enum fd_status fd_bulk_booking_put(struct fd_db *db, struct fd_error *err)
{
	if (!db->bulk_triggers || db->bulk_bookings_before >= 0)
		return FD_OK;
	return bookings_count(db, &db->bulk_bookings_before, err);
}

/* A booking's guest name goes stale while the triggers are aside when its
 * guest is written after it, or when it is written again (the upsert
 * keeps the name it had): neither when every booking written is a row of
 * its own, after the guests. */
static enum fd_status names_stale(struct fd_db *db, bool *stale, struct fd_error *err)
{
	int64_t now = 0;
	*stale = true;
	if (db->bulk_names_stale || db->bulk_bookings_before < 0)
		return FD_OK;
	enum fd_status st = bookings_count(db, &now, err);
	*stale = now != db->bulk_bookings_before + db->bulk_bookings_put;
	return st;
}

/* Of two bookings holding a room on one night, the one written later
 * (the greater rowid) keeps it, as fd_stay_nights_release gave it to the
 * later row by row: a night whose room and night a booking written later
 * holds too is deleted. A night of no booking loses. Through an index of
 * its own, dropped again: this runs only when the guard refused. */
static const char resolve_sql[] =
    "CREATE INDEX bulk_guard_resolve ON stay_nights(room, night);"
    "DELETE FROM stay_nights WHERE room IS NOT NULL AND EXISTS ("
    " SELECT 1 FROM stay_nights o JOIN bookings ob ON ob.id = o.booking_id"
    " WHERE o.room = stay_nights.room AND o.night = stay_nights.night"
    " AND o.booking_id <> stay_nights.booking_id AND ob.rowid > coalesce((SELECT b.rowid"
    " FROM bookings b WHERE b.id = stay_nights.booking_id), 0));"
    "DROP INDEX bulk_guard_resolve;";

/* Build the guard set aside (a sort, rather than a b-tree seek per night
 * written). A clash (two bookings holding a room on one night, as pages
 * read at different times can send) is resolved for the booking written
 * later, when the bookings' rowids say that order: every booking written
 * once, none there before. */
static enum fd_status guard_build(struct fd_db *db, struct fd_error *err)
{
	if (sqlite3_exec(db->db, db->bulk_guard, NULL, NULL, NULL) == SQLITE_OK)
		return FD_OK;
	if (sqlite3_extended_errcode(db->db) != SQLITE_CONSTRAINT_UNIQUE)
		return fd_db_fail(db, err, "building the room-night guard");
	int64_t now = 0;
	enum fd_status st = bookings_count(db, &now, err);
	if (st)
		return st;
	if (db->bulk_bookings_before != 0 || now != db->bulk_bookings_put)
		return fd_fail(err, FD_E_BUSY, "bulk_redo", NULL,
		               _("A booking was written twice; the rows are written again with the"
		                 " double-booking guard in place."));
	if (sqlite3_exec(db->db, resolve_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->db, db->bulk_guard, NULL, NULL, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "building the room-night guard");
	return FD_OK;
}

enum fd_status fd_bulk_end(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = FD_OK;
	if (db->bulk_checks)
		st = checks_verify(db, err);
	if (!st && db->bulk_guard)
		st = guard_build(db, err);
	if (!st && db->bulk_indexes)
		st = fd_db_exec(db, db->bulk_indexes, err);
	if (!st && db->bulk_triggers)
		st = fd_db_exec(db, rebuild_sql, err);
	if (!st && db->bulk_triggers)
		st = fd_db_exec(db, fd_booking_search_fill, err);
	/* Only the bookings whose name is not their guest's are written
	 * (put_booking writes it, but a guest may come after its bookings). */
	bool stale = true;
	if (!st && db->bulk_triggers)
		st = names_stale(db, &stale, err);
	if (!st && db->bulk_triggers && stale)
		st = fd_db_exec(db, fd_booking_name_fill, err);
	if (!st && db->bulk_triggers)
		st = fd_db_exec(db, db->bulk_triggers, err);
	fd_bulk_abandon(db);
	return st;
}
