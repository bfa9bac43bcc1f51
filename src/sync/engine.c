// SPDX-License-Identifier: GPL-3.0-or-later
/* The engine's thread: push, pull (long-poll), back off while offline,
 * wake the UI. See sync.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/i18n.h"
#include "sync/sync.h"
#include "sync/sync_internal.h"

struct fd_sync {
	char *db_path;
	struct fd_sync_options opt;
	struct fd_db *db; /* the engine's own connection (thread or fd_sync_once) */
	struct sync_http *http;
	pthread_t thread;
	bool running;
	atomic_int stop;
	int wake[2]; /* to the UI */
	int kick[2]; /* to the engine */
	pthread_mutex_t lock;
	struct fd_sync_status st; /* under lock */
	int failures;
	/* the heartbeat (its own thread, HTTP handle and connection) */
	pthread_t hb_thread;
	bool hb_running;
	struct sync_http *hb_http;
	char url[512];
	/* the refresh (opt.refresh): its own thread and connection */
	pthread_t rf_thread;
	bool rf_running;
	atomic_int dirty;       /* the data changed since the last refresh */
	int64_t reported;       /* the snapshot's rows last given to opt.progress */
	struct sync_call *call; /* a person's call of the server (call.c) */
};

static void set_nonblock_cloexec(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void defaults(struct fd_sync_options *o, const struct fd_sync_options *in)
{
	*o = in ? *in : (struct fd_sync_options){0};
	if (o->wait_seconds <= 0)
		o->wait_seconds = 25;
	if (o->page_limit <= 0)
		o->page_limit = 1000;
	if (o->batch_limit <= 0)
		o->batch_limit = 100;
	if (o->backoff_cap_ms <= 0)
		o->backoff_cap_ms = 30000;
	if (o->connect_timeout <= 0)
		o->connect_timeout = 5;
	if (o->heartbeat_ms <= 0)
		o->heartbeat_ms = 1000;
	if (o->refresh_seconds <= 0)
		o->refresh_seconds = 60;
}

/* How far a snapshot is (meta written with each staged page, apply.c). */
static void snapshot_progress(struct fd_db *db, struct fd_sync_status *st)
{
	char epoch[80] = "";
	fd_db_meta_get(db, "sync_epoch", epoch, sizeof epoch, NULL);
	/* Never synced: no epoch until the first snapshot is installed (from
	 * the start, before its first page). */
	st->first_sync = !epoch[0];
	st->snapshot_done = sync_meta_int(db, "snapshot_done", 0);
	st->snapshot_total = sync_meta_int(db, "snapshot_total", 0);
}

struct fd_sync *fd_sync_new(const char *db_path, const struct fd_sync_options *opts, struct fd_error *err)
{
	struct fd_db *db = sync_db_open(db_path, err);
	if (!db)
		return NULL;
	char url[512];
	if (fd_db_meta_get(db, "server_url", url, sizeof url, NULL) != FD_OK) {
		fd_db_close(db);
		fd_fail(err, FD_E_NOT_FOUND, "not_enrolled", NULL,
		        _("This terminal is not enrolled with a server; run 'frontdesk enroll URL CODE'."));
		return NULL;
	}
	struct fd_sync *s = calloc(1, sizeof *s);
	if (!s || pipe(s->wake) != 0 || pipe(s->kick) != 0) {
		fd_db_close(db);
		free(s);
		fd_fail(err, FD_E_IO, "io", NULL, _("Cannot start the sync engine: %s."), strerror(errno));
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		set_nonblock_cloexec(s->wake[i]);
		set_nonblock_cloexec(s->kick[i]);
	}
	defaults(&s->opt, opts);
	s->db = db;
	s->db_path = strdup(db_path);
	s->http = sync_http_new(url, s->opt.connect_timeout);
	snprintf(s->url, sizeof s->url, "%s", url);
	pthread_mutex_init(&s->lock, NULL);
	s->st.enrolled = true;
	s->st.cursor = sync_meta_int(db, "sync_cursor", 0);
	s->st.last_success = sync_meta_int(db, "sync_last_success", 0);
	s->st.last_heard = sync_meta_int(db, "sync_last_heard", 0);
	s->st.too_old = sync_meta_int(db, "sync_too_old", 0) != 0;
	s->st.revoked = sync_meta_int(db, "sync_revoked", 0) != 0;
	sync_counts(db, &s->st.pending, &s->st.rejected, &s->st.open_conflicts);
	snapshot_progress(db, &s->st);
	s->reported = s->st.snapshot_done;
	if (!s->http) {
		fd_sync_free(s);
		fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Cannot set up HTTP (libcurl)."));
		return NULL;
	}
	return s;
}

static void nap_ms(int ms)
{
	struct timespec t = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
}

static void wake_ui(struct fd_sync *s)
{
	char b = 1;
	ssize_t n = write(s->wake[1], &b, 1); /* full pipe: the UI has a wake-up pending anyway */
	(void)n;
}

/* Refresh the status after an exchange; wake the UI when something changed. */
static void update_status(struct fd_sync *s, enum fd_status st, const struct fd_error *err, bool data_changed)
{
	struct fd_sync_status n;
	pthread_mutex_lock(&s->lock);
	n = s->st;
	pthread_mutex_unlock(&s->lock);
	bool was_online = n.online;
	char was_error[sizeof n.last_error];
	memcpy(was_error, n.last_error, sizeof was_error);
	int old_pending = n.pending, old_rejected = n.rejected, old_conflicts = n.open_conflicts;
	if (st == FD_OK) {
		n.online = true;
		n.last_success = n.last_heard = (int64_t)time(NULL);
		n.last_error[0] = '\0';
		n.next_retry_ms = 0;
		sync_meta_set_int(s->db, "sync_last_success", n.last_success, NULL);
		sync_meta_set_int(s->db, "sync_last_heard", n.last_heard, NULL);
	} else {
		n.online = false;
		snprintf(n.last_error, sizeof n.last_error, "%s", err->message);
	}
	/* Too old for the server: said on the status line (and in meta for
	 * `frontdesk sync-status`) until an exchange succeeds again. */
	bool was_too_old = n.too_old;
	if (st == FD_OK)
		n.too_old = false;
	else if (strcmp(err->code, "protocol_too_old") == 0)
		n.too_old = true;
	if (sync_meta_int(s->db, "sync_too_old", 0) != (int64_t)n.too_old)
		sync_meta_set_int(s->db, "sync_too_old", n.too_old, NULL);
	/* Revoked: said on the status line until an exchange succeeds (the
	 * terminal enrolled again). */
	bool was_revoked = n.revoked;
	if (st == FD_OK)
		n.revoked = false;
	else if (strcmp(err->code, "device_revoked") == 0)
		n.revoked = true;
	if (sync_meta_int(s->db, "sync_revoked", 0) != (int64_t)n.revoked)
		sync_meta_set_int(s->db, "sync_revoked", n.revoked, NULL);
	n.cursor = sync_meta_int(s->db, "sync_cursor", 0);
	sync_counts(s->db, &n.pending, &n.rejected, &n.open_conflicts);
	bool was_first = n.first_sync;
	snapshot_progress(s->db, &n);
	pthread_mutex_lock(&s->lock);
	n.next_retry_ms = s->st.next_retry_ms;
	if (s->st.last_heard > n.last_heard)
		n.last_heard = s->st.last_heard;
	s->st = n;
	pthread_mutex_unlock(&s->lock);
	if (was_online != n.online)
		sync_meta_set_int(s->db, "sync_online", n.online, NULL);
	if (data_changed || was_online != n.online || was_too_old != n.too_old || was_revoked != n.revoked ||
	    strcmp(was_error, n.last_error) != 0 || old_pending != n.pending || old_rejected != n.rejected ||
	    old_conflicts != n.open_conflicts || was_first != n.first_sync)
		wake_ui(s);
}

/* A snapshot page came (its rows counted in meta): tell opt.progress. */
static void report_progress(struct fd_sync *s)
{
	if (!s->opt.progress)
		return;
	int64_t done = sync_meta_int(s->db, "snapshot_done", 0);
	if (done == s->reported)
		return;
	s->reported = done;
	s->opt.progress(s->opt.progress_ctx, (long)done, (long)sync_meta_int(s->db, "snapshot_total", 0));
}

/* Push all, then pull pages until drained (wait only when nothing is
 * queued, so a new operation is never held behind a long-poll). */
static enum fd_status round_trip(struct fd_sync *s, int wait, bool *changed, struct fd_error *err)
{
	int pushed = 0;
	*changed = false;
	enum fd_status st = sync_push(s->db, s->http, s->opt.batch_limit, &pushed, err);
	if (st)
		return st;
	bool more = true;
	bool first = true;
	while (more && !atomic_load(&s->stop)) {
		int got = 0;
		/* Never hold a queued operation behind a long-poll (belt and braces
		 * beside the kick: an operation committed after the push looked). */
		int w = first && !pushed ? wait : 0;
		if (w) {
			int pending = 0;
			sync_counts(s->db, &pending, NULL, NULL);
			if (pending)
				w = 0;
		}
		st = sync_pull(s->db, s->http, s->opt.page_limit, w, &more, &got, err);
		first = false;
		if (st)
			return st;
		if (got)
			*changed = true;
		report_progress(s);
		if (more) /* show progress of a long initial sync */
			update_status(s, FD_OK, NULL, true);
	}
	return FD_OK;
}

enum fd_status fd_sync_once(struct fd_sync *s, struct fd_error *err)
{
	bool changed;
	sync_http_mark(s->http); /* earlier kicks (e.g. fd_sync_stop's) are settled */
	enum fd_status st = round_trip(s, 0, &changed, err);
	/* Operations pushed may settle only once the feed shows their results. */
	if (st == FD_OK)
		st = round_trip(s, 0, &changed, err);
	if (st == FD_E_FORBIDDEN && strcmp(err->code, "unauthorized") == 0)
		sync_device_revoked(s->db, s->http, err);
	update_status(s, st, err, changed);
	return st;
}

/* Sleep up to ms, waking early on a kick or stop. */
static void nap(struct fd_sync *s, int ms)
{
	struct pollfd p = {.fd = s->kick[0], .events = POLLIN};
	if (poll(&p, 1, ms) > 0) {
		char buf[64];
		while (read(s->kick[0], buf, sizeof buf) > 0)
			;
	}
}

static void *thread_main(void *arg)
{
	struct fd_sync *s = arg;
	while (!atomic_load(&s->stop)) {
		struct fd_error err = {0};
		bool changed = false;
		/* Kicks that arrived before this round: it pushes anyway. */
		char buf[64];
		while (read(s->kick[0], buf, sizeof buf) > 0)
			;
		sync_http_mark(s->http);
		/* Until the server has answered (at start, after an outage) ask
		 * without waiting, so the status line turns online at once
		 * rather than when the first long-poll returns. */
		pthread_mutex_lock(&s->lock);
		int wait = s->st.online ? s->opt.wait_seconds : 0;
		pthread_mutex_unlock(&s->lock);
		enum fd_status st = round_trip(s, wait, &changed, &err);
		if (atomic_load(&s->stop))
			break;
		if (st == FD_E_IO && strcmp(err.code, "interrupted") == 0)
			continue; /* a kick cut the long-poll: push now */
		int delay = 0;
		if (st == FD_OK) {
			s->failures = 0;
		} else {
			s->failures++;
			delay = sync_backoff_ms(s->failures, s->opt.backoff_cap_ms, randombytes_random());
			/* Too old: asking again soon changes nothing. */
			if (strcmp(err.code, "protocol_too_old") == 0)
				delay = s->opt.backoff_cap_ms;
			/* Refused: was this terminal revoked? Then asking often changes nothing either. */
			if (st == FD_E_FORBIDDEN && strcmp(err.code, "unauthorized") == 0 &&
			    sync_device_revoked(s->db, s->http, &err))
				delay = s->opt.backoff_cap_ms;
		}
		pthread_mutex_lock(&s->lock);
		s->st.next_retry_ms = delay;
		pthread_mutex_unlock(&s->lock);
		update_status(s, st, &err, changed);
		if (changed)
			atomic_store(&s->dirty, 1);
		if (delay)
			nap(s, delay);
	}
	return NULL;
}

/* The heartbeat: a short request beside the long-poll, so that a server
 * that stopped answering (hung, a dead link that still accepts
 * connections) shows as offline within seconds, and the pending count on
 * the status line follows the local outbox at once. It writes "sync_online"
 * and "sync_last_heard" to meta for `frontdesk sync-status`. */
static void *heartbeat_main(void *arg)
{
	struct fd_sync *s = arg;
	struct fd_db *db = sync_db_open(s->db_path, NULL);
	bool failing = false;
	int64_t persisted = 0;
	while (!atomic_load(&s->stop)) {
		long status = 0;
		struct fd_error err = {0};
		sync_http_mark(s->hb_http);
		enum fd_status st =
		    sync_http_json(s->hb_http, "GET", "/v1/health", NULL, NULL, 3, &status, NULL, NULL, &err);
		if (atomic_load(&s->stop))
			break;
		bool answered = st == FD_OK && status > 0;
		int64_t now = (int64_t)time(NULL);
		struct fd_sync_status n;
		pthread_mutex_lock(&s->lock);
		bool was_online = s->st.online;
		int old_pending = s->st.pending, old_rejected = s->st.rejected,
		    old_conflicts = s->st.open_conflicts;
		if (answered) {
			s->st.last_heard = now;
		} else if (s->st.online) {
			s->st.online = false;
			snprintf(s->st.last_error, sizeof s->st.last_error,
			         _("The server at %s does not answer (no reply within 3 s)."), s->url);
		}
		pthread_mutex_unlock(&s->lock);
		int pending = old_pending, rejected = old_rejected, conflicts = old_conflicts;
		if (db)
			sync_counts(db, &pending, &rejected, &conflicts);
		pthread_mutex_lock(&s->lock);
		s->st.pending = pending;
		s->st.rejected = rejected;
		s->st.open_conflicts = conflicts;
		n = s->st;
		pthread_mutex_unlock(&s->lock);
		if (db &&
		    (was_online != n.online || (answered && now - persisted >= 10) || failing == answered)) {
			sync_meta_set_int(db, "sync_online", n.online, NULL);
			if (answered) {
				sync_meta_set_int(db, "sync_last_heard", now, NULL);
				persisted = now;
			}
		}
		if (was_online != n.online || pending != old_pending || rejected != old_rejected ||
		    conflicts != old_conflicts)
			wake_ui(s);
		/* The server is back: try now rather than at the end of the back-off. */
		if (answered && failing)
			fd_sync_kick(s);
		failing = !answered;
		for (int waited = 0; waited < s->opt.heartbeat_ms && !atomic_load(&s->stop); waited += 100)
			nap_ms(100);
	}
	fd_db_close(db);
	return NULL;
}

/* The refresh: debounced, after changes, in its own thread so that neither
 * the UI nor the exchange with the server waits for it. */
static void *refresh_main(void *arg)
{
	struct fd_sync *s = arg;
	struct fd_db *db = sync_db_open(s->db_path, NULL);
	int64_t last = 0;
	while (db && !atomic_load(&s->stop)) {
		int64_t now = (int64_t)time(NULL);
		if (atomic_load(&s->dirty) && now - last >= s->opt.refresh_seconds) {
			atomic_store(&s->dirty, 0);
			last = now;
			s->opt.refresh(s->opt.refresh_ctx, db);
		}
		nap_ms(200);
	}
	fd_db_close(db);
	return NULL;
}

enum fd_status fd_sync_start(struct fd_sync *s, struct fd_error *err)
{
	if (s->running)
		return FD_OK;
	atomic_store(&s->stop, 0);
	if (pthread_create(&s->thread, NULL, thread_main, s) != 0)
		return fd_fail(err, FD_E_IO, "io", NULL, _("Cannot start the sync thread."));
	s->running = true;
	s->hb_http = sync_http_new(s->url, 2);
	s->hb_running = s->hb_http && pthread_create(&s->hb_thread, NULL, heartbeat_main, s) == 0;
	atomic_store(&s->dirty, 1); /* a first one at start */
	s->rf_running = s->opt.refresh && pthread_create(&s->rf_thread, NULL, refresh_main, s) == 0;
	return FD_OK;
}

void fd_sync_kick(struct fd_sync *s)
{
	atomic_store(&s->dirty, 1); /* a local change, as a rule */
	char b = 1;
	ssize_t n = write(s->kick[1], &b, 1);
	(void)n;
	sync_http_abort(s->http);
}

void fd_sync_stop(struct fd_sync *s)
{
	if (!s || !s->running)
		return;
	atomic_store(&s->stop, 1);
	fd_sync_kick(s);
	if (s->hb_http)
		sync_http_abort(s->hb_http);
	pthread_join(s->thread, NULL);
	if (s->hb_running)
		pthread_join(s->hb_thread, NULL);
	s->hb_running = false;
	if (s->rf_running)
		pthread_join(s->rf_thread, NULL);
	s->rf_running = false;
	sync_http_free(s->hb_http);
	s->hb_http = NULL;
	s->running = false;
}

void fd_sync_free(struct fd_sync *s)
{
	if (!s)
		return;
	fd_sync_stop(s);
	sync_call_free(s->call);
	sync_http_free(s->http);
	fd_db_close(s->db);
	for (int i = 0; i < 2; i++) {
		close(s->wake[i]);
		close(s->kick[i]);
	}
	pthread_mutex_destroy(&s->lock);
	free(s->db_path);
	free(s);
}

void fd_sync_status_get(struct fd_sync *s, struct fd_sync_status *out)
{
	pthread_mutex_lock(&s->lock);
	*out = s->st;
	pthread_mutex_unlock(&s->lock);
}

int fd_sync_wake_fd(const struct fd_sync *s)
{
	return s->wake[0];
}

const char *sync_engine_url(const struct fd_sync *s)
{
	return s->url;
}

const char *sync_engine_db_path(const struct fd_sync *s)
{
	return s->db_path;
}

void sync_engine_wake(struct fd_sync *s)
{
	wake_ui(s);
}

struct sync_call **sync_engine_call(struct fd_sync *s)
{
	return &s->call;
}
