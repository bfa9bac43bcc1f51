// SPDX-License-Identifier: GPL-3.0-or-later
/* The change feed's reading side on PostgreSQL, for frontdeskd: the
 * entities' state as the terminals' wire shape, the feed's bounds (its
 * cursor checks), the snapshot a terminal heals a 410 with, trimming, and
 * the database's epoch. Each hotel has its own feed (feed_counters.seq)
 * and its own floor (feed_counters.floor: changes at or below it were
 * trimmed). */
#ifndef FD_PG_FEED_H
#define FD_PG_FEED_H

#include <cjson/cJSON.h>

#include "pg/pg.h"

/* The state of one entity of the current property as the feed sends it
 * (the columns of the terminal's cache, without property_id); a set
 * entity (room_block: a room's blocks) as {"key", "rows": [...]}.
 * FD_E_NOT_FOUND when it is gone (or unknown). */
enum fd_status fd_pg_entity_json(struct fd_pg *pg, const char *entity, const char *id, cJSON **out,
                                 struct fd_error *err);

/* The database's epoch and the current property's feed: the last
 * sequence committed and the floor (0 and 0 for a hotel without changes). */
struct fd_pg_feed_bounds {
	char epoch[80];
	int64_t seq, floor;
};
enum fd_status fd_pg_feed_bounds(struct fd_pg *pg, struct fd_pg_feed_bounds *b, struct fd_error *err);

/* Drop every hotel's changes recorded more than keep_days ago (0: keep
 * them for ever), raising each hotel's floor; a hotel at a time, each
 * under its counter's lock, so no writer is ever half-trimmed. */
enum fd_status fd_pg_trim_changes(struct fd_pg *pg, int keep_days, struct fd_error *err);

/* The current property's snapshot (the shape of src/server/feed.c):
 * without paging (limit 0) every entity at once in one consistent read;
 * with limit > 0 a page of at most limit rows / about max_bytes from the
 * page token after ("" or NULL: the first page, which fixes "seq" and says
 * "total", how many rows the pages hold together), with
 * "more" and "next". An unreadable token is FD_E_INVALID. */
enum fd_status fd_pg_snapshot(struct fd_pg *pg, const char *epoch, const char *after, int limit,
                              size_t max_bytes, cJSON **out, struct fd_error *err);

/* A new random epoch for the database (a database restored from a
 * backup): written in meta and announced on FD_PG_CHANNEL ("epoch"), so
 * every server answers its terminals' long-polls with 410. out (33 bytes
 * or more, may be NULL) receives it. */
enum fd_status fd_pg_new_epoch(struct fd_pg *pg, char *out, size_t size, struct fd_error *err);

#endif
