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
 *   audit, read from PostgreSQL; with the chain's scrape token
 *   (frontdeskd --database URI metrics-token), every hotel's, each
 *   labelled property="CODE". */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "pg/pg.h"
#include "server/server.h"
#include "server/token.h"

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

/* The hotels' label: its code (property add), else its id (the hotel of
 * init); "" when one hotel is asked for (a session's, as on SQLite). */
#define HOTEL_LABEL                                                                                          \
	"CASE WHEN $1 = '' THEN coalesce((SELECT code FROM property_codes c WHERE c.property_id = p.id), "   \
	"p.id)"                                                                                              \
	" ELSE '' END"

static void device_metrics(struct fd_pg *pg, const char *property, FILE *f)
{
	static const char sql[] =
	    "SELECT d.id, d.name, d.last_push_at, d.last_pull_at, d.outbox_depth, " HOTEL_LABEL
	    " FROM srv_devices d JOIN properties p ON p.id = d.property_id"
	    " WHERE ($1 = '' OR d.property_id = $1) AND d.revoked = 0 ORDER BY d.id COLLATE \"C\"";
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
		snprintf(d[i].property, sizeof d[i].property, "%s", PQgetvalue(r, i, 5));
	}
	PQclear(r);
	if (d)
		srv_metrics_devices(f, d, n);
	free(d);
}

/* The calendar date in each hotel's own time zone (each hotel of the
 * chain has its own; the process's TZ is none of theirs). */
static void audit_metrics(struct fd_pg *pg, const char *property, FILE *f)
{
	static const char sql[] = "SELECT " HOTEL_LABEL ", p.business_date,"
	                          " to_char(now() AT TIME ZONE p.timezone, 'YYYY-MM-DD') FROM properties p"
	                          " WHERE $1 = '' OR p.id = $1 ORDER BY 1";
	const char *a[] = {property};
	PGresult *r;
	struct fd_error err = {0};
	if (fd_pg_run(pg, sql, 1, a, &r, "reading the business dates", &err))
		return;
	int n = PQntuples(r), k = 0;
	struct srv_audit_metric *m = calloc(n ? (size_t)n : 1, sizeof *m);
	for (int i = 0; m && i < n; i++) {
		snprintf(m[k].property, sizeof m[k].property, "%s", PQgetvalue(r, i, 0));
		m[k].business = (fd_date)strtol(PQgetvalue(r, i, 1), NULL, 10);
		if (fd_date_parse(PQgetvalue(r, i, 2), &m[k].today))
			k++;
	}
	PQclear(r);
	if (m && k)
		srv_metrics_audit(f, m, k);
	free(m);
}

void srv_pg_metrics(struct srv *s, const char *property, FILE *f)
{
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg || (property && !property[0]))
		return;
	device_metrics(pg, property ? property : "", f);
	audit_metrics(pg, property ? property : "", f);
}

/* --- the scrape token, the chain's --- */

#define SCRAPE_KEY "metrics_token_hash"

bool srv_pg_auth_scrape(struct srv *s, const struct srv_req *r)
{
	const char *a = r->authorization;
	if (!a || strncmp(a, "Bearer ", 7) != 0 || strlen(a + 7) < 16 || strlen(a + 7) >= SRV_TOKEN_LEN)
		return false;
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	char hex[80] = "";
	unsigned char h[32], want[32];
	size_t n = 0;
	if (!pg || fd_pg_meta_get(pg, SCRAPE_KEY, hex, sizeof hex, &err) != FD_OK ||
	    sodium_hex2bin(want, sizeof want, hex, strlen(hex), NULL, &n, NULL) != 0 || n != sizeof want)
		return false;
	srv_token_hash(a + 7, h);
	return sodium_memcmp(h, want, sizeof h) == 0;
}

int srv_pg_metrics_token(const struct srv_config *cfg, int n_args, char **args)
{
	bool revoke = n_args == 1 && strcmp(args[0], "revoke") == 0;
	if (n_args && !revoke) {
		fprintf(stderr, "frontdeskd: metrics-token [revoke]\n");
		return 2;
	}
	struct fd_error err = {0};
	struct fd_pg *pg = fd_pg_open(cfg->database, &err);
	char tok[SRV_TOKEN_LEN], hex[65] = "";
	unsigned char h[32];
	if (pg && !revoke) {
		srv_token_new(tok);
		srv_token_hash(tok, h);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	}
	enum fd_status st = pg ? fd_pg_meta_set(pg, SCRAPE_KEY, hex, &err) : FD_E_IO;
	fd_pg_close(pg);
	if (st) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		return 1;
	}
	if (revoke) {
		printf("No scrape token works now.\n");
		return 0;
	}
	printf("%s\n", tok);
	fprintf(stderr, "frontdeskd: a new scrape token for /v1/metrics on every server of the chain "
	                "(Authorization: Bearer); the previous one no longer works. Only its hash is kept: "
	                "store it now.\n");
	sodium_memzero(tok, sizeof tok);
	return 0;
}
