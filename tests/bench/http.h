// SPDX-License-Identifier: GPL-3.0-or-later
/* What the benchmarks that drive a real frontdeskd over HTTP share
 * (bench_public, bench_server, bench_chain): the clock, one libcurl
 * request, a value from a JSON answer, a percentile, the started server's
 * address, and a signed-in device. One copy, so that the figures of the
 * three are measured the same way. */
#ifndef FD_BENCH_HTTP_H
#define FD_BENCH_HTTP_H

#include <curl/curl.h>
#include <stddef.h>

/* Seconds on the monotonic clock. */
double bench_now(void);

/* An answer's body, grown as it comes; the caller frees p. */
struct bench_buf {
	char *p;
	size_t n;
};

/* A CURLOPT_WRITEFUNCTION that appends to the struct bench_buf in
 * CURLOPT_WRITEDATA, kept NUL-terminated. */
size_t bench_on_data(char *d, size_t sz, size_t n, void *ctx);

/* One request to base + path on a reused handle (keep-alive); body NULL
 * is a GET. Returns the HTTP status, 0 when no answer came; the body is
 * in *out. */
long bench_http(CURL *c, const char *base, const char *method, const char *path, const char *body,
                const char *token, struct bench_buf *out);

/* The string value of "key" in a JSON text ("" when absent); a scan, not
 * a parser: the answers it reads are the server's own, flat and known. */
void bench_json_str(const char *body, const char *key, char *out, size_t size);
/* The number value of "key", -1 when absent. */
long bench_json_long(const char *body, const char *key);

/* The p-th fraction (0.5, 0.99) of n values; sorts v. 0 when n is 0. */
double bench_pct(double *v, int n, double p);

/* Waits for a frontdeskd started with --listen 127.0.0.1:0 to write its
 * port to log (tries times 50 ms); puts its base URL in url. 0, or -1
 * when it never did. */
int bench_server_url(const char *log, int tries, char *url, size_t size);

/* A device enrolled with the code enroll_cmd prints, named name, and a
 * session of the user bench (password "bench password") on it: its token
 * in token. 0, or -1 when any step failed. */
int bench_sign_in(CURL *c, const char *base, const char *enroll_cmd, const char *name, char *token,
                  size_t size);

#endif
