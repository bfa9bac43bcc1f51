// SPDX-License-Identifier: GPL-3.0-or-later
/* The Reports pane's Chain view (reports.c): occupancy, ADR and RevPAR of
 * every hotel of a chain and of the group, asked of the server (GET
 * /v1/reports/chain, the same report as 'frontdeskd report chain'), for a
 * person whose sign-in named a chain role. The terminal's cache holds one
 * hotel, so there is nothing to show without the server: offline, or on a
 * server that holds one hotel, the view says so. The call runs in the
 * background (src/sync/call.h); its answer wakes the UI. */
#ifndef FD_UI_REPORTS_CHAIN_H
#define FD_UI_REPORTS_CHAIN_H

#include "core/date.h"
#include "ui/app.h"
#include "ui/keys.h"

struct ui_chain;
struct ui_chain *ui_chain_new(void);
void ui_chain_free(struct ui_chain *c);
/* Take the server's answer when one came, and ask for the nights from..to
 * when they were not asked yet (or again is set: the view was chosen
 * anew). Bounded: no network here, only a call started. */
void ui_chain_recalc(struct app *app, struct ui_chain *c, fd_date from, fd_date to, bool again);
/* The report (or why there is none) on lines y to bottom - 1. */
void ui_chain_paint(struct app *app, struct pane *p, struct ui_chain *c, int y, int bottom);
/* Move through the hotels (Up, Down, Page, Home, End); false for other
 * requests. */
bool ui_chain_scroll(struct ui_chain *c, enum ui_req req, int page);

#endif
