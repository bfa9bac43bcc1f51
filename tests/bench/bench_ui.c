// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal application on a 1,000-room hotel at 200x50: time from a key
 * to the finished repaint (doupdate returned) and bytes written to the
 * terminal, per cursor move and per pane switch. Runs the real frontdesk
 * binary through its headless hooks (keys from a script, terminal output to
 * a file, per-key timings to a file). Prints a table; asserts nothing about
 * timings, but fails (exit 1) when a run fails or a pane switch's key
 * repaints no pane (the scenario would measure something else). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/ids.h"
#include "tests/bench/figures.h"
#include "ui/fixture.h"

#define MAX_SAMPLES 4096

/* FD_BENCH_TERM: the terminal type the application writes for (default
 * xterm-256color; e.g. tmux-256color or screen-256color, common over SSH,
 * whose descriptions differ in bce and the default-colour sequences). */
static const char *bench_term = "xterm-256color";

struct scenario {
	const char *name;
	const char *key; /* repeated */
	int count;
	const char *setup; /* keys before the measured ones (not counted) */
	const char *size;  /* NULL: 200x50 */
	long min_bytes;    /* every measured key writes at least this much */
	long aim_bytes;    /* issue 18's aim for a key's bytes (p99); 0: none */
};

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static long pct(long *v, int n, int p)
{
	if (n == 0)
		return 0;
	int i = (n * p + 99) / 100 - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static int run(const char *dir, const struct scenario *s, long *ns, long *bytes, long *cpu)
{
	char keys[MAX_SAMPLES * 8] = "", times[4200], out[4200], cmd[9000];
	size_t len = 0;
	len += (size_t)snprintf(keys + len, sizeof keys - len, "%s ", s->setup);
	for (int i = 0; i < s->count && len < sizeof keys - 16; i++)
		len += (size_t)snprintf(keys + len, sizeof keys - len, "%s ", s->key);
	snprintf(keys + len, sizeof keys - len, "q");
	snprintf(times, sizeof times, "%s/times.txt", dir);
	snprintf(out, sizeof out, "%s/tty.out", dir);
	setenv("FRONTDESK_UI_KEYS", keys, 1);
	setenv("FRONTDESK_UI_SIZE", s->size ? s->size : "200x50", 1);
	setenv("FRONTDESK_UI_TIMES", times, 1);
	setenv("FRONTDESK_UI_OUT", out, 1);
	setenv("TERM", bench_term, 1);
	snprintf(cmd, sizeof cmd, "./frontdesk --data '%s'", dir);
	if (system(cmd) != 0)
		return -1;
	FILE *f = fopen(times, "r");
	if (!f)
		return -1;
	/* Keys the script types: a token of its own (<Name>) is one key, any
	 * other token one key per character. */
	int n = 0, setup_keys = 0;
	for (const char *p = s->setup; *p;) {
		while (*p == ' ')
			p++;
		size_t tl = strcspn(p, " ");
		setup_keys += tl == 0 ? 0 : p[0] == '<' && p[tl - 1] == '>' ? 1 : (int)tl;
		p += tl;
	}
	/* Each line: wall nanoseconds, bytes, the thread's CPU nanoseconds. */
	char line[128];
	int row = 0;
	while (fgets(line, sizeof line, f)) {
		long t, b, c = 0;
		if (sscanf(line, "%ld %ld %ld", &t, &b, &c) < 2)
			continue;
		/* Skip the setup keys and the final q. */
		if (row++ < setup_keys || n >= s->count)
			continue;
		ns[n] = t;
		bytes[n] = b;
		cpu[n] = c;
		n++;
	}
	fclose(f);
	return n;
}

/* `frontdesk --demo` from the command to the first board, which the
 * headless hooks paint and leave with q: wall time and the process's peak
 * memory. As a user runs it (a private frontdeskd builds the demo hotel,
 * the desk enrols, signs in and takes its first copy), and with
 * FRONTDESK_DEMO=local (the hotel on the desk alone, no server). */
static bool demo_to_board(const char *dir, bool local)
{
	char out[4200];
	snprintf(out, sizeof out, "%s/demo.out", dir);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("FRONTDESK_UI_KEYS", "q", 1);
		setenv("FRONTDESK_UI_SIZE", "200x50", 1);
		setenv("FRONTDESK_UI_OUT", out, 1);
		unsetenv("FRONTDESK_UI_TIMES");
		if (local)
			setenv("FRONTDESK_DEMO", "local", 1);
		else
			unsetenv("FRONTDESK_DEMO");
		setenv("TERM", "xterm-256color", 1);
		setenv("HOME", dir, 1);
		setenv("XDG_DATA_HOME", dir, 1);
		execl("./frontdesk", "frontdesk", "--demo", (char *)NULL);
		_exit(127);
	}
	int status = 0;
	struct rusage ru = {0};
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_ui: frontdesk --demo failed\n");
		return false;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	const char *how = local ? "FRONTDESK_DEMO=local" : "with its frontdeskd";
	printf("frontdesk --demo (%s) to the first board (and q): %.2f s, peak memory %.1f MB\n\n", how, s,
	       ru.ru_maxrss / 1024.0);
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	char name[96];
	snprintf(name, sizeof name, "frontdesk --demo (%s), command to first board", how);
	bench_figure(name, s < 1.0, "< 1 s", NULL, "%.2f s (cpu %.2f s)", s, cpu);
	snprintf(name, sizeof name, "peak memory, frontdesk --demo (%s)", how);
	bench_figure(name, ru.ru_maxrss < 64 * 1024, "< 64 MB", NULL, "%.1f MB", ru.ru_maxrss / 1024.0);
	return true;
}

int main(void)
{
	/* FD_BENCH_DATA: the hotel of an earlier run (kept with FD_BENCH_KEEP)
	 * instead of building one; it is left in place. */
	const char *given = getenv("FD_BENCH_DATA");
	if (getenv("FD_BENCH_TERM") && getenv("FD_BENCH_TERM")[0])
		bench_term = getenv("FD_BENCH_TERM");
	char dir[4096] = "/tmp/fd-bench-ui-XXXXXX";
	if (given && given[0])
		snprintf(dir, sizeof dir, "%s", given);
	else if (!mkdtemp(dir))
		return 1;
	if (fd_ids_init() != 0)
		return 1;
	char path[4200];
	if (!given || !given[0]) {
		snprintf(path, sizeof path, "%s/frontdesk.db", dir);
		struct fd_error err = {0};
		struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
		if (!db) {
			fprintf(stderr, "bench_ui: %s\n", err.message);
			return 1;
		}
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		fd_date today = fd_date_from_ymd(2026, 11, 25);
		/* FD_BENCH_ROOMS: a smaller hotel (make bench-smoke). */
		int rooms = getenv("FD_BENCH_ROOMS") && atoi(getenv("FD_BENCH_ROOMS")) > 0
		                ? atoi(getenv("FD_BENCH_ROOMS"))
		                : 1000;
		if (ui_fixture_build(db, today, rooms, &err)) {
			fprintf(stderr, "bench_ui: %s\n", err.message);
			return 1;
		}
		fd_db_close(db);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%d-room hotel built in %.1f s (through operations)\n\n", rooms,
		       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	/* A demo that fails fails the bench (make bench-smoke in CI). */
	bool demos_ok = demo_to_board(dir, false);
	demos_ok = demo_to_board(dir, true) && demos_ok;
	/* Go to a date with no bookings (they end 40 days after today). */
	static const char empty_nights[] = ": 2027-06-01 <Enter>";
	static const struct scenario scenarios[] = {
	    {"cursor right/left (no query)", "l", 20, "", NULL, 0, 100},
	    {"cursor down, scrolling rooms", "j", 400, "", NULL, 0, 100},
	    {"  same, board alone at 119x50", "j", 400, "", "119x50", 0, 100},
	    /* The board alone scrolls its rooms a row at a time (the
	     * terminal's scroll region): at 24 lines even make bench-smoke's
	     * 40 rooms scroll; the floor is the new room's row. */
	    {"  same, board alone at 119x24", "j", 60, "", "119x24", 0, 100},
	    {"cursor right, scrolling days", "l", 200,
	     "l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l",
	     NULL, 0, 100},
	    /* The parts of a cursor move, each alone: empty nights in the
	     * page (the board's own cells), onto and off bookings in the page
	     * (the detail beside the board shows each booking), and a page
	     * moved (every row of the board new). */
	    {"  down, empty nights, in the page", "j", 40, empty_nights, NULL, 0, 100},
	    {"  down, onto bookings, in the page", "j", 40, "", NULL, 0, 100},
	    /* The same once the detail shows a booking: its labels stay, only
	     * the values that differ between two bookings are sent (the first
	     * move above fills the empty detail, labels and all). */
	    {"  same, after a booking shown", "j", 40, "j", NULL, 0, 100},
	    {"  page down (every row new)", "<PgDn>", 20, "", NULL, 0, 0},
	    /* A pane switch repaints the pane: far more than a message line
	     * (the column beside the board, back to a near-empty detail, is
	     * 326 B in make bench-smoke's 40-room hotel). In housekeeping
	     * digits type a room number, so its way back to the board is F1
	     * (and F3 there, for symmetry). */
	    {"pane switch (board<->arrivals)", "2 1", 100, "", NULL, 200, 8192},
	    {"pane switch (board<->housekeeping)", "<F3> <F1>", 100, "", NULL, 200, 8192},
	    /* From 200 columns those panes open beside the board, which stays
	     * on screen; reports take the whole width, so coming back from
	     * them sends the whole board again (a page down's bytes and more). */
	    {"  board<->reports (whole width)", "8 1", 40, "", NULL, 300, 0},
	    {"  board<->arrivals at 199x50", "2 1", 40, "", "199x50", 300, 0},
	};
	char title[96];
	snprintf(title, sizeof title, "200x50 (board + detail), %s", bench_term);
	printf("%-36s %5s %8s %8s %8s %8s %7s %7s %7s %9s\n", title, "keys", "p50 us", "p99 us", "max us",
	       "cpu p99", "p50 B", "p99 B", "max B", "aim B p99");
	static long ns[MAX_SAMPLES], bytes[MAX_SAMPLES], cpu[MAX_SAMPLES];
	for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++) {
		const struct scenario *sc = &scenarios[i];
		int n = run(dir, sc, ns, bytes, cpu);
		if (n <= 0) {
			fprintf(stderr, "bench_ui: run failed\n");
			return 1;
		}
		qsort(ns, (size_t)n, sizeof *ns, cmp_long);
		qsort(bytes, (size_t)n, sizeof *bytes, cmp_long);
		qsort(cpu, (size_t)n, sizeof *cpu, cmp_long);
		if (bytes[0] < sc->min_bytes) {
			fprintf(
			    stderr,
			    "bench_ui: %s: a key wrote %ld bytes, less than the %ld of a repainted pane\n",
			    sc->name, bytes[0], sc->min_bytes);
			return 1;
		}
		double p99_ms = pct(ns, n, 99) / 1e6, cpu99_ms = pct(cpu, n, 99) / 1e6;
		long b99 = pct(bytes, n, 99);
		char aim[32] = "-";
		if (sc->aim_bytes)
			snprintf(aim, sizeof aim, "<%ld %s", sc->aim_bytes,
			         b99 < sc->aim_bytes ? "yes" : "NO");
		printf("%-36s %5d %8.1f %8.1f %8.1f %8.1f %7ld %7ld %7ld %9s\n", sc->name, n,
		       pct(ns, n, 50) / 1e3, p99_ms * 1e3, ns[n - 1] / 1e3, cpu99_ms * 1e3, pct(bytes, n, 50),
		       b99, bytes[n - 1], aim);
		/* Issue 18's figures: the board's cursor moves (scrolling rooms:
		 * the worst of them), a plain move alone, and the pane switches. */
		if (strcmp(sc->name, "cursor down, scrolling rooms") == 0)
			bench_figure("keypress to repaint, board 200x50, p99 / bytes",
			             p99_ms < 5 && b99 < 100, "< 5 ms / < 100 B", NULL,
			             "%.2f ms (cpu %.2f) / %ld B (cursor down, scrolling)", p99_ms, cpu99_ms,
			             b99);
		if (strcmp(sc->name, "  down, empty nights, in the page") == 0)
			bench_figure("bytes per cursor move, board alone changes", b99 < 100, "< 100 B", NULL,
			             "%ld B p99 (%ld B p50)", b99, pct(bytes, n, 50));
		if (strcmp(sc->name, "  same, board alone at 119x24") == 0)
			bench_figure("bytes per cursor move, board alone scrolling rooms", b99 < 100,
			             "< 100 B", NULL, "%ld B p99 (%ld B p50, 119x24)", b99,
			             pct(bytes, n, 50));
		if (strcmp(sc->name, "  same, after a booking shown") == 0)
			bench_figure("bytes per cursor move onto a booking, detail beside", b99 < 100,
			             "< 100 B", NULL, "%ld B p99 (%ld B p50)", b99, pct(bytes, n, 50));
		if (strcmp(sc->name, "pane switch (board<->arrivals)") == 0)
			bench_figure("pane switch, bytes p99", b99 < 8192, "< 8 KB", NULL,
			             "%ld B (board<->arrivals)", b99);
	}
	printf("\n(a pane switch is one key: each \"2 1\" pair counts as two samples; cpu: the UI\n"
	       "thread's own time for the key, which a loaded machine does not stretch)\n");
	if (given && given[0])
		return demos_ok ? 0 : 1;
	if (getenv("FD_BENCH_KEEP")) {
		printf("kept %s\n", dir);
		return demos_ok ? 0 : 1;
	}
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	return system(path) == 0 && demos_ok ? 0 : 1;
}
