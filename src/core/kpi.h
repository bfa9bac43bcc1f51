// SPDX-License-Identifier: GPL-3.0-or-later
/* Front-office figures from counts (pure; no I/O).
 *   rooms available = room-nights in the range, less out-of-order room-nights
 *                     unless the property counts out-of-order rooms as available
 *   occupancy = rooms sold / rooms available          (a ratio 0..1)
 *   ADR       = room revenue / rooms sold             (minor units)
 *   RevPAR    = room revenue / rooms available        (minor units)
 * Money divisions round half away from zero (fd_money_mul_div). A figure
 * whose divisor is zero cannot be known and is reported as absent (null). */
#ifndef FD_CORE_KPI_H
#define FD_CORE_KPI_H

#include <stdbool.h>
#include <stdint.h>

struct fd_kpi_counts {
	int64_t room_nights;  /* rooms in the hotel x nights in the range */
	int64_t ooo_nights;   /* out-of-order room-nights in the range */
	int64_t rooms_sold;   /* room-nights sold */
	int64_t room_revenue; /* minor units */
	bool ooo_available;   /* property setting: out-of-order rooms count as available */
};

struct fd_kpi {
	int64_t rooms_available;
	bool has_occupancy, has_adr, has_revpar;
	double occupancy;
	int64_t adr;
	int64_t revpar;
};

void fd_kpi_compute(const struct fd_kpi_counts *c, struct fd_kpi *out);

#endif
