// SPDX-License-Identifier: GPL-3.0-or-later
/* Money is an int64_t count of minor units in an ISO 4217 currency. No
 * floating point touches it. Rounding (for tax and proportional splits) is
 * half away from zero, applied once per line. */
#ifndef FD_CORE_MONEY_H
#define FD_CORE_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Number of decimals of a currency (EUR 2, JPY 0, BHD 3), -1 if unknown. */
int fd_currency_exponent(const char *code);
bool fd_currency_known(const char *code);

/* Parse "123", "123.4", "-0.05", "1234.50" into minor units of currency.
 * More decimals than the currency has is refused (no silent rounding), as is
 * anything that is not a plain decimal number or that overflows. */
enum fd_status fd_money_parse(const char *s, const char *currency, int64_t *out, struct fd_error *err);
/* "1234.50" (no grouping, '.' decimal point): the wire and CSV form. */
char *fd_money_format_plain(int64_t minor, const char *currency, char *buf, size_t n);
/* "1,234.50 EUR": for people. */
char *fd_money_format(int64_t minor, const char *currency, char *buf, size_t n);
/* amount * num / den rounded half away from zero; false on overflow or den 0. */
bool fd_money_mul_div(int64_t amount, int64_t num, int64_t den, int64_t *out);

#define FD_MONEY_STRLEN 40

#endif
