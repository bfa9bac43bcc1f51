/* Folio: the booking's bill (placeholder until the pane lands). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "ui/draw.h"

static void *folio_create(struct app *app)
{
	(void)app;
	return calloc(1, 1);
}

static void folio_destroy(void *st)
{
	free(st);
}

static void folio_recalc(struct app *app, struct pane *p)
{
	(void)app;
	(void)p;
}

static void folio_repaint(struct app *app, struct pane *p)
{
	ui_title(app, p, "%s", _("Folio"));
	ui_put(p->win, 2, 1, _("Folios are on the command line: frontdesk folio CODE."), p->w - 1, A_NORMAL);
}

const struct pane_ops ui_folio_ops = {
	.title = N_("Folio"),
	.ctx = UI_CTX_FOLIO | UI_CTX_MOVE,
	.create = folio_create,
	.destroy = folio_destroy,
	.recalc = folio_recalc,
	.repaint = folio_repaint,
};

void ui_open_folio(struct app *app, const char *code)
{
	snprintf(app->folio_code, sizeof app->folio_code, "%s", code);
	ui_dirty(app, PANE_FOLIO, PANE_RECALC | PANE_REPAINT);
	ui_show(app, PANE_FOLIO);
}
