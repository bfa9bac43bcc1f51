// SPDX-License-Identifier: GPL-3.0-or-later
/* Setting up a hotel: init (empty) and demo. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "demo/demo.h"
#include "progress/progress.h"
#include "store/ids.h"
#include "store/query.h"

static bool hotel_exists(struct cli *cli)
{
	fd_date d;
	return fd_query_business_date(cli->db, &d, NULL) == FD_OK;
}

static fd_date system_today(void)
{
	return fd_date_from_unix((int64_t)time(NULL));
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	const char *name = NULL, *currency = NULL, *tz = NULL, *date = NULL;
	const struct cli_opt opts[] = {{"property", &name, NULL},
	                               {"currency", &currency, NULL},
	                               {"timezone", &tz, NULL},
	                               {"date", &date, NULL},
	                               {0}};
	if (!cli_parse(cli, "init", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	if (!name || !currency || !tz)
		return cli_usage_error(cli, "init", _("--property, --currency and --timezone are required"));
	fd_date today = system_today();
	if (date && !cli_date(cli, "init", "--date", date, &today))
		return CLI_USAGE;
	int rc = cli_open(cli, true);
	if (rc)
		return rc;
	if (hotel_exists(cli)) {
		struct fd_error err;
		fd_fail(&err, FD_E_CONFLICT, "exists", NULL,
		        _("A hotel already exists in %s; use another --data directory."),
		        cli->session.db_path);
		return cli_error(cli, &err);
	}
	struct fd_op op;
	char id[FD_ID_LEN], day[FD_DATE_STRLEN];
	fd_session_op(&cli->session, &op, "property.update");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "name", name);
	cJSON_AddStringToObject(op.payload, "currency", currency);
	cJSON_AddStringToObject(op.payload, "timezone", tz);
	cJSON_AddStringToObject(op.payload, "business_date", fd_date_format(today, day));
	rc = cli_apply(cli, &op, 1, NULL);
	if (rc == CLI_OK && !cli->json)
		printf(_("Created hotel \"%s\" in %s.\n"), name, cli->session.db_path);
	return rc;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	const char *seed = NULL, *date = NULL;
	const struct cli_opt opts[] = {{"seed", &seed, NULL}, {"date", &date, NULL}, {0}};
	if (!cli_parse(cli, "demo", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	struct fd_demo_options o = {.seed = 42, .today = system_today()};
	if (seed)
		o.seed = strtoull(seed, NULL, 10);
	if (date && !cli_date(cli, "demo", "--date", date, &o.today))
		return CLI_USAGE;
	int rc = cli_open(cli, true);
	if (rc)
		return rc;
	struct fd_error err = {0};
	struct fd_progress bar;
	fd_progress_init(&bar, _("operations"), cli->json);
	o.progress = fd_progress_update;
	o.progress_ctx = &bar;
	enum fd_status st = fd_demo_build(cli->db, &o, &err);
	fd_progress_end(&bar);
	if (st)
		return cli_error(cli, &err);
	if (!cli->json)
		printf(_("Created the demo hotel in %s.\n"), cli->session.db_path);
	return CLI_OK;
}
