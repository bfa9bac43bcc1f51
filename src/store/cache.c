// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/cache.h"

#include <stdio.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/row.h"

static enum fd_status step_done(struct fd_db *db, sqlite3_stmt *s, const char *what, struct fd_error *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, what);
}

enum fd_status fd_stay_nights_retype(struct fd_db *db, const char *room, const char *type_code,
                                     struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db, "UPDATE stay_nights SET type_code = ?2 WHERE room = ?1 AND type_code <> ?2", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, room, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, type_code, -1, SQLITE_STATIC);
	return step_done(db, s, "updating a room's nights", err);
}

enum fd_status fd_stay_nights_release(struct fd_db *db, const struct fd_booking *b, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "DELETE FROM stay_nights WHERE room = ?1 AND night >= ?2"
	                             " AND night < ?3 AND booking_id <> ?4",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, b->room, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, b->arrival);
	sqlite3_bind_int(s, 3, b->departure);
	sqlite3_bind_text(s, 4, b->id, -1, SQLITE_STATIC);
	return step_done(db, s, "releasing stale nights", err);
}

enum fd_status fd_stay_nights_hold(struct fd_db *db, const struct fd_booking *b, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT INTO stay_nights (booking_id, night, type_code, room)"
	                             " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(booking_id, night) DO NOTHING",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	for (fd_date d = b->arrival; d < b->departure; d++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, b->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, d);
		sqlite3_bind_text(s, 3, b->type_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, b->room, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			return fd_db_fail(db, err, "holding a booking's nights");
		}
	}
	sqlite3_reset(s);
	return FD_OK;
}

enum fd_status fd_conflict_put(struct fd_db *db, const struct fd_conflict_state *c, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "INSERT OR REPLACE INTO conflicts (id, op_id, device, actor, type, code, message, details,"
	    " resolved, resolved_by, version, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	const char *text[] = {c->id, c->op_id, c->device, c->actor, c->type, c->code, c->message, c->details};
	for (int i = 0; i < 8; i++)
		sqlite3_bind_text(s, i + 1, text[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 9, c->resolved);
	sqlite3_bind_text(s, 10, c->resolved_by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 11, c->version);
	sqlite3_bind_int64(s, 12, c->created_at);
	sqlite3_bind_int64(s, 13, c->updated_at);
	return step_done(db, s, "saving a conflict notice", err);
}

enum fd_status fd_verifier_delete(struct fd_db *db, const char *username, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "DELETE FROM sync_verifiers WHERE username = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	return step_done(db, s, "removing an offline sign-in", err);
}

enum fd_status fd_room_blocks_clear(struct fd_db *db, const char *room, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "DELETE FROM room_blocks WHERE room = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, room, -1, SQLITE_STATIC);
	return step_done(db, s, "replacing a room's blocks", err);
}

static const struct {
	const char *entity;
	const char *sql; /* delete by key */
} deletes[] = {
    {"property", "DELETE FROM property WHERE id = ?1"},
    {"room_type", "DELETE FROM room_types WHERE code = ?1"},
    {"room", "DELETE FROM rooms WHERE number = ?1"},
    {"guest", "DELETE FROM guests WHERE id = ?1"},
    {"booking", "DELETE FROM bookings WHERE id = ?1"},
    {"staff", "DELETE FROM staff WHERE username = ?1"},
    {"task", "DELETE FROM hk_tasks WHERE id = ?1"},
    {"conflict", "DELETE FROM conflicts WHERE id = ?1"},
    {"setting", "DELETE FROM folio_settings WHERE key = ?1"},
    {"invoice", "DELETE FROM invoices WHERE id = ?1 AND number IS NULL"},
    {"group_block", "DELETE FROM group_blocks WHERE id = ?1"},
    {"rate_plan", "DELETE FROM rate_plans WHERE code = ?1"},
    {"rate_day", "DELETE FROM rate_days WHERE id = ?1"},
    {"booking_rate", "DELETE FROM booking_rates WHERE booking_id = ?1"},
};

enum fd_status fd_cache_delete(struct fd_db *db, const char *entity, const char *key, struct fd_error *err)
{
	if (strcmp(entity, "booking") == 0) {
		sqlite3_stmt *n = fd_db_stmt(db, "DELETE FROM stay_nights WHERE booking_id = ?1", err);
		if (!n)
			return fd_error_status(err, FD_E_IO);
		sqlite3_bind_text(n, 1, key, -1, SQLITE_STATIC);
		enum fd_status st = step_done(db, n, "deleting a booking's nights", err);
		if (st)
			return st;
	}
	for (size_t k = 0; k < sizeof deletes / sizeof *deletes; k++) {
		if (strcmp(deletes[k].entity, entity) != 0)
			continue;
		sqlite3_stmt *s = fd_db_stmt(db, deletes[k].sql, err);
		if (!s)
			return fd_error_status(err, FD_E_IO);
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		return step_done(db, s, "deleting an entity", err);
	}
	return FD_OK;
}

enum fd_status fd_cache_clear(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db,
	                  "DELETE FROM stay_nights; DELETE FROM bookings; DELETE FROM hk_tasks;"
	                  " DELETE FROM guests; DELETE FROM rooms; DELETE FROM room_types;"
	                  " DELETE FROM staff; DELETE FROM property; DELETE FROM conflicts;"
	                  " DELETE FROM folio_lines; DELETE FROM folios; DELETE FROM charge_codes;"
	                  " DELETE FROM folio_settings; DELETE FROM day_reports; DELETE FROM room_blocks;"
	                  " DELETE FROM companies;"
	                  " DELETE FROM rate_plans; DELETE FROM rate_days; DELETE FROM booking_rates;"
	                  " DELETE FROM mail;"
	                  " DELETE FROM group_block_rooms; DELETE FROM group_blocks;",
	                  err);
}

enum fd_status fd_outbox_requeue_overlaid(struct fd_db *db, struct fd_error *err)
{
	return fd_db_exec(db, "UPDATE outbox SET state = 'pending', result_seq = NULL WHERE overlaid = 1",
	                  err);
}

enum fd_status fd_verifier_put(struct fd_db *db, const char *username, const char *verifier, const char *role,
                               int64_t signed_in_at, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "INSERT OR REPLACE INTO sync_verifiers (username, verifier, role, signed_in_at)"
	               " VALUES (?1, ?2, ?3, ?4)",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, verifier, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, signed_in_at);
	return step_done(db, s, "caching the sign-in", err);
}

enum fd_status fd_verifier_get(struct fd_db *db, const char *username, char *verifier, size_t size,
                               int64_t *signed_in_at, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db, "SELECT verifier, signed_in_at FROM sync_verifiers WHERE username = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		fd_col_text(s, 0, verifier, size);
		*signed_in_at = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return FD_OK;
	if (rc == SQLITE_DONE)
		return fd_fail(err, FD_E_NOT_FOUND, "not_found", NULL, "no offline sign-in for %s", username);
	return fd_db_fail(db, err, "reading an offline sign-in");
}

enum fd_status fd_meta_delete(struct fd_db *db, const char *key, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "DELETE FROM meta WHERE key = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	return step_done(db, s, "removing a setting", err);
}

bool fd_cache_holds_hotel(struct fd_db *db)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT (SELECT count(*) FROM property) + (SELECT count(*) FROM rooms)"
	                             " + (SELECT count(*) FROM bookings)",
	                             NULL);
	if (!s)
		return false;
	bool any = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
	sqlite3_reset(s);
	return any;
}

void fd_cache_tune_for_sync(struct fd_db *db)
{
	/* The connection's 16 MiB page cache (store/db.c), not more: a 64 MiB
	 * one filled up during a snapshot's install (one transaction for the
	 * whole hotel) and was half the terminal's peak memory (104 -> 55 MiB
	 * for 100,000 bookings, issue 18 asks under 64), for 7% more CPU. */
	fd_db_exec(db, "PRAGMA foreign_keys=OFF", NULL);
}

enum fd_status fd_verifier_salt_set(struct fd_db *db, const char *username, const char *salt,
                                    struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "UPDATE sync_verifiers SET sign_salt = ?2 WHERE username = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, salt ? salt : "", -1, SQLITE_STATIC);
	return step_done(db, s, "caching the signing salt", err);
}

void fd_verifier_salt_get(struct fd_db *db, const char *username, char *salt, size_t size)
{
	salt[0] = '\0';
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT sign_salt FROM sync_verifiers WHERE username = ?1", NULL);
	if (!s)
		return;
	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		fd_col_text(s, 0, salt, size);
	sqlite3_reset(s);
}
