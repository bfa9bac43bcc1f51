// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... COMMAND: the administration
 * commands on PostgreSQL. pg_commands.c holds the table that dispatches
 * them (as admin.c's for SQLite); each command's code is in the file named
 * for what it holds. */
#ifndef FD_SERVER_PG_COMMANDS_H
#define FD_SERVER_PG_COMMANDS_H

#include "pg/pg.h"
#include "server/server.h"

/* One command's invocation: args[0] is the command, the options (from
 * anywhere on the command line) are in o; pg is open on the database
 * unless the command's table entry says it opens its own. */
struct srv_pg_admin {
	struct srv_config *cfg;
	const struct srv_admin_opts *o;
	struct fd_pg *pg;
	int n_args;
	char **args;
};

/* Each returns the exit status: 0, 1 refused or failed (said on stderr,
 * nothing changed), 2 usage. */
int srv_pg_cmd_init(struct srv_pg_admin *a);        /* pg_setup.c */
int srv_pg_cmd_enroll_code(struct srv_pg_admin *a); /* pg_setup.c */
int srv_pg_cmd_user(struct srv_pg_admin *a);        /* pg_users.c */
int srv_pg_cmd_demo(struct srv_pg_admin *a);        /* pg_demo.c */
int srv_pg_cmd_backup(struct srv_pg_admin *a);      /* pg_backup.c */
int srv_pg_cmd_restore(struct srv_pg_admin *a);     /* pg_backup.c */

/* pg_commands.c, for the commands: a trusted administrative operation of
 * the current property (fd_pg_use_property) in its own transaction, by
 * "frontdeskd": srv_pg_admin_op takes the payload (freed), as init and
 * user add have always applied theirs; srv_pg_admin_apply writes the
 * operation's audit row too (the server's own: no session, no device), as
 * admin.c's admin_apply does on SQLite. */
enum fd_status srv_pg_admin_op(struct fd_pg *pg, const char *type, cJSON *payload, struct fd_error *err);
enum fd_status srv_pg_admin_apply(struct fd_pg *pg, const struct fd_op *op, struct fd_error *err);
/* As srv_pg_admin_apply, and in the same transaction the sessions of user
 * end_sessions in the current property end (NULL: none). */
enum fd_status srv_pg_admin_apply_ending(struct fd_pg *pg, const struct fd_op *op, const char *end_sessions,
                                         struct fd_error *err);
/* The message of err on stderr, prefixed "frontdeskd: "; 1. */
int srv_pg_admin_fail(const struct fd_error *err);

#endif
