// SPDX-License-Identifier: GPL-3.0-or-later
/* The command table and the key map built from it. */
#include "config.h"
#include "ui/keys.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "ui/config_lines.h"

#define G UI_CTX_GLOBAL
#define MV UI_CTX_MOVE

static const struct ui_action actions[] = {
    {UI_REQ_QUIT, "quit", G, "q C-c", N_("leave the application")},
    {UI_REQ_HELP, "help", G, "?", N_("the keys of this pane")},
    {UI_REQ_BACK, "back", G, "Esc Backspace", N_("close this pane or form, back to the last one")},
    {UI_REQ_NEXT_PANE, "next-pane", G, "Tab", N_("next pane")},
    {UI_REQ_PREV_PANE, "prev-pane", G, "BTab", N_("previous pane")},
    {UI_REQ_PANE_BOARD, "board", G, "1 F1", N_("room board")},
    {UI_REQ_PANE_LISTS, "arrivals", G, "2 F2", N_("arrivals, departures and in-house guests")},
    {UI_REQ_PANE_HK, "housekeeping", G, "3 F3", N_("housekeeping queue")},
    {UI_REQ_PANE_STAFF, "staff", G, "4 F4", N_("staff on shift")},
    {UI_REQ_PANE_SEARCH, "search-pane", G, "5 F5", N_("guest search results")},
    {UI_REQ_PANE_DETAIL, "detail", G, "6 F6", N_("the last booking opened")},
    {UI_REQ_PANE_FOLIO, "folio-pane", G, "7 F7", N_("the folio (bill) of the last booking opened")},
    {UI_REQ_PANE_REPORTS, "reports", G, "8 F8", N_("reports: occupancy, ADR, RevPAR, forecast, cashier")},
    {UI_REQ_PANE_ADMIN, "admin", G, "9 F9",
     N_("administration: staff, rooms, room types, charge codes, settings (managers and administrators)")},
    {UI_REQ_SEARCH, "search", G, "/", N_("find a guest by name, code or room")},
    {UI_REQ_COMMAND, "command", G, ":", N_("go to a date (YYYY-MM-DD), a room or a booking code")},
    {UI_REQ_RATES, "rate-grid", G, "P",
     N_("rate grid: plans and room types by date, prices, free rooms, restrictions")},
    {UI_REQ_REDRAW, "redraw", G, "C-l", N_("redraw the screen")},
    {UI_REQ_GROUPS, "groups", G, "B", N_("group blocks: rooms held, picked up and left per night, cut-off")},
    {UI_REQ_DEPOSITS, "deposits", G, "D",
     N_("deposits due: reserved bookings whose deposit is due soon or overdue and not yet paid")},
    {UI_REQ_CONFLICTS, "conflicts", G, "!", N_("refused operations waiting for you")},
    {UI_REQ_UP, "up", MV, "k Up", N_("move up")},
    {UI_REQ_DOWN, "down", MV, "j Down", N_("move down")},
    {UI_REQ_LEFT, "left", UI_CTX_BOARD | UI_CTX_RATES, "h Left", N_("one day back")},
    {UI_REQ_RIGHT, "right", UI_CTX_BOARD | UI_CTX_RATES, "l Right", N_("one day on")},
    {UI_REQ_PAGE_UP, "page-up", MV, "PgUp C-b", N_("one screen up")},
    {UI_REQ_PAGE_DOWN, "page-down", MV, "PgDn C-f", N_("one screen down")},
    {UI_REQ_HOME, "first", MV, "g Home", N_("first row")},
    {UI_REQ_END, "last", MV, "G End", N_("last row")},
    /* Not every pane with a cursor has something to open (staff, reports). */
    {UI_REQ_OPEN, "open", UI_CTX_BOARD | UI_CTX_LISTS | UI_CTX_HK | UI_CTX_SEARCH | UI_CTX_FOLIO, "Enter",
     N_("open what is under the cursor: the booking, or in the folio the line's details")},
    {UI_REQ_TODAY, "today", UI_CTX_BOARD | UI_CTX_RATES, "t", N_("back to the business date")},
    {UI_REQ_GROUP, "group", UI_CTX_BOARD, "T", N_("group rooms by floor or by type")},
    {UI_REQ_WEEK_BACK, "week-back", UI_CTX_BOARD | UI_CTX_RATES, "[ H", N_("one week back")},
    {UI_REQ_WEEK_FWD, "week-on", UI_CTX_BOARD | UI_CTX_RATES, "] L", N_("one week on")},
    {UI_REQ_NEW_BOOKING, "new-booking", UI_CTX_BOARD | UI_CTX_LISTS, "n",
     N_("new booking (at the cursor's room and date)")},
    {UI_REQ_LIST_NEXT, "list-next", UI_CTX_LISTS, "l Right", N_("next list: arrivals, departures, in house")},
    {UI_REQ_LIST_PREV, "list-prev", UI_CTX_LISTS, "h Left", N_("previous list")},
    {UI_REQ_CHECK_IN, "check-in", UI_CTX_LISTS | UI_CTX_DETAIL, "i", N_("check the guest in")},
    {UI_REQ_CHECK_OUT, "check-out", UI_CTX_LISTS | UI_CTX_DETAIL | UI_CTX_FOLIO, "o",
     N_("check the guest out")},
    {UI_REQ_CANCEL, "cancel", UI_CTX_DETAIL, "c", N_("cancel the booking")},
    {UI_REQ_NO_SHOW, "no-show", UI_CTX_DETAIL, "s", N_("mark the booking a no-show")},
    {UI_REQ_MOVE_ROOM, "move", UI_CTX_DETAIL, "m", N_("move to another room")},
    {UI_REQ_EXTEND, "extend", UI_CTX_DETAIL, "x", N_("change the departure date")},
    {UI_REQ_EDIT, "edit", UI_CTX_DETAIL, "e", N_("edit the booking")},
    {UI_REQ_HK_DIRTY, "hk-dirty", UI_CTX_HK, "d", N_("room is dirty")},
    {UI_REQ_HK_PICKUP, "hk-pickup", UI_CTX_HK, "p", N_("room needs a pickup")},
    {UI_REQ_HK_CLEAN, "hk-clean", UI_CTX_HK, "c", N_("room is clean")},
    {UI_REQ_HK_INSPECTED, "hk-inspected", UI_CTX_HK, "i", N_("room is inspected")},
    {UI_REQ_HK_DND, "hk-dnd", UI_CTX_HK, "z", N_("do not disturb on or off")},
    {UI_REQ_HK_OOO, "hk-ooo", UI_CTX_HK, "O", N_("put the room out of order (reason, from, until)")},
    {UI_REQ_HK_OOS, "hk-oos", UI_CTX_HK, "S",
     N_("put the room out of service, still sellable (reason, from, until)")},
    {UI_REQ_HK_MUR, "hk-make-up", UI_CTX_HK, "m", N_("make-up room requested on or off")},
    {UI_REQ_HK_FOUND_OCCUPIED, "hk-found-occupied", UI_CTX_HK, "o",
     N_("housekeeping found the room occupied (compared with the front office)")},
    {UI_REQ_HK_FOUND_VACANT, "hk-found-vacant", UI_CTX_HK, "e",
     N_("housekeeping found the room vacant, empty (compared with the front office)")},
    {UI_REQ_HK_RTN, "hk-return", UI_CTX_HK, "R", N_("return the room to service")},
    {UI_REQ_HK_ASSIGN, "hk-assign", UI_CTX_HK, "a",
     N_("assign the room's cleaning today to an attendant on shift (Up/Down choose)")},
    {UI_REQ_HK_DISCREPANCIES, "hk-discrepancies", UI_CTX_HK, "v",
     N_("next view: by status, by attendant, by section, discrepancies, supervisor")},
    {UI_REQ_STAFF_SHIFT, "shift", UI_CTX_STAFF, "s", N_("sign the staff member on or off shift")},
    {UI_REQ_FOLIO, "folio", UI_CTX_BOARD | UI_CTX_LISTS | UI_CTX_DETAIL, "f",
     N_("open the booking's folio (bill)")},
    {UI_REQ_FOLIO_POST, "folio-post", UI_CTX_FOLIO, "p", N_("post a charge to the folio under the cursor")},
    {UI_REQ_FOLIO_PAY, "folio-pay", UI_CTX_FOLIO, "$", N_("take a payment (cash, card, bank transfer)")},
    {UI_REQ_FOLIO_REFUND, "folio-refund", UI_CTX_FOLIO, "r", N_("refund money to the guest (with a reason)")},
    {UI_REQ_FOLIO_VOID, "folio-void", UI_CTX_FOLIO, "v Delete",
     N_("void the line under the cursor (with a reason)")},
    {UI_REQ_FOLIO_MOVE, "folio-move", UI_CTX_FOLIO, "m",
     N_("move the line under the cursor to another folio")},
    {UI_REQ_FOLIO_NEW, "folio-new", UI_CTX_FOLIO, "n",
     N_("open another folio: split the bill or bill a company")},
    {UI_REQ_FOLIO_SETTLE, "folio-settle", UI_CTX_FOLIO, "S",
     N_("settle the guest's balance to a company account (manager)")},
    {UI_REQ_REPORT_NEXT, "report-next", UI_CTX_REPORTS, "l Right v", N_("next report")},
    {UI_REQ_REPORT_PREV, "report-prev", UI_CTX_REPORTS, "h Left", N_("previous report")},
    {UI_REQ_REPORT_EARLIER, "report-earlier", UI_CTX_REPORTS, "[ H", N_("the period before")},
    {UI_REQ_REPORT_LATER, "report-later", UI_CTX_REPORTS, "] L", N_("the period after")},
    {UI_REQ_REPORT_RANGE, "report-range", UI_CTX_REPORTS, "r", N_("choose the dates (from to)")},
    {UI_REQ_REPORT_DAYS, "report-days", UI_CTX_REPORTS, "d", N_("forecast: the next 14, 30 or 90 days")},
    {UI_REQ_REPORT_USER, "report-user", UI_CTX_REPORTS, "u",
     N_("cashier: one staff member's payments (the shift close), or everyone's")},
    {UI_REQ_REPORT_EXPORT, "report-export", UI_CTX_REPORTS, "x", N_("write the report to a CSV file")},
    {UI_REQ_NIGHT_AUDIT, "night-audit", UI_CTX_REPORTS, "A",
     N_("run the night audit and close the business date (manager)")},
    {UI_REQ_FORM_NEXT, "form-next", UI_CTX_FORM, "Tab Down Enter",
     N_("next field (Enter on the last saves)")},
    {UI_REQ_FORM_PREV, "form-prev", UI_CTX_FORM, "BTab Up", N_("previous field")},
    {UI_REQ_FORM_SAVE, "form-save", UI_CTX_FORM, "F10 C-s", N_("save the booking")},
    {UI_REQ_GUEST, "guest", UI_CTX_DETAIL, "g", N_("the guest's profile: contact, document, stays")},
    {UI_REQ_GUEST_EDIT, "guest-edit", UI_CTX_GUEST, "Enter e", N_("change the field under the cursor")},
    {UI_REQ_GUEST_VIP, "guest-vip", UI_CTX_GUEST, "v", N_("VIP on or off")},
    {UI_REQ_GUEST_ERASE, "guest-erase", UI_CTX_GUEST, "E",
     N_("erase the guest's personal data (GDPR; manager)")},
    {UI_REQ_CONFLICT_SHOW, "conflict-show", UI_CTX_CONFLICTS, "Enter",
     N_("the server's whole reason on the message line")},
    {UI_REQ_CONFLICT_RESOLVE, "conflict-resolve", UI_CTX_CONFLICTS, "r",
     N_("resolve: give the booking another room (as 'frontdesk resolve --room')")},
    {UI_REQ_DOCUMENT, "document", UI_CTX_DETAIL | UI_CTX_FOLIO, "d",
     N_("save the bill, registration card or confirmation as PDF (and print it when a printer is "
        "configured)")},
    {UI_REQ_CONFLICT_ACCEPT, "conflict-accept", UI_CTX_CONFLICTS, "a",
     N_("resolve: accept the loss and close the notice (as 'frontdesk resolve --accept')")},
    {UI_REQ_ADMIN_NEXT, "admin-next", UI_CTX_ADMIN, "l Right", N_("next section")},
    {UI_REQ_ADMIN_PREV, "admin-prev", UI_CTX_ADMIN, "h Left", N_("previous section")},
    {UI_REQ_ADMIN_ADD, "admin-add", UI_CTX_ADMIN, "a",
     N_("add a staff member, room, room type or charge code; in Devices, an enrolment code for a new "
        "terminal")},
    {UI_REQ_ADMIN_EDIT, "admin-edit", UI_CTX_ADMIN, "Enter e",
     N_("open the row under the cursor; on a field, change it")},
    {UI_REQ_ADMIN_SAVE, "admin-save", UI_CTX_ADMIN, "F10 C-s", N_("save the new record")},
    {UI_REQ_ADMIN_DISABLE, "admin-disable", UI_CTX_ADMIN, "d",
     N_("disable the staff member (ends their sign-in), or enable them again")},
    {UI_REQ_ADMIN_PASSWORD, "admin-password", UI_CTX_ADMIN, "p",
     N_("set a new password for the staff member (at the server)")},
    {UI_REQ_ADMIN_OOO, "admin-ooo", UI_CTX_ADMIN, "O", N_("put the room out of order (reason, from, until)")},
    {UI_REQ_ADMIN_RETURN, "admin-return", UI_CTX_ADMIN, "R", N_("return the room to service")},
    {UI_REQ_ADMIN_REVOKE, "admin-revoke", UI_CTX_ADMIN, "r",
     N_("revoke the enrolled terminal under the cursor (Devices; administrators)")},
    {UI_REQ_RATE_PRICE, "rate-price", UI_CTX_RATES, "Enter e",
     N_("set the price of the cell under the cursor (managers)")},
    {UI_REQ_RATE_STOP_SELL, "rate-stop-sell", UI_CTX_RATES, "x",
     N_("stop-sell on or off for the cell under the cursor (managers)")},
    {UI_REQ_RATE_MIN_STAY, "rate-min-stay", UI_CTX_RATES, "m",
     N_("minimum stay for arrivals on the cell's date, 0 for none (managers)")},
    {UI_REQ_DEPOSIT_OPEN, "deposit-open", UI_CTX_DEPOSITS, "Enter", N_("open the booking")},
    {UI_REQ_DEPOSIT_DAYS, "deposit-days", UI_CTX_DEPOSITS, "d",
     N_("deposits due in the next 7, 14 or 30 days")},
};

const struct ui_action *ui_actions(int *n)
{
	*n = (int)(sizeof actions / sizeof *actions);
	return actions;
}

struct binding {
	struct ui_key key;
	unsigned ctx;
	enum ui_req req;
};

#define MAX_BINDINGS 256
static struct binding map[MAX_BINDINGS];
static int n_map;

static const struct {
	const char *name;
	bool fn;
	wint_t ch;
} key_names[] = {
    {"Enter", false, '\r'},
    {"Enter", false, '\n'},
    {"Enter", true, KEY_ENTER},
    {"Esc", false, 27},
    {"Tab", false, '\t'},
    {"BTab", true, KEY_BTAB},
    {"Backspace", true, KEY_BACKSPACE},
    {"Backspace", false, 127},
    {"Backspace", false, 8},
    {"Up", true, KEY_UP},
    {"Down", true, KEY_DOWN},
    {"Left", true, KEY_LEFT},
    {"Right", true, KEY_RIGHT},
    {"PgUp", true, KEY_PPAGE},
    {"PgDn", true, KEY_NPAGE},
    {"Home", true, KEY_HOME},
    {"End", true, KEY_END},
    {"Space", false, ' '},
    {"Delete", true, KEY_DC},
};

static bool parse_one(const char *name, struct ui_key *out, int nth)
{
	int seen = 0;
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++) {
		if (strcmp(key_names[i].name, name) == 0 && seen++ == nth) {
			out->fn = key_names[i].fn;
			out->ch = key_names[i].ch;
			return true;
		}
	}
	if (nth > 0)
		return false;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 12) {
			out->fn = true;
			out->ch = (wint_t)KEY_F(n);
			return true;
		}
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3]) {
		out->fn = false;
		out->ch = (wint_t)(name[2] - 'a' + 1);
		return true;
	}
	wchar_t wc[2];
	if (mbstowcs(wc, name, 2) == 1) {
		out->fn = false;
		out->ch = (wint_t)wc[0];
		return true;
	}
	return false;
}

bool ui_key_parse(const char *name, struct ui_key *out)
{
	return parse_one(name, out, 0);
}

static void bind(const char *name, unsigned ctx, enum ui_req req)
{
	struct ui_key k;
	/* A name may stand for several codes (Enter is CR, LF and KEY_ENTER). */
	for (int nth = 0; parse_one(name, &k, nth) && n_map < MAX_BINDINGS; nth++) {
		/* A later binding of the same key in the same contexts replaces it. */
		for (int i = 0; i < n_map; i++)
			if (map[i].key.fn == k.fn && map[i].key.ch == k.ch && (map[i].ctx & ctx))
				map[i].ctx &= ~ctx;
		map[n_map++] = (struct binding){k, ctx, req};
	}
}

void ui_keys_init(void)
{
	n_map = 0;
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", actions[i].keys);
		char *save = NULL;
		for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save))
			bind(t, actions[i].ctx, actions[i].req);
	}
}

/* One config line: "bind KEY ACTION" rebinds; other lines are not ours. */
static bool bind_line(char *line, void *arg)
{
	(void)arg;
	char *save = NULL;
	char *w = strtok_r(line, " \t\r\n", &save);
	if (!w || w[0] == '#' || strcmp(w, "bind") != 0)
		return true;
	char *key = strtok_r(NULL, " \t\r\n", &save), *name = strtok_r(NULL, " \t\r\n", &save);
	const struct ui_action *a = NULL;
	for (size_t i = 0; name && i < sizeof actions / sizeof *actions; i++)
		if (strcmp(actions[i].name, name) == 0)
			a = &actions[i];
	struct ui_key k;
	if (!key || !a || !ui_key_parse(key, &k))
		return false;
	bind(key, a->ctx, a->req);
	return true;
}

bool ui_keys_load_config(const char *path, char *msg, size_t size)
{
	int bad = ui_config_each_line(path, bind_line, NULL);
	if (bad)
		snprintf(msg, size, _("%s line %d: expected \"bind KEY ACTION\" with a known key and action"),
		         path, bad);
	return !bad;
}

enum ui_req ui_keys_lookup(struct ui_key key, unsigned ctx)
{
	/* The pane's own bindings win over global ones. */
	enum ui_req global = UI_REQ_NONE;
	for (int i = n_map - 1; i >= 0; i--) {
		if (map[i].key.fn != key.fn || map[i].key.ch != key.ch)
			continue;
		if (map[i].ctx & ctx & ~(unsigned)UI_CTX_GLOBAL)
			return map[i].req;
		if ((map[i].ctx & UI_CTX_GLOBAL) && global == UI_REQ_NONE)
			global = map[i].req;
	}
	return global;
}

static void ui_key_name(struct ui_key k, char *out, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
		if (key_names[i].fn == k.fn && key_names[i].ch == k.ch) {
			snprintf(out, size, "%s", key_names[i].name);
			return;
		}
	if (k.fn && k.ch >= (wint_t)KEY_F(1) && k.ch <= (wint_t)KEY_F(12))
		snprintf(out, size, "F%d", (int)(k.ch - KEY_F0));
	else if (!k.fn && k.ch >= 1 && k.ch <= 26)
		snprintf(out, size, "C-%c", (char)('a' + k.ch - 1));
	else
		snprintf(out, size, "%lc", (wint_t)k.ch);
}

void ui_keys_describe(enum ui_req req, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n_map; i++) {
		if (map[i].req != req || !map[i].ctx)
			continue;
		char name[16];
		ui_key_name(map[i].key, name, sizeof name);
		/* Enter and Backspace have several codes; name each once. */
		if (strstr(out, name) && (strcmp(name, "Enter") == 0 || strcmp(name, "Backspace") == 0))
			continue;
		int w = snprintf(out + len, size - len, "%s%s", len ? " " : "", name);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
}

void ui_keys_print_man(FILE *out)
{
	static const struct {
		unsigned ctx;
		const char *title;
	} sections[] = {
	    {UI_CTX_GLOBAL, "Everywhere"},     {UI_CTX_MOVE, "Lists and the board"},
	    {UI_CTX_BOARD, "Room board"},      {UI_CTX_LISTS, "Arrivals, departures, in house"},
	    {UI_CTX_DETAIL, "Booking detail"}, {UI_CTX_HK, "Housekeeping"},
	    {UI_CTX_STAFF, "Staff"},           {UI_CTX_FOLIO, "Folio"},
	    {UI_CTX_REPORTS, "Reports"},       {UI_CTX_FORM, "Booking form"},
	    {UI_CTX_GUEST, "Guest profile"},   {UI_CTX_CONFLICTS, "Refused operations"},
	    {UI_CTX_ADMIN, "Administration"},  {UI_CTX_RATES, "Rate grid"},
	    {UI_CTX_DEPOSITS, "Deposits due"},
	};
	for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
		fprintf(out, ".SS %s\n", sections[s].title);
		for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
			if (!(actions[i].ctx & sections[s].ctx))
				continue;
			fprintf(out, ".TP\n.B %s\n%s (%s)\n", actions[i].keys, actions[i].help,
			        actions[i].name);
		}
	}
}
