// SPDX-License-Identifier: GPL-3.0-or-later
/* PDF through cairo and pango: pango shapes every script (Arabic joins,
 * Hebrew and Arabic run right to left, CJK falls back to a CJK font through
 * fontconfig) and cairo embeds the subset of each font it used. */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "doc/doc.h"

#define PAGE_W 595.0 /* A4 in points */
#define PAGE_H 842.0
#define MARGIN 48.0
#define BODY_FONT "DejaVu Sans 8.5"

struct page {
	cairo_t *cr;
	double y;
	const struct fd_doc *doc;
};

/* Draw text in a box of width w at (x, y); returns its height. align:
 * -1 left, 0 centre, 1 right (pango mirrors left and right for a
 * right-to-left paragraph on its own). */
static double text_at(struct page *pg, double x, double w, const char *text, const char *font, int align)
{
	PangoLayout *l = pango_cairo_create_layout(pg->cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align < 0   ? PANGO_ALIGN_LEFT
	                              : align > 0 ? PANGO_ALIGN_RIGHT
	                                          : PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, text, -1);
	int lw, lh;
	pango_layout_get_size(l, &lw, &lh);
	cairo_move_to(pg->cr, x, pg->y);
	pango_cairo_show_layout(pg->cr, l);
	g_object_unref(l);
	return (double)lh / PANGO_SCALE;
}

static void hline(struct page *pg, double width)
{
	cairo_set_line_width(pg->cr, width);
	cairo_move_to(pg->cr, MARGIN, pg->y);
	cairo_line_to(pg->cr, PAGE_W - MARGIN, pg->y);
	cairo_stroke(pg->cr);
}

/* Start a new page when fewer than need points are left. */
static void room_for(struct page *pg, double need)
{
	if (pg->y + need <= PAGE_H - MARGIN)
		return;
	cairo_show_page(pg->cr);
	pg->y = MARGIN;
	double h = text_at(pg, MARGIN, PAGE_W - 2 * MARGIN, pg->doc->title, "DejaVu Sans Bold 9", -1);
	pg->y += h + 6;
}

static void header(struct page *pg)
{
	const struct fd_doc *d = pg->doc;
	double top = pg->y, left_h = 0, right_h = 0;
	for (int i = 0; i < d->n_issuer; i++)
		left_h += text_at(pg, MARGIN, 260, d->issuer[i], i ? BODY_FONT : "DejaVu Sans Bold 11", -1),
		    pg->y = top + left_h;
	pg->y = top;
	right_h = text_at(pg, PAGE_W - MARGIN - 200, 200, d->title, "DejaVu Sans Bold 16", 1);
	pg->y = top + (left_h > right_h ? left_h : right_h) + 14;
	if (d->notice[0]) {
		pg->y +=
		    text_at(pg, MARGIN, PAGE_W - 2 * MARGIN, d->notice, "DejaVu Sans Italic 8.5", -1) + 10;
	}
}

static void party_and_facts(struct page *pg)
{
	const struct fd_doc *d = pg->doc;
	double top = pg->y, py = top;
	if (d->n_party) {
		pg->y = py;
		py += text_at(pg, MARGIN, 240, d->party_label, "DejaVu Sans Bold 9", -1) + 2;
		for (int i = 0; i < d->n_party; i++) {
			pg->y = py;
			py += text_at(pg, MARGIN, 240, d->party[i], BODY_FONT, -1);
		}
	}
	double fy = top, fx = PAGE_W - MARGIN - 260;
	for (int i = 0; i < d->n_facts; i++) {
		pg->y = fy;
		double h1 = text_at(pg, fx, 120, d->facts[i].label, "DejaVu Sans Bold 8.5", -1);
		double h2 = text_at(pg, fx + 125, 135, d->facts[i].value, BODY_FONT, -1);
		fy += (h1 > h2 ? h1 : h2) + 1;
	}
	pg->y = (py > fy ? py : fy) + 16;
}

/* Column x positions and widths of the lines table. */
static const double col_x[6] = {MARGIN, MARGIN + 66, MARGIN + 258, MARGIN + 286, MARGIN + 368, MARGIN + 412};
static const double col_w[6] = {64, 188, 24, 78, 40, PAGE_W - 2 * MARGIN - 412};
static const int col_align[6] = {-1, -1, 1, 1, 1, 1};

static void table_row(struct page *pg, const char *const cells[6], const char *font)
{
	double h = 0;
	for (int c = 0; c < 6; c++) {
		double ch = text_at(pg, col_x[c], col_w[c], cells[c], font, col_align[c]);
		h = ch > h ? ch : h;
	}
	pg->y += h + 3;
}

static void lines_table(struct page *pg)
{
	const struct fd_doc *d = pg->doc;
	const char *head[6];
	for (int c = 0; c < 6; c++)
		head[c] = d->columns[c];
	room_for(pg, 40);
	table_row(pg, head, "DejaVu Sans Bold 8.5");
	hline(pg, 0.6);
	pg->y += 3;
	for (int i = 0; i < d->n_lines; i++) {
		const struct fd_doc_line *l = &d->lines[i];
		const char *cells[6] = {l->date,       l->description, l->quantity,
		                        l->unit_price, l->vat_rate,    l->amount};
		room_for(pg, 16);
		table_row(pg, cells, BODY_FONT);
	}
	hline(pg, 0.6);
	pg->y += 6;
}

/* A list: columns share the width in proportion to their widest cell. */
static void list_table(struct page *pg)
{
	const struct fd_doc *d = pg->doc;
	int n = d->n_columns;
	double weight[6] = {0}, sum = 0, x[6], w[6];
	for (int c = 0; c < n; c++) {
		weight[c] = fd_text_width(d->columns[c]) + 2;
		for (int i = 0; i < d->n_lines; i++) {
			const struct fd_doc_line *l = &d->lines[i];
			const char *cells[6] = {l->date,       l->description, l->quantity,
			                        l->unit_price, l->vat_rate,    l->amount};
			double cw = fd_text_width(cells[c]) + 2;
			weight[c] = cw > weight[c] ? cw : weight[c];
		}
		weight[c] = weight[c] > 40 ? 40 : weight[c] < 8 ? 8 : weight[c];
		sum += weight[c];
	}
	for (int c = 0; c < n; c++) {
		w[c] = (PAGE_W - 2 * MARGIN) * weight[c] / sum - 4;
		x[c] = c ? x[c - 1] + w[c - 1] + 4 : MARGIN;
	}
	double h = 0;
	for (int c = 0; c < n; c++) {
		double ch = text_at(pg, x[c], w[c], d->columns[c], "DejaVu Sans Bold 8.5", -1);
		h = ch > h ? ch : h;
	}
	pg->y += h + 3;
	hline(pg, 0.6);
	pg->y += 3;
	for (int i = 0; i < d->n_lines; i++) {
		const struct fd_doc_line *l = &d->lines[i];
		const char *cells[6] = {l->date,       l->description, l->quantity,
		                        l->unit_price, l->vat_rate,    l->amount};
		room_for(pg, 16);
		h = 0;
		for (int c = 0; c < n; c++) {
			double ch = text_at(pg, x[c], w[c], cells[c], BODY_FONT, -1);
			h = ch > h ? ch : h;
		}
		pg->y += h + 2;
	}
}

static void totals(struct page *pg)
{
	const struct fd_doc *d = pg->doc;
	for (int i = 0; i < d->n_totals; i++) {
		bool last = i == d->n_totals - 1 && d->kind == FD_DOC_BILL;
		const char *font = last ? "DejaVu Sans Bold 10" : BODY_FONT;
		room_for(pg, 16);
		double y = pg->y;
		double h = text_at(pg, MARGIN + 120, 270, d->totals[i].label, font, 1);
		pg->y = y;
		text_at(pg, PAGE_W - MARGIN - 105, 105, d->totals[i].value, font, 1);
		pg->y = y + h + 2;
	}
}

static void terms_and_signature(struct page *pg)
{
	const struct fd_doc *d = pg->doc;
	for (int i = 0; i < d->n_terms; i++) {
		room_for(pg, 30);
		pg->y += 10;
		pg->y += text_at(pg, MARGIN, PAGE_W - 2 * MARGIN, d->terms[i], "DejaVu Sans 8.5", -1);
	}
	if (d->signature) {
		room_for(pg, 70);
		pg->y += 50;
		cairo_set_line_width(pg->cr, 0.6);
		cairo_move_to(pg->cr, MARGIN, pg->y);
		cairo_line_to(pg->cr, MARGIN + 220, pg->y);
		cairo_stroke(pg->cr);
		pg->y += 3;
		text_at(pg, MARGIN, 220, d->signature_label, "DejaVu Sans 8", -1);
	}
}

enum fd_status fd_doc_write_pdf(const struct fd_doc *doc, const char *path, struct fd_error *err)
{
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= sizeof tmp)
		return fd_fail(err, FD_E_INVALID, "invalid_path", "pdf", _("The file name %s is too long."),
		               path);
	cairo_surface_t *surface = cairo_pdf_surface_create(tmp, PAGE_W, PAGE_H);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return fd_fail(err, FD_E_IO, "io", "pdf", _("Cannot write %s: %s."), path,
		               strerror(errno ? errno : EIO));
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc->title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_STRING);
	struct page pg = {.cr = cairo_create(surface), .y = MARGIN, .doc = doc};
	cairo_set_source_rgb(pg.cr, 0, 0, 0);
	header(&pg);
	party_and_facts(&pg);
	if (doc->kind == FD_DOC_BILL)
		lines_table(&pg);
	else if (doc->kind == FD_DOC_LIST)
		list_table(&pg);
	totals(&pg);
	terms_and_signature(&pg);
	cairo_show_page(pg.cr);
	cairo_destroy(pg.cr);
	cairo_surface_finish(surface);
	cairo_status_t cs = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (cs != CAIRO_STATUS_SUCCESS || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return fd_fail(err, FD_E_IO, "io", "pdf", _("Cannot write %s: %s."), path,
		               cs != CAIRO_STATUS_SUCCESS ? cairo_status_to_string(cs) : strerror(e));
	}
	return FD_OK;
}
