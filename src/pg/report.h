// SPDX-License-Identifier: GPL-3.0-or-later
/* The chain report on PostgreSQL: occupancy, ADR and RevPAR of every hotel
 * of the database over a range of nights, and of the group. A hotel's
 * figures come from its own rooms, out-of-order rooms (and its
 * ooo_available setting), the nights its bookings hold and each booking's
 * nightly price; the group's from the summed room-nights and revenue
 * (never an average of the hotels' ratios), through core/kpi.h. */
#ifndef FD_PG_REPORT_H
#define FD_PG_REPORT_H

#include "core/date.h"
#include "core/kpi.h"
#include "pg/chain.h"

struct fd_pg_chain_row {
	struct fd_pg_hotel hotel; /* the group's: code "GROUP", currency "" when the hotels' differ */
	struct fd_kpi_counts counts;
	struct fd_kpi kpi;
};

/* The nights from..to, both included. *rows (malloc'd, the caller frees
 * it) has one row per hotel, by code; *group the sums. With hotels in
 * different currencies the group has no revenue, ADR or RevPAR
 * (has_adr/has_revpar false, currency ""). */
enum fd_status fd_pg_chain_report(struct fd_pg *pg, fd_date from, fd_date to, struct fd_pg_chain_row **rows,
                                  int *n, struct fd_pg_chain_row *group, struct fd_error *err);

#endif
