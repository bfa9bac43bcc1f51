// SPDX-License-Identifier: GPL-3.0-or-later
/* Enrolment and sign-in. See account.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/i18n.h"
#include "store/opsig.h"
#include "store/cache.h"
#include "sync/account.h"
#include "sync/sync_internal.h"

void fd_sync_verifier_params(unsigned long long *opslimit, size_t *memlimit)
{
	/* A stolen terminal allows offline guessing, so the cached verifier
	 * costs more than the server's interactive hash: 4 passes over 256 MiB
	 * (about 0.5-1 s here; see tests/bench/bench_sync.c). */
	*opslimit = 4;
	*memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
}

enum fd_status fd_sync_enroll(struct fd_db *db, const char *url, const char *code, const char *name,
                              struct fd_error *err)
{
	char have[512];
	if (fd_db_meta_get(db, "server_url", have, sizeof have, NULL) == FD_OK)
		return fd_fail(err, FD_E_CONFLICT, "enrolled", NULL,
		               _("This terminal is already enrolled with %s."), have);
	if (fd_cache_holds_hotel(db))
		return fd_fail(err, FD_E_CONFLICT, "local_hotel", NULL,
		               _("This data directory already holds a hotel of its own; enroll an empty data "
		                 "directory (--data DIR)."));
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return fd_fail(
		    err, FD_E_INVALID, "invalid_field", "url",
		    _("\"%s\" is not a server address; use http://HOST:PORT or https://HOST:PORT."), url);
	struct sync_http *h = sync_http_new(url, 5);
	if (!h)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Cannot set up HTTP (libcurl)."));
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "code", code);
	cJSON_AddStringToObject(body, "name", name);
	long status;
	cJSON *resp = NULL;
	enum fd_status st =
	    sync_http_json(h, "POST", "/v1/devices", body, NULL, 30, &status, &resp, NULL, err);
	cJSON_Delete(body);
	sync_http_free(h);
	if (!st && status != 201 && status != 200)
		st = sync_http_error(status, resp, _("the enrolment"), err);
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(resp, "device_id");
	const cJSON *tok = cJSON_GetObjectItemCaseSensitive(resp, "token");
	if (!st && (!cJSON_IsString(id) || !cJSON_IsString(tok)))
		st = fd_fail(err, FD_E_IO, "bad_answer", NULL,
		             _("The server's answer to the enrolment is unreadable."));
	if (!st && !(st = fd_db_begin(db, err))) {
		if ((st = fd_db_meta_set(db, "server_url", url, err)) ||
		    (st = fd_db_meta_set(db, "device_id", id->valuestring, err)) ||
		    (st = fd_db_meta_set(db, "device_name", name, err)) ||
		    (st = fd_db_meta_set(db, "device_token", tok->valuestring, err)))
			fd_db_rollback(db);
		else
			st = fd_db_commit(db, err);
	}
	cJSON_Delete(resp);
	return st;
}

/* The desk `frontdesk --demo` makes and removes (ui/demo_server.c sets
 * its meta throwaway_desk), enrolled with the demo's private throwaway
 * server, signs in with the demo's published password: a costly verifier
 * (256 MiB, most of a second) or signing key (64 MiB) would guard nothing
 * there. Its signing keys are derived as its server registers them
 * (store/opsig.h). */
static bool throwaway_desk(struct fd_db *db)
{
	char flag[8] = "";
	return fd_db_meta_get(db, "throwaway_desk", flag, sizeof flag, NULL) == FD_OK &&
	       strcmp(flag, "1") == 0;
}

static enum fd_sign_cost sign_cost(struct fd_db *db)
{
	return throwaway_desk(db) ? FD_SIGN_THROWAWAY : FD_SIGN_FULL;
}

static enum fd_status save_verifier(struct fd_db *db, const char *user, const char *password,
                                    const char *role, const char *salt, struct fd_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	unsigned long long ops;
	size_t mem;
	fd_sync_verifier_params(&ops, &mem);
	if (throwaway_desk(db)) {
		ops = crypto_pwhash_OPSLIMIT_MIN;
		mem = crypto_pwhash_MEMLIMIT_MIN;
	}
	if (crypto_pwhash_str(hash, password, strlen(password), ops, mem) != 0)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL,
		               _("Not enough memory to cache the sign-in for offline use."));
	enum fd_status st = fd_verifier_put(db, user, hash, role, (int64_t)time(NULL), err);
	return st ? st : fd_verifier_salt_set(db, user, salt, err);
}

/* The signed-in person's signing key, derived from their password under
 * salt, kept with the session so the operations they make later on this
 * terminal carry their signature ("" when no salt is known). */
static void session_key(struct fd_db *db, const char *password, const char *salt,
                        char out[2 * FD_SIGN_SK_BYTES + 1])
{
	unsigned char sk[FD_SIGN_SK_BYTES];
	out[0] = '\0';
	if (salt && salt[0] && fd_sign_derive(password, salt, sign_cost(db), NULL, sk, NULL) == FD_OK)
		sodium_bin2hex(out, 2 * FD_SIGN_SK_BYTES + 1, sk, sizeof sk);
	sodium_memzero(sk, sizeof sk);
}

/* The meta key that keeps the chain role user had at their last online
 * sign-in here, for an offline sign-in. */
static void chain_key(const char *user, char out[FD_USER_LEN + 16])
{
	snprintf(out, FD_USER_LEN + 16, "chain_role:%s", user);
}

/* chain: the person's chain role on the server ("revenue", "chain-admin";
 * "" for none), as the sign-in answered it (session_chain_role). */
static enum fd_status set_session(struct fd_db *db, const char *user, const char *token, const char *key,
                                  const char *chain, struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	if ((st = fd_db_meta_set(db, "session_user", user, err)) ||
	    (st = fd_db_meta_set(db, "session_sign_key", key, err)) ||
	    (st = fd_db_meta_set(db, "session_chain_role", chain, err)) ||
	    (st = fd_db_meta_set(db, "session_token", token, err))) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

/* The cached verifier of user: hash, when they signed in, the salt of their
 * signing key (each "" / 0 when unknown). */
static enum fd_status read_verifier(struct fd_db *db, const char *user, char hash[crypto_pwhash_STRBYTES],
                                    int64_t *at, char salt[FD_SIGN_SALT_HEX], struct fd_error *err)
{
	hash[0] = salt[0] = '\0';
	*at = 0;
	enum fd_status got = fd_verifier_get(db, user, hash, crypto_pwhash_STRBYTES, at, err);
	if (got && got != FD_E_NOT_FOUND)
		return got;
	if (!got)
		fd_verifier_salt_get(db, user, salt, FD_SIGN_SALT_HEX);
	return FD_OK;
}

enum fd_status fd_sync_prove(struct fd_db *db, const char *user, const char *password,
                             unsigned char sk[FD_SIGN_SK_BYTES], struct fd_error *err)
{
	char hash[crypto_pwhash_STRBYTES], salt[FD_SIGN_SALT_HEX];
	int64_t at;
	enum fd_status st = read_verifier(db, user, hash, &at, salt, err);
	if (st)
		return st;
	if (!hash[0] || !salt[0])
		return fd_fail(
		    err, FD_E_FORBIDDEN, "unproven_actor", "as",
		    _("%s has not signed in on this terminal yet; acting as them needs one sign-in "
		      "here while the server is reachable ('frontdesk login %s')."),
		    user, user);
	if (crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
		return fd_fail(err, FD_E_FORBIDDEN, "bad_credentials", "as", _("Wrong password for %s."),
		               user);
	return fd_sign_derive(password, salt, sign_cost(db), NULL, sk, err);
}

static enum fd_status login_offline(struct fd_db *db, const char *user, const char *password,
                                    const struct fd_error *why, struct fd_error *err)
{
	char hash[crypto_pwhash_STRBYTES], salt[FD_SIGN_SALT_HEX];
	int64_t at;
	enum fd_status rst = read_verifier(db, user, hash, &at, salt, err);
	if (rst)
		return rst;
	int64_t hours = sync_meta_int(db, "offline_login_hours", FD_SYNC_OFFLINE_HOURS);
	if (!hash[0] || (int64_t)time(NULL) - at > hours * 3600)
		return fd_fail(err, FD_E_FORBIDDEN, "offline_not_allowed", NULL,
		               _("%s Offline sign-in is only for staff who signed in on this terminal in the "
		                 "last %lld hours."),
		               why->message, (long long)hours);
	if (crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
		return fd_fail(err, FD_E_FORBIDDEN, "bad_credentials", NULL,
		               _("Wrong user name or password."));
	/* The server session of someone else must not carry this user's work. */
	char cur[FD_USER_LEN] = "", tok[128] = "";
	fd_db_meta_get(db, "session_user", cur, sizeof cur, NULL);
	fd_db_meta_get(db, "session_token", tok, sizeof tok, NULL);
	char key[2 * FD_SIGN_SK_BYTES + 1], ck[FD_USER_LEN + 16], chain[16] = "";
	session_key(db, password, salt, key);
	chain_key(user, ck);
	if (fd_db_meta_get(db, ck, chain, sizeof chain, NULL) != FD_OK)
		chain[0] = '\0';
	rst = set_session(db, user, strcmp(cur, user) == 0 ? tok : "", key, chain, err);
	sodium_memzero(key, sizeof key);
	return rst;
}

enum fd_status fd_sync_login(struct fd_db *db, const char *user, const char *password, bool *offline,
                             struct fd_error *err)
{
	char url[512], dev[128];
	*offline = false;
	if (fd_db_meta_get(db, "server_url", url, sizeof url, NULL) != FD_OK ||
	    fd_db_meta_get(db, "device_token", dev, sizeof dev, NULL) != FD_OK)
		return fd_fail(
		    err, FD_E_NOT_FOUND, "not_enrolled", NULL,
		    _("This terminal is not enrolled with a server; run 'frontdesk enroll URL CODE' first."));
	struct sync_http *h = sync_http_new(url, 3);
	if (!h)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Cannot set up HTTP (libcurl)."));
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "username", user);
	cJSON_AddStringToObject(body, "password", password);
	long status;
	cJSON *resp = NULL;
	struct fd_error net = {0};
	enum fd_status st =
	    sync_http_json(h, "POST", "/v1/sessions", body, dev, 20, &status, &resp, NULL, &net);
	cJSON_Delete(body);
	sync_http_free(h);
	if (st == FD_E_IO || (!st && status >= 500)) {
		cJSON_Delete(resp);
		*offline = true;
		if (!st)
			fd_fail(&net, FD_E_IO, "unreachable", NULL,
			        _("The server is not answering (HTTP %ld)."), status);
		return login_offline(db, user, password, &net, err);
	}
	if (status != 201 && status != 200) {
		st = sync_http_error(status, resp, _("the sign-in"), err);
		cJSON_Delete(resp);
		return st;
	}
	const cJSON *tok = cJSON_GetObjectItemCaseSensitive(resp, "token");
	const cJSON *role = cJSON_GetObjectItemCaseSensitive(resp, "role");
	if (!cJSON_IsString(tok))
		st = fd_fail(err, FD_E_IO, "bad_answer", NULL,
		             _("The server's answer to the sign-in is unreadable."));
	const cJSON *salt = cJSON_GetObjectItemCaseSensitive(resp, "sign_salt");
	const char *salt_text = cJSON_IsString(salt) ? salt->valuestring : "";
	/* A chain role (several hotels on one server, doc/scale-out.md): kept
	 * with the session, and for this person's offline sign-ins here. */
	const cJSON *chain = cJSON_GetObjectItemCaseSensitive(resp, "chain_role");
	char chain_text[16] = "", ck[FD_USER_LEN + 16];
	if (cJSON_IsString(chain) && strlen(chain->valuestring) < sizeof chain_text)
		snprintf(chain_text, sizeof chain_text, "%s", chain->valuestring);
	chain_key(user, ck);
	char key[2 * FD_SIGN_SK_BYTES + 1];
	session_key(db, password, salt_text, key);
	if (!st)
		st = set_session(db, user, tok->valuestring, key, chain_text, err);
	sodium_memzero(key, sizeof key);
	if (!st)
		st = chain_text[0] ? fd_db_meta_set(db, ck, chain_text, err) : fd_meta_delete(db, ck, err);
	if (!st)
		st = save_verifier(db, user, password, cJSON_IsString(role) ? role->valuestring : "",
		                   salt_text, err);
	cJSON_Delete(resp);
	return st;
}

enum fd_status fd_sync_logout(struct fd_db *db, struct fd_error *err)
{
	char url[512], tok[128];
	if (fd_db_meta_get(db, "server_url", url, sizeof url, NULL) == FD_OK &&
	    fd_db_meta_get(db, "session_token", tok, sizeof tok, NULL) == FD_OK && tok[0]) {
		struct sync_http *h = sync_http_new(url, 3);
		long status;
		struct fd_error ignore;
		if (h)
			sync_http_json(h, "DELETE", "/v1/sessions/current", NULL, tok, 10, &status, NULL,
			               NULL, &ignore);
		sync_http_free(h);
	}
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	if ((st = fd_meta_delete(db, "session_user", err)) ||
	    (st = fd_meta_delete(db, "session_token", err)) ||
	    (st = fd_meta_delete(db, "session_sign_key", err)) ||
	    (st = fd_meta_delete(db, "session_chain_role", err))) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}
