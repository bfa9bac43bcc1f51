// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/text.h"

#include <string.h>
#include <utf8proc.h>

/* Decode one character; invalid bytes count as one narrow cell. */
static int next_char(const char *s, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, cp);
	if (n <= 0) {
		*cp = '?';
		return 1;
	}
	return (int)n;
}

static int char_width(utf8proc_int32_t cp)
{
	int w = utf8proc_charwidth(cp);
	return w < 0 ? 0 : w;
}

int fd_text_width(const char *s)
{
	int w = 0;
	while (*s) {
		utf8proc_int32_t cp;
		s += next_char(s, &cp);
		w += char_width(cp);
	}
	return w;
}

char *fd_text_fit(const char *s, int cells, int pad, char *out, size_t size)
{
	size_t used = 0;
	int w = 0;
	while (*s) {
		utf8proc_int32_t cp;
		int n = next_char(s, &cp);
		int cw = char_width(cp);
		if (w + cw > cells || used + (size_t)n + 1 > size)
			break;
		memcpy(out + used, s, (size_t)n);
		used += (size_t)n;
		w += cw;
		s += n;
	}
	while (pad && w < cells && used + 2 <= size) {
		out[used++] = ' ';
		w++;
	}
	out[used] = '\0';
	return out;
}
