// SPDX-License-Identifier: GPL-3.0-or-later
/* The policy grammar (policy.h, doc/policies.md): parsing and judging. */
#include "config.h"
#include "core/policy.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"

#define MAX_WORDS 8

/* Split text (lower-cased, into buf) into at most MAX_WORDS words. */
static int split(const char *text, char *buf, size_t size, char *words[MAX_WORDS])
{
	snprintf(buf, size, "%s", text ? text : "");
	for (char *c = buf; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (n == MAX_WORDS)
			return MAX_WORDS + 1;
		words[n++] = tok;
	}
	return n;
}

static bool whole(const char *s, int min, int max, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

/* One FEE word (two for "first night" and "whole stay"). Returns the words
 * used, 0 when w does not start a fee. */
static int fee_words(char **w, int n, const char *currency, struct fd_fee *out)
{
	memset(out, 0, sizeof *out);
	if (n < 1)
		return 0;
	if (strcmp(w[0], "first-night") == 0) {
		out->kind = FD_FEE_FIRST_NIGHT;
		return 1;
	}
	if (n >= 2 && strcmp(w[0], "first") == 0 && strcmp(w[1], "night") == 0) {
		out->kind = FD_FEE_FIRST_NIGHT;
		return 2;
	}
	if (strcmp(w[0], "stay") == 0 || strcmp(w[0], "all") == 0 || strcmp(w[0], "full") == 0) {
		out->kind = FD_FEE_STAY;
		return 1;
	}
	if (n >= 2 && strcmp(w[0], "whole") == 0 && strcmp(w[1], "stay") == 0) {
		out->kind = FD_FEE_STAY;
		return 2;
	}
	size_t len = strlen(w[0]);
	if (len > 1 && w[0][len - 1] == '%') {
		char num[16];
		snprintf(num, sizeof num, "%.*s", (int)(len - 1), w[0]);
		if (!whole(num, 1, 100, &out->percent))
			return 0;
		out->kind = FD_FEE_PERCENT;
		return 1;
	}
	if (isdigit((unsigned char)w[0][0]) && fd_money_parse(w[0], currency, &out->amount, NULL) == FD_OK &&
	    out->amount > 0) {
		out->kind = FD_FEE_AMOUNT;
		return 1;
	}
	return 0;
}

static enum fd_status bad(struct fd_error *err, const char *field, const char *text, const char *expect)
{
	return fd_fail(err, FD_E_INVALID, "invalid_policy", field, _("\"%s\" is not a policy I can read: %s"),
	               text, expect);
}

#define FEE_HELP N_("a fee is first-night, a percentage of the stay (30%), stay, or an amount (50.00)")

enum fd_status fd_cancel_policy_parse(const char *text, const char *currency, const char *field,
                                      struct fd_cancel_policy *out, struct fd_error *err)
{
	static const char expect[] =
	    N_("use free, non-refundable, or \"free until N days (or hours) before "
	       "arrival then FEE\" where FEE is first-night, 30%, stay or an amount");
	char buf[FD_POLICY_LEN * 2], *w[MAX_WORDS];
	int n = split(text, buf, sizeof buf, w);
	memset(out, 0, sizeof *out);
	out->free_until = true;
	if (n == 0 || (n == 1 && strcmp(w[0], "free") == 0))
		return FD_OK; /* always free */
	if (n == 1 && (strcmp(w[0], "non-refundable") == 0 || strcmp(w[0], "nonrefundable") == 0)) {
		out->free_until = false;
		out->fee.kind = FD_FEE_STAY;
		return FD_OK;
	}
	if (n > MAX_WORDS || n < 3 || strcmp(w[0], "free") != 0 || strcmp(w[1], "until") != 0)
		return bad(err, field, text, _(expect));
	int i = 2;
	/* "2d" or "48h" in one word, or "2 days" in two. */
	char *unit = NULL;
	char num[16];
	size_t len = strlen(w[i]);
	if (len > 1 && (w[i][len - 1] == 'd' || w[i][len - 1] == 'h') && isdigit((unsigned char)w[i][0])) {
		snprintf(num, sizeof num, "%.*s", (int)(len - 1), w[i]);
		unit = w[i][len - 1] == 'd' ? "d" : "h";
		i++;
	} else {
		snprintf(num, sizeof num, "%s", w[i++]);
		unit = i < n ? w[i++] : "";
	}
	if (!whole(num, 0, 3650, &out->before))
		return bad(err, field, text, _(expect));
	if (strcmp(unit, "d") == 0 || strcmp(unit, "day") == 0 || strcmp(unit, "days") == 0)
		out->hours = false;
	else if (strcmp(unit, "h") == 0 || strcmp(unit, "hour") == 0 || strcmp(unit, "hours") == 0)
		out->hours = true;
	else
		return bad(err, field, text, _(expect));
	if (i < n && strcmp(w[i], "before") == 0) {
		i++;
		if (i < n && strcmp(w[i], "arrival") == 0)
			i++;
	}
	if (i == n) {
		out->fee.kind = FD_FEE_FIRST_NIGHT; /* "free until 2 days": then the first night */
		return FD_OK;
	}
	if (strcmp(w[i], "then") != 0)
		return bad(err, field, text, _(expect));
	i++;
	int used = fee_words(w + i, n - i, currency, &out->fee);
	if (!used || i + used != n)
		return bad(err, field, text, _(FEE_HELP));
	return FD_OK;
}

enum fd_status fd_noshow_policy_parse(const char *text, const char *currency, const char *field,
                                      struct fd_fee *out, struct fd_error *err)
{
	char buf[FD_POLICY_LEN * 2], *w[MAX_WORDS];
	int n = split(text, buf, sizeof buf, w);
	memset(out, 0, sizeof *out);
	if (n == 0 || (n == 1 && strcmp(w[0], "none") == 0))
		return FD_OK;
	int used = n <= MAX_WORDS ? fee_words(w, n, currency, out) : 0;
	if (!used || used != n)
		return bad(err, field, text, _("use none, or a fee: first-night, 30%, stay or an amount"));
	return FD_OK;
}

enum fd_status fd_deposit_policy_parse(const char *text, const char *currency, const char *field,
                                       struct fd_deposit_policy *out, struct fd_error *err)
{
	static const char expect[] =
	    N_("use none, or an amount, 30%, first-night or stay, then \"at booking\", "
	       "\"N days before arrival\" or \"by YYYY-MM-DD\"");
	char buf[FD_POLICY_LEN * 2], *w[MAX_WORDS];
	int n = split(text, buf, sizeof buf, w);
	memset(out, 0, sizeof *out);
	if (n == 0 || (n == 1 && strcmp(w[0], "none") == 0))
		return FD_OK;
	int i = n <= MAX_WORDS ? fee_words(w, n, currency, &out->amount) : 0;
	if (!i)
		return bad(err, field, text, _(expect));
	if (i == n)
		return FD_OK; /* at booking */
	if (n - i == 2 && strcmp(w[i], "at") == 0 && strcmp(w[i + 1], "booking") == 0)
		return FD_OK;
	if (n - i == 2 && strcmp(w[i], "by") == 0 && fd_date_parse(w[i + 1], &out->date)) {
		out->due = FD_DUE_BY_DATE;
		return FD_OK;
	}
	if (n - i >= 3 && whole(w[i], 0, 3650, &out->days) &&
	    (strcmp(w[i + 1], "days") == 0 || strcmp(w[i + 1], "day") == 0) &&
	    strcmp(w[i + 2], "before") == 0 &&
	    (n - i == 3 || (n - i == 4 && strcmp(w[i + 3], "arrival") == 0))) {
		out->due = FD_DUE_DAYS_BEFORE;
		return FD_OK;
	}
	out->amount.kind = FD_FEE_NONE;
	return bad(err, field, text, _(expect));
}

int64_t fd_fee_amount(const struct fd_fee *f, int64_t first, int64_t stay)
{
	switch (f->kind) {
	case FD_FEE_FIRST_NIGHT:
		return first;
	case FD_FEE_PERCENT:
		return (stay * f->percent + 50) / 100;
	case FD_FEE_STAY:
		return stay;
	case FD_FEE_AMOUNT:
		return f->amount < stay ? f->amount : stay;
	case FD_FEE_NONE:
		break;
	}
	return 0;
}

bool fd_cancel_free(const struct fd_cancel_policy *p, fd_date arrival, fd_date today, int minute)
{
	if (!p->free_until)
		return false;
	if (p->fee.kind == FD_FEE_NONE)
		return true;
	if (!p->hours)
		return today <= arrival - p->before;
	/* Minutes from now until midnight starting the arrival date. */
	int64_t left = ((int64_t)arrival - today) * 1440 - minute;
	return left >= (int64_t)p->before * 60;
}

fd_date fd_deposit_due_date(const struct fd_deposit_policy *p, fd_date arrival)
{
	switch (p->due) {
	case FD_DUE_DAYS_BEFORE:
		return arrival - p->days;
	case FD_DUE_BY_DATE:
		return p->date;
	case FD_DUE_AT_BOOKING:
		break;
	}
	return 0;
}

void fd_deposit_status(const struct fd_deposit_policy *p, fd_date arrival, int64_t first, int64_t stay,
                       int64_t held, fd_date today, struct fd_deposit_status *out)
{
	memset(out, 0, sizeof *out);
	out->required = fd_fee_amount(&p->amount, first, stay);
	out->held = held > 0 ? held : 0;
	out->missing = out->required > out->held ? out->required - out->held : 0;
	out->due = fd_deposit_due_date(p, arrival);
	out->overdue = out->missing > 0 && (out->due == 0 || out->due < today);
}

bool fd_deposit_judge(const char *plan_policy, const char *property_policy, const char *currency,
                      fd_date arrival, int64_t first, int64_t stay, int64_t held, fd_date today, int within,
                      struct fd_deposit_status *out)
{
	struct fd_deposit_policy p;
	const char *text = plan_policy && plan_policy[0] ? plan_policy : property_policy;
	if (fd_deposit_policy_parse(text, currency, FD_SETTING_DEPOSIT_POLICY, &p, NULL) != FD_OK)
		memset(&p, 0, sizeof p);
	fd_deposit_status(&p, arrival, first, stay, held, today, out);
	out->chase = out->missing > 0 && (out->overdue || out->due <= today + within);
	return out->chase;
}
