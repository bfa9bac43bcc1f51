// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd's store on PostgreSQL (libpq): one database for every hotel of
 * a group (doc/scale-out.md). Every hotel-owned row carries its property_id;
 * a connection (struct fd_pg) acts for one property at a time.
 *
 * Concurrency (several frontdeskd processes on one database): transactions
 * run at READ COMMITTED, and every writing transaction first locks its
 * property's row of feed_counters (fd_pg_begin). Writers of one hotel are
 * thereby serialized exactly as SQLite's BEGIN IMMEDIATE serializes them,
 * and each of their statements reads everything committed before it, so the
 * core rules (availability, room clashes) judge the current state; writers
 * of different hotels do not wait for each other. The same row numbers the
 * change feed, so its sequence follows commit order. The double-booking
 * guard is in the schema (stay_nights: UNIQUE (property_id, room, night)),
 * so a second booking of a room-night fails even from raw SQL.
 *
 * One connection per thread, like struct fd_db. */
#ifndef FD_PG_PG_H
#define FD_PG_PG_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"
#include "core/repo.h"

struct fd_pg;

/* Connect to uri ("postgresql://…", anything libpq takes, multi-host with
 * target_session_attrs=read-write included) and bring the schema up to
 * date (numbered steps recorded in schema_migrations, chain "pg"; a
 * database newer than the program is refused). NULL with err filled. */
struct fd_pg *fd_pg_open(const char *uri, struct fd_error *err);
void fd_pg_close(struct fd_pg *pg);
PGconn *fd_pg_conn(struct fd_pg *pg);

/* The newest step of the chain this program knows, and the database's. */
int fd_pg_schema_latest(void);
int fd_pg_schema_version(struct fd_pg *pg);

/* The property the repository and the change feed act for (an id; a
 * property that does not exist yet is created by put_property). */
void fd_pg_use_property(struct fd_pg *pg, const char *property_id);
const char *fd_pg_property(const struct fd_pg *pg);
/* The operation whose changes are being recorded ("" outside one). */
void fd_pg_set_op(struct fd_pg *pg, const char *op_id);

/* A writing transaction for the current property: BEGIN (READ COMMITTED),
 * then the property's feed counter row is locked (created at 0 when new)
 * until COMMIT or ROLLBACK. A lost connection is re-established first (a
 * failover: libpq tries the hosts of the URI again). */
enum fd_status fd_pg_begin(struct fd_pg *pg, struct fd_error *err);
/* COMMIT; a transaction that recorded changes also NOTIFYs FD_PG_CHANNEL
 * ("PROPERTY SEQ"), delivered to every listener when it commits. */
#define FD_PG_CHANNEL "frontdesk_changes"
enum fd_status fd_pg_commit(struct fd_pg *pg, struct fd_error *err);
void fd_pg_rollback(struct fd_pg *pg);
/* As fd_pg_begin without the lock: the store's guard alone (tests use it
 * to show the schema refuses what the lock would have kept out). */
enum fd_status fd_pg_begin_unlocked(struct fd_pg *pg, struct fd_error *err);
/* Inside a transaction: take the current property's writing lock (what
 * fd_pg_begin takes), for a write that reaches several hotels. */
enum fd_status fd_pg_lock_property(struct fd_pg *pg, struct fd_error *err);

/* The change feed. Inside a writing transaction: number a change of an
 * entity of the current property (the next value of its counter; the feed
 * keeps one row per entity, at its latest change). */
enum fd_status fd_pg_record_change(struct fd_pg *pg, const char *entity, const char *id, int64_t *seq,
                                   struct fd_error *err);
/* The highest sequence recorded in this transaction (0 when none). */
int64_t fd_pg_last_seq(const struct fd_pg *pg);
struct fd_pg_change {
	int64_t seq;
	char entity[FD_ENTITY_LEN];
	char id[FD_ID_LEN];
	char op_id[FD_ID_LEN];
};
/* Up to max changes of the current property after since, by sequence
 * (*out malloc'd, the caller frees it; NULL when none). */
enum fd_status fd_pg_changes(struct fd_pg *pg, int64_t since, int max, struct fd_pg_change **out, int *n,
                             struct fd_error *err);

/* The repository over this connection (borrowed: valid while pg is), for
 * the current property. */
const struct fd_repo *fd_pg_repo(struct fd_pg *pg);

/* Apply one operation in its own writing transaction (fd_pg_begin, core's
 * fd_op_apply through the repository, COMMIT; ROLLBACK on a refusal or a
 * failure). Its changes are recorded under op->op_id. */
struct fd_op;
struct fd_op_result;
enum fd_status fd_pg_apply(struct fd_pg *pg, const struct fd_op *op, unsigned flags, struct fd_op_result *res,
                           struct fd_error *err);

/* A batch of operations in one writing transaction (src/server/pg_push.c):
 * inside fd_pg_begin .. fd_pg_commit, each operation runs under a
 * savepoint. fd_pg_savepoint sets it; fd_pg_rollback_to undoes every write
 * since (a failed statement included: the transaction goes on) while the
 * property's counter lock, taken by fd_pg_begin before, stays held, and
 * fd_pg_last_seq is again what it was at the savepoint; fd_pg_release keeps
 * the writes. One savepoint at a time (src/pg/apply.c). */
enum fd_status fd_pg_savepoint(struct fd_pg *pg, struct fd_error *err);
enum fd_status fd_pg_rollback_to(struct fd_pg *pg, struct fd_error *err);
enum fd_status fd_pg_release(struct fd_pg *pg, struct fd_error *err);

/* Statements (src/pg/pg.c): a prepared statement per SQL literal (keyed by
 * its address), text parameters (NULL: SQL NULL). FD_OK and *res (the
 * caller PQclear()s it), or a status with err filled: a unique violation
 * is FD_E_CONFLICT, a serialization failure or deadlock FD_E_BUSY, the
 * rest FD_E_IO naming what. */
enum fd_status fd_pg_run(struct fd_pg *pg, const char *sql, int n, const char *const *params, PGresult **res,
                         const char *what, struct fd_error *err);
/* Run and discard the result. */
enum fd_status fd_pg_do(struct fd_pg *pg, const char *sql, int n, const char *const *params, const char *what,
                        struct fd_error *err);

/* Inside a transaction: run a write whose answer nobody reads (a result
 * to record, an audit row, a savepoint) with the next statement that is
 * read, or with COMMIT, in one round trip. Its failure is reported by that
 * statement (or the commit) as a failure of the transaction, never as a
 * business refusal of the later statement (FD_E_BUSY "busy" stays one).
 * Outside a transaction it runs at once. */
enum fd_status fd_pg_defer(struct fd_pg *pg, const char *sql, int n, const char *const *params,
                           const char *what, struct fd_error *err);

/* While on, inside a transaction, the property, a staff member and their
 * chain role are read from the database once per transaction, not once
 * per operation (a batch of one actor's operations; src/pg/repo_cache.c).
 * Off: every read goes to the database (the default). */
void fd_pg_cache_reads(struct fd_pg *pg, bool on);

/* Key/value settings of the whole database (the server's epoch, ...). */
enum fd_status fd_pg_meta_get(struct fd_pg *pg, const char *key, char *out, size_t size,
                              struct fd_error *err);
enum fd_status fd_pg_meta_set(struct fd_pg *pg, const char *key, const char *value, struct fd_error *err);

#endif
