// SPDX-License-Identifier: GPL-3.0-or-later
/* Arrivals, departures and in-house guests for the business date, with
 * counts, and one key to check in or out from the list. Pages of rows are
 * queried as the cursor moves; nothing loads a whole day blindly. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"

#define PAGE 200

static const enum fd_booking_list kinds[] = {FD_LIST_ARRIVALS, FD_LIST_DEPARTURES, FD_LIST_INHOUSE};

struct lists {
	int kind; /* index into kinds */
	int count[3];
	struct ui_list list;
	int offset; /* first row loaded */
	struct fd_booking_row rows[PAGE];
	bool pending[PAGE]; /* a local change the server has not accepted yet */
	int n;
};

static const int widths[] = {7, 6, 5, 11, 11, 0, 0};

static void *lists_create(struct app *app)
{
	(void)app;
	struct lists *l = calloc(1, sizeof *l);
	if (l)
		ui_list_init(&l->list, 2, widths, 7);
	return l;
}

static void lists_destroy(void *st)
{
	free(st);
}

static bool add_row(void *ctx, const struct fd_booking_row *row)
{
	struct lists *l = ctx;
	if (l->n >= PAGE)
		return false;
	l->rows[l->n++] = *row;
	return true;
}

static void lists_recalc(struct app *app, struct pane *p)
{
	struct lists *l = p->st;
	struct fd_error err = {0};
	for (int i = 0; i < 3; i++)
		fd_query_booking_count(app->db, kinds[i], app->today, &l->count[i], NULL);
	int visible = p->h - 3;
	ui_list_set(&l->list, l->count[l->kind], visible);
	/* Load a page around the window. */
	l->offset = l->list.top;
	l->n = 0;
	struct fd_booking_filter f = {.kind = kinds[l->kind],
	                              .from = app->today,
	                              .to = app->today + 1,
	                              .limit = visible > 0 && visible < PAGE ? visible : PAGE,
	                              .offset = l->offset};
	if (fd_query_bookings(app->db, &f, add_row, l, &err))
		ui_error(app, &err);
	for (int i = 0; i < l->n; i++)
		fd_query_booking_pending(app->db, l->rows[i].b.id, &l->pending[i], NULL);
}

static void lists_repaint(struct app *app, struct pane *p)
{
	struct lists *l = p->st;
	static const char *const names[] = {N_("Arrivals"), N_("Departures"), N_("In house")};
	int x = 0;
	for (int i = 0; i < 3; i++) {
		char tab[64];
		snprintf(tab, sizeof tab, " %s (%d) ", _(names[i]), l->count[i]);
		int w = (int)strlen(tab) + 2;
		if (x + w > p->w)
			w = p->w - x;
		ui_put(p->win, 0, x, tab, w,
		       i == l->kind ? app->attr[UI_A_TAB_ACTIVE] : app->attr[UI_A_TITLE]);
		x += w;
	}
	ui_list_header(p->win, &l->list, 1, p->w, app->attr[UI_A_HEADER], _("Code"), _("Room"), _("Type"),
	               _("Arrive"), _("Depart"), _("Guest"), "");
	for (int i = 0; i < l->n; i++) {
		const struct fd_booking_row *r = &l->rows[i];
		char a[FD_DATE_STRLEN], d[FD_DATE_STRLEN];
		ui_list_row(p->win, &l->list, l->offset + i, p->w, A_NORMAL, app->attr[UI_A_CURSOR],
		            r->b.code, r->b.room[0] ? r->b.room : "-", r->b.type_code,
		            fd_date_format(r->b.arrival, a), fd_date_format(r->b.departure, d), r->guest_name,
		            r->vip          ? (l->pending[i] ? "VIP *" : "VIP")
		            : l->pending[i] ? "*"
		                            : "");
	}
	if (l->count[l->kind] == 0)
		ui_put(p->win, 2, 1, _("Nobody on this list today."), p->w - 1, A_NORMAL);
	static const struct ui_hint arrivals[] = {{UI_REQ_CHECK_IN, N_("check in")},
	                                          {UI_REQ_OPEN, N_("open")},
	                                          {UI_REQ_FOLIO, N_("folio")},
	                                          {UI_REQ_NEW_BOOKING, N_("new")},
	                                          {UI_REQ_LIST_NEXT, N_("other lists")}};
	static const struct ui_hint leaving[] = {{UI_REQ_CHECK_OUT, N_("check out")},
	                                         {UI_REQ_OPEN, N_("open")},
	                                         {UI_REQ_FOLIO, N_("folio")},
	                                         {UI_REQ_LIST_NEXT, N_("other lists")}};
	if (l->kind == 0)
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], arrivals, 5);
	else
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], leaving, 4);
}

static const struct fd_booking_row *current(struct lists *l)
{
	int i = l->list.cursor - l->offset;
	return i >= 0 && i < l->n ? &l->rows[i] : NULL;
}

static bool lists_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct lists *l = p->st;
	const struct fd_booking_row *r = current(l);
	(void)p;
	switch (ui_list_move(&l->list, req)) {
	case UI_LIST_SCROLLED:
		ui_dirty(app, PANE_LISTS, PANE_RECALC | PANE_REPAINT);
		return true;
	case UI_LIST_MOVED:
		ui_dirty(app, PANE_LISTS, PANE_REPAINT);
		return true;
	default:
		break;
	}
	switch (req) {
	case UI_REQ_LIST_NEXT:
	case UI_REQ_LIST_PREV:
		l->kind = (l->kind + (req == UI_REQ_LIST_NEXT ? 1 : 2)) % 3;
		l->list.cursor = l->list.top = 0;
		ui_dirty(app, PANE_LISTS, PANE_RECALC | PANE_REPAINT);
		return true;
	case UI_REQ_OPEN:
		if (r)
			ui_open_booking(app, r->b.code);
		return true;
	case UI_REQ_FOLIO:
		if (r)
			ui_open_folio(app, r->b.code);
		return true;
	case UI_REQ_CHECK_IN:
	case UI_REQ_CHECK_OUT:
		/* The same question as in the booking's detail. */
		if (r)
			ui_booking_ask(app, req, r->b.code);
		return true;
	case UI_REQ_NEW_BOOKING:
		ui_form_start_new(app, NULL, app->today);
		return true;
	default:
		return false;
	}
}

const struct pane_ops ui_lists_ops = {
    .title = N_("Arrivals"),
    .ctx = UI_CTX_LISTS | UI_CTX_MOVE,
    .create = lists_create,
    .destroy = lists_destroy,
    .recalc = lists_recalc,
    .repaint = lists_repaint,
    .action = lists_action,
};
