// SPDX-License-Identifier: GPL-3.0-or-later
/* The audit log's hash chain (store/audit.c) as rows are appended, rolled
 * back and appended again, by one connection and by two: the connection
 * keeps the last row in memory only while nothing can have changed it, so
 * every chain here must verify. And the row hash itself, against a plain
 * reading of its definition (audit.h), for short and long fields. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "store/audit.h"
#include "store/db.h"

static char g_path[64];

static struct fd_db *open_db(void)
{
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(g_path, FD_DB_CREATE, &err);
	if (!db)
		fail_msg("open: %s", err.message);
	return db;
}

static int setup(void **state)
{
	(void)state;
	snprintf(g_path, sizeof g_path, "/tmp/fd-audit-chain-%ld.db", (long)getpid());
	unlink(g_path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[80];
	unlink(g_path);
	snprintf(p, sizeof p, "%s-wal", g_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", g_path);
	unlink(p);
	return 0;
}

static void append(struct fd_db *db, const char *op_id)
{
	struct fd_error err = {0};
	struct fd_audit_row r = {.op_id = op_id,
	                         .device = "d",
	                         .actor = "anna",
	                         .type = "room.set_flags",
	                         .entity = "room",
	                         .entity_id = "101",
	                         .payload = "{\"dnd\":true}",
	                         .created_at = 1700000000,
	                         .outcome = "applied",
	                         .code = "",
	                         .reason = ""};
	assert_int_equal(fd_audit_append(db, &r, &err), FD_OK);
}

static void exec(struct fd_db *db, const char *sql)
{
	struct fd_error err = {0};
	assert_int_equal(fd_db_exec(db, sql, &err), FD_OK);
}

/* The chain verifies, with these op_ids in this order and nothing else. */
static void chain_is(struct fd_db *db, const char *want)
{
	struct fd_error err = {0};
	int64_t rows = 0, bad = 0;
	enum fd_status st = fd_audit_verify(db, &rows, &bad, &err);
	if (st)
		fail_msg("chain: %s", err.message);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db),
	                                    "SELECT group_concat(op_id, ' ') FROM"
	                                    " (SELECT op_id FROM audit_log ORDER BY seq)",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(q, 0), want);
	sqlite3_finalize(q);
}

/* The statements run, counted by a piece of their text (fd_db_profile). */
struct ran_count {
	const char *what;
	int n;
};

static void on_ran(void *ctx, const char *sql, int64_t ns)
{
	(void)ns;
	struct ran_count *c = ctx;
	c->n += sql && strstr(sql, c->what) != NULL;
}

/* The email of the audit row seq, opened with the guest's key. */
static void audit_email_is(struct fd_db *db, int64_t seq, const unsigned char *key, const char *want)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT json_extract(payload, '$.email') FROM audit_log WHERE seq = %lld",
	         (long long)seq);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	const char *sealed = (const char *)sqlite3_column_text(q, 0);
	assert_non_null(sealed);
	assert_int_equal(strncmp(sealed, "sealed:v1:", 10), 0);
	unsigned char raw[256], text[256];
	size_t n = 0;
	assert_int_equal(sodium_base642bin(raw, sizeof raw, sealed + 10, strlen(sealed + 10), NULL, &n, NULL,
	                                   sodium_base64_VARIANT_ORIGINAL),
	                 0);
	assert_true(n > crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES);
	assert_int_equal(crypto_secretbox_open_easy(text, raw + crypto_secretbox_NONCEBYTES,
	                                            n - crypto_secretbox_NONCEBYTES, raw, key),
	                 0);
	text[n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = '\0';
	assert_string_equal((const char *)text, want);
	sqlite3_finalize(q);
}

/* A guest.create stores the new guest's key without looking for it first
 * (privacy.c guest_key); a later operation on the guest seals under that
 * same key, and the chain verifies. */
static void test_new_guest_key_stored_unread(void **state)
{
	(void)state;
	struct fd_db *db = fx_hotel();
	struct fd_error err = {0};
	exec(db, "DELETE FROM guest_keys");
	int64_t first = fx_int(db, "SELECT coalesce(max(seq), 0) + 1 FROM audit_log");
	struct ran_count reads = {.what = "FROM guest_keys"};
	fd_db_profile(db, on_ran, &reads);
	assert_int_equal(fx_op(db, NULL, "guest.create",
	                       "{\"id\":\"55555555-5555-4555-8555-555555555555\",\"family\":\"Seal\","
	                       "\"email\":\"one@example.org\"}",
	                       NULL, &err),
	                 FD_OK);
	fd_db_profile(db, NULL, NULL);
	assert_int_equal(reads.n, 0);
	assert_int_equal(fx_op(db, NULL, "guest.update",
	                       "{\"guest\":\"55555555-5555-4555-8555-555555555555\","
	                       "\"email\":\"two@example.org\"}",
	                       NULL, &err),
	                 FD_OK);
	assert_int_equal(fx_int(db, "SELECT count(*) FROM guest_keys"), 1);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(fd_db_handle(db), "SELECT key FROM guest_keys", -1, &q, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(q, 0), crypto_secretbox_KEYBYTES);
	unsigned char key[crypto_secretbox_KEYBYTES];
	memcpy(key, sqlite3_column_blob(q, 0), sizeof key);
	sqlite3_finalize(q);
	audit_email_is(db, first, key, "one@example.org");
	audit_email_is(db, first + 1, key, "two@example.org");
	int64_t rows = 0, bad = 0;
	assert_int_equal(fd_audit_verify(db, &rows, &bad, &err), FD_OK);
	fd_db_close(db);
}

/* A push's refused operation: its savepoint rolls back after it appended
 * (the redo pass rolls a whole push back the same way); the rows after it
 * chain to the row before it. And a whole transaction rolled back. */
static void test_rollbacks(void **state)
{
	(void)state;
	struct fd_db *db = open_db();
	struct fd_error err = {0};
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	append(db, "a");
	exec(db, "SAVEPOINT op");
	append(db, "refused");
	exec(db, "ROLLBACK TO op");
	exec(db, "RELEASE op");
	append(db, "b");
	exec(db, "SAVEPOINT push");
	append(db, "c");
	exec(db, "SAVEPOINT op");
	append(db, "d");
	exec(db, "RELEASE op");
	exec(db, "  rollback to push");
	exec(db, "RELEASE push");
	append(db, "e");
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	chain_is(db, "a b e");
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	append(db, "gone");
	fd_db_rollback(db);
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	append(db, "f");
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	chain_is(db, "a b e f");
	fd_db_close(db);
}

/* Two connections (two processes alike) taking turns: each transaction
 * chains to what the other committed before it. */
static void test_two_writers(void **state)
{
	(void)state;
	struct fd_db *one = open_db(), *two = open_db();
	struct fd_error err = {0};
	const char *ids[] = {"1a", "2a", "1b", "2b", "1c", "2c"};
	for (int i = 0; i < 6; i++) {
		struct fd_db *db = i % 2 ? two : one;
		assert_int_equal(fd_db_begin(db, &err), FD_OK);
		append(db, ids[i]);
		char more[8];
		snprintf(more, sizeof more, "%s+", ids[i]);
		append(db, more);
		assert_int_equal(fd_db_commit(db, &err), FD_OK);
	}
	chain_is(one, "1a 1a+ 2a 2a+ 1b 1b+ 2b 2b+ 1c 1c+ 2c 2c+");
	/* outside a transaction too (each row its own) */
	append(two, "2d");
	append(one, "1d");
	append(two, "2e");
	chain_is(two, "1a 1a+ 2a 2a+ 1b 1b+ 2b 2b+ 1c 1c+ 2c 2c+ 2d 1d 2e");
	fd_db_close(one);
	fd_db_close(two);
}

/* The row hash as audit.h defines it, piece by piece. */
static void reference_hash(const unsigned char prev[32], const char *const f[FD_AUDIT_FIELDS],
                           const size_t len[FD_AUDIT_FIELDS], unsigned char out[32])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)"frontdesk-audit-v1", 18);
	crypto_generichash_update(&st, prev, 32);
	for (int i = 0; i < FD_AUDIT_FIELDS; i++) {
		unsigned char n[8];
		for (int k = 0; k < 8; k++)
			n[k] = (unsigned char)((uint64_t)len[i] >> (8 * k));
		crypto_generichash_update(&st, n, 8);
		crypto_generichash_update(&st, (const unsigned char *)f[i], len[i]);
	}
	crypto_generichash_final(&st, out, 32);
}

static void test_row_hash(void **state)
{
	(void)state;
	static const size_t sizes[] = {0, 1, 100, 1900, 1990, 2000, 2030, 2040, 2048, 2100, 5000, 70000};
	enum { BIG = 70000 + FD_AUDIT_FIELDS }; /* field i starts at big + i */
	char *big = malloc(BIG);
	assert_non_null(big);
	for (int i = 0; i < BIG; i++)
		big[i] = (char)('a' + i % 26);
	unsigned char prev[32];
	for (int i = 0; i < 32; i++)
		prev[i] = (unsigned char)(i * 7);
	for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++)
		for (size_t b = 0; b < sizeof sizes / sizeof *sizes; b += 3) {
			const char *f[FD_AUDIT_FIELDS];
			size_t len[FD_AUDIT_FIELDS];
			for (int i = 0; i < FD_AUDIT_FIELDS; i++) {
				f[i] = big + i;
				len[i] = (size_t)(i % 5);
			}
			len[7] = sizes[a];  /* the payload */
			len[12] = sizes[b]; /* a refusal's reason */
			unsigned char want[32], got[32];
			reference_hash(prev, f, len, want);
			fd_audit_row_hash(prev, f, len, got);
			assert_memory_equal(got, want, 32);
		}
	free(big);
}

/* Core step 53: an audit log made with AUTOINCREMENT (every database
 * before it) loses it and its sqlite_sequence row, and keeps its rows,
 * their seq, its chain and its append-only triggers; the next row follows
 * on. A new database never has it. */
static void test_migration_53_no_autoincrement(void **state)
{
	(void)state;
	static const char has_ai[] = "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'"
	                             " AND instr(sql, 'AUTOINCREMENT')";
	struct fd_db *db = open_db();
	struct fd_error err = {0};
	assert_int_equal(fx_raw_int(fd_db_handle(db), has_ai), 0);
	append(db, "a");
	append(db, "b");
	fd_db_close(db);
	/* Back to step 49: the table as step 1 made it, its counter at 7 (a
	 * row numbered past the last one's, never given). */
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(g_path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	                              "PRAGMA writable_schema = ON;"
	                              "UPDATE sqlite_master SET sql = replace(sql, 'seq INTEGER PRIMARY KEY',"
	                              " 'seq INTEGER PRIMARY KEY AUTOINCREMENT') WHERE name = 'audit_log';"
	                              "PRAGMA writable_schema = OFF;"
	                              "DELETE FROM schema_migrations WHERE chain = 'core' AND version = 53;",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(sqlite3_open(g_path, &raw), SQLITE_OK);
	assert_int_equal(fx_raw_int(raw, has_ai), 1);
	assert_int_equal(sqlite3_exec(raw, "INSERT INTO sqlite_sequence (name, seq) VALUES ('audit_log', 7)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(raw);

	db = open_db();
	sqlite3 *h = fd_db_handle(db);
	assert_int_equal(fx_raw_int(h, has_ai), 0);
	assert_int_equal(fx_raw_int(h, "SELECT count(*) FROM sqlite_sequence WHERE name = 'audit_log'"), 0);
	assert_int_equal(
	    fx_raw_int(h, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'audit_log'"
	                  " AND name IN ('audit_entity', 'audit_log_no_update', 'audit_log_no_delete')"),
	    3);
	assert_int_equal(fx_raw_int(h, "SELECT group_concat(seq) = '1,2' FROM audit_log"), 1);
	chain_is(db, "a b");
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	append(db, "c");
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	append(db, "d");
	assert_int_equal(fx_raw_int(h, "SELECT group_concat(seq) = '1,2,3,4' FROM audit_log"), 1);
	chain_is(db, "a b c d");
	assert_int_not_equal(fd_db_exec(db, "DELETE FROM audit_log WHERE seq = 4", &err), FD_OK);
	fd_db_close(db);
}

/* fd_db_tx_generation, which the server's change rows rely on (sdb.c):
 * the same through a transaction's savepoints and releases, another after
 * any rollback (to a savepoint too, in any case) and after a commit; two
 * connections never share one, nor does a connection opened after one
 * closed. */
static void test_tx_generation(void **state)
{
	(void)state;
	struct fd_db *db = open_db(), *other = open_db();
	struct fd_error err = {0};
	assert_int_not_equal(fd_db_tx_generation(db), fd_db_tx_generation(other));
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	uint64_t g = fd_db_tx_generation(db);
	append(db, "a");
	exec(db, "SAVEPOINT op");
	append(db, "b");
	exec(db, "RELEASE op");
	assert_int_equal(fd_db_tx_generation(db), g);
	exec(db, "SAVEPOINT op");
	exec(db, "rollback TO op");
	exec(db, "RELEASE op");
	uint64_t after_savepoint = fd_db_tx_generation(db);
	assert_int_not_equal(after_savepoint, g);
	assert_int_equal(fd_db_commit(db, &err), FD_OK);
	uint64_t after_commit = fd_db_tx_generation(db);
	assert_int_not_equal(after_commit, after_savepoint);
	assert_int_equal(fd_db_begin(db, &err), FD_OK);
	append(db, "c");
	fd_db_rollback(db);
	assert_int_not_equal(fd_db_tx_generation(db), after_commit);
	uint64_t last = fd_db_tx_generation(db);
	fd_db_close(db);
	db = open_db();
	assert_int_not_equal(fd_db_tx_generation(db), last);
	assert_int_not_equal(fd_db_tx_generation(db), fd_db_tx_generation(other));
	fd_db_close(db);
	fd_db_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rollbacks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_two_writers, setup, teardown),
	    cmocka_unit_test(test_row_hash),
	    cmocka_unit_test(test_new_guest_key_stored_unread),
	    cmocka_unit_test_setup_teardown(test_migration_53_no_autoincrement, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tx_generation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
