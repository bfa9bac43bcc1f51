// SPDX-License-Identifier: GPL-3.0-or-later
/* What the deposits-due list reads (core/policy.h judges it): reserved
 * bookings with the credit their guest folios hold. */
#ifndef FD_STORE_DEPOSITS_H
#define FD_STORE_DEPOSITS_H

#include <stdbool.h>
#include <stdint.h>

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

#endif
