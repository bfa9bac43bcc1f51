// SPDX-License-Identifier: GPL-3.0-or-later
/* Applying operations to a local store: one BEGIN IMMEDIATE transaction per
 * batch, synchronous=FULL, each operation recorded in the audit log and (on
 * an enrolled terminal) appended to the outbox with the next device
 * sequence number. A refusal rolls the whole batch back. */
#ifndef FD_STORE_OPLOG_H
#define FD_STORE_OPLOG_H

#include "core/op.h"
#include "store/db.h"

enum fd_store_apply_flags {
	FD_STORE_OUTBOX = 1 << 8, /* also append to the outbox for sync */
	/* Only judge: apply with the same rules, then roll back whatever the
	 * answer (no audit row, no outbox). For asking a person to confirm
	 * only what would be accepted. */
	FD_STORE_CHECK = 1 << 9,
};

/* Fill in what a new local operation needs: op_id, created_at, device and
 * the actor (borrowed strings). type and payload are set by the caller. */
void fd_op_prepare(struct fd_op *op, const char *type, const char *actor, const char *device);

/* Apply ops[0..n) in one transaction. flags: enum fd_apply_flags |
 * enum fd_store_apply_flags. results (n of them) may be NULL. On failure
 * *failed is the index of the refused operation; a refusal is written to
 * the audit log (store/audit.h) unless FD_STORE_CHECK. */
enum fd_status fd_store_apply(struct fd_db *db, struct fd_op *ops, int n, unsigned flags,
                              struct fd_op_result *results, int *failed, struct fd_error *err);
/* The same, telling progress(ctx, done, n) after each operation (long
 * work: the demo hotel's thousands); progress may be NULL. */
enum fd_status fd_store_apply_progress(struct fd_db *db, struct fd_op *ops, int n, unsigned flags,
                                       struct fd_op_result *results, int *failed,
                                       void (*progress)(void *ctx, long done, long total), void *progress_ctx,
                                       struct fd_error *err);

/* Inside the caller's transaction: apply one operation while recording its
 * effect on the hotel tables as a changeset (store/record.h; *changeset is
 * sqlite3_malloc'd, caller frees with sqlite3_free; NULL when it changed
 * nothing). fd_store_apply does this for FD_STORE_OUTBOX, the sync engine
 * when it re-applies pending operations on top of fresh server state. */
enum fd_status fd_store_apply_recorded(struct fd_db *db, const struct fd_op *op, unsigned flags,
                                       struct fd_op_result *res, void **changeset, int *n_changeset,
                                       struct fd_error *err);

/* A business refusal (the operation was judged and refused: invalid,
 * forbidden, not found, conflict), as opposed to a storage failure. */
bool fd_store_is_refusal(enum fd_status st);

/* Inside a caller's transaction: audit-log one applied operation. */
enum fd_status fd_store_audit(struct fd_db *db, const struct fd_op *op, const struct fd_op_result *res,
                              struct fd_error *err);

/* A new confirmation code not used by any booking in this store. Codes are
 * random (31^6, about 887 million); at hundreds of thousands of bookings a
 * repeat is expected now and then, and would refuse the booking. */
char *fd_store_new_booking_code(struct fd_db *db, char out[FD_CODE_LEN]);

/* Next device sequence number (inside the caller's transaction): one past
 * the outbox's last or past the floor fd_outbox_prune keeps in meta. */
enum fd_status fd_store_next_seq(struct fd_db *db, int64_t *seq, struct fd_error *err);

#endif
