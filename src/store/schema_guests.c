// SPDX-License-Identifier: GPL-3.0-or-later
/* Core migrations of the guest rules (issue 12): the guest profile, merged
 * profiles, search by the name as the screen shows it, and the booking's
 * channel. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "store/db_internal.h"
#include "store/fold.h"

enum fd_status fd_schema_v16_guests(struct fd_db *db, struct fd_error *err);
enum fd_status fd_schema_v17_channels_map(struct fd_db *db, struct fd_error *err);

/* v16: the profile a front office keeps (document, nationality, date of
 * birth, address, preferences; dates are day numbers, 0 when not known),
 * and the profile a merged duplicate now lives in. Each column is added
 * only where it is missing, so the step can run again over a database
 * whose later steps were undone (as tests of older migrations do). */
static const char *const v16_columns[][2] = {
    {"doc_type", "TEXT NOT NULL DEFAULT ''"},     {"doc_country", "TEXT NOT NULL DEFAULT ''"},
    {"doc_expiry", "INTEGER NOT NULL DEFAULT 0"}, {"nationality", "TEXT NOT NULL DEFAULT ''"},
    {"birth_date", "INTEGER NOT NULL DEFAULT 0"}, {"address", "TEXT NOT NULL DEFAULT ''"},
    {"preferences", "TEXT NOT NULL DEFAULT ''"},  {"merged_into", "TEXT NOT NULL DEFAULT ''"},
};

static bool has_column(struct fd_db *db, const char *table, const char *column)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &s, NULL))
		return false;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
	bool found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static enum fd_status refold(struct fd_db *db, struct fd_error *err);

enum fd_status fd_schema_v16_guests(struct fd_db *db, struct fd_error *err)
{
	for (size_t i = 0; i < sizeof v16_columns / sizeof *v16_columns; i++) {
		if (has_column(db, "guests", v16_columns[i][0]))
			continue;
		char sql[160];
		snprintf(sql, sizeof sql, "ALTER TABLE guests ADD COLUMN %s %s", v16_columns[i][0],
		         v16_columns[i][1]);
		if (sqlite3_exec(db->db, sql, NULL, NULL, NULL) != SQLITE_OK)
			return fd_db_fail(db, err, "adding the guest profile");
	}
	return refold(db, err);
}

/* Search keys now fold punctuation ("O'Connor" is found as "oconnor") and
 * carry the e-mail and the phone's digits: rewrite every guest's. The
 * guests_au trigger keeps the full-text index in step. */
static enum fd_status refold(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *sel, *upd;
	if (sqlite3_prepare_v2(db->db, "SELECT rowid, family, given, email, phone, erased FROM guests", -1,
	                       &sel, NULL) ||
	    sqlite3_prepare_v2(db->db, "UPDATE guests SET search_key = ?1 WHERE rowid = ?2", -1, &upd, NULL))
		return fd_db_fail(db, err, "indexing guest names");
	enum fd_status st = FD_OK;
	while (sqlite3_step(sel) == SQLITE_ROW) {
		struct fd_guest g = {0};
		char key[4 * FD_NAME_LEN];
		const char *col;
#define COL(i, f)                                                                                            \
	if ((col = (const char *)sqlite3_column_text(sel, i)))                                               \
		snprintf(g.f, sizeof g.f, "%s", col);
		COL(1, family)
		COL(2, given)
		COL(3, email)
		COL(4, phone)
#undef COL
		g.erased = sqlite3_column_int(sel, 5);
		fd_guest_search_key(&g, key, sizeof key);
		sqlite3_bind_text(upd, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE) {
			st = fd_db_fail(db, err, "indexing guest names");
			break;
		}
		sqlite3_reset(upd);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return st;
}

/* v17: a booking's source is one of the channels (core/guest.h). Sources
 * written before are mapped as the importer maps them ("Booking.com" is an
 * OTA, "Corporate" a company); one that says nothing of the channel
 * ("Undefined") becomes "" (not recorded). */
enum fd_status fd_schema_v17_channels_map(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *sel, *upd;
	if (sqlite3_prepare_v2(db->db, "SELECT DISTINCT source FROM bookings WHERE source <> ''", -1, &sel,
	                       NULL) ||
	    sqlite3_prepare_v2(db->db, "UPDATE bookings SET source = ?1 WHERE source = ?2", -1, &upd, NULL))
		return fd_db_fail(db, err, "mapping booking sources to channels");
	/* Read every distinct value first: updating while stepping the
	 * DISTINCT would meet the new values again. */
	char(*from)[64] = NULL;
	int n = 0, cap = 0;
	enum fd_status st = FD_OK;
	while (sqlite3_step(sel) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			char(*grown)[64] = realloc(from, (size_t)cap * sizeof *from);
			if (!grown) {
				st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
				break;
			}
			from = grown;
		}
		snprintf(from[n++], sizeof *from, "%s", (const char *)sqlite3_column_text(sel, 0));
	}
	sqlite3_finalize(sel);
	for (int i = 0; !st && i < n; i++) {
		enum fd_channel c;
		const char *to = fd_channel_from_text(from[i], &c) ? fd_channel_name(c) : "";
		if (strcmp(to, from[i]) == 0)
			continue;
		sqlite3_bind_text(upd, 1, to, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 2, from[i], -1, SQLITE_TRANSIENT);
		if (sqlite3_step(upd) != SQLITE_DONE)
			st = fd_db_fail(db, err, "mapping booking sources to channels");
		sqlite3_reset(upd);
	}
	sqlite3_finalize(upd);
	free(from);
	return st;
}
