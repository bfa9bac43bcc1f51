// SPDX-License-Identifier: GPL-3.0-or-later
/* The audit log: who did what, through which session and device, and what
 * was refused and why; append-only (triggers) and tamper-evident.
 *
 * Every row carries a hash chained to the row before it: BLAKE2b-256
 * (libsodium's crypto_generichash) over the previous row's hash and every
 * column of the row as stored (each field length-prefixed), the first row
 * chained to 32 zero bytes. Changing, inserting or deleting a row in the
 * middle breaks the chain at that row or the next one, which
 * fd_audit_verify names. The payload is hashed as stored, that is sealed for
 * a guest's personal fields (store/privacy.h): destroying a guest's key at
 * erasure leaves the chain verifiable.
 *
 * Each database (a terminal's, the server's) keeps its own chain: audit rows
 * are written only by the process that judged the operation, never copied
 * by the sync feed, so rows never arrive out of order. Writers append
 * inside a BEGIN IMMEDIATE transaction, which serializes them. */
#ifndef FD_STORE_AUDIT_H
#define FD_STORE_AUDIT_H

#include <stdint.h>

#include "core/error.h"
#include "core/op.h"
#include "store/db.h"

#define FD_AUDIT_SESSION_LEN 17 /* 16 hex digits and a NUL */

/* The session the next audit rows come through (borrowed, copied): an
 * identifier of the session token (fd_audit_session_id), "" when none. */
void fd_db_set_audit_session(struct fd_db *db, const char *session);
/* A short public name of a session token: the first 8 bytes of
 * BLAKE2b-256(token) in hex. The server stores that hash of its tokens, so
 * the terminal's and the server's names of one session agree. */
void fd_audit_session_id(const char *token, char out[FD_AUDIT_SESSION_LEN]);
/* The same from the server's stored 32-byte token hash. */
void fd_audit_session_id_hash(const unsigned char hash[32], char out[FD_AUDIT_SESSION_LEN]);

/* One audit row as written (borrowed strings). outcome: "applied" or
 * "refused"; code and reason say why a refusal happened. */
struct fd_audit_row {
	const char *op_id, *device, *actor, *type, *entity, *entity_id, *payload;
	int64_t created_at;
	const char *outcome, *code, *reason, *session;
};

/* Inside the caller's transaction: append row, chained to the last row. */
enum fd_status fd_audit_append(struct fd_db *db, const struct fd_audit_row *row, struct fd_error *err);

/* Record that op was refused (why: the refusal), in its own transaction
 * (the refused operation's was rolled back). The payload is kept unless it
 * may hold what must not be stored (a guest's personal data, or whatever
 * input validation refused, a card number say). Never overwrites why. */
enum fd_status fd_audit_refusal(struct fd_db *db, const struct fd_op *op, const struct fd_error *why,
                                struct fd_error *err);
/* The same inside the caller's transaction. */
enum fd_status fd_audit_refusal_in(struct fd_db *db, const struct fd_op *op, const struct fd_error *why,
                                   struct fd_error *err);

/* Recompute the chain. FD_OK with *rows the number of rows checked; when a
 * row does not match, FD_E_CONFLICT with *bad_seq its seq and err saying so
 * (code "audit_chain_broken"). */
enum fd_status fd_audit_verify(struct fd_db *db, int64_t *rows, int64_t *bad_seq, struct fd_error *err);

/* The hash of a row chained to prev: its 14 fields as text in the order of
 * AUDIT_COLUMNS (seq, op_id, device, actor, type, entity, entity_id,
 * payload, created_at, applied_at, outcome, code, reason, session), so that
 * another store's audit log (src/pg/audit.c) chains its rows alike. */
#define FD_AUDIT_FIELDS 14
void fd_audit_row_hash(const unsigned char prev[32], const char *const f[FD_AUDIT_FIELDS],
                       const size_t len[FD_AUDIT_FIELDS], unsigned char out[32]);

/* Core migration 19: chain the rows written before the chain existed. */
enum fd_status fd_audit_chain_existing(struct fd_db *db, struct fd_error *err);

#endif
