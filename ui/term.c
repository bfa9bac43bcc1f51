// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/term.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "core/i18n.h"

static bool parse_size(const char *s, int *cols, int *rows)
{
	return s && sscanf(s, "%dx%d", cols, rows) == 2 && *cols > 0 && *rows > 0 && *cols < 1000 &&
	       *rows < 1000;
}

/* Without a UTF-8 locale (LANG=C or unset, common over SSH) curses would
 * show a guest's name as raw bytes: take C.UTF-8 for the characters when
 * the system has it. Otherwise ui_put shows text transliterated to ASCII. */
static void utf8_characters(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
}

bool ui_term_open(struct ui_term *t, struct app *app, char *msg, size_t size)
{
	memset(t, 0, sizeof *t);
	utf8_characters();
	t->out_fd = -1;
	const char *term = getenv("TERM");
	t->script = getenv("FRONTDESK_UI_KEYS");
	t->headless = t->script != NULL;
	if (t->headless) {
		const char *out = getenv("FRONTDESK_UI_OUT");
		t->in = fopen("/dev/null", "r");
		t->out = fopen(out ? out : "/dev/null", "w");
		if (!t->in || !t->out) {
			snprintf(msg, size, _("cannot open the headless terminal's files"));
			return false;
		}
		t->out_fd = fileno(t->out);
		const char *d = getenv("FRONTDESK_UI_DUMP");
		if (d)
			t->dump = fopen(d, "w");
		const char *tm = getenv("FRONTDESK_UI_TIMES");
		if (tm)
			t->times = fopen(tm, "w");
		t->screen = newterm(term && term[0] ? term : "xterm-256color", t->out, t->in);
	} else {
		t->screen = newterm(NULL, stdout, stdin);
	}
	if (!t->screen) {
		snprintf(
		    msg, size,
		    _("cannot use the terminal type \"%s\" (no terminfo entry); try TERM=xterm-256color, "
		      "or install the ncurses-term package"),
		    term ? term : "");
		return false;
	}
	set_term(t->screen);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	app->cursor_hidden = curs_set(0) != ERR;
	leaveok(stdscr, app->cursor_hidden);
	/* Keys are read through stdscr, and wget_wch refreshes a window that
	 * was touched: stdscr, never drawn (each pane is a window of its own),
	 * came new and touched, so the first key wiped the screen, sent the
	 * board again and left the tab bar and the status line blank. Marked
	 * as shown (it is blank, as the screen is), it stays out of the way. */
	wnoutrefresh(stdscr);
	if (t->headless) {
		int cols = 80, rows = 24;
		parse_size(getenv("FRONTDESK_UI_SIZE"), &cols, &rows);
		resize_term(rows, cols);
	}
	app->ascii = getenv("FRONTDESK_ASCII") != NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	ui_term_theme(app);
	return true;
}

void ui_term_close(struct ui_term *t)
{
	if (t->screen) {
		endwin();
		delscreen(t->screen);
	}
	if (t->in)
		fclose(t->in);
	if (t->out)
		fclose(t->out);
	if (t->dump)
		fclose(t->dump);
	if (t->times)
		fclose(t->times);
	memset(t, 0, sizeof *t);
}

enum {
	PAIR_RES = 1,
	PAIR_INH,
	PAIR_DUE,
	PAIR_OOO,
	PAIR_BAR,
	PAIR_ERR,
	PAIR_TAB,
	PAIR_TITLE,
	PAIR_PAST,
	PAIR_PLAIN
};

void ui_term_theme(struct app *app)
{
	attr_t *a = app->attr;
	app->mono = !has_colors() || getenv("NO_COLOR") != NULL;
	for (int i = 0; i < UI_A_COUNT; i++)
		a[i] = A_NORMAL;
	a[UI_A_CURSOR] = A_REVERSE | A_BOLD;
	a[UI_A_TODAY] = A_BOLD | A_UNDERLINE;
	a[UI_A_HEADER] = A_BOLD;
	a[UI_A_TAB_ACTIVE] = A_REVERSE | A_BOLD;
	if (app->mono) {
		/* State is also a letter in every cell; attributes only help. */
		a[UI_A_RESERVED] = A_UNDERLINE;
		a[UI_A_INHOUSE] = A_BOLD;
		a[UI_A_DUEOUT] = A_BOLD | A_UNDERLINE;
		a[UI_A_OOO] = A_DIM;
		a[UI_A_PAST] = A_DIM;
		a[UI_A_BAR] = A_REVERSE;
		a[UI_A_ERROR] = A_BOLD;
		a[UI_A_TITLE] = A_BOLD;
		return;
	}
	start_color();
	use_default_colors();
	init_pair(PAIR_RES, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_INH, COLOR_BLACK, COLOR_GREEN);
	init_pair(PAIR_DUE, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_OOO, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_BAR, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_ERR, COLOR_RED, -1);
	init_pair(PAIR_TAB, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
	init_pair(PAIR_PAST, COLORS >= 16 ? 8 : COLOR_BLUE, -1);
	init_pair(PAIR_PLAIN, -1, -1);
	/* The user's colours replace the defaults, element by element. */
	static const short pair_of[UI_COLOR_COUNT] = {
	    [UI_COLOR_RESERVED] = PAIR_RES, [UI_COLOR_INHOUSE] = PAIR_INH, [UI_COLOR_DUEOUT] = PAIR_DUE,
	    [UI_COLOR_OOO] = PAIR_OOO,      [UI_COLOR_BAR] = PAIR_BAR,     [UI_COLOR_ERROR] = PAIR_ERR,
	    [UI_COLOR_TITLE] = PAIR_TITLE,  [UI_COLOR_PAST] = PAIR_PAST,
	};
	for (int i = 0; i < UI_COLOR_COUNT; i++)
		if (app->colors[i].set && app->colors[i].fg < COLORS && app->colors[i].bg < COLORS)
			init_pair(pair_of[i], app->colors[i].fg, app->colors[i].bg);
	a[UI_A_RESERVED] = COLOR_PAIR(PAIR_RES);
	a[UI_A_INHOUSE] = COLOR_PAIR(PAIR_INH);
	/* Colour pairs alone on the board: switching between them needs no
	 * attribute reset, which keeps a full repaint small over SSH. */
	a[UI_A_DUEOUT] = COLOR_PAIR(PAIR_DUE);
	a[UI_A_OOO] = COLOR_PAIR(PAIR_OOO);
	a[UI_A_PAST] = COLOR_PAIR(PAIR_PAST);
	a[UI_A_PLAIN] = COLOR_PAIR(PAIR_PLAIN);
	/* The cursor's cell on the default colours' own pair, not pair 0: from a
	 * booking's colours to pair 0 ncurses resets the colours ("\E[39;49m")
	 * before the attributes' sequence that resets them anyway; to a pair
	 * it sends the attributes alone (8 bytes less per move onto a booking). */
	a[UI_A_CURSOR] |= COLOR_PAIR(PAIR_PLAIN);
	a[UI_A_BAR] = COLOR_PAIR(PAIR_BAR);
	a[UI_A_ERROR] = COLOR_PAIR(PAIR_ERR) | A_BOLD;
	a[UI_A_TAB] = A_NORMAL;
	a[UI_A_TITLE] = COLOR_PAIR(PAIR_TITLE) | A_BOLD;
}

/* Script syntax: tokens separated by spaces. <Name> is a named key,
 * <Resize:COLSxROWS> resizes, <Dump> dumps the screen; any other token is
 * typed character by character. */
int ui_term_script_next(struct ui_term *t, struct ui_key *key, int *cols, int *rows)
{
	static char pending[256];
	static size_t pending_pos, pending_len;
	if (pending_pos < pending_len) {
		wchar_t wc;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = mbrtowc(&wc, pending + pending_pos, pending_len - pending_pos, &st);
		if (n == 0 || n > pending_len - pending_pos)
			n = 1, wc = (unsigned char)pending[pending_pos];
		pending_pos += n;
		key->fn = false;
		key->ch = (wint_t)wc;
		return 0;
	}
	while (*t->script == ' ')
		t->script++;
	if (!*t->script)
		return -1;
	const char *end = strchr(t->script, ' ');
	size_t len = end ? (size_t)(end - t->script) : strlen(t->script);
	char tok[256];
	snprintf(tok, sizeof tok, "%.*s", (int)len, t->script);
	t->script += len;
	if (tok[0] == '<' && len > 2 && tok[len - 1] == '>') {
		tok[len - 1] = '\0';
		const char *name = tok + 1;
		if (strncmp(name, "Resize:", 7) == 0 && parse_size(name + 7, cols, rows))
			return 1;
		if (strcmp(name, "Dump") == 0)
			return 2;
		/* "<" opens a key name, so the script names it <Lt>. */
		if (strcmp(name, "Lt") == 0) {
			key->fn = false;
			key->ch = '<';
			return 0;
		}
		if (ui_key_parse(name, key))
			return 0;
	}
	snprintf(pending, sizeof pending, "%s", tok);
	pending_pos = 0;
	pending_len = strlen(pending);
	return ui_term_script_next(t, key, cols, rows);
}

void ui_term_dump(struct ui_term *t)
{
	if (!t->dump)
		return;
	for (int y = 0; y < LINES; y++) {
		wchar_t line[1024];
		char mb[4096];
		int n = mvwinnwstr(curscr, y, 0, line, COLS < 1023 ? COLS : 1023);
		if (n < 0)
			n = 0;
		line[n] = L'\0';
		size_t m = wcstombs(mb, line, sizeof mb - 1);
		if (m == (size_t)-1)
			m = 0;
		mb[m] = '\0';
		while (m > 0 && mb[m - 1] == ' ')
			mb[--m] = '\0';
		fprintf(t->dump, "%s\n", mb);
	}
	fprintf(t->dump, "=====\n");
	fflush(t->dump);
}

long ui_term_bytes(struct ui_term *t)
{
	struct stat st;
	if (t->out_fd < 0 || fstat(t->out_fd, &st) != 0)
		return 0;
	return (long)st.st_size;
}
