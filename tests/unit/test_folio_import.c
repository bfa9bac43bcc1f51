// SPDX-License-Identifier: GPL-3.0-or-later
/* The CSV importer against mangled input (fixed seed): it never crashes,
 * answers FD_OK or FD_E_INVALID, and a refused file changes nothing. Also
 * the all-or-nothing and skip-bad-rows modes on a small file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/import.h"
#include "store/db.h"
#include "store/ids.h"
#include "store/oplog.h"

static const char header[] =
    "hotel,is_canceled,lead_time,arrival_date_year,arrival_date_month,arrival_date_week_number,"
    "arrival_date_day_of_month,stays_in_weekend_nights,stays_in_week_nights,adults,children,babies,meal,"
    "country,"
    "market_segment,distribution_channel,is_repeated_guest,previous_cancellations,previous_bookings_not_"
    "canceled,"
    "reserved_room_type,assigned_room_type,booking_changes,deposit_type,agent,company,days_in_waiting_list,"
    "customer_type,adr,required_car_parking_spaces,total_of_special_requests,reservation_status,"
    "reservation_status_date\n";
static const char rows[] =
    "Resort Hotel,0,85,2015,July,27,1,0,3,2,0,0,BB,PRT,Online TA,TA/TO,0,0,0,A,A,0,No Deposit,240,NULL,0,"
    "Transient,98.00,0,1,Check-Out,2015-07-04\n"
    "City Hotel,1,2,2015,August,32,3,1,0,2,NA,0,BB,PRT,Undefined,Undefined,0,0,0,B,B,0,No "
    "Deposit,NULL,NULL,0,"
    "Transient-Party,12,0,1,Canceled,2015-08-01\n"
    "City Hotel,0,10,2016,February,8,29,1,2,1,0,0,HB,GBR,Direct,Direct,0,0,0,D,E,0,No Deposit,NULL,NULL,0,"
    "Transient,110.5,0,0,Check-Out,2016-03-03\n";

static char dir[] = "/tmp/fd-import-XXXXXX";
static struct fd_db *db;

static int setup(void **state)
{
	(void)state;
	if (fd_ids_init() != 0 || !mkdtemp(dir))
		return -1;
	char path[256], id[FD_ID_LEN];
	snprintf(path, sizeof path, "%s/frontdesk.db", dir);
	struct fd_error err = {0};
	if (!(db = fd_db_open(path, FD_DB_CREATE, &err)))
		return -1;
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, "property.update", "test", "test");
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "name", "Fuzz");
	cJSON_AddStringToObject(op.payload, "currency", "EUR");
	cJSON_AddStringToObject(op.payload, "timezone", "UTC");
	cJSON_AddStringToObject(op.payload, "business_date", "2026-03-01");
	enum fd_status st = fd_store_apply(db, &op, 1, FD_APPLY_TRUSTED, NULL, NULL, &err);
	fd_op_clear(&op);
	return st == FD_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fd_db_close(db);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static long bookings(void)
{
	sqlite3_stmt *s;
	long n = -1;
	if (sqlite3_prepare_v2(fd_db_handle(db), "SELECT count(*) FROM bookings", -1, &s, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static enum fd_status import_text(const char *text, size_t len, bool skip, struct fd_import_result *res,
                                  struct fd_error *err)
{
	char path[256];
	snprintf(path, sizeof path, "%s/in.csv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	FILE *sink = fopen("/dev/null", "w");
	struct fd_import_opts o = {.skip_bad = skip, .actor = "test", .device = "test", .report = sink};
	enum fd_status st = fd_import_bookings(db, path, &o, res, err);
	fclose(sink);
	return st;
}

static void test_modes(void **state)
{
	(void)state;
	char text[4096];
	struct fd_import_result res;
	struct fd_error err = {0};
	long before = bookings();
	/* line 3 is bad: 30 February */
	snprintf(text, sizeof text, "%s%s", header, rows);
	char *feb = strstr(text, "February,8,29");
	assert_non_null(feb);
	memcpy(feb, "February,8,30", 13);
	assert_int_equal(import_text(text, strlen(text), false, &res, &err), FD_E_INVALID);
	assert_int_equal(res.bad, 1);
	assert_non_null(strstr(err.message, "nothing imported"));
	assert_int_equal(bookings(), before);
	assert_int_equal(import_text(text, strlen(text), true, &res, &err), FD_OK);
	assert_int_equal(res.imported, 2);
	assert_int_equal(bookings(), before + 2);
}

static uint64_t rng = 12345;
static unsigned next(void)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(rng >> 33);
}

static void test_mangled_input(void **state)
{
	(void)state;
	static const char junk[] = "\",\n\r\\x;-.0123456789NA\xc3\xa9\xff";
	char base[4096], text[8192];
	snprintf(base, sizeof base, "%s%s", header, rows);
	size_t base_len = strlen(base);
	int ok = 0, refused = 0;
	for (int iter = 0; iter < 400; iter++) {
		memcpy(text, base, base_len);
		size_t len = base_len;
		int edits = 1 + (int)(next() % 6);
		for (int e = 0; e < edits; e++) {
			size_t at = next() % len;
			switch (next() % 4) {
			case 0: /* overwrite */
				text[at] = junk[next() % (sizeof junk - 1)];
				break;
			case 1: /* insert */
				if (len + 1 < sizeof text) {
					memmove(text + at + 1, text + at, len - at);
					text[at] = junk[next() % (sizeof junk - 1)];
					len++;
				}
				break;
			case 2: /* delete */
				memmove(text + at, text + at + 1, len - at - 1);
				len--;
				break;
			case 3: /* truncate */
				len = at + 1;
				break;
			}
		}
		struct fd_import_result res;
		struct fd_error err = {0};
		long before = bookings();
		enum fd_status st = import_text(text, len, false, &res, &err);
		assert_true(st == FD_OK || st == FD_E_INVALID);
		if (st == FD_OK) {
			ok++;
			assert_int_equal(bookings(), before + res.imported);
		} else {
			refused++;
			assert_true(err.message[0] != '\0');
			assert_int_equal(bookings(), before);
		}
	}
	assert_true(ok > 0);
	assert_true(refused > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_modes),
	    cmocka_unit_test(test_mangled_input),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
