// SPDX-License-Identifier: GPL-3.0-or-later
/* room.block / room.unblock: rooms held back by an outside calendar (an
 * OTA's iCalendar feed). A block is not a booking; it takes the room out of
 * inventory for its nights. Putting the same block again changes nothing,
 * so re-importing a feed is idempotent. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/card.h"
#include "core/op_folio.h"

static enum fd_status load_block_room(struct op_ctx *c, struct fd_room_block *b)
{
	enum fd_status st;
	if ((st = op_str(c, "room", b->room, sizeof b->room, true)) ||
	    (st = op_str(c, "uid", b->uid, sizeof b->uid, true)))
		return st;
	if (!b->uid[0])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "uid",
		               _("A block needs the UID of its event."));
	struct fd_room r;
	st = c->repo->get_room(c->repo->ctx, b->room, &r, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_not_found", "room", _("No room \"%s\"."),
		               b->room);
	return st;
}

enum fd_status op_room_block(struct op_ctx *c)
{
	if (!c->repo->put_block)
		return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
		               _("This store does not keep room blocks."));
	struct fd_room_block b = {0}, old;
	enum fd_status st;
	if ((st = load_block_room(c, &b)) || (st = op_date(c, "from", &b.start, true)) ||
	    (st = op_date(c, "to", &b.end, true)) ||
	    (st = op_str(c, "summary", b.summary, sizeof b.summary, false)) ||
	    (st = op_str(c, "source", b.source, sizeof b.source, false)) ||
	    (st = fd_text_check_no_card("summary", b.summary, c->err)))
		return st;
	if (b.end <= b.start)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "to",
		               _("The end date must be after the start date."));
	op_result_entity(c, "room", b.room);
	st = c->repo->get_block(c->repo->ctx, b.room, b.uid, &old, c->err);
	if (st == FD_OK && old.start == b.start && old.end == b.end && strcmp(old.summary, b.summary) == 0 &&
	    strcmp(old.source, b.source) == 0)
		return FD_OK; /* unchanged */
	if (st && st != FD_E_NOT_FOUND)
		return st;
	b.version = st == FD_OK ? old.version + 1 : 1;
	char clash[FD_CODE_LEN] = "";
	if (c->repo->room_clash(c->repo->ctx, b.room, b.start, b.end, "", clash, c->err) == FD_OK)
		snprintf(c->res->warning, sizeof c->res->warning,
		         _("Room %s is also booked (%s) during the block \"%s\"; one of them must move."),
		         b.room, clash, b.summary);
	return c->repo->put_block(c->repo->ctx, &b, c->err);
}

enum fd_status op_room_unblock(struct op_ctx *c)
{
	if (!c->repo->del_block)
		return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
		               _("This store does not keep room blocks."));
	struct fd_room_block b = {0}, old;
	enum fd_status st = load_block_room(c, &b);
	if (st)
		return st;
	st = c->repo->get_block(c->repo->ctx, b.room, b.uid, &old, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "block_not_found", "uid",
		               _("Room %s has no block \"%s\"."), b.room, b.uid);
	if (st)
		return st;
	op_result_entity(c, "room", b.room);
	return c->repo->del_block(c->repo->ctx, b.room, b.uid, c->err);
}
