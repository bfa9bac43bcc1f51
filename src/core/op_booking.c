// SPDX-License-Identifier: GPL-3.0-or-later
/* Booking operations and their rules: availability, the room guard, the life
 * cycle reserved -> checked in -> checked out (or cancelled / no-show). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/avail.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "core/op_internal.h"
#include "core/card.h"
#include "core/money.h"
#include "core/op_folio.h"
#include "core/rate.h"
#include "core/text.h"

static bool code_valid(const char *code)
{
	if (strlen(code) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		if (!isupper((unsigned char)code[i]) && !isdigit((unsigned char)code[i]))
			return false;
	return true;
}

enum fd_status op_load_booking(struct op_ctx *c, struct fd_booking *b)
{
	char key[FD_ID_LEN];
	enum fd_status st = op_str(c, "booking", key, sizeof key, true);
	if (st)
		return st;
	st = c->repo->get_booking(c->repo->ctx, key, b, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "booking_not_found", "booking",
		               _("No booking \"%s\"."), key);
	return st;
}

static enum fd_status save_booking(struct op_ctx *c, struct fd_booking *b)
{
	b->version++;
	enum fd_status st = c->repo->put_booking(c->repo->ctx, b, c->err);
	if (st == FD_OK) {
		op_result_entity(c, "booking", b->id);
		snprintf(c->res->code, sizeof c->res->code, "%s", b->code);
	}
	return st;
}

static enum fd_status load_type(struct op_ctx *c, const char *code, struct fd_room_type *t)
{
	enum fd_status st = c->repo->get_room_type(c->repo->ctx, code, t, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_type_not_found", "type",
		               _("No room type \"%s\"."), code);
	return st;
}

static enum fd_status load_room(struct op_ctx *c, const char *number, struct fd_room *r)
{
	enum fd_status st = c->repo->get_room(c->repo->ctx, number, r, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_not_found", "room", _("No room \"%s\"."),
		               number);
	return st;
}

static enum fd_status check_stay(struct op_ctx *c, const struct fd_booking *b)
{
	int nights = fd_booking_day_use(b) ? 0 : fd_stay_nights(b->arrival, b->departure);
	if (nights < 0)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "departure",
		               _("The departure date must be on or after the arrival date (the same day "
		                 "for a day-use stay)."));
	if (nights > FD_MAX_STAY_NIGHTS)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "departure",
		               _("A stay may last at most %d nights."), FD_MAX_STAY_NIGHTS);
	if (b->adults < 1)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "adults",
		               _("A booking needs at least one adult."));
	return FD_OK;
}

static enum fd_status check_occupancy(struct op_ctx *c, const struct fd_booking *b,
                                      const struct fd_room_type *t)
{
	if (b->adults + b->children > t->max_occupancy)
		return fd_fail(c->err, FD_E_CONFLICT, "over_capacity", "adults",
		               _("Room type %s takes at most %d guests; this booking has %d."), t->code,
		               t->max_occupancy, b->adults + b->children);
	return FD_OK;
}

/* Is there a room of b's type left on every night of its stay? The
 * booking's own nights (when it is being changed) do not count against it. */
static enum fd_status sold_out(struct op_ctx *c, const struct fd_booking *b, fd_date d)
{
	char day[FD_DATE_STRLEN];
	return fd_fail(c->err, FD_E_CONFLICT, "no_availability", "type", _("Room type %s is sold out on %s."),
	               b->type_code, fd_date_format(d, day));
}

/* Day use: a room of the type is free during day d when the stays over d
 * and the day-use stays on d leave one. A night stay needs the days it
 * stays over too (a day-use of that day already holds a room). */
static enum fd_status check_day(struct op_ctx *c, const struct fd_booking *b, fd_date d)
{
	int sold, rooms;
	enum fd_status st = c->repo->type_day_sold(c->repo->ctx, b->type_code, d, b->id, &sold, c->err);
	if (!st)
		st = c->repo->type_inventory(c->repo->ctx, b->type_code, d, &rooms, c->err);
	if (st)
		return st;
	return sold >= rooms ? sold_out(c, b, d) : FD_OK;
}

static enum fd_status check_availability(struct op_ctx *c, const struct fd_booking *b)
{
	if (fd_booking_day_use(b))
		return check_day(c, b, b->arrival);
	/* The stay's nights, and the days it stays over (arrival + 1 up to
	 * departure - 1), each range read at once (one statement each,
	 * core/avail.h) rather than two statements a day. A day's rooms are
	 * its night's inventory, as check_day reads them. */
	size_t n = (size_t)(b->departure - b->arrival);
	int *rooms = calloc(n ? 4 * n : 1, sizeof *rooms);
	if (!rooms)
		return fd_fail(c->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	/* day_sold[i], day_use[i]: day arrival + 1 + i */
	int *sold = rooms + n, *day_sold = sold + n, *day_use = day_sold + n;
	enum fd_status st =
	    fd_avail_nights(c->repo, b->type_code, b->arrival, b->departure, b->id, rooms, sold, c->err);
	/* The days to count: every one, unless the store counts the day-use
	 * stays alone (repo.h type_day_uses); then those with a day-use stay
	 * or whose night has no room left: the stays over a day hold its
	 * night, so any other day has a room (and counting a day's stays
	 * reads every booking arriving that day). */
	bool by_day_use = c->repo->type_day_uses != NULL;
	if (!st && by_day_use)
		st = c->repo->type_day_uses(c->repo->ctx, b->type_code, b->arrival + 1, b->departure, b->id,
		                            day_use, c->err);
	fd_date first = b->departure, last = b->arrival; /* the days [first, last] counted */
	for (fd_date d = b->arrival + 1; d < b->departure; d++) {
		if (by_day_use && day_use[d - b->arrival - 1] == 0 &&
		    sold[d - b->arrival] < rooms[d - b->arrival])
			continue;
		first = d < first ? d : first;
		last = d;
	}
	if (!st && first <= last)
		st = fd_avail_days(c->repo, b->type_code, first, last + 1, b->id,
		                   day_sold + (first - b->arrival - 1), c->err);
	/* The days first, then the nights: the first day or night short of a
	 * room is the one the refusal names. */
	for (fd_date d = first; d <= last && !st; d++)
		if (day_sold[d - b->arrival - 1] >= rooms[d - b->arrival])
			st = sold_out(c, b, d);
	for (fd_date d = b->arrival; d < b->departure && !st; d++) {
		bool covered;
		/* A room the booking's group block holds for it is sold already. */
		st = op_group_covers(c, b, d, &covered);
		if (!st && !covered && sold[d - b->arrival] >= rooms[d - b->arrival])
			st = sold_out(c, b, d);
	}
	free(rooms);
	return st;
}

static void fill_free_rooms(struct op_ctx *c, const struct fd_booking *b)
{
	struct fd_error ignored;
	int n = 0;
	if (c->repo->free_rooms(c->repo->ctx, b->type_code, b->arrival, b->departure, c->res->free_rooms,
	                        FD_MAX_FREE_ROOMS, &n, &ignored) == FD_OK)
		c->res->n_free = n;
}

/* Can booking b hold room r for all its nights? Fills the result's clash
 * details when another booking has it. */
static enum fd_status check_room_fits(struct op_ctx *c, const struct fd_booking *b, const struct fd_room *r)
{
	struct fd_room_type booked, offered;
	enum fd_status st = load_type(c, b->type_code, &booked);
	/* A room of the booked type (the usual assignment): read it once. */
	if (!st && strcmp(r->type_code, booked.code) == 0)
		offered = booked;
	else if (!st)
		st = load_type(c, r->type_code, &offered);
	if (st)
		return st;
	if (strcmp(booked.code, offered.code) != 0 && offered.rank <= booked.rank)
		return fd_fail(c->err, FD_E_CONFLICT, "wrong_room_type", "room",
		               _("Room %s is a %s, not a %s or an upgrade of it."), r->number, offered.code,
		               booked.code);
	if ((st = check_occupancy(c, b, &offered)))
		return st;
	/* A stay under way only needs the room from today on. */
	fd_date from = b->arrival;
	if (b->status == FD_BOOKING_CHECKED_IN && c->prop.business_date > from)
		from = c->prop.business_date;
	if (fd_room_ooo_during(r, from, b->departure > from ? b->departure : from + 1))
		return fd_fail(c->err, FD_E_CONFLICT, "room_out_of_order", "room",
		               _("Room %s is out of order during this stay (%s)."), r->number,
		               r->maint_reason[0] ? r->maint_reason : _("no reason given"));
	char clash[FD_CODE_LEN] = "";
	st = c->repo->room_clash(c->repo->ctx, r->number, from, b->departure, b->id, clash, c->err);
	if (st == FD_OK) {
		snprintf(c->res->clash_code, sizeof c->res->clash_code, "%s", clash);
		fill_free_rooms(c, b);
		return fd_fail(c->err, FD_E_CONFLICT, "room_taken", "room",
		               _("Room %s is already taken by booking %s for part of this stay."), r->number,
		               clash);
	}
	if (st != FD_E_NOT_FOUND)
		return st;
	/* Day use: a day-use stay holds its room for its day, against a guest
	 * staying over that day; a night stay holds it for the days it stays
	 * over. A departure that morning and an arrival that afternoon leave
	 * the day free, so a day room can be sold again for the night. */
	fd_date first = fd_booking_day_use(b) ? from : from + 1;
	fd_date last = fd_booking_day_use(b) ? from : b->departure - 1;
	if (first <= last) {
		st = c->repo->room_day_clash(c->repo->ctx, r->number, first, last, b->id, clash, c->err);
		if (st == FD_OK) {
			snprintf(c->res->clash_code, sizeof c->res->clash_code, "%s", clash);
			fill_free_rooms(c, b);
			return fd_fail(
			    c->err, FD_E_CONFLICT, "room_taken", "room",
			    fd_booking_day_use(b)
			        ? _("Room %s is taken by booking %s during this day-use stay.")
			        : _("Room %s is already taken by booking %s for part of this stay."),
			    r->number, clash);
		}
		if (st != FD_E_NOT_FOUND)
			return st;
	}
	if (r->maint == FD_MAINT_OOS && r->maint_from < b->departure && r->maint_to > b->arrival)
		snprintf(c->res->warning, sizeof c->res->warning,
		         _("Room %s is out of service (%s) during this stay."), r->number, r->maint_reason);
	return FD_OK;
}

static enum fd_status read_guests(struct op_ctx *c, struct fd_booking *b)
{
	int64_t v;
	enum fd_status st;
	v = b->adults;
	if ((st = op_int(c, "adults", 0, 50, &v, false)))
		return st;
	b->adults = (int)v;
	v = b->children;
	if ((st = op_int(c, "children", 0, 50, &v, false)))
		return st;
	b->children = (int)v;
	v = b->rate;
	if ((st = op_int(c, "rate", 0, INT64_C(1000000000000), &v, false)))
		return st;
	b->rate = v;
	return FD_OK;
}

static enum fd_status read_texts(struct op_ctx *c, struct fd_booking *b)
{
	enum fd_status st;
	if ((st = op_str(c, "source", b->source, sizeof b->source, false)) ||
	    (st = op_str(c, "notes", b->notes, sizeof b->notes, false)) ||
	    (st = op_str(c, "eta", b->eta, sizeof b->eta, false)) ||
	    (st = fd_text_check_no_card("notes", b->notes, c->err)))
		return st;
	enum fd_channel channel;
	if (op_has(c, "source") && !fd_channel_parse(b->source, &channel))
		return fd_fail(
		    c->err, FD_E_INVALID, "invalid_field", "source",
		    _("Unknown source \"%s\"; use walk-in, phone, email, web, ota, company or group."),
		    b->source);
	if (b->eta[0] &&
	    !(strlen(b->eta) == 5 && isdigit((unsigned char)b->eta[0]) && isdigit((unsigned char)b->eta[1]) &&
	      b->eta[2] == ':' && isdigit((unsigned char)b->eta[3]) && isdigit((unsigned char)b->eta[4]) &&
	      (b->eta[0] - '0') * 10 + (b->eta[1] - '0') < 24 && b->eta[3] < '6'))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "eta",
		               _("The arrival time must be HH:MM, for example 15:30."));
	return FD_OK;
}

/* Rate integrity (issue 12). A rate of 0 or below the room type's base
 * rate needs a reason, which the operation carries into the audit log
 * (rate_reason); a rate more than the property's rate_discount_max percent
 * below the base (default FD_RATE_DISCOUNT_MAX) needs a manager. Trusted
 * local tools (the standalone owner, the demo) are not limited, as for
 * refunds. */
#define FD_RATE_DISCOUNT_MAX 30

static enum fd_status check_rate(struct op_ctx *c, const struct fd_booking *b, const struct fd_room_type *t)
{
	if ((c->flags & FD_APPLY_TRUSTED) || (b->rate > 0 && b->rate >= t->base_rate))
		return FD_OK;
	char reason[FD_NOTES_LEN] = "", rate[FD_MONEY_STRLEN], base[FD_MONEY_STRLEN];
	enum fd_status st = op_str(c, "rate_reason", reason, sizeof reason, false);
	if (!st)
		st = fd_text_check_no_card("rate_reason", reason, c->err);
	if (st)
		return st;
	fd_money_format(b->rate, c->prop.currency, rate, sizeof rate);
	fd_money_format(t->base_rate, c->prop.currency, base, sizeof base);
	const char *r = reason;
	while (*r == ' ')
		r++;
	if (!*r)
		return fd_fail(
		    c->err, FD_E_INVALID, "rate_reason_needed", "rate_reason",
		    b->rate == 0 ? _("A rate of %s needs a reason (a complimentary or house-use stay, "
		                     "a complaint): give it with the rate. Room type %s's base rate is %s.")
		                 : _("The rate %s is below room type %s's base rate %s: give the reason for "
		                     "it with the rate (a corporate or package rate, a complaint)."),
		    rate, t->code, base);
	char buf[16] = "";
	int64_t max = FD_RATE_DISCOUNT_MAX;
	if (c->repo->get_setting(c->repo->ctx, "rate_discount_max", buf, sizeof buf, NULL) == FD_OK && buf[0])
		max = strtoll(buf, NULL, 10);
	if ((t->base_rate - b->rate) * 100 <= max * t->base_rate)
		return FD_OK;
	struct fd_staff s;
	st = c->repo->get_staff(c->repo->ctx, c->op->actor, &s, c->err);
	if (st == FD_OK && s.role >= FD_ROLE_MANAGER)
		return FD_OK;
	if (st && st != FD_E_NOT_FOUND)
		return st;
	return fd_fail(
	    c->err, FD_E_FORBIDDEN, "forbidden", "rate",
	    _("The rate %s is more than %d%% below room type %s's base rate %s: a manager must set "
	      "it."),
	    rate, (int)max, t->code, base);
}

/* A new room type and no rate given: the desk says whether the booking
 * takes the new type's rate (take_rate true) or keeps its own (false). */
static enum fd_status choose_rate(struct op_ctx *c, const struct fd_booking *old, struct fd_booking *b,
                                  const struct fd_room_type *t)
{
	if (strcmp(b->type_code, old->type_code) == 0 || op_has(c, "rate") || b->rate == t->base_rate)
		return FD_OK;
	if (!op_has(c, "take_rate")) {
		char mine[FD_MONEY_STRLEN], theirs[FD_MONEY_STRLEN];
		return fd_fail(
		    c->err, FD_E_INVALID, "rate_choice_needed", "take_rate",
		    _("Booking %s changes from %s to %s: say whether it takes %s's rate %s or keeps "
		      "its rate %s (frontdesk modify CODE --type %s --take-rate or --keep-rate)."),
		    b->code, old->type_code, t->code, t->code,
		    fd_money_format(t->base_rate, c->prop.currency, theirs, sizeof theirs),
		    fd_money_format(old->rate, c->prop.currency, mine, sizeof mine), t->code);
	}
	if (op_bool(c, "take_rate", false))
		b->rate = t->base_rate;
	return FD_OK;
}

/* --- rate plans (issue 15): the plan prices each night (fd_rate_quote) --- */

/* The stay breaks a restriction of its plan: refused, unless a manager
 * overrides it with a reason (override_reason, kept in the audit log). */
static enum fd_status check_restrictions(struct op_ctx *c, const struct fd_quote *q,
                                         const struct fd_quote_req *req)
{
	if (q->broken == FD_RESTRICT_NONE)
		return FD_OK;
	char reason[FD_NOTES_LEN] = "";
	enum fd_status st = op_str(c, "override_reason", reason, sizeof reason, false);
	if (st || (st = fd_text_check_no_card("override_reason", reason, c->err)))
		return st;
	const char *r = reason;
	while (*r == ' ')
		r++;
	bool manager = (c->flags & FD_APPLY_TRUSTED) != 0;
	struct fd_staff s;
	if (!manager && c->repo->get_staff(c->repo->ctx, c->op->actor, &s, NULL) == FD_OK)
		manager = s.role >= FD_ROLE_MANAGER;
	if (*r && manager) {
		snprintf(c->res->warning, sizeof c->res->warning,
		         _("The %s restriction of rate plan %s was overridden: %s"),
		         fd_restriction_name(q->broken), q->plan.code, r);
		return FD_OK;
	}
	struct fd_error why = {0};
	fd_quote_refuse(q, req, &why);
	if (*r)
		return fd_fail(c->err, FD_E_FORBIDDEN, "forbidden", "override_reason",
		               _("%s Only a manager can override it."), why.message);
	return fd_fail(c->err, FD_E_CONFLICT, why.code, why.field, "%s %s", why.message,
	               _("A manager can book it anyway, giving the reason (--override-reason)."));
}

static void quote_req(const struct op_ctx *c, const struct fd_booking *b, const char *plan,
                      struct fd_quote_req *req)
{
	memset(req, 0, sizeof *req);
	snprintf(req->plan, sizeof req->plan, "%s", plan);
	snprintf(req->type_code, sizeof req->type_code, "%s", b->type_code);
	req->arrival = b->arrival;
	req->departure = b->departure;
	req->adults = b->adults;
	req->children = b->children;
	req->not_before = c->prop.business_date;
}

/* Price a new booking on a plan: its nights (malloc'd into *nights). */
static enum fd_status price_by_plan(struct op_ctx *c, struct fd_booking *b, const char *plan,
                                    const char *company, struct fd_booking_night **nights, int *n)
{
	*nights = NULL;
	*n = 0;
	if (!c->repo->get_rate_plan)
		return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
		               _("This store does not keep rate plans."));
	if (op_has(c, "rate"))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "rate",
		               _("Rate plan %s prices this stay: give a rate or a plan, not both."), plan);
	if (fd_booking_day_use(b))
		return fd_fail(
		    c->err, FD_E_INVALID, "invalid_dates", "departure",
		    _("A day-use stay has no night for rate plan %s to price; give its rate instead."), plan);
	struct fd_quote_req req;
	struct fd_quote q;
	quote_req(c, b, plan, &req);
	enum fd_status st = fd_rate_quote(c->repo, &req, &q, c->err);
	if (st)
		return st;
	if (!(st = fd_plan_check_company(&q.plan, company, c->err)) &&
	    !(st = check_restrictions(c, &q, &req)) && !(st = fd_quote_booking_nights(&q, nights, c->err))) {
		*n = q.n;
		b->rate = q.nights[0].amount;
	}
	fd_quote_clear(&q);
	return st;
}

static enum fd_status save_nights(struct op_ctx *c, const struct fd_booking *b,
                                  const struct fd_booking_night *n, int count)
{
	return c->repo->put_booking_nights(c->repo->ctx, b->id, n, count, c->err);
}

/* A booking on a plan changes: nights it keeps keep their price unless the
 * room type or the party changed (then every night is priced again); new
 * nights are priced by the plan; the warning says what changed. */
static enum fd_status reprice(struct op_ctx *c, const struct fd_booking *old, struct fd_booking *b,
                              const struct fd_booking_night *was, int n_was, struct fd_booking_night **out,
                              int *n_out)
{
	*out = NULL;
	*n_out = 0;
	bool all = strcmp(old->type_code, b->type_code) != 0 || old->adults != b->adults ||
	           old->children != b->children;
	bool dates = old->arrival != b->arrival || old->departure != b->departure;
	if (!all && !dates)
		return FD_OK;
	if (op_has(c, "rate"))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "rate",
		               _("Booking %s is priced by rate plan %s: its nights are priced by the plan."),
		               b->code, was[0].plan);
	if (fd_booking_day_use(b))
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "departure",
		               _("Booking %s is on rate plan %s and keeps at least one night."), b->code,
		               was[0].plan);
	struct fd_quote_req req;
	struct fd_quote q;
	quote_req(c, b, was[0].plan, &req);
	enum fd_status st = fd_rate_quote(c->repo, &req, &q, c->err);
	if (st)
		return st;
	if (dates && (st = check_restrictions(c, &q, &req))) {
		fd_quote_clear(&q);
		return st;
	}
	st = fd_quote_booking_nights(&q, out, c->err);
	int added = 0, repriced = 0;
	int64_t delta = 0;
	for (int i = 0; !st && i < q.n; i++) {
		const struct fd_booking_night *kept = NULL;
		for (int k = 0; k < n_was; k++)
			if (was[k].night == (*out)[i].night)
				kept = &was[k];
		/* A night before the business date was posted already: it keeps
		 * the price it was sold (and charged) at. */
		if (kept && (!all || kept->night < c->prop.business_date)) {
			(*out)[i] = *kept;
		} else if (kept) {
			repriced += kept->amount != (*out)[i].amount;
			delta += (*out)[i].amount - kept->amount;
		} else {
			added++;
			delta += (*out)[i].amount;
		}
	}
	int removed = 0;
	for (int k = 0; k < n_was; k++)
		if (was[k].night < b->arrival || was[k].night >= b->departure) {
			removed++;
			delta -= was[k].amount;
		}
	if (!st) {
		*n_out = q.n;
		b->rate = (*out)[0].amount;
		char total[FD_MONEY_STRLEN], money[FD_MONEY_STRLEN];
		int64_t sum = 0;
		for (int i = 0; i < q.n; i++)
			sum += (*out)[i].amount;
		if (!c->res->warning[0])
			snprintf(
			    c->res->warning, sizeof c->res->warning,
			    _("Rate plan %s re-priced the stay: nights added %d, removed %d, priced again %d "
			      "(%s); the stay now costs %s."),
			    q.plan.code, added, removed, repriced,
			    fd_money_format(delta, c->prop.currency, money, sizeof money),
			    fd_money_format(sum, c->prop.currency, total, sizeof total));
	}
	fd_quote_clear(&q);
	if (st) {
		free(*out);
		*out = NULL;
	}
	return st;
}

static enum fd_status check_not_past(struct op_ctx *c, fd_date arrival)
{
	if ((c->flags & FD_APPLY_TRUSTED) || arrival >= c->prop.business_date)
		return FD_OK;
	char day[FD_DATE_STRLEN];
	return fd_fail(c->err, FD_E_CONFLICT, "date_in_past", "arrival",
	               _("The arrival date is before the business date %s."),
	               fd_date_format(c->prop.business_date, day));
}

/* A booking for a profile that was merged away is made for the profile it
 * went into, and says so: a desk that booked the duplicate before it heard
 * of the merge must not lose the booking when the server applies it. */
static enum fd_status follow_merge(struct op_ctx *c, struct fd_booking *b, struct fd_guest *g)
{
	char asked[FD_ID_LEN];
	memcpy(asked, g->id, sizeof asked);
	/* Merges chain (A into B, later B into C); a loop is a broken store. */
	for (int hops = 0; g->merged_into[0]; hops++) {
		char next[FD_ID_LEN];
		memcpy(next, g->merged_into, sizeof next);
		enum fd_status st =
		    hops < 16 ? c->repo->get_guest(c->repo->ctx, next, g, c->err) : FD_E_NOT_FOUND;
		if (st == FD_E_NOT_FOUND)
			return fd_fail(c->err, FD_E_CONFLICT, "guest_merged", "guest_id",
			               _("Guest %s was merged into %s, which cannot be found; book another "
			                 "profile."),
			               asked, next);
		if (st)
			return st;
	}
	memcpy(b->guest_id, g->id, sizeof b->guest_id);
	char name[FD_NAME_LEN * 2 + 4];
	fd_guest_display_name(g, name, sizeof name);
	snprintf(c->res->warning, sizeof c->res->warning,
	         _("Guest profile %s was merged into %s (%s); the booking is made for that profile."), asked,
	         name, g->id);
	return FD_OK;
}

enum fd_status op_booking_create(struct op_ctx *c)
{
	struct fd_booking b = {.adults = 1, .rate = -1, .status = FD_BOOKING_RESERVED};
	struct fd_room_type t;
	struct fd_guest g;
	enum fd_status st;
	if ((st = op_new_id(c, b.id, sizeof b.id)) || (st = op_str(c, "code", b.code, sizeof b.code, true)) ||
	    (st = op_str(c, "guest_id", b.guest_id, sizeof b.guest_id, true)) ||
	    (st = op_str(c, "type", b.type_code, sizeof b.type_code, true)) ||
	    (st = op_date(c, "arrival", &b.arrival, true)) ||
	    (st = op_date(c, "departure", &b.departure, true)) || (st = read_guests(c, &b)) ||
	    (st = read_texts(c, &b)))
		return st;
	if (!code_valid(b.code))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "code",
		               _("A confirmation code is 6 capital letters or digits."));
	struct fd_booking existing;
	if (c->repo->get_booking(c->repo->ctx, b.id, &existing, c->err) == FD_OK ||
	    c->repo->get_booking(c->repo->ctx, b.code, &existing, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_booking", "code",
		               _("A booking with id %s or code %s already exists."), b.id, b.code);
	st = c->repo->get_guest(c->repo->ctx, b.guest_id, &g, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "guest_not_found", "guest_id",
		               _("No guest with id %s."), b.guest_id);
	if (st)
		return st;
	if (g.merged_into[0] && (st = follow_merge(c, &b, &g)))
		return st;
	if (g.erased)
		return fd_fail(c->err, FD_E_CONFLICT, "guest_erased", "guest_id",
		               _("This guest's personal data was erased; create a new guest record."));
	if ((st = load_type(c, b.type_code, &t)) || (st = check_stay(c, &b)) ||
	    (st = check_occupancy(c, &b, &t)) || (st = check_not_past(c, b.arrival)))
		return st;
	/* The company account the booking is made for: named, or the
	 * block's (a corporate plan sells only to it, fd_plan_check_company). */
	char company[FD_NAME_LEN] = "";
	if ((st = op_str(c, "company", company, sizeof company, false)))
		return st;
	if (company[0]) {
		struct fd_company co;
		if ((st = op_company_load(c, company, &co)))
			return st;
		snprintf(company, sizeof company, "%s", co.name);
		snprintf(b.company_id, sizeof b.company_id, "%s", co.id);
	}
	if (op_has(c, "block")) {
		char key[FD_NAME_LEN];
		struct fd_group_block k;
		if ((st = op_str(c, "block", key, sizeof key, true)) || (st = op_group_load(c, key, &k)))
			return st;
		snprintf(b.block_id, sizeof b.block_id, "%s", k.id);
		if (!company[0]) {
			/* A block names a group or a company; a company account's
			 * block books for that account. */
			struct fd_company co;
			snprintf(company, sizeof company, "%s", k.company);
			if (k.company[0] && c->repo->get_company &&
			    c->repo->get_company(c->repo->ctx, k.company, &co, NULL) == FD_OK)
				snprintf(b.company_id, sizeof b.company_id, "%s", co.id);
		}
		if (!op_has(c, "source"))
			snprintf(b.source, sizeof b.source, "%s", fd_channel_name(FD_CHANNEL_GROUP));
	}
	char plan[FD_PLAN_CODE_LEN] = "";
	if ((st = op_str(c, "plan", plan, sizeof plan, false)))
		return st;
	struct fd_booking_night *nights = NULL;
	int n_nights = 0;
	if (plan[0] && (st = price_by_plan(c, &b, plan, company, &nights, &n_nights)))
		return st;
	if (b.rate < 0)
		b.rate = t.base_rate;
	/* Nobody said where the booking came from: see fd_channel_default. */
	if (!op_has(c, "source") && !b.block_id[0])
		snprintf(b.source, sizeof b.source, "%s",
		         fd_channel_name(fd_channel_default(b.arrival, c->prop.business_date)));
	if (!plan[0] && (st = check_rate(c, &b, &t)))
		goto done;
	if ((st = check_availability(c, &b)) || (st = save_booking(c, &b)))
		goto done;
	if (plan[0])
		st = save_nights(c, &b, nights, n_nights);
done:
	free(nights);
	return st;
}

/* The company account a booking is made for changes ("company": a name or
 * id sets it, "" clears it). A booking on a corporate rate plan keeps that
 * plan's company: the plan sells only to it (fd_plan_check_company). */
static enum fd_status change_company(struct op_ctx *c, const struct fd_booking *old, struct fd_booking *b,
                                     const char *plan)
{
	if (!op_has(c, "company"))
		return FD_OK;
	char key[FD_NAME_LEN], name[FD_NAME_LEN] = "";
	enum fd_status st = op_str(c, "company", key, sizeof key, false);
	if (st)
		return st;
	b->company_id[0] = '\0';
	if (key[0]) {
		struct fd_company co;
		if ((st = op_company_load(c, key, &co)))
			return st;
		snprintf(b->company_id, sizeof b->company_id, "%s", co.id);
		snprintf(name, sizeof name, "%s", co.name);
	}
	if (strcmp(b->company_id, old->company_id) == 0 || !plan[0] || !c->repo->get_rate_plan)
		return FD_OK;
	struct fd_rate_plan p;
	if (c->repo->get_rate_plan(c->repo->ctx, plan, &p, NULL) != FD_OK || p.kind != FD_PLAN_CORPORATE)
		return FD_OK;
	if (!name[0])
		return fd_fail(c->err, FD_E_CONFLICT, "corporate_plan", "company",
		               _("Booking %s is priced by rate plan %s, the corporate rate of %s: it stays "
		                 "booked for %s. To drop the company, cancel it and book again on another "
		                 "plan."),
		               old->code, p.code, p.company, p.company);
	return fd_plan_check_company(&p, name, c->err);
}

enum fd_status op_booking_modify(struct op_ctx *c)
{
	struct fd_booking old, b;
	struct fd_room_type t;
	enum fd_status st = op_load_booking(c, &old);
	if (st)
		return st;
	b = old;
	if ((st = op_date(c, "arrival", &b.arrival, false)) ||
	    (st = op_date(c, "departure", &b.departure, false)) ||
	    (st = op_str(c, "type", b.type_code, sizeof b.type_code, false)) || (st = read_guests(c, &b)) ||
	    (st = read_texts(c, &b)))
		return st;
	if (old.status == FD_BOOKING_CHECKED_IN) {
		if (b.arrival != old.arrival || strcmp(b.type_code, old.type_code) != 0)
			return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "arrival",
			               _("Booking %s is in house: only its departure, guests, rate and notes "
			                 "can change; use move for another room."),
			               old.code);
	} else if (old.status != FD_BOOKING_RESERVED) {
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Booking %s is %s and can no longer be changed."), old.code,
		               fd_booking_status_text(old.status));
	}
	if (strcmp(b.type_code, old.type_code) != 0 && b.room[0]) {
		b.room[0] = '\0'; /* a new type needs a new room: assign again */
		snprintf(c->res->warning, sizeof c->res->warning,
		         _("Room %s was released because the room type changed."), old.room);
	}
	struct fd_booking_night *was = NULL, *now = NULL;
	int n_was = 0, n_now = 0;
	if (c->repo->booking_nights &&
	    (st = c->repo->booking_nights(c->repo->ctx, old.id, &was, &n_was, c->err))) {
		free(was);
		return st;
	}
	if ((st = load_type(c, b.type_code, &t)) || (st = check_stay(c, &b)) ||
	    (st = check_occupancy(c, &b, &t)))
		goto done;
	if ((st = change_company(c, &old, &b, n_was ? was[0].plan : "")))
		goto done;
	if (n_was) {
		if (op_has(c, "rate")) {
			st = fd_fail(
			    c->err, FD_E_INVALID, "invalid_field", "rate",
			    _("Booking %s is priced by rate plan %s: its nights are priced by the plan."),
			    b.code, was[0].plan);
			goto done;
		}
		if ((st = reprice(c, &old, &b, was, n_was, &now, &n_now)))
			goto done;
	} else if ((st = choose_rate(c, &old, &b, &t)) ||
	           ((b.rate != old.rate || strcmp(b.type_code, old.type_code) != 0) &&
	            (st = check_rate(c, &b, &t)))) {
		goto done;
	}
	if (b.arrival != old.arrival && (st = check_not_past(c, b.arrival)))
		goto done;
	if ((st = check_availability(c, &b)))
		goto done;
	if (b.room[0]) {
		struct fd_room r;
		if ((st = load_room(c, b.room, &r)) || (st = check_room_fits(c, &b, &r)))
			goto done;
	}
	if (!(st = save_booking(c, &b)) && n_now)
		st = save_nights(c, &b, now, n_now);
done:
	free(was);
	free(now);
	return st;
}

static enum fd_status put_in_room(struct op_ctx *c, struct fd_booking *b, const char *number)
{
	struct fd_room r;
	enum fd_status st = load_room(c, number, &r);
	if (!st)
		st = check_room_fits(c, b, &r);
	if (st)
		return st;
	snprintf(b->room, sizeof b->room, "%s", r.number);
	return FD_OK;
}

/* A room holds one in-house party: the guest in it stays until they check
 * out or move, even past their departure date and whatever housekeeping
 * says about the room. */
static enum fd_status check_room_vacant(struct op_ctx *c, const struct fd_booking *b, const char *room)
{
	char code[FD_CODE_LEN] = "";
	enum fd_status st = c->repo->room_in_house(c->repo->ctx, room, b->id, code, c->err);
	if (st == FD_E_NOT_FOUND)
		return FD_OK;
	if (st)
		return st;
	struct fd_booking other;
	char day[FD_DATE_STRLEN] = "?";
	if (c->repo->get_booking(c->repo->ctx, code, &other, NULL) == FD_OK)
		fd_date_format(other.departure, day);
	snprintf(c->res->clash_code, sizeof c->res->clash_code, "%s", code);
	fill_free_rooms(c, b);
	return fd_fail(c->err, FD_E_CONFLICT, "room_occupied", "room",
	               _("Room %s is still occupied: booking %s (due out %s) has not checked out. Check "
	                 "that guest out or move them first, or choose another room."),
	               room, code, day);
}

enum fd_status op_booking_assign_room(struct op_ctx *c)
{
	struct fd_booking b;
	char room[FD_ROOMNO_LEN];
	enum fd_status st = op_load_booking(c, &b);
	if (!st)
		st = op_str(c, "room", room, sizeof room, true);
	if (st)
		return st;
	if (b.status != FD_BOOKING_RESERVED)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               b.status == FD_BOOKING_CHECKED_IN
		                   ? _("Booking %s is in house: use move to change its room.")
		                   : _("Booking %s is no longer active."),
		               b.code);
	if ((st = put_in_room(c, &b, room)))
		return st;
	return save_booking(c, &b);
}

enum fd_status op_booking_move_room(struct op_ctx *c)
{
	struct fd_booking b;
	char room[FD_ROOMNO_LEN];
	enum fd_status st = op_load_booking(c, &b);
	if (!st)
		st = op_str(c, "room", room, sizeof room, true);
	if (st)
		return st;
	if (!fd_booking_active(&b))
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Booking %s is no longer active."), b.code);
	char old_room[FD_ROOMNO_LEN];
	snprintf(old_room, sizeof old_room, "%s", b.room);
	if (strcmp(old_room, room) == 0)
		return fd_fail(c->err, FD_E_CONFLICT, "same_room", "room",
		               _("Booking %s is already in room %s."), b.code, room);
	if (b.status == FD_BOOKING_CHECKED_IN && (st = check_room_vacant(c, &b, room)))
		return st;
	if ((st = put_in_room(c, &b, room)))
		return st;
	if (b.status == FD_BOOKING_CHECKED_IN && old_room[0]) {
		/* The guest leaves a used room behind. */
		struct fd_room old;
		if (load_room(c, old_room, &old) == FD_OK) {
			old.clean = FD_CLEAN_DIRTY;
			old.version++;
			if ((st = c->repo->put_room(c->repo->ctx, &old, c->err)))
				return st;
		}
	}
	return save_booking(c, &b);
}

enum fd_status op_booking_cancel(struct op_ctx *c)
{
	struct fd_booking b;
	enum fd_status st = op_load_booking(c, &b);
	if (st)
		return st;
	if (b.status != FD_BOOKING_RESERVED)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Only a reserved booking can be cancelled; %s is %s."), b.code,
		               fd_booking_status_text(b.status));
	if ((st = fd_folio_cancel(c, &b)))
		return st;
	b.status = FD_BOOKING_CANCELLED;
	return save_booking(c, &b);
}

enum fd_status op_booking_no_show(struct op_ctx *c)
{
	struct fd_booking b;
	enum fd_status st = op_load_booking(c, &b);
	if (st)
		return st;
	if (b.status != FD_BOOKING_RESERVED)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Only a reserved booking can be a no-show; %s is %s."), b.code,
		               fd_booking_status_text(b.status));
	if (b.arrival > c->prop.business_date) {
		char day[FD_DATE_STRLEN];
		return fd_fail(c->err, FD_E_CONFLICT, "too_early", "booking",
		               _("Booking %s arrives on %s: it cannot be a no-show before then."), b.code,
		               fd_date_format(b.arrival, day));
	}
	b.status = FD_BOOKING_NO_SHOW;
	return save_booking(c, &b);
}

static enum fd_status check_arrival_day(struct op_ctx *c, struct fd_booking *b)
{
	char day[FD_DATE_STRLEN], today[FD_DATE_STRLEN];
	fd_date_format(b->arrival, day);
	fd_date_format(c->prop.business_date, today);
	if (b->arrival > c->prop.business_date)
		return fd_fail(c->err, FD_E_CONFLICT, "too_early", "booking",
		               _("Booking %s arrives on %s; today is %s."), b->code, day, today);
	if (b->arrival < c->prop.business_date) {
		if (!op_bool(c, "late", false))
			return fd_fail(c->err, FD_E_CONFLICT, "late_arrival", "late",
			               _("Booking %s was due on %s; check in late to confirm."), b->code,
			               day);
		if (b->departure <= c->prop.business_date)
			return fd_fail(c->err, FD_E_CONFLICT, "stay_over", "booking",
			               _("Booking %s's stay has already ended."), b->code);
		b->late_checkin = true;
	}
	return FD_OK;
}

static enum fd_status check_room_ready(struct op_ctx *c, const struct fd_room *r)
{
	if (r->maint != FD_MAINT_NONE && c->prop.business_date >= r->maint_from &&
	    c->prop.business_date < r->maint_to)
		return fd_fail(c->err, FD_E_CONFLICT, "room_not_in_service", "room",
		               _("Room %s is %s (%s); choose another room."), r->number,
		               r->maint == FD_MAINT_OOO ? _("out of order") : _("out of service"),
		               r->maint_reason);
	if (r->clean != FD_CLEAN_CLEAN && r->clean != FD_CLEAN_INSPECTED)
		return fd_fail(c->err, FD_E_CONFLICT, "room_not_ready", "room",
		               _("Room %s is %s, not clean yet."), r->number, fd_clean_text(r->clean));
	return FD_OK;
}

enum fd_status op_booking_check_in(struct op_ctx *c)
{
	struct fd_booking b;
	char room[FD_ROOMNO_LEN] = "";
	enum fd_status st = op_load_booking(c, &b);
	if (!st)
		st = op_str(c, "room", room, sizeof room, false);
	if (st)
		return st;
	if (b.status != FD_BOOKING_RESERVED)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Only a reserved booking can check in; %s is %s."), b.code,
		               fd_booking_status_text(b.status));
	if ((st = check_arrival_day(c, &b)) || (st = op_guest_check_document(c, &b)))
		return st;
	if (!room[0])
		snprintf(room, sizeof room, "%s", b.room);
	if (!room[0])
		return fd_fail(c->err, FD_E_INVALID, "no_room", "room",
		               _("Booking %s has no room yet; name one to check in."), b.code);
	struct fd_room r;
	if ((st = load_room(c, room, &r)) || (st = check_room_vacant(c, &b, r.number)) ||
	    (st = check_room_ready(c, &r)))
		return st;
	if (strcmp(room, b.room) != 0 && (st = put_in_room(c, &b, room)))
		return st;
	b.status = FD_BOOKING_CHECKED_IN;
	/* A day-use stay has no night for the audit to charge: its rate is
	 * posted once, as it checks in (the guest settles before leaving,
	 * and the audit does not close the day while they are in house). */
	if (fd_booking_day_use(&b) && (st = op_folio_post_room_charge(c, &b, b.arrival)))
		return st;
	return save_booking(c, &b);
}

enum fd_status op_booking_check_out(struct op_ctx *c)
{
	struct fd_booking b;
	enum fd_status st = op_load_booking(c, &b);
	if (st)
		return st;
	if (b.status != FD_BOOKING_CHECKED_IN)
		return fd_fail(c->err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Only an in-house booking can check out; %s is %s."), b.code,
		               fd_booking_status_text(b.status));
	/* A guest leaving today keeps the nights used, and the night of the
	 * arrival day at least (a stay has one night). */
	fd_date end = c->prop.business_date > b.arrival ? c->prop.business_date : b.arrival + 1;
	if (end < b.departure && !op_bool(c, "early", false)) {
		int released = b.departure - end;
		char day[FD_DATE_STRLEN];
		return fd_fail(
		    c->err, FD_E_CONFLICT, "early_departure", "early",
		    ngettext("Booking %s is booked until %s: checking out today releases %d night. "
		             "Confirm the early departure to check out.",
		             "Booking %s is booked until %s: checking out today releases %d nights. "
		             "Confirm the early departure to check out.",
		             (unsigned long)released),
		    b.code, fd_date_format(b.departure, day), released);
	}
	if ((st = fd_folio_check_out(c, &b)))
		return st;
	/* An early departure shortens the stay to what was used. */
	if (end < b.departure)
		b.departure = end;
	b.status = FD_BOOKING_CHECKED_OUT;
	struct fd_room r;
	if (b.room[0] && load_room(c, b.room, &r) == FD_OK) {
		r.clean = FD_CLEAN_DIRTY;
		r.version++;
		if ((st = c->repo->put_room(c->repo->ctx, &r, c->err)))
			return st;
	}
	return save_booking(c, &b);
}
