// SPDX-License-Identifier: GPL-3.0-or-later
/* Occupancy, ADR and RevPAR from counts (see kpi.h). */
#include "config.h"
#include "core/kpi.h"

#include <string.h>

#include "core/money.h"

void fd_kpi_compute(const struct fd_kpi_counts *c, struct fd_kpi *out)
{
	memset(out, 0, sizeof *out);
	out->rooms_available = c->ooo_available ? c->room_nights : c->room_nights - c->ooo_nights;
	if (out->rooms_available < 0)
		out->rooms_available = 0;
	if (out->rooms_available > 0) {
		out->has_occupancy = true;
		out->occupancy = (double)c->rooms_sold / (double)out->rooms_available;
		out->has_revpar = fd_money_mul_div(c->room_revenue, 1, out->rooms_available, &out->revpar);
	}
	if (c->rooms_sold > 0)
		out->has_adr = fd_money_mul_div(c->room_revenue, 1, c->rooms_sold, &out->adr);
}
