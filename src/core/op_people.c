// SPDX-License-Identifier: GPL-3.0-or-later
/* Guests, staff and housekeeping tasks. */
#include "config.h"

#include <stdio.h>
#include <string.h>

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
	    (st = op_str(c, "language", g->language, sizeof g->language, false)) ||
	    (st = fd_text_check_no_card("notes", g->notes, c->err)))
		return st;
	g->vip = op_bool(c, "vip", g->vip);
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
	enum fd_status st = op_str(c, "id", g.id, sizeof g.id, true);
	if (st || (st = read_guest_fields(c, &g)))
		return st;
	struct fd_guest existing;
	if (c->repo->get_guest(c->repo->ctx, g.id, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_guest", "id", _("Guest %s already exists."),
		               g.id);
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
	if (dept[0] && !fd_dept_parse(dept, &s->dept))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "department",
		               _("Unknown department \"%s\"; use front_office, housekeeping, maintenance or "
		                 "management."),
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
	if ((st = op_str(c, "id", s.id, sizeof s.id, true)) ||
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
	if ((st = op_str(c, "id", t.id, sizeof t.id, true)) ||
	    (st = op_str(c, "room", t.room, sizeof t.room, true)) ||
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
