// SPDX-License-Identifier: GPL-3.0-or-later
/* The folio pane's state, shared by its two files: ui/folio.c (loading and
 * painting) and ui/folio_ask.c (the questions on the message line that end
 * in an operation). */
#ifndef FD_UI_FOLIO_H
#define FD_UI_FOLIO_H

#include "ui/list.h"
#include <stdbool.h>

#include "core/folio.h"
#include "store/query.h"
#include "ui/app.h"

struct ui_folio_view {
	struct fd_folio f;
	struct fd_folio_line *lines; /* owned */
	int n;
	struct fd_folio_totals t;
};

struct ui_folio {
	bool loaded;
	struct fd_booking_row row;
	struct ui_folio_view *v; /* owned, n_folios of them */
	int n_folios;
	int n_rows;            /* a header per folio plus its lines */
	struct ui_list list;   /* cursor and scrolling over the n_rows rows */
	int64_t guest_balance; /* what the guest owes: guest folios only */
};

/* Which folio (and line, -1 for its header) display row `row` is. */
bool ui_folio_row(const struct ui_folio *f, int row, int *folio, int *line);

/* Each asks on the message line and applies one operation on the booking
 * in app->folio_code. folio_id "" posts to the booking's default folio. */
void ui_folio_post_ask(struct app *app, const char *folio_id);
void ui_folio_pay_ask(struct app *app, const struct ui_folio_view *v, bool refund);
void ui_folio_void_ask(struct app *app, const struct fd_folio_line *l);
void ui_folio_move_ask(struct app *app, const struct ui_folio *f, const struct ui_folio_view *from,
                       const struct fd_folio_line *l);
void ui_folio_new_ask(struct app *app, int n_folios);
void ui_folio_settle_ask(struct app *app, const struct ui_folio *f);

#endif
