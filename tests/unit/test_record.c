// SPDX-License-Identifier: GPL-3.0-or-later
/* The recorder of operations' changesets (store/record.h): it gives the
 * changes SQLite's session extension gives for the same statements (the
 * same rows, values and key columns), its changesets undo and redo exactly
 * with sqlite3changeset_invert/_apply, and operations queued one after
 * another each keep exactly their own effect. */
#include "config.h"
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/dump.h"
#include "store/oplog.h"
#include "store/outbox.h"
#include "store/record.h"

/* Text growing by appends (for descriptions). */
struct text {
	char *s;
	size_t n, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (t->n + (size_t)n + 1 > t->cap) {
		t->cap = (t->n + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
	va_end(ap);
	t->n += (size_t)n;
}

static void add_value(struct text *t, sqlite3_value *v)
{
	if (!v) {
		add(t, " -");
		return;
	}
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		add(t, " i%lld", (long long)sqlite3_value_int64(v));
		break;
	case SQLITE_FLOAT:
		add(t, " r%.17g", sqlite3_value_double(v));
		break;
	case SQLITE_TEXT:
		add(t, " t'%s'", (const char *)sqlite3_value_text(v));
		break;
	case SQLITE_BLOB: {
		const unsigned char *p = sqlite3_value_blob(v);
		add(t, " x'");
		for (int i = 0; i < sqlite3_value_bytes(v); i++)
			add(t, "%02x", p[i]);
		add(t, "'");
		break;
	}
	default:
		add(t, " null");
	}
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A changeset as sorted lines: table, key columns, operation, old and new
 * values ("-" where the changeset leaves a column out). */
static char *describe(const void *cs, int n)
{
	char *lines[256] = {0};
	int n_lines = 0;
	sqlite3_changeset_iter *it;
	assert_int_equal(sqlite3changeset_start(&it, n, (void *)cs), SQLITE_OK);
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int n_col, op, indirect;
		unsigned char *pk;
		int n_pk;
		assert_int_equal(sqlite3changeset_op(it, &table, &n_col, &op, &indirect), SQLITE_OK);
		assert_int_equal(sqlite3changeset_pk(it, &pk, &n_pk), SQLITE_OK);
		struct text t = {0};
		add(&t, "%s [", table);
		for (int i = 0; i < n_pk; i++)
			add(&t, "%d", pk[i]);
		add(&t, "] %s%s old:",
		    op == SQLITE_INSERT   ? "INSERT"
		    : op == SQLITE_UPDATE ? "UPDATE"
		                          : "DELETE",
		    indirect ? " indirect" : "");
		for (int i = 0; op != SQLITE_INSERT && i < n_col; i++) {
			sqlite3_value *v = NULL;
			sqlite3changeset_old(it, i, &v);
			add_value(&t, v);
		}
		add(&t, " new:");
		for (int i = 0; op != SQLITE_DELETE && i < n_col; i++) {
			sqlite3_value *v = NULL;
			sqlite3changeset_new(it, i, &v);
			add_value(&t, v);
		}
		assert_true(n_lines < 256);
		lines[n_lines++] = t.s;
	}
	assert_int_equal(sqlite3changeset_finalize(it), SQLITE_OK);
	qsort(lines, (size_t)n_lines, sizeof *lines, cmp_lines);
	struct text all = {0};
	add(&all, "%s", "");
	for (int i = 0; i < n_lines; i++) {
		add(&all, "%s\n", lines[i]);
		free(lines[i]);
	}
	return all.s;
}

static void exec(struct fd_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(fd_db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* Every row of the tables the scenarios touch, as text. */
static char *content(struct fd_db *db)
{
	static const char *const tables[] = {"t",          "w",     "ipk",        "nopk",
	                                     "room_types", "rooms", "type_rooms", NULL};
	struct text t = {0};
	for (int k = 0; tables[k]; k++) {
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", tables[k]);
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &s, NULL), SQLITE_OK);
		add(&t, "%s:\n", tables[k]);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(s); i++)
				add_value(&t, sqlite3_column_value(s, i));
			add(&t, "\n");
		}
		sqlite3_finalize(s);
	}
	return t.s;
}

static const char setup_sql[] =
    "CREATE TABLE t (k TEXT PRIMARY KEY, a INTEGER, b REAL, c BLOB, d TEXT);"
    "CREATE TABLE w (x TEXT NOT NULL, y INTEGER NOT NULL, v TEXT, PRIMARY KEY (y, x)) WITHOUT ROWID;"
    "CREATE TABLE nopk (a, b);"
    "CREATE TABLE ipk (id INTEGER PRIMARY KEY, v TEXT);"
    "INSERT INTO t VALUES ('a', 1, 1.5, x'00ff', 'alpha'), ('b', 2, NULL, NULL, 'beta'),"
    " ('c', 3, 2.0, x'', ''), ('n', NULL, NULL, NULL, NULL);"
    "INSERT INTO w VALUES ('p', 1, 'one'), ('q', 2, 'two'), ('q', 3, 'three');"
    "INSERT INTO ipk VALUES (1, 'x'), (2, 'y');"
    "INSERT INTO room_types (code, id, name, max_occupancy, base_rate, rank, version, updated_at)"
    " VALUES ('STD', 'type-std', 'Standard', 2, 9000, 0, 1, 0);"
    "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version, updated_at)"
    " VALUES ('101', 'room-101', 'STD', 1, 'clean', 'none', 1, 0);";

/* Statements run while recording, one scenario each, in order on the same
 * data: what they change and how. */
static const char *const scenarios[] = {
    /* plain insert, update, delete */
    "INSERT INTO t VALUES ('d', 4, 0.25, x'01', 'delta')",
    "UPDATE t SET a = 10 WHERE k = 'a'",
    "DELETE FROM t WHERE k = 'b'",
    /* a row inserted then changed is one INSERT of its last values */
    "INSERT INTO t VALUES ('e', 5, NULL, NULL, 'e'); UPDATE t SET d = 'E' WHERE k = 'e'",
    /* inserted then deleted, changed then changed back: nothing */
    "INSERT INTO t VALUES ('f', 6, NULL, NULL, 'f'); DELETE FROM t WHERE k = 'f';"
    "UPDATE t SET a = 99 WHERE k = 'c'; UPDATE t SET a = 3 WHERE k = 'c'",
    /* deleted and inserted again under its key: an UPDATE */
    "DELETE FROM t WHERE k = 'c'; INSERT INTO t VALUES ('c', 30, 2.0, x'', 'see')",
    /* a changed key: the old row goes, the new one comes */
    "UPDATE t SET k = 'z' WHERE k = 'a'",
    /* values changing type, NULLs */
    "UPDATE t SET b = 3, c = 'text', d = x'41' WHERE k = 'z'; UPDATE t SET a = 1 WHERE k = 'n'",
    /* a WITHOUT ROWID table keyed by two columns in another order */
    "UPDATE w SET v = 'uno' WHERE x = 'p'; INSERT INTO w VALUES ('r', 3, NULL); DELETE FROM w WHERE y = 2;"
    "UPDATE w SET y = 4 WHERE y = 3 AND x = 'q'",
    /* a rowid alias key */
    "UPDATE ipk SET v = 'xx' WHERE id = 1; INSERT INTO ipk VALUES (3, 'z'); DELETE FROM ipk WHERE id = 2",
    /* a table without a key and the bookkeeping tables are not recorded */
    "INSERT INTO nopk VALUES (1, 2); INSERT INTO meta (key, value) VALUES ('zz', '1')",
    /* what a savepoint rolled back inside the recording undid leaves no trace */
    "SAVEPOINT s; UPDATE t SET a = 7 WHERE k = 'z'; INSERT INTO t VALUES ('g', 1, NULL, NULL, '');"
    " DELETE FROM t WHERE k = 'd'; ROLLBACK TO s; RELEASE s; UPDATE t SET d = 'Z' WHERE k = 'z'",
    /* hotel tables, with the rows their triggers change */
    "UPDATE rooms SET clean = 'dirty', version = 2 WHERE number = '101';"
    "INSERT INTO rooms (number, id, type_code, floor, clean, maint, version, updated_at)"
    " VALUES ('102', 'room-102', 'STD', 1, 'clean', 'none', 1, 0)",
    "DELETE FROM rooms WHERE number = '102'",
    NULL,
};

/* As the overlay's undo (store/outbox.c): a row a trigger already put
 * right is written as the changeset says. */
static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	(void)ctx;
	(void)it;
	return kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_CONFLICT ? SQLITE_CHANGESET_REPLACE
	                                                                          : SQLITE_CHANGESET_OMIT;
}

static struct fd_db *open_with(const char *sql)
{
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(":memory:", FD_DB_CREATE, &err);
	assert_non_null(db);
	exec(db, sql);
	return db;
}

/* The session extension (what the outbox used to record with) and the
 * recorder, each on its own copy of the same data, see the same changes;
 * inverting the recorder's changeset gives back the state before and
 * applying it again the state after. */
static void test_same_as_session(void **state)
{
	(void)state;
	struct fd_db *a = open_with(setup_sql), *b = open_with(setup_sql);
	static const char *const attach[] = {"t",     "w",          "nopk",       "ipk",
	                                     "rooms", "room_types", "type_rooms", NULL};
	for (int k = 0; scenarios[k]; k++) {
		sqlite3_session *ses;
		assert_int_equal(sqlite3session_create(fd_db_handle(a), "main", &ses), SQLITE_OK);
		for (int i = 0; attach[i]; i++)
			assert_int_equal(sqlite3session_attach(ses, attach[i]), SQLITE_OK);
		exec(a, scenarios[k]);
		void *cs_a = NULL;
		int n_a = 0;
		assert_int_equal(sqlite3session_changeset(ses, &n_a, &cs_a), SQLITE_OK);
		sqlite3session_delete(ses);

		char *before = content(b);
		struct fd_error err = {0};
		assert_int_equal(fd_record_begin(b, &err), FD_OK);
		exec(b, scenarios[k]);
		void *cs_b = NULL;
		int n_b = 0;
		assert_int_equal(fd_record_end(b, &cs_b, &n_b, &err), FD_OK);
		char *after = content(b);

		char *da = describe(cs_a, n_a), *db = describe(cs_b, n_b);
		if (strcmp(da, db) != 0)
			fail_msg("scenario %d (%s):\nsession:\n%srecorder:\n%s", k, scenarios[k], da, db);
		assert_int_equal(n_b == 0, cs_b == NULL);
		if (n_b) {
			void *inv = NULL;
			int n_inv = 0;
			assert_int_equal(sqlite3changeset_invert(n_b, cs_b, &n_inv, &inv), SQLITE_OK);
			assert_int_equal(
			    sqlite3changeset_apply(fd_db_handle(b), n_inv, inv, NULL, on_conflict, NULL),
			    SQLITE_OK);
			char *undone = content(b);
			assert_string_equal(undone, before);
			assert_int_equal(
			    sqlite3changeset_apply(fd_db_handle(b), n_b, cs_b, NULL, on_conflict, NULL),
			    SQLITE_OK);
			char *redone = content(b);
			assert_string_equal(redone, after);
			free(undone);
			free(redone);
			sqlite3_free(inv);
		}
		free(da);
		free(db);
		free(before);
		free(after);
		sqlite3_free(cs_a);
		sqlite3_free(cs_b);
	}
	fd_db_close(a);
	fd_db_close(b);
}

/* A recording abandoned (the operation was refused) leaves nothing for the
 * next one, and a new column is seen at once. */
static void test_abandon_and_schema_change(void **state)
{
	(void)state;
	struct fd_db *db = open_with(setup_sql);
	struct fd_error err = {0};
	assert_int_equal(fd_record_begin(db, &err), FD_OK);
	exec(db, "UPDATE t SET a = 5 WHERE k = 'a'");
	fd_record_abandon(db);
	exec(db, "ALTER TABLE t ADD COLUMN e TEXT DEFAULT 'x'; INSERT INTO t (k) VALUES ('h')");
	assert_int_equal(fd_record_begin(db, &err), FD_OK);
	exec(db, "UPDATE t SET e = 'y' WHERE k = 'h'");
	void *cs = NULL;
	int n = 0;
	assert_int_equal(fd_record_end(db, &cs, &n, &err), FD_OK);
	char *d = describe(cs, n);
	assert_string_equal(d, "t [100000] UPDATE old: t'h' - - - - t'x' new: - - - - - t'y'\n");
	free(d);
	sqlite3_free(cs);
	/* Nothing changed: no changeset. */
	assert_int_equal(fd_record_begin(db, &err), FD_OK);
	exec(db, "UPDATE t SET a = a, e = 'y' WHERE k = 'h'");
	assert_int_equal(fd_record_end(db, &cs, &n, &err), FD_OK);
	assert_null(cs);
	assert_int_equal(n, 0);
	fd_db_close(db);
}

static char *hotel_dump(struct fd_db *db)
{
	char *text;
	struct fd_error err = {0};
	assert_int_equal(fd_dump_hotel(db, &text, &err), FD_OK);
	return text;
}

/* Many operations queued in a row at a terminal: each outbox row keeps
 * exactly its own effect (one room's status, from what it was to what it
 * became), and undoing them all, newest first, gives back the hotel as it
 * was. */
static void test_queued_in_a_row(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	static const char *const rooms[] = {"101", "102", "103", "201"};
	static const char *const statuses[] = {"dirty", "pickup", "clean", "inspected"};
	char was[4][16];
	for (int r = 0; r < 4; r++) {
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db),
		                                    "SELECT clean FROM rooms WHERE number = ?1", -1, &s,
		                                    NULL),
		                 SQLITE_OK);
		sqlite3_bind_text(s, 1, rooms[r], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		snprintf(was[r], sizeof was[r], "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	char *before = hotel_dump(db);
	enum { N = 60 };
	char want[N][160];
	for (int i = 0; i < N; i++) {
		int r = i % 4;
		const char *to = statuses[(i / 4 + r + 1) % 4];
		if (strcmp(to, was[r]) == 0)
			to = statuses[(i / 4 + r + 2) % 4];
		struct fd_op op;
		fd_op_init(&op);
		fd_op_prepare(&op, "room.set_clean", "local", "test");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "room", rooms[r]);
		cJSON_AddStringToObject(op.payload, "status", to);
		struct fd_error err = {0};
		int failed;
		assert_int_equal(
		    fd_store_apply(db, &op, 1, FD_STORE_OUTBOX | FD_APPLY_TRUSTED, NULL, &failed, &err),
		    FD_OK);
		fd_op_clear(&op);
		snprintf(want[i], sizeof want[i], "rooms UPDATE %s %s -> %s", rooms[r], was[r], to);
		snprintf(was[r], sizeof was[r], "%s", to);
	}
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db),
	                                    "SELECT changeset FROM outbox ORDER BY device_seq", -1, &s, NULL),
	                 SQLITE_OK);
	int i = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		assert_true(i < N);
		sqlite3_changeset_iter *it;
		assert_int_equal(sqlite3changeset_start(&it, sqlite3_column_bytes(s, 0),
		                                        (void *)sqlite3_column_blob(s, 0)),
		                 SQLITE_OK);
		int changes = 0;
		char got[160] = "";
		while (sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *table;
			int n_col, op;
			assert_int_equal(sqlite3changeset_op(it, &table, &n_col, &op, NULL), SQLITE_OK);
			sqlite3_value *key = NULL, *from = NULL, *to = NULL;
			/* rooms: number, id, type_code, floor, section, clean, ... */
			sqlite3changeset_old(it, 0, &key);
			sqlite3changeset_old(it, 5, &from);
			sqlite3changeset_new(it, 5, &to);
			snprintf(got, sizeof got, "%s %s %s %s -> %s", table,
			         op == SQLITE_UPDATE ? "UPDATE" : "?",
			         key ? (const char *)sqlite3_value_text(key) : "-",
			         from ? (const char *)sqlite3_value_text(from) : "-",
			         to ? (const char *)sqlite3_value_text(to) : "-");
			changes++;
		}
		sqlite3changeset_finalize(it);
		assert_int_equal(changes, 1);
		assert_string_equal(got, want[i]);
		i++;
	}
	sqlite3_finalize(s);
	assert_int_equal(i, N);
	struct fd_error err = {0};
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	assert_int_equal(fd_outbox_undo_overlay(db, &err), FD_OK);
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	char *undone = hotel_dump(db);
	assert_string_equal(undone, before);
	free(undone);
	free(before);
	fd_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_as_session),
	    cmocka_unit_test(test_abandon_and_schema_change),
	    cmocka_unit_test(test_queued_in_a_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
