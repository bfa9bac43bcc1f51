// SPDX-License-Identifier: GPL-3.0-or-later
/* A report table printed three ways: text (aligned, with an optional bar
 * chart), CSV (RFC 4180) and JSON. */
#ifndef FD_CLI_TABLE_PRINT_H
#define FD_CLI_TABLE_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/table.h"

void tab_print_text(const struct tab *t, FILE *out, bool utf8);
void tab_print_csv(const struct tab *t, FILE *out);
/* t's rows, then a "total" line with total's first row under the columns
 * the two share (total may be NULL). Money in major units, as the headers
 * say (room_revenue_EUR). */
void tab_print_csv_total(const struct tab *t, const struct tab *total, FILE *out);
void tab_print_json(const struct tab *t, FILE *out, bool single_object);

#endif
