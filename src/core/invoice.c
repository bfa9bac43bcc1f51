// SPDX-License-Identifier: GPL-3.0-or-later
/* Invoices as issued: their kinds, their labels, and the document they
 * keep as JSON so that a reprint shows exactly what was issued. */
#include "config.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/i18n.h"
#include "core/json.h"

void fd_invoice_clear(struct fd_invoice *inv)
{
	free(inv->content);
	inv->content = NULL;
}

const char *fd_invoice_kind_name(enum fd_invoice_kind k)
{
	return k == FD_CREDIT_NOTE ? "credit_note" : "invoice";
}

bool fd_invoice_kind_parse(const char *s, enum fd_invoice_kind *out)
{
	if (strcmp(s, "invoice") == 0)
		*out = FD_INVOICE;
	else if (strcmp(s, "credit_note") == 0)
		*out = FD_CREDIT_NOTE;
	else
		return false;
	return true;
}

void fd_invoice_label(const struct fd_invoice *inv, char *out, size_t size)
{
	if (inv->number > 0)
		snprintf(out, size, "%s-%06" PRId64, inv->series, inv->number);
	else
		snprintf(out, size, "%s", _("provisional"));
}

static void put_strings(cJSON *o, const char *name, const char (*v)[FD_DOC_TEXT], int n)
{
	cJSON *a = cJSON_AddArrayToObject(o, name);
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
}

static void put_pairs(cJSON *o, const char *name, const struct fd_doc_pair *p, int n)
{
	cJSON *a = cJSON_AddArrayToObject(o, name);
	for (int i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "label", p[i].label);
		cJSON_AddStringToObject(e, "value", p[i].value);
		cJSON_AddItemToArray(a, e);
	}
}

char *fd_doc_to_json(const struct fd_doc *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "title", d->title);
	cJSON_AddStringToObject(o, "lang", d->lang);
	cJSON_AddStringToObject(o, "notice", d->notice);
	put_strings(o, "issuer", d->issuer, d->n_issuer);
	cJSON_AddStringToObject(o, "party_label", d->party_label);
	put_strings(o, "party", d->party, d->n_party);
	put_pairs(o, "facts", d->facts, d->n_facts);
	cJSON *cols = cJSON_AddArrayToObject(o, "columns");
	for (int i = 0; i < 6; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(d->columns[i]));
	cJSON *lines = cJSON_AddArrayToObject(o, "lines");
	for (int i = 0; i < d->n_lines; i++) {
		const struct fd_doc_line *l = &d->lines[i];
		const char *cells[6] = {l->date,       l->description, l->quantity,
		                        l->unit_price, l->vat_rate,    l->amount};
		cJSON *row = cJSON_CreateArray();
		for (int c = 0; c < 6; c++)
			cJSON_AddItemToArray(row, cJSON_CreateString(cells[c]));
		cJSON_AddItemToArray(lines, row);
	}
	put_pairs(o, "totals", d->totals, d->n_totals);
	cJSON *terms = cJSON_AddArrayToObject(o, "terms");
	for (int i = 0; i < d->n_terms; i++)
		cJSON_AddItemToArray(terms, cJSON_CreateString(d->terms[i]));
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

static void copy_str(const cJSON *o, const char *name, char *out, size_t size)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	snprintf(out, size, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

static int get_strings(const cJSON *o, const char *name, char (*out)[FD_DOC_TEXT], int max)
{
	int n = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(o, name))
	{
		if (n < max && cJSON_IsString(v))
			snprintf(out[n++], FD_DOC_TEXT, "%s", v->valuestring);
	}
	return n;
}

static int get_pairs(const cJSON *o, const char *name, struct fd_doc_pair *out, int max)
{
	int n = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(o, name))
	{
		if (n == max)
			break;
		copy_str(v, "label", out[n].label, sizeof out[n].label);
		copy_str(v, "value", out[n].value, sizeof out[n].value);
		n++;
	}
	return n;
}

enum fd_status fd_doc_from_json(const char *json, struct fd_doc *d, struct fd_error *err)
{
	cJSON *o = fd_json_parse(json, strlen(json), err);
	if (!o)
		return err ? err->status : FD_E_INVALID;
	d->kind = FD_DOC_BILL;
	copy_str(o, "title", d->title, sizeof d->title);
	copy_str(o, "lang", d->lang, sizeof d->lang);
	copy_str(o, "notice", d->notice, sizeof d->notice);
	d->n_issuer = get_strings(o, "issuer", d->issuer, 4);
	copy_str(o, "party_label", d->party_label, sizeof d->party_label);
	d->n_party = get_strings(o, "party", d->party, 6);
	d->n_facts = get_pairs(o, "facts", d->facts, FD_DOC_MAX_FACTS);
	int c = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(o, "columns"))
	{
		if (c < 6 && cJSON_IsString(v))
			snprintf(d->columns[c++], sizeof d->columns[0], "%s", v->valuestring);
	}
	const cJSON *lines = cJSON_GetObjectItemCaseSensitive(o, "lines");
	int n = cJSON_GetArraySize(lines);
	d->lines = calloc((size_t)(n ? n : 1), sizeof *d->lines);
	if (!d->lines) {
		cJSON_Delete(o);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	cJSON_ArrayForEach(v, lines)
	{
		struct fd_doc_line *l = &d->lines[d->n_lines++];
		char *cells[6] = {l->date,       l->description, l->quantity,
		                  l->unit_price, l->vat_rate,    l->amount};
		size_t sizes[6] = {sizeof l->date,       sizeof l->description, sizeof l->quantity,
		                   sizeof l->unit_price, sizeof l->vat_rate,    sizeof l->amount};
		for (int k = 0; k < 6; k++) {
			const cJSON *cell = cJSON_GetArrayItem(v, k);
			snprintf(cells[k], sizes[k], "%s", cJSON_IsString(cell) ? cell->valuestring : "");
		}
	}
	d->n_totals = get_pairs(o, "totals", d->totals, FD_DOC_MAX_TOTALS);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(o, "terms"))
	{
		if (d->n_terms < 3 && cJSON_IsString(v))
			snprintf(d->terms[d->n_terms++], sizeof d->terms[0], "%s", v->valuestring);
	}
	cJSON_Delete(o);
	return FD_OK;
}

enum fd_status fd_doc_invoice(const struct fd_invoice *inv, bool copy, struct fd_doc *doc,
                              struct fd_error *err)
{
	enum fd_status st = fd_doc_from_json(inv->content ? inv->content : "{}", doc, err);
	if (st)
		return st;
	char label[48];
	fd_invoice_label(inv, label, sizeof label);
	const struct fd_lang *prev = fd_doc_lang_enter(doc);
	if (inv->number > 0)
		snprintf(doc->title, sizeof doc->title,
		         inv->kind == FD_CREDIT_NOTE ? _("Credit note %s") : _("Invoice %s"), label);
	if (copy) {
		size_t n = strlen(doc->title);
		snprintf(doc->title + n, sizeof doc->title - n, " (%s)", _("COPY"));
	}
	fd_lang_use(prev);
	return FD_OK;
}
