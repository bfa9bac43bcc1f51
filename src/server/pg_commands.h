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
 * "frontdeskd", with its audit row (the server's own: no session, no
 * device), as admin.c's admin_apply does on SQLite: every change an
 * administration command makes to a hotel is in its audit log. */
enum fd_status srv_pg_admin_apply(struct fd_pg *pg, const struct fd_op *op, struct fd_error *err);
/* As srv_pg_admin_apply, and in the same transaction, after the operation
 * applied, also(pg, ctx, err) (NULL: nothing more): what the command does
 * beside the operation (a password, a hotel's code) commits with it or not
 * at all. */
typedef enum fd_status (*srv_pg_admin_also_fn)(struct fd_pg *pg, void *ctx, struct fd_error *err);
enum fd_status srv_pg_admin_apply_with(struct fd_pg *pg, const struct fd_op *op, srv_pg_admin_also_fn also,
                                       void *ctx, struct fd_error *err);
/* As srv_pg_admin_apply, and in the same transaction the sessions of user
 * in the current property end (NULL: none). */
enum fd_status srv_pg_admin_apply_ending(struct fd_pg *pg, const struct fd_op *op, const char *user,
                                         struct fd_error *err);
/* A new hotel (init, property add): a fresh id in id, made the current
 * property, and op prepared as its first operation, property.update with
 * its name, currency, time zone and business date (op then owns its
 * payload: fd_op_clear). */
void srv_pg_new_hotel_op(struct fd_pg *pg, struct fd_op *op, char id[FD_ID_LEN], const char *name,
                         const char *currency, const char *timezone, fd_date today);
/* The message of err on stderr, prefixed "frontdeskd: "; 1. */
int srv_pg_admin_fail(const struct fd_error *err);

#endif
