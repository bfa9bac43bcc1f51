// SPDX-License-Identifier: GPL-3.0-or-later
/* The server's database: a normal store (core schema) plus the server-only
 * migration chain "server" (credentials, devices, sessions, the change feed,
 * operation results, conflict notices) and the change hook that numbers
 * every entity write. */
#include "config.h"

#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/text.h"
#include "server/log.h"
#include "server/server.h"

static const char server_v1[] =
    "CREATE TABLE srv_credentials (username TEXT PRIMARY KEY, hash TEXT NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE TABLE srv_devices (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " token_hash BLOB NOT NULL UNIQUE, enrolled_at INTEGER NOT NULL,"
    " revoked INTEGER NOT NULL DEFAULT 0, last_seq INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE srv_enroll_codes (hash BLOB PRIMARY KEY, expires_at INTEGER NOT NULL,"
    " used INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE srv_sessions (token_hash BLOB PRIMARY KEY, username TEXT NOT NULL,"
    " device TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL);"
    "CREATE INDEX srv_sessions_user ON srv_sessions(username);"
    /* The change feed, compacted: one row per entity, at the sequence of its
     * latest change (INSERT OR REPLACE moves it). AUTOINCREMENT never reuses
     * a number, and writes are serialized, so seq follows commit order. */
    "CREATE TABLE srv_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " entity TEXT NOT NULL, entity_id TEXT NOT NULL, op_id TEXT NOT NULL DEFAULT '',"
    " UNIQUE (entity, entity_id));"
    "CREATE TABLE srv_op_results (op_id TEXT PRIMARY KEY, device TEXT NOT NULL,"
    " device_seq INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('applied','rejected')),"
    " result TEXT NOT NULL, recorded_at INTEGER NOT NULL);"
    "CREATE TABLE srv_conflicts (id TEXT PRIMARY KEY, op_id TEXT NOT NULL, device TEXT NOT NULL,"
    " actor TEXT NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,"
    " details TEXT NOT NULL DEFAULT '{}', resolved INTEGER NOT NULL DEFAULT 0,"
    " resolved_by TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1,"
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);";

/* v2: who has signed in on which device. An operation made offline by an
 * earlier user of the terminal keeps that user as its actor when pushed
 * under a later user's session (and is judged with the earlier user's
 * rights at push time: disabled meanwhile means rejected). */
static const char server_v2[] = "CREATE TABLE srv_device_users (device TEXT NOT NULL, username TEXT NOT NULL,"
                                " first_at INTEGER NOT NULL, PRIMARY KEY (device, username)) WITHOUT ROWID;";

/* v3: when each change was recorded, so the log can be trimmed after a
 * configured time (--keep-changes DAYS); rows older than the migration
 * count from now. */
static const char server_v3[] = "ALTER TABLE srv_changes ADD COLUMN at INTEGER NOT NULL DEFAULT 0;"
                                "UPDATE srv_changes SET at = CAST(strftime('%s', 'now') AS INTEGER);";

/* v4: each person's signing key (src/store/opsig.h): the salt their key is
 * derived under and the public key that verifies their operations. */
static const char server_v4[] = "ALTER TABLE srv_credentials ADD COLUMN sign_salt TEXT NOT NULL DEFAULT '';"
                                "ALTER TABLE srv_credentials ADD COLUMN sign_pk TEXT NOT NULL DEFAULT '';";

/* v5: an operation's recorded result belongs to the device that pushed it
 * (issue 19): duplicates are detected per device, so an op_id pushed from
 * another device is that device's own operation, judged on its own, and
 * never answered with the first device's result. */
static const char server_v5[] =
    "CREATE TABLE srv_op_results_v5 (op_id TEXT NOT NULL, device TEXT NOT NULL,"
    " device_seq INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('applied','rejected')),"
    " result TEXT NOT NULL, recorded_at INTEGER NOT NULL, PRIMARY KEY (device, op_id)) WITHOUT ROWID;"
    "INSERT INTO srv_op_results_v5 SELECT op_id, device, device_seq, status, result, recorded_at"
    " FROM srv_op_results;"
    "DROP TABLE srv_op_results;"
    "ALTER TABLE srv_op_results_v5 RENAME TO srv_op_results;";
/* v9: when each device last pushed and pulled, and how many operations
 * its outbox held when it last pushed (the Frontdesk-Outbox header; -1
 * unknown): `frontdeskd devices` and the sync-lag metrics read them. */
static const char server_v9[] =
    "ALTER TABLE srv_devices ADD COLUMN last_push_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE srv_devices ADD COLUMN last_pull_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE srv_devices ADD COLUMN outbox_depth INTEGER NOT NULL DEFAULT -1;";

/* v10: the public booking side (public.c). A booking's answer kept under
 * the client's Idempotency-Key (with a hash of the request, so another
 * request under the same key is told apart), and the links guests manage
 * their booking with: only a hash of each token, the booking it opens, when
 * it stops working and how often it was used. */
static const char server_v10[] =
    "CREATE TABLE srv_public_requests (idem_key TEXT PRIMARY KEY, request_hash TEXT NOT NULL,"
    " booking_id TEXT NOT NULL, answer TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE srv_public_links (hash BLOB PRIMARY KEY, booking_id TEXT NOT NULL,"
    " created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0,"
    " max_uses INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX srv_public_links_booking ON srv_public_links (booking_id);";

/* v17: the administration pane's device list (admin_api.c): who revoked
 * a device and when, and when each person last signed in on it. */
static const char server_v17[] = "ALTER TABLE srv_devices ADD COLUMN revoked_at INTEGER NOT NULL DEFAULT 0;"
                                 "ALTER TABLE srv_devices ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';"
                                 "ALTER TABLE srv_device_users ADD COLUMN last_at INTEGER NOT NULL DEFAULT 0;"
                                 "UPDATE srv_device_users SET last_at = first_at;";

/* v18: the web bookings per e-mail address (a hash of it), counted in the
 * database so that every thread and every server share the limit. */
static const char server_v18[] =
    "ALTER TABLE srv_public_requests ADD COLUMN email_key TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX srv_public_requests_email ON srv_public_requests (email_key, created_at);";

/* v19: the revocation generation (session_cache.c). Every change that can
 * end a session or change what its look-up answers (who, which device, the
 * role, the expiry) adds one to srv_auth_gen.n in the changing transaction,
 * whichever process or code path makes it: sign-out, an administrator's
 * command, a staff operation, a device revoked. A session remembered at
 * generation n is the look-up's answer as long as n is still the number;
 * a session's own last_seen moving forward (the idle clock's refresh) is
 * not counted. Any insert counts (an INSERT OR REPLACE deletes without
 * firing a delete trigger). session_cache.c counts the triggers at start:
 * a table rebuilt by a later step loses its triggers, and the cache then
 * stays off (a step that adds one here changes its count there). */
#define BUMP " BEGIN UPDATE srv_auth_gen SET n = n + 1 WHERE id = 1; END;"
static const char server_v19[] =
    "CREATE TABLE srv_auth_gen (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
    "INSERT INTO srv_auth_gen (id, n) VALUES (1, 0);"
    "CREATE TRIGGER srv_auth_gen_sessions_i AFTER INSERT ON srv_sessions" BUMP
    "CREATE TRIGGER srv_auth_gen_sessions_d AFTER DELETE ON srv_sessions" BUMP
    "CREATE TRIGGER srv_auth_gen_sessions_u AFTER UPDATE ON srv_sessions"
    " WHEN NEW.token_hash IS NOT OLD.token_hash OR NEW.username IS NOT OLD.username"
    " OR NEW.device IS NOT OLD.device OR NEW.created_at IS NOT OLD.created_at"
    " OR NEW.expires_at IS NOT OLD.expires_at OR NEW.last_seen < OLD.last_seen" BUMP
    "CREATE TRIGGER srv_auth_gen_staff_i AFTER INSERT ON staff" BUMP
    "CREATE TRIGGER srv_auth_gen_staff_d AFTER DELETE ON staff" BUMP
    "CREATE TRIGGER srv_auth_gen_staff_u AFTER UPDATE ON staff"
    " WHEN NEW.username IS NOT OLD.username OR NEW.role IS NOT OLD.role"
    " OR NEW.active IS NOT OLD.active" BUMP
    "CREATE TRIGGER srv_auth_gen_devices_i AFTER INSERT ON srv_devices" BUMP
    "CREATE TRIGGER srv_auth_gen_devices_d AFTER DELETE ON srv_devices" BUMP
    "CREATE TRIGGER srv_auth_gen_devices_u AFTER UPDATE ON srv_devices"
    " WHEN NEW.id IS NOT OLD.id OR NEW.revoked IS NOT OLD.revoked" BUMP
    "CREATE TRIGGER srv_auth_gen_credentials_i AFTER INSERT ON srv_credentials" BUMP
    "CREATE TRIGGER srv_auth_gen_credentials_d AFTER DELETE ON srv_credentials" BUMP
    "CREATE TRIGGER srv_auth_gen_credentials_u AFTER UPDATE ON srv_credentials"
    " WHEN NEW.username IS NOT OLD.username OR NEW.hash IS NOT OLD.hash" BUMP;
#undef BUMP

static enum fd_status make_epoch(struct fd_db *db, struct fd_error *err)
{
	return srv_epoch_renew(db, err);
}

/* One step a line, so two branches' steps merge. */
/* clang-format off */
static const struct fd_migration server_migrations[] = {
    {1, server_v1, make_epoch},
    {2, server_v2, NULL},
    {3, server_v3, NULL},
    {4, server_v4, NULL},
    {5, server_v5, NULL},
    {9, server_v9, NULL},
    {10, server_v10, NULL},
    {17, server_v17, NULL},
    {18, server_v18, NULL},
    {19, server_v19, NULL},
};
/* clang-format on */

void srv_db_path(const char *data_dir, char *out, size_t size)
{
	snprintf(out, size, "%s/frontdeskd.db", data_dir);
}

static enum fd_status change_hook(void *ctx, struct fd_db *db, const char *entity, const char *id,
                                  struct fd_error *err)
{
	return srv_record_change(db, ctx, entity, id, err);
}

/* hook's slot for entity/id in the transaction open on db: the entity's
 * entry (seq > 0) or the free slot it would take (seq 0); NULL when
 * nothing is kept (no transaction, too many entities, names too long). */
static struct srv_hook_entry *tx_slot(struct fd_db *db, struct srv_hook *hook, const char *entity,
                                      const char *id)
{
	if (!hook || sqlite3_get_autocommit(fd_db_handle(db)) ||
	    strlen(entity) >= sizeof hook->tx[0].entity || strlen(id) >= sizeof hook->tx[0].id)
		return NULL;
	uint64_t gen = fd_db_tx_generation(db);
	if (hook->tx_db != db || hook->tx_generation != gen) {
		for (int i = 0; i < SRV_HOOK_SLOTS; i++)
			hook->tx[i].seq = 0, hook->tx[i].dirty = false;
		hook->tx_db = db;
		hook->tx_generation = gen;
		hook->tx_n = 0;
		hook->n_dirty = 0;
	}
	uint32_t h = 2166136261u; /* FNV-1a over entity, NUL, id */
	for (const char *c = entity;; c++) {
		h = (h ^ (unsigned char)*c) * 16777619u;
		if (!*c)
			break;
	}
	for (const char *c = id; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (uint32_t k = h & (SRV_HOOK_SLOTS - 1);; k = (k + 1) & (SRV_HOOK_SLOTS - 1)) {
		struct srv_hook_entry *e = &hook->tx[k];
		if (!e->seq)
			return hook->tx_n < SRV_HOOK_SLOTS / 2 ? e : NULL;
		if (strcmp(e->id, id) == 0 && strcmp(e->entity, entity) == 0)
			return e;
	}
}

/* The row of e names e's operation (it is no longer dirty). */
static enum fd_status change_op_write(struct fd_db *db, struct srv_hook_entry *e, struct fd_error *err)
{
	sqlite3_stmt *u = fd_db_stmt(db, "UPDATE srv_changes SET op_id = ?2, at = ?3 WHERE seq = ?1", err);
	if (!u)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int64(u, 1, e->seq);
	sqlite3_bind_text(u, 2, e->op_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(u, 3, (int64_t)time(NULL));
	int rc = sqlite3_step(u);
	sqlite3_reset(u);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "recording a change");
	e->dirty = false;
	return FD_OK;
}

enum fd_status srv_record_change_flush(struct fd_db *db, struct srv_hook *hook, struct fd_error *err)
{
	if (!hook->n_dirty || hook->tx_db != db || hook->tx_generation != fd_db_tx_generation(db) ||
	    sqlite3_get_autocommit(fd_db_handle(db)))
		return FD_OK; /* nothing kept, or it went with a rollback */
	for (int i = 0; i < SRV_HOOK_SLOTS; i++) {
		struct srv_hook_entry *e = &hook->tx[i];
		enum fd_status st = e->seq && e->dirty ? change_op_write(db, e, err) : FD_OK;
		if (st)
			return st;
	}
	hook->n_dirty = 0;
	return FD_OK;
}

/* The change feed keeps one row per entity at the seq of its latest
 * change, and readers see only committed transactions: once an entity's
 * row was moved inside the transaction still open, every later change to
 * it in that transaction is already at a seq past everything committed
 * before, and moving the row again (a delete and an insert in the table
 * and in its unique index, and the sequence's row: a ninth of a batched
 * operation) changes nothing a reader can tell. Only the operation that
 * made the latest change is written again (with hook->defer, once, by
 * srv_record_change_flush: in a batch that writes one room fifty times,
 * the other writes were a fifteenth of each operation). Any rollback, to a
 * savepoint too, forgets what was kept (fd_db_tx_generation). */
enum fd_status srv_record_change(struct fd_db *db, struct srv_hook *hook, const char *entity, const char *id,
                                 struct fd_error *err)
{
	const char *op_id = hook ? hook->op_id : "";
	if (hook && strcmp(entity, "mail") == 0)
		hook->mail_queued = true;
	struct srv_hook_entry *e = tx_slot(db, hook, entity, id);
	if (e && e->seq) {
		if (strcmp(e->op_id, op_id) != 0) {
			fd_text_copy(e->op_id, sizeof e->op_id, op_id);
			hook->n_dirty += !e->dirty;
			e->dirty = true;
			enum fd_status st = hook->defer ? FD_OK : change_op_write(db, e, err);
			if (st)
				return st;
		}
		if (hook->last_seq < e->seq)
			hook->last_seq = e->seq;
		return FD_OK;
	}
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT OR REPLACE INTO srv_changes (entity, entity_id, op_id, at)"
	                             " VALUES (?1, ?2, ?3, ?4)",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, op_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (int64_t)time(NULL));
	if (sqlite3_step(s) != SQLITE_DONE)
		return fd_db_fail(db, err, "recording a change");
	if (!hook)
		return FD_OK;
	hook->last_seq = sqlite3_last_insert_rowid(fd_db_handle(db));
	/* kept only with the generation the row was written in */
	if (e && fd_db_tx_generation(db) == hook->tx_generation && strlen(op_id) < sizeof e->op_id) {
		e->seq = hook->last_seq;
		fd_text_copy(e->entity, sizeof e->entity, entity);
		fd_text_copy(e->id, sizeof e->id, id);
		fd_text_copy(e->op_id, sizeof e->op_id, op_id);
		e->dirty = false;
		hook->tx_n++;
	}
	return FD_OK;
}

/* Before a newer frontdeskd migrates an existing database, a copy of it as
 * it was goes beside it (DATA/frontdeskd-before-upgrade-STAMP.db), named
 * in the log: an upgrade that goes wrong can be undone with `restore`.
 * No copy, no migration. */
static enum fd_status backup_before_migrating(const char *data_dir, const char *path, struct fd_error *err)
{
	int n_core, n = (int)(sizeof server_migrations / sizeof *server_migrations);
	const struct fd_migration *core = fd_core_migrations(&n_core);
	int pending_core = fd_db_file_pending(path, "core", core, n_core);
	int pending_server = fd_db_file_pending(path, "server", server_migrations, n);
	if (!pending_core && !pending_server)
		return FD_OK;
	char copy[700], stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
	snprintf(copy, sizeof copy, "%s/frontdeskd-before-upgrade-%s.db", data_dir, stamp);
	for (int i = 2; access(copy, F_OK) == 0 && i < 100; i++)
		snprintf(copy, sizeof copy, "%s/frontdeskd-before-upgrade-%s-%d.db", data_dir, stamp, i);
	enum fd_status st = fd_db_file_copy(path, copy, err);
	if (st) {
		srv_log(SRV_LOG_ERR, "not upgrading the database schema: no backup of it first (%s)",
		        err ? err->message : "?");
		return st;
	}
	srv_log(SRV_LOG_NOTICE,
	        "upgrading the database schema of %s (%d core and %d server steps); the database as it "
	        "was is backed up in %s",
	        path, pending_core, pending_server, copy);
	return FD_OK;
}

struct fd_db *srv_db_open(const char *data_dir, bool create, struct srv_hook *hook, struct fd_error *err)
{
	char path[600];
	if (create)
		mkdir(data_dir, 0700);
	srv_db_path(data_dir, path, sizeof path);
	/* Only the writers migrate (readers open after the server has). */
	if (hook && backup_before_migrating(data_dir, path, err))
		return NULL;
	struct fd_db *db = fd_db_open(path, create ? FD_DB_CREATE : 0, err);
	if (!db)
		return NULL;
	if (fd_db_migrate(db, "server", server_migrations,
	                  (int)(sizeof server_migrations / sizeof *server_migrations), err)) {
		fd_db_close(db);
		return NULL;
	}
	/* Every connection records changes: admin commands write too. A
	 * reader never writes, so the hook simply never fires there. */
	fd_db_set_change_hook(db, change_hook, hook);
	fd_db_set_durable(db, true);
	return db;
}

enum fd_status srv_epoch(struct fd_db *db, char out[SRV_EPOCH_LEN], struct fd_error *err)
{
	return fd_db_meta_get(db, "server_epoch", out, SRV_EPOCH_LEN, err);
}

enum fd_status srv_epoch_renew(struct fd_db *db, struct fd_error *err)
{
	unsigned char raw[16];
	char hex[SRV_EPOCH_LEN];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	return fd_db_meta_set(db, "server_epoch", hex, err);
}

int64_t srv_last_seq(struct fd_db *db)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT seq FROM sqlite_sequence WHERE name = 'srv_changes'", NULL);
	if (!s)
		return 0;
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return v;
}

/* --- readers: one connection per pool thread --- */

void srv_reader_close(void *p)
{
	fd_db_close(p);
}

struct fd_db *srv_reader(struct srv *s, struct fd_error *err)
{
	struct fd_db *db = pthread_getspecific(s->reader_key);
	if (db)
		return db;
	db = srv_db_open(s->cfg.data_dir, false, NULL, err);
	if (db)
		pthread_setspecific(s->reader_key, db);
	return db;
}

int srv_lock_data(const char *data_dir, struct fd_error *err)
{
	char path[600];
	snprintf(path, sizeof path, "%s/frontdeskd.lock", data_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fd_fail(err, FD_E_IO, "io", NULL, "Cannot open %s: %s.", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK)
			fd_fail(err, FD_E_CONFLICT, "serving", NULL,
			        "A frontdeskd process is serving %s; stop it first (e.g. systemctl stop "
			        "frontdeskd).",
			        data_dir);
		else
			fd_fail(err, FD_E_IO, "io", NULL, "Cannot lock %s: %s.", path, strerror(e));
		return -1;
	}
	return fd;
}

enum fd_status srv_db_quick_check(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *q = NULL;
	sqlite3 *h = fd_db_handle(db);
	char first[256] = "";
	int n = 0, rc = sqlite3_prepare_v2(h, "PRAGMA quick_check(5)", -1, &q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(q, 0);
		if (line && strcmp(line, "ok") != 0 && n++ == 0)
			snprintf(first, sizeof first, "%s", line);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE && !first[0])
		snprintf(first, sizeof first, "%s", sqlite3_errmsg(h));
	sqlite3_finalize(q);
	if (!first[0])
		return FD_OK;
	return fd_fail(err, FD_E_IO, "damaged", NULL, "%s", first);
}

enum fd_status srv_trim_changes(struct fd_db *db, int keep_days, int64_t *floor, struct fd_error *err)
{
	char buf[32] = "0";
	fd_db_meta_get(db, "changes_floor", buf, sizeof buf, NULL);
	*floor = strtoll(buf, NULL, 10);
	if (keep_days <= 0)
		return FD_OK;
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	/* seq follows commit order, so everything at or below the newest
	 * expired change goes: a cursor at or above the floor misses nothing. */
	sqlite3_stmt *q = fd_db_stmt(db, "SELECT max(seq) FROM srv_changes WHERE at < ?1", err);
	int64_t top = 0;
	if (!q)
		st = fd_error_status(err, FD_E_IO);
	else {
		sqlite3_bind_int64(q, 1, (int64_t)time(NULL) - (int64_t)keep_days * 86400);
		if (sqlite3_step(q) == SQLITE_ROW)
			top = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
	}
	if (!st && top > *floor) {
		q = fd_db_stmt(db, "DELETE FROM srv_changes WHERE seq <= ?1", err);
		if (!q)
			st = fd_error_status(err, FD_E_IO);
		else {
			sqlite3_bind_int64(q, 1, top);
			if (sqlite3_step(q) != SQLITE_DONE)
				st = fd_db_fail(db, err, "trimming the change log");
			sqlite3_reset(q);
		}
		snprintf(buf, sizeof buf, "%lld", (long long)top);
		if (!st)
			st = fd_db_meta_set(db, "changes_floor", buf, err);
		if (!st)
			*floor = top;
	}
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}
