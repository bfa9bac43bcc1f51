// SPDX-License-Identifier: GPL-3.0-or-later
/* Writing the server's entity states into the local cache. The feed sends
 * each entity as a JSON object of its database columns (dates as day
 * numbers, money in minor units). Entities go through the repo's put_*
 * so derived data (guest search keys, a booking's nights) is made by the
 * same code as everywhere else. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/bulk.h"
#include "core/json.h"
#include "store/cache.h"
#include "store/group.h"
#include "store/mail.h"
#include "store/oplog.h"
#include "store/outbox_keep.h"
#include "store/rates.h"
#include "store/snapstage.h"
#include "sync/sync_internal.h"

/* v's text (or "") into out, cut to size, as snprintf "%s" would without
 * its cost (a snapshot copies a dozen strings a row). */
static void copy_str(const cJSON *v, char *out, size_t size)
{
	const char *text = cJSON_IsString(v) ? v->valuestring : "";
	size_t n = strnlen(text, size - 1);
	memcpy(out, text, n);
	out[n] = '\0';
}

static void jstr(const cJSON *o, const char *name, char *out, size_t size)
{
	copy_str(cJSON_GetObjectItemCaseSensitive(o, name), out, size);
}

/* A string member, borrowed ("" when absent). */
static const char *jtext(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static int64_t jint_of(const cJSON *v)
{
	int64_t n;
	if (fd_json_int(v, &n))
		return n;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	if (cJSON_IsString(v)) {
		fd_date d;
		if (fd_date_parse(v->valuestring, &d))
			return d;
		return strtoll(v->valuestring, NULL, 10);
	}
	return 0;
}

static int64_t jint(const cJSON *o, const char *name)
{
	return jint_of(cJSON_GetObjectItemCaseSensitive(o, name));
}

/* A row's members read in about the order the server writes them (its
 * columns'): each look-up goes on from the member found last, so a row's
 * two dozen look-ups compare a name or two each rather than walking the
 * object from its start every time (the guests, bookings and rooms of a
 * snapshot: 100,000s of rows). A row is a tree (the feed) or the spans of
 * its members in a staged snapshot page's text (read without a tree); the
 * same entity reader takes either, as cJSON would read the tree of that
 * text. */
struct jrow {
	const cJSON *o;
	const cJSON *at;                /* the member found last */
	const struct fd_json_member *m; /* the members of a row's text (o NULL) */
	size_t n;
	size_t next; /* after the member found last */
	char point;  /* the locale's decimal point (text) */
	bool bad;    /* a value cJSON would have refused to parse */
};

static const cJSON *jrow_get(struct jrow *r, const char *name)
{
	const cJSON *from = r->at ? r->at->next : NULL;
	for (const cJSON *v = from; v; v = v->next)
		if (v->string && strcmp(v->string, name) == 0)
			return r->at = v;
	/* From the start, as cJSON_GetObjectItemCaseSensitive looks. */
	for (const cJSON *v = r->o ? r->o->child : NULL; v && v != from; v = v->next)
		if (v->string && strcmp(v->string, name) == 0)
			return r->at = v;
	return NULL;
}

/* The same look-up among a row's text members (their keys have no
 * escapes: such a row is read as a tree). */
static const struct fd_json_member *jrow_span(struct jrow *r, const char *name)
{
	size_t len = strlen(name);
	for (size_t pass = 0, i = r->next; pass < 2; pass++, i = 0)
		for (size_t stop = pass ? r->next : r->n; i < stop && i < r->n; i++)
			if (r->m[i].key_len == len && memcmp(r->m[i].key, name, len) == 0) {
				r->next = i + 1;
				return &r->m[i];
			}
	return NULL;
}

/* A member's number as cJSON reads it (strtod of its text, with the
 * locale's decimal point), then as jint_of takes it. */
static int64_t span_int(struct jrow *r, const struct fd_json_member *v)
{
	char buf[64];
	if (!v)
		return 0;
	switch (v->value[0]) {
	case 't':
		return 1;
	case 'f':
	case 'n':
	case '{':
	case '[':
		return 0;
	case '"': {
		char text[256];
		fd_date d;
		/* A longer text would be cut: not something a server sends. */
		if (!fd_json_string_text(v->value, v->value_len, text, sizeof text) ||
		    v->value_len >= sizeof text) {
			r->bad = true;
			return 0;
		}
		return fd_date_parse(text, &d) ? d : strtoll(text, NULL, 10);
	}
	}
	if (v->value_len >= sizeof buf) {
		r->bad = true;
		return 0;
	}
	for (size_t i = 0; i < v->value_len; i++)
		buf[i] = v->value[i] == '.' ? r->point : v->value[i];
	buf[v->value_len] = '\0';
	double d = strtod(buf, NULL);
	return d >= -9e15 && d <= 9e15 ? (int64_t)d : 0;
}

static void row_str(struct jrow *r, const char *name, char *out, size_t size)
{
	if (r->o || !r->m) {
		copy_str(jrow_get(r, name), out, size);
		return;
	}
	const struct fd_json_member *v = jrow_span(r, name);
	out[0] = '\0';
	if (v && !fd_json_string_text(v->value, v->value_len, out, size))
		r->bad = true;
}

static int64_t row_int(struct jrow *r, const char *name)
{
	if (r->o || !r->m)
		return jint_of(jrow_get(r, name));
	return span_int(r, jrow_span(r, name));
}

static enum fd_status bad_state(const char *entity, const char *id, struct fd_error *err)
{
	return fd_fail(err, FD_E_INVALID, "bad_feed", entity,
	               _("The server sent an unreadable %s (%s); sync stopped before applying it."), entity,
	               id);
}

static enum fd_status put_property(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_property p = {0};
	jstr(o, "id", p.id, sizeof p.id);
	jstr(o, "name", p.name, sizeof p.name);
	jstr(o, "currency", p.currency, sizeof p.currency);
	jstr(o, "timezone", p.timezone, sizeof p.timezone);
	p.business_date = (fd_date)jint(o, "business_date");
	p.version = jint(o, "version");
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_property(r->ctx, &p, err);
}

static enum fd_status put_room_type(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_room_type t = {0};
	jstr(o, "id", t.id, sizeof t.id);
	jstr(o, "code", t.code, sizeof t.code);
	jstr(o, "name", t.name, sizeof t.name);
	t.max_occupancy = (int)jint(o, "max_occupancy");
	t.base_rate = jint(o, "base_rate");
	t.rank = (int)jint(o, "rank");
	t.version = jint(o, "version");
	if (!t.code[0])
		return bad_state("room_type", "?", err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_room_type(r->ctx, &t, err);
}

static enum fd_status put_room_row(struct fd_db *db, struct jrow *in, struct fd_error *err)
{
	struct fd_room m = {0};
	char clean[16], maint[8];
	row_str(in, "id", m.id, sizeof m.id);
	row_str(in, "number", m.number, sizeof m.number);
	row_str(in, "type_code", m.type_code, sizeof m.type_code);
	m.floor = (int)row_int(in, "floor");
	row_str(in, "section", m.section, sizeof m.section);
	row_str(in, "clean", clean, sizeof clean);
	row_str(in, "maint", maint, sizeof maint);
	row_str(in, "maint_reason", m.maint_reason, sizeof m.maint_reason);
	m.maint_from = (fd_date)row_int(in, "maint_from");
	m.maint_to = (fd_date)row_int(in, "maint_to");
	m.dnd = row_int(in, "dnd");
	m.mur = row_int(in, "mur");
	m.hk_occupied = row_int(in, "hk_occupied");
	m.version = row_int(in, "version");
	if (!m.number[0] || !fd_clean_parse(clean, &m.clean) || !fd_maint_parse(maint, &m.maint))
		return bad_state("room", m.number, err);
	const struct fd_repo *r = fd_db_repo(db);
	enum fd_status st = r->put_room(r->ctx, &m, err);
	/* A room's nights count against its type: keep them right when a room
	 * arrives after the bookings that hold it (see put_booking). */
	return st ? st : fd_stay_nights_retype(db, m.number, m.type_code, err);
}

static enum fd_status put_guest_row(struct fd_db *db, struct jrow *in, struct fd_error *err)
{
	struct fd_guest g = {0};
	row_str(in, "id", g.id, sizeof g.id);
	row_str(in, "family", g.family, sizeof g.family);
	row_str(in, "given", g.given, sizeof g.given);
	row_str(in, "email", g.email, sizeof g.email);
	row_str(in, "phone", g.phone, sizeof g.phone);
	row_str(in, "country", g.country, sizeof g.country);
	row_str(in, "document", g.document, sizeof g.document);
	row_str(in, "notes", g.notes, sizeof g.notes);
	row_str(in, "language", g.language, sizeof g.language); /* core step 21 */
	g.vip = row_int(in, "vip");
	g.erased = row_int(in, "erased");
	g.version = row_int(in, "version");
	row_str(in, "doc_type", g.doc_type, sizeof g.doc_type);
	row_str(in, "doc_country", g.doc_country, sizeof g.doc_country);
	g.doc_expiry = (fd_date)row_int(in, "doc_expiry");
	row_str(in, "nationality", g.nationality, sizeof g.nationality);
	g.birth_date = (fd_date)row_int(in, "birth_date");
	row_str(in, "address", g.address, sizeof g.address);
	row_str(in, "preferences", g.preferences, sizeof g.preferences);
	row_str(in, "merged_into", g.merged_into, sizeof g.merged_into);
	if (!g.id[0])
		return bad_state("guest", "?", err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_guest(r->ctx, &g, err);
}

static enum fd_status put_booking_row(struct fd_db *db, struct jrow *in, struct fd_error *err)
{
	struct fd_booking b = {0};
	char status[16];
	row_str(in, "id", b.id, sizeof b.id);
	row_str(in, "code", b.code, sizeof b.code);
	row_str(in, "guest_id", b.guest_id, sizeof b.guest_id);
	row_str(in, "type_code", b.type_code, sizeof b.type_code);
	row_str(in, "room", b.room, sizeof b.room);
	b.arrival = (fd_date)row_int(in, "arrival");
	b.departure = (fd_date)row_int(in, "departure");
	b.adults = (int)row_int(in, "adults");
	b.children = (int)row_int(in, "children");
	b.rate = row_int(in, "rate");
	row_str(in, "status", status, sizeof status);
	row_str(in, "source", b.source, sizeof b.source);
	row_str(in, "notes", b.notes, sizeof b.notes);
	row_str(in, "eta", b.eta, sizeof b.eta);
	b.late_checkin = row_int(in, "late_checkin");
	b.version = row_int(in, "version");
	row_str(in, "block_id", b.block_id, sizeof b.block_id);
	row_str(in, "company_id", b.company_id, sizeof b.company_id);
	/* A day-use stay leaves on its arrival day; a stay longer than core
	 * allows is no booking the server made (and would write a row per
	 * night). */
	if (!b.id[0] || !fd_booking_status_parse(status, &b.status) || b.departure < b.arrival ||
	    fd_stay_nights(b.arrival, b.departure) > FD_MAX_STAY_NIGHTS)
		return bad_state("booking", b.id, err);
	enum fd_status st;
	/* The server says this booking holds room on these nights; any other
	 * local holder is stale (its own change comes later in the feed).
	 * While a snapshot is installed with the guard aside, fd_bulk_end
	 * gives each night to the booking written later (store/bulk.h). */
	if (b.room[0] && (fd_booking_active(&b) || b.status == FD_BOOKING_CHECKED_OUT) &&
	    !fd_bulk_guard_aside(db) && (st = fd_stay_nights_release(db, &b, err)))
		return st;
	const struct fd_repo *r = fd_db_repo(db);
	struct fd_error perr = {0};
	st = r->put_booking(r->ctx, &b, &perr);
	/* The room is not here yet (it comes in a later page): hold the nights
	 * against the booked type; fd_stay_nights_retype corrects them then. */
	if (st == FD_E_NOT_FOUND && strcmp(perr.code, "room_not_found") == 0)
		return fd_stay_nights_hold(db, &b, err);
	if (st && err)
		*err = perr;
	return st;
}

/* The feed's trees through the same readers. */
static enum fd_status put_room(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct jrow in = {.o = o};
	return put_room_row(db, &in, err);
}

static enum fd_status put_guest(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct jrow in = {.o = o};
	return put_guest_row(db, &in, err);
}

static enum fd_status put_booking(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct jrow in = {.o = o};
	return put_booking_row(db, &in, err);
}

static enum fd_status put_staff(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_staff m = {0};
	char role[16], dept[24];
	jstr(o, "id", m.id, sizeof m.id);
	jstr(o, "username", m.username, sizeof m.username);
	jstr(o, "display_name", m.display_name, sizeof m.display_name);
	jstr(o, "role", role, sizeof role);
	jstr(o, "dept", dept, sizeof dept);
	jstr(o, "section", m.section, sizeof m.section);
	m.active = jint(o, "active");
	m.on_shift = jint(o, "on_shift");
	m.version = jint(o, "version");
	if (!m.username[0] || !fd_role_parse(role, &m.role) || !fd_dept_parse(dept, &m.dept))
		return bad_state("staff", m.username, err);
	const struct fd_repo *r = fd_db_repo(db);
	enum fd_status st = r->put_staff(r->ctx, &m, err);
	if (st || m.active)
		return st;
	/* A disabled user may no longer sign in here offline. */
	return fd_verifier_delete(db, m.username, err);
}

static enum fd_status put_task(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_hk_task t = {0};
	char kind[16], status[16];
	jstr(o, "id", t.id, sizeof t.id);
	jstr(o, "room", t.room, sizeof t.room);
	t.date = (fd_date)jint(o, "date");
	jstr(o, "kind", kind, sizeof kind);
	jstr(o, "attendant", t.attendant, sizeof t.attendant);
	jstr(o, "status", status, sizeof status);
	t.version = jint(o, "version");
	jstr(o, "done_by", t.done_by, sizeof t.done_by);
	t.done_at = jint(o, "done_at");
	if (!t.id[0] || !fd_task_kind_parse(kind, &t.kind) || !fd_task_status_parse(status, &t.status))
		return bad_state("task", t.id, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_task(r->ctx, &t, err);
}

static enum fd_status put_conflict(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "details");
	const char *text = cJSON_GetStringValue(d);
	char *details = text || !d ? NULL : cJSON_PrintUnformatted(d);
	struct fd_conflict_state c = {
	    .id = jtext(o, "id"),
	    .op_id = jtext(o, "op_id"),
	    .device = jtext(o, "device"),
	    .actor = jtext(o, "actor"),
	    .type = jtext(o, "type"),
	    .code = jtext(o, "code"),
	    .message = jtext(o, "message"),
	    .details = text      ? text
	               : details ? details
	                         : "{}",
	    .resolved = jint(o, "resolved"),
	    .resolved_by = jtext(o, "resolved_by"),
	    .version = jint(o, "version"),
	    .created_at = jint(o, "created_at"),
	    .updated_at = jint(o, "updated_at"),
	};
	enum fd_status st = fd_conflict_put(db, &c, err);
	free(details);
	return st;
}

/* --- the folio area: written through the repo like the rest --- */

static enum fd_status put_charge_code_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_charge_code cc = {0};
	jstr(o, "code", cc.code, sizeof cc.code);
	jstr(o, "name", cc.name, sizeof cc.name);
	cc.vat_bp = (int)jint(o, "vat_bp");
	cc.is_room = jint(o, "is_room");
	cc.version = jint(o, "version");
	if (!cc.code[0])
		return bad_state("charge_code", "?", err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_charge_code(r->ctx, &cc, err);
}

static enum fd_status put_setting_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	char key[64], value[256];
	jstr(o, "key", key, sizeof key);
	jstr(o, "value", value, sizeof value);
	if (!key[0])
		return bad_state("setting", "?", err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_setting(r->ctx, key, value, err);
}

static enum fd_status put_folio_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_folio f = {0};
	char kind[16];
	jstr(o, "id", f.id, sizeof f.id);
	jstr(o, "booking_id", f.booking_id, sizeof f.booking_id);
	jstr(o, "kind", kind, sizeof kind);
	jstr(o, "name", f.name, sizeof f.name);
	jstr(o, "company", f.company, sizeof f.company);
	f.route_room = jint(o, "route_room");
	f.version = jint(o, "version");
	if (!f.id[0] || !fd_folio_kind_parse(kind, &f.kind))
		return bad_state("folio", f.id, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_folio(r->ctx, &f, err);
}

/* An invoice as the server issued it: its number replaces the desk's
 * provisional copy (the schema refuses any other change once numbered). */
static enum fd_status put_invoice_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_invoice inv = {0};
	char kind[16];
	jstr(o, "id", inv.id, sizeof inv.id);
	jstr(o, "series", inv.series, sizeof inv.series);
	inv.number = jint(o, "number");
	jstr(o, "kind", kind, sizeof kind);
	jstr(o, "folio_id", inv.folio_id, sizeof inv.folio_id);
	jstr(o, "booking_id", inv.booking_id, sizeof inv.booking_id);
	jstr(o, "refers_to", inv.refers_to, sizeof inv.refers_to);
	jstr(o, "reason", inv.reason, sizeof inv.reason);
	inv.total = jint(o, "total");
	inv.tax = jint(o, "tax");
	jstr(o, "issued_by", inv.issued_by, sizeof inv.issued_by);
	inv.issued_at = jint(o, "issued_at");
	inv.version = jint(o, "version");
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(o, "content");
	if (!inv.id[0] || !fd_invoice_kind_parse(kind, &inv.kind) || !cJSON_IsString(content))
		return bad_state("invoice", inv.id, err);
	inv.content = content->valuestring; /* borrowed: not cleared */
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_invoice(r->ctx, &inv, err);
}

/* A line is inserted once; later states only move it (put_line). */
static enum fd_status put_line_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_folio_line l = {0};
	char kind[16];
	jstr(o, "id", l.id, sizeof l.id);
	jstr(o, "folio_id", l.folio_id, sizeof l.folio_id);
	jstr(o, "kind", kind, sizeof kind);
	jstr(o, "code", l.code, sizeof l.code);
	jstr(o, "description", l.description, sizeof l.description);
	l.amount = jint(o, "amount");
	l.tax = jint(o, "tax");
	l.date = (fd_date)jint(o, "date");
	jstr(o, "method", l.method, sizeof l.method);
	jstr(o, "ref", l.ref, sizeof l.ref);
	jstr(o, "last4", l.last4, sizeof l.last4);
	jstr(o, "voids", l.voids, sizeof l.voids);
	jstr(o, "reason", l.reason, sizeof l.reason);
	jstr(o, "reverses", l.reverses, sizeof l.reverses); /* money rules (migration 10) */
	l.quantity = (int)jint(o, "quantity");              /* core step 20; 0 when absent: one unit */
	l.unit_price = jint(o, "unit_price");
	jstr(o, "actor", l.actor, sizeof l.actor);
	l.created_at = jint(o, "created_at");
	l.version = jint(o, "version");
	if (!l.id[0] || !l.folio_id[0] || !fd_line_kind_parse(kind, &l.kind))
		return bad_state("folio_line", l.id, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_line(r->ctx, &l, err);
}

/* A closed day never changes: the first state seen is kept. */
static enum fd_status put_day_report_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_day_report d = {0};
	d.date = (fd_date)jint(o, "date");
	int64_t *f[] = {&d.rooms_total, &d.rooms_ooo,  &d.rooms_sold,    &d.room_revenue,
	                &d.arrivals,    &d.departures, &d.cancellations, &d.no_shows};
	const char *names[] = {"rooms_total", "rooms_ooo",  "rooms_sold",    "room_revenue",
	                       "arrivals",    "departures", "cancellations", "no_shows"};
	for (int i = 0; i < 8; i++)
		*f[i] = jint(o, names[i]);
	jstr(o, "closed_by", d.closed_by, sizeof d.closed_by);
	d.closed_at = jint(o, "closed_at");
	if (!d.date)
		return bad_state("day_report", "?", err);
	const struct fd_repo *r = fd_db_repo(db);
	struct fd_day_report have;
	enum fd_status st = r->get_day_report(r->ctx, d.date, &have, err);
	if (st != FD_E_NOT_FOUND)
		return st;
	return r->put_day_report(r->ctx, &d, err);
}

static enum fd_status put_block_row(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_room_block b = {0};
	jstr(o, "room", b.room, sizeof b.room);
	jstr(o, "uid", b.uid, sizeof b.uid);
	b.start = (fd_date)jint(o, "start");
	b.end = (fd_date)jint(o, "end");
	jstr(o, "summary", b.summary, sizeof b.summary);
	jstr(o, "source", b.source, sizeof b.source);
	b.version = jint(o, "version");
	if (!b.room[0] || !b.uid[0] || b.end <= b.start)
		return bad_state("room_block", b.room, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_block(r->ctx, &b, err);
}

/* The feed sends a room's blocks as a set ({key, rows}); a snapshot sends
 * them one row at a time. */
static enum fd_status put_blocks_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(o, "rows");
	if (!cJSON_IsArray(rows))
		return put_block_row(db, o, err);
	char room[FD_ROOMNO_LEN];
	jstr(o, "key", room, sizeof room);
	enum fd_status st = fd_room_blocks_clear(db, room, err);
	const cJSON *row;
	cJSON_ArrayForEach(row, rows)
	{
		if (st)
			break;
		st = put_block_row(db, row, err);
	}
	return st;
}

/* Company accounts (the money rules, migration 11). */
static enum fd_status put_company_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_company co = {0};
	char kind[16];
	jstr(o, "id", co.id, sizeof co.id);
	jstr(o, "name", co.name, sizeof co.name);
	jstr(o, "kind", kind, sizeof kind);
	co.agent = strcmp(kind, "agent") == 0;
	jstr(o, "address", co.address, sizeof co.address);
	jstr(o, "vat", co.vat, sizeof co.vat);
	jstr(o, "contact", co.contact, sizeof co.contact);
	co.credit_limit = jint(o, "credit_limit");
	co.direct_bill = jint(o, "direct_bill");
	co.version = jint(o, "version");
	if (!co.id[0] || !co.name[0])
		return bad_state("company", co.id, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_company(r->ctx, &co, err);
}

/* A mail's delivery as the server's sender recorded it (core step 21). */
static enum fd_status put_mail_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_mail m = {0};
	char state[16];
	jstr(o, "id", m.id, sizeof m.id);
	jstr(o, "booking_id", m.booking_id, sizeof m.booking_id);
	jstr(o, "kind", m.kind, sizeof m.kind);
	jstr(o, "recipient", m.recipient, sizeof m.recipient);
	jstr(o, "state", state, sizeof state);
	m.attempts = (int)jint(o, "attempts");
	m.next_at = jint(o, "next_at");
	jstr(o, "error", m.error, sizeof m.error);
	jstr(o, "message_id", m.message_id, sizeof m.message_id);
	m.sent_at = jint(o, "sent_at");
	jstr(o, "requested_by", m.requested_by, sizeof m.requested_by);
	m.created_at = jint(o, "created_at");
	m.version = jint(o, "version");
	if (!m.id[0] || !fd_mail_kind_valid(m.kind) || !fd_mail_state_parse(state, &m.state))
		return bad_state("mail", m.id, err);
	return fd_mail_put(db, &m, err);
}

/* Rate plans, their nights and bookings' prices per night (core step 25). */
static enum fd_status put_rate_plan_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_rate_plan p = {0};
	char kind[16];
	jstr(o, "id", p.id, sizeof p.id);
	jstr(o, "code", p.code, sizeof p.code);
	jstr(o, "name", p.name, sizeof p.name);
	jstr(o, "kind", kind, sizeof kind);
	jstr(o, "company", p.company, sizeof p.company);
	jstr(o, "room_types", p.room_types, sizeof p.room_types);
	jstr(o, "parent", p.parent, sizeof p.parent);
	p.adjust_bp = (int)jint(o, "adjust_bp");
	p.adjust_minor = jint(o, "adjust_minor");
	jstr(o, "cancel_policy", p.cancel_policy, sizeof p.cancel_policy);
	jstr(o, "deposit_policy", p.deposit_policy, sizeof p.deposit_policy);
	p.active = jint(o, "active");
	p.version = jint(o, "version");
	if (!p.code[0] || !fd_plan_kind_parse(kind, &p.kind) ||
	    !fd_inclusions_parse(jtext(o, "inclusions"), &p))
		return bad_state("rate_plan", p.code, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_rate_plan(r->ctx, &p, err);
}

static int64_t jprice(const cJSON *o, const char *name)
{
	int64_t n;
	return fd_json_int(cJSON_GetObjectItemCaseSensitive(o, name), &n) ? n : FD_RATE_UNSET;
}

static enum fd_status put_rate_day_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_rate_day d;
	char plan[FD_PLAN_CODE_LEN], type[FD_TYPECODE_LEN];
	jstr(o, "plan", plan, sizeof plan);
	jstr(o, "type_code", type, sizeof type);
	fd_rate_day_init(&d, plan, type, (fd_date)jint(o, "night"));
	d.price = jprice(o, "price");
	d.price_n[0] = jprice(o, "price1");
	d.price_n[1] = jprice(o, "price2");
	d.price_n[2] = jprice(o, "price3");
	d.child = jprice(o, "child");
	d.extra_bed = jprice(o, "extra_bed");
	d.min_stay = (int)jint(o, "min_stay");
	d.max_stay = (int)jint(o, "max_stay");
	d.min_through = (int)jint(o, "min_through");
	d.cta = jint(o, "cta");
	d.ctd = jint(o, "ctd");
	d.stop_sell = jint(o, "stop_sell");
	d.version = jint(o, "version");
	if (!plan[0] || !type[0] || !d.night)
		return bad_state("rate_day", jtext(o, "id"), err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_rate_day(r->ctx, &d, err);
}

static enum fd_status put_booking_rate_row(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_booking_night b = {0};
	char id[FD_ID_LEN];
	jstr(o, "booking_id", id, sizeof id);
	b.night = (fd_date)jint(o, "night");
	jstr(o, "plan", b.plan, sizeof b.plan);
	b.amount = jint(o, "amount");
	b.included = jint(o, "included");
	jstr(o, "items", b.items, sizeof b.items);
	if (!id[0] || !b.night)
		return bad_state("booking_rate", id, err);
	return fd_booking_rate_put(db, id, &b, err);
}

/* The feed sends a booking's prices as a set ({key, rows}); a snapshot
 * sends them one row at a time. */
static enum fd_status put_booking_rates_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(o, "rows");
	if (!cJSON_IsArray(rows))
		return put_booking_rate_row(db, o, err);
	enum fd_status st = fd_booking_rates_clear(db, jtext(o, "key"), err);
	const cJSON *row;
	cJSON_ArrayForEach(row, rows)
	{
		if (st)
			break;
		st = put_booking_rate_row(db, row, err);
	}
	return st;
}

/* Group blocks (core step 28): the block's row, and its rooms as a set
 * ({key, rows}) in the feed or one row at a time in a snapshot. */
static enum fd_status put_group_block_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	struct fd_group_block b = {0};
	jstr(o, "id", b.id, sizeof b.id);
	jstr(o, "name", b.name, sizeof b.name);
	jstr(o, "company", b.company, sizeof b.company);
	jstr(o, "plan", b.plan, sizeof b.plan);
	jstr(o, "master", b.master, sizeof b.master);
	b.cutoff = (fd_date)jint(o, "cutoff");
	b.released = (fd_date)jint(o, "released");
	b.version = jint(o, "version");
	if (!b.id[0] || !b.name[0])
		return bad_state("group_block", b.id, err);
	const struct fd_repo *r = fd_db_repo(db);
	return r->put_group_block(r->ctx, &b, err);
}

static enum fd_status put_block_room_row(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	char block[FD_ID_LEN], type[FD_TYPECODE_LEN];
	jstr(o, "block_id", block, sizeof block);
	jstr(o, "type_code", type, sizeof type);
	if (!block[0] || !type[0])
		return bad_state("block_rooms", block, err);
	return fd_block_room_put(db, block, type, (fd_date)jint(o, "night"), (int)jint(o, "rooms"), err);
}

static enum fd_status put_block_rooms_state(struct fd_db *db, const cJSON *o, struct fd_error *err)
{
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(o, "rows");
	if (!cJSON_IsArray(rows))
		return put_block_room_row(db, o, err);
	char block[FD_ID_LEN];
	jstr(o, "key", block, sizeof block);
	enum fd_status st = fd_block_rooms_clear(db, block, err);
	const cJSON *row;
	cJSON_ArrayForEach(row, rows)
	{
		if (st)
			break;
		st = put_block_room_row(db, row, err);
	}
	return st;
}

/* put_row: the entities a snapshot brings by the 100,000, read from the
 * page's text without a tree (the others are parsed a row at a time). */
static const struct {
	const char *entity;
	enum fd_status (*put)(struct fd_db *db, const cJSON *state, struct fd_error *err);
	enum fd_status (*put_row)(struct fd_db *db, struct jrow *row, struct fd_error *err);
} handlers[] = {
    {"property", put_property, NULL},
    {"room_type", put_room_type, NULL},
    {"room", put_room, put_room_row},
    {"guest", put_guest, put_guest_row},
    {"booking", put_booking, put_booking_row},
    {"staff", put_staff, NULL},
    {"task", put_task, NULL},
    {"conflict", put_conflict, NULL},
    /* Folios, lines, closed days and charge codes are never deleted
     * (fd_cache_delete knows which entities can be). */
    {"charge_code", put_charge_code_state, NULL},
    {"setting", put_setting_state, NULL},
    {"folio", put_folio_state, NULL},
    {"folio_line", put_line_state, NULL},
    {"invoice", put_invoice_state, NULL},
    {"day_report", put_day_report_state, NULL},
    {"room_block", put_blocks_state, NULL},
    {"company", put_company_state, NULL},
    {"mail", put_mail_state, NULL},
    {"rate_plan", put_rate_plan_state, NULL},
    {"rate_day", put_rate_day_state, NULL},
    {"booking_rate", put_booking_rates_state, NULL},
    {"group_block", put_group_block_state, NULL},
    {"block_rooms", put_block_rooms_state, NULL},
};
#define N_HANDLERS (sizeof handlers / sizeof *handlers)

enum fd_status sync_apply_change(struct fd_db *db, const cJSON *change, struct fd_error *err)
{
	char entity[32], id[FD_ID_LEN + 8];
	jstr(change, "entity", entity, sizeof entity);
	jstr(change, "id", id, sizeof id);
	for (size_t k = 0; k < N_HANDLERS; k++) {
		if (strcmp(handlers[k].entity, entity) != 0)
			continue;
		const cJSON *state = cJSON_GetObjectItemCaseSensitive(change, "state");
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(change, "deleted")) ||
		    !cJSON_IsObject(state))
			return fd_cache_delete(db, entity, id, err);
		return handlers[k].put(db, state, err);
	}
	/* An entity this version does not know (a newer server): skip it rather
	 * than stop syncing; it has no table here to go into. */
	return FD_OK;
}

static enum fd_status finish(struct fd_db *db, enum fd_status st, int64_t cursor, struct fd_error *err)
{
	if (!st)
		st = sync_meta_set_int(db, "sync_cursor", cursor, err);
	if (!st)
		st = sync_overlay_redo(db, cursor, err);
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

enum fd_status sync_apply_page(struct fd_db *db, const cJSON *changes, int64_t next, struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	st = sync_overlay_undo(db, err);
	const cJSON *c;
	cJSON_ArrayForEach(c, changes)
	{
		if (st)
			break;
		st = sync_apply_change(db, c, err);
	}
	return finish(db, st, next, err);
}

enum fd_status sync_settle(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	st = sync_overlay_undo(db, err);
	/* Acknowledged operations are kept for a window (outbox_keep.h). */
	if (!st)
		st = fd_outbox_prune(db, (int64_t)time(NULL) - (int64_t)fd_outbox_keep_days(db) * 86400, err);
	return finish(db, st, sync_meta_int(db, "sync_cursor", 0), err);
}

/* Order matters only for readability; foreign keys are off while syncing. */
static const char *const snapshot_order[] = {
    "property",     "room_type",   "room",        "staff",   "guest",     "task",
    "booking",      "conflict",    "charge_code", "setting", "folio",     "folio_line",
    "day_report",   "room_block",  "company",     "mail",    "rate_plan", "rate_day",
    "booking_rate", "group_block", "block_rooms", "invoice", NULL};

/* Inside the caller's transaction: take the overlay off and empty the
 * cache, ready for a snapshot's rows. */
static enum fd_status snapshot_begin(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = sync_overlay_undo(db, err);
	if (!st)
		st = sync_replay_begin(db, err);
	/* Derived data (search index, rooms sold) is rebuilt once at the end. */
	if (!st)
		st = fd_bulk_begin(db, err);
	if (!st)
		st = fd_cache_clear(db, err);
	if (!st)
		st = sync_replay_end(db, err);
	return st;
}

static enum fd_status put_entity(struct fd_db *db, const char *entity, const cJSON *row, struct fd_error *err)
{
	for (size_t k = 0; k < N_HANDLERS; k++)
		if (strcmp(handlers[k].entity, entity) == 0)
			return handlers[k].put(db, row, err);
	return FD_OK;
}

/* The snapshot's rows are in: the epoch, the operations to submit again,
 * the cursor, the overlay on top; commits (or rolls back on st). */
static enum fd_status snapshot_end(struct fd_db *db, enum fd_status st, const char *epoch, int64_t seq,
                                   struct fd_error *err)
{
	/* A new epoch: the server was restored from a backup, which may lack
	 * operations it acknowledged. Every operation of the keep window is
	 * submitted again; the server answers those it has as duplicates. */
	if (!st)
		st = fd_bulk_end(db, err);
	else
		fd_bulk_abandon(db);
	char was[80] = "";
	fd_db_meta_get(db, "sync_epoch", was, sizeof was, NULL);
	if (!st && was[0] && strcmp(was, epoch) != 0)
		st = fd_outbox_requeue_since(
		    db, (int64_t)time(NULL) - (int64_t)fd_outbox_keep_days(db) * 86400, err);
	if (!st)
		st = fd_db_meta_set(db, "sync_epoch", epoch, err);
	/* Results recorded under the old epoch mean nothing now: every
	 * operation still overlaid is pushed again (op ids make that harmless). */
	if (!st)
		st = fd_outbox_requeue_overlaid(db, err);
	return finish(db, st, seq, err);
}

/* An install (once) again with the room-night guard in place when
 * fd_bulk_end could not tell which of two bookings holding a night was
 * written later ("bulk_redo", store/bulk.h: a booking sent twice). The
 * first attempt was rolled back whole. */
static enum fd_status with_redo(struct fd_db *db, enum fd_status (*install)(void *ctx, struct fd_error *err),
                                void *ctx, struct fd_error *err)
{
	struct fd_error e = {0};
	enum fd_status st = install(ctx, &e);
	if (st && strcmp(e.code, "bulk_redo") == 0) {
		e = (struct fd_error){0};
		fd_bulk_keep_guard(db, true);
		st = install(ctx, &e);
		fd_bulk_keep_guard(db, false);
	}
	if (st && err)
		*err = e;
	return st;
}

static enum fd_status snapshot_whole(struct fd_db *db, const cJSON *snap, struct fd_error *err)
{
	const cJSON *ents = cJSON_GetObjectItemCaseSensitive(snap, "entities");
	const cJSON *seq = cJSON_GetObjectItemCaseSensitive(snap, "seq");
	const cJSON *epoch = cJSON_GetObjectItemCaseSensitive(snap, "epoch");
	int64_t at;
	if (!cJSON_IsObject(ents) || !fd_json_int(seq, &at) || at < 0 || !cJSON_IsString(epoch))
		return fd_fail(err, FD_E_INVALID, "bad_feed", "snapshot",
		               _("The server sent an unreadable snapshot."));
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	st = snapshot_begin(db, err);
	for (int i = 0; !st && snapshot_order[i]; i++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(ents, snapshot_order[i]);
		const cJSON *row;
		cJSON_ArrayForEach(row, arr)
		{
			if (st)
				break;
			st = put_entity(db, snapshot_order[i], row, err);
		}
	}
	return snapshot_end(db, st, epoch->valuestring, at, err);
}

struct whole {
	struct fd_db *db;
	const cJSON *snap;
};

static enum fd_status install_whole(void *ctx, struct fd_error *err)
{
	struct whole *w = ctx;
	return snapshot_whole(w->db, w->snap, err);
}

enum fd_status sync_apply_snapshot(struct fd_db *db, const cJSON *snap, struct fd_error *err)
{
	struct whole w = {db, snap};
	return with_redo(db, install_whole, &w, err);
}

/* --- the paged snapshot (GET /v1/snapshot?limit=N, core migration 22) --- */

struct staged {
	struct fd_db *db;
	const char *entity;
	enum fd_status st;
	struct fd_error *err;
};

static bool put_staged(void *ctx, const char *text)
{
	struct staged *g = ctx;
	cJSON *row = cJSON_Parse(text);
	g->st = row ? put_entity(g->db, g->entity, row, g->err)
	            : fd_fail(g->err, FD_E_INVALID, "bad_feed", "snapshot",
	                      _("The server sent an unreadable snapshot."));
	cJSON_Delete(row);
	return g->st == FD_OK;
}

enum fd_status sync_snapshot_restart(struct fd_db *db, struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (!st)
		st = fd_snapstage_clear(db, err);
	if (!st)
		st = fd_db_meta_set(db, "snapshot_next", "", err);
	if (!st)
		st = sync_meta_set_int(db, "snapshot_done", 0, err);
	if (!st)
		st = fd_db_meta_set(db, "snapshot_active", "1", err);
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

/* A page's rows ({entity: [rows]}), entity by entity in snapshot_order. */
static enum fd_status put_page_rows(struct fd_db *db, const cJSON *ents, struct fd_error *err)
{
	enum fd_status st = cJSON_IsObject(ents) ? FD_OK
	                                         : fd_fail(err, FD_E_INVALID, "bad_feed", "snapshot",
	                                                   _("The server sent an unreadable snapshot."));
	for (int i = 0; !st && snapshot_order[i]; i++) {
		const cJSON *row;
		cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(ents, snapshot_order[i]))
		{
			if (st)
				break;
			st = put_entity(db, snapshot_order[i], row, err);
		}
	}
	return st;
}

/* --- a staged page's rows read from its text --- */

static enum fd_status unreadable_page(struct fd_error *err)
{
	return fd_fail(err, FD_E_INVALID, "bad_feed", "snapshot",
	               _("The server sent an unreadable snapshot."));
}

static bool key_is(const struct fd_json_member *m, const char *name)
{
	return m->key_len == strlen(name) && memcmp(m->key, name, m->key_len) == 0;
}

/* Where a page's text holds each entity's rows (by snapshot_order; NULL:
 * none), read in one walk that goes down into "entities". */
struct page_spans {
	const char *rows[N_HANDLERS + 1];
	bool seen;    /* the first "entities" (cJSON's) */
	bool unusual; /* "entities" not an object, a name escaped, rows not an array */
};

static const char *page_entity(void *ctx, const char *key, size_t key_len, const char *value, const char *end)
{
	struct page_spans *p = ctx;
	if (memchr(key, '\\', key_len) || value[0] != '[')
		p->unusual = true;
	for (int i = 0; snapshot_order[i]; i++)
		if (!p->rows[i] && key_len == strlen(snapshot_order[i]) &&
		    memcmp(key, snapshot_order[i], key_len) == 0)
			p->rows[i] = value;
	return fd_json_skip(value, end);
}

static const char *page_member(void *ctx, const char *key, size_t key_len, const char *value, const char *end)
{
	struct page_spans *p = ctx;
	if (p->seen || key_len != 8 || memcmp(key, "entities", 8) != 0)
		return fd_json_skip(value, end);
	p->seen = true;
	if (value[0] != '{') {
		p->unusual = true;
		return fd_json_skip(value, end);
	}
	return fd_json_walk(value, end, page_entity, p);
}

/* A row's members (a row of more members, or with a name written with
 * an escape, is read as a tree). */
#define ROW_MEMBERS 64
struct row_spans {
	struct fd_json_member m[ROW_MEMBERS];
	size_t n;
	bool tree;
};

static const char *row_member(void *ctx, const char *key, size_t key_len, const char *value, const char *end)
{
	struct row_spans *r = ctx;
	const char *q = fd_json_skip(value, end);
	if (r->n == ROW_MEMBERS || memchr(key, '\\', key_len) || !q) {
		r->tree = true;
		return NULL;
	}
	r->m[r->n++] = (struct fd_json_member){
	    .key = key, .key_len = key_len, .value = value, .value_len = (size_t)(q - value)};
	return q;
}

struct text_rows {
	struct fd_db *db;
	const char *entity;
	enum fd_status (*put_row)(struct fd_db *db, struct jrow *row, struct fd_error *err);
	char point; /* the locale's decimal point, as cJSON reads numbers */
	enum fd_status st;
	struct fd_error *err;
};

/* One row of an entity's array: by the text reader when the entity has
 * one and the row is a plain object, else as the tree cJSON makes of it. */
static const char *text_row(void *ctx, const char *key, size_t key_len, const char *value, const char *end)
{
	(void)key;
	(void)key_len;
	struct text_rows *t = ctx;
	struct row_spans r; /* members not cleared: 3 KB a row */
	r.n = 0;
	r.tree = false;
	const char *q = t->put_row && value[0] == '{' ? fd_json_walk(value, end, row_member, &r) : NULL;
	if (q) {
		struct jrow in = {.m = r.m, .n = r.n, .point = t->point};
		t->st = t->put_row(t->db, &in, t->err);
		if (!t->st && in.bad)
			t->st = unreadable_page(t->err);
		return t->st ? NULL : q;
	}
	q = fd_json_skip(value, end);
	cJSON *row = q ? cJSON_ParseWithLength(value, (size_t)(q - value)) : NULL;
	t->st = row ? put_entity(t->db, t->entity, row, t->err) : unreadable_page(t->err);
	cJSON_Delete(row);
	return t->st ? NULL : q;
}

/* A staged page's rows, entity by entity in snapshot_order, read from its
 * text. The text was checked when staged (fd_json_scan_object); a page
 * that is not the usual shape after all (an entity's name escaped, rows
 * not in an array) is parsed whole, as before. */
static enum fd_status put_page_text(struct fd_db *db, const char *text, struct fd_error *err)
{
	struct page_spans p = {0};
	const char *end = text + strlen(text);
	if (!fd_json_walk(text, end, page_member, &p) || !p.seen || p.unusual) {
		cJSON *page = cJSON_Parse(text);
		enum fd_status st =
		    put_page_rows(db, cJSON_GetObjectItemCaseSensitive(page, "entities"), err);
		cJSON_Delete(page);
		return st;
	}
	const char point = localeconv()->decimal_point[0];
	for (int i = 0; snapshot_order[i]; i++) {
		if (!p.rows[i])
			continue;
		struct text_rows t = {.db = db, .entity = snapshot_order[i], .point = point, .err = err};
		for (size_t k = 0; k < N_HANDLERS; k++)
			if (strcmp(handlers[k].entity, snapshot_order[i]) == 0)
				t.put_row = handlers[k].put_row;
		if (!fd_json_walk(p.rows[i], end, text_row, &t) && !t.st)
			t.st = unreadable_page(err);
		if (t.st)
			return t.st;
	}
	return FD_OK;
}

/* A staged page: its rows, entity by entity in snapshot_order. */
static bool put_staged_page(void *ctx, const char *text)
{
	struct staged *g = ctx;
	g->st = put_page_text(g->db, text, g->err);
	return g->st == FD_OK;
}

/* The staging entity of a page kept whole (not an entity name). */
#define STAGED_PAGE "*page"

/* A page's header, read from its tree or from its text without one. */
struct page_head {
	int64_t seq;
	int64_t total; /* the first page's "total"; 0 when not said */
	int64_t rows;  /* the rows of its entities */
	bool more;
	char epoch[80];
	char next[96];
};

/* The header of a page tree; FD_E_INVALID when it is not a page. */
static enum fd_status head_of_tree(const cJSON *page, struct page_head *h, struct fd_error *err)
{
	const cJSON *ents = cJSON_GetObjectItemCaseSensitive(page, "entities");
	const cJSON *seq = cJSON_GetObjectItemCaseSensitive(page, "seq");
	const cJSON *epoch = cJSON_GetObjectItemCaseSensitive(page, "epoch");
	const cJSON *more = cJSON_GetObjectItemCaseSensitive(page, "more");
	const cJSON *next = cJSON_GetObjectItemCaseSensitive(page, "next");
	*h = (struct page_head){0};
	if (!cJSON_IsObject(ents) || !fd_json_int(seq, &h->seq) || h->seq < 0 || !cJSON_IsString(epoch) ||
	    strlen(epoch->valuestring) >= sizeof h->epoch || !cJSON_IsBool(more) ||
	    (cJSON_IsTrue(more) && (!cJSON_IsString(next) || strlen(next->valuestring) > 90)))
		return unreadable_page(err);
	h->more = cJSON_IsTrue(more);
	snprintf(h->epoch, sizeof h->epoch, "%s", epoch->valuestring);
	if (h->more)
		snprintf(h->next, sizeof h->next, "%s", next->valuestring);
	if (!fd_json_int(cJSON_GetObjectItemCaseSensitive(page, "total"), &h->total) || h->total < 0)
		h->total = 0;
	const cJSON *arr;
	cJSON_ArrayForEach(arr, ents)
	{
		h->rows += cJSON_GetArraySize(arr);
	}
	return FD_OK;
}

/* Stage a page (its header h, its text) or, on the last, install every
 * staged page and then its rows (ents, the tree in hand); in one
 * transaction. */
static enum fd_status apply_page_once(struct fd_db *db, const struct page_head *h, const cJSON *ents,
                                      const char *text, bool first, bool *done, struct fd_error *err)
{
	*done = false;
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	/* How far the snapshot is, for the progress shown (sync.h): the rows
	 * staged so far of the first page's "total" (0: a server that does not
	 * say, before this release). */
	if (first) {
		st = fd_snapstage_clear(db, err);
		if (!st)
			st = sync_meta_set_int(db, "snapshot_seq", h->seq, err);
		if (!st)
			st = fd_db_meta_set(db, "snapshot_epoch", h->epoch, err);
		if (!st)
			st = sync_meta_set_int(db, "snapshot_total", h->total, err);
	}
	if (!st)
		st = sync_meta_set_int(db, "snapshot_done",
		                       (first ? 0 : sync_meta_int(db, "snapshot_done", 0)) + h->rows, err);
	/* The last page is installed from the tree in hand, after the staged
	 * ones: staging it would only parse it again. */
	if (!st && text && h->more)
		st = fd_snapstage_add(db, STAGED_PAGE, text, err);
	const cJSON *arr, *by_row = text ? NULL : ents; /* a page kept whole is not split */
	cJSON_ArrayForEach(arr, by_row)
	{
		const cJSON *row;
		cJSON_ArrayForEach(row, arr)
		{
			if (st)
				break;
			char *row_text = cJSON_PrintUnformatted(row);
			st = row_text ? fd_snapstage_add(db, arr->string, row_text, err)
			              : fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
			free(row_text);
		}
	}
	if (!st && h->more) {
		st = fd_db_meta_set(db, "snapshot_next", h->next, err);
		if (st) {
			fd_db_rollback(db);
			return st;
		}
		return fd_db_commit(db, err);
	}
	/* The last page: install every staged row at once. */
	char ep[80] = "";
	int64_t cut = sync_meta_int(db, "snapshot_seq", 0);
	fd_db_meta_get(db, "snapshot_epoch", ep, sizeof ep, NULL);
	if (!st)
		st = snapshot_begin(db, err);
	for (int i = 0; !st && snapshot_order[i]; i++) {
		struct staged g = {.db = db, .entity = snapshot_order[i], .err = err};
		st = fd_snapstage_each(db, snapshot_order[i], put_staged, &g, err);
		if (!st)
			st = g.st;
	}
	/* Pages staged whole, in the order they came. */
	if (!st) {
		struct staged g = {.db = db, .entity = STAGED_PAGE, .err = err};
		st = fd_snapstage_each(db, STAGED_PAGE, put_staged_page, &g, err);
		if (!st)
			st = g.st;
	}
	if (!st && text)
		st = put_page_rows(db, ents, err);
	if (!st)
		st = fd_snapstage_clear(db, err);
	if (!st)
		st = fd_db_meta_set(db, "snapshot_next", "", err);
	if (!st)
		st = fd_db_meta_set(db, "snapshot_active", "0", err);
	/* Done once committed: the rows are judged at the end (bulk.h). */
	st = snapshot_end(db, st, ep, cut, err);
	*done = st == FD_OK;
	return st;
}

struct page_call {
	struct fd_db *db;
	const struct page_head *h;
	const cJSON *ents;
	const char *text;
	bool first, *done;
};

static enum fd_status install_page(void *ctx, struct fd_error *err)
{
	struct page_call *c = ctx;
	return apply_page_once(c->db, c->h, c->ents, c->text, c->first, c->done, err);
}

static enum fd_status apply_page(struct fd_db *db, const struct page_head *h, const cJSON *ents,
                                 const char *text, bool first, bool *done, struct fd_error *err)
{
	struct page_call c = {db, h, ents, text, first, done};
	return with_redo(db, install_page, &c, err);
}

enum fd_status sync_apply_snapshot_page(struct fd_db *db, const cJSON *page, const char *text, bool first,
                                        bool *done, struct fd_error *err)
{
	struct page_head h;
	*done = false;
	enum fd_status st = head_of_tree(page, &h, err);
	return st ? st
	          : apply_page(db, &h, cJSON_GetObjectItemCaseSensitive(page, "entities"), text, first, done,
	                       err);
}

/* --- a page read without a tree (sync_stage_snapshot_text) --- */

struct text_head {
	struct page_head *h;
	bool escaped; /* a member's name written with an escape */
	bool has_more, has_seq, has_epoch, has_next, has_ents, ents_ok;
	cJSON *seq, *epoch, *more, *next, *total;
};

/* A member's value as a tree of its own (a few bytes: the header's). */
static cJSON *span_tree(const struct fd_json_member *m)
{
	return cJSON_ParseWithLength(m->value, m->value_len);
}

/* Each header member once, the first of a name as cJSON finds it. */
static bool head_member(void *ctx, const struct fd_json_member *m)
{
	struct text_head *t = ctx;
	if (memchr(m->key, '\\', m->key_len))
		t->escaped = true;
	else if (key_is(m, "seq") && !t->seq)
		t->seq = span_tree(m);
	else if (key_is(m, "epoch") && !t->epoch)
		t->epoch = span_tree(m);
	else if (key_is(m, "more") && !t->more)
		t->more = span_tree(m);
	else if (key_is(m, "next") && !t->next)
		t->next = span_tree(m);
	else if (key_is(m, "total") && !t->total)
		t->total = span_tree(m);
	else if (key_is(m, "entities") && !t->has_ents) {
		t->has_ents = true;
		t->ents_ok = m->value[0] == '{';
		t->h->rows = (int64_t)m->grand; /* the rows of its arrays */
	}
	return true;
}

enum fd_status sync_stage_snapshot_text(struct fd_db *db, const char *text, size_t len, bool first,
                                        bool *staged, struct fd_error *err)
{
	return sync_stage_snapshot_text_ahead(db, text, len, first, NULL, NULL, staged, err);
}

enum fd_status sync_stage_snapshot_text_ahead(struct fd_db *db, const char *text, size_t len, bool first,
                                              sync_page_ahead ahead, void *ctx, bool *staged,
                                              struct fd_error *err)
{
	*staged = false;
	struct page_head h = {0};
	struct text_head t = {.h = &h};
	if (!fd_json_scan_object(text, len, head_member, &t, NULL))
		return fd_fail(err, FD_E_IO, "bad_answer", NULL,
		               _("The server sent an unreadable snapshot."));
	enum fd_status st = FD_OK;
	/* Only a page with more to come is staged as text; the last page, a
	 * whole snapshot (protocol 1) or anything unusual is parsed. */
	if (!t.escaped && cJSON_IsTrue(t.more)) {
		cJSON *page = cJSON_CreateObject();
		cJSON *ents = cJSON_CreateObject();
		/* The header judged as head_of_tree judges a tree (the rows
		 * counted above, not in this stand-in's empty "entities"). */
		cJSON_AddItemReferenceToObject(page, "seq", t.seq);
		cJSON_AddItemReferenceToObject(page, "epoch", t.epoch);
		cJSON_AddItemReferenceToObject(page, "more", t.more);
		cJSON_AddItemReferenceToObject(page, "next", t.next);
		cJSON_AddItemReferenceToObject(page, "total", t.total);
		if (t.ents_ok)
			cJSON_AddItemToObject(page, "entities", ents);
		else
			cJSON_Delete(ents);
		int64_t rows = h.rows;
		st = head_of_tree(page, &h, err);
		h.rows = rows;
		cJSON_Delete(page);
		bool done;
		if (!st && ahead)
			ahead(ctx, h.next, h.epoch);
		if (!st)
			st = apply_page(db, &h, NULL, text, first, &done, err);
		*staged = st == FD_OK;
	}
	cJSON_Delete(t.seq);
	cJSON_Delete(t.epoch);
	cJSON_Delete(t.more);
	cJSON_Delete(t.next);
	cJSON_Delete(t.total);
	return st;
}
