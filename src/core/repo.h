/* The small storage interface through which core reads and writes the hotel.
 * Core never does I/O itself: the terminal's cache and the server's database
 * both implement this (src/store/repo_sqlite.c), so the same rules run in both
 * places. Every function returns FD_OK, FD_E_NOT_FOUND for a missing entity,
 * or another status with err filled. Writers bump nothing themselves: core
 * sets version before calling put_*. */
#ifndef FD_CORE_REPO_H
#define FD_CORE_REPO_H

#include "core/entity.h"
#include "core/error.h"

struct fd_repo {
	void *ctx;

	enum fd_status (*get_property)(void *ctx, struct fd_property *out, struct fd_error *err);
	enum fd_status (*put_property)(void *ctx, const struct fd_property *p, struct fd_error *err);

	enum fd_status (*get_room_type)(void *ctx, const char *code, struct fd_room_type *out, struct fd_error *err);
	enum fd_status (*put_room_type)(void *ctx, const struct fd_room_type *t, struct fd_error *err);

	enum fd_status (*get_room)(void *ctx, const char *number, struct fd_room *out, struct fd_error *err);
	enum fd_status (*put_room)(void *ctx, const struct fd_room *r, struct fd_error *err);

	enum fd_status (*get_guest)(void *ctx, const char *id, struct fd_guest *out, struct fd_error *err);
	enum fd_status (*put_guest)(void *ctx, const struct fd_guest *g, struct fd_error *err);

	/* key: a booking id or a confirmation code. */
	enum fd_status (*get_booking)(void *ctx, const char *key, struct fd_booking *out, struct fd_error *err);
	/* Also rewrites the booking's nights (the double-booking guard): an
	 * active booking holds one row per night, with its room once assigned.
	 * A clash with another booking's room-night is FD_E_CONFLICT. */
	enum fd_status (*put_booking)(void *ctx, const struct fd_booking *b, struct fd_error *err);

	/* The first active booking (other than except_id) holding room on a night
	 * of [from, to): FD_OK and its code in clash_code, or FD_E_NOT_FOUND. */
	enum fd_status (*room_clash)(void *ctx, const char *room, fd_date from, fd_date to,
				     const char *except_id, char clash_code[FD_CODE_LEN], struct fd_error *err);
	/* Active bookings of a room type (assigned or not) on a night. */
	enum fd_status (*type_sold)(void *ctx, const char *type_code, fd_date night, int *sold, struct fd_error *err);
	/* Rooms of a type that are in inventory (not out of order) on a night. */
	enum fd_status (*type_inventory)(void *ctx, const char *type_code, fd_date night, int *rooms, struct fd_error *err);
	/* Up to max rooms of a type free and in order on every night of [from, to),
	 * ordered by number. */
	enum fd_status (*free_rooms)(void *ctx, const char *type_code, fd_date from, fd_date to,
				     char (*out)[FD_ROOMNO_LEN], int max, int *n, struct fd_error *err);

	enum fd_status (*get_staff)(void *ctx, const char *username, struct fd_staff *out, struct fd_error *err);
	enum fd_status (*put_staff)(void *ctx, const struct fd_staff *s, struct fd_error *err);

	enum fd_status (*get_task)(void *ctx, const char *id, struct fd_hk_task *out, struct fd_error *err);
	enum fd_status (*put_task)(void *ctx, const struct fd_hk_task *t, struct fd_error *err);

	/* Conflict notices (src/sync). put_conflict only updates an existing
	 * notice's resolution (resolved, resolved_by, version). */
	enum fd_status (*get_conflict)(void *ctx, const char *id, struct fd_conflict *out, struct fd_error *err);
	enum fd_status (*put_conflict)(void *ctx, const struct fd_conflict *c, struct fd_error *err);
};

#endif
