// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "session/session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "core/i18n.h"
#include "core/op_folio.h"
#include "store/audit.h"
#include "store/oplog.h"
#include "store/opsig.h"
#include "sync/account.h"

/* mkdir -p with mode 0700 for each created level: the cache holds guests'
 * personal data and must stay private to its user. */
static bool make_private_dir(const char *path, struct fd_error *err)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		goto fail;
	return true;
fail:
	fd_fail(err, FD_E_IO, "io", NULL, _("Cannot create the data directory %s: %s."), buf,
	        strerror(errno));
	return false;
}

void fd_session_default_dir(char *out, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(out, size, "%s/frontdesk", xdg);
	else
		snprintf(out, size, "%s/.local/share/frontdesk", home ? home : ".");
}

/* The one place that decides who acts. A named user (--as, FRONTDESK_USER)
 * first, then the staff member signed in on this enrolled terminal (not
 * trusted: their role is checked here as it will be on the server), else
 * nobody: the terminal's owner of a standalone hotel, trusted. */
static void decide_actor(struct fd_session *s)
{
	char user[FD_USER_LEN] = "", key[2 * sizeof s->sk + 1] = "";
	if (fd_db_meta_get(s->db, "session_user", user, sizeof user, NULL) != FD_OK)
		user[0] = '\0';
	snprintf(s->actor, sizeof s->actor, "%s", s->requested[0] ? s->requested : user);
	/* On an enrolled terminal, acting as someone else than the signed-in
	 * user needs their password (fd_session_prove); the signed-in user's
	 * signing key came with their sign-in. */
	bool self = s->actor[0] && strcmp(s->actor, user) == 0;
	s->proven = !s->enrolled || !s->actor[0] || self;
	sodium_memzero(s->sk, sizeof s->sk);
	s->signs = false;
	size_t n = 0;
	if (self && fd_db_meta_get(s->db, "session_sign_key", key, sizeof key, NULL) == FD_OK &&
	    sodium_hex2bin(s->sk, sizeof s->sk, key, strlen(key), NULL, &n, NULL) == 0 && n == sizeof s->sk)
		s->signs = true;
	sodium_memzero(key, sizeof key);
}

enum fd_status fd_session_prove(struct fd_session *s, const char *password, struct fd_error *err)
{
	if (s->proven)
		return FD_OK;
	enum fd_status st = fd_sync_prove(s->db, s->actor, password, s->sk, err);
	if (!st)
		s->proven = s->signs = true;
	return st;
}

enum fd_status fd_session_over_begin(struct fd_session *s, const char *user, const char *password,
                                     struct fd_error *err)
{
	if (s->desk[0])
		fd_session_over_end(s);
	memcpy(s->saved.requested, s->requested, sizeof s->requested);
	memcpy(s->saved.actor, s->actor, sizeof s->actor);
	memcpy(s->saved.sk, s->sk, sizeof s->sk);
	s->saved.proven = s->proven;
	s->saved.signs = s->signs;
	char desk[FD_USER_LEN];
	snprintf(desk, sizeof desk, "%s", fd_session_actor(s));
	snprintf(s->requested, sizeof s->requested, "%s", user);
	decide_actor(s);
	enum fd_status st = fd_session_prove(s, password, err);
	if (st) {
		snprintf(s->desk, sizeof s->desk, "%s", desk);
		fd_session_over_end(s);
		return st;
	}
	snprintf(s->desk, sizeof s->desk, "%s", desk);
	return FD_OK;
}

void fd_session_over_end(struct fd_session *s)
{
	if (!s->desk[0])
		return;
	memcpy(s->requested, s->saved.requested, sizeof s->requested);
	memcpy(s->actor, s->saved.actor, sizeof s->actor);
	memcpy(s->sk, s->saved.sk, sizeof s->sk);
	s->proven = s->saved.proven;
	s->signs = s->saved.signs;
	sodium_memzero(&s->saved, sizeof s->saved);
	s->desk[0] = '\0';
}

static enum fd_status check_proven(const struct fd_session *s, struct fd_error *err)
{
	if (s->proven)
		return FD_OK;
	return fd_fail(err, FD_E_FORBIDDEN, "unproven_actor", "as",
	               _("Acting as %s on this terminal needs %s's password (type it, or give "
	                 "--password-file FILE); nothing was changed."),
	               s->actor, s->actor);
}

/* Read the device and its enrolment, then decide who acts. */
static void load_state(struct fd_session *s)
{
	char url[8];
	if (fd_db_meta_get(s->db, "device_id", s->device, sizeof s->device, NULL) != FD_OK)
		snprintf(s->device, sizeof s->device, "local");
	s->enrolled = fd_db_meta_get(s->db, "server_url", url, sizeof url, NULL) == FD_OK;
	/* The audit log names the session operations came through: the
	 * signed-in session's token, by the name the server knows it by. */
	char tok[128] = "", sid[FD_AUDIT_SESSION_LEN] = "";
	if (fd_db_meta_get(s->db, "session_token", tok, sizeof tok, NULL) == FD_OK)
		fd_audit_session_id(tok, sid);
	sodium_memzero(tok, sizeof tok);
	fd_db_set_audit_session(s->db, sid);
	decide_actor(s);
}

/* Upgrading a big hotel's database rebuilds tables of every booking (a
 * quarter of a minute at 500,000): the desk says why it waits. */
static void tell_upgrade(const char *path)
{
	int n;
	const struct fd_migration *steps = fd_core_migrations(&n);
	int pending = fd_db_file_pending(path, "core", steps, n);
	if (pending > 0)
		fprintf(stderr,
		        ngettext("Upgrading the database %s for this release (%d step); at a large hotel "
		                 "this takes up to a minute.\n",
		                 "Upgrading the database %s for this release (%d steps); at a large hotel "
		                 "this takes up to a minute.\n",
		                 pending),
		        path, pending);
}

enum fd_status fd_session_open(struct fd_session *s, const char *data_dir, const char *as_user,
                               unsigned flags, struct fd_error *err)
{
	memset(s, 0, sizeof *s);
	if (data_dir)
		snprintf(s->data_dir, sizeof s->data_dir, "%s", data_dir);
	else
		fd_session_default_dir(s->data_dir, sizeof s->data_dir);
	snprintf(s->requested, sizeof s->requested, "%s", as_user ? as_user : "");
	if ((flags & FD_SESSION_CREATE) && !make_private_dir(s->data_dir, err))
		return fd_error_status(err, FD_E_IO);
	snprintf(s->db_path, sizeof s->db_path, "%s/frontdesk.db", s->data_dir);
	if (flags & FD_SESSION_TELL_UPGRADE)
		tell_upgrade(s->db_path);
	s->db = fd_db_open(s->db_path, (flags & FD_SESSION_CREATE) ? FD_DB_CREATE : 0, err);
	if (!s->db)
		return fd_error_status(err, FD_E_IO);
	load_state(s);
	return FD_OK;
}

void fd_session_close(struct fd_session *s)
{
	fd_session_over_end(s);
	sodium_memzero(s->sk, sizeof s->sk);
	s->signs = false;
	if (s->db)
		fd_db_close(s->db);
	s->db = NULL;
}

const char *fd_session_actor(const struct fd_session *s)
{
	return s->actor[0] ? s->actor : "local";
}

enum fd_status fd_session_enroll(struct fd_session *s, const char *url, const char *code, const char *name,
                                 struct fd_error *err)
{
	enum fd_status st = fd_sync_enroll(s->db, url, code, name, err);
	load_state(s);
	return st;
}

enum fd_status fd_session_login(struct fd_session *s, const char *user, const char *password, bool *offline,
                                struct fd_error *err)
{
	enum fd_status st = fd_sync_login(s->db, user, password, offline, err);
	load_state(s);
	return st;
}

enum fd_status fd_session_logout(struct fd_session *s, struct fd_error *err)
{
	enum fd_status st = fd_sync_logout(s->db, err);
	load_state(s);
	return st;
}

void fd_session_op(const struct fd_session *s, struct fd_op *op, const char *type)
{
	fd_op_init(op);
	fd_op_prepare(op, type, fd_session_actor(s), s->device);
	op->payload = cJSON_CreateObject();
}

static enum fd_status apply_with(struct fd_session *s, struct fd_op *ops, int n, unsigned flags,
                                 struct fd_op_result *results, struct fd_error *err)
{
	if (s->enrolled)
		flags |= FD_STORE_OUTBOX;
	int failed = -1;
	enum fd_status st = fd_store_apply(s->db, ops, n, flags, results, &failed, err);
	for (int i = 0; i < n; i++)
		fd_op_clear(&ops[i]);
	return st;
}

enum fd_status fd_session_apply(struct fd_session *s, struct fd_op *ops, int n, struct fd_op_result *results,
                                struct fd_error *err)
{
	/* Without a staff member the terminal's owner acts (a standalone
	 * hotel); the server still checks every pushed operation against a
	 * real staff member. */
	enum fd_status st = check_proven(s, err);
	if (st) {
		struct fd_error scratch = {0};
		if (n > 0)
			fd_audit_refusal(s->db, &ops[0], err, &scratch);
		for (int i = 0; i < n; i++)
			fd_op_clear(&ops[i]);
		return st;
	}
	/* The actor's signature proves to the server who acted, whoever's
	 * session pushes the operation later. */
	for (int i = 0; s->signs && i < n; i++)
		fd_op_sign(&ops[i], s->device, s->sk);
	return apply_with(s, ops, n, s->actor[0] ? 0 : FD_APPLY_TRUSTED, results, err);
}

enum fd_status fd_session_check(struct fd_session *s, struct fd_op *ops, int n, struct fd_error *err)
{
	unsigned flags = (s->actor[0] ? 0 : FD_APPLY_TRUSTED) | FD_STORE_CHECK;
	return apply_with(s, ops, n, flags, NULL, err);
}

static enum fd_status night_audit(struct fd_session *s, fd_date day, unsigned flags,
                                  struct fd_op_result *result, struct fd_error *err)
{
	char text[FD_DATE_STRLEN];
	enum fd_status st = check_proven(s, err);
	if (st)
		return st;
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, "audit.night", FD_NIGHT_AUDIT_ACTOR, s->device);
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "date", fd_date_format(day, text));
	if (s->actor[0])
		cJSON_AddStringToObject(op.payload, "run_by", s->actor);
	if (s->desk[0])
		cJSON_AddStringToObject(op.payload, "desk", s->desk);
	return apply_with(s, &op, 1, FD_APPLY_TRUSTED | flags, result, err);
}

enum fd_status fd_session_check_night_audit(struct fd_session *s, fd_date day, struct fd_error *err)
{
	return night_audit(s, day, FD_STORE_CHECK, NULL, err);
}

enum fd_status fd_session_night_audit(struct fd_session *s, fd_date day, struct fd_op_result *result,
                                      struct fd_error *err)
{
	return night_audit(s, day, 0, result, err);
}

enum fd_status fd_session_booking(struct fd_session *s, const char *key, struct fd_booking_row *row,
                                  struct fd_error *err)
{
	return fd_query_booking(s->db, key, row, err);
}

void fd_session_refused(struct fd_session *s, const char *what, const char *detail,
                        const struct fd_error *why)
{
	struct fd_op op;
	struct fd_error scratch = {0};
	fd_session_op(s, &op, what);
	if (detail)
		cJSON_AddStringToObject(op.payload, "what", detail);
	fd_audit_refusal(s->db, &op, why, &scratch);
	fd_op_clear(&op);
}

bool fd_session_allows(const struct fd_session *s, const char *action)
{
	if (!s->proven)
		return false;
	if (!s->actor[0])
		return fd_perm_min_role(action) >= 0;
	struct fd_staff m;
	const struct fd_repo *repo = fd_db_repo(s->db);
	return repo->get_staff(repo->ctx, s->actor, &m, NULL) == FD_OK && m.active &&
	       fd_perm_allows(m.role, action);
}

enum fd_chain_role fd_session_chain_role(const struct fd_session *s)
{
	char user[FD_USER_LEN] = "", role[16] = "";
	enum fd_chain_role chain = FD_CHAIN_NONE;
	if (!s->enrolled || !s->proven || !s->actor[0] ||
	    fd_db_meta_get(s->db, "session_user", user, sizeof user, NULL) != FD_OK ||
	    strcmp(user, s->actor) != 0 ||
	    fd_db_meta_get(s->db, "session_chain_role", role, sizeof role, NULL) != FD_OK ||
	    !fd_chain_role_parse(role, &chain))
		return FD_CHAIN_NONE;
	return chain;
}

enum fd_status fd_session_report_access(struct fd_session *s, enum fd_report_access *access,
                                        struct fd_error *err)
{
	*access = FD_REPORT_ACCESS_NONE;
	enum fd_status st = check_proven(s, err);
	if (!st && !s->actor[0]) {
		*access = FD_REPORT_ACCESS_ALL; /* the owner of a standalone hotel */
		return FD_OK;
	}
	/* A chain role that reads every hotel's reports (revenue) reads this
	 * one's, staff record here or not, as the server lets it. */
	if (!st && fd_perm_chain_allows(fd_session_chain_role(s), "report.read")) {
		*access = FD_REPORT_ACCESS_ALL;
		return FD_OK;
	}
	struct fd_staff m;
	const struct fd_repo *repo = fd_db_repo(s->db);
	if (!st && (repo->get_staff(repo->ctx, s->actor, &m, NULL) != FD_OK || !m.active))
		st = fd_fail(err, FD_E_FORBIDDEN, "forbidden", "actor",
		             _("Staff member \"%s\" is unknown or disabled and may not read reports."),
		             s->actor);
	if (!st && (*access = fd_perm_report_access(m.role)) == FD_REPORT_ACCESS_NONE)
		st = fd_fail(err, FD_E_FORBIDDEN, "forbidden", "actor", _("Role %s may not read reports."),
		             fd_role_name(m.role));
	if (st)
		fd_session_refused(s, "report.read", NULL, err);
	return st;
}
