// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/edit.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* Start of the character before byte offset at. */
static size_t prev_char(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && is_cont(s[at]))
		at--;
	return at;
}

/* End of the character that starts at byte offset at. */
static size_t next_char(const char *s, size_t at)
{
	if (!s[at])
		return at;
	at++;
	while (s[at] && is_cont(s[at]))
		at++;
	return at;
}

void ui_edit_attach(struct ui_edit *e, char *text, size_t size)
{
	e->text = text;
	e->size = size;
	e->cur = strlen(text);
}

static size_t char_len(unsigned char lead)
{
	return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

void ui_edit_set(struct ui_edit *e, const char *s)
{
	snprintf(e->text, e->size, "%s", s);
	/* Never leave half a character at the end of a cut string. */
	size_t len = strlen(e->text);
	size_t last = prev_char(e->text, len);
	if (len > 0 && last + char_len((unsigned char)e->text[last]) > len)
		e->text[last] = '\0';
	e->cur = strlen(e->text);
}

/* Remove bytes [from, to) of the text; the cursor goes to from. */
static bool cut(struct ui_edit *e, size_t from, size_t to)
{
	if (from >= to)
		return false;
	size_t len = strlen(e->text);
	memmove(e->text + from, e->text + to, len - to + 1);
	e->cur = from;
	return true;
}

bool ui_edit_insert(struct ui_edit *e, const char *utf8)
{
	size_t n = strlen(utf8), len = strlen(e->text);
	if (n == 0 || len + n + 1 > e->size)
		return false;
	memmove(e->text + e->cur + n, e->text + e->cur, len - e->cur + 1);
	memcpy(e->text + e->cur, utf8, n);
	e->cur += n;
	return true;
}

bool ui_edit_insert_char(struct ui_edit *e, unsigned long cp)
{
	char mb[5] = "";
	if (cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return false;
	if (cp < 0x80) {
		mb[0] = (char)cp;
	} else if (cp < 0x800) {
		mb[0] = (char)(0xC0 | (cp >> 6));
		mb[1] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		mb[0] = (char)(0xE0 | (cp >> 12));
		mb[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		mb[2] = (char)(0x80 | (cp & 0x3F));
	} else {
		mb[0] = (char)(0xF0 | (cp >> 18));
		mb[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		mb[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		mb[3] = (char)(0x80 | (cp & 0x3F));
	}
	return ui_edit_insert(e, mb);
}

bool ui_edit_left(struct ui_edit *e)
{
	size_t at = prev_char(e->text, e->cur);
	bool moved = at != e->cur;
	e->cur = at;
	return moved;
}

bool ui_edit_right(struct ui_edit *e)
{
	size_t at = next_char(e->text, e->cur);
	bool moved = at != e->cur;
	e->cur = at;
	return moved;
}

bool ui_edit_home(struct ui_edit *e)
{
	bool moved = e->cur != 0;
	e->cur = 0;
	return moved;
}

bool ui_edit_end(struct ui_edit *e)
{
	size_t len = strlen(e->text);
	bool moved = e->cur != len;
	e->cur = len;
	return moved;
}

bool ui_edit_backspace(struct ui_edit *e)
{
	return cut(e, prev_char(e->text, e->cur), e->cur);
}

bool ui_edit_delete(struct ui_edit *e)
{
	return cut(e, e->cur, next_char(e->text, e->cur));
}

bool ui_edit_kill_start(struct ui_edit *e)
{
	return cut(e, 0, e->cur);
}

bool ui_edit_kill_end(struct ui_edit *e)
{
	size_t len = strlen(e->text);
	if (e->cur >= len)
		return false;
	e->text[e->cur] = '\0';
	return true;
}

bool ui_edit_kill_word(struct ui_edit *e)
{
	size_t at = e->cur;
	while (at > 0 && e->text[at - 1] == ' ')
		at--;
	while (at > 0 && e->text[at - 1] != ' ')
		at--;
	return cut(e, at, e->cur);
}

/* A movement key is the editor's even when the cursor cannot move. */
static enum ui_edit_result moved(bool m)
{
	(void)m;
	return UI_EDIT_MOVED;
}

static enum ui_edit_result changed(bool c)
{
	return c ? UI_EDIT_CHANGED : UI_EDIT_MOVED;
}

enum ui_edit_result ui_edit_key(struct ui_edit *e, struct ui_key k)
{
	if (k.fn) {
		switch (k.ch) {
		case KEY_LEFT:
			return moved(ui_edit_left(e));
		case KEY_RIGHT:
			return moved(ui_edit_right(e));
		case KEY_HOME:
			return moved(ui_edit_home(e));
		case KEY_END:
			return moved(ui_edit_end(e));
		case KEY_BACKSPACE:
			return changed(ui_edit_backspace(e));
		case KEY_DC:
			return changed(ui_edit_delete(e));
		default:
			return UI_EDIT_IGNORED;
		}
	}
	switch (k.ch) {
	case 1: /* C-a */
		return moved(ui_edit_home(e));
	case 5: /* C-e */
		return moved(ui_edit_end(e));
	case 2: /* C-b */
		return moved(ui_edit_left(e));
	case 6: /* C-f */
		return moved(ui_edit_right(e));
	case 4: /* C-d */
		return changed(ui_edit_delete(e));
	case 8: /* C-h */
	case 127:
		return changed(ui_edit_backspace(e));
	case 11: /* C-k */
		return changed(ui_edit_kill_end(e));
	case 21: /* C-u */
		return changed(ui_edit_kill_start(e));
	case 23: /* C-w */
		return changed(ui_edit_kill_word(e));
	default:
		break;
	}
	if (k.ch >= ' ' && k.ch != 127) {
		ui_edit_insert_char(e, (unsigned long)k.ch);
		return UI_EDIT_CHANGED;
	}
	return UI_EDIT_IGNORED;
}

/* Display width of bytes [from, to) of s. */
static int width_between(const char *s, size_t from, size_t to)
{
	char buf[4096];
	size_t n = to - from;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s + from, n);
	buf[n] = '\0';
	return fd_text_width(buf);
}

int ui_edit_cursor_col(const struct ui_edit *e)
{
	return width_between(e->text, 0, e->cur);
}

size_t ui_edit_view_start(const struct ui_edit *e, int cells)
{
	size_t start = 0;
	/* Leave one cell for the cursor itself. */
	while (start < e->cur && width_between(e->text, start, e->cur) > cells - 1)
		start = next_char(e->text, start);
	return start;
}
