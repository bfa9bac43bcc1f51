// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/entity.h"

#include <string.h>

static bool parse_name(const char *s, const char *const *names, int n, int *out)
{
	if (!s)
		return false;
	for (int i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

#define NAMED_ENUM(prefix, type, ...)                                                                        \
	static const char *const prefix##_names[] = {__VA_ARGS__};                                           \
	const char *fd_##prefix##_name(type v)                                                               \
	{                                                                                                    \
		int n = (int)(sizeof prefix##_names / sizeof *prefix##_names);                               \
		return ((int)v >= 0 && (int)v < n) ? prefix##_names[v] : "?";                                \
	}                                                                                                    \
	bool fd_##prefix##_parse(const char *s, type *out)                                                   \
	{                                                                                                    \
		int i;                                                                                       \
		int n = (int)(sizeof prefix##_names / sizeof *prefix##_names);                               \
		if (!parse_name(s, prefix##_names, n, &i))                                                   \
			return false;                                                                        \
		*out = (type)i;                                                                              \
		return true;                                                                                 \
	}

NAMED_ENUM(clean, enum fd_clean, "dirty", "pickup", "clean", "inspected")
NAMED_ENUM(maint, enum fd_maint, "none", "oos", "ooo")
NAMED_ENUM(booking_status, enum fd_booking_status, "reserved", "checked_in", "checked_out", "cancelled",
           "no_show")
NAMED_ENUM(role, enum fd_role, "guest", "staff", "manager", "admin")
NAMED_ENUM(dept, enum fd_dept, "front_office", "housekeeping", "maintenance", "management", "night_audit")
NAMED_ENUM(task_kind, enum fd_task_kind, "clean", "inspect", "turndown")
NAMED_ENUM(task_status, enum fd_task_status, "open", "done", "cancelled")

bool fd_room_ooo_on(const struct fd_room *room, fd_date night)
{
	return room->maint == FD_MAINT_OOO && night >= room->maint_from && night < room->maint_to;
}

bool fd_room_ooo_during(const struct fd_room *room, fd_date from, fd_date to)
{
	return room->maint == FD_MAINT_OOO && room->maint_from < to && room->maint_to > from;
}

const char *fd_room_hk_code(const struct fd_room *room, bool occupied, fd_date today)
{
	if (room->maint == FD_MAINT_OOO && today >= room->maint_from && today < room->maint_to)
		return "OOO";
	if (room->maint == FD_MAINT_OOS && today >= room->maint_from && today < room->maint_to)
		return "OOS";
	bool clean = room->clean == FD_CLEAN_CLEAN || room->clean == FD_CLEAN_INSPECTED;
	if (occupied)
		return clean ? "OC" : "OD";
	return clean ? "VC" : "VD";
}

bool fd_booking_active(const struct fd_booking *b)
{
	return b->status == FD_BOOKING_RESERVED || b->status == FD_BOOKING_CHECKED_IN;
}

bool fd_booking_day_use(const struct fd_booking *b)
{
	return b->departure == b->arrival;
}
