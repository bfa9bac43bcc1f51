// SPDX-License-Identifier: GPL-3.0-or-later
/* Reading an iCalendar (RFC 5545) availability feed, with libical, for
 * `frontdesk ical import` (src/cli/cmd_ical.c, which turns the plan into
 * operations): each event becomes a block of one room, keyed by its UID;
 * a block of the same room and source whose event has left the feed is
 * unblocked; an event with STATUS:CANCELLED frees its room the same way.
 * A date-time event holds the nights from its start's date to its end's
 * date (at least one). */
#ifndef FD_STORE_ICAL_H
#define FD_STORE_ICAL_H

#include "core/folio.h"
#include "store/db.h"

struct fd_ical_plan {
	struct fd_room_block *block; /* new or changed: room.block (room, uid, dates, summary, source) */
	int n_block;
	char (*unblock)[256]; /* UIDs of the room's blocks to lift: room.unblock */
	int n_unblock;
	int unchanged, cancelled; /* events already blocked as they are; cancelled events */
};

/* Read text (an iCalendar file; file names it in messages) as room's feed
 * from source, and compare it with the room's blocks. A feed that cannot
 * be read as a whole is refused (FD_E_INVALID, "FILE:LINE: ..." where a
 * line is known) with nothing planned. Free the plan with
 * fd_ical_plan_clear (also after a refusal). */
enum fd_status fd_ical_plan(struct fd_db *db, const char *text, const char *file, const char *room,
                            const char *source, struct fd_ical_plan *plan, struct fd_error *err);
void fd_ical_plan_clear(struct fd_ical_plan *plan);

#endif
