// SPDX-License-Identifier: GPL-3.0-or-later
/* The demo hotel: a believable, deterministic hotel for newcomers, tests and
 * benchmarks, built entirely through operations (so every rule holds). */
#ifndef FD_DEMO_DEMO_H
#define FD_DEMO_DEMO_H

#include <stdint.h>

#include "core/date.h"
#include "store/db.h"

struct fd_demo_options {
	uint64_t seed;  /* same seed, same hotel */
	fd_date today;  /* the business date the hotel ends on */
	int rooms;      /* about 60 by default (0 = default) */
	int days_back;  /* history, default 30 */
	int days_ahead; /* future bookings, default 60 */
	/* Told the operations applied of how many, as the build goes (a
	 * progress line, src/progress); may be NULL. */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
};

/* Build the demo hotel into an empty database. Refuses a database that
 * already holds a hotel. */
enum fd_status fd_demo_build(struct fd_db *db, const struct fd_demo_options *opt, struct fd_error *err);

/* The same hotel's operations, in the order fd_demo_build applies them
 * (its first, property.update, names the hotel's id), for another store to
 * apply (frontdeskd on PostgreSQL): *ops malloc'd, freed with
 * fd_demo_ops_free. */
struct fd_op;
enum fd_status fd_demo_ops(const struct fd_demo_options *opt, struct fd_op **ops, int *n,
                           struct fd_error *err);
void fd_demo_ops_free(struct fd_op *ops, int n);

#endif
