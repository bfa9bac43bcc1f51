// SPDX-License-Identifier: GPL-3.0-or-later
/* Deposits due (`D`): the reserved bookings whose deposit the desk has to
 * chase, overdue ones flagged, as 'frontdesk deposits' lists them: core's
 * one rule (fd_deposit_judge, core/policy.h) over what the guest folios
 * hold (store/deposits.h). The next 7 days by default; d cycles 7, 14 and
 * 30. Enter opens the booking (to take the payment from its folio). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "store/deposits.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"

#define MAX_DEPOSIT_ROWS 1000

struct deposit_row {
	char code[FD_CODE_LEN];
	char guest[FD_NAME_LEN * 2 + 4];
	char arrival[FD_DATE_STRLEN];
	char due[32];
	char missing[FD_MONEY_STRLEN];
	char flag[32];
};

struct deposits {
	struct ui_list list;
	struct deposit_row rows[MAX_DEPOSIT_ROWS];
	int n, overdue;
	int days;
	bool full;
	const char *currency;
};

static const int widths[] = {7, 24, 11, 11, 12, 0};

static void *deposits_create(struct app *app)
{
	(void)app;
	struct deposits *d = calloc(1, sizeof *d);
	if (d) {
		ui_list_init(&d->list, 2, widths, 6);
		d->days = 7;
	}
	return d;
}

static void deposits_destroy(void *st)
{
	free(st);
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 3;
	return v < 1 ? 1 : v;
}

static bool add_row(void *ctx, const struct fd_booking_row *row, const struct fd_deposit_status *s)
{
	struct deposits *d = ctx;
	if (d->n == MAX_DEPOSIT_ROWS) {
		d->full = true;
		return false;
	}
	struct deposit_row *r = &d->rows[d->n++];
	snprintf(r->code, sizeof r->code, "%s", row->b.code);
	snprintf(r->guest, sizeof r->guest, "%s", row->guest_name);
	fd_date_format(row->b.arrival, r->arrival);
	if (s->due)
		fd_date_format(s->due, r->due);
	else
		snprintf(r->due, sizeof r->due, "%s", _("at booking"));
	fd_money_format_plain(s->missing, d->currency, r->missing, sizeof r->missing);
	snprintf(r->flag, sizeof r->flag, "%s", s->overdue ? _("OVERDUE") : "");
	d->overdue += s->overdue;
	return true;
}

static void deposits_recalc(struct app *app, struct pane *p)
{
	struct deposits *d = p->st;
	struct fd_error err = {0};
	d->n = d->overdue = 0;
	d->full = false;
	d->currency = app->currency;
	if (fd_query_deposits_due(app->db, app->today, d->days, app->currency, add_row, d, &err))
		ui_error(app, &err);
	ui_list_set(&d->list, d->n, visible_rows(p));
}

static void deposits_repaint(struct app *app, struct pane *p)
{
	struct deposits *d = p->st;
	ui_title(app, p, _("Deposits due in the next %d days: %d, %d overdue"), d->days, d->n, d->overdue);
	char missing[48];
	snprintf(missing, sizeof missing, _("Missing %s"), app->currency);
	ui_list_header(p->win, &d->list, 1, p->w, app->attr[UI_A_HEADER], _("Code"), _("Guest"), _("Arrival"),
	               _("Due"), missing, "");
	for (int i = d->list.top; i < d->n && i < d->list.top + visible_rows(p); i++) {
		const struct deposit_row *r = &d->rows[i];
		ui_list_row(p->win, &d->list, i, p->w, r->flag[0] ? app->attr[UI_A_HEADER] : A_NORMAL,
		            app->attr[UI_A_CURSOR], r->code, r->guest, r->arrival, r->due, r->missing,
		            r->flag);
	}
	if (d->n == 0)
		ui_put(p->win, 2, 1, _("No deposits to chase."), p->w - 1, A_NORMAL);
	ui_put(p->win, p->h - 1, 0,
	       d->full ? _("Only the first 1000 shown.  Enter open  d days  Esc back")
	               : _("Enter open the booking  d next 7/14/30 days  Up/Down move  Esc back"),
	       p->w, app->attr[UI_A_PAST]);
}

static bool deposits_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct deposits *d = p->st;
	switch (req) {
	case UI_REQ_DEPOSIT_OPEN:
		if (d->list.cursor < d->n) {
			char code[FD_CODE_LEN];
			snprintf(code, sizeof code, "%s", d->rows[d->list.cursor].code);
			ui_open_booking(app, code);
		}
		return true;
	case UI_REQ_DEPOSIT_DAYS:
		d->days = d->days == 7 ? 14 : d->days == 14 ? 30 : 7;
		ui_dirty(app, PANE_DEPOSITS, PANE_RECALC | PANE_REPAINT);
		return true;
	default:
		break;
	}
	switch (ui_list_move(&d->list, req)) {
	case UI_LIST_SCROLLED:
	case UI_LIST_MOVED:
		ui_dirty(app, PANE_DEPOSITS, PANE_REPAINT);
		return true;
	default:
		return false;
	}
}

const struct pane_ops ui_deposits_ops = {
    .title = N_("Deposits due"),
    .ctx = UI_CTX_MOVE | UI_CTX_DEPOSITS,
    .create = deposits_create,
    .destroy = deposits_destroy,
    .recalc = deposits_recalc,
    .repaint = deposits_repaint,
    .action = deposits_action,
};
