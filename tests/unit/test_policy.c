// SPDX-License-Identifier: GPL-3.0-or-later
/* The policy grammar (core/policy.h): what parses, what each fee comes to,
 * when a cancellation is free, when a deposit is due and overdue. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/policy.h"

static fd_date day(const char *s)
{
	fd_date d = 0;
	assert_true(fd_date_parse(s, &d));
	return d;
}

static void test_cancel_parse(void **state)
{
	(void)state;
	struct fd_cancel_policy p;
	struct fd_error err;
	assert_int_equal(
	    fd_cancel_policy_parse("free until 2 days before arrival then first-night", "EUR", "c", &p, &err),
	    FD_OK);
	assert_true(p.free_until);
	assert_false(p.hours);
	assert_int_equal(p.before, 2);
	assert_int_equal(p.fee.kind, FD_FEE_FIRST_NIGHT);
	assert_int_equal(fd_cancel_policy_parse("Free until 48h then 50%", "EUR", "c", &p, &err), FD_OK);
	assert_true(p.hours);
	assert_int_equal(p.before, 48);
	assert_int_equal(p.fee.kind, FD_FEE_PERCENT);
	assert_int_equal(p.fee.percent, 50);
	assert_int_equal(fd_cancel_policy_parse("free until 7 days then whole stay", "EUR", "c", &p, &err),
	                 FD_OK);
	assert_int_equal(p.fee.kind, FD_FEE_STAY);
	assert_int_equal(
	    fd_cancel_policy_parse("free until 1 day before arrival then 25.50", "EUR", "c", &p, &err),
	    FD_OK);
	assert_int_equal(p.fee.kind, FD_FEE_AMOUNT);
	assert_true(p.fee.amount == 2550);
	assert_int_equal(fd_cancel_policy_parse("free until 2 days", "EUR", "c", &p, &err), FD_OK);
	assert_int_equal(p.fee.kind, FD_FEE_FIRST_NIGHT);
	assert_int_equal(fd_cancel_policy_parse("non-refundable", "EUR", "c", &p, &err), FD_OK);
	assert_false(p.free_until);
	assert_int_equal(p.fee.kind, FD_FEE_STAY);
	assert_int_equal(fd_cancel_policy_parse("", "EUR", "c", &p, &err), FD_OK);
	assert_true(fd_cancel_free(&p, day("2026-11-26"), day("2026-11-26"), 600));
	/* Refused, naming the field. */
	const char *bad[] = {"free until then first-night",
	                     "free until 2 weeks then stay",
	                     "free until 2d then",
	                     "free until 2d then 150%",
	                     "free until 2d then nothing",
	                     "sometimes",
	                     NULL};
	for (int i = 0; bad[i]; i++) {
		fd_error_clear(&err);
		assert_int_equal(fd_cancel_policy_parse(bad[i], "EUR", "cancel_policy", &p, &err),
		                 FD_E_INVALID);
		assert_string_equal(err.field, "cancel_policy");
		assert_non_null(strstr(err.message, bad[i]));
	}
}

static void test_fee_amounts(void **state)
{
	(void)state;
	struct fd_fee f = {.kind = FD_FEE_FIRST_NIGHT};
	assert_true(fd_fee_amount(&f, 10000, 30000) == 10000);
	f = (struct fd_fee){.kind = FD_FEE_PERCENT, .percent = 33};
	assert_true(fd_fee_amount(&f, 10001, 30003) == 9901); /* 9900.99 rounds half up */
	f = (struct fd_fee){.kind = FD_FEE_STAY};
	assert_true(fd_fee_amount(&f, 10000, 30000) == 30000);
	f = (struct fd_fee){.kind = FD_FEE_AMOUNT, .amount = 50000};
	assert_true(fd_fee_amount(&f, 10000, 30000) == 30000); /* never more than the stay */
	f = (struct fd_fee){.kind = FD_FEE_NONE};
	assert_true(fd_fee_amount(&f, 10000, 30000) == 0);
}

static void test_cancel_free(void **state)
{
	(void)state;
	struct fd_cancel_policy p;
	struct fd_error err;
	fd_date arr = day("2026-11-30");
	assert_int_equal(fd_cancel_policy_parse("free until 2 days then first-night", "EUR", "c", &p, &err),
	                 FD_OK);
	assert_true(fd_cancel_free(&p, arr, day("2026-11-28"), 1439));
	assert_false(fd_cancel_free(&p, arr, day("2026-11-29"), 0));
	assert_int_equal(fd_cancel_policy_parse("free until 36 hours then first-night", "EUR", "c", &p, &err),
	                 FD_OK);
	assert_true(fd_cancel_free(&p, arr, day("2026-11-28"), 12 * 60)); /* noon, 36 hours before */
	assert_false(fd_cancel_free(&p, arr, day("2026-11-28"), 12 * 60 + 1));
	assert_int_equal(fd_cancel_policy_parse("non-refundable", "EUR", "c", &p, &err), FD_OK);
	assert_false(fd_cancel_free(&p, arr, day("2026-01-01"), 0));
}

static void test_noshow_and_deposit(void **state)
{
	(void)state;
	struct fd_fee f;
	struct fd_deposit_policy d;
	struct fd_error err;
	assert_int_equal(fd_noshow_policy_parse("first night", "EUR", "n", &f, &err), FD_OK);
	assert_int_equal(f.kind, FD_FEE_FIRST_NIGHT);
	assert_int_equal(fd_noshow_policy_parse("none", "EUR", "n", &f, &err), FD_OK);
	assert_int_equal(f.kind, FD_FEE_NONE);
	assert_int_equal(fd_noshow_policy_parse("first night then more", "EUR", "n", &f, &err), FD_E_INVALID);
	assert_int_equal(fd_deposit_policy_parse("30% 14 days before arrival", "EUR", "d", &d, &err), FD_OK);
	assert_int_equal(d.due, FD_DUE_DAYS_BEFORE);
	assert_int_equal(d.days, 14);
	assert_int_equal(fd_deposit_policy_parse("100.00 by 2026-12-01", "EUR", "d", &d, &err), FD_OK);
	assert_int_equal(d.due, FD_DUE_BY_DATE);
	assert_true(d.date == day("2026-12-01"));
	assert_int_equal(fd_deposit_policy_parse("first-night at booking", "EUR", "d", &d, &err), FD_OK);
	assert_int_equal(d.due, FD_DUE_AT_BOOKING);
	assert_int_equal(fd_deposit_policy_parse("30% someday", "EUR", "d", &d, &err), FD_E_INVALID);
	/* 30 % of 3 nights at 100.00, due 14 days before arrival. */
	assert_int_equal(fd_deposit_policy_parse("30% 14 days before", "EUR", "d", &d, &err), FD_OK);
	struct fd_deposit_status s;
	fd_deposit_status(&d, day("2026-12-20"), 10000, 30000, 4000, day("2026-12-06"), &s);
	assert_true(s.required == 9000 && s.held == 4000 && s.missing == 5000);
	assert_true(s.due == day("2026-12-06"));
	assert_false(s.overdue);
	fd_deposit_status(&d, day("2026-12-20"), 10000, 30000, 4000, day("2026-12-07"), &s);
	assert_true(s.overdue);
	fd_deposit_status(&d, day("2026-12-20"), 10000, 30000, 9000, day("2026-12-07"), &s);
	assert_false(s.overdue);
	assert_true(s.missing == 0);
}

/* The one rule of the deposits-due list and the overdue flag: the plan's
 * policy before the property's, and what the desk chases. */
static void test_deposit_judge(void **state)
{
	(void)state;
	struct fd_deposit_status s;
	fd_date arr = day("2026-12-20"), today = day("2026-12-01");
	/* the property's: 30 % 14 days before arrival, due 12-06 */
	assert_false(fd_deposit_judge("", "30% 14 days before", "EUR", arr, 10000, 30000, 0, today, 3, &s));
	assert_true(s.required == 9000 && s.due == day("2026-12-06") && !s.overdue && !s.chase);
	assert_true(fd_deposit_judge("", "30% 14 days before", "EUR", arr, 10000, 30000, 0, today, 5, &s));
	assert_true(s.chase && !s.overdue);
	/* the plan's policy wins: the first night at booking, overdue at once */
	assert_true(
	    fd_deposit_judge("first-night", "30% 14 days before", "EUR", arr, 10000, 30000, 0, today, 0, &s));
	assert_true(s.required == 10000 && s.due == 0 && s.overdue);
	/* covered by what the folio holds: nothing to chase */
	assert_false(fd_deposit_judge("first-night", "", "EUR", arr, 10000, 30000, 10000, today, 30, &s));
	assert_true(s.missing == 0 && !s.overdue);
	/* none, or a text that does not read: no deposit */
	assert_false(fd_deposit_judge("", "", "EUR", arr, 10000, 30000, 0, today, 30, &s));
	assert_false(fd_deposit_judge("", "someday", "EUR", arr, 10000, 30000, 0, today, 30, &s));
	assert_true(s.required == 0);
	/* past its date and short: overdue */
	assert_true(
	    fd_deposit_judge("50.00 by 2026-11-30", "", "EUR", arr, 10000, 30000, 2000, today, 0, &s));
	assert_true(s.overdue && s.missing == 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cancel_parse),  cmocka_unit_test(test_fee_amounts),
	    cmocka_unit_test(test_cancel_free),   cmocka_unit_test(test_noshow_and_deposit),
	    cmocka_unit_test(test_deposit_judge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
