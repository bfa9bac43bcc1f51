#include "config.h"
#include "store/fold.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *fd_fold(const char *text, char *out, size_t size)
{
	if (!size)
		return out;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &folded,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
						  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
						  UTF8PROC_IGNORE);
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
	return out;
}
