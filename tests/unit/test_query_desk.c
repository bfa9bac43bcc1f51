// SPDX-License-Identifier: GPL-3.0-or-later
/* The UI's bounded queries on a small fixture hotel in a temporary file. */
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

#include "store/ids.h"
#include "store/query_desk.h"
#include "ui/fixture.h"

static char dir[64];
static char path[128];
static struct fd_db *db;
static const fd_date today = 20782; /* 2026-11-25 */

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_query_ui_XXXXXX");
	if (!mkdtemp(dir) || fd_ids_init() != 0)
		return -1;
	snprintf(path, sizeof path, "%s/frontdesk.db", dir);
	struct fd_error err = {0};
	db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db || ui_fixture_build(db, today, 30, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	fd_query_tune_for_screens(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fd_db_close(db);
	char f[160];
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
	return 0;
}

struct rooms {
	struct fd_room_row r[64];
	int n;
};

static bool add_room(void *ctx, const struct fd_room_row *row)
{
	struct rooms *rs = ctx;
	rs->r[rs->n++] = *row;
	return rs->n < 64;
}

struct bookings {
	struct fd_booking_row b[512];
	int n;
};

static bool add_booking(void *ctx, const struct fd_booking_row *row)
{
	struct bookings *bs = ctx;
	bs->b[bs->n++] = *row;
	return bs->n < 512;
}

static void test_rooms_paged_in_board_order(void **state)
{
	(void)state;
	int n = 0, idx = -1;
	assert_int_equal(fd_query_room_count(db, FD_ROOMS_BOARD, today, &n, NULL), FD_OK);
	assert_int_equal(n, 30);
	struct rooms rs = {.n = 0};
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_BOARD, today, 10, 5, add_room, &rs, NULL), FD_OK);
	assert_int_equal(rs.n, 5);
	assert_string_equal(rs.r[0].r.number, "201");
	assert_string_equal(rs.r[4].r.number, "205");
	assert_int_equal(fd_query_room_index(db, FD_ROOMS_BOARD, "201", &idx, NULL), FD_OK);
	assert_int_equal(idx, 10);
	assert_int_equal(fd_query_room_index(db, FD_ROOMS_BOARD, "999", &idx, NULL), FD_E_NOT_FOUND);
	/* By type: rank 0 (STD) rooms come first, then DBL, then STE. */
	rs.n = 0;
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_BY_TYPE, today, 0, 30, add_room, &rs, NULL), FD_OK);
	assert_int_equal(rs.n, 30);
	for (int i = 1; i < rs.n; i++)
		assert_false(strcmp(rs.r[i - 1].r.type_code, "STD") != 0 &&
		             strcmp(rs.r[i].r.type_code, "STD") == 0);
	assert_string_equal(rs.r[29].r.type_code, "STE");
	for (int i = 0; i < rs.n; i++) {
		assert_int_equal(fd_query_room_index(db, FD_ROOMS_BY_TYPE, rs.r[i].r.number, &idx, NULL),
		                 FD_OK);
		assert_int_equal(idx, i);
	}
}

static void test_board_page_only_holds_its_rooms(void **state)
{
	(void)state;
	struct bookings bs = {.n = 0};
	assert_int_equal(
	    fd_query_board_page(db, FD_ROOMS_BOARD, today - 3, today + 20, 10, 5, add_booking, &bs, NULL),
	    FD_OK);
	assert_true(bs.n > 5);
	for (int i = 0; i < bs.n; i++) {
		int room = atoi(bs.b[i].b.room);
		assert_true(room >= 201 && room <= 205);
		assert_true(bs.b[i].b.arrival < today + 20 && bs.b[i].b.departure > today - 3);
	}
}

static void test_hk_order_puts_departures_first(void **state)
{
	(void)state;
	struct rooms rs = {.n = 0};
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_HK, today, 0, 30, add_room, &rs, NULL), FD_OK);
	assert_int_equal(rs.n, 30);
	bool seen_other = false;
	int due = 0;
	for (int i = 0; i < rs.n; i++) {
		if (!rs.r[i].due_out)
			seen_other = true;
		else
			due++;
		assert_false(rs.r[i].due_out && seen_other);
	}
	assert_true(due > 0);
}

static void test_short_cjk_search(void **state)
{
	(void)state;
	struct bookings bs = {.n = 0};
	assert_int_equal(fd_query_find(db, "山", 50, add_booking, &bs, NULL), FD_OK);
	assert_true(bs.n > 0);
	for (int i = 0; i < bs.n; i++)
		assert_memory_equal(bs.b[i].guest_name, "山", strlen("山"));
	bs.n = 0;
	/* Case-insensitive (accent folding is the store's fold.c: "muller" does
	 * not find Müller yet). */
	assert_int_equal(fd_query_find(db, "MÜLLER", 50, add_booking, &bs, NULL), FD_OK);
	assert_true(bs.n > 0);
	assert_non_null(strstr(bs.b[0].guest_name, "Müller"));
}

static bool starts_ma(const char *word)
{
	return (word[0] == 'M' || word[0] == 'm') && word[1] == 'a';
}

/* The desk's search is the command line's: "ma" finds a given name
 * beginning "Ma" as well as a family name (it used to find only the
 * second kind on the terminal). Exactly the bookings of such guests. */
static void test_search_matches_given_names(void **state)
{
	(void)state;
	sqlite3_stmt *q;
	assert_int_equal(
	    sqlite3_prepare_v2(fd_db_handle(db),
	                       "SELECT count(*) FROM bookings b JOIN guests g ON g.id = b.guest_id"
	                       " WHERE lower(g.family) LIKE 'ma%' OR lower(g.given) LIKE 'ma%'",
	                       -1, &q, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int expected = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	struct bookings bs = {.n = 0};
	assert_int_equal(fd_query_find(db, "ma", 500, add_booking, &bs, NULL), FD_OK);
	assert_int_equal(bs.n, expected);
	int by_given = 0;
	for (int i = 0; i < bs.n; i++) {
		const char *name = bs.b[i].guest_name, *given = strstr(name, ", ");
		assert_non_null(given);
		assert_true(starts_ma(name) || starts_ma(given + 2));
		by_given += !starts_ma(name);
	}
	assert_true(by_given > 0);
}

struct hist {
	struct fd_history_row h[8];
	int n;
};

static bool add_hist(void *ctx, const struct fd_history_row *row)
{
	struct hist *h = ctx;
	h->h[h->n++] = *row;
	return h->n < 8;
}

static void test_history_newest_first(void **state)
{
	(void)state;
	struct bookings bs = {.n = 0};
	assert_int_equal(
	    fd_query_board_page(db, FD_ROOMS_BOARD, today - 3, today + 20, 0, 1, add_booking, &bs, NULL),
	    FD_OK);
	assert_true(bs.n > 0);
	struct hist h = {.n = 0};
	assert_int_equal(fd_query_history(db, bs.b[0].b.id, 8, add_hist, &h, NULL), FD_OK);
	assert_true(h.n >= 2);
	assert_string_equal(h.h[h.n - 1].type, "booking.create");
}

static void test_outbox_and_data_version(void **state)
{
	(void)state;
	int pending = -1, rejected = -1;
	assert_int_equal(fd_query_outbox(db, &pending, &rejected, NULL), FD_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(rejected, 0);
	int64_t v1 = 0, v2 = 0, v3 = 0;
	assert_int_equal(fd_query_data_version(db, &v1, NULL), FD_OK);
	assert_int_equal(fd_query_data_version(db, &v2, NULL), FD_OK);
	assert_true(v1 == v2);
	/* Another connection commits: the number moves. */
	struct fd_db *other = fd_db_open(path, 0, NULL);
	assert_non_null(other);
	assert_int_equal(fd_db_meta_set(other, "test_key", "x", NULL), FD_OK);
	fd_db_close(other);
	assert_int_equal(fd_query_data_version(db, &v3, NULL), FD_OK);
	assert_true(v3 != v2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rooms_paged_in_board_order),
	    cmocka_unit_test(test_board_page_only_holds_its_rooms),
	    cmocka_unit_test(test_hk_order_puts_departures_first),
	    cmocka_unit_test(test_short_cjk_search),
	    cmocka_unit_test(test_search_matches_given_names),
	    cmocka_unit_test(test_history_newest_first),
	    cmocka_unit_test(test_outbox_and_data_version),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
