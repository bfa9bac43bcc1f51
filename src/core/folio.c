// SPDX-License-Identifier: GPL-3.0-or-later
/* Folio rules: balances, VAT, voids. See folio.h for the sign convention and
 * the VAT rounding rule. */
#include "config.h"
#include "core/folio.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"

static const char *const line_kind_names[] = {"charge", "payment", "refund", "void", "transfer"};
static const char *const folio_kind_names[] = {"guest", "company"};

#define N_OF(a) (int)(sizeof a / sizeof *a)

const char *fd_line_kind_name(enum fd_line_kind k)
{
	return (int)k >= 0 && (int)k < N_OF(line_kind_names) ? line_kind_names[k] : "?";
}

bool fd_line_kind_parse(const char *s, enum fd_line_kind *out)
{
	for (int i = 0; s && i < N_OF(line_kind_names); i++)
		if (strcmp(s, line_kind_names[i]) == 0) {
			*out = (enum fd_line_kind)i;
			return true;
		}
	return false;
}

const char *fd_folio_kind_name(enum fd_folio_kind k)
{
	return (int)k >= 0 && (int)k < N_OF(folio_kind_names) ? folio_kind_names[k] : "?";
}

bool fd_folio_kind_parse(const char *s, enum fd_folio_kind *out)
{
	for (int i = 0; s && i < N_OF(folio_kind_names); i++)
		if (strcmp(s, folio_kind_names[i]) == 0) {
			*out = (enum fd_folio_kind)i;
			return true;
		}
	return false;
}

bool fd_payment_method_valid(const char *m)
{
	return m && (strcmp(m, "cash") == 0 || strcmp(m, "card") == 0 || strcmp(m, "bank_transfer") == 0);
}

bool fd_vat_included(int64_t gross, int vat_bp, int64_t *vat)
{
	if (vat_bp < 0 || vat_bp > 10000)
		return false;
	return fd_money_mul_div(gross, vat_bp, 10000 + (int64_t)vat_bp, vat);
}

bool fd_vat_rate_parse(const char *text, int *vat_bp)
{
	const char *p = text;
	while (*p == ' ')
		p++;
	int whole = 0, frac = 0, digits = 0, decimals = 0;
	while (*p >= '0' && *p <= '9' && digits < 4) {
		whole = whole * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits)
		return false;
	if (*p == '.' || *p == ',') {
		p++;
		while (*p >= '0' && *p <= '9' && decimals < 2) {
			frac = frac * 10 + (*p++ - '0');
			decimals++;
		}
		if (!decimals)
			return false;
		if (decimals == 1)
			frac *= 10;
	}
	while (*p == ' ')
		p++;
	if (*p == '%')
		p++;
	while (*p == ' ')
		p++;
	if (*p || whole > 100 || (whole == 100 && frac > 0))
		return false;
	*vat_bp = whole * 100 + frac;
	return true;
}

char *fd_vat_rate_format(int vat_bp, char *buf, size_t n)
{
	if (vat_bp % 100 == 0)
		snprintf(buf, n, "%d", vat_bp / 100);
	else if (vat_bp % 10 == 0)
		snprintf(buf, n, "%d.%d", vat_bp / 100, vat_bp % 100 / 10);
	else
		snprintf(buf, n, "%d.%02d", vat_bp / 100, vat_bp % 100);
	return buf;
}

static bool add(int64_t *acc, int64_t v)
{
	return !__builtin_add_overflow(*acc, v, acc);
}

bool fd_folio_sum(const struct fd_folio_line *lines, size_t n, struct fd_folio_totals *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		const struct fd_folio_line *l = &lines[i];
		bool ok = add(&out->balance, l->amount);
		enum fd_line_kind k = l->kind;
		if (k == FD_LINE_VOID) {
			/* A void counts where its original counted. */
			k = l->amount <= 0 ? FD_LINE_CHARGE : FD_LINE_PAYMENT;
			for (size_t j = 0; j < n; j++)
				if (strcmp(lines[j].id, l->voids) == 0)
					k = lines[j].kind;
		}
		if (k == FD_LINE_CHARGE)
			ok = ok && add(&out->charges, l->amount) && add(&out->tax, l->tax);
		else if (k == FD_LINE_PAYMENT || k == FD_LINE_REFUND)
			ok = ok && add(&out->payments, -l->amount);
		if (!ok)
			return false;
	}
	return true;
}

bool fd_folio_line_voided(const struct fd_folio_line *lines, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (lines[i].kind == FD_LINE_VOID && strcmp(lines[i].voids, id) == 0)
			return true;
	return false;
}

enum fd_status fd_folio_make_void(const struct fd_folio_line *orig, bool already_voided,
                                  struct fd_folio_line *out, struct fd_error *err)
{
	if (orig->kind == FD_LINE_VOID)
		return fd_fail(err, FD_E_CONFLICT, "bad_state", "line",
		               _("Line %s is itself a void; post the charge again instead."), orig->id);
	if (orig->kind == FD_LINE_TRANSFER)
		return fd_fail(err, FD_E_CONFLICT, "bad_state", "line",
		               _("Line %s is a settlement transfer; it cannot be voided."), orig->id);
	if (already_voided)
		return fd_fail(err, FD_E_CONFLICT, "already_voided", "line", _("Line %s is already voided."),
		               orig->id);
	if (orig->amount == INT64_MIN || orig->tax == INT64_MIN)
		return fd_fail(err, FD_E_INVALID, "invalid_amount", "line", _("The amount is out of range."));
	out->kind = FD_LINE_VOID;
	out->amount = -orig->amount;
	out->tax = -orig->tax;
	snprintf(out->code, sizeof out->code, "%s", orig->code);
	snprintf(out->folio_id, sizeof out->folio_id, "%s", orig->folio_id);
	snprintf(out->voids, sizeof out->voids, "%s", orig->id);
	snprintf(out->method, sizeof out->method, "%s", orig->method);
	snprintf(out->description, sizeof out->description, "VOID %.200s", orig->description);
	return FD_OK;
}

bool fd_last4_valid(const char *s)
{
	if (!s[0])
		return true;
	if (strlen(s) != 4)
		return false;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}
