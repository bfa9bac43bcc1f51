// SPDX-License-Identifier: GPL-3.0-or-later
/* Text folding for search: Unicode case folding, accents stripped,
 * compatibility forms unified (utf8proc), so "Müller", "MULLER" and "muller"
 * meet. */
#ifndef FD_STORE_FOLD_H
#define FD_STORE_FOLD_H

#include <stddef.h>

/* Write the folded form of UTF-8 text into out (always NUL-terminated,
 * truncated at a character boundary). Invalid UTF-8 is copied byte-wise
 * lower-cased. Returns out. */
char *fd_fold(const char *text, char *out, size_t size);

#endif
