// SPDX-License-Identifier: GPL-3.0-or-later
/* The application's shared state and the pane interface. A pane has a region
 * (its own WINDOW), a recalc step that may query the database (bounded) and
 * a repaint step that only draws. Dirty flags say what needs redoing after a
 * key, a resize or a wake-up from the sync thread; each pane paints its whole
 * region and the loop calls doupdate() once per turn. */
#ifndef FD_UI_APP_H
#define FD_UI_APP_H

#include <curses.h>
#include <stdbool.h>

#include "cli/cli.h"
#include "core/entity.h"
#include "ui/colors.h"
#include "ui/edit.h"
#include "ui/keys.h"
#include "sync/sync.h"
#include "ui/sync_status.h"

enum pane_dirty {
	PANE_RECALC = 1 << 0,  /* data changed: query again */
	PANE_REPAINT = 1 << 1, /* cursor or layout changed: draw again */
};

enum pane_id {
	PANE_BOARD,
	PANE_LISTS,
	PANE_HK,
	PANE_STAFF,
	PANE_SEARCH,
	PANE_DETAIL,
	PANE_FOLIO,
	PANE_REPORTS,
	PANE_ADMIN, /* tabs; shown only to whom the permission table allows "admin.pane" */
	PANE_FORM,
	PANE_HELP,      /* modal */
	PANE_GUEST,     /* modal: the guest profile (ui/guest.c) */
	PANE_CONFLICTS, /* modal: refused operations (ui/conflicts.c) */
	PANE_GROUPS,    /* modal: group blocks (ui/groups.c) */
	PANE_RATES,     /* modal: the rate grid (ui/rategrid.c) */
	PANE_DEPOSITS,  /* modal: deposits due (ui/deposits.c) */
	PANE_COUNT,
	PANE_TABS = PANE_FORM,
};

struct app;
struct pane;

struct pane_ops {
	const char *title; /* N_() */
	unsigned ctx;      /* enum ui_ctx bits for key lookup */
	void *(*create)(struct app *app);
	void (*destroy)(void *st);
	void (*recalc)(struct app *app, struct pane *p);
	void (*repaint)(struct app *app, struct pane *p);
	/* Handle an action; false leaves it to the global handler. */
	bool (*action)(struct app *app, struct pane *p, enum ui_req req);
	/* Raw keys before the key map (text fields); true when consumed. */
	bool (*input)(struct app *app, struct pane *p, struct ui_key key);
	/* The pane's key hints, main keys first (ui_hints). A pane with
	 * hints_on_message_line has no hint line of its own: its hints lead
	 * the message line's. */
	const struct ui_hint *hints;
	int n_hints;
	bool hints_on_message_line;
};

struct pane {
	const struct pane_ops *ops;
	void *st;
	unsigned dirty;
	WINDOW *win; /* NULL while not shown */
	int h, w;
};

enum ui_attr {
	UI_A_NORMAL,
	UI_A_RESERVED,
	UI_A_INHOUSE,
	UI_A_DUEOUT,
	UI_A_OOO,
	UI_A_PAST,
	UI_A_CURSOR,
	UI_A_BAR,
	UI_A_TAB,
	UI_A_TAB_ACTIVE,
	UI_A_ERROR,
	UI_A_TODAY,
	UI_A_HEADER,
	UI_A_TITLE,
	UI_A_PLAIN, /* default colours as a pair: the board's background */
	UI_A_COUNT
};

#define UI_PROMPT_CHOICES 32

typedef void (*ui_confirm_fn)(struct app *app, const char *arg);
typedef void (*ui_prompt_fn)(struct app *app, const char *text, const char *arg);

struct app {
	struct cli *cli;
	struct fd_session *session; /* borrowed from cli: who acts, enrolment */
	struct fd_db *db;           /* borrowed from the session */
	fd_date today;
	char currency[4];
	char hotel[FD_NAME_LEN];
	struct ui_sync sync;
	struct fd_sync *engine; /* the background sync thread, on an enrolled terminal */

	int rows, cols;
	bool too_small;
	bool layout_dirty;
	bool bars_dirty;
	bool quit;
	bool ascii; /* line drawing and marks in ASCII */
	bool mono;
	/* The terminal's cursor is hidden: windows leave it wherever the last
	 * update put it (leaveok) instead of sending a move after each key. */
	bool cursor_hidden;
	attr_t attr[UI_A_COUNT];
	struct ui_color colors[UI_COLOR_COUNT]; /* from the config file */
	WINDOW *tabs, *status, *msg;
	int msg_lines; /* the message line's height: 2 for a long message */

	struct pane panes[PANE_COUNT];
	enum pane_id current; /* the tab shown */
	enum pane_id previous;
	enum pane_id modal; /* PANE_FORM, PANE_HELP or PANE_COUNT for none */
	enum pane_id help_for;

	char message[400];
	bool message_error;

	struct {
		bool active;
		char question[256];
		char arg[FD_NOTES_LEN];
		ui_confirm_fn fn;
	} confirm;
	struct {
		bool active;
		char label[96];
		char text[256];
		struct ui_edit edit; /* on text */
		char arg[FD_NOTES_LEN];
		ui_prompt_fn fn;
		/* Answers to offer: Up/Down (or Tab) put the next one in the text. */
		char choices[UI_PROMPT_CHOICES][FD_USER_LEN];
		int n_choices, choice;
		bool secret; /* a password: shown as stars, wiped after use */
	} prompt;

	char detail_code[FD_CODE_LEN]; /* booking the detail pane shows */
	int board_shift;               /* rows the board's rooms moved up at its last recalc (down: < 0) */
	char folio_code[FD_CODE_LEN];  /* booking the folio pane shows */
	int64_t data_version;          /* last seen PRAGMA data_version */
	char printer[128];             /* config "printer": lp -d NAME ("" none) */
	char print_command[512];       /* config "print-command" (default lp) */
};

/* Panes (one file each). */
extern const struct pane_ops ui_board_ops, ui_lists_ops, ui_hk_ops, ui_staff_ops, ui_search_ops,
    ui_detail_ops, ui_folio_ops, ui_reports_ops, ui_form_ops, ui_help_ops;
extern const struct pane_ops ui_guest_ops;
extern const struct pane_ops ui_conflicts_ops;
extern const struct pane_ops ui_admin_ops;

/* May the acting person see the administration pane (core/perm.c: admin.pane)? */
bool ui_admin_allowed(struct app *app);
extern const struct pane_ops ui_groups_ops;
extern const struct pane_ops ui_rates_ops;
extern const struct pane_ops ui_deposits_ops;

/* Mark panes dirty: one pane, or all of them after the data changed. */
void ui_dirty(struct app *app, enum pane_id id, unsigned flags);
void ui_data_changed(struct app *app);
/* Show a pane (tab) and give it the keyboard. */
void ui_show(struct app *app, enum pane_id id);
void ui_close_modal(struct app *app);
/* The pane that gets keys now. */
struct pane *ui_focus(struct app *app);

void ui_message(struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct app *app, const struct fd_error *err);
/* Ask a yes/no question on the message line; fn(arg) runs on "y". */
void ui_confirm(struct app *app, ui_confirm_fn fn, const char *arg, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Read one line on the message line; fn(text, arg) runs on Enter. */
void ui_prompt(struct app *app, const char *label, const char *initial, ui_prompt_fn fn, const char *arg);
/* Make the prompt just started a password prompt. */
void ui_prompt_secret(struct app *app);
/* Offer answers to the prompt just started (copied); the first is put in
 * its text, Up/Down and Tab go through the others. */
void ui_prompt_offer(struct app *app, const char (*choices)[FD_USER_LEN], int n);

/* Apply operations through the session (fd_session_apply); on success
 * every pane is refreshed, on refusal the reason goes to the message line.
 * Clears ops. */
bool ui_apply(struct app *app, struct fd_op *ops, int n, struct fd_op_result *results);

/* Open a booking in the detail pane (by code). */
void ui_open_booking(struct app *app, const char *code);
/* Open a guest's profile (by guest id). */
void ui_open_guest(struct app *app, const char *guest_id);
/* Open a booking's folios in the folio pane (by code). */
void ui_open_folio(struct app *app, const char *code);
/* Start the booking form: new (code NULL) at room/date, or editing code. */
void ui_form_start_new(struct app *app, const char *room, fd_date arrival);
void ui_form_start_edit(struct app *app, const char *code);
/* Board: put the cursor on a date and/or a room (NULL keeps it). */
void ui_board_goto(struct app *app, fd_date date, const char *room);
/* Housekeeping: put the cursor on a room (and show the pane). */
void ui_hk_goto(struct app *app, const char *room);
/* Board: code of the booking under the cursor ("" when none). */
const char *ui_board_cursor_code(struct app *app);

#endif
