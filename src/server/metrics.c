// SPDX-License-Identifier: GPL-3.0-or-later
/* The metrics of GET /v1/metrics besides the request counters of http.c:
 * the build, the process (from /proc/self, as Prometheus' client
 * libraries name them), each terminal's sync lag and outbox, and how far
 * the night audit is behind the calendar. Alert rules that use them:
 * data/prometheus/frontdeskd-alerts.yml. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "server/server.h"
#include "store/query.h"

static time_t started;

void srv_metrics_started(void)
{
	started = time(NULL);
}

/* A label value as the text format wants it: \, " and newline escaped. */
static void label(FILE *f, const char *v)
{
	for (; v && *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f), fputc(*v, f);
		else if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
}

static void process_metrics(FILE *f)
{
	long tick = sysconf(_SC_CLK_TCK), page = sysconf(_SC_PAGESIZE);
	char buf[1024];
	FILE *st = fopen("/proc/self/stat", "r");
	size_t n = st ? fread(buf, 1, sizeof buf - 1, st) : 0;
	if (st)
		fclose(st);
	buf[n] = '\0';
	/* after "(comm)": field 3 is the state; utime 14, stime 15, vsize 23, rss 24 */
	const char *p = strrchr(buf, ')');
	unsigned long long utime = 0, stime = 0, vsize = 0;
	long long rss = 0;
	if (p &&
	    sscanf(p + 2,
	           "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d %*d %*d %*d %*d %*u %llu "
	           "%lld",
	           &utime, &stime, &vsize, &rss) == 4 &&
	    tick > 0) {
		fprintf(f,
		        "# HELP process_cpu_seconds_total User and system CPU time spent in seconds.\n"
		        "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total %.2f\n",
		        (double)(utime + stime) / (double)tick);
		fprintf(f,
		        "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
		        "# TYPE process_virtual_memory_bytes gauge\nprocess_virtual_memory_bytes %llu\n",
		        vsize);
		fprintf(f,
		        "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
		        "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes %lld\n",
		        rss * page);
	}
	DIR *d = opendir("/proc/self/fd");
	if (d) {
		long fds = -1; /* the directory's own descriptor */
		for (struct dirent *e; (e = readdir(d));)
			if (e->d_name[0] != '.')
				fds++;
		closedir(d);
		fprintf(f,
		        "# HELP process_open_fds Number of open file descriptors.\n"
		        "# TYPE process_open_fds gauge\nprocess_open_fds %ld\n",
		        fds);
	}
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
		fprintf(f,
		        "# HELP process_max_fds Maximum number of open file descriptors.\n"
		        "# TYPE process_max_fds gauge\nprocess_max_fds %llu\n",
		        (unsigned long long)rl.rlim_cur);
	fprintf(f,
	        "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
	        "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds %lld\n",
	        (long long)started);
}

/* Per enrolled (not revoked) device: seconds since its last push and pull,
 * and the operations its outbox still held after its last push. The rows
 * come from either store (device_metrics here, pg_read.c on PostgreSQL). */
void srv_metrics_devices(FILE *f, const struct srv_device_metric *d, int n)
{
	static const struct {
		const char *name, *help;
		int col; /* 0 push, 1 pull, 2 outbox */
	} series[] = {
	    {"frontdeskd_device_seconds_since_push", "Seconds since the terminal last pushed operations.", 0},
	    {"frontdeskd_device_seconds_since_pull", "Seconds since the terminal last read the change feed.",
	     1},
	    {"frontdeskd_device_outbox_operations",
	     "Operations waiting in the terminal's outbox after its last push (as it reported).", 2},
	};
	int64_t now = (int64_t)time(NULL);
	for (size_t k = 0; k < sizeof series / sizeof *series; k++) {
		fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", series[k].name, series[k].help, series[k].name);
		for (int i = 0; i < n; i++) {
			int c = series[k].col;
			int64_t v = c == 0   ? d[i].last_push_at
			            : c == 1 ? d[i].last_pull_at
			                     : d[i].outbox_depth;
			if (c == 2 ? v < 0 : v <= 0)
				continue; /* never pushed / pulled / reported */
			fprintf(f, "%s{device=\"", series[k].name);
			label(f, d[i].id);
			fputs("\",name=\"", f);
			label(f, d[i].name);
			if (d[i].property[0]) {
				fputs("\",property=\"", f);
				label(f, d[i].property);
			}
			fprintf(f, "\"} %lld\n", (long long)(c == 2 ? v : (now > v ? now - v : 0)));
		}
	}
}

static void device_metrics(FILE *f, struct fd_db *db)
{
	sqlite3_stmt *q =
	    fd_db_stmt(db,
	               "SELECT id, name, last_push_at, last_pull_at, outbox_depth FROM srv_devices"
	               " WHERE revoked = 0 ORDER BY id",
	               NULL);
	if (!q)
		return;
	struct srv_device_metric *d = NULL;
	int n = 0, cap = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n == cap) {
			struct srv_device_metric *more =
			    realloc(d, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *d);
			if (!more)
				break;
			d = more;
		}
		struct srv_device_metric *m = &d[n++];
		m->property[0] = '\0';
		snprintf(m->id, sizeof m->id, "%s", (const char *)sqlite3_column_text(q, 0));
		snprintf(m->name, sizeof m->name, "%s", (const char *)sqlite3_column_text(q, 1));
		m->last_push_at = sqlite3_column_int64(q, 2);
		m->last_pull_at = sqlite3_column_int64(q, 3);
		m->outbox_depth = sqlite3_column_int64(q, 4);
	}
	sqlite3_reset(q);
	srv_metrics_devices(f, d, n);
	free(d);
}

/* The night audit closes the business date; when the calendar (in the
 * hotel's time zone) is ahead by more than a day, it did not run. */
void srv_metrics_audit(FILE *f, const struct srv_audit_metric *a, int n)
{
	fputs("# HELP frontdeskd_audit_late_nights Nights the night audit has not closed: the calendar date "
	      "less the business date (1 between midnight and the audit).\n"
	      "# TYPE frontdeskd_audit_late_nights gauge\n",
	      f);
	for (int i = 0; i < n; i++) {
		fputs("frontdeskd_audit_late_nights", f);
		if (a[i].property[0]) {
			fputs("{property=\"", f);
			label(f, a[i].property);
			fputs("\"}", f);
		}
		fprintf(f, " %lld\n", (long long)(a[i].today - a[i].business));
	}
}

/* On SQLite, the hotel's time zone is the process's (TZ set by serve). */
static void audit_metrics(FILE *f, struct fd_db *db)
{
	fd_date business;
	if (fd_query_business_date(db, &business, NULL) != FD_OK)
		return;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	struct srv_audit_metric a = {.today = fd_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
	                             .business = business};
	srv_metrics_audit(f, &a, 1);
}

char *srv_metrics_text(struct srv *s, const char *property)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	fprintf(f,
	        "# HELP frontdesk_build_info The version of frontdeskd serving.\n"
	        "# TYPE frontdesk_build_info gauge\nfrontdesk_build_info{version=\"%s\"} 1\n",
	        PACKAGE_VERSION);
	process_metrics(f);
	struct fd_db *db = s->pg ? NULL : srv_reader(s, NULL);
	if (s->pg) /* the caller's hotel (pg_read.c) */
		srv_pg_metrics(s, property, f);
	else if (db) {
		device_metrics(f, db);
		audit_metrics(f, db);
	}
	fclose(f);
	return text;
}
