// SPDX-License-Identifier: GPL-3.0-or-later
/* The folio pane's questions. Each chain of prompts carries what it has
 * gathered so far in the prompt's argument as tab-separated fields (a
 * prompt's text cannot hold a tab), and ends in one operation. The
 * operation handlers judge the values (amount range, card digits, rights);
 * this file only turns the answers into a payload. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "store/ids.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/folio.h"
#include "ui/money.h"

#define MAX_FIELDS 6

/* Split a copy of arg at tabs; returns the number of fields. */
static int fields(const char *arg, char *buf, size_t size, char **out)
{
	snprintf(buf, size, "%s", arg);
	int n = 0;
	/* Not strtok_r: it merges empty fields, and an empty folio id is one. */
	for (char *p = buf; n < MAX_FIELDS; n++) {
		out[n] = p;
		char *tab = strchr(p, '\t');
		if (!tab) {
			n++;
			break;
		}
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

static void refuse(struct app *app, const char *field, const char *fmt, const char *value)
{
	struct fd_error err;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fd_fail(&err, FD_E_INVALID, "invalid_field", field, fmt, value);
#pragma GCC diagnostic pop
	ui_error(app, &err);
}

/* A new line's operation with its id and target: a folio by id, or the
 * booking (its default folio, made on demand when it has none yet). False,
 * with the reason on the message line, when the booking cannot be read. */
static bool line_op(struct app *app, struct fd_op *op, const char *type, const char *folio_id)
{
	char id[FD_ID_LEN];
	fd_session_op(app->session, op, type);
	cJSON_AddStringToObject(op->payload, "id", fd_uuid_new(id));
	if (folio_id[0]) {
		cJSON_AddStringToObject(op->payload, "folio", folio_id);
		return true;
	}
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(app->session, app->folio_code, &row, &err)) {
		ui_error(app, &err);
		fd_op_clear(op);
		return false;
	}
	cJSON_AddStringToObject(op->payload, "booking", row.b.id);
	return true;
}

static bool parse_amount(struct app *app, const char *text, int64_t *out)
{
	struct fd_error err = {0};
	if (fd_money_parse(text, app->currency, out, &err)) {
		ui_error(app, &err);
		return false;
	}
	if (*out <= 0) {
		refuse(app, "amount", _("\"%s\": the amount must be more than zero."), text);
		return false;
	}
	return true;
}

static void apply_line(struct app *app, struct fd_op *op, const char *done, int64_t amount)
{
	char m[FD_MONEY_STRLEN];
	if (ui_apply(app, op, 1, NULL))
		ui_message(app, "%s %s", done, ui_money(amount, app->currency, m, sizeof m));
}

/* ---- post a charge: code, amount, description ---- */

static void got_post_desc(struct app *app, const char *text, const char *arg)
{
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS];
	struct fd_op op;
	if (fields(arg, buf, sizeof buf, f) < 4 || !line_op(app, &op, "folio.post", f[0]))
		return;
	int64_t amount = strtoll(f[2], NULL, 10), qty = strtoll(f[3], NULL, 10);
	cJSON_AddStringToObject(op.payload, "charge", f[1]);
	cJSON_AddNumberToObject(op.payload, "amount", (double)amount);
	if (qty > 1)
		cJSON_AddNumberToObject(op.payload, "quantity", (double)qty);
	if (text[0])
		cJSON_AddStringToObject(op.payload, "description", text);
	char done[128];
	snprintf(done, sizeof done, _("Posted %s:"), f[1]);
	apply_line(app, &op, done, amount * qty);
}

/* "4.50", or a quantity and a unit price: "3x4.50", "3 x 4.50". */
static bool parse_quantity(struct app *app, const char *text, int64_t *qty, int64_t *unit)
{
	char *end;
	long q = strtol(text, &end, 10);
	while (*end == ' ')
		end++;
	*qty = 1;
	if (end != text && (*end == 'x' || *end == 'X' || *end == '*')) {
		if (q < 1 || q > 1000) {
			refuse(app, "quantity", _("\"%s\": the quantity must be 1 to 1000."), text);
			return false;
		}
		*qty = q;
		text = end + 1;
		while (*text == ' ')
			text++;
	}
	return parse_amount(app, text, unit);
}

static void got_post_amount(struct app *app, const char *text, const char *arg)
{
	int64_t qty, unit;
	if (!text[0] || !parse_quantity(app, text, &qty, &unit))
		return;
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS], next[FD_NOTES_LEN];
	if (fields(arg, buf, sizeof buf, f) < 3)
		return;
	snprintf(next, sizeof next, "%s\t%s\t%" PRId64 "\t%" PRId64, f[0], f[1], unit, qty);
	char label[96];
	snprintf(label, sizeof label, _("description (Enter: %s): "), f[2]);
	ui_prompt(app, label, "", got_post_desc, next);
}

static void got_post_code(struct app *app, const char *text, const char *folio_id)
{
	if (!text[0])
		return;
	char code[FD_TYPECODE_LEN];
	snprintf(code, sizeof code, "%s", text);
	for (char *c = code; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	struct fd_charge_code cc;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (repo->get_charge_code(repo->ctx, code, &cc, NULL) != FD_OK) {
		char codes[256] = "";
		fd_query_charge_codes(app->db, codes, sizeof codes, NULL);
		struct fd_error err;
		fd_fail(&err, FD_E_NOT_FOUND, "charge_code_not_found", "charge",
		        _("No charge code \"%s\"; the codes are: %s."), text, codes);
		ui_error(app, &err);
		return;
	}
	char next[FD_NOTES_LEN], label[96];
	snprintf(next, sizeof next, "%s\t%s\t%s", folio_id, cc.code, cc.name);
	snprintf(label, sizeof label, _("%s (VAT %d.%02d %%), amount or 2x4.50: "), cc.name, cc.vat_bp / 100,
	         cc.vat_bp % 100);
	ui_prompt(app, label, "", got_post_amount, next);
}

void ui_folio_post_ask(struct app *app, const char *folio_id)
{
	char codes[64] = "", label[96];
	fd_query_charge_codes(app->db, codes, sizeof codes, NULL);
	snprintf(label, sizeof label, _("charge code (%s): "), codes);
	ui_prompt(app, label, "", got_post_code, folio_id);
}

/* ---- payments and refunds: method, amount, then card details or reason ---- */

static void apply_payment(struct app *app, bool refund, char **f, const char *ref, const char *last4,
                          const char *reason)
{
	struct fd_op op;
	if (!line_op(app, &op, refund ? "folio.refund" : "folio.pay", f[0]))
		return;
	int64_t amount = strtoll(f[3], NULL, 10);
	cJSON_AddStringToObject(op.payload, "method", f[2]);
	cJSON_AddNumberToObject(op.payload, "amount", (double)amount);
	if (ref && ref[0])
		cJSON_AddStringToObject(op.payload, "ref", ref);
	if (last4 && last4[0])
		cJSON_AddStringToObject(op.payload, "last4", last4);
	if (reason)
		cJSON_AddStringToObject(op.payload, "reason", reason);
	/* A manager signed in over the desk for it: both are recorded. */
	if (refund && app->session->desk[0])
		cJSON_AddStringToObject(op.payload, "desk", app->session->desk);
	char done[128];
	snprintf(done, sizeof done, refund ? _("Refunded (%s):") : _("Payment taken (%s):"), f[2]);
	apply_line(app, &op, done, amount);
}

/* arg: folio, "pay"/"refund", method, amount[, ref] */
static void got_last4(struct app *app, const char *text, const char *arg)
{
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS];
	if (fields(arg, buf, sizeof buf, f) >= 5)
		apply_payment(app, false, f, f[4], text, NULL);
}

static void got_ref(struct app *app, const char *text, const char *arg)
{
	char next[FD_NOTES_LEN];
	snprintf(next, sizeof next, "%s\t%s", arg, text);
	ui_prompt(app, _("card: last four digits only (optional): "), "", got_last4, next);
}

/* arg: folio, "refund", method, amount, reason; a manager acts. */
static void refund_over(struct app *app, const char *arg)
{
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS];
	if (fields(arg, buf, sizeof buf, f) >= 5)
		apply_payment(app, true, f, NULL, NULL, f[4]);
}

static void got_reason(struct app *app, const char *text, const char *arg)
{
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS];
	if (!text[0]) {
		ui_message(app, "%s", _("A reason is needed; nothing changed."));
		return;
	}
	if (fields(arg, buf, sizeof buf, f) < 4)
		return;
	/* Above the refund limit: a manager signs in over the desk for it. */
	struct fd_op op;
	struct fd_error err = {0};
	if (!app->session->desk[0] && line_op(app, &op, "folio.refund", f[0])) {
		cJSON_AddStringToObject(op.payload, "method", f[2]);
		cJSON_AddNumberToObject(op.payload, "amount", (double)strtoll(f[3], NULL, 10));
		cJSON_AddStringToObject(op.payload, "reason", text);
		if (fd_session_check(app->session, &op, 1, &err) == FD_E_FORBIDDEN &&
		    strcmp(err.field, "amount") == 0) {
			char next[FD_NOTES_LEN];
			snprintf(next, sizeof next, "%s\t%s", arg, text);
			ui_over_ask(app, err.message, refund_over, next);
			return;
		}
	}
	apply_payment(app, true, f, NULL, NULL, text);
}

static void got_pay_amount(struct app *app, const char *text, const char *arg)
{
	int64_t amount;
	if (!text[0] || !parse_amount(app, text, &amount))
		return;
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS], next[FD_NOTES_LEN];
	if (fields(arg, buf, sizeof buf, f) < 3)
		return;
	snprintf(next, sizeof next, "%s\t%s\t%s\t%" PRId64, f[0], f[1], f[2], amount);
	bool refund = strcmp(f[1], "refund") == 0;
	if (refund)
		ui_prompt(app, _("refund reason: "), "", got_reason, next);
	else if (strcmp(f[2], "card") == 0)
		ui_prompt(app, _("card: processor reference (optional): "), "", got_ref, next);
	else {
		char *g[MAX_FIELDS];
		fields(next, buf, sizeof buf, g);
		apply_payment(app, false, g, NULL, NULL, NULL);
	}
}

/* cash, card or bank_transfer, or a unique beginning of one ("b", "car"). */
static const char *parse_method(const char *text)
{
	static const char *const methods[] = {"cash", "card", "bank_transfer"};
	const char *found = NULL;
	size_t len = strlen(text);
	for (size_t i = 0; len && i < sizeof methods / sizeof *methods; i++) {
		if (strncmp(methods[i], text, len) != 0)
			continue;
		if (found)
			return NULL;
		found = methods[i];
	}
	return found;
}

/* arg: folio, "pay"/"refund", the amount offered (minor units) */
static void got_method(struct app *app, const char *text, const char *arg)
{
	if (!text[0])
		return;
	const char *method = parse_method(text);
	if (!method) {
		refuse(app, "method", _("\"%s\" is not a payment method; use cash, card or bank_transfer."),
		       text);
		return;
	}
	char buf[FD_NOTES_LEN], *f[MAX_FIELDS], next[FD_NOTES_LEN], initial[FD_MONEY_STRLEN] = "";
	if (fields(arg, buf, sizeof buf, f) < 3)
		return;
	int64_t offer = strtoll(f[2], NULL, 10);
	if (offer > 0)
		fd_money_format_plain(offer, app->currency, initial, sizeof initial);
	snprintf(next, sizeof next, "%s\t%s\t%s", f[0], f[1], method);
	ui_prompt(app, strcmp(f[1], "refund") == 0 ? _("refund amount: ") : _("payment amount: "), initial,
	          got_pay_amount, next);
}

void ui_folio_pay_ask(struct app *app, const struct ui_folio_view *v, bool refund)
{
	/* Offer what settles the folio: its balance, or its credit for a refund. */
	int64_t balance = v ? v->t.balance : 0, offer = refund ? -balance : balance;
	char arg[FD_NOTES_LEN];
	snprintf(arg, sizeof arg, "%s\t%s\t%" PRId64, v ? v->f.id : "", refund ? "refund" : "pay", offer);
	ui_prompt(app,
	          refund ? _("refund method (cash, card, bank_transfer): ")
	                 : _("payment method (cash, card, bank_transfer): "),
	          "", got_method, arg);
}

/* ---- void, move ---- */

static void got_void_reason(struct app *app, const char *text, const char *line_id)
{
	if (!text[0]) {
		ui_message(app, "%s", _("A reason is needed; nothing changed."));
		return;
	}
	char id[FD_ID_LEN];
	struct fd_op op;
	fd_session_op(app->session, &op, "folio.void");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "line", line_id);
	cJSON_AddStringToObject(op.payload, "reason", text);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("Line %.8s voided."), line_id);
}

void ui_folio_void_ask(struct app *app, const struct fd_folio_line *l)
{
	char label[96], amount[FD_MONEY_STRLEN];
	snprintf(label, sizeof label, _("void %.30s %s, reason: "), l->description,
	         ui_amount(l->amount, app->currency, amount, sizeof amount));
	ui_prompt(app, label, "", got_void_reason, l->id);
}

static void move_to(struct app *app, const char *line_id, const struct fd_folio *to)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "folio.move_line");
	cJSON_AddStringToObject(op.payload, "line", line_id);
	cJSON_AddStringToObject(op.payload, "folio", to->id);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("Line %.8s moved to %s."), line_id, to->name);
}

static void got_move_folio(struct app *app, const char *text, const char *line_id)
{
	const struct ui_folio *f = app->panes[PANE_FOLIO].st;
	char *end;
	long k = strtol(text, &end, 10);
	if (!text[0])
		return;
	if (*end || k < 1 || k > f->n_folios) {
		char range[32];
		snprintf(range, sizeof range, "1-%d", f->n_folios);
		refuse(app, "folio", _("Give the folio's number as shown (%s)."), range);
		return;
	}
	move_to(app, line_id, &f->v[k - 1].f);
}

void ui_folio_move_ask(struct app *app, const struct ui_folio *f, const struct ui_folio_view *from,
                       const struct fd_folio_line *l)
{
	if (f->n_folios < 2) {
		ui_message(app, "%s",
		           _("This booking has one folio: press n to open another, then move the line."));
		return;
	}
	if (f->n_folios == 2) {
		move_to(app, l->id, &f->v[from == &f->v[0] ? 1 : 0].f);
		return;
	}
	char label[96];
	snprintf(label, sizeof label, _("move to folio (1-%d): "), f->n_folios);
	ui_prompt(app, label, "", got_move_folio, l->id);
}

/* ---- a new folio (split bill, company), and the direct-bill settlement ---- */

/* An operation on the open booking with a new id; false (and the reason on
 * the message line) when the booking cannot be read. */
static bool booking_op(struct app *app, struct fd_op *op, const char *type, struct fd_booking_row *row)
{
	struct fd_error err = {0};
	if (fd_session_booking(app->session, app->folio_code, row, &err)) {
		ui_error(app, &err);
		return false;
	}
	char id[FD_ID_LEN];
	fd_session_op(app->session, op, type);
	cJSON_AddStringToObject(op->payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op->payload, "booking", row->b.id);
	return true;
}

static void create_folio(struct app *app, const char *name, const char *company, bool route_room)
{
	struct fd_booking_row row;
	struct fd_op op;
	if (!booking_op(app, &op, "folio.create", &row))
		return;
	if (name)
		cJSON_AddStringToObject(op.payload, "name", name);
	if (company)
		cJSON_AddStringToObject(op.payload, "company", company);
	if (route_room)
		cJSON_AddBoolToObject(op.payload, "route_room", true);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app,
		           route_room ? _("Folio opened for %s; room charges go there.")
		                      : _("Folio opened for %s."),
		           company ? company : name);
}

/* A company named at a prompt must be an account that takes direct
 * bills: its name (as the account spells it) in out, or false with the
 * accounts to choose from on the message line. */
static bool pick_account(struct app *app, const char *typed, char out[FD_NAME_LEN])
{
	const struct fd_repo *repo = fd_db_repo(app->db);
	struct fd_company co;
	if (repo->get_company && repo->get_company(repo->ctx, typed, &co, NULL) == FD_OK && co.direct_bill) {
		snprintf(out, FD_NAME_LEN, "%s", co.name);
		return true;
	}
	char names[512] = "";
	fd_query_direct_bill_accounts(app->db, names, sizeof names, NULL);
	struct fd_error err;
	fd_fail(&err, FD_E_INVALID, "company_not_found", "company",
	        names[0]
	            ? _("No direct-bill account \"%s\"; the accounts are: %s.")
	            : _("No direct-bill account \"%s\"; a manager adds one with 'frontdesk company add'.%s"),
	        typed, names);
	ui_error(app, &err);
	return false;
}

static void got_route(struct app *app, const char *text, const char *company)
{
	bool yes = text[0] == 'y' || text[0] == 'Y';
	if (!yes && text[0] != 'n' && text[0] != 'N') {
		refuse(app, "route_room", _("\"%s\": answer y or n."), text);
		return;
	}
	create_folio(app, NULL, company, yes);
}

static void got_company(struct app *app, const char *text, const char *count)
{
	if (!text[0]) {
		char name[FD_NAME_LEN];
		snprintf(name, sizeof name, "Guest %d", atoi(count) + 1);
		create_folio(app, name, NULL, false);
		return;
	}
	char name[FD_NAME_LEN];
	if (!pick_account(app, text, name))
		return;
	ui_prompt(app, _("room charges to this company's folio? (y/n): "), "", got_route, name);
}

void ui_folio_new_ask(struct app *app, int n_folios)
{
	char count[16];
	snprintf(count, sizeof count, "%d", n_folios > 0 ? n_folios : 1);
	ui_prompt(app, _("new folio: company name (Enter: another guest folio): "), "", got_company, count);
}

static void got_settle(struct app *app, const char *company, const char *arg)
{
	(void)arg;
	char name[FD_NAME_LEN];
	if (!company[0] || !pick_account(app, company, name))
		return;
	company = name;
	struct fd_booking_row row;
	struct fd_op op;
	if (!booking_op(app, &op, "folio.settle", &row))
		return;
	cJSON_AddStringToObject(op.payload, "company", company);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("%s's balance is settled to %s (direct bill)."), row.b.code, company);
}

void ui_folio_settle_ask(struct app *app, const struct ui_folio *f)
{
	const char *company = "";
	for (int i = 0; i < f->n_folios && !company[0]; i++)
		company = f->v[i].f.company;
	/* Else the account the booking is made for. */
	char booked_for[FD_NAME_LEN];
	if (!company[0] && f->loaded)
		company = fd_booking_company_name(app->db, &f->row.b, booked_for);
	ui_prompt(app, _("settle the guest's balance to company: "), company, got_settle, NULL);
}
