// SPDX-License-Identifier: GPL-3.0-or-later
/* Erasing a guest for good while the history stays (crypto-shredding).
 *
 * The audit log is append-only, so a guest's name, e-mail or phone written
 * into it could never be erased. Instead, the personal fields of every guest
 * operation are sealed (libsodium secretbox) under a key of that guest's own
 * before they reach the log; erasing the guest deletes the key, and what
 * the log holds becomes noise. The rest of what the erasure must reach is
 * the schema's job (core migration 8): a trigger on guests.erased deletes
 * the key and blanks outbox copies of the guest's operations on every write
 * path (an operation here, the sync feed, the server's push);
 * secure_delete zeroes freed space; and the next commit truncates the
 * write-ahead log so no old page survives in it. */
#ifndef FD_STORE_PRIVACY_H
#define FD_STORE_PRIVACY_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "core/error.h"
#include "store/db.h"

/* A printed copy of payload with every string field except the ids
 * ("id", "guest") sealed under guest_id's key (made on first use), as
 * "sealed:v1:BASE64". *out is malloc'd; the caller frees it. Inside the
 * caller's transaction. fresh: the guest was just created, so has no key
 * yet (it is stored without looking for one first). */
enum fd_status fd_privacy_seal(struct fd_db *db, const char *guest_id, bool fresh, const cJSON *payload,
                               char **out, struct fd_error *err);

/* After a commit: when an erasure happened since the last call, truncate
 * the write-ahead log (fd_db_commit calls it). */
void fd_privacy_after_commit(struct fd_db *db);

#endif
