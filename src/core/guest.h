// SPDX-License-Identifier: GPL-3.0-or-later
/* Words about guests and their bookings that every interface shows the
 * same way: a booking's status as a person reads it, and where a booking
 * came from (its source or channel). */
#ifndef FD_CORE_GUEST_H
#define FD_CORE_GUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/entity.h"

/* The status as a translated word ("in house"), never an identifier. */
const char *fd_booking_status_text(enum fd_booking_status s);
/* A room's cleanliness as a word a person reads (translated): "dirty". */
const char *fd_clean_text(enum fd_clean c);

/* Where a booking came from. */
enum fd_channel {
	FD_CHANNEL_WALK_IN,
	FD_CHANNEL_PHONE,
	FD_CHANNEL_EMAIL,
	FD_CHANNEL_WEB,
	FD_CHANNEL_OTA,
	FD_CHANNEL_COMPANY,
	FD_CHANNEL_GROUP,
	FD_CHANNEL_COUNT
};

/* The wire and database name: walk-in, phone, email, web, ota, company,
 * group. */
const char *fd_channel_name(enum fd_channel c);
bool fd_channel_parse(const char *s, enum fd_channel *out);
/* A name as hotels' own exports write it ("Booking.com", "Online TA",
 * "Corporate", "Groups", "e-mail", any case): false when it says nothing
 * about the channel ("Undefined", ""). */
bool fd_channel_from_text(const char *s, enum fd_channel *out);
/* Translated, for people. */
const char *fd_channel_text(enum fd_channel c);
/* A booking's stored source for people: its channel translated, a source
 * that is no channel as written, "" when none was recorded. */
const char *fd_source_text(const char *source);
/* The channel a booking made at the desk has when nobody said: a walk-in
 * when the guest arrives today; a stay booked ahead reached the desk by
 * phone, which is what most bookings taken by reception staff are. */
enum fd_channel fd_channel_default(fd_date arrival, fd_date business_date);

/* "Family, Given" (or "Family" alone) into out: the name lists show.
 * The same rule in SQL is FD_GUEST_NAME_SQL (store/row.h), and the
 * board's row reader (store/row.c) joins it without snprintf. */
void fd_guest_name_join(const char *family, const char *given, char *out, size_t size);
void fd_guest_display_name(const struct fd_guest *g, char *out, size_t size);
/* The reverse, for a name typed in one field: "Family, Given" splits at
 * the first comma, the spaces after it skipped; a name without a comma is
 * a family name alone. Returns the given name (within name), or NULL
 * without a comma; *family_len: how many bytes of name the family is. */
const char *fd_guest_name_split(const char *name, size_t *family_len);

/* Shared guest profiles across a chain (a setting of the chain's
 * database): a new profile at one hotel recognised as a guest known at
 * another takes what serves the guest everywhere, the VIP flag and the
 * preferences and documents' language it has none of; never the other
 * hotel's notes, documents or stays. */
void fd_guest_carry_over(struct fd_guest *g, const struct fd_guest *known);

#endif
