// SPDX-License-Identifier: GPL-3.0-or-later
/* The whole hotel as canonical JSON, for comparing stores. */
#ifndef FD_STORE_DUMP_H
#define FD_STORE_DUMP_H

#include "store/db.h"

/* Every entity as canonical JSON: objects with sorted keys, rows sorted by
 * key, volatile columns (updated_at, search keys, local row ids) left out.
 * Two caches that converged dump byte-identical text. Caller frees *out. */
enum fd_status fd_dump_hotel(struct fd_db *db, char **out, struct fd_error *err);

#endif
