// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: the read endpoints and the metrics, for the
 * caller's hotel only.
 *
 *   GET /v1/rooms, /v1/room-types, /v1/bookings, /v1/bookings/{code},
 *   /v1/availability: api.c parses the parameters (the same answers to
 *   bad ones on both stores) and reads through the connection this file
 *   hands it, acting for the caller's hotel; the rows come from
 *   src/pg/query.c and availability from the repository's own counts
 *   (stay_nights and the inventory, as core judges a booking), encoded by
 *   the same encoders as on SQLite (store/encode.h): one wire format.
 *   GET /v1/metrics: the process's counters (per process: each server
 *   counts what it served) and the caller's hotel's devices and night
 *   audit, read from PostgreSQL. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "pg/pg.h"
#include "server/server.h"

struct fd_pg *srv_pg_reader(struct srv *s, const struct srv_caller *c, struct fd_error *err)
{
	if (!c || !c->property[0]) {
		fd_fail(err, FD_E_INVALID, "no_property", NULL,
		        "No hotel to read: sign in on an enrolled terminal.");
		return NULL;
	}
	struct fd_pg *pg = srv_pg_conn(s, err);
	if (pg)
		fd_pg_use_property(pg, c->property);
	return pg;
}

static void device_metrics(struct fd_pg *pg, const char *property, FILE *f)
{
	static const char sql[] = "SELECT id, name, last_push_at, last_pull_at, outbox_depth FROM srv_devices"
	                          " WHERE property_id = $1 AND revoked = 0 ORDER BY id COLLATE \"C\"";
	const char *a[] = {property};
	PGresult *r;
	struct fd_error err = {0};
	if (fd_pg_run(pg, sql, 1, a, &r, "reading the devices", &err))
		return;
	int n = PQntuples(r);
	struct srv_device_metric *d = calloc(n ? (size_t)n : 1, sizeof *d);
	for (int i = 0; d && i < n; i++) {
		snprintf(d[i].id, sizeof d[i].id, "%s", PQgetvalue(r, i, 0));
		snprintf(d[i].name, sizeof d[i].name, "%s", PQgetvalue(r, i, 1));
		d[i].last_push_at = strtoll(PQgetvalue(r, i, 2), NULL, 10);
		d[i].last_pull_at = strtoll(PQgetvalue(r, i, 3), NULL, 10);
		d[i].outbox_depth = strtoll(PQgetvalue(r, i, 4), NULL, 10);
	}
	PQclear(r);
	if (d)
		srv_metrics_devices(f, d, n);
	free(d);
}

/* The calendar date in the hotel's own time zone (each hotel of the chain
 * has its own; the process's TZ is none of theirs). */
static void audit_metrics(struct fd_pg *pg, const char *property, FILE *f)
{
	static const char sql[] = "SELECT business_date, to_char(now() AT TIME ZONE timezone, 'YYYY-MM-DD')"
	                          " FROM properties WHERE id = $1";
	const char *a[] = {property};
	PGresult *r;
	struct fd_error err = {0};
	if (fd_pg_run(pg, sql, 1, a, &r, "reading the business date", &err))
		return;
	fd_date today;
	if (PQntuples(r) == 1 && fd_date_parse(PQgetvalue(r, 0, 1), &today))
		srv_metrics_audit(f, today, (fd_date)strtol(PQgetvalue(r, 0, 0), NULL, 10));
	PQclear(r);
}

void srv_pg_metrics(struct srv *s, const char *property, FILE *f)
{
	struct fd_error err = {0};
	struct fd_pg *pg = property && property[0] ? srv_pg_conn(s, &err) : NULL;
	if (!pg)
		return;
	device_metrics(pg, property, f);
	audit_metrics(pg, property, f);
}
