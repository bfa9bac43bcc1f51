// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "core/i18n.h"

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

/* Latin letters that do not decompose into an ASCII letter and a mark. */
static const char *ascii_letter(utf8proc_int32_t cp)
{
	static const struct {
		utf8proc_int32_t cp;
		const char *ascii;
	} letters[] = {{0xDF, "ss"},  {0xC6, "AE"}, {0xE6, "ae"}, {0xD8, "O"},  {0xF8, "o"},  {0x152, "OE"},
	               {0x153, "oe"}, {0x141, "L"}, {0x142, "l"}, {0x110, "D"}, {0x111, "d"}, {0xD0, "D"},
	               {0xF0, "d"},   {0xDE, "Th"}, {0xFE, "th"}, {0x131, "i"}};
	for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
		if (letters[i].cp == cp)
			return letters[i].ascii;
	return NULL;
}

char *fd_text_ascii(const char *s, char *out, size_t size)
{
	size_t used = 0;
	if (!size)
		return out;
	while (*s && used + 1 < size) {
		utf8proc_int32_t cp, parts[8];
		int n = next_char(s, &cp);
		s += n;
		if (cp < 0x80) {
			out[used++] = (char)cp;
			continue;
		}
		const char *letter = ascii_letter(cp);
		if (letter) {
			for (; *letter && used + 1 < size; letter++)
				out[used++] = *letter;
			continue;
		}
		int options = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 8, (utf8proc_option_t)options, NULL);
		bool plain = k > 0 && k <= 8;
		for (utf8proc_ssize_t i = 0; plain && i < k; i++)
			plain = parts[i] < 0x80;
		if (plain) {
			for (utf8proc_ssize_t i = 0; i < k && used + 1 < size; i++)
				out[used++] = (char)parts[i];
		} else {
			for (int w = char_width(cp); w > 0 && used + 1 < size; w--)
				out[used++] = '?';
		}
	}
	out[used] = '\0';
	return out;
}

static bool is_uuid_at(const char *s)
{
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		char c = s[i];
		if (dash ? c != '-'
		         : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

char *fd_text_short_ids(char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i + 36 <= len; i++) {
		if (!is_uuid_at(s + i) ||
		    (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || (s[i - 1] >= 'a' && s[i - 1] <= 'f'))))
			continue;
		/* 8 digits and "…" (3 bytes) in place of 36 bytes. */
		memcpy(s + i + 8, "\xe2\x80\xa6", 3);
		memmove(s + i + 11, s + i + 36, len - (i + 36) + 1);
		len -= 25;
		i += 10;
	}
	return s;
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

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), 0 when
 * it is malformed. Strict: RFC 3629 ranges only. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, min = 0x80, *cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, min = 0x800, *cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, min = 0x10000, *cp = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

bool fd_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	for (size_t i = 0; i < n;) {
		/* ASCII eight bytes at a time: a snapshot page is megabytes of
		 * it, judged before it is parsed (json.c). */
		uint64_t w;
		while (n - i >= 8 && (memcpy(&w, p + i, 8), (w & 0x8080808080808080u) == 0))
			i += 8;
		if (i >= n)
			break;
		size_t len = utf8_seq(p + i, n - i, &cp);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

size_t fd_utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	if (n <= max)
		return n;
	/* s[max] is the first byte left out: back up while it continues the
	 * character before it (at most three bytes in UTF-8). */
	size_t i = max;
	while (i > 0 && max - i < 3 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return ((unsigned char)s[i] & 0xc0) == 0x80 ? max : i;
}

bool fd_text_copy(char *out, size_t size, const char *s)
{
	if (!size)
		return !s || !*s;
	if (!s)
		s = "";
	size_t n = fd_utf8_prefix(s, size - 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return s[n] == '\0';
}

static bool is_control(uint32_t cp, bool multiline)
{
	/* A tab or a line break belongs only where a person writes several
	 * lines: in a name it misaligns every list and splits a CSV line. */
	if (multiline && (cp == '\t' || cp == '\n'))
		return false;
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

enum fd_status fd_text_check_plain(const char *field, const char *text, bool multiline, struct fd_error *err)
{
	if (!text)
		return FD_OK;
	size_t n = strlen(text);
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_seq(p + i, n - i, &cp);
		if (!len)
			return fd_fail(err, FD_E_INVALID, "invalid_text", field,
			               _("Field \"%s\" is not valid UTF-8 text (at byte %zu)."), field,
			               i + 1);
		if (is_control(cp, multiline))
			return fd_fail(err, FD_E_INVALID, "invalid_text", field,
			               _("Field \"%s\" holds a control character (U+%04X at byte %zu); "
			                 "type the text again without it."),
			               field, (unsigned)cp, i + 1);
		i += len;
	}
	return FD_OK;
}

char *fd_text_escape_controls(const char *text, bool keep_newlines, char *out, size_t size)
{
	size_t used = 0, n = strlen(text);
	const unsigned char *p = (const unsigned char *)text;
	if (!size)
		return out;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_seq(p + i, n - i, &cp);
		if (len && !is_control(cp, keep_newlines)) {
			if (used + len >= size)
				break;
			memcpy(out + used, p + i, len);
			used += len;
			i += len;
			continue;
		}
		/* A malformed byte or a control character: show it, never send it. */
		size_t bytes = len ? len : 1;
		for (size_t b = 0; b < bytes; b++) {
			if (used + 4 >= size)
				goto done;
			snprintf(out + used, size - used, "\\x%02x", p[i + b]);
			used += 4;
		}
		i += bytes;
	}
done:
	out[used] = '\0';
	return out;
}

size_t fd_text_int(int64_t v, char out[24])
{
	/* Digits of the magnitude as unsigned, so INT64_MIN has one too. */
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char rev[24];
	size_t n = 0, k = 0;
	do {
		rev[n++] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (v < 0)
		out[k++] = '-';
	while (n)
		out[k++] = rev[--n];
	out[k] = '\0';
	return k;
}

char *fd_text_decimal(double v, int places, char *out, size_t size)
{
	if (places < 0)
		places = 0;
	if (places > 9)
		places = 9;
	int64_t p = 1;
	for (int i = 0; i < places; i++)
		p *= 10;
	if (!isfinite(v) || fabs(v) * (double)p >= 9e18) {
		/* Out of reach of the integer form: whole units only ("%.0f"
		 * writes no decimal point, so no locale reaches it). */
		snprintf(out, size, "%.0f", isfinite(v) ? v : 0.0);
		return out;
	}
	int64_t q = llround(v * (double)p);
	uint64_t a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
	if (places == 0)
		snprintf(out, size, "%s%llu", q < 0 ? "-" : "", (unsigned long long)a);
	else
		snprintf(out, size, "%s%llu.%0*llu", q < 0 ? "-" : "", (unsigned long long)(a / (uint64_t)p),
		         places, (unsigned long long)(a % (uint64_t)p));
	return out;
}

bool fd_text_is_decimal(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	size_t digits = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	return digits > 0 && *s == '\0';
}

static const char *row_name(const void *table, size_t stride, size_t i)
{
	return *(const char *const *)(const void *)((const char *)table + i * stride);
}

int fd_find_name(const void *table, size_t n, size_t stride, const char *name, int memo[FD_FIND_SLOTS])
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *c = name; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	int *slot = &memo[h & (FD_FIND_SLOTS - 1)];
	if (*slot > 0 && (size_t)*slot <= n && strcmp(row_name(table, stride, (size_t)*slot - 1), name) == 0)
		return *slot - 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(row_name(table, stride, i), name) == 0) {
			*slot = (int)i + 1;
			return (int)i;
		}
	return -1;
}
