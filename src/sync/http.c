// SPDX-License-Identifier: GPL-3.0-or-later
/* JSON over HTTP with libcurl, for one thread (the engine's or the CLI's).
 * CURLOPT_NOSIGNAL because we run in a thread; connect and low-speed
 * timeouts so a dead link never hangs the engine; a progress callback lets
 * another thread abort a long-poll at once (stop, or a new operation). */
#include "config.h"

#include <curl/curl.h>
#include <sodium.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/json.h"
#include "core/op.h"
#include "sync/sync_internal.h"

/* One transfer on its own easy handle, and what it answered. */
struct xfer {
	CURL *curl;
	char *buf;
	size_t len, cap;
	int retry_after;
	int protocol;           /* the server's Frontdesk-Protocol in its answer, 0 = none */
	struct curl_slist *hdr; /* its request headers, kept until it ends */
};

struct sync_http {
	CURLM *multi;      /* so a kick can wake a transfer at once (curl_multi_wakeup) */
	struct xfer x;     /* the transfer of sync_http_json */
	struct xfer ahead; /* a GET started early (sync_http_prefetch) */
	/* The prefetch in flight: its URL and token ("" none), whether it
	 * already ended (in sync_http_prefetch) and how. */
	char ahead_key[2048 + 160];
	bool ahead_ended;
	CURLcode ahead_rc;
	char *base;
	int connect_timeout;
	atomic_int kicks;    /* bumped by sync_http_abort (any thread) */
	atomic_int baseline; /* kicks seen at the start of the engine's round */
	int known;           /* the server's protocol from the last complete answer, 0 = no answer yet */
	int announce;        /* the protocol this terminal announces */
	char hdr[40];        /* "Frontdesk-Protocol: N" */
	char extra[96];      /* one more request header for the next call (sync_http_header) */
};

void sync_http_header(struct sync_http *h, const char *line)
{
	snprintf(h->extra, sizeof h->extra, "%s", line);
}

static int curl_ready(void)
{
	static atomic_int done;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	if (atomic_load(&done))
		return 1;
	pthread_mutex_lock(&lock);
	if (!atomic_load(&done) && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		atomic_store(&done, 1);
	pthread_mutex_unlock(&lock);
	return atomic_load(&done);
}

struct sync_http *sync_http_new(const char *base_url, int connect_timeout)
{
	if (!curl_ready())
		return NULL;
	struct sync_http *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->x.curl = curl_easy_init();
	h->ahead.curl = curl_easy_init();
	h->multi = curl_multi_init();
	h->base = strdup(base_url);
	h->connect_timeout = connect_timeout > 0 ? connect_timeout : 5;
	/* FRONTDESK_SYNC_PROTOCOL announces an older protocol: for the tests of
	 * a terminal too old for its server, and for pinning terminals to what
	 * an older server speaks. */
	const char *pin = getenv("FRONTDESK_SYNC_PROTOCOL");
	h->announce = pin && atoi(pin) >= 1 && atoi(pin) <= FD_PROTOCOL ? atoi(pin) : FD_PROTOCOL;
	snprintf(h->hdr, sizeof h->hdr, "Frontdesk-Protocol: %d", h->announce);
	if (!h->x.curl || !h->ahead.curl || !h->multi || !h->base) {
		sync_http_free(h);
		return NULL;
	}
	/* "http://host:port/" and "http://host:port" both work. */
	size_t n = strlen(h->base);
	while (n && h->base[n - 1] == '/')
		h->base[--n] = '\0';
	return h;
}

static void cancel_ahead(struct sync_http *h);

static void xfer_clear(struct xfer *x)
{
	if (x->curl)
		curl_easy_cleanup(x->curl);
	curl_slist_free_all(x->hdr);
	free(x->buf);
}

void sync_http_free(struct sync_http *h)
{
	if (!h)
		return;
	if (h->multi && h->ahead.curl)
		cancel_ahead(h);
	xfer_clear(&h->x);
	xfer_clear(&h->ahead);
	if (h->multi)
		curl_multi_cleanup(h->multi);
	free(h->base);
	free(h);
}

void sync_http_abort(struct sync_http *h)
{
	atomic_fetch_add(&h->kicks, 1);
	curl_multi_wakeup(h->multi);
}

void sync_http_mark(struct sync_http *h)
{
	atomic_store(&h->baseline, atomic_load(&h->kicks));
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct xfer *h = ctx;
	size_t n = size * nmemb;
	if (h->len + n + 1 > h->cap) {
		size_t cap = (h->cap ? h->cap * 2 : 16384);
		while (cap < h->len + n + 1)
			cap *= 2;
		char *b = realloc(h->buf, cap);
		if (!b)
			return 0;
		h->buf = b;
		h->cap = cap;
	}
	memcpy(h->buf + h->len, data, n);
	h->len += n;
	h->buf[h->len] = '\0';
	return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct xfer *h = ctx;
	size_t n = size * nmemb;
	if (n > 12 && strncasecmp(data, "Retry-After:", 12) == 0)
		h->retry_after = atoi(data + 12);
	if (n > 19 && strncasecmp(data, "Frontdesk-Protocol:", 19) == 0)
		h->protocol = atoi(data + 19);
	return n;
}

static int on_progress(void *ctx, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	(void)a, (void)b, (void)c, (void)d;
	struct sync_http *h = ctx;
	/* A kick since the round began: whatever this transfer is, the round
	 * starts over (so a kick is never lost between two transfers). */
	return atomic_load(&h->kicks) != atomic_load(&h->baseline);
}

static bool kicked(struct sync_http *h)
{
	return atomic_load(&h->kicks) != atomic_load(&h->baseline);
}

/* The end of c's transfer, if the multi handle reported it. */
static bool ended(struct sync_http *h, CURL *c, CURLcode *rc)
{
	bool done = false;
	int left;
	CURLMsg *m;
	while ((m = curl_multi_info_read(h->multi, &left)))
		if (m->msg == CURLMSG_DONE && m->easy_handle == c) {
			*rc = m->data.result;
			done = true;
		}
	return done;
}

/* curl_easy_perform, but through the multi handle so that sync_http_abort
 * (curl_multi_wakeup) interrupts the wait at once, not at curl's next
 * progress tick a second later. c is in the multi handle (and alone
 * there); it is taken out. */
static CURLcode finish(struct sync_http *h, CURL *c)
{
	CURLcode rc = CURLE_OK;
	for (;;) {
		int running;
		if (curl_multi_perform(h->multi, &running) != CURLM_OK) {
			rc = CURLE_FAILED_INIT;
			break;
		}
		if (ended(h, c, &rc) || !running)
			break;
		if (kicked(h)) {
			rc = CURLE_ABORTED_BY_CALLBACK;
			break;
		}
		curl_multi_poll(h->multi, NULL, 0, 1000, NULL);
	}
	curl_multi_remove_handle(h->multi, c);
	return rc;
}

static CURLcode perform(struct sync_http *h, CURL *c)
{
	if (curl_multi_add_handle(h->multi, c) != CURLM_OK)
		return CURLE_FAILED_INIT;
	return finish(h, c);
}

/* Set up x for a request (its answer emptied); extra: one more header line
 * or "". The headers are x's until the next setup. */
static void setup(struct sync_http *h, struct xfer *x, const char *method, const char *url, const char *token,
                  long timeout_s, const char *extra)
{
	x->len = 0;
	x->retry_after = 0;
	x->protocol = 0;
	if (x->buf)
		x->buf[0] = '\0';
	CURL *c = x->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)h->connect_timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout_s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_slist_free_all(x->hdr);
	struct curl_slist *hdr = curl_slist_append(NULL, "Accept: application/json");
	hdr = curl_slist_append(hdr, h->hdr);
	if (token && token[0]) {
		char auth[160];
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		hdr = curl_slist_append(hdr, auth);
	}
	if (extra[0])
		hdr = curl_slist_append(hdr, extra);
	x->hdr = hdr;
}

/* What names a request for the prefetch: its URL and token. */
static void request_key(const struct sync_http *h, const char *path, const char *token, char *out,
                        size_t size)
{
	snprintf(out, size, "%s%s\n%s", h->base, path, token ? token : "");
}

/* The prefetch, not wanted after all: dropped (its connection closed when
 * it was half way). */
static void cancel_ahead(struct sync_http *h)
{
	if (!h->ahead_key[0])
		return;
	if (!h->ahead_ended)
		curl_multi_remove_handle(h->multi, h->ahead.curl);
	h->ahead_key[0] = '\0';
}

void sync_http_prefetch(struct sync_http *h, const char *path, const char *token, long timeout_s)
{
	char url[2048];
	cancel_ahead(h);
	snprintf(url, sizeof url, "%s%s", h->base, path);
	setup(h, &h->ahead, "GET", url, token, timeout_s, "");
	curl_easy_setopt(h->ahead.curl, CURLOPT_HTTPHEADER, h->ahead.hdr);
	if (curl_multi_add_handle(h->multi, h->ahead.curl) != CURLM_OK)
		return;
	request_key(h, path, token, h->ahead_key, sizeof h->ahead_key);
	h->ahead_ended = false;
	/* Until the request is out (a connection made, if need be; at most
	 * 100 ms): the server then makes the page while the caller works. */
	for (int i = 0; i < 20; i++) {
		int running;
		long sent = 0;
		if (curl_multi_perform(h->multi, &running) != CURLM_OK)
			break;
		if (ended(h, h->ahead.curl, &h->ahead_rc)) {
			curl_multi_remove_handle(h->multi, h->ahead.curl);
			h->ahead_ended = true;
			break;
		}
		if (curl_easy_getinfo(h->ahead.curl, CURLINFO_REQUEST_SIZE, &sent) == CURLE_OK && sent > 0)
			break;
		curl_multi_poll(h->multi, NULL, 0, 5, NULL);
	}
}

/* The answer of the prefetch of this request, when there is one (else
 * any prefetch is dropped): true with *rc its result, the answer in h->x. A
 * prefetch that could not reach the server is not taken: the request is
 * made again. */
static bool take_ahead(struct sync_http *h, const char *method, const char *path, const cJSON *body,
                       const char *token, CURLcode *rc)
{
	char key[sizeof h->ahead_key];
	if (!h->ahead_key[0])
		return false;
	request_key(h, path, token, key, sizeof key);
	if (strcmp(method, "GET") != 0 || body || h->extra[0] || strcmp(key, h->ahead_key) != 0) {
		cancel_ahead(h);
		return false;
	}
	*rc = h->ahead_ended ? h->ahead_rc : finish(h, h->ahead.curl);
	h->ahead_key[0] = '\0';
	if (*rc != CURLE_OK && *rc != CURLE_ABORTED_BY_CALLBACK)
		return false;
	struct xfer t = h->x;
	h->x = h->ahead;
	h->ahead = t;
	return true;
}

enum fd_status sync_http_json(struct sync_http *h, const char *method, const char *path, const cJSON *body,
                              const char *token, long timeout_s, long *status, cJSON **resp, int *retry_after,
                              struct fd_error *err)
{
	*status = 0;
	if (resp)
		*resp = NULL;
	CURLcode rc;
	if (!take_ahead(h, method, path, body, token, &rc)) {
		char url[2048];
		snprintf(url, sizeof url, "%s%s", h->base, path);
		setup(h, &h->x, method, url, token, timeout_s, h->extra);
		char *text = NULL;
		if (body) {
			text = cJSON_PrintUnformatted(body);
			h->x.hdr = curl_slist_append(h->x.hdr, "Content-Type: application/json");
			curl_easy_setopt(h->x.curl, CURLOPT_POSTFIELDS, text ? text : "{}");
		}
		curl_easy_setopt(h->x.curl, CURLOPT_HTTPHEADER, h->x.hdr);
		rc = perform(h, h->x.curl);
		if (text) /* it may hold a password (sign-in, the administration pane) */
			sodium_memzero(text, strlen(text));
		free(text);
	}
	h->extra[0] = '\0';
	struct xfer *x = &h->x;
	if (retry_after)
		*retry_after = x->retry_after;
	if (rc != CURLE_OK) {
		bool aborted = rc == CURLE_ABORTED_BY_CALLBACK;
		return fd_fail(err, FD_E_IO, aborted ? "interrupted" : "unreachable", NULL,
		               aborted ? _("Interrupted.") : _("Cannot reach the server at %s: %s."), h->base,
		               curl_easy_strerror(rc));
	}
	curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, status);
	/* No header in a real answer: a server of release 0.1.0 (protocol 1);
	 * an error page from something in between says nothing. */
	if (x->protocol > 0)
		h->known = x->protocol;
	else if (*status >= 200 && *status < 300)
		h->known = 1;
	if (resp && x->len) {
		*resp = fd_json_parse(x->buf, x->len, NULL);
		/* A 2xx that is not JSON is a cut or garbled answer: like no answer. */
		if (!*resp && *status >= 200 && *status < 300)
			return fd_fail(err, FD_E_IO, "bad_answer", NULL,
			               _("The server at %s sent an unreadable answer."), h->base);
	}
	return FD_OK;
}

const char *sync_http_body(const struct sync_http *h)
{
	return h->x.len ? h->x.buf : NULL;
}

int sync_http_protocol(struct sync_http *h, struct fd_error *err)
{
	if (!h->known) {
		long status;
		sync_http_json(h, "GET", "/v1/health", NULL, NULL, 5, &status, NULL, NULL, err);
	}
	return h->known;
}

enum fd_status sync_http_error(long status, const cJSON *resp, const char *what, struct fd_error *err)
{
	if (status == 426) {
		const cJSON *min = cJSON_GetObjectItemCaseSensitive(resp, "min_protocol");
		const cJSON *mine = cJSON_GetObjectItemCaseSensitive(resp, "terminal_protocol");
		return fd_fail(
		    err, FD_E_FORBIDDEN, "protocol_too_old", NULL,
		    _("This terminal's frontdesk is too old for the server (it speaks sync protocol %d, "
		      "the server needs %d or newer): install the newer frontdesk. It keeps working "
		      "offline until then; nothing queued is lost."),
		    cJSON_IsNumber(mine) ? (int)mine->valuedouble : FD_PROTOCOL,
		    cJSON_IsNumber(min) ? (int)min->valuedouble : FD_PROTOCOL + 1);
	}
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(resp, "error");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(e, "code");
	enum fd_status st = status == 401 || status == 403   ? FD_E_FORBIDDEN
	                    : status >= 500 || status == 429 ? FD_E_BUSY
	                    : status == 409                  ? FD_E_CONFLICT
	                    : status == 404                  ? FD_E_NOT_FOUND
	                                                     : FD_E_INVALID;
	return fd_fail(err, st, cJSON_IsString(code) ? code->valuestring : "http", NULL,
	               _("The server refused %s (HTTP %ld): %s"), what, status,
	               cJSON_IsString(msg) ? msg->valuestring : _("no reason given"));
}
