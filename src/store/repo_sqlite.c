// SPDX-License-Identifier: GPL-3.0-or-later
/* struct fd_repo over SQLite: the storage interface core applies operations
 * through, on the terminal and on the server alike. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/bulk.h"
#include "store/db_internal.h"
#include "store/row.h"
#include "store/fold.h"

#define STMT(db, sql, err)                                                                                   \
	sqlite3_stmt *s = fd_db_stmt((db), (sql), (err));                                                    \
	if (!s)                                                                                              \
	return fd_error_status((err), FD_E_IO)

/* Step a statement that returns one row or none. */
/* --- property --- */

static enum fd_status get_property(void *ctx, struct fd_property *p, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db, "SELECT id, name, currency, timezone, business_date, version FROM property", err);
	enum fd_status st = fd_step_one(db, s, err, "reading the property");
	if (st == FD_OK) {
		fd_col_text(s, 0, p->id, sizeof p->id);
		fd_col_text(s, 1, p->name, sizeof p->name);
		fd_col_text(s, 2, p->currency, sizeof p->currency);
		fd_col_text(s, 3, p->timezone, sizeof p->timezone);
		p->business_date = sqlite3_column_int(s, 4);
		p->version = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_property(void *ctx, const struct fd_property *p, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO property (id, name, currency, timezone, business_date, version, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(singleton) DO UPDATE SET"
	     " id = excluded.id, name = excluded.name, currency = excluded.currency,"
	     " timezone = excluded.timezone, business_date = excluded.business_date,"
	     " version = excluded.version, updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, p->id);
	fd_bind_text(s, 2, p->name);
	fd_bind_text(s, 3, p->currency);
	fd_bind_text(s, 4, p->timezone);
	sqlite3_bind_int(s, 5, p->business_date);
	sqlite3_bind_int64(s, 6, p->version);
	sqlite3_bind_int64(s, 7, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving the property");
	return st ? st : fd_db_changed(db, "property", p->id, err);
}

/* --- room types --- */

static enum fd_status get_room_type(void *ctx, const char *code, struct fd_room_type *t, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT id, code, name, max_occupancy, base_rate, rank, version FROM room_types WHERE code = ?1",
	     err);
	fd_bind_text(s, 1, code);
	enum fd_status st = fd_step_one(db, s, err, "reading a room type");
	if (st == FD_OK) {
		fd_col_text(s, 0, t->id, sizeof t->id);
		fd_col_text(s, 1, t->code, sizeof t->code);
		fd_col_text(s, 2, t->name, sizeof t->name);
		t->max_occupancy = sqlite3_column_int(s, 3);
		t->base_rate = sqlite3_column_int64(s, 4);
		t->rank = sqlite3_column_int(s, 5);
		t->version = sqlite3_column_int64(s, 6);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_room_type(void *ctx, const struct fd_room_type *t, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO room_types (id, code, name, max_occupancy, base_rate, rank, version, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(code) DO UPDATE SET"
	     " name = excluded.name, max_occupancy = excluded.max_occupancy,"
	     " base_rate = excluded.base_rate, rank = excluded.rank,"
	     " version = excluded.version, updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, t->id);
	fd_bind_text(s, 2, t->code);
	fd_bind_text(s, 3, t->name);
	sqlite3_bind_int(s, 4, t->max_occupancy);
	sqlite3_bind_int64(s, 5, t->base_rate);
	sqlite3_bind_int(s, 6, t->rank);
	sqlite3_bind_int64(s, 7, t->version);
	sqlite3_bind_int64(s, 8, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a room type");
	return st ? st : fd_db_changed(db, "room_type", t->code, err);
}

/* --- rooms --- */

static enum fd_status get_room(void *ctx, const char *number, struct fd_room *r, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT id, number, type_code, floor, section, clean, maint, maint_reason,"
	     " maint_from, maint_to, dnd, mur, hk_occupied, version FROM rooms WHERE number = ?1",
	     err);
	fd_bind_text(s, 1, number);
	enum fd_status st = fd_step_one(db, s, err, "reading a room");
	if (st == FD_OK) {
		char clean[16], maint[8];
		fd_col_text(s, 0, r->id, sizeof r->id);
		fd_col_text(s, 1, r->number, sizeof r->number);
		fd_col_text(s, 2, r->type_code, sizeof r->type_code);
		r->floor = sqlite3_column_int(s, 3);
		fd_col_text(s, 4, r->section, sizeof r->section);
		fd_col_text(s, 5, clean, sizeof clean);
		fd_col_text(s, 6, maint, sizeof maint);
		fd_clean_parse(clean, &r->clean);
		fd_maint_parse(maint, &r->maint);
		fd_col_text(s, 7, r->maint_reason, sizeof r->maint_reason);
		r->maint_from = sqlite3_column_int(s, 8);
		r->maint_to = sqlite3_column_int(s, 9);
		r->dnd = sqlite3_column_int(s, 10);
		r->mur = sqlite3_column_int(s, 11);
		r->hk_occupied = sqlite3_column_int(s, 12);
		r->version = sqlite3_column_int64(s, 13);
	}
	sqlite3_reset(s);
	return st;
}

static void bind_room(sqlite3_stmt *s, const struct fd_room *r)
{
	fd_bind_text(s, 1, r->id);
	fd_bind_text(s, 2, r->number);
	fd_bind_text(s, 3, r->type_code);
	sqlite3_bind_int(s, 4, r->floor);
	fd_bind_text(s, 5, r->section);
	fd_bind_text(s, 6, fd_clean_name(r->clean));
	fd_bind_text(s, 7, fd_maint_name(r->maint));
	fd_bind_text(s, 8, r->maint_reason);
	if (r->maint == FD_MAINT_NONE) {
		sqlite3_bind_null(s, 9);
		sqlite3_bind_null(s, 10);
	} else {
		sqlite3_bind_int(s, 9, r->maint_from);
		sqlite3_bind_int(s, 10, r->maint_to);
	}
	sqlite3_bind_int(s, 11, r->dnd);
	sqlite3_bind_int(s, 12, r->mur);
	sqlite3_bind_int(s, 13, r->hk_occupied);
	sqlite3_bind_int64(s, 14, r->version);
	sqlite3_bind_int64(s, 15, (int64_t)time(NULL));
}

static enum fd_status put_room(void *ctx, const struct fd_room *r, struct fd_error *err)
{
	struct fd_db *db = ctx;
	/* A room that keeps its number, type, floor and maintenance (a status
	 * change, the desk's most frequent write) is changed in place: the
	 * upsert would also rewrite its entries in three indexes and check the
	 * status lists twice more (half the cost of an offline status change). */
	sqlite3_stmt *u =
	    fd_db_stmt(db,
	               "UPDATE rooms SET section = ?5, clean = ?6, maint_reason = ?8, dnd = ?11,"
	               " mur = ?12, hk_occupied = ?13, version = ?14, updated_at = ?15"
	               " WHERE number = ?2 AND id = ?1 AND type_code = ?3 AND floor = ?4"
	               " AND maint = ?7 AND maint_from IS ?9 AND maint_to IS ?10",
	               err);
	if (!u)
		return fd_error_status(err, FD_E_IO);
	bind_room(u, r);
	enum fd_status st = fd_step_done(db, u, err, "saving a room");
	if (!st && sqlite3_changes(db->db) == 1)
		return fd_db_changed(db, "room", r->number, err);
	if (st)
		return st;
	STMT(db,
	     "INSERT INTO rooms (id, number, type_code, floor, section, clean, maint, maint_reason,"
	     " maint_from, maint_to, dnd, mur, hk_occupied, version, updated_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	     " ON CONFLICT(number) DO UPDATE SET type_code = excluded.type_code,"
	     " floor = excluded.floor, section = excluded.section, clean = excluded.clean,"
	     " maint = excluded.maint, maint_reason = excluded.maint_reason,"
	     " maint_from = excluded.maint_from, maint_to = excluded.maint_to, dnd = excluded.dnd,"
	     " mur = excluded.mur, hk_occupied = excluded.hk_occupied, version = excluded.version,"
	     " updated_at = excluded.updated_at",
	     err);
	bind_room(s, r);
	st = fd_step_done(db, s, err, "saving a room");
	return st ? st : fd_db_changed(db, "room", r->number, err);
}

/* --- guests --- */

static enum fd_status get_guest(void *ctx, const char *id, struct fd_guest *g, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT id, family, given, email, phone, country, document, notes, vip, erased, version,"
	     " doc_type, doc_country, doc_expiry, nationality, birth_date, address, preferences, "
	     "merged_into, language"
	     " FROM guests WHERE id = ?1",
	     err);
	fd_bind_text(s, 1, id);
	enum fd_status st = fd_step_one(db, s, err, "reading a guest");
	if (st == FD_OK) {
		fd_col_text(s, 0, g->id, sizeof g->id);
		fd_col_text(s, 1, g->family, sizeof g->family);
		fd_col_text(s, 2, g->given, sizeof g->given);
		fd_col_text(s, 3, g->email, sizeof g->email);
		fd_col_text(s, 4, g->phone, sizeof g->phone);
		fd_col_text(s, 5, g->country, sizeof g->country);
		fd_col_text(s, 6, g->document, sizeof g->document);
		fd_col_text(s, 7, g->notes, sizeof g->notes);
		g->vip = sqlite3_column_int(s, 8);
		g->erased = sqlite3_column_int(s, 9);
		g->version = sqlite3_column_int64(s, 10);
		fd_col_text(s, 11, g->doc_type, sizeof g->doc_type);
		fd_col_text(s, 12, g->doc_country, sizeof g->doc_country);
		g->doc_expiry = (fd_date)sqlite3_column_int(s, 13);
		fd_col_text(s, 14, g->nationality, sizeof g->nationality);
		g->birth_date = (fd_date)sqlite3_column_int(s, 15);
		fd_col_text(s, 16, g->address, sizeof g->address);
		fd_col_text(s, 17, g->preferences, sizeof g->preferences);
		fd_col_text(s, 18, g->merged_into, sizeof g->merged_into);
		fd_col_text(s, 19, g->language, sizeof g->language);
	}
	sqlite3_reset(s);
	return st;
}

/* An erased guest's address goes from the mail of their bookings too, on
 * every write path (the server's operation, a desk applying the feed); a
 * mail not sent yet never will be. */
static enum fd_status erase_mail(struct fd_db *db, const char *guest_id, struct fd_error *err)
{
	STMT(db,
	     "UPDATE mail SET recipient = '', error = 'the guest was erased',"
	     " state = CASE WHEN state = 'queued' THEN 'failed' ELSE state END"
	     " WHERE recipient <> '' AND booking_id IN (SELECT id FROM bookings WHERE guest_id = ?1)",
	     err);
	fd_bind_text(s, 1, guest_id);
	return fd_step_done(db, s, err, "erasing a guest's mail addresses");
}

static enum fd_status put_guest(void *ctx, const struct fd_guest *g, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO guests (id, family, given, email, phone, country, document, notes, vip,"
	     " erased, version, updated_at, search_key, doc_type, doc_country, doc_expiry, nationality,"
	     " birth_date, address, preferences, merged_into, language)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
	     " ?20, ?21, ?22)"
	     " ON CONFLICT(id) DO UPDATE SET family = excluded.family, given = excluded.given,"
	     " email = excluded.email, phone = excluded.phone, country = excluded.country,"
	     " document = excluded.document, notes = excluded.notes, vip = excluded.vip,"
	     " erased = excluded.erased, version = excluded.version,"
	     " updated_at = excluded.updated_at, search_key = excluded.search_key,"
	     " doc_type = excluded.doc_type, doc_country = excluded.doc_country,"
	     " doc_expiry = excluded.doc_expiry, nationality = excluded.nationality,"
	     " birth_date = excluded.birth_date, address = excluded.address,"
	     " preferences = excluded.preferences, merged_into = excluded.merged_into,"
	     " language = excluded.language",
	     err);
	char key[4 * FD_NAME_LEN];
	/* A profile merged into another is found as that one. */
	if (g->merged_into[0])
		key[0] = '\0';
	else
		fd_guest_search_key(g, key, sizeof key);
	fd_bind_text(s, 1, g->id);
	fd_bind_text(s, 2, g->family);
	fd_bind_text(s, 3, g->given);
	fd_bind_text(s, 4, g->email);
	fd_bind_text(s, 5, g->phone);
	fd_bind_text(s, 6, g->country);
	fd_bind_text(s, 7, g->document);
	fd_bind_text(s, 8, g->notes);
	sqlite3_bind_int(s, 9, g->vip);
	sqlite3_bind_int(s, 10, g->erased);
	sqlite3_bind_int64(s, 11, g->version);
	sqlite3_bind_int64(s, 12, (int64_t)time(NULL));
	fd_bind_text(s, 13, key);
	fd_bind_text(s, 14, g->doc_type);
	fd_bind_text(s, 15, g->doc_country);
	sqlite3_bind_int(s, 16, g->doc_expiry);
	fd_bind_text(s, 17, g->nationality);
	sqlite3_bind_int(s, 18, g->birth_date);
	fd_bind_text(s, 19, g->address);
	fd_bind_text(s, 20, g->preferences);
	fd_bind_text(s, 21, g->merged_into);
	fd_bind_text(s, 22, g->language);
	enum fd_status st = fd_step_done(db, s, err, "saving a guest");
	if (!st && db->bulk_triggers && db->bulk_bookings_before >= 0)
		db->bulk_names_stale = true; /* bulk.h: its bookings' names */
	if (!st && g->erased)
		st = erase_mail(db, g->id, err);
	return st ? st : fd_db_changed(db, "guest", g->id, err);
}

/* --- bookings --- */

static enum fd_status get_booking(void *ctx, const char *key, struct fd_booking *b, struct fd_error *err)
{
	struct fd_db *db = ctx;
	/* Two statements rather than "id = ?1 OR code = ?1" so each uses its index. */
	const char *by_id = "SELECT " FD_BOOKING_COLS " FROM bookings b WHERE b.id = ?1";
	const char *by_code = "SELECT " FD_BOOKING_COLS " FROM bookings b WHERE b.code = ?1";
	STMT(db, strlen(key) == FD_CODE_LEN - 1 ? by_code : by_id, err);
	fd_bind_text(s, 1, key);
	enum fd_status st = fd_step_one(db, s, err, "reading a booking");
	if (st == FD_OK)
		fd_read_booking(s, b);
	sqlite3_reset(s);
	return st;
}

/* Does the booking hold nights in the guard table? Reserved and in-house
 * bookings hold their stay; checked-out ones keep the nights they used (the
 * record of who occupied what); cancellations and no-shows release them. */
static bool holds_nights(const struct fd_booking *b)
{
	return fd_booking_active(b) || b->status == FD_BOOKING_CHECKED_OUT;
}

static enum fd_status business_date(struct fd_db *db, fd_date *out, struct fd_error *err)
{
	struct fd_property p = {0};
	enum fd_status st = get_property(db, &p, err);
	*out = st == FD_OK ? p.business_date : 0;
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

/* What a booking's nights in the guard table hold, read at once, so that
 * write_nights runs only the writes that change something: each write to
 * stay_nights (foreign keys and count triggers) opens a statement journal
 * and a temporary table of the rows it changes, even when it changes none
 * (an assignment ran five statements, three of them writing nothing). */
struct held_nights {
	int n;             /* nights held */
	bool outside;      /* some outside [arrival, departure): to delete */
	bool room_differs; /* some from keep_before on of the type, in another room */
	bool type_differs; /* some from keep_before on of another type */
};

static bool same_room(sqlite3_stmt *s, int col, const char *room)
{
	const unsigned char *r = sqlite3_column_text(s, col);
	if (!r || !room[0]) /* NULL, as fd_bind_opt_text binds an empty room */
		return !r && !room[0];
	return strcmp((const char *)r, room) == 0;
}

static enum fd_status read_nights(struct fd_db *db, const struct fd_booking *b, const char *inv_type,
                                  fd_date keep_before, struct held_nights *h, struct fd_error *err)
{
	memset(h, 0, sizeof *h);
	STMT(db, "SELECT night, type_code, room FROM stay_nights WHERE booking_id = ?1", err);
	fd_bind_text(s, 1, b->id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_date night = sqlite3_column_int(s, 0);
		if (night < b->arrival || night >= b->departure) {
			h->outside = true;
			continue;
		}
		h->n++;
		if (night < keep_before)
			continue;
		const unsigned char *type = sqlite3_column_text(s, 1);
		if (!type || strcmp((const char *)type, inv_type) != 0)
			h->type_differs = true;
		else if (!same_room(s, 2, b->room))
			h->room_differs = true;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading a booking's nights");
}

/* write_nights' change in place of the nights that follow the room (h:
 * what they hold), and their count: FD_OK when the stay holds all its
 * nights, FD_E_NOT_FOUND when some are missing. */
static enum fd_status change_nights(struct fd_db *db, const struct fd_booking *b, const char *inv_type,
                                    fd_date keep_before, const struct held_nights *h, struct fd_error *err)
{
	/* Two statements: SQLite rewrites an index, and checks a trigger, on
	 * every column an UPDATE sets, changed or not. The nights whose type
	 * stays (an assignment to a room of the booked type, a move within
	 * it) have their room set alone, touching the room index only; those
	 * whose type changes too (an upgrade) have both set, and the kept
	 * counts follow (stay_nights_sold_au). */
	static const char *const sql[] = {
	    "UPDATE stay_nights SET room = ?3 WHERE booking_id = ?1 AND night >= ?4"
	    " AND type_code IS ?2 AND room IS NOT ?3",
	    "UPDATE stay_nights SET type_code = ?2, room = ?3 WHERE booking_id = ?1 AND night >= ?4"
	    " AND type_code IS NOT ?2",
	};
	const bool needed[] = {h->room_differs, h->type_differs};
	for (int i = 0; i < 2; i++) {
		if (!needed[i])
			continue;
		sqlite3_stmt *upd = fd_db_stmt(db, sql[i], err);
		if (!upd)
			return fd_error_status(err, FD_E_IO);
		fd_bind_text(upd, 1, b->id);
		fd_bind_text(upd, 2, inv_type);
		fd_bind_opt_text(upd, 3, b->room);
		sqlite3_bind_int(upd, 4, keep_before);
		enum fd_status st = fd_step_done(db, upd, err, "holding a booking's nights");
		if (st)
			return st;
	}
	/* The nights missing: none when the stay holds as many nights as it
	 * has, as after an assignment; else they are added (write_nights). */
	return h->n == b->departure - b->arrival ? FD_OK : FD_E_NOT_FOUND;
}

/* INSERT of 1 .. NIGHTS_AT_ONCE nights from ?2 on (write_nights). */
#define NIGHTS_AT_ONCE 8
#define INSERT_NIGHTS "INSERT INTO stay_nights (booking_id, night, type_code, room) VALUES (?1, ?2, ?3, ?4)"
#define NIGHT_PLUS(k) ", (?1, ?2 + " #k ", ?3, ?4)"
#define NIGHTS_DO_NOTHING " ON CONFLICT(booking_id, night) DO NOTHING"
static const char *const insert_nights_sql[NIGHTS_AT_ONCE] = {
    INSERT_NIGHTS NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHT_PLUS(2) NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHT_PLUS(2) NIGHT_PLUS(3) NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHT_PLUS(2) NIGHT_PLUS(3) NIGHT_PLUS(4) NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHT_PLUS(2) NIGHT_PLUS(3) NIGHT_PLUS(4) NIGHT_PLUS(5) NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHT_PLUS(2) NIGHT_PLUS(3) NIGHT_PLUS(4) NIGHT_PLUS(5) NIGHT_PLUS(6)
        NIGHTS_DO_NOTHING,
    INSERT_NIGHTS NIGHT_PLUS(1) NIGHT_PLUS(2) NIGHT_PLUS(3) NIGHT_PLUS(4) NIGHT_PLUS(5) NIGHT_PLUS(6)
        NIGHT_PLUS(7) NIGHTS_DO_NOTHING,
};

/* Rewrite a booking's nights. A stay that has begun keeps the rooms of its
 * past nights (a guest moved today still slept in the old room last night);
 * only the nights from the business date on follow the booking's room. The
 * nights count against the inventory of the room held (an upgrade uses up
 * the better room) or, unassigned, of the booked type. Only what changed
 * is written: the nights are read first (read_nights); those the stay no
 * longer holds are deleted, those that follow the room are changed in
 * place where their room or type differs (an assignment rewrites the room
 * index's entries, and the kept counts only when the type changes, rather
 * than every index and count of every night twice), and the nights
 * missing are added. A clash with another booking's room-night fails
 * either write on the unique index. A booking just inserted (fresh) has no
 * nights to change or count: they are all added. Where foreign keys are
 * enforced it has none to delete either (a night can neither precede its
 * booking nor outlive it, ON DELETE CASCADE); the cache runs without them
 * (cache.c) and may keep the nights of a booking deleted and sent again,
 * so there they are all deleted. */
static enum fd_status write_nights(struct fd_db *db, const struct fd_booking *b, bool fresh,
                                   struct fd_error *err)
{
	fd_date keep_before = b->arrival; /* nights before this keep their row */
	enum fd_status st;
	/* A booking just inserted has no rows to keep (only change_nights
	 * reads keep_before): the property's row is not read for each booking
	 * a snapshot installs (issue 18: most of them have checked out). */
	if (!fresh && (b->status == FD_BOOKING_CHECKED_IN || b->status == FD_BOOKING_CHECKED_OUT)) {
		if ((st = business_date(db, &keep_before, err)))
			return st;
	}
	if (!holds_nights(b))
		keep_before = b->arrival;
	char inv_type[FD_TYPECODE_LEN];
	snprintf(inv_type, sizeof inv_type, "%s", b->type_code);
	if (b->room[0] && holds_nights(b)) {
		/* Only the room's type (a snapshot's install runs this per booking). */
		sqlite3_stmt *t = fd_db_stmt(db, "SELECT type_code FROM rooms WHERE number = ?1", err);
		if (!t)
			return fd_error_status(err, FD_E_IO);
		fd_bind_text(t, 1, b->room);
		st = fd_step_one(db, t, err, "reading a room");
		if (st == FD_OK)
			fd_col_text(t, 0, inv_type, sizeof inv_type);
		sqlite3_reset(t);
		if (st)
			return st == FD_E_NOT_FOUND ? fd_fail(err, FD_E_NOT_FOUND, "room_not_found", "room",
			                                      _("No room \"%s\"."), b->room)
			                            : st;
	}
	int fk = 0;
	struct held_nights h = {0};
	if (!fresh ||
	    sqlite3_db_config(fd_db_handle(db), SQLITE_DBCONFIG_ENABLE_FKEY, -1, &fk) != SQLITE_OK || !fk) {
		if ((st = read_nights(db, b, inv_type, keep_before, &h, err)))
			return st;
		if (h.outside || ((fresh || !holds_nights(b)) && h.n > 0)) {
			STMT(db,
			     "DELETE FROM stay_nights WHERE booking_id = ?1 AND (night < ?2 OR night >= ?3 "
			     "OR ?4)",
			     err);
			fd_bind_text(s, 1, b->id);
			sqlite3_bind_int(s, 2, b->arrival);
			sqlite3_bind_int(s, 3, b->departure);
			sqlite3_bind_int(s, 4, fresh || !holds_nights(b));
			if ((st = fd_step_done(db, s, err, "releasing a booking's nights")))
				return st;
		}
	}
	if (!holds_nights(b))
		return FD_OK;
	if (!fresh && (st = change_nights(db, b, inv_type, keep_before, &h, err)) != FD_E_NOT_FOUND)
		return st;
	/* The nights missing, up to NIGHTS_AT_ONCE in one statement (nights
	 * from ?2 on). Each write to stay_nights opens a statement journal
	 * (its count trigger and foreign keys could abort it halfway) that
	 * copies every page it touches, 1 KiB at a time under temp_store =
	 * MEMORY: one statement a night copied the same pages once a night.
	 * Several rows go through a temporary table (SQLite's way for a
	 * table with triggers), which costs less: 4 % fewer of the bench
	 * loader's instructions (callgrind, 4 nights a stay on average). */
	for (fd_date d = b->arrival; d < b->departure; d += NIGHTS_AT_ONCE) {
		int k = b->departure - d < NIGHTS_AT_ONCE ? b->departure - d : NIGHTS_AT_ONCE;
		sqlite3_stmt *ins = fd_db_stmt(db, insert_nights_sql[k - 1], err);
		if (!ins)
			return fd_error_status(err, FD_E_IO);
		fd_bind_text(ins, 1, b->id);
		sqlite3_bind_int(ins, 2, d);
		fd_bind_text(ins, 3, inv_type);
		fd_bind_opt_text(ins, 4, b->room);
		if ((st = fd_step_done(db, ins, err, "holding a booking's nights")))
			return st;
	}
	return FD_OK;
}

/* The guest's name kept with the booking for the board (core step 43),
 * written here so its trigger finds it right and rewrites nothing. */
#define GUEST_NAME_OF_P3 FD_GUEST_NAME_OF_SQL("?3")
/* The columns a booking's write sets besides room, version and updated_at,
 * with their parameters: one list for both statements below, so the
 * narrow write compares every column the full write would set. */
#define BOOKING_COLS(X)                                                                                      \
	X(guest_id, 3)                                                                                       \
	X(type_code, 4)                                                                                      \
	X(arrival, 6)                                                                                        \
	X(departure, 7)                                                                                      \
	X(adults, 8)                                                                                         \
	X(children, 9)                                                                                       \
	X(rate, 10)                                                                                          \
	X(status, 11)                                                                                        \
	X(source, 12)                                                                                        \
	X(notes, 13)                                                                                         \
	X(eta, 14)                                                                                           \
	X(late_checkin, 15)                                                                                  \
	X(block_id, 18)                                                                                      \
	X(company_id, 19)
#define SET_COL(c, n) " " #c " = excluded." #c ","
#define SAME_COL(c, n) " AND " #c " IS ?" #n

/* One write, in up to two statements with the same parameters. SQLite
 * rewrites every index and runs every trigger on a column an UPDATE sets,
 * whether or not its value changes: the full write rewrites most of the
 * booking's indexes (a dozen) and checks the search and board triggers.
 * Where the row stands as b has it but for its room (an assignment, a
 * move, or no change), the narrow write sets the room alone, touching only
 * the indexes that hold it; it changes no row otherwise, and the full
 * write (a new booking, any other change) follows. A booking at its first
 * version is new but where it is sent again (a sync replay): it is
 * inserted first, by a statement that leaves a row already there alone,
 * so booking.create pays neither the narrow write's miss nor the full
 * write's conflict check, and its nights are all added at once. */
static enum fd_status put_booking(void *ctx, const struct fd_booking *b, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *narrow = fd_db_stmt(db,
	                                  "UPDATE bookings SET room = ?5, version = ?16, updated_at = ?17"
	                                  " WHERE id = ?1" BOOKING_COLS(SAME_COL),
	                                  err);
	if (!narrow)
		return fd_error_status(err, FD_E_IO);
	STMT(db,
	     "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure, adults,"
	     " children, rate, status, source, notes, eta, late_checkin, version, updated_at, block_id,"
	     " company_id, guest_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	     " ?15, ?16, ?17, ?18, ?19, " GUEST_NAME_OF_P3 ")"
	     " ON CONFLICT(id) DO UPDATE SET" BOOKING_COLS(
	         SET_COL) " room = excluded.room,"
	                  " version = excluded.version, updated_at = excluded.updated_at",
	     err);
	sqlite3_stmt *fresh_ins = NULL;
	if (b->version <= 1 &&
	    !(fresh_ins = fd_db_stmt(
	          db,
	          "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure,"
	          " adults, children, rate, status, source, notes, eta, late_checkin, version,"
	          " updated_at, block_id, company_id, guest_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	          " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, " GUEST_NAME_OF_P3
	          ") ON CONFLICT(id) DO NOTHING",
	          err)))
		return fd_error_status(err, FD_E_IO);
	int64_t now = (int64_t)time(NULL);
	enum fd_status st = fd_bulk_booking_put(db, err);
	bool fresh = false;
	/* step 0: the insert of a new booking; 1: the narrow write; 2: the full */
	for (int step = fresh_ins ? 0 : 1; step < 3 && !st; step++) {
		sqlite3_stmt *w = step == 0 ? fresh_ins : step == 1 ? narrow : s;
		fd_bind_text(w, 1, b->id);
		fd_bind_text(w, 2, b->code);
		fd_bind_text(w, 3, b->guest_id);
		fd_bind_text(w, 4, b->type_code);
		fd_bind_opt_text(w, 5, b->room);
		sqlite3_bind_int(w, 6, b->arrival);
		sqlite3_bind_int(w, 7, b->departure);
		sqlite3_bind_int(w, 8, b->adults);
		sqlite3_bind_int(w, 9, b->children);
		sqlite3_bind_int64(w, 10, b->rate);
		fd_bind_text(w, 11, fd_booking_status_name(b->status));
		fd_bind_text(w, 12, b->source);
		fd_bind_text(w, 13, b->notes);
		fd_bind_text(w, 14, b->eta);
		sqlite3_bind_int(w, 15, b->late_checkin);
		sqlite3_bind_int64(w, 16, b->version);
		sqlite3_bind_int64(w, 17, now);
		fd_bind_text(w, 18, b->block_id);
		fd_bind_opt_text(w, 19, b->company_id);
		if ((st = fd_step_done(db, w, err, "saving a booking")))
			break;
		if (step < 2 && sqlite3_changes(fd_db_handle(db)) == 1) {
			fresh = step == 0;
			break;
		}
	}
	if (!st && db->bulk_triggers)
		db->bulk_bookings_put++;
	if (!st)
		st = write_nights(db, b, fresh, err);
	return st ? st : fd_db_changed(db, "booking", b->id, err);
}

static enum fd_status room_clash(void *ctx, const char *room, fd_date from, fd_date to, const char *except_id,
                                 char clash_code[FD_CODE_LEN], struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT b.code FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	     " WHERE n.room = ?1 AND n.night >= ?2 AND n.night < ?3 AND n.booking_id <> ?4 LIMIT 1",
	     err);
	fd_bind_text(s, 1, room);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	fd_bind_text(s, 4, except_id ? except_id : "");
	enum fd_status st = fd_step_one(db, s, err, "checking a room");
	if (st == FD_OK)
		fd_col_text(s, 0, clash_code, FD_CODE_LEN);
	sqlite3_reset(s);
	return st;
}

static enum fd_status room_day_clash(void *ctx, const char *room, fd_date first, fd_date last,
                                     const char *except_id, char clash_code[FD_CODE_LEN],
                                     struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT code FROM bookings WHERE room = ?1 AND arrival = departure AND arrival BETWEEN ?2 AND ?3"
	     " AND status IN ('reserved','checked_in') AND id <> ?4"
	     " UNION ALL SELECT b.code FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	     " WHERE n.room = ?1 AND n.night BETWEEN ?2 AND ?3 AND b.arrival < n.night"
	     " AND b.status IN ('reserved','checked_in') AND n.booking_id <> ?4 LIMIT 1",
	     err);
	fd_bind_text(s, 1, room);
	sqlite3_bind_int(s, 2, first);
	sqlite3_bind_int(s, 3, last);
	fd_bind_text(s, 4, except_id ? except_id : "");
	enum fd_status st = fd_step_one(db, s, err, "checking a room");
	if (st == FD_OK)
		fd_col_text(s, 0, clash_code, FD_CODE_LEN);
	sqlite3_reset(s);
	return st;
}

static enum fd_status room_in_house(void *ctx, const char *room, const char *except_id,
                                    char code[FD_CODE_LEN], struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT code FROM bookings WHERE room = ?1 AND status = 'checked_in' AND id <> ?2"
	     " ORDER BY departure LIMIT 1",
	     err);
	fd_bind_text(s, 1, room);
	fd_bind_text(s, 2, except_id ? except_id : "");
	enum fd_status st = fd_step_one(db, s, err, "checking a room");
	if (st == FD_OK)
		fd_col_text(s, 0, code, FD_CODE_LEN);
	sqlite3_reset(s);
	return st;
}

static enum fd_status count_query(struct fd_db *db, sqlite3_stmt *s, int *out, struct fd_error *err)
{
	enum fd_status st = fd_step_one(db, s, err, "counting availability");
	*out = st == FD_OK ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

static enum fd_status type_sold(void *ctx, const char *type, fd_date night, const char *except_id, int *sold,
                                struct fd_error *err)
{
	struct fd_db *db = ctx;
	/* The per-type-per-night count the guard table's triggers keep
	 * (schema_speed.c), less the night of the booking left out; and what
	 * unreleased group blocks hold of the type that night and no booking
	 * booked as the type has picked up (repo_group.c), found from the
	 * block's bookings (the partial index bookings_block: a block's id is
	 * a UUID, never '') rather than from every stay of the night. */
	STMT(db,
	     "SELECT coalesce((SELECT sold FROM type_night_sold WHERE type_code = ?1 AND night = ?2), 0)"
	     " - EXISTS (SELECT 1 FROM stay_nights WHERE booking_id = ?3 AND night = ?2 AND type_code = ?1)"
	     " + (SELECT coalesce(sum(max(0, r.rooms - (SELECT count(*) FROM bookings b"
	     "    CROSS JOIN stay_nights n ON n.booking_id = b.id AND n.night = ?2"
	     "    WHERE b.block_id = r.block_id AND b.block_id <> '' AND b.type_code = ?1"
	     "    AND b.id <> ?3))), 0)"
	     "  FROM group_block_rooms r JOIN group_blocks k ON k.id = r.block_id"
	     "  WHERE r.type_code = ?1 AND r.night = ?2 AND k.released = 0)",
	     err);
	fd_bind_text(s, 1, type);
	sqlite3_bind_int(s, 2, night);
	fd_bind_text(s, 3, except_id ? except_id : "");
	return count_query(db, s, sold, err);
}

static enum fd_status type_day_sold(void *ctx, const char *type, fd_date day, const char *except_id,
                                    int *sold, struct fd_error *err)
{
	struct fd_db *db = ctx;
	/* Stays over day d: the type's nights d (the kept count, less the
	 * booking left out) that are not a stay's first night (a stay's nights
	 * lie in [arrival, departure), so those are the nights d of the
	 * bookings arriving on d: about one lookup per arrival instead of one
	 * per room sold). Then the day-use stays of d (a partial index). */
	STMT(db,
	     "SELECT coalesce((SELECT sold FROM type_night_sold WHERE type_code = ?1 AND night = ?2), 0)"
	     " - EXISTS (SELECT 1 FROM stay_nights WHERE booking_id = ?3 AND night = ?2 AND type_code = ?1)"
	     " - (SELECT count(*) FROM bookings b CROSS JOIN stay_nights n ON n.booking_id = b.id"
	     "  AND n.night = ?2 WHERE b.arrival = ?2 AND n.type_code = ?1 AND b.id <> ?3)"
	     " + (SELECT count(*) FROM bookings b LEFT JOIN rooms r ON r.number = b.room"
	     "  WHERE b.arrival = ?2 AND b.departure = ?2 AND b.arrival = b.departure"
	     "  AND b.status IN ('reserved','checked_in')"
	     "  AND coalesce(r.type_code, b.type_code) = ?1 AND b.id <> ?3)",
	     err);
	fd_bind_text(s, 1, type);
	sqlite3_bind_int(s, 2, day);
	fd_bind_text(s, 3, except_id ? except_id : "");
	return count_query(db, s, sold, err);
}

/* Runs a statement of (type ?1, days [?2, ?3), booking left out ?4) that
 * answers (day, count) rows, into count[day - from]; days it does not
 * name count 0. */
static enum fd_status day_counts(struct fd_db *db, sqlite3_stmt *s, const char *type, fd_date from,
                                 fd_date to, const char *except_id, int *count, struct fd_error *err)
{
	fd_bind_text(s, 1, type);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	fd_bind_text(s, 4, except_id ? except_id : "");
	for (fd_date d = from; d < to; d++)
		count[d - from] = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_date d = sqlite3_column_int(s, 0);
		if (d >= from && d < to)
			count[d - from] = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "counting availability");
}

/* type_day_sold of every day of [from, to) in one statement (core/avail.h
 * uses it for the booking rules; tests/unit/test_avail_range.c compares it
 * with type_day_sold day by day): the per-day statement's expression, with
 * the day of a series in place of the one day, so every look-up is by the
 * same index as there. Grouping the range's arrivals and day-use stays
 * into materialized tables instead cost more than it saved: each
 * execution builds and zeroes their temporary b-trees and an automatic
 * index on each. The unary + keeps SQLite reading the day-use stays by
 * the partial index bookings_day_use, as the per-day statement does,
 * rather than every stay leaving that day by bookings_status_departure. */
static enum fd_status type_days(void *ctx, const char *type, fd_date from, fd_date to, const char *except_id,
                                int *sold, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "WITH RECURSIVE g(d) AS (SELECT ?2 WHERE ?2 < ?3 UNION ALL SELECT d + 1 FROM g WHERE d + 1 < ?3)"
	     " SELECT g.d,"
	     " coalesce((SELECT sold FROM type_night_sold WHERE type_code = ?1 AND night = g.d), 0)"
	     " - EXISTS (SELECT 1 FROM stay_nights WHERE booking_id = ?4 AND night = g.d AND type_code = ?1)"
	     " - (SELECT count(*) FROM bookings b CROSS JOIN stay_nights n ON n.booking_id = b.id"
	     "  AND n.night = g.d WHERE b.arrival = g.d AND n.type_code = ?1 AND b.id <> ?4)"
	     " + (SELECT count(*) FROM bookings b LEFT JOIN rooms r ON r.number = b.room"
	     "  WHERE b.arrival = g.d AND b.departure = g.d AND b.arrival = b.departure"
	     "  AND +b.status IN ('reserved','checked_in')"
	     "  AND coalesce(r.type_code, b.type_code) = ?1 AND b.id <> ?4)"
	     " FROM g",
	     err);
	return day_counts(db, s, type, from, to, except_id, sold, err);
}

/* The day-use term of type_day_sold for every day of [from, to) (repo.h):
 * the same conditions over the range, read by bookings_day_use in its
 * order (no temporary table for the grouping). */
static enum fd_status type_day_uses(void *ctx, const char *type, fd_date from, fd_date to,
                                    const char *except_id, int *n, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT b.arrival, count(*) FROM bookings b LEFT JOIN rooms r ON r.number = b.room"
	     " WHERE b.arrival >= ?2 AND b.arrival < ?3 AND b.arrival = b.departure"
	     " AND +b.status IN ('reserved','checked_in')"
	     " AND coalesce(r.type_code, b.type_code) = ?1 AND b.id <> ?4 GROUP BY b.arrival",
	     err);
	return day_counts(db, s, type, from, to, except_id, n, err);
}

static enum fd_status type_inventory(void *ctx, const char *type, fd_date night, int *rooms,
                                     struct fd_error *err)
{
	struct fd_db *db = ctx;
	/* All rooms of the type, less those out of order that night, less
	 * those blocked by an outside calendar (src/folio, iCal import) and
	 * not already out of order. The rooms of the type are counted by
	 * triggers (type_rooms, schema_speed.c), those out of order come from
	 * the rooms_type_maint index alone (booking.create asks this for every
	 * night of every stay); calendar blocks are few, so they are read
	 * first (CROSS JOIN keeps SQLite from probing them once per room). */
	STMT(db,
	     "SELECT coalesce((SELECT rooms FROM type_rooms WHERE type_code = ?1), 0)"
	     " - (SELECT count(*) FROM rooms WHERE type_code = ?1 AND maint = 'ooo'"
	     "    AND maint_from <= ?2 AND maint_to > ?2)"
	     " - (SELECT count(DISTINCT r.number) FROM room_blocks k"
	     "    CROSS JOIN rooms r ON r.number = k.room WHERE r.type_code = ?1 AND k.start <= ?2 AND k.end "
	     "> ?2"
	     "    AND NOT (r.maint = 'ooo' AND r.maint_from <= ?2 AND r.maint_to > ?2))",
	     err);
	fd_bind_text(s, 1, type);
	sqlite3_bind_int(s, 2, night);
	return count_query(db, s, rooms, err);
}

/* "[0,0,...]", n elements, into buf (2 n + 2 bytes): json_each's keys
 * count its nights 0 .. n - 1 (type_nights). */
static const char *night_series(char *buf, int n)
{
	buf[0] = '[';
	for (int i = 0; i < n; i++) {
		buf[1 + 2 * i] = '0';
		buf[2 + 2 * i] = i + 1 < n ? ',' : ']';
	}
	if (n == 0)
		buf[1] = ']';
	buf[n ? 2 * n + 1 : 2] = '\0';
	return buf;
}

/* type_inventory and type_sold of every night of [from, to) in one
 * statement (core/avail.h uses it for the booking rules;
 * tests/unit/test_avail_range.c compares it with them night by night): the
 * two per-night statements' expressions, with the night of a series in
 * place of the one night, so every look-up is by the same index as there
 * and SQL's NULL reading of maint_from and maint_to is theirs too. The
 * kept counts and the nights of the booking left out are joined to the
 * series. Reading the rooms out of order, the calendar blocks and the
 * group blocks of the range once into materialized tables instead cost
 * more than the few look-ups per night it saved: each execution built and
 * zeroed their temporary b-trees (about a third of the statement's time
 * on booking.create). The calendar blocks (no index by date; few) are
 * counted per night only when one of the type's rooms has one touching
 * the range: the test is asked once per execution, and spares each night
 * the DISTINCT count's temporary index. The rooms out of order, the group
 * blocks and the nights of the booking left out are looked up per night
 * the same way, only when the type has some in the range (each look-up
 * was a seventh of the statement on booking.create, which usually finds
 * none: 84,000 -> 56,000 instructions a call, callgrind). The nights are
 * the keys of json_each over an array of one element a night (night_series)
 * rather than the rows of a recursive CTE, whose queue is a temporary b-tree
 * built and zeroed at each execution. */
static enum fd_status type_nights(void *ctx, const char *type, fd_date from, fd_date to,
                                  const char *except_id, int *inventory, int *sold, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "WITH g(d) AS (SELECT ?2 + key FROM json_each(?5))"
	     " SELECT g.d,"
	     " coalesce((SELECT rooms FROM type_rooms WHERE type_code = ?1), 0)"
	     " - CASE WHEN EXISTS (SELECT 1 FROM rooms WHERE type_code = ?1 AND maint = 'ooo'"
	     "    AND maint_from < ?3 AND maint_to > ?2)"
	     "  THEN (SELECT count(*) FROM rooms WHERE type_code = ?1 AND maint = 'ooo'"
	     "    AND maint_from <= g.d AND maint_to > g.d) ELSE 0 END"
	     " - CASE WHEN EXISTS (SELECT 1 FROM room_blocks k CROSS JOIN rooms r ON r.number = k.room"
	     "    WHERE r.type_code = ?1 AND k.start < ?3 AND k.end > ?2)"
	     "  THEN (SELECT count(DISTINCT r.number) FROM room_blocks k"
	     "    CROSS JOIN rooms r ON r.number = k.room WHERE r.type_code = ?1 AND k.start <= g.d"
	     "    AND k.end > g.d AND NOT (r.maint = 'ooo' AND r.maint_from <= g.d AND r.maint_to > g.d))"
	     "  ELSE 0 END,"
	     " coalesce(t.sold, 0)"
	     " - CASE WHEN EXISTS (SELECT 1 FROM stay_nights WHERE booking_id = ?4)"
	     "  THEN EXISTS (SELECT 1 FROM stay_nights x WHERE x.booking_id = ?4 AND x.night = g.d"
	     "   AND x.type_code = ?1) ELSE 0 END"
	     " + CASE WHEN EXISTS (SELECT 1 FROM group_block_rooms WHERE type_code = ?1"
	     "   AND night >= ?2 AND night < ?3)"
	     "  THEN (SELECT coalesce(sum(max(0, r.rooms - (SELECT count(*) FROM bookings b"
	     "    CROSS JOIN stay_nights n ON n.booking_id = b.id AND n.night = g.d"
	     "    WHERE b.block_id = r.block_id AND b.block_id <> '' AND b.type_code = ?1"
	     "    AND b.id <> ?4))), 0)"
	     "  FROM group_block_rooms r JOIN group_blocks k ON k.id = r.block_id"
	     "  WHERE r.type_code = ?1 AND r.night = g.d AND k.released = 0) ELSE 0 END"
	     " FROM g"
	     " LEFT JOIN type_night_sold t ON t.type_code = ?1 AND t.night = g.d",
	     err);
	fd_bind_text(s, 1, type);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	fd_bind_text(s, 4, except_id ? except_id : "");
	int n = to > from ? to - from : 0;
	char small[2 * 32 + 2];
	char *series = n <= 32 ? small : malloc(2 * (size_t)n + 2);
	if (!series)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	sqlite3_bind_text(s, 5, night_series(series, n), -1, SQLITE_STATIC);
	for (fd_date d = from; d < to; d++)
		inventory[d - from] = sold[d - from] = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_date d = sqlite3_column_int(s, 0);
		if (d >= from && d < to) {
			inventory[d - from] = sqlite3_column_int(s, 1);
			sold[d - from] = sqlite3_column_int(s, 2);
		}
	}
	sqlite3_reset(s);
	if (series != small)
		free(series);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "counting availability");
}

static enum fd_status free_rooms(void *ctx, const char *type, fd_date from, fd_date to,
                                 char (*out)[FD_ROOMNO_LEN], int max, int *n, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT number FROM rooms r WHERE type_code = ?1"
	     " AND NOT (maint = 'ooo' AND maint_from < ?3 AND maint_to > ?2)"
	     " AND NOT EXISTS (SELECT 1 FROM room_blocks k WHERE k.room = r.number"
	     "  AND k.start < ?3 AND k.end > ?2)"
	     " AND NOT EXISTS (SELECT 1 FROM stay_nights n WHERE n.room = r.number"
	     "  AND n.night >= ?2 AND n.night < ?3)"
	     " ORDER BY floor, length(number), number LIMIT ?4",
	     err);
	fd_bind_text(s, 1, type);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	sqlite3_bind_int(s, 4, max);
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		fd_col_text(s, 0, out[(*n)++], FD_ROOMNO_LEN);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing free rooms");
}

/* --- staff --- */

static enum fd_status get_staff(void *ctx, const char *username, struct fd_staff *st_out,
                                struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT id, username, display_name, role, dept, section, active, on_shift, version"
	     " FROM staff WHERE username = ?1",
	     err);
	fd_bind_text(s, 1, username);
	enum fd_status st = fd_step_one(db, s, err, "reading a staff member");
	if (st == FD_OK) {
		char role[16], dept[24];
		fd_col_text(s, 0, st_out->id, sizeof st_out->id);
		fd_col_text(s, 1, st_out->username, sizeof st_out->username);
		fd_col_text(s, 2, st_out->display_name, sizeof st_out->display_name);
		fd_col_text(s, 3, role, sizeof role);
		fd_col_text(s, 4, dept, sizeof dept);
		fd_role_parse(role, &st_out->role);
		fd_dept_parse(dept, &st_out->dept);
		fd_col_text(s, 5, st_out->section, sizeof st_out->section);
		st_out->active = sqlite3_column_int(s, 6);
		st_out->on_shift = sqlite3_column_int(s, 7);
		st_out->version = sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_staff(void *ctx, const struct fd_staff *m, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO staff (id, username, display_name, role, dept, section, active, on_shift,"
	     " version, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	     " ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name,"
	     " role = excluded.role, dept = excluded.dept, section = excluded.section,"
	     " active = excluded.active, on_shift = excluded.on_shift, version = excluded.version,"
	     " updated_at = excluded.updated_at",
	     err);
	fd_bind_text(s, 1, m->id);
	fd_bind_text(s, 2, m->username);
	fd_bind_text(s, 3, m->display_name);
	fd_bind_text(s, 4, fd_role_name(m->role));
	fd_bind_text(s, 5, fd_dept_name(m->dept));
	fd_bind_text(s, 6, m->section);
	sqlite3_bind_int(s, 7, m->active);
	sqlite3_bind_int(s, 8, m->on_shift);
	sqlite3_bind_int64(s, 9, m->version);
	sqlite3_bind_int64(s, 10, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "saving a staff member");
	return st ? st : fd_db_changed(db, "staff", m->username, err);
}

/* --- housekeeping tasks --- */

static enum fd_status get_task(void *ctx, const char *id, struct fd_hk_task *t, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "SELECT id, room, date, kind, attendant, status, version, done_by, done_at FROM hk_tasks"
	     " WHERE id = ?1",
	     err);
	fd_bind_text(s, 1, id);
	enum fd_status st = fd_step_one(db, s, err, "reading a task");
	if (st == FD_OK) {
		char kind[16], status[16];
		fd_col_text(s, 0, t->id, sizeof t->id);
		fd_col_text(s, 1, t->room, sizeof t->room);
		t->date = sqlite3_column_int(s, 2);
		fd_col_text(s, 3, kind, sizeof kind);
		fd_col_text(s, 4, t->attendant, sizeof t->attendant);
		fd_col_text(s, 5, status, sizeof status);
		fd_task_kind_parse(kind, &t->kind);
		fd_task_status_parse(status, &t->status);
		t->version = sqlite3_column_int64(s, 6);
		fd_col_text(s, 7, t->done_by, sizeof t->done_by);
		t->done_at = sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_task(void *ctx, const struct fd_hk_task *t, struct fd_error *err)
{
	struct fd_db *db = ctx;
	STMT(db,
	     "INSERT INTO hk_tasks (id, room, date, kind, attendant, status, version, updated_at,"
	     " done_by, done_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(id) DO UPDATE SET"
	     " attendant = excluded.attendant, status = excluded.status,"
	     " version = excluded.version, updated_at = excluded.updated_at,"
	     " done_by = excluded.done_by, done_at = excluded.done_at",
	     err);
	fd_bind_text(s, 1, t->id);
	fd_bind_text(s, 2, t->room);
	sqlite3_bind_int(s, 3, t->date);
	fd_bind_text(s, 4, fd_task_kind_name(t->kind));
	fd_bind_text(s, 5, t->attendant);
	fd_bind_text(s, 6, fd_task_status_name(t->status));
	sqlite3_bind_int64(s, 7, t->version);
	sqlite3_bind_int64(s, 8, (int64_t)time(NULL));
	fd_bind_text(s, 9, t->done_by);
	sqlite3_bind_int64(s, 10, t->done_at);
	enum fd_status st = fd_step_done(db, s, err, "saving a task");
	return st ? st : fd_db_changed(db, "task", t->id, err);
}

static enum fd_status room_open_tasks(void *ctx, const char *room, fd_date date, struct fd_hk_task **out,
                                      int *n, struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	STMT(db,
	     "SELECT id FROM hk_tasks WHERE room = ?1 AND date = ?2 AND status = 'open'"
	     " ORDER BY kind, id LIMIT 16",
	     err);
	fd_bind_text(s, 1, room);
	sqlite3_bind_int(s, 2, date);
	/* Ids first: reading each task uses another statement. */
	char ids[16][FD_ID_LEN];
	int k = 0;
	while (k < 16 && sqlite3_step(s) == SQLITE_ROW)
		fd_col_text(s, 0, ids[k++], FD_ID_LEN);
	sqlite3_reset(s);
	if (k == 0)
		return FD_OK;
	*out = calloc((size_t)k, sizeof **out);
	if (!*out)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
	for (int i = 0; i < k; i++) {
		enum fd_status st = get_task(db, ids[i], &(*out)[i], err);
		if (st) {
			free(*out);
			*out = NULL;
			return st;
		}
	}
	*n = k;
	return FD_OK;
}

static enum fd_status guest_bookings(void *ctx, const char *guest_id, struct fd_booking **out, int *n,
                                     struct fd_error *err)
{
	struct fd_db *db = ctx;
	*out = NULL;
	*n = 0;
	STMT(db, "SELECT id FROM bookings WHERE guest_id = ?1 ORDER BY arrival, id", err);
	fd_bind_text(s, 1, guest_id);
	/* Ids first: reading each booking uses another statement. */
	char(*ids)[FD_ID_LEN] = NULL;
	int k = 0, cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? 2 * cap : 16;
			char(*grown)[FD_ID_LEN] = realloc(ids, (size_t)cap * sizeof *ids);
			if (!grown) {
				sqlite3_reset(s);
				free(ids);
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
			}
			ids = grown;
		}
		fd_col_text(s, 0, ids[k++], FD_ID_LEN);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		return fd_db_fail(db, err, "listing a guest's bookings");
	}
	if (k == 0)
		return FD_OK;
	*out = calloc((size_t)k, sizeof **out);
	enum fd_status st = *out ? FD_OK : fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
	for (int i = 0; !st && i < k; i++)
		st = get_booking(db, ids[i], &(*out)[i], err);
	free(ids);
	if (st) {
		free(*out);
		*out = NULL;
		return st;
	}
	*n = k;
	return FD_OK;
}

/* --- conflict notices --- */

/* A terminal keeps the notices it replicated in conflicts (core v4); the
 * server makes them in srv_conflicts (its own chain). Same columns. */
static bool server_notices(struct fd_db *db)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT 1 FROM sqlite_master WHERE name = 'srv_conflicts'", NULL);
	bool yes = s && sqlite3_step(s) == SQLITE_ROW;
	if (s)
		sqlite3_reset(s);
	return yes;
}

static enum fd_status get_conflict(void *ctx, const char *id, struct fd_conflict *c, struct fd_error *err)
{
	struct fd_db *db = ctx;
	static const char local[] =
	    "SELECT id, op_id, type, code, actor, details, resolved, resolved_by, version"
	    " FROM conflicts WHERE id = ?1";
	static const char server[] =
	    "SELECT id, op_id, type, code, actor, details, resolved, resolved_by, version"
	    " FROM srv_conflicts WHERE id = ?1";
	STMT(db, server_notices(db) ? server : local, err);
	fd_bind_text(s, 1, id);
	enum fd_status st = fd_step_one(db, s, err, "reading a conflict notice");
	if (st == FD_OK) {
		fd_col_text(s, 0, c->id, sizeof c->id);
		fd_col_text(s, 1, c->op_id, sizeof c->op_id);
		fd_col_text(s, 2, c->type, sizeof c->type);
		fd_col_text(s, 3, c->code, sizeof c->code);
		fd_col_text(s, 4, c->actor, sizeof c->actor);
		fd_col_text(s, 5, c->details, sizeof c->details);
		c->resolved = sqlite3_column_int(s, 6);
		fd_col_text(s, 7, c->resolved_by, sizeof c->resolved_by);
		c->version = sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
	return st;
}

static enum fd_status put_conflict(void *ctx, const struct fd_conflict *c, struct fd_error *err)
{
	struct fd_db *db = ctx;
	static const char local[] = "UPDATE conflicts SET resolved = ?2, resolved_by = ?3, version = ?4,"
	                            " updated_at = ?5 WHERE id = ?1";
	static const char server[] = "UPDATE srv_conflicts SET resolved = ?2, resolved_by = ?3, version = ?4,"
	                             " updated_at = ?5 WHERE id = ?1";
	STMT(db, server_notices(db) ? server : local, err);
	fd_bind_text(s, 1, c->id);
	sqlite3_bind_int(s, 2, c->resolved);
	fd_bind_text(s, 3, c->resolved_by);
	sqlite3_bind_int64(s, 4, c->version);
	sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "resolving a conflict notice");
	return st ? st : fd_db_changed(db, "conflict", c->id, err);
}

void fd_repo_sqlite_init(struct fd_db *db)
{
	db->repo = (struct fd_repo){
	    .ctx = db,
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
	    .room_open_tasks = room_open_tasks,
	    .type_sold = type_sold,
	    .type_inventory = type_inventory,
	    .type_nights = type_nights,
	    .type_days = type_days,
	    .type_day_uses = type_day_uses,
	    .free_rooms = free_rooms,
	    .get_staff = get_staff,
	    .put_staff = put_staff,
	    .get_task = get_task,
	    .put_task = put_task,
	    .get_conflict = get_conflict,
	    .put_conflict = put_conflict,
	};
	fd_repo_folio_init(db);
	fd_repo_invoice_init(db);
	fd_repo_mail_init(db);
	fd_repo_group_init(db);
}
