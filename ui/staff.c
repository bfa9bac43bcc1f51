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
#include "ui/list.h"

#define PAGE 256

struct staff {
	int count;
	struct ui_list list; /* rows[i] is row list.top + i */
	struct fd_staff_row rows[PAGE];
	int n;
};

static const int widths[] = {5, 14, 22, 8, 16, 4, 0};

static const char *role_text(enum fd_role r)
{
	switch (r) {
	case FD_ROLE_GUEST:
		return _("guest");
	case FD_ROLE_STAFF:
		return _("staff");
	case FD_ROLE_MANAGER:
		return _("manager");
	case FD_ROLE_ADMIN:
		return _("admin");
	}
	return "?";
}

static const char *dept_text(enum fd_dept d)
{
	switch (d) {
	case FD_DEPT_FRONT_OFFICE:
		return _("front office");
	case FD_DEPT_HOUSEKEEPING:
		return _("housekeeping");
	case FD_DEPT_MAINTENANCE:
		return _("maintenance");
	case FD_DEPT_MANAGEMENT:
		return _("management");
	case FD_DEPT_NIGHT_AUDIT:
		return _("night audit");
	}
	return "?";
}

static void *staff_create(struct app *app)
{
	(void)app;
	struct staff *s = calloc(1, sizeof *s);
	if (s)
		ui_list_init(&s->list, 2, widths, 7);
	return s;
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
	ui_list_set(&s->list, s->count, visible_rows(p));
	s->n = 0;
	if (fd_query_staff_page(app->db, app->today, s->list.top, visible_rows(p), add_staff, s, &err))
		ui_error(app, &err);
}

static void staff_repaint(struct app *app, struct pane *p)
{
	struct staff *s = p->st;
	int on = 0;
	for (int i = 0; i < s->n; i++)
		on += s->rows[i].s.on_shift;
	ui_title(app, p, _("Staff: %d, on shift %d"), s->count, on);
	ui_list_header(p->win, &s->list, 1, p->w, app->attr[UI_A_HEADER], _("Shift"), _("User"), _("Name"),
	               _("Role"), _("Department"), _("Sec"), _("Rooms done/assigned"));
	for (int i = 0; i < s->n && i < visible_rows(p); i++) {
		const struct fd_staff_row *r = &s->rows[i];
		char counts[32];
		snprintf(counts, sizeof counts, "%d/%d", r->done, r->assigned);
		ui_list_row(p->win, &s->list, s->list.top + i, p->w, A_NORMAL, app->attr[UI_A_CURSOR],
		            r->s.on_shift ? _("ON") : "-", r->s.username, r->s.display_name,
		            role_text(r->s.role), dept_text(r->s.dept), r->s.section, counts);
	}
	if (s->count == 0)
		ui_put(p->win, 2, 1, _("No staff yet: add them with 'frontdesk staff add'."), p->w - 1,
		       A_NORMAL);
	ui_pane_hints(app, p);
}

static bool staff_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct staff *s = p->st;
	switch (ui_list_move(&s->list, req)) {
	case UI_LIST_SCROLLED:
		ui_dirty(app, PANE_STAFF, PANE_RECALC | PANE_REPAINT);
		return true;
	case UI_LIST_MOVED:
		ui_dirty(app, PANE_STAFF, PANE_REPAINT);
		return true;
	default:
		break;
	}
	if (req != UI_REQ_STAFF_SHIFT)
		return false;
	int i = s->list.cursor - s->list.top;
	if (i >= 0 && i < s->n)
		ui_staff_shift(app, s->rows[i].s.username, !s->rows[i].s.on_shift);
	return true;
}

static const struct ui_hint hints[] = {{UI_REQ_STAFF_SHIFT, N_("sign on or off shift")}};

const struct pane_ops ui_staff_ops = {
    .hints = hints,
    .n_hints = 1,
    .title = N_("Staff"),
    .ctx = UI_CTX_STAFF | UI_CTX_MOVE,
    .create = staff_create,
    .destroy = staff_destroy,
    .recalc = staff_recalc,
    .repaint = staff_repaint,
    .action = staff_action,
};
