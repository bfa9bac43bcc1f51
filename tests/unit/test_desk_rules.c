// SPDX-License-Identifier: GPL-3.0-or-later
/* The desk's rules of issue 12 (day-use stays, rate integrity) through real
 * operations on a real (in-memory) SQLite store. */
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
#include "store/db.h"
#include "store/ids.h"

static int setup(void **state)
{
	*state = fx_hotel();
	return 0;
}

static int teardown(void **state)
{
	fd_db_close(*state);
	return 0;
}

static void book(struct fd_db *db, const char *type, const char *arr, const char *dep, char id[FD_ID_LEN],
                 char code[FD_CODE_LEN])
{
	struct fd_error err = {0};
	if (fx_book(db, type, arr, dep, 1, id, code, &err))
		fail_msg("booking %s %s..%s: %s", type, arr, dep, err.message);
}

static void assign(struct fd_db *db, const char *id, const char *room)
{
	char extra[64];
	struct fd_error err = {0};
	snprintf(extra, sizeof extra, "\"room\":\"%s\"", room);
	if (fx_booking_op(db, "anna", "booking.assign_room", id, extra, NULL, &err))
		fail_msg("assign %s: %s", room, err.message);
}

static int64_t sql_int(struct fd_db *db, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void test_day_use_is_a_booking_without_nights(void **state)
{
	struct fd_db *db = *state;
	char id[FD_ID_LEN], code[FD_CODE_LEN];
	struct fd_error err = {0};
	book(db, "STD", "2026-11-28", "2026-11-28", id, code);
	assert_int_equal(sql_int(db, "SELECT count(*) FROM stay_nights WHERE booking_id = ?1", id), 0);
	assert_int_equal(sql_int(db, "SELECT departure - arrival FROM bookings WHERE id = ?1", id), 0);
	/* Leaving before arriving is still wrong. */
	assert_int_equal(fx_book(db, "STD", "2026-11-28", "2026-11-27", 1, NULL, NULL, &err), FD_E_INVALID);
	assert_string_equal(err.code, "invalid_dates");
	/* Cancelled and no-show like any booking. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.cancel", id, "", NULL, &err), FD_OK);
	book(db, "STD", FX_TODAY, FX_TODAY, id, code);
	assert_int_equal(fx_booking_op(db, "anna", "booking.no_show", id, "", NULL, &err), FD_OK);
	assert_int_equal(sql_int(db, "SELECT status = 'no_show' FROM bookings WHERE id = ?1", id), 1);
}

/* Day D = 2026-11-28. 101 holds a guest staying over D, 102 a guest
 * leaving on the morning of D, 103 a guest arriving on D. */
static void test_day_use_room_rule(void **state)
{
	struct fd_db *db = *state;
	char over[FD_ID_LEN], leaving[FD_ID_LEN], arriving[FD_ID_LEN], du[FD_ID_LEN], du2[FD_ID_LEN],
	    code[FD_CODE_LEN];
	struct fd_error err = {0};
	book(db, "STD", "2026-11-27", "2026-11-29", over, code);
	assign(db, over, "101");
	book(db, "STD", "2026-11-26", "2026-11-28", leaving, code);
	assign(db, leaving, "102");
	book(db, "STD", "2026-11-28", "2026-11-30", arriving, code);
	assign(db, arriving, "103");

	book(db, "STD", "2026-11-28", "2026-11-28", du, code);
	/* The guest staying over D holds 101 all day. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.assign_room", du, "\"room\":\"101\"", NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "room_taken");
	assert_non_null(strstr(err.message, "101"));
	/* A departure that morning leaves 102 free for the day. */
	assign(db, du, "102");
	/* An arrival that afternoon does not stop a day-use in 103 either. */
	book(db, "STD", "2026-11-28", "2026-11-28", du2, code);
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.assign_room", du2, "\"room\":\"102\"", NULL, &err),
	    FD_E_CONFLICT); /* two day-uses of one room on one day */
	assert_string_equal(err.code, "room_taken");
	assign(db, du2, "103");
	/* The type is full for the day: 101 stays over, 102 and 103 day-used. */
	assert_int_equal(fx_book(db, "STD", "2026-11-28", "2026-11-28", 1, NULL, NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "no_availability");
	/* ... while the night of D still has rooms for a night stay. */
	char night[FD_ID_LEN];
	book(db, "STD", "2026-11-28", "2026-11-29", night, code);
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.assign_room", night, "\"room\":\"102\"", NULL, &err),
	    FD_OK); /* arriving on D: fine */
	/* Cancelling the day-use frees its room for the day. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.cancel", du2, "", NULL, &err), FD_OK);
	book(db, "STD", "2026-11-28", "2026-11-28", du2, code);
	assign(db, du2, "103");
}

static void test_stay_over_refuses_day_used_room(void **state)
{
	struct fd_db *db = *state;
	char du[FD_ID_LEN], stay[FD_ID_LEN], code[FD_CODE_LEN];
	struct fd_error err = {0};
	book(db, "STD", "2026-11-28", "2026-11-28", du, code);
	assign(db, du, "101");
	book(db, "STD", "2026-11-27", "2026-11-29", stay, code);
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.assign_room", stay, "\"room\":\"101\"", NULL, &err),
	    FD_E_CONFLICT);
	assert_string_equal(err.code, "room_taken");
	assign(db, stay, "102");
	/* The stay may not grow over a day-use's day in its room either. */
	char du2[FD_ID_LEN];
	book(db, "STD", "2026-11-30", "2026-11-30", du2, code);
	assign(db, du2, "102");
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.modify", stay, "\"departure\":\"2026-12-01\"", NULL, &err),
	    FD_E_CONFLICT);
	assert_string_equal(err.code, "room_taken");
}

/* A night stay needs a room on every day it stays over: day D full with
 * a stay over it and two day-uses refuses a stay over D whose nights have
 * rooms left (booking.create counts only the days with a day-use stay or
 * a full night, op_booking.c check_availability). */
static void test_stay_over_full_day_refused(void **state)
{
	struct fd_db *db = *state;
	char id[FD_ID_LEN], code[FD_CODE_LEN];
	struct fd_error err = {0};
	book(db, "STD", "2026-11-27", "2026-11-29", id, code);
	book(db, "STD", "2026-11-28", "2026-11-28", id, code);
	book(db, "STD", "2026-11-28", "2026-11-28", id, code);
	assert_int_equal(fx_book(db, "STD", "2026-11-26", "2026-11-30", 1, NULL, NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "no_availability");
	assert_non_null(strstr(err.message, "2026-11-28"));
	/* Arriving or leaving on D holds no room during it. */
	book(db, "STD", "2026-11-28", "2026-11-30", id, code);
	book(db, "STD", "2026-11-26", "2026-11-28", id, code);
	/* Once a day-use goes, the stay over D fits. */
	char du[FD_ID_LEN];
	assert_int_equal(sql_int(db, "SELECT count(*) FROM bookings WHERE arrival = departure", NULL), 2);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db),
	                                    "SELECT id FROM bookings WHERE arrival = departure LIMIT 1", -1,
	                                    &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(du, sizeof du, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_int_equal(fx_booking_op(db, "anna", "booking.cancel", du, "", NULL, &err), FD_OK);
	book(db, "STD", "2026-11-26", "2026-11-30", id, code);
}

/* The day-use rate is posted once, as the guest checks in; the night audit
 * adds nothing and does not close the day while the guest is in house. */
static void test_day_use_check_in_posts_rate_once(void **state)
{
	struct fd_db *db = *state;
	char id[FD_ID_LEN], code[FD_CODE_LEN];
	struct fd_error err = {0};
	book(db, "STD", FX_TODAY, FX_TODAY, id, code);
	assign(db, id, "101");
	assert_int_equal(
	    fx_op(db, NULL, "room.set_clean", "{\"room\":\"101\",\"status\":\"clean\"}", NULL, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", id, "", NULL, &err), FD_OK);
	static const char room_lines[] =
	    "SELECT count(*) || ' ' || sum(l.amount) FROM folio_lines l JOIN folios f"
	    " ON f.id = l.folio_id WHERE f.booking_id = ?1 AND l.code = 'ROOM'";
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), room_lines, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "1 10000");
	sqlite3_reset(s);
	/* In house at the audit: due out today, the day does not close. */
	assert_int_equal(
	    fx_op(db, NULL, "audit.night", "{\"date\":\"2026-11-25\",\"run_by\":\"mia\"}", NULL, &err),
	    FD_E_CONFLICT);
	assert_string_equal(err.code, "due_outs_in_house");
	/* Leaving needs the rate paid. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_out", id, "", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "balance_due");
	char pay[256], pid[FD_ID_LEN];
	snprintf(pay, sizeof pay, "{\"id\":\"%s\",\"booking\":\"%s\",\"method\":\"cash\",\"amount\":10000}",
	         fd_uuid_new(pid), id);
	assert_int_equal(fx_op(db, "anna", "folio.pay", pay, NULL, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_out", id, "", NULL, &err), FD_OK);
	assert_int_equal(
	    fx_op(db, NULL, "audit.night", "{\"date\":\"2026-11-25\",\"run_by\":\"mia\"}", NULL, &err),
	    FD_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "1 10000");
	sqlite3_finalize(s);
	/* No room-night sold, one arrival. */
	char day[16];
	snprintf(day, sizeof day, "%d", (int)fx_date(FX_TODAY));
	assert_int_equal(
	    sql_int(db, "SELECT rooms_sold FROM day_reports WHERE date = CAST(?1 AS INTEGER)", day), 0);
	assert_int_equal(
	    sql_int(db, "SELECT arrivals FROM day_reports WHERE date = CAST(?1 AS INTEGER)", day), 1);
}

/* The night audit's day counts read indexes only (core step 44): the
 * arrivals, cancellations and no-shows from bookings_arrival (arrival,
 * status), each night's rate from bookings_rate (id, rate); the rows of
 * bookings are not read (two years of counts after a 100,000-row import
 * took 0.88 s before, tests/bench/bench_folio). */
static void test_day_counts_read_indexes_only(void **state)
{
	struct fd_db *db = *state;
	char id[FD_ID_LEN], code[FD_CODE_LEN];
	book(db, "STD", FX_TODAY, "2026-11-27", id, code);
	book(db, "STD", FX_TODAY, "2026-11-26", id, code);
	struct fd_error err = {0};
	assert_int_equal(fx_booking_op(db, "anna", "booking.cancel", id, "", NULL, &err), FD_OK);
	struct fd_day_report r;
	assert_int_equal(fd_db_repo(db)->count_day(fd_db_repo(db)->ctx, fx_date(FX_TODAY), &r, &err), FD_OK);
	assert_int_equal(r.arrivals, 1);
	assert_int_equal(r.cancellations, 1);
	assert_int_equal(r.rooms_sold, 1);
	assert_true(r.room_revenue > 0);
	sqlite3 *h = fd_db_handle(db);
	int by_arrival = 0, rates = 0, row_reads = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s)) {
		const char *sql = sqlite3_sql(s);
		if (!strstr(sql, "FROM bookings WHERE arrival = ?1") &&
		    !strstr(sql, "b.rate)), 0) FROM stay_nights n"))
			continue;
		char *plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *e;
		assert_int_equal(sqlite3_prepare_v2(h, plan, -1, &e, NULL), SQLITE_OK);
		while (sqlite3_step(e) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(e, 3);
			by_arrival +=
			    strstr(d, "COVERING INDEX bookings_arrival (arrival=? AND status=?)") != NULL;
			rates += strstr(d, "SEARCH b USING COVERING INDEX bookings_rate (id=?)") != NULL;
			row_reads +=
			    strstr(d, "bookings USING INDEX") != NULL || strstr(d, "b USING INDEX") != NULL;
		}
		sqlite3_finalize(e);
		sqlite3_free(plan);
	}
	assert_int_equal(by_arrival, 3); /* arrivals, cancellations, no-shows */
	assert_int_equal(rates, 1);
	assert_int_equal(row_reads, 0);
}

static enum fd_status create(struct fd_db *db, const char *actor, const char *type, const char *extra,
                             char id[FD_ID_LEN], struct fd_error *err)
{
	char gid[FD_ID_LEN], code[FD_CODE_LEN], payload[600];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"Rate\"}", fd_uuid_new(gid));
	assert_int_equal(fx_op(db, NULL, "guest.create", payload, NULL, NULL), FD_OK);
	snprintf(
	    payload, sizeof payload,
	    "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"%s\",\"arrival\":\"2026-12-01\","
	    "\"departure\":\"2026-12-03\"%s%s}",
	    fd_uuid_new(id), fd_booking_code_new(code), gid, type, extra[0] ? "," : "", extra);
	return fx_op(db, actor, "booking.create", payload, NULL, err);
}

/* STD's base rate is 100.00: below it a reason, more than 30 % below (the
 * default) a manager; 0.00 always a reason. */
static void test_rate_below_base(void **state)
{
	struct fd_db *db = *state;
	char id[FD_ID_LEN];
	struct fd_error err = {0};
	assert_int_equal(create(db, "anna", "STD", "\"rate\":9000", id, &err), FD_E_INVALID);
	assert_string_equal(err.code, "rate_reason_needed");
	assert_non_null(strstr(err.message, "below room type STD's base rate"));
	assert_int_equal(create(db, "anna", "STD", "\"rate\":5000,\"rate_reason\":\"friend\"", id, &err),
	                 FD_E_FORBIDDEN);
	assert_non_null(strstr(err.message, "a manager must set it"));
	assert_int_equal(create(db, "mia", "STD", "\"rate\":0", id, &err), FD_E_INVALID);
	assert_string_equal(err.code, "rate_reason_needed");
	assert_int_equal(
	    create(db, "anna", "STD", "\"rate\":9000,\"rate_reason\":\"corporate rate\"", id, &err), FD_OK);
	assert_int_equal(sql_int(db,
	                         "SELECT count(*) FROM audit_log WHERE type = 'booking.create'"
	                         " AND payload LIKE '%corporate rate%' AND entity_id = ?1",
	                         id),
	                 1);
	assert_int_equal(create(db, "mia", "STD", "\"rate\":0,\"rate_reason\":\"house use\"", id, &err),
	                 FD_OK);
	assert_int_equal(create(db, "anna", "STD", "\"rate\":12000", id, &err), FD_OK);
	/* The property's setting moves the manager's line. */
	assert_int_equal(fx_op(db, NULL, "folio.configure", "{\"rate_discount_max\":60}", NULL, &err), FD_OK);
	assert_int_equal(create(db, "anna", "DLX", "\"rate\":7000,\"rate_reason\":\"friend\"", id, &err),
	                 FD_OK);
}

static void test_type_change_asks_for_the_rate(void **state)
{
	struct fd_db *db = *state;
	char id[FD_ID_LEN];
	struct fd_error err = {0};
	assert_int_equal(create(db, "anna", "STD", "", id, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.modify", id, "\"type\":\"DLX\"", NULL, &err),
	                 FD_E_INVALID);
	assert_string_equal(err.code, "rate_choice_needed");
	assert_non_null(strstr(err.message, "150.00"));
	assert_non_null(strstr(err.message, "100.00"));
	/* Keeping 100.00 on a DLX (base 150.00) is a discount: a reason, and
	 * at 33 % below, a manager. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.modify", id,
	                               "\"type\":\"DLX\",\"take_rate\":false", NULL, &err),
	                 FD_E_INVALID);
	assert_string_equal(err.code, "rate_reason_needed");
	assert_int_equal(fx_booking_op(db, "anna", "booking.modify", id,
	                               "\"type\":\"DLX\",\"take_rate\":false,\"rate_reason\":\"upgrade\"",
	                               NULL, &err),
	                 FD_E_FORBIDDEN);
	assert_int_equal(fx_booking_op(db, "mia", "booking.modify", id,
	                               "\"type\":\"DLX\",\"take_rate\":false,\"rate_reason\":\"upgrade\"",
	                               NULL, &err),
	                 FD_OK);
	assert_int_equal(sql_int(db, "SELECT rate FROM bookings WHERE id = ?1", id), 10000);
	/* Back to STD taking its rate. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.modify", id,
	                               "\"type\":\"STD\",\"take_rate\":true", NULL, &err),
	                 FD_OK);
	assert_int_equal(sql_int(db, "SELECT rate FROM bookings WHERE id = ?1", id), 10000);
	assert_int_equal(fx_booking_op(db, "anna", "booking.modify", id,
	                               "\"type\":\"DLX\",\"take_rate\":true", NULL, &err),
	                 FD_OK);
	assert_int_equal(sql_int(db, "SELECT rate FROM bookings WHERE id = ?1", id), 15000);
	/* Other changes to a booking whose rate stays do not ask again. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.modify", id, "\"adults\":2", NULL, &err), FD_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_day_use_is_a_booking_without_nights, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_use_room_rule, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stay_over_refuses_day_used_room, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stay_over_full_day_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_use_check_in_posts_rate_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_counts_read_indexes_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rate_below_base, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_type_change_asks_for_the_rate, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
