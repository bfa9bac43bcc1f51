// SPDX-License-Identifier: GPL-3.0-or-later
/* Helpers shared by the command implementations. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "store/oplog.h"
#include "store/query.h"

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

static void default_data_dir(char *out, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(out, size, "%s/frontdesk", xdg);
	else
		snprintf(out, size, "%s/.local/share/frontdesk", home ? home : ".");
}

int cli_open(struct cli *cli, bool create)
{
	if (cli->db)
		return CLI_OK;
	char dir[3900];
	struct fd_error err = {0};
	if (cli->data_dir)
		snprintf(dir, sizeof dir, "%s", cli->data_dir);
	else
		default_data_dir(dir, sizeof dir);
	if (create && !make_private_dir(dir, &err))
		return cli_error(cli, &err);
	snprintf(cli->db_path, sizeof cli->db_path, "%s/frontdesk.db", dir);
	cli->db = fd_db_open(cli->db_path, create ? FD_DB_CREATE : 0, &err);
	if (!cli->db)
		return cli_error(cli, &err);
	if (fd_db_meta_get(cli->db, "device_id", cli->device, sizeof cli->device, NULL) != FD_OK)
		snprintf(cli->device, sizeof cli->device, "local");
	/* On an enrolled terminal the signed-in staff member acts (not trusted:
	 * their role is checked here as it will be on the server). */
	if (!cli->actor[0])
		fd_db_meta_get(cli->db, "session_user", cli->actor, sizeof cli->actor, NULL);
	return CLI_OK;
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

void cli_op(struct cli *cli, struct fd_op *op, const char *type)
{
	fd_op_init(op);
	fd_op_prepare(op, type, cli->actor[0] ? cli->actor : "local", cli->device);
	op->payload = cJSON_CreateObject();
}

int cli_apply(struct cli *cli, struct fd_op *ops, int n, struct fd_op_result *results)
{
	/* Without a signed-in staff member the command line acts as the
	 * terminal's owner (a standalone hotel); the server still checks every
	 * pushed operation against a real staff member. */
	unsigned flags = cli->actor[0] ? 0 : FD_APPLY_TRUSTED;
	char url[8];
	if (fd_db_meta_get(cli->db, "server_url", url, sizeof url, NULL) == FD_OK)
		flags |= FD_STORE_OUTBOX;
	struct fd_error err = {0};
	int failed = -1;
	enum fd_status st = fd_store_apply(cli->db, ops, n, flags, results, &failed, &err);
	for (int i = 0; i < n; i++)
		fd_op_clear(&ops[i]);
	if (st)
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
