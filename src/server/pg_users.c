// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... user add | passwd | disable |
 * list: a hotel's staff, as admin.c's on SQLite (the same options and
 * output), for the hotel --property CODE names (or the database's only
 * one). A person has one password across the chain (srv_credentials) and
 * a role per hotel (staff): passwd sets the person's password and ends
 * their sessions everywhere; disable takes their access to this hotel
 * (core's staff.update, audited) and ends their sessions here. An unknown
 * person, or one of another hotel only, is "No staff member" and nothing
 * changes. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/op.h"
#include "pg/audit.h"
#include "pg/chain.h"
#include "pg/pg.h"
#include "server/admin_api.h"
#include "server/admin_lists.h"
#include "server/pg_chain.h"
#include "server/pg_commands.h"
#include "store/ids.h"
#include "store/oplog.h"

static const char *num(char buf[24], int64_t v)
{
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

/* user add's password and chain role, beside the staff member. */
struct credential {
	const char *name, *hash, *now;
	const char *chain_role; /* NULL: none given */
	enum fd_chain_role chain;
	bool kept; /* out: the person had a password in the chain already */
};

/* A chain role reaches every hotel's data, so giving or taking one is
 * written in every hotel's audit log (each under its own writing lock, in
 * the caller's transaction), with the role in the row. */
static enum fd_status audit_chain_role(struct fd_pg *pg, const struct credential *c, struct fd_error *err)
{
	char own[FD_ID_LEN], payload[64], op_id[FD_ID_LEN];
	snprintf(own, sizeof own, "%s", fd_pg_property(pg));
	/* c->chain_role was parsed: one of the role names, or "none". */
	snprintf(payload, sizeof payload, "{\"chain_role\":\"%s\"}", c->chain_role);
	struct srv_caller server = {.username = "frontdeskd"};
	PGresult *q = NULL;
	enum fd_status st =
	    fd_pg_run(pg, "SELECT id FROM properties ORDER BY id", 0, NULL, &q, "reading the hotels", err);
	for (int i = 0; !st && i < PQntuples(q); i++) {
		struct fd_audit_row row;
		srv_audit_event(&server, "staff.chain_role", "staff", c->name, op_id, &row);
		row.payload = payload;
		fd_pg_use_property(pg, PQgetvalue(q, i, 0));
		st = fd_pg_lock_property(pg, err);
		if (!st)
			st = fd_pg_audit_append(pg, &row, err);
	}
	if (q)
		PQclear(q);
	fd_pg_use_property(pg, own);
	return st;
}

/* A person has one password in the chain: one who has it already (added
 * to another hotel before) keeps it; changing it is user passwd's, which
 * ends their sessions and says so in the audit log. */
static enum fd_status save_credential(struct fd_pg *pg, void *ctx, struct fd_error *err)
{
	struct credential *c = ctx;
	static const char cred[] =
	    "INSERT INTO srv_credentials (username, hash, updated_at) VALUES ($1, $2, $3)"
	    " ON CONFLICT (username) DO NOTHING RETURNING username";
	const char *p[] = {c->name, c->hash, c->now};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, cred, 3, p, &r, "saving a password", err);
	if (st)
		return st;
	c->kept = PQntuples(r) == 0;
	PQclear(r);
	if (!c->chain_role)
		return FD_OK;
	st = fd_pg_chain_role_set(pg, c->name, (int)c->chain, err);
	return st ? st : audit_chain_role(pg, c, err);
}

/* A staff member of the hotel is core's staff.create with its audit row
 * (as admin.c's on SQLite), the password and any chain role in the same
 * transaction; a chain role alone is a transaction of its own, with its
 * row in every hotel's log. */
static int user_add(struct srv_pg_admin *a, const char *name)
{
	struct fd_error err = {0};
	struct fd_pg *pg = a->pg;
	const struct srv_admin_opts *o = a->o;
	char pw[256], hash[crypto_pwhash_STRBYTES], id[FD_ID_LEN], now[24];
	struct credential c = {.name = name, .hash = hash, .now = now, .chain_role = o->chain_role};
	if ((!o->role && !o->chain_role) ||
	    (o->chain_role && !fd_chain_role_parse(o->chain_role, &c.chain))) {
		fprintf(stderr,
		        _("frontdeskd: user add needs --role admin|manager|staff|guest [--property CODE]"
		          " and/or --chain-role revenue|chain-admin|none\n"));
		return 2;
	}
	if (!srv_admin_read_password(o->password_file, pw, sizeof pw, &err) ||
	    (o->role && srv_pg_choose_property(pg, o->property, &err)) || srv_password_hash(pw, hash, &err)) {
		sodium_memzero(pw, sizeof pw);
		return srv_pg_admin_fail(&err);
	}
	sodium_memzero(pw, sizeof pw);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	enum fd_status st;
	if (o->role) {
		struct fd_op op;
		fd_op_init(&op);
		fd_op_prepare(&op, "staff.create", "frontdeskd", "server");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(op.payload, "username", name);
		cJSON_AddStringToObject(op.payload, "display_name", o->display_name ? o->display_name : name);
		cJSON_AddStringToObject(op.payload, "role", o->role);
		cJSON_AddStringToObject(op.payload, "department",
		                        o->department ? o->department : "front_office");
		st = srv_pg_admin_apply_with(pg, &op, save_credential, &c, &err);
		fd_op_clear(&op);
	} else if (!(st = fd_pg_begin_unlocked(pg, &err))) {
		/* No hotel of the person's own: audit_chain_role locks each. */
		st = save_credential(pg, &c, &err);
		if (!st)
			st = fd_pg_commit(pg, &err);
		else
			fd_pg_rollback(pg);
	}
	if (st)
		return srv_pg_admin_fail(&err);
	if (c.kept)
		printf(
		    _("%s: done. %s already has a password in the chain, which stays as it is (user passwd "
		      "changes it).\n"),
		    name, name);
	else
		printf(_("%s: done.\n"), name);
	return 0;
}

/* The person's password, in the hotel's writing transaction with its
 * audit row (staff.password, as when it is set through the server): a
 * staff member of the hotel, or a person with a chain role. Their
 * sessions end in every hotel (the password is one for all), and the
 * signing key of the old password no longer proves anything (the next
 * sign-in registers one from the new password). */
static int user_passwd(struct srv_pg_admin *a, const char *name)
{
	struct fd_error err = {0};
	struct fd_pg *pg = a->pg;
	char pw[256], hash[crypto_pwhash_STRBYTES], now[24];
	if (!srv_admin_read_password(a->o->password_file, pw, sizeof pw, &err) ||
	    srv_pg_choose_property(pg, a->o->property, &err) || srv_password_hash(pw, hash, &err)) {
		sodium_memzero(pw, sizeof pw);
		return srv_pg_admin_fail(&err);
	}
	sodium_memzero(pw, sizeof pw);
	static const char who[] =
	    "SELECT EXISTS (SELECT 1 FROM staff WHERE property_id = $1 AND username = $2)"
	    " OR EXISTS (SELECT 1 FROM srv_chain_roles WHERE username = $2)";
	static const char set[] =
	    "INSERT INTO srv_credentials (username, hash, updated_at) VALUES ($1, $2, $3)"
	    " ON CONFLICT (username) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at,"
	    " sign_salt = '', sign_pk = ''";
	static const char end[] = "DELETE FROM srv_sessions WHERE username = $1";
	const char *w[] = {fd_pg_property(pg), name};
	const char *s[] = {name, hash, num(now, (int64_t)time(NULL))};
	struct srv_caller server = {.username = "frontdeskd"};
	PGresult *q;
	enum fd_status st = fd_pg_begin(pg, &err);
	if (!st && !(st = fd_pg_run(pg, who, 2, w, &q, "reading a staff member", &err))) {
		if (strcmp(PQgetvalue(q, 0, 0), "t") != 0)
			st = fd_fail(&err, FD_E_NOT_FOUND, "not_found", "user", _("No staff member \"%s\"."),
			             name);
		PQclear(q);
	}
	if (!st)
		st = fd_pg_do(pg, set, 3, s, "saving a password", &err);
	if (!st)
		st = fd_pg_do(pg, end, 1, s, "ending sessions", &err);
	if (!st)
		st = srv_pg_audit_event(pg, &server, "staff.password", "staff", name, &err); /* pg_admin.c */
	if (!st)
		st = fd_pg_commit(pg, &err);
	else
		fd_pg_rollback(pg);
	if (st)
		return srv_pg_admin_fail(&err);
	printf(_("%s: done.\n"), name);
	return 0;
}

static int user_disable(struct srv_pg_admin *a, const char *name)
{
	struct fd_error err = {0};
	if (srv_pg_choose_property(a->pg, a->o->property, &err))
		return srv_pg_admin_fail(&err);
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, "staff.update", "frontdeskd", "server");
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "username", name);
	cJSON_AddBoolToObject(op.payload, "active", false);
	enum fd_status st = srv_pg_admin_apply_ending(a->pg, &op, name, &err);
	fd_op_clear(&op);
	if (st)
		return srv_pg_admin_fail(&err);
	printf(_("%s: done.\n"), name);
	return 0;
}

/* Every staff member of the hotel, whether they can sign in, their live
 * sessions there and when they were last seen there. */
static int user_list(struct srv_pg_admin *a)
{
	struct fd_error err = {0};
	if (srv_pg_choose_property(a->pg, a->o->property, &err))
		return srv_pg_admin_fail(&err);
	static const char sql[] =
	    "SELECT st.username, st.role, st.dept, st.active,"
	    " EXISTS (SELECT 1 FROM srv_credentials c WHERE c.username = st.username),"
	    " (SELECT count(*) FROM srv_sessions s WHERE s.property_id = st.property_id"
	    "  AND s.username = st.username AND s.expires_at > $2 AND s.last_seen > $2 - $3),"
	    " coalesce((SELECT max(s.last_seen) FROM srv_sessions s WHERE s.property_id = st.property_id"
	    "  AND s.username = st.username), 0),"
	    " st.display_name FROM staff st WHERE st.property_id = $1 ORDER BY st.username";
	char now[24], idle[24];
	const char *p[] = {fd_pg_property(a->pg), num(now, (int64_t)time(NULL)),
	                   num(idle, a->cfg->session_idle)};
	PGresult *q;
	if (fd_pg_run(a->pg, sql, 3, p, &q, "reading the staff", &err))
		return srv_pg_admin_fail(&err);
	srv_list_users_head(); /* admin_lists.c: SQLite's layout */
	for (int i = 0; i < PQntuples(q); i++)
		srv_list_user(&(struct srv_user_line){.username = PQgetvalue(q, i, 0),
		                                      .role = PQgetvalue(q, i, 1),
		                                      .dept = PQgetvalue(q, i, 2),
		                                      .active = strcmp(PQgetvalue(q, i, 3), "1") == 0,
		                                      .has_password = strcmp(PQgetvalue(q, i, 4), "t") == 0,
		                                      .sessions = strtoll(PQgetvalue(q, i, 5), NULL, 10),
		                                      .last_seen = strtoll(PQgetvalue(q, i, 6), NULL, 10),
		                                      .name = PQgetvalue(q, i, 7)});
	PQclear(q);
	return 0;
}

int srv_pg_cmd_user(struct srv_pg_admin *a)
{
	if (a->n_args == 2 && strcmp(a->args[1], "list") == 0)
		return user_list(a);
	if (a->n_args != 3) {
		fprintf(stderr, _("frontdeskd: user list | user add|passwd|disable NAME\n"));
		return 2;
	}
	const char *sub = a->args[1], *name = a->args[2];
	if (strcmp(sub, "add") == 0)
		return user_add(a, name);
	if (strcmp(sub, "passwd") == 0)
		return user_passwd(a, name);
	if (strcmp(sub, "disable") == 0)
		return user_disable(a, name);
	fprintf(stderr, _("frontdeskd: unknown user command \"%s\"\n"), sub);
	return 2;
}
