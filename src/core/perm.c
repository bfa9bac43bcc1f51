// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/perm.h"

#include <string.h>

/* Rights are cumulative: a role may do what the roles below it may. The guest
 * role is the public booking interface. */
static const struct {
	const char *action;
	enum fd_role min;
} perm_table[] = {
    {"booking.create", FD_ROLE_GUEST},
    {"booking.modify", FD_ROLE_STAFF},
    {"booking.assign_room", FD_ROLE_STAFF},
    {"booking.move_room", FD_ROLE_STAFF},
    {"booking.cancel", FD_ROLE_STAFF},
    {"booking.check_in", FD_ROLE_STAFF},
    {"booking.check_out", FD_ROLE_STAFF},
    {"booking.no_show", FD_ROLE_STAFF},
    {"guest.create", FD_ROLE_GUEST},
    {"guest.update", FD_ROLE_STAFF},
    {"guest.erase", FD_ROLE_MANAGER},
    {"room.set_clean", FD_ROLE_STAFF},
    {"room.set_flags", FD_ROLE_STAFF},
    {"room.set_maintenance", FD_ROLE_STAFF},
    {"room.create", FD_ROLE_ADMIN},
    {"room.update", FD_ROLE_ADMIN},
    {"room_type.create", FD_ROLE_ADMIN},
    {"room_type.update", FD_ROLE_MANAGER},
    {"property.update", FD_ROLE_ADMIN},
    {"property.legal", FD_ROLE_MANAGER},
    {"invoice.issue", FD_ROLE_STAFF},
    {"invoice.credit", FD_ROLE_MANAGER},
    {"staff.create", FD_ROLE_ADMIN},
    {"staff.update", FD_ROLE_ADMIN},
    {"staff.shift", FD_ROLE_STAFF},
    {"task.create", FD_ROLE_STAFF},
    {"task.update", FD_ROLE_STAFF},
    {"conflict.resolve", FD_ROLE_STAFF},
    {"folio.create", FD_ROLE_STAFF},
    {"folio.post", FD_ROLE_STAFF},
    {"document.send", FD_ROLE_STAFF},
    {"folio.pay", FD_ROLE_STAFF},
    {"folio.refund", FD_ROLE_STAFF},     /* above refund_threshold: manager (checked by the handler) */
    {"folio.paid_out", FD_ROLE_MANAGER}, /* money never taken, with a reason */
    {"folio.void", FD_ROLE_STAFF},
    {"folio.move_line", FD_ROLE_STAFF},
    {"folio.settle", FD_ROLE_MANAGER}, /* direct bill to a company account */
    {"folio.configure", FD_ROLE_MANAGER},
    {"charge_code.set", FD_ROLE_MANAGER},
    {"company.create", FD_ROLE_MANAGER}, /* city ledger accounts */
    {"company.update", FD_ROLE_MANAGER},
    {"audit.night", FD_ROLE_MANAGER},
    {"room.block", FD_ROLE_STAFF},
    {"room.unblock", FD_ROLE_STAFF},
    /* endpoints */
    {"read.hotel", FD_ROLE_STAFF},
    {"read.availability", FD_ROLE_GUEST},
    {"read.changes", FD_ROLE_STAFF},
    {"read.metrics", FD_ROLE_MANAGER},
    {"admin.users", FD_ROLE_ADMIN},
    {"admin.devices", FD_ROLE_ADMIN},
    {"report.read", FD_ROLE_MANAGER},
    {"audit.run", FD_ROLE_MANAGER},
};

int fd_perm_min_role(const char *action)
{
	if (!action)
		return -1;
	for (size_t i = 0; i < sizeof perm_table / sizeof *perm_table; i++)
		if (strcmp(perm_table[i].action, action) == 0)
			return (int)perm_table[i].min;
	return -1;
}

bool fd_perm_allows(enum fd_role role, const char *action)
{
	int min = fd_perm_min_role(action);
	return min >= 0 && (int)role >= min;
}
