// SPDX-License-Identifier: GPL-3.0-or-later
/* The change feed's reading side on PostgreSQL (feed.h): entity state,
 * bounds, snapshot, trimming, epoch. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/snaptoken.h"
#include "pg/feed.h"
#include "pg/pg_internal.h"

/* One entry per entity the feed sends: the statement for one entity by
 * its key ($1 the property, $2 the key), and the snapshot's page of a
 * table ($1 the property, rows after snap_key $2, at most $3). Every row
 * leaves out property_id (a terminal holds one hotel) and snap_key (the
 * snapshot's page key, migration 3), plus the columns a terminal derives
 * itself. A set entity's key names several rows, sent as {key, rows}. */
static const struct pg_entity {
	const char *entity;
	const char *one;
	const char *page;
	bool set;
	/* Guests and bookings: the page in id order, as bytes (COLLATE "C",
	 * SQLite's order; index of step 24), $2 the last id sent; see
	 * core/snaptoken.h. */
	const char *page_id;
} entities[] = {
    {"property", "SELECT to_jsonb(t) - 'snap_key' FROM properties t WHERE $1 = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'snap_key' FROM properties t WHERE id = $1 AND snap_key > $2"
     " ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"room_type",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM room_types t WHERE property_id = $1 AND code = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM room_types t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"room",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM rooms t WHERE property_id = $1 AND number = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM rooms t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"guest",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' - 'search_key' FROM guests t WHERE property_id = $1"
     " AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' - 'search_key' FROM guests t"
     " WHERE property_id = $1 AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false,
     "SELECT id, to_jsonb(t) - 'property_id' - 'snap_key' - 'search_key' FROM guests t"
     " WHERE property_id = $1 AND id COLLATE \"C\" > $2 ORDER BY id COLLATE \"C\" LIMIT $3"},
    {"booking",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM bookings t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM bookings t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false,
     "SELECT id, to_jsonb(t) - 'property_id' - 'snap_key' FROM bookings t WHERE property_id = $1"
     " AND id COLLATE \"C\" > $2 ORDER BY id COLLATE \"C\" LIMIT $3"},
    {"staff",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM staff t WHERE property_id = $1 AND username = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM staff t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"task",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM hk_tasks t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM hk_tasks t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"setting",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM settings t WHERE property_id = $1 AND key = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM settings t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"room_block",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM room_blocks t WHERE property_id = $1 AND room = $2"
     " ORDER BY uid",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM room_blocks t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     true, NULL},
    /* Conflict notices (step 4); last, so that page tokens of the entities
     * before keep their index. */
    {"conflict",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM srv_conflicts t WHERE property_id = $1 AND id = "
     "$2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM srv_conflicts t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    /* The folio area (step 11), as the SQLite server sends it: a line
     * without its local order column (seq, here also its page key). */
    {"charge_code",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM charge_codes t WHERE property_id = $1 AND code = "
     "$2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM charge_codes t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"folio",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM folios t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM folios t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"folio_line",
     "SELECT to_jsonb(t) - 'property_id' - 'seq' FROM folio_lines t WHERE property_id = $1 AND id = $2",
     "SELECT seq, to_jsonb(t) - 'property_id' - 'seq' FROM folio_lines t WHERE property_id = $1"
     " AND seq > $2 ORDER BY seq LIMIT $3",
     false, NULL},
    {"day_report",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM day_reports t WHERE property_id = $1"
     " AND date::text = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM day_reports t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    /* Company accounts (step 12). */
    {"company",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM companies t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM companies t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    /* Invoices as issued and the mail queue (step 13); the series'
     * counter rows stay on the server, as on SQLite. */
    {"invoice",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM invoices t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM invoices t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"mail", "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM mail t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM mail t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    /* Rate plans, their nights and each booking's prices per night (step
     * 15); a booking's prices change as a set. */
    {"rate_plan",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM rate_plans t WHERE property_id = $1 AND code = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM rate_plans t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"rate_day",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM rate_days t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM rate_days t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"booking_rate",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM booking_rates t WHERE property_id = $1"
     " AND booking_id = $2 ORDER BY night",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM booking_rates t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     true, NULL},
    /* Group blocks (step 16); a block's rooms change as a set. */
    {"group_block",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM group_blocks t WHERE property_id = $1 AND id = $2",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM group_blocks t WHERE property_id = $1"
     " AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     false, NULL},
    {"block_rooms",
     "SELECT to_jsonb(t) - 'property_id' - 'snap_key' FROM group_block_rooms t WHERE property_id = $1"
     " AND block_id = $2 ORDER BY type_code, night",
     "SELECT snap_key, to_jsonb(t) - 'property_id' - 'snap_key' FROM group_block_rooms t"
     " WHERE property_id = $1 AND snap_key > $2 ORDER BY snap_key LIMIT $3",
     true, NULL},
};
#define N_ENTITIES ((int)(sizeof entities / sizeof *entities))

/* The rows of each table the snapshot's pages read (in the order of
 * entities[]; $1 the property): their sum is the first page's "total". */
static const char *const count_sql[] = {
    "SELECT count(*) FROM properties WHERE id = $1",
    "SELECT count(*) FROM room_types WHERE property_id = $1",
    "SELECT count(*) FROM rooms WHERE property_id = $1",
    "SELECT count(*) FROM guests WHERE property_id = $1",
    "SELECT count(*) FROM bookings WHERE property_id = $1",
    "SELECT count(*) FROM staff WHERE property_id = $1",
    "SELECT count(*) FROM hk_tasks WHERE property_id = $1",
    "SELECT count(*) FROM settings WHERE property_id = $1",
    "SELECT count(*) FROM room_blocks WHERE property_id = $1",
    "SELECT count(*) FROM srv_conflicts WHERE property_id = $1",
    "SELECT count(*) FROM charge_codes WHERE property_id = $1",
    "SELECT count(*) FROM folios WHERE property_id = $1",
    "SELECT count(*) FROM folio_lines WHERE property_id = $1",
    "SELECT count(*) FROM day_reports WHERE property_id = $1",
    "SELECT count(*) FROM companies WHERE property_id = $1",
    "SELECT count(*) FROM invoices WHERE property_id = $1",
    "SELECT count(*) FROM mail WHERE property_id = $1",
    "SELECT count(*) FROM rate_plans WHERE property_id = $1",
    "SELECT count(*) FROM rate_days WHERE property_id = $1",
    "SELECT count(*) FROM booking_rates WHERE property_id = $1",
    "SELECT count(*) FROM group_blocks WHERE property_id = $1",
    "SELECT count(*) FROM group_block_rooms WHERE property_id = $1",
};
_Static_assert(sizeof count_sql / sizeof *count_sql == sizeof entities / sizeof *entities,
               "one count statement per entity");

enum fd_status fd_pg_entity_json(struct fd_pg *pg, const char *entity, const char *id, cJSON **out,
                                 struct fd_error *err)
{
	*out = NULL;
	for (int i = 0; i < N_ENTITIES; i++) {
		if (strcmp(entities[i].entity, entity) != 0)
			continue;
		const char *a[] = {pg->property, id};
		PGresult *r;
		enum fd_status st = fd_pg_run(pg, entities[i].one, 2, a, &r, "reading a changed entity", err);
		if (st)
			return st;
		int n = PQntuples(r);
		if (entities[i].set) {
			/* A set is never deleted: an empty set is its state. */
			*out = cJSON_CreateObject();
			cJSON_AddStringToObject(*out, "key", id);
			cJSON *rows = cJSON_AddArrayToObject(*out, "rows");
			for (int k = 0; k < n; k++)
				cJSON_AddItemToArray(rows, cJSON_Parse(PQgetvalue(r, k, 0)));
		} else if (n == 1) {
			*out = cJSON_Parse(PQgetvalue(r, 0, 0));
		}
		PQclear(r);
		return *out ? FD_OK : FD_E_NOT_FOUND;
	}
	return FD_E_NOT_FOUND;
}

enum fd_status fd_pg_feed_bounds(struct fd_pg *pg, struct fd_pg_feed_bounds *b, struct fd_error *err)
{
	static const char sql[] =
	    "SELECT (SELECT value FROM meta WHERE key = 'server_epoch'), coalesce(f.seq, 0), "
	    "coalesce(f.floor, 0)"
	    " FROM (SELECT $1::text AS p) x LEFT JOIN feed_counters f ON f.property_id = x.p";
	const char *a[] = {pg->property};
	PGresult *r;
	memset(b, 0, sizeof *b);
	enum fd_status st = fd_pg_run(pg, sql, 1, a, &r, "reading the change feed's bounds", err);
	if (st)
		return st;
	fd_pg_col_text(r, 0, 0, b->epoch, sizeof b->epoch);
	b->seq = fd_pg_col_int(r, 0, 1);
	b->floor = fd_pg_col_int(r, 0, 2);
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_trim_changes(struct fd_pg *pg, int keep_days, struct fd_error *err)
{
	if (keep_days <= 0)
		return FD_OK;
	/* seq follows commit order, so everything at or below a hotel's newest
	 * expired change goes: a cursor at or above the floor misses nothing
	 * (the rule of the SQLite server, src/server/sdb.c). */
	static const char tops[] =
	    "SELECT property_id, max(seq) FROM changes WHERE at < $1 GROUP BY property_id";
	static const char floor_sql[] =
	    "UPDATE feed_counters SET floor = $2 WHERE property_id = $1 AND floor < $2";
	static const char del_sql[] = "DELETE FROM changes WHERE property_id = $1 AND seq <= $2";
	char cut[FD_PG_INT_LEN];
	const char *a[] = {fd_pg_int(cut, (int64_t)time(NULL) - (int64_t)keep_days * 86400)};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, tops, 1, a, &r, "finding expired changes", err);
	if (st)
		return st;
	char was[FD_ID_LEN];
	snprintf(was, sizeof was, "%s", pg->property);
	for (int i = 0; i < PQntuples(r) && !st; i++) {
		fd_pg_use_property(pg, PQgetvalue(r, i, 0));
		const char *p[] = {PQgetvalue(r, i, 0), PQgetvalue(r, i, 1)};
		st = fd_pg_begin(pg, err);
		if (st)
			break;
		st = fd_pg_do(pg, floor_sql, 2, p, "raising the feed's floor", err);
		if (!st)
			st = fd_pg_do(pg, del_sql, 2, p, "trimming the change feed", err);
		if (!st)
			st = fd_pg_commit(pg, err);
		else
			fd_pg_rollback(pg);
	}
	PQclear(r);
	fd_pg_use_property(pg, was);
	return st;
}

/* --- the snapshot --- */

static enum fd_status exec_plain(struct fd_pg *pg, const char *sql, struct fd_error *err)
{
	PGresult *r = PQexec(pg->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	enum fd_status st = FD_OK;
	if (t != PGRES_COMMAND_OK)
		st = fd_fail(err, FD_E_IO, "io", NULL, "PostgreSQL, reading the snapshot: %s",
		             PQerrorMessage(pg->conn));
	PQclear(r);
	return st;
}

/* One consistent read: the feed's sequence and every row as of one
 * moment (REPEATABLE READ, read only: nothing waits on it). */
static enum fd_status read_begin(struct fd_pg *pg, struct fd_error *err)
{
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		PQreset(pg->conn);
		pg->n_stmts = 0;
	}
	enum fd_status st = exec_plain(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err);
	if (!st)
		pg->in_tx = true;
	return st;
}

static void read_end(struct fd_pg *pg)
{
	fd_pg_rollback(pg);
}

/* The page token is core/snaptoken.h's, as on SQLite: the cut, the index in
 * entities[] and the last snap_key or id sent. The cut: "seq" is the feed's
 * sequence when the first page was read; later pages read the tables as
 * they are then, so a row may be newer than seq, never older, and every
 * change after seq is in the feed after seq (compacted forward). A row
 * inserted by a transaction still open at a page's read gets its change
 * number after the cut, so the feed brings it even when its key lies
 * behind the page. The first page also carries "total", the rows of
 * every page together at the cut. */
enum fd_status fd_pg_snapshot(struct fd_pg *pg, const char *epoch, const char *after, int limit,
                              size_t max_bytes, cJSON **out, struct fd_error *err)
{
	*out = NULL;
	bool paged = limit > 0;
	struct fd_snap_pos pos = {.seq = -1, .by_id = entities[0].page_id != NULL};
	if (after && after[0] &&
	    (!fd_snap_pos_parse(after, N_ENTITIES, &pos) || (pos.by_id && !entities[pos.entity].page_id)))
		return fd_fail(err, FD_E_INVALID, "invalid_parameter", "after",
		               "Parameter \"after\" must be the \"next\" of the previous snapshot page.");
	long long seq = pos.seq;
	enum fd_status st = read_begin(pg, err);
	if (st)
		return st;
	bool first = seq < 0;
	int64_t total = 0;
	if (first) {
		struct fd_pg_feed_bounds b;
		if ((st = fd_pg_feed_bounds(pg, &b, err))) {
			read_end(pg);
			return st;
		}
		seq = b.seq;
	}
	/* The first page says how many rows every page holds together, read
	 * in the same transaction as the cut (as on SQLite). */
	for (int c = 0; first && paged && c < N_ENTITIES && !st; c++) {
		const char *p[] = {pg->property};
		PGresult *r;
		if (!(st = fd_pg_run(pg, count_sql[c], 1, p, &r, "counting the snapshot", err))) {
			total += fd_pg_col_int(r, 0, 0);
			PQclear(r);
		}
	}
	if (st) {
		read_end(pg);
		return st;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "epoch", epoch);
	cJSON_AddNumberToObject(doc, "seq", (double)seq);
	if (first && paged)
		cJSON_AddNumberToObject(doc, "total", (double)total);
	cJSON *ents = cJSON_AddObjectToObject(doc, "entities");
	int rows = 0;
	size_t bytes = 0;
	bool full = false;
	for (int k = pos.entity; k < N_ENTITIES && !st && !full; k++) {
		if (k != pos.entity)
			pos = (struct fd_snap_pos){
			    .seq = seq, .entity = k, .by_id = entities[k].page_id != NULL};
		char a1[FD_PG_INT_LEN], a2[FD_PG_INT_LEN];
		const char *p[] = {pg->property, pos.by_id ? pos.id : fd_pg_int(a1, pos.key),
		                   fd_pg_int(a2, paged ? (int64_t)(limit - rows + 1) : INT64_MAX)};
		PGresult *r;
		if ((st = fd_pg_run(pg, pos.by_id ? entities[k].page_id : entities[k].page, 3, p, &r,
		                    "reading the snapshot", err)))
			break;
		cJSON *arr = paged ? NULL : cJSON_AddArrayToObject(ents, entities[k].entity);
		for (int i = 0; i < PQntuples(r); i++) {
			if (paged && (rows == limit || (rows > 0 && bytes >= max_bytes))) {
				full = true;
				break;
			}
			const char *text = PQgetvalue(r, i, 1);
			bytes += strlen(text) + 1;
			if (!arr)
				arr = cJSON_AddArrayToObject(ents, entities[k].entity);
			cJSON_AddItemToArray(arr, cJSON_Parse(text));
			if (pos.by_id)
				snprintf(pos.id, sizeof pos.id, "%s", PQgetvalue(r, i, 0));
			else
				pos.key = fd_pg_col_int(r, i, 0);
			rows++;
		}
		PQclear(r);
		if (full)
			break;
	}
	read_end(pg);
	if (st) {
		cJSON_Delete(doc);
		return st;
	}
	if (paged) {
		cJSON_AddBoolToObject(doc, "more", full);
		if (full) {
			char next[FD_SNAP_TOKEN_LEN];
			pos.seq = seq;
			fd_snap_pos_format(&pos, next);
			cJSON_AddStringToObject(doc, "next", next);
		}
	}
	*out = doc;
	return FD_OK;
}

enum fd_status fd_pg_new_epoch(struct fd_pg *pg, char *out, size_t size, struct fd_error *err)
{
	static const char sql[] = "WITH e AS (INSERT INTO meta (key, value) VALUES ('server_epoch', "
	                          "replace(gen_random_uuid()::text, '-', ''))"
	                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING value)"
	                          " SELECT value, pg_notify('" FD_PG_CHANNEL "', 'epoch') FROM e";
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 0, NULL, &r, "renewing the epoch", err);
	if (st)
		return st;
	if (out)
		fd_pg_col_text(r, 0, 0, out, size);
	PQclear(r);
	return FD_OK;
}
