// SPDX-License-Identifier: GPL-3.0-or-later
/* feed: availability, rates and restrictions for a channel manager, per
 * plan, room type and date (doc/channel-feed.md): JSON (default with
 * --json or --format json), CSV, or the OpenTravel OTA_HotelAvailNotifRQ
 * subset. Read-only. Availability is what every booking check counts
 * (fd_query_available_nights, group blocks included); prices and
 * restrictions are a plan's effective ones (core/rate.h, a derived plan's
 * from its parent). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/rate.h"
#include "store/query.h"
#include "store/rates.h"

#define FEED_MAX_DAYS 366
#define FEED_MAX_TYPES 64

struct feed_row {
	const char *plan, *type;
	fd_date date;
	int available;
	bool priced[4]; /* any occupancy, 1, 2, 3 adults */
	int64_t price[4];
	struct fd_rate_day day;
};

enum feed_format { FEED_JSON, FEED_CSV, FEED_OTA };

struct types {
	struct fd_room_type t[FEED_MAX_TYPES];
	int n;
};

static bool add_type(void *ctx, const struct fd_room_type *t)
{
	struct types *ts = ctx;
	if (ts->n < FEED_MAX_TYPES)
		ts->t[ts->n++] = *t;
	return true;
}

/* One row: free_rooms is the type's count that night
 * (fd_query_available_nights), never below zero in a feed. */
static enum fd_status feed_row(const struct fd_repo *repo, const struct fd_rate_plan *p, const char *type,
                               fd_date d, int free_rooms, struct feed_row *r, struct fd_error *err)
{
	memset(r, 0, sizeof *r);
	r->plan = p->code;
	r->type = type;
	r->date = d;
	r->available = free_rooms > 0 ? free_rooms : 0;
	enum fd_status st = FD_OK;
	/* The price for any occupancy is what a plain two-adult stay pays
	 * when no price is set per occupancy. */
	static const int adults[4] = {2, 1, 2, 3};
	for (int i = 0; i < 4 && !st; i++) {
		struct fd_rate_day day;
		st = fd_rate_effective_day(repo, p, type, d, adults[i], 0, &day, &r->price[i], &r->priced[i],
		                           err);
		if (!st && i == 0)
			r->day = day;
	}
	if (!st) {
		/* The occupancy columns say what is set for that occupancy. */
		for (int i = 1; i < 4; i++)
			if (r->day.price_n[i - 1] == FD_RATE_UNSET && r->day.price == FD_RATE_UNSET)
				r->priced[i] = false;
	}
	return st;
}

static void money_cell(char *out, size_t size, bool priced, int64_t minor, const char *cur)
{
	if (!priced)
		out[0] = '\0';
	else
		fd_money_format_plain(minor, cur, out, size);
}

static void csv_row(const struct feed_row *r, const char *cur)
{
	char d[FD_DATE_STRLEN], p[4][FD_MONEY_STRLEN];
	for (int i = 0; i < 4; i++)
		money_cell(p[i], sizeof p[i], r->priced[i], r->price[i], cur);
	printf("%s,%s,%s,%d,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d\n", r->plan, r->type, fd_date_format(r->date, d),
	       r->available, p[0], p[1], p[2], p[3], r->day.min_stay, r->day.max_stay, r->day.min_through,
	       r->day.cta, r->day.ctd, r->day.stop_sell);
}

static cJSON *json_row(const struct feed_row *r)
{
	char d[FD_DATE_STRLEN];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "plan", r->plan);
	cJSON_AddStringToObject(o, "type", r->type);
	cJSON_AddStringToObject(o, "date", fd_date_format(r->date, d));
	cJSON_AddNumberToObject(o, "available", r->available);
	static const char *const names[4] = {"price_minor", "price_1_minor", "price_2_minor",
	                                     "price_3_minor"};
	for (int i = 0; i < 4; i++)
		if (r->priced[i])
			cJSON_AddNumberToObject(o, names[i], (double)r->price[i]);
		else
			cJSON_AddNullToObject(o, names[i]);
	cJSON_AddNumberToObject(o, "min_stay", r->day.min_stay);
	cJSON_AddNumberToObject(o, "max_stay", r->day.max_stay);
	cJSON_AddNumberToObject(o, "min_stay_through", r->day.min_through);
	cJSON_AddBoolToObject(o, "closed_to_arrival", r->day.cta);
	cJSON_AddBoolToObject(o, "closed_to_departure", r->day.ctd);
	cJSON_AddBoolToObject(o, "stop_sell", r->day.stop_sell);
	return o;
}

/* XML text: the codes are plain ASCII, but a hotel's name may hold
 * anything. */
static void xml_text(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", stdout);
			break;
		case '<':
			fputs("&lt;", stdout);
			break;
		case '>':
			fputs("&gt;", stdout);
			break;
		case '"':
			fputs("&quot;", stdout);
			break;
		default:
			putchar(*s);
		}
	}
}

static void ota_control(const struct feed_row *r)
{
	char d[FD_DATE_STRLEN];
	fd_date_format(r->date, d);
	printf("      <StatusApplicationControl Start=\"%s\" End=\"%s\" InvTypeCode=\"", d, d);
	xml_text(r->type);
	printf("\" RatePlanCode=\"");
	xml_text(r->plan);
	printf("\"/>\n");
}

/* One message with the rooms left, the lengths of stay and open or
 * stop-sell; closed to arrival and to departure each in a message of
 * their own (a message carries one RestrictionStatus). */
static void ota_row(const struct feed_row *r)
{
	printf("    <AvailStatusMessage BookingLimit=\"%d\">\n", r->available);
	ota_control(r);
	if (r->day.min_stay || r->day.max_stay || r->day.min_through) {
		printf("      <LengthsOfStay>\n");
		if (r->day.min_stay)
			printf("        <LengthOfStay Time=\"%d\" TimeUnit=\"Day\" "
			       "MinMaxMessageType=\"SetMinLOS\"/>\n",
			       r->day.min_stay);
		if (r->day.max_stay)
			printf("        <LengthOfStay Time=\"%d\" TimeUnit=\"Day\" "
			       "MinMaxMessageType=\"SetMaxLOS\"/>\n",
			       r->day.max_stay);
		if (r->day.min_through)
			printf("        <LengthOfStay Time=\"%d\" TimeUnit=\"Day\" "
			       "MinMaxMessageType=\"SetForwardMinStay\"/>\n",
			       r->day.min_through);
		printf("      </LengthsOfStay>\n");
	}
	printf("      <RestrictionStatus Status=\"%s\"/>\n", r->day.stop_sell ? "Close" : "Open");
	printf("    </AvailStatusMessage>\n");
	static const char *const what[2] = {"Arrival", "Departure"};
	bool on[2] = {r->day.cta, r->day.ctd};
	for (int i = 0; i < 2; i++) {
		if (!on[i])
			continue;
		printf("    <AvailStatusMessage>\n");
		ota_control(r);
		printf("      <RestrictionStatus Status=\"Close\" Restriction=\"%s\"/>\n", what[i]);
		printf("    </AvailStatusMessage>\n");
	}
}

int cmd_feed(struct cli *cli, int argc, char **argv)
{
	const char *from_opt = NULL, *to_opt = NULL, *format_opt = NULL, *plan_opt = NULL;
	bool csv = false, ota = false;
	const struct cli_opt opts[] = {{"from", &from_opt, NULL},
	                               {"to", &to_opt, NULL},
	                               {"format", &format_opt, NULL},
	                               {"plan", &plan_opt, NULL},
	                               {"csv", NULL, &csv},
	                               {"ota", NULL, &ota},
	                               {0}};
	if (!cli_parse(cli, "feed", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	enum feed_format fmt = csv ? FEED_CSV : ota ? FEED_OTA : FEED_JSON;
	if (format_opt) {
		if (strcmp(format_opt, "json") == 0)
			fmt = FEED_JSON;
		else if (strcmp(format_opt, "csv") == 0)
			fmt = FEED_CSV;
		else if (strcmp(format_opt, "ota") == 0)
			fmt = FEED_OTA;
		else
			return cli_usage_error(cli, "feed", _("--format is json, csv or ota, not \"%s\""),
			                       format_opt);
	}
	if (csv && ota)
		return cli_usage_error(cli, "feed", _("choose --csv or --ota, not both"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	fd_date from = cli_today(cli), to;
	if (from_opt && !cli_date(cli, "feed", "--from", from_opt, &from))
		return CLI_USAGE;
	to = from + 30;
	if (to_opt && !cli_date(cli, "feed", "--to", to_opt, &to))
		return CLI_USAGE;
	if (to <= from || to - from > FEED_MAX_DAYS)
		return cli_usage_error(cli, "feed", _("--to must be after --from, at most %d days on"),
		                       FEED_MAX_DAYS);
	struct fd_error err = {0};
	struct fd_rate_plan *plans = NULL;
	int n_plans = 0;
	static struct types types;
	types.n = 0;
	if (fd_query_rate_plans(cli->db, &plans, &n_plans, &err) ||
	    fd_query_room_types(cli->db, add_type, &types, &err)) {
		free(plans);
		return cli_error(cli, &err);
	}
	if (plan_opt) {
		int k = -1;
		for (int i = 0; i < n_plans; i++)
			if (strcmp(plans[i].code, plan_opt) == 0)
				k = i;
		if (k < 0) {
			free(plans);
			fd_fail(&err, FD_E_NOT_FOUND, "plan_not_found", "plan", _("No rate plan \"%s\"."),
			        plan_opt);
			return cli_error(cli, &err);
		}
	}
	struct fd_property prop;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (repo->get_property(repo->ctx, &prop, &err)) {
		free(plans);
		return cli_error(cli, &err);
	}
	cJSON *doc = NULL, *rows = NULL;
	char d1[FD_DATE_STRLEN], d2[FD_DATE_STRLEN];
	fd_date_format(from, d1);
	fd_date_format(to, d2);
	if (fmt == FEED_JSON) {
		doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "property", prop.name);
		cJSON_AddStringToObject(doc, "currency", prop.currency);
		cJSON_AddStringToObject(doc, "from", d1);
		cJSON_AddStringToObject(doc, "to", d2);
		rows = cJSON_AddArrayToObject(doc, "rows");
	} else if (fmt == FEED_CSV) {
		printf("plan,type,date,available,price,price_1,price_2,price_3,min_stay,max_stay,min_stay_"
		       "through,"
		       "closed_to_arrival,closed_to_departure,stop_sell\n");
	} else {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
		printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		printf(
		    "<OTA_HotelAvailNotifRQ xmlns=\"http://www.opentravel.org/OTA/2003/05\" Version=\"1.0\" "
		    "TimeStamp=\"%s\">\n",
		    stamp);
		printf("  <AvailStatusMessages HotelCode=\"");
		xml_text(prop.id);
		printf("\" HotelName=\"");
		xml_text(prop.name);
		printf("\">\n");
	}
	enum fd_status st = FD_OK;
	for (int i = 0; !st && i < n_plans; i++) {
		const struct fd_rate_plan *p = &plans[i];
		if (plan_opt ? strcmp(p->code, plan_opt) != 0 : (!p->active || p->kind == FD_PLAN_HIDDEN))
			continue;
		for (int k = 0; !st && k < types.n; k++) {
			if (!fd_plan_sells(p, types.t[k].code))
				continue;
			/* The type's free rooms of every night at once. */
			int free_rooms[FEED_MAX_DAYS];
			if ((st = fd_query_available_nights_in(repo, types.t[k].code, from, to, free_rooms,
			                                       &err)))
				break;
			for (fd_date d = from; !st && d < to; d++) {
				struct feed_row r;
				if ((st = feed_row(repo, p, types.t[k].code, d, free_rooms[d - from], &r,
				                   &err)))
					break;
				if (fmt == FEED_JSON)
					cJSON_AddItemToArray(rows, json_row(&r));
				else if (fmt == FEED_CSV)
					csv_row(&r, prop.currency);
				else
					ota_row(&r);
			}
		}
	}
	free(plans);
	if (st) {
		cJSON_Delete(doc);
		return cli_error(cli, &err);
	}
	if (fmt == FEED_JSON)
		cli_print_json(doc);
	else if (fmt == FEED_OTA)
		printf("  </AvailStatusMessages>\n</OTA_HotelAvailNotifRQ>\n");
	return CLI_OK;
}
