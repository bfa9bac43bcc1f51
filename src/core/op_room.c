// SPDX-License-Identifier: GPL-3.0-or-later
/* Room, room type and property operations: inventory and housekeeping state. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/op_internal.h"
#include "core/zone.h"

static enum fd_status load_room(struct op_ctx *c, struct fd_room *r)
{
	char number[FD_ROOMNO_LEN];
	enum fd_status st = op_str(c, "room", number, sizeof number, true);
	if (st)
		return st;
	st = c->repo->get_room(c->repo->ctx, number, r, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_not_found", "room", _("No room \"%s\"."),
		               number);
	return st;
}

static enum fd_status save_room(struct op_ctx *c, struct fd_room *r)
{
	r->version++;
	enum fd_status st = c->repo->put_room(c->repo->ctx, r, c->err);
	if (!st)
		op_result_entity(c, "room", r->number);
	return st;
}

static enum fd_status require_type(struct op_ctx *c, const char *code)
{
	struct fd_room_type t;
	enum fd_status st = c->repo->get_room_type(c->repo->ctx, code, &t, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_type_not_found", "type",
		               _("No room type \"%s\"."), code);
	return st;
}

static enum fd_status read_room_fields(struct op_ctx *c, struct fd_room *r)
{
	int64_t floor = r->floor;
	enum fd_status st;
	if ((st = op_str(c, "type", r->type_code, sizeof r->type_code, false)) ||
	    (st = op_int(c, "floor", -10, 500, &floor, false)) ||
	    (st = op_str(c, "section", r->section, sizeof r->section, false)))
		return st;
	r->floor = (int)floor;
	return require_type(c, r->type_code);
}

enum fd_status op_room_create(struct op_ctx *c)
{
	struct fd_room r = {.clean = FD_CLEAN_CLEAN, .maint = FD_MAINT_NONE};
	enum fd_status st;
	if ((st = op_new_id(c, r.id, sizeof r.id)) ||
	    (st = op_str(c, "number", r.number, sizeof r.number, true)) || (st = read_room_fields(c, &r)))
		return st;
	if (!r.number[0])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "number", _("A room needs a number."));
	struct fd_room existing;
	if (c->repo->get_room(c->repo->ctx, r.number, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_room", "number",
		               _("Room %s already exists."), r.number);
	return save_room(c, &r);
}

enum fd_status op_room_update(struct op_ctx *c)
{
	struct fd_room r;
	enum fd_status st = load_room(c, &r);
	if (!st)
		st = read_room_fields(c, &r);
	return st ? st : save_room(c, &r);
}

/* May this actor finish other attendants' tasks? A supervisor (a manager
 * or above) and the trusted local owner may. */
static bool actor_supervises(struct op_ctx *c)
{
	if (c->flags & FD_APPLY_TRUSTED)
		return true;
	struct fd_staff s;
	return c->repo->get_staff(c->repo->ctx, c->op->actor, &s, NULL) == FD_OK && s.active &&
	       s.role >= FD_ROLE_MANAGER;
}

/* A room marked clean or inspected finishes today's cleaning task (and an
 * inspection too when inspected), when the attendant assigned to it or a
 * supervisor says so; the task records who and when. */
static enum fd_status finish_tasks(struct op_ctx *c, const struct fd_room *r)
{
	struct fd_hk_task *list = NULL;
	int n = 0;
	enum fd_status st =
	    c->repo->room_open_tasks(c->repo->ctx, r->number, c->prop.business_date, &list, &n, c->err);
	bool supervisor = n > 0 && actor_supervises(c);
	for (int i = 0; !st && i < n; i++) {
		struct fd_hk_task *t = &list[i];
		if (t->kind == FD_TASK_TURNDOWN ||
		    (t->kind == FD_TASK_INSPECT && r->clean != FD_CLEAN_INSPECTED))
			continue;
		if (!supervisor && t->attendant[0] && strcmp(t->attendant, c->op->actor) != 0)
			continue;
		t->status = FD_TASK_DONE;
		snprintf(t->done_by, sizeof t->done_by, "%s", c->op->actor);
		t->done_at = c->op->created_at;
		t->version++;
		st = c->repo->put_task(c->repo->ctx, t, c->err);
	}
	free(list);
	return st;
}

enum fd_status op_room_set_clean(struct op_ctx *c)
{
	struct fd_room r;
	char status[16];
	enum fd_status st = load_room(c, &r);
	if (!st)
		st = op_str(c, "status", status, sizeof status, true);
	if (st)
		return st;
	if (!fd_clean_parse(status, &r.clean))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "status",
		               _("Unknown cleaning status \"%s\"; use dirty, pickup, clean or inspected."),
		               status);
	r.hk_occupied = op_bool(c, "occupied", r.hk_occupied);
	if ((st = save_room(c, &r)))
		return st;
	return r.clean == FD_CLEAN_CLEAN || r.clean == FD_CLEAN_INSPECTED ? finish_tasks(c, &r) : FD_OK;
}

enum fd_status op_room_set_maintenance(struct op_ctx *c)
{
	struct fd_room r;
	char state[8];
	enum fd_status st = load_room(c, &r);
	if (!st)
		st = op_str(c, "state", state, sizeof state, true);
	if (st)
		return st;
	enum fd_maint m;
	if (!fd_maint_parse(state, &m))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "state",
		               _("Unknown maintenance state \"%s\"; use none, oos or ooo."), state);
	r.maint = m;
	if (m == FD_MAINT_NONE) {
		r.maint_reason[0] = '\0';
		r.maint_from = r.maint_to = 0;
		return save_room(c, &r);
	}
	if ((st = op_date(c, "from", &r.maint_from, true)) || (st = op_date(c, "to", &r.maint_to, true)) ||
	    (st = op_str(c, "reason", r.maint_reason, sizeof r.maint_reason, true)))
		return st;
	if (r.maint_to <= r.maint_from)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "to",
		               _("The end date must be after the start date."));
	if (!r.maint_reason[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "reason",
		               _("Say why the room is out of order or out of service."));
	if (m == FD_MAINT_OOO) {
		/* Out of order takes the room out of inventory: not while it is sold. */
		char clash[FD_CODE_LEN];
		st = c->repo->room_clash(c->repo->ctx, r.number, r.maint_from, r.maint_to, "", clash, c->err);
		if (st == FD_OK)
			return fd_fail(c->err, FD_E_CONFLICT, "room_taken", "room",
			               _("Room %s is booked (%s) in that period; move the booking first."),
			               r.number, clash);
		if (st != FD_E_NOT_FOUND)
			return st;
	}
	return save_room(c, &r);
}

enum fd_status op_room_set_flags(struct op_ctx *c)
{
	struct fd_room r;
	enum fd_status st = load_room(c, &r);
	if (st)
		return st;
	r.dnd = op_bool(c, "dnd", r.dnd);
	r.mur = op_bool(c, "mur", r.mur);
	return save_room(c, &r);
}

static enum fd_status read_type_fields(struct op_ctx *c, struct fd_room_type *t)
{
	int64_t occ = t->max_occupancy, rate = t->base_rate, rank = t->rank;
	enum fd_status st;
	if ((st = op_str(c, "name", t->name, sizeof t->name, false)) ||
	    (st = op_int(c, "max_occupancy", 1, 50, &occ, false)) ||
	    (st = op_int(c, "base_rate", 0, INT64_C(1000000000000), &rate, false)) ||
	    (st = op_int(c, "rank", 0, 1000, &rank, false)))
		return st;
	t->max_occupancy = (int)occ;
	t->base_rate = rate;
	t->rank = (int)rank;
	return FD_OK;
}

static enum fd_status save_type(struct op_ctx *c, struct fd_room_type *t)
{
	t->version++;
	enum fd_status st = c->repo->put_room_type(c->repo->ctx, t, c->err);
	if (!st)
		op_result_entity(c, "room_type", t->code);
	return st;
}

enum fd_status op_room_type_create(struct op_ctx *c)
{
	struct fd_room_type t = {0};
	enum fd_status st;
	if ((st = op_new_id(c, t.id, sizeof t.id)) || (st = op_str(c, "code", t.code, sizeof t.code, true)) ||
	    (st = read_type_fields(c, &t)))
		return st;
	if (!t.code[0])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "code", _("A room type needs a code."));
	struct fd_room_type existing;
	if (c->repo->get_room_type(c->repo->ctx, t.code, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_room_type", "code",
		               _("Room type %s already exists."), t.code);
	return save_type(c, &t);
}

enum fd_status op_room_type_update(struct op_ctx *c)
{
	struct fd_room_type t;
	char code[FD_TYPECODE_LEN];
	enum fd_status st = op_str(c, "code", code, sizeof code, true);
	if (st)
		return st;
	st = c->repo->get_room_type(c->repo->ctx, code, &t, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_type_not_found", "code",
		               _("No room type \"%s\"."), code);
	if (st || (st = read_type_fields(c, &t)))
		return st;
	return save_type(c, &t);
}

enum fd_status op_property_update(struct op_ctx *c)
{
	struct fd_property p = c->prop;
	enum fd_status st;
	char currency[16];
	snprintf(currency, sizeof currency, "%s", p.currency);
	if ((st = op_str(c, "id", p.id, sizeof p.id, !p.id[0])) ||
	    (st = op_str(c, "name", p.name, sizeof p.name, !p.name[0])) ||
	    (st = op_str(c, "currency", currency, sizeof currency, !p.currency[0])) ||
	    (st = op_str(c, "timezone", p.timezone, sizeof p.timezone, !p.timezone[0])) ||
	    (st = op_date(c, "business_date", &p.business_date, p.business_date == 0)))
		return st;
	if (!fd_currency_known(currency))
		return fd_fail(
		    c->err, FD_E_INVALID, "unknown_currency", "currency",
		    _("\"%s\" is not an ISO 4217 currency code this program knows (for example EUR)."),
		    currency);
	memcpy(p.currency, currency, sizeof p.currency);
	/* A new zone must exist (a hotel set up before this rule keeps its
	 * own until it is changed: the night audit still moves the date). */
	if (strcmp(p.timezone, c->prop.timezone) != 0 && (st = fd_zone_check("timezone", p.timezone, c->err)))
		return st;
	if (!p.name[0])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "name", _("The hotel needs a name."));
	p.version++;
	st = c->repo->put_property(c->repo->ctx, &p, c->err);
	if (!st)
		op_result_entity(c, "property", p.id);
	return st;
}
