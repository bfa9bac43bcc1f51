// SPDX-License-Identifier: GPL-3.0-or-later
/* What the deposits-due list reads (core/policy.h judges it): reserved
 * bookings with the credit their guest folios hold. */
#ifndef FD_STORE_DEPOSITS_H
#define FD_STORE_DEPOSITS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/policy.h"
#include "store/db.h"
#include "store/query.h"

/* What the list needs of a reserved booking besides its row. */
struct fd_deposit_facts {
	int64_t held; /* what its guest folios hold in credit (0 or more) */
	int64_t first,
	    stay; /* its first night's price and its stay's (its prices per night, else its rate) */
	const char *plan_policy; /* its rate plan's deposit policy, "" for none */
};
/* Called for each reserved booking arriving on or after from (by
 * arrival); return false to stop. */
typedef bool (*fd_deposit_cb)(void *ctx, const struct fd_booking_row *row, const struct fd_deposit_facts *f);
enum fd_status fd_query_reserved_held(struct fd_db *db, fd_date from, fd_deposit_cb cb, void *ctx,
                                      struct fd_error *err);

/* The deposits the desk chases: reserved bookings arriving on or after
 * today whose deposit core's one rule (fd_deposit_judge, core/policy.h)
 * says is overdue or due within `within` days, by arrival, with their
 * status. The property's deposit policy is read here; currency is the
 * hotel's. Return false from cb to stop. */
typedef bool (*fd_deposit_due_cb)(void *ctx, const struct fd_booking_row *row,
                                  const struct fd_deposit_status *s);
enum fd_status fd_query_deposits_due(struct fd_db *db, fd_date today, int within, const char *currency,
                                     fd_deposit_due_cb cb, void *ctx, struct fd_error *err);
/* One booking's deposit judged by the same rule (within 0). *applies is
 * false when it asks no deposit or is not reserved (a deposit is chased
 * before arrival only); out is zero then. */
enum fd_status fd_query_booking_deposit(struct fd_db *db, const char *booking_id, fd_date today,
                                        const char *currency, struct fd_deposit_status *out, bool *applies,
                                        struct fd_error *err);

#endif
