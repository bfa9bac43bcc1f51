// SPDX-License-Identifier: GPL-3.0-or-later
/* Refusing card numbers in free text (see card.h). */
#include "config.h"
#include "core/card.h"

#include "core/i18n.h"

bool fd_luhn_valid(const char *digits, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int d = digits[n - 1 - i] - '0';
		if (d < 0 || d > 9)
			return false;
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return n > 0 && sum % 10 == 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* From a digit at p, collect the run of digits, allowing one space or dash
 * between digits (the way card numbers are written: "4111 1111 1111 1111").
 * Returns the number of digits (capped at cap) and advances *end. */
static size_t collect_run(const char *p, char *out, size_t cap, const char **end)
{
	size_t n = 0;
	while (*p) {
		if (is_digit(*p)) {
			if (n < cap)
				out[n] = *p;
			n++;
			p++;
		} else if ((*p == ' ' || *p == '-') && is_digit(p[1]) && n > 0) {
			p++;
		} else {
			break;
		}
	}
	*end = p;
	return n;
}

bool fd_text_has_card_number(const char *text)
{
	if (!text)
		return false;
	const char *p = text;
	while (*p) {
		if (!is_digit(*p)) {
			p++;
			continue;
		}
		char digits[20];
		const char *end;
		size_t n = collect_run(p, digits, sizeof digits, &end);
		if (n >= 13 && n <= 19 && fd_luhn_valid(digits, n))
			return true;
		p = end;
	}
	return false;
}

enum fd_status fd_text_check_no_card(const char *field, const char *text, struct fd_error *err)
{
	if (!fd_text_has_card_number(text))
		return FD_OK;
	return fd_fail(err, FD_E_INVALID, "card_number", field,
	               _("Field \"%s\" looks like it holds a card number; card numbers must never be stored. "
	                 "Keep only the processor's reference and the last four digits."),
	               field);
}
