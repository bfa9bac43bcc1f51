// SPDX-License-Identifier: GPL-3.0-or-later
/* Company and travel agent accounts over PostgreSQL (schema step 12), per
 * hotel, with the contract of the SQLite store's (src/store/repo_company.c):
 * an account is found by its id or its name in any case, and what it owes
 * is the sum of the lines on the folios billed to it. Two hotels of a chain
 * may each have an account of one name (and so of one id: core derives an
 * account's id from its name where it makes one itself). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

static enum fd_status get_company(void *ctx, const char *key, struct fd_company *co, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT id, name, kind, address, vat, contact, credit_limit, direct_bill, version FROM companies"
	    " WHERE property_id = $1 AND (id = $2 OR lower(name) = lower($2)) ORDER BY id = $2 DESC LIMIT 1";
	const char *a[] = {pg->property, key};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "reading a company account", err);
	if (st)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return FD_E_NOT_FOUND;
	}
	char kind[16];
	memset(co, 0, sizeof *co);
	fd_pg_col_text(r, 0, 0, co->id, sizeof co->id);
	fd_pg_col_text(r, 0, 1, co->name, sizeof co->name);
	fd_pg_col_text(r, 0, 2, kind, sizeof kind);
	co->agent = strcmp(kind, "agent") == 0;
	fd_pg_col_text(r, 0, 3, co->address, sizeof co->address);
	fd_pg_col_text(r, 0, 4, co->vat, sizeof co->vat);
	fd_pg_col_text(r, 0, 5, co->contact, sizeof co->contact);
	co->credit_limit = fd_pg_col_int(r, 0, 6);
	co->direct_bill = (int)fd_pg_col_int(r, 0, 7);
	co->version = fd_pg_col_int(r, 0, 8);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_company(void *ctx, const struct fd_company *co, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO companies (property_id, id, name, kind, address, vat, contact, credit_limit,"
	    " direct_bill, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
	    " ON CONFLICT (property_id, id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	    " address = excluded.address, vat = excluded.vat, contact = excluded.contact,"
	    " credit_limit = excluded.credit_limit, direct_bill = excluded.direct_bill,"
	    " version = excluded.version, updated_at = excluded.updated_at";
	char lim[FD_PG_INT_LEN], db[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,
	                   co->id,
	                   co->name,
	                   co->agent ? "agent" : "company",
	                   co->address,
	                   co->vat,
	                   co->contact,
	                   I(lim, co->credit_limit),
	                   I(db, co->direct_bill),
	                   I(v, co->version),
	                   I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 11, a, "saving a company account", err);
	return st ? st : fd_pg_record_change(pg, "company", co->id, NULL, err);
}

static enum fd_status company_balance(void *ctx, const char *name, int64_t *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT coalesce(sum(l.amount), 0) FROM folios f JOIN folio_lines l"
	                          " ON l.folio_id = f.id WHERE f.property_id = $1 AND f.company <> ''"
	                          " AND lower(f.company) = lower($2)";
	const char *a[] = {pg->property, name};
	PGresult *r;
	*out = 0;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "reading a company's balance", err);
	if (st)
		return st;
	*out = fd_pg_col_int(r, 0, 0);
	PQclear(r);
	return FD_OK;
}

void fd_pg_repo_company_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	r->get_company = get_company;
	r->put_company = put_company;
	r->company_balance = company_balance;
}
