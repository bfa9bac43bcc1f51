// SPDX-License-Identifier: GPL-3.0-or-later
/* Signing in (sign_in.h): the flow both stores share. */
#include "config.h"
#include "server/sign_in.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/log.h"
#include "server/reply.h"
#include "server/token.h"
#include "store/ids.h"

bool srv_password_verify(struct srv *s, const char *hash, const char *pw)
{
	/* Each Argon2id run takes 64 MiB: at most SRV_HASH_SLOTS at once, so
	 * a flood of sign-ins queues instead of exhausting memory. */
	pthread_mutex_lock(&s->hash_lock);
	while (s->hashing >= SRV_HASH_SLOTS)
		pthread_cond_wait(&s->hash_cond, &s->hash_lock);
	s->hashing++;
	pthread_mutex_unlock(&s->hash_lock);
	bool ok = hash[0] && crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	if (!hash[0]) {
		/* Spend the same effort on an unknown name, so the time taken
		 * does not tell which accounts exist. */
		char tmp[crypto_pwhash_STRBYTES];
		srv_password_hash(pw, tmp, NULL);
	}
	pthread_mutex_lock(&s->hash_lock);
	s->hashing--;
	pthread_cond_signal(&s->hash_cond);
	pthread_mutex_unlock(&s->hash_lock);
	return ok;
}

static void answer(struct srv *s, const struct srv_caller *dev, const char *user, const char *token,
                   const struct srv_account *a, int64_t now, struct srv_resp *out)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "token", token);
	cJSON_AddStringToObject(doc, "username", user);
	cJSON_AddStringToObject(doc, "display_name", a->display);
	cJSON_AddStringToObject(doc, "role", a->role); /* "" when only a chain role acts here */
	if (a->chain[0])
		cJSON_AddStringToObject(doc, "chain_role", a->chain);
	cJSON_AddStringToObject(doc, "sign_salt", a->salt);
	cJSON_AddStringToObject(doc, "device_id", dev->device);
	cJSON_AddNumberToObject(doc, "expires_at", (double)(now + s->cfg.session_max));
	cJSON_AddNumberToObject(doc, "idle_timeout", (double)s->cfg.session_idle);
	srv_resp_json(out, 201, doc);
}

/* The steps after the device is known and the request read; pw is the
 * caller's, wiped by it. */
static void sign_in(struct srv *s, const struct srv_sign_in_store *st, const struct srv_req *r,
                    const struct srv_caller *dev, const char *user, const char *pw, struct srv_resp *out)
{
	/* Sign-in always comes with a device token: throttle by account and
	 * by device, never by address, so guesses made on one terminal (or
	 * from a shared address, NAT or SSH host) never lock a colleague at
	 * another terminal out; the account under attack still escalates. */
	char source[FD_DEVICE_LEN + 8];
	snprintf(source, sizeof source, "dev:%s", dev->device);
	int64_t wait = st->throttle_wait(s, user, source);
	if (wait > 0) {
		srv_resp_error(out, 429, "too_many_attempts", NULL,
		               "Too many failed sign-ins; try again in %lld s.", (long long)wait);
		out->retry_after = (int)wait;
		return;
	}
	struct fd_error err = {0};
	struct srv_account a = {0};
	if (st->read_account(s, dev, user, &a, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	bool ok = srv_password_verify(s, a.hash, pw);
	st->throttle_note(s, user, source, ok);
	if (!ok) {
		srv_log(SRV_LOG_WARNING, "failed sign-in for \"%s\" from %s", user, r->client_ip);
		srv_resp_error(out, 401, "bad_credentials", NULL, "Wrong user name or password.");
		return;
	}
	char token[SRV_TOKEN_LEN];
	struct srv_new_session ns = {.now = (int64_t)time(NULL)};
	srv_token_new(token);
	srv_token_hash(token, ns.token_hash);
	if (st->open_session(s, dev, user, pw, &a, &ns, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_log(SRV_LOG_INFO, "\"%s\" signed in on device %s", user, dev->device);
	answer(s, dev, user, token, &a, ns.now, out);
}

/* Enrolment is throttled by address: no device token comes with it. */
void srv_api_enroll(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	const struct srv_sign_in_store *st = s->pg ? &srv_pg_sign_in : &srv_sqlite_sign_in;
	struct fd_error err = {0};
	char code[SRV_TOKEN_LEN], name[FD_NAME_LEN];
	static const char *const fields[] = {"code", "name", NULL};
	cJSON *body = NULL;
	if (srv_body_parse(r, fields, &body, &err) ||
	    srv_json_str(body, "code", code, sizeof code, true, &err) ||
	    srv_json_str(body, "name", name, sizeof name, true, &err)) {
		cJSON_Delete(body);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON_Delete(body);
	int64_t wait = st->throttle_wait(s, "#enroll", r->client_ip);
	if (wait > 0) {
		srv_resp_error(out, 429, "too_many_attempts", NULL, "Too many attempts; try again in %lld s.",
		               (long long)wait);
		out->retry_after = (int)wait;
		return;
	}
	char token[SRV_TOKEN_LEN];
	struct srv_new_device d = {.name = name, .now = (int64_t)time(NULL)};
	srv_token_hash(code, d.code_hash);
	srv_token_new(token);
	srv_token_hash(token, d.token_hash);
	fd_uuid_new(d.id);
	bool valid = false;
	if (st->enroll(s, &d, &valid, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	if (!valid) {
		st->throttle_note(s, "#enroll", r->client_ip, false);
		srv_resp_error(
		    out, 401, "bad_enroll_code", "code",
		    "The enrolment code is unknown, used or expired; ask an administrator for a new one.");
		return;
	}
	srv_log(SRV_LOG_INFO, "device %s enrolled (%s)", d.id, name);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "device_id", d.id);
	cJSON_AddStringToObject(doc, "token", token);
	srv_resp_json(out, 201, doc);
}

void srv_api_sign_in(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	const struct srv_sign_in_store *st = s->pg ? &srv_pg_sign_in : &srv_sqlite_sign_in;
	struct fd_error err = {0};
	struct srv_caller dev;
	if (st->auth_device(s, r, &dev, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	char user[FD_USER_LEN], pw[256];
	static const char *const fields[] = {"username", "password", NULL};
	cJSON *body = NULL;
	enum fd_status bad = srv_body_parse(r, fields, &body, &err);
	if (!bad)
		bad = srv_json_str(body, "username", user, sizeof user, true, &err);
	if (!bad)
		bad = srv_json_str(body, "password", pw, sizeof pw, true, &err);
	cJSON_Delete(body);
	if (bad) {
		srv_resp_fd_error(out, &err);
		return;
	}
	sign_in(s, st, r, &dev, user, pw, out);
	sodium_memzero(pw, sizeof pw);
}
