// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... demo [--seed N] [--date D]
 * [--password-file F] [--property CODE]: the demo hotel of admin.c's demo
 * (src/demo: the same seed gives the same hotel) added to the database as
 * one more hotel, code CODE (DEMO unless said). It is built the same way
 * as on SQLite: the demo's core operations, judged by core through the
 * PostgreSQL repository, each with its audit row, all in one transaction
 * with the hotel's code: the hotel appears whole or not at all. With
 * --password-file every demo staff member signs in with that password (one
 * password per person across the chain: a demo user name that a person
 * already has gets the new password). Refused, changing nothing: a code
 * another hotel has, and a seed whose demo hotel is already there. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/op.h"
#include "demo/demo.h"
#include "progress/progress.h"
#include "pg/chain.h"
#include "server/pg_commands.h"

struct demo_user {
	char name[FD_USER_LEN];
	char hash[crypto_pwhash_STRBYTES];
};

/* The demo's staff (its staff.create operations), each with the hash of
 * pw (the same hash), made before the hotel's transaction begins (hashing is slow). */
static enum fd_status hash_users(const struct fd_op *ops, int n, const char *pw, struct demo_user **out,
                                 int *n_out, struct fd_error *err)
{
	*out = NULL;
	*n_out = 0;
	if (!pw[0])
		return FD_OK;
	struct demo_user *u = calloc((size_t)n, sizeof *u);
	if (!u)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	int k = 0;
	enum fd_status st = FD_OK;
	for (int i = 0; i < n && !st; i++) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(ops[i].payload, "username");
		if (strcmp(ops[i].type, "staff.create") != 0 || !cJSON_IsString(name))
			continue;
		snprintf(u[k].name, sizeof u[k].name, "%s", name->valuestring);
		/* One password, hashed once: the staff share it by construction,
		 * and each Argon2 hash takes about 0.1 s and 64 MiB. */
		if (k == 0)
			st = srv_password_hash(pw, u[k].hash, err);
		else
			memcpy(u[k].hash, u[0].hash, sizeof u[k].hash);
		k++;
	}
	if (st) {
		free(u);
		return st;
	}
	*out = u;
	*n_out = k;
	return FD_OK;
}

static enum fd_status build(struct fd_pg *pg, const struct fd_op *ops, int n, const char *code,
                            const struct demo_user *users, int n_users, struct fd_error *err)
{
	struct srv_caller server = {.username = "frontdeskd"};
	static const char cred[] =
	    "INSERT INTO srv_credentials (username, hash, updated_at) VALUES ($1, $2, $3)"
	    " ON CONFLICT (username) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at,"
	    " sign_salt = '', sign_pk = ''";
	char now[24];
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	enum fd_status st = fd_pg_begin(pg, err);
	if (st)
		return st;
	/* The operations applied, as `frontdeskd demo` on SQLite shows them. */
	struct fd_progress bar;
	fd_progress_init(&bar, _("operations"), false);
	for (int i = 0; i < n && !st; i++) {
		struct fd_op_result res;
		memset(&res, 0, sizeof res);
		struct fd_error why = {0};
		fd_pg_set_op(pg, ops[i].op_id);
		st = fd_op_apply(fd_pg_repo(pg), &ops[i], FD_APPLY_TRUSTED, &res, &why);
		if (st)
			fd_fail(err, st, why.code, why.field,
			        "The demo hotel could not be built: operation %d (%s) was refused: %s", i + 1,
			        ops[i].type, why.message);
		else
			st = srv_pg_audit_op(pg, &server, &ops[i], &res, NULL, err); /* pg_audit.c */
		if (!st)
			fd_progress_update(&bar, i + 1, n);
	}
	fd_progress_end(&bar);
	fd_pg_set_op(pg, "");
	if (!st)
		st = fd_pg_hotel_set_code(pg, code, err);
	for (int i = 0; i < n_users && !st; i++) {
		const char *p[] = {users[i].name, users[i].hash, now};
		st = fd_pg_do(pg, cred, 3, p, "saving a password", err);
	}
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	return st;
}

int srv_pg_cmd_demo(struct srv_pg_admin *a)
{
	struct fd_error err = {0};
	const struct srv_admin_opts *o = a->o;
	struct fd_demo_options opt = {.seed = 42, .today = fd_date_from_unix((int64_t)time(NULL))};
	if (a->n_args != 1) {
		fprintf(stderr, _("frontdeskd: demo [--seed N] [--date YYYY-MM-DD] [--password-file F] "
		                  "[--property CODE]\n"));
		return 2;
	}
	if (o->seed)
		opt.seed = strtoull(o->seed, NULL, 10);
	if (o->date && !fd_date_parse(o->date, &opt.today)) {
		fprintf(stderr, _("frontdeskd: --date must be YYYY-MM-DD\n"));
		return 2;
	}
	const char *code = o->property ? o->property : "DEMO";
	if (!fd_pg_code_valid(code)) {
		fprintf(stderr,
		        _("frontdeskd: the hotel code \"%s\" must be 1 to 16 capital letters, digits, '-' or "
		          "'_'\n"),
		        code);
		return 1;
	}
	char pw[256] = "";
	if (o->password_file && !srv_admin_read_password(o->password_file, pw, sizeof pw, &err))
		return srv_pg_admin_fail(&err);
	struct fd_pg_hotel h;
	if (fd_pg_hotel_find(a->pg, code, &h, &err) == FD_OK) {
		sodium_memzero(pw, sizeof pw);
		fprintf(stderr,
		        _("frontdeskd: a hotel with the code \"%s\" exists already (%s); give the demo "
		          "another with --property CODE\n"),
		        code, h.name);
		return 1;
	}
	struct fd_op *ops = NULL;
	int n = 0;
	struct demo_user *users = NULL;
	int n_users = 0;
	enum fd_status st = fd_demo_ops(&opt, &ops, &n, &err);
	const cJSON *id = n > 0 ? cJSON_GetObjectItemCaseSensitive(ops[0].payload, "id") : NULL;
	const cJSON *name = n > 0 ? cJSON_GetObjectItemCaseSensitive(ops[0].payload, "name") : NULL;
	/* The hotel the plan makes: its id and name, or "" when it names none. */
	const char *hotel_id = id && cJSON_IsString(id) ? id->valuestring : "";
	const char *hotel_name = name && cJSON_IsString(name) ? name->valuestring : "";
	if (!st && (!hotel_id[0] || !hotel_name[0] || strlen(hotel_id) >= FD_ID_LEN))
		st = fd_fail(&err, FD_E_INVALID, "demo_plan", NULL,
		             _("The demo plan names no hotel (a bug)."));
	struct fd_property existing;
	if (!st) {
		fd_pg_use_property(a->pg, hotel_id);
		const struct fd_repo *repo = fd_pg_repo(a->pg);
		enum fd_status there = repo->get_property(repo->ctx, &existing, &err);
		if (there == FD_OK)
			st = fd_fail(&err, FD_E_CONFLICT, "hotel_exists", NULL,
			             _("This database already holds the demo hotel of seed %llu (%s); choose "
			               "another with --seed N."),
			             (unsigned long long)opt.seed, existing.name);
		else if (there != FD_E_NOT_FOUND)
			st = there;
	}
	if (!st)
		st = hash_users(ops, n, pw, &users, &n_users, &err);
	sodium_memzero(pw, sizeof pw);
	if (!st)
		st = build(a->pg, ops, n, code, users, n_users, &err);
	if (!st)
		printf(
		    ngettext("Created the demo hotel %s \"%s\" (%s) in PostgreSQL (%d user can sign in).\n",
		             "Created the demo hotel %s \"%s\" (%s) in PostgreSQL (%d users can sign in).\n",
		             (unsigned long)n_users),
		    code, hotel_name, hotel_id, n_users);
	if (users)
		sodium_memzero(users, (size_t)n_users * sizeof *users);
	free(users);
	fd_demo_ops_free(ops, n);
	return st ? srv_pg_admin_fail(&err) : 0;
}
