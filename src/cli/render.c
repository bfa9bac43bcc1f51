// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "cli/render.h"

#include <limits.h>
#include <string.h>
#include <time.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "store/query_desk.h"

char cli_status_letter(enum fd_booking_status s)
{
	static const char letters[] = "RIOXN";
	return (int)s >= 0 && (int)s < 5 ? letters[s] : '?';
}

void cli_booking_line(FILE *out, const struct fd_booking_row *row, const char *currency)
{
	const struct fd_booking *b = &row->b;
	char arr[FD_DATE_STRLEN], dep[FD_DATE_STRLEN], name[128], rate[FD_MONEY_STRLEN], status[64];
	fd_money_format(b->rate, currency, rate, sizeof rate);
	/* The status as a word a person reads (translated), never its identifier. */
	fprintf(out, "%s %s %-5s %-5s %s %s %s %s\n", b->code,
	        fd_text_fit(fd_booking_status_text(b->status), 11, 1, status, sizeof status),
	        b->room[0] ? b->room : "-", b->type_code, fd_date_format(b->arrival, arr),
	        fd_date_format(b->departure, dep), fd_text_fit(row->guest_name, 28, 1, name, sizeof name),
	        rate);
}

/* The store lists newest first; the trail reads oldest first. */
static bool prepend_history(void *ctx, const struct fd_history_row *h)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", h->type);
	cJSON_AddStringToObject(o, "actor", h->actor);
	cJSON_AddStringToObject(o, "device", h->device);
	cJSON_AddNumberToObject(o, "at", (double)h->at);
	cJSON_InsertItemInArray(ctx, 0, o);
	return true;
}

cJSON *cli_history_json(struct cli *cli, const char *entity_id)
{
	cJSON *arr = cJSON_CreateArray();
	fd_query_history(cli->db, entity_id, INT_MAX, prepend_history, arr, NULL);
	return arr;
}

void cli_booking_detail(FILE *out, struct cli *cli, const struct fd_booking_row *row, const char *currency)
{
	const struct fd_booking *b = &row->b;
	char arr[FD_DATE_STRLEN], dep[FD_DATE_STRLEN], rate[FD_MONEY_STRLEN];
	fprintf(out, _("Booking   %s (%s)\n"), b->code, fd_booking_status_text(b->status));
	fprintf(out, _("Guest     %s%s\n"), row->guest_name, row->vip ? " [VIP]" : "");
	if (fd_booking_day_use(b))
		fprintf(out, _("Stay      %s, day use (no night)\n"), fd_date_format(b->arrival, arr));
	else
		fprintf(out, _("Stay      %s to %s, %d night(s)\n"), fd_date_format(b->arrival, arr),
		        fd_date_format(b->departure, dep), fd_stay_nights(b->arrival, b->departure));
	fprintf(out, _("Room      %s (%s)\n"), b->room[0] ? b->room : _("not assigned"), b->type_code);
	fprintf(out, _("Guests    %d adult(s), %d child(ren)\n"), b->adults, b->children);
	fprintf(out, _("Rate      %s per night\n"), fd_money_format(b->rate, currency, rate, sizeof rate));
	if (b->source[0])
		fprintf(out, _("Source    %s\n"), fd_source_text(b->source));
	char company[FD_NAME_LEN];
	if (fd_booking_company_name(cli->db, b, company)[0])
		fprintf(out, _("Company   %s\n"), company);
	if (b->eta[0])
		fprintf(out, _("ETA       %s\n"), b->eta);
	if (b->notes[0])
		fprintf(out, _("Notes     %s\n"), b->notes);
	cJSON *hist = cli_history_json(cli, b->id);
	fprintf(out, _("History:\n"));
	const cJSON *h;
	cJSON_ArrayForEach(h, hist)
	{
		time_t at = (time_t)cJSON_GetObjectItem(h, "at")->valuedouble;
		char when[32];
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime(&at));
		fprintf(out, "  %s  %-20s %s@%s\n", when, cJSON_GetObjectItem(h, "type")->valuestring,
		        cJSON_GetObjectItem(h, "actor")->valuestring,
		        cJSON_GetObjectItem(h, "device")->valuestring);
	}
	cJSON_Delete(hist);
}

void cli_room_line(FILE *out, const struct fd_room_row *row)
{
	const struct fd_room *r = &row->r;
	fprintf(out, "%-5s %-5s %2d %-3s %-9s %s%s%s%s\n", r->number, r->type_code, r->floor, row->hk_code,
	        fd_clean_name(r->clean), row->occupant_code[0] ? row->occupant_code : "-",
	        r->dnd ? " DND" : "", r->mur ? " MUR" : "", row->due_out ? _(" due-out") : "");
}
