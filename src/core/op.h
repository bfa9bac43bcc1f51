// SPDX-License-Identifier: GPL-3.0-or-later
/* Operations: every change to hotel data is one. Core validates an operation
 * against the current state (through struct fd_repo) and applies it; the
 * caller wraps each apply in one database transaction. The same code runs on
 * the terminal (optimistically) and on the server (authoritatively).
 *
 * Wire form (JSON):
 *   {"op_id":"<uuid>","device":"<device id>","device_seq":1,
 *    "type":"booking.create","actor":"anna","created_at":1764090000,
 *    "payload":{...},"sig":"<hex>"}   (sig optional)
 * Payload fields per type are listed in src/core/op.c (op_table). */
#ifndef FD_CORE_OP_H
#define FD_CORE_OP_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"
#include "core/repo.h"

/* The sync protocol between terminals and frontdeskd (doc/sync.md,
 * "Versions"). A terminal announces its version in every request
 * (Frontdesk-Protocol header; none = 1), the server its own in every
 * answer and its range in /v1/health. 1: release 0.1.0 (whole snapshot,
 * no header). 2: paged snapshot, declared gaps (gap_from). A server
 * speaks from FD_PROTOCOL_OLDEST (or its configured min-protocol) to
 * FD_PROTOCOL; an older terminal is answered 426. */
#define FD_PROTOCOL 2
#define FD_PROTOCOL_OLDEST 1

#define FD_OP_TYPE_LEN 40
#define FD_DEVICE_LEN 64
#define FD_MAX_FREE_ROOMS 8

struct fd_op {
	char op_id[FD_ID_LEN];
	char device[FD_DEVICE_LEN];
	int64_t device_seq;
	char type[FD_OP_TYPE_LEN];
	char actor[FD_USER_LEN];
	int64_t created_at; /* Unix seconds, the terminal's clock */
	cJSON *payload;     /* owned */
	/* The actor's Ed25519 signature (hex) over the operation's signed
	 * text (src/store/opsig.h), or "": the actor's proof of identity
	 * when the operation reaches the server under another session. */
	char sig[129];
};

/* What an applied (or refused) operation did, for the caller to report. */
struct fd_op_result {
	char entity[FD_ENTITY_LEN];
	char id[FD_ID_LEN];     /* the entity's id (room number for rooms) */
	char code[FD_CODE_LEN]; /* booking confirmation code, when a booking */
	char warning[256];      /* applied, but a person should know (e.g. room out of service) */
	/* On a room clash: the other booking and free rooms of the same type. */
	char clash_code[FD_CODE_LEN];
	int n_free;
	char free_rooms[FD_MAX_FREE_ROOMS][FD_ROOMNO_LEN];
};

enum fd_apply_flags {
	/* The actor is a local administrative tool (init, demo, import): no
	 * staff record or permission check. Never set for pushed operations. */
	FD_APPLY_TRUSTED = 1 << 0,
};

void fd_op_init(struct fd_op *op);
void fd_op_clear(struct fd_op *op); /* frees the payload */
/* Parse the wire form; refuses unknown fields and wrong types, naming the field. */
enum fd_status fd_op_from_json(const cJSON *json, struct fd_op *op, struct fd_error *err);
/* The same, taking the payload out of json instead of copying it (a push's
 * body is freed once its operations are read: copying every payload was a
 * twentieth of a batched operation's work). json keeps the rest. */
enum fd_status fd_op_from_json_take(cJSON *json, struct fd_op *op, struct fd_error *err);
/* New JSON object (caller frees). */
cJSON *fd_op_to_json(const struct fd_op *op);
bool fd_op_type_known(const char *type);
/* Every known operation type, NULL-terminated. */
const char *const *fd_op_types(void);

/* Validate and apply. On refusal nothing was written through repo unless
 * the caller's transaction is rolled back (callers always roll back on a
 * non-OK status). res may be NULL. */
enum fd_status fd_op_apply(const struct fd_repo *repo, const struct fd_op *op, unsigned flags,
                           struct fd_op_result *res, struct fd_error *err);

#endif
