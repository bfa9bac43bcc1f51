// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/db_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "store/privacy.h"
#include "store/record.h"

enum fd_status fd_db_fail(struct fd_db *db, struct fd_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(db->db);
	int primary = rc & 0xff;
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return fd_fail(err, FD_E_BUSY, "busy", NULL,
		               _("The database is busy (%s); try again in a moment."), what);
	if (primary == SQLITE_CONSTRAINT) {
		const char *msg = sqlite3_errmsg(db->db);
		if (strstr(msg, "stay_nights"))
			return fd_fail(err, FD_E_CONFLICT, "room_taken", "room",
			               _("That room is already sold for one of these nights."));
		return fd_fail(err, FD_E_CONFLICT, "constraint", NULL,
		               _("The change breaks a database rule (%s: %s)."), what, msg);
	}
	return fd_fail(err, FD_E_IO, "database", NULL, _("Database error while %s: %s (%s)."), what,
	               sqlite3_errmsg(db->db), fd_db_path(db));
}

sqlite3 *fd_db_handle(struct fd_db *db)
{
	return db->db;
}
const char *fd_db_path(const struct fd_db *db)
{
	return db->path ? db->path : ":memory:";
}
uint64_t fd_db_tx_generation(const struct fd_db *db)
{
	return db->tx_generation; /* moved by audit.c's hooks */
}
const struct fd_repo *fd_db_repo(struct fd_db *db)
{
	return &db->repo;
}

void fd_db_set_change_hook(struct fd_db *db, fd_change_hook hook, void *ctx)
{
	db->change_hook = hook;
	db->change_ctx = ctx;
}

enum fd_status fd_db_changed(struct fd_db *db, const char *entity, const char *id, struct fd_error *err)
{
	return db->change_hook ? db->change_hook(db->change_ctx, db, entity, id, err) : FD_OK;
}

enum fd_status fd_db_exec(struct fd_db *db, const char *sql, struct fd_error *err)
{
	if (sqlite3_exec(db->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "running a statement");
	return FD_OK;
}

/* The statement cache is a table open by address (cap_cache slots, a
 * power of two, at most half full; sql NULL = free): looking a statement
 * up by walking a list of the hundred or so a server prepares was half a
 * kilo-instruction per statement of a batched push (callgrind). */
static size_t stmt_slot(const struct fd_db *db, const char *sql)
{
	uint64_t h = (uint64_t)(uintptr_t)sql * 0x9E3779B97F4A7C15u; /* Fibonacci hashing */
	size_t mask = (size_t)db->cap_cache - 1;
	size_t k = (size_t)(h >> 32) & mask;
	while (db->cache[k].sql && db->cache[k].sql != sql)
		k = (k + 1) & mask;
	return k;
}

static bool stmt_cache_grow(struct fd_db *db)
{
	int cap = db->cap_cache ? 2 * db->cap_cache : 256;
	struct fd_stmt_entry *old = db->cache, *grown = calloc((size_t)cap, sizeof *grown);
	if (!grown)
		return false;
	int old_cap = db->cap_cache;
	db->cache = grown;
	db->cap_cache = cap;
	for (int i = 0; i < old_cap; i++)
		if (old[i].sql)
			db->cache[stmt_slot(db, old[i].sql)] = old[i];
	free(old);
	return true;
}

sqlite3_stmt *fd_db_stmt(struct fd_db *db, const char *sql, struct fd_error *err)
{
	if (db->cap_cache) {
		struct fd_stmt_entry *e = &db->cache[stmt_slot(db, sql)];
		if (e->sql) {
			sqlite3_reset(e->stmt);
			sqlite3_clear_bindings(e->stmt);
			return e->stmt;
		}
	}
	if (2 * (db->n_cache + 1) > db->cap_cache && !stmt_cache_grow(db)) {
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		return NULL;
	}
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		fd_db_fail(db, err, "preparing a query");
		return NULL;
	}
	struct fd_stmt_entry *e = &db->cache[stmt_slot(db, sql)];
	e->sql = sql;
	e->stmt = stmt;
	db->n_cache++;
	return stmt;
}

/* A transaction's own statements through the statement cache: parsing
 * BEGIN and COMMIT again at every transaction was a tenth of a one-operation
 * push on the server (callgrind). */
static const char sql_begin_immediate[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";

static enum fd_status exec_cached(struct fd_db *db, const char *sql, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, sql, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	enum fd_status st =
	    sqlite3_step(s) == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "running a statement");
	sqlite3_reset(s);
	return st;
}

enum fd_status fd_db_begin(struct fd_db *db, struct fd_error *err)
{
	return exec_cached(db, sql_begin_immediate, err);
}

enum fd_status fd_db_begin_read(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "BEGIN", err);
}

enum fd_status fd_db_commit(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = exec_cached(db, sql_commit, err);
	if (st)
		fd_db_rollback(db);
	else
		fd_privacy_after_commit(db);
	return st;
}

void fd_db_rollback(struct fd_db *db)
{
	if (!sqlite3_get_autocommit(db->db))
		sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}

void fd_db_set_durable(struct fd_db *db, bool full)
{
	sqlite3_exec(db->db, full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", NULL, NULL,
	             NULL);
}

enum fd_status fd_db_meta_get(struct fd_db *db, const char *key, char *out, size_t size, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT value FROM meta WHERE key = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
		return FD_OK;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return FD_E_NOT_FOUND;
	return fd_db_fail(db, err, "reading a setting");
}

enum fd_status fd_db_meta_set(struct fd_db *db, const char *key, const char *value, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT INTO meta(key, value) VALUES (?1, ?2) "
	                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "saving a setting");
}

int fd_db_schema_version(struct fd_db *db, const char *chain)
{
	sqlite3_stmt *s;
	int v = 0;
	if (sqlite3_prepare_v2(db->db, "SELECT max(version) FROM schema_migrations WHERE chain = ?1", -1, &s,
	                       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, chain, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static bool step_applied(struct fd_db *db, const char *chain, int version)
{
	sqlite3_stmt *s;
	bool found = false;
	if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM schema_migrations WHERE chain = ?1 AND version = ?2",
	                       -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, chain, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, version);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

const char fd_migration_rebuild[] = "";

static enum fd_status migrate_step(struct fd_db *db, const char *chain, const struct fd_migration *m,
                                   struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	bool rebuild = m->sql == fd_migration_rebuild;
	if (m->sql && !rebuild && sqlite3_exec(db->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
		char what[64];
		snprintf(what, sizeof what, "migrating %s schema to version %d", chain, m->version);
		st = fd_db_fail(db, err, what);
	}
	if (!st && m->fn)
		st = m->fn(db, err);
	if (!st && rebuild) {
		sqlite3_stmt *chk;
		if (sqlite3_prepare_v2(db->db, "PRAGMA foreign_key_check", -1, &chk, NULL) != SQLITE_OK)
			st = fd_db_fail(db, err, "checking references after a migration");
		else {
			if (sqlite3_step(chk) == SQLITE_ROW)
				st =
				    fd_fail(err, FD_E_IO, "migration_failed", NULL,
				            "migrating %s schema to version %d left a broken reference in %s",
				            chain, m->version, (const char *)sqlite3_column_text(chk, 0));
			sqlite3_finalize(chk);
		}
	}
	if (!st) {
		sqlite3_stmt *s;
		sqlite3_prepare_v2(db->db,
		                   "INSERT INTO schema_migrations(chain, version, applied_at) "
		                   "VALUES (?1, ?2, strftime('%s','now'))",
		                   -1, &s, NULL);
		sqlite3_bind_text(s, 1, chain, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, m->version);
		if (sqlite3_step(s) != SQLITE_DONE)
			st = fd_db_fail(db, err, "recording a migration");
		sqlite3_finalize(s);
	}
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

enum fd_status fd_db_migrate(struct fd_db *db, const char *chain, const struct fd_migration *steps,
                             int n_steps, struct fd_error *err)
{
	enum fd_status st = fd_db_exec(db,
	                               "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                               " chain TEXT NOT NULL, version INTEGER NOT NULL,"
	                               " applied_at INTEGER NOT NULL, PRIMARY KEY (chain, version))",
	                               err);
	if (st)
		return st;
	int have = fd_db_schema_version(db, chain);
	int newest = n_steps ? steps[n_steps - 1].version : 0;
	if (have > newest)
		return fd_fail(err, FD_E_INVALID, "schema_too_new", NULL,
		               _("The database %s was written by a newer frontdesk (%s schema %d; this "
		                 "program knows up to %d). Upgrade frontdesk before opening it."),
		               fd_db_path(db), chain, have, newest);
	/* Every step not yet recorded, not just those above the highest: an
	 * area's step may have been numbered below one that landed first. */
	for (int i = 0; i < n_steps; i++) {
		if (step_applied(db, chain, steps[i].version))
			continue;
		/* PRAGMA foreign_keys is a no-op inside a transaction. */
		if (steps[i].sql == fd_migration_rebuild)
			sqlite3_exec(db->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
		st = migrate_step(db, chain, &steps[i], err);
		if (steps[i].sql == fd_migration_rebuild)
			sqlite3_exec(db->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
		if (st)
			return st;
	}
	return FD_OK;
}

/* Process-wide settings, made before SQLite initializes, that is before
 * the first open (every open in this file comes here first). Memory
 * statistics off: nothing reads them (no sqlite3_status, no heap limit),
 * and keeping them took a global mutex around every allocation SQLite
 * makes, 7 % of a server push's instructions (callgrind): this SQLite is
 * built without lookaside, so every statement allocates from malloc. */
static void tune_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void sqlite_tune(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, tune_once);
}

int fd_db_file_pending(const char *path, const char *chain, const struct fd_migration *steps, int n_steps)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *q = NULL;
	int pending = 0;
	sqlite_tune();
	if (access(path, F_OK) != 0 ||
	    sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT 1 FROM schema_migrations WHERE chain = ?1 AND version = ?2", -1, &q,
	                       NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return 0;
	}
	sqlite3_busy_timeout(h, 5000);
	for (int i = 0; i < n_steps; i++) {
		sqlite3_bind_text(q, 1, chain, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 2, steps[i].version);
		if (sqlite3_step(q) != SQLITE_ROW)
			pending++;
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	sqlite3_close(h);
	return pending;
}

enum fd_status fd_db_file_copy(const char *src, const char *dst, struct fd_error *err)
{
	int fd = open(dst, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return fd_fail(err, FD_E_IO, "io", NULL, _("Cannot create %s: %s."), dst, strerror(errno));
	close(fd);
	sqlite3 *from = NULL, *to = NULL;
	int rc = SQLITE_ERROR;
	sqlite_tune();
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_open_v2(dst, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(from, 5000);
		sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
		if (b) {
			while ((rc = sqlite3_backup_step(b, 1024)) == SQLITE_OK || rc == SQLITE_BUSY ||
			       rc == SQLITE_LOCKED)
				sqlite3_sleep(5);
			sqlite3_backup_finish(b);
		}
	}
	char why[256];
	snprintf(why, sizeof why, "%s", to ? sqlite3_errmsg(to) : "out of memory");
	sqlite3_close(from);
	sqlite3_close(to);
	if (rc == SQLITE_DONE)
		return FD_OK;
	unlink(dst);
	return fd_fail(err, FD_E_IO, "io", NULL, _("Cannot copy %s to %s: %s."), src, dst, why);
}

static enum fd_status configure(struct fd_db *db, struct fd_error *err)
{
	sqlite3_busy_timeout(db->db, 5000);
	sqlite3_extended_result_codes(db->db, 1);
	/* WAL lets readers (reports, a second window) run while the desk writes. */
	/* temp_store=MEMORY: statement journals, sorts and temporary tables
	 * never reach a temporary file, where an erased guest's bytes would
	 * outlive the erasure (it costs about a tenth of a bulk load's
	 * instructions: SQLite's memory journal grows 1 KiB at a time). */
	const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
	                      "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
	                      /* an erased guest's bytes must not linger in free space */
	                      "PRAGMA secure_delete=ON; "
	                      /* 16 MB of pages (the default is 2 MB): a guest search
	                       * that matches hundreds of guests ("José": 636 of
	                       * 100,000) reads their guest and booking pages, 5 MB,
	                       * which a 2 MB cache read again from the file at each
	                       * keystroke (3.9 -> 2.0 ms CPU per search). */
	                      "PRAGMA cache_size=-16384;";
	if (sqlite3_exec(db->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "configuring the database");
	return FD_OK;
}

static enum fd_status create_private_file(const char *path, struct fd_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return fd_fail(err, FD_E_IO, "io", NULL, _("Cannot create %s: %s."), path, strerror(errno));
	close(fd);
	return FD_OK;
}

struct fd_db *fd_db_open(const char *path, unsigned flags, struct fd_error *err)
{
	sqlite_tune();
	struct fd_db *db = calloc(1, sizeof *db);
	if (!db) {
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		return NULL;
	}
	db->path = strdup(path);
	int oflags =
	    SQLITE_OPEN_NOMUTEX | ((flags & FD_DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	bool memory = strcmp(path, ":memory:") == 0, fresh = false;
	if (!memory && (flags & FD_DB_CREATE) && !(flags & FD_DB_READONLY)) {
		oflags |= SQLITE_OPEN_CREATE;
		fresh = access(path, F_OK) != 0;
		if (fresh && create_private_file(path, err)) {
			fd_db_close(db);
			return NULL;
		}
	}
	if (memory)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->db, oflags, NULL) != SQLITE_OK) {
		if (!db->db || sqlite3_errcode(db->db) == SQLITE_CANTOPEN)
			fd_fail(err, FD_E_NOT_FOUND, "no_database", NULL,
			        _("Cannot open the database %s; run 'frontdesk init' or 'frontdesk demo' "
			          "first, or pass --data."),
			        path);
		else
			fd_db_fail(db, err, "opening the database");
		fd_db_close(db);
		return NULL;
	}
	int n;
	const struct fd_migration *core = fd_core_migrations(&n);
	/* A new file holds no hotel data yet: its schema steps commit without
	 * waiting for the disk each (one fsync per step was most of the time
	 * `frontdesk demo` took on a busy disk). A power cut leaves a file
	 * whose missing steps run again at the next open; the first write
	 * after, with synchronous=FULL, makes the whole log durable. */
	enum fd_status st = configure(db, err);
	fd_audit_watch(db);
	if (!st && fresh)
		fd_db_set_durable(db, false);
	if (!st && !(flags & FD_DB_READONLY))
		st = fd_db_migrate(db, "core", core, n, err);
	if (fresh)
		fd_db_set_durable(db, true);
	if (st) {
		fd_db_close(db);
		return NULL;
	}
	if ((flags & FD_DB_READONLY) && fd_db_schema_version(db, "core") != core[n - 1].version) {
		fd_fail(err, FD_E_INVALID, "schema_mismatch", NULL,
		        _("The database %s has a different schema version; open it read-write once to "
		          "upgrade it."),
		        path);
		fd_db_close(db);
		return NULL;
	}
	fd_repo_sqlite_init(db);
	return db;
}

void fd_db_close(struct fd_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->cap_cache; i++)
		if (db->cache[i].sql)
			sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	free(db->bulk_triggers);
	free(db->bulk_indexes);
	free(db->bulk_guard);
	fd_record_free(db);
	if (db->db)
		sqlite3_close(db->db);
	free(db->path);
	free(db);
}

/* The search indexes written at the end of a batch (core step 50,
 * schema_speed.c). */
extern const char *const fd_search_flush_sql[];

enum fd_status fd_search_defer(struct fd_db *db, struct fd_error *err)
{
	return exec_cached(db, "INSERT INTO search_defer (one) VALUES (1)", err);
}

enum fd_status fd_search_flush(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = FD_OK;
	for (int i = 0; !st && fd_search_flush_sql[i]; i++)
		st = exec_cached(db, fd_search_flush_sql[i], err);
	return st;
}

enum fd_status fd_search_undefer(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = fd_search_flush(db, err);
	return st ? st : exec_cached(db, "DELETE FROM search_defer", err);
}

enum fd_status fd_search_pending(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT 1 FROM search_queue LIMIT 1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return fd_search_flush(db, err);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading the search queue");
}

enum fd_status fd_db_savepoint(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "SAVEPOINT fd_step", err);
}

enum fd_status fd_db_savepoint_release(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "RELEASE fd_step", err);
}

void fd_db_savepoint_rollback(struct fd_db *db)
{
	fd_db_exec(db, "ROLLBACK TO fd_step", NULL);
	fd_db_exec(db, "RELEASE fd_step", NULL);
}
