// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "cli/table_print.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/text.h"

/* A column's name for people and spreadsheets: money columns are in major
 * units there, so "room_revenue_minor" reads "room_revenue_EUR" (JSON keeps
 * minor units and the _minor names). */
static void col_name(const struct tab *t, const struct tab_col *c, char *out, size_t n)
{
	size_t len = strlen(c->name);
	if (c->kind == TAB_MONEY && len > 6 && strcmp(c->name + len - 6, "_minor") == 0 && t->currency[0])
		snprintf(out, n, "%.*s_%s", (int)(len - 6), c->name, t->currency);
	else
		snprintf(out, n, "%s", c->name);
}

/* Major units with a decimal point and no grouping ("99657.00", "-20.00",
 * "1500" in yen): what a spreadsheet reads as the number it is. */
static void money_decimal(int64_t minor, const char *currency, char *out, size_t n)
{
	int e = fd_currency_exponent(currency);
	if (e < 0 || e > 4)
		e = 2;
	uint64_t abs = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor, p = 1;
	for (int i = 0; i < e; i++)
		p *= 10;
	if (e == 0)
		snprintf(out, n, "%s%llu", minor < 0 ? "-" : "", (unsigned long long)abs);
	else {
		char frac[24];
		snprintf(frac, sizeof frac, "%04llu", (unsigned long long)(abs % p));
		snprintf(out, n, "%s%llu.%s", minor < 0 ? "-" : "", (unsigned long long)(abs / p),
		         frac + strlen(frac) - (size_t)e);
	}
}

/* human: money formatted for people (text tables); else a plain decimal
 * in major units (CSV, as the column names say). */
static void cell_text(const struct tab *t, const struct tab_col *c, const struct tab_cell *v, char *out,
                      size_t n, bool human)
{
	if (v->null) {
		snprintf(out, n, "%s", "");
		return;
	}
	switch (c->kind) {
	case TAB_INT:
		snprintf(out, n, "%lld", (long long)v->i);
		break;
	case TAB_MONEY:
		if (human)
			fd_money_format_plain(v->i, t->currency, out, n);
		else
			money_decimal(v->i, t->currency, out, n);
		break;
	case TAB_RATIO:
		if (human)
			snprintf(out, n, "%.4f", v->r);
		else
			fd_text_decimal(v->r, 4, out, n);
		break;
	case TAB_TEXT:
		snprintf(out, n, "%s", v->t);
		break;
	}
}

void tab_print_text(const struct tab *t, FILE *out, bool utf8)
{
	int w[32] = {0};
	char buf[160], names[32][64];
	int nc = t->n_cols < 32 ? t->n_cols : 32;
	for (int c = 0; c < nc; c++) {
		col_name(t, &t->cols[c], names[c], sizeof names[c]);
		w[c] = (int)strlen(names[c]);
	}
	for (int r = 0; r < t->n_rows; r++)
		for (int c = 0; c < nc; c++) {
			cell_text(t, &t->cols[c], &t->cells[r * t->n_cols + c], buf, sizeof buf, true);
			if (t->cells[r * t->n_cols + c].null)
				snprintf(buf, sizeof buf, "-");
			if ((int)strlen(buf) > w[c])
				w[c] = (int)strlen(buf);
		}
	for (int c = 0; c < nc; c++)
		fprintf(out, c ? " %*s" : "%-*s", w[c], names[c]);
	fputc('\n', out);
	for (int r = 0; r < t->n_rows; r++) {
		const struct tab_cell *row = &t->cells[r * t->n_cols];
		for (int c = 0; c < nc; c++) {
			cell_text(t, &t->cols[c], &row[c], buf, sizeof buf, true);
			if (row[c].null)
				snprintf(buf, sizeof buf, "-");
			fprintf(out, c ? " %*s" : "%-*s", w[c], buf);
		}
		if (t->bar_col >= 0 && !row[t->bar_col].null) {
			/* A bar of up to 20 cells in eighths (Unicode blocks), or '#'. */
			static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
			double v = row[t->bar_col].r;
			int units = (int)(v * 160.0 + 0.5);
			if (units > 160)
				units = 160;
			if (units < 0)
				units = 0;
			fputs("  ", out);
			if (utf8) {
				for (int i = 0; i < units / 8; i++)
					fputs("█", out);
				fputs(eighths[units % 8], out);
			} else {
				for (int i = 0; i < (units + 4) / 8; i++)
					fputc('#', out);
			}
		}
		fputc('\n', out);
	}
}

/* A spreadsheet runs a cell that begins with = + - @ (or a tab or CR before
 * one) as a formula: text that does so is written with a leading apostrophe
 * so it opens as text (OWASP's "CSV injection"). Numbers such as -20.00
 * stay numbers. */
static bool csv_formula_like(const char *s)
{
	if (!*s || !strchr("=+-@\t\r", *s))
		return false;
	return !fd_text_is_decimal(s);
}

static void csv_field(FILE *out, const char *s)
{
	if (csv_formula_like(s)) {
		fputs("\"'", out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
		return;
	}
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void tab_print_csv(const struct tab *t, FILE *out)
{
	tab_print_csv_total(t, NULL, out);
}

void tab_print_csv_total(const struct tab *t, const struct tab *total, FILE *out)
{
	char buf[160];
	for (int c = 0; c < t->n_cols; c++) {
		if (c)
			fputc(',', out);
		col_name(t, &t->cols[c], buf, sizeof buf);
		csv_field(out, buf);
	}
	fputs("\r\n", out);
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_cols; c++) {
			if (c)
				fputc(',', out);
			cell_text(t, &t->cols[c], &t->cells[r * t->n_cols + c], buf, sizeof buf, false);
			csv_field(out, buf);
		}
		fputs("\r\n", out);
	}
	if (!total || total->n_rows < 1)
		return;
	/* The totals line: "total" in the first column, each figure the total
	 * table has under the same name, the others empty. */
	fputs("total", out);
	for (int c = 1; c < t->n_cols; c++) {
		fputc(',', out);
		for (int k = 0; k < total->n_cols; k++)
			if (strcmp(total->cols[k].name, t->cols[c].name) == 0) {
				cell_text(total, &total->cols[k], &total->cells[k], buf, sizeof buf, false);
				csv_field(out, buf);
				break;
			}
	}
	fputs("\r\n", out);
}

static cJSON *row_json(const struct tab *t, int r)
{
	cJSON *o = cJSON_CreateObject();
	for (int c = 0; c < t->n_cols; c++) {
		const struct tab_cell *v = &t->cells[r * t->n_cols + c];
		const char *name = t->cols[c].name;
		if (v->null)
			cJSON_AddNullToObject(o, name);
		else if (t->cols[c].kind == TAB_TEXT)
			cJSON_AddStringToObject(o, name, v->t);
		else if (t->cols[c].kind == TAB_RATIO)
			cJSON_AddNumberToObject(o, name, (double)(int64_t)(v->r * 1e6 + 0.5) / 1e6);
		else
			cJSON_AddNumberToObject(o, name, (double)v->i);
	}
	return o;
}

void tab_print_json(const struct tab *t, FILE *out, bool single_object)
{
	cJSON *doc;
	if (single_object && t->n_rows == 1) {
		doc = row_json(t, 0);
	} else {
		doc = cJSON_CreateArray();
		for (int r = 0; r < t->n_rows; r++)
			cJSON_AddItemToArray(doc, row_json(t, r));
	}
	char *s = cJSON_Print(doc);
	if (s)
		fprintf(out, "%s\n", s);
	free(s);
	cJSON_Delete(doc);
}
