// SPDX-License-Identifier: GPL-3.0-or-later
/* Offers for a stay (src/core/offer.c) on the fixture hotel: the stay
 * checks naming the field, prices night by night, sold-out and capacity
 * refusals, the free-cancellation window. */
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
	struct fd_offer_terms terms = {.cancel_days = 2};
	assert_int_equal(repo->get_room_type(repo->ctx, "STD", &t, NULL), FD_OK);
	fd_date a = fx_date("2026-12-01");
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 2, 0, &terms, &o, &err), FD_OK);
	assert_int_equal(o.nights, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(o.nightly[i], t.base_rate);
	assert_int_equal(o.total, 3 * t.base_rate);
	assert_string_equal(o.type_code, "STD");
	assert_int_equal(o.free_rooms, 3);
	assert_int_equal(o.free_cancel_until, a - 2);
	/* a rate plan that does not exist yet */
	assert_int_equal(fd_offer_quote(repo, &t, "BB", a, a + 3, 2, 0, &terms, &o, &err), FD_E_INVALID);
	assert_string_equal(err.field, "plan");
	/* three guests in a room for two */
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 2, 1, &terms, &o, &err), FD_E_CONFLICT);
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
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 3, 1, 0, NULL, &o, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "no_availability");
	assert_non_null(strstr(err.message, "2026-12-02"));
	/* the night before is still free */
	assert_int_equal(fd_offer_quote(repo, &t, "", a, a + 1, 1, 0, NULL, &o, &err), FD_OK);
	assert_int_equal(o.free_rooms, 1);
	fd_db_close(db);
}

static void cancel_fee_window(void **state)
{
	(void)state;
	struct fd_booking b = {.status = FD_BOOKING_RESERVED, .arrival = fx_date("2026-12-10")};
	struct fd_offer_terms terms = {.cancel_days = 1};
	struct fd_error err = {0};
	int64_t fee = -1;
	snprintf(b.code, sizeof b.code, "ABC123");
	assert_int_equal(fd_offer_cancel_fee(&b, fx_date("2026-12-09"), &terms, &fee, &err), FD_OK);
	assert_int_equal(fee, 0);
	assert_int_equal(fd_offer_cancel_fee(&b, fx_date("2026-12-10"), &terms, &fee, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "cancel_window_closed");
	terms.cancel_days = 0;
	assert_int_equal(fd_offer_cancel_fee(&b, fx_date("2026-12-10"), &terms, &fee, &err), FD_OK);
	b.status = FD_BOOKING_CANCELLED;
	assert_int_equal(fd_offer_cancel_fee(&b, fx_date("2026-12-01"), &terms, &fee, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "bad_state");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(check_stay_names_the_field),
	    cmocka_unit_test(quote_prices_each_night),
	    cmocka_unit_test(quote_sold_out_names_the_night),
	    cmocka_unit_test(cancel_fee_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
