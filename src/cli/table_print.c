// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "cli/table_print.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* human: money as a decimal (text tables); else in minor units (CSV, as
 * the column names say). */
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
			snprintf(out, n, "%lld", (long long)v->i);
		break;
	case TAB_RATIO:
		snprintf(out, n, "%.4f", v->r);
		break;
	case TAB_TEXT:
		snprintf(out, n, "%s", v->t);
		break;
	}
}

void tab_print_text(const struct tab *t, FILE *out, bool utf8)
{
	int w[32] = {0};
	char buf[160];
	int nc = t->n_cols < 32 ? t->n_cols : 32;
	for (int c = 0; c < nc; c++)
		w[c] = (int)strlen(t->cols[c].name);
	for (int r = 0; r < t->n_rows; r++)
		for (int c = 0; c < nc; c++) {
			cell_text(t, &t->cols[c], &t->cells[r * t->n_cols + c], buf, sizeof buf, true);
			if (t->cells[r * t->n_cols + c].null)
				snprintf(buf, sizeof buf, "-");
			if ((int)strlen(buf) > w[c])
				w[c] = (int)strlen(buf);
		}
	for (int c = 0; c < nc; c++)
		fprintf(out, c ? " %*s" : "%-*s", w[c], t->cols[c].name);
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
	char *end;
	strtod(s, &end);
	return end == s || *end != '\0';
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
	char buf[160];
	for (int c = 0; c < t->n_cols; c++) {
		if (c)
			fputc(',', out);
		csv_field(out, t->cols[c].name);
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
