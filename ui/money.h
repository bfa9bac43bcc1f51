// SPDX-License-Identifier: GPL-3.0-or-later
/* Money on the screen in the user's locale (LC_MONETARY): "1.234,50 EUR"
 * in German, "1 234,50 EUR" in French, "1,234.50 EUR" where the locale
 * says nothing (C). Only what people read: input fields, CSV and the
 * command line's --json keep core's plain "1234.50". */
#ifndef FD_UI_MONEY_H
#define FD_UI_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Read the locale's marks (localeconv) once, in the UI thread before other
 * threads start; later calls use what was read. */
void ui_money_init(void);
/* The amount and the currency code: "1.234,50 EUR". Returns buf. */
char *ui_money(int64_t minor, const char *currency, char *buf, size_t n);
/* The amount alone, for a column headed with the currency: "1.234,50". */
char *ui_amount(int64_t minor, const char *currency, char *buf, size_t n);

#endif
