// SPDX-License-Identifier: GPL-3.0-or-later
/* Benchmark: CSV import of synthetic "hotel booking demand" rows (10,000
 * and 100,000) and a report summary over the imported two years. Prints a
 * table; asserts nothing about time. Run with `make bench`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/import.h"
#include "store/db.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "tests/bench/figures.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void write_csv(const char *path, long rows)
{
	static const char *const months[] = {"January",   "February", "March",    "April",
	                                     "May",       "June",     "July",     "August",
	                                     "September", "October",  "November", "December"};
	static const char *const status[] = {"Check-Out", "Check-Out", "Canceled", "Check-Out", "No-Show"};
	FILE *f = fopen(path, "w");
	if (!f)
		exit(1);
	fputs("hotel,is_canceled,lead_time,arrival_date_year,arrival_date_month,arrival_date_week_number,"
	      "arrival_date_day_of_month,stays_in_weekend_nights,stays_in_week_nights,adults,children,babies,"
	      "meal,"
	      "country,market_segment,distribution_channel,is_repeated_guest,previous_cancellations,"
	      "previous_bookings_not_canceled,reserved_room_type,assigned_room_type,booking_changes,deposit_"
	      "type,"
	      "agent,company,days_in_waiting_list,customer_type,adr,required_car_parking_spaces,"
	      "total_of_special_requests,reservation_status,reservation_status_date\n",
	      f);
	uint64_t x = 42;
	for (long i = 0; i < rows; i++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		unsigned r = (unsigned)(x >> 33);
		const char *st = status[r % 5];
		fprintf(f,
		        "%s,%d,%u,%u,%s,1,%u,%u,%u,2,0,0,BB,PRT,Online TA,TA/TO,0,0,0,%c,%c,0,No "
		        "Deposit,NULL,NULL,0,"
		        "Transient,%u.%02u,0,0,%s,2016-01-01\n",
		        r % 2 ? "City Hotel" : "Resort Hotel", strcmp(st, "Check-Out") != 0, r % 300,
		        2015 + r % 2, months[r % 12], 1 + r % 28, r % 3, 1 + r % 4, 'A' + (char)(r % 6),
		        'A' + (char)(r % 6), 50 + r % 150, r % 100, st);
	}
	fclose(f);
}

/* SQLite's own rate for the same rows: the guests, bookings and guard rows
 * the import wrote, copied row by row into a new hotel (same schema, same
 * indexes and triggers) by plain prepared INSERTs in 1,000-row
 * transactions, synchronous as the store sets it. Bookings per second. */
static double bare_rate(const char *src_path, const char *dst_path)
{
	struct fd_error err = {0};
	struct fd_db *fresh = fd_db_open(dst_path, FD_DB_CREATE, &err);
	if (!fresh)
		return 0;
	fd_db_close(fresh);
	sqlite3 *src, *dst;
	if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL) || sqlite3_open(dst_path, &dst))
		return 0;
	sqlite3_exec(dst, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, NULL);
	static const char *const tables[] = {"guests", "bookings", "stay_nights"};
	long bookings = 0;
	double t0 = now();
	for (int t = 0; t < 3; t++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[t]);
		sqlite3_stmt *sel, *ins;
		if (sqlite3_prepare_v2(src, sql, -1, &sel, NULL))
			return 0;
		int n = sqlite3_column_count(sel);
		int len = snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (?", tables[t]);
		for (int i = 1; i < n; i++)
			len += snprintf(sql + len, sizeof sql - (size_t)len, ",?");
		snprintf(sql + len, sizeof sql - (size_t)len, ")");
		if (sqlite3_prepare_v2(dst, sql, -1, &ins, NULL))
			return 0;
		long rows = 0;
		sqlite3_exec(dst, "BEGIN", NULL, NULL, NULL);
		while (sqlite3_step(sel) == SQLITE_ROW) {
			for (int i = 0; i < n; i++)
				sqlite3_bind_value(ins, i + 1, sqlite3_column_value(sel, i));
			sqlite3_step(ins);
			sqlite3_reset(ins);
			if (++rows % 1000 == 0)
				sqlite3_exec(dst, "COMMIT; BEGIN", NULL, NULL, NULL);
		}
		sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL);
		if (t == 1)
			bookings = rows;
		sqlite3_finalize(sel);
		sqlite3_finalize(ins);
	}
	double t = now() - t0;
	sqlite3_close(src);
	sqlite3_close(dst);
	return t > 0 ? (double)bookings / t : 0;
}

int main(void)
{
	if (fd_ids_init() != 0)
		return 1;
	char dir[] = "/tmp/fd-bench-folio-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	printf("%-28s %10s %10s %12s\n", "what", "rows", "seconds", "rows/second");
	/* FD_BENCH_ROWS scales the larger import (default 100,000);
	 * FD_BENCH_KEEP keeps its database, to study the reports' plans. */
	long big = getenv("FD_BENCH_ROWS") && atol(getenv("FD_BENCH_ROWS")) > 0
	               ? atol(getenv("FD_BENCH_ROWS"))
	               : 100000;
	long sizes[] = {big / 10, big};
	for (int k = 0; k < 2; k++) {
		char csv[256], db_path[256];
		snprintf(csv, sizeof csv, "%s/b%d.csv", dir, k);
		snprintf(db_path, sizeof db_path, "%s/h%d.db", dir, k);
		write_csv(csv, sizes[k]);
		struct fd_error err = {0};
		struct fd_db *db = fd_db_open(db_path, FD_DB_CREATE, &err);
		if (!db)
			return 1;
		struct fd_op op;
		char id[FD_ID_LEN];
		fd_op_init(&op);
		fd_op_prepare(&op, "property.update", "bench", "bench");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(op.payload, "name", "Bench");
		cJSON_AddStringToObject(op.payload, "currency", "EUR");
		cJSON_AddStringToObject(op.payload, "timezone", "UTC");
		cJSON_AddStringToObject(op.payload, "business_date", "2026-03-01");
		if (fd_store_apply(db, &op, 1, FD_APPLY_TRUSTED, NULL, NULL, &err))
			return 1;
		fd_op_clear(&op);
		struct fd_import_opts o = {.actor = "bench", .device = "bench", .report = stderr};
		struct fd_import_result res;
		double t0 = now();
		if (fd_import_bookings(db, csv, &o, &res, &err)) {
			fprintf(stderr, "%s\n", err.message);
			return 1;
		}
		double t = now() - t0;
		printf("%-28s %10ld %10.2f %12.0f\n", "import bookings (CSV)", res.rows, t,
		       (double)res.rows / t);
		if (k == 1) {
			char copy[300], lim[80];
			snprintf(copy, sizeof copy, "%s/bare.db", dir);
			double bare = bare_rate(db_path, copy);
			printf("%-28s %10ld %10s %12.0f\n", "  same rows, bare SQLite", res.rows, "", bare);
			snprintf(lim, sizeof lim, "%.0f bookings/s (bare INSERTs, same rows)", bare);
			bench_figure("bulk import of bookings, CSV importer",
			             bare > 0 && res.rows / t >= bare / 2, ">= 50 % of SQLite", lim,
			             "%.0f rows/s = %.0f %%", res.rows / t,
			             bare > 0 ? 100.0 * res.rows / t / bare : 0.0);
			unlink(copy);
			snprintf(copy, sizeof copy, "%s/bare.db-wal", dir);
			unlink(copy);
			snprintf(copy, sizeof copy, "%s/bare.db-shm", dir);
			unlink(copy);
		}
		/* Reports run in another process, after the import's connection
		 * closed (and checkpointed its write-ahead log). */
		fd_db_close(db);
		db = fd_db_open(db_path, 0, &err);
		if (!db)
			return 1;
		const struct fd_repo *repo = fd_db_repo(db);
		t0 = now();
		long days = 0;
		for (fd_date d = fd_date_from_ymd(2015, 1, 1); d < fd_date_from_ymd(2017, 1, 1);
		     d++, days++) {
			struct fd_day_report r;
			if (repo->count_day(repo->ctx, d, &r, &err))
				return 1;
		}
		t = now() - t0;
		printf("%-28s %10ld %10.2f %12.0f\n", "audit day counts, 2 years", days, t, (double)days / t);
		if (k == 1)
			bench_figure("audit day counts, 2 years, after the big import", t < 0.5, "< 0.5 s",
			             NULL, "%.2f s", t);
		fd_db_close(db);
		unlink(csv);
		if (k == 1 && getenv("FD_BENCH_KEEP")) {
			printf("\nkept %s\n", db_path);
			return 0;
		}
		unlink(db_path);
		char side[300];
		snprintf(side, sizeof side, "%s-wal", db_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", db_path);
		unlink(side);
	}
	rmdir(dir);
	return 0;
}
