// SPDX-License-Identifier: GPL-3.0-or-later
/* The chain report (report.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"
#include "pg/report.h"

/* Per hotel: room-nights (rooms x nights), out-of-order room-nights in the
 * range, room-nights sold (the nights bookings hold, one row each in
 * stay_nights, released when a booking is cancelled) and their revenue at
 * each booking's nightly price (a night sold on a rate plan at its price
 * as sold less its inclusions), and the hotel's ooo_available setting. The
 * same definitions as the SQLite store's reports (src/store/report.c). */
static const char sql[] =
    "SELECT p.id, coalesce(c.code, ''), p.name, p.currency,"
    " (SELECT count(*) FROM rooms r WHERE r.property_id = p.id) * ($2::integer - $1::integer + 1),"
    " (SELECT coalesce(sum(least(r.maint_to, $2::integer + 1) - greatest(r.maint_from, $1::integer)), 0)"
    "  FROM rooms r WHERE r.property_id = p.id AND r.maint = 'ooo' AND r.maint_from <= $2::integer"
    "  AND r.maint_to > $1::integer),"
    " (SELECT count(*) FROM stay_nights n WHERE n.property_id = p.id AND n.night BETWEEN $1 AND $2),"
    " (SELECT coalesce(sum(coalesce(r.amount - r.included, b.rate)), 0) FROM stay_nights n"
    "  JOIN bookings b ON b.property_id = n.property_id AND b.id = n.booking_id"
    "  LEFT JOIN booking_rates r ON r.booking_id = n.booking_id AND r.night = n.night"
    "  WHERE n.property_id = p.id AND n.night BETWEEN $1 AND $2),"
    " coalesce((SELECT value FROM settings s WHERE s.property_id = p.id AND s.key = 'ooo_available'), '0')"
    " FROM properties p LEFT JOIN property_codes c ON c.property_id = p.id"
    " ORDER BY c.code NULLS FIRST, p.id";

enum fd_status fd_pg_chain_report(struct fd_pg *pg, fd_date from, fd_date to, struct fd_pg_chain_row **rows,
                                  int *n, struct fd_pg_chain_row *group, struct fd_error *err)
{
	*rows = NULL;
	*n = 0;
	memset(group, 0, sizeof *group);
	snprintf(group->hotel.code, sizeof group->hotel.code, "GROUP");
	if (to < from)
		return fd_fail(err, FD_E_INVALID, "bad_range", "to", _("The range ends before it begins."));
	char f[FD_PG_INT_LEN], t[FD_PG_INT_LEN];
	const char *a[] = {fd_pg_int(f, from), fd_pg_int(t, to)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "counting the chain's room-nights", err);
	if (st)
		return st;
	int k = PQntuples(r);
	if (k > 0 && !(*rows = calloc((size_t)k, sizeof **rows))) {
		PQclear(r);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	bool one_currency = true;
	for (int i = 0; i < k; i++) {
		struct fd_pg_chain_row *row = &(*rows)[i];
		fd_pg_col_text(r, i, 0, row->hotel.id, sizeof row->hotel.id);
		fd_pg_col_text(r, i, 1, row->hotel.code, sizeof row->hotel.code);
		fd_pg_col_text(r, i, 2, row->hotel.name, sizeof row->hotel.name);
		fd_pg_col_text(r, i, 3, row->hotel.currency, sizeof row->hotel.currency);
		row->counts.room_nights = fd_pg_col_int(r, i, 4);
		row->counts.ooo_nights = fd_pg_col_int(r, i, 5);
		row->counts.rooms_sold = fd_pg_col_int(r, i, 6);
		row->counts.room_revenue = fd_pg_col_int(r, i, 7);
		row->counts.ooo_available = strcmp(PQgetvalue(r, i, 8), "1") == 0;
		fd_kpi_compute(&row->counts, &row->kpi);
		/* The group: sums of what each hotel counts as available, sold
		 * and earned (its own ooo_available rule applied first). */
		group->counts.room_nights += row->counts.room_nights;
		if (!row->counts.ooo_available)
			group->counts.ooo_nights += row->counts.ooo_nights;
		group->counts.rooms_sold += row->counts.rooms_sold;
		group->counts.room_revenue += row->counts.room_revenue;
		if (i > 0 && strcmp(row->hotel.currency, (*rows)[0].hotel.currency) != 0)
			one_currency = false;
	}
	PQclear(r);
	*n = k;
	fd_kpi_compute(&group->counts, &group->kpi);
	if (k > 0 && one_currency) {
		snprintf(group->hotel.currency, sizeof group->hotel.currency, "%s",
		         (*rows)[0].hotel.currency);
	} else {
		/* Sums of different currencies mean nothing. */
		group->counts.room_revenue = 0;
		group->kpi.has_adr = group->kpi.has_revpar = false;
	}
	return FD_OK;
}
