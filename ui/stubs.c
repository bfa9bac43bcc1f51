#include "config.h"
#include <stdlib.h>
#include "core/i18n.h"
#include "ui/draw.h"
static void *s_create(struct app *app) { (void)app; return NULL; }
static void s_destroy(void *st) { (void)st; }
static void s_recalc(struct app *app, struct pane *p) { (void)app; (void)p; }
static void s_repaint(struct app *app, struct pane *p) { ui_title(app, p, "%s", _(p->ops->title)); }
#define STUB(n, t) const struct pane_ops n = { .title = t, .ctx = UI_CTX_MOVE, .create = s_create, .destroy = s_destroy, .recalc = s_recalc, .repaint = s_repaint };
STUB(ui_hk_ops, N_("Housekeeping"))
STUB(ui_staff_ops, N_("Staff"))
STUB(ui_search_ops, N_("Search"))
