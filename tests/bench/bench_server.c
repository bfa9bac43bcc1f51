// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd benchmark: a real server (./frontdeskd, or $FRONTDESKD) on a
 * loopback port in a temporary data directory, driven over HTTP by libcurl.
 * Prints a table; asserts nothing about timings.
 *   - operations/s pushed by 8 concurrent clients, batches of 1 and of 50;
 *   - p50/p99 latency of POST /v1/ops and GET /v1/changes with 500 idle
 *     long-polls open;
 *   - server resident memory with 1,000 open long-polls;
 *   - GET /v1/health keep-alive requests/s beside a trivial epoll server.
 * Issue 18's figures go beside the machine's limits measured in the same
 * run (tests/bench/figures.h, limits.h). FD_BENCH_SECONDS: seconds per
 * push measurement (default 5). */
#include "config.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/figures.h"
#include "tests/bench/http.h"
#include "tests/bench/limits.h"

#define CLIENTS 8

static char g_url[64];
static char g_dir[128];
static const char *g_bin;
static pid_t g_pid;

static int run(const char *cmd)
{
	int rc = system(cmd);
	return rc == 0 ? 0 : -1;
}

/* A signed-in device: its token and its next device sequence. */
struct client {
	char token[64];
	long seq;
	int id;
	double *lat;
	int n_lat;
	long ops;
};

static int sign_in(CURL *c, struct client *cl)
{
	char cmd[512], name[32];
	snprintf(cmd, sizeof cmd, "%s --data %s enroll-code 2>/dev/null", g_bin, g_dir);
	snprintf(name, sizeof name, "bench-%d", cl->id);
	cl->seq = 1;
	return bench_sign_in(c, g_url, cmd, name, cl->token, sizeof cl->token);
}

/* A batch of room.set_flags toggles (cheap, always applied). */
static char *make_batch(struct client *cl, int n)
{
	size_t cap = (size_t)n * 200 + 32;
	char *s = malloc(cap);
	size_t len = (size_t)snprintf(s, cap, "{\"ops\":[");
	for (int i = 0; i < n; i++, cl->seq++)
		len += (size_t)snprintf(
		    s + len, cap - len,
		    "%s{\"op_id\":\"%08x-0000-4000-8000-%012lx\",\"device_seq\":%ld,"
		    "\"type\":\"room.set_flags\",\"payload\":{\"room\":\"%d\",\"dnd\":%s}}",
		    i ? "," : "", cl->id, cl->seq, cl->seq, 100 + cl->id, cl->seq % 2 ? "true" : "false");
	snprintf(s + len, cap - len, "]}");
	return s;
}

struct push_job {
	struct client *cl;
	int batch;
	double until;
};

static void *push_thread(void *arg)
{
	struct push_job *j = arg;
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	while (bench_now() < j->until) {
		char *body = make_batch(j->cl, j->batch);
		double t0 = bench_now();
		long st = bench_http(c, g_url, "POST", "/v1/ops", body, j->cl->token, &b);
		double dt = bench_now() - t0;
		free(body);
		if (st != 200) {
			fprintf(stderr, "bench: push answered %ld: %s\n", st, b.p ? b.p : "");
			break;
		}
		if (j->cl->n_lat < 200000)
			j->cl->lat[j->cl->n_lat++] = dt;
		j->cl->ops += j->batch;
	}
	free(b.p);
	curl_easy_cleanup(c);
	return NULL;
}

static long metric(const char *token, const char *name)
{
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	char pat[96];
	bench_http(c, g_url, "GET", "/v1/metrics", NULL, token, &b);
	snprintf(pat, sizeof pat, "\n%s ", name);
	const char *p = b.p ? strstr(b.p, pat) : NULL;
	long n = p ? strtol(p + strlen(pat), NULL, 10) : -1;
	free(b.p);
	curl_easy_cleanup(c);
	return n;
}

static double bench_push(struct client *cls, int batch, double secs)
{
	long commits0 = metric(cls[0].token, "frontdeskd_push_commits_total");
	long pushes0 = metric(cls[0].token, "frontdeskd_pushes_total");
	pthread_t th[CLIENTS];
	struct push_job jobs[CLIENTS];
	double until = bench_now() + secs, t0 = bench_now();
	for (int i = 0; i < CLIENTS; i++) {
		cls[i].ops = 0;
		cls[i].n_lat = 0;
		jobs[i] = (struct push_job){.cl = &cls[i], .batch = batch, .until = until};
		pthread_create(&th[i], NULL, push_thread, &jobs[i]);
	}
	long total = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(th[i], NULL);
		total += cls[i].ops;
	}
	double dt = bench_now() - t0;
	static double all[CLIENTS * 200000];
	int n = 0;
	for (int i = 0; i < CLIENTS; i++)
		for (int k = 0; k < cls[i].n_lat; k++)
			all[n++] = cls[i].lat[k];
	long commits = metric(cls[0].token, "frontdeskd_push_commits_total") - commits0;
	long pushes = metric(cls[0].token, "frontdeskd_pushes_total") - pushes0;
	printf("| push, %d clients, batch %-3d | %8.0f ops/s | p50 %6.2f ms | p99 %6.2f ms | %4.1f "
	       "pushes/commit |\n",
	       CLIENTS, batch, (double)total / dt, bench_pct(all, n, 0.5) * 1e3,
	       bench_pct(all, n, 0.99) * 1e3, commits > 0 ? (double)pushes / (double)commits : 0.0);
	return (double)total / dt;
}

/* Keep-alive GETs of one URL by CLIENTS threads, each on its own handle. */
struct get_job {
	const char *url;
	double until;
	long n;
};

static void *get_thread(void *arg)
{
	struct get_job *j = arg;
	CURL *c = curl_easy_init();
	struct bench_buf b = {0};
	curl_easy_setopt(c, CURLOPT_URL, j->url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bench_on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	while (bench_now() < j->until) {
		b.n = 0;
		long st = 0;
		if (curl_easy_perform(c) != CURLE_OK ||
		    (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st), st != 200))
			break;
		j->n++;
	}
	free(b.p);
	curl_easy_cleanup(c);
	return NULL;
}

static double get_rate(const char *url, double secs)
{
	pthread_t th[CLIENTS];
	struct get_job jobs[CLIENTS];
	double t0 = bench_now();
	for (int i = 0; i < CLIENTS; i++) {
		jobs[i] = (struct get_job){.url = url, .until = t0 + secs};
		pthread_create(&th[i], NULL, get_thread, &jobs[i]);
	}
	long n = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(th[i], NULL);
		n += jobs[i].n;
	}
	return (double)n / (bench_now() - t0);
}

static int cmp_ratio(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The trivial server and ours in turns, HEALTH_ROUNDS short rounds each,
 * and the median of the rounds' ratios: on a shared machine a burst of
 * someone else's work lands in one round, not in one whole side. */
#define HEALTH_ROUNDS 5

static void bench_health(double secs)
{
	struct limits_http h;
	char url[128], trivial_url[128];
	double round = secs / HEALTH_ROUNDS, ratio[HEALTH_ROUNDS] = {0}, trivial = 0, ours = 0;
	int n = 0;
	snprintf(url, sizeof url, "%s/v1/health", g_url);
	if (limits_http_start(&h) == 0) {
		snprintf(trivial_url, sizeof trivial_url, "http://127.0.0.1:%d/v1/health", h.port);
		for (int i = 0; i < HEALTH_ROUNDS; i++) {
			double t = get_rate(trivial_url, round / 2), o = get_rate(url, round / 2);
			trivial += t / HEALTH_ROUNDS;
			ours += o / HEALTH_ROUNDS;
			if (t > 0)
				ratio[n++] = o / t;
		}
		limits_http_stop(&h);
	}
	qsort(ratio, (size_t)n, sizeof *ratio, cmp_ratio);
	double median = n ? ratio[n / 2] : 0;
	printf("| GET /v1/health keep-alive, %d clients | %8.0f req/s | trivial server %8.0f req/s | median "
	       "of %d rounds %3.0f %% |\n",
	       CLIENTS, ours, trivial, n, 100.0 * median);
	char lim[64];
	snprintf(lim, sizeof lim, "%.0f req/s (trivial epoll)", trivial);
	bench_figure("server GET /v1/health keep-alive req/s", n > 0 && median >= 0.9, ">= 90 % of trivial",
	             lim, "%.0f req/s = %.0f %% (median of %d rounds, %.0f .. %.0f %%)", ours, 100.0 * median,
	             n, n ? 100.0 * ratio[0] : 0.0, n ? 100.0 * ratio[n - 1] : 0.0);
}

/* n terminals following the feed: each long-polls, and on an answer polls
 * again from its "next" (as the sync engine does). Runs in its own thread. */
struct poller {
	const char *token;
	int n;
	volatile int stop;
	pthread_t th;
	CURLM *m;
	CURL **h;
	struct bench_buf *bufs;
	struct curl_slist *hdr;
};

static void poll_arm(struct poller *p, int i, long since)
{
	char url[256];
	snprintf(url, sizeof url, "%s/v1/changes?since=%ld&wait=60&limit=1", g_url, since);
	p->bufs[i].n = 0;
	curl_easy_setopt(p->h[i], CURLOPT_URL, url);
	curl_multi_add_handle(p->m, p->h[i]);
}

static void *poller_main(void *arg)
{
	struct poller *p = arg;
	while (!p->stop) {
		int running;
		curl_multi_perform(p->m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(p->m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			int i;
			CURL *e = msg->easy_handle;
			curl_multi_remove_handle(p->m, e);
			for (i = 0; i < p->n && p->h[i] != e; i++)
				;
			const char *nx = p->bufs[i].p ? strstr(p->bufs[i].p, "\"next\":") : NULL;
			poll_arm(p, i, nx ? strtol(nx + 7, NULL, 10) : 0);
		}
		curl_multi_poll(p->m, NULL, 0, 20, NULL);
	}
	return NULL;
}

static void poller_start(struct poller *p, const char *token, int n, long since)
{
	char auth[128];
	memset(p, 0, sizeof *p);
	p->token = token;
	p->n = n;
	p->m = curl_multi_init();
	p->h = calloc((size_t)n, sizeof *p->h);
	p->bufs = calloc((size_t)n, sizeof *p->bufs);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	p->hdr = curl_slist_append(NULL, auth);
	for (int i = 0; i < n; i++) {
		p->h[i] = curl_easy_init();
		curl_easy_setopt(p->h[i], CURLOPT_HTTPHEADER, p->hdr);
		curl_easy_setopt(p->h[i], CURLOPT_WRITEFUNCTION, bench_on_data);
		curl_easy_setopt(p->h[i], CURLOPT_WRITEDATA, &p->bufs[i]);
		poll_arm(p, i, since);
	}
	pthread_create(&p->th, NULL, poller_main, p);
}

static void poller_stop(struct poller *p)
{
	p->stop = 1;
	pthread_join(p->th, NULL);
	for (int i = 0; i < p->n; i++) {
		curl_multi_remove_handle(p->m, p->h[i]);
		curl_easy_cleanup(p->h[i]);
		free(p->bufs[i].p);
	}
	free(p->h);
	free(p->bufs);
	curl_slist_free_all(p->hdr);
	curl_multi_cleanup(p->m);
}

static long server_rss_kb(void)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)g_pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

static long polls_open(CURL *c, const char *token)
{
	struct bench_buf b = {0};
	bench_http(c, g_url, "GET", "/v1/metrics", NULL, token, &b);
	const char *p = b.p ? strstr(b.p, "\nfrontdeskd_long_polls ") : NULL;
	long n = p ? strtol(p + 23, NULL, 10) : -1;
	free(b.p);
	return n;
}

static long current_seq(CURL *c)
{
	struct bench_buf b = {0};
	bench_http(c, g_url, "GET", "/v1/health", NULL, NULL, &b);
	const char *p = b.p ? strstr(b.p, "\"seq\":") : NULL;
	long seq = p ? strtol(p + 6, NULL, 10) : 0;
	free(b.p);
	return seq;
}

/* Wait until the server reports want polls parked (up to 10 s). */
static long settle(CURL *c, const char *token, long want)
{
	long open = 0;
	for (int i = 0; i < 200 && (open = polls_open(c, token)) < want; i++)
		usleep(50000);
	return open;
}

static void bench_latency(struct client *cl, int polls)
{
	CURL *c = curl_easy_init();
	struct poller p;
	poller_start(&p, cl[1].token, polls, current_seq(c));
	long open = settle(c, cl[0].token, polls);
	static double feed[500], push[500];
	struct bench_buf b = {0};
	long seq = current_seq(c);
	for (int i = 0; i < 500; i++) {
		char path[96];
		snprintf(path, sizeof path, "/v1/changes?since=%ld&limit=100", seq > 50 ? seq - 50 : 0);
		double t0 = bench_now();
		bench_http(c, g_url, "GET", path, NULL, cl[0].token, &b);
		feed[i] = bench_now() - t0;
	}
	printf("| GET /v1/changes, %4ld idle long-polls      | p50 %6.2f ms | p99 %6.2f ms |\n", open,
	       bench_pct(feed, 500, 0.5) * 1e3, bench_pct(feed, 500, 0.99) * 1e3);
	/* Each push wakes every poll (they all follow the feed) and they
	 * re-poll: the push's latency includes that fan-out. */
	for (int i = 0; i < 200; i++) {
		settle(c, cl[0].token, polls * 9 / 10);
		char *body = make_batch(&cl[0], 1);
		double t0 = bench_now();
		bench_http(c, g_url, "POST", "/v1/ops", body, cl[0].token, &b);
		push[i] = bench_now() - t0;
		free(body);
	}
	printf("| POST /v1/ops, %4d long-polls following   | p50 %6.2f ms | p99 %6.2f ms |\n", polls,
	       bench_pct(push, 200, 0.5) * 1e3, bench_pct(push, 200, 0.99) * 1e3);
	poller_stop(&p);
	free(b.p);
	curl_easy_cleanup(c);
}

static void bench_rss(struct client *cl, int polls)
{
	CURL *c = curl_easy_init();
	long before = server_rss_kb();
	struct poller p;
	poller_start(&p, cl[1].token, polls, current_seq(c));
	long open = settle(c, cl[0].token, polls);
	long after = server_rss_kb();
	printf("| RSS with %4ld open long-polls            | %6.1f MB (before %5.1f MB)  |\n", open,
	       (double)after / 1024, (double)before / 1024);
	poller_stop(&p);
	curl_easy_cleanup(c);
}

static int start_server(void)
{
	char log[192];
	snprintf(log, sizeof log, "%s/server.log", g_dir);
	g_pid = fork();
	if (g_pid == 0) {
		if (!freopen(log, "w", stderr))
			_exit(127);
		const char *threads = getenv("BENCH_THREADS") ? getenv("BENCH_THREADS") : "16";
		execl(g_bin, g_bin, "--data", g_dir, "--per-ip-connections", "3000", "--threads", threads,
		      "serve", "--listen", "127.0.0.1:0", (char *)NULL);
		_exit(127);
	}
	return bench_server_url(log, 100, g_url, sizeof g_url);
}

int main(void)
{
	g_bin = getenv("FRONTDESKD") ? getenv("FRONTDESKD") : "./frontdeskd";
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	snprintf(g_dir, sizeof g_dir, "/tmp/fdbench.XXXXXX");
	if (!mkdtemp(g_dir))
		return 1;
	char cmd[1024];
	snprintf(
	    cmd, sizeof cmd,
	    "printf 'bench password\\n' > %s/pw && %s --data %s/d init --property Bench --currency EUR"
	    " --timezone UTC >/dev/null && %s --data %s/d user add bench --role admin --password-file %s/pw"
	    " >/dev/null",
	    g_dir, g_bin, g_dir, g_bin, g_dir, g_dir);
	if (run(cmd)) {
		fprintf(stderr, "bench: cannot set up a hotel with %s\n", g_bin);
		return 1;
	}
	strncat(g_dir, "/d", sizeof g_dir - strlen(g_dir) - 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (start_server()) {
		fprintf(stderr, "bench: server did not start\n");
		return 1;
	}
	CURL *c = curl_easy_init();
	struct client cls[CLIENTS] = {0};
	for (int i = 0; i < CLIENTS; i++) {
		cls[i].id = i + 1;
		cls[i].lat = calloc(200000, sizeof *cls[i].lat);
		if (sign_in(c, &cls[i])) {
			fprintf(stderr, "bench: sign-in failed\n");
			kill(g_pid, SIGKILL);
			return 1;
		}
	}
	/* fixture: a room type and one room per client */
	struct bench_buf b = {0};
	char body[8192];
	size_t len =
	    (size_t)snprintf(body, sizeof body,
	                     "{\"ops\":[{\"op_id\":\"00000000-0000-4000-8000-000000000001\","
	                     "\"device_seq\":1,\"type\":\"room_type.create\",\"payload\":{\"id\":"
	                     "\"00000000-0000-4000-8000-0000000000aa\",\"code\":\"STD\",\"name\":\"S\","
	                     "\"max_occupancy\":2,\"base_rate\":100}}");
	for (int i = 1; i <= CLIENTS; i++)
		len += (size_t)snprintf(
		    body + len, sizeof body - len,
		    ",{\"op_id\":\"00000000-0000-4000-8000-0000000001%02d\",\"device_seq\":%d,"
		    "\"type\":\"room.create\",\"payload\":{\"id\":\"00000000-0000-4000-8000-0000000002%02d\","
		    "\"number\":\"%d\",\"type\":\"STD\",\"floor\":1}}",
		    i, i + 1, i, 100 + i);
	snprintf(body + len, sizeof body - len, "]}");
	/* the fixture goes through a ninth device so the clients' sequences stay clean */
	struct client setup = {.id = 99};
	sign_in(c, &setup);
	if (bench_http(c, g_url, "POST", "/v1/ops", body, setup.token, &b) != 200) {
		fprintf(stderr, "bench: fixture failed: %s\n", b.p);
		kill(g_pid, SIGKILL);
		return 1;
	}
	free(b.p);
	curl_easy_cleanup(c);

	printf("frontdeskd benchmark (%s, loopback, %d clients)\n", g_bin, CLIENTS);
	printf("|-------------------------------------------------------------------------|\n");
	double secs = getenv("FD_BENCH_SECONDS") ? atof(getenv("FD_BENCH_SECONDS")) : 5.0;
	if (secs <= 0)
		secs = 5.0;
	/* The machine's commit rates, on the same disk as the server's data. */
	double one_row = limits_sqlite_rate(g_dir, 1, secs / 2);
	double batched = limits_sqlite_rate(g_dir, 1000, secs / 2);
	char lim[80];
	double single = bench_push(cls, 1, secs);
	snprintf(lim, sizeof lim, "%.0f one-row commits/s (bare SQLite, FULL)", one_row);
	bench_figure("single-operation pushes/s, synchronous=FULL", single >= 3 * one_row,
	             ">= 3 x one-row commits", lim, "%.0f ops/s = %.1f x", single,
	             one_row > 0 ? single / one_row : 0.0);
	double many = bench_push(cls, 50, secs);
	snprintf(lim, sizeof lim, "%.0f rows/s (bare SQLite, 1000-row commits)", batched);
	bench_figure("batched operations/s (8 clients, 50 per push)", many >= 50000, ">= 50,000", lim,
	             "%.0f ops/s", many);
	bench_health(secs);
	bench_latency(cls, 500);
	bench_rss(cls, 1000);
	printf("|-------------------------------------------------------------------------|\n");
	kill(g_pid, SIGTERM);
	int status;
	waitpid(g_pid, &status, 0);
	for (int i = 0; i < CLIENTS; i++)
		free(cls[i].lat);
	curl_global_cleanup();
	snprintf(cmd, sizeof cmd, "rm -rf %.*s", (int)(strlen(g_dir) - 2), g_dir);
	run(cmd);
	return 0;
}
