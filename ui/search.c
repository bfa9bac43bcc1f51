// SPDX-License-Identifier: GPL-3.0-or-later
/* Guest search: `/` from anywhere; results update with every key (the
 * name as the screen shows it, in either order, case, accents and
 * punctuation folded; part of a confirmation code, a room, a phone number
 * or an e-mail address): the same query as `frontdesk find`, fd_query_find,
 * in-house and arriving guests first. Up/Down pick, Enter opens. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/text.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/list.h"

#define MAX_RESULTS 100

struct search {
	char text[256];
	struct ui_edit edit; /* on text */
	bool editing;        /* keys go to the search text */
	struct fd_booking_row rows[MAX_RESULTS];
	int n;
	struct ui_list list; /* every result is loaded */
};

static void *search_create(struct app *app)
{
	(void)app;
	static const int widths[] = {7, 5, 11, 11, 11, 0};
	struct search *s = calloc(1, sizeof *s);
	if (s) {
		ui_edit_attach(&s->edit, s->text, sizeof s->text);
		ui_list_init(&s->list, 2, widths, 6);
	}
	return s;
}

static void search_destroy(void *st)
{
	free(st);
}

static bool add_row(void *ctx, const struct fd_booking_row *row)
{
	struct search *s = ctx;
	if (s->n >= MAX_RESULTS)
		return false;
	s->rows[s->n++] = *row;
	return true;
}

static void search_recalc(struct app *app, struct pane *p)
{
	struct search *s = p->st;
	struct fd_error err = {0};
	s->n = 0;
	if (s->text[0] && fd_query_find(app->db, s->text, MAX_RESULTS, add_row, s, &err))
		ui_error(app, &err);
	ui_list_set(&s->list, s->n, p->h - 3);
}

static void search_repaint(struct app *app, struct pane *p)
{
	struct search *s = p->st;
	const char *label = _("Find: ");
	int lw = fd_text_width(label);
	if (lw > p->w / 2)
		lw = p->w / 2;
	ui_put(p->win, 0, 0, label, lw, app->attr[UI_A_TITLE]);
	ui_edit_draw(p->win, 0, lw, p->w - lw, app->attr[UI_A_TITLE], &s->edit, s->editing);
	ui_list_header(p->win, &s->list, 1, p->w, app->attr[UI_A_HEADER], _("Code"), _("Room"), _("Status"),
	               _("Arrive"), _("Depart"), _("Guest"));
	for (int i = 0; i < s->n; i++) {
		const struct fd_booking_row *r = &s->rows[i];
		char a[FD_DATE_STRLEN], d[FD_DATE_STRLEN];
		ui_list_row(
		    p->win, &s->list, i, p->w, A_NORMAL, s->editing ? A_NORMAL : app->attr[UI_A_CURSOR],
		    r->b.code, r->b.room[0] ? r->b.room : "-", ui_booking_status_text(r->b.status),
		    fd_date_format(r->b.arrival, a), fd_date_format(r->b.departure, d), r->guest_name);
	}
	if (s->text[0] && s->n == 0)
		ui_put(p->win, 2, 1, _("No booking matches."), p->w - 1, A_NORMAL);
	if (s->editing)
		ui_put(p->win, p->h - 1, 0,
		       _("type a name, code, room, phone or e-mail; Enter or Down to the results; Esc back"),
		       p->w, app->attr[UI_A_PAST]);
	else
		ui_pane_hints(app, p);
}

static bool search_input(struct app *app, struct pane *p, struct ui_key k)
{
	struct search *s = p->st;
	if (!s->editing)
		return false;
	if (!k.fn && k.ch == 27) {
		s->editing = false;
		return false; /* and go back */
	}
	if ((!k.fn && (k.ch == '\r' || k.ch == '\n')) || (k.fn && (k.ch == KEY_DOWN || k.ch == KEY_ENTER))) {
		s->editing = false;
		ui_dirty(app, PANE_SEARCH, PANE_REPAINT);
		return true;
	}
	switch (ui_edit_key(&s->edit, k)) {
	case UI_EDIT_CHANGED:
		break;
	case UI_EDIT_MOVED:
		ui_dirty(app, PANE_SEARCH, PANE_REPAINT);
		return true;
	default:
		return false;
	}
	s->list.cursor = s->list.top = 0;
	ui_dirty(app, PANE_SEARCH, PANE_RECALC | PANE_REPAINT);
	return true;
}

static bool search_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct search *s = p->st;
	if (ui_list_move(&s->list, req) != UI_LIST_IGNORED) {
		ui_dirty(app, PANE_SEARCH, PANE_REPAINT);
		return true;
	}
	switch (req) {
	case UI_REQ_SEARCH:
		s->editing = true;
		ui_edit_attach(&s->edit, s->text, sizeof s->text);
		ui_edit_set(&s->edit, "");
		s->n = 0;
		ui_dirty(app, PANE_SEARCH, PANE_RECALC | PANE_REPAINT);
		return true;
	case UI_REQ_OPEN:
		if (s->list.cursor < s->n)
			ui_open_booking(app, s->rows[s->list.cursor].b.code);
		return true;
	default:
		return false;
	}
}

static const struct ui_hint hints[] = {{UI_REQ_OPEN, N_("open")}, {UI_REQ_SEARCH, N_("search again")}};

const struct pane_ops ui_search_ops = {
    .hints = hints,
    .n_hints = 2,
    .title = N_("Search"),
    .ctx = UI_CTX_SEARCH | UI_CTX_MOVE,
    .create = search_create,
    .destroy = search_destroy,
    .recalc = search_recalc,
    .repaint = search_repaint,
    .action = search_action,
    .input = search_input,
};
