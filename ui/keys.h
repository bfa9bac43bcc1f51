// SPDX-License-Identifier: GPL-3.0-or-later
/* The one command table: every action the application knows, declared once
 * with its name, the panes it applies to, its default keys and one line of
 * help. The key map, the help pane and the KEYS section of
 * frontdesk-ui(1) (written by ui/keys_man at build time) all come from it. */
#ifndef FD_UI_KEYS_H
#define FD_UI_KEYS_H

#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>

enum ui_ctx {
	UI_CTX_GLOBAL = 1 << 0,
	UI_CTX_MOVE = 1 << 1, /* every pane with a cursor */
	UI_CTX_BOARD = 1 << 2,
	UI_CTX_LISTS = 1 << 3,
	UI_CTX_DETAIL = 1 << 4,
	UI_CTX_HK = 1 << 5,
	UI_CTX_STAFF = 1 << 6,
	UI_CTX_FORM = 1 << 7,
	UI_CTX_SEARCH = 1 << 8,
	UI_CTX_FOLIO = 1 << 9,
	UI_CTX_REPORTS = 1 << 10,
	UI_CTX_GUEST = 1 << 11,
	UI_CTX_CONFLICTS = 1 << 12,
	UI_CTX_RATES = 1 << 13,
	UI_CTX_ADMIN = 1 << 14,
};

enum ui_req {
	UI_REQ_NONE,
	UI_REQ_QUIT,
	UI_REQ_HELP,
	UI_REQ_BACK,
	UI_REQ_NEXT_PANE,
	UI_REQ_PREV_PANE,
	UI_REQ_PANE_BOARD,
	UI_REQ_PANE_LISTS,
	UI_REQ_PANE_HK,
	UI_REQ_PANE_STAFF,
	UI_REQ_PANE_SEARCH,
	UI_REQ_PANE_DETAIL,
	UI_REQ_PANE_FOLIO,
	UI_REQ_PANE_REPORTS,
	UI_REQ_PANE_ADMIN, /* follows the other panes: global_action counts from UI_REQ_PANE_BOARD */
	UI_REQ_SEARCH,
	UI_REQ_COMMAND,
	UI_REQ_REDRAW,
	UI_REQ_CONFLICTS,
	UI_REQ_GROUPS,
	UI_REQ_UP,
	UI_REQ_DOWN,
	UI_REQ_LEFT,
	UI_REQ_RIGHT,
	UI_REQ_PAGE_UP,
	UI_REQ_PAGE_DOWN,
	UI_REQ_HOME,
	UI_REQ_END,
	UI_REQ_OPEN,
	UI_REQ_TODAY,
	UI_REQ_WEEK_BACK,
	UI_REQ_WEEK_FWD,
	UI_REQ_NEW_BOOKING,
	UI_REQ_GROUP,
	UI_REQ_LIST_NEXT,
	UI_REQ_LIST_PREV,
	UI_REQ_CHECK_IN,
	UI_REQ_CHECK_OUT,
	UI_REQ_CANCEL,
	UI_REQ_NO_SHOW,
	UI_REQ_MOVE_ROOM,
	UI_REQ_EXTEND,
	UI_REQ_EDIT,
	UI_REQ_HK_DIRTY,
	UI_REQ_HK_PICKUP,
	UI_REQ_HK_CLEAN,
	UI_REQ_HK_INSPECTED,
	UI_REQ_HK_DND,
	UI_REQ_HK_OOO,
	UI_REQ_HK_RTN,
	UI_REQ_HK_ASSIGN,
	UI_REQ_HK_MUR,
	UI_REQ_HK_OOS,
	UI_REQ_HK_FOUND_OCCUPIED,
	UI_REQ_HK_FOUND_VACANT,
	UI_REQ_HK_DISCREPANCIES,
	UI_REQ_STAFF_SHIFT,
	UI_REQ_FOLIO,
	UI_REQ_FOLIO_POST,
	UI_REQ_FOLIO_PAY,
	UI_REQ_FOLIO_REFUND,
	UI_REQ_FOLIO_VOID,
	UI_REQ_FOLIO_MOVE,
	UI_REQ_FOLIO_NEW,
	UI_REQ_FOLIO_SETTLE,
	UI_REQ_REPORT_NEXT,
	UI_REQ_REPORT_PREV,
	UI_REQ_REPORT_EARLIER,
	UI_REQ_REPORT_LATER,
	UI_REQ_REPORT_RANGE,
	UI_REQ_REPORT_DAYS,
	UI_REQ_REPORT_USER,
	UI_REQ_REPORT_EXPORT,
	UI_REQ_NIGHT_AUDIT,
	UI_REQ_FORM_NEXT,
	UI_REQ_FORM_PREV,
	UI_REQ_FORM_SAVE,
	UI_REQ_GUEST,
	UI_REQ_GUEST_EDIT,
	UI_REQ_GUEST_VIP,
	UI_REQ_GUEST_ERASE,
	UI_REQ_CONFLICT_SHOW,
	UI_REQ_CONFLICT_RESOLVE,
	UI_REQ_CONFLICT_ACCEPT,
	UI_REQ_ADMIN_NEXT,
	UI_REQ_ADMIN_PREV,
	UI_REQ_ADMIN_ADD,
	UI_REQ_ADMIN_EDIT,
	UI_REQ_ADMIN_SAVE,
	UI_REQ_ADMIN_DISABLE,
	UI_REQ_ADMIN_PASSWORD,
	UI_REQ_ADMIN_OOO,
	UI_REQ_ADMIN_RETURN,
	UI_REQ_RATES,
	UI_REQ_DOCUMENT,
	UI_REQ_RATE_PRICE,
	UI_REQ_RATE_STOP_SELL,
	UI_REQ_RATE_MIN_STAY,
	UI_REQ_COUNT
};

struct ui_action {
	enum ui_req req;
	const char *name; /* used in the config file: bind KEY NAME */
	unsigned ctx;     /* enum ui_ctx bits */
	const char *keys; /* default keys, space separated key names */
	const char *help; /* N_() */
};

/* A key hint: the action's first key and a short label (N_()). */
struct ui_hint {
	enum ui_req req;
	const char *label;
};

/* A key as wget_wch returns it. */
struct ui_key {
	bool fn; /* a KEY_* code rather than a character */
	wint_t ch;
};

const struct ui_action *ui_actions(int *n);
/* Build the key map from the table (and then the user's config file). */
void ui_keys_init(void);
/* Read "bind KEY ACTION" lines; returns false with a message on a bad line. */
bool ui_keys_load_config(const char *path, char *msg, size_t size);
/* The action bound to key in the given pane context, or UI_REQ_NONE. */
enum ui_req ui_keys_lookup(struct ui_key key, unsigned ctx);
/* "Enter", "Tab", "q", "F5" ... from a name; false when unknown. */
bool ui_key_parse(const char *name, struct ui_key *out);
/* The keys currently bound to an action (for help), written to out. */
void ui_keys_describe(enum ui_req req, char *out, size_t size);
/* The key section of the man page, as roff. */
void ui_keys_print_man(FILE *out);

#endif
