// SPDX-License-Identifier: GPL-3.0-or-later
/* Time zones: the hotel's zone is a name of the tz database
 * ("Europe/Lisbon", "America/Argentina/Buenos_Aires", "UTC"). Core judges
 * the form of the name; whether the zone exists is asked of the checker a
 * program registers at start (the system's zone database, src/store/zone.c),
 * since core does no I/O. Without a checker only the form is judged. */
#ifndef FD_CORE_ZONE_H
#define FD_CORE_ZONE_H

#include <stdbool.h>

#include "core/error.h"

/* true when the zone called name exists (name is well formed). */
typedef bool (*fd_zone_checker)(const char *name);
/* Register the checker once, at start, before other threads run. */
void fd_zone_set_checker(fd_zone_checker checker);
/* FD_OK when name is a time zone; FD_E_INVALID ("unknown_timezone", naming
 * field) with a message saying what a zone looks like otherwise. */
enum fd_status fd_zone_check(const char *field, const char *name, struct fd_error *err);

#endif
