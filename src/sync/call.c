// SPDX-License-Identifier: GPL-3.0-or-later
/* A person's calls of the server beside the sync (see call.h), and the
 * question a terminal asks after a 401: was it revoked? */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/i18n.h"
#include "sync/call.h"
#include "sync/sync_internal.h"

struct sync_call {
	struct fd_sync *s;
	pthread_mutex_t lock;
	pthread_t thread;
	bool started; /* a thread to join */
	bool running;
	bool ready; /* reply waits to be taken */
	char method[8];
	char path[512];
	cJSON *body;
	struct sync_http *h;
	struct fd_sync_reply reply;
};

/* Every string of doc overwritten with zeros (a password, before free). */
static void wipe_json(cJSON *doc)
{
	for (cJSON *c = doc; c; c = c->next) {
		if (cJSON_IsString(c) && c->valuestring)
			sodium_memzero(c->valuestring, strlen(c->valuestring));
		if (c->child)
			wipe_json(c->child);
	}
}

static void *call_main(void *arg)
{
	struct sync_call *c = arg;
	struct fd_sync_reply r = {0};
	snprintf(r.tag, sizeof r.tag, "%s", c->reply.tag);
	char tok[128] = "";
	struct fd_db *db = sync_db_open(sync_engine_db_path(c->s), &r.err);
	if (db && (fd_db_meta_get(db, "session_token", tok, sizeof tok, NULL) != FD_OK || !tok[0]))
		fd_fail(
		    &r.err, FD_E_FORBIDDEN, "no_session", NULL,
		    _("Nobody is signed in online on this terminal; sign in while the server is reachable "
		      "('frontdesk login USER')."));
	r.st = r.err.status;
	if (!r.st) {
		r.st =
		    sync_http_json(c->h, c->method, c->path, c->body, tok, 30, &r.http, &r.doc, NULL, &r.err);
		if (r.st == FD_E_IO)
			fd_fail(&r.err, FD_E_IO, "needs_server", NULL,
			        _("This needs the server, which cannot be reached now (%s)."), r.err.message);
		else if (!r.st && (r.http < 200 || r.http > 299))
			r.st = sync_http_error(r.http, r.doc, _("the request"), &r.err);
		/* After a 401: the terminal may have been revoked meanwhile. */
		if (r.st == FD_E_FORBIDDEN && r.http == 401 && db)
			sync_device_revoked(db, c->h, &r.err);
	}
	sodium_memzero(tok, sizeof tok);
	fd_db_close(db);
	wipe_json(c->body);
	cJSON_Delete(c->body);
	pthread_mutex_lock(&c->lock);
	c->body = NULL;
	c->reply = r;
	c->ready = true;
	c->running = false;
	pthread_mutex_unlock(&c->lock);
	sync_engine_wake(c->s);
	return NULL;
}

static struct sync_call *call_state(struct fd_sync *s)
{
	struct sync_call **slot = sync_engine_call(s);
	if (!*slot && (*slot = calloc(1, sizeof **slot))) {
		(*slot)->s = s;
		pthread_mutex_init(&(*slot)->lock, NULL);
	}
	return *slot;
}

enum fd_status fd_sync_call(struct fd_sync *s, const char *tag, const char *method, const char *path,
                            cJSON *body, struct fd_error *err)
{
	struct sync_call *c = call_state(s);
	enum fd_status st = FD_OK;
	if (!c)
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	else if (fd_sync_call_busy(s))
		st = fd_fail(err, FD_E_BUSY, "busy", NULL,
		             _("The server has not answered the last request yet; try again in a moment."));
	if (st) {
		wipe_json(body);
		cJSON_Delete(body);
		return st;
	}
	if (c->started) {
		pthread_join(c->thread, NULL);
		c->started = false;
	}
	if (!c->h)
		c->h = sync_http_new(sync_engine_url(s), 5);
	if (!c->h) {
		wipe_json(body);
		cJSON_Delete(body);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Cannot set up HTTP (libcurl)."));
	}
	pthread_mutex_lock(&c->lock);
	cJSON_Delete(c->reply.doc); /* an answer never taken */
	memset(&c->reply, 0, sizeof c->reply);
	snprintf(c->reply.tag, sizeof c->reply.tag, "%s", tag);
	snprintf(c->method, sizeof c->method, "%s", method);
	snprintf(c->path, sizeof c->path, "%s", path);
	c->body = body;
	c->ready = false;
	c->running = true;
	pthread_mutex_unlock(&c->lock);
	sync_http_mark(c->h);
	if (pthread_create(&c->thread, NULL, call_main, c) != 0) {
		pthread_mutex_lock(&c->lock);
		c->running = false;
		c->body = NULL;
		pthread_mutex_unlock(&c->lock);
		wipe_json(body);
		cJSON_Delete(body);
		return fd_fail(err, FD_E_IO, "io", NULL, _("Cannot start a thread for the request."));
	}
	c->started = true;
	return FD_OK;
}

bool fd_sync_call_busy(struct fd_sync *s)
{
	struct sync_call *c = *sync_engine_call(s);
	if (!c)
		return false;
	pthread_mutex_lock(&c->lock);
	bool busy = c->running;
	pthread_mutex_unlock(&c->lock);
	return busy;
}

static bool take(struct fd_sync *s, const char *tag, struct fd_sync_reply *out)
{
	struct sync_call *c = *sync_engine_call(s);
	if (!c)
		return false;
	pthread_mutex_lock(&c->lock);
	bool ready = c->ready && (!tag || strcmp(c->reply.tag, tag) == 0);
	if (ready) {
		*out = c->reply;
		c->reply.doc = NULL;
		c->ready = false;
	}
	pthread_mutex_unlock(&c->lock);
	return ready;
}

bool fd_sync_call_take(struct fd_sync *s, struct fd_sync_reply *out)
{
	return take(s, NULL, out);
}

bool fd_sync_call_take_tag(struct fd_sync *s, const char *tag, struct fd_sync_reply *out)
{
	return take(s, tag, out);
}

void sync_call_free(struct sync_call *c)
{
	if (!c)
		return;
	if (c->started) {
		if (c->h)
			sync_http_abort(c->h);
		pthread_join(c->thread, NULL);
	}
	cJSON_Delete(c->reply.doc);
	sync_http_free(c->h);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

bool sync_device_revoked(struct fd_db *db, struct sync_http *h, struct fd_error *err)
{
	char dev[128] = "";
	if (fd_db_meta_get(db, "device_token", dev, sizeof dev, NULL) != FD_OK || !dev[0])
		return false;
	long status = 0;
	cJSON *resp = NULL;
	struct fd_error e = {0};
	bool revoked = false;
	if (sync_http_json(h, "GET", "/v1/devices/current", NULL, dev, 10, &status, &resp, NULL, &e) ==
	        FD_OK &&
	    status == 401) {
		const cJSON *code =
		    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(resp, "error"), "code");
		revoked = cJSON_IsString(code) && strcmp(code->valuestring, "device_revoked") == 0;
	}
	cJSON_Delete(resp);
	sodium_memzero(dev, sizeof dev);
	if (revoked)
		fd_fail(
		    err, FD_E_FORBIDDEN, "device_revoked", NULL,
		    _("This terminal was revoked by an administrator and no longer syncs with the server; "
		      "ask an administrator for an enrolment code to enrol it again."));
	return revoked;
}
