// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/perm.h"

#include <string.h>

#include "core/text.h"

/* Rights are cumulative: a role may do what the roles below it may. The guest
 * role is the public booking interface. DESK marks the money and booking
 * operations: below the manager role, only the desk's departments (front
 * office, management, night audit, and those the property setting
 * desk_departments adds) may perform them. A housekeeping attendant may set
 * a room clean but not post, pay, refund, void, cancel or check in. */
#define DESK 0x100
#define ROLE_OF(rule) ((enum fd_role)((rule)&0xff))
static const struct {
	const char *action;
	int min; /* enum fd_role, | DESK */
} perm_table[] = {
    {"booking.create", FD_ROLE_GUEST | DESK},
    {"booking.modify", FD_ROLE_STAFF | DESK},
    {"booking.assign_room", FD_ROLE_STAFF | DESK},
    {"booking.move_room", FD_ROLE_STAFF | DESK},
    {"booking.cancel", FD_ROLE_STAFF | DESK},
    {"booking.check_in", FD_ROLE_STAFF | DESK},
    {"booking.check_out", FD_ROLE_STAFF | DESK},
    {"booking.no_show", FD_ROLE_STAFF | DESK},
    {"guest.create", FD_ROLE_GUEST},
    {"guest.update", FD_ROLE_STAFF},
    {"guest.erase", FD_ROLE_MANAGER},
    {"guest.merge", FD_ROLE_MANAGER}, /* two profiles of one person become one */
    {"property.configure", FD_ROLE_MANAGER},
    {"room.set_clean", FD_ROLE_STAFF},
    {"room.set_flags", FD_ROLE_STAFF},
    {"room.set_maintenance", FD_ROLE_STAFF},
    {"room.create", FD_ROLE_ADMIN},
    {"room.update", FD_ROLE_ADMIN},
    {"room_type.create", FD_ROLE_ADMIN},
    {"room_type.update", FD_ROLE_MANAGER},
    {"property.update", FD_ROLE_ADMIN},
    {"property.legal", FD_ROLE_MANAGER},
    {"invoice.issue", FD_ROLE_STAFF | DESK},
    {"invoice.credit", FD_ROLE_MANAGER},
    {"staff.create", FD_ROLE_ADMIN},
    {"staff.update", FD_ROLE_ADMIN},
    {"staff.shift", FD_ROLE_STAFF},
    {"task.create", FD_ROLE_STAFF},
    {"task.update", FD_ROLE_STAFF},
    {"conflict.resolve", FD_ROLE_STAFF},
    {"folio.create", FD_ROLE_STAFF | DESK},
    {"folio.post", FD_ROLE_STAFF | DESK},
    {"document.send", FD_ROLE_STAFF | DESK},
    {"folio.pay", FD_ROLE_STAFF | DESK},
    {"folio.refund", FD_ROLE_STAFF | DESK}, /* above refund_threshold: manager (checked by the handler) */
    {"folio.paid_out", FD_ROLE_MANAGER},    /* money never taken, with a reason */
    {"folio.void", FD_ROLE_STAFF | DESK},
    {"folio.move_line", FD_ROLE_STAFF | DESK},
    {"folio.settle", FD_ROLE_MANAGER}, /* direct bill to a company account */
    {"folio.configure", FD_ROLE_MANAGER},
    {"charge_code.set", FD_ROLE_MANAGER},
    {"company.create", FD_ROLE_MANAGER}, /* city ledger accounts */
    {"company.update", FD_ROLE_MANAGER},
    {"audit.night", FD_ROLE_MANAGER},
    {"room.block", FD_ROLE_STAFF | DESK},
    {"room.unblock", FD_ROLE_STAFF | DESK},
    {"block.add", FD_ROLE_STAFF | DESK},   /* group blocks (allotments) */
    {"rate_plan.create", FD_ROLE_MANAGER}, /* rate plans, prices, restrictions (issue 15) */
    {"rate_plan.update", FD_ROLE_MANAGER},
    {"rate.set", FD_ROLE_MANAGER},
    {"rate.restrict", FD_ROLE_MANAGER},
    /* endpoints */
    {"read.hotel", FD_ROLE_STAFF},
    {"read.availability", FD_ROLE_GUEST},
    {"read.changes", FD_ROLE_STAFF},
    {"read.metrics", FD_ROLE_MANAGER},
    {"admin.users", FD_ROLE_ADMIN},
    {"admin.devices", FD_ROLE_ADMIN},
    /* set a colleague's password at the server (fd_perm_password_allows) */
    {"staff.password", FD_ROLE_MANAGER},
    /* the terminal's administration pane: staff, rooms, room types,
     * charge codes, settings (each change is still judged as its operation) */
    {"admin.pane", FD_ROLE_MANAGER},
    {"report.read", FD_ROLE_MANAGER},
    {"audit.run", FD_ROLE_MANAGER},
};

/* perm_table's row for action, or -1 */
static int perm_find(const char *action)
{
	static _Thread_local int memo[FD_FIND_SLOTS];
	return action ? fd_find_name(perm_table, sizeof perm_table / sizeof *perm_table, sizeof *perm_table,
	                             action, memo)
	              : -1;
}

int fd_perm_min_role(const char *action)
{
	int i = perm_find(action);
	return i < 0 ? -1 : (int)ROLE_OF(perm_table[i].min);
}

bool fd_perm_allows(enum fd_role role, const char *action)
{
	int min = fd_perm_min_role(action);
	return min >= 0 && (int)role >= min;
}

bool fd_perm_is_desk(const char *action)
{
	int i = perm_find(action);
	return i >= 0 && (perm_table[i].min & DESK) != 0;
}

unsigned fd_perm_desk_depts_default(void)
{
	return 1u << FD_DEPT_FRONT_OFFICE | 1u << FD_DEPT_MANAGEMENT | 1u << FD_DEPT_NIGHT_AUDIT;
}

bool fd_perm_desk_depts_parse(const char *list, unsigned *mask)
{
	*mask = 0;
	char name[32];
	const char *p = list ? list : "";
	while (*p) {
		size_t n = strcspn(p, ", ");
		if (n) {
			enum fd_dept d;
			if (n >= sizeof name)
				return false;
			memcpy(name, p, n);
			name[n] = '\0';
			if (!fd_dept_parse(name, &d))
				return false;
			*mask |= 1u << d;
		}
		p += n;
		p += strspn(p, ", ");
	}
	return true;
}

bool fd_perm_dept_allows(enum fd_role role, enum fd_dept dept, unsigned extra_depts, const char *action)
{
	if (role != FD_ROLE_STAFF || !fd_perm_is_desk(action))
		return true;
	return ((fd_perm_desk_depts_default() | extra_depts) & (1u << dept)) != 0;
}

enum fd_report_access fd_perm_report_access(enum fd_role role)
{
	if (fd_perm_allows(role, "report.read"))
		return FD_REPORT_ACCESS_ALL;
	return role >= FD_ROLE_STAFF ? FD_REPORT_ACCESS_OWN_CASHIER : FD_REPORT_ACCESS_NONE;
}

/* What each chain role may do in any hotel of the chain (perm.h). */
static const struct {
	const char *action;
	enum fd_chain_role role;
} chain_table[] = {
    {"read.hotel", FD_CHAIN_REVENUE},   {"read.changes", FD_CHAIN_REVENUE}, {"report.read", FD_CHAIN_REVENUE},
    {"report.chain", FD_CHAIN_REVENUE}, {"read.hotel", FD_CHAIN_ADMIN},     {"read.changes", FD_CHAIN_ADMIN},
    {"staff.create", FD_CHAIN_ADMIN},   {"staff.update", FD_CHAIN_ADMIN},   {"admin.users", FD_CHAIN_ADMIN},
};

const char *fd_chain_role_name(enum fd_chain_role r)
{
	return r == FD_CHAIN_REVENUE ? "revenue" : r == FD_CHAIN_ADMIN ? "chain-admin" : "";
}

bool fd_chain_role_parse(const char *s, enum fd_chain_role *out)
{
	if (!s)
		return false;
	if (strcmp(s, "revenue") == 0)
		*out = FD_CHAIN_REVENUE;
	else if (strcmp(s, "chain-admin") == 0)
		*out = FD_CHAIN_ADMIN;
	else if (strcmp(s, "none") == 0)
		*out = FD_CHAIN_NONE;
	else
		return false;
	return true;
}

bool fd_perm_chain_allows(enum fd_chain_role chain, const char *action)
{
	for (size_t i = 0; action && chain != FD_CHAIN_NONE && i < sizeof chain_table / sizeof *chain_table;
	     i++)
		if (chain_table[i].role == chain && strcmp(chain_table[i].action, action) == 0)
			return true;
	return false;
}

bool fd_perm_person_allows(bool has_role, enum fd_role role, enum fd_chain_role chain, const char *action)
{
	return (has_role && fd_perm_allows(role, action)) || fd_perm_chain_allows(chain, action);
}

bool fd_perm_password_allows(enum fd_role actor, enum fd_role target)
{
	if (!fd_perm_allows(actor, "staff.password"))
		return false;
	return actor == FD_ROLE_ADMIN || target < actor;
}
