// SPDX-License-Identifier: GPL-3.0-or-later
/* The company account members of struct fd_repo over SQLite (core
 * migration 12, src/store/schema_money.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/db_internal.h"
#include "store/query_desk.h"
#include "store/row.h"

#define COMPANY_COLS "id, name, kind, address, vat, contact, credit_limit, direct_bill, version"

static void read_company(sqlite3_stmt *s, struct fd_company *co)
{
	char kind[16];
	memset(co, 0, sizeof *co);
	fd_col_text(s, 0, co->id, sizeof co->id);
	fd_col_text(s, 1, co->name, sizeof co->name);
	fd_col_text(s, 2, kind, sizeof kind);
	co->agent = strcmp(kind, "agent") == 0;
	fd_col_text(s, 3, co->address, sizeof co->address);
	fd_col_text(s, 4, co->vat, sizeof co->vat);
	fd_col_text(s, 5, co->contact, sizeof co->contact);
	co->credit_limit = sqlite3_column_int64(s, 6);
	co->direct_bill = sqlite3_column_int(s, 7);
	co->version = sqlite3_column_int64(s, 8);
}

static enum fd_status get_company(void *ctx, const char *key, struct fd_company *out, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s =
	    fd_db_stmt(db, "SELECT " COMPANY_COLS " FROM companies WHERE id = ?1 OR name = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, key);
	enum fd_status st = fd_step_one(db, s, err, "reading a company account");
	if (st == FD_OK)
		read_company(s, out);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_company(void *ctx, const struct fd_company *co, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "INSERT INTO companies (id, name, kind, address, vat, contact, credit_limit, direct_bill,"
	    " version, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	    " ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	    " address = excluded.address, vat = excluded.vat, contact = excluded.contact,"
	    " credit_limit = excluded.credit_limit, direct_bill = excluded.direct_bill,"
	    " version = excluded.version, updated_at = excluded.updated_at",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, co->id);
	fd_bind_text(s, 2, co->name);
	fd_bind_text(s, 3, co->agent ? "agent" : "company");
	fd_bind_text(s, 4, co->address);
	fd_bind_text(s, 5, co->vat);
	fd_bind_text(s, 6, co->contact);
	sqlite3_bind_int64(s, 7, co->credit_limit);
	sqlite3_bind_int(s, 8, co->direct_bill);
	sqlite3_bind_int64(s, 9, co->version);
	sqlite3_bind_int64(s, 10, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a company account");
	return st ? st : fd_db_changed(db, "company", co->id, err);
}

static enum fd_status company_balance(void *ctx, const char *name, int64_t *out, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT ifnull(sum(l.amount), 0) FROM folios f JOIN folio_lines l"
	                             " ON l.folio_id = f.id WHERE f.company = ?1 COLLATE NOCASE",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, name);
	enum fd_status st = fd_step_one(db, s, err, "reading a company's balance");
	*out = st == FD_OK ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

enum fd_status fd_query_direct_bill_accounts(struct fd_db *db, char *out, size_t size, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT name FROM companies WHERE direct_bill ORDER BY name", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	size_t len = 0;
	int rc;
	out[0] = '\0';
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int w = snprintf(out + len, size - len, "%s%s", len ? ", " : "",
		                 (const char *)sqlite3_column_text(s, 0));
		if (w < 0 || (size_t)w >= size - len) {
			out[len] = '\0'; /* whole names only */
			rc = SQLITE_DONE;
			break;
		}
		len += (size_t)w;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing company accounts");
}

enum fd_status fd_query_company_names(struct fd_db *db, const char *typed, char (*names)[FD_NAME_LEN],
                                      int max, int *n, struct fd_error *err)
{
	*n = 0;
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT name FROM companies WHERE instr(lower(name), lower(?1)) > 0"
	               " ORDER BY instr(lower(name), lower(?1)) > 1, name COLLATE NOCASE LIMIT ?2",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_bind_text(s, 1, typed);
	sqlite3_bind_int(s, 2, max);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		fd_col_text(s, 0, names[(*n)++], FD_NAME_LEN);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? FD_OK
	                                             : fd_db_fail(db, err, "listing company accounts");
}

const char *fd_booking_company_name(struct fd_db *db, const struct fd_booking *b, char out[FD_NAME_LEN])
{
	struct fd_company co;
	out[0] = '\0';
	if (b->company_id[0] && get_company(db, b->company_id, &co, NULL) == FD_OK)
		snprintf(out, FD_NAME_LEN, "%s", co.name);
	return out;
}

void fd_repo_company_init(struct fd_db *db)
{
	struct fd_repo *r = &db->repo;
	r->get_company = get_company;
	r->put_company = put_company;
	r->company_balance = company_balance;
}
