// SPDX-License-Identifier: GPL-3.0-or-later
/* The invoice and mail members of struct fd_repo over PostgreSQL (schema
 * step 13), for the current property, with the contract of the SQLite
 * store's (src/store/repo_invoice.c, src/store/mail.c). Numbers come from
 * the hotel's counter row of the series (invoice_series), taken inside
 * the operation's writing transaction: the row stays locked until that
 * transaction commits or rolls back, so a second server issuing in the
 * same series waits for it and gets the next number, and a number given
 * back by a rollback is handed out again (no gap). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

#define INVOICE_COLS                                                                                         \
	"id, series, coalesce(number, 0), kind, folio_id, booking_id, refers_to, reason, total, tax, "       \
	"content, issued_by, issued_at, version"

static enum fd_status read_invoice(const PGresult *r, int row, struct fd_invoice *inv, struct fd_error *err)
{
	char kind[16];
	memset(inv, 0, sizeof *inv);
	fd_pg_col_text(r, row, 0, inv->id, sizeof inv->id);
	fd_pg_col_text(r, row, 1, inv->series, sizeof inv->series);
	inv->number = fd_pg_col_int(r, row, 2);
	fd_pg_col_text(r, row, 3, kind, sizeof kind);
	fd_invoice_kind_parse(kind, &inv->kind);
	fd_pg_col_text(r, row, 4, inv->folio_id, sizeof inv->folio_id);
	fd_pg_col_text(r, row, 5, inv->booking_id, sizeof inv->booking_id);
	fd_pg_col_text(r, row, 6, inv->refers_to, sizeof inv->refers_to);
	fd_pg_col_text(r, row, 7, inv->reason, sizeof inv->reason);
	inv->total = fd_pg_col_int(r, row, 8);
	inv->tax = fd_pg_col_int(r, row, 9);
	inv->content = strdup(PQgetisnull(r, row, 10) ? "{}" : PQgetvalue(r, row, 10));
	fd_pg_col_text(r, row, 11, inv->issued_by, sizeof inv->issued_by);
	inv->issued_at = fd_pg_col_int(r, row, 12);
	inv->version = fd_pg_col_int(r, row, 13);
	return inv->content ? FD_OK : fd_pg_nomem(err);
}

/* key: an id, or "SERIES-NUMBER" as printed on the invoice. */
static enum fd_status get_invoice(void *ctx, const char *key, struct fd_invoice *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	memset(out, 0, sizeof *out);
	char series[16] = "";
	long long number = 0;
	const char *dash = strrchr(key, '-');
	if (dash && dash > key && (size_t)(dash - key) < sizeof series) {
		memcpy(series, key, (size_t)(dash - key));
		series[dash - key] = '\0';
		number = strtoll(dash + 1, NULL, 10);
	}
	static const char sql[] = "SELECT " INVOICE_COLS " FROM invoices WHERE property_id = $1"
	                          " AND (id = $2 OR (series = $3 AND number = $4)) ORDER BY snap_key LIMIT 1";
	char n[FD_PG_INT_LEN];
	const char *a[] = {pg->property, key, series, I(n, number)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 4, a, &r, "reading an invoice", err);
	if (st)
		return st;
	if (PQntuples(r) == 0)
		st = FD_E_NOT_FOUND;
	else
		st = read_invoice(r, 0, out, err);
	PQclear(r);
	return st;
}

static enum fd_status put_invoice(void *ctx, const struct fd_invoice *inv, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO invoices (property_id, id, series, number, kind, folio_id, booking_id, refers_to,"
	    " reason, total, tax, content, issued_by, issued_at, version, updated_at)"
	    " VALUES ($1, $2, $3, nullif($4::bigint, 0), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
	    "$16)"
	    " ON CONFLICT (id) DO UPDATE SET series = excluded.series, number = excluded.number,"
	    " content = excluded.content, total = excluded.total, tax = excluded.tax,"
	    " issued_by = excluded.issued_by, issued_at = excluded.issued_at, version = excluded.version,"
	    " updated_at = excluded.updated_at WHERE invoices.property_id = excluded.property_id";
	char num[FD_PG_INT_LEN], tot[FD_PG_INT_LEN], tax[FD_PG_INT_LEN], ia[FD_PG_INT_LEN], v[FD_PG_INT_LEN],
	    at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,
	                   inv->id,
	                   inv->series,
	                   I(num, inv->number),
	                   fd_invoice_kind_name(inv->kind),
	                   inv->folio_id,
	                   inv->booking_id,
	                   inv->refers_to,
	                   inv->reason,
	                   I(tot, inv->total),
	                   I(tax, inv->tax),
	                   inv->content ? inv->content : "{}",
	                   inv->issued_by,
	                   I(ia, inv->issued_at),
	                   I(v, inv->version),
	                   I(at, time(NULL))};
	return fd_pg_upsert(pg, sql, 16, a, "saving an invoice", "invoice", "Invoice", inv->id, err);
}

static enum fd_status standing_invoice(void *ctx, const char *folio_id, char id[FD_ID_LEN],
                                       struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT i.id FROM invoices i WHERE i.property_id = $1 AND i.folio_id = $2 AND i.kind = 'invoice'"
	    " AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.refers_to = i.id)"
	    " ORDER BY i.snap_key DESC LIMIT 1";
	const char *a[] = {pg->property, folio_id};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "reading a folio's invoice", err);
	if (st)
		return st;
	if (PQntuples(r) == 0)
		st = FD_E_NOT_FOUND;
	else
		fd_pg_col_text(r, 0, 0, id, FD_ID_LEN);
	PQclear(r);
	return st;
}

/* The upsert locks the series' row until the transaction ends: another
 * server's number waits for this one's commit (then it is the next) or
 * rollback (then it is this one). */
static enum fd_status take_invoice_number(void *ctx, const char *series, int64_t *number,
                                          struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	*number = 0;
	static const char sql[] =
	    "INSERT INTO invoice_series (property_id, series, next) VALUES ($1, $2, 2)"
	    " ON CONFLICT (property_id, series) DO UPDATE SET next = invoice_series.next + 1"
	    " RETURNING next - 1";
	const char *a[] = {pg->property, series};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "numbering an invoice", err);
	if (st)
		return st;
	*number = fd_pg_col_int(r, 0, 0);
	PQclear(r);
	return *number > 0 ? FD_OK
	                   : fd_fail(err, FD_E_IO, "io", "series", "No number for series %s.", series);
}

/* --- documents sent by e-mail --- */

static enum fd_status queue_mail(void *ctx, const struct fd_mail *m, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO mail (property_id, id, booking_id, kind, recipient, state, attempts, next_at, error,"
	    " message_id, sent_at, requested_by, created_at, version, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
	    " ON CONFLICT (id) DO NOTHING";
	char att[FD_PG_INT_LEN], next[FD_PG_INT_LEN], sent[FD_PG_INT_LEN], cr[FD_PG_INT_LEN],
	    v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,
	                   m->id,
	                   m->booking_id,
	                   m->kind,
	                   m->recipient,
	                   fd_mail_state_name(m->state),
	                   I(att, m->attempts),
	                   I(next, m->next_at),
	                   m->error,
	                   m->message_id,
	                   I(sent, m->sent_at),
	                   m->requested_by,
	                   I(cr, m->created_at),
	                   I(v, m->version),
	                   I(at, time(NULL))};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 15, a, &r, "queueing a mail", err);
	if (st)
		return st;
	bool written = atoi(PQcmdTuples(r)) == 1;
	PQclear(r);
	if (!written)
		return FD_OK; /* already there: as it stands */
	return fd_pg_record_change(pg, "mail", m->id, NULL, err);
}

void fd_pg_repo_invoice_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	r->get_invoice = get_invoice;
	r->put_invoice = put_invoice;
	r->standing_invoice = standing_invoice;
	r->take_invoice_number = take_invoice_number;
	r->queue_mail = queue_mail;
}
