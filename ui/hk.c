// SPDX-License-Identifier: GPL-3.0-or-later
/* Housekeeping queue: rooms departures first, then by cleaning status and
 * section; one key per status change, do-not-disturb, out of order with a
 * reason and an end date. `v` switches to the discrepancy list (front
 * office and housekeeping disagree on occupancy). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"

#define PAGE 256

struct hk {
	enum fd_room_order view; /* FD_ROOMS_HK, _DISCREPANCY or _SUPERVISOR */
	int count;
	struct ui_list list; /* rows[i] is row list.top + i */
	/* The room under the cursor: the cursor stays on it (not on its row)
	 * when a change re-sorts the list, ours or another desk's. */
	char room[FD_ROOMNO_LEN];
	char typed[FD_ROOMNO_LEN]; /* digits typed: a room to go to */
	struct fd_room_row rows[PAGE];
	int n;
};

/* Room, code, type, status, section, attendant, flags, today, what
 * housekeeping says, reason: the first six fit a phone's 60 columns. */
static const int widths[] = {5, 3, 4, 9, 4, 9, 7, 7, 0, 0};

/* The views `v` goes through, in order. */
static const enum fd_room_order views[] = {FD_ROOMS_HK, FD_ROOMS_HK_ATTENDANT, FD_ROOMS_HK_SECTION,
                                           FD_ROOMS_DISCREPANCY, FD_ROOMS_SUPERVISOR};

static void *hk_create(struct app *app)
{
	(void)app;
	struct hk *h = calloc(1, sizeof *h);
	if (h) {
		h->view = FD_ROOMS_HK;
		ui_list_init(&h->list, 2, widths, 10);
	}
	return h;
}

static void hk_destroy(void *st)
{
	free(st);
}

static bool add_room(void *ctx, const struct fd_room_row *row)
{
	struct hk *h = ctx;
	if (h->n >= PAGE)
		return false;
	h->rows[h->n++] = *row;
	return true;
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 3;
	return v < 1 ? 1 : v > PAGE ? PAGE : v;
}

/* Say on the message line (after what is there) that the room moved. */
static void say_moved(struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say_moved(struct app *app, const char *fmt, ...)
{
	char what[200], before[sizeof app->message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(before, sizeof before, "%s", app->message_error ? "" : app->message);
	ui_message(app, "%s%s%s", before, before[0] ? " " : "", what);
}

/* Keep the cursor on its room: find where the room is now. */
static void follow_room(struct app *app, struct hk *h)
{
	int at;
	if (!h->room[0])
		return;
	if (fd_query_room_position(app->db, h->view, app->today, h->room, &at, NULL) != FD_OK) {
		say_moved(app, _("Room %s left this list."), h->room);
		return;
	}
	if (at != h->list.cursor)
		say_moved(app, _("Room %s moved to row %d of %d."), h->room, at + 1, h->count);
	h->list.cursor = at;
}

static void remember_room(struct hk *h)
{
	int i = h->list.cursor - h->list.top;
	snprintf(h->room, sizeof h->room, "%s", i >= 0 && i < h->n ? h->rows[i].r.number : "");
}

static void hk_recalc(struct app *app, struct pane *p)
{
	struct hk *h = p->st;
	struct fd_error err = {0};
	enum fd_room_order order = h->view;
	fd_query_room_count(app->db, order, app->today, &h->count, NULL);
	follow_room(app, h);
	ui_list_set(&h->list, h->count, visible_rows(p));
	h->n = 0;
	if (fd_query_rooms_page(app->db, order, app->today, h->list.top, visible_rows(p), add_room, h, &err))
		ui_error(app, &err);
	remember_room(h);
}

void ui_hk_goto(struct app *app, const char *room)
{
	struct hk *h = app->panes[PANE_HK].st;
	int at;
	struct fd_error err = {0};
	if (fd_query_room_position(app->db, h->view, app->today, room, &at, &err) != FD_OK) {
		ui_error(app, &err);
		return;
	}
	h->list.cursor = at;
	snprintf(h->room, sizeof h->room, "%s", room);
	ui_show(app, PANE_HK);
	ui_dirty(app, PANE_HK, PANE_RECALC | PANE_REPAINT);
}

static const char *clean_text(enum fd_clean c)
{
	return fd_clean_text(c);
}

static const struct ui_hint hints[] = {
    {UI_REQ_HK_CLEAN, N_("clean")},
    {UI_REQ_HK_INSPECTED, N_("inspected")},
    {UI_REQ_HK_DIRTY, N_("dirty")},
    {UI_REQ_HK_ASSIGN, N_("assign")},
    {UI_REQ_HK_DISCREPANCIES, N_("view")},
    {UI_REQ_HK_PICKUP, N_("pickup")},
    {UI_REQ_HK_MUR, N_("make-up")},
    {UI_REQ_HK_DND, N_("DND")},
    {UI_REQ_HK_FOUND_OCCUPIED, N_("found occupied")},
    {UI_REQ_HK_FOUND_VACANT, N_("found vacant")},
    {UI_REQ_HK_OOS, N_("out of service")},
    {UI_REQ_HK_OOO, N_("out of order")},
    {UI_REQ_HK_RTN, N_("return")},
};

static void hk_repaint(struct app *app, struct pane *p)
{
	struct hk *h = p->st;
	switch (h->view) {
	case FD_ROOMS_DISCREPANCY:
		ui_title(app, p,
		         _("Discrepancies: %d rooms where housekeeping and the front office disagree"),
		         h->count);
		break;
	case FD_ROOMS_SUPERVISOR:
		ui_title(app, p, _("Supervisor: %d rooms not inspected, late ones first"), h->count);
		break;
	case FD_ROOMS_HK_ATTENDANT:
		ui_title(app, p, _("Housekeeping queue by attendant: %d rooms"), h->count);
		break;
	case FD_ROOMS_HK_SECTION:
		ui_title(app, p, _("Housekeeping queue by section: %d rooms"), h->count);
		break;
	default:
		ui_title(app, p, _("Housekeeping queue by status: %d rooms, departures first"), h->count);
		break;
	}
	ui_list_header(p->win, &h->list, 1, p->w, app->attr[UI_A_HEADER], _("Room"), _("HK"), _("Type"),
	               _("Status"), _("Sec"), _("Attendant"), _("Flags"), _("Today"), _("Housekeeping says"),
	               "");
	for (int i = 0; i < h->n && i < visible_rows(p); i++) {
		const struct fd_room_row *r = &h->rows[i];
		char flags[16] = "";
		if (r->r.dnd)
			strcat(flags, "DND ");
		if (r->r.mur)
			strcat(flags, "MUR");
		bool ready = r->r.clean == FD_CLEAN_CLEAN || r->r.clean == FD_CLEAN_INSPECTED;
		const char *today = r->due_out                   ? _("due out")
		                    : r->arrival_today && !ready ? _("LATE")
		                    : r->arrival_today           ? _("arrival")
		                                                 : "";
		const char *says = r->r.hk_occupied ? _("occupied") : _("vacant");
		ui_list_row(p->win, &h->list, h->list.top + i, p->w, A_NORMAL, app->attr[UI_A_CURSOR],
		            r->r.number, r->hk_code, r->r.type_code, clean_text(r->r.clean), r->r.section,
		            r->attendant[0] ? r->attendant : "-", flags, today, says,
		            r->r.maint != FD_MAINT_NONE ? r->r.maint_reason : "");
	}
	if (h->count == 0)
		ui_put(p->win, 2, 1,
		       h->view == FD_ROOMS_DISCREPANCY ? _("No discrepancies.") : _("No rooms."), p->w - 1,
		       A_NORMAL);
	ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], hints, (int)(sizeof hints / sizeof *hints));
}

static bool hk_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct hk *h = p->st;
	int i = h->list.cursor - h->list.top;
	const struct fd_room_row *r = i >= 0 && i < h->n ? &h->rows[i] : NULL;
	char room[FD_ROOMNO_LEN] = "";
	if (r)
		snprintf(room, sizeof room, "%s", r->r.number);
	(void)p;
	switch (ui_list_move(&h->list, req)) {
	case UI_LIST_SCROLLED:
		h->room[0] = '\0'; /* the recalc takes the room now under the cursor */
		ui_dirty(app, PANE_HK, PANE_RECALC | PANE_REPAINT);
		return true;
	case UI_LIST_MOVED:
		remember_room(h);
		ui_dirty(app, PANE_HK, PANE_REPAINT);
		return true;
	default:
		break;
	}
	switch (req) {
	case UI_REQ_HK_DISCREPANCIES: {
		size_t n = sizeof views / sizeof *views, at = 0;
		while (at < n && views[at] != h->view)
			at++;
		h->view = views[(at + 1) % n];
		/* The cursor stays on its room when the new view holds it. */
		int pos;
		h->list.cursor = h->list.top = 0;
		if (h->room[0] &&
		    fd_query_room_position(app->db, h->view, app->today, h->room, &pos, NULL) == FD_OK)
			h->list.cursor = pos;
		else
			h->room[0] = '\0';
		ui_dirty(app, PANE_HK, PANE_RECALC | PANE_REPAINT);
		return true;
	}
	case UI_REQ_OPEN:
		if (r && r->occupant_code[0])
			ui_open_booking(app, r->occupant_code);
		return true;
	default:
		break;
	}
	if (!r)
		return req >= UI_REQ_HK_DIRTY && req <= UI_REQ_HK_FOUND_VACANT;
	switch (req) {
	case UI_REQ_HK_DIRTY:
		ui_room_clean(app, room, "dirty");
		return true;
	case UI_REQ_HK_PICKUP:
		ui_room_clean(app, room, "pickup");
		return true;
	case UI_REQ_HK_CLEAN:
		ui_room_clean(app, room, "clean");
		return true;
	case UI_REQ_HK_INSPECTED:
		ui_room_clean(app, room, "inspected");
		return true;
	case UI_REQ_HK_DND:
		ui_room_dnd(app, room, !r->r.dnd);
		return true;
	case UI_REQ_HK_OOO:
		ui_room_ooo_ask(app, room);
		return true;
	case UI_REQ_HK_RTN:
		ui_room_return(app, room);
		return true;
	case UI_REQ_HK_ASSIGN:
		ui_room_assign_ask(app, room);
		return true;
	case UI_REQ_HK_OOS:
		ui_room_oos_ask(app, room);
		return true;
	case UI_REQ_HK_MUR:
		ui_room_mur(app, room, !r->r.mur);
		return true;
	case UI_REQ_HK_FOUND_OCCUPIED:
	case UI_REQ_HK_FOUND_VACANT:
		ui_room_found(app, &r->r, req == UI_REQ_HK_FOUND_OCCUPIED);
		return true;
	default:
		return false;
	}
}

/* Digits name a room: "305" and Enter goes to it, and an action key
 * (c, i, d, ...) goes to it and acts on it at once: four keys a room from
 * anywhere in the list. A number that is no room is refused and the key
 * that followed it does nothing. */
static bool hk_input(struct app *app, struct pane *p, struct ui_key k)
{
	struct hk *h = p->st;
	size_t n = strlen(h->typed);
	if (!k.fn && k.ch >= '0' && k.ch <= '9') {
		if (n + 1 < sizeof h->typed) {
			h->typed[n] = (char)k.ch;
			h->typed[n + 1] = '\0';
		}
		ui_message(app, _("room: %s"), h->typed);
		return true;
	}
	if (!n)
		return false;
	if ((k.fn && k.ch == KEY_BACKSPACE) || (!k.fn && (k.ch == 127 || k.ch == 8))) {
		h->typed[n - 1] = '\0';
		if (n > 1)
			ui_message(app, _("room: %s"), h->typed);
		return true;
	}
	char room[sizeof h->typed];
	memcpy(room, h->typed, sizeof room);
	h->typed[0] = '\0';
	if (!k.fn && (k.ch == 27 || k.ch == 3 || k.ch == 7))
		return true;
	int at;
	struct fd_error err = {0};
	if (fd_query_room_position(app->db, h->view, app->today, room, &at, &err) != FD_OK) {
		ui_error(app, &err);
		return true;
	}
	h->list.cursor = at;
	snprintf(h->room, sizeof h->room, "%s", room);
	hk_recalc(app, p);
	ui_dirty(app, PANE_HK, PANE_REPAINT);
	/* Enter only goes there; any other key now acts on the room. */
	return (!k.fn && (k.ch == '\r' || k.ch == '\n')) || (k.fn && k.ch == KEY_ENTER);
}

const struct pane_ops ui_hk_ops = {
    .title = N_("Housekeeping"),
    .ctx = UI_CTX_HK | UI_CTX_MOVE,
    .create = hk_create,
    .destroy = hk_destroy,
    .recalc = hk_recalc,
    .repaint = hk_repaint,
    .action = hk_action,
    .input = hk_input,
};
