// SPDX-License-Identifier: GPL-3.0-or-later
/* Group blocks (`B`): every block with its rooms held, picked up and left
 * per type and night and its cut-off, as 'frontdesk block show' gives
 * them (store/group.h). Read-only: blocks are made with 'block add'. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/group.h"
#include "ui/actions.h"
#include "ui/draw.h"
#include "ui/list.h"

#define MAX_GROUP_ROWS 1024

struct group_row {
	char block[FD_NAME_LEN];
	char cutoff[64];
	char date[FD_DATE_STRLEN];
	char type[FD_TYPECODE_LEN];
	char counts[32];
};

struct groups {
	struct ui_list list;
	struct group_row rows[MAX_GROUP_ROWS];
	int n, blocks;
};

static const int widths[] = {18, 18, 11, 7, 0};

static void *groups_create(struct app *app)
{
	(void)app;
	struct groups *g = calloc(1, sizeof *g);
	if (g)
		ui_list_init(&g->list, 2, widths, 5);
	return g;
}

static void groups_destroy(void *st)
{
	free(st);
}

static int visible_rows(const struct pane *p)
{
	int v = p->h - 3;
	return v < 1 ? 1 : v;
}

static void add_block(struct groups *g, const struct fd_group_block *b, const struct fd_block_night *nights,
                      int n)
{
	char day[FD_DATE_STRLEN];
	for (int i = 0; i < n && g->n < MAX_GROUP_ROWS; i++) {
		struct group_row *r = &g->rows[g->n++];
		snprintf(r->block, sizeof r->block, "%s", i == 0 ? b->name : "");
		if (i == 0 && b->released)
			snprintf(r->cutoff, sizeof r->cutoff, _("%s released"),
			         fd_date_format(b->cutoff, day));
		else
			snprintf(r->cutoff, sizeof r->cutoff, "%s",
			         i == 0 ? fd_date_format(b->cutoff, day) : "");
		fd_date_format(nights[i].night, r->date);
		snprintf(r->type, sizeof r->type, "%s", nights[i].type_code);
		int left =
		    b->released || nights[i].held < nights[i].picked ? 0 : nights[i].held - nights[i].picked;
		snprintf(r->counts, sizeof r->counts, "%3d %6d %4d", nights[i].held, nights[i].picked, left);
	}
}

static void groups_recalc(struct app *app, struct pane *p)
{
	struct groups *g = p->st;
	struct fd_error err = {0};
	struct fd_group_block *blocks = NULL;
	int nb = 0;
	g->n = 0;
	if (fd_query_blocks(app->db, &blocks, &nb, &err))
		ui_error(app, &err);
	for (int i = 0; i < nb; i++) {
		struct fd_block_night *nights = NULL;
		int n = 0;
		if (fd_query_block_nights(app->db, blocks[i].id, &nights, &n, &err)) {
			ui_error(app, &err);
			break;
		}
		add_block(g, &blocks[i], nights, n);
		free(nights);
	}
	g->blocks = nb;
	free(blocks);
	ui_list_set(&g->list, g->n, visible_rows(p));
}

static void groups_repaint(struct app *app, struct pane *p)
{
	struct groups *g = p->st;
	ui_title(app, p, _("Group blocks: %d"), g->blocks);
	ui_list_header(p->win, &g->list, 1, p->w, app->attr[UI_A_HEADER], _("Block"), _("Cut-off"),
	               _("Night"), _("Type"), _("Held Picked Left"));
	for (int i = g->list.top; i < g->n && i < g->list.top + visible_rows(p); i++)
		ui_list_row(p->win, &g->list, i, p->w, A_NORMAL, app->attr[UI_A_CURSOR], g->rows[i].block,
		            g->rows[i].cutoff, g->rows[i].date, g->rows[i].type, g->rows[i].counts);
	if (g->n == 0)
		ui_put(p->win, 2, 1, _("No group blocks (frontdesk block add)."), p->w - 1, A_NORMAL);
	ui_put(p->win, p->h - 1, 0, _("Up/Down move  Esc back"), p->w, app->attr[UI_A_PAST]);
}

static bool groups_action(struct app *app, struct pane *p, enum ui_req req)
{
	struct groups *g = p->st;
	switch (ui_list_move(&g->list, req)) {
	case UI_LIST_SCROLLED:
	case UI_LIST_MOVED:
		ui_dirty(app, PANE_GROUPS, PANE_REPAINT);
		return true;
	default:
		return false;
	}
}

const struct pane_ops ui_groups_ops = {
    .title = N_("Group blocks"),
    .ctx = UI_CTX_MOVE,
    .create = groups_create,
    .destroy = groups_destroy,
    .recalc = groups_recalc,
    .repaint = groups_repaint,
    .action = groups_action,
};
