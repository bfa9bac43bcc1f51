// SPDX-License-Identifier: GPL-3.0-or-later
/* A guest's stay statistics for their profile (frontdesk guest show, the
 * terminal's guest pane): one query, so both say the same. */
#ifndef FD_STORE_GUEST_STATS_H
#define FD_STORE_GUEST_STATS_H

#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

struct fd_guest_stats {
	int bookings; /* every booking, cancelled and no-shows included */
	int stays;    /* those that are or were stays: reserved, in house, checked out */
	int nights;   /* the stays' nights */
	/* The stays' room revenue, minor units, as the KPI reports count it:
	 * each night at its price as sold (a rate plan's nightly price less
	 * its inclusions, such as breakfast), a night without one at the
	 * booking's rate; a day-use stay at its rate. */
	int64_t room_revenue;
};

enum fd_status fd_query_guest_stats(struct fd_db *db, const char *guest_id, struct fd_guest_stats *out,
                                    struct fd_error *err);

#endif
