// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/ids.h"
#include "store/oplog.h"

int64_t fx_raw_int(sqlite3 *h, const char *sql)
{
	/* Not cmocka's asserts: the fuzz targets share this file. cmocka
	 * reports an abort as the test's failure. */
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		fprintf(stderr, "fx_int: %s: %s\n", sql, sqlite3_errmsg(h));
		abort();
	}
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

int64_t fx_int(struct fd_db *db, const char *sql)
{
	return fx_raw_int(fd_db_handle(db), sql);
}

fd_date fx_date(const char *s)
{
	fd_date d = 0;
	fd_date_parse(s, &d);
	return d;
}

enum fd_status fx_op(struct fd_db *db, const char *actor, const char *type, const char *payload_json,
                     struct fd_op_result *res, struct fd_error *err)
{
	struct fd_op op;
	struct fd_error local;
	fd_op_init(&op);
	fd_op_prepare(&op, type, actor ? actor : "local", "test");
	op.payload = cJSON_Parse(payload_json);
	if (!op.payload) {
		fprintf(stderr, "fixture: bad JSON %s\n", payload_json);
		abort();
	}
	enum fd_status st =
	    fd_store_apply(db, &op, 1, actor ? 0 : FD_APPLY_TRUSTED, res, NULL, err ? err : &local);
	fd_op_clear(&op);
	return st;
}

enum fd_status fx_booking_op(struct fd_db *db, const char *actor, const char *type, const char *id,
                             const char *extra, struct fd_op_result *res, struct fd_error *err)
{
	char payload[512];
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\"%s%s}", id, extra[0] ? "," : "", extra);
	return fx_op(db, actor, type, payload, res, err);
}

static void must(enum fd_status st, const struct fd_error *err)
{
	if (st) {
		fprintf(stderr, "fixture setup failed: %s\n", err->message);
		abort();
	}
}

struct fd_db *fx_hotel(void)
{
	struct fd_error err = {0};
	fd_ids_init();
	struct fd_db *db = fd_db_open(":memory:", FD_DB_CREATE, &err);
	if (!db) {
		fprintf(stderr, "fixture: %s\n", err.message);
		abort();
	}
	must(fx_op(db, NULL, "property.update",
	           "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"Test\",\"currency\":\"EUR\","
	           "\"timezone\":\"Europe/Lisbon\",\"business_date\":\"" FX_TODAY "\"}",
	           NULL, &err),
	     &err);
	must(fx_op(db, NULL, "room_type.create",
	           "{\"id\":\"00000000-0000-4000-8000-000000000010\",\"code\":\"STD\",\"name\":\"Standard\","
	           "\"max_occupancy\":2,\"base_rate\":10000,\"rank\":0}",
	           NULL, &err),
	     &err);
	must(fx_op(db, NULL, "room_type.create",
	           "{\"id\":\"00000000-0000-4000-8000-000000000011\",\"code\":\"DLX\",\"name\":\"Deluxe\","
	           "\"max_occupancy\":3,\"base_rate\":15000,\"rank\":1}",
	           NULL, &err),
	     &err);
	const char *rooms[][2] = {{"101", "STD"}, {"102", "STD"}, {"103", "STD"}, {"201", "DLX"}};
	for (int i = 0; i < 4; i++) {
		char payload[256], id[FD_ID_LEN];
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"number\":\"%s\",\"type\":\"%s\",\"floor\":%c}", fd_uuid_new(id),
		         rooms[i][0], rooms[i][1], rooms[i][0][0]);
		must(fx_op(db, NULL, "room.create", payload, NULL, &err), &err);
	}
	const char *staff[][3] = {{"anna", "staff", "front_office"},
	                          {"mia", "manager", "management"},
	                          {"root", "admin", "management"},
	                          {"ex", "staff", "housekeeping"}};
	for (int i = 0; i < 4; i++) {
		char payload[256], id[FD_ID_LEN];
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"username\":\"%s\",\"display_name\":\"%s\",\"role\":\"%s\","
		         "\"department\":\"%s\"}",
		         fd_uuid_new(id), staff[i][0], staff[i][0], staff[i][1], staff[i][2]);
		must(fx_op(db, NULL, "staff.create", payload, NULL, &err), &err);
	}
	must(fx_op(db, NULL, "staff.update", "{\"username\":\"ex\",\"active\":false}", NULL, &err), &err);
	return db;
}

enum fd_status fx_book(struct fd_db *db, const char *type, const char *arrival, const char *departure,
                       int adults, char *id_out, char *code_out, struct fd_error *err)
{
	char gid[FD_ID_LEN], bid[FD_ID_LEN], code[FD_CODE_LEN], payload[512];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"Guest\"}", fd_uuid_new(gid));
	enum fd_status st = fx_op(db, NULL, "guest.create", payload, NULL, err);
	if (st)
		return st;
	snprintf(payload, sizeof payload,
	         "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"%s\",\"arrival\":\"%s\","
	         "\"departure\":\"%s\",\"adults\":%d}",
	         fd_uuid_new(bid), fd_booking_code_new(code), gid, type, arrival, departure, adults);
	st = fx_op(db, NULL, "booking.create", payload, NULL, err);
	if (!st && id_out)
		strcpy(id_out, bid);
	if (!st && code_out)
		strcpy(code_out, code);
	return st;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 2 > *cap) {
		*cap = (*cap + n + 2) * 2;
		*buf = realloc(*buf, *cap);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[(*len)++] = '\n';
	(*buf)[*len] = '\0';
}

char *fx_dump(struct fd_db *db)
{
	static const char *const tables[] = {"property",  "room_types",  "rooms", "guests",
	                                     "bookings",  "stay_nights", "staff", "hk_tasks",
	                                     "audit_log", "outbox",      "meta"};
	char *buf = NULL;
	size_t len = 0, cap = 0;
	append(&buf, &len, &cap, "dump");
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		char sql[128];
		sqlite3_stmt *s;
		/* A refusal changes nothing but is recorded (store/audit.h). */
		snprintf(sql, sizeof sql, "SELECT * FROM %s%s ORDER BY 1, 2", tables[t],
		         strcmp(tables[t], "audit_log") == 0 ? " WHERE outcome = 'applied'" : "");
		if (sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL) != SQLITE_OK)
			continue;
		append(&buf, &len, &cap, tables[t]);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *v = sqlite3_column_text(s, c);
				append(&buf, &len, &cap, v ? (const char *)v : "NULL");
			}
		}
		sqlite3_finalize(s);
	}
	return buf;
}
