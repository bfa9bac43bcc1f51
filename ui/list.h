// SPDX-License-Identifier: GPL-3.0-or-later
/* The list widget the panes share: a cursor over count rows of which
 * `visible` show at a time, scrolling, paging and selection by the move
 * keys, and rows drawn as columns fitted by display width (wcwidth, never
 * bytes). The pane owns its rows (often a page of a query from top on);
 * the widget owns where the cursor and the window are. */
#ifndef FD_UI_LIST_H
#define FD_UI_LIST_H

#include <curses.h>
#include <stdbool.h>

#include "ui/keys.h"

struct ui_list {
	int count;         /* rows in the list */
	int cursor;        /* the selected row, 0 <= cursor < count (0 when empty) */
	int top;           /* first row shown */
	int visible;       /* rows shown at a time (at least 1) */
	int y;             /* the window line of the first row shown */
	const int *widths; /* column widths in cells; 0 takes the rest */
	int columns;
};

enum ui_list_move {
	UI_LIST_IGNORED,  /* not a move key */
	UI_LIST_MOVED,    /* the cursor moved within the rows shown: repaint */
	UI_LIST_SCROLLED, /* other rows show now: query again, then repaint */
};

/* Columns and the line of the first row; the rest starts empty. */
void ui_list_init(struct ui_list *l, int y, const int *widths, int columns);
/* New size or data: count rows, visible at a time; keeps the cursor in
 * range and on the screen. True when top changed. */
bool ui_list_set(struct ui_list *l, int count, int visible);
/* Put the cursor on row index (clamped). True when top changed. */
bool ui_list_select(struct ui_list *l, int index);
/* Up, Down, PgUp, PgDn, Home, End. */
enum ui_list_move ui_list_move(struct ui_list *l, enum ui_req req);

/* The column titles on line y, and row `row` of the list (on its line
 * when shown; nothing otherwise), each a text per column. */
void ui_list_header(WINDOW *w, const struct ui_list *l, int y, int cells, attr_t attr, ...);
void ui_list_row(WINDOW *w, const struct ui_list *l, int row, int cells, attr_t attr, attr_t cursor_attr,
                 ...);

#endif
