// SPDX-License-Identifier: GPL-3.0-or-later
/* The paged snapshot's page token ("next", handed back as "after"): the one
 * wire format of both servers (src/server/feed.c, src/pg/feed.c).
 *
 *   SEQ.ENTITY.KEY    the cut, the entity's index, the last row's number
 *                     (rowid on SQLite, snap_key on PostgreSQL)
 *   SEQ.ENTITY.xHEX   the same, for an entity paged in id order: the last
 *                     id sent, its bytes in hex ("x" alone: the entity's
 *                     first page)
 *
 * Guests and bookings are paged by id so that a terminal writes its
 * b-trees keyed by id in order instead of at random pages (issue 18).
 * The id goes as hex because an id is any text (op_new_id) and the
 * terminal puts the token in the URL as it came. A numeric key for an
 * entity paged by id is a token of a server before that change (a
 * terminal mid-snapshot across the upgrade): that entity's remaining rows
 * then go on in the old order, the next ones by id. */
#ifndef FD_CORE_SNAPTOKEN_H
#define FD_CORE_SNAPTOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/entity.h"

/* Long enough for any token (20-digit seq, 2 * 36 hex digits). */
#define FD_SNAP_TOKEN_LEN 112

struct fd_snap_pos {
	long long seq;      /* the cut; -1: the first page */
	int entity;         /* index in the server's entity table */
	bool by_id;         /* the position is an id (else a row number) */
	long long key;      /* the last row number sent (0: none yet) */
	char id[FD_ID_LEN]; /* the last id sent ("": none yet) */
};

/* Reads a token; false when it is not one (or names no entity below
 * n_entities). */
bool fd_snap_pos_parse(const char *token, int n_entities, struct fd_snap_pos *p);
/* Writes p as a token into out (FD_SNAP_TOKEN_LEN bytes). Returns out. */
char *fd_snap_pos_format(const struct fd_snap_pos *p, char out[FD_SNAP_TOKEN_LEN]);

#endif
