// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "cli/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void cli_progress_init(struct cli_progress *p, const char *what, bool json)
{
	p->what = what;
	p->on = !json && isatty(STDERR_FILENO);
	p->shown = false;
	p->start = p->last = now_s();
}

void cli_progress_update(void *ctx, long done, long total)
{
	struct cli_progress *p = ctx;
	if (!p->on)
		return;
	double t = now_s();
	/* At most ten lines a second, and the last one always. */
	if (p->shown && t - p->last < 0.1 && done < total)
		return;
	p->last = t;
	double secs = t - p->start, rate = secs > 0 ? (double)done / secs : 0;
	char left[32] = "";
	if (total > 0 && rate > 0 && done < total) {
		long s = (long)((double)(total - done) / rate + 0.5);
		snprintf(left, sizeof left, _(", %ld:%02ld left"), s / 60, s % 60);
	}
	/* Back to the line's start, the text, then erase what a longer
	 * earlier line left. */
	fputc('\r', stderr);
	if (total > 0)
		fprintf(stderr, _("%ld of %ld %s, %.0f/s%s"), done, total, p->what, rate, left);
	else
		fprintf(stderr, _("%ld %s, %.0f/s"), done, p->what, rate);
	fputs("\033[K", stderr);
	fflush(stderr);
	p->shown = true;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = false;
}
