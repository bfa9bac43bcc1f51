// SPDX-License-Identifier: GPL-3.0-or-later
/* The rules of POST /v1/ops that do not depend on the store: which broken
 * operation is a refusal rather than a 400, when a declared gap
 * (gap_from) is accepted and what its notice says, what the terminal's
 * outbox holds after the push, and the push counters of /v1/metrics. One
 * implementation, used by push.c (SQLite) and pg_push.c (PostgreSQL). */
#ifndef FD_SERVER_PUSH_RULES_H
#define FD_SERVER_PUSH_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/error.h"
#include "core/op.h"
#include "server/server.h"

/* An operation whose envelope is sound (op_id, device_seq, known fields)
 * but whose content this server does not accept (an unknown type, say from
 * a newer terminal, or a payload that does not check) is refused like any
 * other business refusal: recorded and answered in a 200, so the queue
 * behind it keeps moving. After fd_op_from_json(item) failed with why:
 * true with op reset to its op_id, device_seq and type and *bad the
 * refusal; false when the envelope is broken (a 400). */
bool srv_push_unreadable_op(const cJSON *item, struct fd_op *op, const struct fd_error *why,
                            struct fd_error *bad);

/* An operation that would bring an erased guest back: its payload's "id"
 * names what it creates, and an erased person never comes back, not even
 * from an operation a terminal re-submits after a restore. erased(ctx, id)
 * says whether id is an erased guest's (the store's own record or the list
 * outside it, erasures.c). true with *bad the refusal ("guest_erased"),
 * which gets no conflict notice: it would copy the person's data (the
 * payload) to every desk. */
bool srv_push_creates_erased(const struct fd_op *op, bool (*erased)(void *ctx, const char *id), void *ctx,
                             struct fd_error *bad);

/* The push body's "gap_from" (0 when absent); false, with a 400 in out,
 * when it is not a device_seq. */
bool srv_push_gap_from(const cJSON *body, int64_t *gap_from, struct srv_resp *out);

/* A declared gap is accepted only where the server's own sequence stands
 * (gap_from is the device_seq the server expects next) and the batch's
 * first operation comes after it: the last lost device_seq, else 0. */
int64_t srv_push_gap_to(int64_t gap_from, int64_t expected, int64_t first_seq);

/* The conflict notice of an accepted gap: its message (msg) and details
 * (malloc'd JSON text, NULL when out of memory). name: the device's. */
char *srv_push_gap_notice(const char *name, int64_t gap_from, int64_t gap_to, int64_t first_seq,
                          const char *pushed_by, char msg[512]);

/* The terminal's outbox once a batch of n is in, from its
 * Frontdesk-Outbox header (this batch included); -1 when not told. */
int64_t srv_push_outbox(const struct srv_req *r, int n);

/* The answer of one operation: {"op_id", "device_seq", "status"}, the
 * caller adding what the status needs. */
cJSON *srv_push_answer_new(const struct fd_op *op, const char *status);
/* An applied operation's answer: the above with "seq" (the feed's), the
 * entity, its id, the booking code and a warning when there are. The
 * tree, and the same printed (what cJSON_PrintUnformatted makes of the
 * tree, without building it: a third of a batched operation's answer
 * work). Both here, side by side: one shape. */
cJSON *srv_push_applied_new(const struct fd_op *op, int64_t seq, const struct fd_op_result *res);
char *srv_push_applied_text(const struct fd_op *op, int64_t seq, const struct fd_op_result *res);

/* The 409 of a push that does not continue the device's sequence: nothing
 * of it was applied, and the terminal resends from expected. */
void srv_push_gap_refusal(struct srv_resp *out, int64_t expected);

/* A committed push and its answers, counted for /v1/metrics
 * (frontdeskd_pushes_total, frontdeskd_ops_total, ...). */
void srv_push_count(struct srv *s, int commits, int pushes, const cJSON *results);

#endif
