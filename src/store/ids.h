// SPDX-License-Identifier: GPL-3.0-or-later
/* Identifiers made on this machine: UUIDs (v4, from libsodium's CSPRNG) and
 * booking confirmation codes (6 characters without look-alikes). */
#ifndef FD_STORE_IDS_H
#define FD_STORE_IDS_H

#include "core/entity.h"

/* Both return out. fd_ids_init() must have succeeded (sodium_init). */
int fd_ids_init(void);
char *fd_uuid_new(char out[FD_ID_LEN]);
char *fd_booking_code_new(char out[FD_CODE_LEN]);

#endif
