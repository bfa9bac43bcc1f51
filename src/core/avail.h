// SPDX-License-Identifier: GPL-3.0-or-later
/* Availability of a room type over a range of nights, read through the
 * repository: its range call (struct fd_repo type_nights) when the store
 * has one, else type_inventory and type_sold night by night. Both give the
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

#endif
