// SPDX-License-Identifier: GPL-3.0-or-later
/* A push's answers printed without a tree (fd_json_out, issue 18) are the
 * bytes cJSON prints for the same values: the terminal, the recorded
 * results and a duplicate's answer all read them. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "server/push_rules.h"

/* push_rules.c reads one request header; no request here. */
const char *srv_header(const struct srv_req *r, const char *name)
{
	(void)r;
	(void)name;
	return NULL;
}

static void check_str(const char *s)
{
	cJSON *v = cJSON_CreateString(s);
	char *want = cJSON_PrintUnformatted(v);
	struct fd_json_out o = {0};
	fd_json_out_str(&o, s);
	char *got = fd_json_out_take(&o);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	cJSON_Delete(v);
}

/* Every byte, alone and between text; escapes, UTF-8, the empty string. */
static void test_strings(void **state)
{
	(void)state;
	for (int c = 1; c < 256; c++) {
		char one[2] = {(char)c, 0}, mid[8];
		snprintf(mid, sizeof mid, "a%cb", c);
		check_str(one);
		check_str(mid);
	}
	check_str("");
	check_str("Zimmer \"Süd\" \\ 101\n\t\x01\x1f\x7f \xe6\x9d\xb1 \xf0\x9f\x8f\xa8 /</script>");
}

static void test_object(void **state)
{
	(void)state;
	static const int64_t v[] = {0, 1, -1, 9007199254740993LL, INT64_MIN, 1234567890123LL};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "k", "v");
		char n[32]; /* whole, as a raw member: cJSON prints a double with 15 digits */
		snprintf(n, sizeof n, "%lld", (long long)v[i]);
		cJSON_AddRawToObject(t, "n", n);
		cJSON_AddArrayToObject(t, "a");
		char *want = cJSON_PrintUnformatted(t);
		cJSON_Delete(t);
		struct fd_json_out o = {0};
		fd_json_out_raw(&o, "{", 1);
		fd_json_out_key(&o, "k");
		fd_json_out_str(&o, "v");
		fd_json_out_key(&o, "n");
		fd_json_out_int(&o, v[i]);
		fd_json_out_key(&o, "a");
		fd_json_out_raw(&o, "[]}", 3);
		char *got = fd_json_out_take(&o);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

/* The applied answer as text and as the tree pg_push.c answers with. */
static void test_applied(void **state)
{
	(void)state;
	struct fd_op op;
	fd_op_init(&op);
	snprintf(op.op_id, sizeof op.op_id, "%s", "0000000a-0000-4000-8000-000000000001");
	op.device_seq = 4711;
	struct fd_op_result res[3];
	memset(res, 0, sizeof res);
	snprintf(res[0].entity, sizeof res[0].entity, "room");
	snprintf(res[0].id, sizeof res[0].id, "101");
	snprintf(res[1].entity, sizeof res[1].entity, "booking");
	snprintf(res[1].id, sizeof res[1].id, "0000000b-0000-4000-8000-000000000002");
	snprintf(res[1].code, sizeof res[1].code, "ABC123");
	snprintf(res[1].warning, sizeof res[1].warning, "Room \"204\" is out of service\n\x01 — Süd");
	snprintf(res[2].entity, sizeof res[2].entity, "room");
	snprintf(res[2].id, sizeof res[2].id, "A\\B\t\xe6\x9d\xb1");
	for (int i = 0; i < 3; i++) {
		cJSON *t = srv_push_applied_new(&op, 99 + i, &res[i]);
		char *want = cJSON_PrintUnformatted(t);
		char *got = srv_push_applied_text(&op, 99 + i, &res[i]);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(got);
		free(want);
		cJSON_Delete(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_object),
	    cmocka_unit_test(test_applied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
