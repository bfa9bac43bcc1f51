// SPDX-License-Identifier: GPL-3.0-or-later
/* Helpers shared by the command implementations. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "opt/opt.h"
#include "store/query.h"

int cli_open(struct cli *cli, bool create)
{
	if (cli->db)
		return CLI_OK;
	struct fd_error err = {0};
	/* On a terminal, not in --json output (read by a program). */
	unsigned flags = (create ? FD_SESSION_CREATE : 0) |
	                 (!cli->json && isatty(STDERR_FILENO) ? FD_SESSION_TELL_UPGRADE : 0);
	if (fd_session_open(&cli->session, cli->data_dir, cli->as_user, flags, &err) != FD_OK)
		return cli_error(cli, &err);
	cli->db = cli->session.db;
	return CLI_OK;
}

void cli_close(struct cli *cli)
{
	fd_session_close(&cli->session);
	cli->db = NULL;
}

int cli_error(struct cli *cli, const struct fd_error *err)
{
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON *e = cJSON_AddObjectToObject(doc, "error");
		cJSON_AddStringToObject(e, "code", err->code[0] ? err->code : fd_status_name(err->status));
		cJSON_AddStringToObject(e, "message", err->message);
		if (err->field[0])
			cJSON_AddStringToObject(e, "field", err->field);
		char *s = cJSON_PrintUnformatted(doc);
		fprintf(stderr, "%s\n", s);
		free(s);
		cJSON_Delete(doc);
	} else {
		fprintf(stderr, "%s: %s\n", cli->prog, err->message);
	}
	switch (err->status) {
	case FD_E_IO:
	case FD_E_NOMEM:
	case FD_E_BUSY:
		return CLI_FAILED;
	default:
		return CLI_REFUSED;
	}
}

static void usage_message(struct cli *cli, const char *cmd, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s %s: ", cli->prog, cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	usage_message(cli, cmd, fmt, ap);
	va_end(ap);
	/* cmd may name a subcommand ("plan add"): the synopsis is the command's. */
	const struct cli_command *c = cli_command_find(cmd, strcspn(cmd, " "));
	if (c)
		cli_command_usage(stderr, cli->prog, c);
	return CLI_USAGE;
}

int cli_value_error(struct cli *cli, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	usage_message(cli, cmd, fmt, ap);
	va_end(ap);
	return CLI_USAGE;
}

/* Acting as someone else than the signed-in user (--as) on an enrolled
 * terminal: that person's password, from --password-file or typed. */
bool cli_prove_actor(struct cli *cli)
{
	if (cli->session.proven)
		return true;
	struct fd_error err = {0};
	char pw[256];
	if (!cli->password_file && !isatty(STDIN_FILENO)) {
		fd_fail(&err, FD_E_FORBIDDEN, "unproven_actor", "as",
		        _("Acting as %s on this terminal needs %s's password: give --password-file FILE "
		          "(or run the command on a terminal to type it); nothing was changed."),
		        cli->session.actor, cli->session.actor);
		cli_error(cli, &err);
		return false;
	}
	if (!cli_read_password(cli, cli->password_file, pw, sizeof pw))
		return false;
	enum fd_status st = fd_session_prove(&cli->session, pw, &err);
	sodium_memzero(pw, sizeof pw);
	if (st)
		cli_error(cli, &err);
	return st == FD_OK;
}

int cli_apply(struct cli *cli, struct fd_op *ops, int n, struct fd_op_result *results)
{
	struct fd_error err = {0};
	if (!cli_prove_actor(cli)) {
		for (int i = 0; i < n; i++)
			fd_op_clear(&ops[i]);
		return CLI_REFUSED;
	}
	if (fd_session_apply(&cli->session, ops, n, results, &err))
		return cli_error(cli, &err);
	for (int i = 0; results && i < n; i++)
		if (results[i].warning[0] && !cli->json)
			fprintf(stderr, _("%s: warning: %s\n"), cli->prog, results[i].warning);
	return CLI_OK;
}

void cli_print_json(cJSON *doc)
{
	char *s = cJSON_Print(doc);
	if (s)
		printf("%s\n", s);
	free(s);
	cJSON_Delete(doc);
}

void cli_print_result(const struct fd_op_result *res)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "entity", res->entity);
	cJSON_AddStringToObject(doc, "id", res->id);
	if (res->warning[0])
		cJSON_AddStringToObject(doc, "warning", res->warning);
	cli_print_json(doc);
}

int cli_apply_said(struct cli *cli, struct fd_op *op, const char *done_fmt, const char *subject)
{
	struct fd_op_result res;
	int rc = cli_apply(cli, op, 1, &res);
	if (rc)
		return rc;
	if (cli->json) {
		cli_print_result(&res);
		return CLI_OK;
	}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	printf(_(done_fmt), subject);
#pragma GCC diagnostic pop
	putchar('\n');
	return CLI_OK;
}

bool cli_date(struct cli *cli, const char *cmd, const char *opt, const char *text, fd_date *out)
{
	if (fd_date_parse(text, out))
		return true;
	cli_value_error(cli, cmd, _("%s: \"%s\" is not a valid date; use YYYY-MM-DD"), opt, text);
	return false;
}

bool cli_int(struct cli *cli, const char *cmd, const char *opt, const char *text, int min, int max, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < min || v > max) {
		cli_value_error(cli, cmd, _("%s: \"%s\" must be a whole number from %d to %d"), opt, text,
		                min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

const char *cli_currency(struct cli *cli, char out[4])
{
	struct fd_property p;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (repo->get_property(repo->ctx, &p, NULL) == FD_OK)
		memcpy(out, p.currency, 4);
	else
		strcpy(out, "EUR");
	return out;
}

void cli_add_guest_name(cJSON *payload, const char *name)
{
	size_t n;
	const char *given = fd_guest_name_split(name, &n);
	if (!given) {
		cJSON_AddStringToObject(payload, "family", name);
		return;
	}
	/* The whole family name, however long: core says what is too long
	 * (a buffer here would cut it short, perhaps inside a character). */
	char *family = strndup(name, n);
	if (family)
		cJSON_AddStringToObject(payload, "family", family);
	free(family);
	cJSON_AddStringToObject(payload, "given", given);
}

fd_date cli_today(struct cli *cli)
{
	fd_date d = 0;
	fd_query_business_date(cli->db, &d, NULL);
	return d;
}

/* The options every command takes after its name too (frontdesk(1)). */
enum { GLOBAL_DATA = -1, GLOBAL_JSON = -2, GLOBAL_AS = -3, GLOBAL_PASSWORD_FILE = -4 };
static const struct fd_optdef global_opts[] = {
    {"data", true, GLOBAL_DATA, 0},
    {"json", false, GLOBAL_JSON, 0},
    {"as", true, GLOBAL_AS, 0},
    {"password-file", true, GLOBAL_PASSWORD_FILE, 0},
    {NULL, false, 0, 0},
};

bool cli_global_option(struct cli *cli, int key, const char *value)
{
	switch (key) {
	case GLOBAL_DATA:
		cli->data_dir = value;
		return true;
	case GLOBAL_JSON:
		cli->json = true;
		return true;
	case GLOBAL_AS:
		cli->as_user = value;
		return true;
	case GLOBAL_PASSWORD_FILE:
		cli->password_file = value;
		return true;
	}
	return false;
}

const struct fd_optdef *cli_global_options(void)
{
	return global_opts;
}

struct parse_ctx {
	struct cli *cli;
	const struct cli_opt *opts;
	const char **pos;
	int n_pos, max_pos;
};

static int parse_one(void *ctx, int key, const char *name, const char *value, char *msg, size_t size)
{
	struct parse_ctx *p = ctx;
	(void)name;
	if (key == FD_OPT_ARG) {
		if (p->n_pos >= p->max_pos) {
			snprintf(msg, size, _("unexpected argument \"%s\""), value);
			return -1;
		}
		p->pos[p->n_pos++] = value;
		return 0;
	}
	if (key < 0)
		return cli_global_option(p->cli, key, value) ? 0 : -1;
	const struct cli_opt *o = &p->opts[key - 1];
	if (o->flag)
		*o->flag = true;
	else
		*o->value = value;
	return 0;
}

bool cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, const struct cli_opt *opts,
               const char **pos, int min_pos, int max_pos)
{
	size_t n = 0;
	while (opts && opts[n].name)
		n++;
	struct fd_optdef *defs = calloc(n + 1, sizeof *defs);
	if (!defs) {
		cli_usage_error(cli, cmd, "%s", _("Out of memory."));
		return false;
	}
	for (size_t i = 0; i < n; i++)
		defs[i] = (struct fd_optdef){opts[i].name, opts[i].flag == NULL, (int)i + 1, 0};
	/* The command's own options first: they win over a global of the
	 * same name (login --password-file, report --json). */
	const struct fd_optdef *const tables[] = {defs, global_opts, NULL};
	struct parse_ctx p = {.cli = cli, .opts = opts, .pos = pos, .max_pos = max_pos};
	char msg[256];
	int next;
	int rc = fd_opt_parse(argc, argv, tables, false, parse_one, &p, msg, sizeof msg, &next);
	free(defs);
	if (rc) {
		cli_usage_error(cli, cmd, "%s", msg);
		return false;
	}
	if (p.n_pos < min_pos) {
		cli_usage_error(cli, cmd, _("missing argument"));
		return false;
	}
	return true;
}
