// SPDX-License-Identifier: GPL-3.0-or-later
/* Cancellation, no-show and deposit policies: a small text grammar, parsed
 * and judged here and nowhere else (doc/policies.md). Words are separated
 * by spaces and read in any case.
 *
 *   FEE      := "first-night" | P "%" (1..100, of the whole stay) | "stay" ("all")
 *               | AMOUNT (in the hotel's currency, e.g. 50.00)
 *   cancel   := "free"                     cancelling never costs anything
 *             | "non-refundable"           the whole stay, whenever cancelled
 *             | "free until" N UNIT "before arrival then" FEE
 *               UNIT: "days" | "day" | "d" | "hours" | "hour" | "h"
 *               ("before arrival" may be left out; without "then FEE"
 *               the fee is the first night)
 *   no-show  := "none" | FEE
 *   deposit  := "none" | FEE [ "at booking" | N "days before arrival"
 *                              | "by" YYYY-MM-DD ]     (default: at booking)
 *
 * Time runs in the property's time zone: arrival begins at midnight
 * starting the arrival date, and "now" is the business date with the
 * local time of day (the store's clock). "free until 2 days before
 * arrival" is free through the business date arrival - 2; "free until
 * 36 hours" is free until noon of the day before arrival. An empty text
 * is no policy: free, no fee, no deposit. */
#ifndef FD_CORE_POLICY_H
#define FD_CORE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"

#define FD_POLICY_LEN 256 /* as core/rate.h */

enum fd_fee_kind { FD_FEE_NONE, FD_FEE_FIRST_NIGHT, FD_FEE_PERCENT, FD_FEE_STAY, FD_FEE_AMOUNT };

struct fd_fee {
	enum fd_fee_kind kind;
	int percent;    /* FD_FEE_PERCENT */
	int64_t amount; /* FD_FEE_AMOUNT, minor units */
};

struct fd_cancel_policy {
	bool free_until; /* a free period, then fee; else fee applies always */
	int before;      /* how long before arrival the free period ends */
	bool hours;      /* before counts hours (else days) */
	struct fd_fee fee;
};

enum fd_deposit_due { FD_DUE_AT_BOOKING, FD_DUE_DAYS_BEFORE, FD_DUE_BY_DATE };

struct fd_deposit_policy {
	struct fd_fee amount; /* FD_FEE_NONE: no deposit */
	enum fd_deposit_due due;
	int days;     /* FD_DUE_DAYS_BEFORE */
	fd_date date; /* FD_DUE_BY_DATE */
};

/* Parse a policy (currency: for an AMOUNT). A bad text fills err with what
 * is wrong, naming field. */
enum fd_status fd_cancel_policy_parse(const char *text, const char *currency, const char *field,
                                      struct fd_cancel_policy *out, struct fd_error *err);
enum fd_status fd_noshow_policy_parse(const char *text, const char *currency, const char *field,
                                      struct fd_fee *out, struct fd_error *err);
enum fd_status fd_deposit_policy_parse(const char *text, const char *currency, const char *field,
                                       struct fd_deposit_policy *out, struct fd_error *err);

/* What fee f comes to for a stay whose first night costs first and whole
 * stay costs stay (rounded half up to the minor unit for a percentage). */
int64_t fd_fee_amount(const struct fd_fee *f, int64_t first, int64_t stay);

/* Is cancelling at the local date today, minute (0..1439) of the day,
 * free for a stay arriving on arrival? */
bool fd_cancel_free(const struct fd_cancel_policy *p, fd_date arrival, fd_date today, int minute);

/* The date a deposit is due (0: at booking, that is now). */
fd_date fd_deposit_due_date(const struct fd_deposit_policy *p, fd_date arrival);

/* Where a booking's deposit stands on the business date today, with held
 * (what its guest folios hold in credit) taken: required comes from the
 * policy, missing is what is still to pay; it is overdue when something
 * is missing and the due date (at booking: at once) has passed. */
struct fd_deposit_status {
	int64_t required, held, missing;
	fd_date due;
	bool overdue;
	bool chase; /* fd_deposit_judge: due within its window or overdue */
};
void fd_deposit_status(const struct fd_deposit_policy *p, fd_date arrival, int64_t first, int64_t stay,
                       int64_t held, fd_date today, struct fd_deposit_status *out);

/* The one rule the desk's deposits-due list and a booking's flag (show
 * CODE, the terminal) share. A reserved booking's deposit is judged by its
 * rate plan's deposit policy (plan_policy, "" when none or the booking has
 * no plan) or else the property's (property_policy); a text that does not
 * parse counts as no deposit. The desk chases it (true, and
 * out->chase) when something is missing and it is overdue or falls due
 * within the next `within` days. */
bool fd_deposit_judge(const char *plan_policy, const char *property_policy, const char *currency,
                      fd_date arrival, int64_t first, int64_t stay, int64_t held, fd_date today, int within,
                      struct fd_deposit_status *out);

/* Where a policy text comes from: the booking's rate plan when it has one
 * that says (plans.cancel_policy and plans.deposit_policy), else the
 * property's setting of this name (folio.configure). */
#define FD_SETTING_CANCEL_POLICY "cancel_policy"
#define FD_SETTING_NOSHOW_POLICY "noshow_policy"
#define FD_SETTING_DEPOSIT_POLICY "deposit_policy"

#endif
