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
	for (fd_date d = from; d <= to; d++) {
		bool full = false;
		if (d < to) {
			int sold, rooms;
			enum fd_status st = repo->type_sold(repo->ctx, type, d, "", &sold, err);
			if (!st)
				st = repo->type_inventory(repo->ctx, type, d, &rooms, err);
			if (st)
				return st;
			full = sold >= rooms;
		}
		if (full && run < 0)
			run = d;
		if (!full && run >= 0) {
			char uid[128], a[FD_DATE_STRLEN];
			snprintf(uid, sizeof uid, "%s-%s@%s", type, fd_date_format(run, a), uid_host);
			add_event(cal, uid, run, d, "Not available", stamp);
			run = -1;
		}
	}
	return FD_OK;
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
	while (buf) {
		if (n + 1 >= cap) {
			char *p = cap < MAX_FEED_BYTES ? realloc(buf, cap * 2) : NULL;
			if (!p) {
				free(buf);
				buf = NULL;
				fd_fail(err, FD_E_INVALID, "invalid_file", "file",
				        _("%s is too large for a calendar feed."), path);
				break;
			}
			buf = p;
			cap *= 2;
		}
		size_t k = fread(buf + n, 1, cap - 1 - n, f);
		if (k == 0)
			break;
		n += k;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The nights an event covers: all-day events as written (end exclusive);
 * for date-times, the nights from the start's date to the end's date (a
 * stay ending at 11:00 frees that night), at least one. */
static const char *event_dates(icalcomponent *ev, fd_date *start, fd_date *end)
{
	struct icaltimetype s = icalcomponent_get_dtstart(ev), e = icalcomponent_get_dtend(ev);
	if (icaltime_is_null_time(s) || !fd_date_valid_ymd(s.year, s.month, s.day))
		return _("has no valid DTSTART");
	*start = fd_date_from_ymd(s.year, s.month, s.day);
	if (icaltime_is_null_time(e) || !fd_date_valid_ymd(e.year, e.month, e.day)) {
		*end = *start + 1;
		return NULL;
	}
	*end = fd_date_from_ymd(e.year, e.month, e.day);
	if (*end < *start)
		return _("ends before it starts");
	if (*end == *start)
		*end = *start + 1;
	return *end - *start <= 3700 ? NULL : _("lasts more than ten years");
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

struct feed {
	struct fd_op *ops;
	int n, cap;
	char (*uids)[256];
	int n_uids;
};

static bool feed_grow(struct feed *f)
{
	if (f->n < f->cap)
		return true;
	int nc = f->cap ? f->cap * 2 : 64;
	struct fd_op *ops = realloc(f->ops, (size_t)nc * sizeof *ops);
	if (!ops)
		return false;
	f->ops = ops;
	char(*uids)[256] = realloc(f->uids, (size_t)nc * sizeof *uids);
	if (!uids)
		return false;
	f->uids = uids;
	f->cap = nc;
	return true;
}

static void feed_free(struct feed *f)
{
	for (int i = 0; i < f->n; i++)
		fd_op_clear(&f->ops[i]);
	free(f->ops);
	free(f->uids);
}

/* The line of the file on which the k-th event (from 0) begins, so a
 * refusal names where to look; 0 when it cannot be found. */
static int event_line(const char *text, int k)
{
	int line = 1;
	for (const char *p = text; *p; p++) {
		if ((p == text || p[-1] == '\n') && strncmp(p, "BEGIN:VEVENT", 12) == 0 && k-- == 0)
			return line;
		if (*p == '\n')
			line++;
	}
	return 0;
}

/* Ops for the feed's events that are new or changed; counts the unchanged
 * and the cancelled (an OTA's cancelled booking frees the room: its event
 * stays in the feed with STATUS:CANCELLED). */
static enum fd_status plan_blocks(struct cli *cli, icalcomponent *cal, const char *text, const char *file,
                                  const char *room, const char *source, struct feed *f, int *unchanged,
                                  int *cancelled, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	int k = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), k++) {
		const char *uid = icalcomponent_get_uid(ev), *summary = icalcomponent_get_summary(ev);
		fd_date start = 0, end = 0;
		if (!uid || !*uid || strlen(uid) >= 256)
			return fd_fail(
			    err, FD_E_INVALID, "invalid_file", "file",
			    _("%s:%d: an event (summary \"%s\") has no usable UID; nothing imported."), file,
			    event_line(text, k), summary ? summary : "");
		if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) {
			(*cancelled)++;
			continue; /* not kept: plan_unblocks removes its block */
		}
		const char *why = event_dates(ev, &start, &end);
		if (why)
			return fd_fail(err, FD_E_INVALID, "invalid_file", "file",
			               _("%s:%d: event %s %s; nothing imported."), file, event_line(text, k),
			               uid, why);
		char sum[128];
		snprintf(sum, sizeof sum, "%s", summary ? summary : "");
		if (!feed_grow(f))
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		snprintf(f->uids[f->n_uids++], 256, "%s", uid);
		struct fd_room_block old;
		if (repo->get_block(repo->ctx, room, uid, &old, err) == FD_OK && old.start == start &&
		    old.end == end && strcmp(old.summary, sum) == 0 && strcmp(old.source, source) == 0) {
			(*unchanged)++;
			continue;
		}
		add_block_op(cli, &f->ops[f->n++], room, uid, start, end, sum, source);
	}
	return FD_OK;
}

struct unblock_plan {
	struct cli *cli;
	struct feed *f;
	int *removed;
	bool nomem;
};

static bool plan_unblock(void *ctx, const struct fd_room_block *b)
{
	struct unblock_plan *p = ctx;
	for (int i = 0; i < p->f->n_uids; i++)
		if (strcmp(p->f->uids[i], b->uid) == 0)
			return true;
	if (!feed_grow(p->f)) {
		p->nomem = true;
		return false;
	}
	struct fd_op *op = &p->f->ops[p->f->n++];
	fd_session_op(&p->cli->session, op, "room.unblock");
	cJSON_AddStringToObject(op->payload, "room", b->room);
	cJSON_AddStringToObject(op->payload, "uid", b->uid);
	(*p->removed)++;
	return true;
}

/* Blocks of this room and source whose events have left the feed. */
static enum fd_status plan_unblocks(struct cli *cli, const char *room, const char *source, struct feed *f,
                                    int *removed, struct fd_error *err)
{
	struct unblock_plan p = {.cli = cli, .f = f, .removed = removed};
	enum fd_status st = fd_query_room_blocks_from(cli->db, room, source, plan_unblock, &p, err);
	if (!st && p.nomem)
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	return st;
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
	icalcomponent *cal = strstr(text, "BEGIN:VCALENDAR") ? icalparser_parse_string(text) : NULL;
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		if (cal)
			icalcomponent_free(cal);
		free(text);
		fd_fail(&err, FD_E_INVALID, "invalid_file", "file",
		        _("%s is not a complete iCalendar file (VCALENDAR missing or not closed); nothing "
		          "imported."),
		        file);
		return cli_error(cli, &err);
	}
	struct feed f = {0};
	int unchanged = 0, removed = 0, cancelled = 0;
	st = plan_blocks(cli, cal, text, file, room, source, &f, &unchanged, &cancelled, &err);
	icalcomponent_free(cal);
	free(text);
	if (!st)
		st = plan_unblocks(cli, room, source, &f, &removed, &err);
	if (st) {
		feed_free(&f);
		return cli_error(cli, &err);
	}
	int changed = f.n - removed;
	if (f.n > 0) {
		struct fd_op_result *res = calloc((size_t)f.n, sizeof *res);
		rc = res ? cli_apply(cli, f.ops, f.n, res) : CLI_FAILED;
		free(res);
		f.n = 0; /* cli_apply cleared them */
	}
	feed_free(&f);
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
