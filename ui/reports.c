/* Reports: the manager's figures (placeholder until the pane lands). */
#include "config.h"

#include <stdlib.h>

#include "core/i18n.h"
#include "ui/draw.h"

static void *reports_create(struct app *app)
{
	(void)app;
	return calloc(1, 1);
}

static void reports_destroy(void *st)
{
	free(st);
}

static void reports_recalc(struct app *app, struct pane *p)
{
	(void)app;
	(void)p;
}

static void reports_repaint(struct app *app, struct pane *p)
{
	ui_title(app, p, "%s", _("Reports"));
	ui_put(p->win, 2, 1, _("Reports are on the command line: frontdesk report summary."), p->w - 1, A_NORMAL);
}

const struct pane_ops ui_reports_ops = {
	.title = N_("Reports"),
	.ctx = UI_CTX_REPORTS,
	.create = reports_create,
	.destroy = reports_destroy,
	.recalc = reports_recalc,
	.repaint = reports_repaint,
};
