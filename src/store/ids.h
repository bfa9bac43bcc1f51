// SPDX-License-Identifier: GPL-3.0-or-later
/* Identifiers made on this machine: UUIDs (v4, from libsodium's CSPRNG; v7
 * for operations) and booking confirmation codes (6 characters without
 * look-alikes). */
#ifndef FD_STORE_IDS_H
#define FD_STORE_IDS_H

#include "core/entity.h"

/* All return out. fd_ids_init() must have succeeded (sodium_init). */
int fd_ids_init(void);
char *fd_uuid_new(char out[FD_ID_LEN]);
/* A UUID v7: the time in milliseconds (and the fraction of the
 * millisecond), then 62 random bits. Ids made later sort after: an
 * operation's op_id, so the outbox's (and the server's) op_id index grows
 * at its end instead of dirtying a random page of it at every operation
 * (54 of the 118 pages a checkpoint wrote at a 100k-booking terminal). */
char *fd_uuid_v7_new(char out[FD_ID_LEN]);
char *fd_booking_code_new(char out[FD_CODE_LEN]);

#endif
