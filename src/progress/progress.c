// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "progress/progress.h"

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

void fd_progress_init(struct fd_progress *p, const char *what, bool json)
{
	p->what = what;
	p->on = !json && isatty(STDERR_FILENO);
	p->shown = false;
	p->start = p->last = now_s();
}

void fd_progress_text(const struct fd_progress *p, long done, long total, char *out, size_t size)
{
	double secs = now_s() - p->start, rate = secs > 0 ? (double)done / secs : 0;
	char left[32] = "";
	/* A total is what the work expected at its start; more may come
	 * (rows added meanwhile): never "120 of 100". */
	if (total > 0 && done > total)
		total = done;
	if (total > 0 && rate > 0 && done < total) {
		long s = (long)((double)(total - done) / rate + 0.5);
		snprintf(left, sizeof left, _(", %ld:%02ld left"), s / 60, s % 60);
	}
	if (total > 0)
		snprintf(out, size, _("%ld of %ld %s, %.0f/s%s"), done, total, p->what, rate, left);
	else
		snprintf(out, size, _("%ld %s, %.0f/s"), done, p->what, rate);
}

void fd_progress_update(void *ctx, long done, long total)
{
	struct fd_progress *p = ctx;
	if (!p->on)
		return;
	double t = now_s();
	if (p->shown && t - p->last < 0.1 && done < total)
		return;
	p->last = t;
	char line[256];
	fd_progress_text(p, done, total, line, sizeof line);
	/* Back to the line's start, the text, then erase what a longer
	 * earlier line left. */
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->shown = true;
}

void fd_progress_end(struct fd_progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = false;
}
