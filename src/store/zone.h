// SPDX-License-Identifier: GPL-3.0-or-later
/* The system's time zone database behind core's zone rule (core/zone.h). */
#ifndef FD_STORE_ZONE_H
#define FD_STORE_ZONE_H

/* Register the checker with core: call once at start, before threads. */
void fd_store_zone_init(void);

#endif
