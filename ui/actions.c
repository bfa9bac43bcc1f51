// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/actions.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "store/ids.h"
#include "store/query.h"
#include "store/query_desk.h"

const char *ui_booking_status_text(enum fd_booking_status s)
{
	return fd_booking_status_text(s);
}

/* The nights a check-out today gives back (core's rule: the nights used,
 * and at least the arrival night, stay sold). */
static int nights_released(const struct fd_booking *b, fd_date today)
{
	fd_date end = today > b->arrival ? today : b->arrival + 1;
	return b->departure > end ? b->departure - end : 0;
}

static const char *op_type(enum ui_req req)
{
	switch (req) {
	case UI_REQ_CHECK_IN:
		return "booking.check_in";
	case UI_REQ_CHECK_OUT:
		return "booking.check_out";
	case UI_REQ_CANCEL:
		return "booking.cancel";
	case UI_REQ_NO_SHOW:
		return "booking.no_show";
	case UI_REQ_MOVE_ROOM:
		return "booking.move_room";
	case UI_REQ_EXTEND:
		return "booking.modify";
	default:
		return NULL;
	}
}

/* The operation for req on a booking; extra is the room (move, check-in)
 * or the new departure date (extend). */
static void build_op(struct app *app, enum ui_req req, const struct fd_booking_row *row, const char *extra,
                     struct fd_op *op)
{
	fd_session_op(app->session, op, op_type(req));
	cJSON_AddStringToObject(op->payload, "booking", row->b.id);
	if (req == UI_REQ_MOVE_ROOM || (req == UI_REQ_CHECK_IN && extra[0]))
		cJSON_AddStringToObject(op->payload, "room", extra);
	if (req == UI_REQ_EXTEND)
		cJSON_AddStringToObject(op->payload, "departure", extra);
	/* What becomes of a deposit: keep (as a cancellation fee), refund or
	 * account (left on the folio). */
	if (req == UI_REQ_CANCEL && extra[0])
		cJSON_AddStringToObject(op->payload, "deposit", extra);
	/* A guest arriving after their day checks in late, knowingly. */
	if (req == UI_REQ_CHECK_IN && row->b.arrival < app->today)
		cJSON_AddBoolToObject(op->payload, "late", true);
	/* The confirmation said how many nights an early departure releases. */
	if (req == UI_REQ_CHECK_OUT && nights_released(&row->b, app->today) > 0)
		cJSON_AddBoolToObject(op->payload, "early", true);
}

/* Would the operation be accepted? The same rules as applying it, judged
 * before a question is asked; a refusal goes to the message line. */
static bool acceptable(struct app *app, enum ui_req req, const struct fd_booking_row *row, const char *extra)
{
	struct fd_op op;
	struct fd_error err = {0};
	build_op(app, req, row, extra, &op);
	if (fd_session_check(app->session, &op, 1, &err) == FD_OK)
		return true;
	ui_error(app, &err);
	return false;
}

/* Apply one booking operation; extra is the room (move) or the new
 * departure date (extend). */
static void booking_op(struct app *app, enum ui_req req, const char *code, const char *extra)
{
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(app->session, code, &row, &err)) {
		ui_error(app, &err);
		return;
	}
	struct fd_op op;
	build_op(app, req, &row, extra, &op);
	if (!ui_apply(app, &op, 1, NULL))
		return;
	switch (req) {
	case UI_REQ_CHECK_IN:
		ui_message(app, _("%s checked in to room %s."), row.guest_name,
		           extra[0] ? extra : row.b.room);
		break;
	case UI_REQ_CHECK_OUT:
		ui_message(app, _("%s checked out; room %s is dirty."), row.guest_name, row.b.room);
		break;
	case UI_REQ_CANCEL:
		ui_message(app, _("Booking %s cancelled."), code);
		break;
	case UI_REQ_NO_SHOW:
		ui_message(app, _("Booking %s marked no-show."), code);
		break;
	case UI_REQ_MOVE_ROOM:
		ui_message(app, _("Booking %s moved to room %s."), code, extra);
		break;
	case UI_REQ_EXTEND:
		ui_message(app, _("Booking %s now departs on %s."), code, extra);
		break;
	default:
		break;
	}
}

static void got_checkin_room(struct app *app, const char *text, const char *code)
{
	if (text[0])
		booking_op(app, UI_REQ_CHECK_IN, code, text);
}

/* A booking without a room: ask for one, offering the first room of its
 * type free for the whole stay. true when the prompt was started. */
static bool ask_room_for_checkin(struct app *app, const struct fd_booking_row *row)
{
	if (row->b.room[0])
		return false;
	char free_rooms[32][FD_ROOMNO_LEN] = {""};
	int n = 0, pick = 0;
	const struct fd_repo *repo = fd_db_repo(app->db);
	repo->free_rooms(repo->ctx, row->b.type_code, app->today, row->b.departure, free_rooms, 32, &n, NULL);
	/* Offer a room ready now: vacant and clean (inspected first). */
	for (int i = 0, best = 3; i < n && best > 0; i++) {
		struct fd_room r;
		char code[FD_CODE_LEN];
		if (repo->get_room(repo->ctx, free_rooms[i], &r, NULL) != FD_OK ||
		    strcmp(fd_room_hk_code(&r, false, app->today), "VC") != 0 ||
		    repo->room_in_house(repo->ctx, r.number, row->b.id, code, NULL) == FD_OK)
			continue;
		int rank = r.clean == FD_CLEAN_INSPECTED ? 0 : 1;
		if (rank < best) {
			best = rank;
			pick = i;
		}
	}
	char label[96];
	snprintf(label, sizeof label, _("room for %s (%s): "), row->b.code, row->b.type_code);
	ui_prompt(app, label, n > 0 ? free_rooms[pick] : "", got_checkin_room, row->b.code);
	return true;
}

static void confirmed(struct app *app, const char *arg)
{
	/* arg: "<req> <code> [extra]" */
	int req;
	char code[FD_CODE_LEN + 40], extra[64] = "";
	if (sscanf(arg, "%d %46s %63s", &req, code, extra) < 2)
		return;
	booking_op(app, (enum ui_req)req, code, extra);
}

static void ask_with(struct app *app, enum ui_req req, const char *code, const char *extra);

/* The document number typed for a check-in the property refused without
 * one: saved to the guest's profile, then the check-in is asked again. */
static void got_document(struct app *app, const char *text, const char *arg)
{
	char code[FD_CODE_LEN + 40], extra[64] = "";
	if (sscanf(arg, "%46s %63s", code, extra) < 1)
		return;
	if (!text[0]) {
		ui_message(app, _("Not checked in: this hotel needs the guest's identity document."));
		return;
	}
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(app->session, code, &row, &err)) {
		ui_error(app, &err);
		return;
	}
	struct fd_op op;
	fd_session_op(app->session, &op, "guest.update");
	cJSON_AddStringToObject(op.payload, "guest", row.b.guest_id);
	cJSON_AddStringToObject(op.payload, "document", text);
	if (ui_apply(app, &op, 1, NULL))
		ask_with(app, UI_REQ_CHECK_IN, code, extra);
}

/* Check-in where the property requires an identity document and the guest
 * has none: ask for its number (true when the prompt was started). */
static bool ask_document(struct app *app, const struct fd_booking_row *row, const char *extra)
{
	struct fd_op op;
	struct fd_error err = {0};
	build_op(app, UI_REQ_CHECK_IN, row, extra, &op);
	if (fd_session_check(app->session, &op, 1, &err) == FD_OK ||
	    strcmp(err.code, "document_required") != 0)
		return false;
	char label[300], arg[128];
	snprintf(label, sizeof label, _("%s has no identity document on file; its number: "),
	         row->guest_name);
	snprintf(arg, sizeof arg, "%s %s", row->b.code, extra);
	ui_prompt(app, label, "", got_document, arg);
	return true;
}

static void got_deposit(struct app *app, const char *text, const char *code)
{
	static const char *const choices[] = {"keep", "refund", "account"};
	const char *what = NULL;
	if (!text[0]) {
		ui_message(app, _("Booking %s was not cancelled."), code);
		return;
	}
	for (int i = 0; i < 3; i++)
		if (strncasecmp(text, choices[i], strlen(text)) == 0)
			what = choices[i];
	if (!what) {
		struct fd_error err;
		fd_fail(
		    &err, FD_E_INVALID, "invalid_field", "deposit",
		    _("\"%s\" is not a choice: k keeps the deposit as a fee, r refunds it, a leaves it on "
		      "account; nothing was cancelled."),
		    text);
		ui_error(app, &err);
		return;
	}
	ask_with(app, UI_REQ_CANCEL, code, what);
}

/* A booking holding a deposit is cancelled only once the desk says what
 * becomes of the money (core refuses with deposit_held until then): true
 * when the question was asked. */
static bool ask_deposit(struct app *app, const struct fd_booking_row *row)
{
	struct fd_op op;
	struct fd_error err = {0};
	build_op(app, UI_REQ_CANCEL, row, "", &op);
	if (fd_session_check(app->session, &op, 1, &err) == FD_OK || strcmp(err.code, "deposit_held") != 0)
		return false;
	char label[160];
	snprintf(label, sizeof label,
	         _("%s holds a deposit: k keep as a fee, r refund, a leave on account: "), row->b.code);
	ui_prompt(app, label, "", got_deposit, row->b.code);
	return true;
}

static void ask_with(struct app *app, enum ui_req req, const char *code, const char *extra)
{
	char arg[128];
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(app->session, code, &row, &err)) {
		ui_error(app, &err);
		return;
	}
	snprintf(arg, sizeof arg, "%d %s %s", (int)req, row.b.code, extra);
	if (req == UI_REQ_CHECK_IN && !extra[0] && ask_room_for_checkin(app, &row))
		return;
	if (req == UI_REQ_CHECK_IN && ask_document(app, &row, extra))
		return;
	if (req == UI_REQ_CANCEL && !extra[0] && ask_deposit(app, &row))
		return;
	if (!acceptable(app, req, &row, extra))
		return;
	switch (req) {
	case UI_REQ_CHECK_IN:
		ui_confirm(app, confirmed, arg, _("Check in %s (%s) to room %s?"), row.guest_name, row.b.code,
		           row.b.room[0] ? row.b.room : _("(none)"));
		break;
	case UI_REQ_CHECK_OUT:
		if (nights_released(&row.b, app->today) > 0) {
			int released = nights_released(&row.b, app->today);
			ui_confirm(app, confirmed, arg,
			           ngettext("Check out %s (%s) early and release %d night?",
			                    "Check out %s (%s) early and release %d nights?",
			                    (unsigned long)released),
			           row.guest_name, row.b.code, released);
			break;
		}
		ui_confirm(app, confirmed, arg, _("Check out %s (%s) from room %s?"), row.guest_name,
		           row.b.code, row.b.room);
		break;
	case UI_REQ_CANCEL:
		if (strcmp(extra, "keep") == 0)
			ui_confirm(app, confirmed, arg,
			           _("Cancel booking %s for %s and keep the deposit as a fee?"), row.b.code,
			           row.guest_name);
		else if (strcmp(extra, "refund") == 0)
			ui_confirm(app, confirmed, arg, _("Cancel booking %s for %s and refund the deposit?"),
			           row.b.code, row.guest_name);
		else if (strcmp(extra, "account") == 0)
			ui_confirm(app, confirmed, arg,
			           _("Cancel booking %s for %s and leave the deposit on account?"),
			           row.b.code, row.guest_name);
		else
			ui_confirm(app, confirmed, arg, _("Cancel booking %s for %s?"), row.b.code,
			           row.guest_name);
		break;
	case UI_REQ_NO_SHOW:
		ui_confirm(app, confirmed, arg, _("Mark %s (%s) as a no-show?"), row.b.code, row.guest_name);
		break;
	case UI_REQ_MOVE_ROOM:
		ui_confirm(app, confirmed, arg, _("Move %s (%s) to room %s?"), row.b.code, row.guest_name,
		           extra);
		break;
	case UI_REQ_EXTEND:
		ui_confirm(app, confirmed, arg, _("Change %s's departure to %s?"), row.b.code, extra);
		break;
	default:
		break;
	}
}

static void got_room(struct app *app, const char *text, const char *code)
{
	if (text[0])
		ask_with(app, UI_REQ_MOVE_ROOM, code, text);
}

static void got_departure(struct app *app, const char *text, const char *code)
{
	fd_date d;
	if (!text[0])
		return;
	if (!fd_date_parse(text, &d)) {
		struct fd_error err;
		fd_fail(&err, FD_E_INVALID, "invalid_date", "departure",
		        _("\"%s\" is not a date; use YYYY-MM-DD."), text);
		ui_error(app, &err);
		return;
	}
	ask_with(app, UI_REQ_EXTEND, code, text);
}

void ui_booking_ask(struct app *app, enum ui_req req, const char *code)
{
	if (req == UI_REQ_MOVE_ROOM) {
		ui_prompt(app, _("move to room: "), "", got_room, code);
		return;
	}
	if (req == UI_REQ_EXTEND) {
		struct fd_booking_row row;
		struct fd_error err = {0};
		char day[FD_DATE_STRLEN];
		if (fd_session_booking(app->session, code, &row, &err)) {
			ui_error(app, &err);
			return;
		}
		ui_prompt(app, _("new departure (YYYY-MM-DD): "), fd_date_format(row.b.departure + 1, day),
		          got_departure, code);
		return;
	}
	ask_with(app, req, code, "");
}

void ui_room_clean(struct app *app, const char *room, const char *status)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "room.set_clean");
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddStringToObject(op.payload, "status", status);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("Room %s is %s."), room, status);
}

void ui_room_dnd(struct app *app, const char *room, bool on)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "room.set_flags");
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddBoolToObject(op.payload, "dnd", on);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, on ? _("Room %s: do not disturb.") : _("Room %s: do not disturb lifted."),
		           room);
}

/* Out of order or out of service: the reason, then the first day, then
 * the day it ends; arg carries "ROOM\tSTATE\tREASON[\tFROM]". */
struct maint_ask {
	char room[FD_ROOMNO_LEN], state[8], reason[256], from[FD_DATE_STRLEN];
};

static bool maint_parse(const char *arg, struct maint_ask *m)
{
	memset(m, 0, sizeof *m);
	return sscanf(arg, "%15[^\t]\t%7[^\t]\t%255[^\t]\t%10s", m->room, m->state, m->reason, m->from) >= 3;
}

static void bad_date(struct app *app, const char *text, const char *field)
{
	struct fd_error err;
	fd_fail(&err, FD_E_INVALID, "invalid_date", field, _("\"%s\" is not a date; use YYYY-MM-DD."), text);
	ui_error(app, &err);
}

static void got_maint_until(struct app *app, const char *text, const char *arg)
{
	struct maint_ask m;
	fd_date until, from;
	if (!maint_parse(arg, &m) || !text[0] || !fd_date_parse(m.from, &from))
		return;
	if (!fd_date_parse(text, &until)) {
		bad_date(app, text, "to");
		return;
	}
	bool ooo = strcmp(m.state, "ooo") == 0;
	struct fd_op op;
	fd_session_op(app->session, &op, "room.set_maintenance");
	cJSON_AddStringToObject(op.payload, "room", m.room);
	cJSON_AddStringToObject(op.payload, "state", m.state);
	cJSON_AddStringToObject(op.payload, "from", m.from);
	cJSON_AddStringToObject(op.payload, "to", text);
	cJSON_AddStringToObject(op.payload, "reason", m.reason);
	if (!ui_apply(app, &op, 1, NULL))
		return;
	if (from > app->today)
		ui_message(app,
		           ooo ? _("Room %s is out of order from %s until %s.")
		               : _("Room %s is out of service from %s until %s."),
		           m.room, m.from, text);
	else
		ui_message(app,
		           ooo ? _("Room %s is out of order until %s.")
		               : _("Room %s is out of service until %s."),
		           m.room, text);
}

static void got_maint_from(struct app *app, const char *text, const char *arg)
{
	struct maint_ask m;
	fd_date from;
	if (!maint_parse(arg, &m) || !text[0])
		return;
	if (!fd_date_parse(text, &from)) {
		bad_date(app, text, "from");
		return;
	}
	char next[FD_NOTES_LEN], day[FD_DATE_STRLEN], from_s[FD_DATE_STRLEN];
	snprintf(next, sizeof next, "%s\t%s\t%s\t%s", m.room, m.state, m.reason,
	         fd_date_format(from, from_s));
	ui_prompt(app,
	          strcmp(m.state, "ooo") == 0 ? _("out of order until (YYYY-MM-DD): ")
	                                      : _("out of service until (YYYY-MM-DD): "),
	          fd_date_format(from + 1, day), got_maint_until, next);
}

static void got_maint_reason(struct app *app, const char *text, const char *arg)
{
	char room[FD_ROOMNO_LEN], state[8];
	if (sscanf(arg, "%15[^\t]\t%7s", room, state) != 2)
		return;
	if (!text[0]) {
		ui_message(app, _("A reason is needed; nothing changed."));
		return;
	}
	char next[FD_NOTES_LEN], day[FD_DATE_STRLEN];
	snprintf(next, sizeof next, "%s\t%s\t%.255s", room, state, text);
	/* A tab in the reason would shift the fields. */
	for (char *t = next + strlen(room) + strlen(state) + 2; *t; t++)
		if (*t == '\t')
			*t = ' ';
	ui_prompt(app,
	          strcmp(state, "ooo") == 0 ? _("out of order from (YYYY-MM-DD): ")
	                                    : _("out of service from (YYYY-MM-DD): "),
	          fd_date_format(app->today, day), got_maint_from, next);
}

static void maint_ask(struct app *app, const char *room, const char *state)
{
	char arg[64];
	snprintf(arg, sizeof arg, "%s\t%s", room, state);
	ui_prompt(app,
	          strcmp(state, "ooo") == 0 ? _("out of order, reason: ") : _("out of service, reason: "), "",
	          got_maint_reason, arg);
}

void ui_room_ooo_ask(struct app *app, const char *room)
{
	maint_ask(app, room, "ooo");
}

void ui_room_oos_ask(struct app *app, const char *room)
{
	maint_ask(app, room, "oos");
}

void ui_room_mur(struct app *app, const char *room, bool on)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "room.set_flags");
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddBoolToObject(op.payload, "mur", on);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, on ? _("Room %s: make-up room requested.") : _("Room %s: make-up room done."),
		           room);
}

void ui_room_found(struct app *app, const struct fd_room *room, bool occupied)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "room.set_clean");
	cJSON_AddStringToObject(op.payload, "room", room->number);
	cJSON_AddStringToObject(op.payload, "status", fd_clean_name(room->clean));
	cJSON_AddBoolToObject(op.payload, "occupied", occupied);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app,
		           occupied ? _("Room %s: housekeeping found it occupied.")
		                    : _("Room %s: housekeeping found it vacant."),
		           room->number);
}

void ui_room_return(struct app *app, const char *room)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "room.set_maintenance");
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddStringToObject(op.payload, "state", "none");
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("Room %s is back in service."), room);
}

void ui_staff_shift(struct app *app, const char *username, bool on)
{
	struct fd_op op;
	fd_session_op(app->session, &op, "staff.shift");
	cJSON_AddStringToObject(op.payload, "username", username);
	cJSON_AddBoolToObject(op.payload, "on", on);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, on ? _("%s is on shift.") : _("%s is off shift."), username);
}

static void got_attendant(struct app *app, const char *text, const char *room)
{
	if (!text[0])
		return;
	struct fd_staff st;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (repo->get_staff(repo->ctx, text, &st, NULL) != FD_OK) {
		struct fd_error err;
		fd_fail(&err, FD_E_NOT_FOUND, "staff_not_found", "attendant",
		        _("No staff member \"%s\"; see the staff pane (4)."), text);
		ui_error(app, &err);
		return;
	}
	char id[FD_ID_LEN], day[FD_DATE_STRLEN];
	struct fd_op op;
	fd_session_op(app->session, &op, "task.create");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "room", room);
	cJSON_AddStringToObject(op.payload, "date", fd_date_format(app->today, day));
	cJSON_AddStringToObject(op.payload, "kind", "clean");
	cJSON_AddStringToObject(op.payload, "attendant", text);
	if (ui_apply(app, &op, 1, NULL))
		ui_message(app, _("Room %s assigned to %s today."), room, text);
}

struct on_shift {
	char (*names)[FD_USER_LEN];
	int n;
	const char *section;
	int pass; /* 0: housekeeping in the room's section, 1: other housekeeping, 2: anyone else */
};

static bool add_on_shift(void *ctx, const struct fd_staff_row *row)
{
	struct on_shift *o = ctx;
	if (!row->s.on_shift)
		return false; /* on shift come first */
	bool hk = row->s.dept == FD_DEPT_HOUSEKEEPING;
	bool here = hk && o->section[0] && strcmp(row->s.section, o->section) == 0;
	int pass = here ? 0 : hk ? 1 : 2;
	if (pass == o->pass && o->n < UI_PROMPT_CHOICES)
		snprintf(o->names[o->n++], FD_USER_LEN, "%s", row->s.username);
	return true;
}

void ui_room_assign_ask(struct app *app, const char *room)
{
	char label[160];
	char names[UI_PROMPT_CHOICES][FD_USER_LEN];
	struct fd_room r = {0};
	const struct fd_repo *repo = fd_db_repo(app->db);
	repo->get_room(repo->ctx, room, &r, NULL);
	/* Attendants on shift: the room's section first, then housekeeping,
	 * then anyone else on shift. */
	struct on_shift o = {names, 0, r.section, 0};
	for (o.pass = 0; o.pass < 3; o.pass++)
		fd_query_staff_page(app->db, app->today, 0, 256, add_on_shift, &o, NULL);
	if (o.n > 0)
		snprintf(label, sizeof label,
		         ngettext("attendant for room %s (%d on shift, Up/Down): ",
		                  "attendant for room %s (%d on shift, Up/Down): ", (unsigned long)o.n),
		         room, o.n);
	else
		snprintf(label, sizeof label, _("attendant for room %s (nobody on shift; user name): "),
		         room);
	ui_prompt(app, label, "", got_attendant, room);
	ui_prompt_offer(app, (const char(*)[FD_USER_LEN])names, o.n);
}

/* ---- a manager over the desk session for one action ---- */

static struct {
	ui_confirm_fn fn;
	char arg[FD_NOTES_LEN];
	char user[FD_USER_LEN];
} over;

static void got_over_password(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	struct fd_error err = {0};
	if (fd_session_over_begin(app->session, over.user, text, &err) != FD_OK) {
		ui_error(app, &err);
		return;
	}
	char a[FD_NOTES_LEN];
	snprintf(a, sizeof a, "%s", over.arg);
	over.fn(app, a);
	fd_session_over_end(app->session);
}

static void got_over_user(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	if (!text[0])
		return;
	snprintf(over.user, sizeof over.user, "%s", text);
	char label[128];
	snprintf(label, sizeof label, _("password for %s: "), text);
	ui_prompt(app, label, "", got_over_password, NULL);
	ui_prompt_secret(app);
}

static bool add_manager(void *ctx, const struct fd_staff_row *row)
{
	struct {
		char (*names)[FD_USER_LEN];
		int n;
	} *m = ctx;
	if (row->s.role >= FD_ROLE_MANAGER && m->n < UI_PROMPT_CHOICES)
		snprintf(m->names[m->n++], FD_USER_LEN, "%s", row->s.username);
	return true;
}

void ui_over_ask(struct app *app, const char *why, ui_confirm_fn fn, const char *arg)
{
	over.fn = fn;
	snprintf(over.arg, sizeof over.arg, "%s", arg ? arg : "");
	char names[UI_PROMPT_CHOICES][FD_USER_LEN];
	struct {
		char (*names)[FD_USER_LEN];
		int n;
	} m = {names, 0};
	fd_query_staff_page(app->db, app->today, 0, 256, add_manager, &m, NULL);
	char label[400];
	snprintf(label, sizeof label, _("%s Manager (Esc: no): "), why);
	ui_prompt(app, label, "", got_over_user, NULL);
	ui_prompt_offer(app, (const char(*)[FD_USER_LEN])names, m.n);
}
