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
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

static enum fd_status make_epoch(struct fd_db *db, struct fd_error *err)
{
	return srv_epoch_renew(db, err);
}

static const struct fd_migration server_migrations[] = {
    {1, server_v1, make_epoch},
    {2, server_v2, NULL},
};

void srv_db_path(const char *data_dir, char *out, size_t size)
{
	snprintf(out, size, "%s/frontdeskd.db", data_dir);
}

static enum fd_status change_hook(void *ctx, struct fd_db *db, const char *entity, const char *id,
                                  struct fd_error *err)
{
	return srv_record_change(db, ctx, entity, id, err);
}

enum fd_status srv_record_change(struct fd_db *db, struct srv_hook *hook, const char *entity, const char *id,
                                 struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT OR REPLACE INTO srv_changes (entity, entity_id, op_id)"
	                             " VALUES (?1, ?2, ?3)",
	                             err);
	if (!s)
		return err ? err->status : FD_E_IO;
	sqlite3_bind_text(s, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, hook ? hook->op_id : "", -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return fd_db_fail(db, err, "recording a change");
	if (hook)
		hook->last_seq = sqlite3_last_insert_rowid(fd_db_handle(db));
	return FD_OK;
}

struct fd_db *srv_db_open(const char *data_dir, bool create, struct srv_hook *hook, struct fd_error *err)
{
	char path[600];
	if (create)
		mkdir(data_dir, 0700);
	srv_db_path(data_dir, path, sizeof path);
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
