// SPDX-License-Identifier: GPL-3.0-or-later
/* Colours from the config file: "color ELEMENT FOREGROUND [BACKGROUND]"
 * lines (the same file as the key bindings). Read before the terminal
 * starts, so a mistake is reported plainly; applied by the colour theme. */
#ifndef FD_UI_COLORS_H
#define FD_UI_COLORS_H

#include <stdbool.h>
#include <stddef.h>

enum ui_color_elem {
	UI_COLOR_RESERVED,
	UI_COLOR_INHOUSE,
	UI_COLOR_DUEOUT,
	UI_COLOR_OOO,
	UI_COLOR_BAR,
	UI_COLOR_ERROR,
	UI_COLOR_TITLE,
	UI_COLOR_PAST,
	UI_COLOR_COUNT
};

struct ui_color {
	bool set;
	short fg, bg; /* curses colour numbers, -1 = terminal default */
};

/* Parse the colour lines of path (a missing file is fine). false with a
 * message naming the line on a bad one. */
bool ui_colors_load(const char *path, struct ui_color out[UI_COLOR_COUNT], char *msg, size_t size);

#endif
