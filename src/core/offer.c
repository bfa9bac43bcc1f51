// SPDX-License-Identifier: GPL-3.0-or-later
/* Offers for a stay (offer.h). */
#include "config.h"
#include "core/offer.h"

#include <stdio.h>
#include <string.h>

#include "core/avail.h"
#include "core/i18n.h"

enum fd_status fd_offer_check_stay(fd_date business_date, fd_date arrival, fd_date departure, int adults,
                                   int children, struct fd_error *err)
{
	char day[FD_DATE_STRLEN];
	if (arrival < business_date)
		return fd_fail(err, FD_E_INVALID, "date_in_past", "arrive",
		               _("The arrival date must be %s or later."),
		               fd_date_format(business_date, day));
	if (departure <= arrival)
		return fd_fail(err, FD_E_INVALID, "invalid_dates", "depart",
		               _("The departure date must be after the arrival date."));
	if (departure - arrival > FD_OFFER_MAX_NIGHTS)
		return fd_fail(err, FD_E_INVALID, "invalid_dates", "depart",
		               _("A stay booked online may last at most %d nights; call the hotel for a "
		                 "longer one."),
		               FD_OFFER_MAX_NIGHTS);
	if (adults < 1 || adults > 20)
		return fd_fail(err, FD_E_INVALID, "invalid_field", "adults",
		               _("The number of adults must be from 1 to 20."));
	if (children < 0 || children > 20)
		return fd_fail(err, FD_E_INVALID, "invalid_field", "children",
		               _("The number of children must be from 0 to 20."));
	return FD_OK;
}

/* Rooms left on night d, given its rooms and nights sold, and the day-use
 * count of day d when the stay runs over day d (0 when it does not), as
 * op_booking.c judges a booking. */
static int free_on(int rooms, int sold, int day_sold)
{
	return rooms - (sold > day_sold ? sold : day_sold);
}

/* The stay on a rate plan (core/rate.h): its nightly prices, inclusions,
 * restrictions and policies into out. Only public plans are sold here. */
static enum fd_status quote_plan(const struct fd_repo *repo, const struct fd_room_type *t, const char *plan,
                                 fd_date arrival, fd_date departure, int adults, int children,
                                 const struct fd_property *prop, struct fd_offer *out, struct fd_error *err)
{
	struct fd_rate_plan p;
	enum fd_status st =
	    repo->get_rate_plan ? repo->get_rate_plan(repo->ctx, plan, &p, err) : FD_E_NOT_FOUND;
	if (st && st != FD_E_NOT_FOUND)
		return st;
	if (st == FD_E_NOT_FOUND || p.kind != FD_PLAN_PUBLIC || !p.active)
		return fd_fail(err, FD_E_INVALID, "plan_not_found", "plan",
		               _("No rate plan \"%s\" is sold here."), plan);
	struct fd_quote_req req = {.arrival = arrival,
	                           .departure = departure,
	                           .adults = adults,
	                           .children = children,
	                           .not_before = prop->business_date};
	snprintf(req.plan, sizeof req.plan, "%s", plan);
	snprintf(req.type_code, sizeof req.type_code, "%s", t->code);
	struct fd_quote q;
	if ((st = fd_rate_quote(repo, &req, &q, err)))
		return st; /* not for this type (FD_E_CONFLICT), or gone */
	if (q.broken != FD_RESTRICT_NONE) {
		st = fd_quote_refuse(&q, &req, err);
		fd_quote_clear(&q);
		return st ? st
		          : fd_fail(err, FD_E_CONFLICT, "restricted", "type", _("This stay cannot be sold."));
	}
	out->total = 0;
	for (int i = 0; i < q.n && i < FD_OFFER_MAX_NIGHTS; i++) {
		out->nightly[i] = q.nights[i].amount;
		out->total += q.nights[i].amount;
	}
	snprintf(out->plan, sizeof out->plan, "%s", q.plan.code);
	snprintf(out->plan_name, sizeof out->plan_name, "%s", q.plan.name);
	snprintf(out->cancel_policy, sizeof out->cancel_policy, "%s", q.plan.cancel_policy);
	snprintf(out->deposit_policy, sizeof out->deposit_policy, "%s", q.plan.deposit_policy);
	fd_inclusions_format(&q.plan, out->inclusions, sizeof out->inclusions);
	fd_quote_clear(&q);
	return FD_OK;
}

enum fd_status fd_offer_quote(const struct fd_repo *repo, const struct fd_room_type *t, const char *plan,
                              fd_date arrival, fd_date departure, int adults, int children, int minute,
                              struct fd_offer *out, struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	struct fd_property prop;
	enum fd_status st = repo->get_property(repo->ctx, &prop, err);
	if (st)
		return st;
	if (departure <= arrival || departure - arrival > FD_OFFER_MAX_NIGHTS)
		return fd_fail(err, FD_E_INVALID, "invalid_dates", "depart",
		               _("The departure date must be after the arrival date."));
	if (adults + children > t->max_occupancy)
		return fd_fail(err, FD_E_CONFLICT, "over_capacity", "adults",
		               _("Room type %s takes at most %d guests."), t->code, t->max_occupancy);
	snprintf(out->type_code, sizeof out->type_code, "%s", t->code);
	snprintf(out->type_name, sizeof out->type_name, "%s", t->name);
	memcpy(out->currency, prop.currency, sizeof out->currency);
	out->max_occupancy = t->max_occupancy;
	out->nights = departure - arrival;
	out->free_rooms = -1;
	/* The nights, and the days the stay runs over (day_sold[i]: day
	 * arrival + i; none on the day of arrival), a range call each. */
	int rooms[FD_OFFER_MAX_NIGHTS], sold[FD_OFFER_MAX_NIGHTS], day_sold[FD_OFFER_MAX_NIGHTS];
	day_sold[0] = 0;
	if ((st = fd_avail_nights(repo, t->code, arrival, departure, "", rooms, sold, err)) ||
	    (st = fd_avail_days(repo, t->code, arrival + 1, departure, "", day_sold + 1, err)))
		return st;
	for (fd_date d = arrival; d < departure; d++) {
		int free = free_on(rooms[d - arrival], sold[d - arrival], day_sold[d - arrival]);
		if (out->free_rooms < 0 || free < out->free_rooms)
			out->free_rooms = free;
		if (free <= 0) {
			char day[FD_DATE_STRLEN];
			return fd_fail(err, FD_E_CONFLICT, "no_availability", "type",
			               _("Room type %s is sold out on %s."), t->code, fd_date_format(d, day));
		}
		/* Without a plan: the type's base rate every night. */
		out->nightly[d - arrival] = t->base_rate;
		out->total += t->base_rate;
	}
	snprintf(out->plan_name, sizeof out->plan_name, "%s", _("Room only"));
	if (plan && plan[0] &&
	    (st = quote_plan(repo, t, plan, arrival, departure, adults, children, &prop, out, err)))
		return st;
	/* The policies: the plan's words, else the property's, judged now. */
	char deposit[FD_POLICY_LEN];
	struct fd_deposit_policy dp;
	struct fd_deposit_status ds;
	if ((st = fd_terms_text(repo, out->cancel_policy, FD_SETTING_CANCEL_POLICY, out->cancel_policy,
	                        sizeof out->cancel_policy, err)) ||
	    (st = fd_terms_text(repo, out->deposit_policy, FD_SETTING_DEPOSIT_POLICY, deposit, sizeof deposit,
	                        err)) ||
	    (st = fd_terms_cancel_judge(out->cancel_policy, prop.currency, arrival, out->nightly[0],
	                                out->total, prop.business_date, minute, &out->cancel, err)) ||
	    (st = fd_deposit_policy_parse(deposit, prop.currency, FD_SETTING_DEPOSIT_POLICY, &dp, err)))
		return st;
	snprintf(out->deposit_policy, sizeof out->deposit_policy, "%s", deposit);
	fd_deposit_status(&dp, arrival, out->nightly[0], out->total, 0, prop.business_date, &ds);
	out->deposit = ds.required;
	out->deposit_due = ds.due;
	return FD_OK;
}

enum fd_status fd_offer_may_cancel(const struct fd_booking *b, fd_date today, struct fd_error *err)
{
	if (b->status != FD_BOOKING_RESERVED)
		return fd_fail(err, FD_E_CONFLICT, "bad_state", "booking",
		               _("Booking %s is %s and can no longer be cancelled."), b->code,
		               fd_booking_status_name(b->status));
	if (today > b->arrival) {
		char day[FD_DATE_STRLEN];
		return fd_fail(err, FD_E_CONFLICT, "cancel_window_closed", "booking",
		               _("Your arrival day, %s, has passed; call the hotel about booking %s."),
		               fd_date_format(b->arrival, day), b->code);
	}
	return FD_OK;
}
