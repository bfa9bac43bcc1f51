// SPDX-License-Identifier: GPL-3.0-or-later
/* Lookups and short lists the command line and the application read:
 * entities named by a prefix of their id, the staff list, the charge
 * codes, a room's calendar (stays and blocks) and the demo's first
 * receptionist. Like query.h, each is one prepared statement. */
#ifndef FD_STORE_LOOKUP_H
#define FD_STORE_LOOKUP_H

#include <stdbool.h>

#include "core/entity.h"
#include "core/folio.h"
#include "store/db.h"

/* What an id prefix names. */
enum fd_id_kind {
	FD_ID_FOLIO_LINE,
	FD_ID_FOLIO,
	FD_ID_CONFLICT,
};

/* Entities of kind whose id begins with prefix: *found is 0, 1 or 2 (two
 * or more); id holds the first in id order. */
enum fd_status fd_lookup_id_prefix(struct fd_db *db, enum fd_id_kind kind, const char *prefix,
                                   char id[FD_ID_LEN], int *found, struct fd_error *err);

/* Every staff member, disabled ones too, by user name. */
typedef bool (*fd_staff_list_cb)(void *ctx, const struct fd_staff *s);
enum fd_status fd_query_staff_list(struct fd_db *db, fd_staff_list_cb cb, void *ctx, struct fd_error *err);

/* Every charge code, by code. */
typedef bool (*fd_charge_code_cb)(void *ctx, const struct fd_charge_code *cc);
enum fd_status fd_query_charge_code_list(struct fd_db *db, fd_charge_code_cb cb, void *ctx,
                                         struct fd_error *err);

/* The stays holding room on nights of [from, to), one per booking with its
 * first night and the day after its last, earliest first. */
typedef bool (*fd_stay_cb)(void *ctx, const char *booking_id, fd_date start, fd_date end);
enum fd_status fd_query_room_stays(struct fd_db *db, const char *room, fd_date from, fd_date to,
                                   fd_stay_cb cb, void *ctx, struct fd_error *err);

/* A room's blocks overlapping [from, to), earliest first (uid, start and
 * end filled). */
typedef bool (*fd_block_cb)(void *ctx, const struct fd_room_block *b);
enum fd_status fd_query_room_blocks(struct fd_db *db, const char *room, fd_date from, fd_date to,
                                    fd_block_cb cb, void *ctx, struct fd_error *err);
/* A room's blocks that came from one feed (uid filled). */
enum fd_status fd_query_room_blocks_from(struct fd_db *db, const char *room, const char *source,
                                         fd_block_cb cb, void *ctx, struct fd_error *err);

/* Conflict notices, oldest first: the open ones, or all. Strings are
 * borrowed for the call only. */
struct fd_conflict_row {
	const char *id, *actor, *type, *code, *message, *resolved_by;
	const char *details; /* JSON text */
	int64_t created_at;
	bool resolved;
};
typedef bool (*fd_conflict_cb)(void *ctx, const struct fd_conflict_row *c);
enum fd_status fd_query_conflicts(struct fd_db *db, bool all, fd_conflict_cb cb, void *ctx,
                                  struct fd_error *err);
/* How many conflict notices nobody resolved yet. */
enum fd_status fd_query_open_conflicts(struct fd_db *db, int *n, struct fd_error *err);

/* The first active staff member (by user name) of a role and department,
 * FD_E_NOT_FOUND when there is none. */
enum fd_status fd_query_first_staff(struct fd_db *db, enum fd_role role, enum fd_dept dept,
                                    char username[FD_USER_LEN], struct fd_error *err);

#endif
