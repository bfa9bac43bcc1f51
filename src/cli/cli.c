// SPDX-License-Identifier: GPL-3.0-or-later
/* Helpers shared by the command implementations. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "store/query.h"

int cli_open(struct cli *cli, bool create)
{
	if (cli->db)
		return CLI_OK;
	struct fd_error err = {0};
	if (fd_session_open(&cli->session, cli->data_dir, cli->as_user, create ? FD_SESSION_CREATE : 0,
	                    &err) != FD_OK)
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

int cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s %s: ", cli->prog, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" (see 'frontdesk help')\n"));
	return CLI_USAGE;
}

int cli_apply(struct cli *cli, struct fd_op *ops, int n, struct fd_op_result *results)
{
	struct fd_error err = {0};
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

bool cli_date(struct cli *cli, const char *cmd, const char *opt, const char *text, fd_date *out)
{
	if (fd_date_parse(text, out))
		return true;
	cli_usage_error(cli, cmd, _("%s: \"%s\" is not a valid date; use YYYY-MM-DD"), opt, text);
	return false;
}

bool cli_int(struct cli *cli, const char *cmd, const char *opt, const char *text, int min, int max, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < min || v > max) {
		cli_usage_error(cli, cmd, _("%s: \"%s\" must be a whole number from %d to %d"), opt, text,
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

fd_date cli_today(struct cli *cli)
{
	fd_date d = 0;
	fd_query_business_date(cli->db, &d, NULL);
	return d;
}

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

bool cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, const struct cli_opt *opts,
               const char **pos, int min_pos, int max_pos)
{
	int n_pos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || !a[2]) {
			if (n_pos >= max_pos) {
				cli_usage_error(cli, cmd, _("unexpected argument \"%s\""), a);
				return false;
			}
			pos[n_pos++] = a;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		const struct cli_opt *o = find_opt(opts, a + 2, len);
		if (!o) {
			cli_usage_error(cli, cmd, _("unknown option %s"), a);
			return false;
		}
		if (o->flag) {
			*o->flag = true;
			continue;
		}
		if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cli_usage_error(cli, cmd, _("option --%s needs a value"), o->name);
			return false;
		}
	}
	if (n_pos < min_pos) {
		cli_usage_error(cli, cmd, _("missing argument"));
		return false;
	}
	return true;
}
