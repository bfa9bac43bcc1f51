// SPDX-License-Identifier: GPL-3.0-or-later
/* Group blocks (allotments): block.add holds rooms of a type on the nights
 * of [from, to) for a group or company until a cut-off date. A block held
 * and not yet picked up counts as sold (the store's type_sold); a booking
 * made with "block" picks a room up from it, so it is not counted twice;
 * the night audit of the cut-off date releases what is left
 * (op_group_release). The block's master booking, when it has one, takes
 * the room charges of every booking picked up from it (op_folio_default).
 * Naming a block that exists adds or changes its rooms of that type on
 * those nights. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/avail.h"
#include "core/card.h"
#include "core/i18n.h"
#include "core/op_internal.h"

#define MAX_BLOCK_NIGHTS 366

static enum fd_status unsupported(struct op_ctx *c)
{
	return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
	               _("This store does not keep group blocks."));
}

enum fd_status op_group_load(struct op_ctx *c, const char *key, struct fd_group_block *b)
{
	if (!c->repo->get_group_block)
		return unsupported(c);
	enum fd_status st = c->repo->get_group_block(c->repo->ctx, key, b, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "block_not_found", "block",
		               _("No group block \"%s\"."), key);
	return st;
}

/* Can the block hold rooms of type on night d (rooms it holds now left
 * out)? The rooms already picked up stay counted as bookings. inv and
 * sold are the type's counts that night (core/avail.h). */
static enum fd_status check_night(struct op_ctx *c, const struct fd_group_block *b, const char *type,
                                  fd_date d, int rooms, int inv, int sold)
{
	int held = 0, picked = 0;
	enum fd_status st = c->repo->block_night(c->repo->ctx, b->id, type, d, "", &held, &picked, c->err);
	if (st)
		return st;
	int now = held > picked ? held - picked : 0, want = rooms > picked ? rooms - picked : 0;
	int others = sold - now;
	if (others + want <= inv)
		return FD_OK;
	int left = inv - others > 0 ? inv - others : 0;
	char day[FD_DATE_STRLEN];
	return fd_fail(c->err, FD_E_CONFLICT, "no_availability", "rooms",
	               ngettext("Room type %s has %d room left on %s; block %s can hold at most %d there.",
	                        "Room type %s has %d rooms left on %s; block %s can hold at most %d there.",
	                        (unsigned long)left),
	               type, left, fd_date_format(d, day), b->name, picked + left);
}

static enum fd_status read_block_texts(struct op_ctx *c, struct fd_group_block *b)
{
	enum fd_status st;
	if ((st = op_str(c, "company", b->company, sizeof b->company, false)) ||
	    (st = op_str(c, "plan", b->plan, sizeof b->plan, false)) ||
	    (st = fd_text_check_no_card("company", b->company, c->err)))
		return st;
	char master[FD_ID_LEN] = "";
	if ((st = op_str(c, "master", master, sizeof master, false)))
		return st;
	if (op_has(c, "master")) {
		b->master[0] = '\0';
		if (master[0]) {
			struct fd_booking m;
			st = c->repo->get_booking(c->repo->ctx, master, &m, c->err);
			if (st == FD_E_NOT_FOUND)
				return fd_fail(c->err, FD_E_NOT_FOUND, "booking_not_found", "master",
				               _("No booking \"%s\" for the group's master folio."), master);
			if (st)
				return st;
			snprintf(b->master, sizeof b->master, "%s", m.code);
		}
	}
	return FD_OK;
}

enum fd_status op_block_add(struct op_ctx *c)
{
	if (!c->repo->put_group_block || !c->repo->block_night || !c->repo->put_block_rooms)
		return unsupported(c);
	struct fd_group_block b = {0};
	char id[FD_ID_LEN], name[FD_NAME_LEN], type[FD_TYPECODE_LEN];
	int64_t rooms = 0;
	fd_date from = 0, to = 0, cutoff = 0;
	enum fd_status st;
	if ((st = op_new_id(c, id, sizeof id)) || (st = op_str(c, "name", name, sizeof name, true)) ||
	    (st = op_str(c, "type", type, sizeof type, true)) ||
	    (st = op_int(c, "rooms", 0, 10000, &rooms, true)) || (st = op_date(c, "from", &from, true)) ||
	    (st = op_date(c, "to", &to, true)) || (st = op_date(c, "cutoff", &cutoff, false)) ||
	    (st = fd_text_check_no_card("name", name, c->err)))
		return st;
	if (!name[strspn(name, " ")])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "name",
		               _("A group block needs a name."));
	struct fd_room_type t;
	st = c->repo->get_room_type(c->repo->ctx, type, &t, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_type_not_found", "type",
		               _("No room type \"%s\"."), type);
	if (st)
		return st;
	if (to <= from)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "to",
		               _("The block's last date (--to) must be after its first (--from)."));
	if (to - from > MAX_BLOCK_NIGHTS)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "to",
		               _("A block may hold rooms for at most %d nights at a time."),
		               MAX_BLOCK_NIGHTS);
	char day[FD_DATE_STRLEN], today[FD_DATE_STRLEN];
	fd_date_format(c->prop.business_date, today);
	if (!(c->flags & FD_APPLY_TRUSTED) && from < c->prop.business_date)
		return fd_fail(c->err, FD_E_CONFLICT, "date_in_past", "from",
		               _("A block cannot hold rooms before the business date %s."), today);
	st = c->repo->get_group_block(c->repo->ctx, name, &b, c->err);
	if (st == FD_OK && b.released)
		return fd_fail(c->err, FD_E_CONFLICT, "block_released", "name",
		               _("Group block %s was released at its cut-off on %s; its rooms are on general "
		                 "sale again. Add a new block."),
		               b.name, fd_date_format(b.released, day));
	if (st == FD_E_NOT_FOUND) {
		memset(&b, 0, sizeof b);
		snprintf(b.id, sizeof b.id, "%s", id);
		snprintf(b.name, sizeof b.name, "%s", name);
		if (!op_has(c, "cutoff"))
			return fd_fail(
			    c->err, FD_E_INVALID, "missing_field", "cutoff",
			    _("A new group block needs its cut-off date (--cutoff), after which the "
			      "rooms nobody picked up go back on sale."));
	} else if (st) {
		return st;
	}
	if (op_has(c, "cutoff"))
		b.cutoff = cutoff;
	if ((st = read_block_texts(c, &b)))
		return st;
	if (b.cutoff >= to)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "cutoff",
		               _("The cut-off date %s must be before the block's last night ends (%s)."),
		               fd_date_format(b.cutoff, day), fd_date_format(to, today));
	if (!(c->flags & FD_APPLY_TRUSTED) && op_has(c, "cutoff") && b.cutoff < c->prop.business_date)
		return fd_fail(c->err, FD_E_CONFLICT, "date_in_past", "cutoff",
		               _("The cut-off date %s has passed; the business date is %s."),
		               fd_date_format(b.cutoff, day), today);
	/* The type's counts of every night at once (one query on the store). */
	int inv[MAX_BLOCK_NIGHTS], sold[MAX_BLOCK_NIGHTS];
	if ((st = fd_avail_nights(c->repo, t.code, from, to, "", inv, sold, c->err)))
		return st;
	for (fd_date d = from; d < to; d++)
		if ((st = check_night(c, &b, t.code, d, (int)rooms, inv[d - from], sold[d - from])))
			return st;
	b.version++;
	if ((st = c->repo->put_group_block(c->repo->ctx, &b, c->err)) ||
	    (st = c->repo->put_block_rooms(c->repo->ctx, b.id, t.code, from, to, (int)rooms, c->err)))
		return st;
	op_result_entity(c, "group_block", b.id);
	return FD_OK;
}

/* May booking b (picked up from its block) take a block room on night d
 * without counting against general availability? */
enum fd_status op_group_covers(struct op_ctx *c, const struct fd_booking *b, fd_date d, bool *covered)
{
	*covered = false;
	if (!b->block_id[0] || !c->repo->get_group_block)
		return FD_OK;
	struct fd_group_block k;
	enum fd_status st = c->repo->get_group_block(c->repo->ctx, b->block_id, &k, c->err);
	if (st == FD_E_NOT_FOUND || (st == FD_OK && k.released))
		return FD_OK;
	int held = 0, picked = 0;
	if (!st)
		st = c->repo->block_night(c->repo->ctx, k.id, b->type_code, d, b->id, &held, &picked, c->err);
	if (!st)
		*covered = held > picked;
	return st;
}

/* The night audit of day d: blocks whose cut-off is d or earlier give
 * their rooms nobody picked up back to general inventory. */
enum fd_status op_group_release(struct op_ctx *c, fd_date d)
{
	if (!c->repo->blocks_due)
		return FD_OK;
	struct fd_group_block *list = NULL;
	int n = 0;
	enum fd_status st = c->repo->blocks_due(c->repo->ctx, d, &list, &n, c->err);
	char names[160] = "";
	size_t len = 0;
	for (int i = 0; !st && i < n; i++) {
		list[i].released = d;
		list[i].version++;
		st = c->repo->put_group_block(c->repo->ctx, &list[i], c->err);
		if (!st && len + strlen(list[i].name) + 8 < sizeof names)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "",
			                        list[i].name);
	}
	free(list);
	if (!st && n && !c->res->warning[0])
		snprintf(
		    c->res->warning, sizeof c->res->warning,
		    ngettext("Group block %s reached its cut-off: its rooms nobody picked up are on sale "
		             "again.",
		             "Group blocks %s reached their cut-off: their rooms nobody picked up are on "
		             "sale again.",
		             (unsigned long)n),
		    names);
	return st;
}
