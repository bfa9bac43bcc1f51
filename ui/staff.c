// SPDX-License-Identifier: GPL-3.0-or-later
/* Staff: who is on shift, role, department, section, and housekeeping
 * rooms assigned and done today. `s` signs someone on or off shift (an
 * operation like any other). */
#include "config.h"

#include <stdlib.h>

#include "core/i18n.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/draw.h"

#define PAGE 256

struct staff {
	int count, cursor, top;
	struct fd_staff_row rows[PAGE];
	int n;
};

static void *staff_create(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct staff));
}

static void staff_destroy(void *st)
{
	free(st);
}

static bool add_staff(void *ctx, const struct fd_staff_row *row)
{
	struct staff *s = ctx;
	if (s->n >= PAGE)
		return false;
	s->rows[s->n++] = *row;
	return true;
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 3;
	return v < 1 ? 1 : v > PAGE ? PAGE : v;
}

static void staff_recalc(struct app *app, struct pane *p)
{
	struct staff *s = p->st;
	struct fd_error err = {0};
	fd_query_staff_count(app->db, &s->count, NULL);
	s->cursor = ui_clamp(s->cursor, 0, s->count > 0 ? s->count - 1 : 0);
	ui_scroll_to(s->cursor, visible_rows(p), &s->top);
	s->n = 0;
	if (fd_query_staff_page(app->db, app->today, s->top, visible_rows(p), add_staff, s, &err))
		ui_error(app, &err);
}

static void staff_repaint(struct app *app, struct pane *p)
{
	struct staff *s = p->st;
	int on = 0;
	for (int i = 0; i < s->n; i++)
		on += s->rows[i].s.on_shift;
	ui_title(app, p, _("Staff: %d, on shift %d"), s->count, on);
	static const int widths[] = {5, 14, 22, 8, 16, 4, 0};
	ui_row(p->win, 1, 0, p->w, app->attr[UI_A_HEADER], widths, 7, _("Shift"), _("User"), _("Name"),
	       _("Role"), _("Department"), _("Sec"), _("Rooms done/assigned"));
	for (int i = 0; i < s->n && i < visible_rows(p); i++) {
		const struct fd_staff_row *r = &s->rows[i];
		bool cursor = s->top + i == s->cursor;
		char counts[32];
		snprintf(counts, sizeof counts, "%d/%d", r->done, r->assigned);
		ui_row(p->win, 2 + i, 0, p->w, cursor ? app->attr[UI_A_CURSOR] : A_NORMAL, widths, 7,
		       r->s.on_shift ? _("ON") : "-", r->s.username, r->s.display_name,
		       fd_role_name(r->s.role), fd_dept_name(r->s.dept), r->s.section, counts);
	}
	if (s->count == 0)
		ui_put(p->win, 2, 1, _("No staff yet: add them with 'frontdesk staff add'."), p->w - 1,
		       A_NORMAL);
	ui_put(p->win, p->h - 1, 0, _("s sign on or off shift"), p->w, app->attr[UI_A_PAST]);
}

static bool staff_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct staff *s = p->st;
	int by = 0;
	switch (req) {
	case UI_REQ_UP:
		by = -1;
		break;
	case UI_REQ_DOWN:
		by = 1;
		break;
	case UI_REQ_PAGE_UP:
		by = -visible_rows(p);
		break;
	case UI_REQ_PAGE_DOWN:
		by = visible_rows(p);
		break;
	case UI_REQ_HOME:
		by = -s->cursor;
		break;
	case UI_REQ_END:
		by = s->count;
		break;
	case UI_REQ_STAFF_SHIFT: {
		int i = s->cursor - s->top;
		if (i >= 0 && i < s->n)
			ui_staff_shift(app, s->rows[i].s.username, !s->rows[i].s.on_shift);
		return true;
	}
	default:
		return false;
	}
	int top = s->top;
	s->cursor = ui_clamp(s->cursor + by, 0, s->count > 0 ? s->count - 1 : 0);
	ui_scroll_to(s->cursor, visible_rows(p), &s->top);
	ui_dirty(app, PANE_STAFF, top != s->top ? PANE_RECALC | PANE_REPAINT : PANE_REPAINT);
	return true;
}

const struct pane_ops ui_staff_ops = {
    .title = N_("Staff"),
    .ctx = UI_CTX_STAFF | UI_CTX_MOVE,
    .create = staff_create,
    .destroy = staff_destroy,
    .recalc = staff_recalc,
    .repaint = staff_repaint,
    .action = staff_action,
};
