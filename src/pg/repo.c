// SPDX-License-Identifier: GPL-3.0-or-later
/* struct fd_repo over PostgreSQL, for one property (fd_pg_use_property):
 * the same contract as the SQLite store's (src/store/repo_sqlite.c), so the
 * core operations run unchanged. Every statement names the property; every
 * entity write records a change in the property's feed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/chain.h"
#include "pg/pg_internal.h"
#include "store/fold.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

enum fd_status fd_pg_one(struct fd_pg *pg, const char *sql, int n, const char *const *p, PGresult **r,
                         const char *what, struct fd_error *err)
{
	enum fd_status st = fd_pg_run(pg, sql, n, p, r, what, err);
	if (st)
		return st;
	if (PQntuples(*r) == 0) {
		PQclear(*r);
		*r = NULL;
		return FD_E_NOT_FOUND;
	}
	return FD_OK;
}

enum fd_status fd_pg_upsert_row(struct fd_pg *pg, const char *sql, int n, const char *const *p,
                                const char *what, const char *entity, const char *noun, const char *id,
                                struct fd_error *err)
{
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, n, p, &r, what, err);
	if (st)
		return st;
	bool written = atoi(PQcmdTuples(r)) == 1;
	PQclear(r);
	if (!written)
		return fd_fail(err, FD_E_CONFLICT, "wrong_property", entity,
		               "%s %s belongs to another property.", noun, id);
	return FD_OK;
}

enum fd_status fd_pg_upsert(struct fd_pg *pg, const char *sql, int n, const char *const *p, const char *what,
                            const char *entity, const char *noun, const char *id, struct fd_error *err)
{
	enum fd_status st = fd_pg_upsert_row(pg, sql, n, p, what, entity, noun, id, err);
	return st ? st : fd_pg_record_change(pg, entity, id, NULL, err);
}

enum fd_status fd_pg_nomem(struct fd_error *err)
{
	return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
}

enum fd_status fd_pg_get(struct fd_pg *pg, const char *sql, int n, const char *const *p, const char *what,
                         fd_pg_reader *read, void *item, struct fd_error *err)
{
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, n, p, &r, what, err);
	if (st)
		return st;
	read(r, 0, item);
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_list(struct fd_pg *pg, const char *sql, int n, const char *const *p, const char *what,
                          fd_pg_reader *read, size_t size, void *out, int *rows, struct fd_error *err)
{
	char *items = NULL;
	*rows = 0;
	memcpy(out, &items, sizeof items); /* the caller's T *, whatever T is */
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, n, p, &r, what, err);
	if (st)
		return st;
	int count = PQntuples(r);
	if (count > 0 && !(items = calloc((size_t)count, size))) {
		PQclear(r);
		return fd_pg_nomem(err);
	}
	for (int i = 0; i < count; i++)
		read(r, i, items + (size_t)i * size);
	PQclear(r);
	memcpy(out, &items, sizeof items);
	*rows = count;
	return FD_OK;
}

static enum fd_status changed(struct fd_pg *pg, const char *entity, const char *id, struct fd_error *err)
{
	return fd_pg_record_change(pg, entity, id, NULL, err);
}

/* --- property --- */

static enum fd_status get_property(void *ctx, struct fd_property *p, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT id, name, currency, timezone, business_date, version"
	                          " FROM properties WHERE id = $1";
	const char *a[] = {pg->property};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 1, a, &r, "reading the property", err);
	if (st)
		return st;
	fd_pg_col_text(r, 0, 0, p->id, sizeof p->id);
	fd_pg_col_text(r, 0, 1, p->name, sizeof p->name);
	fd_pg_col_text(r, 0, 2, p->currency, sizeof p->currency);
	fd_pg_col_text(r, 0, 3, p->timezone, sizeof p->timezone);
	p->business_date = (fd_date)fd_pg_col_int(r, 0, 4);
	p->version = fd_pg_col_int(r, 0, 5);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_property(void *ctx, const struct fd_property *p, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	if (!pg->property[0])
		fd_pg_use_property(pg, p->id);
	if (strcmp(pg->property, p->id) != 0)
		return fd_fail(err, FD_E_INVALID, "wrong_property", "property",
		               "This connection acts for property %s, not %s.", pg->property, p->id);
	static const char sql[] =
	    "INSERT INTO properties (id, name, currency, timezone, business_date, version, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
	    " currency = excluded.currency, timezone = excluded.timezone,"
	    " business_date = excluded.business_date, version = excluded.version,"
	    " updated_at = excluded.updated_at";
	/* A new hotel starts with the folio settings the SQLite store's
	 * migration gives it. */
	static const char defaults[] = "INSERT INTO settings (property_id, key, value) VALUES"
	                               " ($1, 'refund_threshold', '10000'), ($1, 'noshow_auto', '1'),"
	                               " ($1, 'ooo_available', '0') ON CONFLICT DO NOTHING";
	char d[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {p->id,
	                   p->name,
	                   p->currency,
	                   p->timezone,
	                   I(d, p->business_date),
	                   I(v, p->version),
	                   I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 7, a, "saving the property", err);
	if (!st)
		st = fd_pg_do(pg, defaults, 1, a, "saving the property's settings", err);
	if (!st) /* and its charge codes (src/pg/repo_folio.c) */
		st = fd_pg_seed_charge_codes(pg, err);
	return st ? st : changed(pg, "property", p->id, err);
}

/* --- room types --- */

static enum fd_status get_room_type(void *ctx, const char *code, struct fd_room_type *t, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT id, code, name, max_occupancy, base_rate, rank, version"
	                          " FROM room_types WHERE property_id = $1 AND code = $2";
	const char *a[] = {pg->property, code};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a room type", err);
	if (st)
		return st;
	fd_pg_col_text(r, 0, 0, t->id, sizeof t->id);
	fd_pg_col_text(r, 0, 1, t->code, sizeof t->code);
	fd_pg_col_text(r, 0, 2, t->name, sizeof t->name);
	t->max_occupancy = (int)fd_pg_col_int(r, 0, 3);
	t->base_rate = fd_pg_col_int(r, 0, 4);
	t->rank = (int)fd_pg_col_int(r, 0, 5);
	t->version = fd_pg_col_int(r, 0, 6);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_room_type(void *ctx, const struct fd_room_type *t, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO room_types (property_id, id, code, name, max_occupancy, base_rate, rank, version,"
	    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
	    " ON CONFLICT (property_id, code) DO UPDATE SET name = excluded.name,"
	    " max_occupancy = excluded.max_occupancy, base_rate = excluded.base_rate, rank = excluded.rank,"
	    " version = excluded.version, updated_at = excluded.updated_at";
	char m[FD_PG_INT_LEN], b[FD_PG_INT_LEN], k[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {
	    pg->property,       t->id,         t->code,          t->name,          I(m, t->max_occupancy),
	    I(b, t->base_rate), I(k, t->rank), I(v, t->version), I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 9, a, "saving a room type", err);
	return st ? st : changed(pg, "room_type", t->code, err);
}

/* --- rooms --- */

static enum fd_status get_room(void *ctx, const char *number, struct fd_room *rm, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT " FD_PG_ROOM_COLS " FROM rooms WHERE property_id = $1 AND number = $2";
	const char *a[] = {pg->property, number};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a room", err);
	if (st)
		return st;
	fd_pg_read_room(r, 0, rm);
	PQclear(r);
	return FD_OK;
}

void fd_pg_read_room(const PGresult *r, int row, struct fd_room *rm)
{
	char clean[16], maint[8];
	fd_pg_col_text(r, row, 0, rm->id, sizeof rm->id);
	fd_pg_col_text(r, row, 1, rm->number, sizeof rm->number);
	fd_pg_col_text(r, row, 2, rm->type_code, sizeof rm->type_code);
	rm->floor = (int)fd_pg_col_int(r, row, 3);
	fd_pg_col_text(r, row, 4, rm->section, sizeof rm->section);
	fd_pg_col_text(r, row, 5, clean, sizeof clean);
	fd_pg_col_text(r, row, 6, maint, sizeof maint);
	fd_clean_parse(clean, &rm->clean);
	fd_maint_parse(maint, &rm->maint);
	fd_pg_col_text(r, row, 7, rm->maint_reason, sizeof rm->maint_reason);
	rm->maint_from = (fd_date)fd_pg_col_int(r, row, 8);
	rm->maint_to = (fd_date)fd_pg_col_int(r, row, 9);
	rm->dnd = fd_pg_col_int(r, row, 10);
	rm->mur = fd_pg_col_int(r, row, 11);
	rm->hk_occupied = fd_pg_col_int(r, row, 12);
	rm->version = fd_pg_col_int(r, row, 13);
}

static enum fd_status put_room(void *ctx, const struct fd_room *rm, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO rooms (property_id, id, number, type_code, floor, section, clean, maint, "
	    "maint_reason,"
	    " maint_from, maint_to, dnd, mur, hk_occupied, version, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
	    " ON CONFLICT (property_id, number) DO UPDATE SET type_code = excluded.type_code,"
	    " floor = excluded.floor, section = excluded.section, clean = excluded.clean,"
	    " maint = excluded.maint, maint_reason = excluded.maint_reason,"
	    " maint_from = excluded.maint_from, maint_to = excluded.maint_to, dnd = excluded.dnd,"
	    " mur = excluded.mur, hk_occupied = excluded.hk_occupied, version = excluded.version,"
	    " updated_at = excluded.updated_at";
	char fl[FD_PG_INT_LEN], mf[FD_PG_INT_LEN], mt[FD_PG_INT_LEN], dnd[FD_PG_INT_LEN], mur[FD_PG_INT_LEN],
	    hk[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	bool none = rm->maint == FD_MAINT_NONE;
	const char *a[] = {pg->property,
	                   rm->id,
	                   rm->number,
	                   rm->type_code,
	                   I(fl, rm->floor),
	                   rm->section,
	                   fd_clean_name(rm->clean),
	                   fd_maint_name(rm->maint),
	                   rm->maint_reason,
	                   none ? NULL : I(mf, rm->maint_from),
	                   none ? NULL : I(mt, rm->maint_to),
	                   I(dnd, rm->dnd),
	                   I(mur, rm->mur),
	                   I(hk, rm->hk_occupied),
	                   I(v, rm->version),
	                   I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 16, a, "saving a room", err);
	if (st == FD_E_CONFLICT) /* rooms.id: ids are unique across the chain */
		return fd_fail(err, FD_E_CONFLICT, "duplicate_id", "id",
		               "The id %s is another room's (of this hotel or another).", rm->id);
	return st ? st : changed(pg, "room", rm->number, err);
}

/* --- guests --- */

static enum fd_status get_guest(void *ctx, const char *id, struct fd_guest *g, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT id, family, given, email, phone, country, document, notes, vip, erased, version,"
	    " doc_type, doc_country, doc_expiry, nationality, birth_date, address, preferences, merged_into,"
	    " language FROM guests WHERE property_id = $1 AND id = $2";
	const char *a[] = {pg->property, id};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a guest", err);
	if (st)
		return st;
	fd_pg_col_text(r, 0, 0, g->id, sizeof g->id);
	fd_pg_col_text(r, 0, 1, g->family, sizeof g->family);
	fd_pg_col_text(r, 0, 2, g->given, sizeof g->given);
	fd_pg_col_text(r, 0, 3, g->email, sizeof g->email);
	fd_pg_col_text(r, 0, 4, g->phone, sizeof g->phone);
	fd_pg_col_text(r, 0, 5, g->country, sizeof g->country);
	fd_pg_col_text(r, 0, 6, g->document, sizeof g->document);
	fd_pg_col_text(r, 0, 7, g->notes, sizeof g->notes);
	g->vip = fd_pg_col_int(r, 0, 8);
	g->erased = fd_pg_col_int(r, 0, 9);
	g->version = fd_pg_col_int(r, 0, 10);
	fd_pg_col_text(r, 0, 11, g->doc_type, sizeof g->doc_type);
	fd_pg_col_text(r, 0, 12, g->doc_country, sizeof g->doc_country);
	g->doc_expiry = (fd_date)fd_pg_col_int(r, 0, 13);
	fd_pg_col_text(r, 0, 14, g->nationality, sizeof g->nationality);
	g->birth_date = (fd_date)fd_pg_col_int(r, 0, 15);
	fd_pg_col_text(r, 0, 16, g->address, sizeof g->address);
	fd_pg_col_text(r, 0, 17, g->preferences, sizeof g->preferences);
	fd_pg_col_text(r, 0, 18, g->merged_into, sizeof g->merged_into);
	fd_pg_col_text(r, 0, 19, g->language, sizeof g->language);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_guest(void *ctx, const struct fd_guest *g, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO guests (property_id, id, family, given, email, phone, country, document, notes, vip,"
	    " erased, version, updated_at, search_key, doc_type, doc_country, doc_expiry, nationality,"
	    " birth_date, address, preferences, merged_into, language)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,"
	    " $20, $21, $22, $23)"
	    " ON CONFLICT (id) DO UPDATE SET family = excluded.family, given = excluded.given,"
	    " email = excluded.email, phone = excluded.phone, country = excluded.country,"
	    " document = excluded.document, notes = excluded.notes, vip = excluded.vip,"
	    " erased = excluded.erased, version = excluded.version, updated_at = excluded.updated_at,"
	    " search_key = excluded.search_key, doc_type = excluded.doc_type,"
	    " doc_country = excluded.doc_country, doc_expiry = excluded.doc_expiry,"
	    " nationality = excluded.nationality, birth_date = excluded.birth_date,"
	    " address = excluded.address, preferences = excluded.preferences,"
	    " merged_into = excluded.merged_into, language = excluded.language"
	    " WHERE guests.property_id = excluded.property_id";
	char key[4 * FD_NAME_LEN];
	if (g->merged_into[0])
		key[0] = '\0';
	else
		fd_guest_search_key(g, key, sizeof key);
	char vip[FD_PG_INT_LEN], er[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN], de[FD_PG_INT_LEN],
	    bd[FD_PG_INT_LEN];
	const char *a[] = {pg->property,
	                   g->id,
	                   g->family,
	                   g->given,
	                   g->email,
	                   g->phone,
	                   g->country,
	                   g->document,
	                   g->notes,
	                   I(vip, g->vip),
	                   I(er, g->erased),
	                   I(v, g->version),
	                   I(at, time(NULL)),
	                   key,
	                   g->doc_type,
	                   g->doc_country,
	                   I(de, g->doc_expiry),
	                   g->nationality,
	                   I(bd, g->birth_date),
	                   g->address,
	                   g->preferences,
	                   g->merged_into,
	                   g->language};
	return fd_pg_upsert(pg, sql, 23, a, "saving a guest", "guest", "Guest", g->id, err);
}

/* --- bookings --- */

#define BOOKING_COLS FD_PG_BOOKING_COLS

void fd_pg_read_booking(const PGresult *r, int row, struct fd_booking *b)
{
	char status[16];
	fd_pg_col_text(r, row, 0, b->id, sizeof b->id);
	fd_pg_col_text(r, row, 1, b->code, sizeof b->code);
	fd_pg_col_text(r, row, 2, b->guest_id, sizeof b->guest_id);
	fd_pg_col_text(r, row, 3, b->type_code, sizeof b->type_code);
	fd_pg_col_text(r, row, 4, b->room, sizeof b->room);
	b->arrival = (fd_date)fd_pg_col_int(r, row, 5);
	b->departure = (fd_date)fd_pg_col_int(r, row, 6);
	b->adults = (int)fd_pg_col_int(r, row, 7);
	b->children = (int)fd_pg_col_int(r, row, 8);
	b->rate = fd_pg_col_int(r, row, 9);
	fd_pg_col_text(r, row, 10, status, sizeof status);
	fd_booking_status_parse(status, &b->status);
	fd_pg_col_text(r, row, 11, b->source, sizeof b->source);
	fd_pg_col_text(r, row, 12, b->notes, sizeof b->notes);
	fd_pg_col_text(r, row, 13, b->eta, sizeof b->eta);
	b->late_checkin = fd_pg_col_int(r, row, 14);
	b->version = fd_pg_col_int(r, row, 15);
	fd_pg_col_text(r, row, 16, b->company_id, sizeof b->company_id);
	fd_pg_col_text(r, row, 17, b->block_id, sizeof b->block_id);
}

static enum fd_status get_booking(void *ctx, const char *key, struct fd_booking *b, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char by_id[] =
	    "SELECT " BOOKING_COLS " FROM bookings WHERE property_id = $1 AND id = $2";
	static const char by_code[] =
	    "SELECT " BOOKING_COLS " FROM bookings WHERE property_id = $1 AND code = $2";
	const char *a[] = {pg->property, key};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, strlen(key) == FD_CODE_LEN - 1 ? by_code : by_id, 2, a, &r,
	                              "reading a booking", err);
	if (st)
		return st;
	fd_pg_read_booking(r, 0, b);
	PQclear(r);
	return FD_OK;
}

static enum fd_status guest_bookings(void *ctx, const char *guest_id, struct fd_booking **out, int *n,
                                     struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	*out = NULL;
	*n = 0;
	static const char sql[] =
	    "SELECT " BOOKING_COLS " FROM bookings WHERE property_id = $1 AND guest_id = $2"
	    " ORDER BY arrival, id";
	const char *a[] = {pg->property, guest_id};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 2, a, &r, "listing a guest's bookings", err);
	if (st)
		return st;
	int rows = PQntuples(r);
	if (rows > 0 && !(*out = calloc((size_t)rows, sizeof **out))) {
		PQclear(r);
		return fd_pg_nomem(err);
	}
	for (int i = 0; i < rows; i++)
		fd_pg_read_booking(r, i, &(*out)[i]);
	*n = rows;
	PQclear(r);
	return FD_OK;
}

/* As the SQLite store: reserved and in-house bookings hold their stay,
 * checked-out ones keep the nights they used, cancellations and no-shows
 * release them. */
static bool holds_nights(const struct fd_booking *b)
{
	return fd_booking_active(b) || b->status == FD_BOOKING_CHECKED_OUT;
}

/* Rewrite a booking's nights (see write_nights in repo_sqlite.c): nights
 * before the business date of a stay that has begun keep their room. */
static enum fd_status write_nights(struct fd_pg *pg, const struct fd_booking *b, struct fd_error *err)
{
	fd_date keep_before = b->arrival;
	enum fd_status st;
	if (holds_nights(b) && (b->status == FD_BOOKING_CHECKED_IN || b->status == FD_BOOKING_CHECKED_OUT)) {
		struct fd_property p = {0};
		st = get_property(pg, &p, err);
		if (st && st != FD_E_NOT_FOUND)
			return st;
		keep_before = st ? 0 : p.business_date;
	}
	static const char del[] = "DELETE FROM stay_nights WHERE booking_id = $1"
	                          " AND (night >= $2 OR night < $3 OR night >= $4 OR $5)";
	char kb[FD_PG_INT_LEN], ar[FD_PG_INT_LEN], de[FD_PG_INT_LEN];
	const char *a[] = {b->id, I(kb, keep_before), I(ar, b->arrival), I(de, b->departure),
	                   holds_nights(b) ? "false" : "true"};
	if ((st = fd_pg_do(pg, del, 5, a, "releasing a booking's nights", err)) || !holds_nights(b))
		return st;
	char inv_type[FD_TYPECODE_LEN];
	snprintf(inv_type, sizeof inv_type, "%s", b->type_code);
	if (b->room[0]) {
		struct fd_room rm;
		if ((st = get_room(pg, b->room, &rm, err)))
			return st == FD_E_NOT_FOUND ? fd_fail(err, FD_E_NOT_FOUND, "room_not_found", "room",
			                                      _("No room \"%s\"."), b->room)
			                            : st;
		snprintf(inv_type, sizeof inv_type, "%s", rm.type_code);
	}
	/* One statement for the whole stay. A night another booking holds in
	 * the room violates stay_nights_room_night: FD_E_CONFLICT. */
	static const char ins[] =
	    "INSERT INTO stay_nights (property_id, booking_id, night, type_code, room)"
	    " SELECT $1, $2, d, $3, $4 FROM generate_series($5::integer, $6::integer - 1) d"
	    " ON CONFLICT (booking_id, night) DO NOTHING";
	const char *n[] = {pg->property, b->id, inv_type, b->room[0] ? b->room : NULL, a[2], a[3]};
	return fd_pg_do(pg, ins, 6, n, "holding a booking's nights", err);
}

/* As the SQLite store's: ext_ref (a channel's reference, step 21) is not
 * a column core knows, so it is never written here: a new booking has
 * none, an update keeps the one an import or migrate gave it. */
static enum fd_status put_booking(void *ctx, const struct fd_booking *b, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO bookings (property_id, id, code, guest_id, type_code, room, arrival, departure, "
	    "adults,"
	    " children, rate, status, source, notes, eta, late_checkin, version, updated_at, company_id,"
	    " block_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
	    " $18, $19, $20)"
	    " ON CONFLICT (id) DO UPDATE SET guest_id = excluded.guest_id, type_code = excluded.type_code,"
	    " room = excluded.room, arrival = excluded.arrival, departure = excluded.departure,"
	    " adults = excluded.adults, children = excluded.children, rate = excluded.rate,"
	    " status = excluded.status, source = excluded.source, notes = excluded.notes, eta = excluded.eta,"
	    " late_checkin = excluded.late_checkin, version = excluded.version, updated_at = "
	    "excluded.updated_at, company_id = excluded.company_id, block_id = excluded.block_id"
	    " WHERE bookings.property_id = excluded.property_id";
	char ar[FD_PG_INT_LEN], de[FD_PG_INT_LEN], ad[FD_PG_INT_LEN], ch[FD_PG_INT_LEN], ra[FD_PG_INT_LEN],
	    lc[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property,
	                   b->id,
	                   b->code,
	                   b->guest_id,
	                   b->type_code,
	                   b->room[0] ? b->room : NULL,
	                   I(ar, b->arrival),
	                   I(de, b->departure),
	                   I(ad, b->adults),
	                   I(ch, b->children),
	                   I(ra, b->rate),
	                   fd_booking_status_name(b->status),
	                   b->source,
	                   b->notes,
	                   b->eta,
	                   I(lc, b->late_checkin),
	                   I(v, b->version),
	                   I(at, time(NULL)),
	                   b->company_id[0] ? b->company_id : NULL,
	                   b->block_id};
	enum fd_status st =
	    fd_pg_upsert_row(pg, sql, 20, a, "saving a booking", "booking", "Booking", b->id, err);
	if (st || (st = write_nights(pg, b, err)))
		return st;
	return changed(pg, "booking", b->id, err);
}

/* A query returning one code, or none: FD_OK with the code, FD_E_NOT_FOUND. */
static enum fd_status one_code(struct fd_pg *pg, const char *sql, int n, const char *const *a,
                               char code[FD_CODE_LEN], const char *what, struct fd_error *err)
{
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, n, a, &r, what, err);
	if (st)
		return st;
	fd_pg_col_text(r, 0, 0, code, FD_CODE_LEN);
	PQclear(r);
	return FD_OK;
}

static enum fd_status room_clash(void *ctx, const char *room, fd_date from, fd_date to, const char *except_id,
                                 char clash_code[FD_CODE_LEN], struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT b.code FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	                          " WHERE n.property_id = $1 AND n.room = $2 AND n.night >= $3 AND n.night < "
	                          "$4 AND n.booking_id <> $5"
	                          " LIMIT 1";
	char f[FD_PG_INT_LEN], t[FD_PG_INT_LEN];
	const char *a[] = {pg->property, room, I(f, from), I(t, to), except_id ? except_id : ""};
	return one_code(pg, sql, 5, a, clash_code, "checking a room", err);
}

static enum fd_status room_day_clash(void *ctx, const char *room, fd_date first, fd_date last,
                                     const char *except_id, char clash_code[FD_CODE_LEN],
                                     struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "(SELECT code FROM bookings WHERE property_id = $1 AND room = $2 AND arrival = departure"
	    " AND arrival BETWEEN $3 AND $4 AND status IN ('reserved','checked_in') AND id <> $5)"
	    " UNION ALL (SELECT b.code FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	    " WHERE n.property_id = $1 AND n.room = $2 AND n.night BETWEEN $3 AND $4 AND b.arrival < n.night"
	    " AND b.status IN ('reserved','checked_in') AND n.booking_id <> $5) LIMIT 1";
	char f[FD_PG_INT_LEN], l[FD_PG_INT_LEN];
	const char *a[] = {pg->property, room, I(f, first), I(l, last), except_id ? except_id : ""};
	return one_code(pg, sql, 5, a, clash_code, "checking a room", err);
}

static enum fd_status room_in_house(void *ctx, const char *room, const char *except_id,
                                    char code[FD_CODE_LEN], struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT code FROM bookings WHERE property_id = $1 AND room = $2"
	                          " AND status = 'checked_in' AND id <> $3 ORDER BY departure LIMIT 1";
	const char *a[] = {pg->property, room, except_id ? except_id : ""};
	return one_code(pg, sql, 3, a, code, "checking a room", err);
}

static enum fd_status count(struct fd_pg *pg, const char *sql, int n, const char *const *a, int *out,
                            struct fd_error *err)
{
	PGresult *r;
	*out = 0;
	enum fd_status st = fd_pg_run(pg, sql, n, a, &r, "counting availability", err);
	if (st)
		return st;
	if (PQntuples(r) > 0)
		*out = (int)fd_pg_col_int(r, 0, 0);
	PQclear(r);
	return FD_OK;
}

static enum fd_status type_sold(void *ctx, const char *type, fd_date night, const char *except_id, int *sold,
                                struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	/* The nights sold, and what unreleased group blocks hold of the type
	 * that night and no booking booked as the type has picked up (as
	 * repo_sqlite.c counts them; step 16, src/pg/repo_group.c). */
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM stay_nights WHERE property_id = $1 AND type_code = $2"
	    "  AND night = $3 AND booking_id <> $4)"
	    " + (SELECT coalesce(sum(greatest(0, r.rooms - (SELECT count(*) FROM stay_nights n"
	    "    JOIN bookings b ON b.id = n.booking_id WHERE b.property_id = $1 AND b.block_id = r.block_id"
	    "    AND b.block_id <> '' AND b.type_code = $2 AND n.night = $3 AND b.id <> $4))), 0)::bigint"
	    "  FROM group_block_rooms r JOIN group_blocks k"
	    "  ON k.property_id = r.property_id AND k.id = r.block_id"
	    "  WHERE r.property_id = $1 AND r.type_code = $2 AND r.night = $3 AND k.released = 0)";
	char d[FD_PG_INT_LEN];
	const char *a[] = {pg->property, type, I(d, night), except_id ? except_id : ""};
	return count(pg, sql, 4, a, sold, err);
}

static enum fd_status type_day_sold(void *ctx, const char *type, fd_date day, const char *except_id,
                                    int *sold, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	    "  WHERE n.property_id = $1 AND n.type_code = $2 AND n.night = $3 AND b.arrival < $3"
	    "  AND n.booking_id <> $4)"
	    " + (SELECT count(*) FROM bookings b LEFT JOIN rooms r ON r.property_id = b.property_id"
	    "  AND r.number = b.room WHERE b.property_id = $1 AND b.arrival = $3 AND b.departure = $3"
	    "  AND b.status IN ('reserved','checked_in') AND coalesce(r.type_code, b.type_code) = $2"
	    "  AND b.id <> $4)";
	char d[FD_PG_INT_LEN];
	const char *a[] = {pg->property, type, I(d, day), except_id ? except_id : ""};
	return count(pg, sql, 4, a, sold, err);
}

/* type_day_sold of every day of [from, to) in one query: the same
 * conditions with the day of a series in place of the one day
 * (core/avail.h; tests/pg/avail_range.sh compares them), each count
 * grouped by day. */
/* Runs a count per night of [from, to) of one room type, sql's parameters
 * the property, type, from, to and except_id ("" for none), its rows the
 * night and then ncols counts: count k of each night goes to cols[k]; a
 * night without a row counts 0 (type_days and type_nights). */
static enum fd_status per_night(struct fd_pg *pg, const char *sql, const char *type, fd_date from, fd_date to,
                                const char *except_id, int *const *cols, int ncols, struct fd_error *err)
{
	char f[FD_PG_INT_LEN], t[FD_PG_INT_LEN];
	const char *a[] = {pg->property, type, I(f, from), I(t, to), except_id ? except_id : ""};
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 5, a, &r, "counting availability", err);
	if (st)
		return st;
	for (int k = 0; k < ncols; k++)
		for (fd_date d = from; d < to; d++)
			cols[k][d - from] = 0;
	for (int i = 0; i < PQntuples(r); i++) {
		int64_t d = fd_pg_col_int(r, i, 0);
		for (int k = 0; d >= from && d < to && k < ncols; k++)
			cols[k][d - from] = (int)fd_pg_col_int(r, i, 1 + k);
	}
	PQclear(r);
	return FD_OK;
}

static enum fd_status type_days(void *ctx, const char *type, fd_date from, fd_date to, const char *except_id,
                                int *sold, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT g.d, coalesce(s.c, 0) + coalesce(u.c, 0)"
	    " FROM generate_series($3::integer, $4::integer - 1) AS g(d)"
	    " LEFT JOIN (SELECT n.night, count(*) AS c FROM stay_nights n JOIN bookings b ON b.id = "
	    "n.booking_id"
	    "  WHERE n.property_id = $1 AND n.type_code = $2 AND n.night >= $3::integer"
	    "  AND n.night < $4::integer AND b.arrival < n.night AND n.booking_id <> $5"
	    "  GROUP BY n.night) s ON s.night = g.d"
	    " LEFT JOIN (SELECT b.arrival, count(*) AS c FROM bookings b LEFT JOIN rooms r"
	    "  ON r.property_id = b.property_id AND r.number = b.room WHERE b.property_id = $1"
	    "  AND b.arrival >= $3::integer AND b.arrival < $4::integer AND b.departure = b.arrival"
	    "  AND b.status IN ('reserved','checked_in') AND coalesce(r.type_code, b.type_code) = $2"
	    "  AND b.id <> $5 GROUP BY b.arrival) u ON u.arrival = g.d"
	    " ORDER BY g.d";
	int *cols[] = {sold};
	return per_night(pg, sql, type, from, to, except_id, cols, 1, err);
}

static enum fd_status type_inventory(void *ctx, const char *type, fd_date night, int *rooms,
                                     struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT count(*) FROM rooms r WHERE r.property_id = $1 AND r.type_code = $2"
	    " AND NOT (r.maint = 'ooo' AND r.maint_from <= $3 AND r.maint_to > $3)"
	    " AND NOT EXISTS (SELECT 1 FROM room_blocks k WHERE k.property_id = r.property_id"
	    "  AND k.room = r.number AND k.start_day <= $3 AND k.end_day > $3)";
	char d[FD_PG_INT_LEN];
	const char *a[] = {pg->property, type, I(d, night)};
	return count(pg, sql, 3, a, rooms, err);
}

/* type_inventory and type_sold of every night of [from, to) in one query:
 * the same conditions with the night of a series in place of the one
 * night (core/avail.h; tests/pg/avail_range.sh compares them). "IS NOT
 * TRUE" keeps NOT's NULL reading: an out-of-order room without dates is
 * out every night, as type_inventory counts it. The type's rooms are read
 * once and the few out of order or blocked in the range
 * kept aside (t, off), rather than every room read again for each night;
 * the nights sold come from the index alone (step 23's INCLUDE). A
 * block's pick-ups are found from its bookings (the partial index
 * bookings_block: "block_id <> ''" lets the planner use it for a block
 * known only at run time), not from every stay of the night. */
static enum fd_status type_nights(void *ctx, const char *type, fd_date from, fd_date to,
                                  const char *except_id, int *inventory, int *sold, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "WITH t AS MATERIALIZED (SELECT number, maint, maint_from, maint_to FROM rooms"
	    "  WHERE property_id = $1 AND type_code = $2),"
	    " off AS MATERIALIZED (SELECT number, maint_from AS f, maint_to AS u FROM t"
	    "  WHERE maint = 'ooo' AND (maint_from >= $4::integer OR maint_to <= $3::integer) IS NOT TRUE"
	    "  UNION ALL SELECT k.room, k.start_day, k.end_day FROM room_blocks k JOIN t ON t.number = k.room"
	    "  WHERE k.property_id = $1 AND k.start_day < $4::integer AND k.end_day > $3::integer)"
	    " SELECT g.d,"
	    " (SELECT count(*) FROM t) - (SELECT count(DISTINCT number) FROM off"
	    "  WHERE (f > g.d OR u <= g.d) IS NOT TRUE),"
	    " coalesce(s.c, 0)"
	    " + (SELECT coalesce(sum(greatest(0, r.rooms - (SELECT count(*) FROM stay_nights n"
	    "    JOIN bookings b ON b.id = n.booking_id WHERE b.property_id = $1 AND b.block_id = r.block_id"
	    "    AND b.block_id <> '' AND b.type_code = $2 AND n.night = g.d AND b.id <> $5))), 0)::bigint"
	    "  FROM group_block_rooms r JOIN group_blocks k"
	    "  ON k.property_id = r.property_id AND k.id = r.block_id"
	    "  WHERE r.property_id = $1 AND r.type_code = $2 AND r.night = g.d AND k.released = 0)"
	    " FROM generate_series($3::integer, $4::integer - 1) AS g(d)"
	    " LEFT JOIN (SELECT night, count(*) AS c FROM stay_nights WHERE property_id = $1"
	    "  AND type_code = $2 AND night >= $3::integer AND night < $4::integer AND booking_id <> $5"
	    "  GROUP BY night) s ON s.night = g.d"
	    " ORDER BY g.d";
	int *cols[] = {inventory, sold};
	return per_night(pg, sql, type, from, to, except_id, cols, 2, err);
}

static enum fd_status free_rooms(void *ctx, const char *type, fd_date from, fd_date to,
                                 char (*out)[FD_ROOMNO_LEN], int max, int *n, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT number FROM rooms r WHERE r.property_id = $1 AND r.type_code = $2"
	    " AND NOT (r.maint = 'ooo' AND r.maint_from < $4 AND r.maint_to > $3)"
	    " AND NOT EXISTS (SELECT 1 FROM room_blocks k WHERE k.property_id = r.property_id"
	    "  AND k.room = r.number AND k.start_day < $4 AND k.end_day > $3)"
	    " AND NOT EXISTS (SELECT 1 FROM stay_nights s WHERE s.property_id = r.property_id"
	    "  AND s.room = r.number AND s.night >= $3 AND s.night < $4)"
	    " ORDER BY floor, length(number), number LIMIT $5";
	char f[FD_PG_INT_LEN], t[FD_PG_INT_LEN], m[FD_PG_INT_LEN];
	const char *a[] = {pg->property, type, I(f, from), I(t, to), I(m, max)};
	PGresult *r;
	*n = 0;
	enum fd_status st = fd_pg_run(pg, sql, 5, a, &r, "listing free rooms", err);
	if (st)
		return st;
	for (int i = 0; i < PQntuples(r) && *n < max; i++)
		fd_pg_col_text(r, i, 0, out[(*n)++], FD_ROOMNO_LEN);
	PQclear(r);
	return FD_OK;
}

/* --- staff --- */

static enum fd_status find_chain_guest(void *ctx, const struct fd_guest *g, struct fd_guest *known,
                                       struct fd_error *err)
{
	return fd_pg_chain_guest(ctx, g, known, err); /* src/pg/chain.c */
}

static enum fd_status get_chain_role(void *ctx, const char *username, int *chain_role, struct fd_error *err)
{
	return fd_pg_chain_role_get(ctx, username, chain_role, err); /* src/pg/chain.c */
}

static enum fd_status get_staff(void *ctx, const char *username, struct fd_staff *m, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT id, username, display_name, role, dept, section, active, on_shift, version"
	    " FROM staff WHERE property_id = $1 AND username = $2";
	const char *a[] = {pg->property, username};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a staff member", err);
	if (st)
		return st;
	char role[16], dept[24];
	fd_pg_col_text(r, 0, 0, m->id, sizeof m->id);
	fd_pg_col_text(r, 0, 1, m->username, sizeof m->username);
	fd_pg_col_text(r, 0, 2, m->display_name, sizeof m->display_name);
	fd_pg_col_text(r, 0, 3, role, sizeof role);
	fd_pg_col_text(r, 0, 4, dept, sizeof dept);
	fd_role_parse(role, &m->role);
	fd_dept_parse(dept, &m->dept);
	fd_pg_col_text(r, 0, 5, m->section, sizeof m->section);
	m->active = fd_pg_col_int(r, 0, 6);
	m->on_shift = fd_pg_col_int(r, 0, 7);
	m->version = fd_pg_col_int(r, 0, 8);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_staff(void *ctx, const struct fd_staff *m, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO staff (property_id, id, username, display_name, role, dept, section, active, "
	    "on_shift,"
	    " version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
	    " ON CONFLICT (property_id, username) DO UPDATE SET display_name = excluded.display_name,"
	    " role = excluded.role, dept = excluded.dept, section = excluded.section,"
	    " active = excluded.active, on_shift = excluded.on_shift, version = excluded.version,"
	    " updated_at = excluded.updated_at";
	char ac[FD_PG_INT_LEN], os[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {
	    pg->property,          m->id,      m->username,      m->display_name,    fd_role_name(m->role),
	    fd_dept_name(m->dept), m->section, I(ac, m->active), I(os, m->on_shift), I(v, m->version),
	    I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 11, a, "saving a staff member", err);
	return st ? st : changed(pg, "staff", m->username, err);
}

/* --- housekeeping tasks --- */

#define TASK_COLS "id, room, date, kind, attendant, status, version, done_by, done_at"

static void read_task(const PGresult *r, int row, void *item)
{
	struct fd_hk_task *t = item;
	char kind[16], status[16];
	fd_pg_col_text(r, row, 0, t->id, sizeof t->id);
	fd_pg_col_text(r, row, 1, t->room, sizeof t->room);
	t->date = (fd_date)fd_pg_col_int(r, row, 2);
	fd_pg_col_text(r, row, 3, kind, sizeof kind);
	fd_pg_col_text(r, row, 4, t->attendant, sizeof t->attendant);
	fd_pg_col_text(r, row, 5, status, sizeof status);
	fd_task_kind_parse(kind, &t->kind);
	fd_task_status_parse(status, &t->status);
	t->version = fd_pg_col_int(r, row, 6);
	fd_pg_col_text(r, row, 7, t->done_by, sizeof t->done_by);
	t->done_at = fd_pg_col_int(r, row, 8);
}

static enum fd_status get_task(void *ctx, const char *id, struct fd_hk_task *t, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " TASK_COLS " FROM hk_tasks WHERE property_id = $1 AND id = $2";
	const char *a[] = {pg->property, id};
	return fd_pg_get(pg, sql, 2, a, "reading a task", read_task, t, err);
}

static enum fd_status put_task(void *ctx, const struct fd_hk_task *t, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO hk_tasks (property_id, id, room, date, kind, attendant, status, version, updated_at,"
	    " done_by, done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
	    " ON CONFLICT (id) DO UPDATE SET attendant = excluded.attendant, status = excluded.status,"
	    " version = excluded.version, updated_at = excluded.updated_at, done_by = excluded.done_by,"
	    " done_at = excluded.done_at WHERE hk_tasks.property_id = excluded.property_id";
	char d[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN], da[FD_PG_INT_LEN];
	const char *a[] = {pg->property,
	                   t->id,
	                   t->room,
	                   I(d, t->date),
	                   fd_task_kind_name(t->kind),
	                   t->attendant,
	                   fd_task_status_name(t->status),
	                   I(v, t->version),
	                   I(at, time(NULL)),
	                   t->done_by,
	                   I(da, t->done_at)};
	return fd_pg_upsert(pg, sql, 11, a, "saving a task", "task", "Task", t->id, err);
}

static enum fd_status room_open_tasks(void *ctx, const char *room, fd_date date, struct fd_hk_task **out,
                                      int *n, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT " TASK_COLS " FROM hk_tasks WHERE property_id = $1 AND room = $2"
	                          " AND date = $3 AND status = 'open' ORDER BY kind, id LIMIT 16";
	char d[FD_PG_INT_LEN];
	const char *a[] = {pg->property, room, I(d, date)};
	return fd_pg_list(pg, sql, 3, a, "listing a room's tasks", read_task, sizeof **out, out, n, err);
}

/* --- settings and room blocks --- */

static enum fd_status get_setting(void *ctx, const char *key, char *out, size_t size, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "SELECT value FROM settings WHERE property_id = $1 AND key = $2";
	const char *a[] = {pg->property, key};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading a setting", err);
	if (st)
		return st;
	fd_pg_col_text(r, 0, 0, out, size);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_setting(void *ctx, const char *key, const char *value, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "INSERT INTO settings (property_id, key, value) VALUES ($1, $2, $3)"
	                          " ON CONFLICT (property_id, key) DO UPDATE SET value = excluded.value";
	const char *a[] = {pg->property, key, value};
	enum fd_status st = fd_pg_do(pg, sql, 3, a, "saving a setting", err);
	return st ? st : changed(pg, "setting", key, err);
}

static enum fd_status get_block(void *ctx, const char *room, const char *uid, struct fd_room_block *out,
                                struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT room, uid, start_day, end_day, summary, source, version FROM room_blocks"
	    " WHERE property_id = $1 AND room = $2 AND uid = $3";
	const char *a[] = {pg->property, room, uid};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 3, a, &r, "reading a room block", err);
	if (st)
		return st;
	memset(out, 0, sizeof *out);
	fd_pg_col_text(r, 0, 0, out->room, sizeof out->room);
	fd_pg_col_text(r, 0, 1, out->uid, sizeof out->uid);
	out->start = (fd_date)fd_pg_col_int(r, 0, 2);
	out->end = (fd_date)fd_pg_col_int(r, 0, 3);
	fd_pg_col_text(r, 0, 4, out->summary, sizeof out->summary);
	fd_pg_col_text(r, 0, 5, out->source, sizeof out->source);
	out->version = fd_pg_col_int(r, 0, 6);
	PQclear(r);
	return FD_OK;
}

static enum fd_status put_block(void *ctx, const struct fd_room_block *b, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "INSERT INTO room_blocks (property_id, room, uid, start_day, end_day, summary, source, version,"
	    " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (property_id, room, uid)"
	    " DO UPDATE SET start_day = excluded.start_day, end_day = excluded.end_day,"
	    " summary = excluded.summary, source = excluded.source, version = excluded.version,"
	    " updated_at = excluded.updated_at";
	char s[FD_PG_INT_LEN], e[FD_PG_INT_LEN], v[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *a[] = {pg->property, b->room,   b->uid,           I(s, b->start),   I(e, b->end),
	                   b->summary,   b->source, I(v, b->version), I(at, time(NULL))};
	enum fd_status st = fd_pg_do(pg, sql, 9, a, "saving a room block", err);
	return st ? st : changed(pg, "room_block", b->room, err);
}

static enum fd_status del_block(void *ctx, const char *room, const char *uid, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	static const char sql[] = "DELETE FROM room_blocks WHERE property_id = $1 AND room = $2 AND uid = $3";
	const char *a[] = {pg->property, room, uid};
	enum fd_status st = fd_pg_do(pg, sql, 3, a, "removing a room block", err);
	return st ? st : changed(pg, "room_block", room, err);
}

/* --- the policies' clock --- */

/* The minute of the day at t in the hotel's own zone (core/policy.h: "free
 * until 18:00", "48 hours before arrival"). One process serves hotels in
 * several zones, so the process's TZ cannot say it (the SQLite server sets
 * TZ to its one hotel's zone); PostgreSQL knows the zones. A zone it does
 * not know would abort the caller's transaction, hence the savepoint. */
static int local_minute(void *ctx, int64_t t)
{
	struct fd_pg *pg = ctx;
	static const char sql[] =
	    "SELECT (extract(hour FROM l.x) * 60 + extract(minute FROM l.x))::integer FROM properties p,"
	    " LATERAL (SELECT to_timestamp($2) AT TIME ZONE COALESCE(NULLIF(p.timezone, ''), 'UTC')) l(x)"
	    " WHERE p.id = $1";
	int minute = (int)((t % 86400 + 86400) % 86400 / 60); /* UTC, if all else fails */
	bool txn = pg->in_tx;
	struct fd_error err = {0};
	if (txn && fd_pg_do(pg, "SAVEPOINT fd_clock", 0, NULL, "reading the hotel's clock", &err))
		return minute;
	char s[FD_PG_INT_LEN];
	const char *a[] = {pg->property, I(s, t)};
	PGresult *r;
	enum fd_status st = fd_pg_one(pg, sql, 2, a, &r, "reading the hotel's clock", &err);
	if (!st) {
		int m = (int)fd_pg_col_int(r, 0, 0);
		PQclear(r);
		if (m >= 0 && m < 1440)
			minute = m;
	}
	if (txn && st && st != FD_E_NOT_FOUND)
		fd_pg_do(pg, "ROLLBACK TO SAVEPOINT fd_clock", 0, NULL, "reading the hotel's clock", &err);
	if (txn)
		fd_pg_do(pg, "RELEASE SAVEPOINT fd_clock", 0, NULL, "reading the hotel's clock", &err);
	return minute;
}

void fd_pg_repo_init(struct fd_pg *pg)
{
	pg->repo = (struct fd_repo){
	    .ctx = pg,
	    .get_property = get_property,
	    .put_property = put_property,
	    .get_room_type = get_room_type,
	    .put_room_type = put_room_type,
	    .get_room = get_room,
	    .put_room = put_room,
	    .get_guest = get_guest,
	    .put_guest = put_guest,
	    .guest_bookings = guest_bookings,
	    .get_booking = get_booking,
	    .put_booking = put_booking,
	    .room_clash = room_clash,
	    .room_day_clash = room_day_clash,
	    .type_day_sold = type_day_sold,
	    .room_in_house = room_in_house,
	    .type_sold = type_sold,
	    .type_inventory = type_inventory,
	    .type_nights = type_nights,
	    .type_days = type_days,
	    .free_rooms = free_rooms,
	    .get_staff = get_staff,
	    .put_staff = put_staff,
	    .get_chain_role = get_chain_role,
	    .find_chain_guest = find_chain_guest,
	    .get_task = get_task,
	    .put_task = put_task,
	    .room_open_tasks = room_open_tasks,
	    .get_setting = get_setting,
	    .put_setting = put_setting,
	    .get_block = get_block,
	    .put_block = put_block,
	    .del_block = del_block,
	};
	pg->repo.local_minute = local_minute;
	fd_pg_repo_folio_init(pg);   /* src/pg/repo_folio.c */
	fd_pg_repo_company_init(pg); /* src/pg/repo_company.c */
	fd_pg_repo_invoice_init(pg); /* src/pg/repo_invoice.c */
	fd_pg_repo_rate_init(pg);    /* src/pg/repo_rate.c */
	fd_pg_repo_group_init(pg);   /* src/pg/repo_group.c */
	fd_pg_repo_conflict_init(pg);
}

const struct fd_repo *fd_pg_repo(struct fd_pg *pg)
{
	return &pg->repo;
}
