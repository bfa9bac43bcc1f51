// SPDX-License-Identifier: GPL-3.0-or-later
/* Money in the user's locale: core writes the plain amount, this puts the
 * locale's decimal mark and groups into it. */
#include "config.h"
#include "ui/money.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/money.h"

static struct {
	bool read, local; /* local: the locale has monetary marks */
	char decimal[8], group[8], grouping[8];
} marks;

void ui_money_init(void)
{
	const struct lconv *lc = localeconv();
	marks.read = true;
	marks.local = lc && lc->mon_decimal_point && lc->mon_decimal_point[0];
	if (!marks.local)
		return;
	snprintf(marks.decimal, sizeof marks.decimal, "%s", lc->mon_decimal_point);
	snprintf(marks.group, sizeof marks.group, "%s", lc->mon_thousands_sep ? lc->mon_thousands_sep : "");
	snprintf(marks.grouping, sizeof marks.grouping, "%s", lc->mon_grouping ? lc->mon_grouping : "");
}

/* Digits with the locale's groups (mon_grouping: sizes from the right, the
 * last repeated, CHAR_MAX ends grouping). */
static void group_digits(const char *digits, size_t len, char *out, size_t n)
{
	/* Where a group mark goes: after how many digits from the right. */
	bool mark_at[64] = {false};
	size_t at = 0;
	const char *g = marks.grouping;
	int size = 0;
	while (marks.group[0] && at < len) {
		if (*g && *g != CHAR_MAX)
			size = (unsigned char)*g++;
		else if (*g == CHAR_MAX)
			break;
		if (size <= 0)
			break;
		at += (size_t)size;
		if (at < len && at < sizeof mark_at)
			mark_at[at] = true;
	}
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		size_t from_right = len - i;
		if (i > 0 && from_right < sizeof mark_at && mark_at[from_right])
			for (const char *s = marks.group; *s && o + 1 < n; s++)
				out[o++] = *s;
		if (o + 1 < n)
			out[o++] = digits[i];
	}
	out[o] = '\0';
}

char *ui_amount(int64_t minor, const char *currency, char *buf, size_t n)
{
	if (!marks.read)
		ui_money_init();
	if (!buf || n == 0)
		return buf;
	if (!marks.local) {
		/* Core's own grouped form, without the code. */
		char full[64];
		fd_money_format(minor, currency, full, sizeof full);
		char *space = strrchr(full, ' ');
		if (space)
			*space = '\0';
		snprintf(buf, n, "%s", full);
		return buf;
	}
	char plain[48], grouped[96];
	fd_money_format_plain(minor, currency, plain, sizeof plain);
	const char *p = plain;
	bool negative = *p == '-';
	if (negative)
		p++;
	size_t int_len = strcspn(p, ".");
	group_digits(p, int_len, grouped, sizeof grouped);
	snprintf(buf, n, "%s%s%s%s", negative ? "-" : "", grouped, p[int_len] ? marks.decimal : "",
	         p[int_len] ? p + int_len + 1 : "");
	return buf;
}

char *ui_money(int64_t minor, const char *currency, char *buf, size_t n)
{
	char amount[96];
	ui_amount(minor, currency, amount, sizeof amount);
	snprintf(buf, n, "%s %s", amount, currency ? currency : "");
	return buf;
}
