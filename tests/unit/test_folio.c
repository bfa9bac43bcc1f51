// SPDX-License-Identifier: GPL-3.0-or-later
/* Folio rules (VAT, voids, card numbers, KPIs) and, on a real SQLite file,
 * random sequences of postings, payments, voids and refunds that must never
 * drift: the folio balance always equals the sum of its lines and the
 * model's running total. */
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

#include "core/card.h"
#include "core/folio.h"
#include "core/kpi.h"
#include "store/db.h"
#include "store/ids.h"
#include "store/oplog.h"

static void test_vat_rounding(void **state)
{
	(void)state;
	int64_t v;
	/* 110.00 gross at 10 %: exactly 10.00 */
	assert_true(fd_vat_included(11000, 1000, &v));
	assert_int_equal(v, 1000);
	/* 23.50 at 10 %: 2.13636... -> 2.14 */
	assert_true(fd_vat_included(2350, 1000, &v));
	assert_int_equal(v, 214);
	/* 0.11 at 10 %: 0.01 exactly; 0.05 at 10 %: 0.004545 -> 0.00 */
	assert_true(fd_vat_included(11, 1000, &v));
	assert_int_equal(v, 1);
	assert_true(fd_vat_included(5, 1000, &v));
	assert_int_equal(v, 0);
	/* half away from zero: 1.05 at 5 %: 0.05 exactly; 0.21 at 5 % = 0.01 */
	assert_true(fd_vat_included(21, 500, &v));
	assert_int_equal(v, 1);
	/* a negative amount rounds symmetrically */
	assert_true(fd_vat_included(-2350, 1000, &v));
	assert_int_equal(v, -214);
	assert_true(fd_vat_included(12345, 0, &v));
	assert_int_equal(v, 0);
	assert_false(fd_vat_included(100, 10001, &v));
	assert_false(fd_vat_included(100, -1, &v));
}

/* The administration pane's VAT field: a percentage as people write it. */
static void test_vat_rate_parse(void **state)
{
	(void)state;
	int bp = -1;
	assert_true(fd_vat_rate_parse("19", &bp));
	assert_int_equal(bp, 1900);
	assert_true(fd_vat_rate_parse(" 7.5 % ", &bp));
	assert_int_equal(bp, 750);
	assert_true(fd_vat_rate_parse("5,25", &bp));
	assert_int_equal(bp, 525);
	assert_true(fd_vat_rate_parse("0", &bp));
	assert_int_equal(bp, 0);
	assert_true(fd_vat_rate_parse("100", &bp));
	assert_int_equal(bp, 10000);
	bp = 42;
	assert_false(fd_vat_rate_parse("", &bp));
	assert_false(fd_vat_rate_parse("abc", &bp));
	assert_false(fd_vat_rate_parse("100.01", &bp));
	assert_false(fd_vat_rate_parse("150", &bp));
	assert_false(fd_vat_rate_parse("-5", &bp));
	assert_false(fd_vat_rate_parse("7.125", &bp));
	assert_false(fd_vat_rate_parse("7.", &bp));
	assert_false(fd_vat_rate_parse("19 %%", &bp));
	assert_int_equal(bp, 42);
	char buf[16];
	assert_string_equal(fd_vat_rate_format(1900, buf, sizeof buf), "19");
	assert_string_equal(fd_vat_rate_format(750, buf, sizeof buf), "7.5");
	assert_string_equal(fd_vat_rate_format(525, buf, sizeof buf), "5.25");
	assert_string_equal(fd_vat_rate_format(5, buf, sizeof buf), "0.05");
}

static void test_luhn_and_free_text(void **state)
{
	(void)state;
	assert_true(fd_luhn_valid("4111111111111111", 16));
	assert_false(fd_luhn_valid("4111111111111112", 16));
	assert_true(fd_text_has_card_number("pay with 4111 1111 1111 1111 please"));
	assert_true(fd_text_has_card_number("5500-0000-0000-0004"));
	assert_true(fd_text_has_card_number("378282246310005")); /* Amex, 15 digits */
	assert_false(fd_text_has_card_number("4111 1111 1111 1112"));
	assert_false(fd_text_has_card_number("phone +49 30 1234567"));
	assert_false(fd_text_has_card_number("ref PX-4242, room 101, 2026-03-01"));
	assert_false(fd_text_has_card_number("last4 4242"));
	assert_false(fd_text_has_card_number(""));
	struct fd_error err = {0};
	assert_int_equal(fd_text_check_no_card("notes", "4111111111111111", &err), FD_E_INVALID);
	assert_string_equal(err.field, "notes");
	assert_non_null(strstr(err.message, "card number"));
	assert_int_equal(fd_text_check_no_card("notes", "late arrival", &err), FD_OK);
	assert_true(fd_last4_valid("4242"));
	assert_true(fd_last4_valid(""));
	assert_false(fd_last4_valid("424"));
	assert_false(fd_last4_valid("42a2"));
}

static void test_void_rules(void **state)
{
	(void)state;
	struct fd_folio_line orig = {.id = "L1",
	                             .folio_id = "F",
	                             .kind = FD_LINE_CHARGE,
	                             .code = "FB",
	                             .amount = 2350,
	                             .tax = 214},
	                     v = {0};
	struct fd_error err = {0};
	assert_int_equal(fd_folio_make_void(&orig, false, &v, &err), FD_OK);
	assert_int_equal(v.kind, FD_LINE_VOID);
	assert_int_equal(v.amount, -2350);
	assert_int_equal(v.tax, -214);
	assert_string_equal(v.voids, "L1");
	assert_int_equal(fd_folio_make_void(&orig, true, &v, &err), FD_E_CONFLICT);
	assert_int_equal(fd_folio_make_void(&v, false, &v, &err), FD_E_CONFLICT);
	struct fd_folio_line lines[3] = {orig, v};
	snprintf(lines[1].id, sizeof lines[1].id, "L2");
	lines[2] = (struct fd_folio_line){.id = "L3", .kind = FD_LINE_PAYMENT, .amount = -1000};
	struct fd_folio_totals t;
	assert_true(fd_folio_sum(lines, 3, &t));
	assert_int_equal(t.balance, -1000);
	assert_int_equal(t.charges, 0);
	assert_int_equal(t.tax, 0);
	assert_int_equal(t.payments, 1000);
	assert_true(fd_folio_line_voided(lines, 3, "L1"));
	assert_false(fd_folio_line_voided(lines, 3, "L3"));
	struct fd_folio_line big[2] = {{.amount = INT64_MAX}, {.amount = 1}};
	assert_false(fd_folio_sum(big, 2, &t));
}

/* A hand-computed fixture: 10 rooms over 3 nights = 30 room-nights, of
 * which 2 room-nights are out of order; 21 sold for 2,415.00. */
static void test_kpi(void **state)
{
	(void)state;
	struct fd_kpi_counts c = {
	    .room_nights = 30, .ooo_nights = 2, .rooms_sold = 21, .room_revenue = 241500};
	struct fd_kpi k;
	fd_kpi_compute(&c, &k);
	assert_int_equal(k.rooms_available, 28);
	assert_true(k.has_occupancy);
	assert_true(k.occupancy > 0.7499 && k.occupancy < 0.7501); /* 21 / 28 */
	assert_true(k.has_adr);
	assert_int_equal(k.adr, 11500); /* 241500 / 21 */
	assert_true(k.has_revpar);
	assert_int_equal(k.revpar, 8625); /* 241500 / 28 */
	c.ooo_available = true;
	fd_kpi_compute(&c, &k);
	assert_int_equal(k.rooms_available, 30);
	assert_true(k.occupancy > 0.6999 && k.occupancy < 0.7001); /* 21 / 30 */
	assert_int_equal(k.revpar, 8050);                          /* 241500 / 30 */
	/* Nothing sold: ADR unknowable; no rooms: occupancy and RevPAR too. */
	struct fd_kpi_counts none = {0};
	fd_kpi_compute(&none, &k);
	assert_false(k.has_occupancy);
	assert_false(k.has_adr);
	assert_false(k.has_revpar);
	/* RevPAR rounds half away from zero: 100 / 8 = 12.5 -> 13 */
	struct fd_kpi_counts r = {.room_nights = 8, .rooms_sold = 3, .room_revenue = 100};
	fd_kpi_compute(&r, &k);
	assert_int_equal(k.revpar, 13);
	assert_int_equal(k.adr, 33);
}

/* --- property-style: random folio operations on a real database --- */

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static enum fd_status apply(struct fd_db *db, const char *type, cJSON *payload, struct fd_error *err)
{
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, type, "test", "test");
	op.payload = payload;
	enum fd_status st = fd_store_apply(db, &op, 1, FD_APPLY_TRUSTED, NULL, NULL, err);
	fd_op_clear(&op);
	return st;
}

static struct fd_db *make_hotel(char *dir, char *booking_id)
{
	assert_int_equal(fd_ids_init(), 0);
	assert_non_null(mkdtemp(dir));
	char path[256], id[FD_ID_LEN], code[FD_CODE_LEN], guest[FD_ID_LEN];
	snprintf(path, sizeof path, "%s/frontdesk.db", dir);
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	assert_non_null(db);
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "name", "Drift");
	cJSON_AddStringToObject(p, "currency", "EUR");
	cJSON_AddStringToObject(p, "timezone", "UTC");
	cJSON_AddStringToObject(p, "business_date", "2026-03-01");
	assert_int_equal(apply(db, "property.update", p, &err), FD_OK);
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "code", "STD");
	cJSON_AddStringToObject(p, "name", "Standard");
	cJSON_AddNumberToObject(p, "max_occupancy", 2);
	cJSON_AddNumberToObject(p, "base_rate", 10000);
	assert_int_equal(apply(db, "room_type.create", p, &err), FD_OK);
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "number", "101");
	cJSON_AddStringToObject(p, "type", "STD");
	assert_int_equal(apply(db, "room.create", p, &err), FD_OK);
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(guest));
	cJSON_AddStringToObject(p, "family", "Drift");
	assert_int_equal(apply(db, "guest.create", p, &err), FD_OK);
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(booking_id));
	cJSON_AddStringToObject(p, "code", fd_booking_code_new(code));
	cJSON_AddStringToObject(p, "guest_id", guest);
	cJSON_AddStringToObject(p, "type", "STD");
	cJSON_AddStringToObject(p, "arrival", "2026-03-01");
	cJSON_AddStringToObject(p, "departure", "2026-03-03");
	cJSON_AddNumberToObject(p, "adults", 1);
	assert_int_equal(apply(db, "booking.create", p, &err), FD_OK);
	return db;
}

static int64_t sql_sum(struct fd_db *db)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db),
	                                    "SELECT ifnull(sum(amount), 0) FROM folio_lines", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void test_random_postings_never_drift(void **state)
{
	(void)state;
	char dir[] = "/tmp/fd-folio-XXXXXX", booking[FD_ID_LEN];
	struct fd_db *db = make_hotel(dir, booking);
	const struct fd_repo *repo = fd_db_repo(db);
	char ids[400][FD_ID_LEN];
	int64_t amounts[400];
	bool voidable[400];
	int n_ids = 0;
	int64_t model = 0;
	int applied = 0, refused = 0;
	for (int step = 0; step < 300; step++) {
		struct fd_error err = {0};
		cJSON *p = cJSON_CreateObject();
		char id[FD_ID_LEN];
		fd_uuid_new(id);
		cJSON_AddStringToObject(p, "id", id);
		int kind = (int)(next_rand() % 4), void_k = -1;
		int64_t amount = 1 + (int64_t)(next_rand() % 50000);
		const char *type;
		int64_t effect = 0;
		if (kind == 3 && n_ids > 0) {
			int k = (int)(next_rand() % (uint64_t)n_ids);
			type = "folio.void";
			cJSON_AddStringToObject(p, "line", ids[k]);
			cJSON_AddStringToObject(p, "reason", "test");
			effect = voidable[k] ? -amounts[k] : 0;
			void_k = k;
		} else {
			static const char *const types[] = {"folio.post", "folio.pay", "folio.refund",
			                                    "folio.post"};
			type = types[kind];
			cJSON_AddStringToObject(p, "booking", booking);
			cJSON_AddNumberToObject(p, "amount", (double)amount);
			if (kind == 0 || kind == 3) {
				static const char *const codes[] = {"FB", "MINIBAR", "CITYTAX", "PARKING"};
				cJSON_AddStringToObject(p, "charge", codes[next_rand() % 4]);
				effect = amount;
			} else {
				cJSON_AddStringToObject(p, "method", next_rand() % 2 ? "cash" : "card");
				effect = kind == 1 ? -amount : amount;
				if (kind == 2)
					cJSON_AddStringToObject(p, "reason", "goodwill");
			}
		}
		enum fd_status st = apply(db, type, p, &err);
		bool is_void = strcmp(type, "folio.void") == 0;
		if ((is_void && effect == 0) || (st != FD_OK && (kind == 2 || is_void))) {
			/* voiding a voided line (or a void), refunding more than the
			 * tender took, voiding a refunded payment: refused, changing
			 * nothing */
			assert_int_equal(st, FD_E_CONFLICT);
			refused++;
		} else {
			assert_int_equal(st, FD_OK);
			applied++;
			model += effect;
			if (void_k >= 0)
				voidable[void_k] = false;
			if (strcmp(type, "folio.void") != 0) {
				snprintf(ids[n_ids], FD_ID_LEN, "%s", id);
				amounts[n_ids] = effect;
				voidable[n_ids++] = true;
			} else {
				snprintf(ids[n_ids], FD_ID_LEN, "%s", id); /* the void itself: not voidable */
				amounts[n_ids] = 0;
				voidable[n_ids++] = false;
			}
		}
		/* invariant after every step */
		struct fd_folio *folios = NULL;
		int nf = 0;
		assert_int_equal(repo->booking_folios(repo->ctx, booking, &folios, &nf, &err), FD_OK);
		assert_int_equal(nf, 1);
		struct fd_folio_line *lines = NULL;
		int nl = 0;
		assert_int_equal(repo->folio_lines(repo->ctx, folios[0].id, &lines, &nl, &err), FD_OK);
		struct fd_folio_totals t;
		assert_true(fd_folio_sum(lines, (size_t)nl, &t));
		assert_true(t.balance == model);
		assert_true(t.balance == sql_sum(db));
		assert_true(t.balance == t.charges - t.payments);
		assert_int_equal(nl, applied);
		free(lines);
		free(folios);
	}
	assert_true(refused > 0);
	/* Lines are never deleted, even behind the code's back. */
	assert_int_not_equal(sqlite3_exec(fd_db_handle(db), "DELETE FROM folio_lines", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(fd_db_handle(db), "UPDATE folio_lines SET amount = 0", NULL, NULL, NULL), SQLITE_OK);
	fd_db_close(db);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static enum fd_status apply_as(struct fd_db *db, const char *actor, const char *type, cJSON *payload,
                               struct fd_error *err)
{
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, type, actor, "test");
	op.payload = payload;
	enum fd_status st = fd_store_apply(db, &op, 1, 0, NULL, NULL, err);
	fd_op_clear(&op);
	return st;
}

static void add_staff(struct fd_db *db, const char *user, const char *role)
{
	char id[FD_ID_LEN];
	struct fd_error err = {0};
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "username", user);
	cJSON_AddStringToObject(p, "display_name", user);
	cJSON_AddStringToObject(p, "role", role);
	cJSON_AddStringToObject(p, "department", "front_office");
	assert_int_equal(apply(db, "staff.create", p, &err), FD_OK);
}

/* A payment, refund or paid-out on the booking's folio; the new line's id
 * in id_out (may be NULL). */
static enum fd_status money(struct fd_db *db, const char *actor, const char *type, const char *booking,
                            const char *method, int64_t amount, const char *payment, char *id_out,
                            struct fd_error *err)
{
	char id[FD_ID_LEN];
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "booking", booking);
	if (method)
		cJSON_AddStringToObject(p, "method", method);
	cJSON_AddNumberToObject(p, "amount", (double)amount);
	if (strcmp(type, "folio.pay") != 0)
		cJSON_AddStringToObject(p, "reason", "test");
	if (payment)
		cJSON_AddStringToObject(p, "payment", payment);
	enum fd_status st = actor ? apply_as(db, actor, type, p, err) : apply(db, type, p, err);
	if (id_out)
		snprintf(id_out, FD_ID_LEN, "%s", id);
	return st;
}

static void drop_hotel(struct fd_db *db, const char *dir)
{
	fd_db_close(db);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Issue 12: a refund never exceeds what was paid, in that tender; money
 * never taken goes out as a manager's paid-out. */
static void test_refund_limited_to_payments(void **state)
{
	(void)state;
	char dir[] = "/tmp/fd-folio-XXXXXX", booking[FD_ID_LEN], card[FD_ID_LEN], r1[FD_ID_LEN];
	struct fd_db *db = make_hotel(dir, booking);
	add_staff(db, "anna", "staff");
	add_staff(db, "max", "manager");
	struct fd_error err = {0};
	int64_t before = sql_sum(db);
	/* nothing received: refused for everyone, even the trusted owner */
	assert_int_equal(money(db, "anna", "folio.refund", booking, "card", 9900, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "paid-out"));
	assert_int_equal(money(db, NULL, "folio.refund", booking, "cash", 9900, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	/* 5.00 cash received: 20.00 cash back is refused, 5.00 is not */
	assert_int_equal(money(db, NULL, "folio.pay", booking, "cash", 500, NULL, NULL, &err), FD_OK);
	assert_int_equal(money(db, "anna", "folio.refund", booking, "cash", 2000, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "Only 5.00 EUR was paid in cash"));
	/* a card refund only against a card payment, which it names */
	assert_int_equal(money(db, "anna", "folio.refund", booking, "card", 500, NULL, NULL, &err),
	                 FD_E_CONFLICT);
	assert_int_equal(money(db, NULL, "folio.pay", booking, "card", 4000, NULL, card, &err), FD_OK);
	assert_int_equal(money(db, "anna", "folio.refund", booking, "card", 1500, NULL, r1, &err), FD_OK);
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_folio_line l;
	assert_int_equal(repo->get_line(repo->ctx, r1, &l, &err), FD_OK);
	assert_string_equal(l.reverses, card);
	/* 25.00 left of that payment */
	assert_int_equal(money(db, "anna", "folio.refund", booking, "card", 2600, card, NULL, &err),
	                 FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "25.00 EUR left"));
	assert_int_equal(money(db, "anna", "folio.refund", booking, "cash", 100, card, NULL, &err),
	                 FD_E_CONFLICT);
	/* the refunded payment cannot be voided from under its refund */
	cJSON *p = cJSON_CreateObject();
	char vid[FD_ID_LEN];
	cJSON_AddStringToObject(p, "id", fd_uuid_new(vid));
	cJSON_AddStringToObject(p, "line", card);
	cJSON_AddStringToObject(p, "reason", "test");
	assert_int_equal(apply(db, "folio.void", p, &err), FD_E_CONFLICT);
	assert_int_equal(sql_sum(db), before - 500 - 4000 + 1500);
	/* paid-out: manager only, a charge with code PAIDOUT */
	assert_int_equal(money(db, "anna", "folio.paid_out", booking, NULL, 3000, NULL, NULL, &err),
	                 FD_E_FORBIDDEN);
	assert_int_equal(money(db, "max", "folio.paid_out", booking, NULL, 3000, NULL, r1, &err), FD_OK);
	assert_int_equal(repo->get_line(repo->ctx, r1, &l, &err), FD_OK);
	assert_int_equal(l.kind, FD_LINE_CHARGE);
	assert_string_equal(l.code, FD_PAID_OUT_CODE);
	assert_string_equal(l.method, "cash");
	assert_int_equal(l.amount, 3000);
	drop_hotel(db, dir);
}

/* Issue 12: the manager limit counts all a staff member refunded on the
 * folio that business date. */
static void test_refund_limit_is_a_daily_total(void **state)
{
	(void)state;
	char dir[] = "/tmp/fd-folio-XXXXXX", booking[FD_ID_LEN];
	struct fd_db *db = make_hotel(dir, booking);
	add_staff(db, "anna", "staff");
	add_staff(db, "hana", "staff");
	add_staff(db, "max", "manager");
	struct fd_error err = {0};
	assert_int_equal(money(db, NULL, "folio.pay", booking, "cash", 30000, NULL, NULL, &err), FD_OK);
	assert_int_equal(money(db, "anna", "folio.refund", booking, "cash", 9900, NULL, NULL, &err), FD_OK);
	int64_t before = sql_sum(db);
	assert_int_equal(money(db, "anna", "folio.refund", booking, "cash", 9900, NULL, NULL, &err),
	                 FD_E_FORBIDDEN);
	assert_non_null(strstr(err.message, "198.00 EUR"));
	assert_int_equal(money(db, "anna", "folio.refund", booking, "cash", 101, NULL, NULL, &err),
	                 FD_E_FORBIDDEN);
	assert_int_equal(money(db, "anna", "folio.refund", booking, "cash", 100, NULL, NULL, &err), FD_OK);
	assert_int_equal(sql_sum(db), before + 100);
	assert_int_equal(money(db, "hana", "folio.refund", booking, "cash", 9900, NULL, NULL, &err), FD_OK);
	assert_int_equal(money(db, "max", "folio.refund", booking, "cash", 10100, NULL, NULL, &err), FD_OK);
	assert_int_equal(sql_sum(db), 0);
	drop_hotel(db, dir);
}

static cJSON *company_payload(const char *name, bool direct, int64_t limit)
{
	char id[FD_ID_LEN];
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "name", name);
	cJSON_AddBoolToObject(p, "direct_bill", direct);
	cJSON_AddNumberToObject(p, "credit_limit", (double)limit);
	return p;
}

static enum fd_status settle(struct fd_db *db, const char *booking, const char *company, struct fd_error *err)
{
	char id[FD_ID_LEN];
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "booking", booking);
	cJSON_AddStringToObject(p, "company", company);
	return apply_as(db, "max", "folio.settle", p, err);
}

/* Issue 12: companies are accounts a manager makes; direct billing needs
 * one that allows it, within its credit limit. */
static void test_company_accounts(void **state)
{
	(void)state;
	char dir[] = "/tmp/fd-folio-XXXXXX", booking[FD_ID_LEN], fid[FD_ID_LEN];
	struct fd_db *db = make_hotel(dir, booking);
	add_staff(db, "anna", "staff");
	add_staff(db, "max", "manager");
	struct fd_error err = {0};
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(fid));
	cJSON_AddStringToObject(p, "booking", booking);
	cJSON_AddStringToObject(p, "company", "Nobody Ltd");
	assert_int_equal(apply_as(db, "anna", "folio.create", p, &err), FD_E_NOT_FOUND);
	assert_non_null(strstr(err.message, "No company account \"Nobody Ltd\""));
	assert_int_equal(
	    apply_as(db, "anna", "company.create", company_payload("Nobody Ltd", true, 100000), &err),
	    FD_E_FORBIDDEN);
	assert_int_equal(
	    apply_as(db, "max", "company.create", company_payload("Slow SA", false, 100000), &err), FD_OK);
	assert_int_equal(apply_as(db, "max", "company.create", company_payload("slow sa", true, 1), &err),
	                 FD_E_CONFLICT);
	assert_int_equal(apply_as(db, "max", "company.create", company_payload("ACME", true, 5000), &err),
	                 FD_OK);
	char id[FD_ID_LEN];
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "booking", booking);
	cJSON_AddStringToObject(p, "charge", "FB");
	cJSON_AddNumberToObject(p, "amount", 8000);
	assert_int_equal(apply_as(db, "anna", "folio.post", p, &err), FD_OK);
	int64_t before = sql_sum(db);
	assert_int_equal(settle(db, booking, "Nobody Ltd", &err), FD_E_NOT_FOUND);
	assert_int_equal(settle(db, booking, "Slow SA", &err), FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "does not allow direct billing"));
	assert_int_equal(settle(db, booking, "acme", &err), FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "above its credit limit of 50.00 EUR"));
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "company", "ACME");
	cJSON_AddNumberToObject(p, "credit_limit", 8000);
	assert_int_equal(apply_as(db, "max", "company.update", p, &err), FD_OK);
	assert_int_equal(settle(db, booking, "acme", &err), FD_OK);
	const struct fd_repo *repo = fd_db_repo(db);
	int64_t owed;
	assert_int_equal(repo->company_balance(repo->ctx, "ACME", &owed, &err), FD_OK);
	assert_int_equal(owed, 8000);
	assert_int_equal(sql_sum(db), before); /* a transfer moves, never adds */
	drop_hotel(db, dir);
}

/* Migration 13 carries company names typed on folios into accounts that
 * do not allow direct billing until a manager says so. */
static void test_company_migration(void **state)
{
	(void)state;
	char dir[] = "/tmp/fd-folio-XXXXXX", booking[FD_ID_LEN], path[300];
	struct fd_db *db = make_hotel(dir, booking);
	sqlite3 *h = fd_db_handle(db);
	char sql[600];
	snprintf(sql, sizeof sql,
	         "DROP INDEX folios_company; DROP TABLE companies;"
	         " DELETE FROM schema_migrations WHERE chain = 'core' AND version = 13;"
	         " INSERT INTO folios (id, booking_id, kind, name, company, version, updated_at) VALUES"
	         " ('f1', '%s', 'company', 'Company: Old Co', 'Old Co', 1, 0),"
	         " ('f2', '%s', 'company', 'Company: Old Co', 'Old Co', 1, 0);",
	         booking, booking);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	fd_db_close(db);
	snprintf(path, sizeof path, "%s/frontdesk.db", dir);
	struct fd_error err = {0};
	db = fd_db_open(path, 0, &err);
	assert_non_null(db);
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_company co;
	assert_int_equal(repo->get_company(repo->ctx, "old co", &co, &err), FD_OK);
	assert_string_equal(co.name, "Old Co");
	assert_false(co.direct_bill);
	assert_int_equal(co.credit_limit, 0);
	drop_hotel(db, dir);
}

static enum fd_status cancel(struct fd_db *db, const char *booking, const char *deposit, struct fd_error *err)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "booking", booking);
	if (deposit)
		cJSON_AddStringToObject(p, "deposit", deposit);
	return apply_as(db, "anna", "booking.cancel", p, err);
}

/* Issue 12: a cancel says what happens to a deposit held. */
static void test_cancel_with_deposit(void **state)
{
	(void)state;
	char dir[] = "/tmp/fd-folio-XXXXXX", booking[FD_ID_LEN];
	struct fd_db *db = make_hotel(dir, booking);
	add_staff(db, "anna", "staff");
	struct fd_error err = {0};
	assert_int_equal(money(db, NULL, "folio.pay", booking, "card", 5000, NULL, NULL, &err), FD_OK);
	int64_t before = sql_sum(db);
	assert_int_equal(cancel(db, booking, NULL, &err), FD_E_CONFLICT);
	assert_non_null(strstr(err.message, "holds a deposit of 50.00 EUR"));
	assert_int_equal(cancel(db, booking, "later", &err), FD_E_INVALID);
	assert_int_equal(sql_sum(db), before);
	assert_int_equal(cancel(db, booking, "refund", &err), FD_OK);
	assert_int_equal(sql_sum(db), 0);
	drop_hotel(db, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vat_rounding),
	    cmocka_unit_test(test_luhn_and_free_text),
	    cmocka_unit_test(test_void_rules),
	    cmocka_unit_test(test_kpi),
	    cmocka_unit_test(test_random_postings_never_drift),
	    cmocka_unit_test(test_refund_limited_to_payments),
	    cmocka_unit_test(test_refund_limit_is_a_daily_total),
	    cmocka_unit_test(test_company_accounts),
	    cmocka_unit_test(test_company_migration),
	    cmocka_unit_test(test_cancel_with_deposit),
	    cmocka_unit_test(test_vat_rate_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
