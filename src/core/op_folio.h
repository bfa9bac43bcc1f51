// SPDX-License-Identifier: GPL-3.0-or-later
/* Shared by the folio operation handlers (op_folio.c, op_audit.c). */
#ifndef FD_CORE_OP_FOLIO_H
#define FD_CORE_OP_FOLIO_H

#include "core/op_internal.h"

/* The actor named in the audit log for the night audit's changes. */
#define FD_NIGHT_AUDIT_ACTOR "night-audit"

void op_folio_derive_id(const char *a, const char *b, const char *salt, char out[FD_ID_LEN]);
bool op_folio_supported(const struct fd_repo *repo);
enum fd_status op_folio_default(struct op_ctx *c, const struct fd_booking *b, bool room_charge,
                                struct fd_folio *out);
/* The room charge (code ROOM, with its VAT) of booking b for the night of
 * day, or for a day-use stay's day: posted once (its line id is derived
 * from the booking and the date), nothing for a rate of 0. */
enum fd_status op_folio_post_room_charge(struct op_ctx *c, const struct fd_booking *b, fd_date day);
/* A fee (cancellation, no-show) on b's guest folio, posted once per
 * operation and booking (its line id derives from both and salt). */
enum fd_status op_folio_post_fee(struct op_ctx *c, const struct fd_booking *b, const char *code,
                                 const char *description, int64_t amount, fd_date date, const char *salt,
                                 const char *actor);
/* A policy's text for booking b (core/policy.h: the booking's plan, else
 * the property's setting key), "" for none. */
enum fd_status op_policy_text(struct op_ctx *c, const struct fd_booking *b, const char *key, char *out,
                              size_t size);
/* b's first night's price and its whole stay's: its prices per night when
 * it has them (rate plans), else its rate every night. */
void op_stay_prices(struct op_ctx *c, const struct fd_booking *b, int64_t *first, int64_t *stay);

#endif
