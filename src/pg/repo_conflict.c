// SPDX-License-Identifier: GPL-3.0-or-later
/* Conflict notices over PostgreSQL, with the contract of the SQLite
 * store's (src/store/repo_sqlite.c): core's conflict.resolve reads a notice
 * and writes back its resolution. The notices are the server's, made in
 * srv_conflicts when it refuses an operation (src/server/pg_conflicts.c);
 * they are per hotel, so a notice of another hotel is not found here. The
 * resolution goes to every desk of the hotel through the feed (entity
 * "conflict", as on SQLite). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

static enum fd_status get_conflict(void *ctx, const char *id, struct fd_conflict *c, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT id, op_id, type, code, actor, details, resolved, resolved_by, version"
	    " FROM srv_conflicts WHERE property_id = $1 AND id = $2";
	const char *a[] = {pg->property, id};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "reading a conflict notice", err);
	if (st)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return FD_E_NOT_FOUND;
	}
	memset(c, 0, sizeof *c);
	fd_pg_col_text(r, 0, 0, c->id, sizeof c->id);
	fd_pg_col_text(r, 0, 1, c->op_id, sizeof c->op_id);
	fd_pg_col_text(r, 0, 2, c->type, sizeof c->type);
	fd_pg_col_text(r, 0, 3, c->code, sizeof c->code);
	fd_pg_col_text(r, 0, 4, c->actor, sizeof c->actor);
	fd_pg_col_text(r, 0, 5, c->details, sizeof c->details);
	c->resolved = fd_pg_col_int(r, 0, 6) != 0;
	fd_pg_col_text(r, 0, 7, c->resolved_by, sizeof c->resolved_by);
	c->version = fd_pg_col_int(r, 0, 8);
	PQclear(r);
	return FD_OK;
}

/* Only a notice's resolution changes (core/repo.h); one of another hotel
 * is not found. */
static enum fd_status put_conflict(void *ctx, const struct fd_conflict *c, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "UPDATE srv_conflicts SET resolved = $3, resolved_by = $4, version = $5,"
	                          " updated_at = $6 WHERE property_id = $1 AND id = $2";
	char res[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {
	    pg->property,     c->id, I(res, c->resolved ? 1 : 0), c->resolved_by, I(v, c->version),
	    I(at, time(NULL))};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 6, a, &r, "resolving a conflict notice", err);
	if (st)
		return st;
	bool written = atoi(PQcmdTuples(r)) == 1;
	PQclear(r);
	if (!written)
		return fd_fail(err, FD_E_NOT_FOUND, "conflict_not_found", "conflict",
		               _("No conflict notice %s."), c->id);
	return fd_pg_record_change(pg, "conflict", c->id, NULL, err);
}

void fd_pg_repo_conflict_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	r->get_conflict = get_conflict;
	r->put_conflict = put_conflict;
}
