// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/fold.h"

#include <ctype.h>
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

char *fd_fold(const char *text, char *out, size_t size)
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
