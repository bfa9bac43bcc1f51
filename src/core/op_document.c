// SPDX-License-Identifier: GPL-3.0-or-later
/* property.legal: what the hotel's documents say about the hotel (legal
 * name, address, VAT number, footer, cancellation terms). Kept as property
 * settings, so they reach every desk with the rest of the settings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/i18n.h"
#include "core/mail.h"
#include "core/op_internal.h"

enum fd_status op_property_legal(struct op_ctx *c)
{
	bool any = false;
	for (int i = 0; fd_doc_setting_keys[i]; i++) {
		const char *key = fd_doc_setting_keys[i];
		char value[FD_DOC_TEXT * 3];
		if (!op_has(c, key))
			continue;
		enum fd_status st = op_str(c, key, value, sizeof value, false);
		if (!st && strcmp(key, "language") == 0 && value[0] && !fd_lang_code_valid(value))
			st = fd_fail(c->err, FD_E_INVALID, "invalid_field", "language",
			             _("The language is an ISO 639 code such as de or pt_BR (got \"%s\")."),
			             value);
		if (!st)
			st = c->repo->put_setting(c->repo->ctx, key, value, c->err);
		if (st)
			return st;
		any = true;
	}
	if (!any)
		return fd_fail(
		    c->err, FD_E_INVALID, "missing_field", "legal_name",
		    _("Say what to set: legal_name, address, tax_id, doc_footer, cancel_terms or language."));
	op_result_entity(c, "setting", "legal_name");
	return FD_OK;
}

/* The address a document goes to when the desk gives none: an invoice of
 * a stay billed to a company goes to the company's contact address, when
 * it has one; everything else to the guest. */
static void default_recipient(struct op_ctx *c, const struct fd_booking *b, const char *kind, char *out,
                              size_t size)
{
	out[0] = '\0';
	if (strcmp(kind, "invoice") == 0 && c->repo->booking_folios && c->repo->get_company) {
		struct fd_folio *list = NULL;
		int n = 0;
		if (c->repo->booking_folios(c->repo->ctx, b->id, &list, &n, NULL) == FD_OK)
			for (int i = 0; i < n && !out[0]; i++) {
				struct fd_company co;
				if (list[i].kind == FD_FOLIO_COMPANY && list[i].company[0] &&
				    c->repo->get_company(c->repo->ctx, list[i].company, &co, NULL) == FD_OK &&
				    fd_mail_address_valid(co.contact))
					snprintf(out, size, "%s", co.contact);
			}
		free(list);
	}
	struct fd_guest g;
	if (!out[0] && c->repo->get_guest(c->repo->ctx, b->guest_id, &g, NULL) == FD_OK)
		snprintf(out, size, "%s", g.email);
}

/* document.send: e-mail a booking's confirmation or invoice. Here it only
 * queues the mail, keyed by this operation: the server's sender delivers
 * it once the operation has committed, so a push retried never sends it
 * twice; a desk keeps its queued copy until the server says how it went. */
enum fd_status op_document_send(struct op_ctx *c)
{
	if (!c->repo->queue_mail)
		return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
		               _("This store cannot send documents by e-mail."));
	struct fd_booking b;
	struct fd_mail m = {.state = FD_MAIL_QUEUED, .version = 1};
	enum fd_status st;
	if ((st = op_load_booking(c, &b)) || (st = op_str(c, "kind", m.kind, sizeof m.kind, true)) ||
	    (st = op_str(c, "to", m.recipient, sizeof m.recipient, false)))
		return st;
	if (!fd_mail_kind_valid(m.kind))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "kind",
		               _("Unknown document \"%s\": send a confirmation or an invoice."), m.kind);
	if (!m.recipient[0])
		default_recipient(c, &b, m.kind, m.recipient, sizeof m.recipient);
	if (!m.recipient[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "to",
		               _("Booking %s has no e-mail address to send to: give one."), b.code);
	if (!fd_mail_address_valid(m.recipient))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "to",
		               _("\"%s\" is not an e-mail address a mail server accepts (name@example.com)."),
		               m.recipient);
	const char *key = c->op->op_id[0] ? c->op->op_id : "";
	if (!key[0] && (st = op_new_id(c, m.id, sizeof m.id)))
		return st;
	if (key[0])
		snprintf(m.id, sizeof m.id, "%s", key);
	snprintf(m.booking_id, sizeof m.booking_id, "%s", b.id);
	snprintf(m.requested_by, sizeof m.requested_by, "%s", c->op->actor);
	m.created_at = c->op->created_at;
	m.next_at = m.created_at;
	if ((st = c->repo->queue_mail(c->repo->ctx, &m, c->err)))
		return st;
	op_result_entity(c, "mail", m.id);
	return FD_OK;
}
