// SPDX-License-Identifier: GPL-3.0-or-later
/* Offers for a stay (src/core/offer.c) on the fixture hotel: the stay
 * checks naming the field, prices night by night, sold-out and capacity
 * refusals, the terms judged by core's one policy judgement (terms.h),
 * when the guest may cancel online. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/offer.h"
#include "fixture.h"

static void check_stay_names_the_field(void **state)
{
	(void)state;
	fd_date today = fx_date(FX_TODAY);
	struct fd_error err = {0};
	assert_int_equal(fd_offer_check_stay(today, today - 1, today + 1, 1, 0, &err), FD_E_INVALID);
	assert_string_equal(err.field, "arrive");
	assert_int_equal(fd_offer_check_stay(today, today + 2, today + 2, 1, 0, &err), FD_E_INVALID);
	assert_string_equal(err.field, "depart");
	assert_int_equal(fd_offer_check_stay(today, today, today + 31, 1, 0, &err), FD_E_INVALID);
	assert_string_equal(err.field, "depart");
	assert_int_equal(fd_offer_check_stay(today, today, today + 1, 0, 0, &err), FD_E_INVALID);
	assert_string_equal(err.field, "adults");
	assert_int_equal(fd_offer_check_stay(today, today, today + 1, 1, -1, &err), FD_E_INVALID);
	assert_string_equal(err.field, "children");
	assert_int_equal(fd_offer_check_stay(today, today, today + 30, 2, 1, &err), FD_OK);
}

static void quote_prices_each_night(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_room_type t;
	struct fd_offer o;
	struct fd_error err = {0};
	assert_int_equal(repo->get_room_type(repo->ctx, "STD", &t, NULL), FD_OK);
	fd_date a = fx_date("2026-12-01");
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 2, 0, 600, &o, &err), FD_OK);
	assert_int_equal(o.nights, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(o.nightly[i], t.base_rate);
	assert_int_equal(o.total, 3 * t.base_rate);
	assert_string_equal(o.type_code, "STD");
	assert_int_equal(o.free_rooms, 3);
	/* no policy anywhere: cancelling is free */
	assert_true(o.cancel.always_free);
	assert_int_equal(o.cancel.fee, 0);
	assert_int_equal(o.deposit, 0);
	/* a rate plan that does not exist yet */
	assert_int_equal(fd_offer_quote(repo, &t, "BB", a, a + 3, 2, 0, 600, &o, &err), FD_E_INVALID);
	assert_string_equal(err.field, "plan");
	/* three guests in a room for two */
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 2, 1, 600, &o, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "over_capacity");
	fd_db_close(db);
}

static void quote_sold_out_names_the_night(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_room_type t;
	struct fd_offer o;
	struct fd_error err = {0};
	char id[FD_ID_LEN], code[FD_CODE_LEN];
	assert_int_equal(fx_book(db, "DLX", "2026-12-02", "2026-12-03", 1, id, code, NULL), FD_OK);
	assert_int_equal(repo->get_room_type(repo->ctx, "DLX", &t, NULL), FD_OK);
	fd_date a = fx_date("2026-12-01");
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 1, 0, 600, &o, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "no_availability");
	assert_non_null(strstr(err.message, "2026-12-02"));
	/* the night before is still free */
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 1, 1, 0, 600, &o, &err), FD_OK);
	assert_int_equal(o.free_rooms, 1);
	fd_db_close(db);
}

/* The property's policies are the offer's when no plan says: the same
 * words and the same judgement as the desk's booking.cancel. */
static void quote_takes_the_property_policies(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_room_type t;
	struct fd_offer o;
	struct fd_error err = {0};
	assert_int_equal(repo->put_setting(repo->ctx, FD_SETTING_CANCEL_POLICY,
	                                   "free until 36 hours before arrival then 50%", &err),
	                 FD_OK);
	assert_int_equal(repo->put_setting(repo->ctx, FD_SETTING_DEPOSIT_POLICY, "first-night", &err), FD_OK);
	assert_int_equal(repo->get_room_type(repo->ctx, "STD", &t, NULL), FD_OK);
	fd_date a = fx_date("2026-12-01");
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 2, 0, 600, &o, &err), FD_OK);
	assert_string_equal(o.cancel_policy, "free until 36 hours before arrival then 50%");
	assert_false(o.cancel.always_free);
	assert_false(o.cancel.never_free);
	assert_int_equal(o.cancel.free_until, a - 2); /* noon of the day before the day before */
	assert_int_equal(o.cancel.free_until_minute, 12 * 60);
	assert_int_equal(o.cancel.fee_after, (3 * t.base_rate * 50 + 50) / 100);
	assert_int_equal(o.deposit, t.base_rate);
	/* a stay that starts tomorrow: the fee applies at once */
	struct fd_property prop;
	assert_int_equal(repo->get_property(repo->ctx, &prop, NULL), FD_OK);
	fd_date b = prop.business_date + 1;
	assert_int_equal(fd_offer_quote(repo, &t, "", b, b + 1, 1, 0, 600, &o, &err), FD_OK);
	assert_false(o.cancel.free_now);
	assert_int_equal(o.cancel.fee, (t.base_rate * 50 + 50) / 100);
	fd_db_close(db);
}

static void guest_may_cancel_until_arrival(void **state)
{
	(void)state;
	struct fd_booking b = {.status = FD_BOOKING_RESERVED, .arrival = fx_date("2026-12-10")};
	struct fd_error err = {0};
	snprintf(b.code, sizeof b.code, "ABC123");
	assert_int_equal(fd_offer_may_cancel(&b, fx_date("2026-12-09"), &err), FD_OK);
	assert_int_equal(fd_offer_may_cancel(&b, fx_date("2026-12-10"), &err), FD_OK);
	assert_int_equal(fd_offer_may_cancel(&b, fx_date("2026-12-11"), &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "cancel_window_closed");
	b.status = FD_BOOKING_CANCELLED;
	assert_int_equal(fd_offer_may_cancel(&b, fx_date("2026-12-01"), &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "bad_state");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(check_stay_names_the_field),
	    cmocka_unit_test(quote_prices_each_night),
	    cmocka_unit_test(quote_sold_out_names_the_night),
	    cmocka_unit_test(quote_takes_the_property_policies),
	    cmocka_unit_test(guest_may_cancel_until_arrival),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
