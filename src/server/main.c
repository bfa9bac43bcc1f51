// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd: the central API server. `frontdeskd serve` runs it; the other
 * subcommands administer the data directory (see admin.c). Configuration:
 * an ini file ([server] section; /etc/frontdesk/frontdeskd.conf or
 * --config FILE), then flags, which win. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "doc/doc.h"
#include "server/route.h"
#include "server/server.h"
#include "store/ids.h"

void srv_config_defaults(struct srv_config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->data_dir, sizeof c->data_dir, "/var/lib/frontdesk");
	snprintf(c->listen, sizeof c->listen, "127.0.0.1:8470");
	c->threads = 16; /* a push waiting for the group commit holds its thread */
	c->conn_limit = 64;
	c->conn_timeout = 90; /* longer than the longest long-poll */
	c->max_body = 1024 * 1024;
	c->session_idle = 8 * 3600;
	c->session_max = 24 * 3600;
	c->max_wait = 60;
	c->max_batch = 500;
	c->keep_changes = 90;
	snprintf(c->smtp_tls, sizeof c->smtp_tls, "required");
	c->mail_retry = 60;
	c->mail_attempts = 10;
	c->min_protocol = FD_PROTOCOL_OLDEST;
}

/* One setting by its long-flag name; false when unknown or malformed. */
static bool config_set(struct srv_config *c, const char *key, const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	bool num = *v && !*end && n > 0;
	if (strcmp(key, "data") == 0)
		return snprintf(c->data_dir, sizeof c->data_dir, "%s", v) < (int)sizeof c->data_dir;
	if (strcmp(key, "listen") == 0)
		return snprintf(c->listen, sizeof c->listen, "%s", v) < (int)sizeof c->listen;
	if (strcmp(key, "tls-cert") == 0)
		return snprintf(c->tls_cert, sizeof c->tls_cert, "%s", v) < (int)sizeof c->tls_cert;
	if (strcmp(key, "tls-key") == 0)
		return snprintf(c->tls_key, sizeof c->tls_key, "%s", v) < (int)sizeof c->tls_key;
	struct {
		const char *key;
		char *out;
		size_t size;
	} texts[] = {{"smtp-url", c->smtp_url, sizeof c->smtp_url},
	             {"smtp-user", c->smtp_user, sizeof c->smtp_user},
	             {"smtp-password-file", c->smtp_password_file, sizeof c->smtp_password_file},
	             {"smtp-from", c->smtp_from, sizeof c->smtp_from}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (strcmp(key, texts[i].key) == 0)
			return snprintf(texts[i].out, texts[i].size, "%s", v) < (int)texts[i].size;
	if (strcmp(key, "smtp-tls") == 0) {
		if (strcmp(v, "required") != 0 && strcmp(v, "try") != 0 && strcmp(v, "none") != 0)
			return false;
		snprintf(c->smtp_tls, sizeof c->smtp_tls, "%s", v);
		return true;
	}
	if (!num || n > 100000000)
		return false;
	if (strcmp(key, "threads") == 0 && n <= 256)
		c->threads = (unsigned)n;
	else if (strcmp(key, "per-ip-connections") == 0)
		c->conn_limit = (unsigned)n;
	else if (strcmp(key, "connection-timeout") == 0)
		c->conn_timeout = (unsigned)n;
	else if (strcmp(key, "max-body") == 0)
		c->max_body = (size_t)n;
	else if (strcmp(key, "session-idle") == 0)
		c->session_idle = n;
	else if (strcmp(key, "session-max") == 0)
		c->session_max = n;
	else if (strcmp(key, "max-wait") == 0 && n <= 3600)
		c->max_wait = (int)n;
	else if (strcmp(key, "max-batch") == 0 && n <= 10000)
		c->max_batch = (int)n;
	else if (strcmp(key, "keep-changes") == 0 && n <= 36500)
		c->keep_changes = (int)n;
	else if (strcmp(key, "mail-retry") == 0 && n <= 86400)
		c->mail_retry = (int)n;
	else if (strcmp(key, "mail-attempts") == 0 && n <= 1000)
		c->mail_attempts = (int)n;
	else if (strcmp(key, "min-protocol") == 0 && n <= FD_PROTOCOL)
		c->min_protocol = (int)n;
	else
		return false;
	return true;
}

struct ini_ctx {
	struct srv_config *c;
	char bad[128];
};

static int ini_cb(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *x = user;
	if (strcmp(section, "server") != 0)
		return 1;
	if (!config_set(x->c, name, value)) {
		snprintf(x->bad, sizeof x->bad, "%s", name);
		return 0;
	}
	return 1;
}

enum fd_status srv_config_load(struct srv_config *c, const char *path, struct fd_error *err)
{
	struct ini_ctx x = {.c = c};
	int rc = ini_parse(path, ini_cb, &x);
	if (rc == -1)
		return fd_fail(err, FD_E_IO, "io", NULL, "Cannot read %s: %s.", path, strerror(errno));
	if (rc != 0)
		return fd_fail(err, FD_E_INVALID, "invalid_config", x.bad, "%s line %d: bad setting \"%s\".",
		               path, rc, x.bad);
	return FD_OK;
}

/* Global options may appear anywhere; they are removed from argv. */
static bool take_globals(struct srv_config *c, int *argc, char **argv)
{
	static const char *const keys[] = {"data",
	                                   "listen",
	                                   "tls-cert",
	                                   "tls-key",
	                                   "threads",
	                                   "per-ip-connections",
	                                   "connection-timeout",
	                                   "max-body",
	                                   "session-idle",
	                                   "session-max",
	                                   "max-wait",
	                                   "max-batch",
	                                   "keep-changes",
	                                   "smtp-url",
	                                   "smtp-user",
	                                   "smtp-password-file",
	                                   "smtp-from",
	                                   "smtp-tls",
	                                   "mail-retry",
	                                   "mail-attempts",
	                                   "min-protocol",
	                                   NULL};
	/* The config file first, so flags override it. */
	const char *config = NULL;
	for (int i = 1; i < *argc; i++)
		if (strcmp(argv[i], "--config") == 0 && i + 1 < *argc)
			config = argv[i + 1];
	struct fd_error err = {0};
	if (config ? srv_config_load(c, config, &err) != FD_OK
	           : (access(SYSCONFDIR "/frontdesk/frontdeskd.conf", R_OK) == 0 &&
	              srv_config_load(c, SYSCONFDIR "/frontdesk/frontdeskd.conf", &err) != FD_OK)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		return false;
	}
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		bool taken = false;
		if (strcmp(argv[i], "--config") == 0 && i + 1 < *argc) {
			i++;
			continue;
		}
		for (int k = 0; keys[k] && !taken; k++) {
			if (strncmp(argv[i], "--", 2) != 0 || strcmp(argv[i] + 2, keys[k]) != 0)
				continue;
			if (i + 1 >= *argc || !config_set(c, keys[k], argv[i + 1])) {
				fprintf(stderr, "frontdeskd: --%s needs a valid value\n", keys[k]);
				return false;
			}
			i++;
			taken = true;
		}
		if (!taken)
			argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return true;
}

static int serve(struct srv_config *cfg)
{
	static struct srv s;
	struct fd_error err = {0};
	s.cfg = *cfg;
	char path[600];
	srv_db_path(cfg->data_dir, path, sizeof path);
	s.wdb = srv_db_open(cfg->data_dir, false, &s.hook, &err);
	if (!s.wdb && access(path, F_OK) != 0) {
		fprintf(stderr, "frontdeskd: %s (run 'frontdeskd init' first?)\n", err.message);
		return 1;
	}
	/* A damaged database is never served: terminals would sync from it. */
	if (!s.wdb || srv_db_quick_check(s.wdb, &err)) {
		fprintf(stderr,
		        "frontdeskd: the database %s is damaged (%s); not serving it. Stop here and restore "
		        "the latest backup: frontdeskd --data %s restore BACKUP-FILE\n",
		        path, err.message, cfg->data_dir);
		fd_db_close(s.wdb);
		return 1;
	}
	/* Held until the process ends: `restore` refuses while we serve. */
	if (srv_lock_data(cfg->data_dir, &err) < 0) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		fd_db_close(s.wdb);
		return 1;
	}
	if (srv_epoch(s.wdb, s.epoch, &err)) {
		fprintf(stderr, "frontdeskd: cannot read the epoch: %s\n", err.message);
		fd_db_close(s.wdb);
		return 1;
	}
	s.seq = srv_last_seq(s.wdb);
	int64_t floor = 0;
	if (srv_trim_changes(s.wdb, cfg->keep_changes, &floor, &err))
		fprintf(stderr, "frontdeskd: could not trim the change log: %s\n", err.message);
	atomic_store(&s.changes_floor, floor);
	/* Checkpoints run in the timer thread (PASSIVE), not inside a push
	 * that happens to cross the WAL threshold while holding the lock. */
	fd_db_exec(s.wdb, "PRAGMA wal_autocheckpoint=0", NULL);
	pthread_mutex_init(&s.wlock, NULL);
	pthread_mutex_init(&s.wait_lock, NULL);
	pthread_mutex_init(&s.throttle_lock, NULL);
	pthread_mutex_init(&s.push_lock, NULL);
	pthread_mutex_init(&s.hash_lock, NULL);
	pthread_cond_init(&s.hash_cond, NULL);
	pthread_cond_init(&s.push_cond, NULL);
	s.push_tail = &s.push_queue;
	pthread_key_create(&s.reader_key, srv_reader_close); /* runs as pool threads end */

	/* Signals are taken by sigwait below; every thread inherits the mask. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Each parked long-poll is an open socket: allow as many as the hard
	 * limit permits (systemd's default soft limit is 1024). */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	int rc = 0;
	if (srv_mail_check(cfg, &err)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		rc = 2;
	} else if (srv_http_start(&s, &err)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		rc = err.status == FD_E_INVALID ? 2 : 1; /* a wrong setting is a usage error */
	} else {
		fprintf(stderr, "frontdeskd: serving %s (epoch %s, seq %lld)\n", cfg->data_dir, s.epoch,
		        (long long)s.seq);
		if (srv_mail_start(&s, &err))
			fprintf(stderr, "frontdeskd: documents will not be e-mailed: %s\n", err.message);
		int sig = 0;
		while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
			fprintf(stderr, "frontdeskd: SIGHUP ignored (restart to reload the configuration)\n");
		fprintf(stderr, "frontdeskd: signal %d: stopping\n", sig);
	}
	s.stopping = 1;
	srv_mail_stop(&s);
	srv_http_stop(&s);
	fd_db_exec(s.wdb, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
	fd_db_close(s.wdb);
	srv_throttle_free(&s);
	fprintf(stderr, "frontdeskd: stopped\n");
	return rc;
}

int srv_admin_run(struct srv_config *cfg, int argc, char **argv);

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: frontdeskd [--config FILE] [--data DIR] COMMAND [ARGS]\n"
	        "commands:\n"
	        "  serve [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--threads N]\n"
	        "  init --property NAME --currency CODE --timezone ZONE [--date YYYY-MM-DD]\n"
	        "  demo [--seed N] [--date YYYY-MM-DD] [--password-file F]\n"
	        "  user add NAME --role ROLE --password-file F [--display-name TEXT] [--department DEPT]\n"
	        "  user passwd NAME --password-file F\n"
	        "  user disable NAME\n"
	        "  enroll-code [--ttl 24h]\n"
	        "  devices\n"
	        "  device revoke ID\n"
	        "  backup FILE\n"
	        "  restore FILE           replace the database with a backup (server stopped)\n"
	        "  check\n"
	        "  audit --as MANAGER [--date YYYY-MM-DD]\n"
	        "  routes\n");
}

int main(int argc, char **argv)
{
	fd_doc_lang_init(); /* documents in their readers' languages */
	struct srv_config cfg;
	srv_config_defaults(&cfg);
	if (fd_ids_init() != 0) {
		fprintf(stderr, "frontdeskd: cannot initialise libsodium\n");
		return 1;
	}
	if (!take_globals(&cfg, &argc, argv))
		return 2;
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("frontdeskd %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "routes") == 0) {
		srv_routes_print(stdout);
		return 0;
	}
	if (strcmp(argv[1], "serve") == 0) {
		if (argc != 2) {
			fprintf(stderr, "frontdeskd: serve: unexpected argument \"%s\"\n", argv[2]);
			return 2;
		}
		return serve(&cfg);
	}
	int rc = srv_admin_run(&cfg, argc - 1, argv + 1);
	if (rc == 2)
		usage(stderr);
	return rc;
}
