// SPDX-License-Identifier: GPL-3.0-or-later
/* Resolving a conflict notice: a person decides what happens to an
 * operation the server refused. Either the booking gets another room (the
 * same rules as booking.assign_room) or the loss is accepted. Either way the
 * notice is closed, everywhere, by this one operation. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/op_internal.h"

/* The booking the refused operation was about (its payload's "booking", or
 * "id" for a booking.create). */
static bool notice_booking(const struct fd_conflict *n, char out[FD_ID_LEN])
{
	cJSON *d = cJSON_Parse(n->details);
	const cJSON *p =
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "op"), "payload");
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(p, "booking");
	if (!cJSON_IsString(b) && strncmp(n->type, "booking.create", 14) == 0)
		b = cJSON_GetObjectItemCaseSensitive(p, "id");
	bool ok = cJSON_IsString(b) && strlen(b->valuestring) < FD_ID_LEN;
	if (ok)
		snprintf(out, FD_ID_LEN, "%s", b->valuestring);
	cJSON_Delete(d);
	return ok;
}

static enum fd_status assign_room(struct op_ctx *c, const struct fd_conflict *n, const char *room)
{
	char booking[FD_ID_LEN];
	if (!notice_booking(n, booking))
		return fd_fail(c->err, FD_E_INVALID, "no_booking", "room",
		               _("This notice is not about a booking; resolve it with --accept."));
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "booking", booking);
	cJSON_AddStringToObject(p, "room", room);
	struct op_ctx sub = *c;
	sub.p = p;
	enum fd_status st = op_booking_assign_room(&sub);
	cJSON_Delete(p);
	return st;
}

enum fd_status op_conflict_resolve(struct op_ctx *c)
{
	char id[FD_ID_LEN], room[FD_ROOMNO_LEN] = "";
	enum fd_status st = op_str(c, "conflict", id, sizeof id, true);
	if (!st)
		st = op_str(c, "room", room, sizeof room, false);
	if (st)
		return st;
	bool accept = op_bool(c, "accept", false);
	if (!room[0] == !accept)
		return fd_fail(
		    c->err, FD_E_INVALID, "invalid_field", "room",
		    _("Resolve a conflict either with a room or by accepting it, not both or neither."));
	if (!c->repo->get_conflict)
		return fd_fail(c->err, FD_E_INVALID, "unsupported", "conflict",
		               _("Conflict notices are not kept here."));
	struct fd_conflict n;
	st = c->repo->get_conflict(c->repo->ctx, id, &n, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "conflict_not_found", "conflict",
		               _("No conflict notice %s."), id);
	if (st)
		return st;
	if (n.resolved)
		return fd_fail(c->err, FD_E_CONFLICT, "already_resolved", "conflict",
		               _("Conflict notice %s was already resolved by %s."), id, n.resolved_by);
	struct fd_op_result keep = *c->res;
	if (room[0] && (st = assign_room(c, &n, room)))
		return st;
	*c->res = keep;
	n.resolved = true;
	snprintf(n.resolved_by, sizeof n.resolved_by, "%s", c->op->actor);
	n.version++;
	if ((st = c->repo->put_conflict(c->repo->ctx, &n, c->err)))
		return st;
	op_result_entity(c, "conflict", id);
	return FD_OK;
}
