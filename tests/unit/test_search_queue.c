// SPDX-License-Identifier: GPL-3.0-or-later
/* The search indexes of a batch of operations written once, before its
 * COMMIT (core step 50): every guest and booking of the batch is found
 * right after it, a search inside its transaction finds what it wrote so
 * far, renames and cancellations inside it leave the indexes right, and a
 * database of step 49 keeps finding what it held. */
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
#include <cjson/cJSON.h>

#include "fixture.h"
#include "store/db_internal.h"
#include "store/oplog.h"
#include "store/query.h"

static void sql_ok(struct fd_db *db, const char *sql)
{
	if (sqlite3_exec(fd_db_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(fd_db_handle(db)));
}

/* Both indexes agree with what they index (FTS5's own check). */
static void indexes_sound(struct fd_db *db)
{
	sql_ok(db, "INSERT INTO guest_search (guest_search) VALUES ('integrity-check');"
	           "INSERT INTO booking_search (booking_search) VALUES ('integrity-check')");
}

/* Leaves FTS5 has written to an index's newest level since it was made
 * (the structure record's write counter, after its cookie and an optional
 * version marker, the level and segment counts): one per segment a
 * statement's pending entries became, at the least. */
static uint64_t leaves_written(struct fd_db *db, const char *index)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT block FROM %s_data WHERE id = 10", index);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *p = sqlite3_column_blob(s, 0);
	int n = sqlite3_column_bytes(s, 0), i = 4;
	if (n >= 8 && p[4] == 0xff && p[5] == 0 && p[6] == 0 && p[7] == 1)
		i = 8;
	uint64_t v[3] = {0};
	for (int k = 0; k < 3; k++) {
		int len = 0;
		while (i < n && len < 8 && (p[i] & 0x80)) {
			v[k] = (v[k] << 7) | (p[i++] & 0x7f);
			len++;
		}
		assert_true(i < n);
		v[k] = len == 8 ? (v[k] << 8) | p[i++] : (v[k] << 7) | p[i++];
	}
	sqlite3_finalize(s);
	return v[2];
}

static bool count_guest(void *ctx, const struct fd_guest_row *row)
{
	(void)row;
	(*(int *)ctx)++;
	return true;
}

static int guests_found(struct fd_db *db, const char *text)
{
	int n = 0;
	struct fd_error err = {0};
	assert_int_equal(fd_query_guests(db, text, 50, count_guest, &n, &err), FD_OK);
	return n;
}

static bool count_booking(void *ctx, const struct fd_booking_row *row)
{
	(void)row;
	(*(int *)ctx)++;
	return true;
}

static int bookings_found(struct fd_db *db, const char *text)
{
	int n = 0;
	struct fd_error err = {0};
	assert_int_equal(fd_query_find(db, text, 50, count_booking, &n, &err), FD_OK);
	return n;
}

static void make_op(struct fd_op *op, const char *type, const char *json)
{
	fd_op_init(op);
	fd_op_prepare(op, type, "local", "test");
	op->payload = cJSON_Parse(json);
	assert_non_null(op->payload);
}

#define GUESTS 16

/* A guest and a booking of it per pair, the guests' names told apart by
 * two letters ("Vexbaa", "Vexbab", ...), all in one call. */
static void batch(struct fd_db *db, const char *prefix, int n)
{
	struct fd_op ops[2 * GUESTS];
	char json[512];
	assert_true(n <= GUESTS);
	for (int i = 0; i < n; i++) {
		char gid[FD_ID_LEN];
		snprintf(gid, sizeof gid, "%c%07d-0000-4000-8000-000000000001", prefix[3], i);
		snprintf(json, sizeof json, "{\"id\":\"%s\",\"family\":\"%s%c%c\",\"given\":\"Ada\"}", gid,
		         prefix, 'a' + i / 26, 'a' + i % 26);
		make_op(&ops[2 * i], "guest.create", json);
		snprintf(json, sizeof json,
		         "{\"id\":\"%c%07d-0000-4000-8000-000000000002\",\"code\":\"%c%c%04d\","
		         "\"guest_id\":\"%s\",\"type\":\"STD\",\"arrival\":\"2027-01-%02d\","
		         "\"departure\":\"2027-01-%02d\"}",
		         prefix[3], i, 'Q', prefix[3] - 'a' + 'A', i, gid, 1 + i, 2 + i);
		make_op(&ops[2 * i + 1], "booking.create", json);
	}
	struct fd_error err = {0};
	int failed = -1;
	enum fd_status st = fd_store_apply(db, ops, 2 * n, FD_APPLY_TRUSTED, NULL, &failed, &err);
	if (st)
		fail_msg("operation %d: %s", failed, err.message);
	for (int i = 0; i < 2 * n; i++)
		fd_op_clear(&ops[i]);
}

/* Every guest and booking of a batch is found right after it, and the
 * batch wrote each index once: at a segment per statement, 16 guests
 * and 16 bookings wrote 16 segments to each. */
static void test_batch_indexed_once(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	uint64_t g0 = leaves_written(db, "guest_search"), b0 = leaves_written(db, "booking_search");
	batch(db, "vexb", GUESTS);
	uint64_t g1 = leaves_written(db, "guest_search"), b1 = leaves_written(db, "booking_search");
	if (g1 - g0 > 2 || b1 - b0 > 2)
		fail_msg("a batch of %d guests wrote %llu leaves to guest_search, %llu to booking_search",
		         GUESTS, (unsigned long long)(g1 - g0), (unsigned long long)(b1 - b0));
	char name[16];
	for (int i = 0; i < GUESTS; i++) {
		snprintf(name, sizeof name, "vexb%c%c", 'a' + i / 26, 'a' + i % 26);
		assert_int_equal(guests_found(db, name), 1);
		assert_int_equal(bookings_found(db, name), 1);
	}
	assert_int_equal(guests_found(db, "vexb"), GUESTS);
	assert_int_equal(bookings_found(db, "vexb"), GUESTS);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_queue"), 0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_defer"), 0);
	indexes_sound(db);
	/* A refused batch leaves nothing queued or indexed. */
	struct fd_op ops[2];
	make_op(&ops[0], "guest.create",
	        "{\"id\":\"c0000000-0000-4000-8000-000000000001\",\"family\":\"Refusedname\"}");
	make_op(&ops[1], "booking.create",
	        "{\"id\":\"c0000000-0000-4000-8000-000000000002\",\"code\":\"QR0001\",\"guest_id\":"
	        "\"c0000000-0000-4000-8000-000000000001\",\"type\":\"NOPE\","
	        "\"arrival\":\"2027-01-01\",\"departure\":\"2027-01-02\"}");
	struct fd_error err = {0};
	assert_int_not_equal(fd_store_apply(db, ops, 2, FD_APPLY_TRUSTED, NULL, NULL, &err), FD_OK);
	fd_op_clear(&ops[0]);
	fd_op_clear(&ops[1]);
	assert_int_equal(guests_found(db, "refusedname"), 0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_queue"), 0);
	indexes_sound(db);
	fd_db_close(db);
}

static void apply_in(struct fd_db *db, const char *type, const char *json)
{
	struct fd_op op;
	struct fd_op_result res = {0};
	struct fd_error err = {0};
	make_op(&op, type, json);
	if (fd_op_apply(fd_db_repo(db), &op, FD_APPLY_TRUSTED, &res, &err))
		fail_msg("%s: %s", type, err.message);
	fd_op_clear(&op);
}

/* Inside a transaction that queues its entries, as a batch's does: a
 * search finds what was written so far, and a guest renamed, a booking
 * cancelled and a guest deleted after being queued leave both indexes
 * as they would have been written at once. */
static void test_search_inside_batch(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_search_defer(db, &err), FD_OK);
	apply_in(db, "guest.create",
	         "{\"id\":\"d0000000-0000-4000-8000-000000000001\",\"family\":\"Quillfeather\"}");
	apply_in(db, "booking.create",
	         "{\"id\":\"e0000000-0000-4000-8000-000000000001\",\"code\":\"QE0001\",\"guest_id\":"
	         "\"d0000000-0000-4000-8000-000000000001\",\"type\":\"STD\",\"arrival\":\"2027-02-01\","
	         "\"departure\":\"2027-02-03\"}");
	assert_true(fx_int(db, "SELECT count(*) FROM search_queue") > 0);
	assert_int_equal(guests_found(db, "quillfeat"), 1);
	assert_int_equal(bookings_found(db, "quillfeat"), 1);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_queue"), 0);

	apply_in(db, "guest.create",
	         "{\"id\":\"d0000000-0000-4000-8000-000000000002\",\"family\":\"Marwoodly\"}");
	apply_in(db, "booking.create",
	         "{\"id\":\"e0000000-0000-4000-8000-000000000002\",\"code\":\"QE0002\",\"guest_id\":"
	         "\"d0000000-0000-4000-8000-000000000002\",\"type\":\"STD\",\"arrival\":\"2027-02-05\","
	         "\"departure\":\"2027-02-06\"}");
	apply_in(db, "guest.update",
	         "{\"guest\":\"d0000000-0000-4000-8000-000000000002\",\"family\":\"Tarwoodly\"}");
	apply_in(db, "guest.create",
	         "{\"id\":\"d0000000-0000-4000-8000-000000000003\",\"family\":\"Gonewithit\"}");
	apply_in(db, "booking.create",
	         "{\"id\":\"e0000000-0000-4000-8000-000000000003\",\"code\":\"QE0003\",\"guest_id\":"
	         "\"d0000000-0000-4000-8000-000000000001\",\"type\":\"STD\",\"arrival\":\"2027-02-10\","
	         "\"departure\":\"2027-02-11\"}");
	apply_in(db, "booking.cancel", "{\"booking\":\"e0000000-0000-4000-8000-000000000003\"}");
	sql_ok(db, "DELETE FROM guests WHERE id = 'd0000000-0000-4000-8000-000000000003'");
	apply_in(db, "guest.create",
	         "{\"id\":\"d0000000-0000-4000-8000-000000000004\",\"family\":\"Lastqueued\"}");
	assert_int_equal(fd_search_undefer(db, &err), FD_OK);
	assert_int_equal(fd_db_commit(db, &err), FD_OK);

	assert_int_equal(guests_found(db, "marwoodly"), 0);
	assert_int_equal(bookings_found(db, "marwoodly"), 0);
	assert_int_equal(guests_found(db, "tarwoodly"), 1);
	assert_int_equal(bookings_found(db, "tarwoodly"), 1);
	assert_int_equal(guests_found(db, "gonewithit"), 0);
	assert_int_equal(guests_found(db, "lastqueued"), 1);
	assert_int_equal(bookings_found(db, "quillfeat"), 2);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_queue"), 0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_defer"), 0);
	indexes_sound(db);
	/* Written outside any batch, indexed at once as before. */
	sql_ok(db, "INSERT INTO guests (id, family, given, version, updated_at, search_key)"
	           " VALUES ('g-raw', 'Plainsql', '', 1, 0, 'plainsql')");
	assert_int_equal(guests_found(db, "plainsql"), 1);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM search_queue"), 0);
	fd_db_close(db);
}

/* A database of step 49 (as an older frontdesk left it, its guests and
 * bookings indexed by the triggers of steps 2 and 41) keeps finding them
 * after step 50, and what a batch writes afterwards is found too. */
static void test_upgrade_from_49(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof path, "/tmp/fd-test-search-queue-%d.db", (int)getpid());
	unlink(path);
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	assert_non_null(db);
	assert_int_equal(
	    fx_op(db, NULL, "property.update",
	          "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"Test\","
	          "\"currency\":\"EUR\",\"timezone\":\"Europe/Lisbon\",\"business_date\":\"" FX_TODAY "\"}",
	          NULL, &err),
	    FD_OK);
	/* Back to step 49: the insert triggers without their condition, the
	 * queue's triggers and tables gone. */
	sqlite3_stmt *s;
	assert_int_equal(
	    sqlite3_prepare_v2(fd_db_handle(db),
	                       "SELECT group_concat('DROP TRIGGER ' || name || ';"
	                       "' || replace(sql, ' WHEN NOT EXISTS (SELECT 1 FROM search_defer)', '')"
	                       " || ';', '') FROM sqlite_master WHERE type = 'trigger' AND name IN"
	                       " ('guests_ai', 'guests_search_bookings_ai', 'bookings_search_ai')",
	                       -1, &s, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *redo = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sql_ok(db, redo);
	free(redo);
	sql_ok(db, "DROP TRIGGER guests_ai_queue; DROP TRIGGER guests_search_bookings_ai_queue;"
	           "DROP TRIGGER bookings_search_ai_queue; DROP TABLE search_queue; DROP TABLE search_defer;"
	           "DELETE FROM schema_migrations WHERE chain = 'core' AND version = 50;"
	           "INSERT INTO room_types (code, id, name, max_occupancy, base_rate, version,"
	           " updated_at) VALUES ('STD', 't1', 'Standard', 2, 100, 1, 0);"
	           "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version,"
	           " updated_at) VALUES ('101', 'r1', 'STD', 1, 'clean', 'none', 1, 0);"
	           "INSERT INTO guests (id, family, given, version, updated_at, search_key)"
	           " VALUES ('g1', 'Oldhallow', 'Inés', 1, 0, 'oldhallow ines');"
	           "INSERT INTO bookings (id, code, guest_id, type_code, arrival, departure, adults, rate,"
	           " status, version, updated_at) VALUES"
	           " ('b1', 'AAAAAA', 'g1', 'STD', 100, 102, 1, 100, 'reserved', 1, 0);");
	assert_int_equal(fx_int(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_%'"), 0);
	fd_db_close(db);

	db = fd_db_open(path, 0, &err);
	if (!db)
		fail_msg("open: %s", err.message);
	assert_int_equal(
	    fx_int(db, "SELECT count(*) FROM schema_migrations WHERE chain = 'core' AND version = 50"), 1);
	assert_int_equal(guests_found(db, "oldhallow"), 1);
	assert_int_equal(bookings_found(db, "oldhallow"), 1);
	batch(db, "newb", 3);
	assert_int_equal(guests_found(db, "newb"), 3);
	assert_int_equal(bookings_found(db, "newb"), 3);
	/* A guest indexed before the upgrade renamed after it. */
	sql_ok(
	    db,
	    "UPDATE guests SET family = 'Renamedhollow', search_key = 'renamedhollow ines' WHERE id = 'g1'");
	assert_int_equal(guests_found(db, "oldhallow"), 0);
	assert_int_equal(bookings_found(db, "renamedhol"), 1);
	indexes_sound(db);
	fd_db_close(db);
	unlink(path);
	char p[300];
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_batch_indexed_once),
	    cmocka_unit_test(test_search_inside_batch),
	    cmocka_unit_test(test_upgrade_from_49),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
