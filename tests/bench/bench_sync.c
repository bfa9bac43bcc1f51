// SPDX-License-Identifier: GPL-3.0-or-later
/* Benchmark of the sync engine against a real frontdeskd on loopback.
 *
 *   1. propagation A -> server -> B: p50/p99 over 1,000 changes (both
 *      terminals run the engine thread; B long-polls);
 *   2. catch-up of 5,000 operations queued offline at A;
 *   3. initial sync of a large hotel (default 1,000 rooms and 500,000
 *      bookings; FD_BENCH_BOOKINGS scales it): entities/s and peak RSS.
 *
 * Run from the build directory (`make bench`): it starts ./frontdeskd.
 * FD_BENCH_PARTS=small or big runs only that hotel's part (default both);
 * FD_BENCH_KEEP set keeps the working directory and prints its path;
 * FD_BENCH_TERMINAL=<kept>/big-a/frontdesk.db runs only the offline queue
 * (3b) on a copy of that terminal.
 * FD_BENCH_IDS=ordered gives the big hotel's guests and bookings ids that
 * ascend in the order they are sent (v4 UUIDs, random, by default): what
 * installing every id-keyed b-tree in key order would save (issue 18);
 * FD_BENCH_IDS=apart the same, but each booking's guest is another one
 * (a permutation), as when a server sends each table in id order.
 * FD_BENCH_CODES=random gives the bookings confirmation codes in random
 * order, as the desk makes them (fd_booking_code_new), instead of codes
 * ascending in the order the bookings were written: the unique index on
 * code is then written at random pages whatever order the rows come in.
 * FD_BENCH_OPS scales the 1,000 changes and 5,000 operations (make
 * bench-smoke runs a few). Prints tables; asserts nothing about timings,
 * but exits 1 when what it measures did not happen (a change that never
 * arrived, operations left unpushed, rows missing after the sync). */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/op.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "sync/account.h"
#include "sync/sync.h"
#include "sync/sync_internal.h"
#include "tests/bench/figures.h"
#include "tests/bench/limits.h"

static char work[64];
static int port;
/* FD_BENCH_OPS: changes propagated (default 1,000); operations queued are
 * five times as many. */
static int n_ops = 1000;
/* The big hotel's rooms (its bookings: FD_BENCH_BOOKINGS). */
enum { ROOMS = 1000 };

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The server running now: stopped on every way out, a failure's too. */
static pid_t server_pid;

static void server_kill(void)
{
	if (server_pid > 0)
		kill(server_pid, SIGTERM);
}

static void die(const char *what, const struct fd_error *err)
{
	fprintf(stderr, "bench_sync: %s: %s\n", what, err ? err->message : "failed");
	exit(1);
}

static void run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		fprintf(stderr, "bench_sync: failed: %s\n", cmd);
		exit(1);
	}
}

/* A server on a port the kernel picks (a port made up from the pid could
 * be another program's, and the benchmark would talk to it): the port is
 * read from the server's log line "listening on 127.0.0.1:PORT". */
static pid_t server_start(const char *dir)
{
	char log[300];
	snprintf(log, sizeof log, "%s/server.log", dir);
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen(log, "w", stderr))
			_exit(127);
		execl("./frontdeskd", "frontdeskd", "--data", dir, "serve", "--listen", "127.0.0.1:0",
		      (char *)NULL);
		_exit(127);
	}
	server_pid = pid;
	port = 0;
	for (int i = 0; i < 200 && !port; i++) {
		usleep(50000);
		FILE *f = fopen(log, "r");
		char line[512];
		while (f && !port && fgets(line, sizeof line, f)) {
			const char *at = strstr(line, "listening on 127.0.0.1:");
			if (at)
				port = atoi(at + strlen("listening on 127.0.0.1:"));
		}
		if (f)
			fclose(f);
		if (waitpid(pid, NULL, WNOHANG) == pid)
			break;
	}
	if (!port) {
		fprintf(stderr, "bench_sync: the server did not start (see %s)\n", log);
		exit(1);
	}
	return pid;
}

static void server_stop(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	server_pid = 0;
}

/* A terminal: data dir, enrolled and signed in as user. */
static struct fd_db *terminal(const char *srv, const char *name, const char *user, char path[256])
{
	char dir[200], code[128] = "", cmd[300];
	snprintf(dir, sizeof dir, "%s/%s", work, name);
	mkdir(dir, 0700);
	snprintf(path, 256, "%s/frontdesk.db", dir);
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db)
		die("open terminal", &err);
	snprintf(cmd, sizeof cmd, "./frontdeskd --data %s enroll-code 2>/dev/null | tail -n1", srv);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(code, sizeof code, p))
		die("enroll-code", NULL);
	pclose(p);
	code[strcspn(code, "\r\n")] = '\0';
	char *sp = strrchr(code, ' ');
	char url[64];
	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	bool offline;
	if (fd_sync_enroll(db, url, sp ? sp + 1 : code, name, &err) ||
	    fd_sync_login(db, user, "correct horse battery", &offline, &err))
		die("enroll/login", &err);
	return db;
}

static void apply(struct fd_db *db, const char *actor, const char *type, cJSON *payload)
{
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, type, actor, "bench");
	op.payload = payload;
	struct fd_error err = {0};
	int failed;
	if (fd_store_apply(db, &op, 1, FD_STORE_OUTBOX, NULL, &failed, &err))
		die(type, &err);
	fd_op_clear(&op);
}

static void once(struct fd_sync *s)
{
	struct fd_error err = {0};
	if (fd_sync_once(s, &err))
		die("sync", &err);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static const char *clean_of(struct fd_db *db, const char *room, char out[16])
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT clean FROM rooms WHERE number = ?1", NULL);
	out[0] = '\0';
	sqlite3_bind_text(s, 1, room, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, 16, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return out;
}

static void small_hotel(void)
{
	char srv[128], pa[256], pb[256];
	snprintf(srv, sizeof srv, "%s/small", work);
	run("./frontdeskd --data %s init --property Bench --currency EUR --timezone UTC --date 2026-11-25 "
	    ">/dev/null",
	    srv);
	run("printf 'correct horse battery\\n' > %s/pw", work);
	run("./frontdeskd --data %s user add boss --role admin --password-file %s/pw >/dev/null", srv, work);
	run("./frontdeskd --data %s user add anna --role staff --password-file %s/pw >/dev/null", srv, work);
	pid_t pid = server_start(srv);
	struct fd_db *a = terminal(srv, "a", "boss", pa);
	struct fd_db *b = terminal(srv, "b", "anna", pb);
	struct fd_error err = {0};
	struct fd_sync_options o = {.wait_seconds = 5};
	struct fd_sync *sa = fd_sync_new(pa, &o, &err), *sb = fd_sync_new(pb, &o, &err);
	if (!sa || !sb)
		die("engine", &err);
	once(sa);
	once(sb);
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "id", "00000000-0000-4000-8000-000000000001");
	cJSON_AddStringToObject(t, "code", "DBL");
	cJSON_AddStringToObject(t, "name", "Double");
	cJSON_AddNumberToObject(t, "max_occupancy", 2);
	cJSON_AddNumberToObject(t, "base_rate", 9000);
	apply(a, "boss", "room_type.create", t);
	for (int i = 0; i < 20; i++) {
		char id[FD_ID_LEN], num[8];
		snprintf(num, sizeof num, "%d", 100 + i);
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(r, "number", num);
		cJSON_AddStringToObject(r, "type", "DBL");
		apply(a, "boss", "room.create", r);
	}
	once(sa);
	once(sb);
	/* 1. propagation */
	if (fd_sync_start(sa, &err) || fd_sync_start(sb, &err))
		die("start", &err);
	usleep(300000);
	const int N = n_ops;
	double *lat = calloc(N, sizeof *lat);
	int stalls = 0;
	static const char *states[] = {"dirty", "clean"};
	int n = 0;
	double budget = now_s() + 90;
	for (int i = 0; i < N && now_s() < budget; i++, n++) {
		char room[8], want[16], got[16];
		snprintf(room, sizeof room, "%d", 100 + i % 20);
		snprintf(want, sizeof want, "%s", states[(i / 20 + 1) % 2]);
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "room", room);
		cJSON_AddStringToObject(p, "status", want);
		double t0 = now_s();
		apply(a, "boss", "room.set_clean", p);
		fd_sync_kick(sa);
		/* Wait on B's wake pipe (the engine writes a byte after each page). */
		while (strcmp(clean_of(b, room, got), want) != 0) {
			struct pollfd pf = {.fd = fd_sync_wake_fd(sb), .events = POLLIN};
			poll(&pf, 1, 1000);
			if (now_s() - t0 > 15)
				break; /* counted as a stall; see the report */
			if (now_s() - t0 > 1)
				fd_sync_kick(sa); /* see "stalls" below */
			char buf[64];
			while (read(pf.fd, buf, sizeof buf) > 0)
				;
		}
		lat[i] = (now_s() - t0) * 1000;
		stalls += lat[i] > 1000;
	}
	if (n == 0 || lat[n - 1] > 15000) {
		fprintf(stderr, "bench_sync: a change never reached B\n");
		exit(1);
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf("%-44s %10s %10s %10s\n", "propagation A -> server -> B", "p50 ms", "p99 ms", "max ms");
	printf("%-44s %10.2f %10.2f %10.2f   (%d changes in the 90 s budget; over 1 s: %d)\n", "", lat[n / 2],
	       lat[n * 99 / 100], lat[n - 1], n, stalls);
	free(lat);
	fd_sync_stop(sa);
	fd_sync_stop(sb);
	once(sa);
	/* 2. catch-up of 5,000 queued operations */
	const int Q = 5 * n_ops;
	double t0 = now_s();
	for (int i = 0; i < Q; i++) {
		char room[8];
		snprintf(room, sizeof room, "%d", 100 + i % 20);
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "room", room);
		cJSON_AddStringToObject(p, "status", (i / 20) % 2 ? "clean" : "dirty");
		apply(a, "boss", "room.set_clean", p);
	}
	double queued = now_s() - t0;
	t0 = now_s();
	once(sa);
	double caught = now_s() - t0;
	struct fd_sync_status st;
	fd_sync_status_get(sa, &st);
	t0 = now_s();
	once(sb);
	double pulled = now_s() - t0;
	printf("\n%-44s %10s %10s %10s\n", "catch-up of 5,000 offline operations", "queue s", "push s",
	       "B pull s");
	printf("%-44s %10.2f %10.2f %10.2f   (pending after: %d)\n", "", queued, caught, pulled, st.pending);
	if (st.pending != 0) {
		fprintf(stderr, "bench_sync: the queued operations were not all pushed\n");
		exit(1);
	}
	fd_sync_free(sa);
	fd_sync_free(sb);
	fd_db_close(a);
	fd_db_close(b);
	server_stop(pid);
}

/* FD_BENCH_PERF_CTL names perf record's control FIFO (perf record -D -1
 * --control fifo:PATH): the profile is of the initial sync alone, not of
 * the hotel built before it. */
static void perf_ctl(const char *cmd)
{
	const char *path = getenv("FD_BENCH_PERF_CTL");
	int fd = path ? open(path, O_WRONLY) : -1;
	if (fd < 0)
		return;
	if (write(fd, cmd, strlen(cmd)) < 0 || write(fd, "\n", 1) < 0)
		fprintf(stderr, "bench_sync: cannot write to %s\n", path);
	close(fd);
}

static bool hwm_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (!f)
		return false;
	bool ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok;
}

/* CPU seconds (user + system) a process has used: the server's from
 * /proc/PID/stat, to tell whether the terminal waits on it. */
static double proc_cpu_s(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* past the command's name */
	unsigned long ut = 0, stime = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &stime) != 2)
		return -1;
	return (double)(ut + stime) / (double)sysconf(_SC_CLK_TCK);
}

static double ru_cpu_s(const struct rusage *a, const struct rusage *b)
{
	return (double)(b->ru_utime.tv_sec - a->ru_utime.tv_sec + b->ru_stime.tv_sec - a->ru_stime.tv_sec) +
	       (double)(b->ru_utime.tv_usec - a->ru_utime.tv_usec + b->ru_stime.tv_usec -
	                a->ru_stime.tv_usec) /
	           1e6;
}

/* The kernel's part (writing and reading the file): what a profile of
 * user code does not show. */
static double ru_sys_s(const struct rusage *a, const struct rusage *b)
{
	return (double)(b->ru_stime.tv_sec - a->ru_stime.tv_sec) +
	       (double)(b->ru_stime.tv_usec - a->ru_stime.tv_usec) / 1e6;
}

static long hwm_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb;
}

/* The big hotel is written straight into the server's database with its
 * feed rows (building 500,000 bookings through operations would measure the
 * server, not the sync). */
/* 3b. queueing 5,000 operations offline at a big terminal: each is
 * applied to the cache and stored in the outbox in its own
 * synchronous=FULL transaction, as the desk does. */
static void queue_offline(struct fd_db *a, int n_bookings)
{
	double t0;
	const int Q = 5 * n_ops;
	struct rusage q0, q1;
	getrusage(RUSAGE_SELF, &q0);
	t0 = now_s();
	for (int i = 0; i < Q; i++) {
		char rn[8];
		snprintf(rn, sizeof rn, "%d", 1000 + i % ROOMS);
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "room", rn);
		cJSON_AddStringToObject(p, "status", (i / ROOMS) % 2 ? "clean" : "dirty");
		apply(a, "anna", "room.set_clean", p);
	}
	double queued = now_s() - t0;
	getrusage(RUSAGE_SELF, &q1);
	double q_cpu =
	    (double)(q1.ru_utime.tv_sec - q0.ru_utime.tv_sec + q1.ru_stime.tv_sec - q0.ru_stime.tv_sec) +
	    (double)(q1.ru_utime.tv_usec - q0.ru_utime.tv_usec + q1.ru_stime.tv_usec - q0.ru_stime.tv_usec) /
	        1e6;
	printf("%-44s %10.2f s (CPU %.2f s)\n", "queue 5,000 operations offline (big terminal)", queued,
	       q_cpu);
	/* Each is its own synchronous=FULL commit: the disk's one-row commit
	 * rate, measured now on the same file system, bounds it. */
	double commits = limits_sqlite_rate(work, 1, 2.0);
	char lim[80];
	snprintf(lim, sizeof lim, "%.2f s (5,000 bare one-row commits)", commits > 0 ? Q / commits : 0.0);
	bench_figure("queue 5,000 operations offline, big terminal", queued < 1.0, "< 1 s", lim,
	             "%.2f s (%d bookings)", queued, n_bookings);
}

/* FD_BENCH_TERMINAL: only 3b, on a copy of a big terminal's database kept
 * by an earlier run (FD_BENCH_KEEP, <dir>/big-a/frontdesk.db): minutes of
 * building the hotel and syncing it spared when measuring that alone. */
static void queue_only(const char *kept)
{
	char path[256];
	snprintf(path, sizeof path, "%s/queue", work);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/queue/frontdesk.db", work);
	/* (written out before the clock starts: a copy's dirty pages flushed
	 * during the queue would be timed with it) */
	run("cp '%s' %s && sync %s", kept, path, path);
	struct fd_error err = {0};
	struct fd_db *a = fd_db_open(path, 0, &err);
	if (!a)
		die("open the kept terminal", &err);
	sqlite3_stmt *s = fd_db_stmt(a, "SELECT count(*) FROM bookings", NULL);
	int n_bookings = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	if (s)
		sqlite3_reset(s);
	queue_offline(a, n_bookings);
	fd_db_close(a);
}

static void big_hotel(int n_bookings)
{
	char srv[128], path[256], pa[256];
	snprintf(srv, sizeof srv, "%s/big", work);
	run("./frontdeskd --data %s init --property Big --currency EUR --timezone UTC --date 2029-01-01 "
	    ">/dev/null",
	    srv);
	run("./frontdeskd --data %s user add anna --role staff --password-file %s/pw >/dev/null", srv, work);
	snprintf(path, sizeof path, "%s/frontdeskd.db", srv);
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("open server db", NULL);
	double t0 = now_s();
	sqlite3_exec(db,
	             "PRAGMA synchronous=OFF; BEGIN;"
	             "INSERT INTO room_types VALUES "
	             "('STD','00000000-0000-4000-8000-000000000001','Standard',2,10000,0,1,0);"
	             "INSERT INTO srv_changes(entity, entity_id) VALUES ('room_type','STD');",
	             NULL, NULL, NULL);
	sqlite3_stmt *room, *guest, *book, *night, *chg;
	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version, updated_at)"
	    " VALUES (?1, ?2, 'STD', ?3, 'clean', 'none', 1, 0)",
	    -1, &room, NULL);
	sqlite3_prepare_v2(
	    db, "INSERT INTO guests (id, family, given, version, updated_at) VALUES (?1, ?2, 'X', 1, 0)", -1,
	    &guest, NULL);
	sqlite3_prepare_v2(
	    db,
	    "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure, adults,"
	    " rate, status, version, updated_at) VALUES (?1, ?2, ?3, 'STD', ?4, ?5, ?6, 1, 10000,"
	    " 'checked_out', 1, 0)",
	    -1, &book, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO stay_nights VALUES (?1, ?2, 'STD', ?3)", -1, &night, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO srv_changes(entity, entity_id) VALUES (?1, ?2)", -1, &chg, NULL);
	const char *ids = getenv("FD_BENCH_IDS");
	/* 0: random (v4 UUIDs), 1: "ordered", 2: "apart" (see the top). */
	int order = !ids ? 0 : strcmp(ids, "ordered") == 0 ? 1 : strcmp(ids, "apart") == 0 ? 2 : 0;
	const char *codes = getenv("FD_BENCH_CODES");
	bool random_codes = codes && strcmp(codes, "random") == 0;
	for (int r = 0; r < ROOMS; r++) {
		char num[16], id[FD_ID_LEN];
		snprintf(num, sizeof num, "%d", 1000 + r);
		sqlite3_bind_text(room, 1, num, -1, SQLITE_STATIC);
		sqlite3_bind_text(room, 2, fd_uuid_new(id), -1, SQLITE_STATIC);
		sqlite3_bind_int(room, 3, r / 50);
		sqlite3_step(room);
		sqlite3_reset(room);
		sqlite3_bind_text(chg, 1, "room", -1, SQLITE_STATIC);
		sqlite3_bind_text(chg, 2, num, -1, SQLITE_STATIC);
		sqlite3_step(chg);
		sqlite3_reset(chg);
	}
	fd_date start;
	fd_date_parse("2025-01-01", &start);
	for (int i = 0; i < n_bookings; i++) {
		char gid[FD_ID_LEN], bid[FD_ID_LEN], code[16], num[16], fam[24];
		int r = i % ROOMS, k = i / ROOMS;
		snprintf(num, sizeof num, "%d", 1000 + r);
		/* "random": i times an odd number modulo 2^24, a permutation. */
		snprintf(code, sizeof code, "%06X",
		         random_codes ? (unsigned)((uint64_t)i * 2654435761u % 16777216u) : (unsigned)i);
		snprintf(fam, sizeof fam, "Guest%d", i);
		char book_gid[FD_ID_LEN];
		fd_uuid_new(gid);
		fd_uuid_new(bid);
		if (order) {
			/* Ids ascending as the rows are written (rowid order, the
			 * order the snapshot sends): the terminal's b-trees keyed
			 * by id (bookings.id, guests.id, stay_nights) are then
			 * appended to rather than written at random pages. */
			snprintf(gid, sizeof gid, "%08x-0000-4000-8000-%012x", (unsigned)i, (unsigned)i);
			snprintf(bid, sizeof bid, "%08x-0000-4000-8001-%012x", (unsigned)i, (unsigned)i);
		}
		/* "apart": booking i's guest is another guest (a permutation of
		 * them), so the guest looked up by each booking is at random. */
		unsigned g = order == 2 ? (unsigned)((uint64_t)i * 7919 % (uint64_t)n_bookings) : (unsigned)i;
		if (order == 2)
			snprintf(book_gid, sizeof book_gid, "%08x-0000-4000-8000-%012x", g, g);
		else
			snprintf(book_gid, sizeof book_gid, "%s", gid);
		fd_date a = start + 2 * k;
		sqlite3_bind_text(guest, 1, gid, -1, SQLITE_STATIC);
		sqlite3_bind_text(guest, 2, fam, -1, SQLITE_STATIC);
		sqlite3_step(guest);
		sqlite3_reset(guest);
		sqlite3_bind_text(book, 1, bid, -1, SQLITE_STATIC);
		sqlite3_bind_text(book, 2, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(book, 3, book_gid, -1, SQLITE_STATIC);
		sqlite3_bind_text(book, 4, num, -1, SQLITE_STATIC);
		sqlite3_bind_int(book, 5, a);
		sqlite3_bind_int(book, 6, a + 2);
		sqlite3_step(book);
		sqlite3_reset(book);
		for (int d = 0; d < 2; d++) {
			sqlite3_bind_text(night, 1, bid, -1, SQLITE_STATIC);
			sqlite3_bind_int(night, 2, a + d);
			sqlite3_bind_text(night, 3, num, -1, SQLITE_STATIC);
			sqlite3_step(night);
			sqlite3_reset(night);
		}
		sqlite3_bind_text(chg, 1, "guest", -1, SQLITE_STATIC);
		sqlite3_bind_text(chg, 2, gid, -1, SQLITE_STATIC);
		sqlite3_step(chg);
		sqlite3_reset(chg);
		sqlite3_bind_text(chg, 1, "booking", -1, SQLITE_STATIC);
		sqlite3_bind_text(chg, 2, bid, -1, SQLITE_STATIC);
		sqlite3_step(chg);
		sqlite3_reset(chg);
	}
	sqlite3_finalize(room);
	sqlite3_finalize(guest);
	sqlite3_finalize(book);
	sqlite3_finalize(night);
	sqlite3_finalize(chg);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db), NULL);
	sqlite3_close(db);
	double built = now_s() - t0;
	int64_t entities = 1 + ROOMS + 2 * (int64_t)n_bookings;
	pid_t pid = server_start(srv);
	struct fd_db *a = terminal(srv, "big-a", "anna", pa);
	struct fd_error err = {0};
	struct fd_sync_options o = {.page_limit = 5000};
	struct fd_sync *sa = fd_sync_new(pa, &o, &err);
	if (!sa)
		die("engine", &err);
	struct rusage ru0, ru1;
	getrusage(RUSAGE_SELF, &ru0);
	/* The process's peak until now is the sign-in's Argon2id (256 MB by
	 * design, freed since): start the peak again here (Linux resets
	 * VmHWM on "5" to clear_refs) so it is the sync's. */
	bool reset = hwm_reset();
	double srv0 = proc_cpu_s(pid);
	t0 = now_s();
	perf_ctl("enable");
	once(sa);
	perf_ctl("disable");
	double took = now_s() - t0;
	getrusage(RUSAGE_SELF, &ru1);
	double srv_cpu = proc_cpu_s(pid) - srv0;
	long sync_peak_kb = reset ? hwm_kb() : -1;
	struct fd_sync_status st;
	fd_sync_status_get(sa, &st);
	sqlite3_stmt *cnt =
	    fd_db_stmt(a,
	               "SELECT (SELECT count(*) FROM bookings) + (SELECT count(*) FROM guests)"
	               " + (SELECT count(*) FROM rooms)",
	               NULL);
	if (!cnt || sqlite3_step(cnt) != SQLITE_ROW || sqlite3_column_int64(cnt, 0) != entities - 1) {
		fprintf(stderr, "bench_sync: the initial sync did not bring every room, guest and booking\n");
		exit(1);
	}
	sqlite3_reset(cnt);
	printf("\n%-44s %10s %10s %10s %12s\n", "initial sync", "entities", "seconds", "ent/s",
	       "peak RSS MiB");
	char label[96];
	snprintf(label, sizeof label, "%d rooms, %d bookings%s%s (built in %.1f s)", ROOMS, n_bookings,
	         order == 2 ? ", ids apart"
	         : order    ? ", ids ordered"
	                    : "",
	         random_codes ? ", codes random" : "", built);
	printf("%-44s %10" PRId64 " %10.2f %10.0f %12.1f\n", label, entities, took, (double)entities / took,
	       ru1.ru_maxrss / 1024.0);
	bench_figure("initial sync of a terminal, entities/s", (double)entities / took >= 100000,
	             ">= 100,000", NULL, "%.0f ent/s (%" PRId64 " entities)", (double)entities / took,
	             entities);
	if (sync_peak_kb > 0)
		printf("%-44s %12.1f MiB\n", "peak RSS during the sync alone", sync_peak_kb / 1024.0);
	/* Where the seconds went: the terminal's CPU and the server's (pages
	 * built), the rest waiting (disk, scheduling on a shared machine). */
	printf("%-44s %10.2f terminal (%.2f in the kernel), %.2f server\n", "CPU seconds of the sync",
	       ru_cpu_s(&ru0, &ru1), ru_sys_s(&ru0, &ru1), srv_cpu);
	bench_figure("peak memory, terminal's initial sync", sync_peak_kb > 0 && sync_peak_kb < 64 * 1024,
	             "< 64 MB", NULL, "%.1f MB (%d bookings; process peak with sign-in %.1f MB)",
	             sync_peak_kb / 1024.0, n_bookings, ru1.ru_maxrss / 1024.0);
	/* 3b. queueing operations offline at this big terminal. */
	server_stop(pid);
	queue_offline(a, n_bookings);
	fd_sync_free(sa);
	fd_db_close(a);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (fd_ids_init() != 0)
		return 1;
	snprintf(work, sizeof work, "/tmp/fd-bench-sync.XXXXXX");
	if (!mkdtemp(work))
		return 1;
	if (getenv("FD_BENCH_OPS") && atoi(getenv("FD_BENCH_OPS")) > 0)
		n_ops = atoi(getenv("FD_BENCH_OPS"));
	atexit(server_kill);
	const char *parts = getenv("FD_BENCH_PARTS"), *kept = getenv("FD_BENCH_TERMINAL");
	if (kept && !parts)
		parts = "queue";
	if (!parts || strstr(parts, "small"))
		small_hotel();
	else
		run("printf 'correct horse battery\\n' > %s/pw", work);
	if (kept)
		queue_only(kept);
	const char *nb = getenv("FD_BENCH_BOOKINGS");
	if (!parts || strstr(parts, "big"))
		big_hotel(nb ? atoi(nb) : 500000);
	if (getenv("FD_BENCH_KEEP"))
		printf("kept %s\n", work);
	else
		run("rm -rf %s", work);
	return 0;
}
