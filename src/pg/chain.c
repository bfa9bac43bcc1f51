// SPDX-License-Identifier: GPL-3.0-or-later
/* The chain's hotels: codes, look-up and list (chain.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/perm.h"
#include "pg/chain.h"
#include "pg/pg_internal.h"

bool fd_pg_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 1 || n >= FD_PG_CODE_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

static void hotel_row(const PGresult *r, int row, struct fd_pg_hotel *h)
{
	fd_pg_col_text(r, row, 0, h->id, sizeof h->id);
	fd_pg_col_text(r, row, 1, h->code, sizeof h->code);
	fd_pg_col_text(r, row, 2, h->name, sizeof h->name);
	fd_pg_col_text(r, row, 3, h->currency, sizeof h->currency);
	fd_pg_col_text(r, row, 4, h->timezone, sizeof h->timezone);
}

enum fd_status fd_pg_hotels(struct fd_pg *pg, struct fd_pg_hotel **out, int *n, struct fd_error *err)
{
	static const char sql[] = "SELECT p.id, c.code, p.name, p.currency, p.timezone FROM properties p"
	                          " LEFT JOIN property_codes c ON c.property_id = p.id"
	                          " ORDER BY c.code NULLS FIRST, p.id";
	*out = NULL;
	*n = 0;
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 0, NULL, &r, "reading the hotels", err);
	if (st)
		return st;
	int rows = PQntuples(r);
	if (rows > 0 && !(*out = calloc((size_t)rows, sizeof **out))) {
		PQclear(r);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	for (int i = 0; i < rows; i++)
		hotel_row(r, i, &(*out)[i]);
	*n = rows;
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_hotel_find(struct fd_pg *pg, const char *key, struct fd_pg_hotel *h,
                                struct fd_error *err)
{
	static const char sql[] = "SELECT p.id, c.code, p.name, p.currency, p.timezone FROM properties p"
	                          " LEFT JOIN property_codes c ON c.property_id = p.id"
	                          " WHERE c.code = $1 OR p.id = $1";
	memset(h, 0, sizeof *h);
	const char *a[] = {key};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 1, a, &r, "finding a hotel", err);
	if (st)
		return st;
	bool found = PQntuples(r) == 1;
	if (found)
		hotel_row(r, 0, h);
	PQclear(r);
	if (!found)
		return fd_fail(err, FD_E_NOT_FOUND, "unknown_property", "property",
		               _("No hotel has the code or id \"%s\" ('property list' shows them)."), key);
	return FD_OK;
}

enum fd_status fd_pg_hotel_set_code(struct fd_pg *pg, const char *code, struct fd_error *err)
{
	static const char sql[] = "INSERT INTO property_codes (code, property_id) VALUES ($1, $2)";
	const char *a[] = {code, pg->property};
	enum fd_status st = fd_pg_do(pg, sql, 2, a, "saving the hotel's code", err);
	if (st == FD_E_CONFLICT)
		return fd_fail(err, FD_E_CONFLICT, "duplicate_code", "code",
		               _("Another hotel already has the code \"%s\"."), code);
	return st;
}

enum fd_status fd_pg_chain_role_get(struct fd_pg *pg, const char *username, int *chain_role,
                                    struct fd_error *err)
{
	static const char sql[] = "SELECT role FROM srv_chain_roles WHERE username = $1";
	const char *a[] = {username};
	PGresult *r;
	*chain_role = FD_CHAIN_NONE;
	enum fd_status st = fd_pg_run(pg, sql, 1, a, &r, "reading a chain role", err);
	if (st)
		return st;
	enum fd_chain_role c = FD_CHAIN_NONE;
	if (PQntuples(r) == 1 && fd_chain_role_parse(PQgetvalue(r, 0, 0), &c))
		*chain_role = (int)c;
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_chain_role_set(struct fd_pg *pg, const char *username, int chain_role,
                                    struct fd_error *err)
{
	static const char del[] = "DELETE FROM srv_chain_roles WHERE username = $1";
	static const char put[] =
	    "INSERT INTO srv_chain_roles (username, role, updated_at) VALUES ($1, $2, $3)"
	    " ON CONFLICT (username) DO UPDATE SET role = excluded.role,"
	    " updated_at = excluded.updated_at";
	char at[FD_PG_INT_LEN];
	const char *a[] = {username, fd_chain_role_name((enum fd_chain_role)chain_role),
	                   fd_pg_int(at, (int64_t)time(NULL))};
	if (chain_role == FD_CHAIN_NONE)
		return fd_pg_do(pg, del, 1, a, "removing a chain role", err);
	return fd_pg_do(pg, put, 3, a, "saving a chain role", err);
}

enum fd_status fd_pg_shared_guests_set(struct fd_pg *pg, bool on, struct fd_error *err)
{
	return fd_pg_meta_set(pg, "shared_guests", on ? "1" : "0", err);
}

enum fd_status fd_pg_chain_guest(struct fd_pg *pg, const struct fd_guest *g, struct fd_guest *known,
                                 struct fd_error *err)
{
	static const char sql[] =
	    "SELECT x.vip, x.preferences, x.language FROM guests x"
	    " WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'shared_guests' AND value = '1')"
	    " AND x.property_id <> $1 AND x.erased = 0 AND x.merged_into = ''"
	    " AND ((x.email <> '' AND lower(x.email) = lower($2)) OR (x.document <> '' AND x.document = $3))"
	    " ORDER BY x.updated_at DESC, x.id LIMIT 1";
	const char *a[] = {pg->property, g->email, g->document};
	PGresult *r;
	memset(known, 0, sizeof *known);
	enum fd_status st = fd_pg_run(pg, sql, 3, a, &r, "looking for a returning guest", err);
	if (st)
		return st;
	bool found = PQntuples(r) == 1;
	if (found) {
		known->vip = fd_pg_col_int(r, 0, 0) != 0;
		fd_pg_col_text(r, 0, 1, known->preferences, sizeof known->preferences);
		fd_pg_col_text(r, 0, 2, known->language, sizeof known->language);
	}
	PQclear(r);
	return found ? FD_OK : FD_E_NOT_FOUND;
}
