// SPDX-License-Identifier: GPL-3.0-or-later
/* Help: the keys of the pane it was opened from, generated from the one
 * command table (so it always matches the key map). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "ui/draw.h"

struct help {
	int top;
	int n;    /* lines last painted */
	int rows; /* lines shown at a time */
};

static void *help_create(struct app *app)
{
	(void)app;
	return calloc(1, sizeof(struct help));
}

static void help_destroy(void *st)
{
	free(st);
}

static void help_recalc(struct app *app, struct pane *p)
{
	(void)app;
	struct help *h = p->st;
	h->top = 0;
}

/* The next piece of text that fits in cells, broken at a space when there
 * is one; returns where the rest starts. */
static const char *next_piece(const char *text, int cells, char *out, size_t size)
{
	fd_text_fit(text, cells, 0, out, size);
	size_t cut = strlen(out);
	if (text[cut] && text[cut] != ' ') {
		char *space = strrchr(out, ' ');
		if (space && space > out) {
			cut = (size_t)(space - out);
			*space = '\0';
		}
	}
	text += cut;
	while (*text == ' ')
		text++;
	return text;
}

static void help_repaint(struct app *app, struct pane *p)
{
	struct help *h = p->st;
	const struct pane_ops *for_ops = app->panes[app->help_for].ops;
	ui_title(app, p, _("Keys for %s (Esc or q to close)"), _(for_ops->title));
	int n;
	const struct ui_action *a = ui_actions(&n);
	int y = 1, line = 0, kw = p->w >= 40 ? 16 : p->w / 3;
	/* The pane's own keys first, then the ones that work everywhere; a
	 * long description wraps under itself. */
	for (int pass = 0; pass < 2; pass++) {
		unsigned want = pass == 0 ? for_ops->ctx : UI_CTX_GLOBAL;
		for (int i = 0; i < n; i++) {
			if (!(a[i].ctx & want) || (pass == 1 && (a[i].ctx & for_ops->ctx)))
				continue;
			if (a[i].req == UI_REQ_PANE_ADMIN && !ui_admin_allowed(app))
				continue; /* a clerk is not shown the administration pane */
			char keys[64], piece[512];
			ui_keys_describe(a[i].req, keys, sizeof keys);
			const char *rest = _(a[i].help);
			bool first = true;
			while (first || *rest) {
				const char *was = rest;
				rest = next_piece(rest, p->w - kw, piece, sizeof piece);
				if (line++ >= h->top && y < p->h) {
					ui_put(p->win, y, 0, first ? keys : "", kw, app->attr[UI_A_HEADER]);
					ui_put(p->win, y, kw, piece, p->w - kw, A_NORMAL);
					y++;
				}
				first = false;
				if (rest == was)
					break; /* nothing fits: never loop */
			}
		}
	}
	h->n = line;
	h->rows = p->h - 1;
}

static bool help_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct help *h = p->st;
	switch (req) {
	case UI_REQ_QUIT:
	case UI_REQ_HELP:
		ui_close_modal(app);
		return true;
	case UI_REQ_DOWN:
		/* Stops when the last line shows at the bottom. */
		if (h->top < h->n - h->rows)
			h->top++;
		ui_dirty(app, PANE_HELP, PANE_REPAINT);
		return true;
	case UI_REQ_UP:
		if (h->top > 0)
			h->top--;
		ui_dirty(app, PANE_HELP, PANE_REPAINT);
		return true;
	default:
		return false;
	}
}

const struct pane_ops ui_help_ops = {
    .title = N_("Help"),
    .ctx = UI_CTX_MOVE,
    .create = help_create,
    .destroy = help_destroy,
    .recalc = help_recalc,
    .repaint = help_repaint,
    .action = help_action,
};
