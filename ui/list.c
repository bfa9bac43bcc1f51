// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/list.h"

#include <stdarg.h>
#include <stdio.h>

#include "ui/draw.h"

void ui_list_init(struct ui_list *l, int y, const int *widths, int columns)
{
	*l = (struct ui_list){.visible = 1, .y = y, .widths = widths, .columns = columns};
}

static bool keep_visible(struct ui_list *l)
{
	int top = l->top;
	l->cursor = ui_clamp(l->cursor, 0, l->count > 0 ? l->count - 1 : 0);
	ui_scroll_to(l->cursor, l->visible, &l->top);
	/* Never a window past the end when the rows would fill it. */
	int last_top = l->count > l->visible ? l->count - l->visible : 0;
	if (l->top > last_top)
		l->top = last_top;
	return top != l->top;
}

bool ui_list_set(struct ui_list *l, int count, int visible)
{
	l->count = count > 0 ? count : 0;
	l->visible = visible > 0 ? visible : 1;
	return keep_visible(l);
}

bool ui_list_select(struct ui_list *l, int index)
{
	l->cursor = index;
	return keep_visible(l);
}

enum ui_list_move ui_list_move(struct ui_list *l, enum ui_req req)
{
	int to = l->cursor;
	switch (req) {
	case UI_REQ_UP:
		to--;
		break;
	case UI_REQ_DOWN:
		to++;
		break;
	case UI_REQ_PAGE_UP:
		to -= l->visible;
		break;
	case UI_REQ_PAGE_DOWN:
		to += l->visible;
		break;
	case UI_REQ_HOME:
		to = 0;
		break;
	case UI_REQ_END:
		to = l->count - 1;
		break;
	default:
		return UI_LIST_IGNORED;
	}
	return ui_list_select(l, to) ? UI_LIST_SCROLLED : UI_LIST_MOVED;
}

/* One line of columns: each text fitted by display width (ui_row). */
static void columns(WINDOW *w, const struct ui_list *l, int y, int cells, attr_t attr, va_list ap)
{
	enum { MAX_COLUMNS = 12 };
	const char *texts[MAX_COLUMNS] = {0};
	int n = l->columns < MAX_COLUMNS ? l->columns : MAX_COLUMNS;
	for (int i = 0; i < n; i++)
		texts[i] = va_arg(ap, const char *);
	ui_row(w, y, 0, cells, attr, l->widths, n, texts[0], texts[1], texts[2], texts[3], texts[4], texts[5],
	       texts[6], texts[7], texts[8], texts[9], texts[10], texts[11]);
}

void ui_list_header(WINDOW *w, const struct ui_list *l, int y, int cells, attr_t attr, ...)
{
	va_list ap;
	va_start(ap, attr);
	columns(w, l, y, cells, attr, ap);
	va_end(ap);
}

void ui_list_row(WINDOW *w, const struct ui_list *l, int row, int cells, attr_t attr, attr_t cursor_attr, ...)
{
	if (row < l->top || row >= l->top + l->visible)
		return;
	va_list ap;
	va_start(ap, cursor_attr);
	columns(w, l, l->y + row - l->top, cells, row == l->cursor ? cursor_attr : attr, ap);
	va_end(ap);
}
