// SPDX-License-Identifier: GPL-3.0-or-later
/* Administration (tab 9): staff, rooms, room types, charge codes, the
 * property's settings and the enrolled terminals, for the roles the
 * permission table allows "admin.pane" (a clerk never sees the tab). Every
 * change is the operation the command line makes (staff.create and
 * staff.update as 'frontdesk staff', room.create as 'room add',
 * charge_code.set as 'charges set', folio.configure as 'settings', ...),
 * applied through the session, so core judges it (rules, the acting
 * person's role), it is audited and it syncs like any other.
 *
 * Each section is a table of fields (label, payload member, kind, the
 * operation that changes it) over rows loaded from the store; the same
 * table drives the list's columns, the record view, the prompts and the
 * payloads. Left/Right change the section; Enter opens a row, where
 * Up/Down choose a field and Enter changes it at once; `a` starts a new
 * record (Enter fills each field, F10 adds it); Esc goes back. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/document.h"
#include "core/folio.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "store/ids.h"
#include "store/lookup.h"
#include "store/query.h"
#include "sync/call.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"
#include "ui/money.h"

#define MAX_FIELDS 18
#define MAX_ROWS 500
#define TEXT_LEN 256

enum akind {
	AK_TEXT,
	AK_INT,
	AK_MONEY,  /* minor units in the payload, typed in the property's currency */
	AK_VAT,    /* basis points in the payload, typed as a percentage */
	AK_BOOL,   /* "yes" / "no" */
	AK_CHOICE, /* one of choices (wire names), shown translated */
	AK_TYPE,   /* a room type's code */
	AK_FIXED,  /* shown, never changed here */
};

enum aflags {
	AF_KEY = 1 << 0,      /* names the record: given when adding, never changed */
	AF_REQUIRED = 1 << 1, /* must be given to add */
	AF_NOCREATE = 1 << 2, /* not part of adding (changed afterwards) */
};

struct achoice {
	const char *wire;
	const char *text; /* N_() */
};

struct afield {
	const char *label; /* N_() */
	const char *key;   /* payload member; NULL for AK_FIXED */
	enum akind kind;
	unsigned flags;
	const struct achoice *choices; /* AK_CHOICE: ends with {NULL} */
	const char *op;                /* changes it; NULL: the section's update_op */
	int lo, hi;                    /* AK_INT */
};

struct arow {
	char v[MAX_FIELDS][TEXT_LEN]; /* each field as typed (wire names for choices) */
};

struct admin;
struct asection {
	const char *title; /* N_() */
	const char *create_op, *update_op;
	const char *ident; /* the update's payload member naming the record */
	bool new_id;       /* create_op takes a new "id" */
	bool whole;        /* update_op takes every field again (charge_code.set) */
	bool single;       /* one record, always open (the settings) */
	const struct afield *fields;
	int n_fields;
	const int *widths; /* list columns: the first `columns` fields */
	int columns;
	void (*load)(struct app *app, struct admin *a);
	const char *noun; /* N_(): "room" in messages */
};

enum aview { AV_LIST, AV_RECORD, AV_NEW };

struct admin {
	int section;
	enum aview view;
	struct ui_list list;
	struct arow *rows;
	int n, cap;
	int field;               /* cursor in the record view */
	char open_key[TEXT_LEN]; /* the record open (its AF_KEY value) */
	struct arow draft;       /* AV_NEW */
	bool touched;
	bool full; /* more rows than MAX_ROWS */
	/* Calls of the server (src/sync/call.h): a new staff member and a
	 * password go there, never into this terminal's database. */
	char pw[256];              /* the first of the two entries of a password; wiped */
	char pw_user[FD_USER_LEN]; /* whose password is asked */
	cJSON *new_op;             /* the staff.create waiting for its password (wire form) */
	bool adding;               /* the new staff member is on its way to the server */
	/* The Devices section: the server's last list, and the last code made. */
	enum { DEV_UNASKED, DEV_ASKING, DEV_READY, DEV_FAILED } dev_state;
	cJSON *devices;
	char dev_msg[400];
	char code[128];
	int64_t code_until;
};

/* ---- the sections' tables ---- */

static const struct achoice roles[] = {
    {"admin", N_("admin")}, {"manager", N_("manager")}, {"staff", N_("staff")}, {NULL, NULL}};
static const struct achoice depts[] = {
    {"front_office", N_("front office")}, {"housekeeping", N_("housekeeping")},
    {"maintenance", N_("maintenance")},   {"management", N_("management")},
    {"night_audit", N_("night audit")},   {NULL, NULL}};

static const struct afield staff_fields[] = {
    {N_("User"), "username", AK_TEXT, AF_KEY | AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Name"), "display_name", AK_TEXT, AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Role"), "role", AK_CHOICE, AF_REQUIRED, roles, NULL, 0, 0},
    {N_("Department"), "department", AK_CHOICE, AF_REQUIRED, depts, NULL, 0, 0},
    {N_("Section"), "section", AK_TEXT, 0, NULL, NULL, 0, 0},
    {N_("Active"), "active", AK_BOOL, AF_NOCREATE, NULL, NULL, 0, 0},
};
static const int staff_widths[] = {12, 20, 11, 14, 8, 0};

static const struct afield room_fields[] = {
    {N_("Room"), "number", AK_TEXT, AF_KEY | AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Type"), "type", AK_TYPE, AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Floor"), "floor", AK_INT, AF_REQUIRED, NULL, NULL, -10, 300},
    {N_("Section"), "section", AK_TEXT, 0, NULL, NULL, 0, 0},
    {N_("Maintenance"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
};
static const int room_widths[] = {8, 8, 6, 8, 0};

static const struct afield type_fields[] = {
    {N_("Code"), "code", AK_TEXT, AF_KEY | AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Name"), "name", AK_TEXT, AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Max guests"), "max_occupancy", AK_INT, AF_REQUIRED, NULL, NULL, 1, 50},
    {N_("Base rate"), "base_rate", AK_MONEY, AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Rank"), "rank", AK_INT, 0, NULL, NULL, 0, 1000},
};
static const int type_widths[] = {8, 24, 10, 14, 0};

static const struct afield charge_fields[] = {
    {N_("Code"), "code", AK_TEXT, AF_KEY | AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Name"), "name", AK_TEXT, AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("VAT %"), "vat_bp", AK_VAT, AF_REQUIRED, NULL, NULL, 0, 0},
    {N_("Room revenue"), "room", AK_BOOL, 0, NULL, NULL, 0, 0},
};
static const int charge_widths[] = {10, 26, 8, 0};

/* The settings: 'frontdesk init' (name, time zone), 'settings' and
 * 'property'; each field changed by the operation its command uses. */
enum {
	S_NAME,
	S_TIMEZONE,
	S_CURRENCY,
	S_DATE,
	S_REFUND,
	S_NOSHOW,
	S_OOO,
	S_DESK,
	S_DISCOUNT,
	S_DOCUMENT,
	S_LEGAL, /* then the documents' settings, fd_doc_setting_keys */
};
static const struct afield setting_fields[] = {
    [S_NAME] = {N_("Hotel name"), "name", AK_TEXT, 0, NULL, "property.update", 0, 0},
    [S_TIMEZONE] = {N_("Time zone"), "timezone", AK_TEXT, 0, NULL, "property.update", 0, 0},
    [S_CURRENCY] = {N_("Currency"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [S_DATE] = {N_("Business date"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [S_REFUND] = {N_("Refund limit"), "refund_threshold", AK_MONEY, 0, NULL, "folio.configure", 0, 0},
    [S_NOSHOW] = {N_("Audit no-shows"), "noshow_auto", AK_BOOL, 0, NULL, "folio.configure", 0, 0},
    [S_OOO] = {N_("OOO available"), "ooo_available", AK_BOOL, 0, NULL, "folio.configure", 0, 0},
    [S_DESK] = {N_("Desk depts."), "desk_departments", AK_TEXT, 0, NULL, "folio.configure", 0, 0},
    [S_DISCOUNT] = {N_("Discount max %"), "rate_discount_max", AK_INT, 0, NULL, "folio.configure", 0, 100},
    [S_DOCUMENT] = {N_("ID at check-in"), "require_document", AK_BOOL, 0, NULL, "property.configure", 0, 0},
    [S_LEGAL] = {N_("Legal name"), "legal_name", AK_TEXT, 0, NULL, "property.legal", 0, 0},
    {N_("Address"), "address", AK_TEXT, 0, NULL, "property.legal", 0, 0},
    {N_("Tax id"), "tax_id", AK_TEXT, 0, NULL, "property.legal", 0, 0},
    {N_("Doc. footer"), "doc_footer", AK_TEXT, 0, NULL, "property.legal", 0, 0},
    {N_("Cancel terms"), "cancel_terms", AK_TEXT, 0, NULL, "property.legal", 0, 0},
    {N_("Doc. language"), "language", AK_TEXT, 0, NULL, "property.legal", 0, 0},
};

/* The enrolled terminals, as the server lists them (GET /v1/devices): never
 * stored here, asked again each time the section is shown. */
enum { D_NAME, D_SEEN, D_USERS, D_STATE, D_ENROLLED, D_ID };
static const struct afield device_fields[] = {
    [D_NAME] = {N_("Terminal"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [D_SEEN] = {N_("Last seen"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [D_USERS] = {N_("Signed in"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [D_STATE] = {N_("State"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [D_ENROLLED] = {N_("Enrolled"), NULL, AK_FIXED, 0, NULL, NULL, 0, 0},
    [D_ID] = {N_("Device id"), NULL, AK_FIXED, AF_KEY, NULL, NULL, 0, 0},
};
static const int device_widths[] = {16, 17, 24, 0};

static void load_staff(struct app *app, struct admin *a);
static void load_rooms(struct app *app, struct admin *a);
static void load_types(struct app *app, struct admin *a);
static void load_charges(struct app *app, struct admin *a);
static void load_settings(struct app *app, struct admin *a);
static void load_devices(struct app *app, struct admin *a);

#define N(a) ((int)(sizeof(a) / sizeof *(a)))
enum { SEC_STAFF, SEC_ROOMS, SEC_TYPES, SEC_CHARGES, SEC_SETTINGS, SEC_DEVICES, SEC_COUNT };
static const struct asection sections[SEC_COUNT] = {
    [SEC_STAFF] = {N_("Staff"), "staff.create", "staff.update", "username", true, false, false, staff_fields,
                   N(staff_fields), staff_widths, N(staff_widths), load_staff, N_("staff member")},
    [SEC_ROOMS] = {N_("Rooms"), "room.create", "room.update", "room", true, false, false, room_fields,
                   N(room_fields), room_widths, N(room_widths), load_rooms, N_("room")},
    [SEC_TYPES] = {N_("Room types"), "room_type.create", "room_type.update", "code", true, false, false,
                   type_fields, N(type_fields), type_widths, N(type_widths), load_types, N_("room type")},
    [SEC_CHARGES] = {N_("Charge codes"), "charge_code.set", "charge_code.set", "code", false, true, false,
                     charge_fields, N(charge_fields), charge_widths, N(charge_widths), load_charges,
                     N_("charge code")},
    [SEC_SETTINGS] = {N_("Settings"), NULL, NULL, NULL, false, false, true, setting_fields, N(setting_fields),
                      NULL, 0, load_settings, N_("setting")},
    [SEC_DEVICES] = {N_("Devices"), NULL, NULL, NULL, false, false, false, device_fields, N(device_fields),
                     device_widths, N(device_widths), load_devices, N_("terminal")},
};

static const struct asection *sec(const struct admin *a)
{
	return &sections[a->section];
}

/* ---- loading rows ---- */

static struct arow *new_row(struct admin *a)
{
	if (a->n >= MAX_ROWS) {
		a->full = true;
		return NULL;
	}
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 32;
		struct arow *rows = realloc(a->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return NULL;
		a->rows = rows;
		a->cap = cap;
	}
	struct arow *r = &a->rows[a->n++];
	memset(r, 0, sizeof *r);
	return r;
}

/* A field's text, cut to fit (vsnprintf: a long reason is cut, not an error). */
static void set_text(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_text(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, size, fmt, ap);
	va_end(ap);
}
#define SET(r, i, ...) set_text((r)->v[i], sizeof(r)->v[i], __VA_ARGS__)

static bool staff_row(void *ctx, const struct fd_staff *s)
{
	struct arow *r = new_row(ctx);
	if (!r)
		return false;
	SET(r, 0, "%s", s->username);
	SET(r, 1, "%s", s->display_name);
	SET(r, 2, "%s", fd_role_name(s->role));
	SET(r, 3, "%s", fd_dept_name(s->dept));
	SET(r, 4, "%s", s->section);
	SET(r, 5, "%s", s->active ? "yes" : "no");
	return true;
}

static void load_staff(struct app *app, struct admin *a)
{
	struct fd_error err = {0};
	if (fd_query_staff_list(app->db, staff_row, a, &err))
		ui_error(app, &err);
}

static bool room_row(void *ctx, const struct fd_room_row *row)
{
	struct arow *r = new_row(ctx);
	if (!r)
		return false;
	const struct fd_room *m = &row->r;
	SET(r, 0, "%s", m->number);
	SET(r, 1, "%s", m->type_code);
	SET(r, 2, "%d", m->floor);
	SET(r, 3, "%s", m->section);
	if (m->maint != FD_MAINT_NONE) {
		char from[FD_DATE_STRLEN], to[FD_DATE_STRLEN];
		SET(r, 4, "%s %s..%s %s", m->maint == FD_MAINT_OOO ? "OOO" : "OOS",
		    fd_date_format(m->maint_from, from), fd_date_format(m->maint_to, to), m->maint_reason);
	}
	return true;
}

static void load_rooms(struct app *app, struct admin *a)
{
	struct fd_error err = {0};
	if (fd_query_rooms(app->db, app->today, room_row, a, &err))
		ui_error(app, &err);
}

struct type_ctx {
	struct admin *a;
	const char *currency;
};

static bool type_row(void *ctx, const struct fd_room_type *t)
{
	struct type_ctx *c = ctx;
	struct arow *r = new_row(c->a);
	if (!r)
		return false;
	SET(r, 0, "%s", t->code);
	SET(r, 1, "%s", t->name);
	SET(r, 2, "%d", t->max_occupancy);
	fd_money_format_plain(t->base_rate, c->currency, r->v[3], sizeof r->v[3]);
	SET(r, 4, "%d", t->rank);
	return true;
}

static void load_types(struct app *app, struct admin *a)
{
	struct fd_error err = {0};
	struct type_ctx c = {a, app->currency};
	if (fd_query_room_types(app->db, type_row, &c, &err))
		ui_error(app, &err);
}

static bool charge_row(void *ctx, const struct fd_charge_code *cc)
{
	struct arow *r = new_row(ctx);
	if (!r)
		return false;
	SET(r, 0, "%s", cc->code);
	SET(r, 1, "%s", cc->name);
	fd_vat_rate_format(cc->vat_bp, r->v[2], sizeof r->v[2]);
	SET(r, 3, "%s", cc->is_room ? "yes" : "no");
	return true;
}

static void load_charges(struct app *app, struct admin *a)
{
	struct fd_error err = {0};
	if (fd_query_charge_code_list(app->db, charge_row, a, &err))
		ui_error(app, &err);
}

static void setting(struct app *app, const char *key, char *out, size_t size, const char *dflt)
{
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (repo->get_setting(repo->ctx, key, out, size, NULL) != FD_OK || !out[0])
		snprintf(out, size, "%s", dflt);
}

static void load_settings(struct app *app, struct admin *a)
{
	struct arow *r = new_row(a);
	struct fd_property p;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (!r || repo->get_property(repo->ctx, &p, NULL) != FD_OK)
		return;
	SET(r, S_NAME, "%s", p.name);
	SET(r, S_TIMEZONE, "%s", p.timezone);
	SET(r, S_CURRENCY, "%s", p.currency);
	fd_date_format(p.business_date, r->v[S_DATE]);
	char buf[TEXT_LEN];
	setting(app, "refund_threshold", buf, sizeof buf, "0");
	fd_money_format_plain(strtoll(buf, NULL, 10), p.currency, r->v[S_REFUND], sizeof r->v[S_REFUND]);
	setting(app, "noshow_auto", buf, sizeof buf, "1");
	SET(r, S_NOSHOW, "%s", strcmp(buf, "1") == 0 ? "yes" : "no");
	setting(app, "ooo_available", buf, sizeof buf, "0");
	SET(r, S_OOO, "%s", strcmp(buf, "1") == 0 ? "yes" : "no");
	setting(app, "desk_departments", r->v[S_DESK], sizeof r->v[S_DESK], "");
	setting(app, "rate_discount_max", r->v[S_DISCOUNT], sizeof r->v[S_DISCOUNT], "30");
	setting(app, "require_document", buf, sizeof buf, "0");
	SET(r, S_DOCUMENT, "%s", strcmp(buf, "1") == 0 ? "yes" : "no");
	for (int i = 0; fd_doc_setting_keys[i] && S_LEGAL + i < N(setting_fields); i++)
		setting(app, fd_doc_setting_keys[i], r->v[S_LEGAL + i], sizeof r->v[S_LEGAL + i], "");
}

/* Unix seconds as the hotel's local time ("-" for never). */
static void local_time(int64_t t, char *out, size_t size)
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (t <= 0 || !localtime_r(&tt, &tm) || !strftime(out, size, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, size, "-");
}

static int64_t json_int(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

static const char *json_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void load_devices(struct app *app, struct admin *a)
{
	(void)app;
	const cJSON *d;
	cJSON_ArrayForEach(d, a->devices)
	{
		struct arow *r = new_row(a);
		if (!r)
			return;
		SET(r, D_NAME, "%s", json_text(d, "name"));
		local_time(json_int(d, "last_seen"), r->v[D_SEEN], sizeof r->v[D_SEEN]);
		const cJSON *u;
		cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(d, "users"))
		{
			size_t len = strlen(r->v[D_USERS]);
			snprintf(r->v[D_USERS] + len, sizeof r->v[D_USERS] - len, "%s%s", len ? ", " : "",
			         json_text(u, "username"));
		}
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "revoked"))) {
			char at[32];
			local_time(json_int(d, "revoked_at"), at, sizeof at);
			SET(r, D_STATE, _("revoked %s by %s"), at, json_text(d, "revoked_by"));
		} else {
			SET(r, D_STATE, "%s",
			    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "current")) ? _("this terminal")
			                                                                 : _("active"));
		}
		local_time(json_int(d, "enrolled_at"), r->v[D_ENROLLED], sizeof r->v[D_ENROLLED]);
		SET(r, D_ID, "%s", json_text(d, "id"));
	}
}

/* ---- values: as typed, as shown, into a payload ---- */

static const char *choice_text(const struct afield *f, const char *wire)
{
	for (int i = 0; f->choices && f->choices[i].wire; i++)
		if (strcmp(f->choices[i].wire, wire) == 0)
			return _(f->choices[i].text);
	return wire;
}

static const char *shown(struct app *app, const struct afield *f, const char *v, char *buf, size_t size)
{
	int64_t minor;
	switch (f->kind) {
	case AK_CHOICE:
		return choice_text(f, v);
	case AK_BOOL:
		return strcmp(v, "yes") == 0 ? _("yes") : _("no");
	case AK_MONEY:
		if (fd_money_parse(v, app->currency, &minor, NULL) == FD_OK)
			return ui_money(minor, app->currency, buf, size);
		return v;
	case AK_VAT:
		if (v[0])
			snprintf(buf, size, "%s %%", v);
		return v[0] ? buf : v;
	default:
		return v;
	}
}

static bool parse_bool(const char *text, bool *out)
{
	static const char *const yes[] = {"yes", "y", "1", "true", "on"};
	static const char *const no[] = {"no", "n", "0", "false", "off"};
	for (int i = 0; i < N(yes); i++)
		if (strcasecmp(text, yes[i]) == 0 || strcasecmp(text, _("yes")) == 0)
			return *out = true;
	for (int i = 0; i < N(no); i++)
		if (strcasecmp(text, no[i]) == 0 || strcasecmp(text, _("no")) == 0)
			return !(*out = false);
	return false;
}

/* The typed text trimmed of spaces at both ends. */
static void trimmed(const char *text, char *out, size_t size)
{
	while (*text == ' ')
		text++;
	snprintf(out, size, "%s", text);
	size_t n = strlen(out);
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
}

/* text as field f wants it: its canonical text in canon (wire names,
 * "yes"/"no") and, when payload is given, the member added. False with a
 * message saying what is wrong. */
static bool put_value(struct app *app, const struct afield *f, const char *text, cJSON *payload, char *canon,
                      size_t size, struct fd_error *err)
{
	char t[TEXT_LEN];
	trimmed(text, t, sizeof t);
	snprintf(canon, size, "%s", t);
	const char *label = _(f->label);
	if (!t[0] && (f->flags & AF_REQUIRED))
		return !fd_fail(err, FD_E_INVALID, "missing_field", f->key, _("%s: this cannot be empty."),
		                label);
	switch (f->kind) {
	case AK_FIXED:
		return !fd_fail(err, FD_E_INVALID, "fixed", NULL, _("%s is not changed here."), label);
	case AK_TEXT:
	case AK_TYPE:
		if (payload)
			cJSON_AddStringToObject(payload, f->key, t);
		return true;
	case AK_INT: {
		char *end;
		long v = strtol(t, &end, 10);
		if (!t[0] || *end || v < f->lo || v > f->hi)
			return !fd_fail(err, FD_E_INVALID, "invalid_field", f->key,
			                _("%s: \"%s\" is not a whole number from %d to %d."), label, t, f->lo,
			                f->hi);
		snprintf(canon, size, "%ld", v);
		if (payload)
			cJSON_AddNumberToObject(payload, f->key, (double)v);
		return true;
	}
	case AK_MONEY: {
		int64_t minor;
		struct fd_error e = {0};
		if (fd_money_parse(t, app->currency, &minor, &e) != FD_OK || minor < 0)
			return !fd_fail(err, FD_E_INVALID, "invalid_field", f->key, _("%s: %s"), label,
			                e.message[0] ? e.message : _("an amount cannot be negative."));
		fd_money_format_plain(minor, app->currency, canon, size);
		if (payload)
			cJSON_AddNumberToObject(payload, f->key, (double)minor);
		return true;
	}
	case AK_VAT: {
		int bp;
		if (!fd_vat_rate_parse(t, &bp))
			return !fd_fail(err, FD_E_INVALID, "invalid_field", f->key,
			                _("%s: \"%s\" is not a VAT rate; give a percentage from 0 to 100, "
			                  "such as 19 or 7.5."),
			                label, t);
		fd_vat_rate_format(bp, canon, size);
		if (payload)
			cJSON_AddNumberToObject(payload, f->key, bp);
		return true;
	}
	case AK_BOOL: {
		bool b;
		if (!parse_bool(t, &b))
			return !fd_fail(err, FD_E_INVALID, "invalid_field", f->key, _("%s: answer %s or %s."),
			                label, _("yes"), _("no"));
		snprintf(canon, size, "%s", b ? "yes" : "no");
		if (payload)
			cJSON_AddBoolToObject(payload, f->key, b);
		return true;
	}
	case AK_CHOICE:
		for (int i = 0; f->choices[i].wire; i++)
			if (strcasecmp(t, f->choices[i].wire) == 0 ||
			    strcasecmp(t, _(f->choices[i].text)) == 0) {
				snprintf(canon, size, "%s", f->choices[i].wire);
				if (payload)
					cJSON_AddStringToObject(payload, f->key, f->choices[i].wire);
				return true;
			}
		{
			char list[256] = "";
			for (int i = 0; f->choices[i].wire; i++) {
				size_t len = strlen(list);
				snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
				         _(f->choices[i].text));
			}
			return !fd_fail(err, FD_E_INVALID, "invalid_field", f->key,
			                _("%s: \"%s\" is not one of %s."), label, t, list);
		}
	}
	return false;
}

/* ---- the pane's state ---- */

static void *admin_create(struct app *app)
{
	(void)app;
	struct admin *a = calloc(1, sizeof *a);
	if (a)
		ui_list_init(&a->list, 3, sections[0].widths, sections[0].columns);
	return a;
}

static void admin_destroy(void *st)
{
	struct admin *a = st;
	if (a) {
		free(a->rows);
		explicit_bzero(a->pw, sizeof a->pw);
		explicit_bzero(a->code, sizeof a->code);
		cJSON_Delete(a->new_op);
		cJSON_Delete(a->devices);
	}
	free(a);
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 4;
	return v < 1 ? 1 : v;
}

static struct arow *current_row(struct admin *a)
{
	if (a->view == AV_NEW)
		return &a->draft;
	if (sec(a)->single)
		return a->n > 0 ? &a->rows[0] : NULL;
	return a->list.cursor < a->n ? &a->rows[a->list.cursor] : NULL;
}

static int key_field(const struct asection *s)
{
	for (int i = 0; i < s->n_fields; i++)
		if (s->fields[i].flags & AF_KEY)
			return i;
	return -1;
}

static void take_reply(struct app *app, struct admin *a);
static void ask_devices(struct app *app, struct admin *a);

static void admin_recalc(struct app *app, struct pane *p)
{
	struct admin *a = p->st;
	if (!ui_admin_allowed(app)) {
		/* The acting person lost the right (a change from the server). */
		ui_show(app, PANE_BOARD);
		return;
	}
	take_reply(app, a);
	if (a->section == SEC_DEVICES && a->dev_state == DEV_UNASKED)
		ask_devices(app, a);
	const struct asection *s = sec(a);
	int k = key_field(s);
	/* The row under the cursor stays under it (found again by its key). */
	if (a->view == AV_LIST && k >= 0 && a->list.cursor < a->n)
		snprintf(a->open_key, sizeof a->open_key, "%s", a->rows[a->list.cursor].v[k]);
	a->n = 0;
	a->full = false;
	if (s->load)
		s->load(app, a);
	a->list.widths = s->widths;
	a->list.columns = s->columns;
	int at = -1;
	for (int i = 0; k >= 0 && i < a->n; i++)
		if (strcmp(a->rows[i].v[k], a->open_key) == 0)
			at = i;
	if (a->view == AV_RECORD && at < 0)
		a->view = AV_LIST; /* gone */
	if (at >= 0)
		a->list.cursor = at;
	ui_list_set(&a->list, a->n, visible_rows(p));
}

/* ---- painting ---- */

static void paint_sections(struct app *app, struct pane *p, const struct admin *a)
{
	int x = 0;
	ui_blank(p->win, 1, 0, p->w, A_NORMAL);
	for (int i = 0; i < SEC_COUNT && x < p->w; i++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", _(sections[i].title));
		int cells = fd_text_width(label);
		if (x + cells > p->w)
			cells = p->w - x;
		ui_put(p->win, 1, x, label, cells, app->attr[i == a->section ? UI_A_TAB_ACTIVE : UI_A_TAB]);
		x += cells;
	}
}

static bool may_change(struct app *app, const struct asection *s)
{
	if (s == &sections[SEC_DEVICES])
		return app->session->enrolled && fd_session_allows(app->session, "admin.devices");
	if (s->single) {
		for (int i = 0; i < s->n_fields; i++)
			if (s->fields[i].op && fd_session_allows(app->session, s->fields[i].op))
				return true;
		return false;
	}
	return (s->create_op && fd_session_allows(app->session, s->create_op)) ||
	       (s->update_op && fd_session_allows(app->session, s->update_op));
}

static void paint_list(struct app *app, struct pane *p, struct admin *a)
{
	const struct asection *s = sec(a);
	const char *h[MAX_FIELDS] = {0};
	for (int i = 0; i < s->columns; i++)
		h[i] = _(s->fields[i].label);
	ui_list_header(p->win, &a->list, 2, p->w, app->attr[UI_A_HEADER], h[0], h[1], h[2], h[3], h[4], h[5]);
	for (int r = a->list.top; r < a->n && r < a->list.top + a->list.visible; r++) {
		char bufs[MAX_FIELDS][FD_MONEY_STRLEN + 8];
		const char *t[MAX_FIELDS] = {0};
		for (int i = 0; i < s->columns; i++)
			t[i] = shown(app, &s->fields[i], a->rows[r].v[i], bufs[i], sizeof bufs[i]);
		ui_list_row(p->win, &a->list, r, p->w, A_NORMAL, app->attr[UI_A_CURSOR], t[0], t[1], t[2],
		            t[3], t[4], t[5]);
	}
	if (a->n == 0)
		ui_putf(p->win, 3, 1, p->w - 1, A_NORMAL, _("None yet: a adds a %s."), _(s->noun));
}

static void paint_record(struct app *app, struct pane *p, struct admin *a)
{
	const struct asection *s = sec(a);
	struct arow *r = current_row(a);
	if (!r)
		return;
	int lw = 10;
	for (int i = 0; i < s->n_fields; i++)
		if (fd_text_width(_(s->fields[i].label)) + 1 > lw)
			lw = fd_text_width(_(s->fields[i].label)) + 1;
	if (lw > p->w / 3)
		lw = p->w / 3;
	for (int i = 0, y = 2; i < s->n_fields && y < p->h - 1; i++, y++) {
		const struct afield *f = &s->fields[i];
		char buf[FD_MONEY_STRLEN + 8];
		bool fixed = f->kind == AK_FIXED || (a->view == AV_RECORD && (f->flags & AF_KEY)) ||
		             (a->view == AV_NEW && (f->flags & AF_NOCREATE));
		ui_put(p->win, y, 0, _(f->label), lw, app->attr[UI_A_HEADER]);
		attr_t at = i == a->field ? app->attr[UI_A_CURSOR] : fixed ? app->attr[UI_A_PAST] : A_NORMAL;
		ui_put(p->win, y, lw, shown(app, f, r->v[i], buf, sizeof buf), p->w - lw, at);
	}
}

/* Not enrolled: where terminals are managed. */
static void paint_devices_cli(struct app *app, struct pane *p)
{
	char url[512] = "";
	int y = 2;
	ui_put(p->win, y++, 0, _("Enrolled terminals are kept by the server, not by this terminal."), p->w,
	       A_NORMAL);
	if (fd_db_meta_get(app->db, "server_url", url, sizeof url, NULL) == FD_OK && url[0])
		ui_putf(p->win, y++, 0, p->w, A_NORMAL, _("This terminal: device %s, server %s"),
		        app->session->device, url);
	else
		ui_put(p->win, y++, 0, _("This terminal is not enrolled with a server."), p->w, A_NORMAL);
	y++;
	ui_put(p->win, y++, 0, _("On the server, as its administrator:"), p->w, app->attr[UI_A_HEADER]);
	static const char *const lines[][2] = {
	    {"frontdeskd device list", N_("every terminal, when it was last seen")},
	    {"frontdeskd device revoke ID", N_("stop a lost or retired terminal at once")},
	    {"frontdeskd enroll-code", N_("a one-time code to enrol a new terminal")},
	    {"frontdeskd user passwd USER", N_("a new password (--password-file FILE)")},
	};
	for (int i = 0; i < N(lines) && y < p->h - 1; i++, y++) {
		ui_put(p->win, y, 2, lines[i][0], 30, A_BOLD);
		ui_put(p->win, y, 32, _(lines[i][1]), p->w - 32, A_NORMAL);
	}
	if (y + 1 < p->h - 1)
		ui_put(p->win, y + 1, 0, _("Then on the new terminal: frontdesk enroll URL CODE"), p->w,
		       A_NORMAL);
}

/* The Devices section until the server's list is there. */
static void paint_devices(struct app *app, struct pane *p, const struct admin *a)
{
	if (!app->session->enrolled) {
		paint_devices_cli(app, p);
		return;
	}
	const char *text = !fd_session_allows(app->session, "admin.devices")
	                       ? _("Only an administrator manages the enrolled terminals.")
	                   : a->dev_state == DEV_FAILED
	                       ? a->dev_msg
	                       : _("Asking the server for the enrolled terminals...");
	ui_put(p->win, 3, 1, text, p->w - 1, a->dev_state == DEV_FAILED ? app->attr[UI_A_ERROR] : A_NORMAL);
}

/* The last enrolment code made, under the list. */
static void paint_code(struct app *app, struct pane *p, const struct admin *a)
{
	char until[32], url[512] = "";
	if (!a->code[0] || p->h < 8)
		return;
	local_time(a->code_until, until, sizeof until);
	fd_db_meta_get(app->db, "server_url", url, sizeof url, NULL);
	for (int y = p->h - 5; y < p->h - 1; y++)
		ui_blank(p->win, y, 0, p->w, A_NORMAL);
	ui_putf(p->win, p->h - 4, 0, p->w, app->attr[UI_A_HEADER], _("Enrolment code (one use, until %s):"),
	        until);
	ui_putf(p->win, p->h - 3, 2, p->w - 2, A_BOLD, "%s", a->code);
	ui_putf(p->win, p->h - 2, 0, p->w, A_NORMAL, _("On the new terminal: frontdesk enroll %s CODE"), url);
}

static void admin_repaint(struct app *app, struct pane *p)
{
	struct admin *a = p->st;
	const struct asection *s = sec(a);
	const char *view_only = s->fields && !may_change(app, s) ? _("  (view only)") : "";
	struct arow *r = current_row(a);
	int k = key_field(s);
	if (a->view == AV_NEW)
		ui_title(app, p, _("Administration: new %s"), _(s->noun));
	else if (a->view == AV_RECORD && r && k >= 0)
		ui_title(app, p, _("Administration: %s %s%s"), _(s->noun), r->v[k], view_only);
	else if (s->fields && !s->single && (a->section != SEC_DEVICES || a->dev_state == DEV_READY))
		ui_title(app, p, _("Administration: %s (%d)%s%s"), _(s->title), a->n,
		         a->full ? _(", the first ones") : "", view_only);
	else
		ui_title(app, p, _("Administration: %s%s"), _(s->title), view_only);
	paint_sections(app, p, a);
	const char *hints;
	if (a->section == SEC_DEVICES && (!may_change(app, s) || a->dev_state != DEV_READY)) {
		paint_devices(app, p, a);
		hints = _("Left/Right section");
	} else if (a->section == SEC_DEVICES) {
		if (a->view == AV_RECORD)
			paint_record(app, p, a);
		else
			paint_list(app, p, a);
		paint_code(app, p, a);
		hints = a->view == AV_RECORD ? _("r revoke  Esc back")
		                             : _("a enrolment code  r revoke  Enter open  Left/Right");
	} else if (a->view == AV_NEW) {
		paint_record(app, p, a);
		hints = _("Enter fill in  F10 add  Esc abandon");
	} else if (a->view == AV_RECORD || s->single) {
		paint_record(app, p, a);
		hints = a->section == SEC_STAFF ? _("Enter change  d disable/enable  p password  Esc back")
		        : s->single             ? _("Enter change  Left/Right section")
		                                : _("Enter change  Esc back");
	} else {
		paint_list(app, p, a);
		hints =
		    a->section == SEC_STAFF ? _("a add  Enter open  d disable/enable  p password  Left/Right")
		    : a->section == SEC_ROOMS ? _("a add  Enter open  O out of order  R return  Left/Right")
		                              : _("a add  Enter open  Left/Right section");
	}
	ui_put(p->win, p->h - 1, 0, hints, p->w, app->attr[UI_A_PAST]);
}

/* ---- changing ---- */

static bool server_ready(struct app *app, const char *offline, struct fd_error *err);
static void staff_to_server(struct app *app, struct admin *a, struct fd_op *op, const char *user);
static void reset_password(struct app *app, struct admin *a, const char *user);

static const char *row_key(struct admin *a)
{
	struct arow *r = current_row(a);
	int k = key_field(sec(a));
	return r && k >= 0 ? r->v[k] : "";
}

static void edit_field(struct app *app, struct admin *a);

/* A field of an existing record changed: its operation, at once. */
static void got_change(struct app *app, const char *text, const char *arg)
{
	struct admin *a = app->panes[PANE_ADMIN].st;
	const struct asection *s = sec(a);
	int fi = atoi(arg);
	struct arow *r = current_row(a);
	if (fi < 0 || fi >= s->n_fields || !r)
		return;
	const struct afield *f = &s->fields[fi];
	const char *type = f->op ? f->op : s->update_op;
	struct fd_op op;
	fd_session_op(app->session, &op, type);
	struct fd_error err = {0};
	char canon[TEXT_LEN];
	if (s->ident)
		cJSON_AddStringToObject(op.payload, s->ident, row_key(a));
	bool ok = true;
	for (int i = 0; ok && s->whole && i < s->n_fields; i++)
		if (i != fi && !(s->fields[i].flags & AF_KEY) && s->fields[i].key)
			ok = put_value(app, &s->fields[i], r->v[i], op.payload, canon, sizeof canon, &err);
	if (!ok || !put_value(app, f, text, op.payload, canon, sizeof canon, &err)) {
		fd_op_clear(&op);
		ui_error(app, &err);
		return;
	}
	if (!ui_apply(app, &op, 1, NULL))
		return;
	struct fd_property prop;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (strcmp(type, "property.update") == 0 && repo->get_property(repo->ctx, &prop, NULL) == FD_OK)
		snprintf(app->hotel, sizeof app->hotel, "%s", prop.name); /* the status line's */
	ui_message(app, _("%s saved."), _(f->label));
}

/* A field of the new record: checked as typed, kept in the draft. */
static void got_draft(struct app *app, const char *text, const char *arg)
{
	struct admin *a = app->panes[PANE_ADMIN].st;
	const struct asection *s = sec(a);
	int fi = atoi(arg);
	if (fi < 0 || fi >= s->n_fields)
		return;
	struct fd_error err = {0};
	char canon[TEXT_LEN];
	char t[TEXT_LEN];
	trimmed(text, t, sizeof t);
	if (t[0] && !put_value(app, &s->fields[fi], text, NULL, canon, sizeof canon, &err)) {
		ui_error(app, &err);
		return;
	}
	snprintf(a->draft.v[fi], sizeof a->draft.v[fi], "%s", t[0] ? canon : "");
	a->touched = true;
	ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
	/* On to the next field to fill in, asked at once. */
	for (int i = fi + 1; i < s->n_fields; i++)
		if (!(s->fields[i].flags & AF_NOCREATE) && s->fields[i].kind != AK_FIXED) {
			a->field = i;
			edit_field(app, a);
			return;
		}
	char save[32];
	ui_keys_describe(UI_REQ_ADMIN_SAVE, save, sizeof save);
	save[strcspn(save, " ")] = '\0'; /* the first key */
	ui_message(app, _("%s adds the %s; Enter on a field changes it, Esc abandons."), save, _(s->noun));
}

static void save_new(struct app *app, struct admin *a)
{
	const struct asection *s = sec(a);
	int k = key_field(s);
	struct fd_error err = {0};
	if (k >= 0 && s->whole) {
		/* charge_code.set also changes a code on file: adding one must not. */
		for (int i = 0; i < a->n; i++)
			if (strcasecmp(a->rows[i].v[k], a->draft.v[k]) == 0) {
				fd_fail(&err, FD_E_CONFLICT, "duplicate", s->fields[k].key,
				        _("%s %s already exists; open it to change it. Nothing was added."),
				        _(s->fields[k].label), a->draft.v[k]);
				ui_error(app, &err);
				return;
			}
	}
	struct fd_op op;
	fd_session_op(app->session, &op, s->create_op);
	char id[FD_ID_LEN], canon[TEXT_LEN];
	if (s->new_id)
		cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	bool ok = true;
	for (int i = 0; ok && i < s->n_fields; i++) {
		const struct afield *f = &s->fields[i];
		if (!f->key || (f->flags & AF_NOCREATE) || (!a->draft.v[i][0] && !(f->flags & AF_REQUIRED)))
			continue;
		if (!(ok = put_value(app, f, a->draft.v[i], op.payload, canon, sizeof canon, &err)))
			a->field = i;
	}
	if (!ok) {
		fd_op_clear(&op);
		char why[sizeof err.message];
		snprintf(why, sizeof why, "%s", err.message);
		fd_fail(&err, FD_E_INVALID, "invalid_field", NULL, _("Not added: %s"), why);
		ui_error(app, &err);
		ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
		return;
	}
	char key[TEXT_LEN];
	snprintf(key, sizeof key, "%s", k >= 0 ? a->draft.v[k] : "");
	if (a->section == SEC_STAFF && app->session->enrolled) {
		staff_to_server(app, a, &op, key); /* with a password, at the server */
		return;
	}
	if (!ui_apply(app, &op, 1, NULL))
		return; /* the draft stays to be put right */
	a->view = AV_LIST;
	a->touched = false;
	snprintf(a->open_key, sizeof a->open_key, "%s", key);
	ui_message(app, _("Added %s %s."), _(s->noun), key);
}

static void start_new(struct app *app, struct admin *a)
{
	const struct asection *s = sec(a);
	struct fd_error err = {0};
	if (!s->create_op)
		return;
	if (a->section == SEC_STAFF && app->session->enrolled &&
	    !server_ready(
	        app, _("Adding staff needs the server, which cannot be reached now; nothing was changed."),
	        &err)) {
		ui_error(app, &err);
		return;
	}
	memset(&a->draft, 0, sizeof a->draft);
	if (a->section == SEC_STAFF) {
		snprintf(a->draft.v[2], sizeof a->draft.v[2], "staff");
		snprintf(a->draft.v[3], sizeof a->draft.v[3], "front_office");
		snprintf(a->draft.v[5], sizeof a->draft.v[5], "yes");
	} else if (a->section == SEC_CHARGES) {
		snprintf(a->draft.v[3], sizeof a->draft.v[3], "no");
	} else if (a->section == SEC_ROOMS && a->n > 0) {
		/* Most rooms added are like the last one. */
		snprintf(a->draft.v[1], sizeof a->draft.v[1], "%s", a->rows[a->n - 1].v[1]);
	}
	a->view = AV_NEW;
	a->field = 0;
	a->touched = false;
	ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
	edit_field(app, a); /* each field asked in turn */
}

struct choices {
	char (*c)[FD_USER_LEN];
	int n;
};

static bool add_type_code(void *ctx, const struct fd_room_type *t)
{
	struct choices *o = ctx;
	if (o->n >= UI_PROMPT_CHOICES)
		return false;
	snprintf(o->c[o->n++], FD_USER_LEN, "%s", t->code);
	return true;
}

/* Up/Down in the prompt offer the choices, the current one first. */
static void offer_choices(struct app *app, const struct afield *f, const char *current)
{
	char c[UI_PROMPT_CHOICES][FD_USER_LEN];
	struct choices o = {c, 0};
	if (f->kind == AK_CHOICE) {
		for (int i = 0; f->choices[i].wire && o.n < UI_PROMPT_CHOICES; i++)
			snprintf(c[o.n++], FD_USER_LEN, "%s", _(f->choices[i].text));
	} else if (f->kind == AK_BOOL) {
		snprintf(c[o.n++], FD_USER_LEN, "%s", _("yes"));
		snprintf(c[o.n++], FD_USER_LEN, "%s", _("no"));
	} else if (f->kind == AK_TYPE) {
		fd_query_room_types(app->db, add_type_code, &o, NULL);
	}
	if (o.n == 0)
		return;
	int first = 0;
	for (int i = 0; i < o.n; i++)
		if (strcmp(c[i], current) == 0)
			first = i;
	char rotated[UI_PROMPT_CHOICES][FD_USER_LEN];
	for (int i = 0; i < o.n; i++)
		memcpy(rotated[i], c[(first + i) % o.n], FD_USER_LEN);
	ui_prompt_offer(app, (const char(*)[FD_USER_LEN])rotated, o.n);
}

static void edit_field(struct app *app, struct admin *a)
{
	const struct asection *s = sec(a);
	struct arow *r = current_row(a);
	if (!r || a->field < 0 || a->field >= s->n_fields)
		return;
	const struct afield *f = &s->fields[a->field];
	struct fd_error err = {0};
	if (f->kind == AK_FIXED || (a->view != AV_NEW && (f->flags & AF_KEY))) {
		fd_fail(&err, FD_E_INVALID, "fixed", NULL,
		        f->kind == AK_FIXED
		            ? _("%s is not changed here.")
		            : _("%s names the record and is not changed; add a new one instead."),
		        _(f->label));
		ui_error(app, &err);
		return;
	}
	if (a->view == AV_NEW && (f->flags & AF_NOCREATE)) {
		fd_fail(&err, FD_E_INVALID, "fixed", NULL, _("%s is set once the record is added."),
		        _(f->label));
		ui_error(app, &err);
		return;
	}
	char label[128], arg[8], buf[FD_MONEY_STRLEN + 8];
	const char *v = r->v[a->field];
	bool choose = f->kind == AK_CHOICE || f->kind == AK_BOOL || f->kind == AK_TYPE;
	snprintf(label, sizeof label, choose ? _("%s (Up/Down choose): ") : "%s: ", _(f->label));
	snprintf(arg, sizeof arg, "%d", a->field);
	const char *initial =
	    f->kind == AK_MONEY || f->kind == AK_VAT ? v : shown(app, f, v, buf, sizeof buf);
	ui_prompt(app, label, initial, a->view == AV_NEW ? got_draft : got_change, arg);
	if (choose)
		offer_choices(app, f, initial);
}

static void set_active(struct app *app, const char *user, bool on)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "staff.update");
	cJSON_AddStringToObject(op.payload, "username", user);
	cJSON_AddBoolToObject(op.payload, "active", on);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app,
		           on ? _("%s may sign in again.") : _("%s is disabled and can no longer sign in."),
		           user);
}

static void disable_confirmed(struct app *app, const char *user)
{
	set_active(app, user, false);
}

static void toggle_active(struct app *app, struct admin *a)
{
	struct arow *r = current_row(a);
	if (a->section != SEC_STAFF || a->view == AV_NEW || !r)
		return;
	if (strcmp(r->v[5], "yes") == 0)
		ui_confirm(app, disable_confirmed, r->v[0], _("Disable %s (%s)? They can no longer sign in."),
		           r->v[0], r->v[1]);
	else
		set_active(app, r->v[0], true);
}

static void password_help(struct app *app, struct admin *a)
{
	struct arow *r = current_row(a);
	if (a->section != SEC_STAFF || a->view == AV_NEW || !r)
		return;
	if (app->session->enrolled)
		reset_password(app, a, r->v[0]);
	else
		ui_message(app,
		           _("This terminal has no server: staff act here by name (frontdesk --as %s) and "
		             "have no password."),
		           r->v[0]);
}

/* ---- calls of the server (src/sync/call.h) ---- */

/* Can this terminal ask the server now, as the acting person? Else err
 * says why: what needs the server is never queued (a password is never
 * kept to be sent later). */
static bool server_ready(struct app *app, const char *offline, struct fd_error *err)
{
	if (!app->engine || !atomic_load(&app->sync.online))
		return !fd_fail(err, FD_E_IO, "needs_server", NULL, "%s", offline);
	char user[FD_USER_LEN] = "";
	const char *actor = fd_session_actor(app->session);
	fd_db_meta_get(app->db, "session_user", user, sizeof user, NULL);
	if (strcmp(user, actor) != 0)
		return !fd_fail(
		    err, FD_E_FORBIDDEN, "not_signed_in", NULL,
		    _("The server acts as the person signed in on this terminal (%s), not as %s: sign "
		      "in as %s for this."),
		    user[0] ? user : "-", actor, actor);
	return true;
}

static void ask_devices(struct app *app, struct admin *a)
{
	struct fd_error err = {0};
	if (!app->engine || !may_change(app, &sections[SEC_DEVICES]) || fd_sync_call_busy(app->engine))
		return; /* asked again once the call on its way is answered */
	a->dev_state = DEV_ASKING;
	if (fd_sync_call(app->engine, "devices", "GET", "/v1/devices", NULL, &err)) {
		a->dev_state = DEV_FAILED;
		snprintf(a->dev_msg, sizeof a->dev_msg, "%s", err.message);
	}
}

static void send_call(struct app *app, const char *tag, const char *method, const char *path, cJSON *body,
                      const char *waiting)
{
	struct fd_error err = {0};
	if (fd_sync_call(app->engine, tag, method, path, body, &err))
		ui_error(app, &err);
	else
		ui_message(app, "%s", waiting);
}

static void got_password_again(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct admin *a = app->panes[PANE_ADMIN].st;
	struct fd_error err = {0};
	bool same = strcmp(text, a->pw) == 0;
	if (!same || !app->engine) {
		explicit_bzero(a->pw, sizeof a->pw);
		cJSON_Delete(a->new_op);
		a->new_op = NULL;
		fd_fail(&err, FD_E_INVALID, "password_mismatch", NULL,
		        _("The two passwords differ; nothing was changed."));
		ui_error(app, &err);
		return;
	}
	/* The body is wiped by the call once sent (src/sync/call.c). */
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "password", a->pw);
	explicit_bzero(a->pw, sizeof a->pw);
	if (a->new_op) {
		cJSON_AddItemToObject(body, "op", a->new_op);
		a->new_op = NULL;
		a->adding = true;
		char waiting[160];
		snprintf(waiting, sizeof waiting, _("Adding %s at the server..."), a->pw_user);
		send_call(app, "staff.create", "POST", "/v1/staff", body, waiting);
	} else {
		char path[FD_USER_LEN + 32], waiting[160];
		snprintf(path, sizeof path, "/v1/staff/%s/password", a->pw_user);
		snprintf(waiting, sizeof waiting, _("Setting the password of %s at the server..."),
		         a->pw_user);
		send_call(app, "staff.password", "POST", path, body, waiting);
	}
}

static void got_password(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct admin *a = app->panes[PANE_ADMIN].st;
	snprintf(a->pw, sizeof a->pw, "%s", text);
	ui_prompt(app, _("The same password again: "), "", got_password_again, NULL);
	ui_prompt_secret(app);
}

/* The password of user, asked twice (each entry wiped after use). */
static void ask_password(struct app *app, struct admin *a, const char *user)
{
	explicit_bzero(a->pw, sizeof a->pw);
	snprintf(a->pw_user, sizeof a->pw_user, "%s", user);
	char label[160];
	snprintf(label, sizeof label, _("Password for %s (8 to 128 characters): "), user);
	ui_prompt(app, label, "", got_password, NULL);
	ui_prompt_secret(app);
}

/* A new staff member on an enrolled terminal: judged here first (rights, a
 * name on file), then sent with their password to the server, which adds
 * them and keeps the password (POST /v1/staff). Takes op. */
static void staff_to_server(struct app *app, struct admin *a, struct fd_op *op, const char *user)
{
	struct fd_error err = {0};
	struct fd_op check = *op;
	check.payload = cJSON_Duplicate(op->payload, true);
	if (!server_ready(
	        app, _("Adding staff needs the server, which cannot be reached now; nothing was changed."),
	        &err))
		fd_op_clear(&check);
	else
		fd_session_check(app->session, &check, 1, &err); /* clears check */
	if (err.status) {
		fd_op_clear(op);
		ui_error(app, &err);
		return;
	}
	cJSON_Delete(a->new_op);
	a->new_op = fd_op_to_json(op);
	fd_op_clear(op);
	ask_password(app, a, user);
}

/* p: a new password for the staff member under the cursor. */
static void reset_password(struct app *app, struct admin *a, const char *user)
{
	struct fd_error err = {0};
	if (!fd_session_allows(app->session, "staff.password"))
		fd_fail(&err, FD_E_FORBIDDEN, "forbidden", NULL,
		        _("Setting passwords is for managers (those of staff) and administrators."));
	else
		server_ready(
		    app,
		    _("A new password needs the server, which cannot be reached now; nothing was changed."),
		    &err);
	if (err.status) {
		ui_error(app, &err);
		return;
	}
	cJSON_Delete(a->new_op);
	a->new_op = NULL;
	ask_password(app, a, user);
}

static void revoke_confirmed(struct app *app, const char *id)
{
	char path[FD_ID_LEN + 32];
	snprintf(path, sizeof path, "/v1/devices/%s/revoke", id);
	send_call(app, "revoke", "POST", path, NULL, _("Revoking the terminal at the server..."));
}

static void ask_revoke(struct app *app, struct admin *a)
{
	struct arow *r = current_row(a);
	struct fd_error err = {0};
	if (a->section != SEC_DEVICES || a->dev_state != DEV_READY || !r)
		return;
	if (!server_ready(
	        app,
	        _("Revoking a terminal needs the server, which cannot be reached now; nothing was changed."),
	        &err)) {
		ui_error(app, &err);
		return;
	}
	ui_confirm(app, revoke_confirmed, r->v[D_ID],
	           _("Revoke terminal %s? It can no longer sync or sign in."), r->v[D_NAME]);
}

static void ask_code(struct app *app, struct admin *a)
{
	struct fd_error err = {0};
	if (a->dev_state != DEV_READY)
		return;
	if (!server_ready(
	        app,
	        _("An enrolment code needs the server, which cannot be reached now; nothing was changed."),
	        &err)) {
		ui_error(app, &err);
		return;
	}
	send_call(app, "enroll", "POST", "/v1/enroll-codes", NULL, _("Asking the server for a code..."));
}

/* The answer of the last call, when one came. */
static void take_reply(struct app *app, struct admin *a)
{
	struct fd_sync_reply r;
	if (!app->engine || !fd_sync_call_take(app->engine, &r))
		return;
	const char *user = json_text(r.doc, "username");
	if (strcmp(r.tag, "devices") == 0) {
		if (r.st) {
			a->dev_state = DEV_FAILED;
			snprintf(a->dev_msg, sizeof a->dev_msg, "%s", r.err.message);
		} else {
			cJSON_Delete(a->devices);
			a->devices = cJSON_DetachItemFromObjectCaseSensitive(r.doc, "devices");
			a->dev_state = DEV_READY;
		}
	} else if (r.st) {
		if (strcmp(r.tag, "staff.create") == 0) {
			char why[sizeof r.err.message];
			snprintf(why, sizeof why, "%s", r.err.message);
			fd_fail(&r.err, r.err.status, r.err.code, NULL, _("Not added: %s"), why);
		}
		ui_error(app, &r.err);
	} else if (strcmp(r.tag, "staff.create") == 0) {
		if (a->view == AV_NEW && a->section == SEC_STAFF) {
			a->view = AV_LIST;
			a->touched = false;
		}
		snprintf(a->open_key, sizeof a->open_key, "%s", user);
		ui_message(app, _("Added staff member %s: they sign in with this password on any terminal."),
		           user);
		fd_sync_kick(app->engine); /* their record comes with the feed */
	} else if (strcmp(r.tag, "staff.password") == 0) {
		ui_message(app, _("The new password of %s is set at the server; their sessions ended."),
		           user);
	} else if (strcmp(r.tag, "revoke") == 0) {
		ui_message(app, _("The terminal is revoked: it can no longer sync or sign anybody in."));
		a->dev_state = DEV_UNASKED; /* the list again */
	} else if (strcmp(r.tag, "enroll") == 0) {
		snprintf(a->code, sizeof a->code, "%s", json_text(r.doc, "code"));
		a->code_until = json_int(r.doc, "expires_at");
		ui_message(app, _("A one-time enrolment code for a new terminal: %s"), a->code);
	}
	if (strcmp(r.tag, "staff.create") == 0)
		a->adding = false;
	if (r.doc) {
		cJSON *code = cJSON_GetObjectItemCaseSensitive(r.doc, "code");
		if (cJSON_IsString(code))
			explicit_bzero(code->valuestring, strlen(code->valuestring));
	}
	cJSON_Delete(r.doc);
	if (a->section == SEC_DEVICES && a->dev_state == DEV_UNASKED)
		ask_devices(app, a);
	ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
}

static void change_section(struct app *app, struct admin *a, int step)
{
	a->section = (a->section + step + SEC_COUNT) % SEC_COUNT;
	if (a->section == SEC_DEVICES) {
		a->dev_state = DEV_UNASKED; /* asked again each time it is shown */
		explicit_bzero(a->code, sizeof a->code);
	}
	a->view = AV_LIST;
	a->field = 0;
	a->open_key[0] = '\0';
	ui_list_init(&a->list, 3, sections[a->section].widths, sections[a->section].columns);
	/* The new section's rows at once: keys typed ahead (a, Enter) act on
	 * them, never on the last section's. */
	admin_recalc(app, &app->panes[PANE_ADMIN]);
	ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
}

static void abandoned(struct app *app, const char *arg)
{
	(void)arg;
	struct admin *a = app->panes[PANE_ADMIN].st;
	a->view = AV_LIST;
	a->touched = false;
	ui_message(app, "%s", _("Nothing was added."));
	ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
}

static void quit_confirmed(struct app *app, const char *arg)
{
	(void)arg;
	app->quit = true;
}

static bool admin_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct admin *a = p->st;
	const struct asection *s = sec(a);
	bool record = a->view != AV_LIST || s->single;
	if (record && s->fields &&
	    (req == UI_REQ_UP || req == UI_REQ_DOWN || req == UI_REQ_HOME || req == UI_REQ_END)) {
		int n = s->n_fields;
		a->field = req == UI_REQ_HOME  ? 0
		           : req == UI_REQ_END ? n - 1
		           : req == UI_REQ_UP  ? (a->field + n - 1) % n
		                               : (a->field + 1) % n;
		ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
		return true;
	}
	if (!record) {
		switch (ui_list_move(&a->list, req)) {
		case UI_LIST_SCROLLED:
		case UI_LIST_MOVED:
			ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
			return true;
		default:
			break;
		}
	}
	switch (req) {
	case UI_REQ_ADMIN_NEXT:
	case UI_REQ_ADMIN_PREV:
		if (a->view == AV_NEW && a->touched)
			return true; /* Esc or F10 first */
		change_section(app, a, req == UI_REQ_ADMIN_NEXT ? 1 : -1);
		return true;
	case UI_REQ_ADMIN_ADD:
		if (a->section == SEC_DEVICES)
			ask_code(app, a);
		else if (a->view == AV_LIST)
			start_new(app, a);
		return true;
	case UI_REQ_ADMIN_REVOKE:
		ask_revoke(app, a);
		return true;
	case UI_REQ_ADMIN_EDIT:
		if (!s->fields)
			return true;
		if (record) {
			edit_field(app, a);
		} else if (current_row(a)) {
			a->view = AV_RECORD;
			a->field = 1;
			snprintf(a->open_key, sizeof a->open_key, "%s", row_key(a));
			ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
		}
		return true;
	case UI_REQ_ADMIN_SAVE:
		if (a->view == AV_NEW && !a->adding)
			save_new(app, a);
		return true;
	case UI_REQ_ADMIN_DISABLE:
		toggle_active(app, a);
		return true;
	case UI_REQ_ADMIN_PASSWORD:
		password_help(app, a);
		return true;
	case UI_REQ_ADMIN_OOO:
	case UI_REQ_ADMIN_RETURN:
		if (a->section == SEC_ROOMS && a->view != AV_NEW && current_row(a)) {
			if (req == UI_REQ_ADMIN_OOO)
				ui_room_ooo_ask(app, row_key(a));
			else
				ui_room_return(app, row_key(a));
		}
		return true;
	case UI_REQ_QUIT:
		if (a->view == AV_NEW && a->touched) {
			ui_confirm(app, quit_confirmed, NULL, "%s",
			           _("Leave the application without adding the new record?"));
			return true;
		}
		return false;
	case UI_REQ_BACK:
		if (a->view == AV_NEW && a->touched) {
			ui_confirm(app, abandoned, NULL, "%s", _("Discard the new record?"));
			return true;
		}
		if (a->view != AV_LIST) {
			a->view = AV_LIST;
			ui_dirty(app, PANE_ADMIN, PANE_REPAINT);
			return true;
		}
		return false;
	default:
		return false;
	}
}

const struct pane_ops ui_admin_ops = {
    .title = N_("Admin"),
    .ctx = UI_CTX_ADMIN | UI_CTX_MOVE,
    .create = admin_create,
    .destroy = admin_destroy,
    .recalc = admin_recalc,
    .repaint = admin_repaint,
    .action = admin_action,
};
