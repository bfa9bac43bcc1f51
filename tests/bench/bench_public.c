// SPDX-License-Identifier: GPL-3.0-or-later
/* The public booking side under load: a real frontdeskd (./frontdeskd, or
 * $FRONTDESKD) on loopback, driven by libcurl. Bounded (about 15 s), prints
 * a table, asserts nothing about timings.
 *   1. GET /v1/public/availability from 4 clients for 3 s (no rate limit):
 *      requests/s, p50, p99;
 *   2. the same server limiting each address (public-rate 120 a minute):
 *      a flood from 127.0.0.2 for 4 s, answered 429 past the limit, while
 *      a desk on 127.0.0.1 pushes and pulls its sync as before: the desk's
 *      p50/p99 before and during the flood. */
#include "config.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/http.h"

#define CLIENTS 4
#define MAX_LAT 400000

static char g_url[64], g_dir[128];
static const char *g_bin;
static pid_t g_pid;

static int start_server(const char *rate)
{
	char log[192];
	snprintf(log, sizeof log, "%s/server.log", g_dir);
	g_pid = fork();
	if (g_pid == 0) {
		if (!freopen(log, "w", stderr))
			_exit(127);
		execl(g_bin, g_bin, "--data", g_dir, "--per-ip-connections", "200", "--public-rate", rate,
		      "serve", "--listen", "127.0.0.1:0", (char *)NULL);
		_exit(127);
	}
	return bench_server_url(log, 100, g_url, sizeof g_url);
}

static void stop_server(void)
{
	kill(g_pid, SIGTERM);
	waitpid(g_pid, NULL, 0);
}

static int sign_in(CURL *c, char token[64])
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s --data %s enroll-code 2>/dev/null", g_bin, g_dir);
	return bench_sign_in(c, g_url, cmd, "bench-desk", token, 64);
}

/* --- availability load --- */

struct load {
	const char *from; /* the client's address (CURLOPT_INTERFACE), or NULL */
	double until;
	double *lat;
	int n;
	long ok, limited, other;
};

static void *load_main(void *arg)
{
	struct load *l = arg;
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	if (l->from)
		curl_easy_setopt(c, CURLOPT_INTERFACE, l->from);
	for (int i = 0; bench_now() < l->until; i++) {
		char path[160];
		/* stays of 1 to 7 nights over the next weeks, 1 or 2 adults */
		snprintf(path, sizeof path,
		         "/v1/public/availability?arrive=2030-01-%02d&depart=2030-01-%02d&adults=%d",
		         1 + i % 20, 2 + i % 20 + i % 7, 1 + i % 2);
		double t0 = bench_now();
		long st = bench_http(c, g_url, "GET", path, NULL, NULL, &b);
		if (l->n < MAX_LAT)
			l->lat[l->n++] = bench_now() - t0;
		if (st == 200)
			l->ok++;
		else if (st == 429)
			l->limited++;
		else
			l->other++;
	}
	free(b.p);
	curl_easy_cleanup(c);
	return NULL;
}

/* --- the desk's sync meanwhile --- */

struct desk {
	const char *token;
	double until;
	long seq;
	double lat[20000];
	int n;
	long failed;
};

static void *desk_main(void *arg)
{
	struct desk *d = arg;
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	while (bench_now() < d->until && d->n < 20000) {
		char body[400], path[96];
		snprintf(body, sizeof body,
		         "{\"ops\":[{\"op_id\":\"0000b00c-0000-4000-8000-%012lx\",\"device_seq\":%ld,"
		         "\"type\":\"room.set_flags\",\"payload\":{\"room\":\"101\",\"dnd\":%s}}]}",
		         d->seq, d->seq, d->seq % 2 ? "true" : "false");
		double t0 = bench_now();
		long st = bench_http(c, g_url, "POST", "/v1/ops", body, d->token, &b);
		snprintf(path, sizeof path, "/v1/changes?since=0&limit=50");
		long st2 = bench_http(c, g_url, "GET", path, NULL, d->token, &b);
		d->lat[d->n++] = bench_now() - t0;
		if (st != 200 || st2 != 200)
			d->failed++;
		d->seq++;
		usleep(20000); /* a desk syncs now and then, not in a loop */
	}
	free(b.p);
	curl_easy_cleanup(c);
	return NULL;
}

static void run_desk(struct desk *d, double secs)
{
	d->n = 0;
	d->until = bench_now() + secs;
	desk_main(d);
}

int main(void)
{
	g_bin = getenv("FRONTDESKD") ? getenv("FRONTDESKD") : "./frontdeskd";
	snprintf(g_dir, sizeof g_dir, "/tmp/fdbench-public.XXXXXX");
	if (!mkdtemp(g_dir))
		return 1;
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	         "printf 'bench password\\n' > %s/pw && %s --data %s/d init --property Bench --currency EUR"
	         " --timezone UTC --date 2029-12-01 >/dev/null && %s --data %s/d user add bench --role admin"
	         " --password-file %s/pw >/dev/null",
	         g_dir, g_bin, g_dir, g_bin, g_dir, g_dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "bench: cannot set up a hotel with %s\n", g_bin);
		return 1;
	}
	char top[128];
	snprintf(top, sizeof top, "%s", g_dir);
	strncat(g_dir, "/d", sizeof g_dir - strlen(g_dir) - 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (start_server("1000000")) {
		fprintf(stderr, "bench: server did not start\n");
		return 1;
	}
	CURL *c = curl_easy_init();
	char token[64] = "";
	if (sign_in(c, token)) {
		fprintf(stderr, "bench: sign-in failed\n");
		stop_server();
		return 1;
	}
	/* four room types of five rooms, a few bookings */
	char body[16384];
	size_t len = (size_t)snprintf(body, sizeof body, "{\"ops\":[");
	int seq = 1;
	const char *types[] = {"SGL", "DBL", "TWN", "SUI"};
	for (int t = 0; t < 4; t++) {
		len += (size_t)snprintf(
		    body + len, sizeof body - len,
		    "%s{\"op_id\":\"0000a000-0000-4000-8000-%012d\",\"device_seq\":%d,"
		    "\"type\":\"room_type.create\",\"payload\":{\"id\":\"0000a001-0000-4000-"
		    "8000-%012d\",\"code\":\"%s\",\"name\":\"%s\",\"max_occupancy\":%d,"
		    "\"base_rate\":%d}}",
		    seq > 1 ? "," : "", seq, seq, t, types[t], types[t], t == 0 ? 1 : t + 1, 8000 + 3000 * t);
		seq++;
		for (int r = 0; r < 5; r++, seq++)
			len += (size_t)snprintf(
			    body + len, sizeof body - len,
			    ",{\"op_id\":\"0000a000-0000-4000-8000-%012d\",\"device_seq\":%d,"
			    "\"type\":\"room.create\",\"payload\":{\"id\":\"0000a002-0000-4000-8000-"
			    "%012d\",\"number\":\"%d\",\"type\":\"%s\",\"floor\":%d}}",
			    seq, seq, seq, 101 + 100 * t + r, types[t], t + 1);
	}
	snprintf(body + len, sizeof body - len, "]}");
	struct bench_buf b = {0};
	if (bench_http(c, g_url, "POST", "/v1/ops", body, token, &b) != 200) {
		fprintf(stderr, "bench: fixture failed: %s\n", b.p ? b.p : "");
		stop_server();
		return 1;
	}
	free(b.p);
	curl_easy_cleanup(c);

	printf("frontdeskd public booking benchmark (%s, loopback)\n", g_bin);
	printf("|------------------------------------------------------------------------------------|\n");
	/* 1: throughput of availability, no limit */
	pthread_t th[CLIENTS];
	struct load loads[CLIENTS];
	double t0 = bench_now(), until = t0 + 3.0;
	for (int i = 0; i < CLIENTS; i++) {
		loads[i] = (struct load){.until = until, .lat = calloc(MAX_LAT, sizeof(double))};
		pthread_create(&th[i], NULL, load_main, &loads[i]);
	}
	long ok = 0, other = 0;
	static double all[CLIENTS * MAX_LAT];
	int n = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(th[i], NULL);
		ok += loads[i].ok;
		other += loads[i].other + loads[i].limited;
		memcpy(all + n, loads[i].lat, (size_t)loads[i].n * sizeof(double));
		n += loads[i].n;
		free(loads[i].lat);
	}
	double dt = bench_now() - t0;
	printf("| GET /v1/public/availability, %d clients | %7.0f req/s | p50 %6.2f ms | p99 %6.2f ms | %ld "
	       "not 200 |\n",
	       CLIENTS, (double)ok / dt, bench_pct(all, n, 0.5) * 1e3, bench_pct(all, n, 0.99) * 1e3, other);
	stop_server();

	/* 2: a flood from one address, limited, while a desk syncs */
	if (start_server("120")) {
		fprintf(stderr, "bench: server did not restart\n");
		return 1;
	}
	static struct desk desk;
	desk.token = token;
	desk.seq = seq;
	run_desk(&desk, 2.0);
	int nb = desk.n;
	double before50 = bench_pct(desk.lat, nb, 0.5), before99 = bench_pct(desk.lat, nb, 0.99);
	long failed_before = desk.failed;
	desk.failed = 0;
	until = bench_now() + 4.0;
	for (int i = 0; i < CLIENTS; i++) {
		loads[i] = (struct load){
		    .from = "127.0.0.2", .until = until, .lat = calloc(MAX_LAT, sizeof(double))};
		pthread_create(&th[i], NULL, load_main, &loads[i]);
	}
	usleep(500000); /* the flood is under way */
	run_desk(&desk, 3.0);
	long fok = 0, limited = 0, fother = 0;
	n = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(th[i], NULL);
		fok += loads[i].ok;
		limited += loads[i].limited;
		fother += loads[i].other;
		memcpy(all + n, loads[i].lat, (size_t)loads[i].n * sizeof(double));
		n += loads[i].n;
		free(loads[i].lat);
	}
	printf("| flood from 127.0.0.2, %d clients, 4 s   | %6ld answered | %6ld limited (429) | p99 %6.2f "
	       "ms | %ld other |\n",
	       CLIENTS, fok, limited, bench_pct(all, n, 0.99) * 1e3, fother);
	printf("| desk sync (push + pull) before flood    | %6d rounds | p50 %6.2f ms | p99 %6.2f ms | %ld "
	       "failed |\n",
	       nb, before50 * 1e3, before99 * 1e3, failed_before);
	printf("| desk sync (push + pull) during flood    | %6d rounds | p50 %6.2f ms | p99 %6.2f ms | %ld "
	       "failed |\n",
	       desk.n, bench_pct(desk.lat, desk.n, 0.5) * 1e3, bench_pct(desk.lat, desk.n, 0.99) * 1e3,
	       desk.failed);
	stop_server();
	snprintf(cmd, sizeof cmd, "rm -rf %s", top);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", top);
	curl_global_cleanup();
	return 0;
}
