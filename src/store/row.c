// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/row.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "store/db_internal.h"

/* What snprintf(out, size, "%s", t) wrote, without the format parser
 * (a board of 7,000 stays reads 120,000 columns; snprintf was a third of
 * its time). The bytes come as a blob: sqlite3_column_text first copies
 * a text read from a page into a buffer of its own (malloc, copy, free)
 * to end it with a NUL, which was a tenth of the board's time. */
void fd_col_text(sqlite3_stmt *s, int i, char *out, size_t size)
{
	if (!size)
		return;
	const char *t = (const char *)sqlite3_column_blob(s, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(s, i) : 0;
	if (n > size - 1)
		n = size - 1;
	const char *nul = n ? memchr(t, '\0', n) : NULL;
	if (nul)
		n = (size_t)(nul - t);
	if (n)
		memcpy(out, t, n);
	out[n] = '\0';
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

void fd_read_booking(sqlite3_stmt *s, struct fd_booking *b)
{
	char status[16];
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
	fd_col_text(s, 16, b->block_id, sizeof b->block_id);
	fd_col_text(s, 17, b->company_id, sizeof b->company_id);
}

void fd_read_booking_row(sqlite3_stmt *s, struct fd_booking_row *row)
{
	memset(row, 0, sizeof *row);
	fd_read_booking(s, &row->b);
	/* "Family, Given" (or the family name alone), each cut as FD_NAME_LEN
	 * cut it, without snprintf: the board reads thousands of these. */
	char *out = row->guest_name;
	fd_col_text(s, FD_BOOKING_NCOLS, out, FD_NAME_LEN);
	const char *given = (const char *)sqlite3_column_text(s, FD_BOOKING_NCOLS + 1);
	if (given && given[0]) {
		size_t n = strlen(out);
		memcpy(out + n, ", ", 2);
		fd_col_text(s, FD_BOOKING_NCOLS + 1, out + n + 2, FD_NAME_LEN);
	}
	fd_col_text(s, FD_BOOKING_NCOLS + 2, row->country, sizeof row->country);
	row->vip = sqlite3_column_int(s, FD_BOOKING_NCOLS + 3);
}

void fd_read_room_row(sqlite3_stmt *s, fd_date today, struct fd_room_row *row)
{
	struct fd_room *r = &row->r;
	char clean[16], maint[8];
	memset(row, 0, sizeof *row);
	fd_col_text(s, 0, r->number, sizeof r->number);
	fd_col_text(s, 1, r->type_code, sizeof r->type_code);
	r->floor = sqlite3_column_int(s, 2);
	fd_col_text(s, 3, r->section, sizeof r->section);
	fd_col_text(s, 4, clean, sizeof clean);
	fd_col_text(s, 5, maint, sizeof maint);
	fd_clean_parse(clean, &r->clean);
	fd_maint_parse(maint, &r->maint);
	fd_col_text(s, 6, r->maint_reason, sizeof r->maint_reason);
	r->maint_from = sqlite3_column_int(s, 7);
	r->maint_to = sqlite3_column_int(s, 8);
	r->dnd = sqlite3_column_int(s, 9);
	r->mur = sqlite3_column_int(s, 10);
	r->hk_occupied = sqlite3_column_int(s, 11);
	r->version = sqlite3_column_int64(s, 12);
	fd_col_text(s, 13, r->id, sizeof r->id);
	fd_col_text(s, 14, row->occupant_code, sizeof row->occupant_code);
	row->due_out = sqlite3_column_int(s, 15);
	row->arrival_today = sqlite3_column_int(s, 16);
	if (sqlite3_column_count(s) > 17)
		fd_col_text(s, 17, row->attendant, sizeof row->attendant);
	snprintf(row->hk_code, sizeof row->hk_code, "%s",
	         fd_room_hk_code(r, row->occupant_code[0] != '\0', today));
}

enum fd_status fd_stream_booking_rows(struct fd_db *db, sqlite3_stmt *s, fd_booking_cb cb, void *ctx,
                                      struct fd_error *err, const char *what)
{
	int rc;
	struct fd_booking_row row;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_read_booking_row(s, &row);
		if (!cb(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, what);
}

enum fd_status fd_stream_room_rows(struct fd_db *db, sqlite3_stmt *s, fd_date today, fd_room_cb cb, void *ctx,
                                   struct fd_error *err, const char *what)
{
	int rc;
	struct fd_room_row row;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_read_room_row(s, today, &row);
		if (!cb(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, what);
}
