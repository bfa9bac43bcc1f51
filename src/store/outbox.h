// SPDX-License-Identifier: GPL-3.0-or-later
/* The outbox as the sync engine works it: operations queued for the
 * server (fd_store_apply appends them, oplog.h), pushed in order, settled
 * by the server's verdicts, and overlaid on the cache until the change
 * feed has caught up with their results. */
#ifndef FD_STORE_OUTBOX_H
#define FD_STORE_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/op.h"
#include "store/db.h"

/* One queued operation (strings borrowed for the call only). */
struct fd_outbox_row {
	int64_t device_seq;
	const char *op_id, *type, *actor, *payload; /* payload: JSON text */
	int64_t created_at;
};
typedef bool (*fd_outbox_cb)(void *ctx, const struct fd_outbox_row *row);

/* Up to limit operations still to push, oldest first. */
enum fd_status fd_outbox_pending(struct fd_db *db, int limit, fd_outbox_cb cb, void *ctx,
                                 struct fd_error *err);
/* The operations overlaid on the cache, oldest first. */
enum fd_status fd_outbox_overlaid(struct fd_db *db, fd_outbox_cb cb, void *ctx, struct fd_error *err);

/* The server's verdict ("applied" or "rejected", its result as JSON text,
 * the change sequence that carries it) for a pending operation; *changed
 * is 1 when one was pending. */
enum fd_status fd_outbox_settle(struct fd_db *db, const char *op_id, const char *verdict, const char *result,
                                int64_t result_seq, int *changed, struct fd_error *err);
/* Queue again every operation from device_seq on (the server lost them). */
enum fd_status fd_outbox_requeue_from(struct fd_db *db, int64_t device_seq, struct fd_error *err);
/* Some overlaid operation's result is at or before cursor. */
bool fd_outbox_settle_due(struct fd_db *db, int64_t cursor);
/* Take off the overlay the settled operations whose result is at or
 * before cursor. */
enum fd_status fd_outbox_unoverlay(struct fd_db *db, int64_t cursor, struct fd_error *err);
/* Keep an operation's recorded local effect (NULL: none). */
enum fd_status fd_outbox_save_changeset(struct fd_db *db, int64_t device_seq, const void *cs, int n,
                                        struct fd_error *err);
/* Undo the local effect of every overlaid operation, newest first, inside
 * the caller's transaction. */
enum fd_status fd_outbox_undo_overlay(struct fd_db *db, struct fd_error *err);

/* Mark (and unmark) the current transaction as the sync engine's replay,
 * the one writer allowed to take back folio lines (core migration 6). */
enum fd_status fd_outbox_replay_begin(struct fd_db *db, struct fd_error *err);
enum fd_status fd_outbox_replay_end(struct fd_db *db, struct fd_error *err);

#endif
