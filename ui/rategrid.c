// SPDX-License-Identifier: GPL-3.0-or-later
/* The rate grid (`P`, issue 15): each rate plan and room type it sells
 * against the dates from the business date on, with the price for two
 * adults (a derived plan's as computed from its parent), the rooms of the
 * type still free, and a mark for a restriction: x stop-sell, A closed to
 * arrival, D closed to departure, m a stay length limit. As many days as
 * fit (seven at 80 columns); Left/Right move by a day, [ ] by a week.
 * Read only here: prices and restrictions are set with 'frontdesk rates
 * set' and 'frontdesk restrict'. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/rate.h"
#include "store/query.h"
#include "store/query_desk.h"
#include "store/rates.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"

#define MAX_ROWS 96
#define MAX_DAYS 31
#define LABEL_W 14
#define CELL_W 9

struct grid_row {
	bool avail; /* the room type's free rooms, not a plan */
	struct fd_rate_plan plan;
	char type[FD_TYPECODE_LEN];
	char cell[MAX_DAYS][CELL_W + 1];
};

struct grid {
	struct ui_list list;
	fd_date from;
	int days;
	struct grid_row rows[MAX_ROWS];
	int n;
	char types[32][FD_TYPECODE_LEN];
	int n_types;
};

static const int widths[] = {0};

static void *grid_create(struct app *app)
{
	struct grid *g = calloc(1, sizeof *g);
	if (g) {
		ui_list_init(&g->list, 1, widths, 3);
		g->from = app->today;
	}
	return g;
}

static void grid_destroy(void *st)
{
	free(st);
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 4;
	return v < 1 ? 1 : v;
}

static bool add_type(void *ctx, const struct fd_room_type *t)
{
	struct grid *g = ctx;
	if (g->n_types < 32)
		snprintf(g->types[g->n_types++], FD_TYPECODE_LEN, "%s", t->code);
	return true;
}

static void fill_plan_row(struct app *app, struct grid *g, struct grid_row *r)
{
	const struct fd_repo *repo = fd_db_repo(app->db);
	for (int i = 0; i < g->days; i++) {
		struct fd_rate_day d;
		int64_t price;
		bool priced;
		char m[FD_MONEY_STRLEN] = "-";
		if (fd_rate_effective_day(repo, &r->plan, r->type, g->from + i, 2, 0, &d, &price, &priced,
		                          NULL) != FD_OK)
			priced = false, memset(&d, 0, sizeof d);
		if (priced)
			fd_money_format_plain(price, app->currency, m, sizeof m);
		char mark = d.stop_sell                                 ? 'x'
		            : d.cta                                     ? 'A'
		            : d.ctd                                     ? 'D'
		            : d.min_stay || d.max_stay || d.min_through ? 'm'
		                                                        : ' ';
		snprintf(r->cell[i], sizeof r->cell[i], "%*.*s%c", CELL_W - 1, CELL_W - 1, m, mark);
	}
}

static void grid_recalc(struct app *app, struct pane *p)
{
	struct grid *g = p->st;
	g->days = (p->w - LABEL_W) / CELL_W;
	if (g->days > MAX_DAYS)
		g->days = MAX_DAYS;
	if (g->days < 1)
		g->days = 1;
	g->n = 0;
	g->n_types = 0;
	fd_query_room_types(app->db, add_type, g, NULL);
	/* the free rooms of each type, then each plan's prices */
	for (int t = 0; t < g->n_types && g->n < MAX_ROWS; t++) {
		struct grid_row *r = &g->rows[g->n++];
		memset(r, 0, sizeof *r);
		r->avail = true;
		snprintf(r->type, sizeof r->type, "%s", g->types[t]);
		for (int i = 0; i < g->days; i++) {
			int free_rooms = 0;
			fd_query_available(app->db, r->type, g->from + i, &free_rooms, NULL);
			snprintf(r->cell[i], sizeof r->cell[i], "%*d ", CELL_W - 1, free_rooms);
		}
	}
	struct fd_rate_plan *plans = NULL;
	int n = 0;
	struct fd_error err = {0};
	if (fd_query_rate_plans(app->db, &plans, &n, &err))
		ui_error(app, &err);
	for (int i = 0; i < n; i++)
		for (int t = 0; t < g->n_types && g->n < MAX_ROWS; t++) {
			if (!fd_plan_sells(&plans[i], g->types[t]))
				continue;
			struct grid_row *r = &g->rows[g->n++];
			memset(r, 0, sizeof *r);
			r->plan = plans[i];
			snprintf(r->type, sizeof r->type, "%s", g->types[t]);
			fill_plan_row(app, g, r);
		}
	free(plans);
	ui_list_set(&g->list, g->n, visible_rows(p));
}

static void grid_repaint(struct app *app, struct pane *p)
{
	struct grid *g = p->st;
	ui_title(app, p, _("Rate grid: price for two adults, free rooms  (%s)"), app->currency);
	char head[512] = "";
	size_t len = (size_t)snprintf(head, sizeof head, "%-*s", LABEL_W, _("Plan  type"));
	static const char *const wd[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
	                                 N_("Fr"), N_("Sa"), N_("Su")};
	for (int i = 0; i < g->days && len < sizeof head; i++) {
		char d[FD_DATE_STRLEN];
		fd_date_format(g->from + i, d);
		len += (size_t)snprintf(head + len, sizeof head - len, "%*s%s %s", CELL_W - 8, "",
		                        _(wd[fd_date_weekday(g->from + i)]), d + 5);
	}
	ui_put(p->win, 1, 0, head, p->w, app->attr[UI_A_HEADER]);
	int vis = visible_rows(p);
	for (int k = 0; k < vis; k++) {
		int i = g->list.top + k;
		if (i >= g->n) {
			ui_put(p->win, 2 + k, 0, "", p->w, A_NORMAL);
			continue;
		}
		const struct grid_row *r = &g->rows[i];
		char line[512], label[LABEL_W + 1];
		if (r->avail)
			snprintf(label, sizeof label, "%s %s", r->type, _("free"));
		else
			snprintf(label, sizeof label, "%s %s", r->plan.code, r->type);
		len = (size_t)snprintf(line, sizeof line, "%-*s", LABEL_W, label);
		for (int d = 0; d < g->days && len < sizeof line; d++)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s", r->cell[d]);
		attr_t a = i == g->list.cursor ? app->attr[UI_A_CURSOR]
		           : r->avail          ? app->attr[UI_A_PAST]
		                               : A_NORMAL;
		ui_put(p->win, 2 + k, 0, line, p->w, a);
	}
	if (g->n == g->n_types)
		ui_put(p->win, 2 + g->n, 0,
		       _("No rate plans: a manager adds them with 'frontdesk plan add'."), p->w, A_NORMAL);
	ui_put(p->win, p->h - 1, 0,
	       _("x stop-sell  A no arrival  D no departure  m stay limits  Left/Right  Esc back"), p->w,
	       app->attr[UI_A_PAST]);
}

static bool grid_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct grid *g = p->st;
	int step = 0;
	switch (req) {
	case UI_REQ_LEFT:
		step = -1;
		break;
	case UI_REQ_RIGHT:
		step = 1;
		break;
	case UI_REQ_WEEK_BACK:
		step = -7;
		break;
	case UI_REQ_WEEK_FWD:
		step = 7;
		break;
	case UI_REQ_TODAY:
		g->from = app->today;
		ui_dirty(app, PANE_RATES, PANE_RECALC | PANE_REPAINT);
		return true;
	default:
		break;
	}
	if (step) {
		g->from += step;
		ui_dirty(app, PANE_RATES, PANE_RECALC | PANE_REPAINT);
		return true;
	}
	switch (ui_list_move(&g->list, req)) {
	case UI_LIST_SCROLLED:
	case UI_LIST_MOVED:
		ui_dirty(app, PANE_RATES, PANE_REPAINT);
		return true;
	default:
		return false;
	}
}

const struct pane_ops ui_rates_ops = {
    .title = N_("Rate grid"),
    .ctx = UI_CTX_RATES | UI_CTX_MOVE,
    .create = grid_create,
    .destroy = grid_destroy,
    .recalc = grid_recalc,
    .repaint = grid_repaint,
    .action = grid_action,
};
