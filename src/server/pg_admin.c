// SPDX-License-Identifier: GPL-3.0-or-later
/* The administration a terminal does through the server (admin_api.c) on
 * PostgreSQL, for the caller's hotel only: a staff member added with their
 * password, a password set, a one-time enrolment code. admin_api.c reads
 * and checks the request and writes the answer, the same on both stores;
 * this file keeps the rows.
 *
 * One person has one password across the chain (srv_credentials), while
 * their role is per hotel (staff). So an administrator of one hotel must
 * not reach, through a password, a person's access to another hotel or a
 * chain role: a new staff member's user name must not belong to anybody
 * yet, and a password is set only when the rule of core/perm.h
 * (fd_perm_password_allows) allows it in every hotel the person works at,
 * and never for a person with a chain role (those are set with
 * 'frontdeskd user add' by the chain's administrators). A person of
 * another hotel is "No staff member" here, as an unknown name is. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/op.h"
#include "core/perm.h"
#include "pg/audit.h"
#include "pg/pg.h"
#include "server/admin_api.h"
#include "server/server.h"
#include "server/token.h"
#include "store/ids.h"

static const char *num(char buf[24], int64_t v)
{
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

/* The row of srv_audit_event (admin_api.c) in the hotel's audit log,
 * inside its writing transaction. */
enum fd_status srv_pg_audit_event(struct fd_pg *pg, const struct srv_caller *c, const char *type,
                                  const char *entity, const char *id, struct fd_error *err)
{
	char op_id[FD_ID_LEN];
	struct fd_audit_row row;
	srv_audit_event(c, type, entity, id, op_id, &row);
	return fd_pg_audit_append(pg, &row, err);
}

static bool refusal(enum fd_status st)
{
	return st == FD_E_CONFLICT || st == FD_E_INVALID || st == FD_E_NOT_FOUND || st == FD_E_FORBIDDEN;
}

/* The person's password (its hash) when nobody has the user name yet.
 * FD_E_CONFLICT when somebody has: their password is theirs. */
static enum fd_status new_credentials(struct fd_pg *pg, const char *user, const char *hash,
                                      struct fd_error *err)
{
	static const char sql[] =
	    "INSERT INTO srv_credentials (username, hash, updated_at) VALUES ($1, $2, $3)"
	    " ON CONFLICT (username) DO NOTHING RETURNING username";
	char now[24];
	const char *p[] = {user, hash, num(now, (int64_t)time(NULL))};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 3, p, &q, "saving a password", err);
	if (st)
		return st;
	bool made = PQntuples(q) == 1;
	PQclear(q);
	if (!made)
		return fd_fail(err, FD_E_CONFLICT, "username_taken", "username",
		               "User name \"%s\" belongs to a person of another hotel of the chain or with a "
		               "chain role (one person, one password across the chain); choose another user "
		               "name.",
		               user);
	return FD_OK;
}

enum fd_status srv_pg_staff_add(struct srv *s, const struct srv_caller *c, const struct fd_op *op,
                                const char *pw, int64_t *seq, bool *audited, struct fd_error *err)
{
	*seq = 0;
	*audited = false;
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(op->payload, "username");
	const char *user = cJSON_IsString(u) ? u->valuestring : "";
	char hash[crypto_pwhash_STRBYTES];
	/* Hashed before the hotel's writers wait on its lock. */
	enum fd_status st = srv_password_hash(pw, hash, err);
	struct fd_pg *pg = st ? NULL : srv_pg_conn(s, err);
	if (!pg)
		return st ? st : fd_error_status(err, FD_E_IO);
	fd_pg_use_property(pg, c->property);
	struct fd_op_result res;
	memset(&res, 0, sizeof res);
	struct fd_error why = {0};
	if ((st = fd_pg_begin(pg, err)))
		return st;
	fd_pg_set_op(pg, op->op_id);
	st = fd_op_apply(fd_pg_repo(pg), op, 0, &res, &why);
	if (!st)
		st = new_credentials(pg, user, hash, &why);
	if (!st)
		st = srv_pg_audit_op(pg, c, op, &res, NULL, &why); /* pg_audit.c */
	fd_pg_set_op(pg, "");
	if (!st) {
		*seq = fd_pg_last_seq(pg);
		return fd_pg_commit(pg, err);
	}
	fd_pg_rollback(pg);
	*err = why;
	if (!refusal(st))
		return st;
	/* Who tried, and why it was refused, in the hotel's audit chain. */
	struct fd_error ignore = {0};
	if (!fd_pg_begin(pg, &ignore)) {
		if (srv_pg_audit_op(pg, c, op, NULL, &why, &ignore) || fd_pg_commit(pg, &ignore))
			fd_pg_rollback(pg);
		else
			*audited = true;
	}
	return st;
}

/* May the caller set the password of user, who works in the caller's
 * hotel with role target? Their records in other hotels and a chain role
 * of theirs decide too (see the top of this file). */
static enum fd_status may_set(struct fd_pg *pg, const struct srv_caller *c, const char *user,
                              enum fd_role target, struct fd_error *err)
{
	if (c->no_role || !fd_perm_password_allows(c->role, target))
		return fd_fail(
		    err, FD_E_FORBIDDEN, "forbidden", "username",
		    "Role %s may not set the password of %s (role %s): a manager sets those of staff "
		    "below them, an administrator anyone's.",
		    c->no_role ? fd_chain_role_name(c->chain) : fd_role_name(c->role), user,
		    fd_role_name(target));
	static const char sql[] =
	    "SELECT t.role, me.role FROM staff t LEFT JOIN staff me ON me.property_id = t.property_id"
	    " AND me.username = $3 AND me.active = 1 WHERE t.username = $1 AND t.property_id <> $2";
	static const char chain[] = "SELECT role FROM srv_chain_roles WHERE username = $1";
	const char *p[] = {user, c->property, c->username};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 3, p, &q, "reading a person's hotels", err);
	if (st)
		return st;
	bool ok = true;
	for (int i = 0; ok && i < PQntuples(q); i++) {
		enum fd_role theirs, mine;
		ok = !PQgetisnull(q, i, 1) && fd_role_parse(PQgetvalue(q, i, 0), &theirs) &&
		     fd_role_parse(PQgetvalue(q, i, 1), &mine) && fd_perm_password_allows(mine, theirs);
	}
	PQclear(q);
	if (!ok)
		return fd_fail(err, FD_E_FORBIDDEN, "forbidden", "username",
		               "%s also works at another hotel of the chain, where you may not set their "
		               "password (one password serves every hotel); ask that hotel's administrator.",
		               user);
	const char *a[] = {user};
	if ((st = fd_pg_run(pg, chain, 1, a, &q, "reading a chain role", err)))
		return st;
	char role[16] = "";
	if (PQntuples(q) == 1)
		snprintf(role, sizeof role, "%s", PQgetvalue(q, 0, 0));
	PQclear(q);
	if (role[0])
		return fd_fail(err, FD_E_FORBIDDEN, "forbidden", "username",
		               "%s holds the chain role %s: their password is set by the chain's "
		               "administrators (frontdeskd user add), not from one hotel's terminal.",
		               user, role);
	return FD_OK;
}

enum fd_status srv_pg_password_set(struct srv *s, const struct srv_caller *c, const char *user,
                                   const char *pw, int *ended, struct fd_error *err)
{
	*ended = 0;
	char hash[crypto_pwhash_STRBYTES], now[24];
	enum fd_status st = srv_password_hash(pw, hash, err);
	struct fd_pg *pg = st ? NULL : srv_pg_conn(s, err);
	if (!pg)
		return st ? st : fd_error_status(err, FD_E_IO);
	fd_pg_use_property(pg, c->property);
	if ((st = fd_pg_begin(pg, err)))
		return st;
	static const char who[] = "SELECT role FROM staff WHERE property_id = $1 AND username = $2";
	/* A new password: the signing key of the old one no longer proves
	 * anything (the next sign-in registers one from the new password). */
	static const char set[] =
	    "INSERT INTO srv_credentials (username, hash, updated_at) VALUES ($1, $2, $3)"
	    " ON CONFLICT (username) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at,"
	    " sign_salt = '', sign_pk = ''";
	static const char end[] = "DELETE FROM srv_sessions WHERE username = $1";
	const char *p[] = {c->property, user};
	const char *a[] = {user, hash, num(now, (int64_t)time(NULL))};
	PGresult *q;
	enum fd_role target = FD_ROLE_GUEST;
	if (!(st = fd_pg_run(pg, who, 2, p, &q, "reading a staff member", err))) {
		if (PQntuples(q) != 1 || !fd_role_parse(PQgetvalue(q, 0, 0), &target))
			st = fd_fail(err, FD_E_NOT_FOUND, "not_found", "username", "No staff member \"%s\".",
			             user);
		PQclear(q);
	}
	if (!st)
		st = may_set(pg, c, user, target, err);
	if (!st)
		st = fd_pg_do(pg, set, 3, a, "saving a password", err);
	if (!st && !(st = fd_pg_run(pg, end, 1, a, &q, "ending sessions", err))) {
		*ended = atoi(PQcmdTuples(q));
		PQclear(q);
	}
	if (!st)
		st = srv_pg_audit_event(pg, c, "staff.password", "staff", user, err);
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	*ended = 0;
	return st;
}

enum fd_status srv_pg_enroll_code_new(struct srv *s, const struct srv_caller *c, int64_t ttl,
                                      char code[SRV_TOKEN_LEN], struct fd_error *err)
{
	struct fd_pg *pg = srv_pg_conn(s, err);
	if (!pg)
		return fd_error_status(err, FD_E_IO);
	unsigned char raw[32];
	char h[65], until[24];
	srv_token_new(code);
	srv_token_hash(code, raw);
	sodium_bin2hex(h, sizeof h, raw, sizeof raw);
	static const char sql[] =
	    "INSERT INTO srv_enroll_codes (hash, property_id, expires_at) VALUES ($1, $2, $3)";
	const char *p[] = {h, c->property, num(until, (int64_t)time(NULL) + ttl)};
	fd_pg_use_property(pg, c->property);
	enum fd_status st = fd_pg_begin(pg, err);
	if (st)
		return st;
	st = fd_pg_do(pg, sql, 3, p, "saving an enrolment code", err);
	if (!st)
		st = srv_pg_audit_event(pg, c, "device.enroll_code", "device", "", err);
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	return st;
}
