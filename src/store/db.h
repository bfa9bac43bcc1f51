// SPDX-License-Identifier: GPL-3.0-or-later
/* The SQLite store: one connection (one struct fd_db) per thread. Opening
 * creates or upgrades the schema; writes go through BEGIN IMMEDIATE
 * transactions; statements are prepared once and cached. */
#ifndef FD_STORE_DB_H
#define FD_STORE_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "core/repo.h"

struct fd_db;

/* Called for every entity written through the repo, inside the writing
 * transaction (the server records its change feed here). entity is
 * "booking", "room", "room_type", "guest", "staff", "task" or "property". */
typedef enum fd_status (*fd_change_hook)(void *ctx, struct fd_db *db, const char *entity, const char *id,
                                         struct fd_error *err);

enum fd_db_flags {
	FD_DB_CREATE = 1 << 0, /* create the file (mode 0600) if missing */
	FD_DB_READONLY = 1 << 1,
};

/* Open (and migrate) the database at path. Returns NULL with err filled. */
struct fd_db *fd_db_open(const char *path, unsigned flags, struct fd_error *err);
void fd_db_close(struct fd_db *db);
sqlite3 *fd_db_handle(struct fd_db *db);
/* Time every statement (a benchmark's profile): fn hears each finished
 * statement's SQL and nanoseconds; NULL stops. Not sqlite3_trace_v2 on
 * the handle: the connection's one trace hook is the audit log's
 * (audit.c), which must see every ROLLBACK. */
typedef void (*fd_db_profile_fn)(void *ctx, const char *sql, int64_t ns);
void fd_db_profile(struct fd_db *db, fd_db_profile_fn fn, void *ctx);
/* A number that stays the same only while one transaction goes on with
 * nothing of it undone: it moves at every commit and rollback, whole or
 * to a savepoint (SAVEPOINT and RELEASE leave it), and no two connections
 * of the process share one. What a caller learnt
 * of rows it wrote inside an open transaction (sqlite3_get_autocommit 0)
 * holds while the number it read then is still the number. */
uint64_t fd_db_tx_generation(const struct fd_db *db);
const char *fd_db_path(const struct fd_db *db);

/* A repo that reads and writes this connection (borrowed: valid while db is). */
const struct fd_repo *fd_db_repo(struct fd_db *db);
void fd_db_set_change_hook(struct fd_db *db, fd_change_hook hook, void *ctx);

/* Transactions. begin is BEGIN IMMEDIATE (a writer takes the lock up front,
 * so two writers never deadlock on upgrade). */
enum fd_status fd_db_begin(struct fd_db *db, struct fd_error *err);
enum fd_status fd_db_begin_read(struct fd_db *db, struct fd_error *err);
enum fd_status fd_db_commit(struct fd_db *db, struct fd_error *err);
void fd_db_rollback(struct fd_db *db);
/* synchronous=FULL for the writes that must survive a power cut. */
void fd_db_set_durable(struct fd_db *db, bool full);
/* A savepoint inside the current transaction: release keeps its writes,
 * rollback takes them back (and releases it). Not nested. */
enum fd_status fd_db_savepoint(struct fd_db *db, struct fd_error *err);
enum fd_status fd_db_savepoint_release(struct fd_db *db, struct fd_error *err);
void fd_db_savepoint_rollback(struct fd_db *db);

/* A cached prepared statement for a string literal (key is the pointer),
 * reset and with bindings cleared. NULL on a prepare error (err filled). */
sqlite3_stmt *fd_db_stmt(struct fd_db *db, const char *sql, struct fd_error *err);
/* Run SQL without results (no parameters). */
enum fd_status fd_db_exec(struct fd_db *db, const char *sql, struct fd_error *err);
/* Map the last SQLite error to a status and a message. */
enum fd_status fd_db_fail(struct fd_db *db, struct fd_error *err, const char *what);

/* Key/value settings kept in the database (device id, cursors, ...). */
enum fd_status fd_db_meta_get(struct fd_db *db, const char *key, char *out, size_t size,
                              struct fd_error *err);
enum fd_status fd_db_meta_set(struct fd_db *db, const char *key, const char *value, struct fd_error *err);

/* Schema version of a migration chain ("core", "server", ...). */
int fd_db_schema_version(struct fd_db *db, const char *chain);

/* Migrations: an ordered chain of steps. A step is SQL, optionally followed
 * by a C function for work SQL cannot do (e.g. Unicode folding). Each step
 * runs in its own transaction and is recorded in schema_migrations. A
 * database whose chain is newer than the program is refused. */
struct fd_migration {
	int version;
	const char *sql;
	enum fd_status (*fn)(struct fd_db *db, struct fd_error *err);
};
/* A step whose sql is this (and whose fn does the work) rebuilds a table
 * (SQLite's 12-step ALTER): foreign keys are off while it runs and checked
 * with foreign_key_check before it commits, so dropping the old table
 * neither cascades to nor fails on the rows that refer to it. */
extern const char fd_migration_rebuild[];
enum fd_status fd_db_migrate(struct fd_db *db, const char *chain, const struct fd_migration *steps,
                             int n_steps, struct fd_error *err);
/* The core chain (used by fd_db_open; exposed for the migration tests). */
const struct fd_migration *fd_core_migrations(int *n);
/* How many steps of a chain the database file at path has not recorded yet,
 * read without changing it (0 when the file does not exist or has no
 * schema_migrations table yet: a new database has nothing to keep). */
int fd_db_file_pending(const char *path, const char *chain, const struct fd_migration *steps, int n_steps);
/* A consistent copy of the database file src into dst (mode 0600, SQLite's
 * online backup; dst must not exist). */
enum fd_status fd_db_file_copy(const char *src, const char *dst, struct fd_error *err);

#endif
