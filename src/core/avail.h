// SPDX-License-Identifier: GPL-3.0-or-later
/* Availability of a room type over a range of nights (and of days, for
 * day use), read through the repository: its range calls (struct fd_repo
 * type_nights, type_days) when the store has them, else type_inventory,
 * type_sold and type_day_sold one night or day at a time. Both give the
 * same counts (tests/pg/avail_range.sh holds the PostgreSQL store to it,
 * tests/unit/test_avail_range.c the SQLite one). */
#ifndef FD_CORE_AVAIL_H
#define FD_CORE_AVAIL_H

#include "core/repo.h"

/* inventory[i] and sold[i] (either may be NULL) for night from + i of
 * [from, to); except_id (may be "" or NULL) is left out of sold. */
enum fd_status fd_avail_nights(const struct fd_repo *repo, const char *type_code, fd_date from, fd_date to,
                               const char *except_id, int *inventory, int *sold, struct fd_error *err);

/* Always night by night (what fd_avail_nights falls back to), for the
 * tests that compare a store's range call with it. */
enum fd_status fd_avail_nights_each(const struct fd_repo *repo, const char *type_code, fd_date from,
                                    fd_date to, const char *except_id, int *inventory, int *sold,
                                    struct fd_error *err);

/* Day use: sold[i], the rooms of the type taken during day from + i of
 * [from, to) (struct fd_repo type_day_sold), except_id (may be "" or
 * NULL) left out; through the store's range call (type_days) when it has
 * one. A day's rooms are its night's inventory (type_inventory). */
enum fd_status fd_avail_days(const struct fd_repo *repo, const char *type_code, fd_date from, fd_date to,
                             const char *except_id, int *sold, struct fd_error *err);

/* Always day by day (what fd_avail_days falls back to), for the tests
 * that compare a store's range call with it. */
enum fd_status fd_avail_days_each(const struct fd_repo *repo, const char *type_code, fd_date from, fd_date to,
                                  const char *except_id, int *sold, struct fd_error *err);

#endif
