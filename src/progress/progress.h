// SPDX-License-Identifier: GPL-3.0-or-later
/* The progress of long work (count, rate, time left): a line rewritten in
 * place on stderr when stderr is a terminal and the output is not --json,
 * nothing otherwise; and the same words for the application's progress
 * bar. One implementation for frontdesk (import, first sync, the demo)
 * and frontdeskd (demo, backup, restore). */
#ifndef FD_PROGRESS_PROGRESS_H
#define FD_PROGRESS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct fd_progress {
	const char *what; /* "rows", "bookings", ... (translated by the caller) */
	bool on;          /* the line is drawn on stderr */
	bool shown;
	double start, last; /* monotonic seconds */
};

/* Start one: drawn only on a terminal and without --json. */
void fd_progress_init(struct fd_progress *p, const char *what, bool json);
/* done of total (total <= 0: unknown); a callback's shape, ctx is the
 * struct. At most ten lines a second, and the last one always. */
void fd_progress_update(void *ctx, long done, long total);
/* Clear the line (before the command prints its result). */
void fd_progress_end(struct fd_progress *p);
/* The line's words for done of total since p started ("120 of 500
 * bookings, 40/s, 0:10 left"; without a total "120 bookings, 40/s"). */
void fd_progress_text(const struct fd_progress *p, long done, long total, char *out, size_t size);

#endif
