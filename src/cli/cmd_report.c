// SPDX-License-Identifier: GPL-3.0-or-later
/* report KIND --from D --to D [--csv | --json]
 *
 * Kinds: summary (totals for the range), daily (one row per night),
 * forecast (on the books from the business date, --days 14/30/90),
 * hk-productivity (housekeeping tasks done per attendant), cashier
 * (payments taken per staff member and method: the shift close).
 *
 * The figures are built by folio/report.c (shared with the terminal
 * application's Reports pane). --from and --to are both included; they
 * default to the day before the business date (the last closed day). */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "cli/cmd_folio.h"
#include "store/report.h"
#include "cli/table_print.h"

static bool utf8_terminal(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && strcmp(cs, "UTF-8") == 0;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *name, *from_s = NULL, *to_s = NULL, *days_s = NULL, *user = NULL;
	bool csv = false, json = cli->json;
	const struct cli_opt opts[] = {{"from", &from_s, NULL},
	                               {"to", &to_s, NULL},
	                               {"days", &days_s, NULL},
	                               {"user", &user, NULL},
	                               {"csv", NULL, &csv},
	                               {"json", NULL, &json},
	                               {0}};
	if (!cli_parse(cli, "report", argc, argv, opts, &name, 1, 1))
		return CLI_USAGE;
	if (csv && json)
		return cli_usage_error(cli, "report", _("choose --csv or --json, not both"));
	enum fd_report_kind kind;
	if (!fd_report_kind_parse(name, &kind))
		return cli_usage_error(
		    cli, "report",
		    _("unknown report \"%s\"; use summary, daily, forecast, hk-productivity, cashier or ar"),
		    name);
	bool forecast = kind == FD_REPORT_FORECAST;
	fd_date from = 0, to = 0;
	int days = 14;
	if ((from_s && !cli_date(cli, "report", "--from", from_s, &from)) ||
	    (to_s && !cli_date(cli, "report", "--to", to_s, &to)) ||
	    (days_s && !cli_int(cli, "report", "--days", days_s, 1, 366, &days)))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	fd_date today = cli_today(cli);
	if (!from_s)
		from = forecast ? today : (to_s ? to : today - 1);
	if (!to_s)
		to = forecast ? from + days - 1 : (from_s ? from : today - 1);
	if (kind == FD_REPORT_AR && !to_s) /* the city ledger as it stands today */
		to = from = today;
	if (to < from)
		return cli_usage_error(cli, "report", _("--to is before --from"));
	if (to - from >= FD_REPORT_MAX_RANGE)
		return cli_usage_error(cli, "report", _("the range may span at most %d days"),
		                       FD_REPORT_MAX_RANGE);
	struct fd_error err = {0};
	/* report.read is for managers: below, a person reads only their own
	 * cashier lines. */
	enum fd_report_access access;
	if (fd_session_report_access(&cli->session, &access, &err))
		return cli_error(cli, &err);
	if (access != FD_REPORT_ACCESS_ALL) {
		const char *me = cli->session.actor;
		if (kind != FD_REPORT_CASHIER || (user && strcmp(user, me) != 0)) {
			fd_fail(&err, FD_E_FORBIDDEN, "forbidden", "report",
			        _("Reports are for managers: %s may read only their own cashier lines "
			          "('report cashier')."),
			        me);
			fd_session_refused(&cli->session, "report.read", name, &err);
			return cli_error(cli, &err);
		}
		user = me;
	}
	char cur[4];
	cli_currency(cli, cur);
	struct tab t;
	if (fd_report_build(cli->db, kind, from, to, user, cur, &t, &err)) {
		tab_free(&t);
		return cli_error(cli, &err);
	}
	/* The daily report's CSV ends with the period's totals line, as the
	 * application's export of its summary view does. */
	struct tab totals = {0};
	bool with_totals =
	    csv && kind == FD_REPORT_DAILY &&
	    fd_report_build(cli->db, FD_REPORT_SUMMARY, from, to, user, cur, &totals, &err) == FD_OK;
	if (csv)
		tab_print_csv_total(&t, with_totals ? &totals : NULL, stdout);
	else if (json)
		tab_print_json(&t, stdout, kind == FD_REPORT_SUMMARY);
	else
		tab_print_text(&t, stdout, utf8_terminal() && !getenv("FRONTDESK_ASCII"));
	tab_free(&t);
	if (csv && kind == FD_REPORT_DAILY)
		tab_free(&totals);
	return CLI_OK;
}
