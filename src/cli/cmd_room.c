// SPDX-License-Identifier: GPL-3.0-or-later
/* Housekeeping, maintenance, guest records and staff from the command line. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "store/ids.h"
#include "store/lookup.h"

int cmd_hk(struct cli *cli, int argc, char **argv)
{
	const char *pos[2];
	bool occupied = false, vacant = false;
	const struct cli_opt opts[] = {{"occupied", NULL, &occupied}, {"vacant", NULL, &vacant}, {0}};
	if (!cli_parse(cli, "hk", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	enum fd_clean c;
	if (!fd_clean_parse(pos[1], &c))
		return cli_usage_error(
		    cli, "hk", _("\"%s\" is not a cleaning status; use dirty, pickup, clean or inspected"),
		    pos[1]);
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	fd_session_op(&cli->session, &op, "room.set_clean");
	cJSON_AddStringToObject(op.payload, "room", pos[0]);
	cJSON_AddStringToObject(op.payload, "status", pos[1]);
	if (occupied || vacant)
		cJSON_AddBoolToObject(op.payload, "occupied", occupied);
	return cli_apply_said(cli, &op, N_("Room %s updated."), pos[0]);
}

static int maintenance(struct cli *cli, const char *cmd, const char *state, int argc, char **argv)
{
	const char *room, *from = NULL, *to = NULL, *reason = NULL;
	const struct cli_opt opts[] = {
	    {"from", &from, NULL}, {"to", &to, NULL}, {"reason", &reason, NULL}, {0}};
	if (!cli_parse(cli, cmd, argc, argv, opts, &room, 1, 1))
		return CLI_USAGE;
	if (!from || !to || !reason)
		return cli_usage_error(cli, cmd, _("--from, --to and --reason are required"));
	fd_date f, t;
	if (!cli_date(cli, cmd, "--from", from, &f) || !cli_date(cli, cmd, "--to", to, &t))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	fd_session_op(&cli->session, &op, "room.set_maintenance");
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddStringToObject(op.payload, "state", state);
	cJSON_AddStringToObject(op.payload, "from", from);
	cJSON_AddStringToObject(op.payload, "to", to);
	cJSON_AddStringToObject(op.payload, "reason", reason);
	return cli_apply_said(cli, &op, N_("Room %s updated."), room);
}

int cmd_ooo(struct cli *cli, int argc, char **argv)
{
	return maintenance(cli, "ooo", "ooo", argc, argv);
}

int cmd_oos(struct cli *cli, int argc, char **argv)
{
	return maintenance(cli, "oos", "oos", argc, argv);
}

int cmd_rtn(struct cli *cli, int argc, char **argv)
{
	const char *room;
	if (!cli_parse(cli, "rtn", argc, argv, NULL, &room, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	fd_session_op(&cli->session, &op, "room.set_maintenance");
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddStringToObject(op.payload, "state", "none");
	return cli_apply_said(cli, &op, N_("Room %s is back in service."), room);
}

static bool print_staff_member(void *ctx, const struct fd_staff *m)
{
	cJSON *arr = ctx;
	if (arr) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "username", m->username);
		cJSON_AddStringToObject(o, "display_name", m->display_name);
		cJSON_AddStringToObject(o, "role", fd_role_name(m->role));
		cJSON_AddStringToObject(o, "department", fd_dept_name(m->dept));
		cJSON_AddStringToObject(o, "section", m->section);
		cJSON_AddBoolToObject(o, "active", m->active);
		cJSON_AddBoolToObject(o, "on_shift", m->on_shift);
		cJSON_AddItemToArray(arr, o);
	} else {
		printf("%-12s %-8s %-13s %-6s %s%s\n", m->username, fd_role_name(m->role),
		       fd_dept_name(m->dept), m->section, m->display_name, m->active ? "" : _(" (disabled)"));
	}
	return true;
}

static bool print_staff(struct cli *cli, cJSON *arr)
{
	return fd_query_staff_list(cli->db, print_staff_member, arr, NULL) == FD_OK;
}

int cmd_staff(struct cli *cli, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL}, *name = NULL, *role = NULL, *dept = NULL, *section = NULL;
	const struct cli_opt opts[] = {{"name", &name, NULL},
	                               {"role", &role, NULL},
	                               {"dept", &dept, NULL},
	                               {"section", &section, NULL},
	                               {0}};
	if (!cli_parse(cli, "staff", argc, argv, opts, pos, 1, 2))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (strcmp(pos[0], "list") == 0) {
		cJSON *doc = cli->json ? cJSON_CreateObject() : NULL;
		print_staff(cli, doc ? cJSON_AddArrayToObject(doc, "staff") : NULL);
		if (doc)
			cli_print_json(doc);
		return CLI_OK;
	}
	if (strcmp(pos[0], "update") == 0 && pos[1]) {
		if (!name && !role && !dept && !section)
			return cli_usage_error(
			    cli, "staff", _("staff update USER needs --name, --role, --dept or --section"));
		struct fd_op op;
		fd_session_op(&cli->session, &op, "staff.update");
		cJSON_AddStringToObject(op.payload, "username", pos[1]);
		if (name)
			cJSON_AddStringToObject(op.payload, "display_name", name);
		if (role)
			cJSON_AddStringToObject(op.payload, "role", role);
		if (dept)
			cJSON_AddStringToObject(op.payload, "department", dept);
		if (section)
			cJSON_AddStringToObject(op.payload, "section", section);
		return cli_apply_said(cli, &op, N_("Updated staff member %s."), pos[1]);
	}
	if (strcmp(pos[0], "add") != 0 || !pos[1])
		return cli_usage_error(
		    cli, "staff",
		    _("use 'staff list', 'staff add USER --name NAME --role ROLE --dept DEPT' "
		      "or 'staff update USER [--dept DEPT] [--role ROLE] [--name NAME]'"));
	if (!name || !role || !dept)
		return cli_usage_error(cli, "staff", _("--name, --role and --dept are required"));
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "staff.create");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "username", pos[1]);
	cJSON_AddStringToObject(op.payload, "display_name", name);
	cJSON_AddStringToObject(op.payload, "role", role);
	cJSON_AddStringToObject(op.payload, "department", dept);
	if (section)
		cJSON_AddStringToObject(op.payload, "section", section);
	return cli_apply_said(cli, &op, N_("Added staff member %s."), pos[1]);
}
