// SPDX-License-Identifier: GPL-3.0-or-later
/* Read-only queries for lists and screens. Each is bounded (a limit, a date
 * range) and streams rows to a callback, so nothing loads a whole table.
 * A callback returns false to stop early. */
#ifndef FD_STORE_QUERY_H
#define FD_STORE_QUERY_H

#include <stdbool.h>

#include "core/entity.h"
#include "store/db.h"

struct fd_booking_row {
	struct fd_booking b;
	char guest_name[2 * FD_NAME_LEN + 2]; /* "Family, Given" */
	char country[4];
	bool vip;
};

struct fd_room_row {
	struct fd_room r;
	char occupant_code[FD_CODE_LEN]; /* in-house booking today, or "" */
	char hk_code[4];                 /* VC VD OC OD OOO OOS */
	bool due_out;                    /* in-house booking departs today */
	bool arrival_today;              /* a reserved booking arrives today */
	char attendant[FD_USER_LEN];     /* today's cleaning task's attendant, or "" (housekeeping lists) */
};

enum fd_booking_list {
	FD_LIST_RANGE,      /* stays overlapping [from, to) */
	FD_LIST_ARRIVALS,   /* reserved, arriving on from */
	FD_LIST_DEPARTURES, /* in house, departing on from */
	FD_LIST_INHOUSE,    /* checked in */
};

struct fd_booking_filter {
	enum fd_booking_list kind;
	fd_date from, to;
	int limit; /* 0: 1000 */
	int offset;
};

typedef bool (*fd_booking_cb)(void *ctx, const struct fd_booking_row *row);
typedef bool (*fd_room_cb)(void *ctx, const struct fd_room_row *row);
typedef bool (*fd_room_type_cb)(void *ctx, const struct fd_room_type *t);

enum fd_status fd_query_room_types(struct fd_db *db, fd_room_type_cb cb, void *ctx, struct fd_error *err);
/* Rooms ordered by floor and number, with today's state. */
enum fd_status fd_query_rooms(struct fd_db *db, fd_date today, fd_room_cb cb, void *ctx,
                              struct fd_error *err);
enum fd_status fd_query_bookings(struct fd_db *db, const struct fd_booking_filter *f, fd_booking_cb cb,
                                 void *ctx, struct fd_error *err);
/* Find bookings by confirmation code, room number or part of the guest's
 * name (case- and accent-insensitive); most recent stays first. */
enum fd_status fd_query_find(struct fd_db *db, const char *text, int limit, fd_booking_cb cb, void *ctx,
                             struct fd_error *err);
/* Guest profiles (not erased, not merged into another) for the booking
 * form's suggestions: the same matching as fd_query_find (the whole name,
 * either order, a phone number or an e-mail), by name. */
struct fd_guest_row {
	struct fd_guest g;
	fd_date last_stay; /* arrival of the latest stay in house or checked out, 0: none */
	int stays;         /* bookings not cancelled */
};
typedef bool (*fd_guest_cb)(void *ctx, const struct fd_guest_row *row);
enum fd_status fd_query_guests(struct fd_db *db, const char *text, int limit, fd_guest_cb cb, void *ctx,
                               struct fd_error *err);
/* The profiles whose name is exactly family and given (case and accents
 * aside): a new guest by that name may be one of them. */
enum fd_status fd_query_same_name(struct fd_db *db, const char *family, const char *given, fd_guest_cb cb,
                                  void *ctx, struct fd_error *err);
/* A guest's bookings, latest arrival first (the profile's stay history). */
enum fd_status fd_query_guest_stays(struct fd_db *db, const char *guest_id, int limit, fd_booking_cb cb,
                                    void *ctx, struct fd_error *err);
/* Bookings holding a room on some night of [from, to), for the room board. */
enum fd_status fd_query_board(struct fd_db *db, fd_date from, fd_date to, fd_booking_cb cb, void *ctx,
                              struct fd_error *err);
/* Rooms of a type still free on night d (inventory - sold, may be < 0 when
 * overbooked by an out-of-order change). */
enum fd_status fd_query_available(struct fd_db *db, const char *type_code, fd_date night, int *free_rooms,
                                  struct fd_error *err);
/* The same count for every night of [from, to): free_rooms[i] for night
 * from + i, in one call on the store (core/avail.h), where a screen or a
 * feed showing many nights would ask night by night. */
enum fd_status fd_query_available_nights(struct fd_db *db, const char *type_code, fd_date from, fd_date to,
                                         int *free_rooms, struct fd_error *err);
/* The same counts through any repository (the server's PostgreSQL store
 * answers GET /v1/availability with it). */
struct fd_repo;
enum fd_status fd_query_available_in(const struct fd_repo *repo, const char *type_code, fd_date night,
                                     int *free_rooms, struct fd_error *err);
enum fd_status fd_query_available_nights_in(const struct fd_repo *repo, const char *type_code, fd_date from,
                                            fd_date to, int *free_rooms, struct fd_error *err);
/* One booking by confirmation code (any case: codes are upper-case) or by
 * id, with its guest's name. FD_E_NOT_FOUND says "No booking ...". */
enum fd_status fd_query_booking(struct fd_db *db, const char *key, struct fd_booking_row *row,
                                struct fd_error *err);
/* Whole-database business date (the property's). */
enum fd_status fd_query_business_date(struct fd_db *db, fd_date *out, struct fd_error *err);

#endif
