// SPDX-License-Identifier: GPL-3.0-or-later
/* What a guest takes away: the bill (a folio as an invoice), the
 * registration card and the booking confirmation, as content without
 * layout. Core builds them from the hotel's data (through the repository,
 * read only) with every word translated and every amount formatted, so the
 * text and PDF renderers (src/doc) only lay them out and no document says
 * something the folio does not. */
#ifndef FD_CORE_DOCUMENT_H
#define FD_CORE_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/invoice.h"
#include "core/repo.h"

#define FD_DOC_TEXT 192
#define FD_DOC_MAX_FACTS 16
#define FD_DOC_MAX_TOTALS 16

enum fd_doc_kind {
	FD_DOC_BILL,
	FD_DOC_REGCARD,
	FD_DOC_CONFIRMATION,
	FD_DOC_LIST, /* a plain list (the outage pack): n_columns columns of lines */
};

struct fd_doc_pair {
	char label[64];
	char value[FD_DOC_TEXT];
};

/* One line of the bill's table, every cell already formatted. */
struct fd_doc_line {
	char date[16];
	char description[FD_DOC_TEXT];
	char quantity[8];
	char unit_price[48];
	char vat_rate[16];
	char amount[48];
};

struct fd_doc {
	enum fd_doc_kind kind;
	char lang[16];            /* the language it is written in ("": the desk's) */
	char folio_id[FD_ID_LEN]; /* a bill: the folio it shows */
	char title[96];
	char notice[FD_DOC_TEXT * 2]; /* "Provisional bill: not a tax invoice ..." */
	char issuer[4][FD_DOC_TEXT];  /* legal name, address, tax number, contact */
	int n_issuer;
	char party_label[48]; /* "Bill to", "Guest" */
	char party[6][FD_DOC_TEXT];
	int n_party;
	struct fd_doc_pair facts[FD_DOC_MAX_FACTS]; /* code, stay, room, rate ... */
	int n_facts;
	char columns[6][32];       /* headings of the table of lines */
	int n_columns;             /* a list's; a bill has all six */
	struct fd_doc_line *lines; /* owned */
	int n_lines;
	struct fd_doc_pair totals[FD_DOC_MAX_TOTALS]; /* VAT per rate, totals, balance */
	int n_totals;
	char terms[3][FD_DOC_TEXT * 3]; /* cancellation terms, consent, the hotel's footer */
	int n_terms;
	bool signature; /* a signature line (the registration card) */
	char signature_label[64];
};

void fd_doc_init(struct fd_doc *doc);
/* A new line at the end of doc->lines; NULL when out of memory. */
struct fd_doc_line *fd_doc_add_line(struct fd_doc *doc);
void fd_doc_clear(struct fd_doc *doc);

/* The bill of a booking's folio (folio_id, or "" for the booking's guest
 * folio). It is provisional: it carries no invoice number. */
enum fd_status fd_doc_bill(const struct fd_repo *repo, const char *booking_key, const char *folio_id,
                           struct fd_doc *doc, struct fd_error *err);
enum fd_status fd_doc_regcard(const struct fd_repo *repo, const char *booking_key, struct fd_doc *doc,
                              struct fd_error *err);
enum fd_status fd_doc_confirmation(const struct fd_repo *repo, const char *booking_key, struct fd_doc *doc,
                                   struct fd_error *err);

/* The document as JSON text and back (the content of an invoice). */
char *fd_doc_to_json(const struct fd_doc *doc);
enum fd_status fd_doc_from_json(const char *json, struct fd_doc *doc, struct fd_error *err);
/* The document an issued invoice prints: its content, titled with its
 * number, marked a copy when copy is set. */
enum fd_status fd_doc_invoice(const struct fd_invoice *inv, bool copy, struct fd_doc *doc,
                              struct fd_error *err);

/* A guest's documents speak the guest's language where it is known, else
 * the property's (setting "language"), else the desk's: the builders above
 * switch this thread's language while they write (core/i18n.h). This one
 * switches to doc's language for more of its text; it returns what to
 * give fd_lang_use afterwards. */
const struct fd_lang *fd_doc_lang_enter(const struct fd_doc *doc);

/* The property's legal details for documents (settings legal_name,
 * address, tax_id, doc_footer, cancel_terms, language), set by the
 * property.legal operation. */
extern const char *const fd_doc_setting_keys[];

#endif
