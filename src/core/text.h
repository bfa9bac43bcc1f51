// SPDX-License-Identifier: GPL-3.0-or-later
/* Display width of UTF-8 text in terminal cells (CJK wide, combining marks
 * zero), and fitting text into a number of cells. Never count bytes. */
#ifndef FD_CORE_TEXT_H
#define FD_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

int fd_text_width(const char *s);
/* Copy as much of s as fits in `cells` columns into out, then pad with
 * spaces to exactly `cells` columns (when pad is set). Returns out. */
char *fd_text_fit(const char *s, int cells, int pad, char *out, size_t size);

/* s transliterated to ASCII for a terminal that cannot show UTF-8:
 * accents dropped ("Müller" -> "Muller"), compatibility forms unified, and
 * every character without an ASCII form (CJK, Greek, Arabic...) as '?'
 * (one per display cell, so columns stay aligned). Returns out. */
char *fd_text_ascii(const char *s, char *out, size_t size);
/* Every UUID in s (8-4-4-4-12 hex digits) shortened in place to its first
 * 8 digits and an ellipsis, for messages people read. Returns s. */
char *fd_text_short_ids(char *s);
/* Is s[0..n) well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF)? */
bool fd_utf8_valid(const char *s, size_t n);
/* The length of s cut to at most max bytes on a character boundary: the
 * longest prefix that does not end inside a UTF-8 sequence. */
size_t fd_utf8_prefix(const char *s, size_t max);
/* s copied into out (size bytes, always terminated; NULL copies ""), cut on
 * a character boundary when it does not fit (a byte cut would leave half a
 * character, malformed UTF-8, in a name). Returns false when s was cut. */
bool fd_text_copy(char *out, size_t size, const char *s);
/* Look a name up in a static table of n rows of stride bytes, each row's
 * first member its name (const char *): the row's index, or -1. memo is
 * the caller's per-thread memo for that table (FD_FIND_SLOTS ints, zero
 * to begin with): the rows found, by their names' hash, so that a name
 * asked again costs a hash and one comparison instead of a walk through
 * the table (the operation and permission tables, a hundred rows each,
 * were walked several times for every operation pushed). */
#define FD_FIND_SLOTS 64
int fd_find_name(const void *table, size_t n, size_t stride, const char *name, int memo[FD_FIND_SLOTS]);
/* The rule for text that people type: well-formed UTF-8 without control
 * characters (C0, DEL, C1), except tab and newline where the field allows
 * several lines. A terminal that printed such text raw could be retitled or
 * cleared by a guest's name. FD_OK, or FD_E_INVALID naming the field. */
enum fd_status fd_text_check_plain(const char *field, const char *text, bool multiline, struct fd_error *err);
/* Copy text to out with every control character (and every byte of
 * malformed UTF-8) written as a visible \xNN escape, for output paths that
 * are not JSON. Tab and newline are kept when keep_newlines is set. Always
 * terminates out; returns out. */
char *fd_text_escape_controls(const char *text, bool keep_newlines, char *out, size_t size);
/* v with `places` decimals (0..9) and '.' as the decimal point whatever
 * the locale, no grouping: "1.0000", "-0.2500". For CSV and JSON, which a
 * program reads (LC_NUMERIC's "1,0000" is two fields in a CSV). Returns out. */
char *fd_text_decimal(double v, int places, char *out, size_t size);
/* Is s a plain decimal number as fd_text_decimal writes it (optional '-'
 * or '+', digits, optional '.' and digits), whatever the locale? */
bool fd_text_is_decimal(const char *s);
/* v in decimal ("-42"), as printf's "%lld" writes it, into out (24 bytes
 * hold any int64_t); returns its length. For the hot paths that print
 * numbers into every row and answer (the audit log's fields, a push's
 * answers), where snprintf's format parsing showed in profiles. */
size_t fd_text_int(int64_t v, char out[24]);

#endif
