// SPDX-License-Identifier: GPL-3.0-or-later
/* The main loop: layout, the tab bar and status line, key dispatch, the
 * message line (messages, yes/no questions, one-line prompts), and applying
 * operations. Only this thread calls ncurses. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "doc/pack.h"
#include "store/oplog.h"
#include "store/query.h"
#include "store/query_desk.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/money.h"
#include "ui/term.h"
#include "ui/ui.h"

#define MIN_COLS 40
#define MIN_ROWS 10
#define WIDE_COLS 120
#define SIDE_FULL_COLS 80

static volatile sig_atomic_t got_hangup;

/* SIGHUP (the terminal hung up) and SIGTERM (asked to stop) end the main
 * loop; the program then stops the sync thread and closes the database as
 * on 'q'. A form not yet saved is dropped: nothing half-done is stored. */
static void on_hangup(int sig)
{
	(void)sig;
	got_hangup = 1;
}

/* Once the screen is given back, leave the terminal's session. When the
 * terminal hangs up (or its tmux server is killed while we stop), the
 * shell that ran us dies and the kernel signals what is left of its
 * process group (SIGHUP, SIGCONT). A SIGCONT that lands while the exit is
 * stopping the process (LeakSanitizer's check does) cancels that stop and
 * left the process spinning for hours, deaf to SIGTERM. In a session of
 * our own those signals cannot reach us. A process group leader (a job of
 * an interactive shell, or started with exec) cannot and need not. */
static void leave_session(void)
{
	(void)setsid();
}

/* One pane a line below the aligned ones (kept as they are). */
// clang-format off
static const struct pane_ops *const pane_ops[PANE_COUNT] = {
    [PANE_BOARD] = &ui_board_ops, [PANE_LISTS] = &ui_lists_ops,     [PANE_HK] = &ui_hk_ops,
    [PANE_STAFF] = &ui_staff_ops, [PANE_SEARCH] = &ui_search_ops,   [PANE_DETAIL] = &ui_detail_ops,
    [PANE_FOLIO] = &ui_folio_ops, [PANE_REPORTS] = &ui_reports_ops, [PANE_FORM] = &ui_form_ops,
    [PANE_HELP] = &ui_help_ops,   [PANE_GUEST] = &ui_guest_ops,     [PANE_CONFLICTS] = &ui_conflicts_ops,
    [PANE_ADMIN] = &ui_admin_ops, [PANE_RATES] = &ui_rates_ops,     [PANE_GROUPS] = &ui_groups_ops,
    [PANE_DEPOSITS] = &ui_deposits_ops,
};
// clang-format on

bool ui_admin_allowed(struct app *app)
{
	return fd_session_allows(app->session, "admin.pane");
}

/* A tab the acting person may see: a clerk never sees the administration pane. */
static bool tab_shown(struct app *app, int i)
{
	return i != PANE_ADMIN || ui_admin_allowed(app);
}

void ui_dirty(struct app *app, enum pane_id id, unsigned flags)
{
	app->panes[id].dirty |= flags;
}

void ui_data_changed(struct app *app)
{
	for (int i = 0; i < PANE_COUNT; i++)
		app->panes[i].dirty |= PANE_RECALC | PANE_REPAINT;
	app->bars_dirty = true;
}

struct pane *ui_focus(struct app *app)
{
	return &app->panes[app->modal != PANE_COUNT ? app->modal : app->current];
}

/* Columns of the pane beside the board, at WIDE_COLS and more. */
static int side_cols(const struct app *app)
{
	return app->cols * 2 / 5;
}

/* Panes that take the column beside the board when it is as wide as a
 * standard terminal (SIDE_FULL_COLS, from 200 columns): every pane is made
 * to work at 80 columns, and full width they only added blank space to the
 * right. The board stays in view beside the list a receptionist works
 * from, and a pane switch repaints that column alone: over a slow link the
 * board (5,760 cells at 200x50, about 10 KB) is not sent again each time
 * the desk comes back to it. Reports and administration keep the whole
 * width for their tables. */
static const bool beside_board[PANE_TABS] = {
    [PANE_LISTS] = true,  [PANE_HK] = true,     [PANE_STAFF] = true,
    [PANE_SEARCH] = true, [PANE_DETAIL] = true, [PANE_FOLIO] = true,
};

/* The pane beside the board, or PANE_COUNT when one pane takes the width:
 * the booking detail beside the focused board from WIDE_COLS, the pane in
 * focus beside an unfocused board from SIDE_FULL_COLS. */
static enum pane_id side_pane(const struct app *app)
{
	if (app->cols < WIDE_COLS || app->modal != PANE_COUNT)
		return PANE_COUNT;
	if (app->current == PANE_BOARD)
		return PANE_DETAIL;
	if (side_cols(app) >= SIDE_FULL_COLS && app->current < PANE_TABS && beside_board[app->current])
		return app->current;
	return PANE_COUNT;
}

void ui_show(struct app *app, enum pane_id id)
{
	if (id >= PANE_TABS) {
		app->modal = id;
	} else {
		if (app->current != id)
			app->previous = app->current;
		app->current = id;
		app->modal = PANE_COUNT;
	}
	app->layout_dirty = true;
}

void ui_close_modal(struct app *app)
{
	app->modal = PANE_COUNT;
	app->layout_dirty = true;
}

void ui_message(struct app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	fd_text_short_ids(app->message); /* people read short ids, never a whole UUID */
	app->message_error = false;
	app->bars_dirty = true;
}

void ui_error(struct app *app, const struct fd_error *err)
{
	snprintf(app->message, sizeof app->message, "%s", err->message);
	fd_text_short_ids(app->message);
	app->message_error = true;
	app->bars_dirty = true;
}

void ui_confirm(struct app *app, ui_confirm_fn fn, const char *arg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->confirm.question, sizeof app->confirm.question, fmt, ap);
	va_end(ap);
	snprintf(app->confirm.arg, sizeof app->confirm.arg, "%s", arg ? arg : "");
	app->confirm.fn = fn;
	app->confirm.active = true;
	app->bars_dirty = true;
}

void ui_prompt(struct app *app, const char *label, const char *initial, ui_prompt_fn fn, const char *arg)
{
	snprintf(app->prompt.label, sizeof app->prompt.label, "%s", label);
	ui_edit_attach(&app->prompt.edit, app->prompt.text, sizeof app->prompt.text);
	ui_edit_set(&app->prompt.edit, initial ? initial : "");
	snprintf(app->prompt.arg, sizeof app->prompt.arg, "%s", arg ? arg : "");
	app->prompt.fn = fn;
	app->prompt.active = true;
	app->prompt.n_choices = app->prompt.choice = 0;
	app->prompt.secret = false;
	app->bars_dirty = true;
}

void ui_prompt_secret(struct app *app)
{
	app->prompt.secret = true;
}

void ui_prompt_offer(struct app *app, const char (*choices)[FD_USER_LEN], int n)
{
	if (n > UI_PROMPT_CHOICES)
		n = UI_PROMPT_CHOICES;
	memcpy(app->prompt.choices, choices, (size_t)n * sizeof *choices);
	app->prompt.n_choices = n;
	app->prompt.choice = 0;
	if (n > 0)
		ui_edit_set(&app->prompt.edit, choices[0]);
}

/* Up/Down/Tab/BTab in a prompt with answers to offer: the next or last one. */
static bool prompt_choose(struct app *app, struct ui_key k)
{
	int n = app->prompt.n_choices, step = 0;
	if (k.fn && (k.ch == KEY_DOWN || k.ch == KEY_BTAB))
		step = k.ch == KEY_DOWN ? 1 : -1;
	else if (k.fn && k.ch == KEY_UP)
		step = -1;
	else if (!k.fn && k.ch == '\t')
		step = 1;
	if (n == 0 || step == 0)
		return false;
	app->prompt.choice = (app->prompt.choice + step + n) % n;
	ui_edit_set(&app->prompt.edit, app->prompt.choices[app->prompt.choice]);
	return true;
}

bool ui_apply(struct app *app, struct fd_op *ops, int n, struct fd_op_result *results)
{
	struct fd_error err = {0};
	if (fd_session_apply(app->session, ops, n, results, &err)) {
		ui_error(app, &err);
		return false;
	}
	ui_data_changed(app);
	if (app->engine)
		fd_sync_kick(app->engine); /* push it now, not at the next poll */
	return true;
}

/* ---- status line, tab bar, message line ---- */

static void start_engine(struct app *app);

/* Times on the screen (history, mails, conflicts, last heard) are the
 * hotel's, not the terminal's or UTC: the process takes the property's
 * zone. setenv is not safe while another thread reads the environment, so
 * a running engine (the only other thread) is stopped around it: at start
 * it has not started yet; after a first sync it is stopped and started
 * again, once. */
static void use_hotel_zone(struct app *app, const char *zone)
{
	const char *now = getenv("TZ");
	if (!zone[0] || (now && strcmp(now, zone) == 0))
		return;
	bool running = app->engine != NULL;
	if (running) {
		fd_sync_stop(app->engine);
		fd_sync_free(app->engine);
		app->engine = NULL;
	}
	setenv("TZ", zone, 1);
	tzset();
	if (running)
		start_engine(app);
}

/* The hotel's name, currency and time zone from the cache (at start, and
 * once the first sync has brought them). */
static void read_property(struct app *app)
{
	struct fd_property p;
	const struct fd_repo *repo = fd_db_repo(app->db);
	if (repo->get_property(repo->ctx, &p, NULL) == FD_OK) {
		memcpy(app->currency, p.currency, sizeof app->currency);
		snprintf(app->hotel, sizeof app->hotel, "%s", p.name);
		use_hotel_zone(app, p.timezone);
	}
}

/* How far the terminal's first sync is (the board shows it as a bar);
 * when it ends, the hotel's name and currency come from the new copy. */
static void read_first_sync(struct app *app)
{
	if (!app->engine)
		return;
	struct fd_sync_status st;
	fd_sync_status_get(app->engine, &st);
	bool was = app->sync.first_sync;
	if (st.first_sync && !was)
		fd_progress_init(&app->sync.first_clock, _("records"), true);
	app->sync.first_sync = st.first_sync;
	app->sync.first_done = (long)st.snapshot_done;
	app->sync.first_total = (long)st.snapshot_total;
	if (was && !st.first_sync) {
		read_property(app); /* may restart the engine: st is read before */
		fd_query_business_date(app->db, &app->today, NULL);
	}
}

static void refresh_sync_counts(struct app *app)
{
	fd_query_outbox(app->db, &app->sync.pending, &app->sync.conflicts, NULL);
	if (app->engine) {
		struct fd_sync_status st;
		fd_sync_status_get(app->engine, &st);
		atomic_store(&app->sync.online, st.online);
		atomic_store(&app->sync.too_old, st.too_old);
		atomic_store(&app->sync.revoked, st.revoked);
		/* Pending comes from the local outbox (above), at once; the
		 * engine's count is only as fresh as its last exchange. */
		app->sync.conflicts = st.open_conflicts;
		app->sync.last_heard = st.last_heard;
	}
	fd_query_business_date(app->db, &app->today, NULL);
}

/* " 3 Housekeeping ", or its name shortened to `cells` cells (" 3 Hausk. ")
 * when the full labels do not fit; cells 0 leaves the number alone. The
 * active tab always keeps its whole name. */
static void tab_label(const struct app *app, int i, int cells, char *out, size_t size)
{
	const char *name = _(pane_ops[i]->title);
	if (i == (int)app->current || cells >= fd_text_width(name)) {
		snprintf(out, size, " %d %s ", i + 1, name);
	} else if (cells <= 0) {
		snprintf(out, size, " %d ", i + 1);
	} else {
		char cut[96];
		/* A shortened name ends in a full stop when there is room for one. */
		fd_text_fit(name, cells > 2 ? cells - 1 : cells, 0, cut, sizeof cut);
		snprintf(out, size, " %d %s%s ", i + 1, cut, cells > 2 ? "." : "");
	}
}

/* admin: the administration tab's cells (as tab_label's), -1 leaves it out. */
static int tabs_width(const struct app *app, int cells, int admin)
{
	char label[128];
	int full = 0;
	for (int i = 0; i < PANE_TABS; i++) {
		if (i == PANE_ADMIN && admin < 0)
			continue;
		tab_label(app, i, i == PANE_ADMIN ? admin : cells, label, sizeof label);
		full += fd_text_width(label);
	}
	return full;
}

static void paint_tabs(struct app *app)
{
	WINDOW *w = app->tabs;
	char label[128];
	/* A clerk never sees the administration tab; for the others it gives
	 * up its name first, then its place (9 and F9 still open it), so the
	 * desk's tabs keep their names as long as they fit. */
	int admin = ui_admin_allowed(app) ? 64 : -1;
	if (admin >= 0 && app->current != PANE_ADMIN && tabs_width(app, 64, admin) > app->cols)
		admin = tabs_width(app, 64, 0) <= app->cols || tabs_width(app, 64, -1) > app->cols ? 0 : -1;
	/* The longest names that fit: whole, else shortened alike, else numbers. */
	int cells = 64;
	while (cells > 0 && tabs_width(app, cells, admin) > app->cols)
		cells--;
	if (cells > 0 && cells < 3)
		cells = 0; /* one or two letters say nothing: numbers alone */
	int x = 0;
	wmove(w, 0, 0);
	for (int i = 0; i < PANE_TABS && x < app->cols; i++) {
		if (i == PANE_ADMIN && admin < 0)
			continue;
		tab_label(app, i, i == PANE_ADMIN ? admin : cells, label, sizeof label);
		int width = fd_text_width(label);
		if (x + width > app->cols)
			width = app->cols - x;
		bool active = i == (int)app->current;
		ui_put(w, 0, x, label, width, app->attr[active ? UI_A_TAB_ACTIVE : UI_A_TAB]);
		x += width;
	}
	if (x < app->cols)
		ui_blank(w, 0, x, app->cols - x, A_NORMAL);
	wnoutrefresh(w);
}

/* " 2026-11-25  Hotel  user anna  online  pending 0  conflicts 0": on a
 * narrow screen the hotel's name is shortened first, then dropped, then
 * the user and the date; the sync state and counts always stay. */
static void paint_status(struct app *app)
{
	char day[FD_DATE_STRLEN], user[FD_USER_LEN + 32], tail[160], hotel[FD_NAME_LEN], line[512];
	const char *net = !atomic_load(&app->sync.configured) ? _("local only")
	                  : atomic_load(&app->sync.revoked)   ? _("REVOKED: enrol again")
	                  : atomic_load(&app->sync.too_old)   ? _("OFFLINE: upgrade frontdesk")
	                  : atomic_load(&app->sync.online)    ? _("online")
	                                                      : _("OFFLINE");
	fd_date_format(app->today, day);
	snprintf(user, sizeof user, _("user %s"), fd_session_actor(app->session));
	snprintf(tail, sizeof tail, _("%s  pending %d  conflicts %d"), net, app->sync.pending,
	         app->sync.conflicts);
	snprintf(hotel, sizeof hotel, "%s", app->hotel);
	/* One space in front, two between parts. */
	int fixed = 1 + fd_text_width(day) + 2 + fd_text_width(user) + 2 + fd_text_width(tail);
	int room = app->cols - fixed - 2;
	bool show_user = true, show_day = true;
	if (fd_text_width(hotel) > room) {
		if (room >= 6)
			fd_text_fit(app->hotel, room, 0, hotel, sizeof hotel);
		else
			hotel[0] = '\0';
	}
	if (!hotel[0] && fixed > app->cols)
		show_user = false;
	if (!show_user && fixed - fd_text_width(user) - 2 > app->cols)
		show_day = false;
	snprintf(line, sizeof line, " %s%s%s%s%s%s%s", show_day ? day : "", show_day ? "  " : "", hotel,
	         hotel[0] ? "  " : "", show_user ? user : "", show_user ? "  " : "", tail);
	if (atomic_load(&app->sync.configured) && app->sync.last_heard) {
		/* When the terminal last heard from the server (cut first when narrow). */
		char heard[32];
		time_t t = (time_t)app->sync.last_heard;
		struct tm tm;
		strftime(heard, sizeof heard, "%H:%M:%S", localtime_r(&t, &tm));
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, _("  heard %s"), heard);
	}
	ui_put(app->status, 0, 0, line, app->cols, app->attr[UI_A_BAR]);
	wnoutrefresh(app->status);
}

/* The message line's text now: a question, a message or nothing. */
static const char *message_text(const struct app *app, char *buf, size_t size)
{
	if (app->prompt.active)
		return "";
	if (app->confirm.active) {
		snprintf(buf, size, _("%s (y/n)"), app->confirm.question);
		return buf;
	}
	return app->message;
}

/* Lines the message needs: two when it is wider than the screen. */
static int message_lines(const struct app *app)
{
	char buf[512];
	return fd_text_width(message_text(app, buf, sizeof buf)) > app->cols ? 2 : 1;
}

/* text on `lines` lines of cols cells, broken at a space when there is one. */
static void put_wrapped(WINDOW *w, int lines, const char *text, int cols, attr_t attr)
{
	char first[1024];
	fd_text_fit(text, cols, 0, first, sizeof first);
	size_t cut = strlen(first);
	if (lines > 1 && text[cut]) {
		char *space = strrchr(first, ' ');
		if (space && space > first + cut / 2) {
			cut = (size_t)(space - first);
			*space = '\0';
		}
	}
	ui_put(w, 0, 0, first, cols, attr);
	if (lines < 2)
		return;
	const char *rest = text + cut;
	while (*rest == ' ')
		rest++;
	ui_put(w, 1, 0, rest, cols, attr);
}

static void paint_message(struct app *app)
{
	WINDOW *w = app->msg;
	if (app->prompt.active) {
		/* The question in full; the answer scrolls in what is left. */
		int lw = fd_text_width(app->prompt.label);
		if (lw > app->cols - 8)
			lw = app->cols - 8 > 0 ? app->cols - 8 : 0;
		ui_put(w, 0, 0, app->prompt.label, lw, A_NORMAL);
		if (app->prompt.secret) {
			char stars[64];
			int n = (int)strlen(app->prompt.text);
			n = n > 63 ? 63 : n;
			memset(stars, '*', (size_t)n);
			stars[n] = '\0';
			ui_put(w, 0, lw, stars, app->cols - lw, A_NORMAL);
		} else {
			ui_edit_draw(w, 0, lw, app->cols - lw, A_NORMAL, &app->prompt.edit, true);
		}
	} else if (app->confirm.active) {
		char line[512];
		snprintf(line, sizeof line, _("%s (y/n)"), app->confirm.question);
		put_wrapped(w, app->msg_lines, line, app->cols, app->attr[UI_A_HEADER]);
	} else if (app->message[0]) {
		put_wrapped(w, app->msg_lines, app->message, app->cols,
		            app->attr[app->message_error ? UI_A_ERROR : UI_A_NORMAL]);
	} else {
		/* The application's keys, after the keys of a pane that has no hint
		 * line of its own (the board), by the same rule (ui_hints). */
		static const struct ui_hint global[] = {{UI_REQ_QUIT, N_("quit")},
		                                        {UI_REQ_NEXT_PANE, N_("next pane")},
		                                        {UI_REQ_SEARCH, N_("search")},
		                                        {UI_REQ_COMMAND, N_("go to")}};
		struct ui_hint all[40];
		int n = 0;
		const struct pane_ops *o = ui_focus(app)->ops;
		for (int i = 0; o->hints_on_message_line && i < o->n_hints && n < 32; i++)
			all[n++] = o->hints[i];
		for (size_t i = 0; i < sizeof global / sizeof *global; i++)
			all[n++] = global[i];
		ui_hints(w, 0, app->cols, app->attr[UI_A_PAST], all, n);
	}
	wnoutrefresh(w);
}

/* ---- layout ---- */

static void drop_windows(struct app *app)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		if (app->panes[i].win)
			delwin(app->panes[i].win);
		app->panes[i].win = NULL;
	}
	if (app->tabs)
		delwin(app->tabs);
	if (app->status)
		delwin(app->status);
	if (app->msg)
		delwin(app->msg);
	app->tabs = app->status = app->msg = NULL;
}

static void place(struct app *app, enum pane_id id, int y, int x, int h, int w)
{
	struct pane *p = &app->panes[id];
	p->win = newwin(h, w, y, x);
	leaveok(p->win, app->cursor_hidden);
	/* Every pane's plain text and blanks in a colour pair of their own
	 * (the default colours, so the screen looks the same): moving between
	 * colour pairs needs no attribute reset, and ncurses going back to
	 * pair 0 from a colour sends the colours' reset before the attributes'
	 * ("\E[39;49m\E(B\E[m", where the pair alone takes "\E(B\E[0m"), as
	 * the detail beside the board did on every booking under the cursor. */
	wbkgdset(p->win, app->attr[UI_A_PLAIN]);
	/* A new size may show more rows, which must be queried; the same size
	 * (a pane switch) only repaints what the pane already holds. Changed
	 * data has marked the pane for recalc already. */
	p->dirty |= p->h != h || p->w != w ? PANE_RECALC | PANE_REPAINT : PANE_REPAINT;
	p->h = h;
	p->w = w;
}

static void layout(struct app *app)
{
	drop_windows(app);
	getmaxyx(stdscr, app->rows, app->cols);
	app->too_small = app->cols < MIN_COLS || app->rows < MIN_ROWS;
	app->layout_dirty = false;
	app->bars_dirty = true;
	if (app->too_small)
		return;
	app->tabs = newwin(1, app->cols, 0, 0);
	/* A long message takes a second line from the pane above it. */
	app->msg_lines = message_lines(app);
	app->status = newwin(1, app->cols, app->rows - 1 - app->msg_lines, 0);
	app->msg = newwin(app->msg_lines, app->cols, app->rows - app->msg_lines, 0);
	/* With the cursor hidden, no window asks for it to be put back after
	 * an update: a cursor move on the board then sends only the cells
	 * that changed, not a trailing move to a window's last cell. */
	leaveok(app->tabs, app->cursor_hidden);
	leaveok(app->status, app->cursor_hidden);
	leaveok(app->msg, app->cursor_hidden);
	int body = app->rows - 2 - app->msg_lines;
	if (app->modal != PANE_COUNT) {
		place(app, app->modal, 1, 0, body, app->cols);
	} else if (side_pane(app) != PANE_COUNT) {
		int side = side_cols(app);
		place(app, PANE_BOARD, 1, 0, body, app->cols - side);
		place(app, side_pane(app), 1, app->cols - side, body, side);
	} else {
		place(app, app->current, 1, 0, body, app->cols);
	}
}

/* Word-wrap text into the screen from line y; false when it does not fit. */
static bool put_words(const char *text, int y, int rows, int cols)
{
	char line[128] = "";
	int used = 0;
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		int len = (int)strcspn(p, " ");
		if (!len)
			break;
		if (len > cols)
			return false;
		if (used && used + 1 + len > cols) {
			if (y >= rows)
				return false;
			mvaddstr(y++, 0, line);
			used = 0;
		}
		used += snprintf(line + used, sizeof line - (size_t)used, "%s%.*s", used ? " " : "", len, p);
		p += len;
	}
	if (used) {
		if (y >= rows)
			return false;
		mvaddstr(y, 0, line);
	}
	return true;
}

/* Says the size it needs on any screen: the whole sentence wrapped when it
 * fits, else "need 40x10", else just "40x10". */
static void paint_too_small(struct app *app)
{
	erase();
	char line[128], need[32], size[16];
	snprintf(line, sizeof line, _("terminal too small (%dx%d); need %dx%d"), app->cols, app->rows,
	         MIN_COLS, MIN_ROWS);
	snprintf(need, sizeof need, _("need %dx%d"), MIN_COLS, MIN_ROWS);
	snprintf(size, sizeof size, "%dx%d", MIN_COLS, MIN_ROWS);
	int lines = app->rows >= 3 ? app->rows / 3 : 0;
	if (!put_words(line, lines, app->rows, app->cols)) {
		erase();
		if (!put_words(need, app->rows / 2, app->rows, app->cols)) {
			erase();
			mvaddnstr(app->rows / 2, 0, size, app->cols);
		}
	}
	wnoutrefresh(stdscr);
}

/* Cells of rows [from, to) of w that show something (not a blank). */
static int inked(WINDOW *w, int from, int to)
{
	int n = 0, cols = getmaxx(w);
	for (int y = from; y < to; y++)
		for (int x = 0; x < cols; x++)
			n += (mvwinch(w, y, x) & A_CHARTEXT) != ' ';
	return n;
}

/* The board's rooms scroll beside another pane (from 120 columns). A
 * terminal scrolls whole lines, and ncurses sends a scroll only for lines
 * that moved whole, so the rows kept would all be sent again (9.6 KB at
 * 200x50). Moving the pane beside by as many rows first makes the lines
 * whole: the terminal scrolls them (a few bytes), the board's new rows
 * follow, and a second update puts the pane beside back (its text, far
 * less than the board's rows: 5.3 KB in all). Whatever the shift, ncurses
 * still sends every cell that differs, so the screen stays right. */
static void scroll_beside_board(struct app *app)
{
	struct pane *b = &app->panes[PANE_BOARD];
	enum pane_id side = side_pane(app);
	if (!b->win || !(b->dirty & PANE_RECALC) || side == PANE_COUNT || !app->panes[side].win)
		return;
	b->ops->recalc(app, b);
	b->dirty = (b->dirty & ~PANE_RECALC) | PANE_REPAINT;
	int n = app->board_shift;
	app->board_shift = 0;
	/* ncurses scrolls a run of moved lines only when the run is at least
	 * 3 lines and not much shorter than the distance (hashmap.c: size +
	 * min(size / 8, 2) >= shift); otherwise it rewrites them, and the pane
	 * beside, moved for nothing, would be sent twice. The run: the rows
	 * kept but the old cursor's (its label changes). */
	int shift = n < 0 ? -n : n, run = b->h - 2 - shift - 1;
	if (n == 0 || run < 3 || run + (run / 8 < 2 ? run / 8 : 2) < shift)
		return; /* the loop repaints it as any other */
	werase(b->win);
	b->ops->repaint(app, b);
	b->dirty = 0;
	wnoutrefresh(b->win);
	/* Worth it only when the board's rows kept carry more than the pane
	 * beside, sent again (a sparse board on a short screen does not). */
	WINDOW *s = app->panes[side].win;
	int kept_from = n > 0 ? 2 : 2 + shift;
	if (inked(b->win, kept_from, kept_from + b->h - 2 - shift) <= inked(s, 0, getmaxy(s)))
		return;
	scrollok(s, TRUE);
	wscrl(s, n);
	scrollok(s, FALSE);
	wnoutrefresh(s);
	doupdate();
	app->panes[side].dirty |= PANE_REPAINT;
}

/* One turn's painting: recalc and repaint what is dirty, then one doupdate. */
static void paint(struct app *app)
{
	if (app->bars_dirty && !app->too_small && message_lines(app) != app->msg_lines)
		app->layout_dirty = true;
	if (app->layout_dirty)
		layout(app);
	if (app->too_small) {
		paint_too_small(app);
		doupdate();
		return;
	}
	scroll_beside_board(app);
	for (int i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &app->panes[i];
		if (!p->win || !p->dirty)
			continue;
		if (p->dirty & PANE_RECALC)
			p->ops->recalc(app, p);
		werase(p->win);
		p->ops->repaint(app, p);
		p->dirty = 0;
		wnoutrefresh(p->win);
	}
	if (app->bars_dirty) {
		refresh_sync_counts(app);
		paint_tabs(app);
		paint_status(app);
		paint_message(app);
		app->bars_dirty = false;
	}
	doupdate();
}

/* ---- the command line (':') ---- */

static void run_command(struct app *app, const char *text, const char *arg)
{
	(void)arg;
	while (*text == ' ')
		text++;
	fd_date d;
	if (!*text)
		return;
	if (fd_date_parse(text, &d)) {
		ui_show(app, PANE_BOARD);
		ui_board_goto(app, d, NULL);
		return;
	}
	int idx;
	if (fd_query_room_index(app->db, FD_ROOMS_BOARD, text, &idx, NULL) == FD_OK) {
		/* In the housekeeping pane a room is a row of its list. */
		if (app->current == PANE_HK && app->modal == PANE_COUNT) {
			ui_hk_goto(app, text);
			return;
		}
		ui_show(app, PANE_BOARD);
		ui_board_goto(app, 0, text);
		return;
	}
	struct fd_booking_row row;
	struct fd_error err;
	if (fd_session_booking(app->session, text, &row, &err) == FD_OK) {
		ui_open_booking(app, row.b.code);
		return;
	}
	fd_fail(&err, FD_E_NOT_FOUND, "not_found", NULL,
	        _("\"%s\" is not a date (YYYY-MM-DD), a room or a booking code."), text);
	ui_error(app, &err);
}

/* ---- keys ---- */

static bool prompt_key(struct app *app, struct ui_key k)
{
	app->bars_dirty = true;
	if ((!k.fn && (k.ch == '\r' || k.ch == '\n')) || (k.fn && k.ch == KEY_ENTER)) {
		char text[256], arg[FD_NOTES_LEN];
		snprintf(text, sizeof text, "%s", app->prompt.text);
		snprintf(arg, sizeof arg, "%s", app->prompt.arg);
		bool secret = app->prompt.secret;
		if (secret)
			explicit_bzero(app->prompt.text, sizeof app->prompt.text);
		app->prompt.active = false;
		app->message[0] = '\0';
		app->prompt.fn(app, text, arg);
		if (secret)
			explicit_bzero(text, sizeof text);
	} else if (!k.fn && (k.ch == 27 || k.ch == 3 || k.ch == 7)) {
		app->prompt.active = false;
		explicit_bzero(app->prompt.text, sizeof app->prompt.text);
	} else if (!prompt_choose(app, k)) {
		ui_edit_key(&app->prompt.edit, k);
	}
	return true;
}

static void global_action(struct app *app, enum ui_req req)
{
	switch (req) {
	case UI_REQ_QUIT:
		app->quit = true;
		break;
	case UI_REQ_HELP:
		app->help_for = app->modal != PANE_COUNT ? app->modal : app->current;
		ui_dirty(app, PANE_HELP, PANE_RECALC);
		ui_show(app, PANE_HELP);
		break;
	case UI_REQ_BACK:
		if (app->modal != PANE_COUNT)
			ui_close_modal(app);
		else if (app->current != PANE_BOARD)
			ui_show(app, app->previous != app->current ? app->previous : PANE_BOARD);
		break;
	case UI_REQ_NEXT_PANE:
	case UI_REQ_PREV_PANE: {
		int step = req == UI_REQ_NEXT_PANE ? 1 : PANE_TABS - 1;
		int next = ((int)app->current + step) % PANE_TABS;
		if (!tab_shown(app, next))
			next = (next + step) % PANE_TABS;
		ui_show(app, (enum pane_id)next);
		break;
	}
	case UI_REQ_PANE_BOARD:
	case UI_REQ_PANE_LISTS:
	case UI_REQ_PANE_HK:
	case UI_REQ_PANE_STAFF:
	case UI_REQ_PANE_SEARCH:
	case UI_REQ_PANE_DETAIL:
	case UI_REQ_PANE_FOLIO:
	case UI_REQ_PANE_REPORTS:
		ui_show(app, (enum pane_id)(req - UI_REQ_PANE_BOARD));
		break;
	case UI_REQ_PANE_ADMIN:
		if (ui_admin_allowed(app))
			ui_show(app, PANE_ADMIN);
		else
			ui_message(app, "%s", _("Administration is for managers and administrators."));
		break;
	case UI_REQ_SEARCH:
		ui_show(app, PANE_SEARCH);
		app->panes[PANE_SEARCH].ops->action(app, &app->panes[PANE_SEARCH], UI_REQ_SEARCH);
		break;
	case UI_REQ_COMMAND:
		ui_prompt(app, _("go to (date, room or code): "), "", run_command, NULL);
		break;
	case UI_REQ_REDRAW:
		clearok(curscr, TRUE);
		ui_data_changed(app);
		app->layout_dirty = true;
		break;
	case UI_REQ_CONFLICTS:
		ui_dirty(app, PANE_CONFLICTS, PANE_RECALC | PANE_REPAINT);
		ui_show(app, PANE_CONFLICTS);
		break;
	case UI_REQ_GROUPS:
		ui_dirty(app, PANE_GROUPS, PANE_RECALC | PANE_REPAINT);
		ui_show(app, PANE_GROUPS);
		break;
	case UI_REQ_RATES:
		ui_dirty(app, PANE_RATES, PANE_RECALC | PANE_REPAINT);
		ui_show(app, PANE_RATES);
		break;
	case UI_REQ_DEPOSITS:
		ui_dirty(app, PANE_DEPOSITS, PANE_RECALC | PANE_REPAINT);
		ui_show(app, PANE_DEPOSITS);
		break;
	default:
		break;
	}
}

static void handle_key(struct app *app, struct ui_key k)
{
	if (app->too_small && !(k.fn == false && (k.ch == 'q' || k.ch == 3)))
		return;
	if (app->prompt.active) {
		prompt_key(app, k);
		return;
	}
	if (app->confirm.active) {
		app->confirm.active = false;
		app->bars_dirty = true;
		if (!k.fn && (k.ch == 'y' || k.ch == 'Y')) {
			char arg[FD_NOTES_LEN];
			snprintf(arg, sizeof arg, "%s", app->confirm.arg);
			app->message[0] = '\0';
			app->confirm.fn(app, arg);
		} else {
			ui_message(app, _("Nothing changed."));
		}
		return;
	}
	if (app->message[0]) {
		app->message[0] = '\0';
		app->bars_dirty = true;
	}
	struct pane *p = ui_focus(app);
	if (p->ops->input && p->ops->input(app, p, k))
		return;
	enum ui_req req = ui_keys_lookup(k, p->ops->ctx);
	if (req == UI_REQ_NONE)
		return;
	if (p->ops->action && p->ops->action(app, p, req))
		return;
	global_action(app, req);
}

/* ---- the loop ---- */

static void handle_resize(struct app *app)
{
	app->layout_dirty = true;
	ui_data_changed(app);
}

static long elapsed_ns(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (long)(b.tv_sec - a->tv_sec) * 1000000000L + (b.tv_nsec - a->tv_nsec);
}

static void run_headless(struct app *app, struct ui_term *t)
{
	paint(app);
	for (;;) {
		struct ui_key k;
		int cols, rows;
		int step = ui_term_script_next(t, &k, &cols, &rows);
		if (step < 0 || app->quit)
			break;
		if (step == 2) {
			ui_term_dump(t);
			continue;
		}
		struct timespec t0, c0, c1;
		long bytes0 = ui_term_bytes(t);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
		if (step == 1) {
			resize_term(rows, cols);
			handle_resize(app);
		} else {
			handle_key(app, k);
		}
		paint(app);
		/* The thread's CPU time beside the wall time: on a loaded machine
		 * the wall time's tail is mostly waiting for a core. */
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
		if (t->times)
			fprintf(t->times, "%ld %ld %ld\n", elapsed_ns(&t0), ui_term_bytes(t) - bytes0,
			        (long)(c1.tv_sec - c0.tv_sec) * 1000000000L + (c1.tv_nsec - c0.tv_nsec));
	}
	ui_term_dump(t);
}

/* Changes committed by another process (the command line in another
 * terminal; later the sync thread's own connection) show without a key:
 * the loop wakes once a second and compares SQLite's data_version. */
static void check_outside_changes(struct app *app)
{
	int64_t v = 0;
	if (fd_query_data_version(app->db, &v, NULL) == FD_OK && v != app->data_version) {
		app->data_version = v;
		ui_data_changed(app);
	}
}

static void run_terminal(struct app *app)
{
	nodelay(stdscr, TRUE);
	fd_query_data_version(app->db, &app->data_version, NULL);
	paint(app);
	int idle_errors = 0;
	while (!app->quit && !got_hangup) {
		struct pollfd fds[2] = {
		    {.fd = STDIN_FILENO, .events = POLLIN},
		    {.fd = app->engine ? fd_sync_wake_fd(app->engine) : -1, .events = POLLIN}};
		int n = poll(fds, 2, 1000);
		if (n < 0 && errno != EINTR)
			break;
		if (n == 0) {
			check_outside_changes(app);
			paint(app);
			continue;
		}
		if (fds[1].revents & POLLIN) {
			/* The sync thread applied a page or its status changed. */
			char buf[64];
			while (read(fds[1].fd, buf, sizeof buf) > 0)
				;
			read_first_sync(app);
			ui_data_changed(app);
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal is gone: end cleanly, never spin */
		bool got_key = false;
		wint_t ch;
		int rc;
		while ((rc = wget_wch(stdscr, &ch)) != ERR) {
			got_key = true;
			if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
				handle_resize(app);
				continue;
			}
			handle_key(app, (struct ui_key){rc == KEY_CODE_YES, ch});
			if (app->quit)
				break;
		}
		/* Readable but nothing to read, again and again: input is gone. */
		if ((fds[0].revents & POLLIN) && !got_key && ++idle_errors > 50 && !isatty(STDIN_FILENO))
			break;
		if (got_key)
			idle_errors = 0;
		paint(app);
	}
}

/* ---- start and end ---- */

/* An enrolled terminal syncs in the background while the application runs;
 * if the engine cannot start, the desk still works on its own copy and the
 * status line says offline. */
static void start_engine(struct app *app)
{
	struct fd_error err = {0};
	/* The outage pack in the data directory follows the hotel's changes,
	 * written in the engine's thread. */
	static char pack_dir[4096];
	snprintf(pack_dir, sizeof pack_dir, "%s/outage-pack", app->session->data_dir);
	struct fd_sync_options o = {.refresh = fd_outage_pack_refresh, .refresh_ctx = pack_dir};
	app->engine = fd_sync_new(app->session->db_path, &o, &err);
	if (app->engine && fd_sync_start(app->engine, &err) != FD_OK) {
		fd_sync_free(app->engine);
		app->engine = NULL;
	}
	if (!app->engine)
		ui_error(app, &err);
}

static bool app_init(struct app *app, struct cli *cli, char *msg, size_t size)
{
	memset(app, 0, sizeof *app);
	app->cli = cli;
	app->session = &cli->session;
	app->db = cli->db;
	app->modal = PANE_COUNT;
	app->current = app->previous = PANE_BOARD;
	struct fd_error err = {0};
	if (fd_query_business_date(app->db, &app->today, &err)) {
		/* An enrolled terminal before its first sync holds no hotel yet:
		 * it opens on the sync's progress (the board shows it), and the
		 * hotel's date comes with the copy. */
		if (err.status != FD_E_NOT_FOUND || !app->session->enrolled) {
			snprintf(msg, size, "%s", err.message);
			return false;
		}
		app->today = fd_date_from_unix((int64_t)time(NULL));
	}
	fd_query_tune_for_screens(app->db);
	read_property(app); /* before the engine starts: the zone */
	ui_money_init();    /* before the sync thread starts: localeconv is not thread-safe */
	ui_sync_init(&app->sync);
	atomic_store(&app->sync.configured, app->session->enrolled);
	if (atomic_load(&app->sync.configured))
		start_engine(app);
	read_first_sync(app);
	for (int i = 0; i < PANE_COUNT; i++) {
		app->panes[i].ops = pane_ops[i];
		app->panes[i].st = pane_ops[i]->create(app);
		app->panes[i].dirty = PANE_RECALC | PANE_REPAINT;
	}
	app->layout_dirty = true;
	return true;
}

static void app_free(struct app *app)
{
	drop_windows(app);
	for (int i = 0; i < PANE_COUNT; i++)
		if (app->panes[i].ops)
			app->panes[i].ops->destroy(app->panes[i].st);
	if (app->engine) {
		fd_sync_stop(app->engine);
		fd_sync_free(app->engine);
		app->engine = NULL;
	}
}

static void config_path(char *out, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(out, size, "%s/frontdesk/config", xdg);
	else
		snprintf(out, size, "%s/.config/frontdesk/config", home ? home : ".");
}

bool ui_wanted(void)
{
	return getenv("FRONTDESK_UI_KEYS") != NULL || isatty(STDIN_FILENO);
}

int ui_main(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, _("%s: the application takes no arguments\n"), cli->prog);
		return CLI_USAGE;
	}
	char msg[512] = "";
	if (!ui_term_usable(msg, sizeof msg)) {
		fprintf(stderr, "%s: %s\n", cli->prog, msg);
		return CLI_FAILED;
	}
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	ui_keys_init();
	char path[4096];
	config_path(path, sizeof path);
	if (!ui_keys_load_config(path, msg, sizeof msg)) {
		fprintf(stderr, "%s: %s\n", cli->prog, msg);
		return CLI_USAGE;
	}
	struct app *app = calloc(1, sizeof *app);
	if (!app)
		return CLI_FAILED;
	bool init_ok = app_init(app, cli, msg, sizeof msg);
	if (init_ok && !ui_colors_load(path, app->colors, msg, sizeof msg))
		init_ok = false;
	if (init_ok && !ui_document_load_config(path, app, msg, sizeof msg))
		init_ok = false;
	if (!init_ok) {
		fprintf(stderr, "%s: %s\n", cli->prog, msg);
		app_free(app);
		free(app);
		return CLI_REFUSED;
	}
	struct sigaction sa = {.sa_handler = on_hangup};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	struct ui_term t;
	if (!ui_term_open(&t, app, msg, sizeof msg)) {
		ui_term_close(&t);
		fprintf(stderr, "%s: %s\n", cli->prog, msg);
		app_free(app);
		free(app);
		return CLI_FAILED;
	}
	if (t.headless)
		run_headless(app, &t);
	else
		run_terminal(app);
	app_free(app);
	ui_term_close(&t);
	free(app);
	leave_session();
	return CLI_OK;
}
