// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tab_init(struct tab *t, const struct tab_col *cols, int n_cols, const char *currency)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->n_cols = n_cols;
	t->bar_col = -1;
	snprintf(t->currency, sizeof t->currency, "%s", currency);
}

void tab_free(struct tab *t)
{
	free(t->cells);
	t->cells = NULL;
}

struct tab_cell *tab_row(struct tab *t)
{
	if (t->n_rows == t->cap_rows) {
		int nc = t->cap_rows ? t->cap_rows * 2 : 32;
		struct tab_cell *p = realloc(t->cells, (size_t)nc * (size_t)t->n_cols * sizeof *p);
		if (!p)
			return NULL;
		t->cells = p;
		t->cap_rows = nc;
	}
	struct tab_cell *row = &t->cells[(size_t)t->n_rows++ * (size_t)t->n_cols];
	memset(row, 0, (size_t)t->n_cols * sizeof *row);
	for (int i = 0; i < t->n_cols; i++)
		row[i].null = true;
	return row;
}
