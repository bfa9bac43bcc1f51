// SPDX-License-Identifier: GPL-3.0-or-later
/* Keypress to repaint, measured from outside: the real frontdesk on the
 * demo hotel in a real pseudo-terminal of 200x50 (forkpty,
 * TERM=xterm-256color), driven as a person would. For each key: the bytes
 * the program writes to the terminal, and the time from the key written to
 * the last byte of the answer (the output then stays quiet for a while).
 * Beside them, in the same run, a bare ncurses program changing one
 * character per key: the least a curses program can write for a key.
 * Prints a table; asserts nothing.
 *
 * FD_BENCH_KEYS scales the keys per scenario (default 100; 10 is a few seconds),
 * FD_BENCH_QUIET_MS the silence that ends an answer (default 30),
 * FD_BENCH_TRACE a file to write every answer to, after its key,
 * FD_BENCH_DATA the data directory of another hotel (bench_ui's 1,000
 * rooms, kept with FD_BENCH_KEEP) instead of a new demo. Run from
 * the build directory (it starts ./frontdesk). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/figures.h"

#define COLS_ 200
#define ROWS_ 50
#define MAX_SAMPLES 8192

static int quiet_ms = 30;
static int term_cols = COLS_; /* the next terminal's width */
static FILE *trace_file;      /* FD_BENCH_TRACE: every answer, after a line naming its key */

static long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static long pct(const long *v, int n, int p)
{
	if (n == 0)
		return 0;
	int i = (n * p + 99) / 100 - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Read what the program writes until it has been quiet for quiet_ms (or,
 * when nothing came at all, for first_ms). *last: when the last byte came
 * (0 if none). Returns the bytes read, -1 when the terminal closed. */
static long drain(int fd, int first_ms, long *last)
{
	char buf[65536];
	long total = 0;
	*last = 0;
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int n = poll(&p, 1, total ? quiet_ms : first_ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return total;
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return total ? total : -1;
		total += r;
		if (trace_file)
			fwrite(buf, 1, (size_t)r, trace_file);
		*last = now_ns();
	}
}

/* A bare ncurses program: a screen of text, then one character changed
 * per key read (in the forkpty child). */
_Noreturn static void bare_curses(void)
{
	initscr();
	raw();
	noecho();
	curs_set(0);
	for (int y = 0; y < LINES; y++)
		for (int x = 0; x < COLS; x++)
			mvaddch(y, x, (chtype)('a' + (x + y) % 26));
	refresh();
	int i = 0;
	for (int ch; (ch = getch()) != 'q' && ch != ERR; i++) {
		mvaddch(5 + i % 40, 20 + (i * 7) % 160, (chtype)(i % 2 ? 'X' : 'Y'));
		refresh();
	}
	endwin();
	_exit(0);
}

struct term {
	pid_t pid;
	int fd;
	long first_bytes; /* the first screen */
};

/* argv NULL: the bare curses program. */
static int term_open(struct term *t, char *const argv[], const char *home)
{
	struct winsize ws = {.ws_row = ROWS_, .ws_col = (unsigned short)term_cols};
	fflush(NULL); /* nothing buffered goes to the child's terminal */
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return -1;
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("HOME", home, 1);
		unsetenv("XDG_CONFIG_HOME");
		unsetenv("NO_COLOR");
		unsetenv("FRONTDESK_UI_KEYS");
		unsetenv("ESCDELAY");
		if (!argv)
			bare_curses();
		else
			execv(argv[0], argv);
		_exit(127);
	}
	long last;
	/* The first screen: up to 20 s for it to start (a sanitizer build is
	 * slow), then until it has been quiet for half a second. */
	int q = quiet_ms;
	quiet_ms = 500;
	t->first_bytes = drain(t->fd, 20000, &last);
	quiet_ms = q;
	return t->first_bytes > 0 ? 0 : -1;
}

static void term_close(struct term *t)
{
	long last;
	if (write(t->fd, "q", 1) == 1)
		drain(t->fd, 2000, &last);
	int status;
	for (int i = 0; i < 100; i++) {
		if (waitpid(t->pid, &status, WNOHANG) == t->pid) {
			t->pid = 0;
			break;
		}
		usleep(20000);
	}
	if (t->pid > 0) {
		kill(t->pid, SIGTERM);
		waitpid(t->pid, &status, 0);
	}
	close(t->fd);
}

/* The time the program's main thread has spent on a processor (ns), from
 * /proc/PID/schedstat: what a key costs it, whatever else the machine
 * runs meanwhile (wall time on a loaded machine also counts the waits for
 * a processor). -1 where the kernel does not say. */
static long cpu_ns(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	FILE *f = fopen(path, "r");
	long long v = -1;
	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return (long)v;
}

/* What one key cost. */
struct sample {
	long ns;    /* from the key written to the last byte of the answer */
	long cpu;   /* the program's processor time meanwhile (-1: unknown) */
	long bytes; /* written to the terminal */
};

static int key(struct term *t, const char *k, struct sample *s)
{
	long last;
	if (trace_file)
		fprintf(trace_file, "\n=== key %s\n", k);
	long c0 = cpu_ns(t->pid);
	long t0 = now_ns();
	if (write(t->fd, k, strlen(k)) != (ssize_t)strlen(k))
		return -1;
	long b = drain(t->fd, 1000, &last);
	if (b < 0)
		return -1;
	long c1 = cpu_ns(t->pid);
	s->bytes = b;
	s->ns = last ? last - t0 : 0;
	s->cpu = c0 >= 0 && c1 >= c0 ? c1 - c0 : -1;
	return 0;
}

/* A run of one key: "j" 59 times. Keys are what the terminal sends. */
struct run {
	const char *key;
	int times;
};

struct scenario {
	const char *name;
	struct run keys[4]; /* the measured keys, in turn */
	int per;            /* how many times keys repeats, per FD_BENCH_KEYS/100 */
	int kind;           /* 1 cursor move, 2 pane switch, 0 not an issue 18 figure */
	int cols;           /* 0: 200 */
};

struct result {
	long ns50, ns99, cpu50, cpu99, b50, b99, bmax;
	double bmean;
	int n;
};

static void summarise(struct sample *v, int n, struct result *r)
{
	static long ns[MAX_SAMPLES], cpu[MAX_SAMPLES], bytes[MAX_SAMPLES];
	*r = (struct result){0};
	if (n < 1)
		return;
	double sum = 0;
	for (int i = 0; i < n; i++) {
		ns[i] = v[i].ns;
		cpu[i] = v[i].cpu;
		bytes[i] = v[i].bytes;
		sum += (double)v[i].bytes;
	}
	qsort(ns, (size_t)n, sizeof *ns, cmp_long);
	qsort(cpu, (size_t)n, sizeof *cpu, cmp_long);
	qsort(bytes, (size_t)n, sizeof *bytes, cmp_long);
	*r = (struct result){pct(ns, n, 50),  pct(ns, n, 99),    pct(cpu, n, 50),
	                     pct(cpu, n, 99), pct(bytes, n, 50), pct(bytes, n, 99),
	                     bytes[n - 1],    sum / n,           n};
}

static void print_row(const char *name, const struct result *r)
{
	printf("%-36s %5d %7.2f %7.2f %7.2f %7.2f %6ld %6.0f %6ld %6ld\n", name, r->n, r->ns50 / 1e6,
	       r->ns99 / 1e6, r->cpu50 / 1e6, r->cpu99 / 1e6, r->b50, r->bmean, r->b99, r->bmax);
}

static int run_scenario(const struct scenario *s, char *const argv[], const char *home, int scale,
                        struct result *r)
{
	static struct sample v[MAX_SAMPLES];
	struct term t;
	term_cols = s->cols ? s->cols : COLS_;
	int rc = term_open(&t, argv, home);
	term_cols = COLS_;
	if (rc)
		return -1;
	int n = 0, reps = s->per * scale / 100;
	if (reps < 1)
		reps = 1;
	for (int i = 0; i < reps; i++)
		for (const struct run *k = s->keys; k < s->keys + 4 && k->key; k++)
			for (int j = 0; j < k->times && n < MAX_SAMPLES; j++, n++)
				if (key(&t, k->key, &v[n])) {
					term_close(&t);
					return -1;
				}
	term_close(&t);
	summarise(v, n, r);
	return 0;
}

int main(void)
{
	const char *e = getenv("FD_BENCH_KEYS");
	int scale = e ? atoi(e) : 100;
	if (scale < 1)
		scale = 1;
	e = getenv("FD_BENCH_TRACE");
	if (e && *e)
		trace_file = fopen(e, "w");
	e = getenv("FD_BENCH_QUIET_MS");
	if (e && atoi(e) > 0)
		quiet_ms = atoi(e);
	char dir[] = "/tmp/fd-bench-pty-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char cmd[4400], data[4200];
	snprintf(data, sizeof data, "%s/data", dir);
	snprintf(cmd, sizeof cmd, "./frontdesk --data '%s' demo >/dev/null", data);
	e = getenv("FD_BENCH_DATA");
	if (e && *e)
		snprintf(data, sizeof data, "%s", e);
	else if (system(cmd) != 0) {
		fprintf(stderr, "bench_pty: frontdesk demo failed (run it from the build directory)\n");
		return 1;
	}
	char *argv[] = {"./frontdesk", "--data", data, NULL};
	/* The demo hotel's 60 rooms: 47 rows on screen, so j and k scroll
	 * (by half a page); 26 nights on screen, so l scrolls (by a week). */
	static const struct scenario scenarios[] = {
	    {"cursor right/left, no scrolling", {{"l", 1}, {"h", 1}}, 50, 1, 0},
	    {"cursor down/up through all rooms", {{"j", 59}, {"k", 59}}, 2, 1, 0},
	    {"  same, board alone at 119x50", {{"j", 59}, {"k", 59}}, 2, 0, 119},
	    {"cursor right through 8 weeks, back", {{"l", 56}, {"h", 56}}, 2, 1, 0},
	    {"pane switch board<->arrivals", {{"2", 1}, {"1", 1}}, 25, 2, 0},
	    {"pane switch board<->housekeeping", {{"\033OR", 1}, {"\033OP", 1}}, 25, 2, 0},
	    {"pane switch board<->reports", {{"8", 1}, {"1", 1}}, 10, 2, 0},
	};
	enum { N = sizeof scenarios / sizeof *scenarios };
	struct result res[N], bare;
	printf("frontdesk on the demo hotel in a pty of %dx%d, TERM=xterm-256color; an answer ends after "
	       "%d ms of quiet\n\n",
	       COLS_, ROWS_, quiet_ms);
	printf("%-36s %5s %15s %15s %27s\n", "", "", "wall ms", "cpu ms", "bytes");
	printf("%-36s %5s %7s %7s %7s %7s %6s %6s %6s %6s\n", "keys", "n", "p50", "p99", "p50", "p99", "p50",
	       "mean", "p99", "max");
	struct scenario one = {"bare ncurses, one character per key", {{"x", 1}}, 50, 0, 0};
	if (run_scenario(&one, NULL, dir, scale, &bare)) {
		fprintf(stderr, "bench_pty: the bare curses program failed\n");
		return 1;
	}
	print_row(one.name, &bare);
	long first = 0;
	for (int i = 0; i < N; i++) {
		if (run_scenario(&scenarios[i], argv, dir, scale, &res[i])) {
			fprintf(stderr, "bench_pty: frontdesk failed in \"%s\"\n", scenarios[i].name);
			return 1;
		}
		print_row(scenarios[i].name, &res[i]);
	}
	{
		struct term t;
		if (term_open(&t, argv, dir) == 0) {
			first = t.first_bytes;
			term_close(&t);
		}
	}
	/* The worst of the cursor moves and of the pane switches. */
	long ns99 = 0, cpu99 = 0, b99 = 0, sw99 = 0;
	for (int i = 0; i < N; i++) {
		if (scenarios[i].kind == 1) {
			ns99 = res[i].ns99 > ns99 ? res[i].ns99 : ns99;
			cpu99 = res[i].cpu99 > cpu99 ? res[i].cpu99 : cpu99;
			b99 = res[i].b99 > b99 ? res[i].b99 : b99;
		} else if (res[i].b99 > sw99) {
			sw99 = res[i].b99;
		}
	}
	printf("\nthe first screen: %ld B; a cpu of -1 means the kernel does not say\n\n", first);
	printf("%-40s %-12s %-10s %s\n", "figure (issue 18)", "measured", "aim", "bare ncurses, same run");
	printf("%-40s %-12.2f %-10s %.2f\n", "cursor move on the board, p99 wall ms", ns99 / 1e6, "< 5",
	       bare.ns99 / 1e6);
	printf("%-40s %-12.2f %-10s %.2f\n", "cursor move on the board, p99 cpu ms", cpu99 / 1e6, "< 5",
	       bare.cpu99 / 1e6);
	printf("%-40s %-12ld %-10s %ld\n", "cursor move on the board, p99 bytes", b99, "< 100", bare.b99);
	printf("%-40s %-12ld %-10s\n", "pane switch, p99 bytes", sw99, "< 8192");
	char limit[96];
	snprintf(limit, sizeof limit, "bare ncurses: %.2f ms (cpu %.2f) / %ld B", bare.ns99 / 1e6,
	         bare.cpu99 / 1e6, bare.b99);
	bench_figure("keypress to repaint, board 200x50 pty, p99 / bytes", ns99 < 5000000 && b99 < 100,
	             "< 5 ms / < 100 B", limit, "%.2f ms (cpu %.2f) / %ld B (demo hotel)", ns99 / 1e6,
	             cpu99 / 1e6, b99);
	bench_figure("pane switch, bytes p99 (pty)", sw99 < 8192, "< 8 KB", NULL, "%ld B (demo hotel)", sw99);
	if (getenv("FD_BENCH_KEEP")) {
		printf("kept %s\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
