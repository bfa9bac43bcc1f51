// SPDX-License-Identifier: GPL-3.0-or-later
/* The rate rules of core/rate.h that need no store: a derived plan's
 * rounding, a night's price by occupancy, inclusions. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/rate.h"

static int64_t derive(int64_t parent, int bp, int64_t minor)
{
	int64_t v = -1;
	assert_true(fd_rate_derive(parent, bp, minor, &v));
	return v;
}

/* Half away from zero, to the minor unit, once per night. */
static void test_derive_rounding(void **state)
{
	(void)state;
	assert_int_equal(derive(12345, -1000, 0), 11111); /* 111.105 -> 111.11 */
	assert_int_equal(derive(9999, -1000, 0), 8999);   /* 89.991 -> 89.99 */
	assert_int_equal(derive(5, -1000, 0), 5);         /* 0.045 -> 0.05 */
	assert_int_equal(derive(15, -5000, 0), 8);        /* 0.075 -> 0.08 */
	assert_int_equal(derive(10000, 1250, 0), 11250);
	assert_int_equal(derive(10000, 0, -500), 9500); /* an amount off */
	assert_int_equal(derive(300, 0, -500), 0);      /* never below zero */
	assert_int_equal(derive(10000, -10000, 0), 0);
}

static void test_occupancy(void **state)
{
	(void)state;
	struct fd_rate_day d;
	int64_t v;
	fd_rate_day_init(&d, "FAM", "DLX", 1000);
	assert_false(fd_rate_day_price(&d, 2, 0, &v)); /* no price: not for sale */
	d.price = 10000;
	d.price_n[1] = 14000;
	d.price_n[2] = 17000;
	d.child = 2500;
	d.extra_bed = 3000;
	assert_true(fd_rate_day_price(&d, 1, 0, &v));
	assert_int_equal(v, 10000); /* no one-adult price: the price for any */
	assert_true(fd_rate_day_price(&d, 2, 1, &v));
	assert_int_equal(v, 16500);
	assert_true(fd_rate_day_price(&d, 1, 2, &v));
	assert_int_equal(v, 15000);
	assert_true(fd_rate_day_price(&d, 5, 0, &v));
	assert_int_equal(v, 23000); /* three adults' price and two extra beds */
}

static void test_inclusions(void **state)
{
	(void)state;
	char code[FD_TYPECODE_LEN], text[128];
	assert_true(fd_inclusion_code("half board", code));
	assert_string_equal(code, "HALFBOARD");
	assert_true(fd_inclusion_code("Breakfast", code));
	assert_string_equal(code, "BREAKFAST");
	assert_true(fd_inclusion_code("room_only", code));
	assert_string_equal(code, "");
	assert_false(fd_inclusion_code("spa;drop", code));
	struct fd_rate_plan p = {0};
	assert_true(fd_inclusions_parse("BREAKFAST:1500,PARKING:500", &p));
	assert_int_equal(p.n_inc, 2);
	assert_int_equal(p.inc[1].amount, 500);
	fd_inclusions_format(&p, text, sizeof text);
	assert_string_equal(text, "BREAKFAST:1500,PARKING:500");
	assert_false(fd_inclusions_parse("BREAKFAST", &p));
	assert_false(fd_inclusions_parse("BREAKFAST:-1", &p));
	strcpy(p.room_types, "STD,DLX");
	assert_true(fd_plan_sells(&p, "DLX"));
	assert_false(fd_plan_sells(&p, "DL"));
}

/* A corporate plan sells only to its own company's bookings. */
static void test_corporate_company(void **state)
{
	(void)state;
	struct fd_rate_plan p = {.kind = FD_PLAN_CORPORATE};
	snprintf(p.code, sizeof p.code, "CORP");
	snprintf(p.company, sizeof p.company, "Acme Ltd");
	struct fd_error err = {0};
	assert_int_equal(fd_plan_check_company(&p, "Acme Ltd", &err), FD_OK);
	assert_int_equal(fd_plan_check_company(&p, "ACME LTD", &err), FD_OK);
	assert_int_equal(fd_plan_check_company(&p, "", &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "corporate_plan");
	assert_string_equal(err.field, "company");
	assert_non_null(strstr(err.message, "corporate rate of Acme Ltd"));
	assert_int_equal(fd_plan_check_company(&p, NULL, &err), FD_E_CONFLICT);
	assert_int_equal(fd_plan_check_company(&p, "Globex", &err), FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "not of Globex"));
	p.kind = FD_PLAN_PUBLIC;
	p.company[0] = '\0';
	assert_int_equal(fd_plan_check_company(&p, "", &err), FD_OK);
	assert_int_equal(fd_plan_check_company(&p, "Globex", &err), FD_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_derive_rounding),
	    cmocka_unit_test(test_occupancy),
	    cmocka_unit_test(test_inclusions),
	    cmocka_unit_test(test_corporate_company),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
