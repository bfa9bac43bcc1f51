// SPDX-License-Identifier: GPL-3.0-or-later
/* Setting up the hotel's inventory from the command line: room types and
 * rooms. Both go through operations like every other change. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/money.h"
#include "store/ids.h"

static int print_done(struct cli *cli, const struct fd_op_result *res, const char *what, const char *name)
{
	if (cli->json) {
		cli_print_result(res);
	} else {
		printf(_("Added %s %s.\n"), what, name);
	}
	return CLI_OK;
}

static int type_add(struct cli *cli, int argc, char **argv)
{
	const char *code, *name = NULL, *max = NULL, *rate = NULL, *rank = NULL;
	const struct cli_opt opts[] = {
	    {"name", &name, NULL}, {"max", &max, NULL}, {"rate", &rate, NULL}, {"rank", &rank, NULL}, {0}};
	if (!cli_parse(cli, "type add", argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	if (!name || !max || !rate)
		return cli_usage_error(cli, "type add", _("--name, --max and --rate are required"));
	int n_max, n_rank = 0;
	if (!cli_int(cli, "type add", "--max", max, 1, 50, &n_max) ||
	    (rank && !cli_int(cli, "type add", "--rank", rank, 0, 1000, &n_rank)))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_property p;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_error err = {0};
	if (repo->get_property(repo->ctx, &p, &err) != FD_OK) {
		fd_fail(&err, FD_E_NOT_FOUND, "no_property", NULL,
		        _("This hotel has not been set up yet; run 'frontdesk init' first."));
		return cli_error(cli, &err);
	}
	int64_t minor;
	if (fd_money_parse(rate, p.currency, &minor, &err))
		return cli_usage_error(cli, "type add", "--rate: %s", err.message);
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "room_type.create");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "code", code);
	cJSON_AddStringToObject(op.payload, "name", name);
	cJSON_AddNumberToObject(op.payload, "max_occupancy", n_max);
	cJSON_AddNumberToObject(op.payload, "base_rate", (double)minor);
	cJSON_AddNumberToObject(op.payload, "rank", n_rank);
	struct fd_op_result res;
	rc = cli_apply(cli, &op, 1, &res);
	return rc ? rc : print_done(cli, &res, _("room type"), code);
}

static int room_add(struct cli *cli, int argc, char **argv)
{
	const char *number, *type = NULL, *floor = NULL, *section = NULL;
	const struct cli_opt opts[] = {
	    {"type", &type, NULL}, {"floor", &floor, NULL}, {"section", &section, NULL}, {0}};
	if (!cli_parse(cli, "room add", argc, argv, opts, &number, 1, 1))
		return CLI_USAGE;
	if (!type || !floor)
		return cli_usage_error(cli, "room add", _("--type and --floor are required"));
	int n_floor;
	if (!cli_int(cli, "room add", "--floor", floor, -10, 300, &n_floor))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "room.create");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "number", number);
	cJSON_AddStringToObject(op.payload, "type", type);
	cJSON_AddNumberToObject(op.payload, "floor", n_floor);
	if (section)
		cJSON_AddStringToObject(op.payload, "section", section);
	struct fd_op_result res;
	rc = cli_apply(cli, &op, 1, &res);
	return rc ? rc : print_done(cli, &res, _("room"), number);
}

int cmd_type(struct cli *cli, int argc, char **argv)
{
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		return cli_usage_error(cli, "type", _("expected 'type add CODE ...'"));
	return type_add(cli, argc - 1, argv + 1);
}

int cmd_room(struct cli *cli, int argc, char **argv)
{
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		return cli_usage_error(cli, "room", _("expected 'room add NUMBER ...'"));
	return room_add(cli, argc - 1, argv + 1);
}
