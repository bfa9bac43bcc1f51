// SPDX-License-Identifier: GPL-3.0-or-later
/* Tokens and enrolment codes (src/server/token.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "server/token.h"

/* An enrolment code is typed as a command argument: a leading '-' made
 * "frontdesk enroll URL CODE" read it as an option, one code in 64. */
static void test_no_token_begins_with_a_dash(void **state)
{
	(void)state;
	int dash = 0;
	for (int i = 0; i < 5000; i++) {
		char t[SRV_TOKEN_LEN];
		srv_token_new(t);
		assert_int_equal(strlen(t), 43);
		assert_int_equal(
		    strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
		dash += t[0] == '-';
	}
	assert_int_equal(dash, 0);
}

static void test_hash_is_of_the_token(void **state)
{
	(void)state;
	unsigned char a[32], b[32], c[32];
	srv_token_hash("one", a);
	srv_token_hash("one", b);
	srv_token_hash("two", c);
	assert_memory_equal(a, b, 32);
	assert_memory_not_equal(a, c, 32);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_token_begins_with_a_dash),
	    cmocka_unit_test(test_hash_is_of_the_token),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
