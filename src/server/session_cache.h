// SPDX-License-Identifier: GPL-3.0-or-later
/* The session look-up cache of frontdeskd on SQLite (auth.c): what the
 * look-up of a session token answered, remembered with the revocation
 * generation it was read at (srv_auth_gen, sdb.c step 19). A remembered
 * answer stands only while the generation is still the same number: any
 * change that can end a session or change its answer (sign-out, a user
 * disabled or given another role, a password changed, a device revoked,
 * from whichever process) counts in the same transaction, so the very next
 * request of every thread reads the session again. One cache for the
 * process, shared by the pool threads. */
#ifndef FD_SERVER_SESSION_CACHE_H
#define FD_SERVER_SESSION_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"
#include "core/op.h"
#include "store/db.h"

/* A session as its look-up answers it. */
struct srv_session_entry {
	unsigned char hash[32]; /* the token's hash (srv_bearer) */
	int64_t gen;            /* the generation it was read at */
	char username[FD_USER_LEN];
	char device[FD_DEVICE_LEN];
	enum fd_role role;
	int64_t last_seen, expires;
};

struct srv_session_cache;

/* A cache for the sessions of db's hotel; NULL (err filled) when db lacks
 * the generation's table or triggers: without them a revocation would go
 * unseen, so nothing may be remembered. */
struct srv_session_cache *srv_session_cache_new(struct fd_db *db, struct fd_error *err);
void srv_session_cache_free(struct srv_session_cache *c);

/* The revocation generation as a new read of db sees it; -1 when it cannot
 * be read (then nothing is taken from the cache nor put in it). */
int64_t srv_auth_gen(struct fd_db *db);

/* The session of token hash remembered at generation gen (into *out). */
bool srv_session_cache_get(struct srv_session_cache *c, const unsigned char hash[32], int64_t gen,
                           struct srv_session_entry *out);
/* Remember e (its gen read before the look-up that gave it). */
void srv_session_cache_put(struct srv_session_cache *c, const struct srv_session_entry *e);
/* The session's last use was written back as last_seen. */
void srv_session_cache_seen(struct srv_session_cache *c, const unsigned char hash[32], int64_t last_seen);

#endif
