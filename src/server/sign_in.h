// SPDX-License-Identifier: GPL-3.0-or-later
/* Enrolling a device (POST /v1/devices) and signing in (POST /v1/sessions):
 * one flow each for both stores. The flow holds the rules (who is
 * throttled, how a password is checked, what the answer says); each store
 * gives the steps that read or write its tables. */
#ifndef FD_SERVER_SIGN_IN_H
#define FD_SERVER_SIGN_IN_H

#include <sodium.h>

#include "server/server.h"

/* The account being signed into, as the store read it ("" when unknown). */
struct srv_account {
	char hash[crypto_pwhash_STRBYTES];
	char role[16];
	char display[FD_NAME_LEN];
	char salt[FD_SIGN_SALT_HEX]; /* the signing key's salt; "" before it exists */
	char chain[16];              /* PostgreSQL: the person's chain role, or "" */
};

/* A new session: the hash of its token, and when it was made. */
struct srv_new_session {
	unsigned char token_hash[32];
	int64_t now;
};

/* A device to enrol: the hash of the one-time code it came with, its new
 * id and token's hash, the name it gave, and when. */
struct srv_new_device {
	unsigned char code_hash[32];
	unsigned char token_hash[32];
	char id[FD_ID_LEN];
	const char *name;
	int64_t now;
};

struct srv_sign_in_store {
	/* Use up the code and enrol the device together, or neither; *valid
	 * false when the code is unknown, used or expired. */
	enum fd_status (*enroll)(struct srv *s, const struct srv_new_device *d, bool *valid,
	                         struct fd_error *err);
	enum fd_status (*auth_device)(struct srv *s, const struct srv_req *r, struct srv_caller *dev,
	                              struct fd_error *err);
	int64_t (*throttle_wait)(struct srv *s, const char *user, const char *source);
	void (*throttle_note)(struct srv *s, const char *user, const char *source, bool ok);
	enum fd_status (*read_account)(struct srv *s, const struct srv_caller *dev, const char *user,
	                               struct srv_account *a, struct fd_error *err);
	/* The password was right: keep the session, note the device's user,
	 * and register the signing key (a->salt) if the account has none yet. */
	enum fd_status (*open_session)(struct srv *s, const struct srv_caller *dev, const char *user,
	                               const char *password, struct srv_account *a,
	                               const struct srv_new_session *ns, struct fd_error *err);
};

extern const struct srv_sign_in_store srv_sqlite_sign_in; /* auth.c */
extern const struct srv_sign_in_store srv_pg_sign_in;     /* backend_pg.c */

/* Is pw the password of the hash (hash "" for an unknown account)? Spends
 * one Argon2id run either way, at most SRV_HASH_SLOTS at once. */
bool srv_password_verify(struct srv *s, const char *hash, const char *pw);

#endif
