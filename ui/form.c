// SPDX-License-Identifier: GPL-3.0-or-later
/* The booking form, new and edit: guest (guests on file matching the whole
 * name suggested with e-mail, phone, country and last stay; a new guest
 * whose name is exactly one on file is asked about), dates (nights shown),
 * room type with live availability, room (only rooms free on every night),
 * adults, children, rate, notes, source (channel), the guest's e-mail and
 * phone, the company account it is booked for (typed, or picked from the
 * accounts with PgDn/PgUp), and the rate plan (each offered plan with its
 * price for the stay and its policies on one line; its nightly prices on
 * the rate's line; a company's corporate plans once it is chosen).
 * Every field is checked as it changes and the
 * reason shown next to it; nothing is saved until all are valid; Esc
 * abandons without a change. Resizing keeps what was typed (the state lives
 * here, windows are only where it is drawn). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"
#include "store/query_desk.h"
#include "store/rates.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/edit.h"
#include "ui/money.h"

enum field {
	F_GUEST,
	F_ARRIVAL,
	F_DEPARTURE,
	F_TYPE,
	F_ROOM,
	F_ADULTS,
	F_CHILDREN,
	F_RATE,
	F_NOTES,
	F_SOURCE,
	F_EMAIL,
	F_PHONE,
	F_COMPANY,
	F_PLAN,
	F_SAVE,
	F_COUNT
};

#define MAX_TYPES 32
#define MAX_FREE 64
#define MAX_NIGHTS_CHECKED 62
#define MAX_MATCHES 6
#define MAX_PLANS 16
#define MAX_COMPANIES 6

struct form {
	bool editing;
	char code[FD_CODE_LEN]; /* booking being edited */
	struct fd_booking orig;
	char orig_guest[2 * FD_NAME_LEN + 2];
	enum field focus;
	char text[F_COUNT][FD_NOTES_LEN]; /* typed text of text fields */
	struct ui_edit edit;              /* the line editor on the focused text field */
	struct {
		fd_date arrival, departure;
		int adults, children;
		int64_t rate;
	} val; /* what the fields parse to (valid only where error[] is empty) */
	struct fd_room_type types[MAX_TYPES];
	int n_types, type; /* chosen type index */
	char free_rooms[MAX_FREE][FD_ROOMNO_LEN];
	char free_state[MAX_FREE][40]; /* each free room's housekeeping state (rank_free_rooms) */
	int n_free, room;              /* room index, -1 = any (assign later) */
	char want_room[FD_ROOMNO_LEN];
	int free_count; /* fewest free rooms of the type over the stay */
	char error[F_COUNT][400];
	bool rate_touched;
	bool touched; /* something was typed or chosen: Esc asks first */
	/* Rate integrity (core's check_rate): a new room type asks whether to
	 * take its rate; a rate below the type's base asks for a reason. */
	bool asked_take, take_rate;
	char rate_reason[FD_NOTES_LEN];
	/* Guest search-or-create: guests on file matching the whole typed name
	 * (either order), shown with what tells two of one name apart; PgDn/PgUp
	 * on the guest field picks one. */
	struct fd_guest_row matches[MAX_MATCHES];
	int n_matches, match; /* match: -1 = a new guest */
	enum fd_channel source;
	bool source_touched;
	/* The name typed was asked about (a guest of that name is on file) and
	 * the answer was no: the next save makes a new guest. */
	char asked_name[FD_NOTES_LEN];
	/* Rate plans offered (public and corporate, sold), the chosen one
	 * (-1: none, the rate field prices the stay) and its quote. A booking
	 * being edited keeps its plan (plan_fixed). */
	struct fd_rate_plan plans[MAX_PLANS];
	int n_plans, plan;
	char plan_fixed[FD_PLAN_CODE_LEN];
	char plan_total[FD_MONEY_STRLEN];
	char plan_nights[256];
	/* The company account: the accounts whose name holds what is typed
	 * (PgDn/PgUp on the field picks one: company_pick, -1 = as typed), and
	 * the account the text names ("" none). An edit starts from the
	 * booking's (orig_company). */
	char companies[MAX_COMPANIES][FD_NAME_LEN];
	int n_companies, company_pick;
	char company[FD_NAME_LEN];
	char orig_company[FD_NAME_LEN];
};

static void *form_create(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct form));
}

static void form_destroy(void *st)
{
	free(st);
}

static bool text_field(enum field f);
static void focus_field(struct form *f, enum field which);

static bool add_type(void *ctx, const struct fd_room_type *t)
{
	struct form *f = ctx;
	if (f->n_types >= MAX_TYPES)
		return false;
	f->types[f->n_types++] = *t;
	return true;
}

static void load_types(struct app *app, struct form *f)
{
	f->n_types = 0;
	fd_query_room_types(app->db, add_type, f, NULL);
	struct fd_rate_plan *plans = NULL;
	int n = 0;
	f->n_plans = 0;
	f->plan = -1;
	if (fd_query_rate_plans(app->db, &plans, &n, NULL) == FD_OK)
		for (int i = 0; i < n && f->n_plans < MAX_PLANS; i++)
			if (plans[i].active && plans[i].kind != FD_PLAN_HIDDEN)
				f->plans[f->n_plans++] = plans[i];
	free(plans);
}

static int type_index(const struct form *f, const char *code)
{
	for (int i = 0; i < f->n_types; i++)
		if (strcmp(f->types[i].code, code) == 0)
			return i;
	return 0;
}

static void default_rate(struct app *app, struct form *f)
{
	if (f->rate_touched || f->n_types == 0)
		return;
	fd_money_format_plain(f->types[f->type].base_rate, app->currency, f->text[F_RATE],
	                      sizeof f->text[F_RATE]);
}

void ui_form_start_new(struct app *app, const char *room, fd_date arrival)
{
	struct form *f = app->panes[PANE_FORM].st;
	memset(f, 0, sizeof *f);
	load_types(app, f);
	if (arrival < app->today)
		arrival = app->today;
	fd_date_format(arrival, f->text[F_ARRIVAL]);
	fd_date_format(arrival + 1, f->text[F_DEPARTURE]);
	snprintf(f->text[F_ADULTS], sizeof f->text[F_ADULTS], "1");
	snprintf(f->text[F_CHILDREN], sizeof f->text[F_CHILDREN], "0");
	f->room = -1;
	f->match = -1;
	f->company_pick = -1;
	f->source = fd_channel_default(arrival, app->today);
	focus_field(f, F_GUEST);
	struct fd_room r;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (room && repo->get_room(repo->ctx, room, &r, NULL) == FD_OK) {
		f->type = type_index(f, r.type_code);
		snprintf(f->want_room, sizeof f->want_room, "%s", room);
	}
	default_rate(app, f);
	ui_dirty(app, PANE_FORM, PANE_RECALC | PANE_REPAINT);
	ui_show(app, PANE_FORM);
}

void ui_form_start_edit(struct app *app, const char *code)
{
	struct form *f = app->panes[PANE_FORM].st;
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(app->session, code, &row, &err)) {
		ui_error(app, &err);
		return;
	}
	memset(f, 0, sizeof *f);
	load_types(app, f);
	f->editing = true;
	f->orig = row.b;
	snprintf(f->code, sizeof f->code, "%s", row.b.code);
	snprintf(f->orig_guest, sizeof f->orig_guest, "%s", row.guest_name);
	snprintf(f->text[F_GUEST], sizeof f->text[F_GUEST], "%s", row.guest_name);
	fd_date_format(row.b.arrival, f->text[F_ARRIVAL]);
	fd_date_format(row.b.departure, f->text[F_DEPARTURE]);
	snprintf(f->text[F_ADULTS], sizeof f->text[F_ADULTS], "%d", row.b.adults);
	snprintf(f->text[F_CHILDREN], sizeof f->text[F_CHILDREN], "%d", row.b.children);
	fd_money_format_plain(row.b.rate, app->currency, f->text[F_RATE], sizeof f->text[F_RATE]);
	snprintf(f->text[F_NOTES], sizeof f->text[F_NOTES], "%s", row.b.notes);
	f->type = type_index(f, row.b.type_code);
	f->room = -1;
	f->match = -1;
	f->company_pick = -1;
	fd_booking_company_name(app->db, &row.b, f->orig_company);
	snprintf(f->text[F_COMPANY], sizeof f->text[F_COMPANY], "%s", f->orig_company);
	snprintf(f->want_room, sizeof f->want_room, "%s", row.b.room);
	f->rate_touched = true;
	struct fd_booking_night *nights = NULL;
	int n_nights = 0;
	const struct fd_repo *r = fd_db_repo(app->db);
	if (r->booking_nights(r->ctx, row.b.id, &nights, &n_nights, NULL) == FD_OK && n_nights)
		snprintf(f->plan_fixed, sizeof f->plan_fixed, "%s", nights[0].plan);
	free(nights);
	if (!fd_channel_parse(row.b.source, &f->source))
		f->source = FD_CHANNEL_COUNT; /* not recorded: left as it is */
	f->source_touched = false;
	struct fd_guest g;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (repo->get_guest(repo->ctx, row.b.guest_id, &g, NULL) == FD_OK) {
		snprintf(f->text[F_EMAIL], sizeof f->text[F_EMAIL], "%s", g.email);
		snprintf(f->text[F_PHONE], sizeof f->text[F_PHONE], "%s", g.phone);
	}
	focus_field(f, F_GUEST);
	ui_dirty(app, PANE_FORM, PANE_RECALC | PANE_REPAINT);
	ui_show(app, PANE_FORM);
}

/* ---- the fields: one table of label, kind, parse and check ---- */

enum field_kind {
	FK_TEXT,   /* typed, with the line editor */
	FK_CHOICE, /* Left/Right choose */
	FK_BUTTON,
};

typedef bool (*field_fn)(struct app *app, struct form *f, char *err, size_t size);

struct form_field {
	const char *label; /* N_() */
	enum field_kind kind;
	/* The field's own text into f->val; false with the reason in err. */
	field_fn parse;
	/* Rules across fields, once every field is parsed; false with the reason. */
	field_fn check;
	/* How a field that is not plain text shows; false shows the text. */
	bool (*show)(const struct form *f, char *out, size_t size);
};

static bool parse_guest(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	const char *name = f->text[F_GUEST];
	while (*name == ' ')
		name++;
	if (*name)
		return true;
	snprintf(err, size, "%s", _("the guest's name is needed"));
	return false;
}

static bool parse_date(const char *text, fd_date *out, char *err, size_t size)
{
	if (fd_date_parse(text, out))
		return true;
	snprintf(err, size, "%s", _("not a date; use YYYY-MM-DD"));
	return false;
}

static bool parse_arrival(struct app *app, struct form *f, char *err, size_t size)
{
	fd_date a;
	if (!parse_date(f->text[F_ARRIVAL], &a, err, size))
		return false;
	f->val.arrival = a;
	if (a < app->today && !(f->editing && a == f->orig.arrival)) {
		snprintf(err, size, "%s", _("in the past"));
		return false;
	}
	return true;
}

static bool parse_departure(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	return parse_date(f->text[F_DEPARTURE], &f->val.departure, err, size);
}

static bool dates_valid(const struct form *f)
{
	return !f->error[F_ARRIVAL][0] && !f->error[F_DEPARTURE][0];
}

static bool check_departure(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	if (f->error[F_ARRIVAL][0] || f->val.departure >= f->val.arrival)
		return true; /* the same day: a day-use stay */
	snprintf(err, size, "%s", _("must be on or after the arrival"));
	return false;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* The room chooser: each free room with its housekeeping state (VC, VD,
 * OC, OD, OOS; inspected; due out when a guest is still in it), ready
 * rooms first: inspected, clean, not yet clean, out of service, then rooms
 * whose guest has not left. Within a rank the store's order stays. */
static void rank_free_rooms(struct app *app, struct form *f)
{
	const struct fd_repo *repo = fd_db_repo(app->db);
	int rank[MAX_FREE];
	for (int i = 0; i < f->n_free; i++) {
		struct fd_room r;
		char code[FD_CODE_LEN] = "";
		rank[i] = 3;
		f->free_state[i][0] = '\0';
		if (repo->get_room(repo->ctx, f->free_rooms[i], &r, NULL) != FD_OK)
			continue;
		bool occupied = repo->room_in_house(repo->ctx, r.number, f->editing ? f->orig.id : "", code,
		                                    NULL) == FD_OK;
		const char *hk = fd_room_hk_code(&r, occupied, app->today);
		bool clean = r.clean == FD_CLEAN_CLEAN || r.clean == FD_CLEAN_INSPECTED;
		if (occupied)
			rank[i] = 4;
		else if (hk[0] == 'O')
			rank[i] = 3; /* out of service today */
		else
			rank[i] = r.clean == FD_CLEAN_INSPECTED ? 0 : clean ? 1 : 2;
		const char *note = occupied                        ? _(", due out")
		                   : r.clean == FD_CLEAN_INSPECTED ? _(", inspected")
		                                                   : "";
		snprintf(f->free_state[i], sizeof f->free_state[i], "%s%s", hk, note);
	}
	for (int i = 1; i < f->n_free; i++)
		for (int j = i; j > 0 && rank[j - 1] > rank[j]; j--) {
			int t = rank[j];
			rank[j] = rank[j - 1];
			rank[j - 1] = t;
			char room[FD_ROOMNO_LEN], state[sizeof f->free_state[0]];
			memcpy(room, f->free_rooms[j], sizeof room);
			memcpy(f->free_rooms[j], f->free_rooms[j - 1], sizeof room);
			memcpy(f->free_rooms[j - 1], room, sizeof room);
			memcpy(state, f->free_state[j], sizeof state);
			memcpy(f->free_state[j], f->free_state[j - 1], sizeof state);
			memcpy(f->free_state[j - 1], state, sizeof state);
		}
}

static bool parse_adults(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	if (parse_int(f->text[F_ADULTS], 1, 50, &f->val.adults))
		return true;
	snprintf(err, size, "%s", _("a whole number, at least 1"));
	return false;
}

static bool parse_children(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	if (parse_int(f->text[F_CHILDREN], 0, 50, &f->val.children))
		return true;
	snprintf(err, size, "%s", _("a whole number, 0 or more"));
	return false;
}

static bool check_people(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	int max = f->n_types ? f->types[f->type].max_occupancy : 1;
	if (f->error[F_CHILDREN][0] || f->val.adults + f->val.children <= max)
		return true;
	snprintf(err, size, _("the room type takes at most %d people"), max);
	return false;
}

static bool parse_rate(struct app *app, struct form *f, char *err, size_t size)
{
	if (f->plan >= 0 || f->plan_fixed[0])
		return true; /* the plan prices the stay */
	struct fd_error e = {0};
	if (fd_money_parse(f->text[F_RATE], app->currency, &f->val.rate, &e) == FD_OK)
		return true;
	snprintf(err, size, "%s", e.message);
	return false;
}

/* Live availability of the type over the stay: the tightest night (bounded)
 * and the rooms free on every night. */
static bool check_type(struct app *app, struct form *f, char *err, size_t size)
{
	f->n_free = 0;
	f->free_count = 0;
	if (f->n_types == 0) {
		snprintf(err, size, "%s", _("no room types: add one with 'frontdesk type add'"));
		return false;
	}
	if (!dates_valid(f))
		return true;
	fd_date a = f->val.arrival, d = f->val.departure;
	const char *type = f->types[f->type].code;
	int fewest = 1 << 30, free_rooms[MAX_NIGHTS_CHECKED] = {0};
	fd_date last = d < a + MAX_NIGHTS_CHECKED ? d : a + MAX_NIGHTS_CHECKED;
	fd_query_available_nights(app->db, type, a, last, free_rooms, NULL);
	for (fd_date n = a; n < last; n++)
		if (free_rooms[n - a] < fewest)
			fewest = free_rooms[n - a];
	f->free_count = fewest;
	const struct fd_repo *repo = fd_db_repo(app->db);
	repo->free_rooms(repo->ctx, type, a, d, f->free_rooms, MAX_FREE, &f->n_free, NULL);
	rank_free_rooms(app, f);
	bool same_type_and_dates = f->editing && strcmp(type, f->orig.type_code) == 0 &&
	                           a >= f->orig.arrival && d <= f->orig.departure;
	if (fewest > 0 || same_type_and_dates)
		return true;
	snprintf(err, size, "%s", _("no room of this type is free on every night"));
	return false;
}

/* Keep the chosen room when it is still free. */
static bool check_room(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	if (f->n_types == 0 || !dates_valid(f) || !f->want_room[0])
		return true;
	f->room = -1;
	for (int i = 0; i < f->n_free; i++)
		if (strcmp(f->free_rooms[i], f->want_room) == 0)
			f->room = i;
	bool keeps_own = f->editing && strcmp(f->want_room, f->orig.room) == 0;
	if (f->room >= 0 || keeps_own)
		return true;
	snprintf(err, size, _("room %s is taken on some night"), f->want_room);
	return false;
}

static bool show_guest(const struct form *f, char *out, size_t size)
{
	if (f->match < 0)
		return false;
	snprintf(out, size, _("%s (existing guest)"), f->text[F_GUEST]);
	return true;
}

static bool parse_email(struct app *app, struct form *f, char *err, size_t size)
{
	(void)app;
	const char *e = f->text[F_EMAIL];
	if (!e[0] || strchr(e, '@'))
		return true;
	snprintf(err, size, "%s", _("an e-mail address has an @"));
	return false;
}

/* Left/Right choose the channel; a new booking's follows its arrival
 * (walk-in today, phone ahead) until chosen. */
static bool show_source(const struct form *f, char *out, size_t size)
{
	if (f->source == FD_CHANNEL_COUNT)
		snprintf(out, size, "< %s >", _("(not recorded)"));
	else
		snprintf(out, size, "< %s >", fd_channel_text(f->source));
	return true;
}

static bool check_source(struct app *app, struct form *f, char *err, size_t size)
{
	(void)err;
	(void)size;
	if (!f->editing && !f->source_touched && !f->error[F_ARRIVAL][0])
		f->source = fd_channel_default(f->val.arrival, app->today);
	return true;
}

static bool show_type(const struct form *f, char *out, size_t size)
{
	if (f->n_types)
		snprintf(out, size,
		         ngettext("< %s %s >  %d free", "< %s %s >  %d free", (unsigned long)f->free_count),
		         f->types[f->type].code, f->types[f->type].name, f->free_count);
	else
		out[0] = '\0';
	return true;
}

static bool show_room(const struct form *f, char *out, size_t size)
{
	if (f->room >= 0)
		snprintf(out, size, "< %s %s >", f->free_rooms[f->room], f->free_state[f->room]);
	else if (f->want_room[0])
		snprintf(out, size, "< %s >", f->want_room);
	else
		snprintf(out, size,
		         ngettext("< any: assign later >  %d free", "< any: assign later >  %d free",
		                  (unsigned long)f->n_free),
		         f->n_free);
	return true;
}

/* The company account typed: none, or an account's name (case aside). */
static bool parse_company(struct app *app, struct form *f, char *err, size_t size)
{
	const char *typed = f->text[F_COMPANY];
	while (*typed == ' ')
		typed++;
	f->company[0] = '\0';
	if (!*typed)
		return true;
	const struct fd_repo *repo = fd_db_repo(app->db);
	struct fd_company co;
	if (repo->get_company && repo->get_company(repo->ctx, typed, &co, NULL) == FD_OK) {
		snprintf(f->company, sizeof f->company, "%s", co.name);
		return true;
	}
	if (f->n_companies > 0)
		snprintf(err, size,
		         ngettext("not an account: %d match, PgDn", "not an account: %d matches, PgDn",
		                  (unsigned long)f->n_companies),
		         f->n_companies);
	else
		snprintf(err, size, "%s", _("no such company account"));
	return false;
}

/* May the form offer plan i: it sells the room type, and a corporate plan
 * only once its company is the booking's. */
static bool plan_offered(const struct form *f, int i)
{
	const struct fd_rate_plan *p = &f->plans[i];
	if (f->n_types && !fd_plan_sells(p, f->types[f->type].code))
		return false;
	return p->kind != FD_PLAN_CORPORATE || (f->company[0] && strcasecmp(p->company, f->company) == 0);
}

/* The chosen plan's quote for the stay (fd_rate_quote, as the booking
 * operation prices it): its total, its nightly prices, or why it cannot
 * sell the stay. */
static bool check_plan(struct app *app, struct form *f, char *err, size_t size)
{
	f->plan_total[0] = '\0';
	f->plan_nights[0] = '\0';
	if (f->editing || f->plan < 0 || f->n_types == 0 || !dates_valid(f) || f->error[F_ADULTS][0] ||
	    f->error[F_CHILDREN][0])
		return true;
	struct fd_quote_req req = {.adults = f->val.adults, .children = f->val.children};
	snprintf(req.plan, sizeof req.plan, "%s", f->plans[f->plan].code);
	snprintf(req.type_code, sizeof req.type_code, "%s", f->types[f->type].code);
	req.arrival = f->val.arrival;
	req.departure = f->val.departure;
	req.not_before = app->today;
	struct fd_quote q;
	struct fd_error e = {0};
	const struct fd_rate_plan *plan = &f->plans[f->plan];
	if (!f->error[F_COMPANY][0] && fd_plan_check_company(plan, f->company, &e)) {
		snprintf(err, size,
		         _("the corporate rate of %s: choose that company account above, or another plan"),
		         plan->company);
		return false;
	}
	if (fd_rate_quote(fd_db_repo(app->db), &req, &q, &e)) {
		snprintf(err, size, "%s", e.message);
		return false;
	}
	fd_money_format_plain(q.total, app->currency, f->plan_total, sizeof f->plan_total);
	size_t len = 0;
	for (int i = 0; i < q.n && len < sizeof f->plan_nights; i++) {
		char m[FD_MONEY_STRLEN];
		len +=
		    (size_t)snprintf(f->plan_nights + len, sizeof f->plan_nights - len, "%s%s", i ? " " : "",
		                     fd_money_format_plain(q.nights[i].amount, app->currency, m, sizeof m));
	}
	bool broken = q.broken != FD_RESTRICT_NONE;
	if (broken) {
		fd_quote_refuse(&q, &req, &e);
		snprintf(err, size, "%s", e.message);
	}
	fd_quote_clear(&q);
	return !broken;
}

/* "< BAR Best available 330.00  cancel: ...  deposit: ... >" */
static bool show_plan(const struct form *f, char *out, size_t size)
{
	if (f->plan_fixed[0]) {
		snprintf(out, size, "%s", f->plan_fixed);
		return true;
	}
	if (f->plan < 0) {
		int n = 0;
		for (int i = 0; i < f->n_plans; i++)
			n += plan_offered(f, i);
		snprintf(out, size,
		         ngettext("< none: the rate above >  %d plan", "< none: the rate above >  %d plans",
		                  (unsigned long)n),
		         n);
		return true;
	}
	const struct fd_rate_plan *p = &f->plans[f->plan];
	snprintf(out, size, "< %s %s %s >  %s %s  %s %s", p->code, p->name,
	         f->plan_total[0] ? f->plan_total : "-", _("cancel:"),
	         p->cancel_policy[0] ? p->cancel_policy : "-", _("deposit:"),
	         p->deposit_policy[0] ? p->deposit_policy : "-");
	return true;
}

/* With a plan, the rate's line shows its price for each night. */
static bool show_rate(const struct form *f, char *out, size_t size)
{
	if (f->plan_fixed[0]) {
		snprintf(out, size, _("by plan %s"), f->plan_fixed);
		return true;
	}
	if (f->plan < 0)
		return false;
	snprintf(out, size, _("by plan: %s"), f->plan_nights[0] ? f->plan_nights : "-");
	return true;
}

static bool show_save(const struct form *f, char *out, size_t size)
{
	snprintf(out, size, "%s", f->editing ? _("[ Save changes ]") : _("[ Make booking ]"));
	return true;
}

static const struct form_field fields[F_COUNT] = {
    [F_GUEST] = {N_("Guest"), FK_TEXT, parse_guest, NULL, show_guest},
    [F_ARRIVAL] = {N_("Arrival"), FK_TEXT, parse_arrival, NULL, NULL},
    [F_DEPARTURE] = {N_("Departure"), FK_TEXT, parse_departure, check_departure, NULL},
    [F_TYPE] = {N_("Room type"), FK_CHOICE, NULL, check_type, show_type},
    [F_ROOM] = {N_("Room"), FK_CHOICE, NULL, check_room, show_room},
    [F_ADULTS] = {N_("Adults"), FK_TEXT, parse_adults, check_people, NULL},
    [F_CHILDREN] = {N_("Children"), FK_TEXT, parse_children, NULL, NULL},
    [F_RATE] = {N_("Rate"), FK_TEXT, parse_rate, NULL, show_rate},
    [F_NOTES] = {N_("Notes"), FK_TEXT, NULL, NULL, NULL},
    [F_SOURCE] = {N_("Source"), FK_CHOICE, NULL, check_source, show_source},
    [F_EMAIL] = {N_("E-mail"), FK_TEXT, parse_email, NULL, NULL},
    [F_PHONE] = {N_("Phone"), FK_TEXT, NULL, NULL, NULL},
    [F_COMPANY] = {N_("Company"), FK_TEXT, parse_company, NULL, NULL},
    [F_PLAN] = {N_("Rate plan"), FK_CHOICE, NULL, check_plan, show_plan},
    [F_SAVE] = {NULL, FK_BUTTON, NULL, NULL, show_save},
};

static bool text_field(enum field which)
{
	return fields[which].kind == FK_TEXT;
}

static void focus_field(struct form *f, enum field which)
{
	f->focus = which;
	if (text_field(which))
		ui_edit_attach(&f->edit, f->text[which], sizeof f->text[which]);
}

/* Check every field: each parses its own text, then the rules across
 * fields (the stay's dates, people per room, live availability). */
static void validate(struct app *app, struct form *f)
{
	for (int i = 0; i < F_COUNT; i++)
		f->error[i][0] = '\0';
	for (int i = 0; i < F_COUNT; i++)
		if (fields[i].parse)
			fields[i].parse(app, f, f->error[i], sizeof f->error[i]);
	for (int i = 0; i < F_COUNT; i++)
		if (fields[i].check && !f->error[i][0])
			fields[i].check(app, f, f->error[i], sizeof f->error[i]);
}

static bool add_match(void *ctx, const struct fd_guest_row *row)
{
	struct form *f = ctx;
	f->matches[f->n_matches] = *row;
	return ++f->n_matches < MAX_MATCHES;
}

static void find_guests(struct app *app, struct form *f)
{
	if (f->editing || f->match >= 0)
		return;
	f->n_matches = 0;
	/* The whole name as typed, family and given ("Müller, Käthe"), in
	 * either order: the same matching as the guest search. */
	if (fd_text_width(f->text[F_GUEST]) >= 2)
		fd_query_guests(app->db, f->text[F_GUEST], MAX_MATCHES, add_match, f, NULL);
}

/* One suggestion: what tells two guests of one name apart. */
static void match_line(const struct fd_guest_row *m, char *out, size_t size)
{
	char name[2 * FD_NAME_LEN + 2], last[FD_DATE_STRLEN] = "";
	fd_guest_display_name(&m->g, name, sizeof name);
	if (m->last_stay)
		fd_date_format(m->last_stay, last);
	snprintf(out, size, "%s%s  %s  %s  %s  %s %s", name, m->g.vip ? " VIP" : "",
	         m->g.email[0] ? m->g.email : "-", m->g.phone[0] ? m->g.phone : "-",
	         m->g.country[0] ? m->g.country : "-", _("last stay"), last[0] ? last : _("none"));
}

/* The company accounts matching what is typed (every account while
 * nothing is), unless one was just picked from them. */
static void find_companies(struct app *app, struct form *f)
{
	if (f->company_pick >= 0)
		return;
	const char *typed = f->text[F_COMPANY];
	while (*typed == ' ')
		typed++;
	fd_query_company_names(app->db, typed, f->companies, MAX_COMPANIES, &f->n_companies, NULL);
}

static void form_recalc(struct app *app, struct pane *p)
{
	find_guests(app, p->st);
	find_companies(app, p->st);
	validate(app, p->st);
}

static void form_repaint(struct app *app, struct pane *p)
{
	struct form *f = p->st;
	if (f->editing)
		ui_title(app, p, _("Edit booking %s  (F10 or C-s saves, Esc abandons)"), f->code);
	else
		ui_title(app, p, "%s", _("New booking  (F10 or C-s saves, Esc abandons)"));
	/* The widest label and a space: a translated label never runs into
	 * its field ("Type de chambre" in French). */
	int lw = 12;
	for (int i = 0; i < F_COUNT; i++)
		if (fields[i].label && fd_text_width(_(fields[i].label)) + 1 > lw)
			lw = fd_text_width(_(fields[i].label)) + 1;
	if (lw > p->w / 3)
		lw = p->w / 3;
	int vw = p->w - lw > 60 ? 34 : (p->w - lw) / 2;
	if (vw < 12)
		vw = p->w - lw;
	for (int i = 0; i < F_COUNT; i++) {
		int y = 1 + i + (i == F_SAVE);
		if (y >= p->h)
			break;
		const struct form_field *fd = &fields[i];
		bool focus = f->focus == (enum field)i;
		attr_t va = fd->kind == FK_BUTTON ? (focus ? A_REVERSE | A_BOLD : A_BOLD)
		            : focus               ? A_REVERSE
		                                  : A_UNDERLINE;
		char value[FD_NOTES_LEN + 64];
		if (fd->label)
			ui_put(p->win, y, 0, _(fd->label), lw, app->attr[UI_A_HEADER]);
		if (fd->show && fd->show(f, value, sizeof value)) {
			int width = fd_text_width(value);
			ui_put(p->win, y, lw, value, width > vw ? width : vw, va);
		} else if (focus) {
			ui_edit_draw(p->win, y, lw, vw, va, &f->edit, true);
		} else {
			ui_put(p->win, y, lw, f->text[i], vw, va);
		}
		if (i == F_DEPARTURE && dates_valid(f)) {
			int n = fd_stay_nights(f->val.arrival, f->val.departure);
			if (f->val.departure == f->val.arrival)
				ui_putf(p->win, y, lw + vw + 1, p->w - lw - vw - 1, A_NORMAL, "%s",
				        _("day use"));
			else
				ui_putf(p->win, y, lw + vw + 1, p->w - lw - vw - 1, A_NORMAL,
				        ngettext("%d night", "%d nights", (unsigned long)n), n);
		}
		if (f->error[i][0])
			ui_putf(p->win, y, lw + vw + 1, p->w - lw - vw - 1, app->attr[UI_A_ERROR], "! %s",
			        f->error[i]);
	}
	if (f->focus == F_GUEST && f->n_matches > 0 && p->h > F_COUNT + 4) {
		ui_putf(p->win, F_COUNT + 4, 0, p->w, app->attr[UI_A_HEADER],
		        ngettext("%d guest on file with this name: PgDn/PgUp to choose",
		                 "%d guests on file with this name: PgDn/PgUp to choose",
		                 (unsigned long)f->n_matches),
		        f->n_matches);
		for (int i = 0; i < f->n_matches && F_COUNT + 5 + i < p->h; i++) {
			char line[600];
			match_line(&f->matches[i], line, sizeof line);
			ui_put(p->win, F_COUNT + 5 + i, 0, line, p->w, i == f->match ? A_REVERSE : A_NORMAL);
		}
	}
	/* The accounts matching what is typed, on one line (the form leaves
	 * few lines at 80x24), the one picked highlighted. */
	if (f->focus == F_COMPANY && f->n_companies > 0 && p->h > F_COUNT + 4) {
		const char *head = _("Accounts (PgDn/PgUp):");
		int x = fd_text_width(head) + 1;
		ui_put(p->win, F_COUNT + 4, 0, head, p->w, app->attr[UI_A_HEADER]);
		for (int i = 0; i < f->n_companies && x < p->w; i++) {
			int w = fd_text_width(f->companies[i]);
			ui_put(p->win, F_COUNT + 4, x, f->companies[i], w < p->w - x ? w : p->w - x,
			       i == f->company_pick ? A_REVERSE : A_NORMAL);
			x += w + 2;
		}
	}
	bool asked = !f->editing && f->asked_name[0] && strcmp(f->asked_name, f->text[F_GUEST]) == 0;
	if (p->h > F_COUNT + 3)
		ui_put(p->win, F_COUNT + 3, 0,
		       asked ? _("A guest of this name is on file: F10 saves another guest of that name, "
		                 "PgDn picks "
		                 "the one on file.")
		             : _("Tab/Enter next field, Up back; Left/Right choose the type and room; Esc "
		                 "abandons."),
		       p->w, asked ? app->attr[UI_A_ERROR] : app->attr[UI_A_PAST]);
	/* Why the chosen plan cannot sell the stay, in full (the field's line
	 * is too narrow for the nearest allowed stay). */
	if (f->focus == F_PLAN && f->error[F_PLAN][0]) {
		const char *m = f->error[F_PLAN];
		for (int y = F_COUNT + 3; *m && y < p->h; y++) {
			size_t len = strlen(m), cut = len;
			if ((int)len > p->w) {
				cut = (size_t)p->w;
				while (cut > 0 && m[cut] != ' ')
					cut--;
				if (cut == 0)
					cut = (size_t)p->w;
			}
			char line[512];
			snprintf(line, sizeof line, "%.*s", (int)cut, m);
			ui_put(p->win, y, 0, line, p->w, app->attr[UI_A_ERROR]);
			m += cut;
			while (*m == ' ')
				m++;
		}
	}
}

static int first_error(const struct form *f)
{
	for (int i = 0; i < F_COUNT; i++)
		if (f->error[i][0])
			return i;
	return -1;
}

/* Make the booking, for the guest on file existing_id or ("") a new guest. */
static void save_new_for(struct app *app, struct form *f, const char *existing_id)
{
	struct fd_op ops[4];
	struct fd_op_result res[4];
	char guest_id[FD_ID_LEN], booking_id[FD_ID_LEN], code[FD_CODE_LEN];
	const char *name = f->text[F_GUEST];
	while (*name == ' ')
		name++;
	int n = 0;
	bool existing = existing_id[0] != '\0';
	if (existing) {
		/* A guest on file: no new guest record; contact details typed
		 * here update the profile. */
		snprintf(guest_id, sizeof guest_id, "%s", existing_id);
		struct fd_guest g;
		const struct fd_repo *repo = fd_db_repo(app->db);
		if (repo->get_guest(repo->ctx, guest_id, &g, NULL) == FD_OK &&
		    ((f->text[F_EMAIL][0] && strcmp(f->text[F_EMAIL], g.email) != 0) ||
		     (f->text[F_PHONE][0] && strcmp(f->text[F_PHONE], g.phone) != 0))) {
			fd_session_op(app->session, &ops[n], "guest.update");
			cJSON_AddStringToObject(ops[n].payload, "guest", guest_id);
			if (f->text[F_EMAIL][0])
				cJSON_AddStringToObject(ops[n].payload, "email", f->text[F_EMAIL]);
			if (f->text[F_PHONE][0])
				cJSON_AddStringToObject(ops[n].payload, "phone", f->text[F_PHONE]);
			n++;
		}
	} else {
		fd_session_op(app->session, &ops[n], "guest.create");
		cJSON *g = ops[n++].payload;
		cJSON_AddStringToObject(g, "id", fd_uuid_new(guest_id));
		size_t family_len;
		const char *given = fd_guest_name_split(name, &family_len);
		/* As long as typed: core says what is too long. */
		char family[sizeof f->text[F_GUEST]];
		snprintf(family, sizeof family, "%.*s", (int)family_len, name);
		cJSON_AddStringToObject(g, "family", family);
		if (given)
			cJSON_AddStringToObject(g, "given", given);
		if (f->text[F_EMAIL][0])
			cJSON_AddStringToObject(g, "email", f->text[F_EMAIL]);
		if (f->text[F_PHONE][0])
			cJSON_AddStringToObject(g, "phone", f->text[F_PHONE]);
	}
	int booking = n;
	fd_session_op(app->session, &ops[n], "booking.create");
	cJSON *p = ops[n++].payload;
	int64_t rate = 0;
	fd_money_parse(f->text[F_RATE], app->currency, &rate, NULL);
	cJSON_AddStringToObject(p, "id", fd_uuid_new(booking_id));
	cJSON_AddStringToObject(p, "code", fd_store_new_booking_code(app->db, code));
	cJSON_AddStringToObject(p, "guest_id", guest_id);
	cJSON_AddStringToObject(p, "type", f->types[f->type].code);
	cJSON_AddStringToObject(p, "arrival", f->text[F_ARRIVAL]);
	cJSON_AddStringToObject(p, "departure", f->text[F_DEPARTURE]);
	cJSON_AddNumberToObject(p, "adults", atoi(f->text[F_ADULTS]));
	cJSON_AddNumberToObject(p, "children", atoi(f->text[F_CHILDREN]));
	if (f->plan >= 0)
		cJSON_AddStringToObject(p, "plan", f->plans[f->plan].code);
	else
		cJSON_AddNumberToObject(p, "rate", (double)rate);
	if (f->company[0])
		cJSON_AddStringToObject(p, "company", f->company);
	if (f->rate_reason[0])
		cJSON_AddStringToObject(p, "rate_reason", f->rate_reason);
	if (f->text[F_NOTES][0])
		cJSON_AddStringToObject(p, "notes", f->text[F_NOTES]);
	cJSON_AddStringToObject(p, "source", fd_channel_name(f->source));
	if (f->room >= 0) {
		fd_session_op(app->session, &ops[n], "booking.assign_room");
		cJSON_AddStringToObject(ops[n].payload, "booking", booking_id);
		cJSON_AddStringToObject(ops[n++].payload, "room", f->free_rooms[f->room]);
	}
	if (!ui_apply(app, ops, n, res))
		return;
	ui_close_modal(app);
	ui_message(app, _("Booking %s made for %s."), res[booking].code, name);
}

/* "Yes, it is that guest": book for the profile on file. */
static void same_guest(struct app *app, const char *guest_id)
{
	save_new_for(app, app->panes[PANE_FORM].st, guest_id);
}

struct first_same {
	struct fd_guest_row row;
	int n;
};

static bool note_same(void *ctx, const struct fd_guest_row *row)
{
	struct first_same *s = ctx;
	if (s->n++ == 0)
		s->row = *row;
	return true;
}

/* A new guest whose name is exactly that of a profile on file is most
 * often that guest again: ask first (y books for the profile; anything
 * else leaves the form as it is, and saving again makes a new guest). */
static void save_new(struct app *app, struct form *f)
{
	if (f->match >= 0) {
		save_new_for(app, f, f->matches[f->match].g.id);
		return;
	}
	if (strcmp(f->asked_name, f->text[F_GUEST]) != 0) {
		char family[FD_NOTES_LEN] = "", given[FD_NOTES_LEN] = "";
		size_t family_len;
		const char *name = f->text[F_GUEST], *given_at = fd_guest_name_split(name, &family_len);
		snprintf(family, sizeof family, "%.*s", (int)family_len, name);
		snprintf(given, sizeof given, "%s", given_at ? given_at : "");
		struct first_same same = {.n = 0};
		fd_query_same_name(app->db, family, given, note_same, &same, NULL);
		if (same.n > 0) {
			snprintf(f->asked_name, sizeof f->asked_name, "%s", f->text[F_GUEST]);
			char line[600];
			match_line(&same.row, line, sizeof line);
			if (same.n == 1)
				ui_confirm(app, same_guest, same.row.g.id,
				           _("A guest of this name is on file: %s. Is it this guest?"), line);
			else
				ui_confirm(
				    app, same_guest, same.row.g.id,
				    ngettext(
				        "%d guest of this name is on file, the first: %s. Is it this guest?",
				        "%d guests of this name are on file, the first: %s. Is it this "
				        "guest?",
				        (unsigned long)same.n),
				    same.n, line);
			return;
		}
	}
	save_new_for(app, f, "");
}

static void save_edit(struct app *app, struct form *f)
{
	struct fd_op ops[3];
	int n = 0;
	fd_session_op(app->session, &ops[n], "booking.modify");
	cJSON *p = ops[n++].payload;
	int64_t rate = 0;
	fd_money_parse(f->text[F_RATE], app->currency, &rate, NULL);
	cJSON_AddStringToObject(p, "booking", f->orig.id);
	char day[FD_DATE_STRLEN];
	if (strcmp(f->text[F_ARRIVAL], fd_date_format(f->orig.arrival, day)) != 0)
		cJSON_AddStringToObject(p, "arrival", f->text[F_ARRIVAL]);
	if (strcmp(f->text[F_DEPARTURE], fd_date_format(f->orig.departure, day)) != 0)
		cJSON_AddStringToObject(p, "departure", f->text[F_DEPARTURE]);
	if (strcmp(f->types[f->type].code, f->orig.type_code) != 0)
		cJSON_AddStringToObject(p, "type", f->types[f->type].code);
	cJSON_AddNumberToObject(p, "adults", atoi(f->text[F_ADULTS]));
	cJSON_AddNumberToObject(p, "children", atoi(f->text[F_CHILDREN]));
	if (!f->plan_fixed[0])
		cJSON_AddNumberToObject(p, "rate", (double)rate);
	if (f->asked_take && !f->plan_fixed[0])
		cJSON_AddBoolToObject(p, "take_rate", f->take_rate);
	if (f->rate_reason[0])
		cJSON_AddStringToObject(p, "rate_reason", f->rate_reason);
	cJSON_AddStringToObject(p, "notes", f->text[F_NOTES]);
	if (f->source_touched && f->source != FD_CHANNEL_COUNT)
		cJSON_AddStringToObject(p, "source", fd_channel_name(f->source));
	if (strcasecmp(f->company, f->orig_company) != 0)
		cJSON_AddStringToObject(p, "company", f->company);
	struct fd_guest g = {0};
	const struct fd_repo *repo = fd_db_repo(app->db);
	repo->get_guest(repo->ctx, f->orig.guest_id, &g, NULL);
	bool contact = strcmp(f->text[F_EMAIL], g.email) != 0 || strcmp(f->text[F_PHONE], g.phone) != 0;
	if (strcmp(f->text[F_GUEST], f->orig_guest) != 0 || contact) {
		fd_session_op(app->session, &ops[n], "guest.update");
		cJSON_AddStringToObject(ops[n].payload, "guest", f->orig.guest_id);
		if (strcmp(f->text[F_GUEST], f->orig_guest) != 0)
			cJSON_AddStringToObject(ops[n].payload, "family", f->text[F_GUEST]);
		if (contact) {
			cJSON_AddStringToObject(ops[n].payload, "email", f->text[F_EMAIL]);
			cJSON_AddStringToObject(ops[n].payload, "phone", f->text[F_PHONE]);
		}
		n++;
	}
	if (f->room >= 0 && strcmp(f->free_rooms[f->room], f->orig.room) != 0) {
		bool in_house = f->orig.status == FD_BOOKING_CHECKED_IN;
		fd_session_op(app->session, &ops[n], in_house ? "booking.move_room" : "booking.assign_room");
		cJSON_AddStringToObject(ops[n].payload, "booking", f->orig.id);
		cJSON_AddStringToObject(ops[n++].payload, "room", f->free_rooms[f->room]);
	}
	if (!ui_apply(app, ops, n, NULL))
		return;
	ui_close_modal(app);
	ui_message(app, _("Booking %s saved."), f->code);
}

static void save(struct app *app, struct form *f);

static void got_take_rate(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct form *f = app->panes[PANE_FORM].st;
	f->asked_take = true;
	f->take_rate = text[0] == 'y' || text[0] == 'Y';
	if (f->take_rate)
		fd_money_format_plain(f->types[f->type].base_rate, app->currency, f->text[F_RATE],
		                      sizeof f->text[F_RATE]);
	ui_dirty(app, PANE_FORM, PANE_RECALC | PANE_REPAINT);
	save(app, f);
}

static void got_rate_reason(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct form *f = app->panes[PANE_FORM].st;
	while (*text == ' ')
		text++;
	if (!text[0]) {
		ui_message(app, "%s", _("Not saved: a rate below the base rate needs a reason."));
		return;
	}
	snprintf(f->rate_reason, sizeof f->rate_reason, "%s", text);
	save(app, f);
}

/* The questions core's rate rules would otherwise refuse the save over;
 * true when one was asked (its answer saves again). */
static bool ask_rate(struct app *app, struct form *f)
{
	if (f->plan >= 0 || f->plan_fixed[0])
		return false; /* the plan prices the stay */
	const struct fd_room_type *t = &f->types[f->type];
	bool new_type = f->editing && strcmp(t->code, f->orig.type_code) != 0;
	char m[FD_MONEY_STRLEN], mine[FD_MONEY_STRLEN], label[200];
	if (new_type && !f->asked_take && f->val.rate != t->base_rate) {
		snprintf(label, sizeof label, _("take %s's rate %s instead of %s? (y/N): "), t->code,
		         ui_money(t->base_rate, app->currency, m, sizeof m),
		         ui_money(f->val.rate, app->currency, mine, sizeof mine));
		ui_prompt(app, label, "", got_take_rate, NULL);
		return true;
	}
	bool changed = !f->editing || new_type || f->val.rate != f->orig.rate;
	if (changed && !f->rate_reason[0] && app->session->actor[0] &&
	    (f->val.rate == 0 || f->val.rate < t->base_rate)) {
		snprintf(label, sizeof label, _("reason for the rate %s (%s's base rate is %s): "),
		         ui_money(f->val.rate, app->currency, mine, sizeof mine), t->code,
		         ui_money(t->base_rate, app->currency, m, sizeof m));
		ui_prompt(app, label, "", got_rate_reason, NULL);
		return true;
	}
	return false;
}

static void save(struct app *app, struct form *f)
{
	validate(app, f);
	int bad = first_error(f);
	if (bad >= 0) {
		focus_field(f, (enum field)bad);
		struct fd_error err;
		fd_fail(&err, FD_E_INVALID, "invalid_field", NULL,
		        _("Not saved: fix the marked fields (%s)."), f->error[bad]);
		ui_error(app, &err);
		ui_dirty(app, PANE_FORM, PANE_REPAINT);
		return;
	}
	validate(app, f); /* the answers may have changed the rate */
	if (ask_rate(app, f))
		return;
	if (f->editing)
		save_edit(app, f);
	else
		save_new(app, f);
}

static void changed(struct app *app, struct form *f, enum field which)
{
	f->touched = true;
	if (which == F_GUEST)
		f->match = -1; /* typing makes it a new guest again */
	if (which == F_COMPANY)
		f->company_pick = -1;
	if (which == F_RATE)
		f->rate_touched = true;
	if (which == F_SOURCE)
		f->source_touched = true;
	if (which == F_TYPE) {
		default_rate(app, f);
		f->want_room[0] = '\0';
		f->room = -1;
	}
	ui_dirty(app, PANE_FORM, PANE_RECALC | PANE_REPAINT);
}

static void choose(struct app *app, struct form *f, int step)
{
	if (f->focus == F_TYPE && f->n_types) {
		f->type = (f->type + step + f->n_types) % f->n_types;
		changed(app, f, F_TYPE);
	} else if (f->focus == F_SOURCE) {
		int n = FD_CHANNEL_COUNT;
		int cur = f->source == FD_CHANNEL_COUNT ? 0 : (int)f->source;
		f->source = (enum fd_channel)(((cur + step) % n + n) % n);
		changed(app, f, F_SOURCE);
	} else if (f->focus == F_PLAN && !f->plan_fixed[0]) {
		/* -1 (none) then each plan that sells the chosen type. */
		int n = f->n_plans + 1;
		for (int tries = 0; tries < n; tries++) {
			f->plan = ((f->plan + 1 + step) % n + n) % n - 1;
			if (f->plan < 0 || plan_offered(f, f->plan))
				break;
		}
		changed(app, f, F_PLAN);
	} else if (f->focus == F_ROOM) {
		/* -1 (any) then each free room. */
		int n = f->n_free + 1;
		f->room = ((f->room + 1 + step) % n + n) % n - 1;
		snprintf(f->want_room, sizeof f->want_room, "%s", f->room >= 0 ? f->free_rooms[f->room] : "");
		changed(app, f, F_ROOM);
	}
}

static void abandoned(struct app *app, const char *arg)
{
	(void)arg;
	ui_close_modal(app);
	ui_message(app, "%s", _("Booking form abandoned; nothing was saved."));
}

/* Esc on a form with changes asks first: over a slow link the first byte
 * of an arrow key's sequence alone reads as Esc and would lose the form. */
static void abandon(struct app *app, const struct form *f)
{
	if (f->touched)
		ui_confirm(app, abandoned, NULL, "%s", _("Discard the changes made in this form?"));
	else
		abandoned(app, NULL);
}

static void quit_confirmed(struct app *app, const char *arg)
{
	(void)arg;
	app->quit = true;
}

static bool form_input(struct app *app, struct pane *p, struct ui_key k)
{
	struct form *f = p->st;
	if (!k.fn && k.ch == 27) {
		abandon(app, f);
		return true;
	}
	if (k.fn && (k.ch == KEY_NPAGE || k.ch == KEY_PPAGE) && f->focus == F_GUEST && f->n_matches > 0) {
		int n = f->n_matches + 1, step = k.ch == KEY_PPAGE ? -1 : 1;
		f->match = ((f->match + 1 + step) % n + n) % n - 1;
		if (f->match >= 0) {
			char name[2 * FD_NAME_LEN + 2];
			fd_guest_display_name(&f->matches[f->match].g, name, sizeof name);
			ui_edit_set(&f->edit, name);
			snprintf(f->text[F_EMAIL], sizeof f->text[F_EMAIL], "%s",
			         f->matches[f->match].g.email);
			snprintf(f->text[F_PHONE], sizeof f->text[F_PHONE], "%s",
			         f->matches[f->match].g.phone);
		}
		f->touched = true;
		ui_dirty(app, PANE_FORM, PANE_RECALC | PANE_REPAINT);
		return true;
	}
	if (k.fn && (k.ch == KEY_NPAGE || k.ch == KEY_PPAGE) && f->focus == F_COMPANY && f->n_companies > 0) {
		int n = f->n_companies, step = k.ch == KEY_PPAGE ? -1 : 1;
		f->company_pick =
		    f->company_pick < 0 ? (step > 0 ? 0 : n - 1) : ((f->company_pick + step) % n + n) % n;
		ui_edit_set(&f->edit, f->companies[f->company_pick]);
		f->touched = true;
		ui_dirty(app, PANE_FORM, PANE_RECALC | PANE_REPAINT);
		return true;
	}
	if (k.fn && (k.ch == KEY_LEFT || k.ch == KEY_RIGHT) && fields[f->focus].kind == FK_CHOICE) {
		choose(app, f, k.ch == KEY_LEFT ? -1 : 1);
		return true;
	}
	if (!text_field(f->focus))
		return false;
	switch (ui_edit_key(&f->edit, k)) {
	case UI_EDIT_CHANGED:
		changed(app, f, f->focus);
		return true;
	case UI_EDIT_MOVED:
		ui_dirty(app, PANE_FORM, PANE_REPAINT);
		return true;
	default:
		return false;
	}
}

static bool form_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct form *f = p->st;
	switch (req) {
	case UI_REQ_FORM_NEXT:
		if (f->focus == F_SAVE)
			save(app, f);
		else
			focus_field(f, f->focus + 1);
		ui_dirty(app, PANE_FORM, PANE_REPAINT);
		return true;
	case UI_REQ_FORM_PREV:
		if (f->focus > 0)
			focus_field(f, f->focus - 1);
		ui_dirty(app, PANE_FORM, PANE_REPAINT);
		return true;
	case UI_REQ_FORM_SAVE:
		save(app, f);
		return true;
	case UI_REQ_BACK:
		abandon(app, f);
		return true;
	case UI_REQ_QUIT:
		/* q (on a choice or the button) or C-c: the form is not lost unasked. */
		ui_confirm(app, quit_confirmed, NULL, "%s",
		           f->editing ? _("Leave the application without saving the changes to this booking?")
		                      : _("Leave the application without making this booking?"));
		return true;
	default:
		/* Pane switches stay available from the form. */
		return false;
	}
}

const struct pane_ops ui_form_ops = {
    .title = N_("Booking form"),
    .ctx = UI_CTX_FORM,
    .create = form_create,
    .destroy = form_destroy,
    .recalc = form_recalc,
    .repaint = form_repaint,
    .action = form_action,
    .input = form_input,
};
