// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... COMMAND: one table of the
 * administration commands on PostgreSQL, as admin.c's on SQLite (the same
 * names, options and output), each handed to the file that holds it. A
 * command whose entry says so opens its own connection (or none); the
 * others get one, opened (and the schema brought up to date) here. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/op.h"
#include "server/pg_chain.h"
#include "server/pg_commands.h"
#include "store/ids.h"
#include "store/oplog.h"

int srv_pg_admin_fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdeskd: %s\n", err->message);
	return 1;
}

enum fd_status srv_pg_admin_apply_with(struct fd_pg *pg, const struct fd_op *op, srv_pg_admin_also_fn also,
                                       void *ctx, struct fd_error *err)
{
	struct srv_caller server = {.username = "frontdeskd"}; /* no session, no device */
	struct fd_op_result res;
	memset(&res, 0, sizeof res);
	enum fd_status st = fd_pg_begin(pg, err);
	if (st)
		return st;
	fd_pg_set_op(pg, op->op_id);
	st = fd_op_apply(fd_pg_repo(pg), op, FD_APPLY_TRUSTED, &res, err);
	if (!st)
		st = srv_pg_audit_op(pg, &server, op, &res, NULL, err); /* pg_audit.c */
	if (!st && also)
		st = also(pg, ctx, err);
	fd_pg_set_op(pg, "");
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	return st;
}

enum fd_status srv_pg_admin_apply(struct fd_pg *pg, const struct fd_op *op, struct fd_error *err)
{
	return srv_pg_admin_apply_with(pg, op, NULL, NULL, err);
}

static enum fd_status end_sessions(struct fd_pg *pg, void *user, struct fd_error *err)
{
	static const char end[] = "DELETE FROM srv_sessions WHERE property_id = $1 AND username = $2";
	const char *p[] = {fd_pg_property(pg), user};
	return fd_pg_do(pg, end, 2, p, "ending sessions", err);
}

enum fd_status srv_pg_admin_apply_ending(struct fd_pg *pg, const struct fd_op *op, const char *user,
                                         struct fd_error *err)
{
	return srv_pg_admin_apply_with(pg, op, user ? end_sessions : NULL, (void *)user, err);
}

void srv_pg_new_hotel_op(struct fd_pg *pg, struct fd_op *op, char id[FD_ID_LEN], const char *name,
                         const char *currency, const char *timezone, fd_date today)
{
	char day[FD_DATE_STRLEN];
	fd_uuid_new(id);
	fd_pg_use_property(pg, id);
	fd_op_init(op);
	fd_op_prepare(op, "property.update", "frontdeskd", "server");
	op->payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op->payload, "id", id);
	cJSON_AddStringToObject(op->payload, "name", name);
	cJSON_AddStringToObject(op->payload, "currency", currency);
	cJSON_AddStringToObject(op->payload, "timezone", timezone);
	cJSON_AddStringToObject(op->payload, "business_date", fd_date_format(today, day));
}

/* --- the commands other files hold, in the table's shape --- */

static int lists(struct srv_pg_admin *a) /* pg_lists.c */
{
	return srv_pg_admin_lists(a->pg, a->cfg, a->o, a->n_args, a->args);
}

static int check(struct srv_pg_admin *a) /* pg_audit.c */
{
	if (a->n_args != 1) {
		fprintf(stderr, _("frontdeskd: check takes no arguments\n"));
		return 2;
	}
	return srv_pg_check(a->pg);
}

static int night_audit(struct srv_pg_admin *a) /* pg_night_audit.c */
{
	return srv_pg_night_audit_cmd(a->pg, a->o, a->n_args);
}

static int metrics_token(struct srv_pg_admin *a) /* pg_read.c */
{
	return srv_pg_metrics_token(a->cfg, a->n_args - 1, a->args + 1);
}

static int new_epoch(struct srv_pg_admin *a) /* pg_feed.c */
{
	return srv_pg_new_epoch(a->cfg, a->n_args);
}

static int property(struct srv_pg_admin *a) /* pg_property.c */
{
	return srv_pg_property_cmd(a->pg, a->o, a->n_args, a->args);
}

static int report(struct srv_pg_admin *a) /* pg_report.c */
{
	return srv_pg_report_cmd(a->pg, a->o, a->n_args, a->args);
}

static const struct pg_cmd {
	const char *name;
	int (*fn)(struct srv_pg_admin *a);
	bool own_connection; /* opens its own (or needs none) */
	const char *usage;   /* for the list of commands on PostgreSQL */
} cmds[] = {
    {"init", srv_pg_cmd_init, false,
     "init --property NAME --currency CODE --timezone ZONE [--date YYYY-MM-DD]"},
    {"demo", srv_pg_cmd_demo, false,
     "demo [--seed N] [--date YYYY-MM-DD] [--password-file F] [--property CODE]"},
    {"user", srv_pg_cmd_user, false,
     "user add NAME --role ROLE --password-file F [--display-name TEXT] [--department DEPT]\n"
     "  user add NAME --chain-role revenue|chain-admin|none --password-file F\n"
     "  user passwd NAME --password-file F\n"
     "  user disable NAME\n"
     "  user list [--property CODE]"},
    {"enroll-code", srv_pg_cmd_enroll_code, false, "enroll-code [--ttl 24h] [--property CODE]"},
    {"devices", lists, false, "device list [--property CODE]   (also: devices)"},
    {"device", lists, false, "device revoke ID [--property CODE]"},
    {"sessions", lists, false,
     "sessions [--as USER] [--property CODE] | sessions revoke ID [--property CODE]"},
    {"metrics-token", metrics_token, true, "metrics-token [revoke]"},
    {"backup", srv_pg_cmd_backup, true, "backup FILE            (pg_dump, custom format)"},
    {"restore", srv_pg_cmd_restore, true,
     "restore FILE           (pg_restore, every frontdeskd stopped; then a new epoch)"},
    {"new-epoch", new_epoch, true, "new-epoch              after restoring the database: terminals re-sync"},
    {"check", check, false, "check"},
    {"audit", night_audit, false, "audit --as MANAGER [--date YYYY-MM-DD] [--property CODE]"},
    {"property", property, false,
     "property add CODE --name TEXT --currency C --timezone TZ [--date D]\n"
     "  property list | property share-guests on|off"},
    {"report", report, false, "report chain --from YYYY-MM-DD --to YYYY-MM-DD [--json|--csv]"},
};

void srv_pg_admin_usage(FILE *out)
{
	fprintf(out, _("commands on PostgreSQL (frontdeskd --database postgresql://... COMMAND):\n"));
	fprintf(out, "  serve [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--threads N]\n");
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		fprintf(out, "  %s\n", cmds[i].usage);
	fprintf(out,
	        _("  (the commands of one hotel take --property CODE when the database holds several)\n"));
}

int srv_pg_admin_run(struct srv_config *cfg, const struct srv_admin_opts *o, int n_args, char **args)
{
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		if (strcmp(cmds[i].name, args[0]) != 0)
			continue;
		struct srv_pg_admin a = {.cfg = cfg, .o = o, .n_args = n_args, .args = args};
		struct fd_error err = {0};
		if (!cmds[i].own_connection && !(a.pg = fd_pg_open(cfg->database, &err)))
			return srv_pg_admin_fail(&err);
		int rc = cmds[i].fn(&a);
		fd_pg_close(a.pg);
		return rc;
	}
	fprintf(stderr, _("frontdeskd: unknown command \"%s\"\n"), args[0]);
	srv_pg_admin_usage(stderr);
	return 2;
}
