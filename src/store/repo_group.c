// SPDX-License-Identifier: GPL-3.0-or-later
/* Group blocks (allotments) over SQLite: core step 28, the repository
 * members core applies through (op_group.c) and the desk's reads. A
 * block's rooms are one row per type and night (group_block_rooms); a
 * booking picked up from a block names it (bookings.block_id). The
 * availability count (repo_sqlite.c, type_sold) adds what unreleased
 * blocks hold and no booking has picked up. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/group.h"
#include "store/row.h"

/* Step 28. The change feed sends a block as "group_block" and its rooms
 * as the set "block_rooms" keyed by the block's id. */
const char fd_schema_v28_groups[] =
    "CREATE TABLE group_blocks ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " company TEXT NOT NULL DEFAULT '',"
    " plan TEXT NOT NULL DEFAULT '',"
    " master TEXT NOT NULL DEFAULT '',"
    " cutoff INTEGER NOT NULL,"
    " released INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE TABLE group_block_rooms ("
    " block_id TEXT NOT NULL,"
    " type_code TEXT NOT NULL,"
    " night INTEGER NOT NULL,"
    " rooms INTEGER NOT NULL CHECK (rooms >= 0),"
    " PRIMARY KEY (block_id, type_code, night));"
    "CREATE INDEX group_block_rooms_night ON group_block_rooms(type_code, night);"
    "ALTER TABLE bookings ADD COLUMN block_id TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX bookings_block ON bookings(block_id) WHERE block_id <> '';";

#define STMT(db, sql, err)                                                                                   \
	sqlite3_stmt *s = fd_db_stmt((db), (sql), (err));                                                    \
	if (!s)                                                                                              \
	return fd_error_status((err), FD_E_IO)

#define BLOCK_COLS "id, name, company, plan, master, cutoff, released, version"

static void read_block(sqlite3_stmt *s, struct fd_group_block *b)
{
	memset(b, 0, sizeof *b);
	fd_col_text(s, 0, b->id, sizeof b->id);
	fd_col_text(s, 1, b->name, sizeof b->name);
	fd_col_text(s, 2, b->company, sizeof b->company);
	fd_col_text(s, 3, b->plan, sizeof b->plan);
	fd_col_text(s, 4, b->master, sizeof b->master);
	b->cutoff = sqlite3_column_int(s, 5);
	b->released = sqlite3_column_int(s, 6);
	b->version = sqlite3_column_int64(s, 7);
}

static enum fd_status get_group_block(void *ctx, const char *key, struct fd_group_block *out,
                                      struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT " BLOCK_COLS " FROM group_blocks WHERE id = ?1 OR name = ?1", err);
	fd_bind_text(s, 1, key);
	enum fd_status st = fd_step_one(db, s, err, "reading a group block");
	if (st == FD_OK)
		read_block(s, out);
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_group_block(void *ctx, const struct fd_group_block *b, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO group_blocks (id, name, company, plan, master, cutoff, released, version, "
	     "updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	     " ON CONFLICT(id) DO UPDATE SET name = excluded.name, company = excluded.company,"
	     " plan = excluded.plan, master = excluded.master, cutoff = excluded.cutoff,"
	     " released = excluded.released, version = excluded.version, updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, b->id);
	fd_bind_text(s, 2, b->name);
	fd_bind_text(s, 3, b->company);
	fd_bind_text(s, 4, b->plan);
	fd_bind_text(s, 5, b->master);
	sqlite3_bind_int(s, 6, b->cutoff);
	sqlite3_bind_int(s, 7, b->released);
	sqlite3_bind_int64(s, 8, b->version);
	sqlite3_bind_int64(s, 9, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a group block");
	return st ? st : fd_db_changed(db, "group_block", b->id, err);
}

enum fd_status fd_block_room_put(struct fd_db *db, const char *block_id, const char *type_code, fd_date night,
                                 int rooms, struct fd_error *err)
{
	STMT(db,
	     "INSERT INTO group_block_rooms (block_id, type_code, night, rooms) VALUES (?1, ?2, ?3, ?4)"
	     " ON CONFLICT(block_id, type_code, night) DO UPDATE SET rooms = excluded.rooms",
	     err);
	fd_bind_text(s, 1, block_id);
	fd_bind_text(s, 2, type_code);
	sqlite3_bind_int(s, 3, night);
	sqlite3_bind_int(s, 4, rooms);
	return fd_step_done(db, s, err, "holding a block's rooms");
}

enum fd_status fd_block_rooms_clear(struct fd_db *db, const char *block_id, struct fd_error *err)
{
	STMT(db, "DELETE FROM group_block_rooms WHERE block_id = ?1", err);
	fd_bind_text(s, 1, block_id);
	return fd_step_done(db, s, err, "replacing a block's rooms");
}

static enum fd_status put_block_rooms(void *ctx, const char *block_id, const char *type_code, fd_date from,
                                      fd_date to, int rooms, struct fd_error *err)
{
	struct fd_db *db = ctx;
	enum fd_status st = FD_OK;
	for (fd_date d = from; !st && d < to; d++)
		st = fd_block_room_put(db, block_id, type_code, d, rooms, err);
	return st ? st : fd_db_changed(db, "block_rooms", block_id, err);
}

static enum fd_status block_night(void *ctx, const char *block_id, const char *type_code, fd_date night,
                                  const char *except_id, int *held, int *picked, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT coalesce((SELECT rooms FROM group_block_rooms WHERE block_id = ?1 AND type_code = ?2"
	     "  AND night = ?3), 0),"
	     " (SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	     "  WHERE b.block_id = ?1 AND b.type_code = ?2 AND n.night = ?3 AND b.id <> ?4)",
	     err);
	fd_bind_text(s, 1, block_id);
	fd_bind_text(s, 2, type_code);
	sqlite3_bind_int(s, 3, night);
	fd_bind_text(s, 4, except_id ? except_id : "");
	enum fd_status st = fd_step_one(db, s, err, "counting a block's rooms");
	*held = st == FD_OK ? sqlite3_column_int(s, 0) : 0;
	*picked = st == FD_OK ? sqlite3_column_int(s, 1) : 0;
	sqlite3_reset(s);
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

static enum fd_status read_blocks(struct fd_db *db, sqlite3_stmt *s, struct fd_group_block **out, int *n,
                                  struct fd_error *err)
{
	int rc, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			struct fd_group_block *grown = realloc(*out, (size_t)cap * sizeof **out);
			if (!grown) {
				sqlite3_reset(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
			}
			*out = grown;
		}
		read_block(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fd_db_fail(db, err, "listing group blocks");
	}
	return FD_OK;
}

static enum fd_status blocks_due(void *ctx, fd_date d, struct fd_group_block **out, int *n,
                                 struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	STMT(db, "SELECT " BLOCK_COLS " FROM group_blocks WHERE released = 0 AND cutoff <= ?1 ORDER BY name",
	     err);
	sqlite3_bind_int(s, 1, d);
	return read_blocks(db, s, out, n, err);
}

enum fd_status fd_query_blocks(struct fd_db *db, struct fd_group_block **out, int *n, struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	STMT(db, "SELECT " BLOCK_COLS " FROM group_blocks ORDER BY name", err);
	return read_blocks(db, s, out, n, err);
}

enum fd_status fd_query_block_nights(struct fd_db *db, const char *block_id, struct fd_block_night **out,
                                     int *n, struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	STMT(db,
	     "SELECT r.type_code, r.night, r.rooms,"
	     " (SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	     "  WHERE b.block_id = r.block_id AND b.type_code = r.type_code AND n.night = r.night)"
	     " FROM group_block_rooms r WHERE r.block_id = ?1 ORDER BY r.type_code, r.night",
	     err);
	fd_bind_text(s, 1, block_id);
	int rc, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			struct fd_block_night *grown = realloc(*out, (size_t)cap * sizeof **out);
			if (!grown) {
				sqlite3_reset(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
			}
			*out = grown;
		}
		struct fd_block_night *bn = &(*out)[(*n)++];
		fd_col_text(s, 0, bn->type_code, sizeof bn->type_code);
		bn->night = sqlite3_column_int(s, 1);
		bn->held = sqlite3_column_int(s, 2);
		bn->picked = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fd_db_fail(db, err, "reading a block's nights");
	}
	return FD_OK;
}

/* The policies' clock (core/policy.h): the process runs in the property's
 * time zone (frontdeskd sets TZ to it as it starts; a desk runs where the
 * hotel is). */
static int local_minute(void *ctx, int64_t t)
{
	(void)ctx;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		return (int)((t % 86400 + 86400) % 86400 / 60);
	return tm.tm_hour * 60 + tm.tm_min;
}

void fd_repo_group_init(struct fd_db *db)
{
	struct fd_repo *r = &db->repo;
	r->get_group_block = get_group_block;
	r->put_group_block = put_group_block;
	r->put_block_rooms = put_block_rooms;
	r->block_night = block_night;
	r->blocks_due = blocks_due;
	r->local_minute = local_minute;
}
