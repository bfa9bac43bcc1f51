// SPDX-License-Identifier: GPL-3.0-or-later
/* The machine's own limits, measured in the same run as the figures they
 * stand beside (tests/bench/figures.h): a bare SQLite loop and a trivial
 * HTTP server. */
#ifndef FD_BENCH_LIMITS_H
#define FD_BENCH_LIMITS_H

#include <netinet/in.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static inline double limits_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Rows per second a bare SQLite loop commits in dir (WAL,
 * synchronous=FULL, one prepared INSERT of a 200-byte row): rows_per_commit
 * 1 is the one-row commit rate; 1000 the batched rate. Runs about secs. */
static inline double __attribute__((unused))
limits_sqlite_rate(const char *dir, int rows_per_commit, double secs)
{
	char path[512];
	snprintf(path, sizeof path, "%s/limits-%d.db", dir, rows_per_commit);
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return 0;
	sqlite3_exec(db,
	             "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	             " CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v TEXT)",
	             NULL, NULL, NULL);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(db, "INSERT INTO t (k, v) VALUES (?1, ?2)", -1, &s, NULL);
	char v[200];
	memset(v, 'x', sizeof v);
	long rows = 0;
	double t0 = limits_now(), t = t0;
	while (t - t0 < secs) {
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		for (int i = 0; i < rows_per_commit; i++, rows++) {
			char k[48];
			snprintf(k, sizeof k, "%08lx%08lx", (unsigned long)(rows * 2654435761u),
			         (unsigned long)rows);
			sqlite3_bind_text(s, 1, k, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, v, (int)sizeof v, SQLITE_STATIC);
			sqlite3_step(s);
			sqlite3_reset(s);
		}
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		t = limits_now();
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	unlink(path);
	char side[600];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return (double)rows / (t - t0);
}

/* A trivial HTTP/1.1 server: one epoll thread answering every request on
 * a keep-alive connection with a fixed 200. Its rate, with the same client
 * as the real server's, is the machine's limit for small requests. */
struct limits_http {
	int fd, port;
	volatile int stop;
	pthread_t th;
};

static void *limits_http_main(void *arg)
{
	struct limits_http *h = arg;
	static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	                             "Content-Length: 15\r\n\r\n{\"status\":\"ok\"}";
	int ep = epoll_create1(0);
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = h->fd};
	epoll_ctl(ep, EPOLL_CTL_ADD, h->fd, &ev);
	while (!h->stop) {
		struct epoll_event evs[64];
		int n = epoll_wait(ep, evs, 64, 50);
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == h->fd) {
				int c = accept(h->fd, NULL, NULL);
				if (c >= 0) {
					struct epoll_event ce = {.events = EPOLLIN, .data.fd = c};
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
				}
				continue;
			}
			char buf[8192];
			ssize_t r = read(fd, buf, sizeof buf);
			if (r <= 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
				close(fd);
				continue;
			}
			/* One answer per request head in what arrived. */
			for (ssize_t k = 3; k < r; k++)
				if (memcmp(buf + k - 3, "\r\n\r\n", 4) == 0 &&
				    write(fd, answer, sizeof answer - 1) < 0)
					break;
		}
	}
	close(ep);
	return NULL;
}

static inline int __attribute__((unused)) limits_http_start(struct limits_http *h)
{
	memset(h, 0, sizeof *h);
	h->fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	if (h->fd < 0 || bind(h->fd, (struct sockaddr *)&a, sizeof a) || listen(h->fd, 128) ||
	    getsockname(h->fd, (struct sockaddr *)&a, &len))
		return -1;
	h->port = ntohs(a.sin_port);
	return pthread_create(&h->th, NULL, limits_http_main, h);
}

static inline void __attribute__((unused)) limits_http_stop(struct limits_http *h)
{
	h->stop = 1;
	pthread_join(h->th, NULL);
	close(h->fd);
}

#endif
