// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal's sync engine: a background thread that keeps the local
 * SQLite cache in step with frontdeskd.
 *
 * It pushes the outbox in order (batched), pulls the change feed with
 * long-poll, and applies each page in one transaction: it undoes the local
 * effect of the operations still pending (their recorded changesets), writes
 * the server's entity states and the new cursor, and re-applies the pending
 * operations on top. So the local view is always "server state + my pending
 * work", and an operation's effect stays overlaid until the feed has caught up
 * with the server's result for it.
 *
 * Threads: the engine owns its own database connection and never calls
 * ncurses. The UI polls fd_sync_wake_fd() beside standard input; a readable
 * byte means "data or sync status changed": drain it, read
 * fd_sync_status_get() and re-query from the UI's own connection.
 *
 * Typical use (UI):
 *     struct fd_sync *s = fd_sync_new(db_path, NULL, &err);
 *     if (s && fd_sync_start(s, &err) == FD_OK) ... poll(fd_sync_wake_fd(s)) ...
 *     fd_sync_stop(s); fd_sync_free(s);
 * A terminal that is not enrolled (no "server_url" in meta) gets FD_E_NOT_FOUND
 * from fd_sync_new: it is a standalone hotel and needs no engine. */
#ifndef FD_SYNC_SYNC_H
#define FD_SYNC_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

struct fd_sync;
struct fd_db;

struct fd_sync_options {
	int wait_seconds;    /* long-poll wait asked of the server (default 25) */
	int page_limit;      /* changes per pulled page (default 1000) */
	int batch_limit;     /* operations per push (default 100) */
	int backoff_cap_ms;  /* back-off ceiling while offline (default 30000) */
	int connect_timeout; /* seconds (default 5) */
	int heartbeat_ms;    /* how often the engine's thread asks /v1/health (default 1000); a
	                      * server that does not answer within 3 s is shown offline at once,
	                      * whatever a long-poll or a push is waiting for */
	/* Work to redo after the hotel's data changed (the outage pack): called
	 * in a thread of the engine's own, never the UI's, with that thread's
	 * connection, once at start and then after changes arrived from the
	 * server or were made here (fd_sync_kick), at most every
	 * refresh_seconds (default 60) however often they come. */
	void (*refresh)(void *ctx, struct fd_db *db);
	void *refresh_ctx;
	int refresh_seconds;
	/* How far a snapshot is (a terminal's first sync, a re-sync after a
	 * 410): called on the thread that syncs after each page, with the rows
	 * read so far and how many the server said there are (0: a server that
	 * does not say). The command line draws its progress line with it
	 * (src/progress); the application reads fd_sync_status instead. */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
};

struct fd_sync_status {
	bool online; /* the last exchange with the server succeeded */
	bool enrolled;
	int64_t last_success;   /* Unix seconds of the last successful exchange, 0 = never */
	int64_t cursor;         /* last change sequence applied */
	int pending;            /* operations not yet accepted or refused by the server */
	int rejected;           /* operations the server refused */
	int open_conflicts;     /* conflict notices nobody resolved yet */
	int next_retry_ms;      /* back-off before the next attempt (offline), 0 = now */
	int64_t last_heard;     /* Unix seconds the server last answered anything (heartbeat included) */
	char last_error[384];   /* why the last exchange failed, "" when it did not */
	bool too_old;           /* the server answered that this terminal's protocol is too old (426):
	                         * it keeps working offline; last_error says what to do */
	bool revoked;           /* an administrator revoked this terminal (the server answers 401
	                         * device_revoked): it keeps its data but no longer syncs */
	bool first_sync;        /* the terminal's first copy of the hotel is being read: there is
	                         * nothing to show yet but how far it is */
	int64_t snapshot_done;  /* rows of the snapshot read so far */
	int64_t snapshot_total; /* rows the snapshot holds, 0 when the server does not say */
};

/* Make an engine for the database at db_path (opens its own connection).
 * opts may be NULL for the defaults. NULL with err filled on failure. */
struct fd_sync *fd_sync_new(const char *db_path, const struct fd_sync_options *opts, struct fd_error *err);
/* Start the background thread. */
enum fd_status fd_sync_start(struct fd_sync *s, struct fd_error *err);
/* Ask the thread to stop, interrupt a long-poll, and join it. Idempotent. */
void fd_sync_stop(struct fd_sync *s);
void fd_sync_free(struct fd_sync *s);
/* Nudge the thread to push now (after the UI applied an operation). */
void fd_sync_kick(struct fd_sync *s);

/* A copy of the current status (safe from any thread). */
void fd_sync_status_get(struct fd_sync *s, struct fd_sync_status *out);
/* Read end of the wake pipe (non-blocking): readable when data or status
 * changed. The caller drains it; the engine owns and closes it. */
int fd_sync_wake_fd(const struct fd_sync *s);

/* One round on the calling thread (the CLI's `frontdesk sync --once`): push
 * everything queued, then pull until the feed is drained (no long-poll
 * wait). FD_OK when the server answered, FD_E_IO when it could not be
 * reached (err says why). */
enum fd_status fd_sync_once(struct fd_sync *s, struct fd_error *err);

#endif
