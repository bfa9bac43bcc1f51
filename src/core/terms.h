// SPDX-License-Identifier: GPL-3.0-or-later
/* A stay's terms: which policy text binds it and what that text comes to.
 * The one place that judges a cancellation's fee and a no-show's for a
 * booking, used by the desk's booking.cancel (op_folio.c), the night
 * audit's no-shows (op_audit.c), the public offers and the guest's manage
 * page (src/server/public.c): the fee a guest is shown is the fee posted.
 * The grammar itself is core/policy.h. */
#ifndef FD_CORE_TERMS_H
#define FD_CORE_TERMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"
#include "core/policy.h"
#include "core/repo.h"

/* The text of policy key (FD_SETTING_*_POLICY) for a stay on a rate plan
 * whose own text for it is plan_text (NULL or "": the plan says nothing):
 * the plan's, else the property's setting; "" when neither has one. out may be
 * plan_text itself. */
enum fd_status fd_terms_text(const struct fd_repo *repo, const char *plan_text, const char *key, char *out,
                             size_t size, struct fd_error *err);

/* The same for booking b: its rate plan's (its nights say which), else
 * the property's. */
enum fd_status fd_terms_booking_text(const struct fd_repo *repo, const struct fd_booking *b, const char *key,
                                     char *out, size_t size, struct fd_error *err);

/* b's first night's price and its whole stay's: its prices per night when
 * it has them (rate plans), else its rate every night. */
void fd_terms_stay_prices(const struct fd_repo *repo, const struct fd_booking *b, int64_t *first,
                          int64_t *stay);

/* Minute of the local day (0..1439) at Unix time t: the policies' clock. */
int fd_terms_minute(const struct fd_repo *repo, int64_t t);

/* What a cancellation policy comes to for a stay. */
struct fd_cancel_terms {
	char policy[FD_POLICY_LEN]; /* the words judged, "" = none (free) */
	bool always_free;           /* cancelling never costs anything */
	bool never_free;            /* non-refundable: the fee whenever cancelled */
	fd_date free_until;         /* else: the last free moment, local date ... */
	int free_until_minute;      /* ... and minute of that day */
	int64_t fee_after;          /* the fee once cancelling is no longer free */
	bool free_now;              /* at the moment judged */
	int64_t fee;                /* cancelling at that moment (0 while free) */
};

/* Judge policy text for a stay arriving on arrival whose first night costs
 * first and whole stay costs stay, at local date today, minute. */
enum fd_status fd_terms_cancel_judge(const char *text, const char *currency, fd_date arrival, int64_t first,
                                     int64_t stay, fd_date today, int minute, struct fd_cancel_terms *out,
                                     struct fd_error *err);

/* Booking b's cancellation terms at local date today, minute. */
enum fd_status fd_terms_cancel(const struct fd_repo *repo, const char *currency, const struct fd_booking *b,
                               fd_date today, int minute, struct fd_cancel_terms *out, struct fd_error *err);

/* Booking b's no-show fee (0 for none), with the policy's words in text. */
enum fd_status fd_terms_noshow(const struct fd_repo *repo, const char *currency, const struct fd_booking *b,
                               int64_t *fee, char *text, size_t size, struct fd_error *err);

#endif
