#include "config.h"
#include "store/row.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "store/db_internal.h"

void fd_col_text(sqlite3_stmt *s, int i, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	snprintf(out, size, "%s", t ? (const char *)t : "");
}

void fd_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

void fd_bind_opt_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v && v[0])
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

enum fd_status fd_step_one(struct fd_db *db, sqlite3_stmt *s, struct fd_error *err, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return FD_OK;
	if (rc == SQLITE_DONE)
		return FD_E_NOT_FOUND;
	return fd_db_fail(db, err, what);
}

enum fd_status fd_step_done(struct fd_db *db, sqlite3_stmt *s, struct fd_error *err, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, what);
}

void fd_read_booking_row(sqlite3_stmt *s, struct fd_booking_row *row)
{
	struct fd_booking *b = &row->b;
	char status[16], family[FD_NAME_LEN], given[FD_NAME_LEN];
	memset(row, 0, sizeof *row);
	fd_col_text(s, 0, b->id, sizeof b->id);
	fd_col_text(s, 1, b->code, sizeof b->code);
	fd_col_text(s, 2, b->guest_id, sizeof b->guest_id);
	fd_col_text(s, 3, b->type_code, sizeof b->type_code);
	fd_col_text(s, 4, b->room, sizeof b->room);
	b->arrival = sqlite3_column_int(s, 5);
	b->departure = sqlite3_column_int(s, 6);
	b->adults = sqlite3_column_int(s, 7);
	b->children = sqlite3_column_int(s, 8);
	b->rate = sqlite3_column_int64(s, 9);
	fd_col_text(s, 10, status, sizeof status);
	fd_booking_status_parse(status, &b->status);
	fd_col_text(s, 11, b->source, sizeof b->source);
	fd_col_text(s, 12, b->notes, sizeof b->notes);
	fd_col_text(s, 13, b->eta, sizeof b->eta);
	b->late_checkin = sqlite3_column_int(s, 14);
	b->version = sqlite3_column_int64(s, 15);
	fd_col_text(s, 16, family, sizeof family);
	fd_col_text(s, 17, given, sizeof given);
	if (given[0])
		snprintf(row->guest_name, sizeof row->guest_name, "%s, %s", family, given);
	else
		snprintf(row->guest_name, sizeof row->guest_name, "%s", family);
	fd_col_text(s, 18, row->country, sizeof row->country);
	row->vip = sqlite3_column_int(s, 19);
}
