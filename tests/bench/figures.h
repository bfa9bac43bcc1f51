// SPDX-License-Identifier: GPL-3.0-or-later
/* The figures of issue 18's table, as each benchmark measures them: one
 * tab-separated line per figure appended to $FD_BENCH_FIGURES (when set),
 * which `make bench` prints as one table at the end (tests/bench/table).
 * A figure sits beside the machine's own limit measured in the same run
 * (a bare SQLite loop, a trivial HTTP server), so its ratio holds on a
 * loaded machine. Nothing here judges timings in a test. */
#ifndef FD_BENCH_FIGURES_H
#define FD_BENCH_FIGURES_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* met: 1 the aim is met, 0 not, -1 not judged. */
static inline void bench_figure(const char *figure, int met, const char *aim, const char *limit,
                                const char *fmt, ...) __attribute__((format(printf, 5, 6), unused));
static inline void bench_figure(const char *figure, int met, const char *aim, const char *limit,
                                const char *fmt, ...)
{
	const char *path = getenv("FD_BENCH_FIGURES");
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "a");
	if (!f)
		return;
	char value[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	fprintf(f, "%s\t%s\t%s\t%s\t%s\n", figure, value, limit ? limit : "", aim,
	        met < 0 ? "-"
	        : met   ? "yes"
	                : "NO");
	fclose(f);
}

#endif
