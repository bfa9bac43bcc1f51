// SPDX-License-Identifier: GPL-3.0-or-later
/* Folio: a booking's bill. Its folios (the guest's, a split, a company's)
 * one under the other, each with its lines, VAT and balance; the cursor
 * walks the lines. Postings, payments, refunds, voids, moves, new folios
 * and the direct-bill settlement are operations like any other, asked for
 * on the message line (ui/folio_ask.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/folio.h"
#include "ui/money.h"

static void *folio_create(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct ui_folio));
}

static void drop_folios(struct ui_folio *f)
{
	for (int i = 0; i < f->n_folios; i++)
		free(f->v[i].lines);
	free(f->v);
	f->v = NULL;
	f->n_folios = f->n_rows = 0;
	f->guest_balance = 0;
}

static void folio_destroy(void *st)
{
	drop_folios(st);
	free(st);
}

static enum fd_status load_folio(struct app *app, struct ui_folio_view *v, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(app->db);
	enum fd_status st = repo->folio_lines(repo->ctx, v->f.id, &v->lines, &v->n, err);
	if (!st && !fd_folio_sum(v->lines, (size_t)v->n, &v->t))
		st =
		    fd_fail(err, FD_E_INVALID, "invalid_amount", NULL, _("The folio's sum is out of range."));
	return st;
}

static enum fd_status load(struct app *app, struct ui_folio *f, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(app->db);
	enum fd_status st = fd_session_booking(app->session, app->folio_code, &f->row, err);
	if (st)
		return st;
	struct fd_folio *list = NULL;
	int n = 0;
	if ((st = repo->booking_folios(repo->ctx, f->row.b.id, &list, &n, err))) {
		free(list);
		return st;
	}
	f->v = n ? calloc((size_t)n, sizeof *f->v) : NULL;
	if (n && !f->v) {
		free(list);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	for (int i = 0; i < n; i++)
		f->v[i].f = list[i];
	free(list);
	f->n_folios = n;
	for (int i = 0; i < n && !st; i++) {
		st = load_folio(app, &f->v[i], err);
		f->n_rows += 1 + f->v[i].n;
		if (f->v[i].f.kind == FD_FOLIO_GUEST)
			f->guest_balance += f->v[i].t.balance;
	}
	return st;
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 5; /* title, column header, totals, keys, one spare */
	return v < 1 ? 1 : v;
}

static void folio_recalc(struct app *app, struct pane *p)
{
	struct ui_folio *f = p->st;
	struct fd_error err = {0};
	drop_folios(f);
	f->loaded = false;
	/* Tab 7 before any f: the booking last opened. */
	if (!app->folio_code[0])
		snprintf(app->folio_code, sizeof app->folio_code, "%s", app->detail_code);
	if (!app->folio_code[0])
		return;
	if (load(app, f, &err)) {
		drop_folios(f);
		ui_error(app, &err);
		return;
	}
	f->loaded = true;
	ui_list_set(&f->list, f->n_rows, visible_rows(p));
}

bool ui_folio_row(const struct ui_folio *f, int row, int *folio, int *line)
{
	for (int i = 0; i < f->n_folios; i++) {
		if (row == 0) {
			*folio = i;
			*line = -1;
			return true;
		}
		row--;
		if (row < f->v[i].n) {
			*folio = i;
			*line = row;
			return true;
		}
		row -= f->v[i].n;
	}
	return false;
}

/* A payment dated before the arrival is shown as the deposit it is. */
static const char *kind_text(const struct ui_folio *f, const struct fd_folio_line *l)
{
	switch (l->kind) {
	case FD_LINE_CHARGE:
		return _("charge");
	case FD_LINE_PAYMENT:
		return l->date < f->row.b.arrival ? _("deposit") : _("payment");
	case FD_LINE_REFUND:
		return _("refund");
	case FD_LINE_VOID:
		return _("void");
	case FD_LINE_TRANSFER:
		return _("transfer");
	}
	return "?";
}

/* Column layout: the code and VAT columns go first when the pane is narrow. */
struct cols {
	int date, kind, code, desc, amount, vat;
};

static struct cols columns(int w)
{
	struct cols c = {.date = 10, .kind = 9, .code = 9, .amount = 12, .vat = 10};
	if (w < 76) {
		c.code = 0;
		c.vat = 0;
	}
	if (w < 56)
		c.date = 5;
	c.desc = w - (c.date + 1) - (c.kind + 1) - (c.code ? c.code + 1 : 0) - c.amount -
	         (c.vat ? c.vat + 1 : 0) - 1;
	if (c.desc < 4)
		c.desc = 4;
	return c;
}

static void paint_line(struct app *app, struct pane *p, int y, const struct ui_folio_view *v, int k,
                       attr_t attr)
{
	const struct ui_folio *f = p->st;
	const struct fd_folio_line *l = &v->lines[k];
	struct cols c = columns(p->w);
	bool voided = fd_folio_line_voided(v->lines, (size_t)v->n, l->id);
	if (voided && attr == A_NORMAL)
		attr = app->attr[UI_A_PAST];
	char day[FD_DATE_STRLEN], amount[FD_MONEY_STRLEN], vat[FD_MONEY_STRLEN], desc[FD_LINE_TEXT_LEN + 32];
	fd_date_format(l->date, day);
	snprintf(desc, sizeof desc, "%s%s%s", l->description, voided ? " " : "", voided ? _("(voided)") : "");
	int x = 0;
	ui_put(p->win, y, x, c.date == 5 ? day + 5 : day, c.date + 1, attr);
	x += c.date + 1;
	ui_put(p->win, y, x, kind_text(f, l), c.kind + 1, attr);
	x += c.kind + 1;
	if (c.code) {
		ui_put(p->win, y, x, l->code, c.code + 1, attr);
		x += c.code + 1;
	}
	ui_put(p->win, y, x, desc, c.desc + 1, attr);
	x += c.desc + 1;
	ui_put_right(p->win, y, x, ui_amount(l->amount, app->currency, amount, sizeof amount), c.amount,
	             attr);
	x += c.amount;
	if (c.vat) {
		ui_blank(p->win, y, x, 1, attr);
		ui_put_right(p->win, y, x + 1,
		             l->tax ? ui_amount(l->tax, app->currency, vat, sizeof vat) : "", c.vat, attr);
		x += c.vat + 1;
	}
	if (x < p->w)
		ui_blank(p->win, y, x, p->w - x, attr);
}

static void paint_header(struct app *app, struct pane *p, int y, int i, attr_t attr)
{
	const struct ui_folio *f = p->st;
	const struct ui_folio_view *v = &f->v[i];
	char left[FD_NAME_LEN + 64], right[96], bal[FD_MONEY_STRLEN];
	snprintf(left, sizeof left, "%d %s%s", i + 1, v->f.name, v->f.route_room ? _(" (room charges)") : "");
	snprintf(right, sizeof right, _("balance %s"),
	         ui_money(v->t.balance, app->currency, bal, sizeof bal));
	int rw = (int)strlen(right) + 1;
	if (attr == A_NORMAL)
		attr = app->attr[UI_A_TITLE];
	ui_put(p->win, y, 0, left, p->w > rw ? p->w - rw : p->w, attr);
	if (p->w > rw)
		ui_put_right(p->win, y, p->w - rw, right, rw, attr);
}

static void paint_totals(struct app *app, struct pane *p, int y)
{
	const struct ui_folio *f = p->st;
	struct fd_folio_totals all = {0};
	for (int i = 0; i < f->n_folios; i++) {
		if (f->v[i].f.kind != FD_FOLIO_GUEST)
			continue;
		all.charges += f->v[i].t.charges;
		all.tax += f->v[i].t.tax;
		all.payments += f->v[i].t.payments;
	}
	char a[FD_MONEY_STRLEN], b[FD_MONEY_STRLEN], c[FD_MONEY_STRLEN], d[FD_MONEY_STRLEN], line[512];
	ui_money(all.charges, app->currency, a, sizeof a);
	ui_money(all.tax, app->currency, b, sizeof b);
	ui_money(all.payments, app->currency, c, sizeof c);
	ui_money(f->guest_balance, app->currency, d, sizeof d);
	snprintf(line, sizeof line, _("charges %s  VAT incl. %s  paid %s  balance due %s"), a, b, c, d);
	/* A narrow screen keeps what the desk needs most. */
	if (fd_text_width(line) > p->w)
		snprintf(line, sizeof line, _("charges %s  paid %s  balance due %s"), a, c, d);
	if (fd_text_width(line) > p->w)
		snprintf(line, sizeof line, _("paid %s  balance due %s"), c, d);
	ui_put(p->win, y, 0, line, p->w, app->attr[UI_A_HEADER]);
}

static void paint_column_titles(struct app *app, struct pane *p)
{
	struct cols c = columns(p->w);
	attr_t h = app->attr[UI_A_HEADER];
	int x = 0;
	ui_put(p->win, 1, x, _("Date"), c.date + 1, h);
	x += c.date + 1;
	ui_put(p->win, 1, x, _("Kind"), c.kind + 1, h);
	x += c.kind + 1;
	if (c.code) {
		ui_put(p->win, 1, x, _("Code"), c.code + 1, h);
		x += c.code + 1;
	}
	ui_put(p->win, 1, x, _("Description"), c.desc + 1, h);
	x += c.desc + 1;
	ui_put_right(p->win, 1, x, _("Amount"), c.amount, h);
	x += c.amount;
	if (c.vat) {
		ui_blank(p->win, 1, x, 1, h);
		ui_put_right(p->win, 1, x + 1, _("VAT"), c.vat, h);
		x += c.vat + 1;
	}
	if (x < p->w)
		ui_blank(p->win, 1, x, p->w - x, h);
}

static void folio_repaint(struct app *app, struct pane *p)
{
	struct ui_folio *f = p->st;
	if (!f->loaded) {
		ui_title(app, p, "%s", _("Folio"));
		ui_put(p->win, 2, 1,
		       _("No booking open: press f on a booking (board, lists or booking pane)."), p->w - 1,
		       A_NORMAL);
		return;
	}
	const struct fd_booking *b = &f->row.b;
	char a[FD_DATE_STRLEN], d[FD_DATE_STRLEN];
	ui_title(app, p, _("Folio %s  %s  room %s  %s to %s  %s"), b->code, f->row.guest_name,
	         b->room[0] ? b->room : "-", fd_date_format(b->arrival, a), fd_date_format(b->departure, d),
	         ui_booking_status_text(b->status));
	paint_column_titles(app, p);
	int rows = visible_rows(p);
	for (int r = 0; r < rows && f->list.top + r < f->n_rows; r++) {
		int fi, li;
		if (!ui_folio_row(f, f->list.top + r, &fi, &li))
			break;
		attr_t attr = f->list.top + r == f->list.cursor ? app->attr[UI_A_CURSOR] : A_NORMAL;
		if (li < 0)
			paint_header(app, p, 2 + r, fi, attr);
		else
			paint_line(app, p, 2 + r, &f->v[fi], li, attr);
	}
	if (f->n_rows == 0)
		ui_put(p->win, 2, 1,
		       _("Nothing posted yet: p posts a charge, $ takes a payment or a deposit."), p->w - 1,
		       A_NORMAL);
	if (p->h >= 5)
		paint_totals(app, p, p->h - 2);
	ui_pane_hints(app, p);
}

/* The folio and line under the cursor (NULLs when there are none). */
static void current(struct ui_folio *f, const struct ui_folio_view **v, const struct fd_folio_line **l)
{
	int fi, li;
	*v = NULL;
	*l = NULL;
	if (!ui_folio_row(f, f->list.cursor, &fi, &li))
		return;
	*v = &f->v[fi];
	if (li >= 0)
		*l = &f->v[fi].lines[li];
}

static void line_details(struct app *app, const struct fd_folio_line *l)
{
	char amount[FD_MONEY_STRLEN], extra[256] = "";
	size_t n = 0;
	if (l->method[0])
		n += (size_t)snprintf(extra + n, sizeof extra - n, "  %s", l->method);
	if (l->ref[0] && n < sizeof extra)
		n += (size_t)snprintf(extra + n, sizeof extra - n, _("  ref %s"), l->ref);
	if (l->last4[0] && n < sizeof extra)
		n += (size_t)snprintf(extra + n, sizeof extra - n, "  **** %s", l->last4);
	if (l->reason[0] && n < sizeof extra)
		snprintf(extra + n, sizeof extra - n, _("  reason: %s"), l->reason);
	ui_message(app, _("Line %.8s: %s %s%s  by %s"), l->id, l->description,
	           ui_money(l->amount, app->currency, amount, sizeof amount), extra, l->actor);
}

static bool line_action(struct app *app, struct ui_folio *f, enum ui_req req)
{
	const struct ui_folio_view *v;
	const struct fd_folio_line *l;
	current(f, &v, &l);
	if (!l) {
		ui_message(app, "%s", _("Put the cursor on a line first."));
		return true;
	}
	switch (req) {
	case UI_REQ_OPEN:
		line_details(app, l);
		break;
	case UI_REQ_FOLIO_VOID:
		ui_folio_void_ask(app, l);
		break;
	case UI_REQ_FOLIO_MOVE:
		ui_folio_move_ask(app, f, v, l);
		break;
	default:
		break;
	}
	return true;
}

static bool folio_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct ui_folio *f = p->st;
	if (!f->loaded && req >= UI_REQ_FOLIO_POST && req <= UI_REQ_FOLIO_SETTLE) {
		ui_message(app, "%s", _("No booking open: press f on a booking first."));
		return true;
	}
	const struct ui_folio_view *v;
	const struct fd_folio_line *l;
	current(f, &v, &l);
	/* Every folio's lines are loaded: moving only repaints. */
	if (ui_list_move(&f->list, req) != UI_LIST_IGNORED) {
		ui_dirty(app, PANE_FOLIO, PANE_REPAINT);
		return true;
	}
	switch (req) {
	case UI_REQ_OPEN:
	case UI_REQ_FOLIO_VOID:
	case UI_REQ_FOLIO_MOVE:
		return f->loaded ? line_action(app, f, req) : true;
	case UI_REQ_FOLIO_POST:
		ui_folio_post_ask(app, v ? v->f.id : "");
		return true;
	case UI_REQ_FOLIO_PAY:
		ui_folio_pay_ask(app, v, false);
		return true;
	case UI_REQ_FOLIO_REFUND:
		ui_folio_pay_ask(app, v, true);
		return true;
	case UI_REQ_FOLIO_NEW:
		ui_folio_new_ask(app, f->n_folios);
		return true;
	case UI_REQ_FOLIO_SETTLE:
		ui_folio_settle_ask(app, f);
		return true;
	case UI_REQ_CHECK_OUT:
		if (f->loaded)
			ui_booking_ask(app, req, f->row.b.code);
		return true;
	case UI_REQ_DOCUMENT:
		if (f->loaded)
			ui_document_ask(app, f->row.b.code, v ? v->f.id : "", FD_DOC_BILL);
		else
			ui_message(app, "%s", _("No booking open: press f on a booking first."));
		return true;
	default:
		return false;
	}
}

void ui_open_folio(struct app *app, const char *code)
{
	if (strcmp(app->folio_code, code) != 0) {
		struct ui_folio *f = app->panes[PANE_FOLIO].st;
		f->list.cursor = f->list.top = 0;
	}
	snprintf(app->folio_code, sizeof app->folio_code, "%s", code);
	ui_dirty(app, PANE_FOLIO, PANE_RECALC | PANE_REPAINT);
	ui_show(app, PANE_FOLIO);
}

static const struct ui_hint hints[] = {
    {UI_REQ_FOLIO_POST, N_("post")}, {UI_REQ_FOLIO_PAY, N_("pay")},       {UI_REQ_FOLIO_REFUND, N_("refund")},
    {UI_REQ_FOLIO_VOID, N_("void")}, {UI_REQ_CHECK_OUT, N_("check out")}, {UI_REQ_DOCUMENT, N_("PDF")},
    {UI_REQ_FOLIO_MOVE, N_("move")}, {UI_REQ_FOLIO_NEW, N_("new folio")}, {UI_REQ_FOLIO_SETTLE, N_("settle")},
    {UI_REQ_OPEN, N_("details")},
};

const struct pane_ops ui_folio_ops = {
    .hints = hints,
    .n_hints = (int)(sizeof hints / sizeof *hints),
    .title = N_("Folio"),
    .ctx = UI_CTX_FOLIO | UI_CTX_MOVE,
    .create = folio_create,
    .destroy = folio_destroy,
    .recalc = folio_recalc,
    .repaint = folio_repaint,
    .action = folio_action,
};
