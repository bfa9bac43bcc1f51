// SPDX-License-Identifier: GPL-3.0-or-later
/* company add|update|list: the company and travel agent accounts folios
 * are billed to (operations company.create and company.update; the list
 * is the city ledger report). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table_print.h"
#include "core/i18n.h"
#include "core/money.h"
#include "store/ids.h"
#include "store/report.h"

static int company_list(struct cli *cli)
{
	char cur[4];
	cli_currency(cli, cur);
	fd_date today = cli_today(cli);
	struct tab t;
	struct fd_error err = {0};
	if (fd_report_build(cli->db, FD_REPORT_AR, today, today, NULL, cur, &t, &err)) {
		tab_free(&t);
		return cli_error(cli, &err);
	}
	if (cli->json)
		tab_print_json(&t, stdout, false);
	else
		tab_print_text(&t, stdout, false);
	tab_free(&t);
	return CLI_OK;
}

int cmd_company(struct cli *cli, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL}, *address = NULL, *vat = NULL, *contact = NULL, *limit = NULL;
	bool direct = false, no_direct = false, agent = false;
	const struct cli_opt opts[] = {{"address", &address, NULL},    {"vat", &vat, NULL},
	                               {"contact", &contact, NULL},    {"credit-limit", &limit, NULL},
	                               {"direct-bill", NULL, &direct}, {"no-direct-bill", NULL, &no_direct},
	                               {"agent", NULL, &agent},        {0}};
	if (!cli_parse(cli, "company", argc, argv, opts, pos, 1, 2))
		return CLI_USAGE;
	bool add = strcmp(pos[0], "add") == 0, update = strcmp(pos[0], "update") == 0;
	if (strcmp(pos[0], "list") == 0 && !pos[1]) {
		int rc = cli_open(cli, false);
		return rc ? rc : company_list(cli);
	}
	if ((!add && !update) || !pos[1])
		return cli_usage_error(cli, "company",
		                       _("use 'company add NAME ...', 'company update NAME ...' "
		                         "or 'company list'"));
	if (direct && no_direct)
		return cli_usage_error(cli, "company",
		                       _("choose --direct-bill or --no-direct-bill, not both"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	int64_t credit = 0;
	if (limit) {
		char cur[4];
		struct fd_error err = {0};
		if (fd_money_parse(limit, cli_currency(cli, cur), &credit, &err))
			return cli_usage_error(cli, "company", "--credit-limit: %s", err.message);
		if (credit < 0)
			return cli_usage_error(cli, "company", _("--credit-limit may not be negative"));
	}
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, add ? "company.create" : "company.update");
	cJSON *p = op.payload;
	if (add) {
		cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(p, "name", pos[1]);
	} else {
		cJSON_AddStringToObject(p, "company", pos[1]);
	}
	if (agent)
		cJSON_AddStringToObject(p, "kind", "agent");
	if (address)
		cJSON_AddStringToObject(p, "address", address);
	if (vat)
		cJSON_AddStringToObject(p, "vat", vat);
	if (contact)
		cJSON_AddStringToObject(p, "contact", contact);
	if (limit)
		cJSON_AddNumberToObject(p, "credit_limit", (double)credit);
	if (direct || no_direct)
		cJSON_AddBoolToObject(p, "direct_bill", direct);
	struct fd_op_result res;
	rc = cli_apply(cli, &op, 1, &res);
	if (rc)
		return rc;
	if (cli->json) {
		cli_print_result(&res);
	} else {
		printf(add ? _("Company account %s added.\n") : _("Company account %s updated.\n"), pos[1]);
	}
	return CLI_OK;
}
