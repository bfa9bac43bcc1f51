// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/demo_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "progress/progress.h"
#include "store/lookup.h"
#include "sync/sync.h"
#include "ui/ui.h"

#define DEMO_PASSWORD "demo-password"

struct demo {
	char dir[4096];
	char server_dir[4200], desk_dir[4200], pw[4200], log[4200];
	char frontdeskd[4096];
	pid_t server;
	int port;
	bool progress_here; /* the tool's stderr stays this terminal's (its progress line) */
};

/* Next to this program (a build tree) or where the package installs it. */
static bool find_frontdeskd(char *out, size_t size)
{
	const char *env = getenv("FRONTDESKD");
	if (env && access(env, X_OK) == 0) {
		snprintf(out, size, "%s", env);
		return true;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		snprintf(out, size, "%s/frontdeskd", dirname(self));
		if (access(out, X_OK) == 0)
			return true;
	}
	snprintf(out, size, "%s/frontdeskd", SBINDIR);
	return access(out, X_OK) == 0;
}

/* Start frontdeskd with args, output to the log (stdout to pipefd[1]
 * when pipefd is given); its pid, or -1. */
static pid_t spawn_server_tool(struct demo *d, char *const args[], const int *pipefd)
{
	pid_t pid = fork();
	if (pid == 0) {
		int log = open(d->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (!d->progress_here)
			dup2(log, STDERR_FILENO);
		dup2(pipefd ? pipefd[1] : log, STDOUT_FILENO);
		execv(d->frontdeskd, args);
		_exit(127);
	}
	return pid;
}

/* The exit status of pid (-1: none, or killed). */
static int wait_server_tool(pid_t pid)
{
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Run frontdeskd with args, output to the log (and stdout to capture, if
 * given); wait for it. */
static int run_server_tool(struct demo *d, char *const args[], char *capture, size_t size)
{
	int pipefd[2] = {-1, -1};
	if (capture && pipe(pipefd) != 0)
		return -1;
	pid_t pid = spawn_server_tool(d, args, capture ? pipefd : NULL);
	if (pid < 0)
		return -1;
	if (capture) {
		close(pipefd[1]);
		size_t used = 0;
		ssize_t r;
		while (used + 1 < size && (r = read(pipefd[0], capture + used, size - used - 1)) > 0)
			used += (size_t)r;
		capture[used] = '\0';
		close(pipefd[0]);
	}
	return wait_server_tool(pid);
}

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int port = -1;
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(s, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (s >= 0)
		close(s);
	return port;
}

static bool port_answers(int port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET,
	                        .sin_port = htons((uint16_t)port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bool ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0;
	if (s >= 0)
		close(s);
	return ok;
}

static bool start_server(struct demo *d)
{
	char listen[64];
	d->port = free_port();
	snprintf(listen, sizeof listen, "127.0.0.1:%d", d->port);
	d->server = fork();
	if (d->server < 0)
		return false;
	if (d->server == 0) {
		int log = open(d->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(log, STDERR_FILENO);
		dup2(log, STDOUT_FILENO);
		execl(d->frontdeskd, "frontdeskd", "--data", d->server_dir, "serve", "--listen", listen,
		      (char *)NULL);
		_exit(127);
	}
	/* Five seconds at most, looked at every 5 ms: the server is up in
	 * some 20 ms, each look is a connect on loopback. */
	for (int i = 0; i < 1000; i++) {
		if (port_answers(d->port))
			return true;
		struct timespec t = {0, 5 * 1000 * 1000};
		nanosleep(&t, NULL);
	}
	return false;
}

static void stop_server(struct demo *d)
{
	if (d->server <= 0)
		return;
	kill(d->server, SIGTERM);
	waitpid(d->server, NULL, 0);
	d->server = 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The demo hotel's first front-office receptionist, from the server's data. */
static bool demo_receptionist(struct demo *d, char *user)
{
	char path[4300];
	snprintf(path, sizeof path, "%s/frontdeskd.db", d->server_dir);
	struct fd_error err;
	struct fd_db *db = fd_db_open(path, FD_DB_READONLY, &err);
	if (!db)
		return false;
	bool found = fd_query_first_staff(db, FD_ROLE_STAFF, FD_DEPT_FRONT_OFFICE, user, NULL) == FD_OK;
	fd_db_close(db);
	return found;
}

static bool set_up(struct demo *d, struct cli *cli, char user[FD_USER_LEN])
{
	snprintf(d->server_dir, sizeof d->server_dir, "%s/server", d->dir);
	snprintf(d->desk_dir, sizeof d->desk_dir, "%s/desk", d->dir);
	snprintf(d->pw, sizeof d->pw, "%s/password", d->dir);
	snprintf(d->log, sizeof d->log, "%s/frontdeskd.log", d->dir);
	FILE *f = fopen(d->pw, "w");
	if (!f)
		return false;
	fprintf(f, "%s\n", DEMO_PASSWORD);
	fclose(f);
	/* --throwaway: the published password's verifiers and signing keys
	 * at libsodium's minimum cost, on the server (srv_throwaway_hotel) as
	 * on this desk (throwaway_desk below), which derive the same keys. */
	char *demo_args[] = {"frontdeskd",      "--data", d->server_dir, "demo",
	                     "--password-file", d->pw,    "--throwaway", NULL};
	char code_out[512];
	char *code_args[] = {"frontdeskd", "--data", d->server_dir, "enroll-code", NULL};
	fprintf(stderr, _("Starting a private frontdeskd with the demo hotel...\n"));
	/* The demo's build draws its progress line here, on a terminal (an
	 * error of it shows here too rather than in the log). */
	d->progress_here = isatty(STDERR_FILENO);
	pid_t builder = mkdir(d->server_dir, 0700) == 0 ? spawn_server_tool(d, demo_args, NULL) : -1;
	d->progress_here = false;
	/* While the server's hotel is built (on the other core, where there
	 * is one), this desk's database is made: its schema is a tenth of
	 * the desk's own work here. */
	cli->data_dir = d->desk_dir;
	cli->as_user = NULL; /* the demo receptionist acts */
	struct fd_error err = {0};
	bool desk = cli_open(cli, true) == CLI_OK;
	if (desk && fd_db_meta_set(cli->db, "throwaway_desk", "1", &err) != FD_OK) { /* account.c */
		fprintf(stderr, "frontdesk: %s\n", err.message);
		desk = false;
	}
	bool built = wait_server_tool(builder) == 0;
	if (!built || !desk || run_server_tool(d, code_args, code_out, sizeof code_out) != 0 ||
	    !demo_receptionist(d, user) || !start_server(d))
		return false;
	/* The code is the last word of the output. */
	char *code = code_out + strlen(code_out);
	while (code > code_out && (code[-1] == '\n' || code[-1] == ' '))
		*--code = '\0';
	while (code > code_out && code[-1] != ' ' && code[-1] != '\n')
		code--;
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d", d->port);
	/* Enrol, sign in and take the hotel's first copy, as a desk would
	 * with enroll, login and sync --once. */
	bool offline = false;
	if (fd_session_enroll(&cli->session, url, code, "DEMO-DESK", &err) ||
	    fd_session_login(&cli->session, user, DEMO_PASSWORD, &offline, &err)) {
		fprintf(stderr, "frontdesk: %s\n", err.message);
		return false;
	}
	struct fd_progress bar;
	fd_progress_init(&bar, _("records"), false);
	struct fd_sync_options o = {.progress = fd_progress_update, .progress_ctx = &bar};
	struct fd_sync *sync = fd_sync_new(cli->session.db_path, &o, &err);
	enum fd_status st = sync ? fd_sync_once(sync, &err) : err.status;
	fd_progress_end(&bar);
	fd_sync_free(sync);
	if (st)
		fprintf(stderr, "frontdesk: %s\n", err.message);
	return st == FD_OK;
}

int ui_demo_server(struct cli *cli, int argc, char **argv, bool *unavailable)
{
	struct demo d = {0};
	*unavailable = !find_frontdeskd(d.frontdeskd, sizeof d.frontdeskd);
	if (*unavailable)
		return CLI_FAILED;
	const char *tmp = getenv("TMPDIR");
	snprintf(d.dir, sizeof d.dir, "%s/frontdesk-demo-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(d.dir)) {
		perror("frontdesk: mkdtemp");
		return CLI_FAILED;
	}
	char user[FD_USER_LEN] = "";
	int rc;
	if (set_up(&d, cli, user)) {
		rc = ui_main(cli, argc, argv);
	} else {
		fprintf(stderr, _("frontdesk: the demo server did not start; its log follows.\n"));
		char *cat[] = {"cat", d.log, NULL};
		pid_t p = fork();
		if (p == 0) {
			execvp("cat", cat);
			_exit(127);
		}
		if (p > 0)
			waitpid(p, NULL, 0);
		rc = CLI_FAILED;
	}
	cli_close(cli);
	stop_server(&d);
	nftw(d.dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
