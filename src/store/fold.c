// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/fold.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Letters with a stroke or ligatures have no Unicode decomposition, so
 * stripping marks leaves them alone; a receptionist typing "odegaard" still
 * expects to find Ødegaard. These few are mapped after case folding. */
static const struct {
	const char *from, *to;
} unstroke[] = {
    {"\xc3\xb8", "o"},  /* ø */
    {"\xc4\x91", "d"},  /* đ */
    {"\xc5\x82", "l"},  /* ł */
    {"\xc4\xa7", "h"},  /* ħ */
    {"\xc3\xa6", "ae"}, /* æ */
    {"\xc5\x93", "oe"}, /* œ */
    {"\xc3\xbe", "th"}, /* þ */
};

static void replace_unstroked(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		size_t i, n = sizeof unstroke / sizeof *unstroke;
		for (i = 0; i < n; i++) {
			size_t len = strlen(unstroke[i].from);
			if (strncmp(r, unstroke[i].from, len) == 0 && strlen(unstroke[i].to) <= len) {
				memcpy(w, unstroke[i].to, strlen(unstroke[i].to));
				w += strlen(unstroke[i].to);
				r += len;
				break;
			}
		}
		if (i == n)
			*w++ = *r++;
	}
	*w = '\0';
}

/* The length of text when it is ASCII only, else -1. */
static ptrdiff_t ascii_len(const char *text)
{
	const char *p = text;
	while (*p && !(*p & 0x80))
		p++;
	return *p ? -1 : p - text;
}

/* ASCII text (most names, every e-mail address): folding is lower-casing,
 * as utf8proc folds it (no ASCII character decomposes, is ignorable or has
 * a stroke), without its allocation and tables: a snapshot folds a name a
 * guest. */
static char *fold_ascii(const char *text, size_t len, char *out, size_t size)
{
	if (len >= size)
		len = size - 1;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[len] = '\0';
	return out;
}

char *fd_fold(const char *text, char *out, size_t size)
{
	if (!size)
		return out;
	ptrdiff_t n = ascii_len(text);
	return n >= 0 ? fold_ascii(text, (size_t)n, out, size) : fd_fold_general(text, out, size);
}

char *fd_fold_general(const char *text, char *out, size_t size)
{
	if (!size)
		return out;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n =
	    utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
	                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (n < 0) {
		size_t i = 0;
		for (; text[i] && i + 1 < size; i++)
			out[i] = (char)tolower((unsigned char)text[i]);
		out[i] = '\0';
		return out;
	}
	size_t len = (size_t)n;
	if (len >= size) {
		len = size - 1;
		while (len > 0 && (folded[len] & 0xC0) == 0x80)
			len--; /* do not cut a character in half */
	}
	memcpy(out, folded, len);
	out[len] = '\0';
	free(folded);
	replace_unstroked(out);
	return out;
}

/* Apostrophes join ("O'Connor" is "oconnor"); every other punctuation mark
 * and symbol separates words ("García, José" is "garcia jose"). */
static bool joins(utf8proc_int32_t c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4;
}

static bool separates(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return true;
	default:
		return false;
	}
}

/* Words of folded text, in place. */
static char *words_utf8(char *out)
{
	size_t w = 0;
	bool space = true; /* no leading space */
	for (size_t r = 0; out[r];) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)out + r, -1, &c);
		if (len <= 0) { /* invalid UTF-8: keep the byte */
			out[w++] = out[r++];
			space = false;
			continue;
		}
		if (joins(c)) {
			r += (size_t)len;
		} else if (separates(c)) {
			if (!space)
				out[w++] = ' ';
			space = true;
			r += (size_t)len;
		} else {
			memmove(out + w, out + r, (size_t)len);
			w += (size_t)len;
			r += (size_t)len;
			space = false;
		}
	}
	while (w > 0 && out[w - 1] == ' ')
		w--;
	out[w] = '\0';
	return out;
}

/* words_utf8 for folded ASCII text: letters (lower case by now) and digits
 * are kept, apostrophes join, and every other ASCII character is
 * punctuation, a symbol, a space or a control, which separate. */
static char *words_ascii(char *out)
{
	size_t w = 0;
	bool space = true; /* no leading space */
	for (const char *r = out; *r; r++) {
		char c = *r;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[w++] = c;
			space = false;
		} else if (c != '\'' && c != '`') {
			if (!space)
				out[w++] = ' ';
			space = true;
		}
	}
	while (w > 0 && out[w - 1] == ' ')
		w--;
	out[w] = '\0';
	return out;
}

char *fd_fold_words(const char *text, char *out, size_t size)
{
	if (!size)
		return out;
	fd_fold(text, out, size);
	return ascii_len(out) >= 0 ? words_ascii(out) : words_utf8(out);
}

char *fd_fold_words_general(const char *text, char *out, size_t size)
{
	if (!size)
		return out;
	return words_utf8(fd_fold_general(text, out, size));
}

char *fd_guest_search_key(const struct fd_guest *g, char *out, size_t size)
{
	if (!size)
		return out;
	out[0] = '\0';
	if (g->erased)
		return out;
	char name[2 * FD_NAME_LEN + 2], email[2 * FD_NAME_LEN], digits[64];
	snprintf(name, sizeof name, "%s %s", g->family, g->given);
	fd_fold_words(name, out, size);
	fd_fold(g->email, email, sizeof email);
	size_t n = 0;
	for (const char *p = g->phone; *p && n + 1 < sizeof digits; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	size_t used = strlen(out);
	/* The e-mail as written (folded) and the phone's digits follow the
	 * name, so one index finds a guest by any of them. */
	if (email[0])
		used += (size_t)snprintf(out + used, used < size ? size - used : 0, " %s", email);
	if (digits[0] && used < size)
		snprintf(out + used, size - used, " %s", digits);
	return out;
}
