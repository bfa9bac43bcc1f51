// SPDX-License-Identifier: GPL-3.0-or-later
/* The invoice members of struct fd_repo over SQLite, and core migration 9:
 * invoices that never change once numbered (triggers), one credit note per
 * invoice, and a counter row per series so numbers follow commit order with
 * no gap (a rolled-back operation gives its number back). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/row.h"

extern const char fd_schema_v9_invoices[];

const char fd_schema_v9_invoices[] =
    "CREATE TABLE invoices ("
    " rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, series TEXT NOT NULL, number INTEGER,"
    " kind TEXT NOT NULL CHECK (kind IN ('invoice','credit_note')),"
    " folio_id TEXT NOT NULL, booking_id TEXT NOT NULL, refers_to TEXT NOT NULL DEFAULT '',"
    " reason TEXT NOT NULL DEFAULT '', total INTEGER NOT NULL, tax INTEGER NOT NULL,"
    " content TEXT NOT NULL, issued_by TEXT NOT NULL, issued_at INTEGER NOT NULL,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL, UNIQUE (series, number));"
    "CREATE INDEX invoices_folio ON invoices(folio_id);"
    "CREATE UNIQUE INDEX invoices_one_credit ON invoices(refers_to) WHERE refers_to <> '';"
    "CREATE TABLE invoice_series (series TEXT PRIMARY KEY, next INTEGER NOT NULL);"
    "CREATE TRIGGER invoices_fixed BEFORE UPDATE ON invoices WHEN old.number IS NOT NULL AND"
    " (new.number IS NOT old.number OR new.content <> old.content OR new.total <> old.total"
    "  OR new.tax <> old.tax OR new.kind <> old.kind OR new.folio_id <> old.folio_id)"
    " BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes; issue a credit note'); END;"
    "CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices WHEN old.number IS NOT NULL"
    " BEGIN SELECT RAISE(ABORT, 'an issued invoice is never deleted; issue a credit note'); END;";

#define STMT(db, sql, err)                                                                                   \
	sqlite3_stmt *s = fd_db_stmt((db), (sql), (err));                                                    \
	if (!s)                                                                                              \
	return (err) ? (err)->status : FD_E_IO

#define INVOICE_COLS                                                                                         \
	"id, series, coalesce(number, 0), kind, folio_id, booking_id, refers_to, reason, total, tax, "       \
	"content,"                                                                                           \
	" issued_by, issued_at, version"

static enum fd_status read_invoice(sqlite3_stmt *s, struct fd_invoice *inv, struct fd_error *err)
{
	char kind[16];
	fd_col_text(s, 0, inv->id, sizeof inv->id);
	fd_col_text(s, 1, inv->series, sizeof inv->series);
	inv->number = sqlite3_column_int64(s, 2);
	fd_col_text(s, 3, kind, sizeof kind);
	fd_invoice_kind_parse(kind, &inv->kind);
	fd_col_text(s, 4, inv->folio_id, sizeof inv->folio_id);
	fd_col_text(s, 5, inv->booking_id, sizeof inv->booking_id);
	fd_col_text(s, 6, inv->refers_to, sizeof inv->refers_to);
	fd_col_text(s, 7, inv->reason, sizeof inv->reason);
	inv->total = sqlite3_column_int64(s, 8);
	inv->tax = sqlite3_column_int64(s, 9);
	const char *content = (const char *)sqlite3_column_text(s, 10);
	inv->content = strdup(content ? content : "{}");
	fd_col_text(s, 11, inv->issued_by, sizeof inv->issued_by);
	inv->issued_at = sqlite3_column_int64(s, 12);
	inv->version = sqlite3_column_int64(s, 13);
	return inv->content ? FD_OK : fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
}

/* key: an id, or "SERIES-NUMBER" as printed on the invoice. */
static enum fd_status get_invoice(void *ctx, const char *key, struct fd_invoice *out, struct fd_error *err)
{
	struct fd_db *db = ctx;
	memset(out, 0, sizeof *out);
	char series[16] = "";
	long long number = 0;
	const char *dash = strrchr(key, '-');
	if (dash && dash > key && (size_t)(dash - key) < sizeof series) {
		memcpy(series, key, (size_t)(dash - key));
		series[dash - key] = '\0';
		number = strtoll(dash + 1, NULL, 10);
	}
	STMT(db, "SELECT " INVOICE_COLS " FROM invoices WHERE id = ?1 OR (series = ?2 AND number = ?3)", err);
	fd_bind_text(s, 1, key);
	fd_bind_text(s, 2, series);
	sqlite3_bind_int64(s, 3, number);
	enum fd_status st = fd_step_one(db, s, err, "reading an invoice");
	if (st == FD_OK)
		st = read_invoice(s, out, err);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_invoice(void *ctx, const struct fd_invoice *inv, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO invoices (id, series, number, kind, folio_id, booking_id, refers_to, reason, "
	     "total, tax,"
	     " content, issued_by, issued_at, version, updated_at)"
	     " VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	     " ON CONFLICT(id) DO UPDATE SET series = excluded.series, number = excluded.number,"
	     " content = excluded.content, total = excluded.total, tax = excluded.tax,"
	     " issued_by = excluded.issued_by, issued_at = excluded.issued_at, version = excluded.version,"
	     " updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, inv->id);
	fd_bind_text(s, 2, inv->series);
	sqlite3_bind_int64(s, 3, inv->number);
	fd_bind_text(s, 4, fd_invoice_kind_name(inv->kind));
	fd_bind_text(s, 5, inv->folio_id);
	fd_bind_text(s, 6, inv->booking_id);
	fd_bind_text(s, 7, inv->refers_to);
	fd_bind_text(s, 8, inv->reason);
	sqlite3_bind_int64(s, 9, inv->total);
	sqlite3_bind_int64(s, 10, inv->tax);
	fd_bind_text(s, 11, inv->content ? inv->content : "{}");
	fd_bind_text(s, 12, inv->issued_by);
	sqlite3_bind_int64(s, 13, inv->issued_at);
	sqlite3_bind_int64(s, 14, inv->version);
	sqlite3_bind_int64(s, 15, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving an invoice");
	return st ? st : fd_db_changed(db, "invoice", inv->id, err);
}

static enum fd_status standing_invoice(void *ctx, const char *folio_id, char id[FD_ID_LEN],
                                       struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT i.id FROM invoices i WHERE i.folio_id = ?1 AND i.kind = 'invoice'"
	     " AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.refers_to = i.id) ORDER BY i.rowid DESC "
	     "LIMIT 1",
	     err);
	fd_bind_text(s, 1, folio_id);
	enum fd_status st = fd_step_one(db, s, err, "reading a folio's invoice");
	if (st == FD_OK)
		fd_col_text(s, 0, id, FD_ID_LEN);
	sqlite3_reset(s);
	return st;
}

static enum fd_status take_invoice_number(void *ctx, const char *series, int64_t *number,
                                          struct fd_error *err)
{
	struct fd_db *db = ctx;
	char url[8];
	*number = 0;
	/* A desk enrolled with a server keeps a copy: the server numbers. */
	if (fd_db_meta_get(db, "server_url", url, sizeof url, NULL) == FD_OK)
		return FD_OK;
	STMT(db,
	     "INSERT INTO invoice_series (series, next) VALUES (?1, 2)"
	     " ON CONFLICT(series) DO UPDATE SET next = next + 1 RETURNING next - 1",
	     err);
	fd_bind_text(s, 1, series);
	enum fd_status st = fd_step_one(db, s, err, "numbering an invoice");
	if (st == FD_OK)
		*number = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return st;
}

void fd_repo_invoice_init(struct fd_db *db)
{
	struct fd_repo *r = &db->repo;
	r->get_invoice = get_invoice;
	r->put_invoice = put_invoice;
	r->standing_invoice = standing_invoice;
	r->take_invoice_number = take_invoice_number;
}
