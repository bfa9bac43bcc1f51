// SPDX-License-Identifier: GPL-3.0-or-later
/* The one line editor of the application: every text field of a form, the
 * search text and the message line's prompts. It edits UTF-8 text in a
 * buffer the caller owns, with a cursor that moves by code point, and
 * knows the keys people's fingers expect (Left/Right, Home/End, C-a, C-e,
 * Delete, C-d, C-u, C-k, C-w, Backspace). No curses calls: the editing is
 * testable without a terminal; drawing is ui_edit_draw (ui/draw.h). */
#ifndef FD_UI_EDIT_H
#define FD_UI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/keys.h"

struct ui_edit {
	char *text;  /* borrowed: NUL-terminated UTF-8, size bytes */
	size_t size; /* capacity including the NUL */
	size_t cur;  /* cursor, a byte offset on a character boundary */
};

enum ui_edit_result {
	UI_EDIT_IGNORED, /* not an editing key: the caller may use it */
	UI_EDIT_MOVED,   /* the cursor moved, the text is the same */
	UI_EDIT_CHANGED, /* the text changed */
};

/* Edit text (size bytes, already holding a string) with the cursor at its end. */
void ui_edit_attach(struct ui_edit *e, char *text, size_t size);
/* Replace the whole text; the cursor goes to the end. */
void ui_edit_set(struct ui_edit *e, const char *s);

/* The operations, each true when something changed or moved. */
bool ui_edit_insert(struct ui_edit *e, const char *utf8); /* false when it does not fit */
bool ui_edit_insert_char(struct ui_edit *e, unsigned long codepoint);
bool ui_edit_left(struct ui_edit *e);
bool ui_edit_right(struct ui_edit *e);
bool ui_edit_home(struct ui_edit *e);
bool ui_edit_end(struct ui_edit *e);
bool ui_edit_backspace(struct ui_edit *e);  /* the character before the cursor */
bool ui_edit_delete(struct ui_edit *e);     /* the character under the cursor */
bool ui_edit_kill_start(struct ui_edit *e); /* C-u: from the start to the cursor */
bool ui_edit_kill_end(struct ui_edit *e);   /* C-k: from the cursor to the end */
bool ui_edit_kill_word(struct ui_edit *e);  /* C-w: the word before the cursor */

/* One key: an editing key is applied, any other is left to the caller. */
enum ui_edit_result ui_edit_key(struct ui_edit *e, struct ui_key key);

/* Display width of the text before the cursor (the cursor's column). */
int ui_edit_cursor_col(const struct ui_edit *e);
/* The byte offset to start drawing from so that the cursor is visible in
 * `cells` columns (long text scrolls left). */
size_t ui_edit_view_start(const struct ui_edit *e, int cells);

#endif
