// SPDX-License-Identifier: GPL-3.0-or-later
/* The small storage interface through which core reads and writes the hotel.
 * Core never does I/O itself: the terminal's cache and the server's database
 * both implement this (src/store/repo_sqlite.c), so the same rules run in both
 * places. Every function returns FD_OK, FD_E_NOT_FOUND for a missing entity,
 * or another status with err filled. Writers bump nothing themselves: core
 * sets version before calling put_*. */
#ifndef FD_CORE_REPO_H
#define FD_CORE_REPO_H

#include "core/invoice.h"
#include "core/mail.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/folio.h"
#include "core/rate.h"

struct fd_repo {
	void *ctx;

	enum fd_status (*get_property)(void *ctx, struct fd_property *out, struct fd_error *err);
	enum fd_status (*put_property)(void *ctx, const struct fd_property *p, struct fd_error *err);

	enum fd_status (*get_room_type)(void *ctx, const char *code, struct fd_room_type *out,
	                                struct fd_error *err);
	enum fd_status (*put_room_type)(void *ctx, const struct fd_room_type *t, struct fd_error *err);

	enum fd_status (*get_room)(void *ctx, const char *number, struct fd_room *out, struct fd_error *err);
	enum fd_status (*put_room)(void *ctx, const struct fd_room *r, struct fd_error *err);

	enum fd_status (*get_guest)(void *ctx, const char *id, struct fd_guest *out, struct fd_error *err);
	enum fd_status (*put_guest)(void *ctx, const struct fd_guest *g, struct fd_error *err);
	/* On a store holding a chain whose guest profiles are shared: the
	 * profile of another hotel of the chain with g's e-mail or document
	 * (FD_E_NOT_FOUND when none, or not shared); NULL on a store of one
	 * hotel. */
	enum fd_status (*find_chain_guest)(void *ctx, const struct fd_guest *g, struct fd_guest *known,
	                                   struct fd_error *err);
	/* Every booking of a guest (malloc'd; the caller frees *out, also on
	 * error, where it is NULL). */
	enum fd_status (*guest_bookings)(void *ctx, const char *guest_id, struct fd_booking **out, int *n,
	                                 struct fd_error *err);

	/* key: a booking id or a confirmation code. */
	enum fd_status (*get_booking)(void *ctx, const char *key, struct fd_booking *out,
	                              struct fd_error *err);
	/* Also rewrites the booking's nights (the double-booking guard): an
	 * active booking holds one row per night, with its room once assigned.
	 * A clash with another booking's room-night is FD_E_CONFLICT. */
	enum fd_status (*put_booking)(void *ctx, const struct fd_booking *b, struct fd_error *err);

	/* The first active booking (other than except_id) holding room on a night
	 * of [from, to): FD_OK and its code in clash_code, or FD_E_NOT_FOUND. */
	enum fd_status (*room_clash)(void *ctx, const char *room, fd_date from, fd_date to,
	                             const char *except_id, char clash_code[FD_CODE_LEN],
	                             struct fd_error *err);
	/* Day use (op_booking.c). The first active booking (other than
	 * except_id) that holds room during a day of [first, last]: a day-use
	 * stay on that day, or a stay in the room over it (the night before and
	 * the night of that day). A departure that morning and an arrival that
	 * afternoon do not hold it. FD_OK and its code, or FD_E_NOT_FOUND. */
	enum fd_status (*room_day_clash)(void *ctx, const char *room, fd_date first, fd_date last,
	                                 const char *except_id, char clash_code[FD_CODE_LEN],
	                                 struct fd_error *err);
	/* Rooms of a type taken during day d: stays over it and day-use stays
	 * on it (assigned to a room of the type, or unassigned and booked as
	 * the type), except_id (may be "") left out. */
	enum fd_status (*type_day_sold)(void *ctx, const char *type_code, fd_date day, const char *except_id,
	                                int *sold, struct fd_error *err);
	/* The checked-in booking (other than except_id, may be "") in room now,
	 * whatever its dates: FD_OK and its code in code, or FD_E_NOT_FOUND. A
	 * room holds one in-house party until it checks out or moves. */
	enum fd_status (*room_in_house)(void *ctx, const char *room, const char *except_id,
	                                char code[FD_CODE_LEN], struct fd_error *err);
	/* Bookings using up a room of a type on a night: assigned to a room of
	 * that type, or unassigned and booked as that type, and the rooms of
	 * that type unreleased group blocks hold and no booking has picked up
	 * yet. except_id (may be
	 * "") is left out, so a booking being changed does not count against
	 * itself. */
	enum fd_status (*type_sold)(void *ctx, const char *type_code, fd_date night, const char *except_id,
	                            int *sold, struct fd_error *err);
	/* Rooms of a type that are in inventory (not out of order) on a night. */
	enum fd_status (*type_inventory)(void *ctx, const char *type_code, fd_date night, int *rooms,
	                                 struct fd_error *err);
	/* Optional (NULL: core asks type_inventory and type_sold night by
	 * night, core/avail.h): both counts of every night of [from, to) at
	 * once, inventory[i] and sold[i] for night from + i, each exactly what
	 * type_inventory and type_sold (with except_id, may be "") answer for
	 * that night. One query on a store across a network. */
	enum fd_status (*type_nights)(void *ctx, const char *type_code, fd_date from, fd_date to,
	                              const char *except_id, int *inventory, int *sold, struct fd_error *err);
	/* Optional (NULL: core asks type_day_sold day by day, core/avail.h):
	 * sold[i] for day from + i of [from, to), each exactly what
	 * type_day_sold (with except_id, may be "") answers for that day. A
	 * stay's days are checked at once, not with one statement a day. */
	enum fd_status (*type_days)(void *ctx, const char *type_code, fd_date from, fd_date to,
	                            const char *except_id, int *sold, struct fd_error *err);
	/* Optional (NULL: core counts every day of a stay in full): n[i], the
	 * day-use stays on day from + i of [from, to) that type_day_sold counts
	 * (except_id, may be "", left out). The stays over a day hold its night
	 * too, so type_day_sold(d) never exceeds type_sold(d) plus these: a day
	 * without day-use stays whose night has a room left has one too, and
	 * core need not count it (the count of a day's stays reads every
	 * booking arriving that day). */
	enum fd_status (*type_day_uses)(void *ctx, const char *type_code, fd_date from, fd_date to,
	                                const char *except_id, int *n, struct fd_error *err);
	/* Up to max rooms of a type free and in order on every night of [from, to),
	 * ordered by number. */
	enum fd_status (*free_rooms)(void *ctx, const char *type_code, fd_date from, fd_date to,
	                             char (*out)[FD_ROOMNO_LEN], int max, int *n, struct fd_error *err);

	enum fd_status (*get_staff)(void *ctx, const char *username, struct fd_staff *out,
	                            struct fd_error *err);
	enum fd_status (*put_staff)(void *ctx, const struct fd_staff *s, struct fd_error *err);
	/* A person's chain role (core/perm.h), on a store that holds a chain of
	 * hotels; NULL on one that holds one hotel (SQLite). */
	enum fd_status (*get_chain_role)(void *ctx, const char *username, int *chain_role,
	                                 struct fd_error *err);

	enum fd_status (*get_task)(void *ctx, const char *id, struct fd_hk_task *out, struct fd_error *err);
	enum fd_status (*put_task)(void *ctx, const struct fd_hk_task *t, struct fd_error *err);
	/* The open tasks of a room on a date (malloc'd; the caller frees *out,
	 * also on error, where it is NULL). */
	enum fd_status (*room_open_tasks)(void *ctx, const char *room, fd_date date, struct fd_hk_task **out,
	                                  int *n, struct fd_error *err);

	/* Folios (src/store/repo_folio.c). Lists are malloc'd; the caller
	 * frees *out (also on error, where it is NULL). */
	enum fd_status (*get_folio)(void *ctx, const char *id, struct fd_folio *out, struct fd_error *err);
	enum fd_status (*put_folio)(void *ctx, const struct fd_folio *f, struct fd_error *err);
	enum fd_status (*booking_folios)(void *ctx, const char *booking_id, struct fd_folio **out, int *n,
	                                 struct fd_error *err);
	enum fd_status (*get_line)(void *ctx, const char *id, struct fd_folio_line *out,
	                           struct fd_error *err);
	/* Inserts a new line; for an existing id only its folio may change. */
	enum fd_status (*put_line)(void *ctx, const struct fd_folio_line *l, struct fd_error *err);
	enum fd_status (*folio_lines)(void *ctx, const char *folio_id, struct fd_folio_line **out, int *n,
	                              struct fd_error *err);
	enum fd_status (*get_charge_code)(void *ctx, const char *code, struct fd_charge_code *out,
	                                  struct fd_error *err);
	enum fd_status (*put_charge_code)(void *ctx, const struct fd_charge_code *cc, struct fd_error *err);
	/* Property settings of the folio area (refund_threshold, noshow_auto,
	 * ooo_available): text values. */
	enum fd_status (*get_setting)(void *ctx, const char *key, char *out, size_t size,
	                              struct fd_error *err);
	enum fd_status (*put_setting)(void *ctx, const char *key, const char *value, struct fd_error *err);
	/* For the night audit: the bookings of one list (enum fd_audit_list). */
	enum fd_status (*audit_bookings)(void *ctx, fd_date d, enum fd_audit_list which,
	                                 struct fd_booking **out, int *n, struct fd_error *err);
	/* A closed day's report (FD_E_NOT_FOUND while the day is open). */
	enum fd_status (*get_day_report)(void *ctx, fd_date d, struct fd_day_report *out,
	                                 struct fd_error *err);
	enum fd_status (*put_day_report)(void *ctx, const struct fd_day_report *r, struct fd_error *err);
	/* The day's figures counted from the books (no write). */
	enum fd_status (*count_day)(void *ctx, fd_date d, struct fd_day_report *out, struct fd_error *err);
	/* Room blocks from outside calendars, keyed by (room, uid). */
	enum fd_status (*get_block)(void *ctx, const char *room, const char *uid, struct fd_room_block *out,
	                            struct fd_error *err);
	enum fd_status (*put_block)(void *ctx, const struct fd_room_block *b, struct fd_error *err);
	enum fd_status (*del_block)(void *ctx, const char *room, const char *uid, struct fd_error *err);
	/* Company and travel agent accounts (src/store/repo_company.c). key:
	 * the account's id or its name (any case). */
	enum fd_status (*get_company)(void *ctx, const char *key, struct fd_company *out,
	                              struct fd_error *err);
	enum fd_status (*put_company)(void *ctx, const struct fd_company *co, struct fd_error *err);
	/* What the account owes: the sum of the lines on the folios billed to it. */
	enum fd_status (*company_balance)(void *ctx, const char *name, int64_t *out, struct fd_error *err);
	/* Conflict notices (src/sync). put_conflict only updates an existing
	 * notice's resolution (resolved, resolved_by, version). */
	enum fd_status (*get_conflict)(void *ctx, const char *id, struct fd_conflict *out,
	                               struct fd_error *err);
	enum fd_status (*put_conflict)(void *ctx, const struct fd_conflict *c, struct fd_error *err);
	/* Invoices (src/store/repo_invoice.c). get_invoice fills out->content
	 * (malloc'd; fd_invoice_clear frees it); key is an id or "SERIES-N". */
	enum fd_status (*get_invoice)(void *ctx, const char *key, struct fd_invoice *out,
	                              struct fd_error *err);
	enum fd_status (*put_invoice)(void *ctx, const struct fd_invoice *inv, struct fd_error *err);
	/* The folio's invoice that no credit note cancels: FD_OK and its id, or
	 * FD_E_NOT_FOUND. */
	enum fd_status (*standing_invoice)(void *ctx, const char *folio_id, char id[FD_ID_LEN],
	                                   struct fd_error *err);
	/* The next number of a series (gapless, in the caller's transaction),
	 * or 0 where this store is a desk's copy of a server's hotel: numbers
	 * are the server's to hand out. */
	enum fd_status (*take_invoice_number)(void *ctx, const char *series, int64_t *number,
	                                      struct fd_error *err);
	/* Documents sent by e-mail (src/store/mail.c): queue m unless a mail
	 * with its id is already there (an operation applied again leaves it
	 * as it stands). */
	enum fd_status (*queue_mail)(void *ctx, const struct fd_mail *m, struct fd_error *err);
	/* Group blocks (src/store/repo_group.c). key: the block's id or its
	 * name (any case). put_group_block writes the block's own row. */
	enum fd_status (*get_group_block)(void *ctx, const char *key, struct fd_group_block *out,
	                                  struct fd_error *err);
	enum fd_status (*put_group_block)(void *ctx, const struct fd_group_block *b, struct fd_error *err);
	/* Hold rooms of a type on each night of [from, to) for a block. */
	enum fd_status (*put_block_rooms)(void *ctx, const char *block_id, const char *type_code,
	                                  fd_date from, fd_date to, int rooms, struct fd_error *err);
	/* A block's rooms of a type held on a night and the bookings picked
	 * up from it on that night (booked as that type), except_id (may be
	 * "") left out. */
	enum fd_status (*block_night)(void *ctx, const char *block_id, const char *type_code, fd_date night,
	                              const char *except_id, int *held, int *picked, struct fd_error *err);
	/* Unreleased blocks whose cut-off is on or before d (malloc'd; the
	 * caller frees *out, also on error, where it is NULL). */
	enum fd_status (*blocks_due)(void *ctx, fd_date d, struct fd_group_block **out, int *n,
	                             struct fd_error *err);
	/* The minute of the day (0..1439) Unix time t is at in the property's
	 * time zone (the policies' hours, core/policy.h); NULL: UTC. */
	int (*local_minute)(void *ctx, int64_t t);
	/* Rate plans, prices and restrictions (src/store/repo_rate.c, core
	 * migration 25). rate_days: the rows set for plan and type on nights
	 * [from, to), by night (malloc'd). booking_nights: a booking's prices
	 * per night, by night (malloc'd; none for a booking without a plan);
	 * put_booking_nights replaces them. */
	enum fd_status (*get_rate_plan)(void *ctx, const char *code, struct fd_rate_plan *out,
	                                struct fd_error *err);
	enum fd_status (*put_rate_plan)(void *ctx, const struct fd_rate_plan *p, struct fd_error *err);
	enum fd_status (*rate_days)(void *ctx, const char *plan, const char *type_code, fd_date from,
	                            fd_date to, struct fd_rate_day **out, int *n, struct fd_error *err);
	enum fd_status (*put_rate_day)(void *ctx, const struct fd_rate_day *d, struct fd_error *err);
	enum fd_status (*booking_nights)(void *ctx, const char *booking_id, struct fd_booking_night **out,
	                                 int *n, struct fd_error *err);
	enum fd_status (*put_booking_nights)(void *ctx, const char *booking_id,
	                                     const struct fd_booking_night *list, int n,
	                                     struct fd_error *err);
};

#endif
