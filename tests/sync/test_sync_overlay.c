// SPDX-License-Identifier: GPL-3.0-or-later
/* The sync engine's local parts without a server: changeset recording in
 * fd_store_apply, the overlay's undo/redo around a feed page, settling, and
 * the back-off. A real SQLite file in a temporary directory. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/op.h"
#include "store/dump.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "sync/account.h"
#include "sync/sync_internal.h"

struct fx {
	char dir[64];
	char path[96];
	struct fd_db *db;
};

static void apply_json(struct fd_db *db, const char *type, const char *payload, unsigned flags,
                       enum fd_status want)
{
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, type, "local", "test");
	op.payload = cJSON_Parse(payload);
	assert_non_null(op.payload);
	struct fd_error err = {0};
	int failed;
	enum fd_status st = fd_store_apply(db, &op, 1, flags | FD_APPLY_TRUSTED, NULL, &failed, &err);
	if (st != want)
		fprintf(stderr, "%s: %s\n", type, err.message);
	assert_int_equal(st, want);
	fd_op_clear(&op);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/fd-overlay.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	struct fd_error err = {0};
	assert_int_equal(fd_ids_init(), 0);
	f->db = sync_db_open(f->path, &err);
	if (!f->db) {
		/* sync_db_open does not create: make the file first. */
		struct fd_db *c = fd_db_open(f->path, FD_DB_CREATE, &err);
		assert_non_null(c);
		fd_db_close(c);
		f->db = sync_db_open(f->path, &err);
	}
	assert_non_null(f->db);
	/* The "server state": a hotel with two rooms, no outbox. */
	apply_json(f->db, "property.update",
	           "{\"id\":\"00000000-0000-4000-8000-0000000000ff\",\"name\":\"T\",\"currency\":\"EUR\","
	           "\"timezone\":\"UTC\",\"business_date\":\"2026-11-25\"}",
	           0, FD_OK);
	apply_json(f->db, "room_type.create",
	           "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"code\":\"DBL\",\"name\":\"Double\","
	           "\"max_occupancy\":2,\"base_rate\":9000}",
	           0, FD_OK);
	apply_json(f->db, "room.create",
	           "{\"id\":\"00000000-0000-4000-8001-000000000204\",\"number\":\"204\",\"type\":\"DBL\"}", 0,
	           FD_OK);
	apply_json(f->db, "room.create",
	           "{\"id\":\"00000000-0000-4000-8001-000000000205\",\"number\":\"205\",\"type\":\"DBL\"}", 0,
	           FD_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	fd_db_close(f->db);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static char *dump(struct fd_db *db)
{
	char *text;
	struct fd_error err = {0};
	assert_int_equal(fd_dump_hotel(db, &text, &err), FD_OK);
	return text;
}

static int count(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(fd_db_handle(db)));
	assert_int_equal(rc, SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

#define GUEST "{\"id\":\"00000000-0000-4000-8002-000000000001\",\"family\":\"Silva\"}"
#define BOOKING                                                                                              \
	"{\"id\":\"00000000-0000-4000-8003-000000000001\",\"code\":\"AAAAAA\",\"guest_id\":"                 \
	"\"00000000-0000-4000-8002-000000000001\",\"type\":\"DBL\",\"arrival\":\"2026-11-26\","              \
	"\"departure\":\"2026-11-28\"}"
#define ASSIGN "{\"booking\":\"00000000-0000-4000-8003-000000000001\",\"room\":\"204\"}"

static void queue_local_booking(struct fd_db *db)
{
	apply_json(db, "guest.create", GUEST, FD_STORE_OUTBOX, FD_OK);
	apply_json(db, "booking.create", BOOKING, FD_STORE_OUTBOX, FD_OK);
	apply_json(db, "booking.assign_room", ASSIGN, FD_STORE_OUTBOX, FD_OK);
}

/* Each queued operation keeps a changeset; undoing them all gives back the
 * state before, byte for byte, and redoing gives the state after. */
static void test_undo_redo_exact(void **state)
{
	struct fx *f = *state;
	char *before = dump(f->db);
	queue_local_booking(f->db);
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox WHERE changeset IS NOT NULL"), 3);
	char *after = dump(f->db);
	assert_string_not_equal(before, after);
	struct fd_error err = {0};
	assert_int_equal(fd_db_begin(f->db, &err), FD_OK);
	assert_int_equal(sync_overlay_undo(f->db, &err), FD_OK);
	char *undone = dump(f->db);
	assert_string_equal(before, undone);
	assert_int_equal(count(f->db, "SELECT count(*) FROM stay_nights"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM guest_search WHERE guest_search MATCH 'silva'"),
	                 0);
	assert_int_equal(sync_overlay_redo(f->db, 0, &err), FD_OK);
	assert_int_equal(fd_db_commit(f->db, &err), FD_OK);
	char *redone = dump(f->db);
	assert_string_equal(after, redone);
	assert_int_equal(count(f->db, "SELECT count(*) FROM stay_nights WHERE room = '204'"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM guest_search WHERE guest_search MATCH 'silva'"),
	                 1);
	free(before);
	free(after);
	free(undone);
	free(redone);
}

/* A feed page in which another desk took room 204: the server state wins,
 * the pending assignment no longer applies locally and stays pending (the
 * server will judge it), the rest of the local work stays on top. */
static void test_page_beats_pending(void **state)
{
	struct fx *f = *state;
	queue_local_booking(f->db);
	const char *page =
	    "[{\"seq\":10,\"entity\":\"guest\",\"id\":\"g2\",\"state\":{\"id\":\"00000000-0000-4000-8002-"
	    "000000000099\","
	    "\"family\":\"Jones\",\"given\":\"Bob\",\"email\":\"\",\"phone\":\"\",\"country\":\"\","
	    "\"document\":\"\","
	    "\"notes\":\"\",\"vip\":0,\"erased\":0,\"version\":1}},"
	    "{\"seq\":11,\"entity\":\"booking\",\"id\":\"b2\",\"state\":{\"id\":\"00000000-0000-4000-8003-"
	    "000000000099\","
	    "\"code\":\"BBBBBB\",\"guest_id\":\"00000000-0000-4000-8002-000000000099\",\"type_code\":\"DBL\","
	    "\"room\":\"204\",\"arrival\":20418,\"departure\":20420,\"adults\":1,\"children\":0,\"rate\":"
	    "9000,"
	    "\"status\":\"reserved\",\"source\":\"\",\"notes\":\"\",\"eta\":\"\",\"late_checkin\":0,"
	    "\"version\":2}}]";
	cJSON *changes = cJSON_Parse(page);
	fd_date d;
	assert_true(fd_date_parse("2026-11-26", &d));
	/* make the server booking overlap the local one exactly */
	cJSON *b = cJSON_GetObjectItem(cJSON_GetArrayItem(changes, 1), "state");
	cJSON_ReplaceItemInObject(b, "arrival", cJSON_CreateNumber(d));
	cJSON_ReplaceItemInObject(b, "departure", cJSON_CreateNumber(d + 2));
	struct fd_error err = {0};
	assert_int_equal(sync_apply_page(f->db, changes, 11, &err), FD_OK);
	cJSON_Delete(changes);
	assert_int_equal(sync_meta_int(f->db, "sync_cursor", 0), 11);
	/* server booking holds 204; ours exists, unassigned */
	assert_int_equal(count(f->db, "SELECT count(*) FROM bookings WHERE code = 'BBBBBB' AND room = '204'"),
	                 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM bookings WHERE code = 'AAAAAA' AND room IS NULL"),
	                 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM stay_nights WHERE room = '204'"), 2);
	/* all three still pending; the assignment has no local effect now */
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox WHERE state = 'pending' AND overlaid = 1"),
	                 3);
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox WHERE type = 'booking.assign_room'"
	                              " AND changeset IS NULL"),
	                 1);

	/* The server applied the first two (seq 12) and refused the third
	 * (seq 13); once the cursor reaches them they leave the overlay. */
	assert_int_equal(fd_db_exec(f->db,
	                            "UPDATE outbox SET state = 'applied', result_seq = 12"
	                            " WHERE type <> 'booking.assign_room';"
	                            "UPDATE outbox SET state = 'rejected', result_seq = 13"
	                            " WHERE type = 'booking.assign_room'",
	                            &err),
	                 FD_OK);
	cJSON *empty = cJSON_CreateArray();
	assert_int_equal(sync_apply_page(f->db, empty, 12, &err), FD_OK);
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox WHERE overlaid = 1"), 1);
	assert_int_equal(sync_apply_page(f->db, empty, 13, &err), FD_OK);
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox WHERE overlaid = 1"), 0);
	cJSON_Delete(empty);
	/* Settled rows no longer hold changesets; the outbox keeps the record. */
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox WHERE changeset IS NOT NULL"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM outbox"), 3);
}

/* A deletion in the feed and an unknown entity (newer server). */
static void test_delete_and_unknown(void **state)
{
	struct fx *f = *state;
	struct fd_error err = {0};
	cJSON *c = cJSON_Parse("[{\"seq\":1,\"entity\":\"room\",\"id\":\"205\",\"deleted\":true},"
	                       "{\"seq\":2,\"entity\":\"spaceship\",\"id\":\"x\",\"state\":{}}]");
	assert_int_equal(sync_apply_page(f->db, c, 2, &err), FD_OK);
	cJSON_Delete(c);
	assert_int_equal(count(f->db, "SELECT count(*) FROM rooms"), 1);
	/* A malformed state stops the page and changes nothing. */
	c = cJSON_Parse("[{\"seq\":3,\"entity\":\"room\",\"id\":\"204\",\"deleted\":true},"
	                "{\"seq\":4,\"entity\":\"booking\",\"id\":\"b\",\"state\":{\"id\":\"b\",\"status\":"
	                "\"nonsense\"}}]");
	assert_int_not_equal(sync_apply_page(f->db, c, 4, &err), FD_OK);
	assert_string_equal(err.code, "bad_feed");
	cJSON_Delete(c);
	assert_int_equal(count(f->db, "SELECT count(*) FROM rooms"), 1);
	assert_int_equal(sync_meta_int(f->db, "sync_cursor", 0), 2);
}

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(sync_backoff_ms(0, 30000, 12345), 0);
	for (uint32_t r = 0; r < 1000; r += 7) {
		int d1 = sync_backoff_ms(1, 30000, r);
		assert_true(d1 >= 250 && d1 <= 500);
		int d3 = sync_backoff_ms(3, 30000, r);
		assert_true(d3 >= 1000 && d3 <= 2000);
		int dmax = sync_backoff_ms(40, 30000, r * 7919u);
		assert_true(dmax >= 15000 && dmax <= 30000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_undo_redo_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_page_beats_pending, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_delete_and_unknown, setup, teardown),
	    cmocka_unit_test(test_backoff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
