// SPDX-License-Identifier: GPL-3.0-or-later
/* Guests (issue 12): search finds a guest by the name as the screen shows
 * it, a part of a code, a phone number or an e-mail; in-house and arriving
 * guests first. Real operations on a real (in-memory) SQLite store. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/guest.h"
#include "fixture.h"
#include "store/fold.h"
#include "store/ids.h"
#include "store/query.h"

static int setup(void **state)
{
	*state = fx_hotel();
	return 0;
}

static int teardown(void **state)
{
	fd_db_close(*state);
	return 0;
}

/* A guest (fields as JSON members) with one booking; its code in code. */
static void guest_booking(struct fd_db *db, const char *fields, const char *arrival, const char *departure,
                          char gid[FD_ID_LEN], char code[FD_CODE_LEN])
{
	char payload[1024], bid[FD_ID_LEN];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",%s}", fd_uuid_new(gid), fields);
	assert_int_equal(fx_op(db, NULL, "guest.create", payload, NULL, NULL), FD_OK);
	snprintf(payload, sizeof payload,
	         "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"STD\",\"arrival\":\"%s\","
	         "\"departure\":\"%s\",\"adults\":1}",
	         fd_uuid_new(bid), fd_booking_code_new(code), gid, arrival, departure);
	assert_int_equal(fx_op(db, NULL, "booking.create", payload, NULL, NULL), FD_OK);
}

struct found {
	char codes[16][FD_CODE_LEN];
	int n;
};

static bool collect(void *ctx, const struct fd_booking_row *row)
{
	struct found *f = ctx;
	if (f->n < 16)
		snprintf(f->codes[f->n++], FD_CODE_LEN, "%s", row->b.code);
	return true;
}

static struct found find(struct fd_db *db, const char *text)
{
	struct found f = {.n = 0};
	assert_int_equal(fd_query_find(db, text, 50, collect, &f, NULL), FD_OK);
	return f;
}

static void test_fold_words(void **state)
{
	(void)state;
	char out[128];
	assert_string_equal(fd_fold_words("García, José", out, sizeof out), "garcia jose");
	assert_string_equal(fd_fold_words("O'Connor", out, sizeof out), "oconnor");
	assert_string_equal(fd_fold_words("O’Brien-Smith", out, sizeof out), "obrien smith");
	assert_string_equal(fd_fold_words("  %  _ ", out, sizeof out), "");
}

static void test_name_as_shown(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], garcia[FD_CODE_LEN], oconnor[FD_CODE_LEN], other[FD_CODE_LEN];
	guest_booking(db, "\"family\":\"García\",\"given\":\"José\"", "2026-11-26", "2026-11-28", gid,
	              garcia);
	guest_booking(db, "\"family\":\"O'Connor\",\"given\":\"Siobhán\"", "2026-11-26", "2026-11-28", gid,
	              oconnor);
	guest_booking(db, "\"family\":\"Garcia Lopez\",\"given\":\"Ana\"", "2026-11-26", "2026-11-27", gid,
	              other);
	const char *garcia_queries[] = {"García, José", "garcia, jose", "jose garcia", "José García",
	                                "GARCIA JOSE",  "garcía,josé",  "j garcia"};
	for (size_t i = 0; i < sizeof garcia_queries / sizeof *garcia_queries; i++) {
		struct found f = find(db, garcia_queries[i]);
		assert_int_equal(f.n, 1);
		assert_string_equal(f.codes[0], garcia);
	}
	const char *oconnor_queries[] = {"oconnor", "O'Connor", "o connor siobhan", "O’Connor, Siobhán"};
	for (size_t i = 0; i < sizeof oconnor_queries / sizeof *oconnor_queries; i++) {
		struct found f = find(db, oconnor_queries[i]);
		if (i == 2) { /* "o" starts a word, "connor" inside one: still O'Connor */
			assert_int_equal(f.n, 1);
			continue;
		}
		assert_int_equal(f.n, 1);
		assert_string_equal(f.codes[0], oconnor);
	}
	struct found f = find(db, "garcia");
	assert_int_equal(f.n, 2);
}

static void test_wildcards_are_text(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], code[FD_CODE_LEN];
	guest_booking(db, "\"family\":\"Silva\",\"given\":\"Rui\"", "2026-11-26", "2026-11-28", gid, code);
	assert_int_equal(find(db, "%").n, 0);
	assert_int_equal(find(db, "_").n, 0);
	assert_int_equal(find(db, "%%%").n, 0);
	assert_int_equal(find(db, "s%").n, 1); /* "s" then nothing */
	assert_int_equal(find(db, "\"").n, 0);
}

static void test_code_phone_email(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], code[FD_CODE_LEN], other[FD_CODE_LEN];
	guest_booking(db,
	              "\"family\":\"Berg\",\"given\":\"Lena\",\"phone\":\"+49 (30) 1234-5678\","
	              "\"email\":\"Lena.Berg@Example.org\"",
	              "2026-11-26", "2026-11-28", gid, code);
	guest_booking(db, "\"family\":\"Costa\",\"given\":\"Rita\",\"phone\":\"+351 912 000 111\"",
	              "2026-11-26", "2026-11-28", gid, other);
	const char *queries[] = {"4930 12345678",         "12345678",   "+49-30-1234 5678",
	                         "lena.berg@example.org", "LENA.BERG@", "berg@example"};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		struct found f = find(db, queries[i]);
		assert_int_equal(f.n, 1);
		assert_string_equal(f.codes[0], code);
	}
	/* Part of the confirmation code: its first four characters. */
	char part[5];
	memcpy(part, code, 4);
	part[4] = '\0';
	struct found f = find(db, part);
	bool seen = false;
	for (int i = 0; i < f.n; i++)
		seen |= strcmp(f.codes[i], code) == 0;
	assert_true(seen);
	for (char *p = part; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	f = find(db, part);
	seen = false;
	for (int i = 0; i < f.n; i++)
		seen |= strcmp(f.codes[i], code) == 0;
	assert_true(seen);
}

/* Part of a code finds exactly the codes it begins, at the edges of the
 * alphabet too (the search reads the range [prefix, next prefix)). */
static void test_code_prefix_edges(void **state)
{
	struct fd_db *db = *state;
	static const char *const codes[] = {"KZZZ22", "KZZ922", "KZZ9Z2", "L22222", "KZZY22", "KZZA22"};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		char payload[512], gid[FD_ID_LEN], bid[FD_ID_LEN];
		snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"Edge\"}", fd_uuid_new(gid));
		assert_int_equal(fx_op(db, NULL, "guest.create", payload, NULL, NULL), FD_OK);
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"STD\","
		         "\"arrival\":\"2026-12-0%d\",\"departure\":\"2026-12-0%d\",\"adults\":1}",
		         fd_uuid_new(bid), codes[i], gid, (int)i + 1, (int)i + 2);
		assert_int_equal(fx_op(db, NULL, "booking.create", payload, NULL, NULL), FD_OK);
	}
	struct found f = find(db, "kzzz");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.codes[0], "KZZZ22");
	f = find(db, "KZZ9");
	assert_int_equal(f.n, 2);
	f = find(db, "KZZ9Z");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.codes[0], "KZZ9Z2");
	f = find(db, "kzzy");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.codes[0], "KZZY22");
	f = find(db, "L222");
	assert_int_equal(f.n, 1);
	assert_string_equal(f.codes[0], "L22222");
}

/* In house first, then today's arrivals, then later stays, then the past. */
static void test_in_house_and_arrivals_first(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], past[FD_CODE_LEN], later[FD_CODE_LEN], today[FD_CODE_LEN], inhouse[FD_CODE_LEN];
	guest_booking(db, "\"family\":\"Novak\",\"given\":\"Petra\"", "2026-12-10", "2026-12-12", gid, later);
	guest_booking(db, "\"family\":\"Novak\",\"given\":\"Jan\"", "2026-11-25", "2026-11-27", gid, today);
	guest_booking(db, "\"family\":\"Novak\",\"given\":\"Eva\"", "2026-11-25", "2026-11-26", gid, inhouse);
	char payload[256];
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"101\"}", inhouse);
	assert_int_equal(fx_op(db, NULL, "booking.check_in", payload, NULL, NULL), FD_OK);
	guest_booking(db, "\"family\":\"Novak\",\"given\":\"Ivo\"", "2026-11-27", "2026-11-28", gid, past);
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\"}", past);
	assert_int_equal(fx_op(db, NULL, "booking.cancel", payload, NULL, NULL), FD_OK);
	struct found f = find(db, "novak");
	assert_int_equal(f.n, 4);
	assert_string_equal(f.codes[0], inhouse);
	assert_string_equal(f.codes[1], today);
	assert_string_equal(f.codes[2], later);
	assert_string_equal(f.codes[3], past);
}

/* A page smaller than the matches holds the first of them in the same
 * order, read from the bookings' search index in that order (core step
 * 41): the plan walks booking_search and reaches each booking by its
 * rowid, not every booking of every guest the name matches. */
static void test_find_page_from_index(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], later[FD_CODE_LEN], today[FD_CODE_LEN], soon[FD_CODE_LEN];
	guest_booking(db, "\"family\":\"Horvat\",\"given\":\"Ana\"", "2026-12-10", "2026-12-12", gid, later);
	guest_booking(db, "\"family\":\"Horvat\",\"given\":\"Luka\"", "2026-11-25", "2026-11-27", gid, today);
	guest_booking(db, "\"family\":\"Horvat\",\"given\":\"Mia\"", "2026-11-28", "2026-11-29", gid, soon);
	struct found f = {.n = 0};
	assert_int_equal(fd_query_find(db, "horvat", 2, collect, &f, NULL), FD_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.codes[0], today);
	assert_string_equal(f.codes[1], soon);
	sqlite3 *h = fd_db_handle(db);
	sqlite3_stmt *q = NULL;
	for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s))
		if (strstr(sqlite3_sql(s), "booking_search MATCH") &&
		    strstr(sqlite3_sql(s), "FROM bookings b"))
			q = s;
	assert_non_null(q);
	char *plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite3_sql(q));
	sqlite3_stmt *e;
	assert_int_equal(sqlite3_prepare_v2(h, plan, -1, &e, NULL), SQLITE_OK);
	bool walks_index = false, by_rowid = false;
	while (sqlite3_step(e) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(e, 3);
		walks_index |= strstr(d, "SCAN s VIRTUAL TABLE") != NULL;
		by_rowid |= strstr(d, "SEARCH bb USING INTEGER PRIMARY KEY") != NULL;
	}
	sqlite3_finalize(e);
	sqlite3_free(plan);
	assert_true(walks_index);
	assert_true(by_rowid);
}

/* The search's page equals the whole match sorted (an independent SQL
 * sort of every booking whose guest's key holds the name), for pages of
 * several sizes, after raw writes of every kind the index's triggers keep
 * up with: statuses and arrivals changed (ties on purpose), bookings moved
 * to another guest, a guest renamed, bookings deleted. */
struct codes {
	char c[64][FD_CODE_LEN];
	int n;
};

static bool collect_codes(void *ctx, const struct fd_booking_row *row)
{
	struct codes *k = ctx;
	if (k->n < 64)
		snprintf(k->c[k->n++], FD_CODE_LEN, "%s", row->b.code);
	return true;
}

static void expect_sorted_page(struct fd_db *db, const char *text, const char *like, int limit)
{
	struct codes got = {.n = 0}, want = {.n = 0};
	assert_int_equal(fd_query_find(db, text, limit, collect_codes, &got, NULL), FD_OK);
	sqlite3_stmt *s;
	assert_int_equal(
	    sqlite3_prepare_v2(
	        fd_db_handle(db),
	        "SELECT b.code FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE g.search_key LIKE ?1"
	        " ORDER BY CASE WHEN b.status = 'checked_in' THEN 0"
	        "  WHEN b.status = 'reserved' AND b.arrival <= (SELECT business_date FROM property) THEN 1"
	        "  WHEN b.status = 'reserved' THEN 2 ELSE 3 END,"
	        " CASE WHEN b.status = 'reserved' THEN b.arrival ELSE -b.arrival END, b.code LIMIT ?2",
	        -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, like, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit);
	while (sqlite3_step(s) == SQLITE_ROW && want.n < 64)
		snprintf(want.c[want.n++], FD_CODE_LEN, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	assert_true(want.n > 0);
	assert_int_equal(got.n, want.n);
	for (int i = 0; i < want.n; i++)
		assert_string_equal(got.c[i], want.c[i]);
}

static void expect_sorted_pages(struct fd_db *db)
{
	static const int limits[] = {1, 3, 7, 20, 50};
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		expect_sorted_page(db, "horvat", "%horvat%", limits[i]);
		expect_sorted_page(db, "KOVAČ", "%kovac%", limits[i]);
	}
}

static void raw(struct fd_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(fd_db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static void test_find_order_after_writes(void **state)
{
	struct fd_db *db = *state;
	static const char *const families[] = {"Horvat", "Horvath", "Kovač", "Novak"};
	unsigned r = 7;
	char gid[FD_ID_LEN], code[FD_CODE_LEN], fields[128], arr[FD_DATE_STRLEN], dep[FD_DATE_STRLEN];
	for (int i = 0; i < 60; i++) {
		/* Two a day over a month (three rooms of the type): ties on arrival. */
		r = r * 1103515245u + 12345u;
		fd_date day = fd_date_from_ymd(2026, 11, 10) + i / 2;
		snprintf(fields, sizeof fields, "\"family\":\"%s\",\"given\":\"G%d\"", families[(r >> 4) % 4],
		         i);
		guest_booking(db, fields, fd_date_format(day, arr), fd_date_format(day + 1, dep), gid, code);
	}
	expect_sorted_pages(db);
	/* Statuses and arrivals as other paths may write them. */
	raw(db, "UPDATE bookings SET status = CASE rowid % 5 WHEN 0 THEN 'checked_in' WHEN 1 THEN 'cancelled'"
	        " WHEN 2 THEN 'checked_out' WHEN 3 THEN 'no_show' ELSE 'reserved' END WHERE rowid % 3 = 0;"
	        "UPDATE bookings SET arrival = arrival - 1 WHERE rowid % 7 = 0;");
	expect_sorted_pages(db);
	/* Bookings moved to another guest (as a merge does), a guest renamed. */
	raw(db,
	    "UPDATE bookings SET guest_id = (SELECT id FROM guests WHERE search_key LIKE '%kovac%' LIMIT 1)"
	    " WHERE rowid % 4 = 1;"
	    "UPDATE guests SET family = 'Horvat', search_key = 'horvat renamed'"
	    " WHERE rowid = (SELECT min(rowid) FROM guests WHERE search_key LIKE '%novak%');");
	expect_sorted_pages(db);
	/* Deleted, as a re-sync's clearing does. */
	raw(db, "DELETE FROM stay_nights WHERE booking_id IN (SELECT id FROM bookings WHERE rowid % 6 = 2);"
	        "DELETE FROM bookings WHERE rowid % 6 = 2;");
	expect_sorted_pages(db);
	/* Nothing left behind: a name no guest has any more matches nothing. */
	raw(db, "UPDATE guests SET search_key = 'gone' WHERE search_key LIKE '%horvat%';");
	struct codes none = {.n = 0};
	assert_int_equal(fd_query_find(db, "horvat", 50, collect_codes, &none, NULL), FD_OK);
	assert_int_equal(none.n, 0);
}

static void test_status_words(void **state)
{
	(void)state;
	assert_string_equal(fd_booking_status_text(FD_BOOKING_CHECKED_IN), "in house");
	assert_string_equal(fd_booking_status_text(FD_BOOKING_NO_SHOW), "no-show");
}

static void get_booking(struct fd_db *db, const char *code, struct fd_booking *b)
{
	const struct fd_repo *repo = fd_db_repo(db);
	assert_int_equal(repo->get_booking(repo->ctx, code, b, NULL), FD_OK);
}

/* A manager merges two profiles of one person: the duplicate's stays move
 * to the kept profile, which takes what it lacked; the duplicate is no
 * longer found and cannot be booked. Staff may not merge. */
static void test_merge(void **state)
{
	struct fd_db *db = *state;
	const struct fd_repo *repo = fd_db_repo(db);
	char keep[FD_ID_LEN], drop[FD_ID_LEN], k1[FD_CODE_LEN], d1[FD_CODE_LEN], payload[256];
	guest_booking(db, "\"family\":\"Müller\",\"given\":\"Käthe\",\"country\":\"DE\"", "2026-11-26",
	              "2026-11-28", keep, k1);
	guest_booking(db, "\"family\":\"Muller\",\"given\":\"Kathe\",\"email\":\"k@example.de\",\"vip\":true",
	              "2026-12-02", "2026-12-04", drop, d1);
	snprintf(payload, sizeof payload, "{\"guest\":\"%s\",\"duplicate\":\"%s\"}", keep, drop);
	char *before = fx_dump(db);
	struct fd_error err = {0};
	assert_int_equal(fx_op(db, "anna", "guest.merge", payload, NULL, &err), FD_E_FORBIDDEN);
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(fx_op(db, "mia", "guest.merge", payload, NULL, &err), FD_OK);
	struct fd_booking b;
	get_booking(db, d1, &b);
	assert_string_equal(b.guest_id, keep);
	struct fd_guest g;
	assert_int_equal(repo->get_guest(repo->ctx, keep, &g, NULL), FD_OK);
	assert_string_equal(g.email, "k@example.de");
	assert_string_equal(g.country, "DE");
	assert_true(g.vip);
	assert_int_equal(repo->get_guest(repo->ctx, drop, &g, NULL), FD_OK);
	assert_string_equal(g.merged_into, keep);
	struct found f = find(db, "kathe muller");
	assert_int_equal(f.n, 2); /* both stays, under the kept profile */
	/* Merging again, or into itself, is refused with a reason. */
	assert_int_equal(fx_op(db, "mia", "guest.merge", payload, NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "guest_merged");
	snprintf(payload, sizeof payload, "{\"guest\":\"%s\",\"duplicate\":\"%s\"}", keep, keep);
	assert_int_equal(fx_op(db, "mia", "guest.merge", payload, NULL, &err), FD_E_INVALID);
	/* A booking for the merged profile (a desk that had not heard of the
	 * merge) is made for the kept one, and says so. */
	snprintf(payload, sizeof payload,
	         "{\"id\":\"00000000-0000-4000-8000-00000000aaaa\",\"code\":\"MRGD22\",\"guest_id\":\"%s\","
	         "\"type\":\"STD\",\"arrival\":\"2026-12-10\",\"departure\":\"2026-12-11\"}",
	         drop);
	struct fd_op_result res = {0};
	assert_int_equal(fx_op(db, NULL, "booking.create", payload, &res, &err), FD_OK);
	get_booking(db, "00000000-0000-4000-8000-00000000aaaa", &b);
	assert_string_equal(b.guest_id, keep);
	assert_non_null(strstr(res.warning, "was merged into"));
	assert_non_null(strstr(res.warning, keep));
}

/* The booking's channel: one of the list, walk-in by default only for a
 * stay that starts today, phone for one booked ahead. */
static void test_source(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], today[FD_CODE_LEN], ahead[FD_CODE_LEN], payload[512];
	guest_booking(db, "\"family\":\"Walk\"", "2026-11-25", "2026-11-26", gid, today);
	guest_booking(db, "\"family\":\"Ahead\"", "2026-12-01", "2026-12-03", gid, ahead);
	struct fd_booking b;
	get_booking(db, today, &b);
	assert_string_equal(b.source, "walk-in");
	get_booking(db, ahead, &b);
	assert_string_equal(b.source, "phone");
	struct fd_error err = {0};
	snprintf(
	    payload, sizeof payload,
	    "{\"id\":\"00000000-0000-4000-8000-00000000bbbb\",\"code\":\"SRCE22\",\"guest_id\":\"%s\","
	    "\"type\":\"STD\",\"arrival\":\"2026-12-10\",\"departure\":\"2026-12-11\",\"source\":\"fax\"}",
	    gid);
	char *before = fx_dump(db);
	assert_int_equal(fx_op(db, NULL, "booking.create", payload, NULL, &err), FD_E_INVALID);
	assert_string_equal(err.field, "source");
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"source\":\"ota\"}", ahead);
	assert_int_equal(fx_op(db, NULL, "booking.modify", payload, NULL, &err), FD_OK);
	get_booking(db, ahead, &b);
	assert_string_equal(b.source, "ota");
	enum fd_channel c;
	assert_true(fd_channel_from_text("Booking.com", &c));
	assert_int_equal(c, FD_CHANNEL_OTA);
	assert_true(fd_channel_from_text("Groups", &c));
	assert_int_equal(c, FD_CHANNEL_GROUP);
	assert_false(fd_channel_from_text("Undefined", &c));
}

/* Where the property requires it, check-in needs the guest's document. */
static void test_document_required(void **state)
{
	struct fd_db *db = *state;
	char gid[FD_ID_LEN], code[FD_CODE_LEN], payload[256];
	guest_booking(db, "\"family\":\"Paper\",\"given\":\"Less\"", "2026-11-25", "2026-11-26", gid, code);
	struct fd_error err = {0};
	assert_int_equal(fx_op(db, "anna", "property.configure", "{\"require_document\":true}", NULL, &err),
	                 FD_E_FORBIDDEN);
	assert_int_equal(fx_op(db, "mia", "property.configure", "{\"require_document\":true}", NULL, &err),
	                 FD_OK);
	snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"101\"}", code);
	char *before = fx_dump(db);
	assert_int_equal(fx_op(db, "anna", "booking.check_in", payload, NULL, &err), FD_E_CONFLICT);
	assert_string_equal(err.code, "document_required");
	assert_non_null(strstr(err.message, "Paper, Less"));
	char *after = fx_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	char upd[256];
	snprintf(
	    upd, sizeof upd,
	    "{\"guest\":\"%s\",\"document\":\"X1234567\",\"doc_type\":\"passport\",\"doc_country\":\"PT\","
	    "\"doc_expiry\":\"2030-01-31\",\"nationality\":\"PT\",\"birth_date\":\"1980-05-01\"}",
	    gid);
	assert_int_equal(fx_op(db, "anna", "guest.update", upd, NULL, &err), FD_OK);
	assert_int_equal(fx_op(db, "anna", "booking.check_in", payload, NULL, &err), FD_OK);
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_guest g;
	assert_int_equal(repo->get_guest(repo->ctx, gid, &g, NULL), FD_OK);
	assert_string_equal(g.doc_type, "passport");
	assert_int_equal(g.doc_expiry, fx_date("2030-01-31"));
	assert_int_equal(g.birth_date, fx_date("1980-05-01"));
	/* A date of birth after today is a typing error. */
	snprintf(upd, sizeof upd, "{\"guest\":\"%s\",\"birth_date\":\"2027-01-01\"}", gid);
	assert_int_equal(fx_op(db, "anna", "guest.update", upd, NULL, &err), FD_E_INVALID);
}

/* A name typed in one field: "Family, Given" splits at the first comma,
 * the spaces after it skipped; without a comma it is a family name. */
static void test_name_split(void **state)
{
	(void)state;
	size_t n;
	const char *given = fd_guest_name_split("García,  Inés", &n);
	assert_int_equal(n, strlen("García"));
	assert_string_equal(given, "Inés");
	given = fd_guest_name_split("Ng", &n);
	assert_null(given);
	assert_int_equal(n, 2);
	given = fd_guest_name_split("van der Berg, Anna, Maria", &n);
	assert_int_equal(n, strlen("van der Berg"));
	assert_string_equal(given, "Anna, Maria");
	given = fd_guest_name_split("Silva,", &n);
	assert_int_equal(n, 5);
	assert_string_equal(given, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_name_split),
	    cmocka_unit_test(test_fold_words),
	    cmocka_unit_test_setup_teardown(test_name_as_shown, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wildcards_are_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_code_phone_email, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_in_house_and_arrivals_first, setup, teardown),
	    cmocka_unit_test(test_status_words),
	    cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_source, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_document_required, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_code_prefix_edges, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_find_page_from_index, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_find_order_after_writes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
