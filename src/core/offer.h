// SPDX-License-Identifier: GPL-3.0-or-later
/* Offers for a stay: what a guest may book for given dates and party, and
 * at what price. The one place that quotes a stay for the public booking
 * side (src/server/public.c): on a public rate plan, the plan's quote
 * (core/rate.h: nightly prices, inclusions, restrictions and stop-sell,
 * its cancellation and deposit policies); without a plan (a hotel that
 * keeps none), the room type's base rate every night, nothing included.
 * Policies a plan does not state are the property's (core/terms.h, the
 * same judgement as a desk's cancellation). */
#ifndef FD_CORE_OFFER_H
#define FD_CORE_OFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"
#include "core/rate.h"
#include "core/repo.h"
#include "core/terms.h"

#define FD_OFFER_MAX_NIGHTS 30 /* the longest stay sold on the web */
#define FD_OFFER_PLAN_LEN 32
#define FD_OFFER_TEXT_LEN 256

struct fd_offer {
	char type_code[FD_TYPECODE_LEN];
	char type_name[FD_NAME_LEN];
	int max_occupancy;
	char plan[FD_OFFER_PLAN_LEN]; /* "" = the room only, at the type's rate */
	char plan_name[FD_NAME_LEN];
	char cancel_policy[FD_POLICY_LEN];  /* the plan's words, else the property's; "" = free */
	char deposit_policy[FD_POLICY_LEN]; /* the plan's words, else the property's; "" = none */
	int nights;
	int64_t nightly[FD_OFFER_MAX_NIGHTS]; /* minor units, one per night */
	int64_t total;
	char currency[4];
	int free_rooms; /* rooms left on the tightest night */
	char inclusions[FD_OFFER_TEXT_LEN];
	struct fd_cancel_terms cancel; /* cancel_policy judged for this stay, now */
	int64_t deposit;               /* deposit_policy's amount, minor units */
	fd_date deposit_due;           /* when (0: at booking) */
};

/* Check a stay asked for on the web: dates (from the business date on, at
 * most FD_OFFER_MAX_NIGHTS nights) and party (at least one adult). err
 * names the field. */
enum fd_status fd_offer_check_stay(fd_date business_date, fd_date arrival, fd_date departure, int adults,
                                   int children, struct fd_error *err);

/* Quote room type t for the stay: FD_OK with the offer, FD_E_CONFLICT
 * ("no_availability", "over_capacity", a restriction of the plan or a
 * night it does not price; err says which night or why) when it cannot be
 * sold. plan: a public, active rate plan's code, or "" for the room only at
 * the base rate; any other is FD_E_INVALID naming "plan". minute: the
 * local minute now (fd_terms_minute), for the policies' clock. */
enum fd_status fd_offer_quote(const struct fd_repo *repo, const struct fd_room_type *t, const char *plan,
                              fd_date arrival, fd_date departure, int adults, int children, int minute,
                              struct fd_offer *out, struct fd_error *err);

/* May the guest cancel booking b online on local date today? FD_OK, or
 * FD_E_CONFLICT saying why not (not reserved, or its arrival day is
 * past). What it costs is core's one judgement: fd_terms_cancel. */
enum fd_status fd_offer_may_cancel(const struct fd_booking *b, fd_date today, struct fd_error *err);

#endif
