// SPDX-License-Identifier: GPL-3.0-or-later
/* The guest profile: contact details, identity document, nationality, date
 * of birth, address, preferences and notes, VIP, and the stay history with
 * totals. Opened with `g` from the booking detail. Up/Down choose a field,
 * Enter changes it (guest.update), `v` turns VIP on or off, `E` erases the
 * guest's personal data (GDPR; a manager's, core judges), Esc goes back
 * (keys: ui/keys.c, UI_CTX_GUEST). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "store/guest_stats.h"
#include "store/query.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/money.h"

#define MAX_STAYS 64

enum gfield {
	G_FAMILY,
	G_GIVEN,
	G_EMAIL,
	G_PHONE,
	G_COUNTRY,
	G_NATIONALITY,
	G_BIRTH,
	G_ADDRESS,
	G_DOC_TYPE,
	G_DOC_NUMBER,
	G_DOC_COUNTRY,
	G_DOC_EXPIRY,
	G_PREFERENCES,
	G_NOTES,
	G_COUNT
};

/* Each field: its label and the guest.update payload member it sets. */
static const struct {
	const char *label; /* N_() */
	const char *key;
} gfields[G_COUNT] = {
    [G_FAMILY] = {N_("Family name"), "family"},
    [G_GIVEN] = {N_("Given name"), "given"},
    [G_EMAIL] = {N_("E-mail"), "email"},
    [G_PHONE] = {N_("Phone"), "phone"},
    [G_COUNTRY] = {N_("Country"), "country"},
    [G_NATIONALITY] = {N_("Nationality"), "nationality"},
    [G_BIRTH] = {N_("Born"), "birth_date"},
    [G_ADDRESS] = {N_("Address"), "address"},
    [G_DOC_TYPE] = {N_("Document"), "doc_type"},
    [G_DOC_NUMBER] = {N_("Doc. number"), "document"},
    [G_DOC_COUNTRY] = {N_("Issued by"), "doc_country"},
    [G_DOC_EXPIRY] = {N_("Expires"), "doc_expiry"},
    [G_PREFERENCES] = {N_("Preferences"), "preferences"},
    [G_NOTES] = {N_("Notes"), "notes"},
};

struct guest_pane {
	char id[FD_ID_LEN];
	bool loaded;
	struct fd_guest g;
	struct fd_booking_row stays[MAX_STAYS];
	int n_stays, bookings, nights;
	int64_t revenue;
	int cursor;
};

static void *guest_create(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct guest_pane));
}

static void guest_destroy(void *st)
{
	free(st);
}

static bool add_stay(void *ctx, const struct fd_booking_row *row)
{
	struct guest_pane *gp = ctx;
	if (gp->n_stays < MAX_STAYS)
		gp->stays[gp->n_stays++] = *row;
	return true;
}

static void guest_recalc(struct app *app, struct pane *p)
{
	struct guest_pane *gp = p->st;
	struct fd_error err = {0};
	gp->loaded = false;
	gp->n_stays = gp->bookings = gp->nights = 0;
	gp->revenue = 0;
	if (!gp->id[0])
		return;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (repo->get_guest(repo->ctx, gp->id, &gp->g, &err)) {
		ui_error(app, &err);
		return;
	}
	gp->loaded = true;
	/* The list keeps the latest; the totals come from every stay's
	 * nightly prices (store/guest_stats.h, as 'frontdesk guest show'). */
	fd_query_guest_stays(app->db, gp->id, 0, add_stay, gp, NULL);
	struct fd_guest_stats st;
	if (fd_query_guest_stats(app->db, gp->id, &st, &err) == FD_OK) {
		gp->bookings = st.bookings;
		gp->nights = st.nights;
		gp->revenue = st.room_revenue;
	} else {
		ui_error(app, &err);
	}
}

static const char *value_of(const struct fd_guest *g, enum gfield f, char *buf, size_t size)
{
	switch (f) {
	case G_FAMILY:
		return g->family;
	case G_GIVEN:
		return g->given;
	case G_EMAIL:
		return g->email;
	case G_PHONE:
		return g->phone;
	case G_COUNTRY:
		return g->country;
	case G_NATIONALITY:
		return g->nationality;
	case G_BIRTH:
		return g->birth_date ? fd_date_format(g->birth_date, buf) : "";
	case G_ADDRESS:
		return g->address;
	case G_DOC_TYPE:
		return g->doc_type;
	case G_DOC_NUMBER:
		return g->document;
	case G_DOC_COUNTRY:
		return g->doc_country;
	case G_DOC_EXPIRY:
		return g->doc_expiry ? fd_date_format(g->doc_expiry, buf) : "";
	case G_PREFERENCES:
		return g->preferences;
	case G_NOTES:
		return g->notes;
	case G_COUNT:
		break;
	}
	(void)size;
	return "";
}

static void guest_repaint(struct app *app, struct pane *p)
{
	struct guest_pane *gp = p->st;
	if (!gp->loaded) {
		ui_title(app, p, "%s", _("Guest"));
		ui_put(p->win, 2, 1, _("No guest open: press g on a booking."), p->w - 1, A_NORMAL);
		return;
	}
	char name[2 * FD_NAME_LEN + 2];
	fd_guest_display_name(&gp->g, name, sizeof name);
	ui_title(app, p, _("Guest %s%s"), name, gp->g.erased ? _("  (erased)") : gp->g.vip ? _("  VIP") : "");
	int lw = 13, y = 1;
	for (int i = 0; i < G_COUNT && y < p->h - 1; i++, y++) {
		char buf[FD_DATE_STRLEN];
		ui_put(p->win, y, 0, _(gfields[i].label), lw, app->attr[UI_A_HEADER]);
		ui_put(p->win, y, lw, value_of(&gp->g, (enum gfield)i, buf, sizeof buf), p->w - lw,
		       i == gp->cursor ? app->attr[UI_A_CURSOR] : A_NORMAL);
	}
	char money[FD_MONEY_STRLEN];
	ui_money(gp->revenue, app->currency, money, sizeof money);
	if (y < p->h - 1)
		ui_putf(p->win, y++, 0, p->w, app->attr[UI_A_TITLE],
		        ngettext("Stays: %d booking, %d nights, room revenue %s",
		                 "Stays: %d bookings, %d nights, room revenue %s",
		                 (unsigned long)gp->bookings),
		        gp->bookings, gp->nights, money);
	for (int i = 0; i < gp->n_stays && y < p->h - 1; i++, y++) {
		const struct fd_booking *b = &gp->stays[i].b;
		char a[FD_DATE_STRLEN], d[FD_DATE_STRLEN], rate[FD_MONEY_STRLEN];
		ui_money(b->rate, app->currency, rate, sizeof rate);
		ui_putf(p->win, y, 0, p->w, A_NORMAL, "%s  %s  %s  %-5s %-11s %s", b->code,
		        fd_date_format(b->arrival, a), fd_date_format(b->departure, d),
		        b->room[0] ? b->room : "-", fd_booking_status_text(b->status), rate);
	}
	ui_pane_hints(app, p);
}

static void apply_field(struct app *app, const char *text, const char *arg)
{
	struct guest_pane *gp = app->panes[PANE_GUEST].st;
	int f = atoi(arg);
	if (f < 0 || f >= G_COUNT)
		return;
	struct fd_op op;
	fd_session_op(app->session, &op, "guest.update");
	cJSON_AddStringToObject(op.payload, "guest", gp->id);
	cJSON_AddStringToObject(op.payload, gfields[f].key, text);
	if (!ui_apply(app, &op, 1, NULL))
		return;
	ui_message(app, _("Guest profile saved."));
	ui_dirty(app, PANE_GUEST, PANE_RECALC | PANE_REPAINT);
}

static void erase_guest(struct app *app, const char *arg)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "guest.erase");
	cJSON_AddStringToObject(op.payload, "guest", arg);
	if (!ui_apply(app, &op, 1, NULL))
		return;
	ui_message(app, _("The guest's personal data was erased."));
	ui_dirty(app, PANE_GUEST, PANE_RECALC | PANE_REPAINT);
}

static bool guest_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct guest_pane *gp = p->st;
	if (!gp->loaded)
		return false;
	switch (req) {
	case UI_REQ_DOWN:
		gp->cursor = (gp->cursor + 1) % G_COUNT;
		break;
	case UI_REQ_UP:
		gp->cursor = (gp->cursor + G_COUNT - 1) % G_COUNT;
		break;
	case UI_REQ_HOME:
		gp->cursor = 0;
		break;
	case UI_REQ_END:
		gp->cursor = G_COUNT - 1;
		break;
	case UI_REQ_GUEST_EDIT: {
		char buf[FD_DATE_STRLEN], arg[8], label[64];
		snprintf(arg, sizeof arg, "%d", gp->cursor);
		snprintf(label, sizeof label, "%s: ", _(gfields[gp->cursor].label));
		ui_prompt(app, label, value_of(&gp->g, (enum gfield)gp->cursor, buf, sizeof buf), apply_field,
		          arg);
		break;
	}
	case UI_REQ_GUEST_VIP: {
		struct fd_op op;
		fd_session_op(app->session, &op, "guest.update");
		cJSON_AddStringToObject(op.payload, "guest", gp->id);
		cJSON_AddBoolToObject(op.payload, "vip", !gp->g.vip);
		if (ui_apply(app, &op, 1, NULL))
			ui_message(app, "%s", gp->g.vip ? _("VIP removed.") : _("Marked as a VIP."));
		ui_dirty(app, PANE_GUEST, PANE_RECALC);
		break;
	}
	case UI_REQ_GUEST_ERASE: {
		char name[2 * FD_NAME_LEN + 2];
		fd_guest_display_name(&gp->g, name, sizeof name);
		ui_confirm(app, erase_guest, gp->id,
		           _("Erase every personal detail of %s (GDPR)? Stays and amounts are kept."), name);
		break;
	}
	default:
		return false;
	}
	ui_dirty(app, PANE_GUEST, PANE_REPAINT);
	return true;
}

void ui_open_guest(struct app *app, const char *guest_id)
{
	struct guest_pane *gp = app->panes[PANE_GUEST].st;
	if (strcmp(gp->id, guest_id) != 0)
		gp->cursor = 0;
	snprintf(gp->id, sizeof gp->id, "%s", guest_id);
	ui_dirty(app, PANE_GUEST, PANE_RECALC | PANE_REPAINT);
	ui_show(app, PANE_GUEST);
}

static const struct ui_hint hints[] = {{UI_REQ_GUEST_EDIT, N_("change")},
                                       {UI_REQ_GUEST_VIP, N_("VIP")},
                                       {UI_REQ_GUEST_ERASE, N_("erase (manager)")},
                                       {UI_REQ_BACK, N_("back")}};

const struct pane_ops ui_guest_ops = {
    .hints = hints,
    .n_hints = 4,
    .title = N_("Guest"),
    .ctx = UI_CTX_GUEST | UI_CTX_MOVE,
    .create = guest_create,
    .destroy = guest_destroy,
    .recalc = guest_recalc,
    .repaint = guest_repaint,
    .action = guest_action,
};
