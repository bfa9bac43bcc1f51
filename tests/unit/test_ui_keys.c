// SPDX-License-Identifier: GPL-3.0-or-later
/* The command table and key map: defaults, pane contexts, config overrides. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/keys.h"

static struct ui_key ch(wint_t c)
{
	return (struct ui_key){false, c};
}

static void test_defaults_by_context(void **state)
{
	(void)state;
	ui_keys_init();
	assert_int_equal(ui_keys_lookup(ch('j'), UI_CTX_BOARD | UI_CTX_MOVE), UI_REQ_DOWN);
	assert_int_equal(ui_keys_lookup((struct ui_key){true, KEY_DOWN}, UI_CTX_HK | UI_CTX_MOVE),
	                 UI_REQ_DOWN);
	/* The same key means different things in different panes. */
	assert_int_equal(ui_keys_lookup(ch('i'), UI_CTX_LISTS | UI_CTX_MOVE), UI_REQ_CHECK_IN);
	assert_int_equal(ui_keys_lookup(ch('i'), UI_CTX_HK | UI_CTX_MOVE), UI_REQ_HK_INSPECTED);
	assert_int_equal(ui_keys_lookup(ch('l'), UI_CTX_BOARD | UI_CTX_MOVE), UI_REQ_RIGHT);
	assert_int_equal(ui_keys_lookup(ch('l'), UI_CTX_LISTS | UI_CTX_MOVE), UI_REQ_LIST_NEXT);
	/* Global keys work everywhere; unknown keys do nothing. */
	assert_int_equal(ui_keys_lookup(ch('q'), UI_CTX_STAFF), UI_REQ_QUIT);
	assert_int_equal(ui_keys_lookup(ch('?'), UI_CTX_DETAIL), UI_REQ_HELP);
	assert_int_equal(ui_keys_lookup(ch('\r'), UI_CTX_BOARD | UI_CTX_MOVE), UI_REQ_OPEN);
	assert_int_equal(ui_keys_lookup(ch('\r'), UI_CTX_FOLIO | UI_CTX_MOVE), UI_REQ_OPEN);
	/* Panes with nothing to open do not claim Enter. */
	assert_int_equal(ui_keys_lookup(ch('\r'), UI_CTX_REPORTS | UI_CTX_MOVE), UI_REQ_NONE);
	assert_int_equal(ui_keys_lookup(ch('\r'), UI_CTX_STAFF | UI_CTX_MOVE), UI_REQ_NONE);
	assert_int_equal(ui_keys_lookup((struct ui_key){true, KEY_F(3)}, UI_CTX_BOARD), UI_REQ_PANE_HK);
	assert_int_equal(ui_keys_lookup(ch('%'), UI_CTX_BOARD), UI_REQ_NONE);
	/* Enter in the form moves on; Esc is never the only way back. */
	assert_int_equal(ui_keys_lookup(ch('\r'), UI_CTX_FORM), UI_REQ_FORM_NEXT);
	assert_int_equal(ui_keys_lookup(ch(19), UI_CTX_FORM), UI_REQ_FORM_SAVE);
	assert_int_equal(ui_keys_lookup((struct ui_key){true, KEY_BACKSPACE}, UI_CTX_DETAIL), UI_REQ_BACK);
}

static void test_every_action_has_a_key_and_help(void **state)
{
	(void)state;
	ui_keys_init();
	int n;
	const struct ui_action *a = ui_actions(&n);
	assert_true(n > 30);
	for (int i = 0; i < n; i++) {
		char keys[64];
		ui_keys_describe(a[i].req, keys, sizeof keys);
		assert_true(keys[0] != '\0');
		assert_true(a[i].help[0] != '\0');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(a[i].name, a[j].name);
	}
}

static void test_key_names(void **state)
{
	(void)state;
	struct ui_key k;
	assert_true(ui_key_parse("Tab", &k));
	assert_false(k.fn);
	assert_int_equal(k.ch, '\t');
	assert_true(ui_key_parse("F10", &k));
	assert_true(k.fn);
	assert_int_equal(k.ch, KEY_F(10));
	assert_true(ui_key_parse("C-l", &k));
	assert_int_equal(k.ch, 12);
	assert_true(ui_key_parse("x", &k));
	assert_int_equal(k.ch, 'x');
	assert_false(ui_key_parse("NoSuchKey", &k));
}

static void test_config_rebinds(void **state)
{
	(void)state;
	char path[] = "/tmp/test_ui_keys_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("# comment\nbind x quit\nbind w down\n", f);
	fclose(f);
	ui_keys_init();
	char msg[256] = "";
	assert_true(ui_keys_load_config(path, msg, sizeof msg));
	assert_int_equal(ui_keys_lookup(ch('x'), UI_CTX_BOARD), UI_REQ_QUIT);
	assert_int_equal(ui_keys_lookup(ch('w'), UI_CTX_BOARD | UI_CTX_MOVE), UI_REQ_DOWN);
	char keys[64];
	ui_keys_describe(UI_REQ_QUIT, keys, sizeof keys);
	assert_non_null(strstr(keys, "x"));

	f = fopen(path, "w");
	fputs("bind x no-such-action\n", f);
	fclose(f);
	assert_false(ui_keys_load_config(path, msg, sizeof msg));
	assert_non_null(strstr(msg, "line 1"));
	unlink(path);
	assert_true(ui_keys_load_config("/nonexistent/config", msg, sizeof msg));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_by_context),
	    cmocka_unit_test(test_every_action_has_a_key_and_help),
	    cmocka_unit_test(test_key_names),
	    cmocka_unit_test(test_config_rebinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
