// SPDX-License-Identifier: GPL-3.0-or-later
/* What the status line shows about synchronisation, and how a background
 * sync thread wakes the UI loop. The sync thread (issue 4) will own the
 * writer side: it updates the flags under no lock (each is a single
 * sig_atomic_t-sized value) and writes one byte to wake_fd[1]; the UI loop
 * poll()s wake_fd[0] next to standard input, drains it, re-reads counts
 * from its own SQLite connection and repaints. Only the UI thread calls
 * ncurses. */
#ifndef FD_UI_SYNC_STATUS_H
#define FD_UI_SYNC_STATUS_H

#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>

struct ui_sync {
	int wake_fd[2];         /* pipe: [0] read by the UI loop, [1] written by the sync thread */
	atomic_bool configured; /* a server is enrolled */
	atomic_bool online;     /* the last exchange with the server succeeded */
	/* Read by the UI from the outbox on each wake-up. */
	int pending;        /* operations not yet accepted by the server */
	int conflicts;      /* operations the server refused */
	int64_t last_heard; /* Unix seconds the server last answered, 0 = never */
};

/* Create the pipe (non-blocking, close-on-exec). false on failure. */
bool ui_sync_init(struct ui_sync *s);
void ui_sync_close(struct ui_sync *s);
/* Called from any thread: make the UI loop wake up and refresh. */
void ui_sync_wake(struct ui_sync *s);
/* Called by the UI loop: swallow pending wake-up bytes. */
void ui_sync_drain(struct ui_sync *s);

#endif
