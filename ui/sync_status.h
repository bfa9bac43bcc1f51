// SPDX-License-Identifier: GPL-3.0-or-later
/* What the status line shows about synchronisation. The sync thread
 * (src/sync) wakes the UI loop through its own pipe (fd_sync_wake_fd); the
 * loop poll()s it next to standard input, then reads the engine's status
 * and the counts from its own SQLite connection into this struct and
 * repaints. Only the UI thread calls ncurses. */
#ifndef FD_UI_SYNC_STATUS_H
#define FD_UI_SYNC_STATUS_H

#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>

#include "progress/progress.h"

struct ui_sync {
	atomic_bool configured; /* a server is enrolled */
	atomic_bool online;     /* the last exchange with the server succeeded */
	atomic_bool too_old;    /* the server needs a newer frontdesk on this terminal */
	atomic_bool revoked;    /* an administrator revoked this terminal */
	/* Read by the UI from the outbox on each wake-up. */
	int pending;        /* operations not yet accepted by the server */
	int conflicts;      /* operations the server refused */
	int64_t last_heard; /* Unix seconds the server last answered, 0 = never */
	/* The terminal's first sync: nothing to show yet but how far it is
	 * (the board shows a progress bar instead). Read on each wake-up. */
	bool first_sync;
	long first_done, first_total;   /* rows read, rows the server said (0: unknown) */
	struct fd_progress first_clock; /* the rate and time left, from when the application saw it */
};

/* Nothing configured, offline, no counts yet. */
void ui_sync_init(struct ui_sync *s);

#endif
