// SPDX-License-Identifier: GPL-3.0-or-later
/* A report as a small table of typed cells, so every report prints the same
 * three ways: text (aligned, with an optional bar chart), CSV (RFC 4180) and
 * JSON (an array of objects; money in minor units; unknowable figures null). */
#ifndef FD_CORE_TABLE_H
#define FD_CORE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

enum tab_kind { TAB_INT, TAB_MONEY, TAB_RATIO, TAB_TEXT };

struct tab_col {
	const char *name; /* JSON / CSV name */
	enum tab_kind kind;
};

struct tab_cell {
	bool null;
	int64_t i;   /* TAB_INT, TAB_MONEY */
	double r;    /* TAB_RATIO */
	char t[128]; /* TAB_TEXT */
};

struct tab {
	const struct tab_col *cols;
	int n_cols;
	struct tab_cell *cells; /* n_rows * n_cols, owned */
	int n_rows, cap_rows;
	char currency[4];
	int bar_col; /* a TAB_RATIO column drawn as a bar in text, or -1 */
};

void tab_init(struct tab *t, const struct tab_col *cols, int n_cols, const char *currency);
void tab_free(struct tab *t);
/* A new row of null cells; NULL when out of memory. */
struct tab_cell *tab_row(struct tab *t);

#endif
