// SPDX-License-Identifier: GPL-3.0-or-later
/* The PostgreSQL connection: statements, transactions, migrations and the
 * change feed's counter (see pg.h for the concurrency rules). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"

/* The advisory lock migrations take, so that two servers starting at once
 * upgrade the schema one after the other. */
#define MIGRATE_LOCK "7411001"

const char *fd_pg_int(char buf[FD_PG_INT_LEN], int64_t v)
{
	snprintf(buf, FD_PG_INT_LEN, "%" PRId64, v);
	return buf;
}

int64_t fd_pg_col_int(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

void fd_pg_col_text(const PGresult *r, int row, int col, char *out, size_t size)
{
	snprintf(out, size, "%s", PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

PGconn *fd_pg_conn(struct fd_pg *pg)
{
	return pg->conn;
}

void fd_pg_use_property(struct fd_pg *pg, const char *property_id)
{
	snprintf(pg->property, sizeof pg->property, "%s", property_id ? property_id : "");
}

const char *fd_pg_property(const struct fd_pg *pg)
{
	return pg->property;
}

void fd_pg_set_op(struct fd_pg *pg, const char *op_id)
{
	snprintf(pg->op_id, sizeof pg->op_id, "%s", op_id ? op_id : "");
}

int64_t fd_pg_last_seq(const struct fd_pg *pg)
{
	return pg->last_seq;
}

/* The server's message, one line, for a person reading the log or the
 * answer. */
static void server_message(const PGresult *r, PGconn *c, char *out, size_t size)
{
	const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!m || !*m)
		m = PQerrorMessage(c);
	snprintf(out, size, "%s", m ? m : "?");
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = '\0';
}

static enum fd_status fail_result(struct fd_pg *pg, const PGresult *r, const char *what, struct fd_error *err)
{
	char msg[256];
	server_message(r, pg->conn, msg, sizeof msg);
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
	if (state && strcmp(state, "23505") == 0) {
		if (constraint && strcmp(constraint, "stay_nights_room_night") == 0)
			return fd_fail(err, FD_E_CONFLICT, "room_taken", "room",
			               _("The room is already taken on a night of this stay (%s)."), what);
		return fd_fail(err, FD_E_CONFLICT, "duplicate", NULL, "%s: %s.", what, msg);
	}
	if (state &&
	    (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
		return fd_fail(err, FD_E_BUSY, "busy", NULL, _("%s: %s; try again."), what, msg);
	if (state && state[0] == '2' && state[1] == '3')
		return fd_fail(err, FD_E_INVALID, "constraint", NULL, "%s: %s.", what, msg);
	return fd_fail(err, FD_E_IO, "io", NULL, "PostgreSQL, %s: %s.", what, msg);
}

/* The prepared statement of sql on this connection, prepared on first use. */
static const char *stmt_name(struct fd_pg *pg, const char *sql, int n, struct fd_error *err)
{
	for (int i = 0; i < pg->n_stmts; i++)
		if (pg->stmts[i].sql == sql)
			return pg->stmts[i].name;
	if (pg->n_stmts == pg->cap_stmts) {
		int cap = pg->cap_stmts ? 2 * pg->cap_stmts : 32;
		struct fd_pg_stmt *grown = realloc(pg->stmts, (size_t)cap * sizeof *grown);
		if (!grown) {
			fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
			return NULL;
		}
		pg->stmts = grown;
		pg->cap_stmts = cap;
	}
	struct fd_pg_stmt *s = &pg->stmts[pg->n_stmts];
	snprintf(s->name, sizeof s->name, "fd%d", pg->n_stmts);
	PGresult *r = PQprepare(pg->conn, s->name, sql, n, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fail_result(pg, r, "preparing a statement", err);
		PQclear(r);
		return NULL;
	}
	PQclear(r);
	s->sql = sql;
	pg->n_stmts++;
	return s->name;
}

static enum fd_status ensure_connected(struct fd_pg *pg, struct fd_error *err);

static void drop_deferred(struct fd_pg *pg)
{
	for (int i = 0; i < pg->n_deferred; i++)
		free(pg->deferred[i].params);
	pg->n_deferred = 0;
}

enum fd_status fd_pg_defer(struct fd_pg *pg, const char *sql, int n, const char *const *params,
                           const char *what, struct fd_error *err)
{
	if (!pg->in_tx)
		return fd_pg_do(pg, sql, n, params, what, err);
	struct fd_error local = {0};
	const char *name = stmt_name(pg, sql, n, &local);
	if (!name) {
		if (err)
			*err = local;
		return local.status;
	}
	if (pg->n_deferred == pg->cap_deferred) {
		int cap = pg->cap_deferred ? 2 * pg->cap_deferred : 16;
		struct fd_pg_deferred *grown = realloc(pg->deferred, (size_t)cap * sizeof *grown);
		if (!grown)
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		pg->deferred = grown;
		pg->cap_deferred = cap;
	}
	/* The parameters are the caller's buffers: copied, in one block. */
	size_t size = (size_t)n * sizeof(char *);
	for (int i = 0; i < n; i++)
		size += params[i] ? strlen(params[i]) + 1 : 0;
	char **copy = malloc(size ? size : 1);
	if (!copy)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	char *text = (char *)(copy + n);
	for (int i = 0; i < n; i++) {
		copy[i] = NULL;
		if (params[i]) {
			size_t len = strlen(params[i]) + 1;
			copy[i] = memcpy(text, params[i], len);
			text += len;
		}
	}
	struct fd_pg_deferred *d = &pg->deferred[pg->n_deferred++];
	snprintf(d->name, sizeof d->name, "%s", name);
	d->what = what;
	d->n = n;
	d->params = copy;
	return FD_OK;
}

/* The deferred statements, then one more (prepared as name, or sql sent as
 * it is when name is NULL), in one round trip. FD_OK and *res (may be NULL:
 * then cleared here) for the last one, or the first failure. */
static enum fd_status run_pipeline(struct fd_pg *pg, const char *name, const char *sql, int n,
                                   const char *const *params, PGresult **res, const char *what,
                                   struct fd_error *err)
{
	PGconn *c = pg->conn;
	int queued = pg->n_deferred;
	bool sent = PQenterPipelineMode(c) == 1;
	for (int i = 0; sent && i < queued; i++) {
		const struct fd_pg_deferred *d = &pg->deferred[i];
		sent =
		    PQsendQueryPrepared(c, d->name, d->n, (const char *const *)d->params, NULL, NULL, 0) == 1;
	}
	if (sent)
		sent = (name ? PQsendQueryPrepared(c, name, n, params, NULL, NULL, 0)
		             : PQsendQueryParams(c, sql, 0, NULL, NULL, NULL, NULL, 0)) == 1;
	if (sent)
		sent = PQpipelineSync(c) == 1;
	enum fd_status st = FD_OK;
	PGresult *last = NULL;
	for (int i = 0; sent && i <= queued; i++) {
		PGresult *r = PQgetResult(c);
		if (!r) {
			sent = false;
			break;
		}
		ExecStatusType t = PQresultStatus(r);
		if (!st && t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
			if (i < queued) {
				/* An earlier statement's failure is the transaction's,
				 * not a refusal of this one. */
				st = fail_result(pg, r, pg->deferred[i].what, err);
				if (st != FD_E_BUSY && st != FD_E_IO) {
					st = FD_E_IO;
					if (err) {
						err->status = FD_E_IO;
						snprintf(err->code, sizeof err->code, "io");
					}
				}
			} else {
				st = fail_result(pg, r, what, err);
			}
		}
		if (i == queued && !st)
			last = r;
		else
			PQclear(r);
		while ((r = PQgetResult(c))) /* the NULL that ends each statement's results */
			PQclear(r);
	}
	if (sent) {
		PGresult *r = PQgetResult(c); /* PGRES_PIPELINE_SYNC */
		sent = r && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
	}
	/* Cut short (a lost connection): what is left is read and dropped. */
	for (int k = 0;
	     k < 2 * queued + 8 && PQpipelineStatus(c) != PQ_PIPELINE_OFF && !PQexitPipelineMode(c); k++) {
		PGresult *r = PQgetResult(c);
		if (!r && PQstatus(c) != CONNECTION_OK)
			break;
		PQclear(r);
	}
	drop_deferred(pg);
	if (!sent && !st)
		st = fail_result(pg, NULL, what, err);
	if (st) {
		PQclear(last);
		return st;
	}
	if (res)
		*res = last;
	else
		PQclear(last);
	return FD_OK;
}

enum fd_status fd_pg_run(struct fd_pg *pg, const char *sql, int n, const char *const *params, PGresult **res,
                         const char *what, struct fd_error *err)
{
	*res = NULL;
	/* Outside a transaction a lost connection (the primary failed over)
	 * is re-established, and a statement the dead connection failed is
	 * tried once more on the new one: the statements run outside a
	 * transaction are reads and inserts keyed by a new random id
	 * (sessions, devices), which a second run cannot duplicate. Inside a
	 * transaction it is lost anyway: the caller's retry begins anew. */
	PGresult *r = NULL;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!pg->in_tx && PQstatus(pg->conn) != CONNECTION_OK) {
			enum fd_status st = ensure_connected(pg, err);
			if (st)
				return st;
		}
		struct fd_error local = {0};
		const char *name = stmt_name(pg, sql, n, &local);
		if (name && pg->n_deferred)
			return run_pipeline(pg, name, sql, n, params, res, what, err);
		if (name) {
			r = PQexecPrepared(pg->conn, name, n, params, NULL, NULL, 0);
			ExecStatusType t = PQresultStatus(r);
			if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) {
				*res = r;
				return FD_OK;
			}
		}
		if (pg->in_tx || PQstatus(pg->conn) == CONNECTION_OK || attempt == 1) {
			enum fd_status st = name ? fail_result(pg, r, what, err) : local.status;
			if (!name && err)
				*err = local;
			PQclear(r);
			return st;
		}
		PQclear(r);
		r = NULL;
	}
	return fd_fail(err, FD_E_IO, "io", NULL, "PostgreSQL, %s: the connection was lost.", what);
}

enum fd_status fd_pg_do(struct fd_pg *pg, const char *sql, int n, const char *const *params, const char *what,
                        struct fd_error *err)
{
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, n, params, &r, what, err);
	PQclear(r);
	return st;
}

/* Plain SQL without parameters (transaction control, migration steps). */
static enum fd_status exec_simple(struct fd_pg *pg, const char *sql, const char *what, struct fd_error *err)
{
	if (pg->n_deferred)
		return run_pipeline(pg, NULL, sql, 0, NULL, NULL, what, err);
	PGresult *r = PQexec(pg->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	enum fd_status st = FD_OK;
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		st = fail_result(pg, r, what, err);
	PQclear(r);
	return st;
}

/* Every session's settings. No JIT: it compiles a statement whose plan
 * looks dear (a generic plan of the availability range, src/pg/repo.c,
 * estimates 1,000 nights) in tens of milliseconds, at every execution, for
 * queries that run in one. */
#define SESSION_SETUP "SET client_min_messages = warning; SET jit = off"

/* After a failover the server on the other end is a new one: its
 * connection starts without our prepared statements or settings. */
static enum fd_status ensure_connected(struct fd_pg *pg, struct fd_error *err)
{
	if (PQstatus(pg->conn) == CONNECTION_OK)
		return FD_OK;
	PQreset(pg->conn);
	pg->n_stmts = 0;
	drop_deferred(pg);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		char msg[256];
		server_message(NULL, pg->conn, msg, sizeof msg);
		return fd_fail(err, FD_E_BUSY, "database_unreachable", NULL,
		               _("The PostgreSQL server cannot be reached (%s); try again."), msg);
	}
	return exec_simple(pg, SESSION_SETUP, "setting up the connection", err);
}

enum fd_status fd_pg_begin_unlocked(struct fd_pg *pg, struct fd_error *err)
{
	enum fd_status st = ensure_connected(pg, err);
	if (st)
		return st;
	pg->last_seq = 0;
	pg->audit_seq = 0;
	fd_pg_cache_forget(pg);
	drop_deferred(pg);
	st = exec_simple(pg, "BEGIN ISOLATION LEVEL READ COMMITTED", "beginning a transaction", err);
	if (st && PQstatus(pg->conn) != CONNECTION_OK && !(st = ensure_connected(pg, err)))
		st = exec_simple(pg, "BEGIN ISOLATION LEVEL READ COMMITTED", "beginning a transaction", err);
	if (!st)
		pg->in_tx = true;
	return st;
}

enum fd_status fd_pg_begin(struct fd_pg *pg, struct fd_error *err)
{
	if (!pg->property[0])
		return fd_fail(err, FD_E_INVALID, "no_property", NULL,
		               "No property chosen for this connection.");
	enum fd_status st = fd_pg_begin_unlocked(pg, err);
	if (st)
		return st;
	st = fd_pg_lock_property(pg, err);
	if (st)
		fd_pg_rollback(pg);
	return st;
}

enum fd_status fd_pg_lock_property(struct fd_pg *pg, struct fd_error *err)
{
	/* An upsert locks the row whether it inserts or not. */
	static const char lock[] = "INSERT INTO feed_counters (property_id, seq) VALUES ($1, 0)"
	                           " ON CONFLICT (property_id) DO UPDATE SET seq = feed_counters.seq";
	const char *p[] = {pg->property};
	/* Sent with the transaction's next read: nothing is read before it. */
	return fd_pg_defer(pg, lock, 1, p, "locking the property for writing", err);
}

enum fd_status fd_pg_commit(struct fd_pg *pg, struct fd_error *err)
{
	/* Every server LISTENs (fd_pg_listen): the notice goes out with the
	 * commit and wakes their long-polls. */
	enum fd_status st = FD_OK;
	if (pg->last_seq > 0) {
		static const char notify[] =
		    "SELECT pg_notify('" FD_PG_CHANNEL "', $1::text || ' ' || $2::text)";
		char seq[FD_PG_INT_LEN];
		const char *p[] = {pg->property, fd_pg_int(seq, pg->last_seq)};
		st = fd_pg_defer(pg, notify, 2, p, "announcing the changes", err);
	}
	if (st) {
		fd_pg_rollback(pg);
		return st;
	}
	/* With what is deferred: one round trip. A deferred statement that
	 * fails leaves the transaction open and aborted: rolled back. */
	st = exec_simple(pg, "COMMIT", "committing", err);
	if (st)
		fd_pg_rollback(pg);
	pg->in_tx = false;
	pg->audit_seq = 0;
	fd_pg_cache_forget(pg);
	return st;
}

void fd_pg_rollback(struct fd_pg *pg)
{
	drop_deferred(pg); /* the transaction's writes go anyway */
	pg->audit_seq = 0;
	fd_pg_cache_forget(pg);
	if (PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
		exec_simple(pg, "ROLLBACK", "rolling back", NULL);
	pg->in_tx = false;
}

enum fd_status fd_pg_record_change(struct fd_pg *pg, const char *entity, const char *id, int64_t *seq,
                                   struct fd_error *err)
{
	/* The counter row is already locked by this transaction (fd_pg_begin):
	 * no other writer of the property can take a number until we commit,
	 * so numbers become visible in the order they were taken. */
	static const char sql[] =
	    "WITH c AS (UPDATE feed_counters SET seq = seq + 1 WHERE property_id = $1 RETURNING seq)"
	    " INSERT INTO changes (property_id, seq, entity, entity_id, op_id, at)"
	    " SELECT $1, c.seq, $2, $3, $4, $5 FROM c"
	    " ON CONFLICT (property_id, entity, entity_id) DO UPDATE SET seq = excluded.seq,"
	    " op_id = excluded.op_id, at = excluded.at RETURNING seq";
	char at[FD_PG_INT_LEN];
	const char *p[] = {pg->property, entity, id, pg->op_id, fd_pg_int(at, (int64_t)time(NULL))};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 5, p, &r, "recording a change", err);
	if (st)
		return st;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return fd_fail(err, FD_E_IO, "io", NULL,
		               "The property %s has no change counter; begin with fd_pg_begin.",
		               pg->property);
	}
	int64_t v = fd_pg_col_int(r, 0, 0);
	PQclear(r);
	if (v > pg->last_seq)
		pg->last_seq = v;
	if (seq)
		*seq = v;
	return FD_OK;
}

enum fd_status fd_pg_changes(struct fd_pg *pg, int64_t since, int max, struct fd_pg_change **out, int *n,
                             struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	static const char sql[] = "SELECT seq, entity, entity_id, op_id FROM changes"
	                          " WHERE property_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
	char a[FD_PG_INT_LEN], b[FD_PG_INT_LEN];
	const char *p[] = {pg->property, fd_pg_int(a, since), fd_pg_int(b, max)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 3, p, &r, "reading the change feed", err);
	if (st)
		return st;
	int rows = PQntuples(r);
	if (rows > 0) {
		*out = calloc((size_t)rows, sizeof **out);
		if (!*out) {
			PQclear(r);
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		}
	}
	for (int i = 0; i < rows; i++) {
		(*out)[i].seq = fd_pg_col_int(r, i, 0);
		fd_pg_col_text(r, i, 1, (*out)[i].entity, sizeof(*out)[i].entity);
		fd_pg_col_text(r, i, 2, (*out)[i].id, sizeof(*out)[i].id);
		fd_pg_col_text(r, i, 3, (*out)[i].op_id, sizeof(*out)[i].op_id);
	}
	*n = rows;
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_meta_get(struct fd_pg *pg, const char *key, char *out, size_t size, struct fd_error *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = $1";
	const char *p[] = {key};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 1, p, &r, "reading a setting", err);
	if (st)
		return st;
	if (PQntuples(r) == 0)
		st = fd_fail(err, FD_E_NOT_FOUND, "not_found", NULL, "No setting %s.", key);
	else
		fd_pg_col_text(r, 0, 0, out, size);
	PQclear(r);
	return st;
}

enum fd_status fd_pg_meta_set(struct fd_pg *pg, const char *key, const char *value, struct fd_error *err)
{
	static const char sql[] = "INSERT INTO meta (key, value) VALUES ($1, $2)"
	                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	const char *p[] = {key, value};
	return fd_pg_do(pg, sql, 2, p, "saving a setting", err);
}

/* --- migrations --- */

int fd_pg_schema_latest(void)
{
	int n;
	const struct fd_pg_step *steps = fd_pg_steps(&n);
	return n ? steps[n - 1].version : 0;
}

int fd_pg_schema_version(struct fd_pg *pg)
{
	static const char sql[] =
	    "SELECT coalesce(max(version), 0) FROM schema_migrations WHERE chain = 'pg'";
	PGresult *r;
	if (fd_pg_run(pg, sql, 0, NULL, &r, "reading the schema version", NULL))
		return -1;
	int v = (int)fd_pg_col_int(r, 0, 0);
	PQclear(r);
	return v;
}

/* One step in one transaction, under the migration lock; a step another
 * server recorded meanwhile is skipped. */
static enum fd_status apply_step(struct fd_pg *pg, const struct fd_pg_step *s, struct fd_error *err)
{
	enum fd_status st = exec_simple(pg, "BEGIN", "beginning a migration", err);
	if (st)
		return st;
	st = exec_simple(pg, "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ")", "taking the migration lock",
	                 err);
	static const char done_sql[] = "SELECT 1 FROM schema_migrations WHERE chain = 'pg' AND version = $1";
	static const char record_sql[] = "INSERT INTO schema_migrations (chain, version, applied_at)"
	                                 " VALUES ('pg', $1, $2)";
	char v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *p[] = {fd_pg_int(v, s->version), fd_pg_int(at, (int64_t)time(NULL))};
	PGresult *r = NULL;
	if (!st)
		st = fd_pg_run(pg, done_sql, 1, p, &r, "reading the migrations", err);
	bool done = r && PQntuples(r) > 0;
	PQclear(r);
	if (!st && !done) {
		char what[64];
		snprintf(what, sizeof what, "migration step %d", s->version);
		st = exec_simple(pg, s->sql, what, err);
		if (!st)
			st = fd_pg_do(pg, record_sql, 2, p, "recording a migration", err);
	}
	if (st) {
		fd_pg_rollback(pg);
		return st;
	}
	return exec_simple(pg, "COMMIT", "committing a migration", err);
}

static enum fd_status migrate(struct fd_pg *pg, struct fd_error *err)
{
	enum fd_status st = exec_simple(pg,
	                                "BEGIN; SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ");"
	                                "CREATE TABLE IF NOT EXISTS schema_migrations (chain TEXT NOT NULL,"
	                                " version INTEGER NOT NULL, applied_at BIGINT NOT NULL,"
	                                " PRIMARY KEY (chain, version)); COMMIT",
	                                "creating the migration table", err);
	if (st) {
		fd_pg_rollback(pg);
		return st;
	}
	int have = fd_pg_schema_version(pg), latest = fd_pg_schema_latest();
	if (have < 0)
		return fd_fail(err, FD_E_IO, "io", NULL,
		               "Cannot read the schema version of the PostgreSQL database.");
	if (have > latest)
		return fd_fail(
		    err, FD_E_INVALID, "schema_newer", NULL,
		    _("The PostgreSQL database's schema (step %d) is newer than this frontdeskd knows "
		      "(step %d); run the newer frontdeskd."),
		    have, latest);
	int n;
	const struct fd_pg_step *steps = fd_pg_steps(&n);
	/* Every step not recorded, not only those above the highest: steps
	 * are numbered per branch of work, and one merged later may carry a
	 * lower number than a step a database already has. */
	for (int i = 0; i < n && !st; i++)
		st = apply_step(pg, &steps[i], err);
	return st;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

struct fd_pg *fd_pg_open(const char *uri, struct fd_error *err)
{
	struct fd_pg *pg = calloc(1, sizeof *pg);
	if (!pg || !(pg->uri = strdup(uri))) {
		free(pg);
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		return NULL;
	}
	pg->conn = PQconnectdb(uri);
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		char msg[256];
		server_message(NULL, pg->conn, msg, sizeof msg);
		fd_fail(err, FD_E_IO, "database_unreachable", NULL, _("Cannot connect to PostgreSQL: %s."),
		        msg);
		fd_pg_close(pg);
		return NULL;
	}
	/* Quiet: NOTICEs (e.g. "relation already exists, skipping") are not
	 * for the server's log. */
	PQsetNoticeProcessor(pg->conn, quiet, NULL);
	if (exec_simple(pg, SESSION_SETUP, "setting up the connection", err) || migrate(pg, err)) {
		fd_pg_close(pg);
		return NULL;
	}
	fd_pg_repo_init(pg);
	fd_pg_repo_cache_init(pg); /* src/pg/repo_cache.c */
	return pg;
}

void fd_pg_close(struct fd_pg *pg)
{
	if (!pg)
		return;
	PQfinish(pg->conn);
	drop_deferred(pg);
	free(pg->deferred);
	free(pg->stmts);
	free(pg->uri);
	free(pg);
}
