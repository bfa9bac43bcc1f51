// SPDX-License-Identifier: GPL-3.0-or-later
/* invoice.issue and invoice.credit: numbered invoices and the credit notes
 * that correct them. Numbers come from a gapless sequence per series, taken
 * in the same transaction as the invoice; where this store is a desk's
 * copy of a server's hotel, the invoice stays provisional until the server
 * has applied the same operation and its number comes back with the feed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/i18n.h"
#include "core/op_internal.h"

#define DEFAULT_SERIES "INV"

static enum fd_status save_invoice(struct op_ctx *c, struct fd_invoice *inv)
{
	inv->version++;
	snprintf(inv->issued_by, sizeof inv->issued_by, "%s", c->op->actor);
	inv->issued_at = c->op->created_at;
	enum fd_status st = c->repo->put_invoice(c->repo->ctx, inv, c->err);
	if (!st)
		op_result_entity(c, "invoice", inv->id);
	return st;
}

static enum fd_status read_series(struct op_ctx *c, char *series, size_t size)
{
	snprintf(series, size, "%s", DEFAULT_SERIES);
	enum fd_status st = op_str(c, "series", series, size, false);
	if (st)
		return st;
	for (const char *p = series; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return fd_fail(c->err, FD_E_INVALID, "invalid_field", "series",
			               _("An invoice series is capital letters, digits and dashes (\"INV\", "
			                 "\"2026-B\")."));
	return series[0] ? FD_OK
	                 : fd_fail(c->err, FD_E_INVALID, "invalid_field", "series",
	                           _("The invoice series is empty."));
}

static enum fd_status folio_totals(struct op_ctx *c, const char *folio_id, struct fd_folio_totals *tot)
{
	struct fd_folio_line *lines = NULL;
	int n = 0;
	enum fd_status st = c->repo->folio_lines(c->repo->ctx, folio_id, &lines, &n, c->err);
	if (!st && !fd_folio_sum(lines, (size_t)n, tot))
		st = fd_fail(c->err, FD_E_INVALID, "invalid_amount", "folio",
		             _("The folio's total is out of range."));
	free(lines);
	return st;
}

enum fd_status op_invoice_issue(struct op_ctx *c)
{
	struct fd_booking b;
	struct fd_invoice inv = {0};
	char folio[FD_ID_LEN] = "", standing[FD_ID_LEN];
	enum fd_status st;
	if ((st = op_load_booking(c, &b)) || (st = op_new_id(c, inv.id, sizeof inv.id)) ||
	    (st = op_str(c, "folio", folio, sizeof folio, false)) ||
	    (st = read_series(c, inv.series, sizeof inv.series)))
		return st;
	struct fd_doc doc;
	fd_doc_init(&doc);
	if ((st = fd_doc_bill(c->repo, b.id, folio, &doc, c->err)))
		goto out;
	st = c->repo->standing_invoice(c->repo->ctx, doc.folio_id, standing, c->err);
	if (st == FD_OK) {
		st = fd_fail(
		    c->err, FD_E_CONFLICT, "already_invoiced", "folio",
		    _("This folio is already invoiced; to correct it, issue a credit note for that invoice "
		      "first (frontdesk credit-note)."));
		goto out;
	}
	if (st != FD_E_NOT_FOUND ||
	    (st = c->repo->take_invoice_number(c->repo->ctx, inv.series, &inv.number, c->err)))
		goto out;
	const struct fd_lang *prev = fd_doc_lang_enter(&doc);
	snprintf(doc.title, sizeof doc.title, "%s", _("Invoice"));
	snprintf(doc.notice, sizeof doc.notice, "%s",
	         inv.number ? ""
	                    : _("Provisional invoice: its number is assigned when this desk next reaches the "
	                        "hotel's server."));
	fd_lang_use(prev);
	struct fd_folio_totals tot;
	if ((st = folio_totals(c, doc.folio_id, &tot)))
		goto out;
	inv.kind = FD_INVOICE;
	snprintf(inv.folio_id, sizeof inv.folio_id, "%s", doc.folio_id);
	snprintf(inv.booking_id, sizeof inv.booking_id, "%s", b.id);
	inv.total = tot.charges;
	inv.tax = tot.tax;
	inv.content = fd_doc_to_json(&doc);
	st = inv.content ? save_invoice(c, &inv)
	                 : fd_fail(c->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
out:
	fd_doc_clear(&doc);
	fd_invoice_clear(&inv);
	return st;
}

enum fd_status op_invoice_credit(struct op_ctx *c)
{
	char key[48], standing[FD_ID_LEN];
	struct fd_invoice orig = {0}, note = {0};
	enum fd_status st;
	if ((st = op_str(c, "invoice", key, sizeof key, true)) ||
	    (st = op_new_id(c, note.id, sizeof note.id)) ||
	    (st = op_str(c, "reason", note.reason, sizeof note.reason, true)))
		return st;
	st = c->repo->get_invoice(c->repo->ctx, key, &orig, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, st, "invoice_not_found", "invoice", _("No invoice %s."), key);
	if (st)
		return st;
	if (orig.kind != FD_INVOICE || !orig.number)
		st = fd_fail(c->err, FD_E_CONFLICT, "not_creditable", "invoice",
		             orig.kind != FD_INVOICE
		                 ? _("A credit note cannot itself be credited.")
		                 : _("This invoice is still provisional; credit it once it has its "
		                     "number from the server."));
	else if (c->repo->standing_invoice(c->repo->ctx, orig.folio_id, standing, c->err) != FD_OK ||
	         strcmp(standing, orig.id) != 0)
		st = fd_fail(c->err, FD_E_CONFLICT, "already_credited", "invoice",
		             _("This invoice was already cancelled by a credit note."));
	if (!st) {
		note.kind = FD_CREDIT_NOTE;
		snprintf(note.series, sizeof note.series, "%s", orig.series);
		snprintf(note.folio_id, sizeof note.folio_id, "%s", orig.folio_id);
		snprintf(note.booking_id, sizeof note.booking_id, "%s", orig.booking_id);
		snprintf(note.refers_to, sizeof note.refers_to, "%s", orig.id);
		note.total = -orig.total;
		note.tax = -orig.tax;
		st = c->repo->take_invoice_number(c->repo->ctx, note.series, &note.number, c->err);
	}
	if (!st) {
		struct fd_doc doc;
		fd_doc_init(&doc);
		char label[48];
		fd_invoice_label(&orig, label, sizeof label);
		if (!(st = fd_doc_from_json(orig.content ? orig.content : "{}", &doc, c->err))) {
			const struct fd_lang *prev = fd_doc_lang_enter(&doc);
			snprintf(doc.title, sizeof doc.title, "%s", _("Credit note"));
			snprintf(doc.notice, sizeof doc.notice, _("Cancels invoice %s in full: %s"), label,
			         note.reason);
			fd_lang_use(prev);
			note.content = fd_doc_to_json(&doc);
			st = note.content ? save_invoice(c, &note)
			                  : fd_fail(c->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		}
		fd_doc_clear(&doc);
	}
	fd_invoice_clear(&orig);
	fd_invoice_clear(&note);
	return st;
}
