// SPDX-License-Identifier: GPL-3.0-or-later
/* Group blocks (allotments) in the store: the repository members
 * (repo_group.c, core step 28) and what the desk reads about a block. */
#ifndef FD_STORE_GROUP_H
#define FD_STORE_GROUP_H

#include "core/entity.h"
#include "store/db.h"

/* One night of one room type of a block: rooms held, bookings picked up. */
struct fd_block_night {
	char type_code[FD_TYPECODE_LEN];
	fd_date night;
	int held;
	int picked;
};

/* A block's nights by type and date (malloc'd; the caller frees *out,
 * also on error, where it is NULL). */
enum fd_status fd_query_block_nights(struct fd_db *db, const char *block_id, struct fd_block_night **out,
                                     int *n, struct fd_error *err);

/* Every block, by name (malloc'd as above). */
enum fd_status fd_query_blocks(struct fd_db *db, struct fd_group_block **out, int *n, struct fd_error *err);

/* The sync thread's writes of the server's state (src/sync/apply.c): a
 * block's held rooms come as a set, cleared and put again. */
enum fd_status fd_block_rooms_clear(struct fd_db *db, const char *block_id, struct fd_error *err);
enum fd_status fd_block_room_put(struct fd_db *db, const char *block_id, const char *type_code, fd_date night,
                                 int rooms, struct fd_error *err);

#endif
