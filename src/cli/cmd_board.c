// SPDX-License-Identifier: GPL-3.0-or-later
/* The text room board: one line per room, one cell per night. Each stay is
 * a block starting with its status letter and the guest's name as far as it
 * fits, so it reads without colour. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "core/i18n.h"
#include "core/text.h"
#include "store/query.h"

#define CELL 4 /* columns per night */

struct board {
	fd_date from;
	int days;
	struct fd_room_row *rooms;
	int n_rooms, cap_rooms;
	struct fd_booking_row *stays;
	int n_stays, cap_stays;
	cJSON *json;
};

static bool collect_room(void *ctx, const struct fd_room_row *row)
{
	struct board *b = ctx;
	if (b->n_rooms == b->cap_rooms) {
		b->cap_rooms = b->cap_rooms ? 2 * b->cap_rooms : 64;
		b->rooms = realloc(b->rooms, (size_t)b->cap_rooms * sizeof *b->rooms);
	}
	b->rooms[b->n_rooms++] = *row;
	return true;
}

static bool collect_stay(void *ctx, const struct fd_booking_row *row)
{
	struct board *b = ctx;
	if (b->n_stays == b->cap_stays) {
		b->cap_stays = b->cap_stays ? 2 * b->cap_stays : 256;
		b->stays = realloc(b->stays, (size_t)b->cap_stays * sizeof *b->stays);
	}
	b->stays[b->n_stays++] = *row;
	return true;
}

static void print_header(const struct board *b)
{
	printf("%-6s%-6s%-4s", _("Room"), _("Type"), _("HK"));
	for (int i = 0; i < b->days; i++) {
		char d[FD_DATE_STRLEN];
		fd_date_format(b->from + i, d);
		printf("%-*.*s", CELL, CELL - 1, d + 8);
	}
	putchar('\n');
}

/* Stays are sorted by room then arrival (the query's order). */
static void print_room(const struct board *b, const struct fd_room_row *room, int *next_stay)
{
	printf("%-6s%-6s%-4s", room->r.number, room->r.type_code, room->hk_code);
	int i = *next_stay;
	while (i < b->n_stays && strcmp(b->stays[i].b.room, room->r.number) < 0)
		i++;
	fd_date to = b->from + b->days;
	for (fd_date d = b->from; d < to;) {
		const struct fd_booking_row *s = NULL;
		for (int j = i; j < b->n_stays && strcmp(b->stays[j].b.room, room->r.number) == 0; j++)
			if (b->stays[j].b.arrival <= d && b->stays[j].b.departure > d)
				s = &b->stays[j];
		if (!s) {
			printf("%-*s", CELL, fd_room_ooo_on(&room->r, d) ? "###" : " . ");
			d++;
			continue;
		}
		fd_date end = s->b.departure < to ? s->b.departure : to;
		int cells = (int)(end - d) * CELL - 1;
		char label[320], fitted[512];
		snprintf(label, sizeof label, "%c %s", cli_status_letter(s->b.status), s->guest_name);
		printf("%s|", fd_text_fit(label, cells, 1, fitted, sizeof fitted));
		d = end;
	}
	while (i < b->n_stays && strcmp(b->stays[i].b.room, room->r.number) == 0)
		i++;
	*next_stay = i;
	putchar('\n');
}

static int compare_stays(const void *a, const void *b)
{
	const struct fd_booking_row *x = a, *y = b;
	int c = strcmp(x->b.room, y->b.room);
	return c ? c : (x->b.arrival > y->b.arrival) - (x->b.arrival < y->b.arrival);
}

static cJSON *board_json(const struct board *b)
{
	cJSON *doc = cJSON_CreateObject(), *rooms = cJSON_AddArrayToObject(doc, "rooms");
	char d[FD_DATE_STRLEN];
	cJSON_AddStringToObject(doc, "from", fd_date_format(b->from, d));
	cJSON_AddNumberToObject(doc, "days", b->days);
	for (int r = 0; r < b->n_rooms; r++) {
		cJSON *o = fd_room_json(&b->rooms[r]);
		cJSON *stays = cJSON_AddArrayToObject(o, "stays");
		for (int i = 0; i < b->n_stays; i++)
			if (strcmp(b->stays[i].b.room, b->rooms[r].r.number) == 0)
				cJSON_AddItemToArray(stays, fd_booking_json(&b->stays[i], ""));
		cJSON_AddItemToArray(rooms, o);
	}
	return doc;
}

int cmd_board(struct cli *cli, int argc, char **argv)
{
	const char *from_s = NULL, *days_s = NULL;
	const struct cli_opt opts[] = {{"from", &from_s, NULL}, {"days", &days_s, NULL}, {0}};
	if (!cli_parse(cli, "board", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct board b = {.from = cli_today(cli), .days = 14};
	if ((from_s && !cli_date(cli, "board", "--from", from_s, &b.from)) ||
	    (days_s && !cli_int(cli, "board", "--days", days_s, 1, 92, &b.days)))
		return CLI_USAGE;
	struct fd_error err = {0};
	enum fd_status st = fd_query_rooms(cli->db, cli_today(cli), collect_room, &b, &err);
	if (!st)
		st = fd_query_board(cli->db, b.from, b.from + b.days, collect_stay, &b, &err);
	if (!st) {
		if (b.n_stays > 1)
			qsort(b.stays, (size_t)b.n_stays, sizeof *b.stays, compare_stays);
		if (cli->json) {
			cli_print_json(board_json(&b));
		} else {
			print_header(&b);
			int next = 0;
			for (int r = 0; r < b.n_rooms; r++) {
				next = 0; /* rooms are in floor order, stays in name order */
				print_room(&b, &b.rooms[r], &next);
			}
			printf(_("R reserved  I in house  O checked out  ### out of order\n"));
		}
	}
	free(b.rooms);
	free(b.stays);
	return st ? cli_error(cli, &err) : CLI_OK;
}
