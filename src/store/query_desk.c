// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/query_desk.h"
#include "store/row.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/fold.h"

/* The board's order as SQL, shared by every query that pages rooms. */
#define BOARD_ORDER " ORDER BY r.floor, length(r.number), r.number"
#define TYPE_RANK "(SELECT rank FROM room_types t WHERE t.code = r.type_code)"
#define TYPE_ORDER " ORDER BY " TYPE_RANK ", r.type_code, r.floor, length(r.number), r.number"

/* The in-house booking from the index of in-house bookings alone (a few
 * hundred entries): the planner took bookings_room_status, a seek into an
 * entry per booking of the hotel, twice a room (a quarter of the rooms
 * page of every room at 500,000 bookings). */
#define ROOM_COLS                                                                                            \
	"r.number, r.type_code, r.floor, r.section, r.clean, r.maint, r.maint_reason,"                       \
	" r.maint_from, r.maint_to, r.dnd, r.mur, r.hk_occupied, r.version, r.id,"                           \
	" (SELECT code FROM bookings b INDEXED BY bookings_in_house"                                         \
	"   WHERE b.room = r.number AND b.status = 'checked_in' LIMIT 1),"                                   \
	" EXISTS (SELECT 1 FROM bookings b INDEXED BY bookings_in_house"                                     \
	"   WHERE b.room = r.number AND b.status = 'checked_in' AND +b.departure <= ?1),"                    \
	" EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number AND +b.status = 'reserved'"               \
	"   AND b.arrival = ?1),"                                                                            \
	" " ATTENDANT

/* Who cleans the room today: the attendant of its latest task of the day
 * (the first in the index's order of those written last). Said as "no
 * later one" rather than ORDER BY updated_at DESC LIMIT 1, which built a
 * temporary b-tree for every room even when it had no task (a third of
 * the rooms page of every room). */
#define ATTENDANT                                                                                            \
	"coalesce((SELECT t.attendant FROM hk_tasks t WHERE t.room = r.number AND t.date = ?1"               \
	" AND t.status <> 'cancelled' AND t.attendant <> '' AND NOT EXISTS (SELECT 1 FROM hk_tasks u"        \
	"  WHERE u.room = t.room AND u.date = t.date AND u.status <> 'cancelled' AND u.attendant <> ''"      \
	"  AND u.updated_at > t.updated_at) LIMIT 1), '')"

#define OCCUPIED "EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number AND b.status = 'checked_in')"

/* The housekeeping orders: departures first, then by cleaning status; the
 * supervisor's late arrivals first. */
#define HK_ORDER                                                                                             \
	" ORDER BY NOT EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number"                             \
	"  AND b.status = 'checked_in' AND +b.departure <= ?1),"                                             \
	" CASE r.clean WHEN 'dirty' THEN 0 WHEN 'pickup' THEN 1 WHEN 'clean' THEN 2 ELSE 3 END,"             \
	" r.section, r.floor, length(r.number), r.number"
#define HK_ATTENDANT_ORDER                                                                                   \
	" ORDER BY " ATTENDANT " = '', " ATTENDANT ","                                                       \
	" CASE r.clean WHEN 'dirty' THEN 0 WHEN 'pickup' THEN 1 WHEN 'clean' THEN 2 ELSE 3 END,"             \
	" r.section, r.floor, length(r.number), r.number"
#define HK_SECTION_ORDER " ORDER BY r.section, r.floor, length(r.number), r.number"
#define DISCREPANCY_WHERE " WHERE r.hk_occupied <> " OCCUPIED
#define SUPERVISOR_WHERE " WHERE r.clean <> 'inspected'"
#define SUPERVISOR_ORDER                                                                                     \
	" ORDER BY NOT (r.clean IN ('dirty', 'pickup') AND EXISTS (SELECT 1 FROM bookings b"                 \
	"  WHERE b.room = r.number AND +b.status = 'reserved' AND b.arrival = ?1)),"                         \
	" r.clean <> 'clean', r.section, r.floor, length(r.number), r.number"

/* A page of rooms: the page's rooms are picked and numbered first, and the
 * columns (each a few lookups) are read for those rows only, not for every
 * room of the hotel before the sort (a 50-room page of a 1,000-room hotel
 * read 20 times fewer bookings). ?1 today, ?2 offset, ?3 limit. */
#define ROOM_PAGE_SQL(WHERE, ORDER)                                                                          \
	"SELECT " ROOM_COLS " FROM (SELECT r.number AS pn, row_number() OVER (" ORDER ") AS k"               \
	" FROM rooms r" WHERE " ORDER BY k LIMIT ?3 OFFSET ?2) p CROSS JOIN rooms r ON r.number = p.pn"      \
	" ORDER BY p.k"
/* The board's two orders without the window function, which numbered
 * every room of the hotel through a temporary table to keep 50 (1.3 ms of
 * the 50-room board at 1,000 rooms): by floor the index rooms_board (core
 * migration 33) is the order, so OFFSET steps over index entries and only
 * the page's rows are read; by type the page is picked with its sort keys,
 * and only its rows are sorted again. */
#define BOARD_PAGE_ROOMS_SQL "SELECT " ROOM_COLS " FROM rooms r" BOARD_ORDER " LIMIT ?3 OFFSET ?2"
#define TYPE_PAGE_ROOMS_SQL                                                                                  \
	"SELECT " ROOM_COLS " FROM (SELECT r.number AS pn, " TYPE_RANK " AS k1, r.type_code AS k2,"          \
	" r.floor AS k3, length(r.number) AS k4 FROM rooms r ORDER BY 2, 3, 4, 5, 1 LIMIT ?3 OFFSET ?2) p"   \
	" CROSS JOIN rooms r ON r.number = p.pn ORDER BY p.k1, p.k2, p.k3, p.k4, p.pn"
static const char *const room_page_sql[] = {
    [FD_ROOMS_BOARD] = BOARD_PAGE_ROOMS_SQL,
    [FD_ROOMS_BY_TYPE] = TYPE_PAGE_ROOMS_SQL,
    [FD_ROOMS_HK] = ROOM_PAGE_SQL("", HK_ORDER),
    [FD_ROOMS_DISCREPANCY] = ROOM_PAGE_SQL(DISCREPANCY_WHERE, BOARD_ORDER),
    [FD_ROOMS_SUPERVISOR] = ROOM_PAGE_SQL(SUPERVISOR_WHERE, SUPERVISOR_ORDER),
    [FD_ROOMS_HK_ATTENDANT] = ROOM_PAGE_SQL("", HK_ATTENDANT_ORDER),
    [FD_ROOMS_HK_SECTION] = ROOM_PAGE_SQL("", HK_SECTION_ORDER),
};

/* A room's row in each order: the same FROM, WHERE and ORDER BY as the
 * pages above, numbered by a window function (?1 today, ?2 the room). */
#define POSITION_SQL(WHERE, ORDER)                                                                           \
	"SELECT pos FROM (SELECT r.number AS number, row_number() OVER (" ORDER ") - 1 AS pos"               \
	" FROM rooms r" WHERE ") WHERE number = ?2"
static const char *const room_position_sql[] = {
    [FD_ROOMS_BOARD] = POSITION_SQL("", BOARD_ORDER),
    [FD_ROOMS_BY_TYPE] = POSITION_SQL("", TYPE_ORDER),
    [FD_ROOMS_HK] = POSITION_SQL("", HK_ORDER),
    [FD_ROOMS_DISCREPANCY] = POSITION_SQL(DISCREPANCY_WHERE, BOARD_ORDER),
    [FD_ROOMS_SUPERVISOR] = POSITION_SQL(SUPERVISOR_WHERE, SUPERVISOR_ORDER),
    [FD_ROOMS_HK_ATTENDANT] = POSITION_SQL("", HK_ATTENDANT_ORDER),
    [FD_ROOMS_HK_SECTION] = POSITION_SQL("", HK_SECTION_ORDER),
};

static const char *const room_count_sql[] = {
    [FD_ROOMS_BOARD] = "SELECT count(*) FROM rooms WHERE ?1 = ?1",
    [FD_ROOMS_BY_TYPE] = "SELECT count(*) FROM rooms WHERE ?1 = ?1",
    [FD_ROOMS_HK] = "SELECT count(*) FROM rooms WHERE ?1 = ?1",
    [FD_ROOMS_DISCREPANCY] = "SELECT count(*) FROM rooms r WHERE ?1 = ?1 AND r.hk_occupied <> " OCCUPIED,
    [FD_ROOMS_SUPERVISOR] = "SELECT count(*) FROM rooms r WHERE ?1 = ?1 AND r.clean <> 'inspected'",
    [FD_ROOMS_HK_ATTENDANT] = "SELECT count(*) FROM rooms WHERE ?1 = ?1",
    [FD_ROOMS_HK_SECTION] = "SELECT count(*) FROM rooms WHERE ?1 = ?1",
};

void fd_query_tune_for_screens(struct fd_db *db)
{
	/* The screens re-read the same pages on every key: keep them in this
	 * connection's cache rather than asking the kernel each time. The
	 * file is mapped up to 1 GiB, so a 500,000-booking hotel (800 MB) is
	 * read in place: with 256 MB, every page past them was copied in by
	 * pread when the 32 MB cache had let it go (a quarter of the CPU time
	 * of the board for all 1,000 rooms, 64 ms against 48 ms). The mapping
	 * is the kernel's file cache, not memory of this process's own. */
	fd_db_exec(db, "PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;", NULL);
}

static enum fd_status count_one(struct fd_db *db, sqlite3_stmt *s, int *n, struct fd_error *err,
                                const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, what);
}

enum fd_status fd_query_room_count(struct fd_db *db, enum fd_room_order order, fd_date today, int *n,
                                   struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, room_count_sql[order], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, today);
	return count_one(db, s, n, err, "counting rooms");
}

enum fd_status fd_query_rooms_page(struct fd_db *db, enum fd_room_order order, fd_date today, int offset,
                                   int limit, fd_room_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, room_page_sql[order], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, today);
	sqlite3_bind_int(s, 2, offset);
	sqlite3_bind_int(s, 3, limit);
	return fd_stream_room_rows(db, s, today, cb, ctx, err, "listing rooms");
}

enum fd_status fd_query_room_index(struct fd_db *db, enum fd_room_order order, const char *number, int *index,
                                   struct fd_error *err)
{
	static const char *const sql[] = {
	    [FD_ROOMS_BOARD] =
	        "SELECT (SELECT count(*) FROM rooms r2 WHERE (r2.floor, length(r2.number), r2.number)"
	        "  < (r.floor, length(r.number), r.number)) FROM rooms r WHERE r.number = ?1",
	    [FD_ROOMS_BY_TYPE] =
	        "SELECT (SELECT count(*) FROM rooms r2 WHERE ((SELECT rank FROM room_types t WHERE t.code = "
	        "r2.type_code),"
	        "  r2.type_code, r2.floor, length(r2.number), r2.number)"
	        "  < (" TYPE_RANK
	        ", r.type_code, r.floor, length(r.number), r.number)) FROM rooms r WHERE r.number = ?1",
	};
	sqlite3_stmt *s =
	    fd_db_stmt(db, sql[order == FD_ROOMS_BY_TYPE ? FD_ROOMS_BY_TYPE : FD_ROOMS_BOARD], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*index = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return fd_fail(err, FD_E_NOT_FOUND, "room_not_found", "room", "no room %s", number);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "finding a room");
}

enum fd_status fd_query_room_position(struct fd_db *db, enum fd_room_order order, fd_date today,
                                      const char *number, int *index, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, room_position_sql[order], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, today);
	sqlite3_bind_text(s, 2, number, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*index = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return fd_fail(err, FD_E_NOT_FOUND, "room_not_found", "room", "room %s is not in this list",
		               number);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "finding a room");
}

/* What the board shows of a stay: the booking's id, code, room, dates and
 * status and the guest's name kept with it (core step 43), all of them in
 * the index bookings_board, so a page is read without a booking's row or
 * a look-up of its guest. */
#define BOARD_ROW_COLS "b.id, b.code, b.room, b.arrival, b.departure, b.status, b.guest_name"

/* A row of BOARD_ROW_COLS; the rest of the booking is zero. */
static void read_board_row(sqlite3_stmt *s, struct fd_booking_row *row)
{
	char status[16];
	memset(row, 0, sizeof *row);
	fd_col_text(s, 0, row->b.id, sizeof row->b.id);
	fd_col_text(s, 1, row->b.code, sizeof row->b.code);
	fd_col_text(s, 2, row->b.room, sizeof row->b.room);
	row->b.arrival = sqlite3_column_int(s, 3);
	row->b.departure = sqlite3_column_int(s, 4);
	fd_col_text(s, 5, status, sizeof status);
	fd_booking_status_parse(status, &row->b.status);
	fd_col_text(s, 6, row->guest_name, sizeof row->guest_name);
}

/* The board page as one statement: every booking with a night of the
 * window in a room of the page, by the guard table. It is what the board
 * shows, and the fast path below answers only when it finds exactly these
 * bookings; otherwise this answers (tests/unit/test_board.c compares the
 * two over many windows and pages). ?1 from, ?2 to, ?3 offset, ?4 limit. */
#define BOARD_PAGE_SQL(ORDER)                                                                                \
	"SELECT " BOARD_ROW_COLS " FROM bookings b"                                                          \
	" WHERE b.id IN (SELECT booking_id FROM stay_nights WHERE night >= ?1 AND night < ?2"                \
	"  AND room IN (SELECT r.number FROM rooms r" ORDER " LIMIT ?4 OFFSET ?3))"                          \
	" ORDER BY b.room, b.arrival"
static const char *const board_page_sql[] = {
    [FD_ROOMS_BOARD] = BOARD_PAGE_SQL(BOARD_ORDER),
    [FD_ROOMS_BY_TYPE] = BOARD_PAGE_SQL(TYPE_ORDER),
};
/* The page's room numbers (?1 offset, ?2 limit). */
static const char *const board_rooms_sql[] = {
    [FD_ROOMS_BOARD] = "SELECT r.number FROM rooms r" BOARD_ORDER " LIMIT ?2 OFFSET ?1",
    [FD_ROOMS_BY_TYPE] = "SELECT r.number FROM rooms r" TYPE_ORDER " LIMIT ?2 OFFSET ?1",
};
/* A room's nights of the window in the guard table (?1 room, ?2 from, ?3 to). */
static const char board_nights_sql[] =
    "SELECT booking_id FROM stay_nights WHERE room = ?1 AND night >= ?2 AND night < ?3";
/* A room's stays that arrive before the window ends, latest first, from
 * the index bookings_board alone (core steps 42 and 43): ?1 room, ?2 to.
 * board_fast reads them back to the first that left before the window,
 * as a room's stays do not overlap; one that does (its nights moved to
 * another room) is read by id if the guard table has it on the page. */
static const char board_stays_sql[] = "SELECT " BOARD_ROW_COLS " FROM bookings b"
                                      " WHERE b.room = ?1 AND b.arrival < ?2"
                                      " AND " FD_BOARD_STAY_SQL("b.") " ORDER BY b.arrival DESC";
/* A booking the page's rooms' stays did not find (moved mid-stay). */
static const char board_stay_sql[] = "SELECT " BOARD_ROW_COLS " FROM bookings b WHERE b.id = ?1";
/* At most this many of those are read one by one and merged in; more
 * (a page of unusual data) and the plain statement answers. */
#define BOARD_MAX_OTHERS 64

/* The ids the guard table holds for the page: an open-addressed set,
 * each entry marked once a room's stays found it. */
struct id_set {
	char (*id)[FD_ID_LEN];
	bool *found;
	size_t cap, n, n_found;
};

/* An id into a slot (cut as snprintf would, without its format parser). */
static void copy_id(char out[FD_ID_LEN], const char *id)
{
	size_t n = strnlen(id, FD_ID_LEN - 1);
	memcpy(out, id, n);
	out[n] = '\0';
}

/* Eight bytes at a time (FNV over every byte was 6 % of the board for all
 * rooms); ids are UUID text, so every word varies. */
static size_t id_hash(const char *id)
{
	size_t n = strnlen(id, FD_ID_LEN);
	uint64_t h = n, w;
	for (; n >= 8; id += 8, n -= 8) {
		memcpy(&w, id, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, id, n);
	h = (h ^ w) * 0x9e3779b97f4a7c15u;
	return (size_t)(h ^ (h >> 32));
}

/* The slot of id, or of the empty slot where it would go. */
static size_t id_slot(const struct id_set *set, const char *id)
{
	size_t k = id_hash(id) & (set->cap - 1);
	while (set->id[k][0] && strcmp(set->id[k], id) != 0)
		k = (k + 1) & (set->cap - 1);
	return k;
}

static bool id_add(struct id_set *set, const char *id)
{
	if (2 * (set->n + 1) > set->cap) {
		struct id_set grown = {.cap = set->cap ? 2 * set->cap : 256};
		grown.id = calloc(grown.cap, sizeof *grown.id);
		grown.found = calloc(grown.cap, sizeof *grown.found);
		if (!grown.id || !grown.found) {
			free(grown.id);
			free(grown.found);
			return false;
		}
		for (size_t k = 0; k < set->cap; k++)
			if (set->id[k][0]) {
				size_t to = id_slot(&grown, set->id[k]);
				memcpy(grown.id[to], set->id[k], FD_ID_LEN);
				grown.found[to] = set->found[k];
			}
		grown.n = set->n;
		grown.n_found = set->n_found;
		free(set->id);
		free(set->found);
		*set = grown;
	}
	size_t k = id_slot(set, id);
	if (!set->id[k][0]) {
		copy_id(set->id[k], id);
		set->n++;
	}
	return true;
}

static bool *id_found(const struct id_set *set, const char *id)
{
	if (!set->cap || !id)
		return NULL;
	size_t k = id_slot(set, id);
	return set->id[k][0] ? &set->found[k] : NULL;
}

struct board_room {
	char number[FD_ROOMNO_LEN];
};

static int cmp_board_room(const void *a, const void *b)
{
	return strcmp(((const struct board_room *)a)->number, ((const struct board_room *)b)->number);
}

/* The rows' order: room, then arrival. */
static int cmp_board_row(const void *a, const void *b)
{
	const struct fd_booking *x = &((const struct fd_booking_row *)a)->b;
	const struct fd_booking *y = &((const struct fd_booking_row *)b)->b;
	int c = strcmp(x->room, y->room);
	return c ? c : (x->arrival > y->arrival) - (x->arrival < y->arrival);
}

/* A stay of the page's rooms as read from the index, kept until the page
 * is known to be whole: its room is the page's room `room`, its guest's
 * name at `name` in the names buffer. */
struct board_stay {
	char id[FD_ID_LEN];
	char code[FD_CODE_LEN];
	enum fd_booking_status status;
	fd_date arrival, departure;
	int room;
	size_t name;
};

struct board_stays {
	struct board_stay *v;
	size_t n, cap;
	char *names;
	size_t used, size;
};

/* The current row of board_stays_sql (BOARD_ROW_COLS) of room into st. */
static bool stay_add(struct board_stays *st, sqlite3_stmt *s, int room)
{
	const char *name = (const char *)sqlite3_column_blob(s, 6);
	size_t len = (size_t)sqlite3_column_bytes(s, 6);
	if (len > 2 * FD_NAME_LEN + 1)
		len = 2 * FD_NAME_LEN + 1; /* as fd_col_text cuts it into guest_name */
	if (st->n == st->cap) {
		size_t cap = st->cap ? 2 * st->cap : 1024;
		void *grown = realloc(st->v, cap * sizeof *st->v);
		if (!grown)
			return false;
		st->v = grown;
		st->cap = cap;
	}
	if (st->used + len + 1 > st->size) {
		size_t size = st->size ? 2 * st->size : 32768;
		while (size < st->used + len + 1)
			size *= 2;
		char *grown = realloc(st->names, size);
		if (!grown)
			return false;
		st->names = grown;
		st->size = size;
	}
	struct board_stay *v = &st->v[st->n++];
	char status[16];
	fd_col_text(s, 0, v->id, sizeof v->id);
	fd_col_text(s, 1, v->code, sizeof v->code);
	v->arrival = sqlite3_column_int(s, 3);
	v->departure = sqlite3_column_int(s, 4);
	fd_col_text(s, 5, status, sizeof status);
	v->status = (enum fd_booking_status)0; /* as read_board_row leaves it */
	fd_booking_status_parse(status, &v->status);
	v->room = room;
	v->name = st->used;
	if (len)
		memcpy(st->names + st->used, name, len);
	st->names[st->used + len] = '\0';
	st->used += len + 1;
	return true;
}

/* The row read_board_row would have read for a kept stay: row is zero
 * but for the fields the last stay written into it, cleared here. */
static void stay_row(const struct board_stays *st, size_t i, const struct board_room *r,
                     struct fd_booking_row *row)
{
	const struct board_stay *v = &st->v[i];
	memset(row->b.id, 0, sizeof row->b.id);
	memset(row->b.code, 0, sizeof row->b.code);
	memset(row->b.room, 0, sizeof row->b.room);
	memset(row->guest_name, 0, sizeof row->guest_name);
	memcpy(row->b.id, v->id, strlen(v->id));
	memcpy(row->b.code, v->code, strlen(v->code));
	memcpy(row->b.room, r[v->room].number, strlen(r[v->room].number));
	row->b.arrival = v->arrival;
	row->b.departure = v->departure;
	row->b.status = v->status;
	const char *name = st->names + v->name;
	memcpy(row->guest_name, name, strlen(name));
}

enum board_fast { BOARD_DONE, BOARD_FALL_BACK, BOARD_FAILED };

/* The page room by room, in the order of the rows (b.room, b.arrival):
 * each room's stays from its bookings by arrival (an index range read
 * backwards from the window's end), and the set of bookings the guard
 * table holds for the page, which decides which of them are on it. A stay
 * whose nights lie in another room than its own (a guest moved mid-stay
 * keeps last night's room, and the new room may be on another page), or
 * that overlaps an earlier stay of its room, is not among the page's
 * rooms' stays: the few of those are read by id and merged in. When
 * memory fails, or there are many of those, BOARD_FALL_BACK before any row
 * is handed over. */
static enum board_fast board_fast(struct fd_db *db, enum fd_room_order order, fd_date from, fd_date to,
                                  int offset, int limit, fd_booking_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *rooms = fd_db_stmt(db, board_rooms_sql[order], err);
	sqlite3_stmt *nights = rooms ? fd_db_stmt(db, board_nights_sql, err) : NULL;
	sqlite3_stmt *stays = nights ? fd_db_stmt(db, board_stays_sql, err) : NULL;
	if (!stays)
		return BOARD_FAILED;
	struct board_room *r = NULL;
	int n = 0, cap = 0, rc;
	enum board_fast out = BOARD_DONE;
	sqlite3_bind_int(rooms, 1, offset);
	sqlite3_bind_int(rooms, 2, limit);
	while (out == BOARD_DONE && (rc = sqlite3_step(rooms)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			void *grown = realloc(r, (size_t)cap * sizeof *r);
			if (!grown)
				out = BOARD_FALL_BACK;
			else
				r = grown;
		}
		if (out == BOARD_DONE)
			fd_col_text(rooms, 0, r[n++].number, sizeof r->number);
	}
	if (out == BOARD_DONE && rc != SQLITE_DONE)
		out = BOARD_FAILED;
	sqlite3_reset(rooms);
	if (out == BOARD_DONE && n > 1)
		qsort(r, (size_t)n, sizeof *r, cmp_board_room);

	/* The guard table's bookings; a stay's nights are consecutive rows,
	 * so most rows repeat the one before and are passed over by their
	 * bytes, without a copy. */
	struct id_set set = {0};
	char last[FD_ID_LEN] = "", id[FD_ID_LEN];
	size_t last_len = 0;
	for (int i = 0; i < n && out == BOARD_DONE; i++) {
		sqlite3_bind_text(nights, 1, r[i].number, -1, SQLITE_STATIC);
		sqlite3_bind_int(nights, 2, from);
		sqlite3_bind_int(nights, 3, to);
		while (out == BOARD_DONE && (rc = sqlite3_step(nights)) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_blob(nights, 0);
			size_t len = t ? (size_t)sqlite3_column_bytes(nights, 0) : 0;
			if (!len || (len == last_len && memcmp(t, last, len) == 0))
				continue;
			fd_col_text(nights, 0, id, sizeof id);
			memcpy(last, id, sizeof last);
			last_len = len < FD_ID_LEN ? len : 0; /* longer: never equal */
			if (!id_add(&set, id))
				out = BOARD_FALL_BACK;
		}
		if (out == BOARD_DONE && rc != SQLITE_DONE)
			out = BOARD_FAILED;
		sqlite3_reset(nights);
	}
	/* The rooms' own stays, kept while the set says they are on the page
	 * (a room's stay may hold its nights in a room later in the page). */
	struct board_stays kept = {0};
	for (int i = 0; i < n && out == BOARD_DONE; i++) {
		sqlite3_bind_text(stays, 1, r[i].number, -1, SQLITE_STATIC);
		sqlite3_bind_int(stays, 2, to);
		size_t room_first = kept.n;
		while (out == BOARD_DONE && (rc = sqlite3_step(stays)) == SQLITE_ROW) {
			if (sqlite3_column_int(stays, 4) <= from) {
				rc = SQLITE_DONE; /* left before the window: so did those before */
				break;
			}
			fd_col_text(stays, 0, id, sizeof id);
			bool *found = id_found(&set, id);
			if (!found)
				continue; /* no night in the window here */
			if (!*found) {
				*found = true;
				set.n_found++;
			}
			if (!stay_add(&kept, stays, i))
				out = BOARD_FALL_BACK;
		}
		if (out == BOARD_DONE && rc != SQLITE_DONE)
			out = BOARD_FAILED;
		sqlite3_reset(stays);
		/* By arrival, as the rows go out. */
		for (size_t a = room_first, b = kept.n; a + 1 < b; a++, b--) {
			struct board_stay t = kept.v[a];
			kept.v[a] = kept.v[b - 1];
			kept.v[b - 1] = t;
		}
	}
	/* The few the rooms' stays did not find, by id, in the rows' order. */
	struct fd_booking_row *others = NULL;
	size_t n_others = 0, next = 0;
	if (out == BOARD_DONE && set.n_found != set.n) {
		sqlite3_stmt *one = fd_db_stmt(db, board_stay_sql, err);
		others = set.n - set.n_found <= BOARD_MAX_OTHERS
		             ? malloc((set.n - set.n_found) * sizeof *others)
		             : NULL;
		if (!one)
			out = BOARD_FAILED;
		else if (!others)
			out = BOARD_FALL_BACK;
		for (size_t k = 0; k < set.cap && out == BOARD_DONE; k++) {
			if (!set.id[k][0] || set.found[k])
				continue;
			sqlite3_bind_text(one, 1, set.id[k], -1, SQLITE_STATIC);
			if ((rc = sqlite3_step(one)) == SQLITE_ROW)
				read_board_row(one, &others[n_others++]);
			else if (rc != SQLITE_DONE)
				out = BOARD_FAILED;
			sqlite3_reset(one);
		}
		if (n_others > 1)
			qsort(others, n_others, sizeof *others, cmp_board_row);
	}

	/* The rows, room by room, the others merged in where they sort. */
	struct fd_booking_row row;
	memset(&row, 0, sizeof row);
	bool more = true;
	for (size_t i = 0; i < kept.n && out == BOARD_DONE && more; i++) {
		stay_row(&kept, i, r, &row);
		while (more && next < n_others && cmp_board_row(&others[next], &row) < 0)
			more = cb(ctx, &others[next++]);
		more = more && cb(ctx, &row);
	}
	while (out == BOARD_DONE && more && next < n_others)
		more = cb(ctx, &others[next++]);
	free(kept.v);
	free(kept.names);
	free(others);
	free(set.id);
	free(set.found);
	free(r);
	if (out == BOARD_FAILED)
		fd_db_fail(db, err, "listing the board");
	return out;
}

enum fd_status fd_query_board_page(struct fd_db *db, enum fd_room_order order, fd_date from, fd_date to,
                                   int offset, int limit, fd_booking_cb cb, void *ctx, struct fd_error *err)
{
	order = order == FD_ROOMS_BY_TYPE ? FD_ROOMS_BY_TYPE : FD_ROOMS_BOARD;
	/* Its statements read one snapshot, as the one statement did: a read
	 * transaction of its own unless the caller has one. It ends with a
	 * bare COMMIT (fd_db_commit's after-commit work is for writes). */
	static const char begin_sql[] = "BEGIN", commit_sql[] = "COMMIT";
	sqlite3_stmt *commit = NULL;
	if (sqlite3_get_autocommit(fd_db_handle(db))) {
		sqlite3_stmt *begin = fd_db_stmt(db, begin_sql, err);
		commit = begin ? fd_db_stmt(db, commit_sql, err) : NULL;
		if (!commit)
			return fd_error_status(err, FD_E_IO);
		enum fd_status st = fd_step_done(db, begin, err, "starting to read the board");
		if (st)
			return st;
	}
	enum board_fast fast = board_fast(db, order, from, to, offset, limit, cb, ctx, err);
	enum fd_status st = fast == BOARD_FAILED ? fd_error_status(err, FD_E_IO) : FD_OK;
	if (fast == BOARD_FALL_BACK)
		st = fd_query_board_page_plain(db, order, from, to, offset, limit, cb, ctx, err);
	if (commit && (st || fd_step_done(db, commit, NULL, "reading the board")))
		fd_db_rollback(db);
	return st;
}

enum fd_status fd_query_board_page_plain(struct fd_db *db, enum fd_room_order order, fd_date from, fd_date to,
                                         int offset, int limit, fd_booking_cb cb, void *ctx,
                                         struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db, board_page_sql[order == FD_ROOMS_BY_TYPE ? FD_ROOMS_BY_TYPE : FD_ROOMS_BOARD], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	sqlite3_bind_int(s, 3, offset);
	sqlite3_bind_int(s, 4, limit);
	struct fd_booking_row row;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_board_row(s, &row);
		if (!cb(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing the board");
}

enum fd_status fd_query_booking_count(struct fd_db *db, enum fd_booking_list kind, fd_date day, int *n,
                                      struct fd_error *err)
{
	static const char *const sql[] = {
	    [FD_LIST_RANGE] = "SELECT count(*) FROM bookings WHERE arrival <= ?1 AND departure > ?1",
	    [FD_LIST_ARRIVALS] = "SELECT count(*) FROM bookings WHERE arrival = ?1 AND status = 'reserved'",
	    [FD_LIST_DEPARTURES] =
	        "SELECT count(*) FROM bookings WHERE departure <= ?1 AND status = 'checked_in'",
	    [FD_LIST_INHOUSE] = "SELECT count(*) FROM bookings WHERE status = 'checked_in' AND ?1 = ?1",
	};
	sqlite3_stmt *s = fd_db_stmt(db, sql[kind], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, day);
	return count_one(db, s, n, err, "counting bookings");
}

enum fd_status fd_query_history(struct fd_db *db, const char *entity_id, int limit, fd_history_cb cb,
                                void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT applied_at, type, actor, device FROM audit_log WHERE entity = "
	                             "'booking' AND entity_id = ?1"
	                             " ORDER BY seq DESC LIMIT ?2",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, entity_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_history_row h;
		h.at = sqlite3_column_int64(s, 0);
		fd_col_text(s, 1, h.type, sizeof h.type);
		fd_col_text(s, 2, h.actor, sizeof h.actor);
		fd_col_text(s, 3, h.device, sizeof h.device);
		if (!cb(ctx, &h)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading the history");
}

enum fd_status fd_query_staff_page(struct fd_db *db, fd_date day, int offset, int limit, fd_staff_cb cb,
                                   void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "SELECT s.username, s.display_name, s.role, s.dept, s.section, s.on_shift, s.active, s.id,"
	    " (SELECT count(*) FROM hk_tasks t WHERE t.attendant = s.username AND t.date = ?1"
	    "   AND t.status <> 'cancelled'),"
	    " (SELECT count(*) FROM hk_tasks t WHERE t.attendant = s.username AND t.date = ?1"
	    "   AND t.status = 'done')"
	    " FROM staff s WHERE s.active ORDER BY s.on_shift DESC, s.dept, s.username LIMIT ?3 OFFSET ?2",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, day);
	sqlite3_bind_int(s, 2, offset);
	sqlite3_bind_int(s, 3, limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_staff_row row;
		char role[16], dept[32];
		memset(&row, 0, sizeof row);
		fd_col_text(s, 0, row.s.username, sizeof row.s.username);
		fd_col_text(s, 1, row.s.display_name, sizeof row.s.display_name);
		fd_col_text(s, 2, role, sizeof role);
		fd_col_text(s, 3, dept, sizeof dept);
		fd_role_parse(role, &row.s.role);
		fd_dept_parse(dept, &row.s.dept);
		fd_col_text(s, 4, row.s.section, sizeof row.s.section);
		row.s.on_shift = sqlite3_column_int(s, 5);
		row.s.active = sqlite3_column_int(s, 6);
		fd_col_text(s, 7, row.s.id, sizeof row.s.id);
		row.assigned = sqlite3_column_int(s, 8);
		row.done = sqlite3_column_int(s, 9);
		if (!cb(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing staff");
}

enum fd_status fd_query_staff_count(struct fd_db *db, int *n, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT count(*) FROM staff WHERE active", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	return count_one(db, s, n, err, "counting staff");
}

enum fd_status fd_query_outbox(struct fd_db *db, int *pending, int *rejected, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT coalesce(sum(state = 'pending'), 0),"
	                             " coalesce(sum(state = 'rejected'), 0) FROM outbox",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*pending = sqlite3_column_int(s, 0);
		*rejected = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "reading the outbox");
}

enum fd_status fd_query_booking_pending(struct fd_db *db, const char *booking_id, bool *pending,
                                        struct fd_error *err)
{
	*pending = false;
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending' AND"
	                             " (json_extract(payload, '$.booking') = ?1 OR"
	                             " (type = 'booking.create' AND json_extract(payload, '$.id') = ?1)))",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, booking_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*pending = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "reading the outbox");
}

enum fd_status fd_query_data_version(struct fd_db *db, int64_t *version, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "PRAGMA data_version", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "reading the data version");
}

enum fd_status fd_query_charge_codes(struct fd_db *db, char *out, size_t size, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT code FROM charge_codes ORDER BY is_room, code", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	size_t len = 0;
	int rc;
	out[0] = '\0';
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int w = snprintf(out + len, size - len, "%s%s", len ? " " : "",
		                 (const char *)sqlite3_column_text(s, 0));
		if (w < 0 || (size_t)w >= size - len) {
			out[len] = '\0'; /* keep whole codes only */
			rc = SQLITE_DONE;
			break;
		}
		len += (size_t)w;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing charge codes");
}
