// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd: the central API server. `frontdeskd serve` runs it; the other
 * subcommands administer the data directory (see admin.c). Configuration:
 * an ini file ([server] section; /etc/frontdesk/frontdeskd.conf or
 * --config FILE), then flags, which win. */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "doc/doc.h"
#include "opt/opt.h"
#include "server/log.h"
#include "server/route.h"
#include "store/audit.h"
#include "server/server.h"
#include "server/session_cache.h"
#include "store/ids.h"
#include "store/zone.h"

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
	c->log_level = SRV_LOG_INFO;
	snprintf(c->book_dir, sizeof c->book_dir, "%s/book", PKGDATADIR);
	c->public_rate = 120;
	c->public_rate_window = 60;
	c->public_email_rate = 5;
	c->public_max_body = 16 * 1024;
	c->link_ttl = 24 * 45;
	c->link_uses = 50;
}

/* database = sqlite:DIR/frontdeskd.db (the default: the file in the data
 * directory) or postgresql://... (libpq's URI, several hosts and
 * target_session_attrs=read-write included; backend_pg.c). */
static bool database_set(struct srv_config *c, const char *v)
{
	if (strncmp(v, "sqlite:", 7) == 0) {
		const char *path = v + 7, *slash = strrchr(path, '/');
		if (!slash || strcmp(slash + 1, "frontdeskd.db") != 0 || slash == path)
			return false; /* the file is DIR/frontdeskd.db: its directory holds the lock and
			                 backups */
		c->database[0] = '\0';
		return snprintf(c->data_dir, sizeof c->data_dir, "%.*s", (int)(slash - path), path) <
		       (int)sizeof c->data_dir;
	}
	if (strncmp(v, "postgresql://", 13) != 0 && strncmp(v, "postgres://", 11) != 0)
		return false;
	return snprintf(c->database, sizeof c->database, "%s", v) < (int)sizeof c->database;
}

/* One setting by its long-flag name; false when unknown or malformed. */
static bool config_set(struct srv_config *c, const char *key, const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	bool num = *v && !*end && n > 0;
	if (strcmp(key, "data") == 0)
		return snprintf(c->data_dir, sizeof c->data_dir, "%s", v) < (int)sizeof c->data_dir;
	if (strcmp(key, "database") == 0)
		return database_set(c, v);
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
	             {"smtp-from", c->smtp_from, sizeof c->smtp_from},
	             {"public-origins", c->public_origins, sizeof c->public_origins},
	             {"public-url", c->public_url, sizeof c->public_url},
	             {"book-dir", c->book_dir, sizeof c->book_dir}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (strcmp(key, texts[i].key) == 0)
			return snprintf(texts[i].out, texts[i].size, "%s", v) < (int)texts[i].size;
	if (strcmp(key, "smtp-tls") == 0) {
		if (strcmp(v, "required") != 0 && strcmp(v, "try") != 0 && strcmp(v, "none") != 0)
			return false;
		snprintf(c->smtp_tls, sizeof c->smtp_tls, "%s", v);
		return true;
	}
	if (strcmp(key, "log-level") == 0) {
		enum srv_log_level level;
		if (!srv_log_level_parse(v, &level))
			return false;
		c->log_level = (int)level;
		return true;
	}
	if (strcmp(key, "trusted-proxy") == 0)
		return srv_net_list_parse(v, c->proxies, SRV_PROXIES_MAX, &c->n_proxies);
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
	else if (strcmp(key, "public-rate") == 0 && n <= 1000000)
		c->public_rate = (int)n;
	else if (strcmp(key, "public-rate-window") == 0 && n <= 86400)
		c->public_rate_window = (int)n;
	else if (strcmp(key, "public-email-rate") == 0 && n <= 1000000)
		c->public_email_rate = (int)n;
	else if (strcmp(key, "public-max-body") == 0 && n >= 1024)
		c->public_max_body = (size_t)n;
	else if (strcmp(key, "link-ttl") == 0 && n <= 24 * 3650)
		c->link_ttl = (int)n;
	else if (strcmp(key, "link-uses") == 0 && n <= 100000)
		c->link_uses = (int)n;
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

/* The settings given as options, applied over the configuration file
 * (at start, and again on each reload: the command line keeps winning). */
struct srv_flags {
	const char *config; /* --config FILE, or NULL for the default file */
	struct {
		const char *key, *value;
	} set[32];
	int n;
};

/* defaults, then the configuration file, then the options */
static enum fd_status config_build(struct srv_config *c, const struct srv_flags *f, struct fd_error *err)
{
	srv_config_defaults(c);
	enum fd_status st = FD_OK;
	if (f->config)
		st = srv_config_load(c, f->config, err);
	else if (access(SYSCONFDIR "/frontdesk/frontdeskd.conf", R_OK) == 0)
		st = srv_config_load(c, SYSCONFDIR "/frontdesk/frontdeskd.conf", err);
	for (int i = 0; !st && i < f->n; i++)
		if (!config_set(c, f->set[i].key, f->set[i].value))
			st = fd_fail(err, FD_E_INVALID, "invalid_option", f->set[i].key,
			             "--%s needs a valid value", f->set[i].key);
	return st;
}

static const char *const setting_names[] = {"data",
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
                                            "min-protocol",
                                            "trusted-proxy",
                                            "log-level",
                                            "smtp-url",
                                            "smtp-user",
                                            "smtp-password-file",
                                            "smtp-from",
                                            "smtp-tls",
                                            "mail-retry",
                                            "mail-attempts",
                                            "public-origins",
                                            "public-url",
                                            "book-dir",
                                            "public-rate",
                                            "public-rate-window",
                                            "public-email-rate",
                                            "public-max-body",
                                            "link-ttl",
                                            "link-uses",
                                            "database",
                                            NULL};

enum {
	OPT_CONFIG = 1,
	OPT_HELP,
	OPT_VERSION,
	OPT_JSON = 50,     /* report chain --json */
	OPT_CSV,           /* report chain --csv */
	OPT_THROWAWAY,     /* demo --throwaway */
	OPT_SETTING = 100, /* + index in setting_names */
	OPT_ADMIN = 200,   /* + index in admin_names */
};

static const char *const admin_names[] = {
    "property", "currency", "timezone", "date", "role",       "password-file", "display-name", "department",
    "ttl",      "seed",     "as",       "name", "chain-role", "from",          "to",           NULL};

struct cmdline {
	struct srv_flags flags;
	struct srv_admin_opts admin;
	int n_admin;
	bool help, version;
	char *args[8];
	int n_args;
};

static int on_option(void *ctx, int key, const char *name, const char *value, char *msg, size_t size)
{
	struct cmdline *l = ctx;
	if (key == FD_OPT_ARG) {
		if (l->n_args == (int)(sizeof l->args / sizeof *l->args)) {
			snprintf(msg, size, "unexpected argument \"%s\"", value);
			return -1;
		}
		l->args[l->n_args++] = (char *)value;
	} else if (key == OPT_CONFIG) {
		l->flags.config = value;
	} else if (key == OPT_HELP) {
		l->help = true;
	} else if (key == OPT_VERSION) {
		l->version = true;
	} else if (key == OPT_JSON || key == OPT_CSV) {
		*(key == OPT_JSON ? &l->admin.json : &l->admin.csv) = true;
		l->n_admin++;
	} else if (key == OPT_THROWAWAY) {
		l->admin.throwaway = true;
		l->n_admin++;
	} else if (key >= OPT_ADMIN) {
		const char **f[] = {&l->admin.property,     &l->admin.currency,   &l->admin.timezone,
		                    &l->admin.date,         &l->admin.role,       &l->admin.password_file,
		                    &l->admin.display_name, &l->admin.department, &l->admin.ttl,
		                    &l->admin.seed,         &l->admin.as,         &l->admin.name,
		                    &l->admin.chain_role,   &l->admin.from,       &l->admin.to};
		*f[key - OPT_ADMIN] = value;
		l->n_admin++;
	} else {
		/* checked now, so a wrong value is named before anything runs */
		struct srv_config scratch;
		srv_config_defaults(&scratch);
		if (!config_set(&scratch, name, value)) {
			snprintf(msg, size, "--%s needs a valid value (got \"%s\")", name, value);
			return -1;
		}
		if (l->flags.n == (int)(sizeof l->flags.set / sizeof *l->flags.set)) {
			snprintf(msg, size, "too many options");
			return -1;
		}
		l->flags.set[l->flags.n].key = name;
		l->flags.set[l->flags.n++].value = value;
	}
	return 0;
}

/* The whole command line, options before and after the command alike. */
static bool parse_cmdline(struct cmdline *l, int argc, char **argv)
{
	struct fd_optdef defs[64];
	int n = 0;
	defs[n++] = (struct fd_optdef){"config", true, OPT_CONFIG, 0};
	defs[n++] = (struct fd_optdef){"help", false, OPT_HELP, 0};
	defs[n++] = (struct fd_optdef){"version", false, OPT_VERSION, 0};
	defs[n++] = (struct fd_optdef){"json", false, OPT_JSON, 0};
	defs[n++] = (struct fd_optdef){"csv", false, OPT_CSV, 0};
	defs[n++] = (struct fd_optdef){"throwaway", false, OPT_THROWAWAY, 0};
	for (int i = 0; setting_names[i]; i++)
		defs[n++] = (struct fd_optdef){setting_names[i], true, OPT_SETTING + i, 0};
	for (int i = 0; admin_names[i]; i++)
		defs[n++] = (struct fd_optdef){admin_names[i], true, OPT_ADMIN + i, 0};
	defs[n] = (struct fd_optdef){NULL, false, 0, 0};
	const struct fd_optdef *const tables[] = {defs, NULL};
	char msg[300] = "";
	int next;
	if (fd_opt_parse(argc - 1, argv + 1, tables, false, on_option, l, msg, sizeof msg, &next)) {
		fprintf(stderr, "frontdeskd: %s (see 'frontdeskd --help')\n", msg);
		return false;
	}
	return true;
}

/* SIGHUP: read the configuration again (file, then the command line's
 * options) and apply what can change while serving: the TLS certificate
 * and key (renewals), session lifetimes, limits of requests, pushes and
 * long-polls, the change log's keep time, the public side's origins and
 * limits (public.c). Where to listen, the data
 * directory and the thread pool need a restart: said in the log. A
 * configuration that does not read keeps the running one. */
static void reload(struct srv *s, const struct srv_flags *flags)
{
	struct srv_config c;
	struct fd_error err = {0};
	if (config_build(&c, flags, &err)) {
		srv_log(SRV_LOG_ERR, "reload failed: %s Keeping the running configuration.", err.message);
		return;
	}
	const struct {
		const char *name;
		bool changed;
	} fixed[] = {
	    {"data", strcmp(c.data_dir, s->cfg.data_dir) != 0},
	    {"listen", strcmp(c.listen, s->cfg.listen) != 0},
	    {"threads", c.threads != s->cfg.threads},
	    {"per-ip-connections", c.conn_limit != s->cfg.conn_limit},
	    {"connection-timeout", c.conn_timeout != s->cfg.conn_timeout},
	    {"tls-cert and tls-key (on or off)", !c.tls_cert[0] != !s->cfg.tls_cert[0]},
	};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (fixed[i].changed)
			srv_log(SRV_LOG_WARNING, "reload: %s changed; restart frontdeskd to apply it",
			        fixed[i].name);
	if (s->cfg.tls_cert[0] && c.tls_cert[0] && c.tls_key[0]) {
		if (srv_http_reload_tls(s, c.tls_cert, c.tls_key, &err))
			srv_log(SRV_LOG_ERR, "reload: %s; keeping the running certificate", err.message);
		else
			srv_log(SRV_LOG_INFO, "reload: TLS certificate %s loaded", c.tls_cert);
	}
	s->cfg.max_body = c.max_body;
	s->cfg.session_idle = c.session_idle;
	s->cfg.session_max = c.session_max;
	s->cfg.max_wait = c.max_wait;
	s->cfg.max_batch = c.max_batch;
	s->cfg.keep_changes = c.keep_changes;
	s->cfg.min_protocol = c.min_protocol;
	s->cfg.log_level = c.log_level;
	srv_public_reconfigure(s, &c);
	pthread_mutex_lock(&s->proxy_lock);
	memcpy(s->cfg.proxies, c.proxies, sizeof c.proxies);
	s->cfg.n_proxies = c.n_proxies;
	pthread_mutex_unlock(&s->proxy_lock);
	srv_log(SRV_LOG_NOTICE,
	        "reloaded the configuration (max-body %zu, max-batch %d, max-wait %d, session-idle %lld, "
	        "session-max %lld, keep-changes %d, %d trusted proxies)",
	        c.max_body, c.max_batch, c.max_wait, (long long)c.session_idle, (long long)c.session_max,
	        c.keep_changes, c.n_proxies);
	/* After the line above, so a quieter level still shows the reload. */
	srv_log_limit((enum srv_log_level)c.log_level);
}

static int serve(struct srv_config *cfg, const struct srv_flags *flags)
{
	static struct srv s;
	bool throwaway = false; /* the demo's private hotel (srv_throwaway_hotel) */
	struct fd_error err = {0};
	srv_log_prefix(true); /* a daemon's log: priorities for the journal */
	srv_log_limit((enum srv_log_level)cfg->log_level);
	srv_metrics_started();
	s.cfg = *cfg;
	if (srv_pg_wanted(cfg)) {
		if (srv_pg_start(&s, &err)) {
			srv_log(SRV_LOG_ERR, "%s", err.message);
			return 1;
		}
		goto threads; /* the checks below are the SQLite file's */
	}
	char path[600];
	srv_db_path(cfg->data_dir, path, sizeof path);
	s.wdb = srv_db_open(cfg->data_dir, false, &s.hook, &err);
	if (!s.wdb && access(path, F_OK) != 0) {
		srv_log(SRV_LOG_ERR, "%s (run 'frontdeskd init' first?)", err.message);
		return 1;
	}
	/* A damaged database is never served: terminals would sync from it. */
	if (!s.wdb || srv_db_quick_check(s.wdb, &err)) {
		srv_log(SRV_LOG_ERR,
		        "the database %s is damaged (%s); not serving it. Stop here and restore "
		        "the latest backup: frontdeskd --data %s restore BACKUP-FILE",
		        path, err.message, cfg->data_dir);
		fd_db_close(s.wdb);
		return 1;
	}
	/* A broken audit chain means someone changed the database behind the
	 * server's back: what it holds cannot be trusted, so it is not served
	 * (terminals keep working on their copies meanwhile). */
	int64_t rows = 0, broken = 0;
	if (fd_audit_verify(s.wdb, &rows, &broken, &err)) {
		srv_log(SRV_LOG_ERR,
		        "%s Not serving %s. Run 'frontdeskd --data %s check', then restore the "
		        "latest backup that checks: frontdeskd --data %s restore BACKUP-FILE",
		        err.message, path, cfg->data_dir, cfg->data_dir);
		fd_db_close(s.wdb);
		return 1;
	}
	/* Erasures the list outside the database may lack (a crash after the
	 * commit that erased): recorded before serving. */
	if (srv_erasures_record(s.wdb, cfg->data_dir, &err))
		srv_log(SRV_LOG_WARNING, "could not record the erased guests outside the database: %s",
		        err.message);
	/* Held until the process ends: `restore` refuses while we serve. */
	if (srv_lock_data(cfg->data_dir, &err) < 0) {
		srv_log(SRV_LOG_ERR, "%s", err.message);
		fd_db_close(s.wdb);
		return 1;
	}
	if (srv_epoch(s.wdb, s.epoch, &err)) {
		srv_log(SRV_LOG_ERR, "cannot read the epoch: %s", err.message);
		fd_db_close(s.wdb);
		return 1;
	}
	s.seq = srv_last_seq(s.wdb);
	/* The hotel's calendar day (audit-late metric): its time zone. Set
	 * before any thread starts; nothing else here uses local time. */
	struct fd_property prop;
	const struct fd_repo *repo = fd_db_repo(s.wdb);
	char zone[600];
	if (repo->get_property(repo->ctx, &prop, NULL) == FD_OK && prop.timezone[0] &&
	    !strstr(prop.timezone, "..") &&
	    snprintf(zone, sizeof zone, "/usr/share/zoneinfo/%s", prop.timezone) < (int)sizeof zone &&
	    access(zone, R_OK) == 0) {
		setenv("TZ", prop.timezone, 1);
		tzset();
	}
	int64_t floor = 0;
	if (srv_trim_changes(s.wdb, cfg->keep_changes, &floor, &err))
		srv_log(SRV_LOG_WARNING, "could not trim the change log: %s", err.message);
	atomic_store(&s.changes_floor, floor);
	/* Checkpoints run in the timer thread (PASSIVE), not inside a push
	 * that happens to cross the WAL threshold while holding the lock. */
	fd_db_exec(s.wdb, "PRAGMA wal_autocheckpoint=0", NULL);
	/* Read before the threads start: once they serve, s.wdb is theirs
	 * (under s.wlock). */
	throwaway = s.wdb && srv_throwaway_hotel(s.wdb);
	s.sessions = srv_session_cache_new(s.wdb, &err);
	if (!s.sessions)
		srv_log(SRV_LOG_WARNING, "sessions are read at every request: %s", err.message);
threads:
	pthread_mutex_init(&s.wlock, NULL);
	pthread_mutex_init(&s.wait_lock, NULL);
	pthread_mutex_init(&s.throttle_lock, NULL);
	pthread_mutex_init(&s.push_lock, NULL);
	pthread_mutex_init(&s.hash_lock, NULL);
	pthread_mutex_init(&s.proxy_lock, NULL);
	pthread_cond_init(&s.hash_cond, NULL);
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
	bool failed = true;
	if (srv_mail_check(cfg, &err)) {
		srv_log(SRV_LOG_ERR, "%s", err.message);
		err.status = FD_E_INVALID;
	} else if (srv_http_start(&s, &err)) {
		srv_log(SRV_LOG_ERR, "%s", err.message);
	} else {
		failed = false;
	}
	if (failed) {
		rc = err.status == FD_E_INVALID ? 2 : 1; /* a wrong setting is a usage error */
	} else {
		srv_log(SRV_LOG_INFO, "serving %s (epoch %s, seq %lld)", s.pg ? "PostgreSQL" : cfg->data_dir,
		        s.epoch, (long long)s.seq);
		/* Said at each start, so that a throwaway hotel taken for a real
		 * one is noticed in the log. */
		if (throwaway)
			srv_log(
			    SRV_LOG_WARNING,
			    "this is the throwaway demo hotel of 'frontdesk --demo' (demo --throwaway): its "
			    "passwords and signing keys are at the least cost; never use it for a real "
			    "hotel");
		if (srv_mail_start(&s, &err))
			srv_log(SRV_LOG_ERR, "documents will not be e-mailed: %s", err.message);
		srv_notify("READY=1\nSTATUS=serving");
		int sig = 0;
		while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
			struct timespec now;
			char state[96];
			clock_gettime(CLOCK_MONOTONIC, &now);
			snprintf(state, sizeof state, "RELOADING=1\nMONOTONIC_USEC=%lld",
			         (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000);
			srv_notify(state);
			srv_log(SRV_LOG_INFO, "SIGHUP: reloading the configuration");
			reload(&s, flags);
			srv_notify("READY=1\nSTATUS=serving");
		}
		srv_notify("STOPPING=1");
		srv_log(SRV_LOG_INFO, "signal %d: stopping", sig);
	}
	s.stopping = 1;
	srv_mail_stop(&s);
	srv_http_stop(&s);
	srv_pg_stop(&s);
	if (s.wdb)
		fd_db_exec(s.wdb, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
	fd_db_close(s.wdb);
	srv_throttle_free(&s);
	srv_session_cache_free(s.sessions);
	srv_log(SRV_LOG_INFO, "stopped");
	return rc;
}

/* The commands of one hotel's database: a synopsis is written as typed
 * (not translated, as frontdesk's are not), its note (or a line of notes
 * alone) in the reader's language. */
static const struct {
	const char *synopsis, *note;
} usage_lines[] = {
    {"serve [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--threads N] [--log-level L]", NULL},
    {"init --property NAME --currency CODE --timezone ZONE [--date YYYY-MM-DD]", NULL},
    {"demo [--seed N] [--date YYYY-MM-DD] [--password-file F] [--throwaway]", NULL},
    {"user add NAME --role ROLE --password-file F [--display-name TEXT] [--department DEPT]", NULL},
    {"user passwd NAME --password-file F", NULL},
    {"user disable NAME", NULL},
    {"user list", NULL},
    {"enroll-code [--ttl 24h]", NULL},
    {"device list", N_("(also: devices)")},
    {"device revoke ID", NULL},
    {"sessions [--as USER]", NULL},
    {"sessions revoke ID", NULL},
    {"metrics-token [revoke]", N_("a token for Prometheus to scrape /v1/metrics with")},
    {"backup FILE", NULL},
    {"restore FILE", N_("replace the database with a backup (server stopped)")},
    {"new-epoch", N_("after restoring the database by other means: terminals re-sync")},
    {"check", NULL},
    {"audit --as MANAGER [--date YYYY-MM-DD]", NULL},
    {"routes", NULL},
    {"property add CODE --name TEXT --currency C --timezone TZ", N_("(PostgreSQL: a chain)")},
    {"property list | property share-guests on|off", NULL},
    {"user add NAME --chain-role revenue|chain-admin|none --password-file F", N_("(PostgreSQL)")},
    {"report chain --from YYYY-MM-DD --to YYYY-MM-DD [--json|--csv]", N_("(PostgreSQL)")},
    {NULL, N_("(user add, enroll-code: --property CODE when the database holds several hotels)")},
    {"migrate --to postgresql://... [--property CODE]", N_("the SQLite hotel of --data into PostgreSQL")},
};

static void usage(FILE *out)
{
	fprintf(out, _("usage: frontdeskd [--config FILE] [--data DIR] COMMAND [ARGS]\n"));
	fprintf(out, _("commands:\n"));
	for (size_t i = 0; i < sizeof usage_lines / sizeof *usage_lines; i++) {
		const char *syn = usage_lines[i].synopsis, *note = usage_lines[i].note;
		if (!syn || !note)
			fprintf(out, "  %s\n", syn ? syn : _(note));
		else if (strlen(syn) <= 22) /* notes of short synopses line up */
			fprintf(out, "  %-22s %s\n", syn, _(note));
		else
			fprintf(out, "  %s   %s\n", syn, _(note));
	}
}

int main(int argc, char **argv)
{
	/* Messages for people (the commands' errors, refusals in replies)
	 * speak the language of the environment: LANGUAGE, LC_ALL,
	 * LC_MESSAGES, LANG (a service's from /etc/locale.conf or the unit's
	 * Environment=LANG=). Only messages: characters, numbers on the wire,
	 * in logs and in metrics stay C, and the text is UTF-8 whatever the
	 * locale's character set, as JSON must be. */
	setlocale(LC_MESSAGES, "");
	bindtextdomain(PACKAGE, fd_doc_locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	fd_doc_lang_init();   /* documents in their readers' languages */
	fd_store_zone_init(); /* a new time zone must be one the system knows */
	struct srv_config cfg;
	struct cmdline l = {0};
	if (fd_ids_init() != 0) {
		fprintf(stderr, "frontdeskd: cannot initialise libsodium\n");
		return 1;
	}
	if (!parse_cmdline(&l, argc, argv))
		return 2;
	if (l.help || (l.n_args > 0 && strcmp(l.args[0], "help") == 0)) {
		usage(stdout);
		/* With a PostgreSQL database named (option or configuration):
		 * the commands there are. */
		struct fd_error herr = {0};
		if (config_build(&cfg, &l.flags, &herr) == 0 && srv_pg_wanted(&cfg)) {
			printf("\n");
			srv_pg_admin_usage(stdout);
		}
		return 0;
	}
	if (l.version) {
		printf("frontdeskd %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (l.n_args == 0) {
		usage(stderr);
		return 2;
	}
	struct fd_error err = {0};
	if (config_build(&cfg, &l.flags, &err)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		return 2;
	}
	/* The minimum-cost passwords of a throwaway hotel (srv_throwaway_hotel)
	 * are for a new demo data directory alone: no other command, and no
	 * PostgreSQL database, takes the option, nor a demo without a password. */
	if (l.admin.throwaway &&
	    (strcmp(l.args[0], "demo") != 0 || !l.admin.password_file || srv_pg_wanted(&cfg)))
		return srv_admin_throwaway_refused();
	if (strcmp(l.args[0], "routes") == 0) {
		srv_routes_print(stdout);
		return 0;
	}
	if (strcmp(l.args[0], "serve") == 0) {
		if (l.n_args > 1 || l.n_admin) {
			fprintf(stderr, "frontdeskd: serve: unexpected argument \"%s\"\n",
			        l.n_args > 1 ? l.args[1] : "an option of another command");
			return 2;
		}
		return serve(&cfg, &l.flags);
	}
	if (strcmp(l.args[0], "migrate") == 0) {
		int mrc = srv_migrate_run(&cfg, &l.admin, l.n_args, l.args);
		if (mrc == 2)
			usage(stderr);
		return mrc;
	}
	/* On PostgreSQL, the table of pg_commands.c: each command says its own
	 * usage, an unknown one the list of those there are. */
	if (srv_pg_wanted(&cfg))
		return srv_pg_admin_run(&cfg, &l.admin, l.n_args, l.args);
	int rc = srv_admin_run(&cfg, &l.admin, l.n_args, l.args);
	if (rc == 2 && !srv_admin_has(l.args[0]))
		usage(stderr);
	return rc;
}
