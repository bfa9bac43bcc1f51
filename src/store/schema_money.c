// SPDX-License-Identifier: GPL-3.0-or-later
/* Core migrations of the money rules (issue 12, doc/folio.md). */
#include "config.h"

#include "core/op_folio.h"
#include "store/db_internal.h"

extern const char fd_schema_v12_refunds[];
extern const char fd_schema_v13_companies[];
enum fd_status fd_schema_v13_accounts(struct fd_db *db, struct fd_error *err);

/* v12: a refund names the payment it gives back (empty for refunds made
 * before this step). */
const char fd_schema_v12_refunds[] =
    "ALTER TABLE folio_lines ADD COLUMN reverses TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX folio_lines_reverses ON folio_lines(reverses) WHERE reverses <> '';";

/* v13: company and travel agent accounts (the city ledger). Folios keep
 * naming their account by name. Every company name typed on a folio before
 * this step becomes an account that does not allow direct billing yet
 * (credit limit 0): a manager reviews each before its folios leave with a
 * guest again. Ids are derived from the name, so the server and every
 * terminal migrate to the same rows. */
const char fd_schema_v13_companies[] =
    "CREATE TABLE companies ("
    " id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company','agent')),"
    " address TEXT NOT NULL DEFAULT '', vat TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',"
    " credit_limit INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),"
    " direct_bill INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX folios_company ON folios(company) WHERE company <> '';";

enum fd_status fd_schema_v13_accounts(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *sel, *ins;
	if (sqlite3_prepare_v2(db->db,
	                       "SELECT DISTINCT company FROM folios WHERE company <> '' ORDER BY company", -1,
	                       &sel, NULL) ||
	    sqlite3_prepare_v2(db->db,
	                       "INSERT OR IGNORE INTO companies (id, name, version, updated_at)"
	                       " VALUES (?1, ?2, 1, 0)",
	                       -1, &ins, NULL))
		return fd_db_fail(db, err, "making company accounts");
	enum fd_status st = FD_OK;
	while (sqlite3_step(sel) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(sel, 0);
		char id[FD_ID_LEN];
		op_folio_derive_id(name, "", "company-account", id);
		sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			st = fd_db_fail(db, err, "making company accounts");
			break;
		}
		sqlite3_reset(ins);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return st;
}
