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
		int kind = (int)(next_rand() % 4);
		int64_t amount = 1 + (int64_t)(next_rand() % 50000);
		const char *type;
		int64_t effect = 0;
		if (kind == 3 && n_ids > 0) {
			int k = (int)(next_rand() % (uint64_t)n_ids);
			type = "folio.void";
			cJSON_AddStringToObject(p, "line", ids[k]);
			cJSON_AddStringToObject(p, "reason", "test");
			effect = voidable[k] ? -amounts[k] : 0;
			voidable[k] = false;
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
		if (strcmp(type, "folio.void") == 0 && effect == 0) {
			/* voiding a voided line (or a void) is refused, changing nothing */
			assert_int_equal(st, FD_E_CONFLICT);
			refused++;
		} else {
			assert_int_equal(st, FD_OK);
			applied++;
			model += effect;
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vat_rounding),
	    cmocka_unit_test(test_luhn_and_free_text),
	    cmocka_unit_test(test_void_rules),
	    cmocka_unit_test(test_kpi),
	    cmocka_unit_test(test_random_postings_never_drift),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
