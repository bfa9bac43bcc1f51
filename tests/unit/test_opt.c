// SPDX-License-Identifier: GPL-3.0-or-later
/* The command-line parser both programs share: the forms of an option,
 * order, options after the command, "--", negative numbers, and usage
 * errors that name the option. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "opt/opt.h"

enum { K_DATA = 1, K_JSON, K_FROM, K_HELP, K_AS };

static const struct fd_optdef globals[] = {
    {"data", true, K_DATA, 0}, {"json", false, K_JSON, 0}, {"help", false, K_HELP, 'h'},
    {"as", true, K_AS, 0},     {NULL, false, 0, 0},
};
static const struct fd_optdef command[] = {
    {"from", true, K_FROM, 0},
    {"as", false, K_AS, 0}, /* shadows the global one */
    {NULL, false, 0, 0},
};

/* what the callback saw, as "key=value;" */
static char seen[512];

static int note(void *ctx, int key, const char *name, const char *value, char *msg, size_t size)
{
	(void)ctx, (void)name, (void)msg, (void)size;
	size_t l = strlen(seen);
	snprintf(seen + l, sizeof seen - l, "%d=%s;", key, value ? value : "-");
	return 0;
}

static int parse(const char *line, bool stop, int *next, char *msg)
{
	static char buf[256];
	char *args[32];
	int n = 0;
	snprintf(buf, sizeof buf, "%s", line);
	for (char *t = strtok(buf, " "); t && n < 32; t = strtok(NULL, " "))
		args[n++] = t;
	const struct fd_optdef *const tables[] = {command, globals, NULL};
	seen[0] = '\0';
	msg[0] = '\0';
	return fd_opt_parse(n, args, tables, stop, note, NULL, msg, 128, next);
}

static void test_forms(void **state)
{
	(void)state;
	char msg[128];
	int next;
	assert_int_equal(parse("--data=/x rooms --data /y --json", false, &next, msg), 0);
	assert_string_equal(seen, "1=/x;0=rooms;1=/y;2=-;");
	/* the earlier table wins: --as is the command's flag here */
	assert_int_equal(parse("a --as b", false, &next, msg), 0);
	assert_string_equal(seen, "0=a;5=-;0=b;");
	assert_int_equal(parse("-h", false, &next, msg), 0);
	assert_string_equal(seen, "4=-;");
}

static void test_order_and_end(void **state)
{
	(void)state;
	char msg[128];
	int next;
	assert_int_equal(parse("post X1 ROOM -12.50 --from 2026-01-01 -- --json", false, &next, msg), 0);
	assert_string_equal(seen, "0=post;0=X1;0=ROOM;0=-12.50;3=2026-01-01;0=--json;");
	/* a value may look like an option or a negative number */
	assert_int_equal(parse("--from -3 --data --json", false, &next, msg), 0);
	assert_string_equal(seen, "3=-3;1=--json;");
	/* a token may start with a dash */
	assert_int_equal(parse("enroll URL -Gx3_q --json", false, &next, msg), 0);
	assert_string_equal(seen, "0=enroll;0=URL;0=-Gx3_q;2=-;");
	assert_int_equal(parse("-Gx3_q --json", true, &next, msg), 0);
	assert_int_equal(next, 0);
}

static void test_stop_at_command(void **state)
{
	(void)state;
	char msg[128];
	int next = -1;
	assert_int_equal(parse("--json --data d board --from x", true, &next, msg), 0);
	assert_string_equal(seen, "2=-;1=d;");
	assert_int_equal(next, 3);
	assert_int_equal(parse("--json", true, &next, msg), 0);
	assert_int_equal(next, 1);
}

static void test_errors_name_the_option(void **state)
{
	(void)state;
	char msg[128];
	int next;
	assert_int_equal(parse("rooms --colour red", false, &next, msg), -1);
	assert_string_equal(msg, "unknown option --colour");
	assert_int_equal(parse("rooms --colour=red", false, &next, msg), -1);
	assert_string_equal(msg, "unknown option --colour");
	assert_int_equal(parse("rooms --data", false, &next, msg), -1);
	assert_string_equal(msg, "option --data needs a value");
	assert_int_equal(parse("--json=yes", false, &next, msg), -1);
	assert_string_equal(msg, "option --json takes no value");
	assert_int_equal(parse("--data", true, &next, msg), -1);
	assert_string_equal(msg, "option --data needs a value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_order_and_end),
	    cmocka_unit_test(test_stop_at_command),
	    cmocka_unit_test(test_errors_name_the_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
