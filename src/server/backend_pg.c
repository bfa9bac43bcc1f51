// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL (database = postgresql://...): the endpoints a
 * terminal needs to enrol, sign in, push and follow the change feed, and
 * the administration commands that set a hotel up (doc/scale-out.md says
 * what is built and what is not yet). The SQLite path stays as it is; each
 * of its entry points hands over to this file when s->pg is set.
 *
 * Every request thread has its own connection (a thread key). There is no
 * process-wide writer lock: PostgreSQL serializes the writers of one hotel
 * (src/pg/pg.h), whichever server process they run in. A push is one
 * transaction (pg_push.c): each operation's check for its recorded result,
 * its application by core, its result and the device's sequence commit
 * with the batch, so a retried push (another server, after a kill -9)
 * applies nothing twice. A listener thread LISTENs on the change channel and wakes
 * this server's long-polls whenever any server commits. */
#include "config.h"

#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/op_folio.h"
#include "pg/chain.h"
#include "pg/pg.h"
#include "server/log.h"
#include "server/pg_chain.h"
#include "server/reply.h"
#include "server/server.h"
#include "server/sign_in.h"
#include "store/ids.h"
#include "store/oplog.h"

struct srv_pg {
	pthread_key_t key; /* the thread's struct fd_pg */
	pthread_t listener;
	bool listening;
};

bool srv_pg_wanted(const struct srv_config *c)
{
	return strncmp(c->database, "postgresql:", 11) == 0 || strncmp(c->database, "postgres:", 9) == 0;
}

bool srv_pg_route_ok(const char *method, const char *pattern)
{
	/* By method too: a path served for one method (POST /v1/devices, the
	 * enrolment) may have others that are SQLite's alone (GET /v1/devices,
	 * the device list, would read the data directory's SQLite file). */
	static const char *const served[][2] = {{"GET", "/v1/health"},
	                                        {"POST", "/v1/devices"},
	                                        {"POST", "/v1/sessions"},
	                                        {"POST", "/v1/ops"},
	                                        {"GET", "/v1/changes"},
	                                        {"GET", "/v1/reports/chain"},
	                                        /* pg_feed.c, pg_lists.c, pg_conflicts.c */
	                                        {"GET", "/v1/snapshot"},
	                                        {"DELETE", "/v1/sessions/current"},
	                                        {"GET", "/v1/devices"},
	                                        {"POST", "/v1/devices/{id}/revoke"},
	                                        {"GET", "/v1/devices/current"},
	                                        {"POST", "/v1/conflicts/{id}/resolve"},
	                                        /* pg_read.c */
	                                        {"GET", "/v1/rooms"},
	                                        {"GET", "/v1/room-types"},
	                                        {"GET", "/v1/bookings"},
	                                        {"GET", "/v1/bookings/{code}"},
	                                        {"GET", "/v1/availability"},
	                                        {"GET", "/v1/metrics"},
	                                        {"GET", "/book"},
	                                        {"GET", "/book/{file}"},
	                                        /* pg_admin.c */
	                                        {"POST", "/v1/staff"},
	                                        {"POST", "/v1/staff/{username}/password"},
	                                        {"POST", "/v1/enroll-codes"},
	                                        /* public.c through pg_public.c */
	                                        {"GET", "/v1/public/availability"},
	                                        {"POST", "/v1/public/bookings"},
	                                        {"GET", "/v1/public/manage"},
	                                        {"POST", "/v1/public/manage"},
	                                        {"POST", "/v1/public/manage/cancel"},
	                                        {"GET", "/v1/public/manage/document"}};
	for (size_t i = 0; i < sizeof served / sizeof *served; i++)
		if (strcmp(method, served[i][0]) == 0 && strcmp(pattern, served[i][1]) == 0)
			return true;
	return false;
}

static void conn_close(void *p)
{
	fd_pg_close(p);
}

/* The calling thread's connection, opened on first use. */
static struct fd_pg *conn(struct srv *s, struct fd_error *err)
{
	return srv_pg_conn(s, err);
}

struct fd_pg *srv_pg_conn(struct srv *s, struct fd_error *err)
{
	struct srv_pg *b = s->pg;
	struct fd_pg *pg = pthread_getspecific(b->key);
	if (pg)
		return pg;
	pg = fd_pg_open(s->cfg.database, err);
	if (pg)
		pthread_setspecific(b->key, pg);
	return pg;
}

static void hex32(const unsigned char h[32], char out[65])
{
	sodium_bin2hex(out, 65, h, 32);
}

/* --- waking long-polls --- */

static void wake(struct srv *s)
{
	pthread_mutex_lock(&s->wait_lock);
	int64_t next = s->seq + 1;
	pthread_mutex_unlock(&s->wait_lock);
	srv_changed(s, next);
	srv_mail_wake(s); /* pg_mail.c: a document.send may have queued a mail */
}

/* The server's shutdown warning when a primary dies is not for our log:
 * the reconnection below says what matters. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static PGconn *listen_connect(const char *uri)
{
	PGconn *c = PQconnectdb(uri);
	PQsetNoticeProcessor(c, quiet, NULL);
	PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, "LISTEN " FD_PG_CHANNEL) : NULL;
	bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok) {
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* A new epoch (new-epoch's NOTIFY "epoch", or one missed while the
 * listener was away): this server's erasure list is re-applied at once,
 * even when no terminal asks anything (pg_erasures.c). */
static void epoch_check(struct srv *s, struct fd_pg **pg)
{
	struct fd_error err = {0};
	char epoch[SRV_EPOCH_LEN + 32];
	if (!*pg)
		*pg = fd_pg_open(s->cfg.database, &err);
	if (*pg && fd_pg_meta_get(*pg, "server_epoch", epoch, sizeof epoch, &err) == FD_OK)
		srv_pg_erasures_epoch(s, *pg, epoch);
	else {
		fd_pg_close(*pg);
		*pg = NULL;
	}
}

/* s->seq counts wake-ups here (each hotel numbers its own feed): a
 * long-poll parks at the count it saw and is answered when it moves. */
static void *listener_main(void *arg)
{
	struct srv *s = arg;
	PGconn *c = NULL;
	struct fd_pg *pg = NULL; /* for epoch_check, opened when first needed */
	while (!s->stopping) {
		if (!c || PQstatus(c) != CONNECTION_OK) {
			PQfinish(c);
			c = listen_connect(s->cfg.database);
			if (!c) {
				usleep(500 * 1000);
				continue;
			}
			epoch_check(s, &pg);
			wake(s); /* notices may have been missed meanwhile */
		}
		struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
		if (poll(&p, 1, 200) <= 0)
			continue;
		if (!PQconsumeInput(c))
			continue; /* reconnects above */
		bool any = false, epoch = false;
		PGnotify *n;
		while ((n = PQnotifies(c))) {
			any = true;
			epoch = epoch || (n->extra && strcmp(n->extra, "epoch") == 0);
			PQfreemem(n);
		}
		if (epoch)
			epoch_check(s, &pg);
		if (any)
			wake(s);
	}
	fd_pg_close(pg);
	PQfinish(c);
	return NULL;
}

int srv_pg_start(struct srv *s, struct fd_error *err)
{
	struct srv_pg *b = calloc(1, sizeof *b);
	if (!b)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	struct fd_pg *pg = fd_pg_open(s->cfg.database, err);
	if (!pg) {
		free(b);
		return 1;
	}
	/* The database's epoch: made once, by whichever server starts first. */
	static const char epoch_sql[] = "INSERT INTO meta (key, value) VALUES ('server_epoch', $1)"
	                                " ON CONFLICT (key) DO NOTHING";
	unsigned char raw[16];
	char hex[SRV_EPOCH_LEN];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	const char *p[] = {hex};
	if (fd_pg_do(pg, epoch_sql, 1, p, "making the epoch", err) ||
	    fd_pg_meta_get(pg, "server_epoch", s->epoch, sizeof s->epoch, err)) {
		fd_pg_close(pg);
		free(b);
		return 1;
	}
	srv_pg_feed_start(s, pg); /* pg_feed.c: trims the feed */
	/* Erasures outlive a restore: the list completed from the database,
	 * its guests erased again, before anything is served (pg_erasures.c). */
	srv_pg_erasures_epoch(s, pg, s->epoch);
	fd_pg_close(pg);
	pthread_key_create(&b->key, conn_close);
	s->pg = b;
	s->seq = 0;
	b->listening = pthread_create(&b->listener, NULL, listener_main, s) == 0;
	return 0;
}

void srv_pg_stop(struct srv *s)
{
	struct srv_pg *b = s->pg;
	if (!b)
		return;
	s->stopping = 1;
	if (b->listening)
		pthread_join(b->listener, NULL);
	struct fd_pg *pg = pthread_getspecific(b->key);
	if (pg) {
		pthread_setspecific(b->key, NULL);
		fd_pg_close(pg);
	}
	pthread_key_delete(b->key);
	free(b);
	s->pg = NULL;
}

/* --- authentication --- */

static bool bearer_hash(const struct srv_req *r, char hex[65])
{
	unsigned char h[32];
	if (!srv_bearer(r, h))
		return false;
	hex32(h, hex);
	return true;
}

enum fd_status srv_pg_auth_device(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                                  struct fd_error *err)
{
	char h[65];
	memset(c, 0, sizeof *c);
	if (!bearer_hash(r, h))
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "This call needs the device token (Authorization: Bearer).");
	struct fd_pg *pg = conn(s, err);
	if (!pg)
		return fd_error_status(err, FD_E_IO);
	static const char sql[] = "SELECT id, property_id, revoked FROM srv_devices WHERE token_hash = $1";
	const char *p[] = {h};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 1, p, &q, "reading a device", err);
	if (st)
		return st;
	bool revoked = PQntuples(q) == 1 && strcmp(PQgetvalue(q, 0, 2), "0") != 0;
	if (PQntuples(q) == 1 && !revoked) {
		snprintf(c->device, sizeof c->device, "%s", PQgetvalue(q, 0, 0));
		snprintf(c->property, sizeof c->property, "%s", PQgetvalue(q, 0, 1));
	}
	PQclear(q);
	/* A terminal told why it no longer gets in, as on SQLite (auth.c). */
	if (revoked)
		return fd_fail(err, FD_E_FORBIDDEN, "device_revoked", NULL,
		               "This terminal was revoked by an administrator; ask one for an enrolment code "
		               "and enrol it again (frontdesk enroll URL CODE).");
	if (!c->device[0])
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "Unknown or revoked device token; enrol this terminal again.");
	return FD_OK;
}

enum fd_status srv_pg_auth_session(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                                   struct fd_error *err)
{
	char h[65];
	memset(c, 0, sizeof *c);
	if (!bearer_hash(r, h))
		return fd_fail(err, FD_E_FORBIDDEN, "unauthorized", NULL,
		               "Sign in first: this call needs a session token (Authorization: Bearer).");
	struct fd_pg *pg = conn(s, err);
	if (!pg)
		return fd_error_status(err, FD_E_IO);
	/* The staff record of the session's hotel decides the role: a person
	 * disabled there loses the session at once. */
	static const char sql[] =
	    "SELECT s.username, s.device, s.property_id, s.last_seen, s.expires_at, st.role, cr.role"
	    " FROM srv_sessions s JOIN srv_devices d ON d.id = s.device AND d.revoked = 0"
	    " LEFT JOIN staff st ON st.property_id = s.property_id AND st.username = s.username"
	    " LEFT JOIN srv_chain_roles cr ON cr.username = s.username WHERE s.token_hash = $1"
	    " AND (st.active = 1 OR (st.username IS NULL AND cr.username IS NOT NULL))";
	const char *p[] = {h};
	PGresult *q;
	/* Read every time: no session cache here (session_cache.h). Other
	 * servers revoke too, and a marker to compare would cost the same round
	 * trip as this look-up. */
	atomic_fetch_add(&s->m.session_misses, 1);
	enum fd_status st = fd_pg_run(pg, sql, 1, p, &q, "reading a session", err);
	if (st)
		return st;
	int64_t now = (int64_t)time(NULL), last_seen = 0, expires = 0;
	bool found = PQntuples(q) == 1;
	if (found) {
		snprintf(c->username, sizeof c->username, "%s", PQgetvalue(q, 0, 0));
		snprintf(c->device, sizeof c->device, "%s", PQgetvalue(q, 0, 1));
		snprintf(c->property, sizeof c->property, "%s", PQgetvalue(q, 0, 2));
		last_seen = strtoll(PQgetvalue(q, 0, 3), NULL, 10);
		expires = strtoll(PQgetvalue(q, 0, 4), NULL, 10);
		c->no_role = PQgetisnull(q, 0, 5);
		if (!c->no_role)
			fd_role_parse(PQgetvalue(q, 0, 5), &c->role);
		if (!PQgetisnull(q, 0, 6))
			fd_chain_role_parse(PQgetvalue(q, 0, 6), &c->chain);
		c->session = true;
		snprintf(c->session_id, sizeof c->session_id, "%.16s", h);
	}
	PQclear(q);
	if ((st = srv_session_judge(s, found, now, last_seen, expires, err)))
		return st;
	if (now - last_seen >= SRV_SESSION_TOUCH) {
		static const char touch[] = "UPDATE srv_sessions SET last_seen = $1 WHERE token_hash = $2";
		char t[24];
		snprintf(t, sizeof t, "%lld", (long long)now);
		const char *a[] = {t, h};
		fd_pg_do(pg, touch, 2, a, "refreshing a session", NULL);
	}
	return FD_OK;
}

/* --- enrolling and signing in on PostgreSQL: the store's steps (sign_in.h) --- */

static enum fd_status enroll(struct srv *s, const struct srv_new_device *d, bool *valid, struct fd_error *err)
{
	struct fd_pg *pg = conn(s, err);
	if (!pg) /* never FD_OK: the flow would read it as a bad code */
		return fd_error_status(err, FD_E_IO);
	char ch[65], tokh[65], now[24];
	hex32(d->code_hash, ch);
	hex32(d->token_hash, tokh);
	snprintf(now, sizeof now, "%lld", (long long)d->now);
	/* One statement: the code is used up and the device enrolled into the
	 * code's hotel together, or neither (a code used twice at once by two
	 * servers enrols one device). */
	static const char sql[] =
	    "WITH c AS (UPDATE srv_enroll_codes SET used = 1 WHERE hash = $1 AND used = 0 AND expires_at > $2"
	    " RETURNING property_id)"
	    " INSERT INTO srv_devices (id, property_id, name, token_hash, enrolled_at)"
	    " SELECT $3, c.property_id, $4, $5, $2 FROM c RETURNING property_id";
	const char *p[] = {ch, now, d->id, d->name, tokh};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 5, p, &q, "enrolling a device", err);
	if (st)
		return st;
	*valid = PQntuples(q) == 1;
	PQclear(q);
	return FD_OK;
}

/* The person's password, and their staff record in the device's hotel. */
static enum fd_status read_account(struct srv *s, const struct srv_caller *dev, const char *user,
                                   struct srv_account *a, struct fd_error *err)
{
	struct fd_pg *pg = conn(s, err);
	if (!pg)
		return err->status;
	static const char sql[] =
	    "SELECT c.hash, coalesce(st.role, ''), coalesce(st.display_name, c.username), c.sign_salt,"
	    " coalesce(cr.role, '') FROM srv_credentials c"
	    " LEFT JOIN staff st ON st.username = c.username AND st.property_id = $2"
	    " LEFT JOIN srv_chain_roles cr ON cr.username = c.username WHERE c.username = $1"
	    " AND (st.active = 1 OR (st.username IS NULL AND cr.username IS NOT NULL))";
	const char *p[] = {user, dev->property};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 2, p, &q, "reading a user", err);
	if (st)
		return st;
	if (PQntuples(q) == 1) {
		snprintf(a->hash, sizeof a->hash, "%s", PQgetvalue(q, 0, 0));
		snprintf(a->role, sizeof a->role, "%s", PQgetvalue(q, 0, 1));
		snprintf(a->display, sizeof a->display, "%s", PQgetvalue(q, 0, 2));
		snprintf(a->salt, sizeof a->salt, "%s", PQgetvalue(q, 0, 3));
		snprintf(a->chain, sizeof a->chain, "%s", PQgetvalue(q, 0, 4));
	}
	PQclear(q);
	return FD_OK;
}

/* A verifier made at another cost than today's is made again from the
 * password just checked (auth.c's rule; PostgreSQL has no throwaway
 * hotel). Best effort, as the signing key: the sign-in goes on without. A
 * password changed meanwhile is kept: only the hash read is replaced. */
static void renew_hash(struct fd_pg *pg, const char *user, const char *pw, const char *old)
{
	char hash[crypto_pwhash_STRBYTES], now[24];
	struct fd_error err = {0};
	if (srv_password_hash(pw, hash, &err)) {
		srv_log(SRV_LOG_WARNING, "the password of \"%s\" keeps its old cost: %s", user, err.message);
		return;
	}
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	static const char sql[] =
	    "UPDATE srv_credentials SET hash = $2, updated_at = $4 WHERE username = $1 AND hash = $3";
	const char *p[] = {user, hash, old, now};
	if (fd_pg_do(pg, sql, 4, p, "renewing a password's verifier", &err))
		srv_log(SRV_LOG_WARNING, "the password of \"%s\" keeps its old cost: %s", user, err.message);
	sodium_memzero(hash, sizeof hash);
}

static enum fd_status open_session(struct srv *s, const struct srv_caller *dev, const char *user,
                                   const char *pw, struct srv_account *a, const struct srv_new_session *ns,
                                   struct fd_error *err)
{
	struct fd_pg *pg = conn(s, err);
	if (!pg)
		return err->status;
	if (srv_password_stale(a->hash, false))
		renew_hash(pg, user, pw, a->hash);
	if (!a->salt[0]) /* pg_actor.c: a password set before the key was */
		srv_pg_sign_key(pg, user, pw, a->salt, sizeof a->salt);
	char tokh[65], now[24], until[24];
	hex32(ns->token_hash, tokh);
	snprintf(now, sizeof now, "%lld", (long long)ns->now);
	snprintf(until, sizeof until, "%lld", (long long)(ns->now + s->cfg.session_max));
	static const char ins[] =
	    "INSERT INTO srv_sessions (token_hash, property_id, username, device, created_at,"
	    " last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)";
	const char *v[] = {tokh, dev->property, user, dev->device, now, until};
	enum fd_status st = fd_pg_do(pg, ins, 6, v, "saving a session", err);
	return st ? st : srv_pg_note_device_user(pg, dev->property, dev->device, user, err); /* pg_lists.c */
}

const struct srv_sign_in_store srv_pg_sign_in = {
    .enroll = enroll,
    .auth_device = srv_pg_auth_device,
    .throttle_wait = srv_pg_throttle_wait, /* pg_throttle.c */
    .throttle_note = srv_pg_throttle_note,
    .read_account = read_account,
    .open_session = open_session,
};

/* --- pushes: pg_push.c (a batch in one transaction) --- */

/* --- administration: the table of commands in pg_commands.c --- */
