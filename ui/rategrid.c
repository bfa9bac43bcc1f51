// SPDX-License-Identifier: GPL-3.0-or-later
/* The rate grid (`P`, issue 15): each rate plan and room type it sells
 * against the dates from the business date on, with the price for two
 * adults (a derived plan's as computed from its parent), the rooms of the
 * type still free, and a mark for a restriction: x stop-sell, A closed to
 * arrival, D closed to departure, m a stay length limit. As many days as
 * fit (seven at 80 columns). The cursor is a cell: Up/Down a row,
 * Left/Right a day (the dates scroll at the edges), [ ] a week.
 *
 * A manager edits the cell under the cursor: Enter types its price, x
 * turns stop-sell on or off, m sets the minimum stay. Each is the same
 * operation as 'frontdesk rates set' and 'frontdesk restrict' for that
 * one night (rate.set, rate.restrict), so core judges it, it syncs and
 * the server checks it again. Others see the grid read only and are told
 * why when they try. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/rate.h"
#include "core/repo.h"
#include "session/session.h"
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
	/* The plan's own row for each night (not its parent's): what an edit
	 * starts from. */
	int64_t own_price[MAX_DAYS]; /* the price shown's slot: for two adults when set, else any */
	bool own_two[MAX_DAYS];      /* the price for two adults is set */
	bool own_stop[MAX_DAYS];
	int own_min[MAX_DAYS];
};

struct grid {
	struct ui_list list;
	fd_date from;
	int days;
	int col; /* the cursor's day: from + col */
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
	struct fd_rate_day *own = NULL;
	int n_own = 0;
	for (int i = 0; i < g->days; i++)
		r->own_price[i] = FD_RATE_UNSET;
	if (repo->rate_days && repo->rate_days(repo->ctx, r->plan.code, r->type, g->from, g->from + g->days,
	                                       &own, &n_own, NULL) == FD_OK)
		for (int k = 0; k < n_own; k++) {
			int i = own[k].night - g->from;
			if (i < 0 || i >= g->days)
				continue;
			r->own_two[i] = own[k].price_n[1] != FD_RATE_UNSET;
			r->own_price[i] = r->own_two[i] ? own[k].price_n[1] : own[k].price;
			r->own_stop[i] = own[k].stop_sell;
			r->own_min[i] = own[k].min_stay;
		}
	free(own);
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
	if (g->col >= g->days)
		g->col = g->days - 1;
	g->n = 0;
	g->n_types = 0;
	fd_query_room_types(app->db, add_type, g, NULL);
	/* the free rooms of each type, then each plan's prices */
	for (int t = 0; t < g->n_types && g->n < MAX_ROWS; t++) {
		struct grid_row *r = &g->rows[g->n++];
		memset(r, 0, sizeof *r);
		r->avail = true;
		snprintf(r->type, sizeof r->type, "%s", g->types[t]);
		int free_rooms[MAX_DAYS] = {0};
		fd_query_available_nights(app->db, r->type, g->from, g->from + g->days, free_rooms, NULL);
		for (int i = 0; i < g->days; i++)
			snprintf(r->cell[i], sizeof r->cell[i], "%*d ", CELL_W - 1, free_rooms[i]);
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
		attr_t a = r->avail ? app->attr[UI_A_PAST] : A_NORMAL;
		ui_put(p->win, 2 + k, 0, line, p->w, a);
		if (i == g->list.cursor) {
			/* The row's label and the cell under the cursor. */
			ui_put(p->win, 2 + k, 0, label, LABEL_W - 1, app->attr[UI_A_CURSOR]);
			if (LABEL_W + (g->col + 1) * CELL_W <= p->w)
				ui_put(p->win, 2 + k, LABEL_W + g->col * CELL_W, r->cell[g->col], CELL_W,
				       app->attr[UI_A_CURSOR]);
		}
	}
	if (g->n == g->n_types)
		ui_put(p->win, 2 + g->n, 0,
		       _("No rate plans: a manager adds them with 'frontdesk plan add'."), p->w, A_NORMAL);
	ui_put(p->win, p->h - 2, 0, _("Marks: x stop-sell  A no arrival  D no departure  m stay limits"),
	       p->w, app->attr[UI_A_PAST]);
	if (fd_session_allows(app->session, "rate.set"))
		ui_put(p->win, p->h - 1, 0,
		       _("Enter price  x stop-sell  m min stay  arrows move  [ ] week  Esc back"), p->w,
		       app->attr[UI_A_PAST]);
	else
		ui_put(p->win, p->h - 1, 0, _("Read only: a manager sets prices and restrictions.  Esc back"),
		       p->w, app->attr[UI_A_PAST]);
}

/* The plan row and night under the cursor, or NULL (with a message) when
 * the cursor is not on a plan's cell or the acting person may not edit. */
static const struct grid_row *edit_cell(struct app *app, struct grid *g, const char *action, fd_date *night)
{
	if (!fd_session_allows(app->session, action)) {
		const char *who = app->session->actor[0] ? app->session->actor : app->session->requested;
		if (who[0])
			ui_message(
			    app,
			    _("Read only: %s may not set prices and restrictions; a manager sets them. "
			      "Ask a manager, or use 'frontdesk rates set' / 'restrict' as one."),
			    who);
		else
			ui_message(app, _("Read only: a manager sets prices and restrictions. Ask a manager, "
			                  "or use 'frontdesk rates set' / 'restrict' as one."));
		return NULL;
	}
	if (g->list.cursor < 0 || g->list.cursor >= g->n || g->rows[g->list.cursor].avail) {
		ui_message(app, _("This row counts free rooms: move to a rate plan's row to change it."));
		return NULL;
	}
	*night = g->from + g->col;
	return &g->rows[g->list.cursor];
}

/* A rate.set or rate.restrict of one night, as the command line's. */
static void cell_op(struct app *app, const struct grid_row *r, fd_date night, const char *type,
                    struct fd_op *op)
{
	char day[FD_DATE_STRLEN];
	fd_date_format(night, day);
	fd_session_op(app->session, op, type);
	cJSON_AddStringToObject(op->payload, "plan", r->plan.code);
	cJSON_AddStringToObject(op->payload, "type", r->type);
	cJSON_AddStringToObject(op->payload, "from", day);
	cJSON_AddStringToObject(op->payload, "to", day);
}

static struct grid *the_grid(struct app *app)
{
	return app->panes[PANE_RATES].st;
}

static void got_price(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct grid *g = the_grid(app);
	fd_date night;
	const struct grid_row *r = g ? edit_cell(app, g, "rate.set", &night) : NULL;
	if (!r)
		return;
	int64_t v;
	struct fd_error err = {0};
	if (fd_money_parse(text, app->currency, &v, &err)) {
		struct fd_error why;
		fd_fail(&why, FD_E_INVALID, err.code, "amount", _("Price \"%s\": %s"), text, err.message);
		ui_error(app, &why);
		return;
	}
	struct fd_op op;
	cell_op(app, r, night, "rate.set", &op);
	cJSON_AddNumberToObject(op.payload, "amount", (double)v);
	/* The grid shows the price for two adults: set that one when the
	 * night has it, else the price for any occupancy. */
	if (r->own_two[night - g->from])
		cJSON_AddNumberToObject(op.payload, "adults", 2);
	char plan[FD_PLAN_CODE_LEN], type[FD_TYPECODE_LEN], day[FD_DATE_STRLEN], m[FD_MONEY_STRLEN];
	snprintf(plan, sizeof plan, "%s", r->plan.code);
	snprintf(type, sizeof type, "%s", r->type);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("%s %s on %s: %s %s."), plan, type, fd_date_format(night, day),
		           fd_money_format_plain(v, app->currency, m, sizeof m), app->currency);
}

static void got_min_stay(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct grid *g = the_grid(app);
	fd_date night;
	const struct grid_row *r = g ? edit_cell(app, g, "rate.restrict", &night) : NULL;
	if (!r)
		return;
	char *end;
	long n = strtol(text, &end, 10);
	while (*end == ' ')
		end++;
	if (end == text || *end || n < 0 || n > 365) {
		struct fd_error why;
		fd_fail(&why, FD_E_INVALID, "invalid_field", "min_stay",
		        _("\"%s\" is not a number of nights: type 0 to 365 (0: no minimum)."), text);
		ui_error(app, &why);
		return;
	}
	struct fd_op op;
	cell_op(app, r, night, "rate.restrict", &op);
	cJSON_AddNumberToObject(op.payload, "min_stay", (double)n);
	char plan[FD_PLAN_CODE_LEN], type[FD_TYPECODE_LEN], day[FD_DATE_STRLEN];
	snprintf(plan, sizeof plan, "%s", r->plan.code);
	snprintf(type, sizeof type, "%s", r->type);
	if (!ui_apply(app, &op, 1, NULL))
		return;
	fd_date_format(night, day);
	if (n)
		ui_message(app,
		           ngettext("%s %s: arrivals on %s stay at least %ld night.",
		                    "%s %s: arrivals on %s stay at least %ld nights.", (unsigned long)n),
		           plan, type, day, n);
	else
		ui_message(app, _("%s %s: no minimum stay for arrivals on %s."), plan, type, day);
}

static void edit_price(struct app *app, struct grid *g)
{
	fd_date night;
	const struct grid_row *r = edit_cell(app, g, "rate.set", &night);
	if (!r)
		return;
	char label[96], day[FD_DATE_STRLEN], m[FD_MONEY_STRLEN] = "";
	int64_t cur = r->own_price[night - g->from];
	if (cur != FD_RATE_UNSET)
		fd_money_format_plain(cur, app->currency, m, sizeof m);
	snprintf(label, sizeof label, _("%s %s %s price (%s): "), r->plan.code, r->type,
	         fd_date_format(night, day), app->currency);
	ui_prompt(app, label, m, got_price, "");
}

static void edit_min_stay(struct app *app, struct grid *g)
{
	fd_date night;
	const struct grid_row *r = edit_cell(app, g, "rate.restrict", &night);
	if (!r)
		return;
	char label[96], day[FD_DATE_STRLEN], cur[16];
	snprintf(cur, sizeof cur, "%d", r->own_min[night - g->from]);
	snprintf(label, sizeof label, _("%s %s %s minimum stay (nights, 0 none): "), r->plan.code, r->type,
	         fd_date_format(night, day));
	ui_prompt(app, label, cur, got_min_stay, "");
}

static void toggle_stop_sell(struct app *app, struct grid *g)
{
	fd_date night;
	const struct grid_row *r = edit_cell(app, g, "rate.restrict", &night);
	if (!r)
		return;
	bool on = !r->own_stop[night - g->from];
	struct fd_op op;
	cell_op(app, r, night, "rate.restrict", &op);
	cJSON_AddBoolToObject(op.payload, "stop_sell", on);
	char plan[FD_PLAN_CODE_LEN], type[FD_TYPECODE_LEN], day[FD_DATE_STRLEN];
	snprintf(plan, sizeof plan, "%s", r->plan.code);
	snprintf(type, sizeof type, "%s", r->type);
	fd_date_format(night, day);
	if (!ui_apply(app, &op, 1, NULL))
		return;
	if (on)
		ui_message(app, _("%s %s: stop-sell on %s."), plan, type, day);
	else
		ui_message(app, _("%s %s: on sale again on %s."), plan, type, day);
}

static bool grid_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct grid *g = p->st;
	int step = 0;
	switch (req) {
	case UI_REQ_RATE_PRICE:
		edit_price(app, g);
		return true;
	case UI_REQ_RATE_STOP_SELL:
		toggle_stop_sell(app, g);
		return true;
	case UI_REQ_RATE_MIN_STAY:
		edit_min_stay(app, g);
		return true;
	case UI_REQ_LEFT:
		/* the cursor moves a day; the dates scroll at the edges */
		if (g->col > 0) {
			g->col--;
			ui_dirty(app, PANE_RATES, PANE_REPAINT);
			return true;
		}
		step = -1;
		break;
	case UI_REQ_RIGHT:
		if (g->col < g->days - 1) {
			g->col++;
			ui_dirty(app, PANE_RATES, PANE_REPAINT);
			return true;
		}
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
		g->col = 0;
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
