// SPDX-License-Identifier: GPL-3.0-or-later
/* A whole hotel written at once (src/store/bulk.h, a terminal's snapshot):
 * the triggers that keep derived data are set aside and the data rebuilt
 * at the end; afterwards the guest search finds exactly the names now
 * present, the rooms-sold and rooms-per-type counts equal a recount, the
 * triggers are back and keep working, and a rollback leaves them in place. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "store/bulk.h"
#include "store/db_internal.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"

static int derived_triggers(struct fd_db *db)
{
	return fx_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN"
	                  " ('guests_ai', 'guests_ad', 'guests_au', 'stay_nights_sold_ai',"
	                  " 'stay_nights_sold_ad', 'stay_nights_sold_au', 'rooms_count_ai',"
	                  " 'rooms_count_ad', 'rooms_count_au')");
}

static void assert_counts_match(struct fd_db *db)
{
	assert_int_equal(fx_int(db, "SELECT count(*) FROM (SELECT type_code, night, sold FROM type_night_sold"
	                            " WHERE sold <> 0 EXCEPT SELECT type_code, night, count(*)"
	                            " FROM stay_nights GROUP BY type_code, night)"),
	                 0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM (SELECT type_code, night, count(*) FROM stay_nights"
	                            " GROUP BY type_code, night EXCEPT SELECT type_code, night, sold"
	                            " FROM type_night_sold)"),
	                 0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM (SELECT type_code, count(*) FROM rooms"
	                            " GROUP BY type_code EXCEPT SELECT type_code, rooms FROM type_rooms)"),
	                 0);
}

struct names {
	char list[8][272];
	int n;
};

static bool collect(void *ctx, const struct fd_guest_row *row)
{
	struct names *n = ctx;
	if (n->n < 8)
		snprintf(n->list[n->n++], sizeof n->list[0], "%s, %s", row->g.family, row->g.given);
	return true;
}

static int found(struct fd_db *db, const char *text, const char *want)
{
	struct names n = {0};
	struct fd_error err = {0};
	assert_int_equal(fd_query_guests(db, text, 8, collect, &n, &err), FD_OK);
	for (int i = 0; i < n.n; i++)
		if (strcmp(n.list[i], want) == 0)
			return n.n;
	return 0;
}

static void put_guest(struct fd_db *db, const char *id, const char *family, const char *given)
{
	struct fd_guest g = {0};
	snprintf(g.id, sizeof g.id, "%s", id);
	snprintf(g.family, sizeof g.family, "%s", family);
	snprintf(g.given, sizeof g.given, "%s", given);
	g.version = 1;
	struct fd_error err = {0};
	const struct fd_repo *r = fd_db_repo(db);
	assert_int_equal(r->put_guest(r->ctx, &g, &err), FD_OK);
}

static enum fd_status try_booking(struct fd_db *db, const char *guest_id, const char *room)
{
	struct fd_booking b = {0};
	fd_uuid_new(b.id);
	fd_store_new_booking_code(db, b.code);
	snprintf(b.guest_id, sizeof b.guest_id, "%s", guest_id);
	snprintf(b.type_code, sizeof b.type_code, "STD");
	snprintf(b.room, sizeof b.room, "%s", room);
	b.arrival = fx_date(FX_TODAY);
	b.departure = b.arrival + 3;
	b.adults = 1;
	b.status = FD_BOOKING_RESERVED;
	b.version = 1;
	struct fd_error err = {0};
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_booking(r->ctx, &b, &err);
}

static void put_booking(struct fd_db *db, const char *guest_id, const char *room)
{
	assert_int_equal(try_booking(db, guest_id, room), FD_OK);
}

static void test_bulk_rebuilds_search_and_counts(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	static const char g1[] = "00000000-0000-4000-8000-0000000000a1",
	                  g2[] = "00000000-0000-4000-8000-0000000000a2";
	put_guest(db, g1, "Lindqvist", "Karin");
	assert_true(found(db, "lindq", "Lindqvist, Karin"));
	assert_int_equal(derived_triggers(db), 9);

	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	assert_int_equal(derived_triggers(db), 0);
	put_guest(db, g1, "Öberg", "Karin"); /* renamed: the old name must go */
	put_guest(db, g2, "Müller", "José");
	put_booking(db, g2, "102");
	assert_int_equal(
	    fd_db_exec(db,
	               "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version,"
	               " updated_at) VALUES ('104', '00000000-0000-4000-8000-0000000000b4', 'STD',"
	               " 1, 'clean', 'none', 1, 0)",
	               &err),
	    FD_OK);
	assert_int_equal(fd_bulk_end(db, &err), FD_OK);
	assert_int_equal(fd_db_commit(db, &err), FD_OK);

	assert_int_equal(derived_triggers(db), 9);
	assert_int_equal(
	    fd_db_exec(db, "INSERT INTO guest_search(guest_search) VALUES ('integrity-check')", &err), FD_OK);
	assert_true(found(db, "jose mul", "Müller, José"));
	assert_true(found(db, "MÜLLER", "Müller, José"));
	assert_true(found(db, "oberg", "Öberg, Karin"));
	assert_false(found(db, "lindq", "Lindqvist, Karin"));
	assert_counts_match(db);
	assert_int_equal(fx_int(db, "SELECT rooms FROM type_rooms WHERE type_code = 'STD'"), 4);
	assert_int_equal(fx_int(db, "SELECT sold FROM type_night_sold WHERE type_code = 'STD' AND night = "
	                            "(SELECT min(night) FROM stay_nights)"),
	                 1);

	/* The triggers are back: a later write keeps everything in step. */
	put_guest(db, "00000000-0000-4000-8000-0000000000a3", "Παπαδόπουλος", "Νίκος");
	put_booking(db, "00000000-0000-4000-8000-0000000000a3", "103");
	assert_true(found(db, "παπαδ", "Παπαδόπουλος, Νίκος"));
	assert_counts_match(db);
	assert_int_equal(fx_int(db, "SELECT sold FROM type_night_sold WHERE type_code = 'STD' AND night = "
	                            "(SELECT min(night) FROM stay_nights)"),
	                 2);
	fd_db_close(db);
}

/* The guest's name kept with each booking (core step 43): its triggers
 * are set aside too, and the end fills the names of bookings whose guest
 * was renamed after them (a snapshot page of guests after one of
 * bookings); afterwards the triggers keep them again. */
static void test_bulk_fills_board_names(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	static const char g1[] = "00000000-0000-4000-8000-0000000000a1";
	static const char names[] = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN"
	                            " ('bookings_name_ai', 'bookings_name_au', 'guests_name_ai',"
	                            " 'guests_name_au', 'guests_name_ad')";
	assert_int_equal(fx_int(db, names), 5);
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	assert_int_equal(fx_int(db, names), 0);
	put_guest(db, g1, "Lindqvist", "Karin");
	put_booking(db, g1, "102");
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name = 'Lindqvist, Karin'"),
	                 1);
	put_guest(db, g1, "Öberg", "Karin");
	assert_int_equal(fd_bulk_end(db, &err), FD_OK);
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	assert_int_equal(fx_int(db, names), 5);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name = 'Öberg, Karin'"), 1);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name LIKE '%Lindqvist%'"), 0);
	put_guest(db, g1, "Sand", "Karin");
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name = 'Sand, Karin'"), 1);
	fd_db_close(db);
}

/* The names are filled only when one can be stale: a booking written
 * again with another guest (the upsert keeps the name it had) gets its new
 * guest's name, as does one whose guest came after it; bookings written
 * once after their guests keep the name they were written with. */
static void test_bulk_names_when_stale(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	static const char g1[] = "00000000-0000-4000-8000-0000000000a1",
	                  g2[] = "00000000-0000-4000-8000-0000000000a2";
	for (int guest_after = 0; guest_after < 2; guest_after++) {
		assert_int_equal(fd_db_begin(db, &err), FD_OK);
		assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
		assert_int_equal(fd_db_exec(db, "DELETE FROM stay_nights; DELETE FROM bookings", &err),
		                 FD_OK);
		put_guest(db, g1, "Lindqvist", "Karin");
		if (!guest_after)
			put_guest(db, g2, "Müller", "José");
		put_booking(db, g1, "102");
		struct fd_booking b = {0};
		const struct fd_repo *r = fd_db_repo(db);
		sqlite3_stmt *s;
		assert_int_equal(
		    sqlite3_prepare_v2(fd_db_handle(db), "SELECT code FROM bookings", -1, &s, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		char code[16];
		snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
		assert_int_equal(r->get_booking(r->ctx, code, &b, &err), FD_OK);
		snprintf(b.guest_id, sizeof b.guest_id, "%s", g2); /* written again, another guest */
		assert_int_equal(r->put_booking(r->ctx, &b, &err), FD_OK);
		if (guest_after)
			put_guest(db, g2, "Müller", "José");
		assert_int_equal(fd_bulk_end(db, &err), FD_OK);
		assert_int_equal(fd_db_commit(db, &err), FD_OK);
		assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings"), 1);
		assert_int_equal(
		    fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name = 'Müller, José'"), 1);
	}
	/* Written once, after their guests: the names they were written with. */
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	assert_int_equal(fd_db_exec(db, "DELETE FROM stay_nights; DELETE FROM bookings", &err), FD_OK);
	put_guest(db, g1, "Öberg", "Karin");
	put_booking(db, g1, "102");
	put_booking(db, g2, "103");
	assert_int_equal(fd_bulk_end(db, &err), FD_OK);
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name = 'Öberg, Karin'"), 1);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name = 'Müller, José'"), 1);
	fd_db_close(db);
}

static void test_bulk_rollback_keeps_triggers(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	char *before = fx_dump(db);
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	put_guest(db, "00000000-0000-4000-8000-0000000000a4", "Rollback", "Rita");
	fd_db_rollback(db);
	fd_bulk_abandon(db);
	assert_int_equal(derived_triggers(db), 9);
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* fd_bulk_end without a begin changes nothing. */
	assert_int_equal(fd_bulk_end(db, &err), FD_OK);
	put_guest(db, "00000000-0000-4000-8000-0000000000a5", "Later", "Lena");
	assert_true(found(db, "later", "Later, Lena"));
	fd_db_close(db);
}

static char *index_sql(struct fd_db *db)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db),
	                                    "SELECT group_concat(name || ':' || sql, char(10))"
	                                    " FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index'"
	                                    " AND sql IS NOT NULL ORDER BY name)",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *text = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return text;
}

/* The big tables' secondary indexes are set aside during the install and
 * built again at its end, the same ones; the double-booking guard (a
 * unique index) too (issue 18): built at the end, it refuses two holders
 * of a night whose order of writing it cannot tell (here a night written
 * by hand, and bookings there before the install), for the caller to write
 * the rows again with the guard kept, which refuses a second holder at
 * once as before. */
static void test_bulk_builds_indexes_after(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	static const char g1[] = "00000000-0000-4000-8000-0000000000c1";
	char *before = index_sql(db);
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	assert_int_equal(fx_int(db,
	                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
	                        " AND (sql NOT LIKE 'CREATE UNIQUE %' OR name = 'stay_nights_room_night')"
	                        " AND tbl_name IN ('bookings', 'stay_nights')"),
	                 0);
	assert_true(fd_bulk_guard_aside(db));
	put_guest(db, g1, "Index", "Ida");
	put_booking(db, g1, "102");
	assert_int_equal(fd_bulk_end(db, &err), FD_OK);
	assert_false(fd_bulk_guard_aside(db));
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	char *after = index_sql(db);
	assert_string_equal(before, after);
	assert_int_equal(
	    fx_int(db, "SELECT count(*) FROM bookings INDEXED BY bookings_guest_find WHERE guest_id = "
	               "'00000000-0000-4000-8000-0000000000c1'"),
	    1);
	free(after);

	/* A second holder of a night, the guard aside: refused at the end. */
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	put_booking(db, g1, "102"); /* the nights of the booking above */
	assert_int_equal(fd_bulk_end(db, &err), FD_E_BUSY);
	assert_string_equal(err.code, "bulk_redo");
	fd_db_rollback(db);
	fd_bulk_abandon(db);
	after = index_sql(db);
	assert_string_equal(before, after);
	free(after);

	/* The guard kept: it refuses the second holder as it is written. */
	fd_bulk_keep_guard(db, true);
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	assert_false(fd_bulk_guard_aside(db));
	assert_int_equal(
	    fx_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'stay_nights_room_night'"), 1);
	assert_int_equal(try_booking(db, g1, "102"), FD_E_CONFLICT);
	fd_db_rollback(db);
	fd_bulk_abandon(db);
	fd_bulk_keep_guard(db, false);

	/* A rollback puts them back as they were. */
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	fd_db_rollback(db);
	fd_bulk_abandon(db);
	after = index_sql(db);
	assert_string_equal(before, after);
	free(after);
	free(before);
	fd_db_close(db);
}

static const char bad_room[] = "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version,"
                               " updated_at) VALUES ('105', '00000000-0000-4000-8000-0000000000b5', 'STD',"
                               " 1, 'filthy', 'none', 1, 0)";

/* The CHECK constraints are judged once at the end of the install (not at
 * every insert): a row that breaks one (a room's cleanliness outside its
 * list, a booking's negative rate) fails fd_bulk_end, naming the table, and
 * the rollback leaves the cache as it was; outside an install every CHECK
 * applies at the insert again, a rollback's too. */
static void test_bulk_checks_at_end(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	static const char *const bad[] = {
	    bad_room,
	    "UPDATE bookings SET rate = -1 WHERE rowid = (SELECT min(rowid) FROM bookings)",
	};
	static const char *const table[] = {"rooms", "bookings"};
	put_guest(db, "00000000-0000-4000-8000-0000000000d1", "Booked", "Bea");
	put_booking(db, "00000000-0000-4000-8000-0000000000d1", "103");
	char *booked = fx_dump(db);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fd_db_begin(db, &err), FD_OK);
		assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
		put_guest(db, "00000000-0000-4000-8000-0000000000d2", "Check", "Carla");
		assert_int_equal(fd_db_exec(db, bad[i], &err), FD_OK);
		err = (struct fd_error){0};
		assert_int_equal(fd_bulk_end(db, &err), FD_E_INVALID);
		assert_string_equal(err.code, "check_failed");
		assert_non_null(strstr(err.message, table[i]));
		fd_db_rollback(db);
		char *after = fx_dump(db);
		assert_string_equal(booked, after);
		free(after);
		err = (struct fd_error){0};
		/* The CHECKs apply at the insert again. */
		assert_int_not_equal(fd_db_exec(db, bad_room, &err), FD_OK);
	}
	/* A rolled-back install turns them back on too. */
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_bulk_begin(db, &err), FD_OK);
	fd_db_rollback(db);
	fd_bulk_abandon(db);
	assert_int_not_equal(fd_db_exec(db, bad_room, &err), FD_OK);
	free(booked);
	fd_db_close(db);
}

/* A desk's connection keeps 16 MB of pages (store/db.c configure): the
 * pages of a search matching hundreds of guests stay between keystrokes. */
static void test_desk_page_cache(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	assert_int_equal(fx_int(db, "PRAGMA cache_size"), -16384);
	fd_db_close(db);
}

int main(void)
{
	fd_ids_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bulk_rebuilds_search_and_counts),
	    cmocka_unit_test(test_bulk_fills_board_names),
	    cmocka_unit_test(test_bulk_names_when_stale),
	    cmocka_unit_test(test_bulk_rollback_keeps_triggers),
	    cmocka_unit_test(test_desk_page_cache),
	    cmocka_unit_test(test_bulk_builds_indexes_after),
	    cmocka_unit_test(test_bulk_checks_at_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
