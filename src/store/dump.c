// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/dump.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/i18n.h"
#include "store/db_internal.h"

static const struct {
	const char *name;
	const char *sql;
} dump_tables[] = {
    {"property", "SELECT * FROM property ORDER BY id"},
    {"room_types", "SELECT * FROM room_types ORDER BY code"},
    {"rooms", "SELECT * FROM rooms ORDER BY number"},
    {"guests", "SELECT * FROM guests ORDER BY id"},
    {"bookings", "SELECT * FROM bookings ORDER BY id"},
    {"staff", "SELECT * FROM staff ORDER BY username"},
    {"hk_tasks", "SELECT * FROM hk_tasks ORDER BY id"},
    {"conflicts", "SELECT * FROM conflicts ORDER BY id"},
    {"charge_codes", "SELECT * FROM charge_codes ORDER BY code"},
    {"folio_settings", "SELECT * FROM folio_settings ORDER BY key"},
    {"folios", "SELECT * FROM folios ORDER BY id"},
    {"folio_lines", "SELECT * FROM folio_lines ORDER BY id"},
    {"day_reports", "SELECT * FROM day_reports ORDER BY date"},
    {"room_blocks", "SELECT * FROM room_blocks ORDER BY room, uid"},
    {"companies", "SELECT * FROM companies ORDER BY id"},
    {"group_blocks", "SELECT * FROM group_blocks ORDER BY id"},
    {"group_block_rooms", "SELECT * FROM group_block_rooms ORDER BY block_id, type_code, night"},
    {"rate_plans", "SELECT * FROM rate_plans ORDER BY code"},
    {"rate_days", "SELECT * FROM rate_days ORDER BY plan, type_code, night"},
    {"booking_rates", "SELECT * FROM booking_rates ORDER BY booking_id, night"},
};

static bool volatile_column(const char *name)
{
	/* seq: a folio line's local order, numbered by each database itself. */
	return strcmp(name, "updated_at") == 0 || strcmp(name, "rowid") == 0 ||
	       strcmp(name, "search_key") == 0 || strcmp(name, "singleton") == 0 || strcmp(name, "seq") == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum fd_status fd_dump_hotel(struct fd_db *db, char **out, struct fd_error *err)
{
	*out = NULL;
	/* One consistent read (or the caller's own transaction). */
	bool own = sqlite3_get_autocommit(fd_db_handle(db));
	enum fd_status st = own ? fd_db_begin_read(db, err) : FD_OK;
	if (st)
		return st;
	cJSON *doc = cJSON_CreateObject();
	for (size_t t = 0; t < sizeof dump_tables / sizeof *dump_tables && !st; t++) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(fd_db_handle(db), dump_tables[t].sql, -1, &s, NULL) != SQLITE_OK) {
			st = fd_db_fail(db, err, "dumping the hotel");
			break;
		}
		cJSON *arr = cJSON_AddArrayToObject(doc, dump_tables[t].name);
		int n = sqlite3_column_count(s);
		const char *names[64] = {0};
		int order[64] = {0}, k = 0;
		for (int i = 0; i < n && k < 64; i++)
			if (!volatile_column(sqlite3_column_name(s, i)))
				names[k++] = sqlite3_column_name(s, i);
		qsort(names, (size_t)k, sizeof *names, cmp_names);
		for (int j = 0; j < k; j++)
			for (int i = 0; i < n; i++)
				if (strcmp(sqlite3_column_name(s, i), names[j]) == 0)
					order[j] = i;
		while (sqlite3_step(s) == SQLITE_ROW) {
			cJSON *o = cJSON_CreateObject();
			for (int j = 0; j < k; j++) {
				int i = order[j];
				switch (sqlite3_column_type(s, i)) {
				case SQLITE_NULL:
					cJSON_AddNullToObject(o, names[j]);
					break;
				case SQLITE_INTEGER:
					cJSON_AddNumberToObject(o, names[j],
					                        (double)sqlite3_column_int64(s, i));
					break;
				default:
					cJSON_AddStringToObject(o, names[j],
					                        (const char *)sqlite3_column_text(s, i));
				}
			}
			cJSON_AddItemToArray(arr, o);
		}
		sqlite3_finalize(s);
	}
	if (own)
		fd_db_rollback(db);
	if (!st) {
		*out = cJSON_Print(doc);
		if (!*out)
			st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	cJSON_Delete(doc);
	return st;
}
