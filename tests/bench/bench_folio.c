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

#include "store/import.h"
#include "store/db.h"
#include "store/ids.h"
#include "store/oplog.h"

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

int main(void)
{
	if (fd_ids_init() != 0)
		return 1;
	char dir[] = "/tmp/fd-bench-folio-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	printf("%-28s %10s %10s %12s\n", "what", "rows", "seconds", "rows/second");
	long sizes[] = {10000, 100000};
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
		fd_db_close(db);
		unlink(csv);
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
