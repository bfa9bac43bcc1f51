// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal keeps the operations the server acknowledged for a window
 * of days, so that after the server is restored from a backup (a new
 * epoch) it can submit again those the backup lacks: RPO 0 for
 * acknowledged operations. The server's duplicate detection (op_id) makes
 * a repeat of what it already has harmless. */
#ifndef FD_STORE_OUTBOX_KEEP_H
#define FD_STORE_OUTBOX_KEEP_H

#include <stdint.h>

#include "store/db.h"

/* Default window (days) when meta "sync_keep_days" is not set. */
#define FD_OUTBOX_KEEP_DAYS 14

/* The window in days (meta "sync_keep_days", else the default). */
int fd_outbox_keep_days(struct fd_db *db);

/* Inside the caller's transaction: every settled operation made at or after
 * since (Unix seconds) is queued again and overlaid (re-applied locally on
 * top of the server's state until its new result shows in the feed). */
enum fd_status fd_outbox_requeue_since(struct fd_db *db, int64_t since, struct fd_error *err);

/* Forget settled operations made before `before` (Unix seconds) whose
 * effect is no longer overlaid. */
enum fd_status fd_outbox_prune(struct fd_db *db, int64_t before, struct fd_error *err);

#endif
