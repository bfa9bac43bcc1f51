// SPDX-License-Identifier: GPL-3.0-or-later
/* Folio operations: folio.create, folio.post, folio.pay, folio.refund,
 * folio.void, folio.move_line, folio.settle, folio.configure,
 * charge_code.set, and the check-out rule. Compiled into libfdcore.a: they
 * reach storage only through struct fd_repo. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/op_internal.h"
#include "core/perm.h"
#include "core/card.h"
#include "core/folio.h"
#include "core/op_folio.h"
#include "core/policy.h"
#include "core/terms.h"

#define MAX_AMOUNT INT64_C(1000000000000)

/* An id made from an operation and a salt: the same operation applied again
 * (a retried push, a replay on the server) makes the same ids. */
void op_folio_derive_id(const char *a, const char *b, const char *salt, char out[FD_ID_LEN])
{
	uint64_t h[2] = {UINT64_C(14695981039346656037), UINT64_C(1099511628211) * 31};
	const char *parts[3] = {a, b, salt};
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 3; i++) {
			for (const char *p = parts[i]; p && *p; p++) {
				h[k] ^= (unsigned char)*p;
				h[k] *= UINT64_C(1099511628211);
			}
			h[k] ^= 0x7c;
			h[k] *= UINT64_C(1099511628211);
		}
	snprintf(out, FD_ID_LEN, "%08" PRIx32 "-%04" PRIx32 "-4%03" PRIx32 "-8%03" PRIx32 "-%012" PRIx64,
	         (uint32_t)(h[0] >> 32), (uint32_t)(h[0] >> 16) & 0xffff, (uint32_t)h[0] & 0xfff,
	         (uint32_t)(h[1] >> 52) & 0xfff, h[1] & UINT64_C(0xffffffffffff));
}

static enum fd_status no_folios(struct op_ctx *c)
{
	return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL, _("This store does not keep folios."));
}

bool op_folio_supported(const struct fd_repo *repo)
{
	return repo->get_folio && repo->folio_lines && repo->put_line;
}

static enum fd_status check_text(struct op_ctx *c, const char *field, const char *text)
{
	return fd_text_check_no_card(field, text, c->err);
}

/* The booking's folio that takes a posting: the room-routed folio for room
 * charges when there is one, else the first guest folio, made on demand. */
enum fd_status op_folio_default(struct op_ctx *c, const struct fd_booking *b, bool room_charge,
                                struct fd_folio *out)
{
	/* A group's master booking takes its members' room charges. */
	struct fd_group_block k;
	struct fd_booking master;
	if (room_charge && b->block_id[0] && c->repo->get_group_block &&
	    c->repo->get_group_block(c->repo->ctx, b->block_id, &k, NULL) == FD_OK && k.master[0] &&
	    strcmp(k.master, b->code) != 0 &&
	    c->repo->get_booking(c->repo->ctx, k.master, &master, NULL) == FD_OK)
		return op_folio_default(c, &master, true, out);
	struct fd_folio *list = NULL;
	int n = 0;
	enum fd_status st = c->repo->booking_folios(c->repo->ctx, b->id, &list, &n, c->err);
	if (st) {
		free(list);
		return st;
	}
	int pick = -1;
	for (int i = 0; i < n && room_charge; i++)
		if (list[i].route_room) {
			pick = i;
			break;
		}
	for (int i = 0; i < n && pick < 0; i++)
		if (list[i].kind == FD_FOLIO_GUEST)
			pick = i;
	if (pick >= 0) {
		*out = list[pick];
		free(list);
		return FD_OK;
	}
	free(list);
	memset(out, 0, sizeof *out);
	op_folio_derive_id(b->id, "", "guest-folio", out->id);
	snprintf(out->booking_id, sizeof out->booking_id, "%s", b->id);
	out->kind = FD_FOLIO_GUEST;
	snprintf(out->name, sizeof out->name, "%s", "Guest");
	out->version = 1;
	return c->repo->put_folio(c->repo->ctx, out, c->err);
}

/* The folio a posting goes to: "folio" (an id) or "booking" (its default). */
static enum fd_status target_folio(struct op_ctx *c, bool room_charge, struct fd_folio *f)
{
	char id[FD_ID_LEN] = "";
	enum fd_status st = op_str(c, "folio", id, sizeof id, false);
	if (st)
		return st;
	if (id[0]) {
		st = c->repo->get_folio(c->repo->ctx, id, f, c->err);
		if (st == FD_E_NOT_FOUND)
			return fd_fail(c->err, FD_E_NOT_FOUND, "folio_not_found", "folio",
			               _("No folio \"%s\"."), id);
		return st;
	}
	if (!op_has(c, "booking"))
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "booking",
		               _("Name the booking or the folio to post to."));
	struct fd_booking b;
	if ((st = op_load_booking(c, &b)))
		return st;
	return op_folio_default(c, &b, room_charge, f);
}

/* Postings are dated on the business date, or on an earlier day that the
 * night audit has not closed yet. */
static enum fd_status line_date(struct op_ctx *c, fd_date *date)
{
	*date = c->prop.business_date;
	enum fd_status st = op_date(c, "date", date, false);
	if (st)
		return st;
	char day[FD_DATE_STRLEN];
	if (*date > c->prop.business_date)
		return fd_fail(c->err, FD_E_CONFLICT, "future_date", "date",
		               _("Cannot post on %s: the business date is still %s."),
		               fd_date_format(*date, day),
		               fd_date_format(c->prop.business_date, (char[FD_DATE_STRLEN]){0}));
	struct fd_day_report r;
	st = c->repo->get_day_report(c->repo->ctx, *date, &r, c->err);
	if (st == FD_OK)
		return fd_fail(
		    c->err, FD_E_CONFLICT, "day_closed", "date",
		    _("%s is closed by the night audit; post on the current business date instead."),
		    fd_date_format(*date, day));
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

static enum fd_status new_line(struct op_ctx *c, struct fd_folio_line *l, enum fd_line_kind kind)
{
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->version = 1;
	l->created_at = c->op->created_at;
	snprintf(l->actor, sizeof l->actor, "%s", c->op->actor);
	enum fd_status st = op_new_id(c, l->id, sizeof l->id);
	if (st)
		return st;
	struct fd_folio_line existing;
	if (c->repo->get_line(c->repo->ctx, l->id, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_line", "id", _("Line %s already exists."),
		               l->id);
	return line_date(c, &l->date);
}

static enum fd_status save_line(struct op_ctx *c, const struct fd_folio_line *l)
{
	enum fd_status st = c->repo->put_line(c->repo->ctx, l, c->err);
	if (!st)
		op_result_entity(c, "folio_line", l->id);
	return st;
}

enum fd_status op_folio_create(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio f = {.kind = FD_FOLIO_GUEST, .version = 1};
	struct fd_booking b;
	enum fd_status st;
	if ((st = op_new_id(c, f.id, sizeof f.id)) || (st = op_load_booking(c, &b)) ||
	    (st = op_str(c, "name", f.name, sizeof f.name, false)) ||
	    (st = op_str(c, "company", f.company, sizeof f.company, false)) ||
	    (st = check_text(c, "name", f.name)) || (st = check_text(c, "company", f.company)))
		return st;
	struct fd_folio existing;
	if (c->repo->get_folio(c->repo->ctx, f.id, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_folio", "id", _("Folio %s already exists."),
		               f.id);
	snprintf(f.booking_id, sizeof f.booking_id, "%s", b.id);
	if (f.company[0]) {
		/* Only an account that allows direct billing takes a folio. */
		struct fd_company co;
		if ((st = op_company_can_bill(c, f.company, 0, &co)))
			return st;
		snprintf(f.company, sizeof f.company, "%s", co.name);
		f.kind = FD_FOLIO_COMPANY;
	}
	if (!f.name[0])
		snprintf(f.name, sizeof f.name, "%s%.100s", f.company[0] ? "Company: " : "Guest",
		         f.company[0] ? f.company : "");
	f.route_room = op_bool(c, "route_room", false);
	st = c->repo->put_folio(c->repo->ctx, &f, c->err);
	if (!st)
		op_result_entity(c, "folio", f.id);
	return st;
}

enum fd_status op_folio_post(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio_line l;
	struct fd_charge_code cc;
	struct fd_folio f;
	int64_t amount, qty = 1;
	enum fd_status st;
	if ((st = new_line(c, &l, FD_LINE_CHARGE)) ||
	    (st = op_str(c, "charge", l.code, sizeof l.code, true)) ||
	    (st = op_int(c, "amount", 1, MAX_AMOUNT, &amount, true)) ||
	    (st = op_int(c, "quantity", 1, 1000, &qty, false)) ||
	    (st = op_str(c, "description", l.description, sizeof l.description, false)) ||
	    (st = check_text(c, "description", l.description)))
		return st;
	if (strcmp(l.code, FD_PAID_OUT_CODE) == 0)
		return fd_fail(
		    c->err, FD_E_FORBIDDEN, "forbidden", "charge",
		    _("%s is kept for paid-outs: a manager records one with 'frontdesk paid-out CODE "
		      "AMOUNT --reason TEXT'."),
		    FD_PAID_OUT_CODE);
	st = c->repo->get_charge_code(c->repo->ctx, l.code, &cc, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "charge_code_not_found", "charge",
		               _("No charge code \"%s\"; see 'frontdesk charges'."), l.code);
	if (st || (st = target_folio(c, cc.is_room, &f)))
		return st;
	l.amount = amount * qty; /* both bounded: no overflow */
	l.quantity = (int)qty;
	l.unit_price = amount;
	if (!fd_vat_included(l.amount, cc.vat_bp, &l.tax))
		return fd_fail(c->err, FD_E_INVALID, "invalid_amount", "amount",
		               _("The amount is out of range."));
	if (!l.description[0])
		snprintf(l.description, sizeof l.description, qty > 1 ? "%s x%d" : "%s", cc.name, (int)qty);
	snprintf(l.folio_id, sizeof l.folio_id, "%s", f.id);
	return save_line(c, &l);
}

static enum fd_status read_payment(struct op_ctx *c, struct fd_folio_line *l, int64_t *amount)
{
	enum fd_status st;
	char last4[64] = ""; /* read wide: a whole card number gets the right message */
	if ((st = op_str(c, "method", l->method, sizeof l->method, true)) ||
	    (st = op_int(c, "amount", 1, MAX_AMOUNT, amount, true)) ||
	    (st = op_str(c, "ref", l->ref, sizeof l->ref, false)) ||
	    (st = op_str(c, "last4", last4, sizeof last4, false)) || (st = check_text(c, "ref", l->ref)))
		return st;
	if (strlen(last4) > 4)
		return fd_fail(
		    c->err, FD_E_INVALID, "invalid_field", "last4",
		    _("Keep only the last four digits of a card (for example 4242), never the number."));
	snprintf(l->last4, sizeof l->last4, "%s", last4);
	if (!fd_payment_method_valid(l->method))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "method",
		               _("Unknown payment method \"%s\"; use cash, card or bank_transfer."),
		               l->method);
	if (!fd_last4_valid(l->last4))
		return fd_fail(
		    c->err, FD_E_INVALID, "invalid_field", "last4",
		    _("Keep only the last four digits of a card (for example 4242), never the number."));
	if (l->last4[0] && strcmp(l->method, "card") != 0)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "last4",
		               _("Last four digits belong to card payments only."));
	snprintf(l->code, sizeof l->code, "%s", l->method);
	return FD_OK;
}

enum fd_status op_folio_pay(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio_line l;
	struct fd_folio f;
	int64_t amount;
	enum fd_status st;
	if ((st = new_line(c, &l, FD_LINE_PAYMENT)) || (st = read_payment(c, &l, &amount)) ||
	    (st = target_folio(c, false, &f)))
		return st;
	l.amount = -amount;
	snprintf(l.description, sizeof l.description, "Payment (%s)", l.method);
	snprintf(l.folio_id, sizeof l.folio_id, "%s", f.id);
	return save_line(c, &l);
}

/* "in cash", "by card": how a tender reads in a sentence. */
static const char *tender_words(const char *method)
{
	if (strcmp(method, "cash") == 0)
		return _("in cash");
	if (strcmp(method, "card") == 0)
		return _("by card");
	if (strcmp(method, "bank_transfer") == 0)
		return _("by bank transfer");
	return method;
}

static bool line_voided(const struct fd_folio_line *lines, int n, const struct fd_folio_line *l)
{
	return fd_folio_line_voided(lines, (size_t)n, l->id);
}

/* What refunds may still give back on a folio in one tender: the payments
 * taken in it less the refunds made in it (voided lines count for nothing). */
static int64_t tender_left(const struct fd_folio_line *lines, int n, const char *method)
{
	int64_t left = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(lines[i].method, method) != 0 || line_voided(lines, n, &lines[i]))
			continue;
		if (lines[i].kind == FD_LINE_PAYMENT)
			left -= lines[i].amount;
		else if (lines[i].kind == FD_LINE_REFUND)
			left -= lines[i].amount;
	}
	return left;
}

/* What is left to give back of one payment: its amount less the refunds
 * that name it. */
static int64_t payment_left(const struct fd_folio_line *lines, int n, const struct fd_folio_line *pay)
{
	int64_t left = -pay->amount;
	for (int i = 0; i < n; i++)
		if (lines[i].kind == FD_LINE_REFUND && strcmp(lines[i].reverses, pay->id) == 0 &&
		    !line_voided(lines, n, &lines[i]))
			left -= lines[i].amount;
	return left;
}

/* A refund gives back (part of) a payment taken on the folio in the same
 * tender, and never more than that tender took there: cash back only
 * against cash taken, a card refund against a card payment. The payment
 * is the one named, or the latest of that tender that covers the amount. */
static enum fd_status check_refund_tender(struct op_ctx *c, const struct fd_folio_line *lines, int n,
                                          const char *pay_id, struct fd_folio_line *l)
{
	char a[FD_MONEY_STRLEN], b[FD_MONEY_STRLEN];
	const char *cur = c->prop.currency;
	int64_t tender = tender_left(lines, n, l->method);
	const struct fd_folio_line *pay = NULL;
	if (pay_id[0]) {
		for (int i = 0; i < n && !pay; i++)
			if (strcmp(lines[i].id, pay_id) == 0)
				pay = &lines[i];
		if (!pay || pay->kind != FD_LINE_PAYMENT)
			return fd_fail(c->err, FD_E_INVALID, "not_a_payment", "payment",
			               _("Line %.8s is not a payment on this folio; a refund gives back a "
			                 "payment (see 'frontdesk folio CODE')."),
			               pay_id);
		if (line_voided(lines, n, pay))
			return fd_fail(c->err, FD_E_CONFLICT, "payment_voided", "payment",
			               _("Payment %.8s is voided; there is nothing to give back."), pay->id);
		if (strcmp(pay->method, l->method) != 0)
			return fd_fail(c->err, FD_E_CONFLICT, "wrong_tender", "method",
			               _("Payment %.8s was taken %s; refund it %s."), pay->id,
			               tender_words(pay->method), tender_words(pay->method));
		int64_t left = payment_left(lines, n, pay);
		if (left > tender)
			left = tender;
		if (l->amount > left)
			return fd_fail(c->err, FD_E_CONFLICT, "refund_exceeds_payment", "amount",
			               _("Payment %.8s has only %s left to refund; refund at most that."),
			               pay->id, fd_money_format(left < 0 ? 0 : left, cur, a, sizeof a));
	} else {
		if (tender <= 0)
			return fd_fail(
			    c->err, FD_E_CONFLICT, "refund_exceeds_payment", "amount",
			    _("Nothing was paid %s on this folio, so nothing can be refunded %s. To "
			      "pay out money that was never taken, a manager records a paid-out: "
			      "frontdesk paid-out CODE AMOUNT --reason TEXT."),
			    tender_words(l->method), tender_words(l->method));
		if (l->amount > tender)
			return fd_fail(
			    c->err, FD_E_CONFLICT, "refund_exceeds_payment", "amount",
			    _("Only %s was paid %s on this folio and not yet refunded; refund at most "
			      "that. To pay out more, a manager records a paid-out: frontdesk paid-out "
			      "CODE AMOUNT --reason TEXT."),
			    fd_money_format(tender, cur, a, sizeof a), tender_words(l->method));
		int64_t best = 0;
		for (int i = n - 1; i >= 0 && !pay; i--) {
			if (lines[i].kind != FD_LINE_PAYMENT || strcmp(lines[i].method, l->method) != 0 ||
			    line_voided(lines, n, &lines[i]))
				continue;
			int64_t left = payment_left(lines, n, &lines[i]);
			if (left >= l->amount)
				pay = &lines[i];
			else if (left > best)
				best = left;
		}
		if (!pay)
			return fd_fail(c->err, FD_E_CONFLICT, "refund_exceeds_payment", "amount",
			               _("No single payment %s on this folio covers %s (at most %s on one "
			                 "payment); refund each payment separately (--payment LINE)."),
			               tender_words(l->method), fd_money_format(l->amount, cur, a, sizeof a),
			               fd_money_format(best, cur, b, sizeof b));
	}
	snprintf(l->reverses, sizeof l->reverses, "%s", pay->id);
	if (!l->last4[0])
		snprintf(l->last4, sizeof l->last4, "%s", pay->last4);
	return FD_OK;
}

/* Refunds above the property's threshold need a manager: the threshold
 * holds for everything one staff member refunds on a folio on a business
 * date, so splitting a refund does not get round it. Trusted local tools
 * (the standalone owner) are not limited. */
static enum fd_status check_refund_rights(struct op_ctx *c, const struct fd_folio_line *lines, int n,
                                          const struct fd_folio_line *l)
{
	if (c->flags & FD_APPLY_TRUSTED)
		return FD_OK;
	char buf[32] = "";
	int64_t threshold = 0;
	if (c->repo->get_setting(c->repo->ctx, "refund_threshold", buf, sizeof buf, c->err) == FD_OK)
		threshold = strtoll(buf, NULL, 10);
	int64_t before = 0;
	for (int i = 0; i < n; i++)
		if (lines[i].kind == FD_LINE_REFUND && lines[i].date == l->date &&
		    strcmp(lines[i].actor, c->op->actor) == 0 && !line_voided(lines, n, &lines[i]))
			before += lines[i].amount;
	if (before + l->amount <= threshold)
		return FD_OK;
	struct fd_staff s;
	enum fd_status st = c->repo->get_staff(c->repo->ctx, c->op->actor, &s, c->err);
	if (st == FD_OK && s.role >= FD_ROLE_MANAGER)
		return FD_OK;
	if (st && st != FD_E_NOT_FOUND)
		return st;
	char lim[FD_MONEY_STRLEN], had[FD_MONEY_STRLEN], tot[FD_MONEY_STRLEN];
	fd_money_format(threshold, c->prop.currency, lim, sizeof lim);
	if (before == 0)
		return fd_fail(c->err, FD_E_FORBIDDEN, "forbidden", "amount",
		               _("Refunds above %s need a manager."), lim);
	return fd_fail(c->err, FD_E_FORBIDDEN, "forbidden", "amount",
	               _("Refunds above %s a day on one folio need a manager: you already refunded %s on "
	                 "this folio today, %s with this one. Ask a manager to make the refund."),
	               lim, fd_money_format(before, c->prop.currency, had, sizeof had),
	               fd_money_format(before + l->amount, c->prop.currency, tot, sizeof tot));
}

/* The folio of a refund: the payment's when one is named (and it must be
 * on the folio or booking also named), else the posting target. */
static enum fd_status refund_folio(struct op_ctx *c, const char *pay_id, struct fd_folio *f)
{
	if (!pay_id[0])
		return target_folio(c, false, f);
	struct fd_folio_line pay;
	enum fd_status st = c->repo->get_line(c->repo->ctx, pay_id, &pay, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "line_not_found", "payment",
		               _("No folio line \"%s\"."), pay_id);
	if (st || (st = c->repo->get_folio(c->repo->ctx, pay.folio_id, f, c->err)))
		return st;
	if (op_has(c, "folio") || op_has(c, "booking")) {
		struct fd_folio named;
		if ((st = target_folio(c, false, &named)))
			return st;
		if (strcmp(named.booking_id, f->booking_id) != 0)
			return fd_fail(c->err, FD_E_CONFLICT, "not_a_payment", "payment",
			               _("Payment %.8s belongs to another booking."), pay_id);
	}
	return FD_OK;
}

enum fd_status op_folio_refund(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio_line l;
	struct fd_folio f;
	int64_t amount;
	char pay_id[FD_ID_LEN] = "";
	enum fd_status st;
	if ((st = new_line(c, &l, FD_LINE_REFUND)) || (st = read_payment(c, &l, &amount)) ||
	    (st = op_str(c, "reason", l.reason, sizeof l.reason, true)) ||
	    (st = check_text(c, "reason", l.reason)) ||
	    (st = op_str(c, "payment", pay_id, sizeof pay_id, false)))
		return st;
	if (!l.reason[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "reason",
		               _("Say why the money is refunded."));
	if ((st = refund_folio(c, pay_id, &f)))
		return st;
	l.amount = amount;
	struct fd_folio_line *lines = NULL;
	int n = 0;
	st = c->repo->folio_lines(c->repo->ctx, f.id, &lines, &n, c->err);
	if (!st)
		st = check_refund_tender(c, lines, n, pay_id, &l);
	if (!st)
		st = check_refund_rights(c, lines, n, &l);
	free(lines);
	if (st)
		return st;
	snprintf(l.description, sizeof l.description, "Refund (%s)", l.method);
	snprintf(l.folio_id, sizeof l.folio_id, "%s", f.id);
	return save_line(c, &l);
}

/* Money paid out for a guest that the desk never took from them (a taxi
 * paid at the door, a goodwill payment): a manager's charge on the folio,
 * with the tender it left the drawer in and a reason. */
enum fd_status op_folio_paid_out(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio_line l;
	struct fd_folio f;
	int64_t amount;
	enum fd_status st;
	if ((st = new_line(c, &l, FD_LINE_CHARGE)) ||
	    (st = op_int(c, "amount", 1, MAX_AMOUNT, &amount, true)) ||
	    (st = op_str(c, "method", l.method, sizeof l.method, false)) ||
	    (st = op_str(c, "reason", l.reason, sizeof l.reason, true)) ||
	    (st = check_text(c, "reason", l.reason)) || (st = target_folio(c, false, &f)))
		return st;
	if (!l.method[0])
		snprintf(l.method, sizeof l.method, "cash");
	if (!fd_payment_method_valid(l.method))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "method",
		               _("Unknown payment method \"%s\"; use cash, card or bank_transfer."),
		               l.method);
	if (!l.reason[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "reason",
		               _("Say why the money is paid out."));
	l.amount = amount;
	snprintf(l.code, sizeof l.code, "%s", FD_PAID_OUT_CODE);
	snprintf(l.description, sizeof l.description, "Paid out: %.200s", l.reason);
	snprintf(l.folio_id, sizeof l.folio_id, "%s", f.id);
	return save_line(c, &l);
}

static enum fd_status load_line(struct op_ctx *c, struct fd_folio_line *l)
{
	char id[FD_ID_LEN];
	enum fd_status st = op_str(c, "line", id, sizeof id, true);
	if (st)
		return st;
	st = c->repo->get_line(c->repo->ctx, id, l, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "line_not_found", "line", _("No folio line \"%s\"."),
		               id);
	return st;
}

static enum fd_status is_voided(struct op_ctx *c, const struct fd_folio_line *l, bool *voided)
{
	struct fd_folio_line *lines = NULL;
	int n = 0;
	enum fd_status st = c->repo->folio_lines(c->repo->ctx, l->folio_id, &lines, &n, c->err);
	*voided = !st && fd_folio_line_voided(lines, (size_t)n, l->id);
	free(lines);
	return st;
}

/* A payment that refunds gave back stays: voiding it would leave the
 * refund paying out money that was never taken. Its refunds are voided
 * first. */
static enum fd_status check_refunded(struct op_ctx *c, const struct fd_folio_line *pay)
{
	if (pay->kind != FD_LINE_PAYMENT)
		return FD_OK;
	struct fd_folio_line *lines = NULL;
	int n = 0;
	enum fd_status st = c->repo->folio_lines(c->repo->ctx, pay->folio_id, &lines, &n, c->err);
	for (int i = 0; !st && i < n; i++)
		if (lines[i].kind == FD_LINE_REFUND && !line_voided(lines, n, &lines[i]) &&
		    (strcmp(lines[i].reverses, pay->id) == 0 ||
		     tender_left(lines, n, pay->method) < -pay->amount))
			st = fd_fail(c->err, FD_E_CONFLICT, "refunded", "line",
			             _("Payment %.8s has been refunded (line %.8s); void the refund first."),
			             pay->id, lines[i].id);
	free(lines);
	return st;
}

enum fd_status op_folio_void(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio_line l, orig;
	bool voided;
	enum fd_status st;
	if ((st = new_line(c, &l, FD_LINE_VOID)) || (st = load_line(c, &orig)) ||
	    (st = op_str(c, "reason", l.reason, sizeof l.reason, true)) ||
	    (st = check_text(c, "reason", l.reason)) || (st = is_voided(c, &orig, &voided)))
		return st;
	if (!l.reason[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "reason", _("A void needs a reason."));
	if ((st = fd_folio_make_void(&orig, voided, &l, c->err)) || (st = check_refunded(c, &orig)))
		return st;
	return save_line(c, &l);
}

enum fd_status op_folio_move_line(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_folio_line l;
	struct fd_folio to;
	char to_id[FD_ID_LEN];
	bool voided;
	enum fd_status st;
	if ((st = load_line(c, &l)) || (st = op_str(c, "folio", to_id, sizeof to_id, true)))
		return st;
	st = c->repo->get_folio(c->repo->ctx, to_id, &to, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "folio_not_found", "folio", _("No folio \"%s\"."),
		               to_id);
	if (st || (st = is_voided(c, &l, &voided)))
		return st;
	if (l.kind == FD_LINE_VOID || l.kind == FD_LINE_TRANSFER || voided)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "line",
		               _("Line %s is voided, a void or a transfer; it stays where it is."), l.id);
	if (l.kind == FD_LINE_REFUND)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "line",
		               _("Line %s is a refund; it stays with the payment it gives back."), l.id);
	if ((st = check_refunded(c, &l)))
		return st;
	if (strcmp(l.folio_id, to.id) == 0)
		return fd_fail(c->err, FD_E_CONFLICT, "same_folio", "folio",
		               _("The line is already on that folio."));
	if (to.kind == FD_FOLIO_COMPANY && (st = op_company_can_bill(c, to.company, l.amount, NULL)))
		return st;
	snprintf(l.folio_id, sizeof l.folio_id, "%s", to.id);
	l.version++;
	return save_line(c, &l);
}

/* The balance of each of the booking's guest folios (company folios are
 * receivables of the company and do not block a check-out). */
static enum fd_status guest_balances(struct op_ctx *c, const struct fd_booking *b, struct fd_folio **folios,
                                     int64_t **bal, int *n, int64_t *total)
{
	*bal = NULL;
	*total = 0;
	enum fd_status st = c->repo->booking_folios(c->repo->ctx, b->id, folios, n, c->err);
	if (st)
		return st;
	if (*n && !(*bal = calloc((size_t)*n, sizeof **bal)))
		return fd_fail(c->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	for (int i = 0; i < *n && !st; i++) {
		if ((*folios)[i].kind != FD_FOLIO_GUEST)
			continue;
		struct fd_folio_line *lines = NULL;
		int k = 0;
		struct fd_folio_totals t;
		st = c->repo->folio_lines(c->repo->ctx, (*folios)[i].id, &lines, &k, c->err);
		if (!st && !fd_folio_sum(lines, (size_t)k, &t))
			st = fd_fail(c->err, FD_E_INVALID, "invalid_amount", NULL,
			             _("The folio's sum is out of range."));
		free(lines);
		if (!st) {
			(*bal)[i] = t.balance;
			*total += t.balance;
		}
	}
	return st;
}

static enum fd_status folio_balance(struct op_ctx *c, const char *folio_id, int64_t *balance)
{
	struct fd_folio_line *lines = NULL;
	int k = 0;
	struct fd_folio_totals t;
	enum fd_status st = c->repo->folio_lines(c->repo->ctx, folio_id, &lines, &k, c->err);
	if (!st && !fd_folio_sum(lines, (size_t)k, &t))
		st = fd_fail(c->err, FD_E_INVALID, "invalid_amount", NULL,
		             _("The folio's sum is out of range."));
	free(lines);
	if (!st)
		*balance = t.balance;
	return st;
}

enum fd_status fd_folio_check_out(struct op_ctx *c, const struct fd_booking *b)
{
	if (!op_folio_supported(c->repo))
		return FD_OK;
	struct fd_folio *folios = NULL;
	int64_t *bal = NULL, total;
	int n = 0;
	enum fd_status st = guest_balances(c, b, &folios, &bal, &n, &total);
	bool open = false;
	for (int i = 0; !st && i < n; i++)
		open = open || bal[i] != 0;
	/* A balance on a company folio leaves with the guest only when the
	 * account allows direct billing and stays within its credit limit. */
	for (int i = 0; !st && !open && i < n; i++) {
		if (folios[i].kind != FD_FOLIO_COMPANY)
			continue;
		int64_t b_co = 0;
		if ((st = folio_balance(c, folios[i].id, &b_co)) || b_co == 0)
			continue;
		st = op_company_can_bill(c, folios[i].company, 0, NULL);
	}
	free(folios);
	free(bal);
	if (st || !open)
		return st;
	char money[FD_MONEY_STRLEN];
	return fd_fail(c->err, FD_E_CONFLICT, "balance_due", "booking",
	               _("Booking %s has an open balance of %s; take the payment (or refund the credit), "
	                 "or have a manager settle it to a company account."),
	               b->code, fd_money_format(total, c->prop.currency, money, sizeof money));
}

/* Give back a folio's credit as refunds of its payments, newest first,
 * each naming the payment it reverses. */
static enum fd_status refund_credit(struct op_ctx *c, const struct fd_folio *f, int64_t credit)
{
	struct fd_folio_line *lines = NULL;
	int n = 0;
	enum fd_status st = c->repo->folio_lines(c->repo->ctx, f->id, &lines, &n, c->err);
	struct fd_folio_line total = {
	    .kind = FD_LINE_REFUND, .amount = credit, .date = c->prop.business_date};
	if (!st)
		st = check_refund_rights(c, lines, n, &total);
	for (int i = n - 1; !st && i >= 0 && credit > 0; i--) {
		if (lines[i].kind != FD_LINE_PAYMENT || line_voided(lines, n, &lines[i]))
			continue;
		int64_t left = payment_left(lines, n, &lines[i]);
		int64_t tender = tender_left(lines, n, lines[i].method);
		if (left > tender)
			left = tender;
		if (left <= 0)
			continue;
		struct fd_folio_line l = {.kind = FD_LINE_REFUND,
		                          .date = c->prop.business_date,
		                          .version = 1,
		                          .created_at = c->op->created_at,
		                          .amount = left < credit ? left : credit};
		op_folio_derive_id(c->op->op_id, lines[i].id, "cancel-refund", l.id);
		snprintf(l.folio_id, sizeof l.folio_id, "%s", f->id);
		snprintf(l.actor, sizeof l.actor, "%s", c->op->actor);
		snprintf(l.method, sizeof l.method, "%s", lines[i].method);
		snprintf(l.code, sizeof l.code, "%s", lines[i].method);
		snprintf(l.last4, sizeof l.last4, "%s", lines[i].last4);
		snprintf(l.reverses, sizeof l.reverses, "%s", lines[i].id);
		snprintf(l.reason, sizeof l.reason, "%s", "booking cancelled");
		snprintf(l.description, sizeof l.description, "Refund (%s)", l.method);
		credit -= l.amount;
		st = c->repo->put_line(c->repo->ctx, &l, c->err);
	}
	free(lines);
	if (!st && credit > 0) {
		char m[FD_MONEY_STRLEN];
		st = fd_fail(
		    c->err, FD_E_CONFLICT, "refund_exceeds_payment", "deposit",
		    _("%s of the deposit was not taken as a payment on this folio and cannot be "
		      "refunded; keep it (--deposit keep) or leave it on account (--deposit account)."),
		    fd_money_format(credit, c->prop.currency, m, sizeof m));
	}
	return st;
}

/* The cancellation policy's fee for cancelling b now (0: free): core's
 * one judgement (core/terms.h), as the guest's manage page shows it. */
static enum fd_status cancel_fee(struct op_ctx *c, const struct fd_booking *b, int64_t *fee, char *text,
                                 size_t size)
{
	struct fd_cancel_terms t;
	enum fd_status st = fd_terms_cancel(c->repo, c->prop.currency, b, c->prop.business_date,
	                                    fd_terms_minute(c->repo, c->op->created_at), &t, c->err);
	*fee = st ? 0 : t.fee;
	snprintf(text, size, "%s", t.policy);
	return st;
}

enum fd_status fd_folio_cancel(struct op_ctx *c, const struct fd_booking *b)
{
	if (!op_folio_supported(c->repo))
		return FD_OK;
	char what[16] = "";
	enum fd_status st = op_str(c, "deposit", what, sizeof what, false);
	if (st)
		return st;
	if (what[0] && strcmp(what, "keep") != 0 && strcmp(what, "refund") != 0 &&
	    strcmp(what, "account") != 0)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "deposit",
		               _("Unknown deposit choice \"%s\"; use keep, refund or account."), what);
	struct fd_folio *folios = NULL;
	int64_t *bal = NULL, total;
	int n = 0;
	/* The policy's fee first: the deposit held covers it, and only what is
	 * left of the deposit is for the desk to decide. */
	int64_t fee = 0;
	char policy[FD_POLICY_LEN];
	if ((st = cancel_fee(c, b, &fee, policy, sizeof policy)))
		return st;
	if (fee > 0) {
		st = guest_balances(c, b, &folios, &bal, &n, &total);
		free(folios);
		free(bal);
		folios = NULL, bal = NULL;
		int64_t held = !st && total < 0 ? -total : 0, covered = held < fee ? held : fee;
		char desc[FD_POLICY_LEN + 40], m_fee[FD_MONEY_STRLEN], m_cov[FD_MONEY_STRLEN],
		    m_due[FD_MONEY_STRLEN];
		snprintf(desc, sizeof desc, "Cancellation fee (%s)", policy);
		if (!st)
			st = op_folio_post_fee(c, b, FD_CANCEL_FEE_CODE, desc, fee, c->prop.business_date,
			                       "policy-cancel-fee", c->op->actor);
		if (st)
			return st;
		fd_money_format(fee, c->prop.currency, m_fee, sizeof m_fee);
		fd_money_format(covered, c->prop.currency, m_cov, sizeof m_cov);
		fd_money_format(fee - covered, c->prop.currency, m_due, sizeof m_due);
		if (covered == fee)
			snprintf(
			    c->res->warning, sizeof c->res->warning,
			    _("A cancellation fee of %s is posted to the folio (policy: %s); the deposit "
			      "held covers it."),
			    m_fee, policy);
		else if (covered > 0)
			snprintf(
			    c->res->warning, sizeof c->res->warning,
			    _("A cancellation fee of %s is posted to the folio (policy: %s); the deposit "
			      "held covers %s, %s is still to pay."),
			    m_fee, policy, m_cov, m_due);
		else
			snprintf(
			    c->res->warning, sizeof c->res->warning,
			    _("A cancellation fee of %s is posted to the folio (policy: %s); it is still "
			      "to pay."),
			    m_fee, policy);
	}
	st = guest_balances(c, b, &folios, &bal, &n, &total);
	if (!st && total < 0 && !what[0]) {
		char m[FD_MONEY_STRLEN];
		st = fd_fail(c->err, FD_E_CONFLICT, "deposit_held", "deposit",
		             _("Booking %s holds a deposit of %s; say what to do with it: keep it as a "
		               "cancellation fee, refund it, or leave it on account (frontdesk cancel CODE "
		               "--deposit keep|refund|account)."),
		             b->code, fd_money_format(-total, c->prop.currency, m, sizeof m));
	}
	for (int i = 0; !st && i < n && strcmp(what, "account") != 0; i++) {
		if (folios[i].kind != FD_FOLIO_GUEST || bal[i] >= 0)
			continue;
		if (strcmp(what, "refund") == 0) {
			st = refund_credit(c, &folios[i], -bal[i]);
			continue;
		}
		struct fd_folio_line l = {.kind = FD_LINE_CHARGE,
		                          .date = c->prop.business_date,
		                          .version = 1,
		                          .created_at = c->op->created_at,
		                          .amount = -bal[i]};
		op_folio_derive_id(c->op->op_id, folios[i].id, "cancel-fee", l.id);
		snprintf(l.folio_id, sizeof l.folio_id, "%s", folios[i].id);
		snprintf(l.actor, sizeof l.actor, "%s", c->op->actor);
		snprintf(l.code, sizeof l.code, "%s", FD_CANCEL_FEE_CODE);
		snprintf(l.description, sizeof l.description, "Cancellation fee (deposit kept)");
		st = c->repo->put_line(c->repo->ctx, &l, c->err);
	}
	free(folios);
	free(bal);
	return st;
}

/* Direct bill: move every guest folio's balance to the booking's company
 * folio for the named company (made on demand). */
enum fd_status op_folio_settle(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_booking b;
	char id[FD_ID_LEN], company[FD_NAME_LEN];
	fd_date date;
	enum fd_status st;
	if ((st = op_new_id(c, id, sizeof id)) || (st = op_load_booking(c, &b)) ||
	    (st = op_str(c, "company", company, sizeof company, true)) ||
	    (st = check_text(c, "company", company)) || (st = line_date(c, &date)))
		return st;
	if (!company[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "company",
		               _("Name the company account."));
	struct fd_folio *folios = NULL, comp;
	int64_t *bal = NULL, total;
	int n = 0;
	struct fd_company co;
	st = guest_balances(c, &b, &folios, &bal, &n, &total);
	if (!st && total == 0)
		st = fd_fail(c->err, FD_E_CONFLICT, "nothing_to_settle", "booking",
		             _("Booking %s has nothing to settle."), b.code);
	if (!st && !(st = op_company_can_bill(c, company, total, &co)))
		snprintf(company, sizeof company, "%s", co.name);
	/* The booking's folio for that company when it has one (opened by
	 * hand to route charges there), else one made for the settlement. */
	bool have = false;
	for (int i = 0; !st && i < n && !have; i++)
		if (folios[i].kind == FD_FOLIO_COMPANY && strcmp(folios[i].company, company) == 0) {
			comp = folios[i];
			have = true;
		}
	if (!st && !have) {
		op_folio_derive_id(b.id, company, "company-folio", comp.id);
		st = c->repo->get_folio(c->repo->ctx, comp.id, &comp, c->err);
		if (st == FD_E_NOT_FOUND) {
			memset(&comp, 0, sizeof comp);
			op_folio_derive_id(b.id, company, "company-folio", comp.id);
			snprintf(comp.booking_id, sizeof comp.booking_id, "%s", b.id);
			comp.kind = FD_FOLIO_COMPANY;
			snprintf(comp.company, sizeof comp.company, "%s", company);
			snprintf(comp.name, sizeof comp.name, "Company: %.100s", company);
			comp.version = 1;
			st = c->repo->put_folio(c->repo->ctx, &comp, c->err);
		}
	}
	for (int i = 0; !st && i < n; i++) {
		if (bal[i] == 0)
			continue;
		struct fd_folio_line l = {
		    .kind = FD_LINE_TRANSFER, .date = date, .version = 1, .created_at = c->op->created_at};
		snprintf(l.actor, sizeof l.actor, "%s", c->op->actor);
		snprintf(l.method, sizeof l.method, "direct_bill");
		snprintf(l.code, sizeof l.code, "direct_bill");
		snprintf(l.ref, sizeof l.ref, "%.60s", company);
		snprintf(l.description, sizeof l.description, "Settled to %.200s", company);
		op_folio_derive_id(id, folios[i].id, "out", l.id);
		snprintf(l.folio_id, sizeof l.folio_id, "%s", folios[i].id);
		l.amount = -bal[i];
		if ((st = c->repo->put_line(c->repo->ctx, &l, c->err)))
			break;
		op_folio_derive_id(id, folios[i].id, "in", l.id);
		snprintf(l.folio_id, sizeof l.folio_id, "%s", comp.id);
		snprintf(l.description, sizeof l.description, "Direct bill for booking %s", b.code);
		l.amount = bal[i];
		st = c->repo->put_line(c->repo->ctx, &l, c->err);
	}
	free(folios);
	free(bal);
	if (!st)
		op_result_entity(c, "folio", comp.id);
	return st;
}

enum fd_status op_charge_code_set(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	struct fd_charge_code cc = {0};
	int64_t vat;
	enum fd_status st;
	if ((st = op_str(c, "code", cc.code, sizeof cc.code, true)) ||
	    (st = op_str(c, "name", cc.name, sizeof cc.name, true)) ||
	    (st = op_int(c, "vat_bp", 0, 10000, &vat, true)))
		return st;
	if (!cc.code[0] || !cc.name[0])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "code",
		               _("A charge code needs a code and a name."));
	struct fd_charge_code old;
	if (c->repo->get_charge_code(c->repo->ctx, cc.code, &old, c->err) == FD_OK)
		cc.version = old.version;
	cc.vat_bp = (int)vat;
	cc.is_room = op_bool(c, "room", false);
	cc.version++;
	st = c->repo->put_charge_code(c->repo->ctx, &cc, c->err);
	if (!st)
		op_result_entity(c, "charge_code", cc.code);
	return st;
}

enum fd_status op_folio_configure(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return no_folios(c);
	int64_t threshold;
	char buf[32];
	enum fd_status st = FD_OK;
	if (op_has(c, "refund_threshold")) {
		if ((st = op_int(c, "refund_threshold", 0, MAX_AMOUNT, &threshold, true)))
			return st;
		snprintf(buf, sizeof buf, "%" PRId64, threshold);
		st = c->repo->put_setting(c->repo->ctx, "refund_threshold", buf, c->err);
	}
	if (!st && op_has(c, "noshow_auto"))
		st = c->repo->put_setting(c->repo->ctx, "noshow_auto",
		                          op_bool(c, "noshow_auto", true) ? "1" : "0", c->err);
	int64_t pct;
	if (!st && op_has(c, "rate_discount_max")) {
		if ((st = op_int(c, "rate_discount_max", 0, 100, &pct, true)))
			return st;
		snprintf(buf, sizeof buf, "%" PRId64, pct);
		st = c->repo->put_setting(c->repo->ctx, "rate_discount_max", buf, c->err);
	}
	if (!st && op_has(c, "ooo_available"))
		st = c->repo->put_setting(c->repo->ctx, "ooo_available",
		                          op_bool(c, "ooo_available", false) ? "1" : "0", c->err);
	if (!st && op_has(c, "desk_departments")) {
		char list[128];
		unsigned mask;
		if ((st = op_str(c, "desk_departments", list, sizeof list, true)))
			return st;
		if (!fd_perm_desk_depts_parse(list, &mask))
			return fd_fail(
			    c->err, FD_E_INVALID, "invalid_field", "desk_departments",
			    _("\"%s\" is not a list of departments; use names from front_office, "
			      "housekeeping, maintenance, management and night_audit, separated by "
			      "commas."),
			    list);
		st = c->repo->put_setting(c->repo->ctx, "desk_departments", list, c->err);
	}
	/* Policies (core/policy.h): stored as written, once they parse. */
	static const char *const policies[] = {FD_SETTING_CANCEL_POLICY, FD_SETTING_NOSHOW_POLICY,
	                                       FD_SETTING_DEPOSIT_POLICY};
	for (int i = 0; !st && i < 3; i++) {
		char text[FD_POLICY_LEN] = "";
		struct fd_cancel_policy cp;
		struct fd_fee fee;
		struct fd_deposit_policy dp;
		if (!op_has(c, policies[i]))
			continue;
		if ((st = op_str(c, policies[i], text, sizeof text, true)))
			return st;
		const char *cur = c->prop.currency;
		st = i == 0   ? fd_cancel_policy_parse(text, cur, policies[i], &cp, c->err)
		     : i == 1 ? fd_noshow_policy_parse(text, cur, policies[i], &fee, c->err)
		              : fd_deposit_policy_parse(text, cur, policies[i], &dp, c->err);
		if (!st)
			st = c->repo->put_setting(c->repo->ctx, policies[i], text, c->err);
	}
	if (!st)
		op_result_entity(c, "property", c->prop.id);
	return st;
}

void op_stay_prices(struct op_ctx *c, const struct fd_booking *b, int64_t *first, int64_t *stay)
{
	fd_terms_stay_prices(c->repo, b, first, stay);
}

enum fd_status op_policy_text(struct op_ctx *c, const struct fd_booking *b, const char *key, char *out,
                              size_t size)
{
	return fd_terms_booking_text(c->repo, b, key, out, size, c->err);
}

enum fd_status op_folio_post_fee(struct op_ctx *c, const struct fd_booking *b, const char *code,
                                 const char *description, int64_t amount, fd_date date, const char *salt,
                                 const char *actor)
{
	struct fd_folio f;
	enum fd_status st = op_folio_default(c, b, false, &f);
	if (st)
		return st;
	struct fd_folio_line l = {.kind = FD_LINE_CHARGE,
	                          .date = date,
	                          .version = 1,
	                          .created_at = c->op->created_at,
	                          .amount = amount};
	op_folio_derive_id(c->op->op_id, b->id, salt, l.id);
	struct fd_folio_line existing;
	if (c->repo->get_line(c->repo->ctx, l.id, &existing, NULL) == FD_OK)
		return FD_OK;
	snprintf(l.folio_id, sizeof l.folio_id, "%s", f.id);
	snprintf(l.actor, sizeof l.actor, "%s", actor);
	snprintf(l.code, sizeof l.code, "%s", code);
	snprintf(l.description, sizeof l.description, "%s", description);
	return c->repo->put_line(c->repo->ctx, &l, c->err);
}
