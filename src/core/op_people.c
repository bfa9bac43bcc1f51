// SPDX-License-Identifier: GPL-3.0-or-later
/* Guests, staff and housekeeping tasks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/op_internal.h"
#include "core/card.h"

static enum fd_status read_guest_fields(struct op_ctx *c, struct fd_guest *g)
{
	enum fd_status st;
	if ((st = op_str(c, "family", g->family, sizeof g->family, false)) ||
	    (st = op_str(c, "given", g->given, sizeof g->given, false)) ||
	    (st = op_str(c, "email", g->email, sizeof g->email, false)) ||
	    (st = op_str(c, "phone", g->phone, sizeof g->phone, false)) ||
	    (st = op_str(c, "country", g->country, sizeof g->country, false)) ||
	    (st = op_str(c, "document", g->document, sizeof g->document, false)) ||
	    (st = op_str(c, "notes", g->notes, sizeof g->notes, false)) ||
	    (st = fd_text_check_no_card("notes", g->notes, c->err)) ||
	    (st = op_str(c, "doc_type", g->doc_type, sizeof g->doc_type, false)) ||
	    (st = op_str(c, "doc_country", g->doc_country, sizeof g->doc_country, false)) ||
	    (st = op_date(c, "doc_expiry", &g->doc_expiry, false)) ||
	    (st = op_str(c, "nationality", g->nationality, sizeof g->nationality, false)) ||
	    (st = op_date(c, "birth_date", &g->birth_date, false)) ||
	    (st = op_str(c, "address", g->address, sizeof g->address, false)) ||
	    (st = op_str(c, "preferences", g->preferences, sizeof g->preferences, false)) ||
	    (st = op_str(c, "language", g->language, sizeof g->language, false)))
		return st;
	g->vip = op_bool(c, "vip", g->vip);
	const char *const codes[][2] = {{"doc_country", g->doc_country}, {"nationality", g->nationality}};
	for (int i = 0; i < 2; i++)
		if (codes[i][1][0] && strlen(codes[i][1]) != 2)
			return fd_fail(c->err, FD_E_INVALID, "invalid_field", codes[i][0],
			               _("The country is a two-letter ISO code, for example PT."));
	if (g->birth_date && c->prop.business_date && g->birth_date > c->prop.business_date)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "birth_date",
		               _("The date of birth is after today."));
	if (!g->family[0] && !g->given[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "family", _("A guest needs a name."));
	if (g->country[0] && strlen(g->country) != 2)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "country",
		               _("The country is a two-letter ISO code, for example PT."));
	if (g->language[0] && !fd_lang_code_valid(g->language))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "language",
		               _("The language is an ISO 639 code such as de or pt_BR (got \"%s\")."),
		               g->language);
	if (g->email[0] && !strchr(g->email, '@'))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "email",
		               _("\"%s\" does not look like an e-mail address."), g->email);
	return FD_OK;
}

static enum fd_status save_guest(struct op_ctx *c, struct fd_guest *g)
{
	g->version++;
	enum fd_status st = c->repo->put_guest(c->repo->ctx, g, c->err);
	if (!st)
		op_result_entity(c, "guest", g->id);
	return st;
}

static enum fd_status load_guest(struct op_ctx *c, struct fd_guest *g)
{
	char id[FD_ID_LEN];
	enum fd_status st = op_str(c, "guest", id, sizeof id, true);
	if (st)
		return st;
	st = c->repo->get_guest(c->repo->ctx, id, g, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "guest_not_found", "guest", _("No guest with id %s."),
		               id);
	return st;
}

enum fd_status op_guest_create(struct op_ctx *c)
{
	struct fd_guest g = {0};
	enum fd_status st = op_new_id(c, g.id, sizeof g.id);
	if (st || (st = read_guest_fields(c, &g)))
		return st;
	struct fd_guest existing;
	if (c->repo->get_guest(c->repo->ctx, g.id, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_guest", "id", _("Guest %s already exists."),
		               g.id);
	struct fd_guest known;
	if (c->repo->find_chain_guest && c->repo->find_chain_guest(c->repo->ctx, &g, &known, NULL) == FD_OK) {
		fd_guest_carry_over(&g, &known);
		snprintf(c->res->warning, sizeof c->res->warning, "%s",
		         _("A returning guest of the chain: the profile takes the VIP flag and preferences "
		           "known at another hotel."));
	}
	return save_guest(c, &g);
}

enum fd_status op_guest_update(struct op_ctx *c)
{
	struct fd_guest g;
	enum fd_status st = load_guest(c, &g);
	if (st)
		return st;
	if (g.erased)
		return fd_fail(c->err, FD_E_CONFLICT, "guest_erased", "guest",
		               _("This guest's personal data was erased and cannot be edited."));
	if ((st = read_guest_fields(c, &g)))
		return st;
	return save_guest(c, &g);
}

enum fd_status op_guest_erase(struct op_ctx *c)
{
	struct fd_guest g;
	enum fd_status st = load_guest(c, &g);
	if (st)
		return st;
	/* GDPR erasure: every personal field goes; the id (and so the booking
	 * history, which holds no personal data of its own) stays. */
	struct fd_guest blank = {.erased = true, .version = g.version};
	memcpy(blank.id, g.id, sizeof blank.id);
	snprintf(blank.family, sizeof blank.family, "%s", _("(erased)"));
	return save_guest(c, &blank);
}

enum fd_status op_guest_merge(struct op_ctx *c)
{
	struct fd_guest keep, drop;
	char drop_id[FD_ID_LEN];
	enum fd_status st = load_guest(c, &keep);
	if (st || (st = op_str(c, "duplicate", drop_id, sizeof drop_id, true)))
		return st;
	st = c->repo->get_guest(c->repo->ctx, drop_id, &drop, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "guest_not_found", "duplicate",
		               _("No guest with id %s."), drop_id);
	if (st)
		return st;
	if (strcmp(keep.id, drop.id) == 0)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "duplicate",
		               _("A profile cannot be merged into itself; name two different guests."));
	const struct fd_guest *const both[] = {&keep, &drop};
	for (int i = 0; i < 2; i++) {
		if (both[i]->erased)
			return fd_fail(c->err, FD_E_CONFLICT, "guest_erased", i ? "duplicate" : "guest",
			               _("Guest %s was erased and cannot be merged."), both[i]->id);
		if (both[i]->merged_into[0])
			return fd_fail(c->err, FD_E_CONFLICT, "guest_merged", i ? "duplicate" : "guest",
			               _("Guest %s was already merged into %s; merge with that profile."),
			               both[i]->id, both[i]->merged_into);
	}
	/* The stays move: bookings (and with them their folios and history,
	 * which belong to the booking) now name the kept profile. */
	struct fd_booking *list = NULL;
	int n = 0;
	st = c->repo->guest_bookings(c->repo->ctx, drop.id, &list, &n, c->err);
	for (int i = 0; !st && i < n; i++) {
		memcpy(list[i].guest_id, keep.id, sizeof list[i].guest_id);
		list[i].version++;
		st = c->repo->put_booking(c->repo->ctx, &list[i], c->err);
	}
	free(list);
	if (st)
		return st;
		/* What the kept profile lacks, the duplicate may know. */
#define FILL(f)                                                                                              \
	if (!keep.f[0])                                                                                      \
		memcpy(keep.f, drop.f, sizeof keep.f);
	FILL(given)
	FILL(email)
	FILL(phone)
	FILL(country)
	FILL(document)
	FILL(notes)
	FILL(doc_type)
	FILL(doc_country)
	FILL(nationality)
	FILL(address)
	FILL(preferences)
#undef FILL
	if (!keep.doc_expiry)
		keep.doc_expiry = drop.doc_expiry;
	if (!keep.birth_date)
		keep.birth_date = drop.birth_date;
	keep.vip = keep.vip || drop.vip;
	memcpy(drop.merged_into, keep.id, sizeof drop.merged_into);
	drop.version++;
	if ((st = c->repo->put_guest(c->repo->ctx, &drop, c->err)))
		return st;
	return save_guest(c, &keep);
}

enum fd_status op_guest_check_document(struct op_ctx *c, const struct fd_booking *b)
{
	char value[8] = "";
	if (!c->repo->get_setting ||
	    c->repo->get_setting(c->repo->ctx, "require_document", value, sizeof value, NULL) != FD_OK ||
	    strcmp(value, "1") != 0)
		return FD_OK;
	struct fd_guest g;
	enum fd_status st = c->repo->get_guest(c->repo->ctx, b->guest_id, &g, c->err);
	if (st)
		return st;
	if (g.document[0])
		return FD_OK;
	char name[2 * FD_NAME_LEN + 2];
	fd_guest_display_name(&g, name, sizeof name);
	return fd_fail(c->err, FD_E_CONFLICT, "document_required", "document",
	               _("This hotel records an identity document at check-in, and %s has none on file: "
	                 "add the document's number to the guest's profile first."),
	               name);
}

enum fd_status op_property_configure(struct op_ctx *c)
{
	enum fd_status st = FD_OK;
	if (!c->repo->put_setting)
		return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
		               _("This store keeps no property settings."));
	if (op_has(c, "require_document"))
		st = c->repo->put_setting(c->repo->ctx, "require_document",
		                          op_bool(c, "require_document", false) ? "1" : "0", c->err);
	if (!st)
		op_result_entity(c, "property", c->prop.id);
	return st;
}

static enum fd_status read_staff_fields(struct op_ctx *c, struct fd_staff *s)
{
	char role[16] = "", dept[24] = "";
	enum fd_status st;
	if ((st = op_str(c, "display_name", s->display_name, sizeof s->display_name, false)) ||
	    (st = op_str(c, "role", role, sizeof role, false)) ||
	    (st = op_str(c, "department", dept, sizeof dept, false)) ||
	    (st = op_str(c, "section", s->section, sizeof s->section, false)))
		return st;
	if (role[0] && !fd_role_parse(role, &s->role))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "role",
		               _("Unknown role \"%s\"; use admin, manager, staff or guest."), role);
	if (op_has(c, "department") && !dept[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "department",
		               _("A staff member needs a department: front_office, housekeeping, "
		                 "maintenance, management or night_audit."));
	if (dept[0] && !fd_dept_parse(dept, &s->dept))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "department",
		               _("Unknown department \"%s\"; use front_office, housekeeping, maintenance, "
		                 "management or night_audit."),
		               dept);
	s->active = op_bool(c, "active", s->active);
	return FD_OK;
}

static enum fd_status save_staff(struct op_ctx *c, struct fd_staff *s)
{
	s->version++;
	enum fd_status st = c->repo->put_staff(c->repo->ctx, s, c->err);
	if (!st)
		op_result_entity(c, "staff", s->username);
	return st;
}

static enum fd_status load_staff(struct op_ctx *c, struct fd_staff *s)
{
	char user[FD_USER_LEN];
	enum fd_status st = op_str(c, "username", user, sizeof user, true);
	if (st)
		return st;
	st = c->repo->get_staff(c->repo->ctx, user, s, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "staff_not_found", "username",
		               _("No staff member \"%s\"."), user);
	return st;
}

static bool username_valid(const char *u)
{
	if (!u[0])
		return false;
	for (const char *p = u; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		      *p == '-'))
			return false;
	return true;
}

enum fd_status op_staff_create(struct op_ctx *c)
{
	struct fd_staff s = {.active = true};
	enum fd_status st;
	if ((st = op_new_id(c, s.id, sizeof s.id)) ||
	    (st = op_str(c, "username", s.username, sizeof s.username, true)) ||
	    (st = read_staff_fields(c, &s)))
		return st;
	if (!username_valid(s.username))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "username",
		               _("A username uses only lower-case letters, digits, '.', '_' and '-'."));
	struct fd_staff existing;
	if (c->repo->get_staff(c->repo->ctx, s.username, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_staff", "username",
		               _("Staff member %s already exists."), s.username);
	return save_staff(c, &s);
}

enum fd_status op_staff_update(struct op_ctx *c)
{
	struct fd_staff s;
	enum fd_status st = load_staff(c, &s);
	if (!st)
		st = read_staff_fields(c, &s);
	return st ? st : save_staff(c, &s);
}

enum fd_status op_staff_shift(struct op_ctx *c)
{
	struct fd_staff s;
	enum fd_status st = load_staff(c, &s);
	if (st)
		return st;
	if (!s.active)
		return fd_fail(c->err, FD_E_CONFLICT, "staff_disabled", "username",
		               _("Staff member %s is disabled."), s.username);
	s.on_shift = op_bool(c, "on", false);
	return save_staff(c, &s);
}

static enum fd_status check_attendant(struct op_ctx *c, const char *user)
{
	if (!user[0])
		return FD_OK;
	struct fd_staff s;
	enum fd_status st = c->repo->get_staff(c->repo->ctx, user, &s, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "staff_not_found", "attendant",
		               _("No staff member \"%s\"."), user);
	return st;
}

enum fd_status op_task_create(struct op_ctx *c)
{
	struct fd_hk_task t = {.status = FD_TASK_OPEN};
	char kind[16];
	enum fd_status st;
	if ((st = op_new_id(c, t.id, sizeof t.id)) || (st = op_str(c, "room", t.room, sizeof t.room, true)) ||
	    (st = op_date(c, "date", &t.date, true)) || (st = op_str(c, "kind", kind, sizeof kind, true)) ||
	    (st = op_str(c, "attendant", t.attendant, sizeof t.attendant, false)))
		return st;
	if (!fd_task_kind_parse(kind, &t.kind))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "kind",
		               _("Unknown task kind \"%s\"; use clean, inspect or turndown."), kind);
	struct fd_room r;
	st = c->repo->get_room(c->repo->ctx, t.room, &r, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_not_found", "room", _("No room \"%s\"."),
		               t.room);
	if (st || (st = check_attendant(c, t.attendant)))
		return st;
	t.version = 1;
	st = c->repo->put_task(c->repo->ctx, &t, c->err);
	if (!st)
		op_result_entity(c, "task", t.id);
	return st;
}

enum fd_status op_task_update(struct op_ctx *c)
{
	struct fd_hk_task t;
	char id[FD_ID_LEN], status[16] = "";
	enum fd_status st = op_str(c, "task", id, sizeof id, true);
	if (st)
		return st;
	st = c->repo->get_task(c->repo->ctx, id, &t, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "task_not_found", "task", _("No task %s."), id);
	if (st || (st = op_str(c, "attendant", t.attendant, sizeof t.attendant, false)) ||
	    (st = op_str(c, "status", status, sizeof status, false)) ||
	    (st = check_attendant(c, t.attendant)))
		return st;
	if (status[0] && !fd_task_status_parse(status, &t.status))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "status",
		               _("Unknown task status \"%s\"; use open, done or cancelled."), status);
	if (t.status == FD_TASK_DONE && !t.done_by[0]) {
		snprintf(t.done_by, sizeof t.done_by, "%s", c->op->actor);
		t.done_at = c->op->created_at;
	} else if (t.status != FD_TASK_DONE) {
		t.done_by[0] = '\0';
		t.done_at = 0;
	}
	t.version++;
	st = c->repo->put_task(c->repo->ctx, &t, c->err);
	if (!st)
		op_result_entity(c, "task", t.id);
	return st;
}
