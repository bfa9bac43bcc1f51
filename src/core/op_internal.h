// SPDX-License-Identifier: GPL-3.0-or-later
/* Shared between the operation handlers (op_*.c); not for other modules. */
#ifndef FD_CORE_OP_INTERNAL_H
#define FD_CORE_OP_INTERNAL_H

#include "core/op.h"

/* Everything a handler needs: the repo, the op, its payload, today's business
 * date and where to put the result. */
struct op_ctx {
	const struct fd_repo *repo;
	const struct fd_op *op;
	const cJSON *p;
	struct fd_property prop;
	struct fd_op_result *res;
	struct fd_error *err;
	unsigned flags; /* enum fd_apply_flags */
};

typedef enum fd_status (*op_handler)(struct op_ctx *c);

/* Payload readers. The payload was checked against the op's field list
 * (names and JSON types) before the handler runs; these only convert. A
 * missing optional field leaves *out untouched and returns FD_OK. */
enum fd_status op_str(struct op_ctx *c, const char *name, char *out, size_t size, bool required);
enum fd_status op_new_id(struct op_ctx *c, char *out, size_t size);
enum fd_status op_int(struct op_ctx *c, const char *name, int64_t min, int64_t max, int64_t *out,
                      bool required);
enum fd_status op_date(struct op_ctx *c, const char *name, fd_date *out, bool required);
bool op_has(struct op_ctx *c, const char *name);
bool op_bool(struct op_ctx *c, const char *name, bool dflt);

enum fd_status op_load_booking(struct op_ctx *c, struct fd_booking *b);
void op_result_entity(struct op_ctx *c, const char *entity, const char *id);

/* Handlers, one per operation type. */
enum fd_status op_booking_create(struct op_ctx *c);
enum fd_status op_booking_modify(struct op_ctx *c);
enum fd_status op_booking_assign_room(struct op_ctx *c);
enum fd_status op_booking_move_room(struct op_ctx *c);
enum fd_status op_booking_cancel(struct op_ctx *c);
enum fd_status op_booking_check_in(struct op_ctx *c);
enum fd_status op_booking_check_out(struct op_ctx *c);
enum fd_status op_booking_no_show(struct op_ctx *c);
enum fd_status op_room_create(struct op_ctx *c);
enum fd_status op_room_update(struct op_ctx *c);
enum fd_status op_room_set_clean(struct op_ctx *c);
enum fd_status op_room_set_maintenance(struct op_ctx *c);
enum fd_status op_room_set_flags(struct op_ctx *c);
enum fd_status op_room_type_create(struct op_ctx *c);
enum fd_status op_room_type_update(struct op_ctx *c);
enum fd_status op_property_update(struct op_ctx *c);
enum fd_status op_property_legal(struct op_ctx *c);
enum fd_status op_document_send(struct op_ctx *c);
enum fd_status op_invoice_issue(struct op_ctx *c);
enum fd_status op_invoice_credit(struct op_ctx *c);
enum fd_status op_guest_create(struct op_ctx *c);
enum fd_status op_guest_update(struct op_ctx *c);
enum fd_status op_guest_erase(struct op_ctx *c);
enum fd_status op_guest_merge(struct op_ctx *c);
enum fd_status op_property_configure(struct op_ctx *c);
/* Check-in rule: where the property requires it, the guest's identity
 * document is on file. */
enum fd_status op_guest_check_document(struct op_ctx *c, const struct fd_booking *b);
enum fd_status op_staff_create(struct op_ctx *c);
enum fd_status op_staff_update(struct op_ctx *c);
enum fd_status op_staff_shift(struct op_ctx *c);
enum fd_status op_task_create(struct op_ctx *c);
enum fd_status op_task_update(struct op_ctx *c);
/* Folios and the night audit (src/folio/op_folio.c, src/folio/op_audit.c). */
enum fd_status op_folio_create(struct op_ctx *c);
enum fd_status op_folio_post(struct op_ctx *c);
enum fd_status op_folio_pay(struct op_ctx *c);
enum fd_status op_folio_refund(struct op_ctx *c);
enum fd_status op_folio_paid_out(struct op_ctx *c);
enum fd_status op_folio_void(struct op_ctx *c);
enum fd_status op_folio_move_line(struct op_ctx *c);
enum fd_status op_folio_settle(struct op_ctx *c);
enum fd_status op_folio_configure(struct op_ctx *c);
enum fd_status op_charge_code_set(struct op_ctx *c);
enum fd_status op_audit_night(struct op_ctx *c);
enum fd_status op_room_block(struct op_ctx *c);
enum fd_status op_room_unblock(struct op_ctx *c);
/* Check-out rule: refused while a guest folio has a balance. */
enum fd_status fd_folio_check_out(struct op_ctx *c, const struct fd_booking *b);
/* Cancel rule: a deposit held on the guest folios is kept as a
 * cancellation fee, refunded or left on account, as the payload's
 * "deposit" says; without it the cancel is refused. */
enum fd_status fd_folio_cancel(struct op_ctx *c, const struct fd_booking *b);
enum fd_status op_conflict_resolve(struct op_ctx *c);
/* Rate plans, prices and restrictions (op_rate.c). */
enum fd_status op_rate_plan_create(struct op_ctx *c);
enum fd_status op_rate_plan_update(struct op_ctx *c);
enum fd_status op_rate_set(struct op_ctx *c);
enum fd_status op_rate_restrict(struct op_ctx *c);
/* Company accounts (op_company.c). */
enum fd_status op_company_create(struct op_ctx *c);
enum fd_status op_company_update(struct op_ctx *c);
enum fd_status op_company_load(struct op_ctx *c, const char *key, struct fd_company *co);
enum fd_status op_company_can_bill(struct op_ctx *c, const char *name, int64_t extra, struct fd_company *out);
/* Group blocks (op_group.c). */
enum fd_status op_block_add(struct op_ctx *c);
enum fd_status op_group_load(struct op_ctx *c, const char *key, struct fd_group_block *b);
/* Does booking b's block hold a room it may take on night d? */
enum fd_status op_group_covers(struct op_ctx *c, const struct fd_booking *b, fd_date d, bool *covered);
/* The night audit of d releases the blocks at their cut-off. */
enum fd_status op_group_release(struct op_ctx *c, fd_date d);

#endif
