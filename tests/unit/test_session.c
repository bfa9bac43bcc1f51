// SPDX-License-Identifier: GPL-3.0-or-later
/* The session under the command line and the application: who acts, when
 * work is queued for sync, booking lookup by code in any case. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "session/session.h"
#include "store/cache.h"
#include "store/opsig.h"
#include "store/ids.h"
#include "store/query_desk.h"
#include "ui/fixture.h"

static char dir[64];
static const fd_date today = 20782; /* 2026-11-25 */

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_session_XXXXXX");
	if (!mkdtemp(dir) || fd_ids_init() != 0)
		return -1;
	/* A data directory below one that does not exist yet. */
	char sub[96];
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	struct fd_session s;
	struct fd_error err = {0};
	if (fd_session_open(&s, sub, NULL, FD_SESSION_CREATE, &err) ||
	    ui_fixture_build(s.db, today, 10, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	/* The owner of a standalone hotel takes on staff. */
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&s, &op, "staff.create");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "username", "anna");
	cJSON_AddStringToObject(op.payload, "display_name", "Anna");
	cJSON_AddStringToObject(op.payload, "role", "staff");
	cJSON_AddStringToObject(op.payload, "department", "front_office");
	if (fd_session_apply(&s, &op, 1, NULL, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	fd_session_close(&s);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void open_session(struct fd_session *s, const char *as_user)
{
	char sub[96];
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	struct fd_error err = {0};
	assert_int_equal(fd_session_open(s, sub, as_user, 0, &err), FD_OK);
}

static int pending(struct fd_session *s)
{
	int n = -1, rejected;
	assert_int_equal(fd_query_outbox(s->db, &n, &rejected, NULL), FD_OK);
	return n;
}

static enum fd_status set_clean(struct fd_session *s, const char *status, struct fd_error *err)
{
	struct fd_op op;
	fd_session_op(s, &op, "room.set_clean");
	assert_string_equal(op.actor, fd_session_actor(s));
	assert_string_equal(op.device, s->device);
	cJSON_AddStringToObject(op.payload, "room", "101");
	cJSON_AddStringToObject(op.payload, "status", status);
	return fd_session_apply(s, &op, 1, NULL, err);
}

static void test_private_data_dir(void **state)
{
	(void)state;
	char sub[96];
	struct stat st;
	snprintf(sub, sizeof sub, "%s/a", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
}

static void test_owner_acts_unqueued(void **state)
{
	(void)state;
	struct fd_session s;
	open_session(&s, NULL);
	assert_string_equal(s.actor, "");
	assert_string_equal(fd_session_actor(&s), "local");
	assert_string_equal(s.device, "local");
	assert_false(s.enrolled);
	struct fd_error err = {0};
	assert_int_equal(set_clean(&s, "dirty", &err), FD_OK);
	assert_int_equal(pending(&s), 0);
	fd_session_close(&s);
	fd_session_close(&s); /* idempotent */
}

/* What a screen offers follows the permission table: the owner of a
 * standalone hotel everything, a clerk not the administration pane. */
static void test_allows(void **state)
{
	(void)state;
	struct fd_session s;
	open_session(&s, NULL);
	assert_true(fd_session_allows(&s, "admin.pane"));
	assert_true(fd_session_allows(&s, "room.create"));
	assert_false(fd_session_allows(&s, "no.such.action"));
	fd_session_close(&s);
	open_session(&s, "anna");
	assert_false(fd_session_allows(&s, "admin.pane"));
	assert_true(fd_session_allows(&s, "room.set_clean"));
	fd_session_close(&s);
	open_session(&s, "nobody");
	assert_false(fd_session_allows(&s, "room.set_clean"));
	fd_session_close(&s);
}

static void test_enrolled_signed_in_user_acts_queued(void **state)
{
	(void)state;
	struct fd_session s;
	open_session(&s, NULL);
	assert_int_equal(fd_db_meta_set(s.db, "server_url", "http://127.0.0.1:9", NULL), FD_OK);
	assert_int_equal(fd_db_meta_set(s.db, "device_id", "dev-1", NULL), FD_OK);
	assert_int_equal(fd_db_meta_set(s.db, "session_user", "anna", NULL), FD_OK);
	fd_session_close(&s);

	open_session(&s, NULL);
	assert_true(s.enrolled);
	assert_string_equal(s.actor, "anna");
	assert_string_equal(s.device, "dev-1");
	struct fd_error err = {0};
	int before = pending(&s);
	assert_int_equal(set_clean(&s, "clean", &err), FD_OK);
	assert_int_equal(pending(&s), before + 1);
	fd_session_close(&s);

	/* A user named on the command line acts instead of the signed-in one. */
	open_session(&s, "mia");
	assert_string_equal(s.actor, "mia");
	assert_string_equal(fd_session_actor(&s), "mia");
	fd_session_close(&s);

	/* Nobody who exists: refused, nothing queued. */
	open_session(&s, "nobody");
	before = pending(&s);
	assert_int_not_equal(set_clean(&s, "dirty", &err), FD_OK);
	assert_int_equal(pending(&s), before);
	fd_session_close(&s);
}

/* A manager over the desk session: their password as for --as; refused,
 * the desk's user acts on as before. */
static void test_over_needs_password(void **state)
{
	(void)state;
	struct fd_session s;
	open_session(&s, NULL);
	assert_true(s.enrolled); /* enrolled by the test before */
	assert_string_equal(s.actor, "anna");
	struct fd_error err = {0};
	/* Never signed in here: no verifier to check against. */
	assert_int_equal(fd_session_over_begin(&s, "fred", "pw", &err), FD_E_FORBIDDEN);
	assert_non_null(strstr(err.message, "fred has not signed in on this terminal"));
	assert_string_equal(s.actor, "anna");
	assert_string_equal(s.desk, "");
	assert_true(s.proven);
	/* A wrong password: refused the same way. */
	char hash[crypto_pwhash_STRBYTES], salt[FD_SIGN_SALT_HEX];
	assert_int_equal(
	    crypto_pwhash_str(hash, "right", 5, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
	fd_sign_new_salt(salt);
	assert_int_equal(fd_verifier_put(s.db, "fred", hash, "manager", 1764000000, NULL), FD_OK);
	assert_int_equal(fd_verifier_salt_set(s.db, "fred", salt, NULL), FD_OK);
	assert_int_equal(fd_session_over_begin(&s, "fred", "wrong", &err), FD_E_FORBIDDEN);
	assert_string_equal(err.message, "Wrong password for fred.");
	assert_string_equal(fd_session_actor(&s), "anna");
	assert_string_equal(s.desk, "");
	/* The signed-in user over herself needs nothing more; the end restores. */
	assert_int_equal(fd_session_over_begin(&s, "anna", "", &err), FD_OK);
	assert_string_equal(s.desk, "anna");
	fd_session_over_end(&s);
	assert_string_equal(s.desk, "");
	assert_string_equal(fd_session_actor(&s), "anna");
	fd_session_close(&s);
}

static void test_booking_any_case(void **state)
{
	(void)state;
	struct fd_session s;
	open_session(&s, NULL);
	sqlite3_stmt *q;
	assert_int_equal(
	    sqlite3_prepare_v2(fd_db_handle(s.db), "SELECT code, id FROM bookings LIMIT 1", -1, &q, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	char code[FD_CODE_LEN], lower[FD_CODE_LEN], id[FD_ID_LEN];
	snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(q, 0));
	snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(q, 1));
	sqlite3_finalize(q);
	for (int i = 0; i < FD_CODE_LEN; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	struct fd_booking_row row;
	struct fd_error err = {0};
	assert_int_equal(fd_session_booking(&s, lower, &row, &err), FD_OK);
	assert_string_equal(row.b.code, code);
	assert_true(row.guest_name[0] != '\0');
	assert_int_equal(fd_session_booking(&s, id, &row, &err), FD_OK);
	assert_string_equal(row.b.code, code);
	assert_int_equal(fd_session_booking(&s, "zzzzzz", &row, &err), FD_E_NOT_FOUND);
	assert_string_equal(err.message, "No booking \"zzzzzz\".");
	fd_session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_private_data_dir),
	    cmocka_unit_test(test_owner_acts_unqueued),
	    cmocka_unit_test(test_allows),
	    cmocka_unit_test(test_enrolled_signed_in_user_acts_queued),
	    cmocka_unit_test(test_over_needs_password),
	    cmocka_unit_test(test_booking_any_case),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
