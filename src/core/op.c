// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/op.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/card.h"
#include "core/i18n.h"
#include "core/op_internal.h"
#include "core/perm.h"
#include "core/text.h"

/* Each operation type with its handler and payload fields. A field is
 * "name:K" where K is s (string), i (integer), d (date "YYYY-MM-DD") or
 * b (boolean); a trailing '!' marks it required. Unknown fields are refused
 * so a typo never passes silently. */
static const struct op_spec {
	const char *type;
	op_handler handler;
	const char *fields;
} op_table[] = {
    {"booking.create", op_booking_create,
     "id:s! code:s! guest_id:s! type:s! arrival:d! departure:d! adults:i children:i "
     "rate:i source:s notes:s eta:s rate_reason:s plan:s override_reason:s block:s company:s"},
    {"booking.modify", op_booking_modify,
     "booking:s! arrival:d departure:d type:s adults:i children:i rate:i notes:s eta:s source:s "
     "take_rate:b rate_reason:s override_reason:s company:s"},
    {"booking.assign_room", op_booking_assign_room, "booking:s! room:s!"},
    {"booking.move_room", op_booking_move_room, "booking:s! room:s!"},
    {"booking.cancel", op_booking_cancel, "booking:s! reason:s deposit:s"},
    {"booking.check_in", op_booking_check_in, "booking:s! room:s late:b"},
    {"booking.check_out", op_booking_check_out, "booking:s! early:b"},
    {"booking.no_show", op_booking_no_show, "booking:s!"},
    {"room.create", op_room_create, "id:s! number:s! type:s! floor:i section:s"},
    {"room.update", op_room_update, "room:s! type:s floor:i section:s"},
    {"room.set_clean", op_room_set_clean, "room:s! status:s! occupied:b"},
    {"room.set_maintenance", op_room_set_maintenance, "room:s! state:s! from:d to:d reason:s"},
    {"room.set_flags", op_room_set_flags, "room:s! dnd:b mur:b"},
    {"room_type.create", op_room_type_create, "id:s! code:s! name:s! max_occupancy:i! base_rate:i! rank:i"},
    {"room_type.update", op_room_type_update, "code:s! name:s max_occupancy:i base_rate:i rank:i"},
    {"property.update", op_property_update, "name:s currency:s timezone:s business_date:d id:s"},
    {"invoice.issue", op_invoice_issue, "id:s! booking:s! folio:s series:s"},
    {"invoice.credit", op_invoice_credit, "id:s! invoice:s! reason:s!"},
    {"property.legal", op_property_legal,
     "legal_name:s address:s tax_id:s doc_footer:s cancel_terms:s language:s"},
    {"document.send", op_document_send, "id:s booking:s! kind:s! to:s"},
    {"guest.create", op_guest_create,
     "id:s! family:s! given:s email:s phone:s country:s document:s notes:s vip:b doc_type:s doc_country:s "
     "doc_expiry:d nationality:s birth_date:d address:s preferences:s language:s"},
    {"guest.update", op_guest_update,
     "guest:s! family:s given:s email:s phone:s country:s document:s notes:s vip:b doc_type:s doc_country:s "
     "doc_expiry:d nationality:s birth_date:d address:s preferences:s language:s"},
    {"guest.erase", op_guest_erase, "guest:s!"},
    {"guest.merge", op_guest_merge, "guest:s! duplicate:s!"},
    {"property.configure", op_property_configure, "require_document:b"},
    {"staff.create", op_staff_create, "id:s! username:s! display_name:s! role:s! department:s! section:s"},
    {"staff.update", op_staff_update, "username:s! display_name:s role:s department:s section:s active:b"},
    {"staff.shift", op_staff_shift, "username:s! on:b!"},
    {"task.create", op_task_create, "id:s! room:s! date:d! kind:s! attendant:s"},
    {"task.update", op_task_update, "task:s! attendant:s status:s"},
    {"folio.create", op_folio_create, "id:s! booking:s! name:s company:s route_room:b"},
    {"folio.post", op_folio_post,
     "id:s! booking:s folio:s charge:s! amount:i! quantity:i description:s date:d"},
    {"folio.pay", op_folio_pay, "id:s! booking:s folio:s method:s! amount:i! ref:s last4:s date:d"},
    {"folio.refund", op_folio_refund,
     "id:s! booking:s folio:s method:s! amount:i! ref:s last4:s reason:s! date:d payment:s desk:s"},
    {"folio.paid_out", op_folio_paid_out, "id:s! booking:s folio:s amount:i! method:s reason:s! date:d"},
    {"folio.void", op_folio_void, "id:s! line:s! reason:s! date:d"},
    {"folio.move_line", op_folio_move_line, "line:s! folio:s!"},
    {"folio.settle", op_folio_settle, "id:s! booking:s! company:s! date:d"},
    {"folio.configure", op_folio_configure,
     "refund_threshold:i noshow_auto:b ooo_available:b desk_departments:s rate_discount_max:i "
     "cancel_policy:s noshow_policy:s deposit_policy:s"},
    {"company.create", op_company_create,
     "id:s! name:s! kind:s address:s vat:s contact:s credit_limit:i direct_bill:b"},
    {"company.update", op_company_update,
     "company:s! kind:s address:s vat:s contact:s credit_limit:i direct_bill:b"},
    {"charge_code.set", op_charge_code_set, "code:s! name:s! vat_bp:i! room:b"},
    {"audit.night", op_audit_night, "date:d! run_by:s desk:s"},
    {"room.block", op_room_block, "room:s! uid:s! from:d! to:d! summary:s source:s"},
    {"room.unblock", op_room_unblock, "room:s! uid:s!"},
    {"conflict.resolve", op_conflict_resolve, "conflict:s! room:s accept:b"},
    {"block.add", op_block_add,
     "id:s! name:s! type:s! rooms:i! from:d! to:d! cutoff:d company:s plan:s master:s"},
    {"rate_plan.create", op_rate_plan_create,
     "id:s! code:s! name:s! kind:s company:s types:s inclusions:s parent:s adjust_bp:i adjust_minor:i "
     "cancel_policy:s deposit_policy:s"},
    {"rate_plan.update", op_rate_plan_update,
     "plan:s! name:s kind:s company:s types:s inclusions:s cancel_policy:s deposit_policy:s active:b"},
    {"rate.set", op_rate_set,
     "plan:s! type:s! from:d! to:d! days:s amount:i relative:b adults:i child:i extra_bed:i"},
    {"rate.restrict", op_rate_restrict,
     "plan:s! type:s! from:d! to:d! days:s min_stay:i max_stay:i min_through:i cta:b ctd:b stop_sell:b"},
};

#define N_OPS (sizeof op_table / sizeof *op_table)

static const struct op_spec *op_spec_find(const char *type)
{
	static _Thread_local int memo[FD_FIND_SLOTS];
	int i = fd_find_name(op_table, N_OPS, sizeof *op_table, type, memo);
	return i < 0 ? NULL : &op_table[i];
}

bool fd_op_type_known(const char *type)
{
	return type && op_spec_find(type) != NULL;
}

const char *const *fd_op_types(void)
{
	static const char *types[N_OPS + 1];
	if (!types[0])
		for (size_t i = 0; i < N_OPS; i++)
			types[i] = op_table[i].type;
	return types;
}

void fd_op_init(struct fd_op *op)
{
	memset(op, 0, sizeof *op);
}

void fd_op_clear(struct fd_op *op)
{
	cJSON_Delete(op->payload);
	op->payload = NULL;
}

/* Look up "name" in a field list; returns its kind char and required flag. */
static bool spec_field(const char *fields, const char *name, char *kind, bool *required)
{
	size_t len = strlen(name);
	const char *p = fields;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *colon = strchr(p, ':');
		if (!colon)
			return false;
		if ((size_t)(colon - p) == len && strncmp(p, name, len) == 0) {
			*kind = colon[1];
			*required = colon[2] == '!';
			return true;
		}
		p = colon + 2;
		while (*p && *p != ' ')
			p++;
	}
	return false;
}

static bool kind_matches(char kind, const cJSON *v)
{
	switch (kind) {
	case 's':
	case 'd':
		return cJSON_IsString(v);
	case 'i':
		return cJSON_IsNumber(v);
	case 'b':
		return cJSON_IsBool(v);
	}
	return false;
}

static const char *kind_name(char kind)
{
	switch (kind) {
	case 's':
		return _("a string");
	case 'd':
		return _("a date string (YYYY-MM-DD)");
	case 'i':
		return _("a whole number");
	case 'b':
		return _("true or false");
	}
	return "?";
}

/* Fields where a person writes several lines. */
static const char *const multiline_fields[] = {"notes",       "description", "reason",     "summary",
                                               "requests",    "address",     "doc_footer", "cancel_terms",
                                               "preferences", NULL};
/* Fields that may hold a long run of digits that is not a card number: an
 * international phone number has up to 15 digits and passes Luhn one time in
 * ten. */
static const char *const digit_fields[] = {"phone", NULL};

static bool name_in(const char *const *list, const char *name)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static bool is_uuid(const char *s);

/* The text rules every string of every payload obeys, whichever interface
 * sent it: no control characters, well-formed UTF-8, no card number. */
static enum fd_status check_text_field(const cJSON *f, struct fd_error *err)
{
	const char *v = f->valuestring;
	enum fd_status st = fd_text_check_plain(f->string, v, name_in(multiline_fields, f->string), err);
	if (st || name_in(digit_fields, f->string) || is_uuid(v))
		return st;
	return fd_text_check_no_card(f->string, v, err);
}

static enum fd_status check_payload(const struct op_spec *spec, const cJSON *p, struct fd_error *err)
{
	if (!cJSON_IsObject(p))
		return fd_fail(err, FD_E_INVALID, "invalid_field", "payload",
		               _("The operation's payload must be a JSON object."));
	for (const cJSON *f = p->child; f; f = f->next) {
		char kind;
		bool req;
		if (!spec_field(spec->fields, f->string, &kind, &req))
			return fd_fail(err, FD_E_INVALID, "unknown_field", f->string,
			               _("Unknown field \"%s\" in a %s operation."), f->string, spec->type);
		if (!kind_matches(kind, f))
			return fd_fail(err, FD_E_INVALID, "invalid_field", f->string,
			               _("Field \"%s\" must be %s."), f->string, kind_name(kind));
		enum fd_status st;
		if (kind == 's' && (st = check_text_field(f, err)))
			return st;
	}
	/* required fields */
	const char *q = spec->fields;
	while (*q) {
		while (*q == ' ')
			q++;
		const char *colon = strchr(q, ':');
		if (!colon)
			break;
		char name[48];
		size_t n = (size_t)(colon - q) < sizeof name - 1 ? (size_t)(colon - q) : sizeof name - 1;
		memcpy(name, q, n);
		name[n] = '\0';
		if (colon[2] == '!' && !cJSON_GetObjectItemCaseSensitive(p, name))
			return fd_fail(err, FD_E_INVALID, "missing_field", name,
			               _("Field \"%s\" is required for a %s operation."), name, spec->type);
		q = colon + 2;
		while (*q && *q != ' ')
			q++;
	}
	return FD_OK;
}

static enum fd_status json_str(const cJSON *o, const char *name, char *out, size_t size, bool required,
                               struct fd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (!v) {
		if (!required)
			return FD_OK;
		return fd_fail(err, FD_E_INVALID, "missing_field", name, _("Field \"%s\" is required."),
		               name);
	}
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= size)
		return fd_fail(err, FD_E_INVALID, "invalid_field", name,
		               _("Field \"%s\" must be a string of at most %zu bytes."), name, size - 1);
	memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
	return FD_OK;
}

static const char *const op_keys[] = {"op_id",      "device",  "device_seq", "type", "actor",
                                      "created_at", "payload", "sig",        NULL};

static bool op_key_known(const char *k)
{
	for (int i = 0; op_keys[i]; i++)
		if (strcmp(op_keys[i], k) == 0)
			return true;
	return false;
}

static bool is_uuid(const char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		char ch = s[i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash
		        ? ch != '-'
		        : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
			return false;
	}
	return true;
}

/* fd_op_from_json but for the payload: *payload, json's own. */
static enum fd_status op_read(const cJSON *json, struct fd_op *op, const cJSON **payload_out,
                              struct fd_error *err)
{
	fd_op_init(op);
	if (!cJSON_IsObject(json))
		return fd_fail(err, FD_E_INVALID, "invalid_field", "op",
		               _("An operation must be a JSON object."));
	for (const cJSON *f = json->child; f; f = f->next)
		if (!op_key_known(f->string))
			return fd_fail(err, FD_E_INVALID, "unknown_field", f->string,
			               _("Unknown field \"%s\" in an operation."), f->string);
	enum fd_status st;
	if ((st = json_str(json, "op_id", op->op_id, sizeof op->op_id, true, err)) ||
	    (st = json_str(json, "type", op->type, sizeof op->type, true, err)) ||
	    (st = json_str(json, "device", op->device, sizeof op->device, false, err)) ||
	    (st = json_str(json, "actor", op->actor, sizeof op->actor, false, err)) ||
	    (st = json_str(json, "sig", op->sig, sizeof op->sig, false, err)))
		return st;
	if (!is_uuid(op->op_id))
		return fd_fail(err, FD_E_INVALID, "invalid_field", "op_id",
		               _("Field \"op_id\" must be a UUID."));
	if (!fd_op_type_known(op->type))
		return fd_fail(err, FD_E_INVALID, "unknown_op", "type", _("Unknown operation type \"%s\"."),
		               op->type);
	const cJSON *seq = cJSON_GetObjectItemCaseSensitive(json, "device_seq");
	if (seq) {
		if (!cJSON_IsNumber(seq) || seq->valuedouble < 1 || seq->valuedouble > 9e15 ||
		    seq->valuedouble != (double)(int64_t)seq->valuedouble)
			return fd_fail(err, FD_E_INVALID, "invalid_field", "device_seq",
			               _("Field \"device_seq\" must be a whole number from 1."));
		op->device_seq = (int64_t)seq->valuedouble;
	}
	const cJSON *at = cJSON_GetObjectItemCaseSensitive(json, "created_at");
	if (at) {
		if (!cJSON_IsNumber(at) || at->valuedouble < 0 || at->valuedouble > 1e11)
			return fd_fail(err, FD_E_INVALID, "invalid_field", "created_at",
			               _("Field \"created_at\" must be Unix seconds."));
		op->created_at = (int64_t)at->valuedouble;
	}
	const cJSON *payload = cJSON_GetObjectItemCaseSensitive(json, "payload");
	if (!payload)
		return fd_fail(err, FD_E_INVALID, "missing_field", "payload",
		               _("Field \"payload\" is required."));
	if ((st = check_payload(op_spec_find(op->type), payload, err)))
		return st;
	*payload_out = payload;
	return FD_OK;
}

enum fd_status fd_op_from_json(const cJSON *json, struct fd_op *op, struct fd_error *err)
{
	const cJSON *payload = NULL;
	enum fd_status st = op_read(json, op, &payload, err);
	if (st)
		return st;
	op->payload = cJSON_Duplicate(payload, true);
	return op->payload ? FD_OK : fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
}

enum fd_status fd_op_from_json_take(cJSON *json, struct fd_op *op, struct fd_error *err)
{
	const cJSON *payload = NULL;
	enum fd_status st = op_read(json, op, &payload, err);
	if (st)
		return st;
	op->payload = cJSON_DetachItemViaPointer(json, (cJSON *)payload);
	/* a value on its own, as cJSON_Duplicate makes it: no member name */
	if (!(op->payload->type & cJSON_StringIsConst))
		cJSON_free(op->payload->string);
	op->payload->string = NULL;
	return FD_OK;
}

cJSON *fd_op_to_json(const struct fd_op *op)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "op_id", op->op_id);
	if (op->device[0])
		cJSON_AddStringToObject(o, "device", op->device);
	if (op->device_seq)
		cJSON_AddNumberToObject(o, "device_seq", (double)op->device_seq);
	cJSON_AddStringToObject(o, "type", op->type);
	if (op->actor[0])
		cJSON_AddStringToObject(o, "actor", op->actor);
	cJSON_AddNumberToObject(o, "created_at", (double)op->created_at);
	cJSON_AddItemToObject(o, "payload",
	                      op->payload ? cJSON_Duplicate(op->payload, true) : cJSON_CreateObject());
	if (op->sig[0])
		cJSON_AddStringToObject(o, "sig", op->sig);
	return o;
}

static enum fd_status check_actor(const struct fd_repo *repo, const struct fd_op *op, struct fd_error *err)
{
	struct fd_staff s;
	enum fd_status st = repo->get_staff(repo->ctx, op->actor, &s, err);
	if (st && st != FD_E_NOT_FOUND)
		return st;
	/* A chain role (several hotels in one database) also acts in a hotel
	 * where the person has no staff record; a record disabled here still
	 * stops them here. */
	bool here = st == FD_OK;
	int chain = FD_CHAIN_NONE;
	if (repo->get_chain_role && (st = repo->get_chain_role(repo->ctx, op->actor, &chain, err)))
		return st;
	if ((here && !s.active) || (!here && chain == FD_CHAIN_NONE))
		return fd_fail(err, FD_E_FORBIDDEN, "forbidden", "actor",
		               _("Staff member \"%s\" is unknown or disabled and may not make changes."),
		               op->actor);
	if (!here || !fd_perm_allows(s.role, op->type)) {
		if (fd_perm_person_allows(here, here ? s.role : FD_ROLE_GUEST, (enum fd_chain_role)chain,
		                          op->type))
			return FD_OK; /* by the chain role: no desk department applies */
		if (!here)
			return fd_fail(err, FD_E_FORBIDDEN, "forbidden", "actor",
			               _("Chain role %s may not perform %s in a hotel where %s has no role."),
			               fd_chain_role_name((enum fd_chain_role)chain), op->type, op->actor);
	}
	if (!fd_perm_allows(s.role, op->type)) {
		int min = fd_perm_min_role(op->type);
		return fd_fail(err, FD_E_FORBIDDEN, "forbidden", "actor",
		               _("Role %s may not perform %s; it needs %s or above."), fd_role_name(s.role),
		               op->type, min >= 0 ? fd_role_name((enum fd_role)min) : "?");
	}
	/* Money and bookings belong to the desk's departments; the property
	 * may widen them (setting desk_departments). */
	char list[128] = "";
	unsigned extra = 0;
	if (fd_perm_is_desk(op->type) && repo->get_setting &&
	    repo->get_setting(repo->ctx, "desk_departments", list, sizeof list, NULL) == FD_OK)
		fd_perm_desk_depts_parse(list, &extra);
	if (!fd_perm_dept_allows(s.role, s.dept, extra, op->type))
		return fd_fail(err, FD_E_FORBIDDEN, "wrong_department", "actor",
		               _("%s works in %s and may not perform %s: money and bookings are for the "
		                 "front office, management and the night audit (a manager can add "
		                 "departments with 'settings --desk-departments')."),
		               op->actor, fd_dept_name(s.dept), op->type);
	return FD_OK;
}

enum fd_status fd_op_apply(const struct fd_repo *repo, const struct fd_op *op, unsigned flags,
                           struct fd_op_result *res, struct fd_error *err)
{
	struct fd_op_result scratch;
	if (!res)
		res = &scratch;
	memset(res, 0, sizeof *res);
	const struct op_spec *spec = op_spec_find(op->type);
	if (!spec)
		return fd_fail(err, FD_E_INVALID, "unknown_op", "type", _("Unknown operation type \"%s\"."),
		               op->type);
	enum fd_status st = check_payload(spec, op->payload, err);
	if (st)
		return st;
	if (!(flags & FD_APPLY_TRUSTED) && (st = check_actor(repo, op, err)))
		return st;
	struct op_ctx c = {.repo = repo, .op = op, .p = op->payload, .res = res, .err = err, .flags = flags};
	st = repo->get_property(repo->ctx, &c.prop, err);
	if (st == FD_E_NOT_FOUND && strcmp(op->type, "property.update") != 0)
		return fd_fail(err, FD_E_NOT_FOUND, "no_property", NULL,
		               _("This hotel has not been set up yet; run 'init' first."));
	if (st && st != FD_E_NOT_FOUND)
		return st;
	if (st == FD_E_NOT_FOUND)
		memset(&c.prop, 0, sizeof c.prop);
	return spec->handler(&c);
}

/* --- payload readers shared by the handlers --- */

bool op_has(struct op_ctx *c, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(c->p, name) != NULL;
}

enum fd_status op_str(struct op_ctx *c, const char *name, char *out, size_t size, bool required)
{
	return json_str(c->p, name, out, size, required, c->err);
}

/* A new record's "id": present and not blank. An empty id would name no
 * record and every record at once (a group block's pick-ups are the
 * bookings whose block_id matches it: with "" every booking outside a
 * block). */
enum fd_status op_new_id(struct op_ctx *c, char *out, size_t size)
{
	enum fd_status st = op_str(c, "id", out, size, true);
	if (!st && !out[strspn(out, " \t")])
		st = fd_fail(c->err, FD_E_INVALID, "invalid_field", "id",
		             _("Field \"id\" is empty; a new record needs an id (a UUID)."));
	return st;
}

enum fd_status op_int(struct op_ctx *c, const char *name, int64_t min, int64_t max, int64_t *out,
                      bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->p, name);
	if (!v)
		return required ? fd_fail(c->err, FD_E_INVALID, "missing_field", name,
		                          _("Field \"%s\" is required."), name)
		                : FD_OK;
	double d = cJSON_IsNumber(v) ? v->valuedouble : -1e300;
	if (d < (double)min || d > (double)max || d != (double)(int64_t)d)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", name,
		               _("Field \"%s\" must be a whole number from %lld to %lld."), name,
		               (long long)min, (long long)max);
	*out = (int64_t)d;
	return FD_OK;
}

enum fd_status op_date(struct op_ctx *c, const char *name, fd_date *out, bool required)
{
	char buf[32] = "";
	enum fd_status st = op_str(c, name, buf, sizeof buf, required);
	if (st || !buf[0])
		return st;
	if (!fd_date_parse(buf, out))
		return fd_fail(c->err, FD_E_INVALID, "invalid_date", name,
		               _("Field \"%s\": \"%s\" is not a valid date; use YYYY-MM-DD."), name, buf);
	return FD_OK;
}

bool op_bool(struct op_ctx *c, const char *name, bool dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->p, name);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : dflt;
}

void op_result_entity(struct op_ctx *c, const char *entity, const char *id)
{
	snprintf(c->res->entity, sizeof c->res->entity, "%s", entity);
	snprintf(c->res->id, sizeof c->res->id, "%s", id);
}
