// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/lookup.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/row.h"

enum fd_status fd_lookup_id_prefix(struct fd_db *db, enum fd_id_kind kind, const char *prefix,
                                   char id[FD_ID_LEN], int *found, struct fd_error *err)
{
	/* Ids are lower-case hex and dashes, all below 'g': a range on the
	 * unique index finds the prefix without a scan. */
	static const char *const sql[] = {
	    [FD_ID_FOLIO_LINE] = "SELECT id FROM folio_lines WHERE id >= ?1 AND id < ?1 || 'g'"
	                         " ORDER BY id LIMIT 2",
	    [FD_ID_FOLIO] = "SELECT id FROM folios WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2",
	    [FD_ID_CONFLICT] = "SELECT id FROM conflicts WHERE substr(id, 1, length(?1)) = ?1"
	                       " ORDER BY id LIMIT 2",
	};
	*found = 0;
	sqlite3_stmt *s = fd_db_stmt(db, sql[kind], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((*found)++ == 0)
			fd_col_text(s, 0, id, FD_ID_LEN);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "looking up an id");
}

enum fd_status fd_query_staff_list(struct fd_db *db, fd_staff_list_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT username, display_name, role, dept, section, active, on_shift, id"
	               " FROM staff ORDER BY username",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_staff m = {0};
		char role[16], dept[32];
		fd_col_text(s, 0, m.username, sizeof m.username);
		fd_col_text(s, 1, m.display_name, sizeof m.display_name);
		fd_col_text(s, 2, role, sizeof role);
		fd_col_text(s, 3, dept, sizeof dept);
		fd_role_parse(role, &m.role);
		fd_dept_parse(dept, &m.dept);
		fd_col_text(s, 4, m.section, sizeof m.section);
		m.active = sqlite3_column_int(s, 5);
		m.on_shift = sqlite3_column_int(s, 6);
		fd_col_text(s, 7, m.id, sizeof m.id);
		if (!cb(ctx, &m)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing staff");
}

enum fd_status fd_query_charge_code_list(struct fd_db *db, fd_charge_code_cb cb, void *ctx,
                                         struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db, "SELECT code, name, vat_bp, is_room, version FROM charge_codes ORDER BY code", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_charge_code cc = {0};
		fd_col_text(s, 0, cc.code, sizeof cc.code);
		fd_col_text(s, 1, cc.name, sizeof cc.name);
		cc.vat_bp = sqlite3_column_int(s, 2);
		cc.is_room = sqlite3_column_int(s, 3);
		cc.version = sqlite3_column_int64(s, 4);
		if (!cb(ctx, &cc)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing charge codes");
}

enum fd_status fd_query_room_stays(struct fd_db *db, const char *room, fd_date from, fd_date to,
                                   fd_stay_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT booking_id, min(night), max(night) + 1 FROM stay_nights"
	                             " WHERE room = ?1 AND night >= ?2 AND night < ?3"
	                             " GROUP BY booking_id ORDER BY 2",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, room, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char id[FD_ID_LEN];
		fd_col_text(s, 0, id, sizeof id);
		if (!cb(ctx, id, sqlite3_column_int(s, 1), sqlite3_column_int(s, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing a room's stays");
}

static enum fd_status stream_blocks(struct fd_db *db, sqlite3_stmt *s, const char *room, fd_block_cb cb,
                                    void *ctx, struct fd_error *err)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_room_block b = {0};
		snprintf(b.room, sizeof b.room, "%s", room);
		fd_col_text(s, 0, b.uid, sizeof b.uid);
		b.start = sqlite3_column_int(s, 1);
		b.end = sqlite3_column_int(s, 2);
		if (!cb(ctx, &b)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing a room's blocks");
}

enum fd_status fd_query_room_blocks(struct fd_db *db, const char *room, fd_date from, fd_date to,
                                    fd_block_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT uid, start, end FROM room_blocks WHERE room = ?1 AND start < ?3"
	                             " AND end > ?2 ORDER BY start",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, room, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	return stream_blocks(db, s, room, cb, ctx, err);
}

enum fd_status fd_query_room_blocks_from(struct fd_db *db, const char *room, const char *source,
                                         fd_block_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db, "SELECT uid, start, end FROM room_blocks WHERE room = ?1 AND source = ?2", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, room, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, source, -1, SQLITE_TRANSIENT);
	return stream_blocks(db, s, room, cb, ctx, err);
}

enum fd_status fd_query_first_staff(struct fd_db *db, enum fd_role role, enum fd_dept dept,
                                    char username[FD_USER_LEN], struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT username FROM staff WHERE role = ?1 AND dept = ?2 AND active"
	                             " ORDER BY username LIMIT 1",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, fd_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, fd_dept_name(dept), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		fd_col_text(s, 0, username, FD_USER_LEN);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return FD_OK;
	if (rc == SQLITE_DONE)
		return fd_fail(err, FD_E_NOT_FOUND, "staff_not_found", "staff", _("No active %s in %s."),
		               fd_role_name(role), fd_dept_name(dept));
	return fd_db_fail(db, err, "finding a staff member");
}

static const char *col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

enum fd_status fd_query_conflicts(struct fd_db *db, bool all, fd_conflict_cb cb, void *ctx,
                                  struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT id, created_at, actor, type, code, message, details, resolved, resolved_by"
	               " FROM conflicts WHERE resolved = 0 OR ?1 ORDER BY created_at, id",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, all);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_conflict_row c = {.id = col(s, 0),
		                            .created_at = sqlite3_column_int64(s, 1),
		                            .actor = col(s, 2),
		                            .type = col(s, 3),
		                            .code = col(s, 4),
		                            .message = col(s, 5),
		                            .details = col(s, 6),
		                            .resolved = sqlite3_column_int(s, 7),
		                            .resolved_by = col(s, 8)};
		if (!cb(ctx, &c)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing conflicts");
}

enum fd_status fd_query_open_conflicts(struct fd_db *db, int *n, struct fd_error *err)
{
	*n = 0;
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT count(*) FROM conflicts WHERE resolved = 0", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "counting conflicts");
}
