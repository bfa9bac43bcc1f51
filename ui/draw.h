// SPDX-License-Identifier: GPL-3.0-or-later
/* Drawing helpers: text placed by display width, never by bytes. */
#ifndef FD_UI_DRAW_H
#define FD_UI_DRAW_H

#include <curses.h>

#include "ui/app.h"
#include "ui/edit.h"

/* Write s at (y, x) fitted and padded to exactly cells columns. */
void ui_put(WINDOW *w, int y, int x, const char *s, int cells, attr_t attr);
/* s at (y, x) right-aligned in cells columns (amounts, counts). */
void ui_put_right(WINDOW *w, int y, int x, const char *s, int cells, attr_t attr);
/* printf-style ui_put. */
void ui_putf(WINDOW *w, int y, int x, int cells, attr_t attr, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A table row: n texts, each fitted by display width into widths[i] cells
 * and followed by one space; a width of 0 takes the rest of the line.
 * (printf's %-10s pads by bytes, which misaligns accented and CJK text.) */
void ui_row(WINDOW *w, int y, int x, int cells, attr_t attr, const int *widths, int n, ...);
/* A line editor's text at (y, x) in cells columns, scrolled so that the
 * cursor shows; with show_cursor the cursor's cell is marked. */
void ui_edit_draw(WINDOW *w, int y, int x, int cells, attr_t attr, const struct ui_edit *e, bool show_cursor);
/* The one rule for every pane's key hints: "KEY label" in the table's
 * order (a pane's main keys first), as many whole hints as fit in cells,
 * and the help key ("? keys") last, always, for the rest. */
void ui_hints(WINDOW *w, int y, int cells, attr_t attr, const struct ui_hint *hints, int n);
/* The pane's own table (p->ops->hints) on its last line. */
void ui_pane_hints(struct app *app, struct pane *p);
/* Fill a row segment with spaces. */
void ui_blank(WINDOW *w, int y, int x, int cells, attr_t attr);
/* A pane title line across the whole width. */
void ui_title(struct app *app, struct pane *p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Clamp v to [lo, hi]. */
int ui_clamp(int v, int lo, int hi);
/* Keep a cursor visible in a list of n rows shown `visible` at a time. */
void ui_scroll_to(int cursor, int visible, int *top);

#endif
