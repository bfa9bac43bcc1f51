// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"

void ui_put(WINDOW *w, int y, int x, const char *s, int cells, attr_t attr)
{
	if (cells <= 0)
		return;
	char buf[1024], ascii[1024], flat[2048];
	/* A control character would move the cursor: a line break in a note
	 * went on drawing over the lines below (a form's button line). Each
	 * is shown as a space, and only then fitted to the cells. */
	size_t i = 0;
	for (; s[i] && i + 1 < sizeof flat; i++)
		flat[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	flat[i] = '\0';
	s = flat;
	/* A locale without UTF-8 (and no C.UTF-8 to take, ui/term.c): ASCII. */
	if (MB_CUR_MAX == 1)
		s = fd_text_ascii(s, ascii, sizeof ascii);
	fd_text_fit(s, cells, 1, buf, sizeof buf);
	wattrset(w, (int)attr);
	mvwaddstr(w, y, x, buf);
	wattrset(w, A_NORMAL);
}

void ui_putf(WINDOW *w, int y, int x, int cells, attr_t attr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_put(w, y, x, buf, cells, attr);
}

void ui_row(WINDOW *w, int y, int x, int cells, attr_t attr, const int *widths, int n, ...)
{
	char line[1024] = "";
	size_t used = 0;
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *text = va_arg(ap, const char *);
		char cell[512];
		if (widths[i] > 0)
			fd_text_fit(text ? text : "", widths[i], 1, cell, sizeof cell);
		else
			snprintf(cell, sizeof cell, "%s", text ? text : "");
		int wrote = snprintf(line + used, sizeof line - used, "%s%s", cell, i + 1 < n ? " " : "");
		if (wrote < 0 || (size_t)wrote >= sizeof line - used)
			break;
		used += (size_t)wrote;
	}
	va_end(ap);
	ui_put(w, y, x, line, cells, attr);
}

void ui_edit_draw(WINDOW *w, int y, int x, int cells, attr_t attr, const struct ui_edit *e, bool show_cursor)
{
	if (cells <= 0)
		return;
	size_t start = ui_edit_view_start(e, cells);
	ui_put(w, y, x, e->text + start, cells, attr);
	if (!show_cursor)
		return;
	struct ui_edit from = {(char *)e->text + start, e->size - start, e->cur - start};
	int col = ui_edit_cursor_col(&from);
	if (col < cells)
		mvwchgat(w, y, x + col, 1, (attr & A_REVERSE) ? A_UNDERLINE : A_REVERSE, 0, NULL);
}

void ui_blank(WINDOW *w, int y, int x, int cells, attr_t attr)
{
	ui_put(w, y, x, "", cells, attr);
}

void ui_put_right(WINDOW *w, int y, int x, const char *s, int cells, attr_t attr)
{
	int pad = cells - fd_text_width(s);
	if (pad > 0) {
		ui_blank(w, y, x, pad, attr);
		ui_put(w, y, x + pad, s, cells - pad, attr);
	} else {
		ui_put(w, y, x, s, cells, attr);
	}
}

void ui_title(struct app *app, struct pane *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_put(p->win, 0, 0, buf, p->w, app->attr[UI_A_TITLE]);
}

int ui_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void ui_scroll_to(int cursor, int visible, int *top)
{
	if (visible < 1)
		visible = 1;
	if (cursor < *top)
		*top = cursor;
	else if (cursor >= *top + visible)
		*top = cursor - visible + 1;
	if (*top < 0)
		*top = 0;
}

/* Append "KEY label" to line when it fits in cells less reserve. */
static bool add_hint(char *line, size_t size, int *used, int cells, int reserve, enum ui_req req,
                     const char *label)
{
	char keys[64], item[160];
	ui_keys_describe(req, keys, sizeof keys);
	if (!keys[0])
		return false;
	keys[strcspn(keys, " ")] = '\0';
	size_t len = strlen(line);
	snprintf(item, sizeof item, "%s%s %s", len ? "  " : "", keys, _(label));
	int wi = fd_text_width(item);
	if (*used + wi + reserve > cells || len + strlen(item) >= size)
		return false;
	memcpy(line + len, item, strlen(item) + 1);
	*used += wi;
	return true;
}

void ui_hints(WINDOW *w, int y, int cells, attr_t attr, const struct ui_hint *hints, int n)
{
	char line[512] = "", help[64];
	int used = 0;
	ui_keys_describe(UI_REQ_HELP, help, sizeof help);
	help[strcspn(help, " ")] = '\0';
	/* Room for "  ? keys" is kept whatever else has to go. */
	int reserve = help[0] ? 2 + fd_text_width(help) + 1 + fd_text_width(_("keys")) : 0;
	for (int i = 0; i < n; i++)
		if (hints[i].req != UI_REQ_HELP)
			add_hint(line, sizeof line, &used, cells, reserve, hints[i].req, hints[i].label);
	add_hint(line, sizeof line, &used, cells, 0, UI_REQ_HELP, N_("keys"));
	ui_put(w, y, 0, line, cells, attr);
}

void ui_pane_hints(struct app *app, struct pane *p)
{
	if (p->h > 1)
		ui_hints(p->win, p->h - 1, p->w, app->attr[UI_A_PAST], p->ops->hints, p->ops->n_hints);
}
