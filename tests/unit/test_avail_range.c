// SPDX-License-Identifier: GPL-3.0-or-later
/* Availability over a range in one statement (the SQLite store's
 * type_nights and type_days, which core/avail.h uses for the booking
 * rules) must count exactly what type_inventory and type_sold count night
 * by night, and type_day_sold day by day: on a
 * hotel with rooms created out of order, rooms out of order, an outside
 * calendar's blocks, a group block partly picked up, assigned, unassigned,
 * cancelled and day-use bookings, a booking left out (except_id), and after
 * random operations. The same hotel as tests/pg/avail_range.sh, so both
 * stores are held to the same figures. The interfaces' range query
 * (fd_query_available_nights) gives each night's inventory less sold. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/avail.h"
#include "fixture.h"
#include "store/db_internal.h"
#include "store/ids.h"
#include "store/query.h"

#define MAX_NIGHTS 64

static void sql(struct fd_db *db, const char *q)
{
	char *msg = NULL;
	if (sqlite3_exec(fd_db_handle(db), q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg);
}

static void op(struct fd_db *db, const char *type, const char *payload)
{
	struct fd_error err = {0};
	if (fx_op(db, NULL, type, payload, NULL, &err))
		fail_msg("%s %s: %s", type, payload, err.message);
}

static const char *book(struct fd_db *db, const char *type, const char *a, const char *d, char *id)
{
	struct fd_error err = {0};
	if (fx_book(db, type, a, d, 1, id, NULL, &err))
		fail_msg("booking %s %s..%s: %s", type, a, d, err.message);
	return id;
}

/* The day-use range call (type_days) and type_day_sold day by day over
 * [from, to), which must agree day by day; the range's figures in sold. */
static int day_uses[MAX_NIGHTS]; /* the day-use stays of the last days() */

static void days(struct fd_db *db, const char *type, const char *from, const char *to, const char *except_id,
                 int *sold)
{
	const struct fd_repo *repo = fd_db_repo(db);
	assert_non_null(repo->type_days);
	fd_date f = fx_date(from), t = fx_date(to);
	assert_true(t - f <= MAX_NIGHTS);
	int sold1[MAX_NIGHTS], sold2[MAX_NIGHTS], sold3[MAX_NIGHTS];
	struct fd_error err = {0};
	assert_int_equal(fd_avail_days_each(repo, type, f, t, except_id, sold1, &err), FD_OK);
	assert_int_equal(repo->type_days(repo->ctx, type, f, t, except_id ? except_id : "", sold2, &err),
	                 FD_OK);
	for (fd_date d = f; d < t; d++) {
		char day[FD_DATE_STRLEN];
		if (sold1[d - f] != sold2[d - f])
			fail_msg("%s day %s without '%s': day by day %d sold, range %d sold", type,
			         fd_date_format(d, day), except_id ? except_id : "", sold1[d - f],
			         sold2[d - f]);
	}
	/* Core's entry point takes the range call. */
	assert_int_equal(fd_avail_days(repo, type, f, t, except_id, sold3, &err), FD_OK);
	assert_memory_equal(sold3, sold1, sizeof *sold1 * (size_t)(t - f));
	/* The day-use stays alone (repo.h type_day_uses): part of the day's
	 * count, and with the night's sold count they bound it (booking.create
	 * counts only the days they do not clear). */
	assert_non_null(repo->type_day_uses);
	int uses[MAX_NIGHTS], night[MAX_NIGHTS];
	assert_int_equal(repo->type_day_uses(repo->ctx, type, f, t, except_id ? except_id : "", uses, &err),
	                 FD_OK);
	assert_int_equal(fd_avail_nights_each(repo, type, f, t, except_id, NULL, night, &err), FD_OK);
	for (fd_date d = f; d < t; d++) {
		char day[FD_DATE_STRLEN];
		if (uses[d - f] < 0 || uses[d - f] > sold1[d - f] ||
		    sold1[d - f] > night[d - f] + uses[d - f])
			fail_msg("%s day %s without '%s': %d sold during the day, %d day-use, %d the night",
			         type, fd_date_format(d, day), except_id ? except_id : "", sold1[d - f],
			         uses[d - f], night[d - f]);
	}
	memcpy(day_uses, uses, sizeof *uses * (size_t)(t - f));
	if (sold)
		memcpy(sold, sold2, sizeof *sold2 * (size_t)(t - f));
}

/* The range call and the night-by-night calls over [from, to), which
 * must agree night by night (and the day-use counts day by day); the
 * range's figures in inv and sold. */
static void range(struct fd_db *db, const char *type, const char *from, const char *to, const char *except_id,
                  int *inv, int *sold)
{
	const struct fd_repo *repo = fd_db_repo(db);
	assert_non_null(repo->type_nights);
	fd_date f = fx_date(from), t = fx_date(to);
	assert_true(t - f <= MAX_NIGHTS);
	int inv1[MAX_NIGHTS], sold1[MAX_NIGHTS], inv2[MAX_NIGHTS], sold2[MAX_NIGHTS];
	struct fd_error err = {0};
	days(db, type, from, to, except_id, NULL);
	assert_int_equal(fd_avail_nights_each(repo, type, f, t, except_id, inv1, sold1, &err), FD_OK);
	assert_int_equal(
	    repo->type_nights(repo->ctx, type, f, t, except_id ? except_id : "", inv2, sold2, &err), FD_OK);
	for (fd_date d = f; d < t; d++) {
		char day[FD_DATE_STRLEN];
		if (inv1[d - f] != inv2[d - f] || sold1[d - f] != sold2[d - f])
			fail_msg(
			    "%s %s without '%s': night by night %d rooms %d sold, range %d rooms %d sold",
			    type, fd_date_format(d, day), except_id ? except_id : "", inv1[d - f],
			    sold1[d - f], inv2[d - f], sold2[d - f]);
	}
	/* Core's entry point takes the range call, with either array left out. */
	int inv3[MAX_NIGHTS], sold3[MAX_NIGHTS];
	assert_int_equal(fd_avail_nights(repo, type, f, t, except_id, inv3, NULL, &err), FD_OK);
	assert_int_equal(fd_avail_nights(repo, type, f, t, except_id, NULL, sold3, &err), FD_OK);
	assert_memory_equal(inv3, inv1, sizeof *inv1 * (size_t)(t - f));
	assert_memory_equal(sold3, sold1, sizeof *sold1 * (size_t)(t - f));
	/* The interfaces' range query: free rooms, each night's as the
	 * one-night query answers it when nothing is left out. */
	if (!except_id || !*except_id) {
		int free_rooms[MAX_NIGHTS];
		assert_int_equal(fd_query_available_nights(db, type, f, t, free_rooms, &err), FD_OK);
		for (fd_date d = f; d < t; d++) {
			int one = -1;
			assert_int_equal(fd_query_available(db, type, d, &one, &err), FD_OK);
			assert_int_equal(free_rooms[d - f], inv1[d - f] - sold1[d - f]);
			assert_int_equal(one, free_rooms[d - f]);
		}
	}
	if (inv)
		memcpy(inv, inv2, sizeof *inv2 * (size_t)(t - f));
	if (sold)
		memcpy(sold, sold2, sizeof *sold2 * (size_t)(t - f));
}

/* Rooms and sold of one night, from the range [2026-11-28, 2026-12-14). */
#define FROM "2026-11-28"
#define TO "2026-12-14"
static void night_is(const int *inv, const int *sold, const char *night, int rooms, int n_sold)
{
	fd_date i = fx_date(night) - fx_date(FROM);
	if (inv[i] != rooms || sold[i] != n_sold)
		fail_msg("%s: expected %d rooms %d sold, got %d rooms %d sold", night, rooms, n_sold, inv[i],
		         sold[i]);
}

/* The day-use count of one day, from the range [FROM, TO). */
static void day_is(const int *sold, const char *day, int n_sold)
{
	fd_date i = fx_date(day) - fx_date(FROM);
	if (sold[i] != n_sold)
		fail_msg("day %s: expected %d sold, got %d", day, n_sold, sold[i]);
}

static void test_range_equals_nights(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel(); /* STD 101 102 103, DLX 201 */
	/* Five more STD rooms, numbers given out of order: STD is 8 rooms. */
	static const char *const more[] = {"108", "104", "107", "105", "106"};
	for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
		char p[160], id[FD_ID_LEN];
		snprintf(p, sizeof p, "{\"id\":\"%s\",\"number\":\"%s\",\"type\":\"STD\",\"floor\":1}",
		         fd_uuid_new(id), more[i]);
		op(db, "room.create", p);
	}
	/* Out of order 102 on 12-05..12-08, outside block on 103 on 12-06..12-07. */
	op(db, "room.set_maintenance",
	   "{\"room\":\"102\",\"state\":\"ooo\",\"from\":\"2026-12-05\",\"to\":\"2026-12-08\",\"reason\":"
	   "\"flood\"}");
	op(db, "room.block",
	   "{\"room\":\"103\",\"uid\":\"wedding-1\",\"from\":\"2026-12-06\",\"to\":\"2026-12-07\","
	   "\"summary\":"
	   "\"wedding\"}");
	/* A group block of 3 STD on 12-03..12-06, one booking picked up from it. */
	op(db, "block.add",
	   "{\"id\":\"00000000-0000-4000-8000-0000000000b1\",\"name\":\"Tour\",\"type\":\"STD\",\"rooms\":3,"
	   "\"from\":\"2026-12-03\",\"to\":\"2026-12-06\",\"cutoff\":\"2026-12-02\"}");
	op(db, "guest.create",
	   "{\"id\":\"00000000-0000-4000-8000-0000000000e1\",\"family\":\"Tour\",\"given\":\"One\"}");
	op(db, "booking.create",
	   "{\"id\":\"00000000-0000-4000-8000-0000000000e2\",\"code\":\"TOUR01\",\"guest_id\":\"00000000-"
	   "0000-4000-8000-"
	   "0000000000e1\","
	   "\"type\":\"STD\",\"arrival\":\"2026-12-03\",\"departure\":\"2026-12-05\",\"adults\":1,\"block\":"
	   "\"Tour\"}");
	/* One assigned, one unassigned, one cancelled, one day-use, one of
	 * another type. */
	char c1[FD_ID_LEN], c2[FD_ID_LEN], c3[FD_ID_LEN], c4[FD_ID_LEN], c5[FD_ID_LEN], p[256];
	book(db, "STD", "2026-12-02", "2026-12-06", c1);
	snprintf(p, sizeof p, "{\"booking\":\"%s\",\"room\":\"106\"}", c1);
	op(db, "booking.assign_room", p);
	book(db, "STD", "2026-12-04", "2026-12-09", c2);
	book(db, "STD", "2026-12-01", "2026-12-10", c3);
	snprintf(p, sizeof p, "{\"booking\":\"%s\",\"room\":\"101\"}", c3);
	op(db, "booking.assign_room", p);
	snprintf(p, sizeof p, "{\"booking\":\"%s\"}", c3);
	op(db, "booking.cancel", p);
	book(db, "STD", "2026-12-07", "2026-12-07", c4);
	book(db, "DLX", "2026-12-04", "2026-12-06", c5);

	int inv[MAX_NIGHTS], sold[MAX_NIGHTS];
	range(db, "STD", FROM, TO, "", inv, sold);
	night_is(inv, sold, "2026-12-04", 8, 5); /* c1, c2 and the tour's 3 held (one picked up) */
	night_is(inv, sold, "2026-12-06", 6, 1); /* 102 out of order, 103 blocked; c2 only */
	night_is(inv, sold, "2026-12-07", 7, 1); /* 102 out of order; c2 (the day-use holds no night) */
	night_is(inv, sold, "2026-12-10", 8, 0); /* nothing sold (c3 cancelled) */
	range(db, "STD", FROM, TO, c2, inv, sold);
	night_is(inv, sold, "2026-12-04", 8, 4);
	range(db, "STD", FROM, TO, NULL, inv, sold);
	night_is(inv, sold, "2026-12-04", 8, 5);
	/* Without the tour's booking, the block holds its room again. */
	range(db, "STD", FROM, TO, "00000000-0000-4000-8000-0000000000e2", inv, sold);
	night_is(inv, sold, "2026-12-04", 8, 5);
	night_is(inv, sold, "2026-12-03", 8, 4); /* c1 and the tour's 3 */
	range(db, "DLX", FROM, TO, "", inv, sold);
	night_is(inv, sold, "2026-12-05", 1, 1);
	range(db, "DLX", FROM, TO, c5, inv, sold);
	night_is(inv, sold, "2026-12-05", 1, 0);
	range(db, "NONE", FROM, TO, "", inv, sold);
	night_is(inv, sold, "2026-12-05", 0, 0);
	/* The days: stays over a day (not the ones arriving or leaving that
	 * day) and the day-use stays on it; another day-use, booked as STD
	 * and given DLX 201, is DLX's. */
	char c6[FD_ID_LEN];
	book(db, "STD", "2026-12-10", "2026-12-10", c6);
	snprintf(p, sizeof p, "{\"booking\":\"%s\",\"room\":\"201\"}", c6);
	op(db, "booking.assign_room", p);
	days(db, "STD", FROM, TO, "", sold);
	day_is(sold, "2026-12-03", 1); /* c1 (the tour arrives) */
	day_is(sold, "2026-12-04", 2); /* c1 and the tour (c2 arrives) */
	day_is(sold, "2026-12-05", 2); /* c1 and c2 (the tour leaves) */
	day_is(sold, "2026-12-06", 1); /* c2 (c1 leaves) */
	day_is(sold, "2026-12-07", 2); /* c2 and the day-use c4 */
	day_is(sold, "2026-12-09", 0); /* c2 leaves */
	day_is(sold, "2026-12-10", 0); /* c6 is in a DLX room */
	days(db, "STD", FROM, TO, c2, sold);
	day_is(sold, "2026-12-05", 1);
	day_is(sold, "2026-12-07", 1);
	days(db, "STD", FROM, TO, c4, sold);
	day_is(sold, "2026-12-07", 1);
	day_is(day_uses, "2026-12-07", 0);
	days(db, "STD", FROM, TO, "", sold);
	day_is(day_uses, "2026-12-07", 1); /* c4 */
	day_is(day_uses, "2026-12-05", 0);
	day_is(day_uses, "2026-12-10", 0); /* c6 is in a DLX room */
	days(db, "DLX", FROM, TO, "", sold);
	day_is(sold, "2026-12-05", 1); /* c5 */
	day_is(sold, "2026-12-10", 1); /* c6 */
	day_is(day_uses, "2026-12-10", 1);
	days(db, "DLX", FROM, TO, c6, sold);
	day_is(sold, "2026-12-10", 0);
	day_is(day_uses, "2026-12-10", 0);
	days(db, "STD", "2026-12-07", "2026-12-08", "", sold);
	assert_int_equal(sold[0], 2);
	days(db, "STD", "2026-12-07", "2026-12-07", "", NULL);
	/* One night, and an empty range (nothing written). */
	range(db, "STD", "2026-12-04", "2026-12-05", "", inv, sold);
	assert_int_equal(inv[0], 8);
	assert_int_equal(sold[0], 5);
	range(db, "STD", "2026-12-04", "2026-12-04", "", NULL, NULL);

	/* A room out of order and blocked on the same nights is one room out;
	 * a room out of order with dates missing (raw SQL) reads as the
	 * night-by-night count reads it. */
	op(db, "room.set_maintenance",
	   "{\"room\":\"104\",\"state\":\"ooo\",\"from\":\"2026-12-08\",\"to\":\"2026-12-10\",\"reason\":"
	   "\"paint\"}");
	op(db, "room.block",
	   "{\"room\":\"104\",\"uid\":\"film-1\",\"from\":\"2026-12-08\",\"to\":\"2026-12-11\",\"summary\":"
	   "\"film\"}");
	op(db, "room.block",
	   "{\"room\":\"104\",\"uid\":\"film-2\",\"from\":\"2026-12-09\",\"to\":\"2026-12-12\",\"summary\":"
	   "\"film\"}");
	range(db, "STD", FROM, TO, "", inv, sold);
	night_is(inv, sold, "2026-12-08", 7, 1); /* 104 out and blocked: once; c2 */
	night_is(inv, sold, "2026-12-09", 7, 0); /* 104 out and blocked twice: once */
	night_is(inv, sold, "2026-12-10", 7, 0); /* 104 blocked only */
	night_is(inv, sold, "2026-12-11", 7, 0);
	night_is(inv, sold, "2026-12-12", 8, 0);
	sql(db, "UPDATE rooms SET maint = 'ooo', maint_from = NULL, maint_to = NULL WHERE number = '105'");
	sql(db, "UPDATE rooms SET maint = 'ooo', maint_from = (SELECT maint_from FROM rooms WHERE number = "
	        "'102'), maint_to = NULL WHERE number = '107'");
	op(db, "room.block",
	   "{\"room\":\"105\",\"uid\":\"film-3\",\"from\":\"2026-12-01\",\"to\":\"2026-12-03\",\"summary\":"
	   "\"film\"}");
	op(db, "room.block",
	   "{\"room\":\"107\",\"uid\":\"film-4\",\"from\":\"2026-11-29\",\"to\":\"2026-12-13\",\"summary\":"
	   "\"film\"}");
	range(db, "STD", FROM, TO, "", NULL, NULL);
	sql(db, "UPDATE rooms SET maint = 'none' WHERE number IN ('105', '107')");

	/* Released, the block holds nothing. */
	sql(db, "UPDATE group_blocks SET released = 1");
	range(db, "STD", FROM, TO, "", inv, sold);
	night_is(inv, sold, "2026-12-04", 7, 3); /* c1, c2, the tour's one; 107 still blocked */
	fd_db_close(db);
}

static unsigned next(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

/* After each of many random operations, every type's range equals its
 * nights, with nothing and with a random booking left out. */
static void test_range_follows_random_operations(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	static const char *const types[] = {"STD", "DLX"};
	static const char *const rooms[] = {"101", "102", "103", "201"};
	char ids[64][FD_ID_LEN];
	int n_ids = 0, applied = 0, n_blocks = 0;
	struct blk {
		int step;
		const char *type;
		fd_date from, to;
	} blocks[16];
	unsigned seed = 45;
	fd_date base = fx_date("2026-11-26");
	for (int step = 0; step < 250; step++) {
		char p[320], a[FD_DATE_STRLEN], d[FD_DATE_STRLEN], c[FD_DATE_STRLEN], id[FD_ID_LEN];
		fd_date arr = base + (fd_date)(next(&seed) % 20);
		fd_date dep = arr + (fd_date)(next(&seed) % 5);
		fd_date_format(arr, a);
		fd_date_format(dep, d);
		const char *t = types[next(&seed) % 2];
		const char *room = rooms[next(&seed) % 4];
		const char *b = n_ids ? ids[next(&seed) % (unsigned)n_ids] : "";
		enum fd_status st = FD_E_INVALID;
		int kind = (int)(next(&seed) % 8);
		switch (kind) {
		case 0:
		case 1:
			if (n_ids < 64 && !(st = fx_book(db, t, a, d, 1, ids[n_ids], NULL, NULL)))
				n_ids++;
			break;
		case 2:
			snprintf(p, sizeof p, "{\"booking\":\"%s\",\"room\":\"%s\"}", b, room);
			st = fx_op(db, NULL, "booking.assign_room", p, NULL, NULL);
			break;
		case 3:
			snprintf(p, sizeof p, "{\"booking\":\"%s\"}", b);
			st = fx_op(db, NULL, "booking.cancel", p, NULL, NULL);
			break;
		case 4:
			snprintf(p, sizeof p,
			         "{\"room\":\"%s\",\"state\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"reason\":"
			         "\"x\"}",
			         room, next(&seed) % 3 ? "ooo" : "none", a, fd_date_format(dep + 1, c));
			st = fx_op(db, NULL, "room.set_maintenance", p, NULL, NULL);
			break;
		case 5:
			snprintf(p, sizeof p,
			         "{\"room\":\"%s\",\"uid\":\"u%d\",\"from\":\"%s\",\"to\":\"%s\"}", room,
			         step, a, fd_date_format(dep + 1, c));
			st = fx_op(db, NULL, "room.block", p, NULL, NULL);
			break;
		case 6:
			if (n_blocks < 16) {
				snprintf(p, sizeof p,
				         "{\"id\":\"%s\",\"name\":\"G%d\",\"type\":\"%s\",\"rooms\":%u,"
				         "\"from\":\"%s\",\"to\":\"%s\",\"cutoff\":\"2026-11-25\"}",
				         fd_uuid_new(id), step, t, 1 + next(&seed) % 2, a,
				         fd_date_format(dep + 1, c));
				if (!(st = fx_op(db, NULL, "block.add", p, NULL, NULL)))
					blocks[n_blocks++] = (struct blk){step, t, arr, dep + 1};
			}
			break;
		case 7:
			/* A booking picked up from a group block, on nights it holds. */
			if (n_blocks && n_ids < 64) {
				const struct blk *k = &blocks[next(&seed) % (unsigned)n_blocks];
				char gid[FD_ID_LEN];
				snprintf(p, sizeof p, "{\"id\":\"%s\",\"family\":\"Pick\",\"given\":\"Up\"}",
				         fd_uuid_new(gid));
				if (fx_op(db, NULL, "guest.create", p, NULL, NULL))
					break;
				fd_date ka = k->from + (fd_date)(next(&seed) % (unsigned)(k->to - k->from));
				fd_date kd = ka + 1 + (fd_date)(next(&seed) % (unsigned)(k->to - ka));
				snprintf(
				    p, sizeof p,
				    "{\"id\":\"%s\",\"code\":\"PU%04d\",\"guest_id\":\"%s\",\"type\":\"%s\","
				    "\"arrival\":\"%s\",\"departure\":\"%s\",\"adults\":1,\"block\":\"G%d\"}",
				    fd_uuid_new(ids[n_ids]), step, gid, k->type, fd_date_format(ka, a),
				    fd_date_format(kd, d), k->step);
				if (!(st = fx_op(db, NULL, "booking.create", p, NULL, NULL)))
					n_ids++;
			}
			break;
		}
		applied += st == FD_OK;
		for (int k = 0; k < 2; k++) {
			range(db, types[k], "2026-11-24", "2026-12-20", "", NULL, NULL);
			if (n_ids)
				range(db, types[k], "2026-11-24", "2026-12-20",
				      ids[next(&seed) % (unsigned)n_ids], NULL, NULL);
		}
	}
	assert_true(applied > 60);
	fd_db_close(db);
}

/* The day-use counts read the stays arriving on a day from the index
 * alone (core step 49: bookings_arrival holds the id), and the day-use
 * stays by bookings_day_use, day by day and over a range alike: the
 * arrivals' rows are not read (every booking.create counts every day of
 * its stay, tests/bench/bench_core). */
static void test_day_counts_read_indexes(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	char c1[FD_ID_LEN], c2[FD_ID_LEN];
	book(db, "STD", "2026-12-02", "2026-12-06", c1);
	book(db, "STD", "2026-12-03", "2026-12-03", c2);
	int sold[MAX_NIGHTS];
	days(db, "STD", "2026-12-01", "2026-12-08", "", sold);
	assert_int_equal(sold[2], 2); /* 12-03: c1 over it, c2 on it */
	sqlite3 *h = fd_db_handle(db);
	int statements = 0, arrivals = 0, day_use = 0, row_reads = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s)) {
		const char *sql = sqlite3_sql(s);
		if (!strstr(sql, "FROM bookings b CROSS JOIN stay_nights n ON n.booking_id = b.id"))
			continue;
		statements++;
		char *plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *e;
		assert_int_equal(sqlite3_prepare_v2(h, plan, -1, &e, NULL), SQLITE_OK);
		while (sqlite3_step(e) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(e, 3);
			arrivals +=
			    strstr(d, "SEARCH b USING COVERING INDEX bookings_arrival (arrival=?)") != NULL;
			day_use += strstr(d, "SEARCH b USING INDEX bookings_day_use (arrival=?)") != NULL;
			row_reads += strstr(d, "SEARCH b USING INDEX bookings_arrival") != NULL ||
			             strstr(d, "bookings_status_departure") != NULL;
		}
		sqlite3_finalize(e);
		sqlite3_free(plan);
	}
	assert_int_equal(statements, 2); /* type_day_sold, type_days */
	assert_int_equal(arrivals, 2);
	assert_int_equal(day_use, 2);
	assert_int_equal(row_reads, 0);
	fd_db_close(db);
}

/* type_nights' statement, among those the store has prepared. */
static bool is_range_statement(sqlite3_stmt *s)
{
	return strstr(sqlite3_sql(s), "g(d)") && strstr(sqlite3_sql(s), "type_night_sold t");
}

/* The VM steps of the range statement's last execution (type_nights). */
static int range_steps(struct fd_db *db, const char *type, fd_date from, fd_date to, const char *except_id)
{
	int inv[MAX_NIGHTS], sold[MAX_NIGHTS];
	struct fd_error err = {0};
	const struct fd_repo *r = fd_db_repo(db);
	sqlite3 *h = fd_db_handle(db);
	sqlite3_stmt *range = NULL;
	for (int pass = 0; pass < 2; pass++) {
		for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s))
			if (is_range_statement(s))
				range = s;
		if (range)
			sqlite3_stmt_status(range, SQLITE_STMTSTATUS_VM_STEP, 1);
		if (fd_avail_nights(r, type, from, to, except_id, inv, sold, &err))
			fail_msg("range: %s", err.message);
	}
	assert_non_null(range);
	return sqlite3_stmt_status(range, SQLITE_STMTSTATUS_VM_STEP, 0);
}

/* The range statement looks the rooms out of order, the group blocks and
 * the nights of the booking left out up night by night only when the type
 * has some in the range: a type with none (a booking.create's usual case)
 * runs a good part fewer steps than one with all three. Their counts are
 * test_range_equals_nights'. */
static void test_range_skips_what_the_type_lacks(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel(); /* STD 101 102 103, DLX 201 */
	fd_date from = fx_date("2026-12-01"), to = fx_date("2026-12-29");
	char id[FD_ID_LEN];
	int bare = range_steps(db, "STD", from, to, "");
	op(db, "room.set_maintenance",
	   "{\"room\":\"102\",\"state\":\"ooo\",\"from\":\"2026-12-01\",\"to\":\"2026-12-29\",\"reason\":"
	   "\"flood\"}");
	op(db, "block.add",
	   "{\"id\":\"00000000-0000-4000-8000-0000000000b1\",\"name\":\"Tour\",\"type\":\"STD\",\"rooms\":1,"
	   "\"from\":\"2026-12-01\",\"to\":\"2026-12-29\",\"cutoff\":\"2026-11-30\"}");
	book(db, "STD", "2026-12-01", "2026-12-29", id);
	int full = range_steps(db, "STD", from, to, id);
	print_message("range of 28 nights: %d steps bare, %d with all\n", bare, full);
	assert_true(bare * 3 < full * 2);
	fd_db_close(db);
}

/* The range's nights are a series json_each makes, not a recursive CTE's
 * rows, which SQLite queues in a temporary table built at every execution:
 * the only temporary table left in the statement's program is the
 * calendar blocks' DISTINCT count (built only when the type has some). A
 * range of no night, and one of more nights than the series' buffer on the
 * stack (32), count as night by night. */
static void test_range_series_without_queue(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel(); /* STD 101 102 103, DLX 201 */
	char id[FD_ID_LEN];
	book(db, "STD", "2026-12-02", "2026-12-06", id);
	range(db, "STD", "2026-12-03", "2026-12-03", NULL, NULL, NULL);
	int inv[MAX_NIGHTS], sold[MAX_NIGHTS];
	range(db, "STD", "2026-11-20", "2026-12-30", NULL, inv, sold);
	assert_int_equal(inv[0], 3);
	assert_int_equal(sold[fx_date("2026-12-05") - fx_date("2026-11-20")], 1);
	assert_int_equal(sold[39], 0);
	range(db, "STD", "2026-11-20", "2026-12-30", id, NULL, sold);
	assert_int_equal(sold[fx_date("2026-12-05") - fx_date("2026-11-20")], 0);
	sqlite3 *h = fd_db_handle(db);
	sqlite3_stmt *found = NULL;
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s))
		found = is_range_statement(s) ? s : found;
	assert_non_null(found);
	char *explain = sqlite3_mprintf("EXPLAIN %s", sqlite3_sql(found));
	sqlite3_stmt *e;
	assert_int_equal(sqlite3_prepare_v2(h, explain, -1, &e, NULL), SQLITE_OK);
	int tables = 0;
	while (sqlite3_step(e) == SQLITE_ROW)
		tables += strcmp((const char *)sqlite3_column_text(e, 1), "OpenEphemeral") == 0;
	sqlite3_finalize(e);
	sqlite3_free(explain);
	assert_int_equal(tables, 1);
	fd_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_range_equals_nights),
	    cmocka_unit_test(test_range_follows_random_operations),
	    cmocka_unit_test(test_day_counts_read_indexes),
	    cmocka_unit_test(test_range_skips_what_the_type_lacks),
	    cmocka_unit_test(test_range_series_without_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
