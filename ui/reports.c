// SPDX-License-Identifier: GPL-3.0-or-later
/* Reports: the manager's figures, built by folio/report.c (the same code as
 * `frontdesk report`), in four views cycled with h/l: Summary (the range's
 * totals and its nights with an occupancy bar), Forecast (on the books from
 * the business date), Housekeeping (tasks done per attendant) and Cashier
 * (payments per staff member and method). x writes the view as CSV and A
 * runs the night audit. A person with a chain role (several hotels on one
 * server) has a fifth view, Chain: every hotel's figures and the group's,
 * from the server (reports_chain.c). */
#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "core/op_folio.h"
#include "cli/table_print.h"
#include "store/report.h"
#include "store/oplog.h"
#include "store/query.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/money.h"
#include "ui/reports_chain.h"

enum view { VIEW_SUMMARY, VIEW_FORECAST, VIEW_HK, VIEW_CASHIER, VIEW_CHAIN, VIEW_COUNT };

static const char *const view_names[VIEW_COUNT] = {N_("Summary"), N_("Forecast"), N_("Housekeeping"),
                                                   N_("Cashier"), N_("Chain")};
static const enum fd_report_kind view_kinds[VIEW_COUNT] = {
    FD_REPORT_SUMMARY, FD_REPORT_FORECAST, FD_REPORT_HK, FD_REPORT_CASHIER, FD_REPORT_SUMMARY};
static const int forecast_days[] = {14, 30, 90};

#define PERIOD_DAYS 14 /* the default period: wider than the command line's one day */
#define BAR_MIN 10     /* narrower bars say little: drop a column for them */
#define BAR_MAX 256

/* A range the user chose; until then it follows the business date. */
struct range {
	bool set;
	fd_date from, to;
};

struct reports {
	enum view view;
	struct range period;       /* Summary and Housekeeping */
	struct range shift;        /* Cashier */
	int days;                  /* index into forecast_days */
	bool built;                /* totals and table hold the view's figures */
	fd_date from, to;          /* what they were built for */
	struct tab totals;         /* Summary: its one row */
	struct tab table;          /* the rows shown (the nights for Summary), owned */
	int top;                   /* first table row shown */
	char cashier[FD_USER_LEN]; /* Cashier: one staff member's payments, "" for everyone's */
	struct ui_chain *chain;    /* Chain: the server's report, owned */
	bool chain_again;          /* Chain was chosen anew: ask the server again */
	bool has_chain;            /* the acting person has a chain role (recalc) */
};

/* A column of the on-screen table; the lowest ranks are kept when the
 * line is narrow (columns are dropped, never wrapped). */
struct col {
	int tab_col;
	const char *head; /* N_() */
	int width;
	int rank;
};

static const struct col daily_cols[] = {
    {0, N_("Date"), 10, 0},    {1, N_("Avail"), 5, 4}, {2, N_("Sold"), 5, 0},   {3, N_("Occ"), 6, 0},
    {4, N_("Revenue"), 10, 1}, {5, N_("ADR"), 9, 2},   {6, N_("RevPAR"), 9, 3}, {7, N_("Arr"), 4, 2},
    {8, N_("Dep"), 4, 2},      {9, N_("Canc"), 4, 5},  {10, N_("NS"), 4, 5},
};
static const struct col hk_cols[] = {
    {0, N_("Attendant"), 16, 0},   {1, N_("Done"), 5, 0},      {2, N_("Cleans"), 6, 1},
    {3, N_("Inspections"), 11, 2}, {4, N_("Turndowns"), 9, 2}, {5, N_("Days"), 4, 1},
};
static const struct col cashier_cols[] = {
    {0, N_("Staff"), 12, 0},    {1, N_("Method"), 13, 0},   {2, N_("Lines"), 5, 1},   {3, N_("Taken"), 10, 1},
    {4, N_("Refunded"), 10, 1}, {5, N_("Paid out"), 10, 2}, {6, N_("Voided"), 10, 2}, {7, N_("Net"), 10, 0},
};

#define N_OF(a) (int)(sizeof a / sizeof *a)

static void *reports_create(struct app *app)
{
	(void)app;
	struct reports *r = calloc(1, sizeof(struct reports));
	if (r && !(r->chain = ui_chain_new())) {
		free(r);
		r = NULL;
	}
	return r;
}

static void reports_destroy(void *st)
{
	struct reports *r = st;
	if (!r)
		return;
	tab_free(&r->totals);
	tab_free(&r->table);
	ui_chain_free(r->chain);
	free(r);
}

/* The range a view shows now; NULL for the forecast, which always starts
 * at the business date. */
static struct range *view_range(struct reports *r)
{
	switch (r->view) {
	case VIEW_SUMMARY:
	case VIEW_HK:
	case VIEW_CHAIN:
		return &r->period;
	case VIEW_CASHIER:
		return &r->shift;
	default:
		return NULL;
	}
}

static void current_dates(const struct app *app, struct reports *r, fd_date *from, fd_date *to)
{
	const struct range *g = view_range(r);
	if (r->view == VIEW_FORECAST) {
		*from = app->today;
		*to = app->today + forecast_days[r->days] - 1;
	} else if (g->set) {
		*from = g->from;
		*to = g->to;
	} else if (r->view == VIEW_CASHIER) {
		*from = *to = app->today; /* the shift being closed */
	} else {
		*to = app->today - 1; /* the last closed day */
		*from = *to - PERIOD_DAYS + 1;
	}
}

static void reports_recalc(struct app *app, struct pane *p)
{
	struct reports *r = p->st;
	struct fd_error err = {0};
	tab_free(&r->totals);
	tab_free(&r->table);
	r->built = false;
	bool chain = r->has_chain = fd_session_chain_role(app->session) != FD_CHAIN_NONE;
	if (!chain && r->view == VIEW_CHAIN)
		r->view = VIEW_SUMMARY;
	/* report.read is for managers: below, a person sees only their own
	 * cashier lines, whichever view they ask for; a chain person without
	 * a role here sees the chain's. */
	enum fd_report_access access = FD_REPORT_ACCESS_NONE;
	if (r->view != VIEW_CHAIN && fd_session_report_access(app->session, &access, &err)) {
		if (!chain) {
			ui_error(app, &err);
			return;
		}
		r->view = VIEW_CHAIN;
	}
	if (r->view == VIEW_CHAIN) {
		current_dates(app, r, &r->from, &r->to);
		ui_chain_recalc(app, r->chain, r->from, r->to, r->chain_again);
		r->chain_again = false;
		return;
	}
	if (access != FD_REPORT_ACCESS_ALL) {
		r->view = VIEW_CASHIER;
		snprintf(r->cashier, sizeof r->cashier, "%s", app->session->actor);
	}
	current_dates(app, r, &r->from, &r->to);
	enum fd_status st = FD_OK;
	if (r->view == VIEW_SUMMARY)
		st = fd_report_build(app->db, FD_REPORT_SUMMARY, r->from, r->to, NULL, app->currency,
		                     &r->totals, &err);
	if (!st) {
		enum fd_report_kind kind = r->view == VIEW_SUMMARY ? FD_REPORT_DAILY : view_kinds[r->view];
		const char *user = r->view == VIEW_CASHIER ? r->cashier : NULL;
		st = fd_report_build(app->db, kind, r->from, r->to, user, app->currency, &r->table, &err);
	}
	if (st) {
		ui_error(app, &err);
		return;
	}
	r->built = true;
	r->top = ui_clamp(r->top, 0, r->table.n_rows > 0 ? r->table.n_rows - 1 : 0);
}

/* ---- drawing ---- */

static const struct tab_cell *cell(const struct tab *t, int row, int col)
{
	return &t->cells[(size_t)row * (size_t)t->n_cols + (size_t)col];
}

static void cell_text(const struct app *app, const struct tab *t, int col, const struct tab_cell *v,
                      bool human, char *out, size_t n)
{
	if (v->null) {
		snprintf(out, n, "-"); /* unknowable, e.g. occupancy of a hotel without rooms */
		return;
	}
	switch (t->cols[col].kind) {
	case TAB_INT: /* grouped as the locale's numbers are (LC_NUMERIC) */
		snprintf(out, n, "%'lld", (long long)v->i);
		break;
	case TAB_MONEY: /* in the locale's marks; human: with the currency code */
		if (human)
			ui_money(v->i, app->currency, out, n);
		else
			ui_amount(v->i, app->currency, out, n);
		break;
	case TAB_RATIO:
		snprintf(out, n, "%.1f%%", v->r * 100.0);
		break;
	case TAB_TEXT:
		snprintf(out, n, "%s", v->t);
		break;
	}
}

/* Numbers line up on the right: pad on the left by display width. */
/* frac of cells in eighth blocks, or '#' per whole cell in ASCII. */
static void draw_bar(const struct app *app, WINDOW *w, int y, int x, int cells, double frac)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	char buf[BAR_MAX * 3 + 8];
	size_t n = 0;
	cells = ui_clamp(cells, 0, BAR_MAX);
	frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	int units = (int)(frac * cells * 8 + 0.5);
	if (app->ascii) {
		for (int i = 0; i < (units + 4) / 8; i++)
			buf[n++] = '#';
	} else {
		for (int i = 0; i < units / 8; i++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "█");
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", eighths[units % 8]);
	}
	buf[n] = '\0';
	ui_put(w, y, x, buf, cells, app->attr[UI_A_INHOUSE]);
}

/* Which columns fit in `width` with room for a bar: whole ranks at a time,
 * the lowest first. Returns the count of kept columns in keep[]. */
static int fit_columns(const struct col *cols, int n, int width, bool want_bar, bool *keep, int *used)
{
	int max_rank = 0, kept = 0;
	*used = 0;
	for (int i = 0; i < n; i++) {
		keep[i] = false;
		if (cols[i].rank > max_rank)
			max_rank = cols[i].rank;
	}
	for (int rank = 0; rank <= max_rank; rank++) {
		int add = 0;
		for (int i = 0; i < n; i++)
			if (cols[i].rank == rank)
				add += cols[i].width + 1;
		int reserve = rank == 0 || !want_bar ? 0 : BAR_MIN + 1;
		if (*used + add + reserve > width) {
			if (rank > 0)
				break;
			/* Not even the first rank: as many of its columns as fit. */
			for (int i = 0; i < n; i++)
				if (cols[i].rank == 0 && *used + cols[i].width <= width) {
					keep[i] = true;
					*used += cols[i].width + 1;
					kept++;
				}
			return kept;
		}
		for (int i = 0; i < n; i++)
			if (cols[i].rank == rank) {
				keep[i] = true;
				kept++;
			}
		*used += add;
	}
	return kept;
}

static const struct col *view_cols(const struct reports *r, int *n)
{
	switch (r->view) {
	case VIEW_HK:
		*n = N_OF(hk_cols);
		return hk_cols;
	case VIEW_CASHIER:
		*n = N_OF(cashier_cols);
		return cashier_cols;
	default:
		*n = N_OF(daily_cols);
		return daily_cols;
	}
}

/* The bar's share for a row: occupancy, or the row's part of the largest
 * tasks-done or amount; negative when there is nothing to draw. */
static double bar_value(const struct reports *r, int row, int64_t biggest)
{
	const struct tab *t = &r->table;
	if (t->bar_col >= 0) {
		const struct tab_cell *c = cell(t, row, t->bar_col);
		return c->null ? -1 : c->r;
	}
	int col = r->view == VIEW_HK ? 1 : 3;
	const struct tab_cell *c = cell(t, row, col);
	return c->null || biggest <= 0 || c->i <= 0 ? -1 : (double)c->i / (double)biggest;
}

static int64_t biggest_value(const struct reports *r)
{
	int64_t big = 0;
	int col = r->view == VIEW_HK ? 1 : 3;
	if (r->table.bar_col >= 0)
		return 1;
	for (int i = 0; i < r->table.n_rows; i++)
		if (!cell(&r->table, i, col)->null && cell(&r->table, i, col)->i > big)
			big = cell(&r->table, i, col)->i;
	return big;
}

/* The table's header on line y, its rows below it up to (not including)
 * line bottom. */
static void paint_table(struct app *app, struct pane *p, int y, int bottom)
{
	struct reports *r = p->st;
	int n;
	const struct col *cols = view_cols(r, &n);
	bool keep[16];
	int used;
	fit_columns(cols, n, p->w, true, keep, &used);
	int bar_w = p->w - used;
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		if (r->table.cols[cols[i].tab_col].kind == TAB_TEXT)
			ui_put(p->win, y, x, _(cols[i].head), cols[i].width, app->attr[UI_A_HEADER]);
		else
			ui_put_right(p->win, y, x, _(cols[i].head), cols[i].width, app->attr[UI_A_HEADER]);
		x += cols[i].width + 1;
	}
	if (x < p->w)
		ui_blank(p->win, y, x, p->w - x, app->attr[UI_A_HEADER]);
	int64_t big = biggest_value(r);
	int rows = bottom - (y + 1);
	/* G and PgDn stop with the last row at the bottom, not alone at the top. */
	r->top = ui_clamp(r->top, 0, r->table.n_rows > rows ? r->table.n_rows - rows : 0);
	for (int k = 0; k < rows && r->top + k < r->table.n_rows; k++) {
		int row = r->top + k;
		x = 0;
		for (int i = 0; i < n; i++) {
			if (!keep[i])
				continue;
			char buf[FD_MONEY_STRLEN + 128];
			int c = cols[i].tab_col;
			cell_text(app, &r->table, c, cell(&r->table, row, c), false, buf, sizeof buf);
			if (r->table.cols[c].kind == TAB_TEXT)
				ui_put(p->win, y + 1 + k, x, buf, cols[i].width, A_NORMAL);
			else
				ui_put_right(p->win, y + 1 + k, x, buf, cols[i].width, A_NORMAL);
			x += cols[i].width + 1;
		}
		double v = bar_value(r, row, big);
		if (bar_w >= BAR_MIN && v >= 0)
			draw_bar(app, p->win, y + 1 + k, x, bar_w, v);
	}
}

/* The Summary's figures as "label  value" cells, as many to a line as fit.
 * Returns the next free line. */
static int paint_figures(struct app *app, struct pane *p, int y)
{
	static const char *const labels[] = {N_("Rooms sold"), N_("Room revenue"),  N_("ADR"),
	                                     N_("Occupancy"),  N_("RevPAR"),        N_("Arrivals"),
	                                     N_("Departures"), N_("Cancellations"), N_("No-shows")};
	struct reports *r = p->st;
	if (r->totals.n_rows < 1)
		return y;
	char values[N_OF(labels)][FD_MONEY_STRLEN + 16];
	int lw = 0, vw = 0;
	for (int i = 0; i < N_OF(labels); i++) {
		cell_text(app, &r->totals, i, cell(&r->totals, 0, i), true, values[i], sizeof values[i]);
		lw = fd_text_width(_(labels[i])) > lw ? fd_text_width(_(labels[i])) : lw;
		vw = fd_text_width(values[i]) > vw ? fd_text_width(values[i]) : vw;
	}
	lw += 1;
	int cw = lw + vw + 2, per = (p->w + 2) / cw > 0 ? (p->w + 2) / cw : 1;
	if (cw > p->w) /* a very narrow line: the label gives way to the value */
		lw = p->w - vw - 1 > 1 ? p->w - vw - 1 : 1;
	for (int i = 0; i < N_OF(labels) && y < p->h - 1; i++) {
		int x = (i % per) * cw;
		ui_put(p->win, y, x, _(labels[i]), lw, app->attr[UI_A_HEADER]);
		ui_put_right(p->win, y, x + lw, values[i], vw, A_NORMAL);
		if (i % per == per - 1 || i == N_OF(labels) - 1)
			y++;
	}
	return y;
}

static void paint_views(struct app *app, struct pane *p, int y)
{
	struct reports *r = p->st;
	int x = 0;
	int n = r->has_chain ? VIEW_COUNT : VIEW_CHAIN;
	for (int v = 0; v < n && x < p->w; v++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", _(view_names[v]));
		int cells = fd_text_width(label);
		if (x + cells > p->w)
			cells = p->w - x;
		ui_put(p->win, y, x, label, cells, v == (int)r->view ? app->attr[UI_A_TAB_ACTIVE] : A_NORMAL);
		x += cells + 1;
	}
}

static void paint_title(struct app *app, struct pane *p)
{
	struct reports *r = p->st;
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN];
	fd_date_format(r->from, a);
	fd_date_format(r->to, b);
	int days = r->to - r->from + 1;
	switch (r->view) {
	case VIEW_SUMMARY:
		ui_title(app, p, _("Summary %s to %s (%d days)"), a, b, days);
		break;
	case VIEW_FORECAST:
		ui_title(app, p, _("Forecast %s to %s (%d days), on the books"), a, b, days);
		break;
	case VIEW_HK:
		ui_title(app, p, _("Housekeeping done %s to %s (%d days)"), a, b, days);
		break;
	case VIEW_CHAIN:
		ui_title(app, p, _("Chain: every hotel and the group, %s to %s (%d days)"), a, b, days);
		break;
	default:
		if (r->cashier[0] && days == 1)
			ui_title(app, p, _("Cashier: payments %s took on %s"), r->cashier, a);
		else if (r->cashier[0])
			ui_title(app, p, _("Cashier: payments %s took %s to %s (%d days)"), r->cashier, a, b,
			         days);
		else if (days == 1)
			ui_title(app, p, _("Cashier: payments taken on %s"), a);
		else
			ui_title(app, p, _("Cashier: payments taken %s to %s (%d days)"), a, b, days);
		break;
	}
}

static void paint_cashier_total(struct app *app, struct pane *p, int y)
{
	struct reports *r = p->st;
	int64_t total = 0;
	for (int i = 0; i < r->table.n_rows; i++)
		total += cell(&r->table, i, 7)->i; /* net */
	char m[FD_MONEY_STRLEN];
	ui_putf(p->win, y, 0, p->w, app->attr[UI_A_HEADER], _("Total taken: %s"),
	        ui_money(total, app->currency, m, sizeof m));
}

static void reports_repaint(struct app *app, struct pane *p)
{
	struct reports *r = p->st;
	paint_title(app, p);
	if (p->h < 4)
		return;
	paint_views(app, p, 1);
	static const struct ui_hint forecast[] = {{UI_REQ_REPORT_NEXT, N_("next report")},
	                                          {UI_REQ_REPORT_DAYS, N_("14/30/90 days")},
	                                          {UI_REQ_REPORT_EXPORT, N_("export CSV")},
	                                          {UI_REQ_NIGHT_AUDIT, N_("night audit")}};
	static const struct ui_hint cashier[] = {
	    {UI_REQ_REPORT_NEXT, N_("next report")},  {UI_REQ_REPORT_EARLIER, N_("period before")},
	    {UI_REQ_REPORT_RANGE, N_("dates")},       {UI_REQ_REPORT_USER, N_("whose")},
	    {UI_REQ_REPORT_EXPORT, N_("export CSV")}, {UI_REQ_NIGHT_AUDIT, N_("night audit")}};
	static const struct ui_hint other[] = {{UI_REQ_REPORT_NEXT, N_("next report")},
	                                       {UI_REQ_REPORT_EARLIER, N_("period before")},
	                                       {UI_REQ_REPORT_RANGE, N_("dates")},
	                                       {UI_REQ_REPORT_EXPORT, N_("export CSV")},
	                                       {UI_REQ_NIGHT_AUDIT, N_("night audit")}};
	if (r->view == VIEW_FORECAST)
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], forecast, 4);
	else if (r->view == VIEW_CASHIER)
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], cashier, 6);
	else if (r->view == VIEW_CHAIN)
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], other, 3);
	else
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], other, 5);
	if (r->view == VIEW_CHAIN) {
		ui_chain_paint(app, p, r->chain, 2, p->h - 1);
		return;
	}
	if (!r->built)
		return;
	int y = 2;
	if (r->view == VIEW_SUMMARY)
		y = paint_figures(app, p, y) + 1;
	int bottom = p->h - 1; /* the key hints */
	if (r->view == VIEW_CASHIER && p->h > 6)
		paint_cashier_total(app, p, --bottom);
	if (y < bottom)
		paint_table(app, p, y, bottom);
	if (r->table.n_rows == 0 && (r->view == VIEW_HK || r->view == VIEW_CASHIER) && y + 1 < bottom)
		ui_put(p->win, y + 1, 1,
		       r->view == VIEW_CASHIER ? _("No payments taken in this period.")
		                               : _("No housekeeping tasks done in this period."),
		       p->w - 1, A_NORMAL);
}

/* ---- actions ---- */

static struct reports *pane_state(struct app *app)
{
	return app->panes[PANE_REPORTS].st;
}

static void rebuild(struct app *app)
{
	ui_dirty(app, PANE_REPORTS, PANE_RECALC | PANE_REPAINT);
}

static bool forecast_fixed(struct app *app, struct reports *r)
{
	if (r->view != VIEW_FORECAST)
		return false;
	ui_message(app, _("The forecast starts at the business date; d changes its length."));
	return true;
}

/* "FROM TO" or one date; a bad date changes nothing. */
static void got_range(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct reports *r = pane_state(app);
	struct range *g = view_range(r);
	char buf[256], *save = NULL;
	snprintf(buf, sizeof buf, "%s", text);
	char *a = strtok_r(buf, " \t,", &save), *b = strtok_r(NULL, " \t,", &save),
	     *extra = strtok_r(NULL, " \t", &save);
	struct fd_error err = {0};
	fd_date from, to;
	if (!g)
		return;
	if (!a || extra)
		fd_fail(&err, FD_E_INVALID, "invalid_range", NULL,
		        _("Give one or two dates: YYYY-MM-DD [YYYY-MM-DD]."));
	else if (!fd_date_parse(a, &from))
		fd_fail(&err, FD_E_INVALID, "invalid_date", "from",
		        _("\"%s\" is not a date; use YYYY-MM-DD."), a);
	else if (b && !fd_date_parse(b, &to))
		fd_fail(&err, FD_E_INVALID, "invalid_date", "to", _("\"%s\" is not a date; use YYYY-MM-DD."),
		        b);
	else if (b && to < from)
		fd_fail(&err, FD_E_INVALID, "invalid_range", "to",
		        _("The end date %s is before the start date %s."), b, a);
	else if (b && to - from >= FD_REPORT_MAX_RANGE)
		fd_fail(&err, FD_E_INVALID, "invalid_range", "to", _("The range may span at most %d days."),
		        FD_REPORT_MAX_RANGE);
	if (err.status) {
		ui_error(app, &err);
		return;
	}
	*g = (struct range){true, from, b ? to : from};
	r->top = 0;
	rebuild(app);
}

static void ask_range(struct app *app, struct reports *r)
{
	if (forecast_fixed(app, r))
		return;
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN], init[2 * FD_DATE_STRLEN + 1];
	snprintf(init, sizeof init, "%s %s", fd_date_format(r->from, a), fd_date_format(r->to, b));
	ui_prompt(app, _("from to (YYYY-MM-DD [YYYY-MM-DD]): "), init, got_range, NULL);
}

/* [ and ]: the period of the same length before or after. */
static void shift_range(struct app *app, struct reports *r, int dir)
{
	struct range *g = view_range(r);
	if (forecast_fixed(app, r) || !g)
		return;
	int len = r->to - r->from + 1;
	fd_date from = r->from + dir * len, to = r->to + dir * len, check;
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN];
	/* Dates the module can write and read back (years 1900 to 9999). */
	if (!fd_date_parse(fd_date_format(from, a), &check) || check != from ||
	    !fd_date_parse(fd_date_format(to, b), &check) || check != to) {
		ui_message(app, _("No reports that far away."));
		return;
	}
	*g = (struct range){true, from, to};
	r->top = 0;
	rebuild(app);
}

/* Written beside the target and renamed over it: a failed write leaves
 * no half file, and an existing one stays whole until the new one is. */
static bool write_csv_file(const struct tab *t, const struct tab *total, const char *path,
                           struct fd_error *err)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		fd_fail(err, FD_E_IO, "io", NULL, _("Cannot open %s: %s"), path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return false;
	}
	tab_print_csv_total(t, total, f);
	bool bad = ferror(f) != 0;
	int saved = errno;
	if (fclose(f) != 0 && !bad) {
		bad = true;
		saved = errno;
	}
	if (!bad && rename(tmp, path) != 0) {
		bad = true;
		saved = errno;
	}
	if (bad) {
		unlink(tmp);
		fd_fail(err, FD_E_IO, "io", NULL, _("Could not write %s: %s"), path, strerror(saved));
	}
	return !bad;
}

static void write_export(struct app *app, const char *path)
{
	struct reports *r = pane_state(app);
	/* Every row on the screen, and the summary's totals under them. */
	const struct tab *t = &r->table, *total = r->view == VIEW_SUMMARY ? &r->totals : NULL;
	if (!r->built) {
		ui_message(app, _("There is no report to write."));
		return;
	}
	struct fd_error err = {0};
	if (!write_csv_file(t, total, path, &err)) {
		ui_error(app, &err);
		return;
	}
	ui_message(app, _("Wrote the %s report to %s."), _(view_names[r->view]), path);
}

static void got_export_path(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	if (!text[0]) {
		ui_message(app, _("Nothing written."));
		return;
	}
	struct stat sb;
	if (stat(text, &sb) == 0)
		ui_confirm(app, write_export, text, _("%s exists; replace it?"), text);
	else
		write_export(app, text);
}

static void got_cashier(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct reports *r = pane_state(app);
	struct fd_staff st;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (text[0] && repo->get_staff(repo->ctx, text, &st, NULL) != FD_OK) {
		struct fd_error err;
		fd_fail(&err, FD_E_NOT_FOUND, "staff_not_found", "user",
		        _("No staff member \"%s\"; see the staff pane (4)."), text);
		ui_error(app, &err);
		return;
	}
	snprintf(r->cashier, sizeof r->cashier, "%s", text);
	r->top = 0;
	rebuild(app);
}

/* A shift close is one person's: whose payments the cashier view counts. */
static void ask_cashier(struct app *app, struct reports *r)
{
	if (r->view != VIEW_CASHIER) {
		ui_message(app, "%s",
		           _("u picks whose payments the cashier view counts: press l to reach it."));
		return;
	}
	ui_prompt(app, _("payments taken by (user name, Enter: everyone): "),
	          r->cashier[0] ? r->cashier : app->session->actor, got_cashier, NULL);
}

static void ask_export(struct app *app, struct reports *r)
{
	if (r->view == VIEW_CHAIN) {
		ui_message(app, "%s",
		           _("The chain report is written as CSV by 'frontdeskd report chain --csv' at the "
		             "server."));
		return;
	}
	if (!r->built) {
		ui_message(app, _("There is no report to write."));
		return;
	}
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN], path[128];
	snprintf(path, sizeof path, "report-%s-%s-%s.csv", fd_report_kind_name(view_kinds[r->view]),
	         fd_date_format(r->from, a), fd_date_format(r->to, b));
	ui_prompt(app, _("write CSV to: "), path, got_export_path, NULL);
}

/* As `frontdesk audit`: the operation's actor is the night audit itself,
 * the signed-in user is run_by and the handler checks their role. */
static void run_audit(struct app *app, const char *arg)
{
	fd_date day;
	if (!fd_date_parse(arg, &day))
		return;
	const struct fd_repo *repo = fd_db_repo(app->db);
	struct fd_day_report rep;
	struct fd_error err = {0};
	if (repo->get_day_report(repo->ctx, day, &rep, &err) == FD_OK) {
		ui_message(app, _("%s was already closed by the night audit; nothing changed."), arg);
		return;
	}
	struct fd_op_result res = {0};
	enum fd_status st = fd_session_night_audit(app->session, day, &res, &err);
	if (st == FD_OK)
		st = repo->get_day_report(repo->ctx, day, &rep, &err);
	if (st) {
		ui_error(app, &err);
		return;
	}
	fd_query_business_date(app->db, &app->today, NULL);
	ui_data_changed(app);
	if (app->engine)
		fd_sync_kick(app->engine);
	char m[FD_MONEY_STRLEN], next[FD_DATE_STRLEN];
	/* Short enough for an 80-column message line. */
	ui_message(app, _("Closed %s: sold %lld, revenue %s, no-shows %lld; now %s.%s%s"), arg,
	           (long long)rep.rooms_sold, ui_money(rep.room_revenue, app->currency, m, sizeof m),
	           (long long)rep.no_shows, fd_date_format(app->today, next), res.warning[0] ? " " : "",
	           res.warning);
}

/* With a manager signed in over the desk: judged again as them, then run
 * (entering their password was the confirmation). */
static void run_audit_over(struct app *app, const char *day)
{
	fd_date d;
	struct fd_error err = {0};
	if (!fd_date_parse(day, &d))
		return;
	if (fd_session_check_night_audit(app->session, d, &err) != FD_OK) {
		ui_error(app, &err);
		return;
	}
	run_audit(app, day);
	char said[sizeof app->message];
	snprintf(said, sizeof said, "%s", app->message);
	if (!app->message_error)
		ui_message(app, _("%s (run by %s for %s)"), said, fd_session_actor(app->session),
		           app->session->desk);
}

static void ask_audit(struct app *app)
{
	char day[FD_DATE_STRLEN];
	fd_date_format(app->today, day);
	const struct fd_repo *repo = fd_db_repo(app->db);
	struct fd_day_report rep;
	if (repo->get_day_report(repo->ctx, app->today, &rep, NULL) == FD_OK) {
		ui_message(app, _("%s was already closed by the night audit; nothing changed."), day);
		return;
	}
	/* Refused (a staff member, arrivals not settled): say so, do not ask. */
	fd_date d;
	struct fd_error err = {0};
	if (fd_date_parse(day, &d) && fd_session_check_night_audit(app->session, d, &err) != FD_OK) {
		/* Only a manager may: one signs in over the desk for it. */
		if (err.status == FD_E_FORBIDDEN && !app->session->desk[0])
			ui_over_ask(app, err.message, run_audit_over, day);
		else
			ui_error(app, &err);
		return;
	}
	ui_confirm(app, run_audit, day, _("Run the night audit for %s and close the day?"), day);
}

static bool scroll_table(struct app *app, struct pane *p, enum ui_req req)
{
	struct reports *r = p->st;
	int page = p->h / 2 > 1 ? p->h / 2 : 1, last = r->table.n_rows > 0 ? r->table.n_rows - 1 : 0;
	switch (req) {
	case UI_REQ_UP:
		r->top--;
		break;
	case UI_REQ_DOWN:
		r->top++;
		break;
	case UI_REQ_PAGE_UP:
		r->top -= page;
		break;
	case UI_REQ_PAGE_DOWN:
		r->top += page;
		break;
	case UI_REQ_HOME:
		r->top = 0;
		break;
	case UI_REQ_END:
		r->top = last;
		break;
	default:
		return false;
	}
	r->top = ui_clamp(r->top, 0, last);
	ui_dirty(app, PANE_REPORTS, PANE_REPAINT);
	return true;
}

static bool reports_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct reports *r = p->st;
	switch (req) {
	case UI_REQ_REPORT_NEXT:
	case UI_REQ_REPORT_PREV: {
		/* Chain only for a chain person (the server's report). */
		r->has_chain = fd_session_chain_role(app->session) != FD_CHAIN_NONE;
		int n = r->has_chain ? VIEW_COUNT : VIEW_CHAIN;
		r->view = (enum view)((r->view + (req == UI_REQ_REPORT_NEXT ? 1 : n - 1)) % n);
		r->top = 0;
		r->chain_again = r->view == VIEW_CHAIN;
		rebuild(app);
		return true;
	}
	case UI_REQ_REPORT_EARLIER:
		shift_range(app, r, -1);
		return true;
	case UI_REQ_REPORT_LATER:
		shift_range(app, r, 1);
		return true;
	case UI_REQ_REPORT_RANGE:
		ask_range(app, r);
		return true;
	case UI_REQ_REPORT_DAYS:
		if (r->view != VIEW_FORECAST) {
			ui_message(app, _("d sets the forecast's length: press l to reach the forecast."));
			return true;
		}
		r->days = (r->days + 1) % N_OF(forecast_days);
		r->top = 0;
		rebuild(app);
		return true;
	case UI_REQ_REPORT_EXPORT:
		ask_export(app, r);
		return true;
	case UI_REQ_REPORT_USER:
		ask_cashier(app, r);
		return true;
	case UI_REQ_NIGHT_AUDIT:
		ask_audit(app);
		return true;
	default:
		if (r->view == VIEW_CHAIN) {
			bool moved = ui_chain_scroll(r->chain, req, p->h / 2 > 1 ? p->h / 2 : 1);
			if (moved)
				ui_dirty(app, PANE_REPORTS, PANE_REPAINT);
			return moved;
		}
		return scroll_table(app, p, req);
	}
}

const struct pane_ops ui_reports_ops = {
    .title = N_("Reports"),
    .ctx = UI_CTX_REPORTS | UI_CTX_MOVE,
    .create = reports_create,
    .destroy = reports_destroy,
    .recalc = reports_recalc,
    .repaint = reports_repaint,
    .action = reports_action,
};
