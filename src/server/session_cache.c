// SPDX-License-Identifier: GPL-3.0-or-later
/* The session look-up cache (session_cache.h). The look-up it saves joins
 * four tables for every request (a tenth of a single push's cost); reading
 * the generation is one row. Tokens are 256 random bits, so their hash
 * spreads them over the slots: a slot holds one session, and a newcomer
 * takes it (bounded memory; the one evicted is read again when it comes
 * back). */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "server/session_cache.h"

#define SLOTS 1024 /* a power of two; a busy hotel has a few hundred sessions */

/* The triggers of sdb.c step 19 (srv_auth_gen_*), each of four tables'
 * insert, delete and update. */
#define TRIGGERS 12

struct srv_session_cache {
	pthread_mutex_t lock;
	struct srv_session_entry slot[SLOTS];
	bool used[SLOTS];
};

struct srv_session_cache *srv_session_cache_new(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *q = fd_db_stmt(db,
	                             "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND"
	                             " name LIKE 'srv\\_auth\\_gen\\_%' ESCAPE '\\'",
	                             err);
	if (!q)
		return NULL;
	int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
	sqlite3_reset(q);
	if (n != TRIGGERS || srv_auth_gen(db) < 0) {
		fd_fail(err, FD_E_IO, "no_auth_gen", NULL,
		        "the database has %d of the %d triggers that count revocations (srv_auth_gen)", n,
		        TRIGGERS);
		return NULL;
	}
	struct srv_session_cache *c = calloc(1, sizeof *c);
	if (!c) {
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void srv_session_cache_free(struct srv_session_cache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c);
}

int64_t srv_auth_gen(struct fd_db *db)
{
	sqlite3_stmt *q = fd_db_stmt(db, "SELECT n FROM srv_auth_gen WHERE id = 1", NULL);
	if (!q)
		return -1;
	int64_t gen = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_reset(q);
	return gen;
}

static size_t slot_of(const unsigned char hash[32])
{
	size_t k = 0;
	memcpy(&k, hash, sizeof k);
	return k & (SLOTS - 1);
}

bool srv_session_cache_get(struct srv_session_cache *c, const unsigned char hash[32], int64_t gen,
                           struct srv_session_entry *out)
{
	size_t k = slot_of(hash);
	pthread_mutex_lock(&c->lock);
	bool hit = c->used[k] && c->slot[k].gen == gen && memcmp(c->slot[k].hash, hash, 32) == 0;
	if (hit)
		*out = c->slot[k];
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void srv_session_cache_put(struct srv_session_cache *c, const struct srv_session_entry *e)
{
	size_t k = slot_of(e->hash);
	pthread_mutex_lock(&c->lock);
	/* Never back to an older generation (a slower thread's look-up). */
	if (!c->used[k] || c->slot[k].gen <= e->gen || memcmp(c->slot[k].hash, e->hash, 32) != 0) {
		c->slot[k] = *e;
		c->used[k] = true;
	}
	pthread_mutex_unlock(&c->lock);
}

void srv_session_cache_seen(struct srv_session_cache *c, const unsigned char hash[32], int64_t last_seen)
{
	size_t k = slot_of(hash);
	pthread_mutex_lock(&c->lock);
	if (c->used[k] && memcmp(c->slot[k].hash, hash, 32) == 0 && c->slot[k].last_seen < last_seen)
		c->slot[k].last_seen = last_seen;
	pthread_mutex_unlock(&c->lock);
}
