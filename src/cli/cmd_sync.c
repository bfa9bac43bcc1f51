// SPDX-License-Identifier: GPL-3.0-or-later
/* The command line of the sync side: enroll, login, logout, sync,
 * sync-status, conflicts, resolve, dump. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>

#include <sodium.h>

#include "cli/cli.h"
#include "doc/pack.h"
#include "progress/progress.h"
#include "core/op.h"
#include "core/i18n.h"
#include "store/audit.h"
#include "store/dump.h"
#include "store/lookup.h"
#include "store/query_desk.h"
#include "sync/account.h"
#include "sync/sync.h"

int cmd_enroll(struct cli *cli, int argc, char **argv)
{
	const char *name = NULL, *pos[2];
	const struct cli_opt opts[] = {{"name", &name, NULL}, {0}};
	if (!cli_parse(cli, "enroll", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	char host[64] = "DESK";
	if (!name) {
		gethostname(host, sizeof host - 1);
		name = host;
	}
	int rc = cli_open(cli, true);
	if (rc)
		return rc;
	struct fd_error err = {0};
	if (fd_session_enroll(&cli->session, pos[0], pos[1], name, &err))
		return cli_error(cli, &err);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "server_url", pos[0]);
		cJSON_AddStringToObject(doc, "name", name);
		cli_print_json(doc);
	} else {
		printf(_("Enrolled as \"%s\" with %s. Sign in with 'frontdesk login USER', then 'frontdesk "
		         "sync'.\n"),
		       name, pos[0]);
	}
	return CLI_OK;
}

/* A password from a file (first line) or typed without echo. */
bool cli_read_password(struct cli *cli, const char *file, char *out, size_t size)
{
	FILE *f = file ? fopen(file, "r") : stdin;
	if (!f) {
		fprintf(stderr, _("%s login: cannot read %s: %s\n"), cli->prog, file, strerror(errno));
		return false;
	}
	struct termios old, quiet;
	bool tty = !file && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, _("Password: "));
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(out, (int)size, f) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (file)
		fclose(f);
	out[ok ? strcspn(out, "\r\n") : 0] = '\0';
	if (!ok || !out[0]) {
		fprintf(stderr, _("%s login: no password given\n"), cli->prog);
		return false;
	}
	return true;
}

int cmd_login(struct cli *cli, int argc, char **argv)
{
	const char *file = NULL, *pos[1];
	const struct cli_opt opts[] = {{"password-file", &file, NULL}, {0}};
	if (!cli_parse(cli, "login", argc, argv, opts, pos, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char pw[256];
	if (!cli_read_password(cli, file, pw, sizeof pw))
		return CLI_REFUSED;
	struct fd_error err = {0};
	bool offline;
	enum fd_status st = fd_session_login(&cli->session, pos[0], pw, &offline, &err);
	sodium_memzero(pw, sizeof pw);
	if (st)
		return cli_error(cli, &err);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "user", pos[0]);
		cJSON_AddBoolToObject(doc, "offline", offline);
		cli_print_json(doc);
	} else if (offline) {
		printf(_("Signed in as %s offline (the server cannot be reached); your work syncs once you "
		         "sign in online.\n"),
		       pos[0]);
	} else {
		printf(_("Signed in as %s.\n"), pos[0]);
	}
	return CLI_OK;
}

int cmd_logout(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "logout", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	if (fd_session_logout(&cli->session, &err))
		return cli_error(cli, &err);
	if (!cli->json)
		printf(_("Signed out.\n"));
	return CLI_OK;
}

static void status_json(const struct fd_sync_status *st, cJSON *doc)
{
	cJSON_AddBoolToObject(doc, "online", st->online);
	cJSON_AddNumberToObject(doc, "last_success", (double)st->last_success);
	cJSON_AddNumberToObject(doc, "cursor", (double)st->cursor);
	cJSON_AddNumberToObject(doc, "pending", st->pending);
	cJSON_AddNumberToObject(doc, "rejected", st->rejected);
	cJSON_AddNumberToObject(doc, "open_conflicts", st->open_conflicts);
	if (st->last_error[0])
		cJSON_AddStringToObject(doc, "last_error", st->last_error);
}

static void status_print(struct cli *cli, const struct fd_sync_status *st)
{
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		status_json(st, doc);
		char *s = cJSON_PrintUnformatted(doc);
		printf("%s\n", s);
		free(s);
		cJSON_Delete(doc);
	} else {
		printf(_("%s: cursor %lld, %d pending, %d rejected, %d open conflicts%s%s\n"),
		       st->online ? _("online") : _("offline"), (long long)st->cursor, st->pending,
		       st->rejected, st->open_conflicts, st->last_error[0] ? "; " : "", st->last_error);
	}
	fflush(stdout);
}

static volatile sig_atomic_t interrupted;
static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

int cmd_sync(struct cli *cli, int argc, char **argv)
{
	bool once = false, follow = false;
	const char *batch = NULL, *page = NULL, *wait = NULL, *pack_every = NULL;
	const struct cli_opt opts[] = {{"once", NULL, &once},
	                               {"follow", NULL, &follow},
	                               {"batch", &batch, NULL},
	                               {"page", &page, NULL},
	                               {"wait", &wait, NULL},
	                               {"pack-every", &pack_every, NULL},
	                               {0}};
	if (!cli_parse(cli, "sync", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	if (once && follow)
		return cli_usage_error(cli, "sync", _("--once and --follow exclude each other"));
	struct fd_sync_options o = {0};
	if ((batch && !cli_int(cli, "sync", "--batch", batch, 1, 500, &o.batch_limit)) ||
	    (page && !cli_int(cli, "sync", "--page", page, 1, 5000, &o.page_limit)) ||
	    (wait && !cli_int(cli, "sync", "--wait", wait, 1, 60, &o.wait_seconds)) ||
	    (pack_every && !cli_int(cli, "sync", "--pack-every", pack_every, 1, 3600, &o.refresh_seconds)))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	/* Following, like the application, keeps DATA/outage-pack up to date. */
	static char pack_dir[4096];
	snprintf(pack_dir, sizeof pack_dir, "%s/outage-pack", cli->session.data_dir);
	if (follow) {
		o.refresh = fd_outage_pack_refresh;
		o.refresh_ctx = pack_dir;
	}
	/* A snapshot (the first sync, a re-sync) shows how far it is on a
	 * terminal; following prints a status line per page instead. */
	struct fd_progress bar;
	fd_progress_init(&bar, _("records"), cli->json);
	if (!follow) {
		o.progress = fd_progress_update;
		o.progress_ctx = &bar;
	}
	struct fd_sync *s = fd_sync_new(cli->session.db_path, &o, &err);
	if (!s)
		return cli_error(cli, &err);
	struct fd_sync_status st;
	if (!follow) {
		enum fd_status r = fd_sync_once(s, &err);
		fd_progress_end(&bar);
		fd_sync_status_get(s, &st);
		fd_sync_free(s);
		if (r)
			return cli_error(cli, &err);
		status_print(cli, &st);
		return CLI_OK;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (fd_sync_start(s, &err)) {
		fd_sync_free(s);
		return cli_error(cli, &err);
	}
	while (!interrupted) {
		struct pollfd p = {.fd = fd_sync_wake_fd(s), .events = POLLIN};
		if (poll(&p, 1, 1000) > 0) {
			char buf[64];
			while (read(p.fd, buf, sizeof buf) > 0)
				;
			fd_sync_status_get(s, &st);
			status_print(cli, &st);
		}
	}
	fd_sync_free(s);
	return CLI_OK;
}

static int64_t meta_int(struct fd_db *db, const char *key)
{
	char buf[32];
	return fd_db_meta_get(db, key, buf, sizeof buf, NULL) == FD_OK ? strtoll(buf, NULL, 10) : 0;
}

int cmd_sync_status(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "sync-status", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char url[512] = "", user[FD_USER_LEN] = "", name[FD_NAME_LEN] = "";
	bool enrolled = fd_db_meta_get(cli->db, "server_url", url, sizeof url, NULL) == FD_OK;
	fd_db_meta_get(cli->db, "session_user", user, sizeof user, NULL);
	fd_db_meta_get(cli->db, "device_name", name, sizeof name, NULL);
	int pending = 0, rejected = 0, conflicts = 0;
	struct fd_error err = {0};
	if (fd_query_outbox(cli->db, &pending, &rejected, &err) ||
	    fd_query_open_conflicts(cli->db, &conflicts, &err))
		return cli_error(cli, &err);
	int64_t cursor = meta_int(cli->db, "sync_cursor");
	int64_t last = meta_int(cli->db, "sync_last_success");
	/* What the engine (the application, `sync --follow`) last heard: its
	 * heartbeat asks every second, so older than 15 s means nobody hears the
	 * server now. */
	int64_t heard = meta_int(cli->db, "sync_last_heard");
	bool online =
	    enrolled && meta_int(cli->db, "sync_online") == 1 && heard && (int64_t)time(NULL) - heard <= 15;
	/* The server answered that this terminal's protocol is too old. */
	bool too_old = enrolled && meta_int(cli->db, "sync_too_old") == 1;
	/* An administrator revoked this terminal (the server said so). */
	bool revoked = enrolled && meta_int(cli->db, "sync_revoked") == 1;
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddBoolToObject(doc, "enrolled", enrolled);
		cJSON_AddStringToObject(doc, "server_url", url);
		cJSON_AddStringToObject(doc, "device_name", name);
		cJSON_AddStringToObject(doc, "user", user);
		cJSON_AddNumberToObject(doc, "cursor", (double)cursor);
		cJSON_AddNumberToObject(doc, "last_success", (double)last);
		cJSON_AddBoolToObject(doc, "online", online);
		cJSON_AddNumberToObject(doc, "last_heard", (double)heard);
		cJSON_AddNumberToObject(doc, "pending", pending);
		cJSON_AddNumberToObject(doc, "rejected", rejected);
		cJSON_AddNumberToObject(doc, "open_conflicts", conflicts);
		cJSON_AddBoolToObject(doc, "too_old", too_old);
		cJSON_AddBoolToObject(doc, "revoked", revoked);
		cli_print_json(doc);
		return CLI_OK;
	}
	if (!enrolled) {
		printf(_("Not enrolled: a standalone hotel (enroll with 'frontdesk enroll URL CODE').\n"));
		return CLI_OK;
	}
	printf(_("Server:     %s (this terminal: %s)\n"), url, name);
	printf(_("Signed in:  %s\n"), user[0] ? user : _("nobody"));
	printf(_("Cursor:     %lld\n"), (long long)cursor);
	if (last) {
		char when[64];
		time_t t = (time_t)last;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&t));
		printf(_("Last sync:  %s\n"), when);
	} else {
		printf(_("Last sync:  never\n"));
	}
	if (heard) {
		char when[64];
		time_t t = (time_t)heard;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&t));
		printf(_("Heard from: %s (%s)\n"), when, online ? _("online") : _("offline"));
	}
	printf(_("Pending:    %d operations\nRejected:   %d operations\nConflicts:  %d open\n"), pending,
	       rejected, conflicts);
	if (too_old)
		printf(_("Upgrade:    this terminal's frontdesk is too old for the server; install the newer "
		         "version (it keeps working offline until then)\n"));
	if (revoked)
		printf(_("Revoked:    an administrator revoked this terminal; it no longer syncs (ask for an "
		         "enrolment code to enrol it again)\n"));
	return CLI_OK;
}

struct conflict_list {
	cJSON *json; /* NULL: print */
	int n;
};

static bool print_conflict(void *ctx, const struct fd_conflict_row *c)
{
	struct conflict_list *list = ctx;
	cJSON *details = cJSON_Parse(c->details);
	const cJSON *op = cJSON_GetObjectItemCaseSensitive(details, "op");
	const cJSON *clash = cJSON_GetObjectItemCaseSensitive(details, "clash_booking");
	const cJSON *free_rooms = cJSON_GetObjectItemCaseSensitive(details, "free_rooms");
	if (list->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", c->id);
		cJSON_AddNumberToObject(o, "created_at", (double)c->created_at);
		cJSON_AddStringToObject(o, "actor", c->actor);
		cJSON_AddStringToObject(o, "type", c->type);
		cJSON_AddStringToObject(o, "code", c->code);
		cJSON_AddStringToObject(o, "message", c->message);
		cJSON_AddBoolToObject(o, "resolved", c->resolved);
		cJSON_AddItemToObject(o, "details", details ? details : cJSON_CreateObject());
		details = NULL;
		cJSON_AddItemToArray(list->json, o);
	} else {
		char *payload =
		    op ? cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(op, "payload")) : NULL;
		printf("%s  %s by %s: %s\n", c->id, c->type, c->actor, c->message);
		if (payload)
			printf(_("    operation: %s\n"), payload);
		if (cJSON_IsString(clash))
			printf(_("    clashes with booking %s\n"), clash->valuestring);
		if (cJSON_GetArraySize(free_rooms) > 0) {
			printf(_("    free rooms of the same type:"));
			const cJSON *r;
			cJSON_ArrayForEach(r, free_rooms)
			    printf(" %s", cJSON_IsString(r) ? r->valuestring : "?");
			printf("\n");
		}
		if (c->resolved)
			printf(_("    resolved by %s\n"), c->resolved_by);
		free(payload);
	}
	cJSON_Delete(details);
	list->n++;
	return true;
}

int cmd_conflicts(struct cli *cli, int argc, char **argv)
{
	bool all = false;
	const struct cli_opt opts[] = {{"all", NULL, &all}, {0}};
	if (!cli_parse(cli, "conflicts", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct conflict_list list = {.json = cli->json ? cJSON_CreateArray() : NULL};
	struct fd_error err = {0};
	if (fd_query_conflicts(cli->db, all, print_conflict, &list, &err)) {
		cJSON_Delete(list.json);
		return cli_error(cli, &err);
	}
	if (list.json)
		cli_print_json(list.json);
	else if (!list.n)
		printf(_("No open conflicts.\n"));
	return CLI_OK;
}

int cmd_dump(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "dump", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	char *text;
	if (fd_dump_hotel(cli->db, &text, &err))
		return cli_error(cli, &err);
	printf("%s\n", text);
	free(text);
	return CLI_OK;
}

/* frontdesk check: the audit log's hash chain is intact (store/audit.h);
 * exit 1 naming the first row that does not match. */
int cmd_check(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "check", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	int64_t rows = 0, bad = 0;
	enum fd_status st = fd_audit_verify(cli->db, &rows, &bad, &err);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddBoolToObject(doc, "audit_chain_ok", st == FD_OK);
		cJSON_AddNumberToObject(doc, "rows", (double)rows);
		if (bad)
			cJSON_AddNumberToObject(doc, "first_broken_row", (double)bad);
		cli_print_json(doc);
	}
	if (st)
		return cli_error(cli, &err);
	if (!cli->json)
		printf(ngettext("check: ok (the audit log's chain of %lld row is intact)\n",
		                "check: ok (the audit log's chain of %lld rows is intact)\n",
		                (unsigned long)rows),
		       (long long)rows);
	return CLI_OK;
}

/* Apply one operation given as JSON (scripts, tests, integrations):
 *   frontdesk op TYPE PAYLOAD-JSON
 *   frontdesk op --batch FILE   (one {"type","payload"} per line, each its
 *                                own transaction, as a person would) */
static int apply_raw(struct cli *cli, const char *type, const char *payload_text, int line)
{
	cJSON *payload = cJSON_Parse(payload_text);
	if (!cJSON_IsObject(payload)) {
		cJSON_Delete(payload);
		if (line)
			return cli_usage_error(cli, "op", _("line %d: the payload is not a JSON object"),
			                       line);
		return cli_usage_error(cli, "op", _("the payload is not a JSON object"));
	}
	if (!fd_op_type_known(type)) {
		cJSON_Delete(payload);
		return cli_usage_error(cli, "op", _("unknown operation type \"%s\""), type);
	}
	struct fd_op op;
	struct fd_op_result res;
	fd_session_op(&cli->session, &op, type);
	cJSON_Delete(op.payload);
	op.payload = payload;
	int rc = cli_apply(cli, &op, 1, &res);
	if (rc == CLI_OK && !cli->json && res.code[0])
		printf("%s\n", res.code);
	return rc;
}

int cmd_op(struct cli *cli, int argc, char **argv)
{
	const char *batch = NULL, *pos[2] = {NULL, NULL};
	const struct cli_opt opts[] = {{"batch", &batch, NULL}, {0}};
	if (!cli_parse(cli, "op", argc, argv, opts, pos, 0, 2))
		return CLI_USAGE;
	if (!batch && !pos[1])
		return cli_usage_error(cli, "op", _("give TYPE and PAYLOAD-JSON, or --batch FILE"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (!batch)
		return apply_raw(cli, pos[0], pos[1], 0);
	FILE *f = strcmp(batch, "-") == 0 ? stdin : fopen(batch, "r");
	if (!f) {
		fprintf(stderr, _("%s op: cannot read %s: %s\n"), cli->prog, batch, strerror(errno));
		return CLI_FAILED;
	}
	/* A line is read whole, however long: a payload cut in two would be
	 * reported as two broken lines, and every later line misnumbered. */
	char *buf = NULL;
	size_t cap = 0;
	int line = 0, failed = 0;
	while (getline(&buf, &cap, f) != -1) {
		line++;
		cJSON *o = cJSON_Parse(buf);
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "type");
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "payload");
		char *ptext = p ? cJSON_PrintUnformatted(p) : NULL;
		if (!cJSON_IsString(t) || !ptext)
			rc = cli_usage_error(cli, "op",
			                     _("line %d: expected {\"type\":...,\"payload\":{...}}"), line);
		else
			rc = apply_raw(cli, t->valuestring, ptext, line);
		free(ptext);
		cJSON_Delete(o);
		failed += rc != CLI_OK;
	}
	free(buf);
	if (f != stdin)
		fclose(f);
	return failed ? CLI_REFUSED : CLI_OK;
}

/* A notice named by its id or a unique prefix of it (ids are long). */
static bool find_notice(struct cli *cli, const char *key, char out[FD_ID_LEN])
{
	int found = 0;
	if (strlen(key) < 4 || strlen(key) >= FD_ID_LEN ||
	    fd_lookup_id_prefix(cli->db, FD_ID_CONFLICT, key, out, &found, NULL) != FD_OK)
		return false;
	return found == 1;
}

int cmd_resolve(struct cli *cli, int argc, char **argv)
{
	const char *room = NULL, *pos[1];
	bool accept = false;
	const struct cli_opt opts[] = {{"room", &room, NULL}, {"accept", NULL, &accept}, {0}};
	if (!cli_parse(cli, "resolve", argc, argv, opts, pos, 1, 1))
		return CLI_USAGE;
	if (!room == !accept)
		return cli_usage_error(cli, "resolve", _("give either --room NUM or --accept"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char id[FD_ID_LEN];
	if (!find_notice(cli, pos[0], id)) {
		struct fd_error err;
		fd_fail(&err, FD_E_NOT_FOUND, "conflict_not_found", "conflict",
		        _("No single conflict notice starts with \"%s\" (see 'frontdesk conflicts')."),
		        pos[0]);
		return cli_error(cli, &err);
	}
	struct fd_op op;
	fd_session_op(&cli->session, &op, "conflict.resolve");
	cJSON_AddStringToObject(op.payload, "conflict", id);
	if (room)
		cJSON_AddStringToObject(op.payload, "room", room);
	else
		cJSON_AddBoolToObject(op.payload, "accept", true);
	rc = cli_apply(cli, &op, 1, NULL);
	if (rc == CLI_OK && !cli->json)
		printf(room ? _("Resolved: the booking now has room %s.\n")
		            : _("Resolved: the loss is accepted.%s\n"),
		       room ? room : "");
	return rc;
}
