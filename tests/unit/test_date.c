// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/zone.h"

static void assert_ymd(fd_date date, int y, int m, int d)
{
	int yy = 0, mm = 0, dd = 0;

	fd_date_to_ymd(date, &yy, &mm, &dd);
	assert_int_equal(yy, y);
	assert_int_equal(mm, m);
	assert_int_equal(dd, d);
}

static void assert_parses_to(const char *s, fd_date want)
{
	fd_date got = -12345;

	assert_true(fd_date_parse(s, &got));
	assert_int_equal(got, want);
}

/* A failed parse must also leave the output alone. */
static void assert_refused(const char *s)
{
	fd_date got = -12345;

	assert_false(fd_date_parse(s, &got));
	assert_int_equal(got, -12345);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_false(fd_is_leap_year(1900));
	assert_true(fd_is_leap_year(2000));
	assert_true(fd_is_leap_year(2024));
	assert_false(fd_is_leap_year(2023));
	assert_false(fd_is_leap_year(2100));
	assert_true(fd_is_leap_year(2400));
	assert_true(fd_is_leap_year(1904));
	assert_false(fd_is_leap_year(2025));
}

static void test_days_in_month(void **state)
{
	static const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	(void)state;
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(fd_days_in_month(2023, m), common[m - 1]);
		assert_int_equal(fd_days_in_month(2024, m), m == 2 ? 29 : common[m - 1]);
	}
	assert_int_equal(fd_days_in_month(1900, 2), 28);
	assert_int_equal(fd_days_in_month(2000, 2), 29);
	assert_int_equal(fd_days_in_month(2024, 0), 0);
	assert_int_equal(fd_days_in_month(2024, 13), 0);
}

static void test_valid_ymd(void **state)
{
	(void)state;
	assert_true(fd_date_valid_ymd(2024, 2, 29));
	assert_false(fd_date_valid_ymd(2023, 2, 29));
	assert_false(fd_date_valid_ymd(1900, 2, 29));
	assert_true(fd_date_valid_ymd(2000, 2, 29));
	assert_true(fd_date_valid_ymd(2024, 4, 30));
	assert_false(fd_date_valid_ymd(2024, 4, 31));
	assert_true(fd_date_valid_ymd(2024, 12, 31));
	assert_false(fd_date_valid_ymd(2024, 12, 32));
	assert_false(fd_date_valid_ymd(2024, 0, 1));
	assert_false(fd_date_valid_ymd(2024, 13, 1));
	assert_false(fd_date_valid_ymd(2024, 1, 0));
	assert_false(fd_date_valid_ymd(2024, 1, -1));
	assert_true(fd_date_valid_ymd(1900, 1, 1));
	assert_true(fd_date_valid_ymd(9999, 12, 31));
	assert_false(fd_date_valid_ymd(1899, 12, 31));
	assert_false(fd_date_valid_ymd(10000, 1, 1));
}

static void test_known_day_numbers(void **state)
{
	(void)state;
	assert_int_equal(fd_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(fd_date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(fd_date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(fd_date_from_ymd(2000, 1, 1), 10957);
	assert_int_equal(fd_date_from_ymd(1900, 1, 1), -25567);
	assert_int_equal(fd_date_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(fd_date_from_ymd(2026, 11, 25), 20782);
	assert_int_equal(fd_date_from_ymd(9999, 12, 31), 2932896);
	assert_ymd(0, 1970, 1, 1);
	assert_ymd(-1, 1969, 12, 31);
	assert_ymd(-25567, 1900, 1, 1);
	assert_ymd(2932896, 9999, 12, 31);
}

static void test_month_ends(void **state)
{
	(void)state;
	assert_ymd(fd_date_from_ymd(2024, 1, 31) + 1, 2024, 2, 1);
	assert_ymd(fd_date_from_ymd(2024, 2, 28) + 1, 2024, 2, 29);
	assert_ymd(fd_date_from_ymd(2024, 2, 29) + 1, 2024, 3, 1);
	assert_ymd(fd_date_from_ymd(2023, 2, 28) + 1, 2023, 3, 1);
	assert_ymd(fd_date_from_ymd(1900, 2, 28) + 1, 1900, 3, 1);
	assert_ymd(fd_date_from_ymd(2000, 2, 28) + 1, 2000, 2, 29);
	assert_ymd(fd_date_from_ymd(2024, 4, 30) + 1, 2024, 5, 1);
	assert_ymd(fd_date_from_ymd(2024, 12, 31) + 1, 2025, 1, 1);
	assert_ymd(fd_date_add(fd_date_from_ymd(2025, 1, 1), -1), 2024, 12, 31);
}

static void test_leap_day_round_trip(void **state)
{
	char buf[FD_DATE_STRLEN];
	fd_date d = fd_date_from_ymd(2024, 2, 29);

	(void)state;
	assert_ymd(d, 2024, 2, 29);
	assert_string_equal(fd_date_format(d, buf), "2024-02-29");
	assert_parses_to("2024-02-29", d);
}

/* Walks the calendar by hand, one day at a time, and checks that day numbers
 * agree with it in both directions and through the text form. */
static void test_every_day_1900_to_2100(void **state)
{
	int y = 1900, m = 1, d = 1;
	fd_date date = fd_date_from_ymd(1900, 1, 1);
	fd_date last = fd_date_from_ymd(2100, 12, 31);
	int count = 0;

	(void)state;
	for (; date <= last; date++, count++) {
		char want[48], buf[FD_DATE_STRLEN];
		fd_date parsed;

		assert_true(fd_date_valid_ymd(y, m, d));
		assert_int_equal(fd_date_from_ymd(y, m, d), date);
		assert_ymd(date, y, m, d);
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		assert_string_equal(fd_date_format(date, buf), want);
		assert_true(fd_date_parse(buf, &parsed));
		assert_int_equal(parsed, date);
		assert_int_equal(fd_date_weekday(date + 1), (fd_date_weekday(date) + 1) % 7);
		if (++d > fd_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(count, 73414);
	assert_int_equal(y, 2101);
}

static void test_weekdays(void **state)
{
	(void)state;
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(1970, 1, 1)), 3);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(2000, 1, 1)), 5);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(2026, 11, 25)), 2);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(1900, 1, 1)), 0);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(1969, 12, 31)), 2);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(1969, 12, 28)), 6);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(2024, 2, 29)), 3);
	assert_int_equal(fd_date_weekday(fd_date_from_ymd(9999, 12, 31)), 4);
}

static void test_stay_nights(void **state)
{
	fd_date jan1_2023 = fd_date_from_ymd(2023, 1, 1);
	fd_date jan1_2024 = fd_date_from_ymd(2024, 1, 1);
	fd_date jan1_2025 = fd_date_from_ymd(2025, 1, 1);

	(void)state;
	assert_int_equal(fd_stay_nights(jan1_2024, jan1_2024 + 1), 1);
	assert_int_equal(fd_stay_nights(jan1_2023, jan1_2024), 365);
	assert_int_equal(fd_stay_nights(jan1_2024, jan1_2025), 366);
	assert_int_equal(fd_stay_nights(fd_date_from_ymd(2024, 2, 28), fd_date_from_ymd(2024, 3, 1)), 2);
	assert_int_equal(fd_stay_nights(fd_date_from_ymd(2023, 2, 28), fd_date_from_ymd(2023, 3, 1)), 1);
	assert_int_equal(fd_stay_nights(jan1_2024, jan1_2024), -1);
	assert_int_equal(fd_stay_nights(jan1_2024, jan1_2023), -1);
	assert_int_equal(fd_stay_nights(INT32_MIN, INT32_MAX), -1);
	assert_int_equal(fd_stay_nights(INT32_MAX, INT32_MIN), -1);
}

static void test_from_unix(void **state)
{
	(void)state;
	assert_int_equal(fd_date_from_unix(0), 0);
	assert_int_equal(fd_date_from_unix(86399), 0);
	assert_int_equal(fd_date_from_unix(86400), 1);
	assert_int_equal(fd_date_from_unix(-1), -1);
	assert_int_equal(fd_date_from_unix(-86400), -1);
	assert_int_equal(fd_date_from_unix(-86401), -2);
	assert_int_equal(fd_date_from_unix(1700000000), fd_date_from_ymd(2023, 11, 14));
	assert_int_equal(fd_date_from_unix(951782400), fd_date_from_ymd(2000, 2, 29));
	assert_int_equal(fd_date_from_unix(-2208988800), fd_date_from_ymd(1900, 1, 1));
	assert_int_equal(fd_date_from_unix(INT64_MAX), INT32_MAX);
	assert_int_equal(fd_date_from_unix(INT64_MIN), INT32_MIN);
}

static void test_parse_good(void **state)
{
	(void)state;
	assert_parses_to("1970-01-01", 0);
	assert_parses_to("1900-01-01", -25567);
	assert_parses_to("2000-01-01", 10957);
	assert_parses_to("9999-12-31", 2932896);
	assert_parses_to("2024-12-31", fd_date_from_ymd(2024, 12, 31));
	assert_true(fd_date_parse("2024-06-15", NULL));
}

static void test_parse_bad(void **state)
{
	static const char *const bad[] = {
	    "",
	    "2024",
	    "2024-01",
	    "2024-01-",
	    "2024-1-01",
	    "2024-01-1",
	    "24-01-01",
	    "02024-01-01",
	    "2023-02-29",
	    "1900-02-29",
	    "2024-13-01",
	    "2024-00-10",
	    "2024-01-00",
	    "2024-01-32",
	    "2024-04-31",
	    "1899-12-31",
	    "0000-01-01",
	    "10000-01-01",
	    "2024-01-01 ",
	    " 2024-01-01",
	    "2024-01-01x",
	    "2024-01-01\n",
	    "2024-01-01T00:00",
	    "2024/01/01",
	    "2024.01.01",
	    "20240101",
	    "2024-01-0a",
	    "2O24-01-01",
	    "+024-01-01",
	    "-024-01-01",
	    "2024--1-01",
	    "2024-01--1",
	    "abcd-ef-gh",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_refused(bad[i]);
	assert_false(fd_date_parse(NULL, NULL));
}

static void test_format(void **state)
{
	char buf[FD_DATE_STRLEN];

	(void)state;
	memset(buf, 'x', sizeof buf);
	assert_ptr_equal(fd_date_format(0, buf), buf);
	assert_string_equal(buf, "1970-01-01");
	assert_string_equal(fd_date_format(-1, buf), "1969-12-31");
	assert_string_equal(fd_date_format(-25567, buf), "1900-01-01");
	assert_string_equal(fd_date_format(2932896, buf), "9999-12-31");
	assert_string_equal(fd_date_format(fd_date_from_ymd(2026, 11, 25), buf), "2026-11-25");
	assert_int_equal(strlen(buf), FD_DATE_STRLEN - 1);
	assert_string_equal(fd_date_format(fd_date_from_ymd(1000, 1, 1), buf), "1000-01-01");
}

/* Day numbers with no four-digit year still give a full, unparsable string. */
static void test_format_out_of_range(void **state)
{
	char buf[FD_DATE_STRLEN];

	(void)state;
	assert_string_equal(fd_date_format(INT32_MAX, buf), "####-##-##");
	assert_string_equal(fd_date_format(INT32_MIN, buf), "####-##-##");
	assert_string_equal(fd_date_format(2932897, buf), "####-##-##");
	assert_false(fd_date_parse(buf, NULL));
	assert_string_equal(fd_date_format(fd_date_from_ymd(0, 1, 1), buf), "0000-01-01");
}

/* The hotel's zone: core judges the form, the registered checker whether
 * it exists. */
static bool only_lisbon(const char *name)
{
	return strcmp(name, "Europe/Lisbon") == 0;
}

static void test_zone_check(void **state)
{
	(void)state;
	struct fd_error err = {0};
	fd_zone_set_checker(NULL);
	assert_int_equal(fd_zone_check("timezone", "America/Argentina/Buenos_Aires", &err), FD_OK);
	assert_int_equal(fd_zone_check("timezone", "Etc/GMT+5", &err), FD_OK);
	const char *bad[] = {"",    "/etc/passwd", "../x", "Europe/", "Europe//Lisbon", "Europe/Lis bon",
	                     "a\nb"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(fd_zone_check("timezone", bad[i], &err), FD_E_INVALID);
		assert_string_equal(err.code, "unknown_timezone");
		assert_string_equal(err.field, "timezone");
	}
	assert_int_equal(fd_zone_check("timezone", NULL, &err), FD_E_INVALID);
	fd_zone_set_checker(only_lisbon);
	assert_int_equal(fd_zone_check("timezone", "Europe/Lisbon", &err), FD_OK);
	assert_int_equal(fd_zone_check("timezone", "Mars/Olympus", &err), FD_E_INVALID);
	assert_non_null(strstr(err.message, "\"Mars/Olympus\""));
	fd_zone_set_checker(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_leap_years),
	    cmocka_unit_test(test_zone_check),
	    cmocka_unit_test(test_days_in_month),
	    cmocka_unit_test(test_valid_ymd),
	    cmocka_unit_test(test_known_day_numbers),
	    cmocka_unit_test(test_month_ends),
	    cmocka_unit_test(test_leap_day_round_trip),
	    cmocka_unit_test(test_every_day_1900_to_2100),
	    cmocka_unit_test(test_weekdays),
	    cmocka_unit_test(test_stay_nights),
	    cmocka_unit_test(test_from_unix),
	    cmocka_unit_test(test_parse_good),
	    cmocka_unit_test(test_parse_bad),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_format_out_of_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
