// SPDX-License-Identifier: GPL-3.0-or-later
/* The Reports pane's Chain view: see reports_chain.h. */
#include "config.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/perm.h"
#include "core/text.h"
#include "sync/call.h"
#include "ui/draw.h"
#include "ui/money.h"
#include "ui/reports_chain.h"

#define CALL_TAG "report.chain"

enum chain_state {
	CH_UNASKED, /* ask at the next recalc */
	CH_ASKING,  /* a call is on its way */
	CH_WAITING, /* another call was on its way: ask once it is answered */
	CH_OFFLINE, /* the server cannot be reached: ask once it can */
	CH_READY,   /* doc holds the report */
	CH_FAILED,  /* msg says why there is none */
};

struct ui_chain {
	enum chain_state state;
	fd_date from, to; /* what was asked (or is shown) */
	cJSON *doc;       /* the server's report, owned */
	char msg[400];
	int top;         /* first hotel shown */
	time_t retry_at; /* offline: not asked again before (the call failed while the
	                    sync still thought the server reachable) */
};

struct ui_chain *ui_chain_new(void)
{
	return calloc(1, sizeof(struct ui_chain));
}

void ui_chain_free(struct ui_chain *c)
{
	if (!c)
		return;
	cJSON_Delete(c->doc);
	free(c);
}

static void failed(struct ui_chain *c, enum chain_state st, const char *msg)
{
	c->state = st;
	snprintf(c->msg, sizeof c->msg, "%s", msg);
}

static void offline(struct ui_chain *c)
{
	failed(
	    c, CH_OFFLINE,
	    _("The chain report needs the server, which cannot be reached now; it comes once back online."));
}

/* The server's answer to our call, when it came. */
static void take_reply(struct app *app, struct ui_chain *c)
{
	struct fd_sync_reply r;
	if (!fd_sync_call_take_tag(app->engine, CALL_TAG, &r))
		return;
	const cJSON *code =
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r.doc, "error"), "code");
	bool not_chain = (cJSON_IsString(code) && strcmp(code->valuestring, "not_a_chain") == 0) ||
	                 r.http == 501 || r.http == 404;
	if (!r.st) {
		cJSON_Delete(c->doc);
		c->doc = r.doc;
		r.doc = NULL;
		c->state = CH_READY;
		c->top = 0;
	} else if (r.http == 0) {
		offline(c);
		c->retry_at = time(NULL) + 3;
	} else if (not_chain) {
		failed(c, CH_FAILED,
		       _("This server holds one hotel, not a chain: there is no chain report "
		         "(doc/scale-out.md)."));
	} else {
		failed(c, CH_FAILED, r.err.message);
	}
	cJSON_Delete(r.doc);
}

static void ask(struct app *app, struct ui_chain *c, fd_date from, fd_date to)
{
	c->from = from;
	c->to = to;
	if (!atomic_load(&app->sync.online)) {
		offline(c);
		c->retry_at = 0; /* asked once the sync reaches the server again */
		return;
	}
	if (fd_sync_call_busy(app->engine)) {
		c->state = CH_WAITING; /* asked again when that call's answer wakes us */
		return;
	}
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN], path[96];
	snprintf(path, sizeof path, "/v1/reports/chain?from=%s&to=%s", fd_date_format(from, a),
	         fd_date_format(to, b));
	struct fd_error err = {0};
	if (fd_sync_call(app->engine, CALL_TAG, "GET", path, NULL, &err))
		failed(c, CH_FAILED, err.message);
	else
		c->state = CH_ASKING;
}

void ui_chain_recalc(struct app *app, struct ui_chain *c, fd_date from, fd_date to, bool again)
{
	enum fd_chain_role chain = fd_session_chain_role(app->session);
	if (!app->engine) {
		failed(c, CH_FAILED,
		       _("This terminal has no server: the chain report comes from the server of a chain of "
		         "hotels."));
		return;
	}
	/* The server decides; the same rule tells the person here at once. */
	if (!fd_perm_chain_allows(chain, "report.chain")) {
		char m[sizeof c->msg];
		snprintf(m, sizeof m,
		         _("Chain role %s does not read the chain report: that is the revenue role's."),
		         fd_chain_role_name(chain));
		failed(c, CH_FAILED, m);
		return;
	}
	take_reply(app, c);
	bool moved = from != c->from || to != c->to;
	switch (c->state) {
	case CH_ASKING:
		/* Not busy and no answer: another screen took it, or the call
		 * ended without one. */
		if (!fd_sync_call_busy(app->engine))
			ask(app, c, from, to);
		break;
	case CH_READY:
	case CH_FAILED:
		if (moved || again)
			ask(app, c, from, to);
		break;
	case CH_OFFLINE:
		if (moved || again || time(NULL) >= c->retry_at)
			ask(app, c, from, to);
		break;
	default: /* unasked, waiting */
		ask(app, c, from, to);
		break;
	}
}

/* ---- drawing ---- */

/* A column; the lowest ranks are kept when the line is narrow. */
struct ccol {
	const char *head; /* N_() */
	int width;        /* 0: the name, which takes what is left (at least 8) */
	int rank;
	bool right;
};

enum { C_CODE, C_NAME, C_CUR, C_AVAIL, C_SOLD, C_OCC, C_REV, C_ADR, C_REVPAR, C_COUNT };

static const struct ccol ccols[C_COUNT] = {
    [C_CODE] = {N_("Hotel"), 8, 0, false},    [C_NAME] = {N_("Name"), 0, 2, false},
    [C_CUR] = {N_("Cur"), 3, 1, false},       [C_AVAIL] = {N_("Avail"), 6, 3, true},
    [C_SOLD] = {N_("Sold"), 6, 1, true},      [C_OCC] = {N_("Occ"), 7, 0, true},
    [C_REV] = {N_("Revenue"), 13, 1, true},   [C_ADR] = {N_("ADR"), 10, 0, true},
    [C_REVPAR] = {N_("RevPAR"), 10, 0, true},
};

#define NAME_MIN 8

/* Which columns fit in width, whole ranks at a time; the name's width. */
static void fit(int width, bool keep[C_COUNT], int *name_w)
{
	int used = 0;
	for (int i = 0; i < C_COUNT; i++)
		keep[i] = false;
	for (int rank = 0; rank <= 3; rank++) {
		int add = 0;
		for (int i = 0; i < C_COUNT; i++)
			if (ccols[i].rank == rank)
				add += (ccols[i].width ? ccols[i].width : NAME_MIN) + 1;
		if (used + add > width && rank > 0)
			break;
		for (int i = 0; i < C_COUNT; i++)
			if (ccols[i].rank == rank)
				keep[i] = true;
		used += add;
	}
	*name_w = keep[C_NAME] ? NAME_MIN + (width - used > 0 ? width - used : 0) : 0;
	if (*name_w > 32)
		*name_w = 32;
}

static const char *text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

/* A number of the row, false when absent or null. */
static bool number(const cJSON *o, const char *key, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsNumber(v))
		return false;
	*out = v->valuedouble;
	return true;
}

/* Cell i of a hotel's (or the group's) row. */
static void cell(const cJSON *row, bool group, int i, char *out, size_t n)
{
	const char *cur = text(row, "currency");
	double v;
	const char *money = i == C_REV ? "room_revenue_minor" : i == C_ADR ? "adr_minor" : "revpar_minor";
	switch (i) {
	case C_CODE:
		snprintf(out, n, "%s", group ? _("Group") : text(row, "code"));
		break;
	case C_NAME:
		snprintf(out, n, "%s", group ? "" : text(row, "name"));
		break;
	case C_CUR:
		snprintf(out, n, "%s", cur[0] ? cur : "-");
		break;
	case C_AVAIL:
	case C_SOLD:
		if (number(row, i == C_AVAIL ? "rooms_available" : "rooms_sold", &v))
			snprintf(out, n, "%'lld", (long long)v);
		else
			snprintf(out, n, "-");
		break;
	case C_OCC:
		if (number(row, "occupancy", &v))
			snprintf(out, n, "%.1f%%", v * 100.0);
		else
			snprintf(out, n, "-");
		break;
	default: /* money in the locale's marks, in the hotel's currency */
		if (cur[0] && number(row, money, &v))
			ui_amount((int64_t)v, cur, out, n);
		else
			snprintf(out, n, "-");
		break;
	}
}

static void paint_row(WINDOW *w, int y, const cJSON *row, bool group, const bool keep[C_COUNT], int name_w,
                      int width, attr_t attr, bool head)
{
	int x = 0;
	for (int i = 0; i < C_COUNT && x < width; i++) {
		if (!keep[i])
			continue;
		int cw = ccols[i].width ? ccols[i].width : name_w;
		if (x + cw > width)
			cw = width - x;
		char buf[FD_MONEY_STRLEN + 64];
		if (head)
			snprintf(buf, sizeof buf, "%s", _(ccols[i].head));
		else
			cell(row, group, i, buf, sizeof buf);
		if (ccols[i].right)
			ui_put_right(w, y, x, buf, cw, attr);
		else
			ui_put(w, y, x, buf, cw, attr);
		x += cw + 1;
	}
	if (head && x < width)
		ui_blank(w, y, x, width - x, attr);
}

void ui_chain_paint(struct app *app, struct pane *p, struct ui_chain *c, int y, int bottom)
{
	if (c->state != CH_READY) {
		const char *m = c->state == CH_ASKING || c->state == CH_WAITING || c->state == CH_UNASKED
		                    ? _("Asking the server for the chain report...")
		                    : c->msg;
		if (y < bottom)
			ui_put(p->win, y, 1, m, p->w - 1,
			       c->state == CH_FAILED ? app->attr[UI_A_ERROR] : A_NORMAL);
		return;
	}
	const cJSON *hotels = cJSON_GetObjectItemCaseSensitive(c->doc, "properties");
	const cJSON *group = cJSON_GetObjectItemCaseSensitive(c->doc, "group");
	int n = cJSON_GetArraySize(hotels);
	bool keep[C_COUNT];
	int name_w;
	fit(p->w, keep, &name_w);
	bool mixed = n > 0 && !text(group, "currency")[0];
	int last = bottom - 1 - (mixed ? 1 : 0); /* the group's line */
	if (y >= last)
		return;
	paint_row(p->win, y++, NULL, false, keep, name_w, p->w, app->attr[UI_A_HEADER], true);
	int rows = last - y;
	c->top = ui_clamp(c->top, 0, n > rows ? n - rows : 0);
	for (int k = 0; k < rows && c->top + k < n; k++)
		paint_row(p->win, y + k, cJSON_GetArrayItem(hotels, c->top + k), false, keep, name_w, p->w,
		          A_NORMAL, false);
	if (n == 0 && rows > 0)
		ui_put(p->win, y, 1, _("No hotels on the server yet."), p->w - 1, A_NORMAL);
	paint_row(p->win, last, group, true, keep, name_w, p->w, app->attr[UI_A_HEADER] | A_BOLD, false);
	if (mixed)
		ui_put(p->win, last + 1, 0,
		       _("The hotels keep different currencies: the group has no revenue, ADR or RevPAR."),
		       p->w, A_NORMAL);
}

bool ui_chain_scroll(struct ui_chain *c, enum ui_req req, int page)
{
	switch (req) {
	case UI_REQ_UP:
		c->top--;
		break;
	case UI_REQ_DOWN:
		c->top++;
		break;
	case UI_REQ_PAGE_UP:
		c->top -= page;
		break;
	case UI_REQ_PAGE_DOWN:
		c->top += page;
		break;
	case UI_REQ_HOME:
		c->top = 0;
		break;
	case UI_REQ_END:
		c->top = 1 << 20; /* clamped when painted */
		break;
	default:
		return false;
	}
	if (c->top < 0)
		c->top = 0;
	return true;
}
