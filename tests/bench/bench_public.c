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

#define CLIENTS 4
#define MAX_LAT 400000

static char g_url[64], g_dir[128];
static const char *g_bin;
static pid_t g_pid;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct buf {
	char *p;
	size_t n;
};

static size_t on_data(char *d, size_t sz, size_t n, void *ctx)
{
	struct buf *b = ctx;
	char *q = realloc(b->p, b->n + sz * n + 1);
	if (!q)
		return 0;
	memcpy(q + b->n, d, sz * n);
	b->p = q;
	b->n += sz * n;
	b->p[b->n] = '\0';
	return sz * n;
}

static long http(CURL *c, const char *method, const char *path, const char *body, const char *token,
                 struct buf *out)
{
	char url[256], auth[128];
	struct curl_slist *h = NULL;
	snprintf(url, sizeof url, "%s%s", g_url, path);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Expect:");
	out->n = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (!body)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	return status;
}

static void json_str(const char *body, const char *key, char *out, size_t size)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	const char *p = body ? strstr(body, pat) : NULL;
	out[0] = '\0';
	if (!p)
		return;
	p += strlen(pat);
	size_t n = strcspn(p, "\"");
	snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return v[(int)(p * (n - 1))];
}

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
	for (int i = 0; i < 100; i++) {
		usleep(50000);
		FILE *f = fopen(log, "r");
		char line[256];
		while (f && fgets(line, sizeof line, f)) {
			const char *p = strstr(line, "listening on 127.0.0.1:");
			if (p) {
				snprintf(g_url, sizeof g_url, "http://127.0.0.1:%d", atoi(p + 23));
				fclose(f);
				return 0;
			}
		}
		if (f)
			fclose(f);
	}
	return -1;
}

static void stop_server(void)
{
	kill(g_pid, SIGTERM);
	waitpid(g_pid, NULL, 0);
}

static int sign_in(CURL *c, char token[64])
{
	char cmd[512], code[128] = "", body[256], dev[64];
	snprintf(cmd, sizeof cmd, "%s --data %s enroll-code 2>/dev/null", g_bin, g_dir);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(code, sizeof code, p)) {
		if (p)
			pclose(p);
		return -1;
	}
	pclose(p);
	code[strcspn(code, "\n")] = '\0';
	struct buf b = {0};
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"bench-desk\"}", code);
	http(c, "POST", "/v1/devices", body, NULL, &b);
	json_str(b.p, "token", dev, sizeof dev);
	http(c, "POST", "/v1/sessions", "{\"username\":\"bench\",\"password\":\"bench password\"}", dev, &b);
	json_str(b.p, "token", token, 64);
	free(b.p);
	return token[0] ? 0 : -1;
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
	struct buf b = {0};
	if (l->from)
		curl_easy_setopt(c, CURLOPT_INTERFACE, l->from);
	for (int i = 0; now_s() < l->until; i++) {
		char path[160];
		/* stays of 1 to 7 nights over the next weeks, 1 or 2 adults */
		snprintf(path, sizeof path,
		         "/v1/public/availability?arrive=2030-01-%02d&depart=2030-01-%02d&adults=%d",
		         1 + i % 20, 2 + i % 20 + i % 7, 1 + i % 2);
		double t0 = now_s();
		long st = http(c, "GET", path, NULL, NULL, &b);
		if (l->n < MAX_LAT)
			l->lat[l->n++] = now_s() - t0;
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
	struct buf b = {0};
	while (now_s() < d->until && d->n < 20000) {
		char body[400], path[96];
		snprintf(body, sizeof body,
		         "{\"ops\":[{\"op_id\":\"0000b00c-0000-4000-8000-%012lx\",\"device_seq\":%ld,"
		         "\"type\":\"room.set_flags\",\"payload\":{\"room\":\"101\",\"dnd\":%s}}]}",
		         d->seq, d->seq, d->seq % 2 ? "true" : "false");
		double t0 = now_s();
		long st = http(c, "POST", "/v1/ops", body, d->token, &b);
		snprintf(path, sizeof path, "/v1/changes?since=0&limit=50");
		long st2 = http(c, "GET", path, NULL, d->token, &b);
		d->lat[d->n++] = now_s() - t0;
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
	d->until = now_s() + secs;
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
	struct buf b = {0};
	if (http(c, "POST", "/v1/ops", body, token, &b) != 200) {
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
	double t0 = now_s(), until = t0 + 3.0;
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
	double dt = now_s() - t0;
	printf("| GET /v1/public/availability, %d clients | %7.0f req/s | p50 %6.2f ms | p99 %6.2f ms | %ld "
	       "not 200 |\n",
	       CLIENTS, (double)ok / dt, pct(all, n, 0.5) * 1e3, pct(all, n, 0.99) * 1e3, other);
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
	double before50 = pct(desk.lat, nb, 0.5), before99 = pct(desk.lat, nb, 0.99);
	long failed_before = desk.failed;
	desk.failed = 0;
	until = now_s() + 4.0;
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
	       CLIENTS, fok, limited, pct(all, n, 0.99) * 1e3, fother);
	printf("| desk sync (push + pull) before flood    | %6d rounds | p50 %6.2f ms | p99 %6.2f ms | %ld "
	       "failed |\n",
	       nb, before50 * 1e3, before99 * 1e3, failed_before);
	printf("| desk sync (push + pull) during flood    | %6d rounds | p50 %6.2f ms | p99 %6.2f ms | %ld "
	       "failed |\n",
	       desk.n, pct(desk.lat, desk.n, 0.5) * 1e3, pct(desk.lat, desk.n, 0.99) * 1e3, desk.failed);
	stop_server();
	snprintf(cmd, sizeof cmd, "rm -rf %s", top);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", top);
	curl_global_cleanup();
	return 0;
}
