// SPDX-License-Identifier: GPL-3.0-or-later
/* Booking detail: the booking in full, its history from the audit log, and
 * the actions on it, each confirmed on the message line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "store/deposits.h"
#include "store/mail.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/money.h"

#define MAX_HISTORY 32
#define MAX_MAILS 3

struct detail {
	bool loaded;
	struct fd_booking_row row;
	bool pending; /* a local change the server has not accepted yet */
	char room_hk[4];
	struct fd_history_row hist[MAX_HISTORY];
	int n_hist;
	struct fd_mail_row mails[MAX_MAILS]; /* newest first */
	int n_mails;
	bool has_deposit; /* it asks a deposit (store/deposits.h, core's rule) */
	struct fd_deposit_status deposit;
	char company[FD_NAME_LEN]; /* the company account it is booked for, or "" */
};

static void *detail_create(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct detail));
}

static void detail_destroy(void *st)
{
	free(st);
}

static bool add_history(void *ctx, const struct fd_history_row *h)
{
	struct detail *d = ctx;
	if (d->n_hist >= MAX_HISTORY)
		return false;
	d->hist[d->n_hist++] = *h;
	return true;
}

static bool add_mail(void *ctx, const struct fd_mail_row *m)
{
	struct detail *d = ctx;
	if (d->n_mails >= MAX_MAILS)
		return false;
	d->mails[d->n_mails++] = *m;
	return true;
}

static void detail_recalc(struct app *app, struct pane *p)
{
	struct detail *d = p->st;
	struct fd_error err = {0};
	d->loaded = false;
	d->n_hist = d->n_mails = 0;
	if (!app->detail_code[0])
		return;
	if (fd_session_booking(app->session, app->detail_code, &d->row, &err)) {
		ui_error(app, &err);
		return;
	}
	d->loaded = true;
	fd_query_booking_pending(app->db, d->row.b.id, &d->pending, NULL);
	fd_query_booking_deposit(app->db, d->row.b.id, app->today, app->currency, &d->deposit,
	                         &d->has_deposit, NULL);
	fd_mail_list(app->db, d->row.b.id, MAX_MAILS, add_mail, d, NULL);
	fd_booking_company_name(app->db, &d->row.b, d->company);
	/* History beyond what fits is not queried. */
	int rows = p->h - 12 - d->n_mails - (d->company[0] != '\0');
	if (rows > 0)
		fd_query_history(app->db, d->row.b.id, rows < MAX_HISTORY ? rows : MAX_HISTORY, add_history,
		                 d, &err);
}

static void field(struct app *app, struct pane *p, int y, const char *label, const char *value)
{
	if (y >= p->h)
		return;
	ui_put(p->win, y, 0, label, 12, app->attr[UI_A_HEADER]);
	ui_put(p->win, y, 12, value, p->w - 12, A_NORMAL);
}

static void detail_repaint(struct app *app, struct pane *p)
{
	struct detail *d = p->st;
	if (!d->loaded) {
		ui_title(app, p, "%s", _("Booking"));
		ui_put(p->win, 2, 1,
		       _("No booking open: press Enter on the board or a list, or / to search."), p->w - 1,
		       A_NORMAL);
		return;
	}
	const struct fd_booking *b = &d->row.b;
	char a[FD_DATE_STRLEN], dep[FD_DATE_STRLEN], rate[FD_MONEY_STRLEN], buf[256];
	if (d->pending)
		ui_title(app, p, _("Booking %s  %s  * not yet accepted by the server"), b->code,
		         ui_booking_status_text(b->status));
	else
		ui_title(app, p, _("Booking %s  %s"), b->code, ui_booking_status_text(b->status));
	field(app, p, 1, _("Guest"), d->row.guest_name);
	field(app, p, 2, _("Status"), ui_booking_status_text(b->status));
	snprintf(buf, sizeof buf, "%s  %s", b->room[0] ? b->room : _("(not assigned)"), b->type_code);
	field(app, p, 3, _("Room"), buf);
	int nights = fd_stay_nights(b->arrival, b->departure);
	if (fd_booking_day_use(b))
		snprintf(buf, sizeof buf, _("%s, day use (no night)"), fd_date_format(b->arrival, a));
	else
		snprintf(buf, sizeof buf,
		         ngettext("%s to %s, %d night", "%s to %s, %d nights", (unsigned long)nights),
		         fd_date_format(b->arrival, a), fd_date_format(b->departure, dep), nights);
	field(app, p, 4, _("Stay"), buf);
	/* Plural forms through ngettext: "1 adult", "2 adults", "1 child". */
	char adults[64];
	snprintf(adults, sizeof adults, ngettext("%d adult", "%d adults", (unsigned long)b->adults),
	         b->adults);
	snprintf(buf, sizeof buf, ngettext("%s, %d child", "%s, %d children", (unsigned long)b->children),
	         adults, b->children);
	field(app, p, 5, _("Guests"), buf);
	ui_money(b->rate, app->currency, rate, sizeof rate);
	if (d->has_deposit && d->deposit.missing > 0) {
		/* The deposit still missing, flagged when overdue (as 'show CODE'). */
		char miss[FD_MONEY_STRLEN], due[FD_DATE_STRLEN];
		ui_money(d->deposit.missing, app->currency, miss, sizeof miss);
		if (d->deposit.due)
			fd_date_format(d->deposit.due, due);
		else
			snprintf(due, sizeof due, "%s", _("at booking"));
		snprintf(buf, sizeof buf, _("%s   deposit %s due %s%s"), rate, miss, due,
		         d->deposit.overdue ? _(": OVERDUE") : "");
		field(app, p, 6, _("Rate"), buf);
	} else {
		field(app, p, 6, _("Rate"), rate);
	}
	field(app, p, 7, _("Source"), b->source[0] ? fd_source_text(b->source) : _("(not recorded)"));
	int y = 8;
	if (d->company[0])
		field(app, p, y++, _("Company"), d->company);
	field(app, p, y++, _("Notes"), b->notes);
	/* The documents sent by e-mail and how their delivery stands. */
	for (int i = 0; i < d->n_mails; i++, y++) {
		const struct fd_mail *m = &d->mails[i].m;
		char state[600];
		fd_mail_state_text(m, state, sizeof state);
		snprintf(buf, sizeof buf, _("%s to %s: %s"),
		         strcmp(m->kind, "invoice") == 0 ? _("invoice") : _("confirmation"), m->recipient,
		         state);
		field(app, p, y, i == 0 ? _("Mail") : "", buf);
	}
	ui_pane_hints(app, p);
	if (p->h > y + 2)
		ui_put(p->win, y + 1, 0, _("History"), p->w, app->attr[UI_A_TITLE]);
	for (int i = 0; i < d->n_hist && y + 2 + i < p->h - 1; i++) {
		char when[32];
		time_t at = (time_t)d->hist[i].at;
		struct tm tm;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime_r(&at, &tm)); /* the hotel's zone */
		ui_putf(p->win, y + 2 + i, 0, p->w, A_NORMAL, "%s  %-20s %s", when, d->hist[i].type,
		        d->hist[i].actor);
	}
}

static bool detail_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct detail *d = p->st;
	switch (req) {
	case UI_REQ_CHECK_IN:
	case UI_REQ_CHECK_OUT:
	case UI_REQ_CANCEL:
	case UI_REQ_NO_SHOW:
	case UI_REQ_MOVE_ROOM:
	case UI_REQ_EXTEND:
		if (d->loaded)
			ui_booking_ask(app, req, d->row.b.code);
		return true;
	case UI_REQ_EDIT:
		if (d->loaded)
			ui_form_start_edit(app, d->row.b.code);
		return true;
	case UI_REQ_FOLIO:
		if (d->loaded)
			ui_open_folio(app, d->row.b.code);
		return true;
	case UI_REQ_GUEST:
		if (d->loaded)
			ui_open_guest(app, d->row.b.guest_id);
		return true;
	case UI_REQ_DOCUMENT:
		if (d->loaded)
			ui_document_ask(app, d->row.b.code, "", FD_DOC_CONFIRMATION);
		return true;
	default:
		return false;
	}
}

void ui_open_booking(struct app *app, const char *code)
{
	snprintf(app->detail_code, sizeof app->detail_code, "%s", code);
	ui_dirty(app, PANE_DETAIL, PANE_RECALC | PANE_REPAINT);
	ui_show(app, PANE_DETAIL);
}

static const struct ui_hint hints[] = {
    {UI_REQ_CHECK_IN, N_("check in")}, {UI_REQ_CHECK_OUT, N_("check out")}, {UI_REQ_FOLIO, N_("folio")},
    {UI_REQ_EDIT, N_("edit")},         {UI_REQ_MOVE_ROOM, N_("move")},      {UI_REQ_EXTEND, N_("extend")},
    {UI_REQ_DOCUMENT, N_("PDF")},      {UI_REQ_CANCEL, N_("cancel")},       {UI_REQ_NO_SHOW, N_("no-show")},
    {UI_REQ_GUEST, N_("guest")},
};

const struct pane_ops ui_detail_ops = {
    .hints = hints,
    .n_hints = (int)(sizeof hints / sizeof *hints),
    .title = N_("Booking"),
    .ctx = UI_CTX_DETAIL,
    .create = detail_create,
    .destroy = detail_destroy,
    .recalc = detail_recalc,
    .repaint = detail_repaint,
    .action = detail_action,
};
