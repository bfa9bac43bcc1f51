// SPDX-License-Identifier: GPL-3.0-or-later
/* Read-only commands: lists, search and the text room board. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "store/query.h"
#include "store/query_desk.h"

/* --- collecting rows --- */

struct rows {
	cJSON *array; /* JSON output */
	struct cli *cli;
	int count;
	char currency[4];
};

static bool print_booking(void *ctx, const struct fd_booking_row *row)
{
	struct rows *r = ctx;
	r->count++;
	if (r->array)
		cJSON_AddItemToArray(r->array, fd_booking_json(row, r->currency));
	else
		cli_booking_line(stdout, row, r->currency);
	return true;
}

static void rows_begin(struct cli *cli, struct rows *r)
{
	*r = (struct rows){.cli = cli};
	r->array = cli->json ? cJSON_CreateArray() : NULL;
	struct fd_property p;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (repo->get_property(repo->ctx, &p, NULL) == FD_OK)
		memcpy(r->currency, p.currency, sizeof r->currency);
	else
		strcpy(r->currency, "EUR");
}

static int rows_end(struct cli *cli, struct rows *r, const char *key, enum fd_status st,
                    const struct fd_error *err)
{
	if (st) {
		cJSON_Delete(r->array);
		return cli_error(cli, err);
	}
	if (r->array) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddItemToObject(doc, key, r->array);
		cJSON_AddNumberToObject(doc, "count", r->count);
		cli_print_json(doc);
	} else if (r->count == 0) {
		printf(_("(none)\n"));
	}
	return CLI_OK;
}

static int list_bookings(struct cli *cli, enum fd_booking_list kind, fd_date from, fd_date to)
{
	struct rows r;
	struct fd_error err = {0};
	rows_begin(cli, &r);
	struct fd_booking_filter f = {.kind = kind, .from = from, .to = to, .limit = 100000};
	enum fd_status st = fd_query_bookings(cli->db, &f, print_booking, &r, &err);
	return rows_end(cli, &r, "bookings", st, &err);
}

int cmd_bookings(struct cli *cli, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL;
	const struct cli_opt opts[] = {{"from", &from_s, NULL}, {"to", &to_s, NULL}, {0}};
	if (!cli_parse(cli, "bookings", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	fd_date from = cli_today(cli), to;
	if (from_s && !cli_date(cli, "bookings", "--from", from_s, &from))
		return CLI_USAGE;
	to = from + 1;
	if (to_s && !cli_date(cli, "bookings", "--to", to_s, &to))
		return CLI_USAGE;
	if (to <= from)
		return cli_usage_error(cli, "bookings", _("--to must be after --from"));
	return list_bookings(cli, FD_LIST_RANGE, from, to);
}

static int list_on_date(struct cli *cli, const char *cmd, enum fd_booking_list kind, int argc, char **argv)
{
	const char *date_s = NULL;
	const struct cli_opt opts[] = {{"date", &date_s, NULL}, {0}};
	if (!cli_parse(cli, cmd, argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	fd_date d = cli_today(cli);
	if (date_s && !cli_date(cli, cmd, "--date", date_s, &d))
		return CLI_USAGE;
	return list_bookings(cli, kind, d, d + 1);
}

int cmd_arrivals(struct cli *cli, int argc, char **argv)
{
	return list_on_date(cli, "arrivals", FD_LIST_ARRIVALS, argc, argv);
}

int cmd_departures(struct cli *cli, int argc, char **argv)
{
	return list_on_date(cli, "departures", FD_LIST_DEPARTURES, argc, argv);
}

int cmd_inhouse(struct cli *cli, int argc, char **argv)
{
	return list_on_date(cli, "inhouse", FD_LIST_INHOUSE, argc, argv);
}

int cmd_find(struct cli *cli, int argc, char **argv)
{
	const char *text;
	if (!cli_parse(cli, "find", argc, argv, NULL, &text, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct rows r;
	struct fd_error err = {0};
	rows_begin(cli, &r);
	enum fd_status st = fd_query_find(cli->db, text, 50, print_booking, &r, &err);
	return rows_end(cli, &r, "bookings", st, &err);
}

/* --- rooms and types --- */

static bool print_room(void *ctx, const struct fd_room_row *row)
{
	struct rows *r = ctx;
	r->count++;
	if (r->array)
		cJSON_AddItemToArray(r->array, fd_room_json(row));
	else
		cli_room_line(stdout, row);
	return true;
}

int cmd_rooms(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "rooms", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct rows r;
	struct fd_error err = {0};
	rows_begin(cli, &r);
	enum fd_status st = fd_query_rooms(cli->db, cli_today(cli), print_room, &r, &err);
	return rows_end(cli, &r, "rooms", st, &err);
}

static bool print_type(void *ctx, const struct fd_room_type *t)
{
	struct rows *r = ctx;
	char rate[FD_MONEY_STRLEN], name[64];
	r->count++;
	fd_money_format(t->base_rate, r->currency, rate, sizeof rate);
	if (r->array) {
		cJSON_AddItemToArray(r->array, fd_room_type_json(t));
	} else {
		printf("%-6s %s %2d %14s\n", t->code, fd_text_fit(t->name, 28, 1, name, sizeof name),
		       t->max_occupancy, rate);
	}
	return true;
}

int cmd_types(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "types", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct rows r;
	struct fd_error err = {0};
	rows_begin(cli, &r);
	enum fd_status st = fd_query_room_types(cli->db, print_type, &r, &err);
	return rows_end(cli, &r, "room_types", st, &err);
}

/* --- availability --- */

struct avail_ctx {
	struct cli *cli;
	fd_date from;
	int days;
	cJSON *array;
	enum fd_status st;
	struct fd_error *err;
};

static bool avail_type(void *ctx, const struct fd_room_type *t)
{
	struct avail_ctx *a = ctx;
	cJSON *nights = a->array ? cJSON_CreateArray() : NULL;
	if (!a->array)
		printf("%-6s", t->code);
	int free_rooms[366]; /* --days is at most 366 */
	a->st =
	    fd_query_available_nights(a->cli->db, t->code, a->from, a->from + a->days, free_rooms, a->err);
	for (int i = 0; i < a->days && !a->st; i++) {
		if (nights)
			cJSON_AddItemToArray(nights, cJSON_CreateNumber(free_rooms[i]));
		else
			printf(" %3d", free_rooms[i]);
	}
	if (a->array) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", t->code);
		cJSON_AddItemToObject(o, "free", nights);
		cJSON_AddItemToArray(a->array, o);
	} else {
		putchar('\n');
	}
	return a->st == FD_OK;
}

int cmd_avail(struct cli *cli, int argc, char **argv)
{
	const char *from_s = NULL, *days_s = NULL;
	const struct cli_opt opts[] = {{"from", &from_s, NULL}, {"days", &days_s, NULL}, {0}};
	if (!cli_parse(cli, "avail", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	struct avail_ctx a = {.cli = cli, .from = cli_today(cli), .days = 14, .err = &err};
	if ((from_s && !cli_date(cli, "avail", "--from", from_s, &a.from)) ||
	    (days_s && !cli_int(cli, "avail", "--days", days_s, 1, 366, &a.days)))
		return CLI_USAGE;
	if (cli->json) {
		a.array = cJSON_CreateArray();
	} else {
		printf("%-6s", "");
		for (int i = 0; i < a.days; i++) {
			char d[FD_DATE_STRLEN];
			printf(" %s", fd_date_format(a.from + i, d) + 8);
			printf("%s", "");
		}
		putchar('\n');
	}
	enum fd_status st = fd_query_room_types(cli->db, avail_type, &a, &err);
	if (!st)
		st = a.st;
	if (st) {
		cJSON_Delete(a.array);
		return cli_error(cli, &err);
	}
	if (a.array) {
		cJSON *doc = cJSON_CreateObject();
		char d[FD_DATE_STRLEN];
		cJSON_AddStringToObject(doc, "from", fd_date_format(a.from, d));
		cJSON_AddNumberToObject(doc, "days", a.days);
		cJSON_AddItemToObject(doc, "availability", a.array);
		cli_print_json(doc);
	}
	return CLI_OK;
}

/* --- one booking --- */

int cmd_show(struct cli *cli, int argc, char **argv)
{
	const char *code;
	if (!cli_parse(cli, "show", argc, argv, NULL, &code, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct rows r;
	struct fd_error err = {0};
	rows_begin(cli, &r);
	cJSON_Delete(r.array);
	r.array = NULL;
	struct fd_booking_row row;
	enum fd_status st = fd_session_booking(&cli->session, code, &row, &err);
	if (st)
		return cli_error(cli, &err);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddItemToObject(doc, "booking", fd_booking_json(&row, r.currency));
		cJSON_AddItemToObject(doc, "history", cli_history_json(cli, row.b.id));
		char plan[16];
		cJSON_AddItemToObject(doc, "nights", cli_booking_nights_json(cli, &row.b, plan));
		if (plan[0])
			cJSON_AddStringToObject(doc, "plan", plan);
		else
			cJSON_AddNullToObject(doc, "plan");
		cJSON_AddItemToObject(doc, "deposit", cli_deposit_json(cli, &row));
		char company[FD_NAME_LEN];
		if (fd_booking_company_name(cli->db, &row.b, company)[0])
			cJSON_AddStringToObject(doc, "company", company);
		else
			cJSON_AddNullToObject(doc, "company");
		cli_print_json(doc);
	} else {
		cli_booking_detail(stdout, cli, &row, r.currency);
		char deposit[400];
		cli_deposit_text(cli, &row, deposit, sizeof deposit);
		fputs(deposit, stdout);
		char plan[16];
		cJSON *nights = cli_booking_nights_json(cli, &row.b, plan);
		if (plan[0]) {
			printf(_("Rate plan %s, price per night:\n"), plan);
			const cJSON *n;
			cJSON_ArrayForEach(n, nights)
			{
				char m[FD_MONEY_STRLEN];
				const cJSON *rate = cJSON_GetObjectItemCaseSensitive(n, "rate_minor");
				printf("  %s  %s\n", cJSON_GetObjectItemCaseSensitive(n, "date")->valuestring,
				       fd_money_format((int64_t)rate->valuedouble, r.currency, m, sizeof m));
			}
		}
		cJSON_Delete(nights);
	}
	return CLI_OK;
}
