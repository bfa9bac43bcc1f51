// SPDX-License-Identifier: GPL-3.0-or-later
/* Room integrity (issue 12): a room holds one in-house party; the night
 * audit does not close over guests due out; an early departure is
 * confirmed; housekeeping tasks finish. Real operations on a real
 * (in-memory) SQLite store. */
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

static void set_clean(struct fd_db *db, const char *room, const char *status)
{
	char payload[128];
	snprintf(payload, sizeof payload, "{\"room\":\"%s\",\"status\":\"%s\"}", room, status);
	assert_int_equal(fx_op(db, NULL, "room.set_clean", payload, NULL, NULL), FD_OK);
}

static void set_today(struct fd_db *db, const char *day)
{
	char payload[128];
	snprintf(payload, sizeof payload, "{\"business_date\":\"%s\"}", day);
	assert_int_equal(fx_op(db, NULL, "property.update", payload, NULL, NULL), FD_OK);
}

static enum fd_booking_status status_of(struct fd_db *db, const char *id)
{
	struct fd_booking b;
	const struct fd_repo *r = fd_db_repo(db);
	assert_int_equal(r->get_booking(r->ctx, id, &b, NULL), FD_OK);
	return b.status;
}

/* Yesterday's guest is still in 101 on their departure day; housekeeping
 * marks the room clean; today's arrival cannot be checked in there. */
static void test_occupied_room_refuses_check_in(void **state)
{
	struct fd_db *db = *state;
	struct fd_error err = {0};
	char stay[FD_ID_LEN], stay_code[FD_CODE_LEN], arr[FD_ID_LEN], other[FD_ID_LEN];
	set_clean(db, "101", "clean");
	assert_int_equal(fx_book(db, "STD", FX_TODAY, "2026-11-26", 1, stay, stay_code, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", stay, "\"room\":\"101\"", NULL, &err),
	                 FD_OK);
	set_today(db, "2026-11-26");
	set_clean(db, "101", "clean");
	assert_int_equal(fx_book(db, "STD", "2026-11-26", "2026-11-28", 1, arr, NULL, &err), FD_OK);
	char *before = fx_dump(db);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", arr, "\"room\":\"101\"", NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "room_occupied");
	assert_non_null(strstr(err.message, stay_code));
	assert_non_null(strstr(err.message, "Check that guest out or move them first"));
	/* Assigned first (the room is free tonight), the check-in is still refused. */
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.assign_room", arr, "\"room\":\"101\"", NULL, &err), FD_OK);
	free(before);
	before = fx_dump(db);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", arr, "", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "room_occupied");
	/* An in-house guest cannot be moved in either. */
	set_clean(db, "102", "clean");
	assert_int_equal(fx_book(db, "STD", "2026-11-26", "2026-11-27", 1, other, NULL, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", other, "\"room\":\"102\"", NULL, &err),
	                 FD_OK);
	free(before);
	before = fx_dump(db);
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.move_room", other, "\"room\":\"101\"", NULL, &err),
	    FD_E_CONFLICT);
	assert_string_equal(err.code, "room_occupied");
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_int_equal(status_of(db, arr), FD_BOOKING_RESERVED);
	/* Once the guest has left, the arrival checks in. */
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_out", stay, "", NULL, &err), FD_OK);
	set_clean(db, "101", "inspected");
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", arr, "", NULL, &err), FD_OK);
	assert_int_equal(status_of(db, arr), FD_BOOKING_CHECKED_IN);
}

static void test_audit_refuses_due_outs_in_house(void **state)
{
	struct fd_db *db = *state;
	struct fd_error err = {0};
	char a[FD_ID_LEN], a_code[FD_CODE_LEN], b[FD_ID_LEN], b_code[FD_CODE_LEN];
	set_clean(db, "101", "clean");
	set_clean(db, "102", "clean");
	assert_int_equal(fx_book(db, "STD", FX_TODAY, "2026-11-26", 1, a, a_code, &err), FD_OK);
	assert_int_equal(fx_book(db, "STD", FX_TODAY, "2026-11-27", 1, b, b_code, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", a, "\"room\":\"101\"", NULL, &err),
	                 FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", b, "\"room\":\"102\"", NULL, &err),
	                 FD_OK);
	assert_int_equal(fx_op(db, "mia", "audit.night", "{\"date\":\"" FX_TODAY "\"}", NULL, &err), FD_OK);
	/* 2026-11-26: A is due out and has not left. */
	char *before = fx_dump(db);
	assert_int_equal(fx_op(db, "mia", "audit.night", "{\"date\":\"2026-11-26\"}", NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "due_outs_in_house");
	char want[64];
	snprintf(want, sizeof want, "%s (room 101)", a_code);
	assert_non_null(strstr(err.message, want));
	assert_null(strstr(err.message, b_code));
	assert_non_null(strstr(err.message, "Check them out or extend their stay"));
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(after);
	free(before);
	/* Extended, A is charged for the night like any guest; the day closes. */
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.modify", a, "\"departure\":\"2026-11-27\"", NULL, &err),
	    FD_OK);
	assert_int_equal(fx_op(db, "mia", "audit.night", "{\"date\":\"2026-11-26\"}", NULL, &err), FD_OK);
	/* 2026-11-27: both are due out; both are listed. */
	assert_int_equal(fx_op(db, "mia", "audit.night", "{\"date\":\"2026-11-27\"}", NULL, &err),
	                 FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "2 guests due out are still in house"));
	assert_non_null(strstr(err.message, a_code));
	assert_non_null(strstr(err.message, b_code));
}

static void test_early_departure_needs_confirmation(void **state)
{
	struct fd_db *db = *state;
	struct fd_error err = {0};
	char a[FD_ID_LEN], a_code[FD_CODE_LEN];
	set_clean(db, "101", "clean");
	assert_int_equal(fx_book(db, "STD", FX_TODAY, "2026-11-28", 1, a, a_code, &err), FD_OK);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_in", a, "\"room\":\"101\"", NULL, &err),
	                 FD_OK);
	char *before = fx_dump(db);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_out", a, "", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "early_departure");
	/* Leaving on the arrival day: the arrival night stays sold. */
	assert_non_null(strstr(err.message, "releases 2 nights"));
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_out", a, "\"early\":false", NULL, &err),
	                 FD_E_CONFLICT);
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_int_equal(fx_booking_op(db, "anna", "booking.check_out", a, "\"early\":true", NULL, &err),
	                 FD_OK);
	assert_int_equal(status_of(db, a), FD_BOOKING_CHECKED_OUT);
	/* The released nights are free again: room 101 can be sold for them. */
	struct fd_booking b;
	const struct fd_repo *r = fd_db_repo(db);
	assert_int_equal(r->get_booking(r->ctx, a, &b, NULL), FD_OK);
	assert_int_equal(b.departure, fx_date("2026-11-26"));
	char next[FD_ID_LEN];
	assert_int_equal(fx_book(db, "STD", "2026-11-26", "2026-11-28", 1, next, NULL, &err), FD_OK);
	assert_int_equal(
	    fx_booking_op(db, "anna", "booking.assign_room", next, "\"room\":\"101\"", NULL, &err), FD_OK);
}

static void add_task(struct fd_db *db, const char *id, const char *room, const char *kind,
                     const char *attendant)
{
	char payload[256];
	struct fd_error err = {0};
	snprintf(payload, sizeof payload,
	         "{\"id\":\"%s\",\"room\":\"%s\",\"date\":\"" FX_TODAY
	         "\",\"kind\":\"%s\",\"attendant\":\"%s\"}",
	         id, room, kind, attendant);
	assert_int_equal(fx_op(db, "mia", "task.create", payload, NULL, &err), FD_OK);
}

static struct fd_hk_task task(struct fd_db *db, const char *id)
{
	struct fd_hk_task t;
	const struct fd_repo *r = fd_db_repo(db);
	assert_int_equal(r->get_task(r->ctx, id, &t, NULL), FD_OK);
	return t;
}

static void mark(struct fd_db *db, const char *actor, const char *room, const char *status)
{
	char payload[128];
	struct fd_error err = {0};
	snprintf(payload, sizeof payload, "{\"room\":\"%s\",\"status\":\"%s\"}", room, status);
	assert_int_equal(fx_op(db, actor, "room.set_clean", payload, NULL, &err), FD_OK);
}

#define T1 "00000000-0000-4000-8000-0000000000a1"
#define T2 "00000000-0000-4000-8000-0000000000a2"
#define T3 "00000000-0000-4000-8000-0000000000a3"
#define T4 "00000000-0000-4000-8000-0000000000a4"

static void test_marking_a_room_finishes_its_task(void **state)
{
	struct fd_db *db = *state;
	add_task(db, T1, "101", "clean", "anna");
	add_task(db, T2, "102", "clean", "mia");
	add_task(db, T3, "103", "clean", "anna");
	add_task(db, T4, "103", "inspect", "anna");
	/* The attendant assigned marks the room clean: done, by whom, when. */
	mark(db, "anna", "101", "clean");
	struct fd_hk_task t = task(db, T1);
	assert_int_equal(t.status, FD_TASK_DONE);
	assert_string_equal(t.done_by, "anna");
	assert_true(t.done_at > 0);
	/* Someone else's room stays open for them... */
	mark(db, "anna", "102", "clean");
	assert_int_equal(task(db, T2).status, FD_TASK_OPEN);
	assert_string_equal(task(db, T2).done_by, "");
	/* ...until the attendant (here a supervisor) says so. */
	mark(db, "mia", "102", "inspected");
	assert_int_equal(task(db, T2).status, FD_TASK_DONE);
	assert_string_equal(task(db, T2).done_by, "mia");
	/* Clean finishes the cleaning, not the inspection; inspected both. */
	mark(db, "anna", "103", "clean");
	assert_int_equal(task(db, T3).status, FD_TASK_DONE);
	assert_int_equal(task(db, T4).status, FD_TASK_OPEN);
	mark(db, "mia", "103", "inspected");
	t = task(db, T4);
	assert_int_equal(t.status, FD_TASK_DONE);
	assert_string_equal(t.done_by, "mia");
	/* A dirty room reopens nothing already done. */
	mark(db, "anna", "101", "dirty");
	assert_int_equal(task(db, T1).status, FD_TASK_DONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_occupied_room_refuses_check_in, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_refuses_due_outs_in_house, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_early_departure_needs_confirmation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_marking_a_room_finishes_its_task, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
