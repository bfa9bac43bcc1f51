// SPDX-License-Identifier: GPL-3.0-or-later
/* The paged snapshot's page token (core/snaptoken.h): a row number or an
 * id in hex, read back as written; an id of any text stays safe in a URL;
 * anything else is not a token. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/snaptoken.h"

static void test_row_number_as_before(void **state)
{
	(void)state;
	struct fd_snap_pos p;
	/* The form of the server before ids: read as it was. */
	assert_true(fd_snap_pos_parse("41003.3.2481", 22, &p));
	assert_int_equal(p.seq, 41003);
	assert_int_equal(p.entity, 3);
	assert_false(p.by_id);
	assert_int_equal(p.key, 2481);
	char out[FD_SNAP_TOKEN_LEN];
	assert_string_equal(fd_snap_pos_format(&p, out), "41003.3.2481");
}

static void test_id_round_trip(void **state)
{
	(void)state;
	struct fd_snap_pos p = {.seq = 7, .entity = 4, .by_id = true};
	char out[FD_SNAP_TOKEN_LEN];
	/* An id is any text: what is not URL-safe goes as hex like the rest. */
	const char *ids[] = {"0004b3cf-c3c9-4ca5-a27b-11eca6ccc9bb", "a&b c=%d.x", "é", ""};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		snprintf(p.id, sizeof p.id, "%s", ids[i]);
		fd_snap_pos_format(&p, out);
		assert_int_equal(strspn(out, "0123456789abcdefx."), strlen(out));
		struct fd_snap_pos q;
		assert_true(fd_snap_pos_parse(out, 22, &q));
		assert_true(q.by_id);
		assert_int_equal(q.seq, 7);
		assert_int_equal(q.entity, 4);
		assert_string_equal(q.id, ids[i]);
	}
	/* "x" alone: the entity's first page. */
	p.id[0] = '\0';
	assert_string_equal(fd_snap_pos_format(&p, out), "7.4.x");
	/* The longest id and cut fit. */
	memset(p.id, 0xff, FD_ID_LEN - 1);
	p.id[FD_ID_LEN - 1] = '\0';
	p.seq = INT64_MAX;
	p.entity = 21;
	fd_snap_pos_format(&p, out);
	assert_int_equal(strlen(out), 19 + 1 + 2 + 1 + 1 + 2 * (FD_ID_LEN - 1));
}

static void test_not_tokens(void **state)
{
	(void)state;
	const char *bad[] = {"",
	                     "x.y",
	                     "1.2",
	                     "1.2.",
	                     "-1.2.3",
	                     "1.-2.3",
	                     "1.22.3",
	                     "1.2.-3",
	                     "1.2.3a",
	                     " 1.2.3",
	                     "+1.2.3",
	                     "1.+2.3",
	                     "1.2.x4",
	                     "1.2.xzz",
	                     "1.2.x00",
	                     "1.2.x4G",
	                     "1.2.X41",
	                     "1.2.x" /* 37 bytes: one too many */
	                     "41414141414141414141414141414141414141414141414141414141414141414141414141",
	                     "1.2.9999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct fd_snap_pos p;
		if (fd_snap_pos_parse(bad[i], 22, &p))
			fail_msg("\"%s\" should not be a page token", bad[i]);
	}
	struct fd_snap_pos p;
	assert_false(fd_snap_pos_parse(NULL, 22, &p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_row_number_as_before),
	    cmocka_unit_test(test_id_round_trip),
	    cmocka_unit_test(test_not_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
