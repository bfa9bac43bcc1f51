// SPDX-License-Identifier: GPL-3.0-or-later
/* Card numbers must never be stored. Free-text fields (notes, references,
 * requests, reasons) refuse text that looks like one: a run of 13 to 19
 * digits, optionally grouped by single spaces or dashes, that passes the
 * Luhn check. Pure; no I/O. */
#ifndef FD_CORE_CARD_H
#define FD_CORE_CARD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* Luhn check over n ASCII digits. */
bool fd_luhn_valid(const char *digits, size_t n);
/* Does text contain something that looks like a card number? */
bool fd_text_has_card_number(const char *text);
/* FD_OK, or FD_E_INVALID naming field with a message saying why. */
enum fd_status fd_text_check_no_card(const char *field, const char *text, struct fd_error *err);

#endif
