// SPDX-License-Identifier: GPL-3.0-or-later
/* The demo hotel, built into real SQLite files: its shape, its occupancy,
 * today's lists, its scripts, its determinism and its consistency. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo/demo.h"
#include "store/ids.h"
#include "store/query.h"

struct fixture {
	char dir[64];
	char path[96];
	struct fd_db *db;
	fd_date today;
};

static fd_date test_today(void)
{
	return fd_date_from_ymd(2026, 3, 14); /* a Saturday: weekend peak */
}

static void remove_db(const char *path)
{
	char p[160];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static struct fd_db *build(const char *path, uint64_t seed)
{
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db)
		fail_msg("open %s: %s", path, err.message);
	struct fd_demo_options o = {.seed = seed, .today = test_today()};
	enum fd_status st = fd_demo_build(db, &o, &err);
	if (st != FD_OK)
		fail_msg("demo build: %s", err.message);
	return db;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	assert_int_equal(fd_ids_init(), 0);
	snprintf(f->dir, sizeof f->dir, "/tmp/fd-test-demo-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/hotel.db", f->dir);
	f->today = test_today();
	f->db = build(f->path, 42);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	fd_db_close(f->db);
	remove_db(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t scalar(struct fd_db *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void test_shape(void **state)
{
	struct fixture *f = *state;
	int64_t rooms = scalar(f->db, "SELECT count(*) FROM rooms");
	assert_in_range(rooms, 55, 65);
	assert_int_equal(scalar(f->db, "SELECT count(DISTINCT floor) FROM rooms"), 4);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM room_types"), 5);
	assert_int_equal(scalar(f->db, "SELECT count(DISTINCT type_code) FROM rooms"), 5);
	assert_true(scalar(f->db, "SELECT count(*) FROM rooms WHERE maint = 'ooo'") >= 1);
	assert_true(scalar(f->db, "SELECT count(*) FROM rooms WHERE maint = 'oos'") >= 1);
	assert_true(scalar(f->db, "SELECT count(*) FROM rooms WHERE maint = 'ooo' AND maint_reason <> ''") >=
	            1);
	/* every role a staff member can have, and every department */
	assert_int_equal(scalar(f->db, "SELECT count(DISTINCT role) FROM staff WHERE role <> 'guest'"), 3);
	assert_int_equal(scalar(f->db, "SELECT count(DISTINCT dept) FROM staff"), 4);
	assert_true(scalar(f->db, "SELECT count(*) FROM staff WHERE dept = 'housekeeping'"
	                          " AND role = 'staff' AND section <> ''") >= 2);
	int64_t bookings = scalar(f->db, "SELECT count(*) FROM bookings");
	assert_in_range(bookings, 300, 500);
	for (const char *const *st =
	         (const char *const[]){"reserved", "checked_in", "checked_out", "cancelled", "no_show", NULL};
	     *st; st++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM bookings WHERE status = '%s'", *st);
		assert_true(scalar(f->db, sql) >= 1);
	}
	char name[64] = "";
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(f->db),
	                                    "SELECT name || '|' || currency || '|' || timezone FROM property",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_string_equal(name, "Hotel Miradouro|EUR|Europe/Lisbon");
	fd_date bd = 0;
	assert_int_equal(fd_query_business_date(f->db, &bd, NULL), FD_OK);
	assert_int_equal(bd, f->today);
}

/* Every night of the past month and the next two weeks is 55-95% full
 * (rooms held by a stay, over all rooms). */
static void test_occupancy(void **state)
{
	struct fixture *f = *state;
	int64_t rooms = scalar(f->db, "SELECT count(*) FROM rooms");
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(f->db),
	                                    "SELECT count(*) FROM stay_nights WHERE night = ?1", -1, &s,
	                                    NULL),
	                 SQLITE_OK);
	for (fd_date d = f->today - 30; d < f->today + 14; d++) {
		sqlite3_bind_int(s, 1, d);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		int64_t held = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (held * 100 < rooms * 55 || held * 100 > rooms * 95)
			fail_msg("night %d from today: %lld of %lld rooms", d - f->today, (long long)held,
			         (long long)rooms);
	}
	sqlite3_finalize(s);
	/* and bookings reach into the future */
	assert_true(scalar(f->db, "SELECT max(departure) - (SELECT business_date FROM property)"
	                          " FROM bookings") > 30);
}

struct counter {
	int n;
	int matched;
	fd_date want_departure;
};

static bool count_row(void *ctx, const struct fd_booking_row *row)
{
	struct counter *c = ctx;
	c->n++;
	c->matched += c->want_departure && row->b.departure == c->want_departure;
	return true;
}

static int list_count(struct fixture *f, enum fd_booking_list kind, fd_date want_departure)
{
	struct counter c = {.want_departure = want_departure};
	struct fd_booking_filter flt = {.kind = kind, .from = f->today, .to = f->today + 1};
	struct fd_error err = {0};
	assert_int_equal(fd_query_bookings(f->db, &flt, count_row, &c, &err), FD_OK);
	return want_departure ? c.matched : c.n;
}

static void test_today_lists(void **state)
{
	struct fixture *f = *state;
	assert_true(list_count(f, FD_LIST_INHOUSE, 0) >= 10);
	assert_true(list_count(f, FD_LIST_ARRIVALS, 0) >= 1);
	assert_true(list_count(f, FD_LIST_DEPARTURES, f->today) >= 1);
	/* some of today's arrivals already have a room, and some checked in */
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM bookings WHERE arrival = %d AND status = 'reserved'"
	         " AND room IS NOT NULL",
	         f->today);
	assert_true(scalar(f->db, sql) >= 1);
	/* housekeeping has work: dirty rooms, rooms to pick up, inspected rooms, DND */
	assert_true(scalar(f->db, "SELECT count(*) FROM rooms WHERE clean = 'dirty'") >= 1);
	assert_true(scalar(f->db, "SELECT count(*) FROM rooms WHERE clean = 'pickup'") >= 1);
	assert_true(scalar(f->db, "SELECT count(*) FROM rooms WHERE clean = 'inspected'") >= 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM rooms WHERE dnd"), 2);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM hk_tasks WHERE date = %d AND attendant <> ''",
	         f->today);
	assert_true(scalar(f->db, sql) >= 1);
	/* in-house guests are in rooms, and their stays include today */
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM bookings WHERE status = 'checked_in'"
	         " AND (room IS NULL OR arrival > %d OR departure < %d)",
	         f->today, f->today);
	assert_int_equal(scalar(f->db, sql), 0);
}

/* Decode UTF-8 and report whether any code point is in [lo, hi]. */
static bool has_range(const char *s, uint32_t lo, uint32_t hi)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t cp;
		int len;
		if (*p < 0x80) {
			cp = *p;
			len = 1;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = *p & 0x1f;
			len = 2;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = *p & 0x0f;
			len = 3;
		} else {
			cp = *p & 0x07;
			len = 4;
		}
		for (int i = 1; i < len && p[i]; i++)
			cp = (cp << 6) | (p[i] & 0x3f);
		if (cp >= lo && cp <= hi)
			return true;
		p += len;
	}
	return false;
}

static void test_scripts(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *script;
		uint32_t lo, hi;
	} scripts[] = {
	    {"Latin accents", 0x00c0, 0x024f}, {"Cyrillic", 0x0400, 0x04ff}, {"Greek", 0x0370, 0x03ff},
	    {"Han or Kana", 0x3040, 0x9fff},   {"Hangul", 0xac00, 0xd7af},   {"Arabic", 0x0600, 0x06ff},
	};
	bool found[sizeof scripts / sizeof *scripts] = {false};
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(f->db), "SELECT family || ' ' || given FROM guests",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	int guests = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		guests++;
		for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
			found[i] |= has_range(name, scripts[i].lo, scripts[i].hi);
	}
	sqlite3_finalize(s);
	assert_true(guests >= 200);
	for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
		if (!found[i])
			fail_msg("no guest name in %s script", scripts[i].script);
	assert_true(scalar(f->db, "SELECT count(DISTINCT country) FROM guests") >= 15);
	assert_true(scalar(f->db, "SELECT count(*) FROM guests WHERE email LIKE '%@%'") >= 100);
}

static void test_find(void **state)
{
	struct fixture *f = *state;
	static const char *const queries[] = {"müller", "mull",     "MULLER", "JOSÉ",      "jose",
	                                      "ødeg",   "odegaard", "Παπαδ",  "παπαδοπουλ"};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		struct counter c = {0};
		struct fd_error err = {0};
		assert_int_equal(fd_query_find(f->db, queries[i], 50, count_row, &c, &err), FD_OK);
		if (c.n < 1)
			fail_msg("find \"%s\" found nothing", queries[i]);
	}
}

/* No room is held twice on a night, nor on a night it is out of order. */
static void test_consistent(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM (SELECT room, night FROM stay_nights"
	                               " WHERE room IS NOT NULL GROUP BY room, night HAVING count(*) > 1)"),
	                 0);
	assert_int_equal(
	    scalar(f->db, "SELECT count(*) FROM stay_nights n JOIN rooms r ON r.number = n.room"
	                  " WHERE r.maint = 'ooo' AND n.night >= r.maint_from AND n.night < r.maint_to"),
	    0);
	/* nights held match the active and past stays exactly */
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM stay_nights"),
	                 scalar(f->db, "SELECT coalesce(sum(departure - arrival), 0) FROM bookings"
	                               " WHERE status IN ('reserved', 'checked_in', 'checked_out')"));
	assert_int_equal(scalar(f->db,
	                        "SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	                        " WHERE b.status IN ('cancelled', 'no_show')"),
	                 0);
	/* a checked-in or checked-out stay always had a room */
	assert_int_equal(scalar(f->db,
	                        "SELECT count(*) FROM bookings WHERE status IN ('checked_in','checked_out')"
	                        " AND room IS NULL"),
	                 0);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(f->db), "PRAGMA integrity_check", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

/* The money side: every past day closed by the night audit, room charges
 * for the nights stayed, deposits before arrival, payments by each method,
 * direct bills; every guest who left owes nothing. */
static void test_folios(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM day_reports"), 30);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM day_reports WHERE date >= (SELECT business_date"
	                               " FROM property)"),
	                 0);
	/* one room charge per night stayed before today */
	assert_int_equal(
	    scalar(f->db, "SELECT count(*) FROM folio_lines WHERE kind = 'charge' AND code = 'ROOM'"),
	    scalar(f->db, "SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id"
	                  " WHERE b.status IN ('checked_in', 'checked_out')"
	                  " AND n.night < (SELECT business_date FROM property)"));
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM folio_lines WHERE actor = 'night-audit'"
	                               " AND code <> 'ROOM'"),
	                 0);
	assert_true(scalar(f->db, "SELECT count(*) FROM folio_lines WHERE code IN ('FB', 'MINIBAR')") >= 20);
	const char *methods[] = {"cash", "card", "bank_transfer", "direct_bill"};
	for (int i = 0; i < 4; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM folio_lines WHERE method = '%s'", methods[i]);
		assert_true(scalar(f->db, sql) >= 1);
	}
	assert_true(scalar(f->db, "SELECT count(*) FROM folio_lines l JOIN folios o ON o.id = l.folio_id"
	                          " JOIN bookings b ON b.id = o.booking_id"
	                          " WHERE l.kind = 'payment' AND l.date < b.arrival") >= 1);
	assert_int_equal(scalar(f->db,
	                        "SELECT count(*) FROM bookings b WHERE status = 'checked_out' AND"
	                        " (SELECT coalesce(sum(l.amount), 0) FROM folio_lines l JOIN folios o"
	                        " ON o.id = l.folio_id WHERE o.booking_id = b.id AND o.kind = 'guest') <> 0"),
	                 0);
	assert_true(scalar(f->db, "SELECT count(*) FROM bookings b WHERE status = 'checked_in' AND"
	                          " (SELECT coalesce(sum(l.amount), 0) FROM folio_lines l JOIN folios o"
	                          " ON o.id = l.folio_id WHERE o.booking_id = b.id) > 0") >= 1);
}

/* The board lists exactly the stays in a room that overlap its dates. */
static void test_board(void **state)
{
	struct fixture *f = *state;
	for (fd_date from = f->today - 20; from <= f->today + 20; from += 10) {
		struct counter c = {0};
		struct fd_error err = {0};
		assert_int_equal(fd_query_board(f->db, from, from + 31, count_row, &c, &err), FD_OK);
		char sql[256];
		snprintf(
		    sql, sizeof sql,
		    "SELECT count(*) FROM bookings WHERE room IS NOT NULL AND arrival < %d AND departure > %d"
		    " AND status IN ('reserved', 'checked_in', 'checked_out')",
		    from + 31, from);
		assert_int_equal(c.n, scalar(f->db, sql));
		assert_true(c.n > (from <= f->today ? 50 : 0));
	}
}

/* FNV-1a over the rows of a few canonical queries. */
static uint64_t digest(struct fd_db *db)
{
	static const char *const sql[] = {
	    "SELECT code, room, arrival, departure, status, rate, guest_id, id FROM bookings ORDER BY code",
	    "SELECT id, family, given, email, phone, country FROM guests ORDER BY id",
	    "SELECT number, id, type_code, clean, maint, maint_from, dnd, mur FROM rooms ORDER BY number",
	    "SELECT username, id, role FROM staff ORDER BY username",
	};
	uint64_t h = UINT64_C(1469598103934665603);
	for (size_t q = 0; q < sizeof sql / sizeof *sql; q++) {
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql[q], -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *t = sqlite3_column_text(s, c);
				for (const unsigned char *p = t ? t : (const unsigned char *)"\x01"; *p; p++)
					h = (h ^ *p) * UINT64_C(1099511628211);
				h = (h ^ 0x1f) * UINT64_C(1099511628211);
			}
		sqlite3_finalize(s);
	}
	return h;
}

static uint64_t digest_of_seed(struct fixture *f, uint64_t seed)
{
	char path[128];
	snprintf(path, sizeof path, "%s/seed-%llu.db", f->dir, (unsigned long long)seed);
	struct fd_db *db = build(path, seed);
	uint64_t h = digest(db);
	fd_db_close(db);
	remove_db(path);
	return h;
}

static void test_deterministic(void **state)
{
	struct fixture *f = *state;
	uint64_t h = digest(f->db);
	assert_true(h == digest_of_seed(f, 42));
	assert_false(h == digest_of_seed(f, 43));
}

static void test_refuses_existing(void **state)
{
	struct fixture *f = *state;
	int64_t before = scalar(f->db, "SELECT count(*) FROM audit_log");
	struct fd_demo_options o = {.seed = 7, .today = f->today};
	struct fd_error err = {0};
	assert_int_equal(fd_demo_build(f->db, &o, &err), FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "Hotel Miradouro"));
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM audit_log"), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shape),         cmocka_unit_test(test_occupancy),
	    cmocka_unit_test(test_today_lists),   cmocka_unit_test(test_scripts),
	    cmocka_unit_test(test_find),          cmocka_unit_test(test_consistent),
	    cmocka_unit_test(test_folios),        cmocka_unit_test(test_board),
	    cmocka_unit_test(test_deterministic), cmocka_unit_test(test_refuses_existing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
