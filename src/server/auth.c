// SPDX-License-Identifier: GPL-3.0-or-later
/* Authentication: device enrolment, sign-in sessions, password hashing and
 * sign-in throttling.
 *
 * Tokens are 256 random bits sent as base64url bearer tokens; the database
 * keeps only their BLAKE2b hash (crypto_generichash), so a stolen database
 * file holds no usable token. Sessions expire after an idle time and at an
 * absolute age; disabling a user or revoking a device ends them at once
 * (the look-up joins the staff row and the device row; a session remembered
 * by session_cache.h stands only while no such change has been counted).
 *
 * Throttling (in memory): failed sign-ins grow a delay per (account, address)
 * pair and per address, up to a minute, forgotten after 15 quiet minutes. An
 * account alone (from any address) gets only a short delay (at most 5 s), so
 * an attacker elsewhere cannot lock a receptionist out of their own desk. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/reply.h"
#include "server/log.h"
#include "server/server.h"
#include "server/session_cache.h"
#include "server/sign_in.h"
#include "store/audit.h"
#include "store/ids.h"

/* Argon2id's cost. The fuzzing build of the request handlers
 * (tests/fuzz/fuzz_http) takes the cheapest, or each sign-in it tries would
 * cost a tenth of a second; never a build that is installed. */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define PW_OPSLIMIT crypto_pwhash_OPSLIMIT_MIN
#define PW_MEMLIMIT crypto_pwhash_MEMLIMIT_MIN
#else
#define PW_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PW_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE
#endif

enum fd_status srv_password_check_policy(const char *pw, struct fd_error *err)
{
	size_t n = strlen(pw);
	if (n < 8 || n > 128)
		return fd_fail(err, FD_E_INVALID, "weak_password", "password",
		               "A password must have 8 to 128 characters (this one has %zu).", n);
	return FD_OK;
}

bool srv_throwaway_hotel(struct fd_db *db)
{
	char flag[8] = "";
	return fd_db_meta_get(db, SRV_THROWAWAY_KEY, flag, sizeof flag, NULL) == FD_OK &&
	       strcmp(flag, "1") == 0;
}

/* The verifier's cost: the throwaway hotel's are libsodium's minimum (its
 * password is published; see srv_throwaway_hotel), every other's the full
 * interactive one. */
static void password_cost(bool throwaway, unsigned long long *ops, size_t *mem)
{
	*ops = throwaway ? crypto_pwhash_OPSLIMIT_MIN : PW_OPSLIMIT;
	*mem = throwaway ? crypto_pwhash_MEMLIMIT_MIN : PW_MEMLIMIT;
}

static enum fd_status password_hash(const char *pw, bool throwaway, char *out, struct fd_error *err)
{
	unsigned long long ops;
	size_t mem;
	password_cost(throwaway, &ops, &mem);
	if (crypto_pwhash_str(out, pw, strlen(pw), ops, mem) != 0)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Not enough memory to hash a password.");
	return FD_OK;
}

enum fd_status srv_password_hash(const char *pw, char *out, struct fd_error *err)
{
	return password_hash(pw, false, out, err);
}

bool srv_password_stale(const char *hash, bool throwaway)
{
	unsigned long long ops;
	size_t mem;
	password_cost(throwaway, &ops, &mem);
	return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}

enum fd_status srv_set_password(struct fd_db *db, const char *user, const char *pw, struct fd_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	enum fd_status st = srv_password_check_policy(pw, err);
	if (st || (st = password_hash(pw, srv_throwaway_hotel(db), hash, err)))
		return st;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT INTO srv_credentials (username, hash, updated_at)"
	                             " VALUES (?1, ?2, ?3) ON CONFLICT(username) DO UPDATE SET"
	                             " hash = excluded.hash, updated_at = excluded.updated_at",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	if (sqlite3_step(s) != SQLITE_DONE)
		return fd_db_fail(db, err, "saving a password");
	return srv_set_sign_key(db, user, pw, NULL, err);
}

enum fd_status srv_share_password(struct fd_db *db, const char *from, const char *user, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT INTO srv_credentials (username, hash, updated_at)"
	                             " SELECT ?2, hash, ?3 FROM srv_credentials WHERE username = ?1"
	                             " ON CONFLICT(username) DO UPDATE SET hash = excluded.hash,"
	                             " updated_at = excluded.updated_at, sign_salt = '', sign_pk = ''",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	if (sqlite3_step(s) != SQLITE_DONE)
		return fd_db_fail(db, err, "saving a password");
	if (sqlite3_changes(fd_db_handle(db)) != 1)
		return fd_fail(err, FD_E_NOT_FOUND, "not_found", "username", "%s has no password to share.",
		               from);
	return FD_OK;
}

enum fd_status srv_set_sign_key(struct fd_db *db, const char *user, const char *pw,
                                char salt[FD_SIGN_SALT_HEX], struct fd_error *err)
{
	char fresh[FD_SIGN_SALT_HEX], pk[FD_SIGN_PK_HEX];
	fd_sign_new_salt(fresh);
	enum fd_status st = fd_sign_derive(
	    pw, fresh, srv_throwaway_hotel(db) ? FD_SIGN_THROWAWAY : FD_SIGN_FULL, pk, NULL, err);
	if (st)
		return st;
	sqlite3_stmt *s = fd_db_stmt(
	    db, "UPDATE srv_credentials SET sign_salt = ?2, sign_pk = ?3 WHERE username = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, fresh, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pk, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return fd_db_fail(db, err, "saving a signing key");
	if (salt)
		memcpy(salt, fresh, FD_SIGN_SALT_HEX);
	return FD_OK;
}

enum fd_status srv_end_sessions(struct fd_db *db, const char *user, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "DELETE FROM srv_sessions WHERE username = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	return sqlite3_step(s) == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "ending sessions");
}

enum fd_status srv_enroll_code_new(struct fd_db *db, int64_t ttl, char out[SRV_TOKEN_LEN],
                                   struct fd_error *err)
{
	unsigned char h[32];
	srv_token_new(out);
	srv_token_hash(out, h);
	sqlite3_stmt *s =
	    fd_db_stmt(db, "INSERT INTO srv_enroll_codes (hash, expires_at) VALUES (?1, ?2)", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_blob(s, 1, h, sizeof h, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL) + ttl);
	return sqlite3_step(s) == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "saving an enrolment code");
}

/* --- bearer tokens --- */

bool srv_bearer(const struct srv_req *r, unsigned char hash[32])
{
	const char *a = r->authorization;
	if (!a || strncmp(a, "Bearer ", 7) != 0)
		return false;
	a += 7;
	size_t n = strlen(a);
	if (n < 16 || n >= SRV_TOKEN_LEN)
		return false;
	srv_token_hash(a, hash);
	return true;
}

enum fd_status srv_auth_device(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                               struct fd_error *err)
{
	unsigned char h[32];
	if (s->pg)
		return srv_pg_auth_device(s, r, c, err);
	memset(c, 0, sizeof *c);
	if (!srv_bearer(r, h))
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "This call needs the device token (Authorization: Bearer).");
	struct fd_db *db = srv_reader(s, err);
	if (!db)
		return fd_error_status(err, FD_E_IO);
	sqlite3_stmt *q =
	    fd_db_stmt(db, "SELECT id, token_hash, revoked FROM srv_devices WHERE token_hash = ?1", err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_blob(q, 1, h, sizeof h, SQLITE_STATIC);
	enum fd_status st = FD_E_FORBIDDEN;
	bool revoked = false;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_bytes(q, 1) == 32 &&
	    sodium_memcmp(sqlite3_column_blob(q, 1), h, 32) == 0) {
		snprintf(c->device, sizeof c->device, "%s", sqlite3_column_text(q, 0));
		revoked = sqlite3_column_int(q, 2) != 0;
		st = revoked ? FD_E_FORBIDDEN : FD_OK;
	}
	sqlite3_reset(q);
	/* A terminal told why it no longer gets in (the administration pane). */
	if (revoked)
		return fd_fail(err, FD_E_FORBIDDEN, "device_revoked", NULL,
		               "This terminal was revoked by an administrator; ask one for an enrolment code "
		               "and enrol it again (frontdesk enroll URL CODE).");
	if (st)
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "Unknown or revoked device token; enrol this terminal again.");
	return FD_OK;
}

/* The look-up itself: the session of token hash h with its user (active),
 * device (not revoked) and credentials. FD_OK, FD_E_NOT_FOUND, or FD_E_IO
 * (err filled) when it cannot be read. */
static enum fd_status session_read(struct fd_db *db, const unsigned char h[32], struct srv_session_entry *e,
                                   struct fd_error *err)
{
	sqlite3_stmt *q =
	    fd_db_stmt(db,
	               "SELECT s.token_hash, s.username, s.device, s.last_seen, s.expires_at, st.role"
	               " FROM srv_sessions s JOIN staff st ON st.username = s.username AND st.active = 1"
	               " JOIN srv_devices d ON d.id = s.device AND d.revoked = 0"
	               " JOIN srv_credentials cr ON cr.username = s.username"
	               " WHERE s.token_hash = ?1",
	               err);
	if (!q)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_blob(q, 1, h, 32, SQLITE_STATIC);
	enum fd_status found = FD_E_NOT_FOUND;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_bytes(q, 0) == 32 &&
	    sodium_memcmp(sqlite3_column_blob(q, 0), h, 32) == 0) {
		found = FD_OK;
		memcpy(e->hash, h, 32);
		snprintf(e->username, sizeof e->username, "%s", sqlite3_column_text(q, 1));
		snprintf(e->device, sizeof e->device, "%s", sqlite3_column_text(q, 2));
		e->last_seen = sqlite3_column_int64(q, 3);
		e->expires = sqlite3_column_int64(q, 4);
		e->role = FD_ROLE_GUEST;
		fd_role_parse((const char *)sqlite3_column_text(q, 5), &e->role);
	}
	sqlite3_reset(q);
	return found;
}

/* The session from the cache (session_cache.h) when it was remembered at
 * the generation the database has now and is still within its idle and
 * absolute time by what was remembered (a last use remembered is never
 * later than the one written); anything else is read again, and the rule
 * judges what the database says. */
static enum fd_status session_find(struct srv *s, struct fd_db *db, const unsigned char h[32], int64_t now,
                                   struct srv_session_entry *e, struct fd_error *err)
{
	int64_t gen = s->sessions ? srv_auth_gen(db) : -1;
	struct fd_error scratch;
	if (gen >= 0 && srv_session_cache_get(s->sessions, h, gen, e) &&
	    srv_session_judge(s, true, now, e->last_seen, e->expires, &scratch) == FD_OK) {
		atomic_fetch_add(&s->m.session_hits, 1);
		return FD_OK;
	}
	if (gen >= 0)
		atomic_fetch_add(&s->m.session_misses, 1);
	enum fd_status found = session_read(db, h, e, err);
	if (found == FD_OK && gen >= 0) {
		e->gen = gen; /* read before: a revocation since has moved it on */
		srv_session_cache_put(s->sessions, e);
	}
	return found;
}

enum fd_status srv_auth_session(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                                struct fd_error *err)
{
	unsigned char h[32];
	if (s->pg)
		return srv_pg_auth_session(s, r, c, err);
	memset(c, 0, sizeof *c);
	if (!srv_bearer(r, h))
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "Sign in first: this call needs a session token (Authorization: Bearer).");
	struct fd_db *db = srv_reader(s, err);
	if (!db)
		return fd_error_status(err, FD_E_IO);
	int64_t now = (int64_t)time(NULL);
	struct srv_session_entry e = {0};
	enum fd_status st = session_find(s, db, h, now, &e, err);
	if (st != FD_OK && st != FD_E_NOT_FOUND)
		return st;
	st = srv_session_judge(s, st == FD_OK, now, e.last_seen, e.expires, err);
	if (st)
		return st;
	snprintf(c->username, sizeof c->username, "%s", e.username);
	snprintf(c->device, sizeof c->device, "%s", e.device);
	c->role = e.role;
	c->session = true;
	fd_audit_session_id_hash(h, c->session_id);
	if (now - e.last_seen >= SRV_SESSION_TOUCH) {
		/* Refresh the idle clock now and then, not at every request. */
		pthread_mutex_lock(&s->wlock);
		sqlite3_stmt *u =
		    fd_db_stmt(s->wdb, "UPDATE srv_sessions SET last_seen = ?1 WHERE token_hash = ?2", NULL);
		if (u) {
			sqlite3_bind_int64(u, 1, now);
			sqlite3_bind_blob(u, 2, h, sizeof h, SQLITE_STATIC);
			if (sqlite3_step(u) == SQLITE_DONE && s->sessions)
				srv_session_cache_seen(s->sessions, h, now);
			sqlite3_reset(u);
		}
		pthread_mutex_unlock(&s->wlock);
	}
	return FD_OK;
}

enum fd_status srv_session_judge(const struct srv *s, bool found, int64_t now, int64_t last_seen,
                                 int64_t expires, struct fd_error *err)
{
	if (!found)
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "Unknown or ended session; sign in again.");
	if (now >= expires || now - last_seen >= s->cfg.session_idle)
		return fd_fail(err, FD_E_FORBIDDEN, "session_expired", NULL,
		               "The session has expired; sign in again.");
	return FD_OK;
}

#define SCRAPE_KEY "metrics_token_hash"

enum fd_status srv_scrape_token_new(struct fd_db *db, char out[SRV_TOKEN_LEN], struct fd_error *err)
{
	unsigned char h[32];
	char hex[65];
	srv_token_new(out);
	srv_token_hash(out, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return fd_db_meta_set(db, SCRAPE_KEY, hex, err);
}

bool srv_auth_scrape(struct srv *s, const struct srv_req *r)
{
	unsigned char h[32], want[32];
	char hex[80] = "";
	size_t n = 0;
	struct fd_db *db = srv_reader(s, NULL);
	if (!db || !srv_bearer(r, h) || fd_db_meta_get(db, SCRAPE_KEY, hex, sizeof hex, NULL) != FD_OK ||
	    sodium_hex2bin(want, sizeof want, hex, strlen(hex), NULL, &n, NULL) != 0 || n != sizeof want)
		return false;
	return sodium_memcmp(h, want, sizeof h) == 0;
}

void srv_note_pull(struct srv *s, const char *device)
{
	struct fd_db *db = srv_reader(s, NULL);
	if (!db)
		return;
	sqlite3_stmt *q = fd_db_stmt(db, "SELECT last_pull_at FROM srv_devices WHERE id = ?1", NULL);
	if (!q)
		return;
	sqlite3_bind_text(q, 1, device, -1, SQLITE_STATIC);
	int64_t now = (int64_t)time(NULL), last = now;
	if (sqlite3_step(q) == SQLITE_ROW)
		last = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (now - last < SRV_PULL_NOTE_EVERY) /* the sync-lag metric's resolution */
		return;
	pthread_mutex_lock(&s->wlock);
	sqlite3_stmt *u = fd_db_stmt(s->wdb, "UPDATE srv_devices SET last_pull_at = ?1 WHERE id = ?2", NULL);
	if (u) {
		sqlite3_bind_int64(u, 1, now);
		sqlite3_bind_text(u, 2, device, -1, SQLITE_STATIC);
		sqlite3_step(u);
		sqlite3_reset(u);
	}
	pthread_mutex_unlock(&s->wlock);
}

/* --- throttling --- */

#define THROTTLE_SLOTS 4096

struct srv_throttle {
	char key[FD_USER_LEN + 64];
	int fails;
	int64_t last, next_ok;
};

static struct srv_throttle *throttle_slot(struct srv *s, const char *key, bool create)
{
	if (!s->throttle && !(s->throttle = calloc(THROTTLE_SLOTS, sizeof *s->throttle)))
		return NULL;
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	struct srv_throttle *t = &s->throttle[h % THROTTLE_SLOTS];
	if (strcmp(t->key, key) != 0) {
		if (!create)
			return NULL;
		/* A collision evicts the older entry: bounded memory. */
		memset(t, 0, sizeof *t);
		snprintf(t->key, sizeof t->key, "%s", key);
	}
	if (time(NULL) - t->last > 15 * 60)
		t->fails = 0, t->next_ok = 0;
	return t;
}

static int64_t delay_for(int fails, int free_tries, int64_t cap)
{
	if (fails < free_tries)
		return 0;
	/* 2, 4, 8 ... seconds (clocks tick in whole seconds, so 1 s could be 0) */
	int64_t d = (int64_t)2 << (fails - free_tries < 10 ? fails - free_tries : 10);
	return d < cap ? d : cap;
}

/* Seconds to wait before another try (0: go ahead). */
static int64_t throttle_wait(struct srv *s, const char *user, const char *ip)
{
	char k[3][FD_USER_LEN + 64];
	snprintf(k[0], sizeof k[0], "u:%s", user);
	snprintf(k[1], sizeof k[1], "p:%s|%s", user, ip);
	snprintf(k[2], sizeof k[2], "i:%s", ip);
	int64_t now = (int64_t)time(NULL), wait = 0;
	pthread_mutex_lock(&s->throttle_lock);
	for (int i = 0; i < 3; i++) {
		struct srv_throttle *t = throttle_slot(s, k[i], false);
		if (t && t->next_ok - now > wait)
			wait = t->next_ok - now;
	}
	pthread_mutex_unlock(&s->throttle_lock);
	return wait;
}

static void throttle_note(struct srv *s, const char *user, const char *ip, bool ok)
{
	static const struct {
		const char *fmt;
		int free_tries;
		int64_t cap;
	} rules[3] = {
	    {"u:%s%.0s", 10, 5},
	    {"p:%s|%s", 3, 60},
	    {"i:%.0s%s", 10, 60},
	};
	int64_t now = (int64_t)time(NULL);
	pthread_mutex_lock(&s->throttle_lock);
	for (int i = 0; i < 3; i++) {
		char key[FD_USER_LEN + 64];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(key, sizeof key, rules[i].fmt, user, ip);
#pragma GCC diagnostic pop
		struct srv_throttle *t = throttle_slot(s, key, !ok);
		if (!t)
			continue;
		if (ok && i < 2) {
			t->fails = 0, t->next_ok = 0;
			continue;
		}
		if (ok)
			continue;
		t->fails++;
		t->last = now;
		t->next_ok = now + delay_for(t->fails, rules[i].free_tries, rules[i].cap);
	}
	pthread_mutex_unlock(&s->throttle_lock);
}

void srv_throttle_free(struct srv *s)
{
	free(s->throttle);
	s->throttle = NULL;
}

/* --- enrolling and signing in on SQLite: the store's steps (sign_in.h) --- */

static enum fd_status enroll(struct srv *s, const struct srv_new_device *d, bool *valid, struct fd_error *err)
{
	pthread_mutex_lock(&s->wlock);
	struct fd_db *db = s->wdb;
	enum fd_status st = fd_db_begin(db, err);
	*valid = false;
	if (!st) {
		sqlite3_stmt *q = fd_db_stmt(db,
		                             "UPDATE srv_enroll_codes SET used = 1 WHERE hash = ?1"
		                             " AND used = 0 AND expires_at > ?2",
		                             err);
		if (q) {
			sqlite3_bind_blob(q, 1, d->code_hash, sizeof d->code_hash, SQLITE_STATIC);
			sqlite3_bind_int64(q, 2, d->now);
			if (sqlite3_step(q) == SQLITE_DONE)
				*valid = sqlite3_changes(fd_db_handle(db)) == 1;
			else
				st = fd_db_fail(db, err, "using an enrolment code");
		} else {
			st = err->status;
		}
	}
	if (!st && *valid) {
		sqlite3_stmt *q = fd_db_stmt(db,
		                             "INSERT INTO srv_devices (id, name, token_hash, enrolled_at)"
		                             " VALUES (?1, ?2, ?3, ?4)",
		                             err);
		if (!q)
			st = err->status;
		else {
			sqlite3_bind_text(q, 1, d->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, d->name, -1, SQLITE_STATIC);
			sqlite3_bind_blob(q, 3, d->token_hash, sizeof d->token_hash, SQLITE_STATIC);
			sqlite3_bind_int64(q, 4, d->now);
			if (sqlite3_step(q) != SQLITE_DONE)
				st = fd_db_fail(db, err, "enrolling a device");
		}
	}
	if (!st && *valid)
		st = fd_db_commit(db, err);
	else
		fd_db_rollback(db);
	pthread_mutex_unlock(&s->wlock);
	return st;
}

static enum fd_status read_account(struct srv *s, const struct srv_caller *dev, const char *user,
                                   struct srv_account *a, struct fd_error *err)
{
	(void)dev;
	struct fd_db *db = srv_reader(s, err);
	if (!db)
		return err->status;
	sqlite3_stmt *q =
	    fd_db_stmt(db,
	               "SELECT c.hash, st.role, st.display_name, c.sign_salt FROM srv_credentials c"
	               " JOIN staff st ON st.username = c.username AND st.active = 1"
	               " WHERE c.username = ?1",
	               err);
	if (!q)
		return err->status;
	sqlite3_bind_text(q, 1, user, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		snprintf(a->hash, sizeof a->hash, "%s", sqlite3_column_text(q, 0));
		snprintf(a->role, sizeof a->role, "%s", sqlite3_column_text(q, 1));
		snprintf(a->display, sizeof a->display, "%s", sqlite3_column_text(q, 2));
		snprintf(a->salt, sizeof a->salt, "%s", sqlite3_column_text(q, 3));
	}
	sqlite3_reset(q);
	return FD_OK;
}

/* A hash made with a lower cost than today's is made again from the
 * password just checked; an account from before signing keys gets one. */
static enum fd_status renew_keys(struct srv *s, const char *user, const char *pw, struct srv_account *a,
                                 struct fd_error *err)
{
	bool rehash = srv_password_stale(a->hash, srv_throwaway_hotel(s->wdb));
	enum fd_status st = rehash ? srv_set_password(s->wdb, user, pw, err) : FD_OK;
	if (st || !(rehash || !a->salt[0]))
		return st;
	sqlite3_stmt *k =
	    fd_db_stmt(s->wdb, "SELECT sign_salt FROM srv_credentials WHERE username = ?1", err);
	a->salt[0] = '\0';
	if (k) {
		sqlite3_bind_text(k, 1, user, -1, SQLITE_STATIC);
		if (sqlite3_step(k) == SQLITE_ROW)
			snprintf(a->salt, sizeof a->salt, "%s", sqlite3_column_text(k, 0));
		sqlite3_reset(k);
	}
	return a->salt[0] ? FD_OK : srv_set_sign_key(s->wdb, user, pw, a->salt, err);
}

static enum fd_status save_session(struct srv *s, const struct srv_caller *dev, const char *user,
                                   const struct srv_new_session *ns, struct fd_error *err)
{
	sqlite3_stmt *ins = fd_db_stmt(s->wdb,
	                               "INSERT INTO srv_sessions (token_hash, username, device, "
	                               "created_at, last_seen, expires_at)"
	                               " VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
	                               err);
	if (!ins)
		return err->status;
	sqlite3_bind_blob(ins, 1, ns->token_hash, sizeof ns->token_hash, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, dev->device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 4, ns->now);
	sqlite3_bind_int64(ins, 5, ns->now + s->cfg.session_max);
	if (sqlite3_step(ins) != SQLITE_DONE)
		return fd_db_fail(s->wdb, err, "saving a session");
	sqlite3_stmt *du = fd_db_stmt(s->wdb,
	                              "INSERT INTO srv_device_users (device, username, first_at,"
	                              " last_at) VALUES (?1, ?2, ?3, ?3) ON CONFLICT (device,"
	                              " username) DO UPDATE SET last_at = excluded.last_at",
	                              err);
	if (!du)
		return err->status;
	sqlite3_bind_text(du, 1, dev->device, -1, SQLITE_STATIC);
	sqlite3_bind_text(du, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(du, 3, ns->now);
	enum fd_status st =
	    sqlite3_step(du) == SQLITE_DONE ? FD_OK : fd_db_fail(s->wdb, err, "recording the device's user");
	sqlite3_reset(du);
	return st;
}

static enum fd_status open_session(struct srv *s, const struct srv_caller *dev, const char *user,
                                   const char *pw, struct srv_account *a, const struct srv_new_session *ns,
                                   struct fd_error *err)
{
	pthread_mutex_lock(&s->wlock);
	enum fd_status st = renew_keys(s, user, pw, a, err);
	if (!st)
		st = save_session(s, dev, user, ns, err);
	pthread_mutex_unlock(&s->wlock);
	return st;
}

const struct srv_sign_in_store srv_sqlite_sign_in = {
    .enroll = enroll,
    .auth_device = srv_auth_device,
    .throttle_wait = throttle_wait,
    .throttle_note = throttle_note,
    .read_account = read_account,
    .open_session = open_session,
};

/* --- endpoints --- */

void srv_api_sign_out(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	if (s->pg) {
		srv_pg_sign_out(s, r, out); /* pg_lists.c */
		return;
	}
	struct fd_error err = {0};
	struct srv_caller c;
	unsigned char h[32];
	if (srv_auth_session(s, r, &c, &err) && strcmp(err.code, "session_expired") != 0) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_token_hash(r->authorization + 7, h);
	pthread_mutex_lock(&s->wlock);
	sqlite3_stmt *q = fd_db_stmt(s->wdb, "DELETE FROM srv_sessions WHERE token_hash = ?1", &err);
	if (q) {
		sqlite3_bind_blob(q, 1, h, sizeof h, SQLITE_STATIC);
		sqlite3_step(q);
		sqlite3_reset(q);
	}
	pthread_mutex_unlock(&s->wlock);
	srv_resp_json(out, 200, cJSON_CreateObject());
}

/* For backend_pg.c: the same throttling (kept in this process's memory). */
int64_t srv_throttle_wait(struct srv *s, const char *user, const char *source)
{
	return throttle_wait(s, user, source);
}

void srv_throttle_note(struct srv *s, const char *user, const char *source, bool ok)
{
	throttle_note(s, user, source, ok);
}
