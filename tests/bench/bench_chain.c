// SPDX-License-Identifier: GPL-3.0-or-later
/* The chain benchmark (issue 14): a throwaway PostgreSQL cluster (Debian's
 * postgresql: initdb into a temporary directory as an unprivileged user,
 * a free loopback port, fsync on) holding a chain of hotels, each with
 * rooms and a year of bookings, served by one and then three real
 * frontdeskd (./frontdeskd, or $FRONTDESKD), beside one frontdeskd on
 * SQLite holding one such hotel. Prints one table; asserts nothing about
 * timings.
 *   - single-operation pushes/s (batch 1) and batched operations/s (batch
 *     50), clients on different hotels of the chain, spread over the
 *     servers; the same on SQLite (one hotel: its clients share it);
 *   - change propagation between two devices of one hotel through
 *     different servers: a push through server 1 until the long-poll
 *     parked on server 2 answers with it (p50/p99);
 *   - availability (the repository's type inventory and rooms sold, what
 *     judging a booking reads, 30 nights x 2 types) and the room board
 *     (every room with the stays of a 14-day window) on both stores;
 *   - the machine's limits in the same run: a bare libpq loop of
 *     one-row commits and of 1000-row commits on the same cluster, and
 *     the same for SQLite (tests/bench/limits.h).
 * Sizes: FD_BENCH_CHAIN_HOTELS (20), FD_BENCH_CHAIN_ROOMS (200 per hotel),
 * FD_BENCH_SECONDS per push measurement (4). A hotel's year: every room
 * holds back-to-back 3-night stays with a night between them (91 stays a
 * room, 75 % occupancy), one guest each: 18,200 bookings and 54,600
 * room-nights a hotel at 200 rooms. They are written with SQL (what the
 * repository would write; no change-feed rows for them), not through
 * operations, so the chain is loaded in seconds. Without PostgreSQL
 * installed it says so and exits 0. FD_BENCH_KEEP=1 leaves the cluster
 * running and its directory in place, and says where. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/avail.h"
#include "core/date.h"
#include "pg/pg.h"
#include "store/db.h"
#include "store/query.h"
#include "tests/bench/http.h"
#include "tests/bench/figures.h"
#include "tests/bench/limits.h"

#define MAX_SERVERS 3
#define CLIENTS 6
#define STAY 3
#define TURN 4 /* a stay every 4 nights: 3 nights and a night free */

static const char *g_bin;
static char g_dir[128], g_bindir[200], g_uri[256], g_owner[32];
static int g_hotels = 20, g_rooms = 200;
static double g_secs = 4;
static fd_date g_year, g_today;

/* --- the cluster --- */

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd) == 0 ? 0 : -1;
}

/* A command as the cluster's owner (PostgreSQL refuses root). */
static int as_owner(const char *cmd)
{
	if (g_owner[0])
		return sh("cd %s && runuser -u %s -- %.2048s", g_dir, g_owner, cmd);
	return sh("cd %s && %.2048s", g_dir, cmd);
}

static bool find_bindir(void)
{
	FILE *p = popen("d=$(pg_config --bindir 2>/dev/null); [ -x \"$d/initdb\" ] && echo \"$d\" ||"
	                " ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n1",
	                "r");
	if (!p)
		return false;
	bool ok = fgets(g_bindir, sizeof g_bindir, p) != NULL;
	pclose(p);
	g_bindir[strcspn(g_bindir, "\n")] = '\0';
	char initdb[300];
	snprintf(initdb, sizeof initdb, "%s/initdb", g_bindir);
	return ok && access(initdb, X_OK) == 0;
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int port = -1;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static int pg_start(void)
{
	if (getuid() == 0) {
		snprintf(g_owner, sizeof g_owner, "%s",
		         system("id postgres >/dev/null 2>&1") == 0 ? "postgres" : "nobody");
		if (sh("chown %s %s && chmod 0755 %s", g_owner, g_dir, g_dir))
			return -1;
	}
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	         "%s/initdb -D %s/data -U fd --auth=trust -E UTF8 --locale=C >%s/initdb.log 2>&1", g_bindir,
	         g_dir, g_dir);
	if (as_owner(cmd))
		return -1;
	for (int i = 0; i < 5; i++) {
		int port = free_port();
		snprintf(cmd, sizeof cmd,
		         "%s/pg_ctl -D %s/data -l %s/pg.log -w -t 60 -o '-c listen_addresses=127.0.0.1 -p %d"
		         " -c unix_socket_directories=%s -c max_connections=100 -c shared_buffers=128MB'"
		         " start >/dev/null 2>&1",
		         g_bindir, g_dir, g_dir, port, g_dir);
		if (as_owner(cmd) == 0) {
			snprintf(g_uri, sizeof g_uri, "postgresql://fd@127.0.0.1:%d/frontdesk", port);
			return sh(
			    "psql -X -q -h 127.0.0.1 -p %d -U fd -d postgres -c 'CREATE DATABASE frontdesk'",
			    port);
		}
	}
	return -1;
}

static void pg_stop(void)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "%s/pg_ctl -D %s/data -m fast -w stop >/dev/null 2>&1", g_bindir, g_dir);
	as_owner(cmd);
}

static PGconn *pg_connect(void)
{
	PGconn *c = PQconnectdb(g_uri);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "bench: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* One parameterized statement; false (and a message) when it fails. */
static bool pq(PGconn *c, const char *sql, int n, const char *const *p)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, p, NULL, NULL, 0);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "bench: %s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	return ok;
}

/* The machine's PostgreSQL limit: a bare loop committing rows_per_commit
 * 200-byte rows a transaction, for secs. */
static double pg_limit_rate(PGconn *c, int rows_per_commit, double secs)
{
	pq(c, "CREATE TABLE IF NOT EXISTS bench_limit (id BIGSERIAL PRIMARY KEY, k TEXT UNIQUE, v TEXT)", 0,
	   NULL);
	char v[201], k[48];
	memset(v, 'x', 200);
	v[200] = '\0';
	long rows = 0;
	double t0 = bench_now(), t = t0;
	while (t - t0 < secs) {
		pq(c, "BEGIN", 0, NULL);
		for (int i = 0; i < rows_per_commit; i++, rows++) {
			snprintf(k, sizeof k, "%d-%ld", rows_per_commit, rows);
			const char *p[] = {k, v};
			pq(c, "INSERT INTO bench_limit (k, v) VALUES ($1, $2)", 2, p);
		}
		pq(c, "COMMIT", 0, NULL);
		t = bench_now();
	}
	pq(c, "DROP TABLE bench_limit", 0, NULL);
	return (double)rows / (t - t0);
}

/* --- servers --- */

struct server {
	pid_t pid;
	char url[64];
};

static int server_start(struct server *s, const char *data, const char *database, int i)
{
	char log[400];
	snprintf(log, sizeof log, "%s/server-%s-%d.log", g_dir, database ? "pg" : "sqlite", i);
	s->pid = fork();
	if (s->pid == 0) {
		if (!freopen(log, "w", stderr))
			_exit(127);
		if (database)
			execl(g_bin, g_bin, "--data", data, "--database", database, "--per-ip-connections",
			      "1000", "serve", "--listen", "127.0.0.1:0", (char *)NULL);
		else
			execl(g_bin, g_bin, "--data", data, "--per-ip-connections", "1000", "serve",
			      "--listen", "127.0.0.1:0", (char *)NULL);
		_exit(127);
	}
	return bench_server_url(log, 200, s->url, sizeof s->url);
}

static void server_stop(struct server *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = 0;
}

/* --- HTTP --- */

/* bench_http with a 90 s cap: a server stuck on a PostgreSQL lock fails
 * the run instead of hanging it. */
static long http(CURL *c, const char *base, const char *method, const char *path, const char *body,
                 const char *token, struct bench_buf *out)
{
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 90L);
	return bench_http(c, base, method, path, body, token, out);
}

/* A signed-in device of a hotel: its token, the room it toggles, its next
 * device sequence, the server it talks to. */
struct client {
	char token[80];
	char room[8];
	long seq;
	int id;
	const char *url;
	long ops;
	double lat[100000];
	int n_lat;
};

/* Enrol a device into the hotel (code: "" on SQLite) and sign bench in. */
static int client_new(struct client *cl, const char *url, const char *data, const char *hotel, int id)
{
	char cmd[700], name[32];
	if (hotel)
		snprintf(cmd, sizeof cmd, "%s --database '%s' enroll-code --property %s 2>/dev/null", g_bin,
		         g_uri, hotel);
	else
		snprintf(cmd, sizeof cmd, "%s --data %s enroll-code 2>/dev/null", g_bin, data ? data : ".");
	snprintf(name, sizeof name, "bench-%d", id);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 90L);
	int rc = bench_sign_in(c, url, cmd, name, cl->token, sizeof cl->token);
	curl_easy_cleanup(c);
	cl->seq = 1;
	cl->id = id;
	cl->url = url;
	return rc;
}

static char *make_batch(struct client *cl, int n)
{
	size_t cap = (size_t)n * 220 + 32;
	char *s = malloc(cap);
	size_t len = (size_t)snprintf(s, cap, "{\"ops\":[");
	for (int i = 0; i < n; i++, cl->seq++)
		len +=
		    (size_t)snprintf(s + len, cap - len,
		                     "%s{\"op_id\":\"%08x-0000-4000-8000-%012lx\",\"device_seq\":%ld,"
		                     "\"type\":\"room.set_flags\",\"payload\":{\"room\":\"%s\",\"dnd\":%s}}",
		                     i ? "," : "", (unsigned)cl->id, cl->seq, cl->seq, cl->room,
		                     cl->seq % 2 ? "true" : "false");
	snprintf(s + len, cap - len, "]}");
	return s;
}

struct push_job {
	struct client *cl;
	int batch;
	double until;
	bool failed;
};

static void *push_thread(void *arg)
{
	struct push_job *j = arg;
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	while (bench_now() < j->until) {
		char *body = make_batch(j->cl, j->batch);
		double t0 = bench_now();
		long st = http(c, j->cl->url, "POST", "/v1/ops", body, j->cl->token, &b);
		double dt = bench_now() - t0;
		free(body);
		if (st != 200) {
			fprintf(stderr, "bench: push answered %ld: %s\n", st, b.p ? b.p : "");
			j->failed = true;
			break;
		}
		if (j->cl->n_lat < 100000)
			j->cl->lat[j->cl->n_lat++] = dt;
		j->cl->ops += j->batch;
	}
	free(b.p);
	curl_easy_cleanup(c);
	return NULL;
}

/* ops/s of n clients pushing batches for g_secs; p50/p99 of a push. */
static double push_rate(struct client *cls, int n, int batch, double *p50, double *p99)
{
	pthread_t th[CLIENTS];
	struct push_job jobs[CLIENTS];
	double t0 = bench_now();
	for (int i = 0; i < n; i++) {
		cls[i].ops = 0;
		cls[i].n_lat = 0;
		jobs[i] = (struct push_job){.cl = &cls[i], .batch = batch, .until = t0 + g_secs};
		pthread_create(&th[i], NULL, push_thread, &jobs[i]);
	}
	long total = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		total += cls[i].ops;
	}
	double dt = bench_now() - t0;
	static double all[CLIENTS * 100000];
	int k = 0;
	for (int i = 0; i < n; i++)
		for (int m = 0; m < cls[i].n_lat; m++)
			all[k++] = cls[i].lat[m];
	*p50 = bench_pct(all, k, 0.5) * 1e3;
	*p99 = bench_pct(all, k, 0.99) * 1e3;
	return (double)total / dt;
}

/* --- change propagation --- */

struct poll_job {
	struct client *cl;
	long since;
	double done;
	long status;
	int got;
};

static void *poll_thread(void *arg)
{
	struct poll_job *j = arg;
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	char path[128];
	snprintf(path, sizeof path, "/v1/changes?since=%ld&wait=30&limit=10", j->since);
	j->status = http(c, j->cl->url, "GET", path, NULL, j->cl->token, &b);
	j->done = bench_now();
	j->got = b.p && strstr(b.p, "\"seq\"") ? 1 : 0;
	free(b.p);
	curl_easy_cleanup(c);
	return NULL;
}

static long cursor_of(struct client *cl)
{
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	long next = 0, since = 0;
	for (int i = 0; i < 1000; i++) {
		char path[96];
		snprintf(path, sizeof path, "/v1/changes?since=%ld&limit=5000", since);
		if (http(c, cl->url, "GET", path, NULL, cl->token, &b) != 200)
			break;
		next = bench_json_long(b.p, "next");
		bool more = b.p && strstr(b.p, "\"more\":true");
		if (next <= since || !more) {
			since = next > since ? next : since;
			break;
		}
		since = next;
	}
	free(b.p);
	curl_easy_cleanup(c);
	return since;
}

/* A pushes through its server, B's long-poll waits on another: n samples of
 * the time from A's push to B's answer. */
static void propagation(struct client *a, struct client *b, int n, double *p50, double *p99)
{
	static double lat[200];
	int k = 0;
	CURL *c = curl_easy_init();
	struct bench_buf r = {0};
	for (int i = 0; i < n && i < 200; i++) {
		struct poll_job j = {.cl = b, .since = cursor_of(b)};
		pthread_t th;
		pthread_create(&th, NULL, poll_thread, &j);
		usleep(30000); /* let it park */
		char *body = make_batch(a, 1);
		double t0 = bench_now();
		long st = http(c, a->url, "POST", "/v1/ops", body, a->token, &r);
		free(body);
		pthread_join(th, NULL);
		if (st == 200 && j.status == 200 && j.got)
			lat[k++] = j.done - t0;
	}
	free(r.p);
	curl_easy_cleanup(c);
	*p50 = bench_pct(lat, k, 0.5) * 1e3;
	*p99 = bench_pct(lat, k, 0.99) * 1e3;
}

/* --- the chain's data --- */

/* A hotel's rooms and year, written with SQL in one transaction. */
static bool load_pg_hotel(PGconn *c, const char *property)
{
	char rooms[16], year[16], today[16];
	snprintf(rooms, sizeof rooms, "%d", g_rooms);
	snprintf(year, sizeof year, "%d", (int)g_year);
	snprintf(today, sizeof today, "%d", (int)g_today);
	const char *p1[] = {property};
	const char *p2[] = {property, rooms};
	const char *p4[] = {property, year};
	const char *pt[] = {property, today};
	return pq(c, "BEGIN", 0, NULL) &&
	       pq(c,
	          "INSERT INTO room_types (property_id, code, id, name, max_occupancy, base_rate, rank, "
	          "version,"
	          " updated_at) VALUES ($1, 'DBL', gen_random_uuid()::text, 'Double', 2, 9000, 1, 1, 0),"
	          " ($1, 'SUI', gen_random_uuid()::text, 'Suite', 4, 25000, 2, 1, 0)",
	          1, p1) &&
	       pq(c,
	          "INSERT INTO rooms (property_id, number, id, type_code, floor, clean, maint, version, "
	          "updated_at)"
	          " SELECT $1, (i / 20 + 1) * 100 + i % 20 + 1, gen_random_uuid()::text,"
	          " CASE WHEN i % 4 = 3 THEN 'SUI' ELSE 'DBL' END, i / 20 + 1, 'clean', 'none', 1, 0"
	          " FROM generate_series(0, $2::integer - 1) i",
	          2, p2) &&
	       pq(c,
	          "CREATE TEMP TABLE gen ON COMMIT DROP AS SELECT r.number AS room, r.type_code,"
	          " $2::integer + k * 4 + r.floor % 4 AS arrival, gen_random_uuid()::text AS gid,"
	          " gen_random_uuid()::text AS bid, row_number() OVER () AS n"
	          " FROM rooms r, generate_series(0, 90) k WHERE r.property_id = $1"
	          " AND k * 4 + r.floor % 4 + 3 <= 365",
	          2, p4) &&
	       pq(c,
	          "INSERT INTO guests (property_id, id, family, given, search_key, version, updated_at)"
	          " SELECT $1, gid, 'Guest' || n, 'Ana', 'guest' || n || ' ana', 1, 0 FROM gen",
	          1, p1) &&
	       pq(c,
	          "INSERT INTO bookings (property_id, id, code, guest_id, type_code, room, arrival, "
	          "departure,"
	          " adults, rate, status, version, updated_at)"
	          " SELECT $1, bid, 'C' || lpad(n::text, 5, '0'), gid, type_code, room, arrival, arrival + "
	          "3, 2,"
	          " 9000, CASE WHEN arrival + 3 <= $2::integer THEN 'checked_out'"
	          " WHEN arrival <= $2::integer THEN 'checked_in' ELSE 'reserved' END, 1, 0 FROM gen",
	          2, pt) &&
	       pq(c,
	          "INSERT INTO stay_nights (property_id, booking_id, night, type_code, room)"
	          " SELECT $1, bid, arrival + g, type_code, room FROM gen, generate_series(0, 2) g",
	          1, p1) &&
	       pq(c,
	          "INSERT INTO staff (property_id, username, id, display_name, role, dept, version, "
	          "updated_at)"
	          " VALUES ($1, 'bench', gen_random_uuid()::text, 'Bench', 'admin', 'front_office', 1, 0)"
	          " ON CONFLICT DO NOTHING",
	          1, p1) &&
	       pq(c, "COMMIT", 0, NULL);
}

static bool load_sqlite_hotel(const char *path)
{
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return false;
	char *sql = sqlite3_mprintf(
	    "BEGIN;"
	    "INSERT INTO room_types (code, id, name, max_occupancy, base_rate, rank, version, updated_at)"
	    " VALUES ('DBL', lower(hex(randomblob(16))), 'Double', 2, 9000, 1, 1, 0),"
	    " ('SUI', lower(hex(randomblob(16))), 'Suite', 4, 25000, 2, 1, 0);"
	    "WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i + 1 < %d)"
	    " INSERT INTO rooms (number, id, type_code, floor, clean, maint, version, updated_at)"
	    " SELECT (i / 20 + 1) * 100 + i %% 20 + 1, lower(hex(randomblob(16))),"
	    " CASE WHEN i %% 4 = 3 THEN 'SUI' ELSE 'DBL' END, i / 20 + 1, 'clean', 'none', 1, 0 FROM i;"
	    "CREATE TEMP TABLE gen AS WITH RECURSIVE k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k "
	    "< 90)"
	    " SELECT r.number AS room, r.type_code, %d + k * 4 + r.floor %% 4 AS arrival,"
	    " lower(hex(randomblob(16))) AS gid, lower(hex(randomblob(16))) AS bid,"
	    " row_number() OVER () AS n FROM rooms r, k WHERE k * 4 + r.floor %% 4 + 3 <= 365;"
	    "INSERT INTO guests (id, family, given, search_key, version, updated_at)"
	    " SELECT gid, 'Guest' || n, 'Ana', 'guest' || n || ' ana', 1, 0 FROM gen;"
	    "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure, adults, rate, "
	    "status,"
	    " version, updated_at) SELECT bid, 'C' || substr('00000' || n, -5, 5), gid, type_code, room, "
	    "arrival,"
	    " arrival + 3, 2, 9000, CASE WHEN arrival + 3 <= %d THEN 'checked_out' WHEN arrival <= %d"
	    " THEN 'checked_in' ELSE 'reserved' END, 1, 0 FROM gen;"
	    "INSERT INTO stay_nights (booking_id, night, type_code, room)"
	    " SELECT bid, arrival + g, type_code, room FROM gen, (SELECT 0 AS g UNION ALL SELECT 1 UNION ALL"
	    " SELECT 2);"
	    "DROP TABLE gen; COMMIT;",
	    g_rooms, (int)g_year, (int)g_today, (int)g_today);
	char *msg = NULL;
	bool ok = sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK;
	if (!ok)
		fprintf(stderr, "bench: loading the SQLite hotel: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_free(sql);
	sqlite3_close(db);
	return ok;
}

/* --- queries --- */

/* Availability as judging a booking reads it: inventory and rooms sold of
 * 2 types x 30 nights through the repository, night by night (range
 * false: 120 calls) or as GET /v1/availability reads it (core/avail.h: the
 * store's range call, one query a type on PostgreSQL; SQLite has none and
 * goes night by night). ms per grid (p50, p99). */
static void avail_times(const struct fd_repo *repo, bool range, double *p50, double *p99)
{
	static double t[100];
	const char *types[] = {"DBL", "SUI"};
	for (int i = 0; i < 100; i++) {
		struct fd_error err = {0};
		fd_date from = g_today + (i * 7) % 180;
		int inv[30], sold[30];
		double t0 = bench_now();
		for (int k = 0; k < 2; k++)
			if (range)
				fd_avail_nights(repo, types[k], from, from + 30, "", inv, sold, &err);
			else
				fd_avail_nights_each(repo, types[k], from, from + 30, "", inv, sold, &err);
		t[i] = bench_now() - t0;
	}
	*p50 = bench_pct(t, 100, 0.5) * 1e3;
	*p99 = bench_pct(t, 100, 0.99) * 1e3;
}

/* The board: every room with the stays over a 14-day window. */
static void board_times_pg(PGconn *c, const char *property, double *p50, double *p99, long *rows)
{
	static double t[100];
	for (int i = 0; i < 100; i++) {
		char from[16], to[16];
		snprintf(from, sizeof from, "%d", (int)(g_today + (i * 3) % 180));
		snprintf(to, sizeof to, "%d", (int)(g_today + (i * 3) % 180 + 14));
		const char *p[] = {property, from, to};
		double t0 = bench_now();
		PGresult *r = PQexecParams(
		    c,
		    "SELECT r.number, b.code, b.arrival, b.departure, b.status FROM rooms r"
		    " LEFT JOIN bookings b ON b.property_id = r.property_id AND b.room = r.number"
		    " AND b.arrival < $3::integer AND b.departure > $2::integer"
		    " AND b.status IN ('reserved', 'checked_in', 'checked_out')"
		    " WHERE r.property_id = $1 ORDER BY r.floor, r.number, b.arrival",
		    3, NULL, p, NULL, NULL, 0);
		t[i] = bench_now() - t0;
		if (i == 0)
			*rows = PQntuples(r);
		PQclear(r);
	}
	*p50 = bench_pct(t, 100, 0.5) * 1e3;
	*p99 = bench_pct(t, 100, 0.99) * 1e3;
}

static bool count_cb(void *ctx, const struct fd_booking_row *row)
{
	(void)row;
	(*(long *)ctx)++;
	return true;
}

static void board_times_sqlite(struct fd_db *db, double *p50, double *p99, long *rows)
{
	static double t[100];
	for (int i = 0; i < 100; i++) {
		struct fd_error err = {0};
		fd_date from = g_today + (i * 3) % 180;
		long n = 0;
		double t0 = bench_now();
		fd_query_board(db, from, from + 14, count_cb, &n, &err);
		t[i] = bench_now() - t0;
		if (i == 0)
			*rows = n;
	}
	*p50 = bench_pct(t, 100, 0.5) * 1e3;
	*p99 = bench_pct(t, 100, 0.99) * 1e3;
}

/* --- main --- */

static int env_int(const char *name, int def, int lo, int hi)
{
	const char *v = getenv(name);
	int n = v && *v ? atoi(v) : def;
	return n < lo ? lo : n > hi ? hi : n;
}

int main(void)
{
	g_bin = getenv("FRONTDESKD") ? getenv("FRONTDESKD") : "./frontdeskd";
	g_hotels = env_int("FD_BENCH_CHAIN_HOTELS", 20, 2, 200);
	g_rooms = env_int("FD_BENCH_CHAIN_ROOMS", 200, 20, 2000);
	g_secs = env_int("FD_BENCH_SECONDS", 4, 1, 600);
	fd_date_parse("2026-01-01", &g_year);
	fd_date_parse("2026-06-01", &g_today);
	if (!find_bindir()) {
		printf("bench_chain: skipped, PostgreSQL's initdb not found (Debian's postgresql package)\n");
		return 0;
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/fdchain.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(g_dir) || curl_global_init(CURL_GLOBAL_DEFAULT))
		return 1;
	int rc = 1;
	struct server pgs[MAX_SERVERS] = {0}, lite = {0};
	static struct client cls[CLIENTS], sq[CLIENTS], prop_a, prop_b;
	PGconn *c = NULL;
	struct fd_pg *repo_pg = NULL;
	struct fd_db *lite_db = NULL;
	double t0 = bench_now();
	printf("\nfrontdesk chain benchmark: %d hotels x %d rooms, a year of bookings each (PostgreSQL %s)\n",
	       g_hotels, g_rooms, g_bindir);
	if (pg_start()) {
		fprintf(stderr, "bench: PostgreSQL did not start (%s/pg.log)\n", g_dir);
		goto out;
	}
	if (sh("printf 'bench password\\n' > %s/pw", g_dir) ||
	    sh("%s --database '%s' init --property 'Hotel 1' --currency EUR --timezone Europe/Lisbon"
	       " --date 2026-06-01 >/dev/null",
	       g_bin, g_uri) ||
	    !(c = pg_connect()) ||
	    !pq(c, "INSERT INTO property_codes (code, property_id) SELECT 'H01', id FROM properties", 0,
	        NULL))
		goto out;
	for (int h = 2; h <= g_hotels; h++)
		if (sh("%s --database '%s' property add H%02d --name 'Hotel %d' --currency EUR --timezone "
		       "Europe/Lisbon"
		       " --date 2026-06-01 >/dev/null",
		       g_bin, g_uri, h, h))
			goto out;
	if (sh("%s --database '%s' user add bench --role admin --property H01 --password-file %s/pw "
	       ">/dev/null",
	       g_bin, g_uri, g_dir))
		goto out;
	double tl = bench_now();
	PGresult *hs =
	    PQexec(c, "SELECT p.id, c.code FROM properties p JOIN property_codes c ON c.property_id = p.id"
	              " ORDER BY c.code");
	char ids[200][40];
	int nh = PQntuples(hs);
	for (int h = 0; h < nh && h < 200; h++) {
		snprintf(ids[h], sizeof ids[h], "%s", PQgetvalue(hs, h, 0));
		if (!load_pg_hotel(c, ids[h])) {
			PQclear(hs);
			goto out;
		}
	}
	PQclear(hs);
	/* A running chain's tables are vacuumed by autovacuum; a table just
	 * filled in bulk is not yet (no visibility map, so no index-only scan). */
	pq(c, "VACUUM (ANALYZE)", 0, NULL);
	PGresult *cnt =
	    PQexec(c, "SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM stay_nights)");
	printf("loaded %s bookings, %s room-nights into PostgreSQL in %.1f s\n", PQgetvalue(cnt, 0, 0),
	       PQgetvalue(cnt, 0, 1), bench_now() - tl);
	PQclear(cnt);

	/* The machine's limits, on this cluster and this disk. */
	double pg1 = pg_limit_rate(c, 1, 2), pg1000 = pg_limit_rate(c, 1000, 2);
	double sq1 = limits_sqlite_rate(g_dir, 1, 2), sq1000 = limits_sqlite_rate(g_dir, 1000, 2);

	char srvdata[300];
	snprintf(srvdata, sizeof srvdata, "%s/srv", g_dir);
	mkdir(srvdata, 0700);
	for (int i = 0; i < MAX_SERVERS; i++)
		if (server_start(&pgs[i], srvdata, g_uri, i)) {
			fprintf(stderr, "bench: frontdeskd on PostgreSQL did not start\n");
			goto out;
		}
	/* CLIENTS devices, each of another hotel, toggling a room of it. */
	for (int i = 0; i < CLIENTS; i++) {
		char code[8];
		snprintf(code, sizeof code, "H%02d", i % nh + 1);
		if (client_new(&cls[i], pgs[0].url, NULL, code, i + 1)) {
			fprintf(stderr, "bench: enrolling a device of %s failed\n", code);
			goto out;
		}
		snprintf(cls[i].room, sizeof cls[i].room, "%d", 101 + i / nh);
	}
	double r[2][2][3]; /* [servers 1/3][batch 1/50][rate, p50, p99] */
	for (int s = 0; s < 2; s++) {
		int n_srv = s ? 3 : 1;
		for (int i = 0; i < CLIENTS; i++)
			cls[i].url = pgs[i % n_srv].url;
		for (int b = 0; b < 2; b++)
			r[s][b][0] = push_rate(cls, CLIENTS, b ? 50 : 1, &r[s][b][1], &r[s][b][2]);
	}
	/* propagation: two devices of hotel 1, through servers 1 and 2 */
	double pr50 = 0, pr99 = 0;
	if (client_new(&prop_a, pgs[0].url, NULL, "H01", 101) ||
	    client_new(&prop_b, pgs[1].url, NULL, "H01", 102))
		goto out;
	snprintf(prop_a.room, sizeof prop_a.room, "%d", 102);
	propagation(&prop_a, &prop_b, 60, &pr50, &pr99);
	/* queries on PostgreSQL, hotel 1 */
	struct fd_error err = {0};
	double pa50, pa99, pr50r, pr99r, pb50, pb99;
	long board_rows = 0;
	if (!(repo_pg = fd_pg_open(g_uri, &err))) {
		fprintf(stderr, "bench: %s\n", err.message);
		goto out;
	}
	fd_pg_use_property(repo_pg, ids[0]);
	avail_times(fd_pg_repo(repo_pg), false, &pa50, &pa99);
	avail_times(fd_pg_repo(repo_pg), true, &pr50r, &pr99r);
	board_times_pg(c, ids[0], &pb50, &pb99, &board_rows);
	for (int i = 0; i < MAX_SERVERS; i++)
		server_stop(&pgs[i]);

	/* SQLite: one hotel, the same year, one server. */
	char litedir[300], litedb[400];
	snprintf(litedir, sizeof litedir, "%s/lite", g_dir);
	snprintf(litedb, sizeof litedb, "%s/frontdeskd.db", litedir);
	if (sh("%s --data %s init --property 'Hotel S' --currency EUR --timezone Europe/Lisbon --date "
	       "2026-06-01"
	       " >/dev/null && %s --data %s user add bench --role admin --password-file %s/pw >/dev/null",
	       g_bin, litedir, g_bin, litedir, g_dir) ||
	    !load_sqlite_hotel(litedb) || server_start(&lite, litedir, NULL, 0))
		goto out;
	for (int i = 0; i < CLIENTS; i++) {
		if (client_new(&sq[i], lite.url, litedir, NULL, i + 1))
			goto out;
		snprintf(sq[i].room, sizeof sq[i].room, "%d", 101 + i);
	}
	double l[2][3];
	for (int b = 0; b < 2; b++)
		l[b][0] = push_rate(sq, CLIENTS, b ? 50 : 1, &l[b][1], &l[b][2]);
	server_stop(&lite);
	double la50, la99, lb50, lb99;
	long lite_rows = 0;
	if (!(lite_db = fd_db_open(litedb, 0, &err))) {
		fprintf(stderr, "bench: %s\n", err.message);
		goto out;
	}
	avail_times(fd_db_repo(lite_db), false, &la50, &la99);
	board_times_sqlite(lite_db, &lb50, &lb99, &lite_rows);

	printf("\n| chain: %d hotels x %d rooms, %d clients on %d hotels   | ops/s    | push p50  | push p99 "
	       " |\n",
	       g_hotels, g_rooms, CLIENTS, CLIENTS < nh ? CLIENTS : nh);
	printf(
	    "|-----------------------------------------------------|----------|-----------|-----------|\n");
	const char *names[2] = {"single-op pushes", "batches of 50"};
	for (int b = 0; b < 2; b++) {
		printf("| PostgreSQL, 1 server,  %-28s | %8.0f | %6.2f ms | %6.2f ms |\n", names[b],
		       r[0][b][0], r[0][b][1], r[0][b][2]);
		printf("| PostgreSQL, 3 servers, %-28s | %8.0f | %6.2f ms | %6.2f ms |\n", names[b],
		       r[1][b][0], r[1][b][1], r[1][b][2]);
		printf("| SQLite, 1 server (1 hotel), %-23s | %8.0f | %6.2f ms | %6.2f ms |\n", names[b],
		       l[b][0], l[b][1], l[b][2]);
	}
	printf("| limit, bare libpq loop:  %8.0f one-row commits/s | %8.0f rows/s in 1000-row commits |\n",
	       pg1, pg1000);
	printf("| limit, bare SQLite loop: %8.0f one-row commits/s | %8.0f rows/s in 1000-row commits |\n",
	       sq1, sq1000);
	printf("| (a batch commits in one transaction on both stores, each operation under a savepoint) |\n");
	printf("| propagation, device on server 1 -> device on server 2 | p50 %6.2f ms | p99 %6.2f ms |\n",
	       pr50, pr99);
	printf("| availability 2 types x 30 nights (per night) PG       | p50 %6.2f ms | p99 %6.2f ms |\n",
	       pa50, pa99);
	printf("| availability 2 types x 30 nights (range call) PG      | p50 %6.2f ms | p99 %6.2f ms |\n",
	       pr50r, pr99r);
	printf("| availability 2 types x 30 nights (per night) SQLite   | p50 %6.2f ms | p99 %6.2f ms |\n",
	       la50, la99);
	printf("| board, %d rooms x 14 days (%ld rows) PG            | p50 %6.2f ms | p99 %6.2f ms |\n",
	       g_rooms, board_rows, pb50, pb99);
	printf("| board, %d rooms x 14 days (%ld stays) SQLite        | p50 %6.2f ms | p99 %6.2f ms |\n",
	       g_rooms, lite_rows, lb50, lb99);
	printf(
	    "| growth 1 -> 3 servers: single ops x%.2f, batches x%.2f (2 cores shared by servers, clients, "
	    "PostgreSQL) |\n",
	    r[0][0][0] > 0 ? r[1][0][0] / r[0][0][0] : 0, r[0][1][0] > 0 ? r[1][1][0] / r[0][1][0] : 0);

	char lim[96];
	snprintf(lim, sizeof lim, "%.0f commits/s (bare libpq)", pg1);
	bench_figure("chain: PG single-op pushes/s, 1 server", -1, "-", lim, "%.0f ops/s", r[0][0][0]);
	bench_figure("chain: PG single-op pushes/s, 3 servers", -1, "-", lim, "%.0f ops/s", r[1][0][0]);
	snprintf(lim, sizeof lim, "%.0f rows/s (bare libpq, 1000/commit)", pg1000);
	bench_figure("chain: PG batched ops/s, 1 server", -1, "-", lim, "%.0f ops/s", r[0][1][0]);
	bench_figure("chain: PG batched ops/s, 3 servers", -1, "-", lim, "%.0f ops/s", r[1][1][0]);
	snprintf(lim, sizeof lim, "%.0f commits/s (bare SQLite)", sq1);
	bench_figure("chain: SQLite single-op pushes/s, 1 hotel", -1, "-", lim, "%.0f ops/s", l[0][0]);
	snprintf(lim, sizeof lim, "%.0f rows/s (bare SQLite, 1000/commit)", sq1000);
	bench_figure("chain: SQLite batched ops/s, 1 hotel", -1, "-", lim, "%.0f ops/s", l[1][0]);
	bench_figure("chain: propagation across servers p50/p99", -1, "-", NULL, "%.1f / %.1f ms", pr50,
	             pr99);
	bench_figure("chain: availability 60 type-nights PG/SQLite p50", -1, "-", NULL, "%.2f / %.2f ms",
	             pa50, la50);
	bench_figure("chain: availability 60 type-nights PG range call p50", -1, "-", NULL, "%.2f ms", pr50r);
	bench_figure("chain: board 14 days PG/SQLite p50", -1, "-", NULL, "%.2f / %.2f ms", pb50, lb50);
	printf("(%.0f s in all)\n", bench_now() - t0);
	rc = 0;
out:
	for (int i = 0; i < MAX_SERVERS; i++)
		server_stop(&pgs[i]);
	server_stop(&lite);
	if (lite_db)
		fd_db_close(lite_db);
	fd_pg_close(repo_pg);
	PQfinish(c);
	if (getenv("FD_BENCH_KEEP")) /* for EXPLAIN ANALYZE on the loaded chain */
		printf("kept: PostgreSQL at %s (data in %s; stop with %s%s%s%s/pg_ctl -D %s/data stop)\n",
		       g_uri, g_dir, g_owner[0] ? "runuser -u " : "", g_owner, g_owner[0] ? " -- " : "",
		       g_bindir, g_dir);
	else {
		pg_stop();
		sh("rm -rf %s", g_dir);
	}
	curl_global_cleanup();
	return rc;
}
