// SPDX-License-Identifier: GPL-3.0-or-later
/* Text folding for search: Unicode case folding, accents stripped,
 * compatibility forms unified (utf8proc), so "Müller", "MULLER" and "muller"
 * meet. */
#ifndef FD_STORE_FOLD_H
#define FD_STORE_FOLD_H

#include <stddef.h>

#include "core/entity.h"

/* Write the folded form of UTF-8 text into out (always NUL-terminated,
 * truncated at a character boundary). Invalid UTF-8 is copied byte-wise
 * lower-cased. Returns out. */
char *fd_fold(const char *text, char *out, size_t size);

/* fd_fold, then punctuation folded for names: apostrophes join
 * ("O'Connor" -> "oconnor"), other punctuation, symbols and spaces separate
 * words by one space ("García, José" -> "garcia jose"). */
char *fd_fold_words(const char *text, char *out, size_t size);

/* fd_fold and fd_fold_words without their ASCII fast path (utf8proc for
 * every input): what the fast path must equal, for its test. */
char *fd_fold_general(const char *text, char *out, size_t size);
char *fd_fold_words_general(const char *text, char *out, size_t size);

/* What guest search matches: the folded name (family then given), the
 * folded e-mail and the phone's digits, separated by spaces; "" for an
 * erased guest. */
char *fd_guest_search_key(const struct fd_guest *g, char *out, size_t size);

#endif
