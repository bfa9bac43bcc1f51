// SPDX-License-Identifier: GPL-3.0-or-later
/* An iCalendar feed planned as blocks of a room (ical.h). */
#include "config.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/ical.h"
#include "store/lookup.h"

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

/* The plan being made, and the UIDs the feed keeps (every event not
 * cancelled). */
struct feed {
	struct fd_ical_plan *plan;
	char (*kept)[256];
	int n_kept, cap_kept, cap_block, cap_unblock;
	bool nomem;
};

/* p, or a larger copy of it, with room for item n (of size bytes; *cap
 * items fit); NULL when out of memory (p is still valid then). */
static void *room_for(void *p, int n, int *cap, size_t size)
{
	if (n < *cap)
		return p;
	int nc = *cap ? *cap * 2 : 64;
	void *q = realloc(p, (size_t)nc * size);
	if (q)
		*cap = nc;
	return q;
}

static enum fd_status plan_blocks(struct fd_db *db, icalcomponent *cal, const char *text, const char *file,
                                  const char *room, const char *source, struct feed *f, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_ical_plan *plan = f->plan;
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
			plan->cancelled++;
			continue; /* not kept: its block is lifted */
		}
		const char *why = event_dates(ev, &start, &end);
		if (why)
			return fd_fail(err, FD_E_INVALID, "invalid_file", "file",
			               _("%s:%d: event %s %s; nothing imported."), file, event_line(text, k),
			               uid, why);
		char(*kept)[256] = room_for(f->kept, f->n_kept, &f->cap_kept, sizeof *f->kept);
		if (kept)
			f->kept = kept;
		struct fd_room_block *blocks =
		    room_for(plan->block, plan->n_block, &f->cap_block, sizeof *plan->block);
		if (blocks)
			plan->block = blocks;
		if (!kept || !blocks)
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		snprintf(f->kept[f->n_kept++], sizeof *f->kept, "%s", uid);
		struct fd_room_block b = {.start = start, .end = end};
		snprintf(b.room, sizeof b.room, "%s", room);
		snprintf(b.uid, sizeof b.uid, "%s", uid);
		snprintf(b.summary, sizeof b.summary, "%s", summary ? summary : "");
		snprintf(b.source, sizeof b.source, "%s", source);
		struct fd_room_block old;
		if (repo->get_block(repo->ctx, room, uid, &old, err) == FD_OK && old.start == start &&
		    old.end == end && strcmp(old.summary, b.summary) == 0 &&
		    strcmp(old.source, source) == 0) {
			plan->unchanged++;
			continue;
		}
		plan->block[plan->n_block++] = b;
	}
	return FD_OK;
}

/* A block of this room and source whose event is no longer kept. */
static bool plan_unblock(void *ctx, const struct fd_room_block *b)
{
	struct feed *f = ctx;
	struct fd_ical_plan *plan = f->plan;
	for (int i = 0; i < f->n_kept; i++)
		if (strcmp(f->kept[i], b->uid) == 0)
			return true;
	char(*unblock)[256] =
	    room_for(plan->unblock, plan->n_unblock, &f->cap_unblock, sizeof *plan->unblock);
	if (!unblock) {
		f->nomem = true;
		return false;
	}
	plan->unblock = unblock;
	snprintf(plan->unblock[plan->n_unblock++], sizeof *plan->unblock, "%s", b->uid);
	return true;
}

enum fd_status fd_ical_plan(struct fd_db *db, const char *text, const char *file, const char *room,
                            const char *source, struct fd_ical_plan *plan, struct fd_error *err)
{
	memset(plan, 0, sizeof *plan);
	icalcomponent *cal = strstr(text, "BEGIN:VCALENDAR") ? icalparser_parse_string(text) : NULL;
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		if (cal)
			icalcomponent_free(cal);
		return fd_fail(err, FD_E_INVALID, "invalid_file", "file",
		               _("%s is not a complete iCalendar file (VCALENDAR missing or not closed); "
		                 "nothing imported."),
		               file);
	}
	struct feed f = {.plan = plan};
	enum fd_status st = plan_blocks(db, cal, text, file, room, source, &f, err);
	icalcomponent_free(cal);
	if (!st)
		st = fd_query_room_blocks_from(db, room, source, plan_unblock, &f, err);
	if (!st && f.nomem)
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	free(f.kept);
	return st;
}

void fd_ical_plan_clear(struct fd_ical_plan *plan)
{
	free(plan->block);
	free(plan->unblock);
	memset(plan, 0, sizeof *plan);
}
