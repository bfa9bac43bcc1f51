// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "doc/doc.h"

static void rule(FILE *out, int width, char ch)
{
	for (int i = 0; i < width; i++)
		fputc(ch, out);
	fputc('\n', out);
}

/* label on the left, value right-aligned to width. */
static void pair(FILE *out, int width, const char *label, const char *value)
{
	int gap = width - fd_text_width(label) - fd_text_width(value);
	fputs(label, out);
	for (int i = 0; i < (gap > 1 ? gap : 1); i++)
		fputc(' ', out);
	fputs(value, out);
	fputc('\n', out);
}

/* Words wrapped at width cells. */
static void wrapped(FILE *out, int width, const char *text)
{
	char line[1024];
	const char *p = text;
	while (*p) {
		fd_text_fit(p, width, 0, line, sizeof line);
		size_t n = strlen(line);
		if (n < strlen(p)) { /* break at the last space that fits */
			char *sp = strrchr(line, ' ');
			if (sp && sp > line)
				n = (size_t)(sp - line) + 1, line[n - 1] = '\0';
		}
		if (!n)
			break;
		fprintf(out, "%s\n", line);
		p += n;
	}
}

static void lines_table(const struct fd_doc *d, FILE *out, int width)
{
	char cell[256];
	/* date, description, amount: what fits on a receipt; VAT rate after the
	 * description when the width allows. */
	int amount_w = 16, date_w = 10, vat_w = width >= 60 ? 7 : 0;
	int desc_w = width - date_w - amount_w - vat_w - 3;
	fprintf(out, "%s ", fd_text_fit(d->columns[0], date_w, 1, cell, sizeof cell));
	fprintf(out, "%s ", fd_text_fit(d->columns[1], desc_w, 1, cell, sizeof cell));
	if (vat_w)
		fprintf(out, "%s ", fd_text_fit(d->columns[4], vat_w, 1, cell, sizeof cell));
	fprintf(out, "%*s%s\n", amount_w - fd_text_width(d->columns[5]), "", d->columns[5]);
	rule(out, width, '-');
	for (int i = 0; i < d->n_lines; i++) {
		const struct fd_doc_line *l = &d->lines[i];
		fprintf(out, "%s ", fd_text_fit(l->date, date_w, 1, cell, sizeof cell));
		fprintf(out, "%s ", fd_text_fit(l->description, desc_w, 1, cell, sizeof cell));
		if (vat_w)
			fprintf(out, "%s ", fd_text_fit(l->vat_rate, vat_w, 1, cell, sizeof cell));
		int pad = amount_w - fd_text_width(l->amount);
		fprintf(out, "%*s%s\n", pad > 0 ? pad : 0, "", l->amount);
		/* More than one unit: "3 x 4.00 EUR" under the description. */
		if (l->quantity[0] && strcmp(l->quantity, "1") != 0) {
			char units[128];
			snprintf(units, sizeof units, "%s x %s", l->quantity, l->unit_price);
			fprintf(out, "%*s%s\n", date_w + 3, "",
			        fd_text_fit(units, desc_w - 2, 0, cell, sizeof cell));
		}
	}
	rule(out, width, '-');
}

static const char *cell_of(const struct fd_doc_line *l, int c)
{
	const char *cells[6] = {l->date, l->description, l->quantity, l->unit_price, l->vat_rate, l->amount};
	return cells[c];
}

/* A list: each column as wide as its widest cell, the last one taking what
 * is left of the width. */
static void list_table(const struct fd_doc *d, FILE *out, int width)
{
	int w[6] = {0}, used = 0, n = d->n_columns;
	for (int c = 0; c < n; c++) {
		w[c] = fd_text_width(d->columns[c]);
		for (int i = 0; i < d->n_lines; i++) {
			int cw = fd_text_width(cell_of(&d->lines[i], c));
			w[c] = cw > w[c] ? cw : w[c];
		}
		if (w[c] > 30)
			w[c] = 30;
		used += w[c] + 1;
	}
	if (n && used > width)
		w[n - 1] -= used - width;
	if (n && w[n - 1] < 4)
		w[n - 1] = 4;
	char cell[256];
	for (int c = 0; c < n; c++)
		fprintf(out, "%s%s", fd_text_fit(d->columns[c], w[c], c < n - 1, cell, sizeof cell),
		        c < n - 1 ? " " : "\n");
	rule(out, width, '-');
	for (int i = 0; i < d->n_lines; i++)
		for (int c = 0; c < n; c++)
			fprintf(out, "%s%s",
			        fd_text_fit(cell_of(&d->lines[i], c), w[c], c < n - 1, cell, sizeof cell),
			        c < n - 1 ? " " : "\n");
}

void fd_doc_write_text(const struct fd_doc *d, FILE *out, int width)
{
	if (width < 32)
		width = 32;
	for (int i = 0; i < d->n_issuer; i++)
		fprintf(out, "%s\n", d->issuer[i]);
	rule(out, width, '=');
	fprintf(out, "%s\n", d->title);
	if (d->notice[0])
		wrapped(out, width, d->notice);
	rule(out, width, '=');
	if (d->n_party) {
		fprintf(out, "%s:\n", d->party_label);
		for (int i = 0; i < d->n_party; i++)
			fprintf(out, "  %s\n", d->party[i]);
		fputc('\n', out);
	}
	for (int i = 0; i < d->n_facts; i++)
		pair(out, width, d->facts[i].label, d->facts[i].value);
	if (d->kind == FD_DOC_BILL) {
		fputc('\n', out);
		lines_table(d, out, width);
	} else if (d->kind == FD_DOC_LIST) {
		list_table(d, out, width);
	}
	for (int i = 0; i < d->n_totals; i++)
		pair(out, width, d->totals[i].label, d->totals[i].value);
	for (int i = 0; i < d->n_terms; i++) {
		fputc('\n', out);
		wrapped(out, width, d->terms[i]);
	}
	if (d->signature) {
		fprintf(out, "\n\n");
		rule(out, width / 2, '_');
		fprintf(out, "%s\n", d->signature_label);
	}
}
