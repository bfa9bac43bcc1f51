// SPDX-License-Identifier: GPL-3.0-or-later
/* The line editor on UTF-8 text: the cursor moves by character (accented,
 * CJK, emoji), deletions never leave half a character, the cursor's column
 * is a display width, and the keys map to the operations. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "ui/edit.h"

static struct ui_key ch(wint_t c)
{
	return (struct ui_key){false, c};
}

static struct ui_key fn(wint_t c)
{
	return (struct ui_key){true, c};
}

static void test_insert_and_move_by_character(void **state)
{
	(void)state;
	char buf[64] = "Müller";
	struct ui_edit e;
	ui_edit_attach(&e, buf, sizeof buf);
	assert_int_equal(e.cur, strlen("Müller"));
	assert_int_equal(ui_edit_cursor_col(&e), 6);
	/* Left four times lands before the ü (two bytes), not inside it. */
	for (int i = 0; i < 4; i++)
		assert_true(ui_edit_left(&e));
	assert_int_equal(e.cur, strlen("Mü"));
	assert_true(ui_edit_left(&e));
	assert_int_equal(e.cur, 1);
	assert_true(ui_edit_delete(&e));
	assert_string_equal(buf, "Mller");
	assert_true(ui_edit_insert_char(&e, 0xFC)); /* ü */
	assert_string_equal(buf, "Müller");
	assert_int_equal(e.cur, strlen("Mü"));
	assert_true(ui_edit_home(&e));
	assert_false(ui_edit_left(&e));
	assert_true(ui_edit_end(&e));
	assert_false(ui_edit_right(&e));
}

static void test_cjk_and_emoji_widths(void **state)
{
	(void)state;
	char buf[64] = "";
	struct ui_edit e;
	ui_edit_attach(&e, buf, sizeof buf);
	ui_edit_insert(&e, "山田");
	assert_int_equal(ui_edit_cursor_col(&e), 4);   /* two wide characters */
	assert_true(ui_edit_insert_char(&e, 0x1F600)); /* 😀, four bytes */
	assert_string_equal(buf, "山田😀");
	assert_int_equal(ui_edit_cursor_col(&e), 6);
	assert_true(ui_edit_backspace(&e));
	assert_string_equal(buf, "山田");
	assert_true(ui_edit_left(&e));
	assert_int_equal(ui_edit_cursor_col(&e), 2);
	assert_true(ui_edit_insert(&e, "・"));
	assert_string_equal(buf, "山・田");
	assert_true(ui_edit_backspace(&e));
	assert_true(ui_edit_backspace(&e));
	assert_string_equal(buf, "田");
	assert_int_equal(e.cur, 0);
	assert_false(ui_edit_backspace(&e));
}

static void test_kills(void **state)
{
	(void)state;
	char buf[64] = "Nguyễn Thảo Linh";
	struct ui_edit e;
	ui_edit_attach(&e, buf, sizeof buf);
	assert_true(ui_edit_kill_word(&e));
	assert_string_equal(buf, "Nguyễn Thảo ");
	assert_true(ui_edit_kill_word(&e)); /* the spaces before the word go with it */
	assert_string_equal(buf, "Nguyễn ");
	ui_edit_home(&e);
	ui_edit_right(&e);
	ui_edit_right(&e);
	assert_true(ui_edit_kill_end(&e));
	assert_string_equal(buf, "Ng");
	assert_false(ui_edit_kill_end(&e));
	ui_edit_left(&e);
	assert_true(ui_edit_kill_start(&e));
	assert_string_equal(buf, "g");
	assert_int_equal(e.cur, 0);
	assert_false(ui_edit_kill_start(&e));
}

static void test_full_buffer_refuses(void **state)
{
	(void)state;
	char buf[5] = "abc";
	struct ui_edit e;
	ui_edit_attach(&e, buf, sizeof buf);
	assert_false(ui_edit_insert(&e, "é")); /* 2 bytes + NUL do not fit */
	assert_string_equal(buf, "abc");
	assert_true(ui_edit_insert(&e, "d"));
	assert_false(ui_edit_insert_char(&e, 'e'));
	assert_string_equal(buf, "abcd");
	/* A set that does not fit is cut at a character boundary. */
	ui_edit_set(&e, "abcé");
	assert_string_equal(buf, "abc");
}

/* Replacing the date in a booking form: Home, C-k, type the new one. */
static void test_keys(void **state)
{
	(void)state;
	char buf[32] = "2026-11-25";
	struct ui_edit e;
	ui_edit_attach(&e, buf, sizeof buf);
	assert_int_equal(ui_edit_key(&e, fn(KEY_HOME)), UI_EDIT_MOVED);
	assert_int_equal(ui_edit_key(&e, ch(11)), UI_EDIT_CHANGED); /* C-k */
	assert_string_equal(buf, "");
	const char *typed = "2026-12-01";
	for (const char *c = typed; *c; c++)
		assert_int_equal(ui_edit_key(&e, ch((wint_t)*c)), UI_EDIT_CHANGED);
	assert_string_equal(buf, typed);
	assert_int_equal(ui_edit_key(&e, ch(1)), UI_EDIT_MOVED); /* C-a */
	assert_int_equal(e.cur, 0);
	assert_int_equal(ui_edit_key(&e, ch(4)), UI_EDIT_CHANGED); /* C-d */
	assert_string_equal(buf, "026-12-01");
	assert_int_equal(ui_edit_key(&e, fn(KEY_DC)), UI_EDIT_CHANGED);
	assert_string_equal(buf, "26-12-01");
	assert_int_equal(ui_edit_key(&e, ch(5)), UI_EDIT_MOVED); /* C-e */
	assert_int_equal(ui_edit_key(&e, fn(KEY_LEFT)), UI_EDIT_MOVED);
	assert_int_equal(ui_edit_key(&e, fn(KEY_BACKSPACE)), UI_EDIT_CHANGED);
	assert_string_equal(buf, "26-12-1");
	assert_int_equal(ui_edit_key(&e, ch(127)), UI_EDIT_CHANGED);
	assert_string_equal(buf, "26-121");
	assert_int_equal(ui_edit_key(&e, ch(21)), UI_EDIT_CHANGED); /* C-u */
	assert_string_equal(buf, "1");
	assert_int_equal(ui_edit_key(&e, fn(KEY_END)), UI_EDIT_MOVED);
	assert_int_equal(ui_edit_key(&e, ch(23)), UI_EDIT_CHANGED); /* C-w */
	assert_string_equal(buf, "");
	/* Keys that are not for the editor are left to the caller. */
	assert_int_equal(ui_edit_key(&e, ch('\t')), UI_EDIT_IGNORED);
	assert_int_equal(ui_edit_key(&e, ch('\r')), UI_EDIT_IGNORED);
	assert_int_equal(ui_edit_key(&e, ch(27)), UI_EDIT_IGNORED);
	assert_int_equal(ui_edit_key(&e, fn(KEY_UP)), UI_EDIT_IGNORED);
	assert_int_equal(ui_edit_key(&e, fn(KEY_F(10))), UI_EDIT_IGNORED);
	/* Typed characters arrive as code points. */
	assert_int_equal(ui_edit_key(&e, ch(0x00E9)), UI_EDIT_CHANGED);
	assert_int_equal(ui_edit_key(&e, ch(0x5C71)), UI_EDIT_CHANGED);
	assert_string_equal(buf, "é山");
}

static void test_view_scrolls_to_the_cursor(void **state)
{
	(void)state;
	char buf[64] = "abcdefghij";
	struct ui_edit e;
	ui_edit_attach(&e, buf, sizeof buf);
	/* Ten characters and the cursor after them in 6 cells: show "fghij". */
	assert_int_equal(ui_edit_view_start(&e, 6), 5);
	ui_edit_home(&e);
	assert_int_equal(ui_edit_view_start(&e, 6), 0);
	ui_edit_set(&e, "山田太郎");
	/* Eight cells of text and the cursor in 5 cells: two wide characters. */
	assert_int_equal(ui_edit_view_start(&e, 5), strlen("山田"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_insert_and_move_by_character),
	    cmocka_unit_test(test_cjk_and_emoji_widths),
	    cmocka_unit_test(test_kills),
	    cmocka_unit_test(test_full_buffer_refuses),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_view_scrolls_to_the_cursor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
