// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/colors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/config_lines.h"

static const char *const elems[UI_COLOR_COUNT] = {
    "reserved", "inhouse", "dueout", "ooo", "bar", "error", "title", "past",
};
static const char *const names[] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

static bool parse_color(const char *s, short *out)
{
	if (strcmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (short i = 0; i < 8; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return true;
		}
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 0 || v > 255)
		return false;
	*out = (short)v;
	return true;
}

/* One config line: "color ELEMENT FG [BG]" sets an element; other lines
 * are not ours. */
static bool color_line(char *line, void *arg)
{
	struct ui_color *out = arg;
	char *save = NULL;
	char *w = strtok_r(line, " \t\r\n", &save);
	if (!w || strcmp(w, "color") != 0)
		return true;
	char *elem = strtok_r(NULL, " \t\r\n", &save), *fg = strtok_r(NULL, " \t\r\n", &save);
	char *bg = strtok_r(NULL, " \t\r\n", &save);
	int e = -1;
	for (int i = 0; elem && i < UI_COLOR_COUNT; i++)
		if (strcmp(elem, elems[i]) == 0)
			e = i;
	short cf, cb = -1;
	if (e < 0 || !fg || !parse_color(fg, &cf) || (bg && !parse_color(bg, &cb)))
		return false;
	out[e] = (struct ui_color){true, cf, cb};
	return true;
}

bool ui_colors_load(const char *path, struct ui_color out[UI_COLOR_COUNT], char *msg, size_t size)
{
	memset(out, 0, sizeof *out * UI_COLOR_COUNT);
	int bad = ui_config_each_line(path, color_line, out);
	if (bad)
		snprintf(msg, size,
		         _("%s line %d: expected \"color ELEMENT FOREGROUND [BACKGROUND]\"; "
		           "elements: reserved, "
		           "inhouse, dueout, ooo, bar, error, title, past; colours: black, red, "
		           "green, yellow, "
		           "blue, magenta, cyan, white, default or 0-255"),
		         path, bad);
	return !bad;
}
