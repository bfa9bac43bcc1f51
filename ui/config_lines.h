// SPDX-License-Identifier: GPL-3.0-or-later
/* The line reader the terminal's config files share (keys, colours,
 * documents): each line is read whole, however long, so a long comment is
 * never split into pieces that parse as lines of their own, and line numbers
 * in messages stay right. */
#ifndef FD_UI_CONFIG_LINES_H
#define FD_UI_CONFIG_LINES_H

#include <stdbool.h>

/* Called with one line (newline included; the callee may modify it) and
 * arg; false refuses the line and stops the reading. */
typedef bool ui_config_line_fn(char *line, void *arg);

/* Feeds every line of the file at path to accept. Returns 0 when each line
 * was accepted or there is no file (a missing config file is fine), else
 * the number (from 1) of the refused line. */
int ui_config_each_line(const char *path, ui_config_line_fn *accept, void *arg);

#endif
