// SPDX-License-Identifier: GPL-3.0-or-later
/* Derived data set aside while a whole hotel is written (see bulk.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/bulk.h"
#include "store/db_internal.h"

/* The triggers that keep derived data (core steps 2 and 32). Their SQL is
 * read from the schema itself, so a later step that changes one is kept. */
#define DERIVED_TRIGGERS                                                                                     \
	"'guests_ai', 'guests_ad', 'guests_au', 'stay_nights_sold_ai', 'stay_nights_sold_ad',"               \
	" 'stay_nights_sold_au', 'rooms_count_ai', 'rooms_count_ad', 'rooms_count_au'"

/* The same data rebuilt from the rows, as the steps that made it did. */
static const char rebuild_sql[] =
    "INSERT INTO guest_search(guest_search) VALUES ('rebuild');"
    "DELETE FROM type_night_sold;"
    "INSERT INTO type_night_sold (type_code, night, sold)"
    " SELECT type_code, night, count(*) FROM stay_nights GROUP BY type_code, night;"
    "DELETE FROM type_rooms;"
    "INSERT INTO type_rooms (type_code, rooms) SELECT type_code, count(*) FROM rooms GROUP BY type_code;";

void fd_bulk_abandon(struct fd_db *db)
{
	free(db->bulk_triggers);
	db->bulk_triggers = NULL;
}

enum fd_status fd_bulk_begin(struct fd_db *db, struct fd_error *err)
{
	fd_bulk_abandon(db);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db->db,
	                       "SELECT group_concat(sql || ';', ''),"
	                       " group_concat('DROP TRIGGER ' || name || ';', '')"
	                       " FROM sqlite_master WHERE type = 'trigger' AND name IN (" DERIVED_TRIGGERS
	                       ")",
	                       -1, &s, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "setting the search index aside");
	enum fd_status st = FD_OK;
	char *drop = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		db->bulk_triggers = strdup((const char *)sqlite3_column_text(s, 0));
		drop = strdup((const char *)sqlite3_column_text(s, 1));
		if (!db->bulk_triggers || !drop)
			st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	sqlite3_finalize(s);
	if (!st && drop)
		st = fd_db_exec(db, drop, err);
	free(drop);
	if (st)
		fd_bulk_abandon(db);
	return st;
}

enum fd_status fd_bulk_end(struct fd_db *db, struct fd_error *err)
{
	if (!db->bulk_triggers)
		return FD_OK;
	enum fd_status st = fd_db_exec(db, rebuild_sql, err);
	if (!st)
		st = fd_db_exec(db, db->bulk_triggers, err);
	fd_bulk_abandon(db);
	return st;
}
