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
/* The lowest role allowed, for messages; -1 when none. */
int fd_perm_min_role(const char *action);

#endif
