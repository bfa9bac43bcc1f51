// SPDX-License-Identifier: GPL-3.0-or-later
/* The list widget: moving, paging and selecting keep the cursor in range
 * and on the screen, and say when other rows must be queried. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ui/list.h"

static void test_move_and_page(void **state)
{
	(void)state;
	static const int widths[] = {6, 0};
	struct ui_list l;
	ui_list_init(&l, 2, widths, 2);
	assert_false(ui_list_set(&l, 30, 10));
	assert_int_equal(ui_list_move(&l, UI_REQ_UP), UI_LIST_MOVED);
	assert_int_equal(l.cursor, 0);
	for (int i = 0; i < 9; i++)
		assert_int_equal(ui_list_move(&l, UI_REQ_DOWN), UI_LIST_MOVED);
	assert_int_equal(ui_list_move(&l, UI_REQ_DOWN), UI_LIST_SCROLLED);
	assert_int_equal(l.cursor, 10);
	assert_int_equal(l.top, 1);
	assert_int_equal(ui_list_move(&l, UI_REQ_PAGE_DOWN), UI_LIST_SCROLLED);
	assert_int_equal(l.cursor, 20);
	assert_int_equal(ui_list_move(&l, UI_REQ_END), UI_LIST_SCROLLED);
	assert_int_equal(l.cursor, 29);
	assert_int_equal(l.top, 20);
	assert_int_equal(ui_list_move(&l, UI_REQ_PAGE_DOWN), UI_LIST_MOVED);
	assert_int_equal(l.cursor, 29);
	assert_int_equal(ui_list_move(&l, UI_REQ_HOME), UI_LIST_SCROLLED);
	assert_int_equal(l.cursor, 0);
	assert_int_equal(l.top, 0);
	assert_int_equal(ui_list_move(&l, UI_REQ_OPEN), UI_LIST_IGNORED);
}

static void test_shrinking_list_and_select(void **state)
{
	(void)state;
	static const int widths[] = {0};
	struct ui_list l;
	ui_list_init(&l, 2, widths, 1);
	ui_list_set(&l, 100, 10);
	assert_true(ui_list_select(&l, 95));
	assert_int_equal(l.top, 86);
	/* The list shrinks under the cursor: it stays in range, the window full. */
	assert_true(ui_list_set(&l, 12, 10));
	assert_int_equal(l.cursor, 11);
	assert_int_equal(l.top, 2);
	/* A taller window shows everything from the top. */
	assert_true(ui_list_set(&l, 12, 20));
	assert_int_equal(l.top, 0);
	assert_false(ui_list_set(&l, 0, 20));
	assert_int_equal(l.cursor, 0);
	assert_int_equal(ui_list_move(&l, UI_REQ_END), UI_LIST_MOVED);
	assert_int_equal(l.cursor, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_move_and_page),
	    cmocka_unit_test(test_shrinking_list_and_select),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
