// SPDX-License-Identifier: GPL-3.0-or-later
/* The read endpoints' queries on PostgreSQL (GET /v1/rooms, /v1/room-types,
 * /v1/bookings, /v1/bookings/{code}, /v1/availability), for the current
 * property only (fd_pg_use_property). Each hands the rows of the SQLite
 * store's query (store/query.h) to the same callbacks, in the same order,
 * so the server encodes them with the same encoders (store/encode.h) and
 * the two backends answer the same JSON. */
#ifndef FD_PG_QUERY_H
#define FD_PG_QUERY_H

#include "core/rate.h"
#include "pg/pg.h"
#include "store/query.h"

/* Room types by rank and code. */
enum fd_status fd_pg_query_room_types(struct fd_pg *pg, fd_room_type_cb cb, void *ctx, struct fd_error *err);
/* Rooms by floor and number, with today's state (occupant, due out,
 * arrival today, the housekeeping code). */
enum fd_status fd_pg_query_rooms(struct fd_pg *pg, fd_date today, fd_room_cb cb, void *ctx,
                                 struct fd_error *err);
/* Bookings with their guest: FD_LIST_RANGE (stays overlapping [from, to),
 * by arrival and code) only; the other lists answer FD_E_INVALID. */
enum fd_status fd_pg_query_bookings(struct fd_pg *pg, const struct fd_booking_filter *f, fd_booking_cb cb,
                                    void *ctx, struct fd_error *err);
/* The booking with this confirmation code (exactly), if any, to cb. */
enum fd_status fd_pg_query_booking_code(struct fd_pg *pg, const char *code, fd_booking_cb cb, void *ctx,
                                        struct fd_error *err);
/* The rate plans, derived ones after their parents, by code (as
 * fd_query_rate_plans; *out malloc'd, the caller frees it). */
enum fd_status fd_pg_query_rate_plans(struct fd_pg *pg, struct fd_rate_plan **out, int *n,
                                      struct fd_error *err);

#endif
