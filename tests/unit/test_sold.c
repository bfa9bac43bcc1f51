// SPDX-License-Identifier: GPL-3.0-or-later
/* Availability reads per-type-per-night counts the guard table's triggers
 * keep (src/store/schema_speed.c): after random operations (book, assign,
 * move, change dates or type, cancel, add rooms, retype rooms, the sync
 * cache's own writes), the counts equal a recount of the guard rows, and
 * fd_query_available equals rooms less the recount; the day-use count
 * equals the query it replaced. */
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
#include "store/cache.h"
#include "store/db_internal.h"
#include "store/ids.h"
#include "store/query.h"

/* Rows where the kept counts and a recount differ (zero rows kept for
 * nights no longer sold are equal to no row at all). */
static void assert_counts_match(struct fd_db *db)
{
	assert_int_equal(fx_int(db,
	                        "SELECT count(*) FROM (SELECT type_code, night, sold FROM type_night_sold"
	                        " WHERE sold <> 0 EXCEPT SELECT type_code, night, count(*) FROM stay_nights"
	                        " GROUP BY type_code, night)"),
	                 0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM (SELECT type_code, night, count(*) FROM stay_nights"
	                            " GROUP BY type_code, night EXCEPT SELECT type_code, night, sold"
	                            " FROM type_night_sold)"),
	                 0);
	assert_int_equal(
	    fx_int(db, "SELECT count(*) FROM (SELECT type_code, rooms FROM type_rooms WHERE rooms <> 0"
	               " EXCEPT SELECT type_code, count(*) FROM rooms GROUP BY type_code)"),
	    0);
	assert_int_equal(
	    fx_int(db, "SELECT count(*) FROM (SELECT type_code, count(*) FROM rooms GROUP BY type_code"
	               " EXCEPT SELECT type_code, rooms FROM type_rooms)"),
	    0);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM type_night_sold WHERE sold < 0"), 0);
}

static unsigned next(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void test_counts_follow_random_operations(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	assert_counts_match(db);
	static const char *const types[] = {"STD", "DLX"};
	char ids[64][FD_ID_LEN];
	int n_ids = 0, applied = 0;
	char rooms[16][8] = {"101", "102", "103", "201"};
	int n_rooms = 4;
	unsigned seed = 18;
	fd_date today = fx_date(FX_TODAY);
	for (int step = 0; step < 400; step++) {
		char payload[256], a[FD_DATE_STRLEN], d[FD_DATE_STRLEN];
		int what = (int)(next(&seed) % 8);
		const char *id = n_ids ? ids[next(&seed) % (unsigned)n_ids] : NULL;
		const char *room = rooms[next(&seed) % (unsigned)n_rooms];
		fd_date arr = today + (int)(next(&seed) % 12);
		/* One stay in five is a day use (arrival = departure). */
		fd_date dep = next(&seed) % 5 == 0 ? arr : arr + 1 + (int)(next(&seed) % 4);
		fd_date_format(arr, a);
		fd_date_format(dep, d);
		enum fd_status st = FD_E_INVALID;
		if (what <= 1 && n_ids < 64) {
			st = fx_book(db, types[next(&seed) % 2], a, d, 1, ids[n_ids], NULL, NULL);
			n_ids += st == FD_OK;
		} else if (what == 2 && id) {
			snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"%s\"}", id, room);
			st = fx_op(db, NULL, "booking.assign_room", payload, NULL, NULL);
		} else if (what == 3 && id) {
			snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"%s\"}", id, room);
			st = fx_op(db, NULL, "booking.move_room", payload, NULL, NULL);
		} else if (what == 4 && id) {
			snprintf(
			    payload, sizeof payload,
			    "{\"booking\":\"%s\",\"arrival\":\"%s\",\"departure\":\"%s\",\"type\":\"%s\","
			    "\"keep_rate\":true}",
			    id, a, d, types[next(&seed) % 2]);
			st = fx_op(db, NULL, "booking.modify", payload, NULL, NULL);
		} else if (what == 5 && id && next(&seed) % 3 == 0) {
			snprintf(payload, sizeof payload, "{\"booking\":\"%s\"}", id);
			st = fx_op(db, NULL, "booking.cancel", payload, NULL, NULL);
		} else if (what == 6 && n_rooms < 16) {
			char rid[FD_ID_LEN];
			snprintf(rooms[n_rooms], sizeof rooms[0], "%d", 300 + n_rooms);
			snprintf(payload, sizeof payload,
			         "{\"id\":\"%s\",\"number\":\"%s\",\"type\":\"%s\",\"floor\":3}",
			         fd_uuid_new(rid), rooms[n_rooms], types[next(&seed) % 2]);
			st = fx_op(db, NULL, "room.create", payload, NULL, NULL);
			n_rooms += st == FD_OK;
		} else if (what == 7) {
			/* A room changes type: the sync cache retypes its guard rows
			 * the way a pulled room change does. */
			const char *t = types[next(&seed) % 2];
			snprintf(payload, sizeof payload, "{\"room\":\"%s\",\"type\":\"%s\"}", room, t);
			st = fx_op(db, NULL, "room.update", payload, NULL, NULL);
			if (st == FD_OK)
				assert_int_equal(fd_stay_nights_retype(db, room, t, NULL), FD_OK);
		}
		applied += st == FD_OK;
		assert_counts_match(db);
	}
	assert_true(applied > 100);
	assert_true(fx_int(db, "SELECT count(*) FROM stay_nights") > 20);
	/* Availability is the type's rooms less a recount of its nights. */
	for (int t = 0; t < 2; t++)
		for (fd_date n = today; n < today + 16; n++) {
			char sql[256];
			int got = -1;
			snprintf(
			    sql, sizeof sql,
			    "SELECT (SELECT count(*) FROM rooms WHERE type_code = '%s')"
			    " - (SELECT count(*) FROM stay_nights WHERE type_code = '%s' AND night = %d)",
			    types[t], types[t], n);
			assert_int_equal(fd_query_available(db, types[t], n, &got, NULL), FD_OK);
			assert_int_equal(got, fx_int(db, sql));
		}
	/* The day-use count (stays over the day and day-use stays of it) is
	 * the query it replaced, for every type, day and booking left out. */
	const struct fd_repo *repo = fd_db_repo(db);
	for (int t = 0; t < 2; t++)
		for (fd_date n = today; n < today + 16; n++)
			for (int k = -1; k < n_ids; k += 7) {
				const char *except = k < 0 ? "" : ids[k];
				char sql[1024];
				snprintf(sql, sizeof sql,
				         "SELECT (SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id "
				         "= n.booking_id"
				         "  WHERE n.type_code = '%s' AND n.night = %d AND b.arrival < %d"
				         "  AND n.booking_id <> '%s')"
				         " + (SELECT count(*) FROM bookings b LEFT JOIN rooms r ON r.number "
				         "= b.room"
				         "  WHERE b.arrival = %d AND b.departure = %d"
				         "  AND b.status IN ('reserved','checked_in')"
				         "  AND coalesce(r.type_code, b.type_code) = '%s' AND b.id <> '%s')",
				         types[t], n, n, except, n, n, types[t], except);
				int got = -1;
				assert_int_equal(
				    repo->type_day_sold(repo->ctx, types[t], n, except, &got, NULL), FD_OK);
				assert_int_equal(got, fx_int(db, sql));
			}
	assert_true(
	    fx_int(db, "SELECT count(*) FROM bookings WHERE arrival = departure AND status = 'reserved'") >
	    0);
	/* The cache's wholesale delete (a re-sync from a snapshot) empties them. */
	assert_int_equal(fd_db_exec(db, "DELETE FROM stay_nights", NULL), FD_OK);
	assert_counts_match(db);
	fd_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_counts_follow_random_operations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
