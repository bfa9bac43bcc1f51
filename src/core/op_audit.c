// SPDX-License-Identifier: GPL-3.0-or-later
/* audit.night: close a business date. Posts the room charge (with its VAT)
 * for every in-house booking, marks bookings that did not arrive as
 * no-shows (setting noshow_auto), writes the day's report row (which locks
 * the day against postings) and rolls the business date. The operation's
 * actor is "night-audit", so the audit log names it for every change; the
 * manager who ran it is in the payload (run_by) and is checked here.
 * Applying it for a day already closed changes nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/perm.h"
#include "core/folio.h"
#include "core/op_folio.h"
#include "core/policy.h"
#include "core/terms.h"

static enum fd_status check_runner(struct op_ctx *c, char run_by[FD_USER_LEN])
{
	enum fd_status st = op_str(c, "run_by", run_by, FD_USER_LEN, false);
	if (st)
		return st;
	if (!run_by[0]) {
		if (c->flags & FD_APPLY_TRUSTED)
			return FD_OK;
		snprintf(run_by, FD_USER_LEN, "%s", c->op->actor);
	}
	struct fd_staff s;
	st = c->repo->get_staff(c->repo->ctx, run_by, &s, c->err);
	if (st == FD_E_NOT_FOUND || (st == FD_OK && !s.active))
		return fd_fail(
		    c->err, FD_E_FORBIDDEN, "forbidden", "run_by",
		    _("Staff member \"%s\" is unknown or disabled and may not run the night audit."), run_by);
	if (st)
		return st;
	if (!fd_perm_allows(s.role, "audit.night"))
		return fd_fail(c->err, FD_E_FORBIDDEN, "forbidden", "run_by",
		               _("The night audit needs a manager; %s is %s."), run_by, fd_role_name(s.role));
	return FD_OK;
}

/* One line of a night's charge: the room, or an inclusion of its rate plan
 * (its own charge code and VAT). Posted once per night and salt. */
static enum fd_status post_night_line(struct op_ctx *c, const struct fd_booking *b, fd_date day,
                                      const struct fd_charge_code *cc, int64_t amount, const char *salt,
                                      const char *plan)
{
	if (amount == 0)
		return FD_OK;
	struct fd_folio f;
	enum fd_status st = op_folio_default(c, b, true, &f);
	if (st)
		return st;
	struct fd_folio_line l = {.kind = FD_LINE_CHARGE,
	                          .date = day,
	                          .amount = amount,
	                          .version = 1,
	                          .created_at = c->op->created_at};
	char dtext[FD_DATE_STRLEN];
	fd_date_format(day, dtext);
	op_folio_derive_id(b->id, dtext, salt, l.id);
	struct fd_folio_line existing;
	if (c->repo->get_line(c->repo->ctx, l.id, &existing, c->err) == FD_OK)
		return FD_OK; /* posted already for this night */
	snprintf(l.folio_id, sizeof l.folio_id, "%s", f.id);
	snprintf(l.code, sizeof l.code, "%s", cc->code);
	if (plan && plan[0])
		snprintf(l.description, sizeof l.description, "%s %s, room %s (%s)", cc->name, dtext, b->room,
		         plan);
	else
		snprintf(l.description, sizeof l.description, "%s %s, room %s", cc->name, dtext, b->room);
	snprintf(l.actor, sizeof l.actor, "%s", FD_NIGHT_AUDIT_ACTOR);
	if (!fd_vat_included(l.amount, cc->vat_bp, &l.tax))
		return fd_fail(c->err, FD_E_INVALID, "invalid_amount", "rate",
		               _("Booking %s's rate is out of range."), b->code);
	return c->repo->put_line(c->repo->ctx, &l, c->err);
}

/* A night of a booking on a rate plan: its price as sold (booking_rates),
 * the inclusions on lines of their own and the room line for the rest. */
static enum fd_status post_plan_night(struct op_ctx *c, const struct fd_booking *b, fd_date day,
                                      const struct fd_charge_code *cc, const struct fd_booking_night *n)
{
	enum fd_status st = post_night_line(c, b, day, cc, n->amount - n->included, "room-charge", n->plan);
	for (const char *s = n->items; !st && *s;) {
		size_t len = strcspn(s, ",");
		char item[64], salt[80];
		snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item ? len : sizeof item - 1), s);
		char *colon = strchr(item, ':');
		s += len;
		if (*s == ',')
			s++;
		if (!colon)
			continue;
		*colon = '\0';
		struct fd_charge_code inc;
		st = c->repo->get_charge_code(c->repo->ctx, item, &inc, c->err);
		if (st == FD_E_NOT_FOUND)
			return fd_fail(c->err, FD_E_NOT_FOUND, "charge_code_not_found", "charge",
			               _("Rate plan %s includes %s, but there is no charge code %s."),
			               n->plan, item, item);
		snprintf(salt, sizeof salt, "inclusion-%s", item);
		if (!st)
			st = post_night_line(c, b, day, &inc, strtoll(colon + 1, NULL, 10), salt, n->plan);
	}
	return st;
}

static enum fd_status post_room_charge(struct op_ctx *c, const struct fd_booking *b, fd_date day,
                                       const struct fd_charge_code *cc)
{
	struct fd_booking_night *nights = NULL;
	int n = 0;
	enum fd_status st = FD_OK;
	if (c->repo->booking_nights)
		st = c->repo->booking_nights(c->repo->ctx, b->id, &nights, &n, c->err);
	const struct fd_booking_night *night = NULL;
	for (int i = 0; !st && i < n; i++)
		if (nights[i].night == day)
			night = &nights[i];
	if (!st)
		st = night ? post_plan_night(c, b, day, cc, night)
		           : post_night_line(c, b, day, cc, b->rate, "room-charge", NULL);
	free(nights);
	return st;
}

enum fd_status op_folio_post_room_charge(struct op_ctx *c, const struct fd_booking *b, fd_date day)
{
	if (!op_folio_supported(c->repo))
		return FD_OK;
	struct fd_charge_code cc;
	enum fd_status st = c->repo->get_charge_code(c->repo->ctx, "ROOM", &cc, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "charge_code_not_found", "charge",
		               _("The night audit needs the charge code ROOM."));
	return st ? st : post_room_charge(c, b, day, &cc);
}

static enum fd_status post_room_charges(struct op_ctx *c, fd_date day)
{
	struct fd_charge_code cc;
	enum fd_status st = c->repo->get_charge_code(c->repo->ctx, "ROOM", &cc, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "charge_code_not_found", "charge",
		               _("The night audit needs the charge code ROOM."));
	struct fd_booking *list = NULL;
	int n = 0;
	if (!st)
		st = c->repo->audit_bookings(c->repo->ctx, day, FD_AUDIT_IN_HOUSE, &list, &n, c->err);
	for (int i = 0; !st && i < n; i++)
		st = post_room_charge(c, &list[i], day, &cc);
	free(list);
	return st;
}

static enum fd_status mark_no_shows(struct op_ctx *c, fd_date day)
{
	char buf[8] = "1";
	enum fd_status st = c->repo->get_setting(c->repo->ctx, "noshow_auto", buf, sizeof buf, c->err);
	if (st && st != FD_E_NOT_FOUND)
		return st;
	if (strcmp(buf, "1") != 0)
		return FD_OK;
	struct fd_booking *list = NULL;
	int n = 0;
	st = c->repo->audit_bookings(c->repo->ctx, day, FD_AUDIT_DUE, &list, &n, c->err);
	char text[FD_POLICY_LEN];
	for (int i = 0; !st && i < n; i++) {
		list[i].status = FD_BOOKING_NO_SHOW;
		list[i].version++;
		st = c->repo->put_booking(c->repo->ctx, &list[i], c->err);
		/* The no-show policy's fee (core/terms.h) on the guest folio. */
		int64_t amount = 0;
		if (!st)
			st = fd_terms_noshow(c->repo, c->prop.currency, &list[i], &amount, text, sizeof text,
			                     c->err);
		if (!st && amount > 0) {
			char desc[FD_POLICY_LEN + 20];
			snprintf(desc, sizeof desc, "No-show fee (%s)", text);
			st = op_folio_post_fee(c, &list[i], FD_NOSHOW_FEE_CODE, desc, amount, day,
			                       "noshow-fee", FD_NIGHT_AUDIT_ACTOR);
		}
	}
	free(list);
	return st;
}

/* "ABC123 (room 101), DEF456 (room 102)": the bookings the desk must check
 * out or extend; the list is cut where the message would overflow. */
static enum fd_status refuse_overstays(struct op_ctx *c, const char *dtext, const struct fd_booking *due,
                                       int n)
{
	char list[200] = "";
	size_t len = 0;
	int shown = 0;
	for (int i = 0; i < n; i++) {
		char item[48];
		snprintf(item, sizeof item, _("%s (room %s)"), due[i].code, due[i].room);
		if (len + strlen(item) + 8 >= sizeof list)
			break;
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", item);
		shown++;
	}
	if (shown < n)
		snprintf(list + len, sizeof list - len, ", …");
	return fd_fail(c->err, FD_E_CONFLICT, "due_outs_in_house", "date",
	               ngettext("%s cannot close: %d guest due out is still in house: %s. Check them out "
	                        "or extend their stay, then run the night audit again.",
	                        "%s cannot close: %d guests due out are still in house: %s. Check them "
	                        "out or extend their stay, then run the night audit again.",
	                        (unsigned long)n),
	               dtext, n, list);
}

enum fd_status op_audit_night(struct op_ctx *c)
{
	if (!op_folio_supported(c->repo))
		return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
		               _("This store does not keep folios."));
	fd_date day;
	char run_by[FD_USER_LEN] = "", dtext[FD_DATE_STRLEN], today[FD_DATE_STRLEN];
	enum fd_status st;
	if ((st = op_date(c, "date", &day, true)) || (st = check_runner(c, run_by)))
		return st;
	fd_date_format(day, dtext);
	struct fd_day_report r;
	st = c->repo->get_day_report(c->repo->ctx, day, &r, c->err);
	if (st == FD_OK) {
		/* Already closed: the same audit again changes nothing. */
		op_result_entity(c, "day", dtext);
		snprintf(c->res->warning, sizeof c->res->warning,
		         _("%s was already closed; nothing changed."), dtext);
		return FD_OK;
	}
	if (st != FD_E_NOT_FOUND)
		return st;
	if (day != c->prop.business_date)
		return fd_fail(c->err, FD_E_CONFLICT, "wrong_date", "date",
		               _("The night audit closes the business date, %s, not %s."),
		               fd_date_format(c->prop.business_date, today), dtext);
	/* Guests due out who are still in house: the day does not close over
	 * them (they would stay unbilled in a room the board shows free). */
	struct fd_booking *due = NULL;
	int n_due = 0;
	st = c->repo->audit_bookings(c->repo->ctx, day, FD_AUDIT_OVERSTAY, &due, &n_due, c->err);
	if (!st && n_due)
		st = refuse_overstays(c, dtext, due, n_due);
	free(due);
	if (st)
		return st;
	if ((st = post_room_charges(c, day)) || (st = mark_no_shows(c, day)) ||
	    (st = op_group_release(c, day)) || (st = c->repo->count_day(c->repo->ctx, day, &r, c->err)))
		return st;
	snprintf(r.closed_by, sizeof r.closed_by, "%s", run_by[0] ? run_by : c->op->actor);
	r.closed_at = c->op->created_at;
	if ((st = c->repo->put_day_report(c->repo->ctx, &r, c->err)))
		return st;
	struct fd_property p = c->prop;
	p.business_date = day + 1;
	p.version++;
	if ((st = c->repo->put_property(c->repo->ctx, &p, c->err)))
		return st;
	op_result_entity(c, "day", dtext);
	return FD_OK;
}
