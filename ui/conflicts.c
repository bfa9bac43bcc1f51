// SPDX-License-Identifier: GPL-3.0-or-later
/* Refused operations (`!`): the open conflict notices the server sent back,
 * as 'frontdesk conflicts' lists them (store/lookup.h), each with when,
 * which operation and the server's reason. `r` gives the booking another
 * room and `a` accepts the loss, the same conflict.resolve operation as
 * 'frontdesk resolve'; Enter shows the whole reason. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/lookup.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"

#define MAX_NOTICES 256

struct notice {
	char id[FD_ID_LEN];
	char when[20];
	char what[64];
	char reason[256];
};

struct conflicts {
	struct ui_list list;
	struct notice rows[MAX_NOTICES];
	int n;
};

static const int widths[] = {17, 24, 0};

static void *conflicts_create(struct app *app)
{
	(void)app;
	struct conflicts *c = calloc(1, sizeof *c);
	if (c)
		ui_list_init(&c->list, 2, widths, 3);
	return c;
}

static void conflicts_destroy(void *st)
{
	free(st);
}

static bool add_notice(void *ctx, const struct fd_conflict_row *row)
{
	struct conflicts *c = ctx;
	if (c->n >= MAX_NOTICES)
		return false;
	struct notice *n = &c->rows[c->n++];
	snprintf(n->id, sizeof n->id, "%s", row->id);
	time_t t = (time_t)row->created_at;
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(n->when, sizeof n->when, "%Y-%m-%d %H:%M", &tm))
		snprintf(n->when, sizeof n->when, "-");
	snprintf(n->what, sizeof n->what, "%s", row->type);
	snprintf(n->reason, sizeof n->reason, "%s", row->message);
	return true;
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 3;
	return v < 1 ? 1 : v;
}

static void conflicts_recalc(struct app *app, struct pane *p)
{
	struct conflicts *c = p->st;
	struct fd_error err = {0};
	c->n = 0;
	if (fd_query_conflicts(app->db, false, add_notice, c, &err))
		ui_error(app, &err);
	ui_list_set(&c->list, c->n, visible_rows(p));
}

static void conflicts_repaint(struct app *app, struct pane *p)
{
	struct conflicts *c = p->st;
	ui_title(app, p, _("Refused operations: %d open"), c->n);
	ui_list_header(p->win, &c->list, 1, p->w, app->attr[UI_A_HEADER], _("When"), _("Operation"),
	               _("Server's reason"));
	for (int i = c->list.top; i < c->n && i < c->list.top + visible_rows(p); i++)
		ui_list_row(p->win, &c->list, i, p->w, A_NORMAL, app->attr[UI_A_CURSOR], c->rows[i].when,
		            c->rows[i].what, c->rows[i].reason);
	if (c->n == 0)
		ui_put(p->win, 2, 1, _("No open conflicts."), p->w - 1, A_NORMAL);
	ui_pane_hints(app, p);
}

static bool resolve(struct app *app, const char *id, const char *room)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "conflict.resolve");
	cJSON_AddStringToObject(op.payload, "conflict", id);
	if (room)
		cJSON_AddStringToObject(op.payload, "room", room);
	else
		cJSON_AddBoolToObject(op.payload, "accept", true);
	if (!ui_apply(app, &op, 1, NULL))
		return false;
	if (room)
		ui_message(app, _("Resolved: the booking now has room %s."), room);
	else
		ui_message(app, _("Resolved: the loss is accepted."));
	ui_dirty(app, PANE_CONFLICTS, PANE_RECALC | PANE_REPAINT);
	return true;
}

static void resolve_room(struct app *app, const char *text, const char *arg)
{
	if (!text[0]) {
		ui_message(app, _("Nothing changed."));
		return;
	}
	resolve(app, arg, text);
}

static bool conflicts_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct conflicts *c = p->st;
	switch (ui_list_move(&c->list, req)) {
	case UI_LIST_SCROLLED:
	case UI_LIST_MOVED:
		ui_dirty(app, PANE_CONFLICTS, PANE_REPAINT);
		return true;
	default:
		break;
	}
	int i = c->list.cursor;
	bool have = i >= 0 && i < c->n;
	switch (req) {
	case UI_REQ_CONFLICT_SHOW:
		if (have)
			ui_message(app, "%s: %s", c->rows[i].what, c->rows[i].reason);
		return true;
	case UI_REQ_CONFLICT_RESOLVE:
		if (have)
			ui_prompt(app, _("give the booking room: "), "", resolve_room, c->rows[i].id);
		return true;
	case UI_REQ_CONFLICT_ACCEPT:
		if (have)
			resolve(app, c->rows[i].id, NULL);
		return true;
	default:
		return false;
	}
}

static const struct ui_hint hints[] = {{UI_REQ_CONFLICT_SHOW, N_("reason")},
                                       {UI_REQ_CONFLICT_RESOLVE, N_("another room")},
                                       {UI_REQ_CONFLICT_ACCEPT, N_("accept the loss")},
                                       {UI_REQ_BACK, N_("back")}};

const struct pane_ops ui_conflicts_ops = {
    .hints = hints,
    .n_hints = 4,
    .title = N_("Refused operations"),
    .ctx = UI_CTX_CONFLICTS | UI_CTX_MOVE,
    .create = conflicts_create,
    .destroy = conflicts_destroy,
    .recalc = conflicts_recalc,
    .repaint = conflicts_repaint,
    .action = conflicts_action,
};
