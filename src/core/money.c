// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/money.h"

#include "core/i18n.h"

#include <string.h>

/* gcc and clang both have it; __extension__ keeps -pedantic builds quiet. */
__extension__ typedef __int128 wide_int;

struct currency {
	char code[4];
	int exponent;
};

/* Minor-unit exponents from ISO 4217. Codes are matched exactly (upper case)
 * so that whatever is stored is the canonical spelling. */
static const struct currency currencies[] = {
    {"AED", 2}, {"AUD", 2}, {"BGN", 2}, {"BHD", 3}, {"BRL", 2}, {"CAD", 2}, {"CHF", 2}, {"CLP", 0},
    {"CNY", 2}, {"CZK", 2}, {"DKK", 2}, {"EUR", 2}, {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2},
    {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KRW", 0}, {"KWD", 3},
    {"LYD", 3}, {"MXN", 2}, {"MYR", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PHP", 2}, {"PLN", 2},
    {"RON", 2}, {"RUB", 2}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TND", 3}, {"TRY", 2},
    {"TWD", 2}, {"UAH", 2}, {"USD", 2}, {"VND", 0}, {"ZAR", 2},
};

int fd_currency_exponent(const char *code)
{
	if (!code)
		return -1;
	for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++) {
		if (strcmp(code, currencies[i].code) == 0)
			return currencies[i].exponent;
	}
	return -1;
}

bool fd_currency_known(const char *code)
{
	return fd_currency_exponent(code) >= 0;
}

static uint64_t pow10_u64(int exponent)
{
	uint64_t p = 1;
	while (exponent-- > 0)
		p *= 10;
	return p;
}

/* Magnitude without negating an int64_t: -INT64_MIN would overflow. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t) - (v + 1) + 1 : (uint64_t)v;
}

/* The marks of the thread's language (core/i18n.h); English's by default. */
static char group_mark(void)
{
	const struct fd_lang *l = fd_lang_current();
	return l && l->group ? l->group : ',';
}

static char decimal_mark(void)
{
	const struct fd_lang *l = fd_lang_current();
	return l && l->decimal ? l->decimal : '.';
}

/* Writes v's decimal digits, at least min_digits of them, with a ',' every
 * three from the right when grouped. Returns the length (no NUL written). */
static size_t put_digits(uint64_t v, int min_digits, bool grouped, char *out)
{
	char rev[32];
	size_t n = 0;
	int digits = 0;

	do {
		if (grouped && digits > 0 && digits % 3 == 0)
			rev[n++] = group_mark();
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
		digits++;
	} while (v > 0 || digits < min_digits);
	for (size_t i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	return n;
}

/* The number without currency code, into a buffer big enough for any int64
 * (sign, 19 digits, 6 commas, point, 3 decimals). */
static void number_text(int64_t minor, int exponent, bool grouped, char out[40])
{
	uint64_t scale = pow10_u64(exponent);
	uint64_t mag = magnitude(minor);
	size_t n = 0;

	if (minor < 0)
		out[n++] = '-';
	n += put_digits(mag / scale, 1, grouped, out + n);
	if (exponent > 0) {
		out[n++] = grouped ? decimal_mark() : '.';
		n += put_digits(mag % scale, exponent, false, out + n);
	}
	out[n] = '\0';
}

/* An unknown currency is shown as a plain count of minor units: inventing a
 * decimal point would misstate the amount. */
static int exponent_or_zero(const char *currency)
{
	int e = fd_currency_exponent(currency);
	return e < 0 ? 0 : e;
}

/* Copies s after the first len bytes of buf, truncating to fit n bytes with
 * the NUL; returns the new length. */
static size_t append(char *buf, size_t n, size_t len, const char *s)
{
	size_t room = n - 1 - len;
	size_t k = strlen(s);

	if (k > room)
		k = room;
	memcpy(buf + len, s, k);
	buf[len + k] = '\0';
	return len + k;
}

char *fd_money_format_plain(int64_t minor, const char *currency, char *buf, size_t n)
{
	char text[40];

	if (!buf || n == 0)
		return buf;
	number_text(minor, exponent_or_zero(currency), false, text);
	append(buf, n, 0, text);
	return buf;
}

char *fd_money_format(int64_t minor, const char *currency, char *buf, size_t n)
{
	char text[40];
	size_t len;

	if (!buf || n == 0)
		return buf;
	number_text(minor, exponent_or_zero(currency), true, text);
	len = append(buf, n, 0, text);
	len = append(buf, n, len, " ");
	append(buf, n, len, currency ? currency : "");
	return buf;
}

/* "1234.50" for EUR, "1234" for JPY, "1234.500" for BHD: shown in error
 * messages so that people see the form this currency expects. */
static void example_amount(int exponent, char out[40])
{
	int64_t minor = exponent > 0 ? 12345 * (int64_t)pow10_u64(exponent - 1) : 1234;

	number_text(minor, exponent, false, out);
}

static enum fd_status fail_amount(struct fd_error *err, const char *msg, int exponent, const char *currency)
{
	char example[40];

	example_amount(exponent, example);
	return fd_fail(err, FD_E_INVALID, "invalid_amount", "amount",
	               _("%s; write a plain number such as %s for %s"), msg, example, currency);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Why s is not a plain decimal number, or NULL if it is one. Shape is checked
 * before value so that "1,000.00" is called malformed, not too precise. */
static const char *check_syntax(const char *s)
{
	int int_digits = 0;
	int frac_digits = 0;

	for (; is_digit(*s); s++)
		int_digits++;
	if (*s == '.') {
		for (s++; is_digit(*s); s++)
			frac_digits++;
		if (frac_digits == 0)
			return _("digits must follow the decimal point");
	}
	if (*s != '\0')
		return _("the amount may contain only digits, one '.' and a leading sign");
	if (int_digits == 0 && frac_digits == 0)
		return _("the amount has no digits");
	return NULL;
}

/* Appends one digit to *v, refusing to pass limit. */
static bool push_digit(uint64_t *v, char digit, uint64_t limit)
{
	uint64_t d = (uint64_t)(digit - '0');

	if (*v > (limit - d) / 10)
		return false;
	*v = *v * 10 + d;
	return true;
}

/* The magnitude of a well-formed number in minor units, or why it has none. */
static const char *scan_value(const char *s, int exponent, uint64_t limit, uint64_t *mag)
{
	uint64_t scale = pow10_u64(exponent);
	uint64_t whole = 0, frac = 0;
	int frac_digits = 0;

	for (; is_digit(*s); s++) {
		if (!push_digit(&whole, *s, limit / scale))
			return _("the amount is too large");
	}
	if (*s == '.') {
		/* Trailing zeros beyond the currency's precision change
		 * nothing; any other digit there would need rounding. */
		for (s++; is_digit(*s); s++, frac_digits++) {
			if (frac_digits < exponent)
				frac = frac * 10 + (uint64_t)(*s - '0');
			else if (*s != '0')
				return _("the amount has more decimals than the currency allows");
		}
	}
	for (; frac_digits < exponent; frac_digits++)
		frac *= 10;
	/* whole <= limit / scale, so whole * scale cannot wrap. */
	whole *= scale;
	if (frac > limit - whole)
		return _("the amount is too large");
	*mag = whole + frac;
	return NULL;
}

/* -(int64_t)mag would overflow for INT64_MIN's magnitude. */
static int64_t negate_magnitude(uint64_t mag)
{
	return mag == 0 ? 0 : -(int64_t)(mag - 1) - 1;
}

enum fd_status fd_money_parse(const char *s, const char *currency, int64_t *out, struct fd_error *err)
{
	int exponent = fd_currency_exponent(currency);
	bool negative = false;
	uint64_t mag = 0, limit;
	const char *why;

	if (exponent < 0)
		return fd_fail(err, FD_E_INVALID, "unknown_currency", "amount",
		               _("unknown currency \"%s\"; use a three-letter ISO 4217 code such as EUR"),
		               currency ? currency : "");
	if (!s || *s == '\0')
		return fail_amount(err, _("the amount is empty"), exponent, currency);
	if (*s == '-' || *s == '+')
		negative = *s++ == '-';
	/* A negative amount reaches one further: -INT64_MIN is not an int64. */
	limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	why = check_syntax(s);
	if (!why)
		why = scan_value(s, exponent, limit, &mag);
	if (why)
		return fail_amount(err, why, exponent, currency);
	if (out)
		*out = negative ? negate_magnitude(mag) : (int64_t)mag;
	return FD_OK;
}

bool fd_money_mul_div(int64_t amount, int64_t num, int64_t den, int64_t *out)
{
	if (den == 0)
		return false;
	/* |amount * num| <= 2^126, so neither the product nor the quotient can
	 * overflow 128 bits. */
	wide_int p = (wide_int)amount * num;
	wide_int q = p / den;
	wide_int r = p % den;
	wide_int abs_r2 = r < 0 ? -2 * r : 2 * r;
	wide_int abs_den = den < 0 ? -(wide_int)den : (wide_int)den;

	/* Division truncated toward zero; a remainder of half or more moves
	 * the result one further away from zero. */
	if (abs_r2 >= abs_den)
		q += ((p < 0) != (den < 0)) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return false;
	if (out)
		*out = (int64_t)q;
	return true;
}
