// SPDX-License-Identifier: GPL-3.0-or-later
/* Folio commands: folio, post, pay, refund, void, settle, moveline,
 * charges, settings, audit. Each builds one operation and applies it. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/render.h"
#include "core/i18n.h"
#include "core/policy.h"
#include "core/money.h"
#include "cli/cmd_folio.h"
#include "core/folio.h"
#include "core/guest.h"
#include "core/op_folio.h"
#include "store/ids.h"
#include "store/lookup.h"
#include "store/oplog.h"
#include "store/query_desk.h"

void folio_setting(struct cli *cli, const char *key, char *out, size_t size, const char *dflt)
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (repo->get_setting(repo->ctx, key, out, size, NULL) != FD_OK)
		snprintf(out, size, "%s", dflt);
}

static bool parse_amount(struct cli *cli, const char *cmd, const char *text, int64_t *out)
{
	char cur[4];
	struct fd_error err = {0};
	if (fd_money_parse(text, cli_currency(cli, cur), out, &err)) {
		cli_value_error(cli, cmd, "%s", err.message);
		return false;
	}
	if (*out <= 0) {
		cli_value_error(cli, cmd, _("the amount must be more than zero"));
		return false;
	}
	return true;
}

/* A line named by its id or a unique prefix of it (at least 4 characters). */
static enum fd_status resolve_line(struct cli *cli, const char *key, char id[FD_ID_LEN], struct fd_error *err)
{
	int found = 0;
	enum fd_status st =
	    strlen(key) >= 4 ? fd_lookup_id_prefix(cli->db, FD_ID_FOLIO_LINE, key, id, &found, err) : FD_OK;
	if (st)
		return st;
	if (found == 1)
		return FD_OK;
	if (found > 1)
		return fd_fail(err, FD_E_INVALID, "ambiguous", "line",
		               _("\"%s\" names more than one line; give more of its id."), key);
	return fd_fail(err, FD_E_NOT_FOUND, "line_not_found", "line", _("No folio line \"%s\"."), key);
}

static int apply_show(struct cli *cli, struct fd_op *op, const char *done_fmt, const char *subject)
{
	struct fd_op_result res;
	int rc = cli_apply(cli, op, 1, &res);
	if (rc)
		return rc;
	if (cli->json) {
		cli_print_result(&res);
		return CLI_OK;
	}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	printf(_(done_fmt), subject, res.id);
#pragma GCC diagnostic pop
	putchar('\n');
	return CLI_OK;
}

/* --- folio CODE: show the bill --- */

static cJSON *line_json(const struct fd_folio_line *l)
{
	char d[FD_DATE_STRLEN];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", l->id);
	cJSON_AddStringToObject(o, "kind", fd_line_kind_name(l->kind));
	cJSON_AddStringToObject(o, "code", l->code);
	cJSON_AddStringToObject(o, "description", l->description);
	cJSON_AddNumberToObject(o, "amount_minor", (double)l->amount);
	cJSON_AddNumberToObject(o, "tax_minor", (double)l->tax);
	if (l->kind == FD_LINE_CHARGE) {
		cJSON_AddNumberToObject(o, "quantity", l->quantity > 1 ? l->quantity : 1);
		cJSON_AddNumberToObject(o, "unit_price_minor",
		                        (double)(l->quantity > 1 ? l->unit_price : l->amount));
	}
	cJSON_AddStringToObject(o, "date", fd_date_format(l->date, d));
	if (l->method[0])
		cJSON_AddStringToObject(o, "method", l->method);
	if (l->ref[0])
		cJSON_AddStringToObject(o, "ref", l->ref);
	if (l->last4[0])
		cJSON_AddStringToObject(o, "last4", l->last4);
	if (l->voids[0])
		cJSON_AddStringToObject(o, "voids", l->voids);
	if (l->reverses[0])
		cJSON_AddStringToObject(o, "reverses", l->reverses);
	if (l->reason[0])
		cJSON_AddStringToObject(o, "reason", l->reason);
	cJSON_AddStringToObject(o, "actor", l->actor);
	return o;
}

static void line_text(const struct fd_folio_line *l, const char *cur, bool voided)
{
	char d[FD_DATE_STRLEN], amt[FD_MONEY_STRLEN], tax[FD_MONEY_STRLEN];
	fd_money_format_plain(l->amount, cur, amt, sizeof amt);
	fd_money_format_plain(l->tax, cur, tax, sizeof tax);
	printf("  %.8s %s %-8s %-40.40s %12s %10s%s\n", l->id, fd_date_format(l->date, d),
	       fd_line_kind_name(l->kind), l->description, amt, l->tax ? tax : "",
	       voided ? _("  (voided)") : "");
}

static enum fd_status show_folio(struct cli *cli, const struct fd_folio *f, const char *cur, cJSON *arr,
                                 int64_t *balance, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_folio_line *lines = NULL;
	int n = 0;
	struct fd_folio_totals t;
	enum fd_status st = repo->folio_lines(repo->ctx, f->id, &lines, &n, err);
	if (!st && !fd_folio_sum(lines, (size_t)n, &t))
		st =
		    fd_fail(err, FD_E_INVALID, "invalid_amount", NULL, _("The folio's sum is out of range."));
	if (st) {
		free(lines);
		return st;
	}
	*balance += t.balance;
	if (arr) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", f->id);
		cJSON_AddStringToObject(o, "kind", fd_folio_kind_name(f->kind));
		cJSON_AddStringToObject(o, "name", f->name);
		if (f->company[0])
			cJSON_AddStringToObject(o, "company", f->company);
		cJSON_AddBoolToObject(o, "route_room", f->route_room);
		cJSON_AddNumberToObject(o, "charges_minor", (double)t.charges);
		cJSON_AddNumberToObject(o, "payments_minor", (double)t.payments);
		cJSON_AddNumberToObject(o, "tax_minor", (double)t.tax);
		cJSON_AddNumberToObject(o, "balance_minor", (double)t.balance);
		cJSON *la = cJSON_AddArrayToObject(o, "lines");
		for (int i = 0; i < n; i++) {
			cJSON *lj = line_json(&lines[i]);
			cJSON_AddBoolToObject(lj, "voided",
			                      fd_folio_line_voided(lines, (size_t)n, lines[i].id));
			cJSON_AddItemToArray(la, lj);
		}
		cJSON_AddItemToArray(arr, o);
	} else {
		char a[FD_MONEY_STRLEN], b[FD_MONEY_STRLEN], c[FD_MONEY_STRLEN], d[FD_MONEY_STRLEN];
		printf(_("Folio %.8s  %s%s\n"), f->id, f->name, f->route_room ? _(" (room charges)") : "");
		for (int i = 0; i < n; i++)
			line_text(&lines[i], cur, fd_folio_line_voided(lines, (size_t)n, lines[i].id));
		printf(_("  charges %s  VAT included %s  paid %s  balance %s\n"),
		       fd_money_format(t.charges, cur, a, sizeof a), fd_money_format(t.tax, cur, b, sizeof b),
		       fd_money_format(t.payments, cur, c, sizeof c),
		       fd_money_format(t.balance, cur, d, sizeof d));
	}
	free(lines);
	return FD_OK;
}

static int folio_create(struct cli *cli, const struct fd_booking_row *row, const char *name,
                        const char *company, bool route_room)
{
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "folio.create");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "booking", row->b.id);
	if (name)
		cJSON_AddStringToObject(op.payload, "name", name);
	if (company)
		cJSON_AddStringToObject(op.payload, "company", company);
	if (route_room)
		cJSON_AddBoolToObject(op.payload, "route_room", true);
	return apply_show(cli, &op, N_("Opened a folio on %s: %s"), row->b.code);
}

int cmd_folio(struct cli *cli, int argc, char **argv)
{
	const char *code, *add = NULL, *company = NULL;
	bool route = false;
	const struct cli_opt opts[] = {
	    {"add", &add, NULL}, {"company", &company, NULL}, {"route-room", NULL, &route}, {0}};
	if (!cli_parse(cli, "folio", argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(&cli->session, code, &row, &err))
		return cli_error(cli, &err);
	if (add || company || route)
		return folio_create(cli, &row, add, company, route);
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_folio *folios = NULL;
	int n = 0;
	char cur[4];
	cli_currency(cli, cur);
	if (repo->booking_folios(repo->ctx, row.b.id, &folios, &n, &err)) {
		free(folios);
		return cli_error(cli, &err);
	}
	cJSON *doc = cli->json ? cJSON_CreateObject() : NULL;
	cJSON *arr = NULL;
	if (doc) {
		cJSON_AddStringToObject(doc, "booking", row.b.code);
		cJSON_AddStringToObject(doc, "guest", row.guest_name);
		cJSON_AddStringToObject(doc, "currency", cur);
		arr = cJSON_AddArrayToObject(doc, "folios");
	} else {
		printf(_("Booking %s  %s  (%s)\n"), row.b.code, row.guest_name,
		       fd_booking_status_text(row.b.status));
	}
	int64_t balance = 0, guest_balance = 0;
	enum fd_status st = FD_OK;
	for (int i = 0; i < n && !st; i++) {
		int64_t b = 0;
		st = show_folio(cli, &folios[i], cur, arr, &b, &err);
		balance += b;
		if (folios[i].kind == FD_FOLIO_GUEST)
			guest_balance += b;
	}
	free(folios);
	if (st) {
		cJSON_Delete(doc);
		return cli_error(cli, &err);
	}
	if (doc) {
		cJSON_AddNumberToObject(doc, "balance_minor", (double)balance);
		cJSON_AddNumberToObject(doc, "guest_balance_minor", (double)guest_balance);
		cli_print_json(doc);
	} else {
		char m[FD_MONEY_STRLEN];
		if (n == 0)
			printf(_("No folio lines yet.\n"));
		printf(_("Balance due from the guest: %s\n"),
		       fd_money_format(guest_balance, cur, m, sizeof m));
	}
	return CLI_OK;
}

/* --- postings --- */

/* What every posting (post, pay, refund, paid-out) starts with: the store
 * opened, the amount read in the hotel's currency, the booking found.
 * CLI_OK, or the exit code with the message given. */
static int posting_start(struct cli *cli, const char *cmd, const char *booking, const char *amount_text,
                         int64_t *amount, struct fd_booking_row *row)
{
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (!parse_amount(cli, cmd, amount_text, amount))
		return CLI_USAGE;
	struct fd_error err = {0};
	if (fd_session_booking(&cli->session, booking, row, &err))
		return cli_error(cli, &err);
	return CLI_OK;
}

/* op of type for a new line on the booking's folio, or on folio when
 * given; returns its payload for the rest. */
static cJSON *posting_op(struct cli *cli, struct fd_op *op, const char *type,
                         const struct fd_booking_row *row, const char *folio)
{
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, op, type);
	cJSON *p = op->payload;
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	if (folio)
		cJSON_AddStringToObject(p, "folio", folio);
	else
		cJSON_AddStringToObject(p, "booking", row->b.id);
	return p;
}

int cmd_post(struct cli *cli, int argc, char **argv)
{
	const char *pos[3], *qty = NULL, *desc = NULL, *folio = NULL, *date = NULL;
	const struct cli_opt opts[] = {
	    {"qty", &qty, NULL}, {"desc", &desc, NULL}, {"folio", &folio, NULL}, {"date", &date, NULL}, {0}};
	if (!cli_parse(cli, "post", argc, argv, opts, pos, 3, 3))
		return CLI_USAGE;
	int q = 1;
	if (qty && !cli_int(cli, "post", "--qty", qty, 1, 1000, &q))
		return CLI_USAGE;
	int64_t amount;
	struct fd_booking_row row;
	int rc = posting_start(cli, "post", pos[0], pos[2], &amount, &row);
	if (rc)
		return rc;
	struct fd_op op;
	cJSON *p = posting_op(cli, &op, "folio.post", &row, folio);
	cJSON_AddStringToObject(p, "charge", pos[1]);
	cJSON_AddNumberToObject(p, "amount", (double)amount);
	if (q > 1)
		cJSON_AddNumberToObject(p, "quantity", q);
	if (desc)
		cJSON_AddStringToObject(p, "description", desc);
	if (date)
		cJSON_AddStringToObject(p, "date", date);
	return apply_show(cli, &op, N_("Posted to %s: line %s"), row.b.code);
}

static int payment(struct cli *cli, const char *cmd, const char *type, int argc, char **argv)
{
	const char *pos[3], *ref = NULL, *last4 = NULL, *folio = NULL, *reason = NULL, *pay = NULL;
	const struct cli_opt opts[] = {{"ref", &ref, NULL},     {"last4", &last4, NULL},
	                               {"folio", &folio, NULL}, {"reason", &reason, NULL},
	                               {"payment", &pay, NULL}, {0}};
	if (!cli_parse(cli, cmd, argc, argv, opts, pos, 3, 3))
		return CLI_USAGE;
	bool refund = strcmp(type, "folio.refund") == 0;
	if (refund && !reason)
		return cli_usage_error(cli, cmd, _("--reason is required"));
	if (!refund && reason)
		return cli_usage_error(cli, cmd, _("unknown option --reason"));
	if (!refund && pay)
		return cli_usage_error(cli, cmd, _("unknown option --payment"));
	int64_t amount;
	struct fd_booking_row row;
	int rc = posting_start(cli, cmd, pos[0], pos[2], &amount, &row);
	if (rc)
		return rc;
	char pay_id[FD_ID_LEN];
	struct fd_error err = {0};
	if (pay && resolve_line(cli, pay, pay_id, &err))
		return cli_error(cli, &err);
	struct fd_op op;
	cJSON *p = posting_op(cli, &op, type, &row, folio);
	if (pay)
		cJSON_AddStringToObject(p, "payment", pay_id);
	cJSON_AddStringToObject(p, "method", pos[1]);
	cJSON_AddNumberToObject(p, "amount", (double)amount);
	if (ref)
		cJSON_AddStringToObject(p, "ref", ref);
	if (last4)
		cJSON_AddStringToObject(p, "last4", last4);
	if (reason)
		cJSON_AddStringToObject(p, "reason", reason);
	return apply_show(cli, &op, refund ? N_("Refunded on %s: line %s") : N_("Payment on %s: line %s"),
	                  row.b.code);
}

int cmd_pay(struct cli *cli, int argc, char **argv)
{
	return payment(cli, "pay", "folio.pay", argc, argv);
}

int cmd_refund(struct cli *cli, int argc, char **argv)
{
	return payment(cli, "refund", "folio.refund", argc, argv);
}

int cmd_paid_out(struct cli *cli, int argc, char **argv)
{
	const char *pos[2], *reason = NULL, *method = NULL, *folio = NULL;
	const struct cli_opt opts[] = {
	    {"reason", &reason, NULL}, {"method", &method, NULL}, {"folio", &folio, NULL}, {0}};
	if (!cli_parse(cli, "paid-out", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	if (!reason)
		return cli_usage_error(cli, "paid-out", _("--reason is required"));
	int64_t amount;
	struct fd_booking_row row;
	int rc = posting_start(cli, "paid-out", pos[0], pos[1], &amount, &row);
	if (rc)
		return rc;
	struct fd_op op;
	cJSON *p = posting_op(cli, &op, "folio.paid_out", &row, folio);
	cJSON_AddNumberToObject(p, "amount", (double)amount);
	if (method)
		cJSON_AddStringToObject(p, "method", method);
	cJSON_AddStringToObject(p, "reason", reason);
	return apply_show(cli, &op, N_("Paid out on %s: line %s"), row.b.code);
}

int cmd_void(struct cli *cli, int argc, char **argv)
{
	const char *line, *reason = NULL;
	const struct cli_opt opts[] = {{"reason", &reason, NULL}, {0}};
	if (!cli_parse(cli, "void", argc, argv, opts, &line, 1, 1))
		return CLI_USAGE;
	if (!reason)
		return cli_usage_error(cli, "void", _("--reason is required"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char id[FD_ID_LEN], vid[FD_ID_LEN];
	struct fd_error err = {0};
	if (resolve_line(cli, line, id, &err))
		return cli_error(cli, &err);
	struct fd_op op;
	fd_session_op(&cli->session, &op, "folio.void");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(vid));
	cJSON_AddStringToObject(op.payload, "line", id);
	cJSON_AddStringToObject(op.payload, "reason", reason);
	return apply_show(cli, &op, N_("Voided %s: line %s"), line);
}

int cmd_moveline(struct cli *cli, int argc, char **argv)
{
	const char *pos[2];
	if (!cli_parse(cli, "moveline", argc, argv, NULL, pos, 2, 2))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char id[FD_ID_LEN], folio[FD_ID_LEN];
	struct fd_error err = {0};
	if (resolve_line(cli, pos[0], id, &err))
		return cli_error(cli, &err);
	/* The folio by id or a unique prefix. */
	int found = 0;
	if (fd_lookup_id_prefix(cli->db, FD_ID_FOLIO, pos[1], folio, &found, &err))
		return cli_error(cli, &err);
	if (found != 1) {
		fd_fail(&err, FD_E_NOT_FOUND, "folio_not_found", "folio", _("No single folio \"%s\"."),
		        pos[1]);
		return cli_error(cli, &err);
	}
	struct fd_op op;
	fd_session_op(&cli->session, &op, "folio.move_line");
	cJSON_AddStringToObject(op.payload, "line", id);
	cJSON_AddStringToObject(op.payload, "folio", folio);
	return apply_show(cli, &op, N_("Moved line %s (%s)"), pos[0]);
}

int cmd_settle(struct cli *cli, int argc, char **argv)
{
	const char *code, *company = NULL;
	const struct cli_opt opts[] = {{"company", &company, NULL}, {0}};
	if (!cli_parse(cli, "settle", argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(&cli->session, code, &row, &err))
		return cli_error(cli, &err);
	/* Without --company: the account the booking is made for. */
	char booked_for[FD_NAME_LEN];
	if (!company && fd_booking_company_name(cli->db, &row.b, booked_for)[0])
		company = booked_for;
	if (!company)
		return cli_usage_error(
		    cli, "settle", _("--company is required: booking %s is not booked for a company account"),
		    row.b.code);
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "folio.settle");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "booking", row.b.id);
	cJSON_AddStringToObject(op.payload, "company", company);
	return apply_show(cli, &op, N_("Settled %s to the company folio %s"), row.b.code);
}

struct charge_list {
	cJSON *json; /* NULL: print lines */
};

static bool print_charge_code(void *ctx, const struct fd_charge_code *cc)
{
	struct charge_list *list = ctx;
	if (list->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", cc->code);
		cJSON_AddStringToObject(o, "name", cc->name);
		cJSON_AddNumberToObject(o, "vat_bp", cc->vat_bp);
		cJSON_AddBoolToObject(o, "room", cc->is_room);
		cJSON_AddItemToArray(list->json, o);
	} else {
		printf("%-10s %-24s VAT %d.%02d %%%s\n", cc->code, cc->name, cc->vat_bp / 100,
		       cc->vat_bp % 100, cc->is_room ? _(" (room revenue)") : "");
	}
	return true;
}

int cmd_charges(struct cli *cli, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL}, *name = NULL, *vat = NULL;
	bool room = false;
	const struct cli_opt opts[] = {
	    {"name", &name, NULL}, {"vat", &vat, NULL}, {"room", NULL, &room}, {0}};
	if (!cli_parse(cli, "charges", argc, argv, opts, pos, 0, 2))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (pos[0] && strcmp(pos[0], "set") == 0) {
		int bp;
		if (!pos[1] || !name || !vat)
			return cli_usage_error(cli, "charges",
			                       _("use 'charges set CODE --name NAME --vat BASIS-POINTS'"));
		if (!cli_int(cli, "charges", "--vat", vat, 0, 10000, &bp))
			return CLI_USAGE;
		struct fd_op op;
		fd_session_op(&cli->session, &op, "charge_code.set");
		cJSON_AddStringToObject(op.payload, "code", pos[1]);
		cJSON_AddStringToObject(op.payload, "name", name);
		cJSON_AddNumberToObject(op.payload, "vat_bp", bp);
		if (room)
			cJSON_AddBoolToObject(op.payload, "room", true);
		return apply_show(cli, &op, N_("Charge code %s saved (%s)."), pos[1]);
	}
	if (pos[0])
		return cli_usage_error(cli, "charges", _("unknown subcommand \"%s\"; use set"), pos[0]);
	struct fd_error err = {0};
	struct charge_list list = {.json = cli->json ? cJSON_CreateArray() : NULL};
	if (fd_query_charge_code_list(cli->db, print_charge_code, &list, &err)) {
		cJSON_Delete(list.json);
		return cli_error(cli, &err);
	}
	if (list.json)
		cli_print_json(list.json);
	return CLI_OK;
}

static bool yes_no(struct cli *cli, const char *opt, const char *v, bool *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
		*out = true;
	else if (strcmp(v, "no") == 0 || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		*out = false;
	else {
		cli_usage_error(cli, "settings", _("%s: use yes or no"), opt);
		return false;
	}
	return true;
}

int cmd_settings(struct cli *cli, int argc, char **argv)
{
	const char *threshold = NULL, *noshow = NULL, *ooo = NULL, *desk = NULL, *require_document = NULL;
	const char *discount = NULL, *cancel_policy = NULL, *noshow_policy = NULL, *deposit_policy = NULL;
	const struct cli_opt opts[] = {
	    {"refund-threshold", &threshold, NULL},  {"cancel-policy", &cancel_policy, NULL},
	    {"noshow-policy", &noshow_policy, NULL}, {"deposit-policy", &deposit_policy, NULL},
	    {"noshow-auto", &noshow, NULL},          {"ooo-available", &ooo, NULL},
	    {"desk-departments", &desk, NULL},       {"require-document", &require_document, NULL},
	    {"rate-discount-max", &discount, NULL},  {0}};
	if (!cli_parse(cli, "settings", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char cur[4];
	cli_currency(cli, cur);
	bool policies = cancel_policy || noshow_policy || deposit_policy;
	if (!threshold && !noshow && !ooo && !desk && !require_document && !discount && !policies) {
		char t[32], n[8], o[8], doc[8], m[FD_MONEY_STRLEN], d[128], pct_max[8];
		folio_setting(cli, "rate_discount_max", pct_max, sizeof pct_max, "30");
		folio_setting(cli, "refund_threshold", t, sizeof t, "0");
		folio_setting(cli, "noshow_auto", n, sizeof n, "1");
		folio_setting(cli, "ooo_available", o, sizeof o, "0");
		printf(_("refund threshold (above it a manager must refund): %s\n"),
		       fd_money_format(strtoll(t, NULL, 10), cur, m, sizeof m));
		printf(_("night audit marks no-shows: %s\n"), strcmp(n, "1") == 0 ? _("yes") : _("no"));
		printf(_("out-of-order rooms count as available: %s\n"),
		       strcmp(o, "1") == 0 ? _("yes") : _("no"));
		folio_setting(cli, "desk_departments", d, sizeof d, "");
		printf(_("departments that may take money and bookings: front_office, management, "
		         "night_audit%s%s\n"),
		       d[0] ? ", " : "", d);
		folio_setting(cli, "require_document", doc, sizeof doc, "0");
		printf(_("check-in requires the guest's identity document: %s\n"),
		       strcmp(doc, "1") == 0 ? _("yes") : _("no"));
		printf(_("rates more than this far below the base need a manager: %s%%\n"), pct_max);
		char cp[FD_POLICY_LEN], np[FD_POLICY_LEN], dp[FD_POLICY_LEN];
		folio_setting(cli, FD_SETTING_CANCEL_POLICY, cp, sizeof cp, "free");
		folio_setting(cli, FD_SETTING_NOSHOW_POLICY, np, sizeof np, "none");
		folio_setting(cli, FD_SETTING_DEPOSIT_POLICY, dp, sizeof dp, "none");
		printf(_("cancellation policy: %s\n"), cp[0] ? cp : "free");
		printf(_("no-show fee: %s\n"), np[0] ? np : "none");
		printf(_("deposit policy: %s\n"), dp[0] ? dp : "none");
		return CLI_OK;
	}
	if (require_document && !threshold && !noshow && !ooo && !desk && !discount && !policies) {
		/* A property setting of the guest rules (core/op_people.c). */
		bool on;
		if (!yes_no(cli, "--require-document", require_document, &on))
			return CLI_USAGE;
		struct fd_op op;
		fd_session_op(&cli->session, &op, "property.configure");
		cJSON_AddBoolToObject(op.payload, "require_document", on);
		rc = cli_apply(cli, &op, 1, NULL);
		if (rc == CLI_OK && !cli->json)
			printf(_("Settings saved.\n"));
		return rc;
	}
	if (require_document)
		return cli_usage_error(cli, "settings", _("set --require-document on its own"));
	struct fd_op op;
	fd_session_op(&cli->session, &op, "folio.configure");
	bool b, ok = true;
	int64_t amount;
	struct fd_error err = {0};
	if (threshold) {
		if (fd_money_parse(threshold, cur, &amount, &err) || amount < 0)
			ok = cli_usage_error(cli, "settings", "--refund-threshold: %s", err.message) && false;
		else
			cJSON_AddNumberToObject(op.payload, "refund_threshold", (double)amount);
	}
	if (ok && noshow && (ok = yes_no(cli, "--noshow-auto", noshow, &b)))
		cJSON_AddBoolToObject(op.payload, "noshow_auto", b);
	int pct;
	if (ok && discount && (ok = cli_int(cli, "settings", "--rate-discount-max", discount, 0, 100, &pct)))
		cJSON_AddNumberToObject(op.payload, "rate_discount_max", pct);
	if (ok && ooo && (ok = yes_no(cli, "--ooo-available", ooo, &b)))
		cJSON_AddBoolToObject(op.payload, "ooo_available", b);
	if (ok && desk)
		cJSON_AddStringToObject(op.payload, "desk_departments", desk);
	if (cancel_policy)
		cJSON_AddStringToObject(op.payload, FD_SETTING_CANCEL_POLICY, cancel_policy);
	if (noshow_policy)
		cJSON_AddStringToObject(op.payload, FD_SETTING_NOSHOW_POLICY, noshow_policy);
	if (deposit_policy)
		cJSON_AddStringToObject(op.payload, FD_SETTING_DEPOSIT_POLICY, deposit_policy);
	if (!ok) {
		fd_op_clear(&op);
		return CLI_USAGE;
	}
	rc = cli_apply(cli, &op, 1, NULL);
	if (rc == CLI_OK && !cli->json)
		printf(_("Settings saved.\n"));
	return rc;
}

/* --- night audit --- */

int cmd_audit(struct cli *cli, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {{"date", &date, NULL}, {0}};
	if (!cli_parse(cli, "audit", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	fd_date day;
	if (date && !cli_date(cli, "audit", "--date", date, &day))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (!date)
		day = cli_today(cli);
	char dtext[FD_DATE_STRLEN];
	fd_date_format(day, dtext);
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_day_report r;
	struct fd_error err = {0};
	if (repo->get_day_report(repo->ctx, day, &r, &err) == FD_OK) {
		/* Nothing to do, and nothing is written (not even the log). */
		if (cli->json) {
			cJSON *doc = cJSON_CreateObject();
			cJSON_AddStringToObject(doc, "date", dtext);
			cJSON_AddBoolToObject(doc, "already_closed", true);
			cli_print_json(doc);
		} else {
			printf(_("%s was already closed by the night audit; nothing changed.\n"), dtext);
		}
		return CLI_OK;
	}
	struct fd_op_result res;
	if (!cli_prove_actor(cli))
		return CLI_REFUSED;
	if (fd_session_night_audit(&cli->session, day, &res, &err))
		return cli_error(cli, &err);
	if (repo->get_day_report(repo->ctx, day, &r, &err))
		return cli_error(cli, &err);
	if (res.warning[0])
		fprintf(stderr, _("%s: warning: %s\n"), cli->prog, res.warning);
	char cur[4], m[FD_MONEY_STRLEN], next[FD_DATE_STRLEN];
	cli_currency(cli, cur);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "date", dtext);
		cJSON_AddBoolToObject(doc, "already_closed", false);
		cJSON_AddStringToObject(doc, "business_date", fd_date_format(day + 1, next));
		cJSON_AddNumberToObject(doc, "rooms_sold", (double)r.rooms_sold);
		cJSON_AddNumberToObject(doc, "room_revenue_minor", (double)r.room_revenue);
		cJSON_AddNumberToObject(doc, "no_shows", (double)r.no_shows);
		cli_print_json(doc);
	} else {
		printf(_("Closed %s: rooms sold %" PRId64 ", room revenue %s, no-shows %" PRId64 ". "
		         "The business date is now %s.\n"),
		       dtext, r.rooms_sold, fd_money_format(r.room_revenue, cur, m, sizeof m), r.no_shows,
		       fd_date_format(day + 1, next));
	}
	return CLI_OK;
}
