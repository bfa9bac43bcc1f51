// SPDX-License-Identifier: GPL-3.0-or-later
/* The change feed and the snapshot: entities as JSON objects of their
 * database columns (the same columns as the terminal's cache, see
 * src/store/schema.c; dates are day numbers, money minor units), read at
 * answer time so each change carries the entity's CURRENT state. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/snaptoken.h"
#include "server/server.h"

/* One statement per entity (string literals: the statement cache keys on
 * the pointer). Columns the terminal derives itself are left out. */
static const struct {
	const char *entity;
	const char *one;  /* by key */
	const char *all;  /* for the snapshot */
	const char *skip; /* a column not sent (derived locally) */
	bool many;        /* the key names a set of rows: sent as {key, rows: [...]} */
} entity_sql[] = {
    {"property", "SELECT * FROM property WHERE id = ?1", "SELECT * FROM property", "singleton", false},
    {"room_type", "SELECT * FROM room_types WHERE code = ?1", "SELECT * FROM room_types ORDER BY code", NULL,
     false},
    {"room", "SELECT * FROM rooms WHERE number = ?1", "SELECT * FROM rooms ORDER BY number", NULL, false},
    {"guest", "SELECT * FROM guests WHERE id = ?1", "SELECT * FROM guests ORDER BY rowid", "search_key",
     false},
    /* The guest's name kept with it for the board (core step 43). */
    {"booking", "SELECT * FROM bookings WHERE id = ?1", "SELECT * FROM bookings ORDER BY rowid", "guest_name",
     false},
    {"staff", "SELECT * FROM staff WHERE username = ?1", "SELECT * FROM staff ORDER BY username", NULL,
     false},
    {"task", "SELECT * FROM hk_tasks WHERE id = ?1", "SELECT * FROM hk_tasks ORDER BY id", NULL, false},
    {"conflict", "SELECT * FROM srv_conflicts WHERE id = ?1",
     "SELECT * FROM srv_conflicts ORDER BY created_at", NULL, false},
    /* The folio area (src/folio): lines keep their local order column. */
    {"charge_code", "SELECT * FROM charge_codes WHERE code = ?1", "SELECT * FROM charge_codes ORDER BY code",
     NULL, false},
    {"setting", "SELECT * FROM folio_settings WHERE key = ?1", "SELECT * FROM folio_settings ORDER BY key",
     NULL, false},
    {"folio", "SELECT * FROM folios WHERE id = ?1", "SELECT * FROM folios ORDER BY rowid", NULL, false},
    {"folio_line", "SELECT * FROM folio_lines WHERE id = ?1", "SELECT * FROM folio_lines ORDER BY seq", "seq",
     false},
    {"day_report", "SELECT * FROM day_reports WHERE date = ?1", "SELECT * FROM day_reports ORDER BY date",
     NULL, false},
    /* Invoices as issued; the counter rows stay on the server. */
    {"invoice", "SELECT * FROM invoices WHERE id = ?1", "SELECT * FROM invoices ORDER BY rowid", "rowid",
     false},
    /* Company and travel agent accounts (the money rules, migration 12). */
    {"company", "SELECT * FROM companies WHERE id = ?1", "SELECT * FROM companies ORDER BY name", NULL,
     false},
    /* Documents sent by e-mail and how their delivery stands (core step 21). */
    {"mail", "SELECT * FROM mail WHERE id = ?1", "SELECT * FROM mail ORDER BY created_at, id", NULL, false},
    /* A room's calendar blocks change as a set (an iCal import). */
    {"room_block", "SELECT * FROM room_blocks WHERE room = ?1 ORDER BY uid",
     "SELECT * FROM room_blocks ORDER BY room, uid", NULL, true},
    /* Group blocks (core step 28); a block's rooms change as a set. */
    {"group_block", "SELECT * FROM group_blocks WHERE id = ?1", "SELECT * FROM group_blocks ORDER BY name",
     NULL, false},
    {"block_rooms", "SELECT * FROM group_block_rooms WHERE block_id = ?1 ORDER BY type_code, night",
     "SELECT * FROM group_block_rooms ORDER BY block_id, type_code, night", NULL, true},
    /* Rate plans, their nights and each booking's prices per night (core
     * step 25); a booking's prices change as a set. */
    {"rate_plan", "SELECT * FROM rate_plans WHERE code = ?1", "SELECT * FROM rate_plans ORDER BY code", NULL,
     false},
    {"rate_day", "SELECT * FROM rate_days WHERE id = ?1", "SELECT * FROM rate_days ORDER BY id", NULL, false},
    {"booking_rate", "SELECT * FROM booking_rates WHERE booking_id = ?1 ORDER BY night",
     "SELECT * FROM booking_rates ORDER BY booking_id, night", NULL, true},
};
#define N_ENTITIES (sizeof entity_sql / sizeof *entity_sql)

/* The paged snapshot reads each table in rowid order from a key (string
 * literals, one per entity of entity_sql, in the same order). */
static const char *const page_sql[] = {
    "SELECT rowid AS fd_key, * FROM property WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM room_types WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM rooms WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM guests WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM bookings WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM staff WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM hk_tasks WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM srv_conflicts WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM charge_codes WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM folio_settings WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM folios WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM folio_lines WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM day_reports WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM invoices WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM companies WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM mail WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM room_blocks WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM group_blocks WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM group_block_rooms WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM rate_plans WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM rate_days WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    "SELECT rowid AS fd_key, * FROM booking_rates WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
};
_Static_assert(sizeof page_sql / sizeof *page_sql == N_ENTITIES, "one page statement per entity");

/* The entities paged in id order (core/snaptoken.h), through the unique
 * index on id; NULL: in rowid order (page_sql). Ids compare as bytes
 * (SQLite's BINARY, PostgreSQL's COLLATE "C"): both servers send the same
 * order. */
static const char *const page_id_sql[] = {
    /* guest, booking */
    [3] = "SELECT id AS fd_key, * FROM guests WHERE id > ?1 ORDER BY id LIMIT ?2",
    [4] = "SELECT id AS fd_key, * FROM bookings WHERE id > ?1 ORDER BY id LIMIT ?2",
    [N_ENTITIES - 1] = NULL,
};
_Static_assert(sizeof page_id_sql / sizeof *page_id_sql == N_ENTITIES, "one entry per entity");

/* The rows of each table the pages read (string literals, in the order of
 * page_sql): their sum is the first page's "total". */
static const char *const count_sql[] = {
    "SELECT count(*) FROM property",
    "SELECT count(*) FROM room_types",
    "SELECT count(*) FROM rooms",
    "SELECT count(*) FROM guests",
    "SELECT count(*) FROM bookings",
    "SELECT count(*) FROM staff",
    "SELECT count(*) FROM hk_tasks",
    "SELECT count(*) FROM srv_conflicts",
    "SELECT count(*) FROM charge_codes",
    "SELECT count(*) FROM folio_settings",
    "SELECT count(*) FROM folios",
    "SELECT count(*) FROM folio_lines",
    "SELECT count(*) FROM day_reports",
    "SELECT count(*) FROM invoices",
    "SELECT count(*) FROM companies",
    "SELECT count(*) FROM mail",
    "SELECT count(*) FROM room_blocks",
    "SELECT count(*) FROM group_blocks",
    "SELECT count(*) FROM group_block_rooms",
    "SELECT count(*) FROM rate_plans",
    "SELECT count(*) FROM rate_days",
    "SELECT count(*) FROM booking_rates",
};
_Static_assert(sizeof count_sql / sizeof *count_sql == N_ENTITIES, "one count statement per entity");

static int entity_index(const char *entity)
{
	for (size_t i = 0; i < N_ENTITIES; i++)
		if (strcmp(entity_sql[i].entity, entity) == 0)
			return (int)i;
	return -1;
}

/* A row as a JSON object of its columns, written as text: integers as
 * numbers, NULL as null, anything else as a string. The one encoder of a
 * row for the feed and the snapshot. */
static void row_text(struct fd_json_out *o, sqlite3_stmt *s, const char *skip)
{
	int n = sqlite3_column_count(s);
	bool first = true;
	fd_json_out_raw(o, "{", 1);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s, i);
		if (strcmp(name, "rowid") == 0 || strcmp(name, "fd_key") == 0 ||
		    (skip && strcmp(name, skip) == 0))
			continue;
		if (!first)
			fd_json_out_raw(o, ",", 1);
		first = false;
		fd_json_out_string(o, name, strlen(name));
		fd_json_out_raw(o, ":", 1);
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_INTEGER:
			fd_json_out_int(o, sqlite3_column_int64(s, i));
			break;
		case SQLITE_NULL:
			fd_json_out_raw(o, "null", 4);
			break;
		default: {
			/* As a C string, up to a NUL a blob might hold. */
			const char *text = (const char *)sqlite3_column_text(s, i);
			fd_json_out_string(o, text ? text : "", text ? strlen(text) : 0);
		}
		}
	}
	fd_json_out_raw(o, "}", 1);
}

/* Text written for a tree (the feed's changes are a tree): raw, printed
 * as it is. NULL when the writing ran out of memory. */
static cJSON *raw_item(struct fd_json_out *o)
{
	char *text = fd_json_out_take(o);
	cJSON *item = text ? cJSON_CreateRaw(text) : NULL;
	free(text);
	return item;
}

static enum fd_status out_of_memory(struct fd_error *err)
{
	return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
}

/* A set entity is never deleted: an empty set is its state. */
static enum fd_status set_json(struct fd_db *db, sqlite3_stmt *s, const char *key, cJSON **out,
                               struct fd_error *err)
{
	struct fd_json_out o = {0};
	fd_json_out_raw(&o, "{\"key\":", 7);
	fd_json_out_string(&o, key, strlen(key));
	fd_json_out_raw(&o, ",\"rows\":[", 9);
	int rc, n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++)
			fd_json_out_raw(&o, ",", 1);
		row_text(&o, s, NULL);
	}
	sqlite3_reset(s);
	fd_json_out_raw(&o, "]}", 2);
	if (rc != SQLITE_DONE) {
		fd_json_out_clear(&o);
		return fd_db_fail(db, err, "reading the change feed");
	}
	*out = raw_item(&o);
	return *out ? FD_OK : out_of_memory(err);
}

enum fd_status srv_entity_json(struct fd_db *db, const char *entity, const char *id, cJSON **out,
                               struct fd_error *err)
{
	*out = NULL;
	int k = entity_index(entity);
	if (k < 0)
		return fd_fail(err, FD_E_NOT_FOUND, "not_found", "entity", "unknown entity %s", entity);
	sqlite3_stmt *s = fd_db_stmt(db, entity_sql[k].one, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (entity_sql[k].many)
		return set_json(db, s, id, out, err);
	int rc = sqlite3_step(s);
	struct fd_json_out o = {0};
	if (rc == SQLITE_ROW)
		row_text(&o, s, entity_sql[k].skip);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return (*out = raw_item(&o)) ? FD_OK : out_of_memory(err);
	return rc == SQLITE_DONE ? FD_E_NOT_FOUND : fd_db_fail(db, err, "reading the change feed");
}

enum fd_status srv_feed_page(struct fd_db *db, int64_t since, int limit, cJSON **changes, int64_t *next,
                             bool *more, struct fd_error *err)
{
	*changes = cJSON_CreateArray();
	*next = since;
	*more = false;
	enum fd_status st = fd_db_begin_read(db, err);
	if (st)
		return st;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT seq, entity, entity_id, op_id FROM srv_changes"
	                             " WHERE seq > ?1 ORDER BY seq LIMIT ?2",
	                             err);
	if (!s) {
		fd_db_rollback(db);
		return fd_error_status(err, FD_E_IO);
	}
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int(s, 2, limit + 1);
	/* Collect keys first: srv_entity_json uses other cached statements.
	 * The entity is kept as its place in entity_sql, never as a copy of
	 * the name that could be cut short: a change of an entity this server
	 * does not know is an error, not a change sent under a wrong name (or
	 * as "deleted"). */
	struct key {
		int64_t seq;
		int entity; /* index in entity_sql */
		char id[FD_ID_LEN], op_id[FD_ID_LEN];
	} *keys = calloc((size_t)limit + 1, sizeof *keys);
	int n = 0;
	while (keys && st == FD_OK && sqlite3_step(s) == SQLITE_ROW) {
		if (n == limit) {
			*more = true;
			break;
		}
		keys[n].seq = sqlite3_column_int64(s, 0);
		const char *entity = (const char *)sqlite3_column_text(s, 1);
		keys[n].entity = entity_index(entity ? entity : "");
		if (keys[n].entity < 0) {
			st = fd_fail(
			    err, FD_E_IO, "unknown_entity", "entity",
			    "change %lld of the feed is of an entity this server does not know (\"%.40s\"); "
			    "the database was written by another version of frontdeskd",
			    (long long)keys[n].seq, entity ? entity : "");
			break;
		}
		snprintf(keys[n].id, sizeof keys[n].id, "%s", sqlite3_column_text(s, 2));
		snprintf(keys[n].op_id, sizeof keys[n].op_id, "%s", sqlite3_column_text(s, 3));
		n++;
	}
	sqlite3_reset(s);
	for (int i = 0; keys && i < n && st == FD_OK; i++) {
		cJSON *state = NULL;
		const char *entity = entity_sql[keys[i].entity].entity;
		st = srv_entity_json(db, entity, keys[i].id, &state, err);
		cJSON *c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "seq", (double)keys[i].seq);
		cJSON_AddStringToObject(c, "entity", entity);
		cJSON_AddStringToObject(c, "id", keys[i].id);
		if (keys[i].op_id[0])
			cJSON_AddStringToObject(c, "op_id", keys[i].op_id);
		if (st == FD_E_NOT_FOUND) {
			cJSON_AddBoolToObject(c, "deleted", true);
			st = FD_OK;
		} else if (state) {
			cJSON_AddItemToObject(c, "state", state);
		}
		cJSON_AddItemToArray(*changes, c);
		*next = keys[i].seq;
	}
	free(keys);
	fd_db_rollback(db); /* ends the read transaction */
	if (!keys)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	return st;
}

/* One table's rows from s as the members of a JSON array (after a comma
 * when *rows is not 0), counting them in *rows. */
static int table_rows(struct fd_json_out *o, sqlite3_stmt *s, const char *skip, int *rows)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((*rows)++)
			fd_json_out_raw(o, ",", 1);
		row_text(o, s, skip);
	}
	return rc;
}

enum fd_status srv_snapshot(struct fd_db *db, const char *epoch, char **out, struct fd_error *err)
{
	*out = NULL;
	enum fd_status st = fd_db_begin_read(db, err);
	if (st)
		return st;
	struct fd_json_out o = {0};
	fd_json_out_raw(&o, "{\"epoch\":", 9);
	fd_json_out_string(&o, epoch, strlen(epoch));
	fd_json_out_raw(&o, ",\"seq\":", 7);
	fd_json_out_int(&o, srv_last_seq(db));
	fd_json_out_raw(&o, ",\"entities\":{", 13);
	for (size_t k = 0; k < N_ENTITIES && st == FD_OK; k++) {
		sqlite3_stmt *s = fd_db_stmt(db, entity_sql[k].all, err);
		if (!s) {
			st = fd_error_status(err, FD_E_IO);
			break;
		}
		if (k)
			fd_json_out_raw(&o, ",", 1);
		fd_json_out_string(&o, entity_sql[k].entity, strlen(entity_sql[k].entity));
		fd_json_out_raw(&o, ":[", 2);
		int rows = 0;
		if (table_rows(&o, s, entity_sql[k].skip, &rows) != SQLITE_DONE)
			st = fd_db_fail(db, err, "reading the snapshot");
		sqlite3_reset(s);
		fd_json_out_raw(&o, "]", 1);
	}
	fd_db_rollback(db);
	fd_json_out_raw(&o, "}}", 2);
	if (st) {
		fd_json_out_clear(&o);
		return st;
	}
	*out = fd_json_out_take(&o);
	return *out ? FD_OK : out_of_memory(err);
}

/* The paged snapshot. The cut: "seq" is the last change sequence when the
 * first page was read; later pages read the tables as they are then, so a
 * row may be newer than seq, never older, and every change after seq is in
 * the feed after seq (the feed is compacted forward: a change moves its
 * entity's row to a higher seq). So a terminal that installs every page and
 * then follows the feed from seq ends exactly at the server's state.
 * The page token (core/snaptoken.h) holds the cut, the entity index in
 * entity_sql and the last rowid or id sent. The order a table is read in
 * does not matter to the argument above: a row's rowid or id never
 * changes, and a row the pages pass over is in the feed after seq. The
 * first page also carries "total", the rows of every page together at the
 * cut. The page is written as text row by row, and measured by the bytes
 * written. */
enum fd_status srv_snapshot_page(struct fd_db *db, const char *epoch, const char *after, int limit,
                                 size_t max_bytes, char **out, struct fd_error *err)
{
	*out = NULL;
	struct fd_snap_pos pos = {.seq = -1, .by_id = page_id_sql[0] != NULL};
	if (after && after[0] &&
	    (!fd_snap_pos_parse(after, (int)N_ENTITIES, &pos) || (pos.by_id && !page_id_sql[pos.entity])))
		return fd_fail(err, FD_E_INVALID, "invalid_parameter", "after",
		               "Parameter \"after\" must be the \"next\" of the previous snapshot page.");
	long long seq = pos.seq;
	enum fd_status st = fd_db_begin_read(db, err);
	if (st)
		return st;
	bool first = seq < 0;
	if (first)
		seq = srv_last_seq(db);
	struct fd_json_out o = {0};
	fd_json_out_raw(&o, "{\"epoch\":", 9);
	fd_json_out_string(&o, epoch, strlen(epoch));
	fd_json_out_raw(&o, ",\"seq\":", 7);
	fd_json_out_int(&o, seq);
	/* The first page says how many rows every page holds together, read
	 * in the same transaction as the cut, so a terminal can show how far
	 * it is (later pages may hold a few rows more or fewer). */
	int64_t total = 0;
	for (size_t c = 0; first && c < N_ENTITIES && st == FD_OK; c++) {
		sqlite3_stmt *q = fd_db_stmt(db, count_sql[c], err);
		if (!q || sqlite3_step(q) != SQLITE_ROW)
			st = q ? fd_db_fail(db, err, "counting the snapshot") : fd_error_status(err, FD_E_IO);
		else
			total += sqlite3_column_int64(q, 0);
		if (q)
			sqlite3_reset(q);
	}
	if (first) {
		fd_json_out_raw(&o, ",\"total\":", 9);
		fd_json_out_int(&o, total);
	}
	fd_json_out_raw(&o, ",\"entities\":{", 13);
	size_t rows_from = o.len;
	int rows = 0, tables = 0;
	bool full = false;
	int k = pos.entity;
	for (; k < (int)N_ENTITIES && st == FD_OK && !full; k++) {
		if (k != pos.entity)
			pos = (struct fd_snap_pos){.seq = seq, .entity = k, .by_id = page_id_sql[k] != NULL};
		sqlite3_stmt *s = fd_db_stmt(db, pos.by_id ? page_id_sql[k] : page_sql[k], err);
		if (!s) {
			st = fd_error_status(err, FD_E_IO);
			break;
		}
		/* A copy: pos.id is overwritten by the rows the statement reads. */
		if (pos.by_id)
			sqlite3_bind_text(s, 1, pos.id, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(s, 1, pos.key);
		sqlite3_bind_int(s, 2, limit - rows + 1);
		int rc, here = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if (rows == limit || (rows > 0 && o.len - rows_from >= max_bytes)) {
				full = true;
				break;
			}
			/* An entity's array only when it has rows on this page. */
			if (here++ == 0) {
				if (tables++)
					fd_json_out_raw(&o, ",", 1);
				fd_json_out_string(&o, entity_sql[k].entity, strlen(entity_sql[k].entity));
				fd_json_out_raw(&o, ":[", 2);
			} else {
				fd_json_out_raw(&o, ",", 1);
			}
			row_text(&o, s, entity_sql[k].skip);
			if (pos.by_id)
				snprintf(pos.id, sizeof pos.id, "%s",
				         (const char *)sqlite3_column_text(s, 0));
			else
				pos.key = sqlite3_column_int64(s, 0);
			rows++;
		}
		if (here)
			fd_json_out_raw(&o, "]", 1);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			st = fd_db_fail(db, err, "reading the snapshot");
		sqlite3_reset(s);
		if (full)
			break;
	}
	fd_db_rollback(db);
	if (st) {
		fd_json_out_clear(&o);
		return st;
	}
	fd_json_out_raw(&o, "},\"more\":", 9);
	fd_json_out_raw(&o, full ? "true" : "false", full ? 4 : 5);
	if (full) {
		char next[FD_SNAP_TOKEN_LEN];
		pos.seq = seq;
		fd_snap_pos_format(&pos, next);
		fd_json_out_raw(&o, ",\"next\":", 8);
		fd_json_out_string(&o, next, strlen(next));
	}
	fd_json_out_raw(&o, "}", 1);
	*out = fd_json_out_take(&o);
	return *out ? FD_OK : out_of_memory(err);
}
