// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal: real (stdin/stdout) or headless (a given size, keys from a
 * script, output to a file), the theme, and the screen dump. */
#ifndef FD_UI_TERM_H
#define FD_UI_TERM_H

#include <stdbool.h>
#include <stdio.h>

#include "ui/app.h"

struct ui_term {
	SCREEN *screen;
	FILE *in, *out; /* owned in headless mode */
	bool headless;
	const char *script; /* FRONTDESK_UI_KEYS, consumed as keys are read */
	FILE *dump;         /* FRONTDESK_UI_DUMP */
	FILE *times;        /* FRONTDESK_UI_TIMES: "wall-ns bytes cpu-ns" per key */
	int out_fd;
};

/* Start curses. false with a message (e.g. a terminfo hint) in msg. */
bool ui_term_open(struct ui_term *t, struct app *app, char *msg, size_t size);
void ui_term_close(struct ui_term *t);
/* Choose colours or the monochrome theme. */
void ui_term_theme(struct app *app);

/* Next scripted step in headless mode: a key, a resize (*cols, *rows set,
 * returns 1), a dump (returns 2) or the end of the script (returns -1).
 * A key returns 0. */
int ui_term_script_next(struct ui_term *t, struct ui_key *key, int *cols, int *rows);
/* Write the screen as text to the dump file. */
void ui_term_dump(struct ui_term *t);
/* Bytes written to the terminal so far (headless output file). */
long ui_term_bytes(struct ui_term *t);

#endif
