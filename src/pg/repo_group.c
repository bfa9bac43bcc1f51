// SPDX-License-Identifier: GPL-3.0-or-later
/* The group block members of struct fd_repo over PostgreSQL (schema step
 * 16), for the current property, with the contract of the SQLite store's
 * (src/store/repo_group.c): a block's row ("group_block" in the feed) and
 * its rooms, one row per type and night, sent as the set "block_rooms"
 * keyed by the block's id. What unreleased blocks hold counts as sold in
 * availability (type_sold, src/pg/repo.c): a writer of the hotel holds its
 * feed counter's lock from BEGIN to COMMIT (fd_pg_begin), so a block and a
 * booking judged by two servers at once are judged one after the other,
 * each against what the other committed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

#define BLOCK_COLS "id, name, company, plan, master, cutoff, released, version"

static void read_block(const PGresult *r, int row, void *item)
{
	struct fd_group_block *b = item;
	memset(b, 0, sizeof *b);
	fd_pg_col_text(r, row, 0, b->id, sizeof b->id);
	fd_pg_col_text(r, row, 1, b->name, sizeof b->name);
	fd_pg_col_text(r, row, 2, b->company, sizeof b->company);
	fd_pg_col_text(r, row, 3, b->plan, sizeof b->plan);
	fd_pg_col_text(r, row, 4, b->master, sizeof b->master);
	b->cutoff = (fd_date)fd_pg_col_int(r, row, 5);
	b->released = (fd_date)fd_pg_col_int(r, row, 6);
	b->version = fd_pg_col_int(r, row, 7);
}

static enum fd_status get_group_block(void *ctx, const char *key, struct fd_group_block *out,
                                      struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	/* A name in any case, as SQLite's COLLATE NOCASE (ASCII). */
	static const char sql[] = "SELECT " BLOCK_COLS " FROM group_blocks WHERE property_id = $1"
	                          " AND (id = $2 OR lower(name) = lower($2)) ORDER BY id = $2 DESC LIMIT 1";
	const char *a[] = {pg->property, key};
	return fd_pg_get(pg, sql, 2, a, "reading a group block", read_block, out, err);
}

static enum fd_status put_group_block(void *ctx, const struct fd_group_block *b, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO group_blocks (property_id, " BLOCK_COLS ", updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (property_id, id) DO UPDATE SET"
	    " name = excluded.name, company = excluded.company, plan = excluded.plan, master = "
	    "excluded.master,"
	    " cutoff = excluded.cutoff, released = excluded.released, version = excluded.version,"
	    " updated_at = excluded.updated_at";
	char cut[FD_PG_INT_LEN], rel[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,      b->id,
	                   b->name,           b->company,
	                   b->plan,           b->master,
	                   I(cut, b->cutoff), I(rel, b->released),
	                   I(v, b->version),  I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 10, a, "saving a group block", err);
	return st ? st : fd_pg_record_change(pg, "group_block", b->id, NULL, err);
}

static enum fd_status put_block_rooms(void *ctx, const char *block_id, const char *type_code, fd_date from,
                                      fd_date to, int rooms, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	/* One statement for the nights (the block is the hotel's: the
	 * composite foreign key). */
	static const char sql[] =
	    "INSERT INTO group_block_rooms (property_id, block_id, type_code, night, rooms)"
	    " SELECT $1, $2, $3, d, $6 FROM generate_series($4::integer, $5::integer - 1) d"
	    " ON CONFLICT (property_id, block_id, type_code, night) DO UPDATE SET rooms = excluded.rooms";
	char f[FD_PG_INT_LEN], t[FD_PG_INT_LEN], n[FD_PG_INT_LEN];
	const char *a[] = {pg->property, block_id, type_code, I(f, from), I(t, to), I(n, rooms)};
	enum fd_status st = fd_pg_do(pg, sql, 6, a, "holding a block's rooms", err);
	return st ? st : fd_pg_record_change(pg, "block_rooms", block_id, NULL, err);
}

static enum fd_status block_night(void *ctx, const char *block_id, const char *type_code, fd_date night,
                                  const char *except_id, int *held, int *picked, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT coalesce((SELECT rooms FROM group_block_rooms WHERE property_id = $1 AND block_id = $2"
	    "  AND type_code = $3 AND night = $4), 0),"
	    " (SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	    "  WHERE b.property_id = $1 AND b.block_id = $2 AND b.type_code = $3 AND n.night = $4"
	    "  AND b.id <> $5)";
	char d[FD_PG_INT_LEN];
	const char *a[] = {pg->property, block_id, type_code, I(d, night), except_id ? except_id : ""};
	PGresult *r;
	*held = *picked = 0;
	enum fd_status st = fd_pg_run(pg, sql, 5, a, &r, "counting a block's rooms", err);
	if (st)
		return st;
	if (PQntuples(r) > 0) {
		*held = (int)fd_pg_col_int(r, 0, 0);
		*picked = (int)fd_pg_col_int(r, 0, 1);
	}
	PQclear(r);
	return FD_OK;
}

static enum fd_status blocks_due(void *ctx, fd_date d, struct fd_group_block **out, int *n,
                                 struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " BLOCK_COLS " FROM group_blocks WHERE property_id = $1"
	                          " AND released = 0 AND cutoff <= $2 ORDER BY lower(name), name";
	char day[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(day, d)};
	return fd_pg_list(pg, sql, 2, a, "listing group blocks", read_block, sizeof **out, out, n, err);
}

void fd_pg_repo_group_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	r->get_group_block = get_group_block;
	r->put_group_block = put_group_block;
	r->put_block_rooms = put_block_rooms;
	r->block_night = block_night;
	r->blocks_due = blocks_due;
}
