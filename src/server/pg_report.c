// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd report chain --from D --to D [--json | --csv]: the chain
 * report on PostgreSQL (src/pg/report.h) for people, programs and
 * spreadsheets. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "pg/report.h"
#include "server/pg_chain.h"
#include "server/reply.h"

static void json_money(cJSON *o, const char *name, bool has, int64_t v)
{
	if (has)
		cJSON_AddNumberToObject(o, name, (double)v);
	else
		cJSON_AddNullToObject(o, name);
}

static cJSON *row_json(const struct fd_pg_chain_row *r, bool group)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "code", r->hotel.code);
	if (!group) {
		cJSON_AddStringToObject(o, "id", r->hotel.id);
		cJSON_AddStringToObject(o, "name", r->hotel.name);
	}
	if (r->hotel.currency[0])
		cJSON_AddStringToObject(o, "currency", r->hotel.currency);
	else
		cJSON_AddNullToObject(o, "currency");
	cJSON_AddNumberToObject(o, "rooms_available", (double)r->kpi.rooms_available);
	cJSON_AddNumberToObject(o, "rooms_sold", (double)r->counts.rooms_sold);
	if (r->kpi.has_occupancy)
		cJSON_AddNumberToObject(o, "occupancy",
		                        (double)(int64_t)(r->kpi.occupancy * 1e6 + 0.5) / 1e6);
	else
		cJSON_AddNullToObject(o, "occupancy");
	json_money(o, "room_revenue_minor", r->hotel.currency[0] != '\0', r->counts.room_revenue);
	json_money(o, "adr_minor", r->kpi.has_adr, r->kpi.adr);
	json_money(o, "revpar_minor", r->kpi.has_revpar, r->kpi.revpar);
	return o;
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_text(const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

/* The figures of a row as text: occupancy a ratio with 4 decimals (csv)
 * or a percentage (people), money in major units; "" when absent. */
struct cells {
	char occ[24], rev[FD_MONEY_STRLEN], adr[FD_MONEY_STRLEN], revpar[FD_MONEY_STRLEN];
};

static void cells(const struct fd_pg_chain_row *r, bool csv, struct cells *c)
{
	memset(c, 0, sizeof *c);
	const char *cur = r->hotel.currency;
	if (r->kpi.has_occupancy) {
		if (csv)
			fd_text_decimal(r->kpi.occupancy, 4, c->occ, sizeof c->occ);
		else
			snprintf(c->occ, sizeof c->occ, "%.2f%%", r->kpi.occupancy * 100);
	}
	if (cur[0])
		fd_money_format_plain(r->counts.room_revenue, cur, c->rev, sizeof c->rev);
	if (r->kpi.has_adr)
		fd_money_format_plain(r->kpi.adr, cur, c->adr, sizeof c->adr);
	if (r->kpi.has_revpar)
		fd_money_format_plain(r->kpi.revpar, cur, c->revpar, sizeof c->revpar);
}

static void print_csv(const struct fd_pg_chain_row *rows, int n, const struct fd_pg_chain_row *g)
{
	printf("code,name,currency,rooms_available,rooms_sold,occupancy,room_revenue,adr,revpar\n");
	for (int i = 0; i <= n; i++) {
		const struct fd_pg_chain_row *r = i < n ? &rows[i] : g;
		struct cells c;
		cells(r, true, &c);
		csv_text(r->hotel.code[0] ? r->hotel.code : r->hotel.id);
		putchar(',');
		csv_text(r->hotel.name);
		printf(",%s,%lld,%lld,%s,%s,%s,%s\n", r->hotel.currency, (long long)r->kpi.rooms_available,
		       (long long)r->counts.rooms_sold, c.occ, c.rev, c.adr, c.revpar);
	}
}

static void print_text(const struct fd_pg_chain_row *rows, int n, const struct fd_pg_chain_row *g,
                       const char *from, const char *to)
{
	printf(_("Chain report, nights %s to %s\n"), from, to);
	printf("%-16s %-24s %-4s %9s %6s %9s %14s %10s %10s\n", _("HOTEL"), _("NAME"), _("CUR"),
	       _("AVAILABLE"), _("SOLD"), _("OCCUPANCY"), _("REVENUE"), _("ADR"), _("REVPAR"));
	for (int i = 0; i <= n; i++) {
		const struct fd_pg_chain_row *r = i < n ? &rows[i] : g;
		struct cells c;
		cells(r, false, &c);
		printf("%-16s %-24.24s %-4s %9lld %6lld %9s %14s %10s %10s\n",
		       i < n ? (r->hotel.code[0] ? r->hotel.code : r->hotel.id) : _("GROUP"),
		       i < n ? r->hotel.name : "", r->hotel.currency[0] ? r->hotel.currency : "-",
		       (long long)r->kpi.rooms_available, (long long)r->counts.rooms_sold,
		       c.occ[0] ? c.occ : "-", c.rev[0] ? c.rev : "-", c.adr[0] ? c.adr : "-",
		       c.revpar[0] ? c.revpar : "-");
	}
	if (!g->hotel.currency[0] && n > 0)
		printf(
		    _("(The hotels keep different currencies: the group has no revenue, ADR or RevPAR.)\n"));
}

/* The report as JSON: the same document for the command line and the API. */
static cJSON *report_json(const char *from, const char *to, const struct fd_pg_chain_row *rows, int n,
                          const struct fd_pg_chain_row *group)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "from", from);
	cJSON_AddStringToObject(doc, "to", to);
	cJSON *arr = cJSON_AddArrayToObject(doc, "properties");
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, row_json(&rows[i], false));
	cJSON_AddItemToObject(doc, "group", row_json(group, true));
	return doc;
}

static bool range_ok(fd_date from, fd_date to)
{
	return to >= from && to - from <= 3660;
}

void srv_pg_api_chain_report(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                             struct srv_resp *out)
{
	(void)c, (void)state;
	if (!s->pg) {
		srv_resp_error(out, 501, "not_a_chain", NULL,
		               "The chain report is for several hotels in one PostgreSQL database "
		               "(doc/scale-out.md); this server holds one hotel.");
		return;
	}
	const char *f = srv_query(r, "from"), *t = srv_query(r, "to");
	fd_date from, to;
	if (!f || !fd_date_parse(f, &from)) {
		srv_resp_error(out, 400, f ? "invalid_field" : "missing_field", "from",
		               "Query parameter \"from\" must be a date, YYYY-MM-DD.");
		return;
	}
	if (!t || !fd_date_parse(t, &to)) {
		srv_resp_error(out, 400, t ? "invalid_field" : "missing_field", "to",
		               "Query parameter \"to\" must be a date, YYYY-MM-DD.");
		return;
	}
	if (!range_ok(from, to)) {
		srv_resp_error(out, 400, "invalid_field", "to",
		               "\"to\" must be on or after \"from\", at most ten years later.");
		return;
	}
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	struct fd_pg_chain_row *rows = NULL, group;
	int n = 0;
	if (!pg || fd_pg_chain_report(pg, from, to, &rows, &n, &group, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_resp_json(out, 200, report_json(f, t, rows, n, &group));
	free(rows);
}

int srv_pg_report_cmd(struct fd_pg *pg, const struct srv_admin_opts *o, int n_args, char **args)
{
	fd_date from, to;
	if (n_args != 2 || strcmp(args[1], "chain") != 0 || !o->from || !o->to || (o->json && o->csv)) {
		fprintf(stderr,
		        _("frontdeskd: report chain --from YYYY-MM-DD --to YYYY-MM-DD [--json | --csv]\n"));
		return 2;
	}
	if (!fd_date_parse(o->from, &from) || !fd_date_parse(o->to, &to)) {
		fprintf(stderr, _("frontdeskd: --from and --to must be dates, YYYY-MM-DD\n"));
		return 1;
	}
	if (!range_ok(from, to)) {
		fprintf(stderr, _("frontdeskd: --to must be on or after --from, at most ten years later\n"));
		return 1;
	}
	struct fd_error err = {0};
	struct fd_pg_chain_row *rows, group;
	int n;
	if (fd_pg_chain_report(pg, from, to, &rows, &n, &group, &err)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		return 1;
	}
	if (o->json) {
		cJSON *doc = report_json(o->from, o->to, rows, n, &group);
		char *text = cJSON_Print(doc);
		if (text)
			printf("%s\n", text);
		free(text);
		cJSON_Delete(doc);
	} else if (o->csv) {
		print_csv(rows, n, &group);
	} else {
		print_text(rows, n, &group, o->from, o->to);
	}
	free(rows);
	return 0;
}
