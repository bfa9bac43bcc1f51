// SPDX-License-Identifier: GPL-3.0-or-later
/* The benchmarks' HTTP client (see http.h). */
#include "config.h"

#include "tests/bench/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t bench_on_data(char *d, size_t sz, size_t n, void *ctx)
{
	struct bench_buf *b = ctx;
	char *q = realloc(b->p, b->n + sz * n + 1);
	if (!q)
		return 0;
	memcpy(q + b->n, d, sz * n);
	b->p = q;
	b->n += sz * n;
	b->p[b->n] = '\0';
	return sz * n;
}

long bench_http(CURL *c, const char *base, const char *method, const char *path, const char *body,
                const char *token, struct bench_buf *out)
{
	char url[300], auth[128];
	struct curl_slist *h = NULL;
	snprintf(url, sizeof url, "%s%s", base, path);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
	out->n = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (!body)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, bench_on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	return status;
}

void bench_json_str(const char *body, const char *key, char *out, size_t size)
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

long bench_json_long(const char *body, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":", key);
	const char *p = body ? strstr(body, pat) : NULL;
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double bench_pct(double *v, int n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return v[(int)(p * (n - 1))];
}

int bench_server_url(const char *log, int tries, char *url, size_t size)
{
	for (int i = 0; i < tries; i++) {
		usleep(50000);
		FILE *f = fopen(log, "r");
		char line[256];
		while (f && fgets(line, sizeof line, f)) {
			const char *p = strstr(line, "listening on 127.0.0.1:");
			if (p) {
				snprintf(url, size, "http://127.0.0.1:%d", atoi(p + 23));
				fclose(f);
				return 0;
			}
		}
		if (f)
			fclose(f);
	}
	return -1;
}

int bench_sign_in(CURL *c, const char *base, const char *enroll_cmd, const char *name, char *token,
                  size_t size)
{
	char code[128] = "", body[256], dev[80];
	FILE *p = popen(enroll_cmd, "r");
	if (!p || !fgets(code, sizeof code, p)) {
		if (p)
			pclose(p);
		return -1;
	}
	pclose(p);
	code[strcspn(code, "\n")] = '\0';
	struct bench_buf b = {0};
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"%s\"}", code, name);
	bench_http(c, base, "POST", "/v1/devices", body, NULL, &b);
	bench_json_str(b.p, "token", dev, sizeof dev);
	bench_http(c, base, "POST", "/v1/sessions",
	           "{\"username\":\"bench\",\"password\":\"bench password\"}", dev, &b);
	bench_json_str(b.p, "token", token, size);
	free(b.p);
	return token[0] ? 0 : -1;
}
