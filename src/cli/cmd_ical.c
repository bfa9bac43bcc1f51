// SPDX-License-Identifier: GPL-3.0-or-later
/* iCalendar (RFC 5545) export and import, with libical.
 *
 * ical export (--type CODE | --room NUM) [--from D] [--to D]
 *   The feed channel managers read: all-day events (DTSTART/DTEND with
 *   VALUE=DATE, the end exclusive) for the nights that are not available.
 *   For a room: each stay holding it, its out-of-order period and its
 *   blocks, one event each. For a room type: the runs of nights on which no
 *   room of the type is left. Guests' names never appear. The range is
 *   [from, to) and defaults to a year from the business date.
 *
 * ical import FILE --room NUM [--source NAME]
 *   Each event becomes a block of the room (room.block; not a booking, so an
 *   OTA's "Not available" placeholders are blocks too), keyed by the event's
 *   UID. Re-importing the same feed changes nothing; an event that has left
 *   the feed is unblocked (room.unblock) when it came from the same source
 *   (default: the file's name). A date-time event holds the nights from its
 *   start's date to its end's date (at least one). */
#include "config.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "cli/cmd_folio.h"
#include "core/op_folio.h"
#include "store/ical.h"
#include "store/lookup.h"
#include "store/query.h"

#define MAX_FEED_BYTES (16 * 1024 * 1024)

static struct icaltimetype ical_date(fd_date d)
{
	struct icaltimetype t = icaltime_null_date();
	fd_date_to_ymd(d, &t.year, &t.month, &t.day);
	return t;
}

/* The right-hand side of exported UIDs: the property's id, so two hotels'
 * feeds never share a UID (a channel manager merging them keys on UID). */
static char uid_host[FD_ID_LEN + 16] = "frontdesk";

static void add_event(icalcomponent *cal, const char *uid, fd_date start, fd_date end, const char *summary,
                      struct icaltimetype stamp)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalproperty *ps = icalproperty_new_dtstart(ical_date(start));
	icalproperty_add_parameter(ps, icalparameter_new_value(ICAL_VALUE_DATE));
	icalcomponent_add_property(ev, ps);
	icalproperty *pe = icalproperty_new_dtend(ical_date(end));
	icalproperty_add_parameter(pe, icalparameter_new_value(ICAL_VALUE_DATE));
	icalcomponent_add_property(ev, pe);
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
	icalcomponent_add_component(cal, ev);
}

struct export
{
	icalcomponent *cal;
	const char *room;
	struct icaltimetype stamp;
};

static bool export_stay(void *ctx, const char *booking_id, fd_date start, fd_date end)
{
	struct export *x = ctx;
	char uid[320];
	snprintf(uid, sizeof uid, "%s@%s", booking_id, uid_host);
	add_event(x->cal, uid, start, end, "Not available (booked)", x->stamp);
	return true;
}

static bool export_block(void *ctx, const struct fd_room_block *b)
{
	struct export *x = ctx;
	char uid[320], hashed[FD_ID_LEN];
	op_folio_derive_id(x->room, b->uid, "block", hashed);
	snprintf(uid, sizeof uid, "block-%s@%s", hashed, uid_host);
	add_event(x->cal, uid, b->start, b->end, "Not available (blocked)", x->stamp);
	return true;
}

static enum fd_status export_room(struct cli *cli, icalcomponent *cal, const struct fd_room *r, fd_date from,
                                  fd_date to, struct icaltimetype stamp, struct fd_error *err)
{
	char uid[320], a[FD_DATE_STRLEN];
	struct export x = {.cal = cal, .room = r->number, .stamp = stamp};
	enum fd_status st = fd_query_room_stays(cli->db, r->number, from, to, export_stay, &x, err);
	if (st)
		return st;
	if (r->maint == FD_MAINT_OOO && r->maint_from < to && r->maint_to > from) {
		snprintf(uid, sizeof uid, "ooo-%s-%s@%s", r->id, fd_date_format(r->maint_from, a), uid_host);
		add_event(cal, uid, r->maint_from, r->maint_to, "Not available (out of order)", stamp);
	}
	return fd_query_room_blocks(cli->db, r->number, from, to, export_block, &x, err);
}

static enum fd_status export_type(struct cli *cli, icalcomponent *cal, const char *type, fd_date from,
                                  fd_date to, struct icaltimetype stamp, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	fd_date run = -1;
	/* Every night's free rooms in one call on the store. */
	int *free_rooms = to > from ? malloc((size_t)(to - from) * sizeof *free_rooms) : NULL;
	if (to > from && !free_rooms)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	enum fd_status st = fd_query_available_nights_in(repo, type, from, to, free_rooms, err);
	for (fd_date d = from; !st && d <= to; d++) {
		bool full = d < to && free_rooms[d - from] <= 0;
		if (full && run < 0)
			run = d;
		if (!full && run >= 0) {
			char uid[128], a[FD_DATE_STRLEN];
			snprintf(uid, sizeof uid, "%s-%s@%s", type, fd_date_format(run, a), uid_host);
			add_event(cal, uid, run, d, "Not available", stamp);
			run = -1;
		}
	}
	free(free_rooms);
	return st;
}

static int ical_export(struct cli *cli, int argc, char **argv)
{
	const char *type = NULL, *room = NULL, *from_s = NULL, *to_s = NULL;
	const struct cli_opt opts[] = {
	    {"type", &type, NULL}, {"room", &room, NULL}, {"from", &from_s, NULL}, {"to", &to_s, NULL}, {0}};
	if (!cli_parse(cli, "ical export", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	if (!type == !room)
		return cli_usage_error(cli, "ical export", _("give --type CODE or --room NUM"));
	fd_date from = 0, to = 0;
	if ((from_s && !cli_date(cli, "ical export", "--from", from_s, &from)) ||
	    (to_s && !cli_date(cli, "ical export", "--to", to_s, &to)))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (!from_s)
		from = cli_today(cli);
	if (!to_s)
		to = from + 365;
	if (to <= from || to - from > 3700)
		return cli_usage_error(cli, "ical export",
		                       _("--to must be after --from, at most ten years later"));
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_error err = {0};
	struct fd_room r;
	struct fd_room_type t;
	enum fd_status st =
	    room ? repo->get_room(repo->ctx, room, &r, &err) : repo->get_room_type(repo->ctx, type, &t, &err);
	if (st == FD_E_NOT_FOUND)
		fd_fail(&err, FD_E_NOT_FOUND, room ? "room_not_found" : "room_type_not_found",
		        room ? "room" : "type", room ? _("No room \"%s\".") : _("No room type \"%s\"."),
		        room ? room : type);
	if (st)
		return cli_error(cli, &err);
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(
	    cal, icalproperty_new_prodid("-//frontdesk//frontdesk " PACKAGE_VERSION "//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	struct icaltimetype stamp =
	    icaltime_from_timet_with_zone(time(NULL), 0, icaltimezone_get_utc_timezone());
	struct fd_property prop;
	if (repo->get_property(repo->ctx, &prop, NULL) == FD_OK)
		snprintf(uid_host, sizeof uid_host, "%s.frontdesk", prop.id);
	st = room ? export_room(cli, cal, &r, from, to, stamp, &err)
	          : export_type(cli, cal, type, from, to, stamp, &err);
	if (!st) {
		char *text = icalcomponent_as_ical_string_r(cal);
		fputs(text, stdout);
		free(text);
	}
	icalcomponent_free(cal);
	return st ? cli_error(cli, &err) : CLI_OK;
}

/* --- import --- */

static char *read_all(const char *path, struct fd_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fd_fail(err, FD_E_IO, "io", "file", _("Cannot open %s: %s."), path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	if (!buf) {
		fclose(f);
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		return NULL;
	}
	for (size_t k = 1; k > 0; n += k) {
		if (n + 1 >= cap) {
			char *p = cap < MAX_FEED_BYTES ? realloc(buf, cap * 2) : NULL;
			if (!p) {
				free(buf);
				fclose(f);
				fd_fail(err, FD_E_INVALID, "invalid_file", "file",
				        _("%s is too large for a calendar feed."), path);
				return NULL;
			}
			buf = p;
			cap *= 2;
		}
		k = fread(buf + n, 1, cap - 1 - n, f);
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void add_block_op(struct cli *cli, struct fd_op *op, const char *room, const char *uid, fd_date start,
                         fd_date end, const char *summary, const char *source)
{
	char a[FD_DATE_STRLEN];
	fd_session_op(&cli->session, op, "room.block");
	cJSON_AddStringToObject(op->payload, "room", room);
	cJSON_AddStringToObject(op->payload, "uid", uid);
	cJSON_AddStringToObject(op->payload, "from", fd_date_format(start, a));
	cJSON_AddStringToObject(op->payload, "to", fd_date_format(end, a));
	cJSON_AddStringToObject(op->payload, "summary", summary);
	cJSON_AddStringToObject(op->payload, "source", source);
}

static int ical_import(struct cli *cli, int argc, char **argv)
{
	const char *file, *room = NULL, *source = NULL;
	const struct cli_opt opts[] = {{"room", &room, NULL}, {"source", &source, NULL}, {0}};
	if (!cli_parse(cli, "ical import", argc, argv, opts, &file, 1, 1))
		return CLI_USAGE;
	if (!room)
		return cli_usage_error(cli, "ical import", _("--room is required"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (!source) {
		const char *base = strrchr(file, '/');
		source = base ? base + 1 : file;
	}
	struct fd_error err = {0};
	struct fd_room r;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	enum fd_status st = repo->get_room(repo->ctx, room, &r, &err);
	if (st == FD_E_NOT_FOUND)
		fd_fail(&err, FD_E_NOT_FOUND, "room_not_found", "room", _("No room \"%s\"."), room);
	if (st)
		return cli_error(cli, &err);
	char *text = read_all(file, &err);
	if (!text)
		return cli_error(cli, &err);
	struct fd_ical_plan plan;
	st = fd_ical_plan(cli->db, text, file, room, source, &plan, &err);
	free(text);
	if (st) {
		fd_ical_plan_clear(&plan);
		return cli_error(cli, &err);
	}
	int n = plan.n_block + plan.n_unblock;
	if (n > 0) {
		struct fd_op *ops = calloc((size_t)n, sizeof *ops);
		struct fd_op_result *res = calloc((size_t)n, sizeof *res);
		if (ops && res) {
			for (int i = 0; i < plan.n_block; i++) {
				const struct fd_room_block *b = &plan.block[i];
				add_block_op(cli, &ops[i], room, b->uid, b->start, b->end, b->summary,
				             source);
			}
			for (int i = 0; i < plan.n_unblock; i++) {
				struct fd_op *op = &ops[plan.n_block + i];
				fd_session_op(&cli->session, op, "room.unblock");
				cJSON_AddStringToObject(op->payload, "room", room);
				cJSON_AddStringToObject(op->payload, "uid", plan.unblock[i]);
			}
		}
		rc = ops && res ? cli_apply(cli, ops, n, res) : CLI_FAILED; /* cli_apply clears the ops */
		free(ops);
		free(res);
	}
	int changed = plan.n_block, unchanged = plan.unchanged, removed = plan.n_unblock,
	    cancelled = plan.cancelled;
	fd_ical_plan_clear(&plan);
	if (rc)
		return rc;
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddNumberToObject(doc, "blocked", changed);
		cJSON_AddNumberToObject(doc, "unchanged", unchanged);
		cJSON_AddNumberToObject(doc, "unblocked", removed);
		cJSON_AddNumberToObject(doc, "cancelled", cancelled);
		cli_print_json(doc);
	} else {
		printf(_("Room %s: %d block(s) added or changed, %d unchanged, %d removed (%d cancelled in "
		         "the feed).\n"),
		       room, changed, unchanged, removed, cancelled);
	}
	return CLI_OK;
}

int cmd_ical(struct cli *cli, int argc, char **argv)
{
	if (argc < 1)
		return cli_usage_error(cli, "ical", _("use 'ical export' or 'ical import'"));
	if (strcmp(argv[0], "export") == 0)
		return ical_export(cli, argc - 1, argv + 1);
	if (strcmp(argv[0], "import") == 0)
		return ical_import(cli, argc - 1, argv + 1);
	return cli_usage_error(cli, "ical", _("unknown subcommand \"%s\"; use export or import"), argv[0]);
}
