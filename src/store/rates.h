// SPDX-License-Identifier: GPL-3.0-or-later
/* Rate plans in the store (src/store/repo_rate.c): lists the command line
 * and the panes read, and the pieces sync needs to write the server's rows. */
#ifndef FD_STORE_RATES_H
#define FD_STORE_RATES_H

#include "core/rate.h"
#include "store/db.h"

/* Every rate plan, parents first, by code (malloc'd; the caller frees *out,
 * also on error, where it is NULL). */
enum fd_status fd_query_rate_plans(struct fd_db *db, struct fd_rate_plan **out, int *n, struct fd_error *err);
/* The id of a plan's row for a room type and night. */
void fd_rate_day_key(const char *plan, const char *type, fd_date night, char out[FD_ID_LEN]);
/* A booking's prices per night: drop them all, or write one (sync). */
enum fd_status fd_booking_rates_clear(struct fd_db *db, const char *booking_id, struct fd_error *err);
enum fd_status fd_booking_rate_put(struct fd_db *db, const char *booking_id, const struct fd_booking_night *b,
                                   struct fd_error *err);

#endif
