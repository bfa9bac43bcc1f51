// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: sign-in and enrolment throttling shared by
 * every server (srv_throttle), so a terminal cannot multiply its tries by
 * spreading them over the servers behind the balancer. The rules are the
 * SQLite server's (auth.c): per account (10 free tries, then at most 5 s),
 * per account and source (3 free, up to a minute), per source (10 free, up
 * to a minute), the delay doubling from 2 s, forgotten after 15 quiet
 * minutes; a success clears the account's counts. Each failure is one
 * statement per key (an upsert), so two servers counting at once lose no
 * try. When the database cannot be reached the process's own counts
 * (auth.c) stand in. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg/pg.h"
#include "server/server.h"

static void keys(const char *user, const char *source, char k[3][FD_USER_LEN + 80])
{
	snprintf(k[0], sizeof k[0], "u:%s", user);
	snprintf(k[1], sizeof k[1], "p:%s|%s", user, source);
	snprintf(k[2], sizeof k[2], "i:%s", source);
}

int64_t srv_pg_throttle_wait(struct srv *s, const char *user, const char *source)
{
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	char k[3][FD_USER_LEN + 80], now[24];
	keys(user, source, k);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	static const char sql[] = "SELECT coalesce(max(next_ok), 0) - $4::bigint FROM srv_throttle"
	                          " WHERE key IN ($1, $2, $3) AND $4::bigint - last <= 900";
	const char *p[] = {k[0], k[1], k[2], now};
	PGresult *q;
	if (!pg || fd_pg_run(pg, sql, 4, p, &q, "reading the sign-in throttle", &err))
		return srv_throttle_wait(s, user, source);
	int64_t wait = strtoll(PQgetvalue(q, 0, 0), NULL, 10);
	PQclear(q);
	return wait > 0 ? wait : 0;
}

void srv_pg_throttle_note(struct srv *s, const char *user, const char *source, bool ok)
{
	static const struct {
		const char *free_tries, *cap;
	} rules[3] = {{"10", "5"}, {"3", "60"}, {"10", "60"}};
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	char k[3][FD_USER_LEN + 80], now[24];
	keys(user, source, k);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	if (!pg) {
		srv_throttle_note(s, user, source, ok);
		return;
	}
	if (ok) {
		static const char clear[] = "DELETE FROM srv_throttle WHERE key IN ($1, $2)";
		const char *p[] = {k[0], k[1]};
		fd_pg_do(pg, clear, 2, p, "clearing the sign-in throttle", NULL);
		return;
	}
	/* n: this failure's count (1 after a quiet spell); the delay is
	 * 0 below the free tries, then 2 << (n - free), at most cap. */
	static const char fail_sql[] =
	    "INSERT INTO srv_throttle AS t (key, fails, last, next_ok) VALUES ($1, 1, $2::bigint,"
	    " $2::bigint + CASE WHEN 1 < $3::int THEN 0 ELSE least($4::bigint, 2::bigint << least(1 - "
	    "$3::int, 10))"
	    " END) ON CONFLICT (key) DO UPDATE SET"
	    " fails = CASE WHEN $2::bigint - t.last > 900 THEN 1 ELSE t.fails + 1 END, last = $2::bigint,"
	    " next_ok = $2::bigint + CASE WHEN (CASE WHEN $2::bigint - t.last > 900 THEN 1 ELSE t.fails + 1 "
	    "END)"
	    "  < $3::int THEN 0 ELSE least($4::bigint, 2::bigint << least((CASE WHEN $2::bigint - t.last > "
	    "900"
	    "  THEN 1 ELSE t.fails + 1 END) - $3::int, 10)) END";
	static const char stale[] = "DELETE FROM srv_throttle WHERE last < $1::bigint - 900";
	const char *sp[] = {now};
	fd_pg_do(pg, stale, 1, sp, "forgetting old sign-in failures", NULL);
	for (int i = 0; i < 3; i++) {
		const char *p[] = {k[i], now, rules[i].free_tries, rules[i].cap};
		if (fd_pg_do(pg, fail_sql, 4, p, "counting a failed sign-in", &err)) {
			srv_throttle_note(s, user, source, ok);
			return;
		}
	}
}
