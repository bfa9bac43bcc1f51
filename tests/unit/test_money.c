// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/money.h"

#define UNTOUCHED ((int64_t)-777)

static void assert_parses(const char *s, const char *currency, int64_t want)
{
	struct fd_error err;
	int64_t got = UNTOUCHED;

	fd_error_clear(&err);
	assert_int_equal(fd_money_parse(s, currency, &got, &err), FD_OK);
	assert_true(got == want);
	assert_int_equal(err.status, FD_OK);
}

/* A refusal fills the error fully and leaves the output alone. */
static void assert_refused_as(const char *s, const char *currency, const char *code)
{
	struct fd_error err;
	int64_t got = UNTOUCHED;

	fd_error_clear(&err);
	assert_int_equal(fd_money_parse(s, currency, &got, &err), FD_E_INVALID);
	assert_true(got == UNTOUCHED);
	assert_int_equal(err.status, FD_E_INVALID);
	assert_string_equal(err.code, code);
	assert_string_equal(err.field, "amount");
	assert_true(strlen(err.message) > 0);
}

static void assert_refused(const char *s, const char *currency)
{
	assert_refused_as(s, currency, "invalid_amount");
}

static void assert_plain(int64_t minor, const char *currency, const char *want)
{
	char buf[FD_MONEY_STRLEN];

	memset(buf, 'x', sizeof buf);
	assert_ptr_equal(fd_money_format_plain(minor, currency, buf, sizeof buf), buf);
	assert_string_equal(buf, want);
}

static void assert_human(int64_t minor, const char *currency, const char *want)
{
	char buf[FD_MONEY_STRLEN];

	memset(buf, 'x', sizeof buf);
	assert_ptr_equal(fd_money_format(minor, currency, buf, sizeof buf), buf);
	assert_string_equal(buf, want);
}

static void assert_mul_div(int64_t amount, int64_t num, int64_t den, int64_t want)
{
	int64_t got = UNTOUCHED;

	assert_true(fd_money_mul_div(amount, num, den, &got));
	assert_true(got == want);
}

static void assert_mul_div_refused(int64_t amount, int64_t num, int64_t den)
{
	int64_t got = UNTOUCHED;

	assert_false(fd_money_mul_div(amount, num, den, &got));
	assert_true(got == UNTOUCHED);
}

static void test_currency_exponents(void **state)
{
	static const char *const two[] = {
	    "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "BRL", "CAD", "AUD", "NZD",
	    "CNY", "INR", "MXN", "TRY", "ZAR", "AED", "SAR", "THB", "SGD", "HKD", "RUB", "UAH", "RON", "BGN",
	};
	static const char *const zero[] = {"JPY", "KRW", "ISK", "CLP", "VND"};
	static const char *const three[] = {"BHD", "KWD", "JOD", "OMR", "TND"};

	(void)state;
	for (size_t i = 0; i < sizeof two / sizeof *two; i++)
		assert_int_equal(fd_currency_exponent(two[i]), 2);
	for (size_t i = 0; i < sizeof zero / sizeof *zero; i++)
		assert_int_equal(fd_currency_exponent(zero[i]), 0);
	for (size_t i = 0; i < sizeof three / sizeof *three; i++)
		assert_int_equal(fd_currency_exponent(three[i]), 3);
	assert_true(fd_currency_known("EUR"));
	assert_true(fd_currency_known("JPY"));
}

static void test_unknown_currencies(void **state)
{
	static const char *const unknown[] = {"ABC", "", "eur", "EURO", "EU", " EUR"};

	(void)state;
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
		assert_int_equal(fd_currency_exponent(unknown[i]), -1);
		assert_false(fd_currency_known(unknown[i]));
		assert_refused_as("1.00", unknown[i], "unknown_currency");
	}
	assert_int_equal(fd_currency_exponent(NULL), -1);
	assert_false(fd_currency_known(NULL));
	assert_refused_as("1.00", NULL, "unknown_currency");
}

static void test_parse_eur(void **state)
{
	(void)state;
	assert_parses("123", "EUR", 12300);
	assert_parses("123.4", "EUR", 12340);
	assert_parses("-0.05", "EUR", -5);
	assert_parses("1234.50", "EUR", 123450);
	assert_parses("+1", "EUR", 100);
	assert_parses(".5", "EUR", 50);
	assert_parses("-.5", "EUR", -50);
	assert_parses("0", "EUR", 0);
	assert_parses("-0", "EUR", 0);
	assert_parses("0.00", "EUR", 0);
	assert_parses("007.10", "EUR", 710);
	assert_parses("1.230", "EUR", 123);
	assert_parses("1.23000000000000000000000", "EUR", 123);
	assert_parses("000000000000000000000000001", "EUR", 100);
}

static void test_parse_other_currencies(void **state)
{
	(void)state;
	assert_parses("1500", "JPY", 1500);
	assert_parses("1500.0", "JPY", 1500);
	assert_parses("-1500", "JPY", -1500);
	assert_refused("1500.5", "JPY");
	assert_parses("1.234", "BHD", 1234);
	assert_parses("1.2340", "BHD", 1234);
	assert_parses("1.2", "BHD", 1200);
	assert_parses("-0.001", "KWD", -1);
	assert_refused("1.2345", "BHD");
	assert_parses("19.99", "USD", 1999);
	assert_refused("19.999", "USD");
}

static void test_parse_limits(void **state)
{
	(void)state;
	assert_parses("92233720368547758.07", "EUR", INT64_MAX);
	assert_refused("92233720368547758.08", "EUR");
	assert_parses("-92233720368547758.08", "EUR", INT64_MIN);
	assert_refused("-92233720368547758.09", "EUR");
	assert_refused("92233720368547759", "EUR");
	assert_parses("9223372036854775807", "JPY", INT64_MAX);
	assert_refused("9223372036854775808", "JPY");
	assert_parses("-9223372036854775808", "JPY", INT64_MIN);
	assert_refused("-9223372036854775809", "JPY");
	assert_parses("9223372036854775.807", "BHD", INT64_MAX);
	assert_refused("9223372036854775.808", "BHD");
	assert_refused("99999999999999999999999999", "EUR");
	assert_refused("18446744073709551616", "JPY");
}

static void test_parse_malformed(void **state)
{
	static const char *const bad[] = {
	    "",      "1.",  ".",    "-",     "+",    "-.",  "1,000", "1,5", "1 000", " 1",  "1 ",
	    "1e3",   "1E3", "0x10", "1.2.3", "--1",  "+-1", "-+1",   "1-",  "1.-5",  "abc", "1.5\xe2\x82\xac",
	    "EUR 1", "1\n", "\t1",  "1..0",  "1.0.", "NaN", "inf",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_refused(bad[i], "EUR");
	assert_refused(NULL, "EUR");
}

static void test_parse_error_message(void **state)
{
	struct fd_error err;

	(void)state;
	fd_error_clear(&err);
	fd_money_parse("1.234", "EUR", NULL, &err);
	assert_string_equal(err.code, "invalid_amount");
	assert_non_null(strstr(err.message, "1234.50"));
	assert_non_null(strstr(err.message, "EUR"));

	fd_error_clear(&err);
	fd_money_parse("1,5", "JPY", NULL, &err);
	assert_non_null(strstr(err.message, "1234"));
	assert_null(strstr(err.message, "1234."));

	fd_error_clear(&err);
	fd_money_parse("x", "BHD", NULL, &err);
	assert_non_null(strstr(err.message, "1234.500"));

	fd_error_clear(&err);
	fd_money_parse("1", "XYZ", NULL, &err);
	assert_string_equal(err.code, "unknown_currency");
	assert_non_null(strstr(err.message, "XYZ"));

	/* No error struct and no output are both allowed. */
	assert_int_equal(fd_money_parse("x", "EUR", NULL, NULL), FD_E_INVALID);
	assert_int_equal(fd_money_parse("1", "EUR", NULL, NULL), FD_OK);
}

static void test_format_plain(void **state)
{
	(void)state;
	assert_plain(123450, "EUR", "1234.50");
	assert_plain(-123450, "EUR", "-1234.50");
	assert_plain(5, "EUR", "0.05");
	assert_plain(-5, "EUR", "-0.05");
	assert_plain(0, "EUR", "0.00");
	assert_plain(100, "USD", "1.00");
	assert_plain(1500, "JPY", "1500");
	assert_plain(-1500, "JPY", "-1500");
	assert_plain(0, "JPY", "0");
	assert_plain(1234, "BHD", "1.234");
	assert_plain(-1, "BHD", "-0.001");
	assert_plain(INT64_MAX, "EUR", "92233720368547758.07");
	assert_plain(INT64_MIN, "EUR", "-92233720368547758.08");
	assert_plain(INT64_MAX, "JPY", "9223372036854775807");
	assert_plain(INT64_MIN, "JPY", "-9223372036854775808");
	assert_plain(INT64_MIN, "BHD", "-9223372036854775.808");
}

static void test_format_grouped(void **state)
{
	(void)state;
	assert_human(123450, "EUR", "1,234.50 EUR");
	assert_human(-5, "EUR", "-0.05 EUR");
	assert_human(1500, "JPY", "1,500 JPY");
	assert_human(0, "EUR", "0.00 EUR");
	assert_human(99999, "EUR", "999.99 EUR");
	assert_human(100000, "EUR", "1,000.00 EUR");
	assert_human(-123456789, "EUR", "-1,234,567.89 EUR");
	assert_human(999, "JPY", "999 JPY");
	assert_human(-1000, "JPY", "-1,000 JPY");
	assert_human(100000000, "KRW", "100,000,000 KRW");
	assert_human(1234567, "BHD", "1,234.567 BHD");
	assert_human(INT64_MIN, "EUR", "-92,233,720,368,547,758.08 EUR");
	assert_human(INT64_MAX, "EUR", "92,233,720,368,547,758.07 EUR");
	assert_human(INT64_MAX, "JPY", "9,223,372,036,854,775,807 JPY");
	assert_human(INT64_MIN, "JPY", "-9,223,372,036,854,775,808 JPY");
}

static void test_format_truncates_safely(void **state)
{
	char buf[6];

	(void)state;
	memset(buf, 'x', sizeof buf);
	assert_ptr_equal(fd_money_format(123450, "EUR", buf, sizeof buf), buf);
	assert_string_equal(buf, "1,234");
	memset(buf, 'x', sizeof buf);
	fd_money_format_plain(123450, "EUR", buf, 3);
	assert_string_equal(buf, "12");
	assert_int_equal(buf[3], 'x');
	/* n == 0 must not write at all. */
	memset(buf, 'x', sizeof buf);
	fd_money_format_plain(1, "EUR", buf, 0);
	assert_int_equal(buf[0], 'x');
}

/* Every value that formats must parse back to itself, in each precision. */
static void test_plain_round_trip(void **state)
{
	static const char *const codes[] = {"EUR", "JPY", "BHD"};
	static const int64_t values[] = {
	    0,    1,     -1,     9,         10,        99,        100,           101,           999,
	    1000, 12345, -12345, 100000000, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
	};
	(void)state;
	for (size_t c = 0; c < sizeof codes / sizeof *codes; c++) {
		for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
			char buf[FD_MONEY_STRLEN];

			fd_money_format_plain(values[i], codes[c], buf, sizeof buf);
			assert_parses(buf, codes[c], values[i]);
		}
		for (int64_t v = -2500; v <= 2500; v += 7) {
			char buf[FD_MONEY_STRLEN];

			fd_money_format_plain(v, codes[c], buf, sizeof buf);
			assert_parses(buf, codes[c], v);
		}
	}
}

static void test_mul_div_rounding(void **state)
{
	(void)state;
	assert_mul_div(5, 1, 2, 3);
	assert_mul_div(-5, 1, 2, -3);
	assert_mul_div(5, -1, 2, -3);
	assert_mul_div(5, 1, -2, -3);
	assert_mul_div(-5, -1, 2, 3);
	assert_mul_div(-5, 1, -2, 3);
	assert_mul_div(1, 1, 2, 1);
	assert_mul_div(-1, 1, 2, -1);
	assert_mul_div(4, 1, 2, 2);
	assert_mul_div(7, 1, 3, 2);
	assert_mul_div(-7, 1, 3, -2);
	assert_mul_div(8, 1, 3, 3);
	assert_mul_div(-8, 1, 3, -3);
	assert_mul_div(1, 1, 3, 0);
	assert_mul_div(0, 5, 7, 0);
	assert_mul_div(12345, 1, 1, 12345);
	assert_mul_div(149, 1, 100, 1);
	assert_mul_div(150, 1, 100, 2);
	assert_mul_div(-150, 1, 100, -2);
	assert_mul_div(-149, 1, 100, -1);
}

/* 10.00 gross with 21% VAT included: 1.74 tax + 8.26 net, summing to gross. */
static void test_mul_div_vat_split(void **state)
{
	int64_t tax = 0, net = 0;

	(void)state;
	assert_true(fd_money_mul_div(1000, 21, 121, &tax));
	assert_true(fd_money_mul_div(1000, 100, 121, &net));
	assert_true(tax == 174);
	assert_true(net == 826);
	assert_true(tax + net == 1000);
	assert_mul_div(-1000, 21, 121, -174);
	assert_mul_div(12100, 21, 121, 2100);
	/* 10% of 0.05 is half a cent: it rounds up, not to even. */
	assert_mul_div(5, 10, 100, 1);
	assert_mul_div(25, 10, 100, 3);
}

static void test_mul_div_extremes(void **state)
{
	(void)state;
	/* The product overflows int64 but the result does not. */
	assert_mul_div(INT64_MAX, 2, 2, INT64_MAX);
	assert_mul_div(INT64_MIN, 3, 3, INT64_MIN);
	assert_mul_div(INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX);
	assert_mul_div(INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN);
	assert_mul_div(INT64_MIN, 1, 1, INT64_MIN);
	assert_mul_div(INT64_MIN, 1, 2, INT64_MIN / 2);
	assert_mul_div(INT64_MAX, 1, 2, INT64_MAX / 2 + 1);
	assert_mul_div(INT64_MAX, 1, -1, -INT64_MAX);
	assert_mul_div(1, 1, INT64_MIN, 0);
	assert_mul_div(INT64_MIN, 1, INT64_MIN, 1);
	assert_mul_div_refused(INT64_MAX, 2, 1);
	assert_mul_div_refused(INT64_MIN, -1, 1);
	assert_mul_div_refused(INT64_MIN, 1, -1);
	assert_mul_div_refused(INT64_MAX, INT64_MAX, 1);
	assert_mul_div_refused(100, 1, 0);
	assert_mul_div_refused(0, 0, 0);
	assert_true(fd_money_mul_div(10, 1, 3, NULL));
}

/* Checks against a second formula: round(|p| / |d|) = (2|p| + |d|) / (2|d|)
 * with floor division, then the sign of p / d. */
static void test_mul_div_matches_oracle(void **state)
{
	(void)state;
	for (int64_t a = -300; a <= 300; a += 3) {
		for (int64_t num = -7; num <= 7; num++) {
			for (int64_t den = -13; den <= 13; den++) {
				int64_t p, ap, ad, want, got = 0;

				if (den == 0)
					continue;
				p = a * num;
				ap = p < 0 ? -p : p;
				ad = den < 0 ? -den : den;
				/* cppcheck-suppress zerodivcond ; ad is not 0: den == 0 was skipped above */
				want = (2 * ap + ad) / (2 * ad);
				if ((p < 0) != (den < 0))
					want = -want;
				assert_true(fd_money_mul_div(a, num, den, &got));
				assert_true(got == want);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_currency_exponents),
	    cmocka_unit_test(test_unknown_currencies),
	    cmocka_unit_test(test_parse_eur),
	    cmocka_unit_test(test_parse_other_currencies),
	    cmocka_unit_test(test_parse_limits),
	    cmocka_unit_test(test_parse_malformed),
	    cmocka_unit_test(test_parse_error_message),
	    cmocka_unit_test(test_format_plain),
	    cmocka_unit_test(test_format_grouped),
	    cmocka_unit_test(test_format_truncates_safely),
	    cmocka_unit_test(test_plain_round_trip),
	    cmocka_unit_test(test_mul_div_rounding),
	    cmocka_unit_test(test_mul_div_vat_split),
	    cmocka_unit_test(test_mul_div_extremes),
	    cmocka_unit_test(test_mul_div_matches_oracle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
