// SPDX-License-Identifier: GPL-3.0-or-later
/* The booking life cycle and its rules, through real operations on a real
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
#include "store/query.h"

struct ctx {
	struct fd_db *db;
	char id[FD_ID_LEN], code[FD_CODE_LEN];
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	c->db = fx_hotel();
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	fd_db_close(c->db);
	free(c);
	return 0;
}

static enum fd_status op_b(struct ctx *c, const char *actor, const char *type, const char *extra,
                           struct fd_op_result *res, struct fd_error *err)
{
	return fx_booking_op(c->db, actor, type, c->id, extra, res, err);
}

static struct fd_booking load(struct ctx *c)
{
	struct fd_booking b;
	const struct fd_repo *r = fd_db_repo(c->db);
	assert_int_equal(r->get_booking(r->ctx, c->id, &b, NULL), FD_OK);
	return b;
}

static void set_clean(struct ctx *c, const char *room, const char *status)
{
	char payload[128];
	snprintf(payload, sizeof payload, "{\"room\":\"%s\",\"status\":\"%s\"}", room, status);
	assert_int_equal(fx_op(c->db, NULL, "room.set_clean", payload, NULL, NULL), FD_OK);
}

static int free_std(struct ctx *c, const char *night)
{
	int n;
	assert_int_equal(fd_query_available(c->db, "STD", fx_date(night), &n, NULL), FD_OK);
	return n;
}

static void test_create_and_full_cycle(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	assert_int_equal(fx_book(c->db, "STD", FX_TODAY, "2026-11-27", 2, c->id, c->code, &err), FD_OK);
	struct fd_booking b = load(c);
	assert_int_equal(b.status, FD_BOOKING_RESERVED);
	assert_int_equal(b.rate, 10000); /* the type's base rate */
	assert_int_equal(free_std(c, FX_TODAY), 2);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"101\"", NULL, &err), FD_OK);
	set_clean(c, "101", "inspected");
	assert_int_equal(op_b(c, "anna", "booking.check_in", "", NULL, &err), FD_OK);
	assert_int_equal(load(c).status, FD_BOOKING_CHECKED_IN);
	assert_int_equal(op_b(c, "anna", "booking.check_in", "", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "bad_state");
	assert_int_equal(op_b(c, "anna", "booking.cancel", "", NULL, &err), FD_E_CONFLICT);
	assert_int_equal(op_b(c, "anna", "booking.check_out", "", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "early_departure");
	assert_int_equal(op_b(c, "anna", "booking.check_out", "\"early\":true", NULL, &err), FD_OK);
	assert_int_equal(load(c).status, FD_BOOKING_CHECKED_OUT);
	struct fd_room r;
	const struct fd_repo *repo = fd_db_repo(c->db);
	assert_int_equal(repo->get_room(repo->ctx, "101", &r, NULL), FD_OK);
	assert_int_equal(r.clean, FD_CLEAN_DIRTY);
	assert_int_equal(op_b(c, "anna", "booking.check_out", "", NULL, &err), FD_E_CONFLICT);
}

static void test_availability_counts_unassigned_and_ooo(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	for (int i = 0; i < 2; i++)
		assert_int_equal(fx_book(c->db, "STD", "2026-12-01", "2026-12-03", 1, NULL, NULL, &err),
		                 FD_OK);
	assert_int_equal(free_std(c, "2026-12-01"), 1);
	assert_int_equal(
	    fx_op(c->db, "anna", "room.set_maintenance",
	          "{\"room\":\"103\",\"state\":\"ooo\",\"from\":\"2026-12-02\",\"to\":\"2026-12-05\","
	          "\"reason\":\"leak\"}",
	          NULL, &err),
	    FD_OK);
	assert_int_equal(free_std(c, "2026-12-01"), 1);
	assert_int_equal(free_std(c, "2026-12-02"), 0);
	/* The third STD fits on the 1st but not across the 2nd. */
	assert_int_equal(fx_book(c->db, "STD", "2026-12-01", "2026-12-03", 1, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "no_availability");
	assert_int_equal(fx_book(c->db, "STD", "2026-12-01", "2026-12-02", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(free_std(c, "2026-12-01"), 0);
	/* Cancelling releases the night. */
	assert_int_equal(op_b(c, "anna", "booking.cancel", "", NULL, &err), FD_OK);
	assert_int_equal(free_std(c, "2026-12-01"), 1);
}

static void test_room_clash_names_booking_and_free_rooms(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	struct fd_op_result res;
	char first[FD_CODE_LEN];
	assert_int_equal(fx_book(c->db, "STD", "2026-12-10", "2026-12-12", 1, c->id, first, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"102\"", NULL, &err), FD_OK);
	assert_int_equal(fx_book(c->db, "STD", "2026-12-11", "2026-12-13", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"102\"", &res, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "room_taken");
	assert_string_equal(res.clash_code, first);
	assert_int_equal(res.n_free, 2);
	assert_string_equal(res.free_rooms[0], "101");
	assert_string_equal(res.free_rooms[1], "103");
	assert_non_null(strstr(err.message, first));
}

static void test_room_type_and_capacity_rules(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	assert_int_equal(fx_book(c->db, "STD", "2026-12-01", "2026-12-02", 3, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "over_capacity");
	assert_int_equal(fx_book(c->db, "STD", "2026-12-02", "2026-12-01", 1, NULL, NULL, &err),
	                 FD_E_INVALID);
	assert_string_equal(err.code, "invalid_dates");
	assert_int_equal(fx_book(c->db, "XXX", "2026-12-01", "2026-12-02", 1, NULL, NULL, &err),
	                 FD_E_NOT_FOUND);
	/* A DLX booking cannot go into a STD room; a STD booking may be upgraded. */
	assert_int_equal(fx_book(c->db, "DLX", "2026-12-01", "2026-12-02", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"101\"", NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "wrong_room_type");
	assert_int_equal(fx_book(c->db, "STD", "2026-12-05", "2026-12-06", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"201\"", NULL, &err), FD_OK);
	/* The upgrade uses up the deluxe room, not a standard one. */
	assert_int_equal(free_std(c, "2026-12-05"), 3);
	assert_int_equal(fx_book(c->db, "DLX", "2026-12-05", "2026-12-06", 1, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "no_availability");
	/* Changing a booking does not count it against itself. */
	assert_int_equal(op_b(c, "anna", "booking.modify", "\"departure\":\"2026-12-07\"", NULL, &err),
	                 FD_OK);
}

static void test_out_of_order_and_service(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	struct fd_op_result res;
	assert_int_equal(
	    fx_op(c->db, "anna", "room.set_maintenance",
	          "{\"room\":\"101\",\"state\":\"ooo\",\"from\":\"2026-12-01\",\"to\":\"2026-12-03\","
	          "\"reason\":\"paint\"}",
	          NULL, &err),
	    FD_OK);
	assert_int_equal(
	    fx_op(c->db, "anna", "room.set_maintenance",
	          "{\"room\":\"102\",\"state\":\"oos\",\"from\":\"2026-12-01\",\"to\":\"2026-12-03\","
	          "\"reason\":\"TV broken\"}",
	          NULL, &err),
	    FD_OK);
	assert_int_equal(fx_book(c->db, "STD", "2026-12-02", "2026-12-04", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"101\"", NULL, &err),
	                 FD_E_CONFLICT);
	assert_string_equal(err.code, "room_out_of_order");
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"102\"", &res, &err), FD_OK);
	assert_non_null(strstr(res.warning, "out of service"));
	/* Out of order while sold is refused. */
	assert_int_equal(
	    fx_op(c->db, "anna", "room.set_maintenance",
	          "{\"room\":\"102\",\"state\":\"ooo\",\"from\":\"2026-12-03\",\"to\":\"2026-12-04\","
	          "\"reason\":\"x\"}",
	          NULL, &err),
	    FD_E_CONFLICT);
	assert_string_equal(err.code, "room_taken");
}

static void test_check_in_rules(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	/* Tomorrow's arrival: too early. */
	assert_int_equal(fx_book(c->db, "STD", "2026-11-26", "2026-11-28", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.check_in", "\"room\":\"101\"", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "too_early");
	/* Today, but no room named: refused; a dirty room: refused. */
	assert_int_equal(fx_book(c->db, "STD", FX_TODAY, "2026-11-28", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.check_in", "", NULL, &err), FD_E_INVALID);
	assert_string_equal(err.code, "no_room");
	set_clean(c, "102", "dirty");
	assert_int_equal(op_b(c, "anna", "booking.check_in", "\"room\":\"102\"", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "room_not_ready");
	set_clean(c, "102", "clean");
	assert_int_equal(op_b(c, "anna", "booking.check_in", "\"room\":\"102\"", NULL, &err), FD_OK);
	assert_string_equal(load(c).room, "102");
	/* Yesterday's arrival (made by the trusted owner): only late. */
	assert_int_equal(fx_book(c->db, "STD", "2026-11-24", "2026-11-27", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.check_in", "\"room\":\"103\"", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "late_arrival");
	assert_int_equal(op_b(c, "anna", "booking.check_in", "\"room\":\"103\",\"late\":true", NULL, &err),
	                 FD_OK);
	assert_true(load(c).late_checkin);
}

static void test_no_show_and_cancel(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	assert_int_equal(fx_book(c->db, "STD", "2026-11-30", "2026-12-01", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.no_show", "", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "too_early");
	assert_int_equal(fx_book(c->db, "STD", FX_TODAY, "2026-11-26", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.no_show", "", NULL, &err), FD_OK);
	assert_int_equal(load(c).status, FD_BOOKING_NO_SHOW);
	assert_int_equal(op_b(c, "anna", "booking.cancel", "", NULL, &err), FD_E_CONFLICT);
	assert_int_equal(free_std(c, FX_TODAY), 3);
}

static void test_past_arrival_refused_for_staff(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	char payload[512];
	snprintf(payload, sizeof payload,
	         "{\"id\":\"11111111-1111-4111-8111-111111111111\",\"family\":\"Early\"}");
	assert_int_equal(fx_op(c->db, "anna", "guest.create", payload, NULL, &err), FD_OK);
	snprintf(payload, sizeof payload,
	         "{\"id\":\"22222222-2222-4222-8222-222222222222\",\"code\":\"ABC234\","
	         "\"guest_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"STD\","
	         "\"arrival\":\"2026-11-20\",\"departure\":\"2026-11-22\"}");
	assert_int_equal(fx_op(c->db, "anna", "booking.create", payload, NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "date_in_past");
}

static void test_move_in_house_keeps_past_nights(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	set_clean(c, "101", "clean");
	assert_int_equal(fx_book(c->db, "STD", FX_TODAY, "2026-11-29", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.check_in", "\"room\":\"101\"", NULL, &err), FD_OK);
	/* Two nights later the guest moves. */
	assert_int_equal(
	    fx_op(c->db, NULL, "property.update", "{\"business_date\":\"2026-11-27\"}", NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.move_room", "\"room\":\"103\"", NULL, &err), FD_OK);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(fd_db_handle(c->db),
	                   "SELECT night, room FROM stay_nights WHERE booking_id = ?1 ORDER BY night", -1, &s,
	                   NULL);
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	int rows = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *room = (const char *)sqlite3_column_text(s, 1);
		fd_date night = sqlite3_column_int(s, 0);
		assert_string_equal(room, night < fx_date("2026-11-27") ? "101" : "103");
		rows++;
	}
	sqlite3_finalize(s);
	assert_int_equal(rows, 4);
	struct fd_room r;
	const struct fd_repo *repo = fd_db_repo(c->db);
	assert_int_equal(repo->get_room(repo->ctx, "101", &r, NULL), FD_OK);
	assert_int_equal(r.clean, FD_CLEAN_DIRTY);
	/* Room 101 is free again from today: another guest can have it. */
	char other[FD_ID_LEN];
	assert_int_equal(fx_book(c->db, "STD", "2026-11-27", "2026-11-28", 1, other, NULL, &err), FD_OK);
	char payload[128];
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"101\"}", other);
	assert_int_equal(fx_op(c->db, "anna", "booking.assign_room", payload, NULL, &err), FD_OK);
}

static void test_permissions(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	assert_int_equal(
	    fx_op(c->db, "ex", "room.set_clean", "{\"room\":\"101\",\"status\":\"clean\"}", NULL, &err),
	    FD_E_FORBIDDEN);
	assert_int_equal(
	    fx_op(c->db, "nobody", "room.set_clean", "{\"room\":\"101\",\"status\":\"clean\"}", NULL, &err),
	    FD_E_FORBIDDEN);
	assert_int_equal(
	    fx_op(c->db, "anna", "staff.update", "{\"username\":\"anna\",\"role\":\"admin\"}", NULL, &err),
	    FD_E_FORBIDDEN);
	assert_non_null(strstr(err.message, "admin"));
	assert_int_equal(
	    fx_op(c->db, "root", "staff.update", "{\"username\":\"anna\",\"section\":\"A\"}", NULL, &err),
	    FD_OK);
}

static void test_guest_erase_keeps_history(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	assert_int_equal(fx_op(c->db, NULL, "guest.create",
	                       "{\"id\":\"33333333-3333-4333-8333-333333333333\",\"family\":\"Ødegaard\","
	                       "\"given\":\"Åse\",\"email\":\"ase@example.no\",\"document\":\"P123\"}",
	                       NULL, &err),
	                 FD_OK);
	assert_int_equal(fx_op(c->db, NULL, "booking.create",
	                       "{\"id\":\"44444444-4444-4444-8444-444444444444\",\"code\":\"QWE234\","
	                       "\"guest_id\":\"33333333-3333-4333-8333-333333333333\",\"type\":\"STD\","
	                       "\"arrival\":\"2026-12-01\",\"departure\":\"2026-12-02\"}",
	                       NULL, &err),
	                 FD_OK);
	assert_int_equal(fx_op(c->db, "anna", "guest.erase",
	                       "{\"guest\":\"33333333-3333-4333-8333-333333333333\"}", NULL, &err),
	                 FD_E_FORBIDDEN);
	assert_int_equal(fx_op(c->db, "mia", "guest.erase",
	                       "{\"guest\":\"33333333-3333-4333-8333-333333333333\"}", NULL, &err),
	                 FD_OK);
	struct fd_guest g;
	const struct fd_repo *repo = fd_db_repo(c->db);
	assert_int_equal(repo->get_guest(repo->ctx, "33333333-3333-4333-8333-333333333333", &g, NULL), FD_OK);
	assert_true(g.erased);
	assert_string_equal(g.email, "");
	assert_string_equal(g.document, "");
	assert_null(strstr(g.family, "degaard"));
	struct fd_booking b;
	assert_int_equal(repo->get_booking(repo->ctx, "QWE234", &b, NULL), FD_OK);
	/* New bookings for an erased guest are refused. */
	assert_int_equal(fx_op(c->db, NULL, "booking.create",
	                       "{\"id\":\"55555555-5555-4555-8555-555555555555\",\"code\":\"QWE235\","
	                       "\"guest_id\":\"33333333-3333-4333-8333-333333333333\",\"type\":\"STD\","
	                       "\"arrival\":\"2026-12-01\",\"departure\":\"2026-12-02\"}",
	                       NULL, &err),
	                 FD_E_CONFLICT);
}

static void test_modify(void **state)
{
	struct ctx *c = *state;
	struct fd_error err = {0};
	assert_int_equal(fx_book(c->db, "STD", "2026-12-01", "2026-12-03", 1, c->id, NULL, &err), FD_OK);
	assert_int_equal(op_b(c, "anna", "booking.assign_room", "\"room\":\"101\"", NULL, &err), FD_OK);
	assert_int_equal(
	    op_b(c, "anna", "booking.modify", "\"departure\":\"2026-12-05\",\"adults\":2", NULL, &err),
	    FD_OK);
	assert_int_equal(load(c).departure, fx_date("2026-12-05"));
	assert_int_equal(op_b(c, "anna", "booking.modify", "\"adults\":3", NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "over_capacity");
	assert_int_equal(op_b(c, "anna", "booking.modify", "\"type\":\"DLX\",\"take_rate\":true", NULL, &err),
	                 FD_OK);
	assert_string_equal(load(c).room, ""); /* released: a new type needs a new room */
	assert_int_equal(op_b(c, "anna", "booking.modify", "\"eta\":\"25:00\"", NULL, &err), FD_E_INVALID);
	assert_string_equal(err.field, "eta");
}

/* A new record's id is never empty: every operation that makes a record
 * refuses "id":"" on the field id and changes nothing. */
static void test_new_record_needs_id(void **state)
{
	struct ctx *c = *state;
	char bid[64], code[32];
	struct fd_error err = {0};
	assert_int_equal(fx_book(c->db, "STD", "2026-11-26", "2026-11-28", 1, bid, code, &err), FD_OK);
	assert_int_equal(fx_op(c->db, NULL, "guest.create", "{\"id\":\"gx\",\"family\":\"Ex\"}", NULL, &err),
	                 FD_OK);
	char booking[128];
	snprintf(booking, sizeof booking, "\"booking\":\"%s\"", code);
	struct {
		const char *type, *payload;
	} cases[] = {
	    {"booking.create", "{\"id\":\"\",\"code\":\"ZZZ111\",\"guest_id\":\"gx\",\"type\":\"STD\","
	                       "\"arrival\":\"2026-11-26\",\"departure\":\"2026-11-27\"}"},
	    {"room.create", "{\"id\":\"\",\"number\":\"909\",\"type\":\"STD\"}"},
	    {"room_type.create",
	     "{\"id\":\"\",\"code\":\"TWN\",\"name\":\"Twin\",\"max_occupancy\":2,\"base_rate\":9000}"},
	    {"guest.create", "{\"id\":\"\",\"family\":\"Empty\"}"},
	    {"staff.create", "{\"id\":\"\",\"username\":\"zed\",\"display_name\":\"Zed\",\"role\":\"staff\","
	                     "\"department\":\"front_office\"}"},
	    {"task.create", "{\"id\":\"   \",\"room\":\"101\",\"date\":\"2026-11-25\",\"kind\":\"clean\"}"},
	    {"company.create", "{\"id\":\"\",\"name\":\"Acme\"}"},
	    {"rate_plan.create", "{\"id\":\"\",\"code\":\"EMP\",\"name\":\"Empty\"}"},
	    {"block.add", "{\"id\":\"\",\"name\":\"Choir\",\"type\":\"STD\",\"rooms\":1,"
	                  "\"from\":\"2026-11-26\",\"to\":\"2026-11-27\",\"cutoff\":\"2026-11-25\"}"},
	    {"folio.create", NULL},
	    {"folio.post", NULL},
	    {"folio.pay", NULL},
	    {"invoice.issue", NULL},
	};
	char payload[512];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *p = cases[i].payload;
		if (!p) {
			const char *rest =
			    strcmp(cases[i].type, "folio.post") == 0  ? ",\"charge\":\"MISC\",\"amount\":100"
			    : strcmp(cases[i].type, "folio.pay") == 0 ? ",\"method\":\"cash\",\"amount\":100"
			                                              : "";
			snprintf(payload, sizeof payload, "{\"id\":\"\",%s%s}", booking, rest);
			p = payload;
		}
		char *before = fx_dump(c->db);
		memset(&err, 0, sizeof err);
		enum fd_status st = fx_op(c->db, NULL, cases[i].type, p, NULL, &err);
		if (st != FD_E_INVALID || strcmp(err.field, "id") != 0)
			fail_msg("%s: refused on \"%s\" (%s), not on the empty id", cases[i].type, err.field,
			         err.message);
		char *after = fx_dump(c->db);
		assert_string_equal(before, after);
		free(before);
		free(after);
	}
}

static void test_op_json_validation(void **state)
{
	(void)state;
	struct fd_error err = {0};
	struct fd_op op;
	const char *cases[][2] = {
	    {"{\"op_id\":\"x\",\"type\":\"booking.cancel\",\"payload\":{\"booking\":\"A\"}}", "op_id"},
	    {"{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.cancel\","
	     "\"payload\":{\"booking\":\"A\",\"evil\":1}}",
	     "evil"},
	    {"{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.cancel\","
	     "\"payload\":{\"booking\":7}}",
	     "booking"},
	    {"{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.explode\","
	     "\"payload\":{}}",
	     "type"},
	    {"{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.cancel\"}", "payload"},
	    {"{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.cancel\","
	     "\"payload\":{},\"extra\":true}",
	     "extra"},
	    {"{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.cancel\","
	     "\"device_seq\":-1,\"payload\":{\"booking\":\"A\"}}",
	     "device_seq"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		cJSON *j = cJSON_Parse(cases[i][0]);
		assert_non_null(j);
		assert_int_equal(fd_op_from_json(j, &op, &err), FD_E_INVALID);
		assert_string_equal(err.field, cases[i][1]);
		fd_op_clear(&op);
		cJSON_Delete(j);
	}
	cJSON *ok =
	    cJSON_Parse("{\"op_id\":\"11111111-1111-4111-8111-111111111111\",\"type\":\"booking.cancel\","
	                "\"device_seq\":3,\"payload\":{\"booking\":\"A\"}}");
	assert_int_equal(fd_op_from_json(ok, &op, &err), FD_OK);
	assert_int_equal(op.device_seq, 3);
	cJSON *back = fd_op_to_json(&op);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(back, "payload"), "booking")->valuestring,
	                    "A");
	cJSON_Delete(back);
	fd_op_clear(&op);
	cJSON_Delete(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_create_and_full_cycle, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_availability_counts_unassigned_and_ooo, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_room_clash_names_booking_and_free_rooms, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_room_type_and_capacity_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_out_of_order_and_service, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_check_in_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_show_and_cancel, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_past_arrival_refused_for_staff, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_move_in_house_keeps_past_nights, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_guest_erase_keeps_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_modify, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_new_record_needs_id, setup, teardown),
	    cmocka_unit_test(test_op_json_validation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
