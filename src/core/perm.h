// SPDX-License-Identifier: GPL-3.0-or-later
/* The one permission table: which role may perform which operation or call
 * which endpoint. The server checks it for everything; terminals check it too
 * so people learn early, but the server decides. */
#ifndef FD_CORE_PERM_H
#define FD_CORE_PERM_H

#include <stdbool.h>

#include "core/entity.h"

/* action: an operation type ("booking.create") or an endpoint name
 * ("read.bookings", "admin.users"). Unknown actions are refused. */
bool fd_perm_allows(enum fd_role role, const char *action);
/* Money and booking operations (folio.*, booking.*, invoice.issue, room
 * blocks: "desk" actions of the table) need, for the staff role, one of the
 * desk's departments: front office, management or night audit, plus the
 * departments in extra_depts (a mask of 1 << enum fd_dept, the property
 * setting desk_departments). Managers and admins are not limited; the guest
 * role is the public booking interface, limited by its role alone. */
bool fd_perm_dept_allows(enum fd_role role, enum fd_dept dept, unsigned extra_depts, const char *action);
bool fd_perm_is_desk(const char *action);
unsigned fd_perm_desk_depts_default(void);
/* "housekeeping,maintenance" (commas or spaces) into a mask; false when a
 * name is not a department. "" is the empty mask. */
bool fd_perm_desk_depts_parse(const char *list, unsigned *mask);
/* Reports (report.read) show revenue, ADR and every colleague's takings:
 * managers and above read them all; below, a staff member reads only their
 * own cashier lines (the cashier report filtered to them); a guest none. */
enum fd_report_access { FD_REPORT_ACCESS_NONE, FD_REPORT_ACCESS_OWN_CASHIER, FD_REPORT_ACCESS_ALL };
enum fd_report_access fd_perm_report_access(enum fd_role role);
/* May actor set (reset) the password of a staff member whose role is
 * target? "staff.password" is needed; an administrator sets anyone's, a
 * manager only those of roles below their own (never another manager's or
 * an administrator's: that would be taking over their account). */
bool fd_perm_password_allows(enum fd_role actor, enum fd_role target);
/* The lowest role allowed, for messages; -1 when none. */
int fd_perm_min_role(const char *action);

/* Chain roles (a group of hotels in one PostgreSQL database): rights a
 * person holds in every hotel of the chain, beside their role in a hotel.
 * revenue reads every hotel's reports (report.read, and the chain report,
 * report.chain) and what a terminal needs to show them (read.hotel,
 * read.changes); chain-admin manages the users of every hotel
 * (staff.create, staff.update, admin.users, and the same reads). Neither
 * sells rooms, takes money or changes rooms and rates. */
enum fd_chain_role { FD_CHAIN_NONE = 0, FD_CHAIN_REVENUE, FD_CHAIN_ADMIN };
const char *fd_chain_role_name(enum fd_chain_role r); /* "" for none */
/* "revenue", "chain-admin" (or "none"); false for anything else. */
bool fd_chain_role_parse(const char *s, enum fd_chain_role *out);
bool fd_perm_chain_allows(enum fd_chain_role chain, const char *action);
/* The one rule for a person in a hotel: their role there allows action
 * (has_role: they have one there, active), or their chain role does. */
bool fd_perm_person_allows(bool has_role, enum fd_role role, enum fd_chain_role chain, const char *action);

#endif
