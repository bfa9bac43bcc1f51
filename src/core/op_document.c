// SPDX-License-Identifier: GPL-3.0-or-later
/* property.legal: what the hotel's documents say about the hotel (legal
 * name, address, VAT number, footer, cancellation terms). Kept as property
 * settings, so they reach every desk with the rest of the settings. */
#include "config.h"

#include <string.h>

#include "core/document.h"
#include "core/i18n.h"
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
		if (!st)
			st = c->repo->put_setting(c->repo->ctx, key, value, c->err);
		if (st)
			return st;
		any = true;
	}
	if (!any)
		return fd_fail(
		    c->err, FD_E_INVALID, "missing_field", "legal_name",
		    _("Say what to set: legal_name, address, tax_id, doc_footer or cancel_terms."));
	op_result_entity(c, "setting", "legal_name");
	return FD_OK;
}
