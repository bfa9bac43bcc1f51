// SPDX-License-Identifier: GPL-3.0-or-later
/* A progress line for long work on the command line (count, rate, time
 * left), rewritten in place on stderr when stderr is a terminal and the
 * output is not --json; nothing otherwise. */
#ifndef FD_CLI_PROGRESS_H
#define FD_CLI_PROGRESS_H

#include <stdbool.h>

struct cli_progress {
	const char *what; /* "rows", "bookings", ... (translated by the caller) */
	bool on;
	bool shown;
	double start, last;
};

/* Start one: shown only on a terminal and without --json. */
void cli_progress_init(struct cli_progress *p, const char *what, bool json);
/* done of total (total <= 0: unknown); a callback's shape, ctx is the struct. */
void cli_progress_update(void *ctx, long done, long total);
/* Clear the line (before the command prints its result). */
void cli_progress_end(struct cli_progress *p);

#endif
