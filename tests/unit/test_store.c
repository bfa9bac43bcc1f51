// SPDX-License-Identifier: GPL-3.0-or-later
/* The store: the schema's double-booking guard, migrations, search,
 * the append-only audit log and all-or-nothing application. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/outbox_keep.h"
#include "store/query.h"
#include "store/query_desk.h"
#include "store/row.h"
#include "store/schema_rebuild.h"

/* Runs sql on a bare handle; the test fails with SQLite's reason. */
static void raw_exec(sqlite3 *h, const char *sql)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
}

/* Runs sql on a bare handle; the test fails if SQLite takes it (a CHECK,
 * a reference or a unique key must refuse it). */
static void raw_refused(sqlite3 *h, const char *sql)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK)
		fail_msg("not refused: %s", sql);
}

static void test_schema_guard_refuses_raw_double_booking(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	char a[FD_ID_LEN], b[FD_ID_LEN];
	assert_int_equal(fx_book(db, "STD", "2026-12-01", "2026-12-03", 1, a, NULL, &err), FD_OK);
	assert_int_equal(fx_book(db, "STD", "2026-12-02", "2026-12-04", 1, b, NULL, &err), FD_OK);
	char payload[128];
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"101\"}", a);
	assert_int_equal(fx_op(db, NULL, "booking.assign_room", payload, NULL, &err), FD_OK);
	/* Bypass every rule in code: straight SQL. */
	char sql[256];
	snprintf(sql, sizeof sql, "UPDATE stay_nights SET room = '101' WHERE booking_id = '%s'", b);
	raw_refused(fd_db_handle(db), sql);
	assert_non_null(strstr(sqlite3_errmsg(fd_db_handle(db)), "UNIQUE"));
	snprintf(sql, sizeof sql, "INSERT INTO stay_nights VALUES ('%s', %d, 'STD', '101')", b,
	         fx_date("2026-12-02"));
	raw_refused(fd_db_handle(db), sql);
	fd_db_close(db);
}

/* A booking's first version is saved by an insert that leaves a row already
 * there alone (repo_sqlite.c put_booking): sent again at that version with
 * other dates and a room, as a sync replay may, it is saved in full and its
 * nights follow, none kept from before. */
static void test_first_version_saved_again(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	char id[FD_ID_LEN], q[256];
	assert_int_equal(fx_book(db, "STD", "2026-12-01", "2026-12-04", 1, id, NULL, &err), FD_OK);
	snprintf(q, sizeof q, "SELECT count(*) FROM stay_nights WHERE booking_id = '%s' AND room IS NULL",
	         id);
	assert_int_equal(fx_int(db, q), 3);
	const struct fd_repo *r = fd_db_repo(db);
	struct fd_booking b;
	assert_int_equal(r->get_booking(r->ctx, id, &b, &err), FD_OK);
	assert_int_equal(b.version, 1);
	b.arrival = fx_date("2026-12-02");
	b.departure = fx_date("2026-12-06");
	snprintf(b.room, sizeof b.room, "102");
	assert_int_equal(r->put_booking(r->ctx, &b, &err), FD_OK);
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM stay_nights WHERE booking_id = '%s' AND room = '102'"
	         " AND type_code = 'STD' AND night >= %d AND night < %d",
	         id, fx_date("2026-12-02"), fx_date("2026-12-06"));
	assert_int_equal(fx_int(db, q), 4);
	snprintf(q, sizeof q, "SELECT count(*) FROM stay_nights WHERE booking_id = '%s'", id);
	assert_int_equal(fx_int(db, q), 4);
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM bookings WHERE id = '%s' AND room = '102' AND arrival = %d"
	         " AND departure = %d",
	         id, fx_date("2026-12-02"), fx_date("2026-12-06"));
	assert_int_equal(fx_int(db, q), 1);
	/* Without foreign keys (the cache), nights may be kept of a booking no
	 * longer there: a new booking of that id holds its own nights alone. */
	const char *other = "00000000-0000-4000-8000-0000000000f1";
	raw_exec(fd_db_handle(db), "PRAGMA foreign_keys=OFF");
	snprintf(q, sizeof q,
	         "INSERT INTO stay_nights VALUES ('%s', %d, 'STD', '103'), ('%s', %d, 'DLX', '201')", other,
	         fx_date("2026-12-09"), other, fx_date("2026-12-10"));
	raw_exec(fd_db_handle(db), q);
	snprintf(b.id, sizeof b.id, "%s", other);
	snprintf(b.code, sizeof b.code, "ZZ0001");
	b.version = 1;
	b.arrival = fx_date("2026-12-10");
	b.departure = fx_date("2026-12-12");
	b.room[0] = '\0';
	assert_int_equal(r->put_booking(r->ctx, &b, &err), FD_OK);
	snprintf(
	    q, sizeof q,
	    "SELECT count(*) FROM stay_nights WHERE booking_id = '%s' AND room IS NULL AND type_code = 'STD'"
	    " AND night >= %d AND night < %d",
	    other, fx_date("2026-12-10"), fx_date("2026-12-12"));
	assert_int_equal(fx_int(db, q), 2);
	snprintf(q, sizeof q, "SELECT count(*) FROM stay_nights WHERE booking_id = '%s'", other);
	assert_int_equal(fx_int(db, q), 2);
	fd_db_close(db);
}

/* The nights of booking id held in room (of type, when not NULL). */
static int nights_in(struct fd_db *db, const char *id, const char *room, const char *type)
{
	char q[256];
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM stay_nights WHERE booking_id = '%s' AND room = '%s'"
	         " AND type_code = coalesce(%s%s%s, type_code)",
	         id, room, type ? "'" : "", type ? type : "NULL", type ? "'" : "");
	return fx_int(db, q);
}

/* The nights of type sold from arrival to departure (type_night_sold). */
static int sold(struct fd_db *db, const char *type, const char *from, const char *to)
{
	char q[256];
	snprintf(q, sizeof q,
	         "SELECT coalesce(sum(sold), 0) FROM type_night_sold WHERE type_code = '%s'"
	         " AND night >= %d AND night < %d",
	         type, fx_date(from), fx_date(to));
	return fx_int(db, q);
}

/* An assignment to a room of the booked type sets the nights' room alone
 * (repo_sqlite.c change_nights): SQLite rewrites the type index and checks
 * the count trigger of every column an UPDATE sets, changed or not. A
 * trigger of our own on the type column counts the rows whose type an
 * UPDATE sets. An upgrade sets both, and the kept counts follow. */
static void test_assignment_sets_room_alone(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	char id[FD_ID_LEN], payload[128];
	assert_int_equal(fx_book(db, "STD", "2026-12-01", "2026-12-04", 1, id, NULL, &err), FD_OK);
	raw_exec(fd_db_handle(db), "CREATE TEMP TABLE typed (n INTEGER);"
	                           " CREATE TEMP TRIGGER typed_au AFTER UPDATE OF type_code ON"
	                           " main.stay_nights BEGIN INSERT INTO typed VALUES (1); END");
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"101\"}", id);
	assert_int_equal(fx_op(db, NULL, "booking.assign_room", payload, NULL, &err), FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM typed"), 0);
	assert_int_equal(nights_in(db, id, "101", "STD"), 3);
	/* An upgrade: the nights count against the better room's type. */
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"201\"}", id);
	assert_int_equal(fx_op(db, NULL, "booking.move_room", payload, NULL, &err), FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM typed"), 3);
	assert_int_equal(nights_in(db, id, "201", "DLX"), 3);
	assert_int_equal(sold(db, "DLX", "2026-12-01", "2026-12-04"), 3);
	assert_int_equal(sold(db, "STD", "2026-12-01", "2026-12-04"), 0);
	/* Back to a room of the booked type: its type set again, once a night. */
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"102\"}", id);
	assert_int_equal(fx_op(db, NULL, "booking.move_room", payload, NULL, &err), FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM typed"), 6);
	assert_int_equal(nights_in(db, id, "102", "STD"), 3);
	/* And within the type: the room alone again. */
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"103\"}", id);
	assert_int_equal(fx_op(db, NULL, "booking.move_room", payload, NULL, &err), FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM typed"), 6);
	assert_int_equal(nights_in(db, id, "103", NULL), 3);
	fd_db_close(db);
}

/* The statements run, one a line (fd_db_profile). */
struct ran {
	char sql[16384];
	size_t len;
};

static void on_ran(void *ctx, const char *sql, int64_t ns)
{
	(void)ns;
	struct ran *r = ctx;
	int n = snprintf(r->sql + r->len, sizeof r->sql - r->len, "%s\n", sql ? sql : "");
	if (n > 0 && r->len + (size_t)n < sizeof r->sql)
		r->len += (size_t)n;
}

static int count_of(const char *text, const char *what)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* An assignment reads the booking's nights once and runs only the write
 * that changes them (repo_sqlite.c read_nights): no delete, no change of
 * type, no count. A change of dates still deletes the nights left behind
 * and adds those missing. */
static void test_assignment_writes_what_changes(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	char id[FD_ID_LEN], payload[160], q[256];
	assert_int_equal(fx_book(db, "STD", "2026-12-01", "2026-12-04", 1, id, NULL, &err), FD_OK);
	static struct ran ran;
	memset(&ran, 0, sizeof ran);
	fd_db_profile(db, on_ran, &ran);
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"101\"}", id);
	assert_int_equal(fx_op(db, NULL, "booking.assign_room", payload, NULL, &err), FD_OK);
	fd_db_profile(db, NULL, NULL);
	assert_int_equal(count_of(ran.sql, "UPDATE stay_nights SET room = "), 1);
	assert_int_equal(count_of(ran.sql, "DELETE FROM stay_nights"), 0);
	assert_int_equal(count_of(ran.sql, "UPDATE stay_nights SET type_code"), 0);
	assert_int_equal(count_of(ran.sql, "SELECT count(*) FROM stay_nights"), 0);
	/* The room is of the booked type: that type is read once. */
	assert_int_equal(count_of(ran.sql, "FROM room_types WHERE code = ?1"), 1);
	snprintf(q, sizeof q, "SELECT count(*) FROM stay_nights WHERE booking_id = '%s' AND room = '101'",
	         id);
	assert_int_equal(fx_int(db, q), 3);
	/* Dates moved a night later: the first night goes, one is added. */
	const struct fd_repo *r = fd_db_repo(db);
	struct fd_booking b;
	assert_int_equal(r->get_booking(r->ctx, id, &b, &err), FD_OK);
	b.arrival = fx_date("2026-12-02");
	b.departure = fx_date("2026-12-05");
	b.version++;
	assert_int_equal(r->put_booking(r->ctx, &b, &err), FD_OK);
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM stay_nights WHERE booking_id = '%s' AND room = '101'"
	         " AND night >= %d AND night < %d",
	         id, fx_date("2026-12-02"), fx_date("2026-12-05"));
	assert_int_equal(fx_int(db, q), 3);
	snprintf(q, sizeof q, "SELECT count(*) FROM stay_nights WHERE booking_id = '%s'", id);
	assert_int_equal(fx_int(db, q), 3);
	/* Cancelled: every night released. */
	b.status = FD_BOOKING_CANCELLED;
	b.version++;
	assert_int_equal(r->put_booking(r->ctx, &b, &err), FD_OK);
	assert_int_equal(fx_int(db, q), 0);
	fd_db_close(db);
}

/* A new booking's nights are added eight at a time, not one statement a
 * night (repo_sqlite.c write_nights: each statement on stay_nights opens
 * a statement journal copying the pages it touches), and still each once,
 * counted once for the type, and guarded: a stay over a room's nights
 * already held is refused and leaves nothing behind. */
static void test_new_nights_written_together(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	char id[FD_ID_LEN], q[256];
	static struct ran ran;
	memset(&ran, 0, sizeof ran);
	fd_db_profile(db, on_ran, &ran);
	assert_int_equal(fx_book(db, "STD", "2026-12-01", "2026-12-11", 1, id, NULL, &err), FD_OK);
	fd_db_profile(db, NULL, NULL);
	assert_int_equal(count_of(ran.sql, "INSERT INTO stay_nights"), 2); /* 8 nights, then 2 */
	snprintf(q, sizeof q,
	         "SELECT count(DISTINCT night) || '/' || min(night) || '/' || max(night) FROM stay_nights"
	         " WHERE booking_id = '%s' AND type_code = 'STD'",
	         id);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), q, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char want[64];
	snprintf(want, sizeof want, "10/%d/%d", fx_date("2026-12-01"), fx_date("2026-12-10"));
	assert_string_equal((const char *)sqlite3_column_text(s, 0), want);
	sqlite3_finalize(s);
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM type_night_sold WHERE type_code = 'STD' AND sold = 1"
	         " AND night >= %d AND night < %d",
	         fx_date("2026-12-01"), fx_date("2026-12-11"));
	assert_int_equal(fx_int(db, q), 10);
	assert_int_equal(fx_booking_op(db, NULL, "booking.assign_room", id, "\"room\":\"101\"", NULL, &err),
	                 FD_OK);
	/* Another booking written straight to the store over room 101's
	 * nights, past the rules: the unique index refuses it whole. */
	const struct fd_repo *r = fd_db_repo(db);
	struct fd_booking b;
	assert_int_equal(r->get_booking(r->ctx, id, &b, &err), FD_OK);
	char *before = fx_dump(db);
	snprintf(b.id, sizeof b.id, "%s", "88888888-8888-4888-8888-888888888888");
	snprintf(b.code, sizeof b.code, "%s", "ZZZZZZ");
	b.arrival = fx_date("2026-12-09");
	b.departure = fx_date("2026-12-20");
	b.version = 1;
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_not_equal(r->put_booking(r->ctx, &b, &err), FD_OK);
	fd_db_rollback(db);
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	fd_db_close(db);
}

/* Core step 56: no index on bookings(room) alone, which every booking
 * written kept too; the look-ups by room alone seek bookings_room_status
 * as they sought it, and the rest keep their plans. */
static void test_bookings_by_room_without_own_index(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	assert_int_equal(fx_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'bookings_room'"), 0);
	static const char *const q[][2] = {
	    {"SELECT id FROM bookings WHERE room = ?1", "bookings_room_status (room=?)"},
	    {"SELECT code FROM bookings b WHERE b.room = ?1 AND b.status = 'checked_in' LIMIT 1",
	     "bookings_room_status (room=? AND status=?)"},
	    {"SELECT 1 FROM bookings b WHERE b.room = ?1 AND +b.status = 'reserved' AND b.arrival = ?2",
	     "bookings_arrival_room (arrival=? AND room=?)"},
	    {"SELECT code FROM bookings WHERE room = ?1 AND arrival = departure AND arrival BETWEEN ?2 AND "
	     "?3",
	     "bookings_day_use_room (room=? AND arrival>? AND arrival<?)"},
	};
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		char explain[512];
		snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", q[i][0]);
		sqlite3_stmt *s = NULL;
		assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), explain, -1, &s, NULL), SQLITE_OK);
		bool found = false;
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(s, 3);
			found = found || (strstr(d, "SEARCH") && strstr(d, q[i][1]));
		}
		sqlite3_finalize(s);
		if (!found)
			fail_msg("%s: no search by %s", q[i][0], q[i][1]);
	}
	fd_db_close(db);
}

/* How many temporary tables a statement opens, by its program. */
static int ephemeral_tables(struct fd_db *db, const char *sql)
{
	char explain[512];
	snprintf(explain, sizeof explain, "EXPLAIN %s", sql);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), explain, -1, &s, NULL), SQLITE_OK);
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW)
		n += strcmp((const char *)sqlite3_column_text(s, 1), "OpenEphemeral") == 0;
	sqlite3_finalize(s);
	return n;
}

/* Writing a booking keeps the board's index without a temporary table
 * (core step 55: its predicate without IN, which SQLite evaluated through
 * one it built each time), and the board's query of a room's stays still
 * reads that index. */
static void test_booking_write_builds_no_table(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	assert_int_equal(ephemeral_tables(db, "UPDATE bookings SET room = ?1 WHERE id = ?2"), 0);
	assert_int_equal(ephemeral_tables(db, "UPDATE bookings SET status = ?1 WHERE id = ?2"), 0);
	assert_int_equal(
	    ephemeral_tables(db, "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival,"
	                         " departure, adults, rate, status, source, version, updated_at)"
	                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, 0, ?8, 'web', 1, 0)"),
	    0);
	sqlite3_stmt *s = NULL;
	assert_int_equal(
	    sqlite3_prepare_v2(fd_db_handle(db),
	                       "EXPLAIN QUERY PLAN SELECT b.id FROM bookings b WHERE b.room = ?1"
	                       " AND b.arrival < ?2 AND " FD_BOARD_STAY_SQL("b.") " ORDER BY b.arrival DESC",
	                       -1, &s, NULL),
	    SQLITE_OK);
	bool board = false;
	while (sqlite3_step(s) == SQLITE_ROW)
		board = board || strstr((const char *)sqlite3_column_text(s, 3), "bookings_board") != NULL;
	sqlite3_finalize(s);
	assert_true(board);
	fd_db_close(db);
}

/* A guest inserted writes their name into their bookings only when they
 * have some (core step 57): guests_name_ai asks first, so a new guest's
 * insert skips the UPDATE, whose temporary table of the rows to change
 * SQLite builds even when there are none (VM steps do not show it: the
 * look-up costs as many). A booking that came before its guest (a
 * terminal's cache runs without foreign keys) still takes the guest's
 * name. */
static void test_new_guest_updates_no_bookings(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	assert_int_equal(fx_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'guests_name_ai'"
	                            " AND sql LIKE '%WHEN EXISTS (SELECT 1 FROM bookings WHERE guest_id ="
	                            " new.id)%'"),
	                 1);
	const char *early =
	    "PRAGMA foreign_keys = OFF;"
	    "INSERT INTO bookings (id, code, guest_id, type_code, arrival, departure, adults, rate,"
	    " status, version, updated_at) VALUES ('b-early', 'EARLY1', 'g-late', 'STD', 100, 102, 1,"
	    " 100, 'reserved', 1, 0);"
	    "INSERT INTO guests (id, family, given, version, updated_at)"
	    " VALUES ('g-late', 'Später', 'Jo', 1, 0);"
	    "PRAGMA foreign_keys = ON;";
	assert_int_equal(fd_db_exec(db, early, NULL), FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE id = 'b-early'"
	                            " AND guest_name = 'Später, Jo'"),
	                 1);
	fd_db_close(db);
}

static void test_refused_batch_changes_nothing(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	char *before = fx_dump(db);
	struct fd_op ops[2];
	struct fd_error err = {0};
	int failed = -1;
	for (int i = 0; i < 2; i++) {
		fd_op_init(&ops[i]);
		fd_op_prepare(&ops[i], "guest.create", "anna", "test");
	}
	ops[0].payload = cJSON_Parse("{\"id\":\"66666666-6666-4666-8666-666666666666\",\"family\":\"Ok\"}");
	ops[1].payload = cJSON_Parse("{\"id\":\"77777777-7777-4777-8777-777777777777\",\"family\":\"Bad\","
	                             "\"country\":\"Portugal\"}");
	assert_int_equal(fd_store_apply(db, ops, 2, FD_STORE_OUTBOX, NULL, &failed, &err), FD_E_INVALID);
	assert_int_equal(failed, 1);
	assert_string_equal(err.field, "country");
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	/* The refusal is recorded (who, what, why), without the refused payload. */
	sqlite3_stmt *q;
	assert_int_equal(
	    sqlite3_prepare_v2(fd_db_handle(db),
	                       "SELECT actor, type, code, payload FROM audit_log WHERE outcome = 'refused'",
	                       -1, &q, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "anna");
	assert_string_equal((const char *)sqlite3_column_text(q, 1), "guest.create");
	assert_string_equal((const char *)sqlite3_column_text(q, 2), err.code);
	assert_string_equal((const char *)sqlite3_column_text(q, 3), "{}");
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	free(before);
	free(after);
	for (int i = 0; i < 2; i++)
		fd_op_clear(&ops[i]);
	fd_db_close(db);
}

static void test_outbox_sequence_and_audit(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_op ops[3];
	struct fd_error err = {0};
	for (int i = 0; i < 3; i++) {
		char payload[128];
		fd_op_init(&ops[i]);
		fd_op_prepare(&ops[i], "room.set_flags", "anna", "desk-1");
		snprintf(payload, sizeof payload, "{\"room\":\"10%d\",\"dnd\":true}", i + 1);
		ops[i].payload = cJSON_Parse(payload);
	}
	assert_int_equal(fd_store_apply(db, ops, 3, FD_STORE_OUTBOX, NULL, NULL, &err), FD_OK);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(fd_db_handle(db), "SELECT device_seq FROM outbox ORDER BY device_seq", -1, &s,
	                   NULL);
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), i);
	}
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(fx_raw_int(fd_db_handle(db), "SELECT count(*) FROM audit_log WHERE actor = 'anna'"),
	                 3);
	/* The audit log cannot be rewritten. */
	raw_refused(fd_db_handle(db), "UPDATE audit_log SET actor = 'x'");
	raw_refused(fd_db_handle(db), "DELETE FROM audit_log");
	for (int i = 0; i < 3; i++)
		fd_op_clear(&ops[i]);
	fd_db_close(db);
}

struct found {
	int n;
	char codes[8][FD_CODE_LEN];
	char names[8][300];
};

static bool collect(void *ctx, const struct fd_booking_row *row)
{
	struct found *f = ctx;
	if (f->n < 8) {
		strcpy(f->codes[f->n], row->b.code);
		strcpy(f->names[f->n], row->guest_name);
	}
	f->n++;
	return true;
}

static void add_guest_booking(struct fd_db *db, const char *gid, const char *family, const char *given,
                              const char *code)
{
	char payload[512], bid[FD_ID_LEN];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"%s\",\"given\":\"%s\"}", gid, family,
	         given);
	assert_int_equal(fx_op(db, NULL, "guest.create", payload, NULL, NULL), FD_OK);
	snprintf(bid, sizeof bid, "b%s", gid + 1);
	snprintf(
	    payload, sizeof payload,
	    "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"DLX\",\"arrival\":\"2027-0%c-01\","
	    "\"departure\":\"2027-0%c-03\"}",
	    bid, code, gid, code[5], code[5]);
	assert_int_equal(fx_op(db, NULL, "booking.create", payload, NULL, NULL), FD_OK);
}

static void test_search_folds_case_and_accents(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	add_guest_booking(db, "a0000000-0000-4000-8000-000000000001", "Müller", "Jürgen", "MUL222");
	add_guest_booking(db, "a0000000-0000-4000-8000-000000000002", "Ødegaard", "Åse", "ODE223");
	add_guest_booking(db, "a0000000-0000-4000-8000-000000000003", "山田", "太郎", "YAM224");
	add_guest_booking(db, "a0000000-0000-4000-8000-000000000004", "Παπαδόπουλος", "Νίκος", "PAP225");
	const char *queries[][2] = {{"mull", "MUL222"},   {"MÜLLER", "MUL222"}, {"jurg", "MUL222"},
	                            {"odeg", "ODE223"},   {"山田", "YAM224"},   {"παπαδοπ", "PAP225"},
	                            {"pap225", "PAP225"}, {"mu", "MUL222"}};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		struct found f = {0};
		assert_int_equal(fd_query_find(db, queries[i][0], 10, collect, &f, NULL), FD_OK);
		if (f.n != 1)
			fail_msg("query %s found %d", queries[i][0], f.n);
		assert_string_equal(f.codes[0], queries[i][1]);
	}
	/* FTS syntax in the text is just text. */
	struct found f = {0};
	assert_int_equal(fd_query_find(db, "\" OR * NEAR(", 10, collect, &f, NULL), FD_OK);
	assert_int_equal(f.n, 0);
	fd_db_close(db);
}

static char *temp_db(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/fd-test-store-%d.db", (int)getpid());
	unlink(buf);
	return buf;
}

static void remove_db(const char *path)
{
	char p[300];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* A new store at a new temporary path (written to path), migrated to the
 * last step; the test fails if it cannot be made. */
static struct fd_db *store_create(char *path, size_t size)
{
	struct fd_error err = {0};
	temp_db(path, size);
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db)
		fail_msg("create: %s", err.message);
	return db;
}

/* A bare handle on the file, beside the store: what an older frontdesk
 * left is written through it. */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	return raw;
}

/* A new database file of the last step at path, and a bare handle on it:
 * the migration tests take it back a step by hand through it. */
static sqlite3 *raw_new(char *path, size_t size)
{
	fd_db_close(store_create(path, size));
	return raw_open(path);
}

/* Closed and opened again: an edit of sqlite_master under writable_schema
 * takes effect on a new connection only. */
static sqlite3 *raw_reopen(sqlite3 *raw, const char *path)
{
	sqlite3_close(raw);
	return raw_open(path);
}

/* Back before core step n: as an older frontdesk left the database. */
static void step_undo(sqlite3 *raw, int step)
{
	char sql[128];
	snprintf(sql, sizeof sql, "DELETE FROM schema_migrations WHERE chain = 'core' AND version = %d",
	         step);
	raw_exec(raw, sql);
}

/* Core step n has run (once). */
static void assert_step_done(sqlite3 *h, int step)
{
	char sql[128];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM schema_migrations WHERE chain = 'core' AND version = %d", step);
	assert_int_equal(fx_raw_int(h, sql), 1);
}

/* Rows the migration tests write by hand, as an older frontdesk left them:
 * a room type, room 101, a guest, booking b1 (rowid 77) in 101 for two
 * nights, and its folio. */
#define SQL_TYPE_STD                                                                                         \
	"INSERT INTO room_types (code, id, name, max_occupancy, base_rate, version,"                         \
	" updated_at) VALUES ('STD', 't1', 'Standard', 2, 100, 1, 0);"
#define SQL_ROOM_101                                                                                         \
	"INSERT INTO rooms (number, id, type_code, floor, clean, maint, version,"                            \
	" updated_at) VALUES ('101', 'r1', 'STD', 1, 'clean', 'none', 1, 0);"
#define SQL_GUEST_G1 "INSERT INTO guests (id, family, version, updated_at) VALUES ('g1', 'Old', 1, 0);"
#define SQL_BOOKING_B1(status)                                                                               \
	"INSERT INTO bookings (rowid, id, code, guest_id, type_code, room, arrival,"                         \
	" departure, adults, rate, status, version, updated_at) VALUES (77, 'b1',"                           \
	" 'AAAAAA', 'g1', 'STD', '101', 100, 102, 1, 100, '" status "', 1, 0);"                              \
	"INSERT INTO stay_nights VALUES ('b1', 100, 'STD', '101'), ('b1', 101, 'STD', '101');"
#define SQL_FOLIO_F1                                                                                         \
	"INSERT INTO folios (id, booking_id, kind, name, version, updated_at)"                               \
	" VALUES ('f1', 'b1', 'guest', 'Old', 1, 0);"

/* The store on the file, migrating it; the test fails on a refusal. */
static struct fd_db *store_open(const char *path)
{
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, 0, &err);
	if (!db)
		fail_msg("open: %s", err.message);
	return db;
}

static void test_migration_from_v1_fills_search(void **state)
{
	(void)state;
	char path[256];
	temp_db(path, sizeof path);
	/* Build a version-1 database by hand, as an older frontdesk left it. */
	sqlite3 *raw = raw_open(path);
	int n;
	const struct fd_migration *steps = fd_core_migrations(&n);
	assert_true(n >= 2);
	raw_exec(raw, "CREATE TABLE schema_migrations (chain TEXT NOT NULL, version INTEGER NOT NULL,"
	              " applied_at INTEGER NOT NULL, PRIMARY KEY (chain, version))");
	raw_exec(raw, steps[0].sql);
	raw_exec(raw, "INSERT INTO schema_migrations VALUES ('core', 1, 0);"
	              "INSERT INTO guests (id, family, given, version, updated_at)"
	              " VALUES ('g1', 'García', 'Inés', 1, 0);");
	sqlite3_close(raw);

	struct fd_db *db = store_open(path);
	assert_int_equal(fd_db_schema_version(db, "core"), steps[n - 1].version);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(fd_db_handle(db), "SELECT search_key FROM guests WHERE id = 'g1'", -1, &s, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "garcia ines");
	sqlite3_finalize(s);
	fd_db_close(db);
	remove_db(path);
}

static void test_every_migration_from_empty(void **state)
{
	(void)state;
	char path[256];
	struct fd_db *db = store_create(path, sizeof path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	int n;
	const struct fd_migration *steps = fd_core_migrations(&n);
	assert_int_equal(fd_db_schema_version(db, "core"), steps[n - 1].version);
	fd_db_close(db);
	/* Opening again is a no-op. */
	fd_db_close(store_open(path));
	remove_db(path);
}

static int64_t queue_flags(struct fd_db *db, const char *room)
{
	char payload[128];
	struct fd_op op;
	struct fd_error err = {0};
	fd_op_init(&op);
	fd_op_prepare(&op, "room.set_flags", "anna", "desk-1");
	snprintf(payload, sizeof payload, "{\"room\":\"%s\",\"dnd\":true}", room);
	op.payload = cJSON_Parse(payload);
	if (fd_store_apply(db, &op, 1, FD_STORE_OUTBOX, NULL, NULL, &err))
		fail_msg("queue: %s", err.message);
	int64_t seq = op.device_seq;
	fd_op_clear(&op);
	return seq;
}

/* An operation's op_id sorts after the ones made before it (a UUID v7):
 * the outbox's op_id index then grows at its end. */
static void test_op_ids_sort_in_time_order(void **state)
{
	(void)state;
	fd_ids_init();
	struct fd_op a, b;
	for (int i = 0; i < 20; i++) {
		fd_op_init(&a);
		fd_op_init(&b);
		fd_op_prepare(&a, "room.set_clean", "anna", "desk-1");
		if (i % 2)
			nanosleep(&(struct timespec){.tv_nsec = 1500000}, NULL);
		fd_op_prepare(&b, "room.set_clean", "anna", "desk-1");
		if (strcmp(a.op_id, b.op_id) >= 0)
			fail_msg("%s made before %s", a.op_id, b.op_id);
		assert_int_equal(a.op_id[14], '7');
		assert_true(strchr("89ab", a.op_id[19]) != NULL);
		fd_op_clear(&a);
		fd_op_clear(&b);
	}
}

/* The server takes a device_seq it has seen for a replay: the numbering
 * goes on past operations the outbox has forgotten, and past the number a
 * database from before kept in meta. */
static void test_outbox_sequence_survives_prune(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	for (int i = 1; i <= 3; i++)
		assert_int_equal(queue_flags(db, "101"), i);
	sqlite3 *h = fd_db_handle(db);
	raw_exec(h, "UPDATE outbox SET state = 'applied', overlaid = 0");
	assert_int_equal(fd_outbox_prune(db, INT64_MAX, &err), FD_OK);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM outbox"), 0);
	assert_int_equal(queue_flags(db, "102"), 4);
	/* A database whose meta is ahead of its outbox. */
	raw_exec(h, "UPDATE meta SET value = '41' WHERE key = 'device_seq'");
	assert_int_equal(queue_flags(db, "103"), 42);
	assert_int_equal(queue_flags(db, "101"), 43);
	fd_db_close(db);
}

static int count_frames(void *ctx, sqlite3 *h, const char *name, int frames)
{
	(void)h;
	(void)name;
	*(int *)ctx = frames;
	return SQLITE_OK;
}

/* Every page an operation touches is written to the WAL, checksummed and
 * waited for at its synchronous commit: queueing one touches the room,
 * the audit log (row, entity index, AUTOINCREMENT counter) and the outbox
 * (row, op_id and overlay indexes), and nothing else. */
static void test_queued_operation_pages(void **state)
{
	(void)state;
	char path[256];
	temp_db(path, sizeof path);
	struct fd_db *mem = fx_hotel();
	char *sql = sqlite3_mprintf("VACUUM INTO %Q", path);
	raw_exec(fd_db_handle(mem), sql);
	sqlite3_free(sql);
	fd_db_close(mem);
	struct fd_db *db = store_open(path);
	int frames = 0, least = INT32_MAX;
	/* (the hook replaces the auto-checkpoint: the WAL only grows here) */
	sqlite3_wal_hook(fd_db_handle(db), count_frames, &frames);
	queue_flags(db, "101");
	/* The fewest of several: a commit that splits a page or grows the
	 * file writes more. */
	for (int i = 0; i < 6; i++) {
		int before = frames;
		queue_flags(db, i % 2 ? "101" : "102");
		if (frames - before < least)
			least = frames - before;
	}
	if (least > 7)
		fail_msg("queueing an operation wrote %d pages", least);
	fd_db_close(db);
	remove_db(path);
}

/* Core step 14 rebuilds the bookings table to allow day-use stays: every
 * row, rowid, index, night and folio that refers to a booking survives,
 * and foreign keys are on again afterwards. */
static void test_migration_14_keeps_bookings(void **state)
{
	(void)state;
	/* A day-use stay: refused before step 14, taken after it. */
	static const char day_use[] =
	    "INSERT INTO bookings (id, code, guest_id, type_code, arrival, departure,"
	    " adults, rate, status, version, updated_at) VALUES ('b2', 'BBBBBB', 'g1',"
	    " 'STD', 100, 100, 1, 0, 'reserved', 1, 0)";
	char path[256];
	struct fd_db *db = store_create(path, sizeof path);
	raw_exec(fd_db_handle(db),
	         SQL_TYPE_STD SQL_ROOM_101 SQL_GUEST_G1 SQL_BOOKING_B1("reserved") SQL_FOLIO_F1);
	fd_db_close(db);
	/* Back to the schema before step 14, as an older frontdesk left it. */
	sqlite3 *raw = raw_open(path);
	int64_t indexes = fx_raw_int(
	    raw, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings'");
	raw_exec(raw, "PRAGMA writable_schema = ON;"
	              "UPDATE sqlite_master SET sql = replace(sql, 'departure >= arrival',"
	              " 'departure > arrival') WHERE name = 'bookings';");
	step_undo(raw, 14);
	raw = raw_reopen(raw, path);
	raw_refused(raw, day_use);
	sqlite3_close(raw);

	db = store_open(path);
	sqlite3 *h = fd_db_handle(db);
	assert_step_done(h, 14);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM bookings WHERE id = 'b1'"), 77);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM stay_nights WHERE booking_id = 'b1'"), 2);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM folios WHERE booking_id = 'b1'"), 1);
	assert_int_equal(
	    fx_raw_int(h,
	               "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings'"),
	    indexes);
	assert_int_equal(fx_raw_int(h, "PRAGMA foreign_keys"), 1);
	raw_exec(h, day_use);
	raw_refused(h, "INSERT INTO bookings (id, code, guest_id, type_code, arrival, departure,"
	               " adults, rate, status, version, updated_at) VALUES ('b3', 'CCCCCC', 'g1',"
	               " 'STD', 100, 99, 1, 0, 'reserved', 1, 0)");
	/* The references are enforced again: a booking with nights cannot go. */
	raw_refused(h, "DELETE FROM bookings WHERE id = 'b1'");
	fd_db_close(db);
	remove_db(path);
}

/* Core step 47 rewrites the rooms table's IN-list CHECKs as comparisons
 * (an IN list of more than two values cost every room write a temporary
 * b-tree): a database of step 46 keeps its rooms with their rowids, the
 * counts of rooms per type, the indexes and triggers, the references from
 * stay_nights, and the same values are refused afterwards. */
static void test_migration_47_room_checks(void **state)
{
	(void)state;
	char path[256];
	sqlite3 *raw = raw_new(path, sizeof path);
	raw_exec(raw,
	         "PRAGMA writable_schema = ON;"
	         "UPDATE sqlite_master SET sql = replace(replace(sql,"
	         " 'clean = ''dirty'' OR clean = ''pickup'' OR clean = ''clean'' OR clean = ''inspected''',"
	         " 'clean IN (''dirty'',''pickup'',''clean'',''inspected'')'),"
	         " 'maint = ''none'' OR maint = ''oos'' OR maint = ''ooo''',"
	         " 'maint IN (''none'',''oos'',''ooo'')') WHERE name = 'rooms';");
	step_undo(raw, 47);
	raw = raw_reopen(raw, path);
	assert_int_equal(
	    fx_raw_int(raw, "SELECT count(*) FROM sqlite_master WHERE name = 'rooms'"
	                    " AND sql LIKE '%clean IN (''dirty'',''pickup'',''clean'',''inspected'')%'"
	                    " AND sql LIKE '%maint IN (''none'',''oos'',''ooo'')%'"),
	    1);
	int64_t others = fx_raw_int(raw, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'rooms'");
	raw_exec(
	    raw, SQL_TYPE_STD
	    "INSERT INTO rooms (rowid, number, id, type_code, floor, clean, maint, version,"
	    " updated_at) VALUES (5, '101', 'r1', 'STD', 1, 'clean', 'none', 1, 0),"
	    " (9, '102', 'r2', 'STD', 1, 'dirty', 'ooo', 1, 0);" SQL_GUEST_G1 SQL_BOOKING_B1("reserved"));
	sqlite3_close(raw);

	struct fd_db *db = store_open(path);
	sqlite3 *h = fd_db_handle(db);
	assert_step_done(h, 47);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM sqlite_master WHERE name = 'rooms'"
	                               " AND (sql LIKE '%clean IN%' OR sql LIKE '%maint IN%')"),
	                 0);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM rooms WHERE number = '101'"), 5);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM rooms WHERE number = '102'"), 9);
	assert_int_equal(fx_raw_int(h, "SELECT rooms FROM type_rooms WHERE type_code = 'STD'"), 2);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'rooms'"),
	                 others);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM stay_nights WHERE room = '101'"), 2);
	assert_int_equal(fx_raw_int(h, "PRAGMA foreign_keys"), 1);
	/* The same values pass and fail. */
	static const char *const bad[] = {
	    "UPDATE rooms SET clean = 'filthy' WHERE number = '101'",
	    "UPDATE rooms SET maint = 'broken' WHERE number = '101'",
	    "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version, updated_at)"
	    " VALUES ('103', 'r3', 'STD', 1, 'Clean', 'none', 1, 0)",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		raw_refused(h, bad[i]);
	raw_exec(h, "UPDATE rooms SET clean = 'inspected', maint = 'oos' WHERE number = '101';"
	            "UPDATE rooms SET clean = 'pickup', maint = 'none' WHERE number = '102';");
	/* Still refused: a room with nights cannot go; the count follows. */
	raw_refused(h, "DELETE FROM rooms WHERE number = '101'");
	raw_exec(h, "DELETE FROM rooms WHERE number = '102'");
	assert_int_equal(fx_raw_int(h, "SELECT rooms FROM type_rooms WHERE type_code = 'STD'"), 1);
	fd_db_close(db);
	remove_db(path);
}

/* Core step 48 rewrites every other IN-list CHECK of more than two values
 * as comparisons, as step 47 did the rooms table's: a database of step 47
 * keeps each table's rows with their rowids, its indexes and triggers, the
 * references to and from it, and the same values pass and are refused. */
static const struct {
	const char *table, *in_list, *compared;
} v48_checks[] = {
    {"bookings", "status IN ('reserved','checked_in','checked_out','cancelled','no_show')",
     "status = 'reserved' OR status = 'checked_in' OR status = 'checked_out' OR status = 'cancelled'"
     " OR status = 'no_show'"},
    {"staff", "role IN ('guest','staff','manager','admin')",
     "role = 'guest' OR role = 'staff' OR role = 'manager' OR role = 'admin'"},
    {"outbox", "state IN ('pending','applied','rejected')",
     "state = 'pending' OR state = 'applied' OR state = 'rejected'"},
    {"mail", "kind IN ('confirmation','invoice','link')",
     "kind = 'confirmation' OR kind = 'invoice' OR kind = 'link'"},
    {"mail", "state IN ('queued','sent','failed')", "state = 'queued' OR state = 'sent' OR state = 'failed'"},
    {"folio_lines", "kind IN ('charge','payment','refund','void','transfer')",
     "kind = 'charge' OR kind = 'payment' OR kind = 'refund' OR kind = 'void' OR kind = 'transfer'"},
    {"rate_plans", "kind IN ('public','corporate','hidden')",
     "kind = 'public' OR kind = 'corporate' OR kind = 'hidden'"},
};

static void test_migration_48_in_checks(void **state)
{
	(void)state;
	char path[256];
	/* Back to step 47: the IN lists as the tables were made. */
	sqlite3 *raw = raw_new(path, sizeof path);
	raw_exec(raw, "PRAGMA writable_schema = ON");
	for (size_t i = 0; i < sizeof v48_checks / sizeof *v48_checks; i++) {
		char *sql =
		    sqlite3_mprintf("UPDATE sqlite_master SET sql = replace(sql, %Q, %Q) WHERE name = %Q",
		                    v48_checks[i].compared, v48_checks[i].in_list, v48_checks[i].table);
		raw_exec(raw, sql);
		assert_int_equal(sqlite3_changes(raw), 1);
		sqlite3_free(sql);
	}
	step_undo(raw, 48);
	raw = raw_reopen(raw, path);
	for (size_t i = 0; i < sizeof v48_checks / sizeof *v48_checks; i++) {
		char *sql =
		    sqlite3_mprintf("SELECT count(*) FROM sqlite_master WHERE name = %Q AND instr(sql, %Q)",
		                    v48_checks[i].table, v48_checks[i].in_list);
		assert_int_equal(fx_raw_int(raw, sql), 1);
		sqlite3_free(sql);
	}
	int64_t others =
	    fx_raw_int(raw, "SELECT count(*) FROM sqlite_master WHERE tbl_name IN ('bookings', 'staff',"
	                    " 'outbox', 'mail', 'folio_lines', 'rate_plans')");
	raw_exec(raw, SQL_TYPE_STD SQL_ROOM_101 SQL_GUEST_G1 SQL_BOOKING_B1("checked_in") SQL_FOLIO_F1
	         "INSERT INTO folio_lines (seq, id, folio_id, kind, amount, date, voids, created_at,"
	         " version, updated_at) VALUES (41, 'l1', 'f1', 'charge', 100, 100, NULL, 0, 1, 0),"
	         " (42, 'l2', 'f1', 'void', -100, 100, 'l1', 0, 1, 0);"
	         "INSERT INTO staff (rowid, username, id, display_name, role, dept, version, updated_at)"
	         " VALUES (12, 'ann', 's1', 'Ann', 'manager', 'management', 1, 0);"
	         "INSERT INTO outbox (device_seq, op_id, type, actor, created_at, payload, state)"
	         " VALUES (31, 'o1', 'guest.update', 'ann', 0, '{\"id\":\"g1\"}', 'pending');"
	         "INSERT INTO mail (rowid, id, booking_id, kind, recipient, state, created_at, version,"
	         " updated_at) VALUES (21, 'm1', 'b1', 'link', 'a@example.org', 'failed', 0, 1, 0);"
	         "INSERT INTO rate_plans (rowid, code, id, name, kind, version, updated_at)"
	         " VALUES (8, 'BAR', 'p1', 'Best', 'hidden', 1, 0);");
	sqlite3_close(raw);

	struct fd_db *db = store_open(path);
	sqlite3 *h = fd_db_handle(db);
	assert_step_done(h, 48);
	for (size_t i = 0; i < sizeof v48_checks / sizeof *v48_checks; i++) {
		char *sql =
		    sqlite3_mprintf("SELECT count(*) FROM sqlite_master WHERE name = %Q AND instr(sql, %Q)",
		                    v48_checks[i].table, v48_checks[i].compared);
		assert_int_equal(fx_raw_int(h, sql), 1);
		sqlite3_free(sql);
	}
	assert_int_equal(
	    fx_raw_int(h, "SELECT count(*) FROM sqlite_master WHERE tbl_name IN ('bookings', 'staff',"
	                  " 'outbox', 'mail', 'folio_lines', 'rate_plans')"),
	    others);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM bookings WHERE id = 'b1'"), 77);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM staff WHERE id = 's1'"), 12);
	assert_int_equal(fx_raw_int(h, "SELECT device_seq FROM outbox WHERE op_id = 'o1'"), 31);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM mail WHERE id = 'm1'"), 21);
	assert_int_equal(fx_raw_int(h, "SELECT seq FROM folio_lines WHERE voids = 'l1'"), 42);
	assert_int_equal(fx_raw_int(h, "SELECT rowid FROM rate_plans WHERE code = 'BAR'"), 8);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM stay_nights WHERE booking_id = 'b1'"), 2);
	assert_int_equal(fx_raw_int(h, "PRAGMA foreign_keys"), 1);
	/* The same values are refused... */
	static const char *const bad[] = {
	    "UPDATE bookings SET status = 'gone' WHERE id = 'b1'",
	    "UPDATE bookings SET status = 'Reserved' WHERE id = 'b1'",
	    "UPDATE staff SET role = 'owner' WHERE id = 's1'",
	    "UPDATE outbox SET state = 'sent' WHERE op_id = 'o1'",
	    "UPDATE mail SET kind = 'letter' WHERE id = 'm1'",
	    "UPDATE mail SET state = 'pending' WHERE id = 'm1'",
	    "INSERT INTO folio_lines (id, folio_id, kind, amount, date, created_at, version,"
	    " updated_at) VALUES ('l4', 'f1', 'tip', 1, 100, 0, 1, 0)",
	    "UPDATE rate_plans SET kind = 'secret' WHERE code = 'BAR'",
	    "INSERT INTO outbox (device_seq, op_id, type, actor, created_at, payload, state)"
	    " VALUES (32, 'o2', 'room.update', 'ann', 0, '{}', '')",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (sqlite3_exec(h, bad[i], NULL, NULL, NULL) == SQLITE_OK ||
		    !strstr(sqlite3_errmsg(h), "CHECK constraint failed"))
			fail_msg("not refused by its CHECK: %s (%s)", bad[i], sqlite3_errmsg(h));
	/* ...and the same pass. */
	raw_exec(h, "UPDATE bookings SET status = 'checked_out' WHERE id = 'b1';"
	            "UPDATE staff SET role = 'admin' WHERE id = 's1';"
	            "UPDATE mail SET kind = 'invoice', state = 'sent' WHERE id = 'm1';"
	            "INSERT INTO folio_lines (id, folio_id, kind, amount, date, created_at, version,"
	            " updated_at) VALUES ('l5', 'f1', 'transfer', 1, 100, 0, 1, 0);"
	            "UPDATE rate_plans SET kind = 'corporate' WHERE code = 'BAR';");
	/* The triggers are back: settling an erased guest's operation blanks
	 * it (step 8's on outbox). */
	raw_exec(h, "UPDATE guests SET erased = 1 WHERE id = 'g1';"
	            "UPDATE outbox SET state = 'applied' WHERE op_id = 'o1';");
	assert_int_equal(fx_raw_int(h, "SELECT payload = '{}' FROM outbox WHERE op_id = 'o1'"), 1);
	/* The references are enforced again, to and from the rebuilt tables. */
	raw_refused(h, "DELETE FROM bookings WHERE id = 'b1'");
	raw_refused(h, "DELETE FROM folio_lines WHERE id = 'l1'");
	raw_refused(h, "INSERT INTO folio_lines (id, folio_id, kind, amount, date,"
	               " created_at, version, updated_at) VALUES ('l3', 'nofolio',"
	               " 'charge', 1, 100, 0, 1, 0)");
	fd_db_close(db);
	remove_db(path);
}

/* The rebuild keeps what the rows cannot carry: an AUTOINCREMENT counter
 * above the last row (numbers of deleted rows are never given again), the
 * indexes and triggers; a table that already has the new text, or lacks
 * the old, is left alone and told apart. */
static void test_rebuild_checks_keeps_counter(void **state)
{
	(void)state;
	char path[256];
	struct fd_error err = {0};
	struct fd_db *db = store_create(path, sizeof path);
	sqlite3 *h = fd_db_handle(db);
	raw_exec(h, "CREATE TABLE t (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	            " k TEXT NOT NULL CHECK (k IN ('a','b','c')));"
	            "CREATE INDEX t_k ON t(k);"
	            "CREATE TABLE t_log (k TEXT);"
	            "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN"
	            " INSERT INTO t_log VALUES (new.k); END;"
	            "INSERT INTO t (k) VALUES ('a'), ('b'), ('c');"
	            "DELETE FROM t WHERE seq = 3;");
	static const struct fd_check_swap swaps[] = {
	    {"CHECK (k IN ('a','b','c'))", "CHECK (k = 'a' OR k = 'b' OR k = 'c')"},
	};
	enum fd_rebuild_result r;
	assert_int_equal(fd_schema_rebuild_checks(db, "t", swaps, 1, &r, &err), FD_OK);
	assert_int_equal(r, FD_REBUILT);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM sqlite_master WHERE name = 't'"
	                               " AND instr(sql, 'k = ''a'' OR k = ''b'' OR k = ''c''')"),
	                 1);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM sqlite_master WHERE name IN ('t_k', 't_ai')"),
	                 2);
	raw_exec(h, "INSERT INTO t (k) VALUES ('c')");
	assert_int_equal(fx_raw_int(h, "SELECT max(seq) FROM t"), 4);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM t_log"), 4);
	raw_refused(h, "INSERT INTO t (k) VALUES ('d')");
	/* Again: already done; a table without the text: missing. */
	assert_int_equal(fd_schema_rebuild_checks(db, "t", swaps, 1, &r, &err), FD_OK);
	assert_int_equal(r, FD_REBUILD_ALREADY);
	assert_int_equal(fd_schema_rebuild_checks(db, "t_log", swaps, 1, &r, &err), FD_OK);
	assert_int_equal(r, FD_REBUILD_MISSING);
	fd_db_close(db);
	remove_db(path);
}

/* Core step 43 keeps the guest's name with each booking for the board:
 * a database of step 42 (as an older frontdesk left it, with bookings
 * written before the column existed) gets every booking's name filled,
 * the board's index with it, and the triggers that keep it. */
static void test_migration_43_fills_board_names(void **state)
{
	(void)state;
	char path[256];
	/* Back to step 42: the column, its index and triggers undone. */
	sqlite3 *raw = raw_new(path, sizeof path);
	raw_exec(raw, "DROP TRIGGER bookings_name_ai; DROP TRIGGER bookings_name_au;"
	              "DROP TRIGGER guests_name_ai; DROP TRIGGER guests_name_au; DROP TRIGGER guests_name_ad;"
	              "DROP INDEX bookings_board;"
	              "ALTER TABLE bookings DROP COLUMN guest_name;"
	              "CREATE INDEX bookings_board ON bookings(room, arrival, departure, status, id)"
	              " WHERE status IN ('reserved', 'checked_in', 'checked_out') AND arrival < departure;");
	raw_exec(raw, SQL_TYPE_STD SQL_ROOM_101
	         "INSERT INTO guests (id, family, given, version, updated_at)"
	         " VALUES ('g1', 'García', 'Inés', 1, 0), ('g2', 'Ng', '', 1, 0);"
	         "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival,"
	         " departure, adults, rate, status, version, updated_at) VALUES"
	         " ('b1', 'AAAAAA', 'g1', 'STD', '101', 100, 102, 1, 100, 'reserved', 1, 0),"
	         " ('b2', 'BBBBBB', 'g2', 'STD', '101', 102, 104, 1, 100, 'checked_in', 1, 0),"
	         " ('b3', 'CCCCCC', 'g1', 'STD', NULL, 110, 111, 1, 100, 'cancelled', 1, 0);");
	step_undo(raw, 43);
	sqlite3_close(raw);

	struct fd_db *db = store_open(path);
	sqlite3 *h = fd_db_handle(db);
	assert_step_done(h, 43);
	assert_int_equal(
	    fx_raw_int(h, "SELECT count(*) FROM bookings WHERE id = 'b1' AND guest_name = 'García, Inés'"),
	    1);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM bookings WHERE id = 'b2' AND guest_name = 'Ng'"),
	                 1);
	assert_int_equal(
	    fx_raw_int(h, "SELECT count(*) FROM bookings WHERE id = 'b3' AND guest_name = 'García, Inés'"),
	    1);
	assert_int_equal(
	    fx_raw_int(h,
	               "SELECT count(*) FROM pragma_index_info('bookings_board') WHERE name = 'guest_name'"),
	    1);
	assert_int_equal(
	    fx_raw_int(h,
	               "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_name_a_'"),
	    5);
	/* And the triggers keep it from now on. */
	raw_exec(h, "UPDATE guests SET family = 'Gómez' WHERE id = 'g1'");
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM bookings WHERE guest_name = 'Gómez, Inés'"), 2);
	fd_db_close(db);
	remove_db(path);
}

static void test_newer_database_is_refused(void **state)
{
	(void)state;
	char path[256];
	struct fd_error err = {0};
	struct fd_db *db = store_create(path, sizeof path);
	assert_int_equal(fd_db_exec(db, "INSERT INTO schema_migrations VALUES ('core', 999, 0)", &err),
	                 FD_OK);
	fd_db_close(db);
	db = fd_db_open(path, 0, &err);
	assert_null(db);
	assert_string_equal(err.code, "schema_too_new");
	assert_non_null(strstr(err.message, "newer"));
	remove_db(path);
}

static void test_new_booking_code_is_unused(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	char code[FD_CODE_LEN];
	/* Fill the store with codes, then every new one must be free and well formed. */
	for (int i = 0; i < 40; i++) {
		fd_store_new_booking_code(db, code);
		assert_int_equal(strlen(code), 6);
		for (int k = 0; k < 6; k++)
			assert_non_null(strchr("23456789ABCDEFGHJKMNPQRSTUVWXYZ", code[k]));
		char payload[256], gid[FD_ID_LEN], bid[FD_ID_LEN];
		snprintf(gid, sizeof gid, "c0000000-0000-4000-8000-%012d", i);
		snprintf(bid, sizeof bid, "d0000000-0000-4000-8000-%012d", i);
		snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"G\"}", gid);
		assert_int_equal(fx_op(db, NULL, "guest.create", payload, NULL, NULL), FD_OK);
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"STD\","
		         "\"arrival\":\"2028-01-%02d\",\"departure\":\"2028-01-%02d\"}",
		         bid, code, gid, 1 + i % 28, 2 + i % 28);
		enum fd_status st = fx_op(db, NULL, "booking.create", payload, NULL, NULL);
		assert_true(st == FD_OK ||
		            st == FD_E_CONFLICT); /* a full night is fine; a duplicate code is not */
		struct fd_booking b;
		const struct fd_repo *repo = fd_db_repo(db);
		if (st == FD_OK)
			assert_int_equal(repo->get_booking(repo->ctx, code, &b, NULL), FD_OK);
	}
	fd_db_close(db);
}

static bool count_types(void *ctx, const struct fd_room_type *t)
{
	(void)t;
	++*(int *)ctx;
	return true;
}

/* "err may be NULL" is a contract every function keeps: a failing query
 * given no err reports its status instead of dereferencing NULL. */
static void test_failures_without_err(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	raw_exec(fd_db_handle(db), "ALTER TABLE rooms RENAME TO rooms_gone;"
	                           " ALTER TABLE room_types RENAME TO room_types_gone");
	int n = 0;
	assert_int_not_equal(fd_query_room_count(db, 0, fx_date("2026-12-01"), &n, NULL), FD_OK);
	assert_int_not_equal(fd_query_room_types(db, count_types, &n, NULL), FD_OK);
	assert_int_equal(n, 0);
	fd_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_schema_guard_refuses_raw_double_booking),
	    cmocka_unit_test(test_refused_batch_changes_nothing),
	    cmocka_unit_test(test_first_version_saved_again),
	    cmocka_unit_test(test_assignment_sets_room_alone),
	    cmocka_unit_test(test_booking_write_builds_no_table),
	    cmocka_unit_test(test_new_nights_written_together),
	    cmocka_unit_test(test_bookings_by_room_without_own_index),
	    cmocka_unit_test(test_new_guest_updates_no_bookings),
	    cmocka_unit_test(test_assignment_writes_what_changes),
	    cmocka_unit_test(test_outbox_sequence_and_audit),
	    cmocka_unit_test(test_outbox_sequence_survives_prune),
	    cmocka_unit_test(test_queued_operation_pages),
	    cmocka_unit_test(test_op_ids_sort_in_time_order),
	    cmocka_unit_test(test_search_folds_case_and_accents),
	    cmocka_unit_test(test_migration_from_v1_fills_search),
	    cmocka_unit_test(test_every_migration_from_empty),
	    cmocka_unit_test(test_migration_14_keeps_bookings),
	    cmocka_unit_test(test_migration_43_fills_board_names),
	    cmocka_unit_test(test_migration_47_room_checks),
	    cmocka_unit_test(test_migration_48_in_checks),
	    cmocka_unit_test(test_rebuild_checks_keeps_counter),
	    cmocka_unit_test(test_newer_database_is_refused),
	    cmocka_unit_test(test_new_booking_code_is_unused),
	    cmocka_unit_test(test_failures_without_err),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
