// SPDX-License-Identifier: GPL-3.0-or-later
/* The room board's page (store/query_desk.c fd_query_board_page): the
 * bookings it hands over are exactly those of the plain statement over
 * the guard table (fd_query_board_page_plain) and of an independent SQL
 * reading here, for many windows and pages in both board orders, over
 * rooms filled with stays of every status, day uses, unassigned stays and
 * guests moved mid-stay (whose past nights keep the old room); the fast
 * path answers a hotel without moves itself, and its statements use the
 * index of core steps 42 and 43 alone. The guest's name the board shows is
 * kept with the booking (core step 43) and follows the guest everywhere,
 * erasure included. The rooms beside it are read without a seek into an
 * index of every booking or a sort per room. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/db.h"
#include "store/ids.h"
#include "store/query_desk.h"

#define N_ROOMS 70
#define SPAN 200 /* nights filled, from today - 80 */

static fd_date today;
static char numbers[N_ROOMS + 4][FD_ROOMNO_LEN];
static int n_numbers;

struct rng {
	uint64_t s;
};

static int rnd(struct rng *r, int lo, int hi)
{
	r->s = r->s * 6364136223846793005u + 1442695040888963407u;
	return lo + (int)((r->s >> 33) % (uint64_t)(hi - lo + 1));
}

static void exec(struct fd_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(fd_db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, msg);
		abort();
	}
}

/* Rooms on many floors, numbers of several lengths (the board's order is
 * floor, then length, then number), both types. */
static void add_rooms(struct fd_db *db)
{
	struct fd_error err = {0};
	for (int i = 0; i < N_ROOMS; i++) {
		int floor = 1 + i / 9;
		char payload[256], id[FD_ID_LEN], num[FD_ROOMNO_LEN];
		if (i % 9 == 8)
			snprintf(num, sizeof num, "%d%03d", floor, i);
		else
			snprintf(num, sizeof num, "%d%02d", floor, 10 + i % 9);
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"number\":\"%s\",\"type\":\"%s\",\"floor\":%d}", fd_uuid_new(id),
		         num, i % 3 ? "STD" : "DLX", floor);
		assert_int_equal(fx_op(db, NULL, "room.create", payload, NULL, &err), FD_OK);
	}
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), "SELECT number FROM rooms", -1, &s, NULL),
	                 SQLITE_OK);
	n_numbers = 0;
	while (sqlite3_step(s) == SQLITE_ROW)
		snprintf(numbers[n_numbers++], FD_ROOMNO_LEN, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* The fixture's hotel with add_rooms' rooms, its business date in today. */
static struct fd_db *board_hotel(void)
{
	struct fd_db *db = fx_hotel();
	today = fx_date(FX_TODAY);
	add_rooms(db);
	return db;
}

/* Raw rows, as a snapshot or years of operations leave them: every room
 * filled along time. moves: one stay in that many (0: none) holds its
 * first nights in another room (a move), or leaves for another room and
 * comes back. */
struct filler {
	struct fd_db *db;
	sqlite3_stmt *guest, *booking, *night;
	struct rng r;
	int serial;
	unsigned char held[N_ROOMS + 4][SPAN + 40];
};

static bool night_free(struct filler *f, int room, int k)
{
	return k >= 0 && k < SPAN + 40 && !f->held[room][k];
}

static void hold(struct filler *f, const char *id, int room, int k, const char *type)
{
	if (room >= 0)
		f->held[room][k] = 1;
	sqlite3_bind_text(f->night, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(f->night, 2, today - 80 + k);
	sqlite3_bind_text(f->night, 3, type, -1, SQLITE_STATIC);
	if (room >= 0)
		sqlite3_bind_text(f->night, 4, numbers[room], -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(f->night, 4);
	assert_int_equal(sqlite3_step(f->night), SQLITE_DONE);
	sqlite3_reset(f->night);
}

static void fill(struct fd_db *db, int moves, uint64_t seed)
{
	static struct filler f;
	memset(&f, 0, sizeof f);
	f.db = db;
	f.r.s = seed;
	sqlite3 *h = fd_db_handle(db);
	assert_int_equal(
	    sqlite3_prepare_v2(h,
	                       "INSERT INTO guests (id, family, given, country, vip, version,"
	                       " updated_at, search_key) VALUES (?1, ?2, 'Ana', 'PT', ?3, 1, 0, ?2)",
	                       -1, &f.guest, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "INSERT INTO bookings (id, code, guest_id, type_code, room,"
	                                    " arrival, departure, adults, rate, status, source, version,"
	                                    " updated_at) VALUES (?1, ?2, ?3, 'STD', ?4, ?5, ?6, 1, 9000,"
	                                    " ?7, 'web', 1, 0)",
	                                    -1, &f.booking, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "INSERT INTO stay_nights (booking_id, night, type_code, room)"
	                                    " VALUES (?1, ?2, ?3, ?4)",
	                                    -1, &f.night, NULL),
	                 SQLITE_OK);
	static const char *const statuses[] = {"reserved",  "reserved", "checked_in", "checked_out",
	                                       "cancelled", "no_show",  "reserved"};
	exec(db, "BEGIN");
	for (int room = 0; room < n_numbers; room++) {
		int k = rnd(&f.r, 0, 3);
		while (k < SPAN) {
			int nights = rnd(&f.r, 0, 7); /* 0: a day use */
			const char *status = statuses[rnd(&f.r, 0, 6)];
			bool holds =
			    nights > 0 && strcmp(status, "cancelled") != 0 && strcmp(status, "no_show") != 0;
			bool unassigned = rnd(&f.r, 0, 30) == 0;
			char gid[FD_ID_LEN], bid[FD_ID_LEN], code[FD_CODE_LEN], family[16];
			snprintf(code, sizeof code, "B%05d", f.serial);
			snprintf(family, sizeof family, "Guest%d", f.serial++);
			fd_uuid_new(gid);
			fd_uuid_new(bid);
			sqlite3_bind_text(f.guest, 1, gid, -1, SQLITE_STATIC);
			sqlite3_bind_text(f.guest, 2, family, -1, SQLITE_STATIC);
			sqlite3_bind_int(f.guest, 3, rnd(&f.r, 0, 5) == 0);
			assert_int_equal(sqlite3_step(f.guest), SQLITE_DONE);
			sqlite3_reset(f.guest);
			int first = k;
			while (!night_free(&f, room, first) && first < SPAN)
				first++;
			if (first >= SPAN)
				break;
			int last = first; /* departure */
			while (last < first + nights && night_free(&f, room, last))
				last++;
			sqlite3_bind_text(f.booking, 1, bid, -1, SQLITE_STATIC);
			sqlite3_bind_text(f.booking, 2, code, -1, SQLITE_STATIC);
			sqlite3_bind_text(f.booking, 3, gid, -1, SQLITE_STATIC);
			if (unassigned)
				sqlite3_bind_null(f.booking, 4);
			else
				sqlite3_bind_text(f.booking, 4, numbers[room], -1, SQLITE_STATIC);
			sqlite3_bind_int(f.booking, 5, today - 80 + first);
			sqlite3_bind_int(f.booking, 6, today - 80 + (nights ? last : first));
			sqlite3_bind_text(f.booking, 7, status, -1, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(f.booking), SQLITE_DONE);
			sqlite3_reset(f.booking);
			if (holds && last > first) {
				/* A move: the first nights in another room, or a spell
				 * away in the middle. */
				int other =
				    moves && rnd(&f.r, 1, moves) == 1 ? rnd(&f.r, 0, n_numbers - 1) : room;
				int away_from = rnd(&f.r, first, last - 1),
				    away_to = rnd(&f.r, away_from, last);
				bool middle = rnd(&f.r, 0, 1);
				for (int d = first; d < last; d++) {
					bool away = middle ? d >= away_from && d < away_to : d < away_from;
					int in = unassigned                         ? -1
					         : away && night_free(&f, other, d) ? other
					                                            : room;
					hold(&f, bid, in, d, "STD");
				}
			}
			k = (nights ? last : first + 1) + (rnd(&f.r, 0, 3) == 0 ? rnd(&f.r, 1, 3) : 0);
		}
	}
	exec(db, "COMMIT");
	sqlite3_finalize(f.guest);
	sqlite3_finalize(f.booking);
	sqlite3_finalize(f.night);
}

struct rows {
	struct fd_booking_row *v;
	int n, cap;
};

static bool collect(void *ctx, const struct fd_booking_row *row)
{
	struct rows *rs = ctx;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 256;
		rs->v = realloc(rs->v, (size_t)rs->cap * sizeof *rs->v);
		assert_non_null(rs->v);
	}
	rs->v[rs->n++] = *row;
	return true;
}

static int cmp_row(const void *a, const void *b)
{
	const struct fd_booking *x = &((const struct fd_booking_row *)a)->b;
	const struct fd_booking *y = &((const struct fd_booking_row *)b)->b;
	int c = strcmp(x->room, y->room);
	if (!c)
		c = (x->arrival > y->arrival) - (x->arrival < y->arrival);
	return c ? c : strcmp(x->id, y->id);
}

/* Rows in (room, arrival) order, as the board reads them. */
static void assert_board_order(const struct rows *rs)
{
	for (int i = 1; i < rs->n; i++) {
		int c = strcmp(rs->v[i - 1].b.room, rs->v[i].b.room);
		assert_true(c < 0 || (c == 0 && rs->v[i - 1].b.arrival <= rs->v[i].b.arrival));
	}
}

/* The codes of the page's bookings by a plain reading: the page's rooms
 * in the order's own terms, then every booking with a night of the
 * window in one of them. */
static int independent_count(struct fd_db *db, enum fd_room_order order, fd_date from, fd_date to, int offset,
                             int limit)
{
	const char *sql =
	    order == FD_ROOMS_BOARD
	        ? "WITH page AS (SELECT number FROM rooms ORDER BY floor, length(number), number"
	          " LIMIT ?4 OFFSET ?3)"
	          " SELECT count(*) FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE EXISTS"
	          " (SELECT 1 FROM stay_nights n JOIN page p ON p.number = n.room WHERE n.booking_id = b.id"
	          " AND n.night BETWEEN ?1 AND ?2 - 1)"
	        : "WITH page AS (SELECT r.number FROM rooms r JOIN room_types t ON t.code = r.type_code"
	          " ORDER BY t.rank, r.type_code, r.floor, length(r.number), r.number LIMIT ?4 OFFSET ?3)"
	          " SELECT count(*) FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE EXISTS"
	          " (SELECT 1 FROM stay_nights n JOIN page p ON p.number = n.room WHERE n.booking_id = b.id"
	          " AND n.night BETWEEN ?1 AND ?2 - 1)";
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	sqlite3_bind_int(s, 3, offset);
	sqlite3_bind_int(s, 4, limit);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* How many times the plain statement has run on this connection. */
static int plain_runs(struct fd_db *db)
{
	int n = 0;
	sqlite3 *h = fd_db_handle(db);
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s))
		if (strstr(sqlite3_sql(s), "WHERE b.id IN (SELECT booking_id FROM stay_nights"))
			n += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0);
	return n;
}

static const char *const page_sql[] = {
    [FD_ROOMS_BOARD] = "SELECT number FROM rooms ORDER BY floor, length(number), number LIMIT ?2 OFFSET ?1",
    [FD_ROOMS_BY_TYPE] = "SELECT r.number FROM rooms r JOIN room_types t ON t.code = r.type_code"
                         " ORDER BY t.rank, r.type_code, r.floor, length(r.number), r.number"
                         " LIMIT ?2 OFFSET ?1",
};

/* Does a row of the page belong to a room that is not on it (a stay
 * moved from one of its rooms to a room of another page)? */
static bool row_elsewhere(struct fd_db *db, enum fd_room_order order, int offset, int limit,
                          const struct rows *rs)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), page_sql[order], -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int(s, 1, offset);
	sqlite3_bind_int(s, 2, limit);
	char page[N_ROOMS + 4][FD_ROOMNO_LEN];
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW)
		snprintf(page[n++], FD_ROOMNO_LEN, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	for (int i = 0; i < rs->n; i++) {
		bool on = false;
		for (int k = 0; k < n && !on; k++)
			on = strcmp(page[k], rs->v[i].b.room) == 0;
		if (!on)
			return true;
	}
	return false;
}

/* a and b hold the same rows (every column), in whatever order. */
static void assert_same_rows(struct rows *a, struct rows *b)
{
	assert_int_equal(a->n, b->n);
	qsort(a->v, (size_t)a->n, sizeof *a->v, cmp_row);
	qsort(b->v, (size_t)b->n, sizeof *b->v, cmp_row);
	for (int i = 0; i < a->n; i++)
		assert_memory_equal(&a->v[i], &b->v[i], sizeof a->v[i]);
}

/* Many windows and pages: the same rows as the plain statement (the same
 * bookings, every column) and as many as the independent reading.
 * *merged: pages the fast path answered with a stay of a room not on the
 * page among them. */
static void compare(struct fd_db *db, uint64_t seed, int *fast, int *fell_back, int *merged)
{
	struct rng r = {seed};
	struct rows a = {0}, b = {0};
	for (int q = 0; q < 160; q++) {
		enum fd_room_order order = q % 2 ? FD_ROOMS_BY_TYPE : FD_ROOMS_BOARD;
		fd_date from = today - 90 + rnd(&r, 0, SPAN + 20);
		fd_date to = from + (q % 5 == 0 ? rnd(&r, 0, 2) : rnd(&r, 1, 45));
		int offset = q % 7 == 0 ? 0 : rnd(&r, 0, n_numbers);
		int limit = q % 3 == 0 ? n_numbers : rnd(&r, 1, 40);
		a.n = b.n = 0;
		int before = plain_runs(db);
		assert_int_equal(fd_query_board_page(db, order, from, to, offset, limit, collect, &a, NULL),
		                 FD_OK);
		if (plain_runs(db) == before) {
			(*fast)++;
			*merged += row_elsewhere(db, order, offset, limit, &a);
		} else
			(*fell_back)++;
		assert_board_order(&a);
		assert_int_equal(
		    fd_query_board_page_plain(db, order, from, to, offset, limit, collect, &b, NULL), FD_OK);
		assert_int_equal(a.n, b.n);
		assert_int_equal(a.n, independent_count(db, order, from, to, offset, limit));
		assert_same_rows(&a, &b);
	}
	free(a.v);
	free(b.v);
}

/* A hotel without moves: every page is answered by the fast path, and
 * holds what the plain statement holds (pages of more than a hundred
 * stays included, so the set of ids grows while it is filled). */
static void test_board_page_fast_equals_plain(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	fill(db, 0, 7);
	int fast = 0, fell_back = 0, merged = 0;
	compare(db, 11, &fast, &fell_back, &merged);
	assert_int_equal(fell_back, 0);
	assert_int_equal(fast, 160);
	assert_int_equal(merged, 0);
	struct rows all = {0};
	assert_int_equal(fd_query_board_page(db, FD_ROOMS_BOARD, today - 10, today + 21, 0, n_numbers,
	                                     collect, &all, NULL),
	                 FD_OK);
	assert_true(all.n > 200);
	free(all.v);
	fd_db_close(db);
}

/* Guests moved mid-stay (nights in two or three rooms): the stays of
 * another page's rooms are read by id and merged in, and every page
 * still equals (99 of the 160 pages hold one). */
static void test_board_page_with_moves(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	fill(db, 7, 23);
	int fast = 0, fell_back = 0, merged = 0;
	compare(db, 29, &fast, &fell_back, &merged);
	assert_true(fast > 0);
	assert_true(merged > 0);
	fd_db_close(db);
}

/* The rooms of a page of the board (by floor), in order. */
static int board_rooms(struct fd_db *db, int offset, int limit, char (*out)[FD_ROOMNO_LEN])
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), page_sql[FD_ROOMS_BOARD], -1, &s, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int(s, 1, offset);
	sqlite3_bind_int(s, 2, limit);
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out[n++], FD_ROOMNO_LEN, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return n;
}

/* A hundred stays of the board's last room whose nights lie in its first
 * ten rooms (moved out): on the pages without the last room they are more
 * than the index path reads one by one, so the plain statement answers;
 * on the page of every room they are that room's stays. The same rows. */
static void test_board_page_many_moved_out(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	char first[10][FD_ROOMNO_LEN], last[1][FD_ROOMNO_LEN];
	int n_rooms = 0;
	assert_int_equal(fd_query_room_count(db, FD_ROOMS_BOARD, today, &n_rooms, NULL), FD_OK);
	assert_int_equal(board_rooms(db, 0, 10, first), 10);
	assert_int_equal(board_rooms(db, n_rooms - 1, 1, last), 1);
	exec(db, "BEGIN");
	for (int i = 0; i < 100; i++) {
		char gid[FD_ID_LEN], bid[FD_ID_LEN];
		fd_uuid_new(gid);
		fd_uuid_new(bid);
		char *sql = sqlite3_mprintf("INSERT INTO guests (id, family, given, version, updated_at) "
		                            "VALUES ('%s', 'Moved%d', 'Ana', 1, 0);"
		                            "INSERT INTO bookings (id, code, guest_id, type_code, room, "
		                            "arrival, departure, adults, rate,"
		                            " status, source, version, updated_at) VALUES ('%s', 'M%05d', "
		                            "'%s', 'STD', '%s', %d, %d, 1,"
		                            " 9000, 'checked_out', 'web', 1, 0);"
		                            "INSERT INTO stay_nights (booking_id, night, type_code, room) "
		                            "VALUES ('%s', %d, 'STD', '%s');",
		                            gid, i, bid, i, gid, last[0], today + i / 10, today + i / 10 + 1,
		                            bid, today + i / 10, first[i % 10]);
		exec(db, sql);
		sqlite3_free(sql);
	}
	exec(db, "COMMIT");
	struct rows a = {0}, b = {0};
	const int limits[] = {10, 30, 50, n_rooms - 1, n_rooms};
	for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
		int lim = limits[k];
		a.n = b.n = 0;
		int before = plain_runs(db);
		assert_int_equal(
		    fd_query_board_page(db, FD_ROOMS_BOARD, today, today + 10, 0, lim, collect, &a, NULL),
		    FD_OK);
		assert_int_equal(plain_runs(db), before + (lim < n_rooms));
		assert_int_equal(fd_query_board_page_plain(db, FD_ROOMS_BOARD, today, today + 10, 0, lim,
		                                           collect, &b, NULL),
		                 FD_OK);
		assert_int_equal(a.n, 100);
		assert_int_equal(b.n, 100);
		assert_same_rows(&a, &b);
	}
	free(a.v);
	free(b.v);
	fd_db_close(db);
}

/* Inside the caller's transaction too (the board reads in its own read
 * transaction only when none is open). */
static void test_board_page_in_transaction(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	fill(db, 0, 5);
	struct rows a = {0}, b = {0};
	exec(db, "BEGIN");
	assert_int_equal(fd_query_board_page(db, FD_ROOMS_BOARD, today, today + 31, 5, 30, collect, &a, NULL),
	                 FD_OK);
	assert_false(sqlite3_get_autocommit(fd_db_handle(db))); /* the caller's, still open */
	exec(db, "COMMIT");
	a.n = 0;
	assert_int_equal(fd_query_board_page(db, FD_ROOMS_BOARD, today, today + 31, 5, 30, collect, &a, NULL),
	                 FD_OK);
	assert_true(sqlite3_get_autocommit(fd_db_handle(db))); /* its own, ended */
	assert_int_equal(
	    fd_query_board_page_plain(db, FD_ROOMS_BOARD, today, today + 31, 5, 30, collect, &b, NULL),
	    FD_OK);
	assert_int_equal(a.n, b.n);
	assert_true(a.n > 0);
	free(a.v);
	free(b.v);
	fd_db_close(db);
}

/* The stays of a room are an index range of bookings_board (core steps
 * 42 and 43): every column the board shows from the index alone (no
 * booking row, no guest look-up), in arrival order without a sort. */
static void test_board_page_plan(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	fill(db, 0, 3);
	exec(db, "ANALYZE");
	struct rows a = {0};
	assert_int_equal(fd_query_board_page(db, FD_ROOMS_BOARD, today, today + 31, 0, 20, collect, &a, NULL),
	                 FD_OK);
	free(a.v);
	sqlite3 *h = fd_db_handle(db);
	int checked = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s)) {
		const char *sql = sqlite3_sql(s);
		if (!strstr(sql, "b.guest_name FROM bookings b WHERE b.room = ?1"))
			continue;
		char *plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *e;
		assert_int_equal(sqlite3_prepare_v2(h, plan, -1, &e, NULL), SQLITE_OK);
		bool by_index = false, sorts = false;
		while (sqlite3_step(e) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(e, 3);
			by_index |=
			    strstr(d, "SEARCH b USING COVERING INDEX bookings_board (room=? AND arrival<") !=
			    NULL;
			sorts |= strstr(d, "TEMP B-TREE") != NULL;
		}
		sqlite3_finalize(e);
		sqlite3_free(plan);
		assert_true(by_index);
		assert_false(sorts);
		checked++;
	}
	assert_int_equal(checked, 1);
	fd_db_close(db);
}

struct numbers {
	char v[N_ROOMS + 4][FD_ROOMNO_LEN];
	int n;
};

static bool collect_room(void *ctx, const struct fd_room_row *row)
{
	struct numbers *ns = ctx;
	snprintf(ns->v[ns->n++], FD_ROOMNO_LEN, "%s", row->r.number);
	return ns->n < N_ROOMS + 4;
}

/* The board's rooms page in both orders (read without a window function
 * since issue 18) equals the order stated plainly, page by page. */
static void test_rooms_page_order(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	static const char *const sql[] = {
	    [FD_ROOMS_BOARD] =
	        "SELECT number FROM rooms ORDER BY floor, length(number), number LIMIT ?2 OFFSET ?1",
	    [FD_ROOMS_BY_TYPE] = "SELECT r.number FROM rooms r JOIN room_types t ON t.code = r.type_code"
	                         " ORDER BY t.rank, r.type_code, r.floor, length(r.number), r.number"
	                         " LIMIT ?2 OFFSET ?1",
	};
	static const enum fd_room_order orders[] = {FD_ROOMS_BOARD, FD_ROOMS_BY_TYPE};
	for (int o = 0; o < 2; o++)
		for (int offset = 0; offset < n_numbers; offset += 7)
			for (int limit = 1; limit <= n_numbers; limit += 13) {
				struct numbers got = {.n = 0};
				assert_int_equal(fd_query_rooms_page(db, orders[o], today, offset, limit,
				                                     collect_room, &got, NULL),
				                 FD_OK);
				sqlite3_stmt *s;
				assert_int_equal(
				    sqlite3_prepare_v2(fd_db_handle(db), sql[orders[o]], -1, &s, NULL),
				    SQLITE_OK);
				sqlite3_bind_int(s, 1, offset);
				sqlite3_bind_int(s, 2, limit);
				int n = 0;
				while (sqlite3_step(s) == SQLITE_ROW) {
					assert_true(n < got.n);
					assert_string_equal(got.v[n++],
					                    (const char *)sqlite3_column_text(s, 0));
				}
				sqlite3_finalize(s);
				assert_int_equal(n, got.n);
			}
	fd_db_close(db);
}

static bool count_room(void *ctx, const struct fd_room_row *row)
{
	(void)row;
	(*(int *)ctx)++;
	return true;
}

/* The rooms beside the board: each room's in-house booking is looked up
 * in the index of in-house bookings, not in an index of every booking,
 * and nothing is sorted per room. */
static void test_rooms_page_plan(void **state)
{
	(void)state;
	struct fd_db *db = board_hotel();
	fill(db, 0, 3);
	exec(db, "ANALYZE");
	int n = 0;
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_BOARD, today, 0, 20, count_room, &n, NULL), FD_OK);
	assert_int_equal(n, 20);
	sqlite3 *h = fd_db_handle(db);
	int checked = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s)) {
		const char *sql = sqlite3_sql(s);
		if (!strstr(sql, "'checked_in'") || !strstr(sql, "FROM rooms r ORDER BY"))
			continue;
		char *plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *e;
		assert_int_equal(sqlite3_prepare_v2(h, plan, -1, &e, NULL), SQLITE_OK);
		int in_house = 0, every = 0, sorts = 0;
		while (sqlite3_step(e) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(e, 3);
			in_house += strstr(d, "bookings_in_house") != NULL;
			every += strstr(d, "bookings_room_status") != NULL;
			sorts += strstr(d, "TEMP B-TREE") != NULL;
		}
		sqlite3_finalize(e);
		sqlite3_free(plan);
		assert_int_equal(in_house, 2);
		assert_int_equal(every, 0);
		assert_int_equal(sorts, 0); /* not even for the attendant's latest task */
		checked++;
	}
	assert_int_equal(checked, 1);
	fd_db_close(db);
}

static bool first_room(void *ctx, const struct fd_room_row *row)
{
	*(struct fd_room_row *)ctx = *row;
	return false;
}

/* The attendant beside a room is its latest task's of the day, among
 * the tasks not cancelled and with an attendant. */
static void test_rooms_page_attendant(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	today = fx_date(FX_TODAY);
	struct fd_room_row row;
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_BOARD, today, 0, 1, first_room, &row, NULL), FD_OK);
	assert_string_equal(row.attendant, "");
	char *sql = sqlite3_mprintf(
	    "INSERT INTO hk_tasks (id, room, date, kind, attendant, status, version, updated_at) VALUES"
	    " ('t1', %Q, %d, 'checkout', 'anna', 'open', 1, 100),"
	    " ('t2', %Q, %d, 'stayover', 'mia', 'open', 1, 300),"
	    " ('t3', %Q, %d, 'checkout', 'root', 'open', 1, 200),"
	    " ('t4', %Q, %d, 'checkout', 'ex', 'cancelled', 1, 400),"
	    " ('t5', %Q, %d, 'checkout', '', 'open', 1, 500),"
	    " ('t6', %Q, %d, 'checkout', 'ex', 'open', 1, 900)",
	    row.r.number, today, row.r.number, today, row.r.number, today, row.r.number, today, row.r.number,
	    today, row.r.number, today - 1);
	exec(db, sql);
	sqlite3_free(sql);
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_BOARD, today, 0, 1, first_room, &row, NULL), FD_OK);
	assert_string_equal(row.attendant, "mia");
	exec(db, "UPDATE hk_tasks SET updated_at = 600 WHERE id = 't1'");
	assert_int_equal(fd_query_rooms_page(db, FD_ROOMS_BOARD, today, 0, 1, first_room, &row, NULL), FD_OK);
	assert_string_equal(row.attendant, "anna");
	fd_db_close(db);
}

/* The name a stay shows, on both paths, and what the booking row keeps. */
static void board_name(struct fd_db *db, const char *code, const char *want)
{
	struct rows a = {0}, b = {0};
	assert_int_equal(fd_query_board_page(db, FD_ROOMS_BOARD, today, today + 10, 0, 10, collect, &a, NULL),
	                 FD_OK);
	assert_int_equal(
	    fd_query_board_page_plain(db, FD_ROOMS_BOARD, today, today + 10, 0, 10, collect, &b, NULL),
	    FD_OK);
	assert_int_equal(a.n, b.n);
	int seen = 0;
	for (int i = 0; i < a.n; i++) {
		if (strcmp(a.v[i].b.code, code) == 0) {
			assert_string_equal(a.v[i].guest_name, want);
			seen++;
		}
		if (strcmp(b.v[i].b.code, code) == 0) {
			assert_string_equal(b.v[i].guest_name, want);
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	free(a.v);
	free(b.v);
	char *sql = sqlite3_mprintf("SELECT guest_name FROM bookings WHERE code = %Q", code);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), want);
	sqlite3_finalize(s);
	sqlite3_free(sql);
}

/* A guest and a stay in room, booked through operations. */
static void book_guest(struct fd_db *db, const char *gid, const char *family, const char *given,
                       const char *code, const char *room)
{
	char payload[512], bid[FD_ID_LEN], a[FD_DATE_STRLEN], d[FD_DATE_STRLEN];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"%s\",\"given\":\"%s\"}", gid, family,
	         given);
	assert_int_equal(fx_op(db, NULL, "guest.create", payload, NULL, NULL), FD_OK);
	snprintf(payload, sizeof payload,
	         "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"STD\",\"arrival\":\"%s\","
	         "\"departure\":\"%s\"}",
	         fd_uuid_new(bid), code, gid, fd_date_format(today + 1, a), fd_date_format(today + 4, d));
	assert_int_equal(fx_op(db, NULL, "booking.create", payload, NULL, NULL), FD_OK);
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"%s\"}", bid, room);
	assert_int_equal(fx_op(db, NULL, "booking.assign_room", payload, NULL, NULL), FD_OK);
}

/* The board reads the guest's name kept with the booking (core step 43):
 * it follows the guest through a rename, a merge and raw writes, and an
 * erased guest's name is gone from the board, the bookings table and its
 * index. */
static void test_board_names_follow_guests(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	today = fx_date(FX_TODAY);
	static const char ga[] = "00000000-0000-4000-8000-0000000000a1",
	                  gb[] = "00000000-0000-4000-8000-0000000000b2",
	                  gc[] = "00000000-0000-4000-8000-0000000000c3";
	book_guest(db, ga, "Lindqvist", "Maja", "AAA234", "101");
	book_guest(db, gb, "Okafor", "Chidi", "BBB234", "102");
	book_guest(db, gc, "Nwosu", "", "CCC234", "103");
	board_name(db, "AAA234", "Lindqvist, Maja");
	board_name(db, "BBB234", "Okafor, Chidi");
	board_name(db, "CCC234", "Nwosu");

	char payload[256];
	snprintf(payload, sizeof payload, "{\"guest\":\"%s\",\"family\":\"Berg\"}", ga);
	assert_int_equal(fx_op(db, NULL, "guest.update", payload, NULL, NULL), FD_OK);
	board_name(db, "AAA234", "Berg, Maja");

	/* The duplicate's stays move to the kept profile. */
	snprintf(payload, sizeof payload, "{\"guest\":\"%s\",\"duplicate\":\"%s\"}", gb, gc);
	assert_int_equal(fx_op(db, "mia", "guest.merge", payload, NULL, NULL), FD_OK);
	board_name(db, "CCC234", "Okafor, Chidi");

	snprintf(payload, sizeof payload, "{\"guest\":\"%s\"}", ga);
	assert_int_equal(fx_op(db, "mia", "guest.erase", payload, NULL, NULL), FD_OK);
	board_name(db, "AAA234", "(erased)");
	assert_int_equal(fx_int(db, "SELECT count(*) FROM bookings WHERE guest_name LIKE '%Maja%'"
	                            " OR guest_name LIKE '%Berg%' OR guest_name LIKE '%Lindqvist%'"),
	                 0);
	/* The index holds what the rows hold (the old name left with its entry). */
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), "PRAGMA integrity_check", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);

	/* Raw writes, as the sync thread or an import makes them. */
	exec(db, "UPDATE guests SET given = 'Chioma' WHERE id = '00000000-0000-4000-8000-0000000000b2'");
	board_name(db, "BBB234", "Okafor, Chioma");
	board_name(db, "CCC234", "Okafor, Chioma");
	exec(db, "UPDATE bookings SET guest_name = 'Someone else' WHERE code = 'BBB234'");
	board_name(db, "BBB234", "Okafor, Chioma");
	exec(db,
	     "UPDATE bookings SET guest_id = '00000000-0000-4000-8000-0000000000a1' WHERE code = 'BBB234'");
	board_name(db, "BBB234", "(erased)");
	fd_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_board_page_fast_equals_plain),
	    cmocka_unit_test(test_board_page_with_moves),
	    cmocka_unit_test(test_board_page_many_moved_out),
	    cmocka_unit_test(test_board_page_in_transaction),
	    cmocka_unit_test(test_board_page_plan),
	    cmocka_unit_test(test_rooms_page_plan),
	    cmocka_unit_test(test_rooms_page_attendant),
	    cmocka_unit_test(test_board_names_follow_guests),
	    cmocka_unit_test(test_rooms_page_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
