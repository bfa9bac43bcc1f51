// SPDX-License-Identifier: GPL-3.0-or-later
/* The paged snapshot keeps each page whole as it came (one staged row per
 * page, not one printed row per entity), shows the desk nothing until the
 * last page, then installs every page: rooms, guests (found by the guest
 * search, accents aside), bookings with their nights and the rooms-sold
 * counts, the cursor; and the stage is empty again. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/ids.h"
#include "store/snapstage.h"
#include "store/query.h"
#include "sync/sync_internal.h"

static int count(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The room-night guard, the unique index of stay_nights, is there. */
static int guard_present(struct fd_db *db)
{
	return count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	                 " AND name = 'stay_nights_room_night' AND sql LIKE 'CREATE UNIQUE INDEX%'");
}

/* Each test's terminal: its database created as the desk creates it,
 * opened as the sync thread opens it. */
struct terminal {
	char dir[32];
	struct fd_db *db;
};

static int open_terminal(void **state)
{
	struct terminal *t = calloc(1, sizeof *t);
	assert_non_null(t);
	snprintf(t->dir, sizeof t->dir, "/tmp/fd-snappages.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	char path[64];
	snprintf(path, sizeof path, "%s/t.db", t->dir);
	struct fd_error err = {0};
	struct fd_db *c = fd_db_open(path, FD_DB_CREATE, &err);
	assert_non_null(c);
	fd_db_close(c);
	t->db = sync_db_open(path, &err);
	assert_non_null(t->db);
	*state = t;
	return 0;
}

static int close_terminal(void **state)
{
	struct terminal *t = *state;
	fd_db_close(t->db);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
	int rc = system(cmd);
	free(t);
	return rc;
}

/* A page as the sync thread hands it over: parsed, and its text. */
static enum fd_status apply_page(struct fd_db *db, const char *text, bool more, bool *done,
                                 struct fd_error *err)
{
	cJSON *p = cJSON_Parse(text);
	assert_non_null(p);
	enum fd_status st = sync_apply_snapshot_page(db, p, text, more, done, err);
	cJSON_Delete(p);
	return st;
}

static const char page1[] =
    "{\"epoch\":\"e1\",\"seq\":10,\"more\":true,\"next\":\"p2\",\"entities\":{"
    "\"room_type\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"code\":\"DBL\",\"name\":\"Double\","
    "\"max_occupancy\":2,\"base_rate\":9000,\"rank\":0,\"version\":1}],"
    "\"room\":[{\"id\":\"00000000-0000-4000-8001-000000000101\",\"number\":\"101\",\"type_code\":\"DBL\","
    "\"floor\":1,\"clean\":\"clean\",\"maint\":\"none\",\"version\":1},"
    "{\"id\":\"00000000-0000-4000-8001-000000000102\",\"number\":\"102\",\"type_code\":\"DBL\","
    "\"floor\":1,\"clean\":\"dirty\",\"maint\":\"none\",\"version\":1}]}}";

static const char page2[] =
    "{\"epoch\":\"e1\",\"seq\":10,\"more\":false,\"entities\":{"
    "\"property\":[{\"id\":\"00000000-0000-4000-8000-0000000000ff\",\"name\":\"T\",\"currency\":\"EUR\","
    "\"timezone\":\"UTC\",\"business_date\":\"2026-11-25\",\"version\":1}],"
    "\"guest\":[{\"id\":\"00000000-0000-4000-8002-000000000001\",\"family\":\"Müller\",\"given\":\"José\","
    "\"version\":1},{\"id\":\"00000000-0000-4000-8002-000000000002\",\"family\":\"Lindqvist\","
    "\"given\":\"Karin\",\"version\":1}],"
    "\"booking\":[{\"id\":\"00000000-0000-4000-8003-000000000001\",\"code\":\"ABCDEF\","
    "\"guest_id\":\"00000000-0000-4000-8002-000000000001\",\"type_code\":\"DBL\",\"room\":\"101\","
    "\"arrival\":\"2026-11-25\",\"departure\":\"2026-11-28\",\"adults\":1,\"rate\":9000,"
    "\"status\":\"reserved\",\"version\":1}]}}";

struct names {
	int n;
	char first[272];
};

static bool collect(void *ctx, const struct fd_guest_row *row)
{
	struct names *n = ctx;
	if (n->n++ == 0)
		snprintf(n->first, sizeof n->first, "%s, %s", row->g.family, row->g.given);
	return true;
}

static void test_pages_staged_whole_then_installed(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	assert_int_equal(sync_snapshot_restart(db, &err), FD_OK);

	bool done = true;
	assert_int_equal(apply_page(db, page1, true, &done, &err), FD_OK);
	assert_false(done);
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 0); /* nothing shown yet */

	assert_int_equal(apply_page(db, page2, false, &done, &err), FD_OK);
	assert_true(done);
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM rooms WHERE number = '102' AND clean = 'dirty'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM guests"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM bookings WHERE code = 'ABCDEF' AND room = '101'"),
	                 1);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE room = '101'"), 3);
	assert_int_equal(
	    count(db, "SELECT count(*) FROM type_night_sold WHERE type_code = 'DBL' AND sold = 1"), 3);
	assert_int_equal(count(db, "SELECT rooms FROM type_rooms WHERE type_code = 'DBL'"), 2);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'sync_cursor'"), 10);
	struct names n = {0};
	assert_int_equal(fd_query_guests(db, "JOSÉ", 10, collect, &n, &err), FD_OK);
	assert_int_equal(n.n, 1);
	assert_string_equal(n.first, "Müller, José");
}

/* Issue 18: how far a snapshot is, for the progress shown. The first page
 * of a server of this release says how many rows come ("total"); a page
 * of an older server says nothing, and the count alone goes on. */
static void test_progress_counts(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	/* This release's server: 3 rows of 7. */
	char with_total[sizeof page1 + 16];
	snprintf(with_total, sizeof with_total, "{\"total\":7,%s", page1 + 1);
	bool done = true;
	assert_int_equal(sync_snapshot_restart(db, &err), FD_OK);
	assert_int_equal(apply_page(db, with_total, true, &done, &err), FD_OK);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_done'"), 3);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_total'"), 7);
	assert_int_equal(apply_page(db, page2, false, &done, &err), FD_OK);
	assert_true(done);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_done'"), 7);
	/* An older server's first page: no total, the count from 0 again. */
	assert_int_equal(sync_snapshot_restart(db, &err), FD_OK);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_done'"), 0);
	assert_int_equal(apply_page(db, page1, true, &done, &err), FD_OK);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_done'"), 3);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_total'"), 0);
}

/* A last page with a row the schema refuses (a negative rate: no rule of
 * the feed's reader judges it, only the bookings table's CHECK, judged
 * once at the install's end): the install fails and rolls back whole, the
 * desk still sees nothing, the first page stays staged and the cursor
 * unset; the good last page then installs. */
static void test_bad_row_installs_nothing(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	assert_int_equal(sync_snapshot_restart(db, &err), FD_OK);
	bool done = true;
	assert_int_equal(apply_page(db, page1, true, &done, &err), FD_OK);
	char bad[sizeof page2];
	snprintf(bad, sizeof bad, "%s", page2);
	char *rate = strstr(bad, "\"rate\":9000");
	assert_non_null(rate);
	memcpy(rate, "\"rate\":-900", 11);
	assert_int_equal(apply_page(db, bad, false, &done, &err), FD_E_INVALID);
	assert_false(done);
	assert_non_null(strstr(err.message, "bookings"));
	assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM bookings"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM meta WHERE key = 'sync_cursor'"), 0);
	/* The indexes the install set aside are back, the guard among them. */
	assert_int_equal(guard_present(db), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'bookings_board'"), 1);
	/* The CHECKs apply at the insert again. */
	assert_int_not_equal(sqlite3_exec(fd_db_handle(db),
	                                  "UPDATE rooms SET clean = 'filthy'; INSERT INTO rooms (number, id,"
	                                  " type_code, floor, clean, maint, version, updated_at) VALUES ('9',"
	                                  " '9', 'DBL', 1, 'filthy', 'none', 1, 0)",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(apply_page(db, page2, false, &done, &err), FD_OK);
	assert_true(done);
	assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM bookings WHERE rate = 9000"), 1);
}

/* Issue 18: the sync's connection keeps the page cache every connection
 * has (16 MiB) rather than raising it: the whole install is one
 * transaction, so a bigger cache filled up and held the terminal's peak
 * memory over 64 MB at 100,000 bookings. */
static void test_sync_connection_cache(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), "PRAGMA cache_size", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int kib = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	assert_true(kib < 0);
	assert_true(-kib <= 16384);
	/* and foreign keys off: a page may name what a later page brings */
	assert_int_equal(count(db, "PRAGMA foreign_keys"), 0);
}

/* A page with more to come is staged from its text, read for its header
 * without a tree (parsed once, when installed): staged as the parsed path
 * stages it, counted for the progress; a garbled one is an unreadable
 * answer that stages nothing; the last page is left to the parser. */
static void test_page_staged_from_text(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	assert_int_equal(sync_snapshot_restart(db, &err), FD_OK);

	bool staged = true;
	/* Cut short (a broken connection's answer): nothing staged. */
	assert_int_equal(sync_stage_snapshot_text(db, page1, sizeof page1 - 20, true, &staged, &err),
	                 FD_E_IO);
	assert_false(staged);
	assert_string_equal(err.code, "bad_answer");
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 0);
	/* A page that says more comes but not where from: unreadable. */
	static const char no_next[] = "{\"epoch\":\"e1\",\"seq\":10,\"more\":true,\"entities\":{}}";
	assert_int_equal(sync_stage_snapshot_text(db, no_next, strlen(no_next), true, &staged, &err),
	                 FD_E_INVALID);
	assert_false(staged);
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 0);

	assert_int_equal(sync_stage_snapshot_text(db, page1, strlen(page1), true, &staged, &err), FD_OK);
	assert_true(staged);
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 0);
	assert_int_equal(count(db, "SELECT value FROM meta WHERE key = 'snapshot_done'"), 3);
	char next[16] = "";
	assert_int_equal(fd_db_meta_get(db, "snapshot_next", next, sizeof next, &err), FD_OK);
	assert_string_equal(next, "p2");
	/* The last page: not staged, for the caller to parse and install. */
	assert_int_equal(sync_stage_snapshot_text(db, page2, strlen(page2), false, &staged, &err), FD_OK);
	assert_false(staged);
	bool done = false;
	assert_int_equal(apply_page(db, page2, false, &done, &err), FD_OK);
	assert_true(done);
	assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE room = '101'"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM sync_snapshot_rows"), 0);
}

/* A staged page's rooms, guests and bookings are read from its text, not
 * a tree: what the text says arrives as cJSON would have read it (escapes,
 * UTF-16 pairs, members in any order, a row with an escaped name read as a
 * tree); a value cJSON refuses (a lone surrogate) is refused as the page
 * comes, and, staged all the same, makes the install an unreadable
 * snapshot that installs nothing. */
static void test_staged_rows_read_from_text(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	static const char rows[] =
	    "{\"epoch\":\"e1\",\"seq\":10,\"more\":true,\"next\":\"p2\",\"entities\":{"
	    "\"guest\":[{\"version\":1,\"given\":\"Jos\\u00e9 "
	    "\\\"Pepe\\\"\",\"family\":\"M\\u00fcller\\t\\ud83d\\ude00\","
	    "\"id\":\"00000000-0000-4000-8002-000000000001\"},"
	    "{\"id\":\"00000000-0000-4000-8002-000000000002\",\"fam\\u0069ly\":\"Lindqvist\","
	    "\"given\":\"Karin\",\"version\":1}],"
	    "\"booking\":[{\"id\":\"00000000-0000-4000-8003-000000000001\",\"code\":\"ABCDEF\","
	    "\"guest_id\":\"00000000-0000-4000-8002-000000000001\",\"type_code\":\"DBL\",\"room\":\"101\","
	    "\"arrival\":\"2026-11-25\",\"departure\":\"2026-11-28\",\"adults\":2.0,\"rate\":9.5e3,"
	    "\"status\":\"reserved\",\"notes\":\"a\\/bcd\",\"version\":1}]}}";
	static const char last[] = "{\"epoch\":\"e1\",\"seq\":10,\"more\":false,\"entities\":{}}";
	bool staged = false, done = false;
	for (int round = 0; round < 2; round++) {
		char page[sizeof rows];
		snprintf(page, sizeof page, "%s", rows);
		if (round == 0) /* the same page with a lone surrogate in a note */
			memcpy(strstr(page, "a\\/bcd"), "\\udc00", 6);
		assert_int_equal(sync_snapshot_restart(db, &err), FD_OK);
		assert_int_equal(sync_stage_snapshot_text(db, page1, strlen(page1), true, &staged, &err),
		                 FD_OK);
		if (round == 0) {
			/* Refused as it comes; staged anyway (as a release that
			 * took it did), the install refuses it. */
			assert_int_equal(
			    sync_stage_snapshot_text(db, page, strlen(page), false, &staged, &err), FD_E_IO);
			assert_false(staged);
			assert_int_equal(fd_snapstage_add(db, "*page", page, &err), FD_OK);
		} else {
			assert_int_equal(
			    sync_stage_snapshot_text(db, page, strlen(page), false, &staged, &err), FD_OK);
			assert_true(staged);
		}
		enum fd_status st = apply_page(db, last, false, &done, &err);
		if (round == 0) {
			assert_int_equal(st, FD_E_INVALID);
			assert_string_equal(err.code, "bad_feed");
			assert_false(done);
			assert_int_equal(count(db, "SELECT count(*) FROM rooms"), 0);
			assert_int_equal(count(db, "SELECT count(*) FROM guests"), 0);
			continue;
		}
		assert_int_equal(st, FD_OK);
		assert_true(done);
	}
	assert_int_equal(count(db, "SELECT count(*) FROM guests WHERE given = 'José \"Pepe\"'"
	                           " AND family = 'Müller' || char(9) || '😀'"),
	                 1);
	/* "fam\u0069ly" is "family" to cJSON: that row went as a tree. */
	assert_int_equal(count(db, "SELECT count(*) FROM guests WHERE family = 'Lindqvist'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM bookings WHERE notes = 'a/bcd' AND adults = 2"
	                           " AND rate = 9500 AND departure - arrival = 3"),
	                 1);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE room = '101'"), 3);
}

/* A last page of two rooms and the bookings given (JSON rows, in the
 * order the page sends them), installed as a first sync. */
static enum fd_status install_bookings(struct fd_db *db, const char *bookings, struct fd_error *err)
{
	char page[4096];
	snprintf(page, sizeof page,
	         "{\"epoch\":\"e1\",\"seq\":10,\"more\":false,\"entities\":{"
	         "\"room_type\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"code\":\"DBL\","
	         "\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000,\"rank\":0,\"version\":1}],"
	         "\"room\":[{\"id\":\"00000000-0000-4000-8001-000000000101\",\"number\":\"101\","
	         "\"type_code\":\"DBL\",\"floor\":1,\"clean\":\"clean\",\"maint\":\"none\",\"version\":1},"
	         "{\"id\":\"00000000-0000-4000-8001-000000000102\",\"number\":\"102\",\"type_code\":\"DBL\","
	         "\"floor\":1,\"clean\":\"dirty\",\"maint\":\"none\",\"version\":1}],"
	         "\"guest\":[{\"id\":\"00000000-0000-4000-8002-000000000001\",\"family\":\"Roe\","
	         "\"version\":1}],\"booking\":[%s]}}",
	         bookings);
	bool done = false;
	assert_int_equal(sync_snapshot_restart(db, err), FD_OK);
	enum fd_status st = apply_page(db, page, true, &done, err);
	assert_true(done == (st == FD_OK));
	return st;
}

/* The same as a whole snapshot (protocol 1: no "more"). */
static enum fd_status install_whole(struct fd_db *db, const char *bookings, struct fd_error *err)
{
	char page[4096];
	snprintf(page, sizeof page,
	         "{\"epoch\":\"e1\",\"seq\":10,\"entities\":{"
	         "\"room_type\":[{\"id\":\"00000000-0000-4000-8000-000000000001\",\"code\":\"DBL\","
	         "\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000,\"rank\":0,\"version\":1}],"
	         "\"room\":[{\"id\":\"00000000-0000-4000-8001-000000000101\",\"number\":\"101\","
	         "\"type_code\":\"DBL\",\"floor\":1,\"clean\":\"clean\",\"maint\":\"none\",\"version\":1}],"
	         "\"guest\":[{\"id\":\"00000000-0000-4000-8002-000000000001\",\"family\":\"Roe\","
	         "\"version\":1}],\"booking\":[%s]}}",
	         bookings);
	cJSON *snap = cJSON_Parse(page);
	assert_non_null(snap);
	enum fd_status st = sync_apply_snapshot(db, snap, err);
	cJSON_Delete(snap);
	return st;
}

/* A booking row of guest 1 in room 101 from arrival to departure, in a
 * status. */
#define BOOKING_ROW_IN(id, code, arrival, departure, version, status)                                        \
	"{\"id\":\"00000000-0000-4000-8003-0000000000" id "\",\"code\":\"" code "\","                        \
	"\"guest_id\":\"00000000-0000-4000-8002-000000000001\",\"type_code\":\"DBL\",\"room\":\"101\","      \
	"\"arrival\":\"" arrival "\",\"departure\":\"" departure "\",\"adults\":1,\"rate\":9000,"            \
	"\"status\":\"" status "\",\"version\":" version "}"
#define BOOKING_ROW(id, code, arrival, departure, version)                                                   \
	BOOKING_ROW_IN(id, code, arrival, departure, version, "reserved")

static void count_releases(void *ctx, const char *sql, int64_t ns)
{
	(void)ns;
	if (strncmp(sql, "DELETE FROM stay_nights WHERE room", 34) == 0)
		++*(int *)ctx;
}

/* Issue 18: a first sync's install builds the room-night guard (the
 * unique index of stay_nights) once at its end, as it builds the other
 * indexes, rather than looking every booking's nights up in it to release
 * them and writing them into it at random pages: no statement per
 * booking reads the guard, and the guard is there after the install. */
static void test_install_builds_guard_at_end(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	int releases = 0;
	fd_db_profile(db, count_releases, &releases);
	assert_int_equal(
	    install_bookings(db,
	                     BOOKING_ROW("01", "AAAAAA", "2026-11-25", "2026-11-27", "1") "," BOOKING_ROW(
	                         "02", "BBBBBB", "2026-11-27", "2026-11-29", "1"),
	                     &err),
	    FD_OK);
	fd_db_profile(db, NULL, NULL);
	assert_int_equal(releases, 0);
	assert_int_equal(guard_present(db), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE room = '101'"), 4);
	/* The guard holds again: a second holder of a night is refused. */
	assert_int_not_equal(sqlite3_exec(fd_db_handle(db),
	                                  "INSERT INTO stay_nights (booking_id, night, type_code, room)"
	                                  " SELECT 'x', night, type_code, room FROM stay_nights LIMIT 1",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
}

static void count_property_reads(void *ctx, const char *sql, int64_t ns)
{
	(void)ns;
	if (strstr(sql, "business_date") && strstr(sql, "FROM property"))
		++*(int *)ctx;
}

/* Issue 18: a booking that has checked in or out, installed new, holds
 * every night of its stay in its room; the install reads no property row
 * for it (the business date decides only which nights of a stay already
 * here keep their room). */
static void test_install_stays_begun(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	int reads = 0;
	fd_db_profile(db, count_property_reads, &reads);
	/* 01 has left, 02 is in the house; 03 comes later. */
	static const char page[] =
	    BOOKING_ROW_IN("01", "AAAAAA", "2026-11-20", "2026-11-23", "1", "checked_out") "," BOOKING_ROW_IN(
	        "02", "BBBBBB", "2026-11-24", "2026-11-27", "1",
	        "checked_in") "," BOOKING_ROW("03", "CCCCCC", "2026-11-27", "2026-11-30", "1");
	assert_int_equal(install_bookings(db, page, &err), FD_OK);
	fd_db_profile(db, NULL, NULL);
	assert_int_equal(reads, 0);
	assert_int_equal(count(db, "SELECT count(*) FROM bookings WHERE status = 'checked_out'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM bookings WHERE status = 'checked_in'"), 1);
	assert_int_equal(count(db,
	                       "SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	                       " WHERE n.room = '101' AND n.night >= b.arrival AND n.night < b.departure"),
	                 9);
}

/* Pages are read at different times (a booking can move into a room
 * between the page that sent the room's former holder and its own): of
 * two bookings that hold a room on the same night, the one written later
 * keeps the night, as when each booking released the others' nights as it
 * came (the feed after the cut brings the other's move); the later one
 * here has the smaller id, so the order is the page's, not the ids'. */
static void test_install_later_booking_keeps_night(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	assert_int_equal(
	    install_bookings(db,
	                     BOOKING_ROW("09", "AAAAAA", "2026-11-25", "2026-11-28", "1") "," BOOKING_ROW(
	                         "02", "BBBBBB", "2026-11-26", "2026-11-29", "1"),
	                     &err),
	    FD_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%09'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%02'"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%09'"
	                           " AND night = (SELECT arrival FROM bookings WHERE code = 'AAAAAA')"),
	                 1);
	assert_int_equal(count(db, "SELECT sum(sold) FROM type_night_sold WHERE type_code = 'DBL'"), 4);
	assert_int_equal(guard_present(db), 1);
}

/* A page that sends a booking twice (no server does; a forged answer
 * could): the second writing of booking 01 comes after 02, so 01 keeps the
 * nights both hold, as row by row; the order of the rows is not that of
 * the bookings' first writing here. */
static void test_install_booking_sent_twice(void **state)
{
	struct fd_db *db = ((struct terminal *)*state)->db;
	struct fd_error err = {0};
	assert_int_equal(
	    install_bookings(db,
	                     BOOKING_ROW("01", "AAAAAA", "2026-11-25", "2026-11-28", "1") "," BOOKING_ROW(
	                         "02", "BBBBBB", "2026-11-26", "2026-11-29",
	                         "1") "," BOOKING_ROW("01", "AAAAAA", "2026-11-25", "2026-11-28", "2"),
	                     &err),
	    FD_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%01'"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%02'"), 1);
	assert_int_equal(count(db, "SELECT version FROM bookings WHERE code = 'AAAAAA'"), 2);
	assert_int_equal(guard_present(db), 1);
	/* The same in a whole snapshot (protocol 1), 02 sent twice now. */
	assert_int_equal(
	    install_whole(db,
	                  BOOKING_ROW("02", "BBBBBB", "2026-11-26", "2026-11-29", "1") "," BOOKING_ROW(
	                      "01", "AAAAAA", "2026-11-25", "2026-11-28",
	                      "1") "," BOOKING_ROW("02", "BBBBBB", "2026-11-26", "2026-11-29", "2"),
	                  &err),
	    FD_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%01'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM stay_nights WHERE booking_id LIKE '%02'"), 3);
	assert_int_equal(guard_present(db), 1);
}

int main(void)
{
	fd_ids_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_pages_staged_whole_then_installed, open_terminal,
	                                    close_terminal),
	    cmocka_unit_test_setup_teardown(test_sync_connection_cache, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_progress_counts, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_bad_row_installs_nothing, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_page_staged_from_text, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_staged_rows_read_from_text, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_install_builds_guard_at_end, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_install_later_booking_keeps_night, open_terminal,
	                                    close_terminal),
	    cmocka_unit_test_setup_teardown(test_install_booking_sent_twice, open_terminal, close_terminal),
	    cmocka_unit_test_setup_teardown(test_install_stays_begun, open_terminal, close_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
