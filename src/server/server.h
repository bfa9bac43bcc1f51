// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd internals shared by the files of src/server/ (not a public
 * interface). One process: an MHD thread pool answers requests; database
 * access follows "one connection per thread":
 *   - ONE writer connection (srv->wdb) behind srv->wlock; every write
 *     (pushes, sign-in bookkeeping, enrolment) takes the lock, so writes are
 *     serialized in the process and the change sequence follows commit order;
 *   - one reader connection per pool thread (srv_reader(), opened lazily,
 *     closed when the thread ends); WAL lets readers run beside the writer.
 * Admin subcommands open their own connection (the server may be running). */
#ifndef FD_SERVER_SERVER_H
#define FD_SERVER_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "core/entity.h"
#include "core/error.h"
#include "core/op.h"
#include "core/perm.h"
#include "store/db.h"
#include "store/opsig.h"
#include "server/token.h"

#define SRV_EPOCH_LEN 33
/* concurrent Argon2id verifications */
#define SRV_HASH_SLOTS 2

/* An address or a network ("10.0.0.0/8", "::1"), for trusted-proxy. */
struct srv_net {
	int family; /* AF_INET or AF_INET6 */
	unsigned char addr[16];
	int bits;
};
#define SRV_PROXIES_MAX 16

struct srv_config {
	char data_dir[512];
	char listen[128]; /* ADDR:PORT */
	char tls_cert[512];
	char tls_key[512];
	unsigned threads;
	unsigned conn_limit;   /* per client address */
	unsigned conn_timeout; /* seconds of inactivity */
	size_t max_body;       /* bytes */
	int64_t session_idle;  /* seconds */
	int64_t session_max;   /* seconds */
	int max_wait;          /* longest long-poll, seconds */
	int max_batch;         /* operations per push */
	int keep_changes;      /* days the change log is kept (0 = for ever) */
	/* E-mail through the hotel's relay (mail.c) */
	char smtp_url[256];           /* smtp://host:587 or smtps://host:465; "" = none */
	char smtp_user[128];          /* "" = no authentication */
	char smtp_password_file[512]; /* the password, first line */
	char smtp_from[256];          /* the sender's address */
	char smtp_tls[16];            /* STARTTLS: "required", "try" or "none" */
	int mail_retry;               /* seconds before the first retry; doubles each time */
	int mail_attempts;            /* attempts before giving up */
	int min_protocol;             /* the oldest sync protocol terminals may speak (core/op.h) */
	int log_level;                /* the least urgent line written (log.h's srv_log_level) */
	/* The public booking side (public.c) */
	char public_origins[1024]; /* website origins allowed to call it (CORS), space or comma separated */
	char public_url[256];      /* where guests reach /book/ (links in mail); "" = http://LISTEN */
	char book_dir[512];        /* the booking page's files */
	int public_rate;           /* requests a window from one address */
	int public_rate_window;    /* seconds of that window (60: a minute) */
	int public_email_rate;     /* bookings an hour for one e-mail address */
	size_t public_max_body;    /* bytes of a public request's body */
	int link_ttl;              /* hours a guest's link works */
	int link_uses;             /* requests one link may make */
	/* database = postgresql://... (backend_pg.c); "" = SQLite in data_dir */
	char database[512];
	/* trusted-proxy: connections from these may say who the client is
	 * (Forwarded, X-Forwarded-For) */
	struct srv_net proxies[SRV_PROXIES_MAX];
	int n_proxies;
};

/* proxy.c: parse "ADDR[/BITS], ..." (false when an item is wrong or there
 * are more than max); the client's address of a request from peer (text)
 * with those headers (NULL when absent): see proxy.c. */
bool srv_net_list_parse(const char *v, struct srv_net *out, int max, int *n);
void srv_client_address(const struct srv_net *proxies, int n_proxies, const char *peer, const char *forwarded,
                        const char *xff, char *out, size_t size);

void srv_config_defaults(struct srv_config *c);
/* Read an ini file ([server] section, keys as the long flags). */
enum fd_status srv_config_load(struct srv_config *c, const char *path, struct fd_error *err);

/* --- database (sdb.c) --- */

/* Per-connection context of the change hook (only the writer records). */
#define SRV_HOOK_SLOTS 512 /* a power of two */
struct srv_hook {
	char op_id[FD_ID_LEN];
	int64_t last_seq; /* highest change seq written since reset */
	bool mail_queued; /* a "mail" change written (a mail queued): the sender has work */
	/* The entities whose change rows this transaction already wrote
	 * (srv_record_change): valid for tx_db while its transaction
	 * generation is tx_generation. Open addressing, seq 0 = free; filled
	 * to half at most. */
	const struct fd_db *tx_db;
	uint64_t tx_generation;
	int tx_n;
	/* Set by a push's pass without savepoints (push.c): an entity written
	 * again names its latest operation in memory only (dirty), and
	 * srv_record_change_flush writes it once, before anything could roll
	 * back part of the transaction. */
	bool defer;
	int n_dirty; /* entries made dirty since the last flush (at most) */
	struct srv_hook_entry {
		int64_t seq;
		bool dirty; /* op_id is newer than the row's */
		char entity[24];
		char id[FD_ID_LEN];
		char op_id[FD_ID_LEN];
	} tx[SRV_HOOK_SLOTS];
};

/* Open DATA/frontdeskd.db with the core and server schemas and the change
 * hook installed (hook may be NULL for a reader). */
struct fd_db *srv_db_open(const char *data_dir, bool create, struct srv_hook *hook, struct fd_error *err);
void srv_db_path(const char *data_dir, char *out, size_t size);
/* SQLite's quick_check: FD_OK, or FD_E_IO naming the first problem. */
enum fd_status srv_db_quick_check(struct fd_db *db, struct fd_error *err);
enum fd_status srv_epoch(struct fd_db *db, char out[SRV_EPOCH_LEN], struct fd_error *err);
/* The data directory's serve lock (DATA/frontdeskd.lock, flock): `serve`
 * holds it for its lifetime, `restore` needs it. Returns the open lock fd
 * (the lock goes with it), or -1 with err filled when another process holds
 * it or it cannot be taken. */
int srv_lock_data(const char *data_dir, struct fd_error *err);
enum fd_status srv_epoch_renew(struct fd_db *db, struct fd_error *err);
/* Highest change sequence ever allocated (0 when none). */
int64_t srv_last_seq(struct fd_db *db);
/* Trim the change log: forget changes older than keep_days (0: nothing)
 * and raise the floor (meta "changes_floor"): a cursor below it gets 410
 * and re-reads the snapshot. *floor is the floor after the trim. */
enum fd_status srv_trim_changes(struct fd_db *db, int keep_days, int64_t *floor, struct fd_error *err);
/* The calling thread's reader connection of the running server, opened on
 * first use (NULL with err on failure). */
struct srv;
struct fd_db *srv_reader(struct srv *s, struct fd_error *err);
void srv_reader_close(void *db); /* the thread-key destructor */
/* Record a change of a server-only entity ("conflict"). */
enum fd_status srv_record_change(struct fd_db *db, struct srv_hook *hook, const char *entity, const char *id,
                                 struct fd_error *err);
/* Write the operations hook->defer kept in memory (a no-op when nothing
 * is, or when a rollback has made them void). */
enum fd_status srv_record_change_flush(struct fd_db *db, struct srv_hook *hook, struct fd_error *err);

/* --- erasures that outlive a restore (erasures.c) --- */

/* DATA/erased-guests: the ids of erased guests, kept outside the database. */
void srv_erasures_path(const char *data_dir, char *out, size_t size);
/* Append to it every guest db records as erased and it lacks (fsync'd). */
enum fd_status srv_erasures_record(struct fd_db *db, const char *data_dir, struct fd_error *err);
/* Append to it every id of ids (n of them) it lacks (fsync'd): the one
 * writer of the list, whichever database the ids come from. */
enum fd_status srv_erasures_merge(const char *data_dir, const char *const *ids, int n, struct fd_error *err);
/* Could id be in the list (a guest id's length and characters)? */
bool srv_erasures_id_ok(const char *id);
/* Does the list hold id? */
bool srv_erasures_listed(const char *data_dir, const char *id);
/* The ids it lists (*ids malloc'd, the caller frees; none when missing). */
enum fd_status srv_erasures_load(const char *data_dir, char (**ids)[FD_ID_LEN], int *n, struct fd_error *err);
/* Is id an erased guest's, by db's record or the list outside it (which a
 * restore from an older backup does not forget)? */
bool srv_erasures_has(struct fd_db *db, const char *data_dir, const char *id);

/* --- tokens and passwords (auth.c) --- */

enum fd_status srv_password_check_policy(const char *pw, struct fd_error *err);
/* Is db the throwaway hotel of `frontdesk --demo`: meta SRV_THROWAWAY_KEY
 * = "1", which only `frontdeskd demo --throwaway` sets, in the transaction
 * that gives a new data directory its demo staff (admin.c cmd_demo)? Its
 * published password makes a costly verifier or signing key pointless
 * there: both are libsodium's minimum (srv_set_password, srv_set_sign_key,
 * the sign-in's rehash). No other command or request writes the key. */
#define SRV_THROWAWAY_KEY "throwaway_hotel"
bool srv_throwaway_hotel(struct fd_db *db);
/* Argon2id hash into out (crypto_pwhash_STRBYTES), at the full cost. */
enum fd_status srv_password_hash(const char *pw, char *out, struct fd_error *err);
/* Was hash made at another cost than today's for its hotel (the throwaway
 * hotel's minimum, or the full one)? The sign-in that has just checked the
 * password makes it again (a release that raises the cost, a hotel migrated
 * from the throwaway one). */
bool srv_password_stale(const char *hash, bool throwaway);
/* The verifier of a hotel's password: the full cost but in the throwaway
 * hotel (srv_throwaway_hotel). */
enum fd_status srv_set_password(struct fd_db *db, const char *user, const char *pw, struct fd_error *err);
/* user gets from's password hash, salt and all (one Argon2 for the demo
 * hotel's staff, who share one password by construction), and no signing
 * key: theirs is registered under their own salt at their first sign-in. */
enum fd_status srv_share_password(struct fd_db *db, const char *from, const char *user, struct fd_error *err);
/* Register user's signing key (src/store/opsig.h) derived from pw under a
 * new salt; the salt is copied to salt when not NULL. */
enum fd_status srv_set_sign_key(struct fd_db *db, const char *user, const char *pw,
                                char salt[FD_SIGN_SALT_HEX], struct fd_error *err);
/* Revoke every session of a user (disable, password change). */
enum fd_status srv_end_sessions(struct fd_db *db, const char *user, struct fd_error *err);
enum fd_status srv_enroll_code_new(struct fd_db *db, int64_t ttl, char out[SRV_TOKEN_LEN],
                                   struct fd_error *err);

/* --- the running server --- */

struct srv_waiter;
struct push_waiter;
struct srv_session_cache;

struct srv_metrics {
	atomic_uint_fast64_t ops_applied, ops_rejected, ops_duplicate;
	atomic_uint_fast64_t commits, pushes; /* group commit: pushes per commit */
	atomic_int long_polls;
	atomic_uint_fast64_t mail_wakes; /* srv_mail_wake */
	atomic_uint_fast64_t push_wakes; /* a push's thread woken in the group commit */
	/* session look-ups answered by the cache, and read (session_cache.h) */
	atomic_uint_fast64_t session_hits, session_misses;
};

struct srv {
	struct srv_config cfg;
	struct fd_db *wdb;
	struct srv_hook hook;
	pthread_mutex_t wlock;
	char epoch[SRV_EPOCH_LEN];
	pthread_key_t reader_key;

	/* long-polls: waiters resumed on a commit or when their time is up */
	pthread_mutex_t wait_lock;
	struct srv_waiter *waiters;
	int64_t seq;                   /* last committed change sequence (under wait_lock) */
	_Atomic int64_t changes_floor; /* changes at or below it were trimmed */

	/* sign-in throttling (in memory: a restart forgets, which is fine) */
	pthread_mutex_t throttle_lock;
	struct srv_throttle *throttle;

	/* group commit of pushes (push.c) */
	pthread_mutex_t push_lock;
	struct push_waiter *push_queue, **push_tail;
	bool push_leading; /* a group runs, or its next leader is woken */

	/* session look-ups remembered (session_cache.h); NULL: none */
	struct srv_session_cache *sessions;

	/* password hashing slots (auth.c) */
	pthread_mutex_t hash_lock;
	pthread_cond_t hash_cond;
	int hashing;

	bool erased; /* a guest was erased since the list was written (under wlock) */

	struct srv_metrics m;
	void *mail;                 /* struct srv_mailer (mail.c) */
	pthread_mutex_t proxy_lock; /* cfg.proxies, replaced on reload */
	void *http;                 /* struct srv_http */
	volatile int stopping;
	void *pg; /* struct srv_pg (backend_pg.c) when the database is PostgreSQL, else NULL */
};

/* After a commit that wrote changes up to seq: wake long-polls. */
void srv_changed(struct srv *s, int64_t seq);

/* An authenticated caller. */
struct srv_caller {
	char username[FD_USER_LEN];
	char device[FD_DEVICE_LEN];
	enum fd_role role;
	bool session;             /* false: only a device token */
	char session_id[17];      /* the session's name in the audit log (store/audit.h) */
	char property[FD_ID_LEN]; /* on PostgreSQL: the hotel the device is enrolled into */
	/* On PostgreSQL: the person's chain role, and whether they have no role
	 * of their own in this hotel (only the chain role acts; core/perm.h). */
	enum fd_chain_role chain;
	bool no_role;
};

/* A request as the handlers see it. */
struct srv_req {
	const char *method;
	const char *path;
	const char *body;
	size_t body_len;
	const char *client_ip;
	const char *authorization;
	int protocol;      /* the terminal's sync protocol (Frontdesk-Protocol header; none = 1) */
	void *conn;        /* struct MHD_Connection */
	const char *param; /* the {parameter} of the route's path, set by the router */
	/* A request without a connection (conn NULL; tests/fuzz/fuzz_http.c):
	 * its decoded query arguments, NULL-ended key, value pairs. */
	const char *const *args;
};

/* A handler's answer. body is owned (malloc'd); retry_after > 0 adds a header. */
struct srv_resp {
	int status;
	char *body;
	const char *content_type;
	int retry_after;
	bool suspend;              /* long-poll: park the connection (api.c decides) */
	char allow[48];            /* 405: the methods the path supports (Allow:) */
	bool audited;              /* a 401/403 the handler recorded itself (the router does not again) */
	const char *cache_control; /* NULL: no-store */
	size_t body_len;           /* a binary body's length (0: a string) */
	int n_headers;             /* more headers (srv_resp_header) */
	char header_names[6][40];
	char header_values[6][1100];
};

/* An empty answer, as "= {0}" but for the extra headers' texts, which
 * only srv_resp_header reads and writes (they are most of its 7 KiB, and
 * clearing them was a good part of a health check's cost). */
void srv_resp_init(struct srv_resp *out);

/* Add a header to an answer (at most 6; more are dropped). */
void srv_resp_header(struct srv_resp *out, const char *name, const char *value);

const char *srv_query(const struct srv_req *r, const char *key);
/* A request header (NULL when absent). */
const char *srv_header(const struct srv_req *r, const char *name);

/* Record a refused request (401, 403) in the audit log and the server's
 * log: who (c may be NULL, user names the account tried), what (method and
 * route), why (the answer's error), session and device. */
void srv_audit_endpoint_refusal(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                                const char *user, const struct srv_resp *out);

/* route.c: route a request by the table of api.c (answers: reply.h). */
void srv_api_handle(struct srv *s, const struct srv_req *r, void **state, struct srv_resp *out);
void srv_api_state_free(void *state);

/* auth.c: identify the caller from Authorization: Bearer. srv_bearer:
 * the hash of the header's token (the one reading of its format, for both
 * stores); false when there is none or it is not a token's length. */
bool srv_bearer(const struct srv_req *r, unsigned char hash[32]);
/* The rule of a session, the same on both stores: one the store does not
 * have (found false) is unauthorized, one past its end or idle for
 * session_idle has expired. Its last use is written back when
 * SRV_SESSION_TOUCH seconds old, not at every request. */
enum fd_status srv_session_judge(const struct srv *s, bool found, int64_t now, int64_t last_seen,
                                 int64_t expires, struct fd_error *err);
#define SRV_SESSION_TOUCH 30
enum fd_status srv_auth_session(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                                struct fd_error *err);
enum fd_status srv_auth_device(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                               struct fd_error *err);
void srv_api_enroll(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_sign_in(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_sign_out(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_throttle_free(struct srv *s);
/* Is the bearer token the scrape token of `frontdeskd metrics-token`? */
bool srv_auth_scrape(struct srv *s, const struct srv_req *r);
/* Create a scrape token (replacing the previous one): its hash is kept. */
enum fd_status srv_scrape_token_new(struct fd_db *db, char out[SRV_TOKEN_LEN], struct fd_error *err);
/* The device pulled (changes or snapshot): its last_pull_at, refreshed
 * now and then rather than at every long-poll (every SRV_PULL_NOTE_EVERY
 * seconds at most: the sync-lag metric's resolution, on both stores). */
#define SRV_PULL_NOTE_EVERY 15
void srv_note_pull(struct srv *s, const char *device);

/* push.c */
void srv_api_push(struct srv *s, const struct srv_caller *c, const struct srv_req *r, struct srv_resp *out);
void srv_api_resolve(struct srv *s, const struct srv_caller *c, const char *id, struct srv_resp *out);

/* feed.c */
/* The current state of an entity as a JSON object of its columns (NULL and
 * FD_E_NOT_FOUND when gone): a raw item holding the object's text, to be
 * printed within a tree, not read. */
enum fd_status srv_entity_json(struct fd_db *db, const char *entity, const char *id, cJSON **out,
                               struct fd_error *err);
/* The changes after since; NULL when none (and nothing went wrong). */
enum fd_status srv_feed_page(struct fd_db *db, int64_t since, int limit, cJSON **changes, int64_t *next,
                             bool *more, struct fd_error *err);
/* The whole snapshot as JSON text (*out: the caller frees it). */
enum fd_status srv_snapshot(struct fd_db *db, const char *epoch, char **out, struct fd_error *err);
/* One page of the snapshot as JSON text (*out: the caller frees it;
 * after: the previous page's "next", NULL or "" for the first): at most
 * limit rows and about max_bytes of JSON (at least one row), with "seq"
 * (the cut, fixed by the first page), "more" and "next". FD_E_INVALID for
 * a token that is not one. */
enum fd_status srv_snapshot_page(struct fd_db *db, const char *epoch, const char *after, int limit,
                                 size_t max_bytes, char **out, struct fd_error *err);

/* public.c: the guests' side (no account): availability, bookings, the
 * manage page behind a link sent by mail, the booking page's files. */
void srv_api_public_availability(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_public_book(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_public_manage(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_public_change(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_public_cancel(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_public_document(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_api_book_file(struct srv *s, const struct srv_req *r, struct srv_resp *out);
/* OPTIONS on a public path: the CORS preflight (allow: its methods). */
void srv_public_preflight(struct srv *s, const struct srv_req *r, const char *allow, struct srv_resp *out);
/* SIGHUP: take c's public settings (origins, limits, body cap, links)
 * while requests run (the reload's only writer of them). */
void srv_public_reconfigure(struct srv *s, const struct srv_config *c);
/* A new link for a booking of hotel property (its id; ignored on SQLite,
 * which holds one) in a transaction of its own, on either store: its hash
 * kept, bound to the booking, with the configured expiry and uses; url
 * gets the manage page's address with the token. */
enum fd_status srv_link_new(struct srv *s, const char *property, const char *booking_id, char *url,
                            size_t size, struct fd_error *err);

/* mail.c: the sender of documents by e-mail, a thread that works through
 * the mail table after the operations that queued them commit. */
int srv_mail_start(struct srv *s, struct fd_error *err);
void srv_mail_wake(struct srv *s);
void srv_mail_stop(struct srv *s);
/* Check the mail settings (the password file can be read, the URL and
 * addresses look right); FD_OK when mail is not configured at all. */
enum fd_status srv_mail_check(const struct srv_config *c, struct fd_error *err);
struct fd_repo;
struct fd_mail;
/* One attempt at sending m, its document read through repo: m's state,
 * attempts, next try, error and message id say how it went (the caller
 * records them). The sender's wait for work (woken by srv_mail_wake). */
void srv_mail_attempt(struct srv *s, const struct fd_repo *repo, struct fd_mail *m);
void srv_mail_sleep(struct srv *s, int64_t now, int64_t next);
/* pg_mail.c: the sender's thread on PostgreSQL. */
void *srv_pg_mailer_main(void *arg);

/* http.c */
int srv_http_start(struct srv *s, struct fd_error *err);
void srv_http_stop(struct srv *s);
/* Load the TLS certificate chain and key again (SIGHUP: a renewed
 * certificate without a restart); new connections get them, the old ones
 * keep theirs. On failure (err filled) the running ones stay. */
int srv_http_reload_tls(struct srv *s, const char *cert_path, const char *key_path, struct fd_error *err);
/* Park a long-poll until srv_changed or its deadline (srv_now_ms clock);
 * called by api.c and backend_pg.c. */
void srv_http_park(struct srv *s, void *conn, int64_t since, int64_t deadline_ms);
int64_t srv_now_ms(void);
/* property: on PostgreSQL, the hotel whose devices and night audit are
 * shown (a session's), NULL for every hotel, each labelled with its code
 * (the scrape token's); ignored on SQLite. */
void srv_http_metrics(struct srv *s, const char *property, char **text);

/* metrics.c: build, process, devices, night audit (malloc'd text, NULL on
 * failure); srv_metrics_started notes the process start. */
void srv_metrics_started(void);
char *srv_metrics_text(struct srv *s, const char *property);
/* The device and night-audit series, from the rows of either store;
 * property, when not "", labels a row with its hotel. */
struct srv_device_metric {
	char id[FD_DEVICE_LEN];
	char name[128];
	char property[FD_ID_LEN];
	int64_t last_push_at, last_pull_at, outbox_depth;
};
void srv_metrics_devices(FILE *f, const struct srv_device_metric *d, int n);
struct srv_audit_metric {
	char property[FD_ID_LEN];
	fd_date today, business;
};
void srv_metrics_audit(FILE *f, const struct srv_audit_metric *a, int n);
/* pg_read.c: the read endpoints on PostgreSQL. The thread's connection
 * acting for the caller's hotel (rooms, bookings, availability: api.c
 * reads through it with src/pg/query.c), and the metrics of a hotel. */
struct fd_pg;
struct fd_pg *srv_pg_reader(struct srv *s, const struct srv_caller *c, struct fd_error *err);
void srv_pg_metrics(struct srv *s, const char *property, FILE *f);
/* The scrape token on PostgreSQL: one for the whole chain, its hash in the
 * database's meta table, so every server accepts it. */
bool srv_pg_auth_scrape(struct srv *s, const struct srv_req *r);
int srv_pg_metrics_token(const struct srv_config *cfg, int n_args, char **args); /* metrics-token [revoke] */

/* backend_pg.c: frontdeskd on PostgreSQL (doc/scale-out.md). Each entry
 * point of the SQLite path (auth.c, push.c, api.c, admin.c, main.c) hands
 * over to these when s->pg is set (or cfg->database names PostgreSQL). */
bool srv_pg_wanted(const struct srv_config *c);
int srv_pg_start(struct srv *s, struct fd_error *err); /* connect, migrate, listen */
void srv_pg_stop(struct srv *s);
bool srv_pg_route_ok(const char *method, const char *pattern); /* the endpoints served on PostgreSQL so far */
enum fd_status srv_pg_auth_device(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                                  struct fd_error *err);
enum fd_status srv_pg_auth_session(struct srv *s, const struct srv_req *r, struct srv_caller *c,
                                   struct fd_error *err);
void srv_pg_push(struct srv *s, const struct srv_caller *c, const struct srv_req *r, struct srv_resp *out);
void srv_pg_changes(struct srv *s, const struct srv_req *r, const struct srv_caller *c, int64_t since,
                    int limit, int wait, void **state, struct srv_resp *out);
/* pg_feed.c: the feed's cursor checks and the snapshot on PostgreSQL. */
void srv_pg_snapshot(struct srv *s, const struct srv_req *r, const struct srv_caller *c, bool paged,
                     int limit, size_t max_bytes, struct srv_resp *out);
struct fd_pg;
void srv_pg_feed_start(struct srv *s, struct fd_pg *pg);        /* at start: trims the feed */
struct fd_pg *srv_pg_conn(struct srv *s, struct fd_error *err); /* the thread's connection */
int srv_pg_new_epoch(struct srv_config *cfg, int n_args);       /* frontdeskd new-epoch */
/* pg_erasures.c: the erasure list (erasures.c) on PostgreSQL. Complete it
 * from the database (every hotel's erased guests); erase again, audited,
 * every listed guest the database holds unerased (*erased: how many); do
 * both once per epoch (at start, on learning a new one); refuse, in bad,
 * the operations of a batch that would create an erased guest again. */
enum fd_status srv_pg_erasures_record(struct fd_pg *pg, const char *data_dir, struct fd_error *err);
enum fd_status srv_pg_erasures_reapply(struct fd_pg *pg, const char *data_dir, int *erased,
                                       struct fd_error *err);
void srv_pg_erasures_epoch(struct srv *s, struct fd_pg *pg, const char *epoch);
enum fd_status srv_pg_refuse_erased(struct fd_pg *pg, const char *data_dir, const struct fd_op *ops,
                                    struct fd_error *bad, int n, struct fd_error *err);
/* pg_lists.c: sign-out, devices and sessions on PostgreSQL. */
void srv_pg_sign_out(struct srv *s, const struct srv_req *r, struct srv_resp *out);
void srv_pg_devices(struct srv *s, const struct srv_req *r, const struct srv_caller *c, struct srv_resp *out);
void srv_pg_device_revoke(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                          struct srv_resp *out);
void srv_pg_device_current(struct srv *s, const struct srv_req *r, struct srv_resp *out);
enum fd_status srv_pg_note_device_user(struct fd_pg *pg, const char *property, const char *device,
                                       const char *user, struct fd_error *err);
/* device list | devices | device revoke ID | sessions [--as USER] |
 * sessions revoke ID, every hotel's or, with --property, one hotel's. */
struct srv_admin_opts;
int srv_pg_admin_lists(struct fd_pg *pg, const struct srv_config *cfg, const struct srv_admin_opts *o,
                       int n_args, char **args);
/* pg_actor.c: who acted, on PostgreSQL. */
struct fd_op;
void srv_pg_sign_key(struct fd_pg *pg, const char *user, const char *password, char *salt, size_t size);
bool srv_pg_actor_signed(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op);
/* pg_audit.c: the audit log on PostgreSQL. */
struct fd_op_result;
struct fd_audit_row;
enum fd_status srv_pg_audit_op(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op,
                               const struct fd_op_result *res, const struct fd_error *why,
                               struct fd_error *err);
void srv_pg_audit_refusal(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                          const struct fd_audit_row *row);
int srv_pg_check(struct fd_pg *pg); /* frontdeskd check */
/* pg_throttle.c: sign-in throttling shared through the database. */
int64_t srv_pg_throttle_wait(struct srv *s, const char *user, const char *source);
void srv_pg_throttle_note(struct srv *s, const char *user, const char *source, bool ok);
/* pg_conflicts.c: conflict notices on PostgreSQL (inside the refusal's
 * transaction: the notice, its change, "conflict" and "free_rooms" in the
 * answer); resolving one. */
enum fd_status srv_pg_conflict(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op,
                               const struct fd_error *why, const struct fd_op_result *res, cJSON *answer,
                               struct fd_error *err);
void srv_pg_resolve(struct srv *s, const struct srv_caller *c, const char *id, struct srv_resp *out);
enum fd_status srv_pg_gap(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *first,
                          int64_t gap_from, struct fd_error *err); /* a declared gap (gap_from) */
struct srv_admin_opts;
int srv_pg_admin_run(struct srv_config *cfg, const struct srv_admin_opts *o, int n_args, char **args);
void srv_pg_admin_usage(FILE *out); /* pg_commands.c: the commands there are on PostgreSQL */
/* auth.c, shared with backend_pg.c: sign-in throttling by account and
 * source (seconds to wait, 0 = go ahead; then the outcome). */
int64_t srv_throttle_wait(struct srv *s, const char *user, const char *source);
void srv_throttle_note(struct srv *s, const char *user, const char *source, bool ok);
/* admin.c, shared with backend_pg.c */
bool srv_admin_read_password(const char *path, char *out, size_t size, struct fd_error *err);
bool srv_admin_parse_ttl(const char *s, int64_t *out);
/* migrate.c: frontdeskd migrate --to URI [--property CODE], the SQLite hotel of cfg's data
 * directory into PostgreSQL (0, 1 refused or failed, 2 usage). */
struct srv_admin_opts;
int srv_migrate_run(struct srv_config *cfg, const struct srv_admin_opts *o, int n_args, char **args);

/* admin.c: the administration commands. args[0] is the command; the
 * options (from anywhere on the command line) are in o. */
struct srv_admin_opts {
	const char *property, *currency, *timezone, *date, *role, *password_file, *display_name, *department,
	    *ttl, *seed, *as;
	const char *name, *chain_role; /* property add --name; user add --chain-role (PostgreSQL) */
	const char *from, *to;         /* report chain --from D --to D; migrate --to URI (PostgreSQL) */
	bool json, csv;                /* report chain --json | --csv */
	bool throwaway;                /* demo --throwaway (srv_throwaway_hotel) */
};
int srv_admin_run(struct srv_config *cfg, const struct srv_admin_opts *o, int n_args, char **args);
/* A command of srv_admin_run: its usage errors name its own arguments, so
 * the list of all commands is for a name it does not know. */
bool srv_admin_has(const char *name);
/* --throwaway given to another command than demo, or on PostgreSQL: says
 * so; the exit status (2). */
int srv_admin_throwaway_refused(void);

/* admin.c: the night audit of day on the server itself (frontdeskd audit
 * --as MANAGER), on either store: says so and changes nothing when the day
 * is closed already, else applies the desks' audit.night through apply (in
 * the store's writing transaction, with its audit row) and prints the
 * day's figures. The exit status. */
struct fd_repo;
struct fd_op;
typedef enum fd_status (*srv_apply_fn)(void *ctx, const struct fd_op *op, struct fd_error *err);
int srv_night_audit_run(const struct fd_repo *repo, fd_date day, const char *as, srv_apply_fn apply,
                        void *ctx);

#endif
