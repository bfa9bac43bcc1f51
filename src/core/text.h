// SPDX-License-Identifier: GPL-3.0-or-later
/* Display width of UTF-8 text in terminal cells (CJK wide, combining marks
 * zero), and fitting text into a number of cells. Never count bytes. */
#ifndef FD_CORE_TEXT_H
#define FD_CORE_TEXT_H

#include <stddef.h>

int fd_text_width(const char *s);
/* Copy as much of s as fits in `cells` columns into out, then pad with
 * spaces to exactly `cells` columns (when pad is set). Returns out. */
char *fd_text_fit(const char *s, int cells, int pad, char *out, size_t size);

#endif
