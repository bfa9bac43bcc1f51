// SPDX-License-Identifier: GPL-3.0-or-later
/* The room board (tape chart): rooms down, nights across, each booking a
 * block with a state letter and the guest's name. Only the visible page of
 * rooms and the visible nights are queried; moving the cursor inside them
 * repaints without a query. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "store/query_desk.h"
#include "ui/draw.h"

#define MAX_ROWS 256
#define CELL_W 4
#define HEADER_ROWS 2

struct board {
	int n_rooms;
	int cur_row, top;       /* absolute room indexes */
	fd_date cur_date, from; /* cursor night and first visible night */
	int days, rows;         /* visible nights and room rows */
	bool centred;           /* from has been placed around today once */
	bool by_row;            /* full width: the rooms scroll one row at a time */
	bool shown;             /* a page was queried: shown_top and shown_from hold */
	int shown_top;
	fd_date shown_from;
	struct fd_room_row rooms[MAX_ROWS];
	int n_loaded;
	struct fd_room_row above; /* the room before the page's first (top > 0) */
	bool has_above;
	struct fd_booking_row *bk;
	int *bk_row;      /* visible row of each booking (computed at recalc) */
	bool *bk_pending; /* a local change to it waits in the outbox: marked "*" */
	int n_bk, cap;
	char goto_room[FD_ROOMNO_LEN]; /* pending ':' jump, resolved at recalc */
	enum fd_room_order order;      /* FD_ROOMS_BOARD (by floor) or FD_ROOMS_BY_TYPE */
	char shown_code[FD_CODE_LEN];  /* booking under the cursor last repaint */
};

static void *board_create(struct app *app)
{
	struct board *b = calloc(1, sizeof *b);
	if (b) {
		b->cur_date = app->today;
		b->order = FD_ROOMS_BOARD;
	}
	return b;
}

static void board_destroy(void *st)
{
	struct board *b = st;
	if (b) {
		free(b->bk);
		free(b->bk_pending);
		free(b->bk_row);
	}
	free(b);
}

static int label_width(const struct pane *p)
{
	return p->w >= 100 ? 15 : 10; /* room, hk code (and type when wide) */
}

static void geometry(struct board *b, const struct pane *p)
{
	b->days = (p->w - label_width(p)) / CELL_W;
	if (b->days < 1)
		b->days = 1;
	b->rows = p->h - HEADER_ROWS;
	if (b->rows < 1)
		b->rows = 1;
	if (b->rows > MAX_ROWS)
		b->rows = MAX_ROWS;
}

/* Keep the cursor inside the window; true when the window moved (query).
 * With the screen's whole width (nothing beside it) the rooms scroll one
 * row at a time: the terminal scrolls the rows it already shows (ncurses
 * finds the shifted lines and sends a scroll of the region) and only the
 * new room's row crosses the link. Beside another pane that cannot work:
 * a terminal scrolls whole lines (the pane beside would move too), so each
 * scroll would send every row again; there the window jumps by half a
 * page, fewer jumps carrying fewer bytes. The nights always jump by a
 * week: no terminal scrolls sideways. */
static bool follow_cursor(struct board *b)
{
	int top = b->top;
	fd_date from = b->from;
	b->cur_row = ui_clamp(b->cur_row, 0, b->n_rooms > 0 ? b->n_rooms - 1 : 0);
	int half = b->rows > 3 && !b->by_row ? b->rows / 2 : 1;
	if (b->cur_row < b->top)
		b->top = b->cur_row - half + 1;
	else if (b->cur_row >= b->top + b->rows)
		b->top = b->by_row ? b->cur_row - b->rows + 1 : b->cur_row - half;
	b->top = ui_clamp(b->top, 0, b->n_rooms - b->rows > 0 ? b->n_rooms - b->rows : 0);
	ui_scroll_to(b->cur_row, b->rows, &b->top);
	int step = b->days > 14 ? 7 : b->days > 2 ? b->days / 2 : 1;
	if (b->cur_date < b->from)
		b->from = b->cur_date - step + 1;
	else if (b->cur_date >= b->from + b->days)
		b->from = b->cur_date - b->days + step;
	return top != b->top || from != b->from;
}

static bool add_room(void *ctx, const struct fd_room_row *row)
{
	struct board *b = ctx;
	if (b->n_loaded >= MAX_ROWS)
		return false;
	b->rooms[b->n_loaded++] = *row;
	return true;
}

static bool set_above(void *ctx, const struct fd_room_row *row)
{
	struct board *b = ctx;
	b->above = *row;
	b->has_above = true;
	return true;
}

static bool add_booking(void *ctx, const struct fd_booking_row *row)
{
	struct board *b = ctx;
	if (b->n_bk == b->cap) {
		int cap = b->cap ? b->cap * 2 : 64;
		void *nb = realloc(b->bk, (size_t)cap * sizeof *b->bk);
		if (!nb)
			return false;
		b->bk = nb;
		void *nr = realloc(b->bk_row, (size_t)cap * sizeof *b->bk_row);
		if (!nr)
			return false;
		b->bk_row = nr;
		void *np = realloc(b->bk_pending, (size_t)cap * sizeof *b->bk_pending);
		if (!np)
			return false;
		b->bk_pending = np;
		b->cap = cap;
	}
	b->bk[b->n_bk++] = *row;
	return true;
}

static void board_recalc(struct app *app, struct pane *p)
{
	struct board *b = p->st;
	struct fd_error err = {0};
	geometry(b, p);
	b->by_row = p->w >= app->cols;
	if (!b->centred) {
		/* Open with a couple of past nights visible before today. */
		b->from = app->today - (b->days > 10 ? 2 : 0);
		b->centred = true;
	}
	if (fd_query_room_count(app->db, b->order, app->today, &b->n_rooms, &err))
		ui_error(app, &err);
	if (b->goto_room[0]) {
		int idx;
		if (fd_query_room_index(app->db, b->order, b->goto_room, &idx, NULL) == FD_OK)
			b->cur_row = idx;
		b->goto_room[0] = '\0';
	}
	if (b->top > b->n_rooms - b->rows)
		b->top = b->n_rooms - b->rows > 0 ? b->n_rooms - b->rows : 0;
	follow_cursor(b);
	/* How far the rooms moved since the page last shown, for the painter
	 * (ui/app.c) to let the terminal scroll the rows kept. */
	app->board_shift = b->shown && b->from == b->shown_from ? b->top - b->shown_top : 0;
	b->shown = true;
	b->shown_top = b->top;
	b->shown_from = b->from;
	b->n_loaded = 0;
	b->n_bk = 0;
	/* The room above the page says whether its first room starts a floor
	 * (bold) as it did further down: a one-row scroll then sends only the
	 * new row, not the first row's label again. */
	b->has_above = false;
	if (b->top > 0 &&
	    fd_query_rooms_page(app->db, b->order, app->today, b->top - 1, 1, set_above, b, &err))
		ui_error(app, &err);
	if (fd_query_rooms_page(app->db, b->order, app->today, b->top, b->rows, add_room, b, &err) ||
	    fd_query_board_page(app->db, b->order, b->from, b->from + b->days, b->top, b->rows, add_booking,
	                        b, &err))
		ui_error(app, &err);
	/* Each booking's own outbox look-up only when something waits there:
	 * one count instead of a query per booking on the page (300 at
	 * 200x50) on a terminal that is up to date. */
	int pending = 0, rejected = 0;
	if (fd_query_outbox(app->db, &pending, &rejected, NULL) != FD_OK)
		pending = 1;
	/* Which row each booking sits on, once per query rather than per paint. */
	for (int i = 0; i < b->n_bk; i++) {
		b->bk_pending[i] = false;
		if (pending > 0)
			fd_query_booking_pending(app->db, b->bk[i].b.id, &b->bk_pending[i], NULL);
		b->bk_row[i] = -1;
		for (int r = 0; r < b->n_loaded; r++)
			if (strcmp(b->bk[i].b.room, b->rooms[r].r.number) == 0) {
				b->bk_row[i] = r;
				break;
			}
	}
}

static const struct fd_booking_row *booking_at(const struct board *b, const char *room, fd_date night)
{
	for (int i = 0; i < b->n_bk; i++) {
		const struct fd_booking *bk = &b->bk[i].b;
		if (bk->arrival <= night && night < bk->departure && strcmp(bk->room, room) == 0)
			return &b->bk[i];
	}
	return NULL;
}

static char state_letter(const struct app *app, const struct fd_booking *bk, enum ui_attr *attr)
{
	if (bk->status == FD_BOOKING_CHECKED_IN && bk->departure <= app->today) {
		*attr = UI_A_DUEOUT;
		return 'D';
	}
	if (bk->status == FD_BOOKING_CHECKED_IN) {
		*attr = UI_A_INHOUSE;
		return 'I';
	}
	if (bk->status == FD_BOOKING_RESERVED) {
		*attr = UI_A_RESERVED;
		return 'R';
	}
	*attr = UI_A_PAST;
	return 'C';
}

static void paint_header(struct app *app, struct pane *p, const struct board *b)
{
	static const char *const wd[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
	                                 N_("Fr"), N_("Sa"), N_("Su")};
	static const char *const mon[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	                                  N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
	int lw = label_width(p);
	int y, m, d;
	fd_date_to_ymd(b->cur_date, &y, &m, &d);
	ui_putf(p->win, 0, 0, lw, app->attr[UI_A_HEADER], "%s %d%s", _(mon[m - 1]), y,
	        lw > 10 ? (b->order == FD_ROOMS_BY_TYPE ? _(" type") : _(" floor")) : "");
	if (lw > 10)
		ui_put(p->win, 1, 0, _("Room Type HK"), lw, app->attr[UI_A_HEADER]);
	else
		ui_put(p->win, 1, 0, _("Room  HK"), lw, app->attr[UI_A_HEADER]);
	for (int i = 0; i < b->days; i++) {
		fd_date day = b->from + i;
		fd_date_to_ymd(day, &y, &m, &d);
		attr_t a = day == app->today ? app->attr[UI_A_TODAY] | A_REVERSE : app->attr[UI_A_HEADER];
		int x = lw + i * CELL_W;
		if (d == 1)
			ui_putf(p->win, 0, x, CELL_W, a, "%s", _(mon[m - 1]));
		else
			ui_putf(p->win, 0, x, CELL_W, a, "%s", _(wd[fd_date_weekday(day)]));
		ui_putf(p->win, 1, x, CELL_W, a, "%2d%s", d, day == app->today ? "*" : "");
	}
}

static void paint_room_label(struct app *app, struct pane *p, int y, const struct fd_room_row *r, bool cursor,
                             bool group_start)
{
	/* Only the number marks the cursor's row: fewer cells change per move.
	 * The first room of each floor (or type) is bold: the groups read. */
	attr_t a = group_start ? app->attr[UI_A_HEADER] : A_NORMAL;
	ui_put(p->win, y, 0, r->r.number, 5, cursor ? app->attr[UI_A_HEADER] | A_UNDERLINE : a);
	if (label_width(p) > 10)
		ui_putf(p->win, y, 5, label_width(p) - 5, A_NORMAL, "%-5.5s%-3s", r->r.type_code, r->hk_code);
	else
		ui_putf(p->win, y, 5, label_width(p) - 5, A_NORMAL, " %-3s", r->hk_code);
}

static void paint_maintenance(struct app *app, struct pane *p, int y, const struct board *b,
                              const struct fd_room *r)
{
	if (r->maint == FD_MAINT_NONE)
		return;
	fd_date lo = r->maint_from > b->from ? r->maint_from : b->from;
	fd_date hi = r->maint_to < b->from + b->days ? r->maint_to : b->from + b->days;
	if (lo >= hi)
		return;
	char text[300];
	snprintf(text, sizeof text, "%c %s", r->maint == FD_MAINT_OOO ? 'O' : 'S', r->maint_reason);
	ui_put(p->win, y, label_width(p) + (lo - b->from) * CELL_W, text, (hi - lo) * CELL_W,
	       app->attr[UI_A_OOO]);
}

static void paint_row(struct app *app, struct pane *p, int y, const struct board *b,
                      const struct fd_room_row *r)
{
	int lw = label_width(p);
	/* Today's column keeps a mark in empty cells so it reads down the page. */
	if (app->today >= b->from && app->today < b->from + b->days)
		ui_put(p->win, y, lw + (app->today - b->from) * CELL_W, app->ascii ? ":" : "\u2502", 1,
		       app->attr[UI_A_PAST]);
	paint_maintenance(app, p, y, b, &r->r);
}

static void paint_booking(struct app *app, struct pane *p, const struct board *b, int i)
{
	const struct fd_booking *bk = &b->bk[i].b;
	fd_date lo = bk->arrival > b->from ? bk->arrival : b->from;
	fd_date hi = bk->departure < b->from + b->days ? bk->departure : b->from + b->days;
	if (lo >= hi || b->bk_row[i] < 0)
		return;
	enum ui_attr a;
	char letter = state_letter(app, bk, &a);
	char text[300];
	/* A block that started before the window shows a continuation mark. */
	snprintf(text, sizeof text, "%c%s%s%s", letter, bk->arrival < b->from ? "<" : " ",
	         b->bk_pending[i] ? "*" : "", b->bk[i].guest_name);
	ui_put(p->win, HEADER_ROWS + b->bk_row[i], label_width(p) + (lo - b->from) * CELL_W, text,
	       (hi - lo) * CELL_W, app->attr[a]);
}

/* The terminal's first sync: no hotel to show yet, so how far the copy
 * is ("Reading the hotel...", a bar with the percentage, "120 of 5000
 * records, 900/s, 0:05 left"; without a total from the server, the count
 * and rate alone). The board comes when the copy is installed. */
static void paint_first_sync(struct app *app, struct pane *p)
{
	const struct ui_sync *s = &app->sync;
	int y = p->h / 2 - 2 > 0 ? p->h / 2 - 2 : 0, x = 2, w = p->w - 4 > 0 ? p->w - 4 : p->w;
	ui_put(p->win, y, x, _("First sync: reading the hotel from the server..."), w, A_BOLD);
	if (s->first_total > 0) {
		long done = s->first_done < s->first_total ? s->first_done : s->first_total;
		int pct = (int)(done * 100 / s->first_total);
		/* "[####------] 42%": the bar takes what the percentage leaves. */
		int cells = w - 7 < 60 ? w - 7 : 60;
		if (cells > 2) {
			char bar[80];
			int fill = (int)((long)cells * done / s->first_total);
			bar[0] = '[';
			for (int i = 0; i < cells; i++)
				bar[1 + i] = i < fill ? '#' : '-';
			snprintf(bar + 1 + cells, sizeof bar - 1 - (size_t)cells, "] %d%%", pct);
			ui_put(p->win, y + 2, x, bar, w, A_NORMAL);
		}
	}
	char text[256];
	fd_progress_text(&s->first_clock, s->first_done, s->first_total, text, sizeof text);
	ui_put(p->win, y + 3, x, text, w, A_NORMAL);
}

static void board_repaint(struct app *app, struct pane *p)
{
	struct board *b = p->st;
	if (app->sync.first_sync) {
		paint_first_sync(app, p);
		return;
	}
	paint_header(app, p, b);
	for (int i = 0; i < b->n_loaded && i < b->rows; i++) {
		bool cursor = b->top + i == b->cur_row;
		const struct fd_room *r = &b->rooms[i].r, *prev = NULL;
		if (i > 0)
			prev = &b->rooms[i - 1].r;
		else if (b->has_above)
			prev = &b->above.r;
		bool group_start =
		    !prev || (b->order == FD_ROOMS_BY_TYPE ? strcmp(prev->type_code, r->type_code) != 0
		                                           : prev->floor != r->floor);
		paint_room_label(app, p, HEADER_ROWS + i, &b->rooms[i], cursor, group_start);
		paint_row(app, p, HEADER_ROWS + i, b, &b->rooms[i]);
	}
	for (int i = 0; i < b->n_bk; i++)
		paint_booking(app, p, b, i);
	if (b->n_rooms == 0) {
		ui_put(p->win, HEADER_ROWS, 0, _("No rooms yet: add them with 'frontdesk room add'."), p->w,
		       A_NORMAL);
		return;
	}
	/* Beside a pane that has the keys (from 200 columns) the board shows
	 * no cursor cell, only its room underlined: one cursor on the screen
	 * moves with the keys, as the focused pane's. */
	int cy = HEADER_ROWS + b->cur_row - b->top;
	int cx = label_width(p) + (b->cur_date - b->from) * CELL_W;
	if (app->current == PANE_BOARD)
		mvwchgat(p->win, cy, cx, CELL_W, app->attr[UI_A_CURSOR], PAIR_NUMBER(app->attr[UI_A_CURSOR]),
		         NULL);
	/* Side by side, the detail pane follows the booking under the cursor
	 * of the board in focus; beside a pane in focus (the detail opened from
	 * a list) the board leaves it alone. */
	const char *code = ui_board_cursor_code(app);
	if (app->current == PANE_BOARD && strcmp(code, b->shown_code) != 0) {
		snprintf(b->shown_code, sizeof b->shown_code, "%s", code);
		if (app->panes[PANE_DETAIL].win && code[0]) {
			snprintf(app->detail_code, sizeof app->detail_code, "%s", code);
			ui_dirty(app, PANE_DETAIL, PANE_RECALC);
		}
	}
}

const char *ui_board_cursor_code(struct app *app)
{
	struct board *b = app->panes[PANE_BOARD].st;
	int i = b->cur_row - b->top;
	if (i < 0 || i >= b->n_loaded)
		return "";
	const struct fd_booking_row *row = booking_at(b, b->rooms[i].r.number, b->cur_date);
	return row ? row->b.code : "";
}

void ui_board_goto(struct app *app, fd_date date, const char *room)
{
	struct board *b = app->panes[PANE_BOARD].st;
	if (date) {
		b->cur_date = date;
		/* Put the date near the left edge so the days after it show. */
		b->from = date - (b->days > 10 ? 2 : 0);
	}
	if (room)
		snprintf(b->goto_room, sizeof b->goto_room, "%s", room);
	ui_dirty(app, PANE_BOARD, PANE_RECALC | PANE_REPAINT);
}

static void move_cursor(struct app *app, struct pane *p, struct board *b, int drow, int ddays)
{
	b->cur_row += drow;
	b->cur_date += ddays;
	ui_dirty(app, PANE_BOARD, follow_cursor(b) ? PANE_RECALC | PANE_REPAINT : PANE_REPAINT);
	(void)p;
}

static bool board_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct board *b = p->st;
	switch (req) {
	case UI_REQ_UP:
		move_cursor(app, p, b, -1, 0);
		return true;
	case UI_REQ_DOWN:
		move_cursor(app, p, b, 1, 0);
		return true;
	case UI_REQ_LEFT:
		move_cursor(app, p, b, 0, -1);
		return true;
	case UI_REQ_RIGHT:
		move_cursor(app, p, b, 0, 1);
		return true;
	case UI_REQ_PAGE_UP:
		move_cursor(app, p, b, -b->rows, 0);
		return true;
	case UI_REQ_PAGE_DOWN:
		move_cursor(app, p, b, b->rows, 0);
		return true;
	case UI_REQ_HOME:
		move_cursor(app, p, b, -b->cur_row, 0);
		return true;
	case UI_REQ_END:
		move_cursor(app, p, b, b->n_rooms, 0);
		return true;
	case UI_REQ_WEEK_BACK:
		move_cursor(app, p, b, 0, -7);
		return true;
	case UI_REQ_WEEK_FWD:
		move_cursor(app, p, b, 0, 7);
		return true;
	case UI_REQ_TODAY:
		ui_board_goto(app, app->today, NULL);
		return true;
	case UI_REQ_GROUP: {
		/* Keep the cursor on the same room in the new order. */
		int i = b->cur_row - b->top;
		if (i >= 0 && i < b->n_loaded)
			snprintf(b->goto_room, sizeof b->goto_room, "%s", b->rooms[i].r.number);
		b->order = b->order == FD_ROOMS_BOARD ? FD_ROOMS_BY_TYPE : FD_ROOMS_BOARD;
		ui_message(app, "%s",
		           b->order == FD_ROOMS_BY_TYPE ? _("Rooms grouped by type.")
		                                        : _("Rooms grouped by floor."));
		ui_dirty(app, PANE_BOARD, PANE_RECALC | PANE_REPAINT);
		return true;
	}
	case UI_REQ_OPEN: {
		const char *code = ui_board_cursor_code(app);
		if (code[0])
			ui_open_booking(app, code);
		else
			ui_message(app, _("No booking here; press n to make one."));
		return true;
	}
	case UI_REQ_FOLIO: {
		const char *code = ui_board_cursor_code(app);
		if (code[0])
			ui_open_folio(app, code);
		else
			ui_message(app, _("No booking here; press n to make one."));
		return true;
	}
	case UI_REQ_NEW_BOOKING: {
		int i = b->cur_row - b->top;
		if (i >= 0 && i < b->n_loaded)
			ui_form_start_new(app, b->rooms[i].r.number, b->cur_date);
		return true;
	}
	default:
		return false;
	}
}

/* The board has no hint line: its keys lead the message line's. */
static const struct ui_hint hints[] = {
    {UI_REQ_OPEN, N_("open")}, {UI_REQ_NEW_BOOKING, N_("new")}, {UI_REQ_FOLIO, N_("folio")}};

const struct pane_ops ui_board_ops = {
    .hints = hints,
    .n_hints = 3,
    .hints_on_message_line = true,
    .title = N_("Board"),
    .ctx = UI_CTX_BOARD | UI_CTX_MOVE,
    .create = board_create,
    .destroy = board_destroy,
    .recalc = board_recalc,
    .repaint = board_repaint,
    .action = board_action,
};
