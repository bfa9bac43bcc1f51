// SPDX-License-Identifier: GPL-3.0-or-later
/* A push's answers printed without a tree (fd_json_out, issue 18) are the
 * bytes cJSON prints for the same values: the terminal, the recorded
 * results and a duplicate's answer all read them. fd_json_out itself
 * against cJSON, every byte of a string and whole numbers: test_text. */
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
	    cmocka_unit_test(test_applied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
