// SPDX-License-Identifier: GPL-3.0-or-later
/* The HTTP side: libmicrohttpd with an internal thread pool on epoll,
 * explicit limits (connection timeout, connections per address, request
 * body cap), long-polls parked with suspend/resume (a waiting terminal holds
 * no thread), one log line per request, and the metrics they feed. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <microhttpd.h>
#include <sodium.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "server/reply.h"
#include "server/route.h"
#include "server/log.h"
#include "server/server.h"

struct srv_waiter {
	struct MHD_Connection *conn;
	int64_t deadline_ms;
	struct srv_waiter *next;
};

#define N_BUCKETS 10
static const double bucket_ms[N_BUCKETS] = {1, 2, 5, 10, 25, 50, 100, 250, 1000, 5000};
#define MAX_SERIES 64

struct series {
	char route[32];
	int status;
	uint64_t count;
};

/* A certificate chain and its key, as loaded from the files. Replaced on
 * reload (SIGHUP); the older ones stay until the server stops, since a
 * handshake under way may still use them. */
#define TLS_CHAIN_MAX 16
struct tls_cred {
	gnutls_pcert_st pcert[TLS_CHAIN_MAX];
	unsigned n;
	gnutls_privkey_t key;
	struct tls_cred *older;
};

struct srv_http {
	struct MHD_Daemon *d;
	_Atomic(struct tls_cred *) cred; /* the current one (TLS only) */
	pthread_t timer;
	bool timer_running;
	pthread_mutex_t tlock; /* with tcond: the timer's sleep, which a stop ends */
	pthread_cond_t tcond;
	pthread_mutex_t mlock;
	struct series series[MAX_SERIES];
	int n_series;
	uint64_t buckets[N_BUCKETS + 1];
	double latency_sum;
	uint64_t latency_count;
	pthread_key_t reuse_key; /* each pool thread's struct reuse */
	bool reuse_key_made;
	atomic_uint_fast64_t reused; /* answers sent with a reused response */
};

struct conn_state {
	char *body;
	size_t len, cap;
	bool started;
	bool answered;
	int status;
	int64_t start_ms;
	void *api_state;
	char ip[INET6_ADDRSTRLEN];
	char method[8];
	char path[96];
};

int64_t srv_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- long-polls --- */

static void resume_all(struct srv *s, bool only_expired)
{
	int64_t now = srv_now_ms();
	struct srv_waiter **pp = &s->waiters;
	while (*pp) {
		struct srv_waiter *w = *pp;
		if (only_expired && w->deadline_ms > now) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		MHD_resume_connection(w->conn);
		s->m.long_polls--;
		free(w);
	}
}

void srv_changed(struct srv *s, int64_t seq)
{
	pthread_mutex_lock(&s->wait_lock);
	if (seq > s->seq) {
		s->seq = seq;
		resume_all(s, false);
	}
	pthread_mutex_unlock(&s->wait_lock);
}

void srv_http_park(struct srv *s, void *conn, int64_t since, int64_t deadline_ms)
{
	if (!conn)
		return; /* nothing to park (a request without a connection): its caller asks again */
	struct srv_waiter *w = calloc(1, sizeof *w);
	pthread_mutex_lock(&s->wait_lock);
	if (!w || s->seq != since || s->stopping) {
		/* A change slipped in (or shutting down): answer at once. The
		 * handler still suspends, so resume right after. */
		pthread_mutex_unlock(&s->wait_lock);
		free(w);
		MHD_suspend_connection(conn);
		MHD_resume_connection(conn);
		return;
	}
	w->conn = conn;
	w->deadline_ms = deadline_ms;
	w->next = s->waiters;
	s->waiters = w;
	s->m.long_polls++;
	MHD_suspend_connection(conn);
	pthread_mutex_unlock(&s->wait_lock);
}

/* Wakes expired long-polls, and notices changes written by other
 * processes (admin commands) so their waiters wake too. */
static void *timer_main(void *arg)
{
	struct srv *s = arg;
	struct fd_error err;
	struct fd_db *db = srv_db_open(s->cfg.data_dir, false, NULL, &err);
	struct srv_http *h = s->http;
	int tick = 0;
	while (!s->stopping) {
		/* A tenth of a second, or until srv_http_stop: a stopping server
		 * (the demo's, at each exit) does not wait out the tick. */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&h->tlock);
		while (!s->stopping && pthread_cond_timedwait(&h->tcond, &h->tlock, &until) == 0)
			;
		pthread_mutex_unlock(&h->tlock);
		if (s->stopping)
			break;
		pthread_mutex_lock(&s->wait_lock);
		resume_all(s, true);
		pthread_mutex_unlock(&s->wait_lock);
		if (db && ++tick % 10 == 0) {
			srv_changed(s, srv_last_seq(db));
			/* Copies the WAL back without blocking writers or readers. */
			sqlite3_wal_checkpoint_v2(fd_db_handle(db), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
			                          NULL);
		}
		if (db && tick % 36000 == 0) { /* hourly: trim the change log */
			int64_t floor;
			if (srv_trim_changes(db, s->cfg.keep_changes, &floor, NULL) == FD_OK)
				atomic_store(&s->changes_floor, floor);
		}
	}
	fd_db_close(db);
	return NULL;
}

/* --- metrics --- */

static void metrics_note(struct srv_http *h, const char *route, int status, double ms)
{
	pthread_mutex_lock(&h->mlock);
	int i;
	for (i = 0; i < h->n_series; i++)
		if (h->series[i].status == status && strcmp(h->series[i].route, route) == 0)
			break;
	if (i == h->n_series && i < MAX_SERIES) {
		snprintf(h->series[i].route, sizeof h->series[i].route, "%s", route);
		h->series[i].status = status;
		h->n_series++;
	}
	if (i < MAX_SERIES)
		h->series[i].count++;
	int b = 0;
	while (b < N_BUCKETS && ms > bucket_ms[b])
		b++;
	h->buckets[b]++;
	h->latency_sum += ms / 1000.0;
	h->latency_count++;
	pthread_mutex_unlock(&h->mlock);
}

void srv_http_metrics(struct srv *s, const char *property, char **text)
{
	/* Without the HTTP side (requests without a connection) no request is counted. */
	static struct srv_http none = {.mlock = PTHREAD_MUTEX_INITIALIZER};
	struct srv_http *h = s->http ? s->http : &none;
	size_t cap = 16384, len = 0;
	char *out = malloc(cap);
	if (!out) {
		*text = NULL;
		return;
	}
#define EMIT(...) len += (size_t)snprintf(out + len, len < cap ? cap - len : 0, __VA_ARGS__)
	pthread_mutex_lock(&h->mlock);
	EMIT("# HELP frontdeskd_requests_total HTTP requests by route and status.\n"
	     "# TYPE frontdeskd_requests_total counter\n");
	for (int i = 0; i < h->n_series; i++)
		EMIT("frontdeskd_requests_total{route=\"%s\",status=\"%d\"} %llu\n", h->series[i].route,
		     h->series[i].status, (unsigned long long)h->series[i].count);
	EMIT("# HELP frontdeskd_request_seconds Request latency.\n# TYPE frontdeskd_request_seconds "
	     "histogram\n");
	uint64_t cum = 0;
	for (int b = 0; b < N_BUCKETS; b++) {
		cum += h->buckets[b];
		EMIT("frontdeskd_request_seconds_bucket{le=\"%g\"} %llu\n", bucket_ms[b] / 1000.0,
		     (unsigned long long)cum);
	}
	cum += h->buckets[N_BUCKETS];
	EMIT("frontdeskd_request_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
	EMIT("frontdeskd_request_seconds_sum %.6f\nfrontdeskd_request_seconds_count %llu\n", h->latency_sum,
	     (unsigned long long)h->latency_count);
	pthread_mutex_unlock(&h->mlock);
	EMIT("# HELP frontdeskd_ops_total Pushed operations by outcome.\n# TYPE frontdeskd_ops_total "
	     "counter\n");
	EMIT("frontdeskd_ops_total{status=\"applied\"} %llu\n", (unsigned long long)s->m.ops_applied);
	EMIT("frontdeskd_ops_total{status=\"rejected\"} %llu\n", (unsigned long long)s->m.ops_rejected);
	EMIT("frontdeskd_ops_total{status=\"duplicate\"} %llu\n", (unsigned long long)s->m.ops_duplicate);
	EMIT("# HELP frontdeskd_push_commits_total Transactions committed for pushes (several pushes may "
	     "share one).\n"
	     "# TYPE frontdeskd_push_commits_total counter\nfrontdeskd_push_commits_total %llu\n",
	     (unsigned long long)s->m.commits);
	EMIT("# HELP frontdeskd_pushes_total Pushes committed.\n# TYPE frontdeskd_pushes_total counter\n"
	     "frontdeskd_pushes_total %llu\n",
	     (unsigned long long)s->m.pushes);
	EMIT("# HELP frontdeskd_responses_reused_total Answers sent with a response built for an identical "
	     "one before (health checks).\n# TYPE frontdeskd_responses_reused_total counter\n"
	     "frontdeskd_responses_reused_total %llu\n",
	     (unsigned long long)atomic_load(&h->reused));
	EMIT("# HELP frontdeskd_mail_wakes_total Times the mail sender was woken before its once-a-second "
	     "look (SQLite: for a mail just queued; PostgreSQL: at every change).\n"
	     "# TYPE frontdeskd_mail_wakes_total counter\nfrontdeskd_mail_wakes_total %llu\n",
	     (unsigned long long)atomic_load(&s->m.mail_wakes));
	EMIT(
	    "# HELP frontdeskd_push_wakes_total Times a push's thread was woken in the group commit (SQLite: "
	    "once per push that waited, at its group's commit or to lead the next group).\n"
	    "# TYPE frontdeskd_push_wakes_total counter\nfrontdeskd_push_wakes_total %llu\n",
	    (unsigned long long)atomic_load(&s->m.push_wakes));
	EMIT("# HELP frontdeskd_session_lookups_total Session tokens checked, by where the session was "
	     "found: \"cache\" when remembered at the current revocation generation (SQLite), \"read\" "
	     "when read from the database (always on PostgreSQL).\n# TYPE frontdeskd_session_lookups_total "
	     "counter\n"
	     "frontdeskd_session_lookups_total{source=\"cache\"} %llu\n"
	     "frontdeskd_session_lookups_total{source=\"read\"} %llu\n",
	     (unsigned long long)atomic_load(&s->m.session_hits),
	     (unsigned long long)atomic_load(&s->m.session_misses));
	EMIT("# HELP frontdeskd_long_polls Open long-polls.\n# TYPE frontdeskd_long_polls gauge\n");
	EMIT("frontdeskd_long_polls %d\n", (int)s->m.long_polls);
#undef EMIT
	if (len >= cap)
		out[cap - 1] = '\0';
	char *more = srv_metrics_text(s, property);
	size_t n = more ? strlen(more) : 0, have = strlen(out);
	char *all = more ? realloc(out, have + n + 1) : NULL;
	if (all) {
		memcpy(all + have, more, n + 1);
		out = all;
	}
	free(more);
	*text = out;
}

/* --- requests --- */

const char *srv_query(const struct srv_req *r, const char *key)
{
	if (!r->conn) {
		for (const char *const *a = r->args; a && a[0]; a += 2)
			if (strcmp(a[0], key) == 0)
				return a[1];
		return NULL;
	}
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *srv_header(const struct srv_req *r, const char *name)
{
	if (!r->conn) /* a request without a connection (the fuzzer's): no headers */
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

#define FD_PROTOCOL_STR(x) #x
#define FD_PROTOCOL_XSTR(x) FD_PROTOCOL_STR(x)
#define FD_PROTOCOL_TEXT FD_PROTOCOL_XSTR(FD_PROTOCOL)

/* The terminal's Frontdesk-Protocol header; a terminal of release 0.1.0
 * sends none and speaks 1. */
static int request_protocol(struct MHD_Connection *conn)
{
	const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Frontdesk-Protocol");
	int n = v ? atoi(v) : 1;
	return n >= 1 && n <= 1000 ? n : 1;
}

/* The last small answer a pool thread built, kept to answer the same
 * again: a health check, the most frequent request, repeats its body until
 * the sequence moves, and building a libmicrohttpd response (three header
 * copies, two allocations each) cost more than the handler. A response
 * holds no per-request state (libmicrohttpd adds Date and Connection as it
 * sends), so the same one serves any number of requests; it is counted by
 * reference. Per thread: no lock, and the thread's end frees it. */
#define REUSE_MAX 512
struct reuse {
	struct MHD_Response *resp; /* holds its creation's reference */
	const char *body;          /* resp's own buffer, alive as long as it */
	size_t len;
	char content_type[64], cache_control[64];
};

static void reuse_free(void *p)
{
	struct reuse *r = p;
	if (r && r->resp)
		MHD_destroy_response(r->resp);
	free(r);
}

/* Only a plain answer is reused: no headers of its own, no Allow or
 * Retry-After, a small body, the usual short header values. */
static bool reusable(const struct srv_resp *out, size_t len, const char *ctype, const char *cc)
{
	return out->n_headers == 0 && !(out->status == 405 && out->allow[0]) && out->retry_after <= 0 &&
	       len <= REUSE_MAX && strlen(ctype) < sizeof((struct reuse *)0)->content_type &&
	       strlen(cc) < sizeof((struct reuse *)0)->cache_control;
}

static struct MHD_Response *reuse_find(struct srv_http *h, const struct srv_resp *out, const char *body,
                                       size_t len, const char *ctype, const char *cc)
{
	struct reuse *r = h->reuse_key_made ? pthread_getspecific(h->reuse_key) : NULL;
	if (!r || !r->resp || r->len != len || !reusable(out, len, ctype, cc) ||
	    memcmp(r->body, body, len) != 0 || strcmp(r->content_type, ctype) != 0 ||
	    strcmp(r->cache_control, cc) != 0)
		return NULL;
	atomic_fetch_add_explicit(&h->reused, 1, memory_order_relaxed);
	return r->resp;
}

/* Keeps resp, just queued, as this thread's last answer in place of the
 * one before: true when it did (the caller's reference is now the
 * cache's). */
static bool reuse_keep(struct srv_http *h, const struct srv_resp *out, struct MHD_Response *resp,
                       const char *body, size_t len, const char *ctype, const char *cc)
{
	if (!h->reuse_key_made || !reusable(out, len, ctype, cc))
		return false;
	struct reuse *r = pthread_getspecific(h->reuse_key);
	if (!r) {
		r = calloc(1, sizeof *r);
		if (!r || pthread_setspecific(h->reuse_key, r)) {
			free(r);
			return false;
		}
	}
	if (r->resp)
		MHD_destroy_response(r->resp); /* a connection it is queued on keeps its own reference */
	r->resp = resp;
	r->body = body;
	r->len = len;
	snprintf(r->content_type, sizeof r->content_type, "%s", ctype);
	snprintf(r->cache_control, sizeof r->cache_control, "%s", cc);
	return true;
}

static enum MHD_Result send_resp(struct srv *s, struct MHD_Connection *conn, struct conn_state *cs,
                                 struct srv_resp *out)
{
	const char *body = out->body ? out->body : "";
	size_t len = out->body && out->body_len ? out->body_len : strlen(body);
	const char *ctype = out->content_type ? out->content_type : "application/json";
	const char *cc = out->cache_control ? out->cache_control : "no-store";
	cs->status = out->status;
	cs->answered = true;
	struct MHD_Response *same = reuse_find(s->http, out, body, len, ctype, cc);
	if (same) {
		free(out->body);
		return MHD_queue_response(conn, (unsigned)out->status, same);
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    len, (void *)body, out->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(out->body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", ctype);
	MHD_add_response_header(resp, "Cache-Control", cc);
	for (int i = 0; i < out->n_headers; i++)
		MHD_add_response_header(resp, out->header_names[i], out->header_values[i]);
	MHD_add_response_header(resp, "Frontdesk-Protocol", FD_PROTOCOL_TEXT);
	if (out->status == 405 && out->allow[0])
		MHD_add_response_header(resp, "Allow", out->allow);
	if (out->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof ra, "%d", out->retry_after);
		MHD_add_response_header(resp, "Retry-After", ra);
	}
	enum MHD_Result rc = MHD_queue_response(conn, (unsigned)out->status, resp);
	if (!reuse_keep(s->http, out, resp, body, len, ctype, cc))
		MHD_destroy_response(resp);
	return rc;
}

static void client_ip(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, size, "?");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
		          (socklen_t)size);
}

/* The peer's address, written once when its connection opens (the
 * requests of a keep-alive connection all come from it). */
struct conn_peer {
	char ip[INET6_ADDRSTRLEN];
};

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		struct conn_peer *p = malloc(sizeof *p);
		if (p)
			client_ip(conn, p->ip, sizeof p->ip);
		*socket_context = p;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		free(*socket_context);
		*socket_context = NULL;
	}
}

static const char *conn_peer(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	const struct conn_peer *p = ci ? ci->socket_context : NULL;
	return p ? p->ip : "?";
}

/* Every line of one header, joined with ", " (too long: cut, and the
 * chain's parse stops at the cut). */
struct joined {
	const char *name;
	char text[1024];
	size_t len;
	int n;
};

static enum MHD_Result join_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct joined *j = cls;
	(void)kind;
	if (!key || !value || strcasecmp(key, j->name) != 0)
		return MHD_YES;
	int w = snprintf(j->text + j->len, sizeof j->text - j->len, "%s%s", j->n ? ", " : "", value);
	if (w > 0)
		j->len = j->len + (size_t)w < sizeof j->text ? j->len + (size_t)w : sizeof j->text - 1;
	j->n++;
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
	struct srv *s = cls;
	struct conn_state *cs = *con_cls;
	(void)version;
	if (!cs)
		return MHD_NO;
	if (!cs->started) {
		cs->started = true;
		size_t n_method = strnlen(method, sizeof cs->method - 1);
		memcpy(cs->method, method, n_method); /* calloc wrote its end */
		cs->start_ms = srv_now_ms();
		const char *peer = conn_peer(conn);
		pthread_mutex_lock(&s->proxy_lock);
		int n_proxies = s->cfg.n_proxies;
		struct srv_net proxies[SRV_PROXIES_MAX];
		memcpy(proxies, s->cfg.proxies, (size_t)n_proxies * sizeof *proxies);
		pthread_mutex_unlock(&s->proxy_lock);
		/* a proxy adds its own header line after the client's: all
		 * lines, in order, make the chain */
		struct joined fwd = {.name = "Forwarded"}, xff = {.name = "X-Forwarded-For"};
		if (n_proxies) {
			MHD_get_connection_values(conn, MHD_HEADER_KIND, join_header, &fwd);
			MHD_get_connection_values(conn, MHD_HEADER_KIND, join_header, &xff);
		}
		srv_client_address(proxies, n_proxies, peer, fwd.n ? fwd.text : NULL, xff.n ? xff.text : NULL,
		                   cs->ip, sizeof cs->ip);
		const char *cl =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > s->cfg.max_body) {
			struct srv_resp out = {0};
			srv_resp_error(&out, 413, "body_too_large", "body",
			               "The request body is over %zu bytes.", s->cfg.max_body);
			return send_resp(s, conn, cs, &out);
		}
		return MHD_YES;
	}
	if (cs->answered) {
		*upload_size = 0; /* discard the rest of a refused body */
		return MHD_YES;
	}
	if (*upload_size) {
		if (cs->len + *upload_size > s->cfg.max_body) {
			*upload_size = 0;
			struct srv_resp out = {0};
			srv_resp_error(&out, 413, "body_too_large", "body",
			               "The request body is over %zu bytes.", s->cfg.max_body);
			return send_resp(s, conn, cs, &out);
		}
		if (cs->len + *upload_size + 1 > cs->cap) {
			size_t cap = (cs->len + *upload_size + 1) * 2;
			char *b = realloc(cs->body, cap);
			if (!b)
				return MHD_NO;
			cs->body = b, cs->cap = cap;
		}
		memcpy(cs->body + cs->len, upload_data, *upload_size);
		cs->len += *upload_size;
		cs->body[cs->len] = '\0';
		*upload_size = 0;
		return MHD_YES;
	}
	struct srv_req r = {
	    .method = method,
	    .path = url,
	    .body = cs->body,
	    .body_len = cs->len,
	    .client_ip = cs->ip,
	    .authorization =
	        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
	    .conn = conn,
	    .protocol = request_protocol(conn),
	};
	struct srv_resp out;
	srv_resp_init(&out);
	srv_api_handle(s, &r, &cs->api_state, &out);
	if (out.suspend)
		return MHD_YES; /* parked by srv_http_park; called again on resume */
	return send_resp(s, conn, cs, &out);
}

/* Monitors, load balancers and every terminal's reachability check ask
 * /v1/health every few seconds, and Prometheus scrapes /v1/metrics: their
 * answered requests would bury the others in the journal, so they are
 * debug lines (log-level = debug shows them); a failure of theirs is not. */
static enum srv_log_level request_log_level(const char *path, int status)
{
	static const char *const probes[] = {"/v1/health", "/v1/metrics"};
	if (status >= 500 || status == 0)
		return SRV_LOG_WARNING;
	for (size_t i = 0; i < sizeof probes / sizeof *probes; i++)
		if (status == 200 && strcmp(path, probes[i]) == 0)
			return SRV_LOG_DEBUG;
	return SRV_LOG_INFO;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct srv *s = cls;
	struct conn_state *cs = *con_cls;
	(void)conn;
	if (!cs)
		return;
	if (cs->started) {
		double ms = (double)(srv_now_ms() - cs->start_ms);
		int status = cs->answered ? cs->status : 0;
		srv_log(request_log_level(cs->path, status), "%s %s %s %d %.0fms%s", cs->ip, cs->method,
		        cs->path, status, ms, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
		metrics_note(s->http, srv_route_label(cs->path), status, ms);
	}
	*con_cls = NULL;
	srv_api_state_free(cs->api_state);
	free(cs->body);
	free(cs);
}

/* MHD calls this first with the raw URI: the connection's state starts
 * here, so the completion log line knows the path. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls, (void)conn;
	struct conn_state *cs = calloc(1, sizeof *cs);
	if (cs) {
		size_t n = strcspn(uri, "?");
		n = n < sizeof cs->path - 1 ? n : sizeof cs->path - 1;
		memcpy(cs->path, uri, n); /* calloc wrote its end */
	}
	return cs;
}

/* --- start and stop --- */

/* ADDR:PORT with an IPv4 address or "localhost", or [IPv6-ADDRESS]:PORT. */
static bool parse_listen(const char *spec, struct sockaddr_storage *ss, bool *loopback)
{
	char host[128];
	const char *colon = strrchr(spec, ':');
	if (!colon || (size_t)(colon - spec) >= sizeof host)
		return false;
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535)
		return false;
	memset(ss, 0, sizeof *ss);
	size_t n = strlen(host);
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		struct sockaddr_in6 *sa6 = (struct sockaddr_in6 *)(void *)ss;
		host[n - 1] = '\0';
		sa6->sin6_family = AF_INET6;
		sa6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &sa6->sin6_addr) != 1)
			return false;
		*loopback = IN6_IS_ADDR_LOOPBACK(&sa6->sin6_addr);
		return true;
	}
	struct sockaddr_in *sa = (struct sockaddr_in *)(void *)ss;
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return false;
	*loopback = (ntohl(sa->sin_addr.s_addr) >> 24) == 127;
	return true;
}

/* "127.0.0.1" or "[::1]" */
static void host_text(const struct sockaddr_storage *ss, char *out, size_t size)
{
	char a[INET6_ADDRSTRLEN] = "?";
	if (ss->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr, a, sizeof a);
		snprintf(out, size, "[%s]", a);
	} else {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ss)->sin_addr, a, sizeof a);
		snprintf(out, size, "%s", a);
	}
}

static char *slurp(const char *path, struct fd_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fd_fail(err, FD_E_IO, "io", NULL, "Cannot read %s: %s.", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, len = 0;
	char *b = malloc(cap);
	size_t n;
	while (b && (n = fread(b + len, 1, cap - len - 1, f)) > 0)
		len += n;
	fclose(f);
	if (b)
		b[len] = '\0';
	return b;
}

/* libmicrohttpd's own messages, in the log with the others. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	srv_vlog(SRV_LOG_WARNING, fmt, ap);
}

static void tls_cred_free(struct tls_cred *c)
{
	for (unsigned i = 0; i < c->n; i++)
		gnutls_pcert_deinit(&c->pcert[i]);
	if (c->key)
		gnutls_privkey_deinit(c->key);
	free(c);
}

/* The one server whose certificate gnutls asks for: the current one. */
static struct srv *tls_srv;

static int pick_cert(gnutls_session_t session, const gnutls_datum_t *req_ca_dn, int nreqs,
                     const gnutls_pk_algorithm_t *pk_algos, int pk_algos_length, gnutls_pcert_st **pcert,
                     unsigned int *pcert_length, gnutls_privkey_t *pkey)
{
	(void)session, (void)req_ca_dn, (void)nreqs, (void)pk_algos, (void)pk_algos_length;
	struct srv_http *h = tls_srv ? tls_srv->http : NULL;
	struct tls_cred *c = h ? atomic_load(&h->cred) : NULL;
	if (!c)
		return -1;
	*pcert = c->pcert;
	*pcert_length = c->n;
	*pkey = c->key;
	return 0;
}

int srv_http_reload_tls(struct srv *s, const char *cert_path, const char *key_path, struct fd_error *err)
{
	struct srv_http *h = s->http;
	char *cert = slurp(cert_path, err), *key = cert ? slurp(key_path, err) : NULL;
	struct tls_cred *c = calloc(1, sizeof *c);
	int rc = cert && key && c ? 0 : -1;
	if (rc == 0) {
		gnutls_datum_t cd = {(unsigned char *)cert, (unsigned)strlen(cert)};
		gnutls_datum_t kd = {(unsigned char *)key, (unsigned)strlen(key)};
		c->n = TLS_CHAIN_MAX;
		int g = gnutls_pcert_list_import_x509_raw(c->pcert, &c->n, &cd, GNUTLS_X509_FMT_PEM, 0);
		if (g < 0 || c->n == 0) {
			c->n = 0;
			fd_fail(err, FD_E_INVALID, "invalid_tls", "tls-cert",
			        "%s is not a PEM certificate chain: %s.", cert_path, gnutls_strerror(g));
			rc = -1;
		} else if ((g = gnutls_privkey_init(&c->key)) < 0 ||
		           (g = gnutls_privkey_import_x509_raw(c->key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0)) <
		               0) {
			fd_fail(err, FD_E_INVALID, "invalid_tls", "tls-key",
			        "%s is not a PEM private key: %s.", key_path, gnutls_strerror(g));
			rc = -1;
		}
	} else if (!c) {
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	}
	if (key)
		sodium_memzero(key, strlen(key));
	free(cert);
	free(key);
	if (rc) {
		if (c)
			tls_cred_free(c);
		return -1;
	}
	c->older = atomic_load(&h->cred);
	atomic_store(&h->cred, c);
	tls_srv = s;
	return 0;
}

/* Each connection's memory pool holds its request line, headers and read
 * buffer (a body goes to conn_state's own buffer, bounded by max-body), and
 * libmicrohttpd clears the used part of it after every request: with 64 KiB
 * that clearing was most of the cost of a keep-alive GET /v1/health. 16 KiB
 * still takes headers of several KiB (a proxy's Forwarded chain is cut at
 * 1 KiB anyway); tests/server/test_large_request.sh pushes bodies far bigger
 * than the pool. */
#define CONN_MEMORY (16 * 1024)

int srv_http_start(struct srv *s, struct fd_error *err)
{
	struct srv_http *h = calloc(1, sizeof *h);
	if (!h)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	s->http = h;
	pthread_mutex_init(&h->mlock, NULL);
	pthread_mutex_init(&h->tlock, NULL);
	pthread_cond_init(&h->tcond, NULL);
	h->reuse_key_made = pthread_key_create(&h->reuse_key, reuse_free) == 0;
	struct sockaddr_storage sa;
	bool loopback;
	if (!parse_listen(s->cfg.listen, &sa, &loopback))
		return fd_fail(err, FD_E_INVALID, "invalid_listen", "listen",
		               "--listen must be IPv4-ADDRESS:PORT or [IPv6-ADDRESS]:PORT (got \"%s\").",
		               s->cfg.listen);
	bool tls = s->cfg.tls_cert[0] || s->cfg.tls_key[0];
	if (tls && !(s->cfg.tls_cert[0] && s->cfg.tls_key[0]))
		return fd_fail(err, FD_E_INVALID, "invalid_tls", "tls-cert",
		               "Give both --tls-cert and --tls-key.");
	if (!tls && !loopback)
		return fd_fail(err, FD_E_INVALID, "plain_http", "listen",
		               "Refusing plain HTTP on %s: give --tls-cert and --tls-key, or listen on "
		               "127.0.0.1 or [::1].",
		               s->cfg.listen);
	if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return fd_fail(err, FD_E_INVALID, "no_tls", NULL,
		               "This libmicrohttpd was built without TLS.");
	if (tls && srv_http_reload_tls(s, s->cfg.tls_cert, s->cfg.tls_key, err))
		return err->status;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
	                 MHD_USE_ERROR_LOG | (tls ? MHD_USE_TLS : 0) |
	                 (sa.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	struct MHD_OptionItem opts[] = {
	    {MHD_OPTION_SOCK_ADDR, 0, &sa},
	    {MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads, NULL},
	    {MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.conn_timeout, NULL},
	    {MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->cfg.conn_limit, NULL},
	    {MHD_OPTION_CONNECTION_LIMIT, 4000, NULL},
	    {MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY, NULL},
	    {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, s},
	    {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, s},
	    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, s},
	    {tls ? MHD_OPTION_HTTPS_CERT_CALLBACK : MHD_OPTION_END, 0, (void *)pick_cert},
	    {MHD_OPTION_END, 0, NULL},
	};
	/* the logger first, so that every message of the daemon goes through it */
	h->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
	                        MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (!h->d)
		return fd_fail(err, FD_E_IO, "listen_failed", "listen",
		               "Cannot listen on %s (in use or not allowed).", s->cfg.listen);
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN + 2];
	host_text(&sa, host, sizeof host);
	srv_log(SRV_LOG_INFO, "listening on %s:%u (%s, %u threads)", host, di ? di->port : 0,
	        tls ? "https" : "http", s->cfg.threads);
	h->timer_running = pthread_create(&h->timer, NULL, timer_main, s) == 0;
	return FD_OK;
}

static unsigned open_connections(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
	return di ? di->num_connections : 1; /* unknown: as if one were open */
}

void srv_http_stop(struct srv *s)
{
	struct srv_http *h = s->http;
	if (!h)
		return;
	if (h->d)
		MHD_quiesce_daemon(h->d); /* stop accepting; in-flight requests finish */
	pthread_mutex_lock(&h->tlock);
	s->stopping = 1;
	pthread_cond_signal(&h->tcond);
	pthread_mutex_unlock(&h->tlock);
	pthread_mutex_lock(&s->wait_lock);
	resume_all(s, false); /* parked long-polls answer now */
	pthread_mutex_unlock(&s->wait_lock);
	if (h->timer_running)
		pthread_join(h->timer, NULL);
	if (h->d) {
		/* Let resumed long-polls and requests in flight write their
		 * answers: up to 0.2 s, less once no connection is left. */
		for (int i = 0; i < 40 && open_connections(h->d) > 0; i++)
			usleep(5 * 1000);
		MHD_stop_daemon(h->d); /* its threads' ends freed their kept answers */
	}
	if (h->reuse_key_made)
		pthread_key_delete(h->reuse_key);
	pthread_mutex_destroy(&h->tlock);
	pthread_cond_destroy(&h->tcond);
	pthread_mutex_destroy(&h->mlock);
	for (struct tls_cred *c = atomic_load(&h->cred), *older; c; c = older) {
		older = c->older;
		tls_cred_free(c);
	}
	free(h);
	s->http = NULL;
}
