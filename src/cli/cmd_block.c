// SPDX-License-Identifier: GPL-3.0-or-later
/* block add|show|list|import: group blocks (allotments). 'block add' is
 * the operation block.add (op_group.c); 'block show' lists a block's rooms
 * held and picked up per type and night; 'block import' books a rooming
 * list (CSV, src/store/rooming.c) from the block, all or nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "store/group.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/rooming.h"

static int block_add(struct cli *cli, const char *name, const char *type, const char *rooms, const char *from,
                     const char *to, const char *cutoff, const char *plan, const char *company,
                     const char *master)
{
	fd_date d;
	int n = 0;
	if (!type || !rooms || !from || !to)
		return cli_usage_error(cli, "block", _("block add needs --type, --rooms, --from and --to"));
	if (!cli_int(cli, "block", "--rooms", rooms, 0, 10000, &n) ||
	    !cli_date(cli, "block", "--from", from, &d) || !cli_date(cli, "block", "--to", to, &d) ||
	    (cutoff && !cli_date(cli, "block", "--cutoff", cutoff, &d)))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "block.add");
	cJSON *p = op.payload;
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "name", name);
	cJSON_AddStringToObject(p, "type", type);
	cJSON_AddNumberToObject(p, "rooms", n);
	cJSON_AddStringToObject(p, "from", from);
	cJSON_AddStringToObject(p, "to", to);
	if (cutoff)
		cJSON_AddStringToObject(p, "cutoff", cutoff);
	if (plan)
		cJSON_AddStringToObject(p, "plan", plan);
	if (company)
		cJSON_AddStringToObject(p, "company", company);
	if (master)
		cJSON_AddStringToObject(p, "master", master);
	struct fd_op_result res;
	if ((rc = cli_apply(cli, &op, 1, &res)))
		return rc;
	if (cli->json) {
		cli_print_result(&res);
	} else {
		printf(ngettext("Block %s holds %d room of type %s from %s to %s.\n",
		                "Block %s holds %d rooms of type %s from %s to %s.\n", (unsigned long)n),
		       name, n, type, from, to);
	}
	return CLI_OK;
}

static int load_block(struct cli *cli, const char *name, struct fd_group_block *b)
{
	struct fd_error err = {0};
	const struct fd_repo *r = fd_db_repo(cli->db);
	enum fd_status st = r->get_group_block(r->ctx, name, b, &err);
	if (st == FD_E_NOT_FOUND)
		fd_fail(&err, FD_E_NOT_FOUND, "block_not_found", "block", _("No group block \"%s\"."), name);
	return st ? cli_error(cli, &err) : CLI_OK;
}

static int block_show(struct cli *cli, const char *name)
{
	int rc = cli_open(cli, false);
	struct fd_group_block b;
	if (rc || (rc = load_block(cli, name, &b)))
		return rc;
	struct fd_block_night *nights = NULL;
	int n = 0;
	struct fd_error err = {0};
	if (fd_query_block_nights(cli->db, b.id, &nights, &n, &err))
		return cli_error(cli, &err);
	char day[FD_DATE_STRLEN];
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "name", b.name);
		cJSON_AddStringToObject(doc, "company", b.company);
		cJSON_AddStringToObject(doc, "plan", b.plan);
		cJSON_AddStringToObject(doc, "master", b.master);
		cJSON_AddStringToObject(doc, "cutoff", fd_date_format(b.cutoff, day));
		if (b.released)
			cJSON_AddStringToObject(doc, "released", fd_date_format(b.released, day));
		else
			cJSON_AddNullToObject(doc, "released");
		cJSON *arr = cJSON_AddArrayToObject(doc, "nights");
		for (int i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "type", nights[i].type_code);
			cJSON_AddStringToObject(o, "date", fd_date_format(nights[i].night, day));
			cJSON_AddNumberToObject(o, "held", nights[i].held);
			cJSON_AddNumberToObject(o, "picked_up", nights[i].picked);
			cJSON_AddItemToArray(arr, o);
		}
		cli_print_json(doc);
		free(nights);
		return CLI_OK;
	}
	printf(_("Block %s"), b.name);
	if (b.company[0])
		printf(" (%s)", b.company);
	printf("\n");
	printf(_("Cut-off:  %s"), fd_date_format(b.cutoff, day));
	if (b.released)
		printf(_(" (released by the night audit of %s)"), fd_date_format(b.released, day));
	printf("\n");
	if (b.plan[0])
		printf(_("Plan:     %s\n"), b.plan);
	if (b.master[0])
		printf(_("Master:   %s (takes the members' room charges)\n"), b.master);
	printf("%-10s  %-6s  %4s  %6s  %4s\n", _("Date"), _("Type"), _("Held"), _("Picked"), _("Left"));
	for (int i = 0; i < n; i++) {
		int left = nights[i].held - nights[i].picked;
		printf("%-10s  %-6s  %4d  %6d  %4d\n", fd_date_format(nights[i].night, day),
		       nights[i].type_code, nights[i].held, nights[i].picked,
		       b.released || left < 0 ? 0 : left);
	}
	free(nights);
	return CLI_OK;
}

static int block_list(struct cli *cli)
{
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_group_block *list = NULL;
	int n = 0;
	struct fd_error err = {0};
	if (fd_query_blocks(cli->db, &list, &n, &err))
		return cli_error(cli, &err);
	char day[FD_DATE_STRLEN];
	cJSON *arr = cli->json ? cJSON_CreateArray() : NULL;
	for (int i = 0; i < n; i++) {
		fd_date_format(list[i].cutoff, day);
		if (arr) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", list[i].name);
			cJSON_AddStringToObject(o, "company", list[i].company);
			cJSON_AddStringToObject(o, "cutoff", day);
			cJSON_AddBoolToObject(o, "released", list[i].released != 0);
			cJSON_AddItemToArray(arr, o);
		} else {
			printf("%-24s  %-24s  %s%s\n", list[i].name, list[i].company, day,
			       list[i].released ? _("  released") : "");
		}
	}
	if (arr)
		cli_print_json(arr);
	free(list);
	return CLI_OK;
}

/* Two operations per row of rows[0..n): the guest and the booking picked
 * up from the block. */
static void rooming_ops(struct cli *cli, const char *block, const struct fd_rooming_row *rows, int n,
                        struct fd_op *ops)
{
	for (int i = 0; i < n; i++) {
		const struct fd_rooming_row *r = &rows[i];
		char guest_id[FD_ID_LEN], id[FD_ID_LEN], code[FD_CODE_LEN];
		struct fd_op *g = &ops[2 * i], *b = &ops[2 * i + 1];
		fd_session_op(&cli->session, g, "guest.create");
		cJSON_AddStringToObject(g->payload, "id", fd_uuid_new(guest_id));
		cli_add_guest_name(g->payload, r->guest);
		if (r->email[0])
			cJSON_AddStringToObject(g->payload, "email", r->email);
		if (r->phone[0])
			cJSON_AddStringToObject(g->payload, "phone", r->phone);
		fd_session_op(&cli->session, b, "booking.create");
		cJSON_AddStringToObject(b->payload, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(b->payload, "code", fd_store_new_booking_code(cli->db, code));
		cJSON_AddStringToObject(b->payload, "guest_id", guest_id);
		cJSON_AddStringToObject(b->payload, "type", r->type);
		cJSON_AddStringToObject(b->payload, "arrival", r->arrival);
		cJSON_AddStringToObject(b->payload, "departure", r->departure);
		cJSON_AddNumberToObject(b->payload, "adults", r->adults);
		if (r->children)
			cJSON_AddNumberToObject(b->payload, "children", r->children);
		if (r->notes[0])
			cJSON_AddStringToObject(b->payload, "notes", r->notes);
		cJSON_AddStringToObject(b->payload, "block", block);
	}
}

/* The rooming list's first row that is refused: the rows before it are
 * judged (nothing is written) until one is. */
static long refused_line(struct cli *cli, const char *block, const struct fd_rooming_row *rows, int n,
                         struct fd_op *ops, struct fd_error *why)
{
	for (int k = 1; k <= n; k++) {
		rooming_ops(cli, block, rows, k, ops);
		if (fd_session_check(&cli->session, ops, 2 * k, why))
			return rows[k - 1].line;
	}
	return 0;
}

static int block_import(struct cli *cli, const char *name, const char *path, const char *separator)
{
	char sep = 0;
	if (separator) {
		sep = strcmp(separator, "tab") == 0 ? '\t' : separator[0];
		if ((sep != ',' && sep != ';' && sep != '\t') || (separator[1] && sep != '\t'))
			return cli_value_error(cli, "block", _("--separator is ',', ';' or tab"));
	}
	int rc = cli_open(cli, false);
	struct fd_group_block b;
	if (rc || (rc = load_block(cli, name, &b)))
		return rc;
	struct fd_rooming_row *rows = NULL;
	int n = 0;
	struct fd_error err = {0};
	if (fd_rooming_read(path, sep, &rows, &n, &err))
		return cli_error(cli, &err);
	if (!cli_prove_actor(cli)) {
		free(rows);
		return CLI_REFUSED;
	}
	struct fd_op *ops = calloc((size_t)n * 2, sizeof *ops);
	struct fd_op_result *res = calloc((size_t)n * 2, sizeof *res);
	if (!ops || !res) {
		free(ops), free(res), free(rows);
		fd_fail(&err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
		return cli_error(cli, &err);
	}
	rooming_ops(cli, b.id, rows, n, ops);
	if (fd_session_apply(&cli->session, ops, 2 * n, res, &err)) {
		struct fd_error why = err;
		long line = refused_line(cli, b.id, rows, n, ops, &why);
		if (line)
			fd_fail(&err, why.status, why.code, why.field, _("%s:%ld: %s Nothing was booked."),
			        path, line, why.message);
		free(ops), free(res), free(rows);
		return cli_error(cli, &err);
	}
	if (cli->json) {
		cJSON *arr = cJSON_CreateArray();
		for (int i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "code", res[2 * i + 1].code);
			cJSON_AddStringToObject(o, "guest", rows[i].guest);
			cJSON_AddItemToArray(arr, o);
		}
		cli_print_json(arr);
	} else {
		for (int i = 0; i < n; i++)
			printf("%s  %s\n", res[2 * i + 1].code, rows[i].guest);
		printf(ngettext("%d room booked from block %s.\n", "%d rooms booked from block %s.\n",
		                (unsigned long)n),
		       n, b.name);
	}
	free(ops), free(res), free(rows);
	return CLI_OK;
}

int cmd_block(struct cli *cli, int argc, char **argv)
{
	const char *pos[3] = {NULL, NULL, NULL}, *type = NULL, *rooms = NULL, *from = NULL, *to = NULL;
	const char *cutoff = NULL, *plan = NULL, *company = NULL, *master = NULL, *separator = NULL;
	const struct cli_opt opts[] = {{"type", &type, NULL},           {"rooms", &rooms, NULL},
	                               {"from", &from, NULL},           {"to", &to, NULL},
	                               {"cutoff", &cutoff, NULL},       {"plan", &plan, NULL},
	                               {"company", &company, NULL},     {"master", &master, NULL},
	                               {"separator", &separator, NULL}, {0}};
	if (!cli_parse(cli, "block", argc, argv, opts, pos, 1, 3))
		return CLI_USAGE;
	if (strcmp(pos[0], "list") == 0 && !pos[1])
		return block_list(cli);
	if (strcmp(pos[0], "add") == 0 && pos[1] && !pos[2])
		return block_add(cli, pos[1], type, rooms, from, to, cutoff, plan, company, master);
	if (strcmp(pos[0], "show") == 0 && pos[1] && !pos[2])
		return block_show(cli, pos[1]);
	if (strcmp(pos[0], "import") == 0 && pos[1] && pos[2])
		return block_import(cli, pos[1], pos[2], separator);
	return cli_usage_error(cli, "block",
	                       _("use 'block add NAME ...', 'block show NAME', 'block import NAME FILE' or "
	                         "'block list'"));
}
