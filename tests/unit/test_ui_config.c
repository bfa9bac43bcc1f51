// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal's config file as its readers see it (ui/config_lines.c):
 * key bindings and colours, each line read whole and a bad one named. */
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

#include "ui/colors.h"
#include "ui/keys.h"

typedef bool load_fn(const char *path, char *msg, size_t size);

static struct ui_color colors[UI_COLOR_COUNT];

static bool load_colors(const char *path, char *msg, size_t size)
{
	return ui_colors_load(path, colors, msg, size);
}

/* Loads text as a config file with load; the file's name goes to path
 * (removed again). */
static bool load_text(load_fn *load, const char *text, char path[], char *msg, size_t size)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	bool ok = load(path, msg, size);
	unlink(path);
	return ok;
}

/* A comment longer than any fixed buffer (300+ characters) whose tail reads
 * like a config line that would be refused: read in pieces, the tail was
 * parsed as a line of its own, and every later line was misnumbered. */
static size_t long_comment(char *out, size_t size, const char *tail)
{
	size_t n = (size_t)snprintf(out, size, "#");
	while (n < 255)
		out[n++] = '-';
	n += (size_t)snprintf(out + n, size - n, " %s %060d\n", tail, 0);
	assert_true(n > 300 && n < size);
	return n;
}

/* The bad line after a long comment and a good line: "PATH line 3:". */
static void assert_names_line_3(load_fn *load, const char *text, const char *expected)
{
	char path[] = "/tmp/test_ui_config_XXXXXX", msg[512] = "", where[64];
	assert_false(load_text(load, text, path, msg, sizeof msg));
	snprintf(where, sizeof where, "%s line 3:", path);
	assert_non_null(strstr(msg, where));
	assert_non_null(strstr(msg, expected));
}

static void test_keys_long_line_read_whole(void **state)
{
	(void)state;
	char text[800], path[] = "/tmp/test_ui_config_XXXXXX", msg[512] = "";
	size_t n = long_comment(text, sizeof text, "bind x no-such-action");
	snprintf(text + n, sizeof text - n, "bind w quit\n");
	ui_keys_init();
	assert_true(load_text(ui_keys_load_config, text, path, msg, sizeof msg));
	assert_int_equal(ui_keys_lookup((struct ui_key){false, 'w'}, UI_CTX_BOARD | UI_CTX_MOVE),
	                 UI_REQ_QUIT);
	assert_int_equal(ui_keys_lookup((struct ui_key){false, 'x'}, UI_CTX_BOARD), UI_REQ_NONE);

	snprintf(text + n, sizeof text - n, "bind w quit\nbind w no-such-action\n");
	ui_keys_init();
	assert_names_line_3(ui_keys_load_config, text, "bind KEY ACTION");
}

static void test_colors_set(void **state)
{
	(void)state;
	char path[] = "/tmp/test_ui_config_XXXXXX", msg[512] = "";
	assert_true(
	    load_text(load_colors, "# theme\ncolor title red blue\ncolor ooo 202\n", path, msg, sizeof msg));
	assert_true(colors[UI_COLOR_TITLE].set);
	assert_int_equal(colors[UI_COLOR_TITLE].fg, 1);
	assert_int_equal(colors[UI_COLOR_TITLE].bg, 4);
	assert_true(colors[UI_COLOR_OOO].set);
	assert_int_equal(colors[UI_COLOR_OOO].fg, 202);
	assert_int_equal(colors[UI_COLOR_OOO].bg, -1);
	assert_false(colors[UI_COLOR_BAR].set);
	assert_true(ui_colors_load("/nonexistent/config", colors, msg, sizeof msg));
}

static void test_colors_long_line_read_whole(void **state)
{
	(void)state;
	char text[800], path[] = "/tmp/test_ui_config_XXXXXX", msg[512] = "";
	size_t n = long_comment(text, sizeof text, "color nosuch red");
	snprintf(text + n, sizeof text - n, "color title red blue\n");
	assert_true(load_text(load_colors, text, path, msg, sizeof msg));
	assert_true(colors[UI_COLOR_TITLE].set);
	assert_int_equal(colors[UI_COLOR_TITLE].fg, 1);

	snprintf(text + n, sizeof text - n, "color title red blue\ncolor title mauve\n");
	assert_names_line_3(load_colors, text, "color ELEMENT FOREGROUND");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keys_long_line_read_whole),
	    cmocka_unit_test(test_colors_set),
	    cmocka_unit_test(test_colors_long_line_read_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
