// SPDX-License-Identifier: GPL-3.0-or-later
#ifndef FD_CORE_INVOICE_H
#define FD_CORE_INVOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entity.h"

/* An issued invoice or credit note. It never changes once numbered: its
 * content is the document as issued (fd_doc_to_json); a correction is a
 * credit note that refers to it. number is 0 while provisional: a desk that
 * syncs with a server issues it there, where the gapless sequence of the
 * series hands out the number (an offline desk never guesses one). */
enum fd_invoice_kind { FD_INVOICE, FD_CREDIT_NOTE };

struct fd_invoice {
	char id[FD_ID_LEN];
	char series[16];
	int64_t number;
	enum fd_invoice_kind kind;
	char folio_id[FD_ID_LEN];
	char booking_id[FD_ID_LEN];
	char refers_to[FD_ID_LEN]; /* a credit note: the invoice it cancels */
	char reason[192];
	int64_t total, tax; /* minor units; negative on a credit note */
	char *content;      /* owned: the document as issued, JSON */
	char issued_by[FD_USER_LEN];
	int64_t issued_at;
	int64_t version;
};

void fd_invoice_clear(struct fd_invoice *inv);
const char *fd_invoice_kind_name(enum fd_invoice_kind k);
bool fd_invoice_kind_parse(const char *s, enum fd_invoice_kind *out);
/* "A-2026-000042" style: series and number, or "provisional". */
void fd_invoice_label(const struct fd_invoice *inv, char *out, size_t size);

#endif
