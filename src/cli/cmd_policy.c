// SPDX-License-Identifier: GPL-3.0-or-later
/* deposits: the desk's list of deposits due (core/policy.h decides what
 * each booking owes and by when; store/deposits.h reads the bookings). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_folio.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/policy.h"
#include "store/deposits.h"

struct dep_ctx {
	struct cli *cli;
	char cur[4];
	cJSON *arr;
	int shown;
};

/* Listed as core's one rule says (fd_query_deposits_due). */
static bool print_deposit(void *ctx, const struct fd_booking_row *row, const struct fd_deposit_status *sp)
{
	struct dep_ctx *d = ctx;
	struct fd_deposit_status s = *sp;
	char arr[FD_DATE_STRLEN], due[FD_DATE_STRLEN], req[FD_MONEY_STRLEN], got[FD_MONEY_STRLEN],
	    miss[FD_MONEY_STRLEN];
	fd_date_format(row->b.arrival, arr);
	if (s.due)
		fd_date_format(s.due, due);
	else
		snprintf(due, sizeof due, "%s", _("at booking"));
	d->shown++;
	if (d->arr) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", row->b.code);
		cJSON_AddStringToObject(o, "guest", row->guest_name);
		cJSON_AddStringToObject(o, "arrival", arr);
		if (s.due)
			cJSON_AddStringToObject(o, "due", due);
		else
			cJSON_AddNullToObject(o, "due");
		cJSON_AddNumberToObject(o, "required_minor", (double)s.required);
		cJSON_AddNumberToObject(o, "held_minor", (double)s.held);
		cJSON_AddNumberToObject(o, "missing_minor", (double)s.missing);
		cJSON_AddBoolToObject(o, "overdue", s.overdue);
		cJSON_AddItemToArray(d->arr, o);
		return true;
	}
	printf("%-6s  %-24.24s  %-10s  %-10s  %10s  %10s  %10s  %s\n", row->b.code, row->guest_name, arr, due,
	       fd_money_format_plain(s.required, d->cur, req, sizeof req),
	       fd_money_format_plain(s.held, d->cur, got, sizeof got),
	       fd_money_format_plain(s.missing, d->cur, miss, sizeof miss), s.overdue ? _("OVERDUE") : "");
	return true;
}

int cmd_deposits(struct cli *cli, int argc, char **argv)
{
	const char *days_opt = NULL;
	const struct cli_opt opts[] = {{"days", &days_opt, NULL}, {0}};
	if (!cli_parse(cli, "deposits", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int days = 7;
	if (days_opt && !cli_int(cli, "deposits", "--days", days_opt, 0, 366, &days))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct dep_ctx d = {.cli = cli};
	cli_currency(cli, d.cur);
	char text[FD_POLICY_LEN];
	struct fd_error err = {0};
	struct fd_deposit_policy policy;
	folio_setting(cli, FD_SETTING_DEPOSIT_POLICY, text, sizeof text, "");
	if (fd_deposit_policy_parse(text, d.cur, FD_SETTING_DEPOSIT_POLICY, &policy, &err))
		return cli_error(cli, &err);
	if (cli->json)
		d.arr = cJSON_CreateArray();
	else
		printf("%-6s  %-24s  %-10s  %-10s  %10s  %10s  %10s\n", _("Code"), _("Guest"), _("Arrival"),
		       _("Due"), _("Required"), _("Held"), _("Missing"));
	if (fd_query_deposits_due(cli->db, cli_today(cli), days, d.cur, print_deposit, &d, &err)) {
		cJSON_Delete(d.arr);
		return cli_error(cli, &err);
	}
	if (d.arr)
		cli_print_json(d.arr);
	else if (!d.shown)
		printf(_("No deposits due in the next %d days.\n"), days);
	return CLI_OK;
}

static bool booking_deposit(struct cli *cli, const struct fd_booking_row *row, char cur[4],
                            struct fd_deposit_status *s)
{
	bool applies = false;
	cli_currency(cli, cur);
	return fd_query_booking_deposit(cli->db, row->b.id, cli_today(cli), cur, s, &applies, NULL) ==
	           FD_OK &&
	       applies;
}

cJSON *cli_deposit_json(struct cli *cli, const struct fd_booking_row *row)
{
	char cur[4], due[FD_DATE_STRLEN];
	struct fd_deposit_status s;
	if (!booking_deposit(cli, row, cur, &s))
		return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	if (s.due)
		cJSON_AddStringToObject(o, "due", fd_date_format(s.due, due));
	else
		cJSON_AddNullToObject(o, "due"); /* at booking */
	cJSON_AddNumberToObject(o, "required_minor", (double)s.required);
	cJSON_AddNumberToObject(o, "held_minor", (double)s.held);
	cJSON_AddNumberToObject(o, "missing_minor", (double)s.missing);
	cJSON_AddBoolToObject(o, "overdue", s.overdue);
	return o;
}

void cli_deposit_text(struct cli *cli, const struct fd_booking_row *row, char *out, size_t size)
{
	char cur[4], due[FD_DATE_STRLEN], req[FD_MONEY_STRLEN], got[FD_MONEY_STRLEN], miss[FD_MONEY_STRLEN];
	struct fd_deposit_status s;
	out[0] = '\0';
	if (!booking_deposit(cli, row, cur, &s))
		return;
	if (s.due)
		fd_date_format(s.due, due);
	else
		snprintf(due, sizeof due, "%s", _("at booking"));
	fd_money_format(s.required, cur, req, sizeof req);
	fd_money_format(s.held, cur, got, sizeof got);
	fd_money_format(s.missing, cur, miss, sizeof miss);
	if (!s.missing)
		snprintf(out, size, _("Deposit: %s due %s, held %s: covered.\n"), req, due, got);
	else if (s.overdue)
		snprintf(out, size, _("Deposit: %s due %s, held %s, missing %s: OVERDUE.\n"), req, due, got,
		         miss);
	else
		snprintf(out, size, _("Deposit: %s due %s, held %s, missing %s.\n"), req, due, got, miss);
}
