// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/json.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"

/* Offset of a "\u0000" escape inside a JSON string, or -1. Tracks string
 * boundaries and escapes so "\\u0000" (an escaped backslash) is text. */
static long find_nul_escape(const char *buf, size_t len)
{
	/* Most texts have no "\u0000" at all: look for one with memmem before
	 * walking every byte (a snapshot page is megabytes). */
	if (!memmem(buf, len, "\\u0000", 6))
		return -1;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (!in_string) {
			in_string = c == '"';
			continue;
		}
		if (c == '"') {
			in_string = false;
		} else if (c == '\\' && i + 1 < len) {
			if (buf[i + 1] == 'u' && i + 5 < len && buf[i + 2] == '0' && buf[i + 3] == '0' &&
			    buf[i + 4] == '0' && buf[i + 5] == '0')
				return (long)i;
			i++; /* skip the escaped character */
		}
	}
	return -1;
}

static long find_raw_nul(const char *buf, size_t len)
{
	const char *nul = memchr(buf, '\0', len);
	return nul ? (long)(nul - buf) : -1;
}

cJSON *fd_json_parse(const char *buf, size_t len, struct fd_error *err)
{
	long at;
	if (!buf) {
		fd_fail(err, FD_E_INVALID, "invalid_json", "", _("The request has no JSON body."));
		return NULL;
	}
	if (!fd_utf8_valid(buf, len)) {
		fd_fail(err, FD_E_INVALID, "invalid_json", "", _("The JSON text is not valid UTF-8."));
		return NULL;
	}
	if ((at = find_raw_nul(buf, len)) >= 0 || (at = find_nul_escape(buf, len)) >= 0) {
		fd_fail(
		    err, FD_E_INVALID, "invalid_json", "",
		    _("The JSON text holds a NUL character (at byte %ld); text fields cannot contain one."),
		    at + 1);
		return NULL;
	}
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(buf, len, &end, false);
	if (!doc) {
		size_t off = end && end >= buf ? (size_t)(end - buf) : 0;
		fd_fail(err, FD_E_INVALID, "invalid_json", "", _("The JSON text is malformed near byte %zu."),
		        off + 1);
		return NULL;
	}
	return doc;
}

bool fd_json_int(const cJSON *v, int64_t *out)
{
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= -9e15 && v->valuedouble <= 9e15))
		return false;
	*out = (int64_t)v->valuedouble;
	return true;
}

/* --- reading without a tree (fd_json_scan_object) --- */

#define SCAN_DEPTH 64

static const char *scan_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* The four hex digits at p (p + 4 <= end), or -1. */
static long hex4(const char *p, const char *end)
{
	if (end - p < 4)
		return -1;
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int d = hex_value(p[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Past the string that opens at p ('"'), or NULL. Control characters are
 * refused as RFC 8259 says; the UTF-8 was checked before. */
static const char *scan_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return NULL;
		if (c != '\\')
			continue;
		if (++p >= end)
			return NULL;
		if (*p == 'u') {
			/* As cJSON: a UTF-16 surrogate only as a high one followed
			 * by its low one. */
			long cp = hex4(p + 1, end);
			if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
				return NULL;
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				long lo = end - p > 6 && p[1] == '\\' && p[2] == 'u' ? hex4(p + 3, end) : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return NULL;
				p += 6;
			}
		} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
			return NULL;
		}
	}
	return NULL;
}

static const char *scan_digits(const char *p, const char *end)
{
	const char *from = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p > from ? p : NULL;
}

static const char *scan_number(const char *p, const char *end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (!(p = scan_digits(p, end)))
		return NULL;
	if (p < end && *p == '.' && !(p = scan_digits(p + 1, end)))
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		p = scan_digits(p, end);
	}
	return p;
}

static const char *scan_value(const char *p, const char *end, int depth, size_t *count, size_t *grand);

/* Past the array or object that opens at p, or NULL; *count its elements
 * or members, *grand theirs together. */
static const char *scan_nested(const char *p, const char *end, int depth, size_t *count, size_t *grand)
{
	bool object = *p == '{';
	char close = object ? '}' : ']';
	size_t n = 0, g = 0;
	*count = *grand = 0;
	if (depth >= SCAN_DEPTH)
		return NULL;
	p = scan_ws(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		if (object) {
			if (p >= end || *p != '"' || !(p = scan_string(p, end)))
				return NULL;
			p = scan_ws(p, end);
			if (p >= end || *p != ':')
				return NULL;
			p = scan_ws(p + 1, end);
		}
		size_t sub, subsub;
		if (!(p = scan_value(p, end, depth + 1, &sub, &subsub)))
			return NULL;
		n++;
		g += sub;
		p = scan_ws(p, end);
		if (p < end && *p == ',') {
			p = scan_ws(p + 1, end);
			continue;
		}
		if (p < end && *p == close) {
			*count = n;
			*grand = g;
			return p + 1;
		}
		return NULL;
	}
}

static const char *scan_value(const char *p, const char *end, int depth, size_t *count, size_t *grand)
{
	*count = *grand = 0;
	if (p >= end)
		return NULL;
	switch (*p) {
	case '"':
		return scan_string(p, end);
	case '{':
	case '[':
		return scan_nested(p, end, depth, count, grand);
	case 't':
		return end - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return end - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return end - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default:
		return scan_number(p, end);
	}
}

bool fd_json_scan_object(const char *buf, size_t len, fd_json_member_fn fn, void *ctx, struct fd_error *err)
{
	if (!buf || !fd_utf8_valid(buf, len) || find_raw_nul(buf, len) >= 0 ||
	    find_nul_escape(buf, len) >= 0) {
		fd_fail(err, FD_E_INVALID, "invalid_json", "",
		        _("The JSON text is not valid UTF-8 or holds a NUL character."));
		return false;
	}
	const char *end = buf + len, *p = scan_ws(buf, end);
	const char *fail = p;
	if (p >= end || *p != '{') {
		fd_fail(err, FD_E_INVALID, "invalid_json", "", _("The JSON text is malformed near byte %zu."),
		        (size_t)(p - buf) + 1);
		return false;
	}
	/* One pass: the members are kept as found and given to fn once the
	 * whole text is known valid. */
	struct fd_json_member *ms = NULL;
	size_t n = 0, cap = 0;
	bool ok = false;
	p = scan_ws(p + 1, end);
	if (p < end && *p == '}') {
		ok = scan_ws(p + 1, end) == end;
		fail = p + 1;
	}
	while (!ok && p < end && *p == '"') {
		struct fd_json_member m = {.key = p + 1};
		const char *q = scan_string(p, end);
		if (!q)
			break;
		m.key_len = (size_t)(q - p) - 2;
		q = scan_ws(q, end);
		if (q >= end || *q != ':')
			break;
		m.value = q = scan_ws(q + 1, end);
		if (!(p = scan_value(q, end, 1, &m.count, &m.grand)))
			break;
		m.value_len = (size_t)(p - q);
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			struct fd_json_member *more = realloc(ms, cap * sizeof *ms);
			if (!more)
				break;
			ms = more;
		}
		ms[n++] = m;
		fail = p = scan_ws(p, end);
		if (p < end && *p == ',') {
			p = scan_ws(p + 1, end);
			continue;
		}
		ok = p < end && *p == '}' && scan_ws(p + 1, end) == end;
		break;
	}
	if (ok)
		for (size_t i = 0; i < n && fn(ctx, &ms[i]); i++)
			;
	else
		fd_fail(err, FD_E_INVALID, "invalid_json", "", _("The JSON text is malformed near byte %zu."),
		        (size_t)((p ? p : fail) - buf) + 1);
	free(ms);
	return ok;
}

/* --- writing (fd_json_out) --- */

static bool out_room(struct fd_json_out *o, size_t n)
{
	if (o->failed)
		return false;
	if (o->len + n + 1 <= o->cap)
		return true;
	size_t cap = o->cap ? o->cap : 4096;
	while (cap < o->len + n + 1)
		cap *= 2;
	char *grown = realloc(o->text, cap);
	if (!grown) {
		o->failed = true;
		return false;
	}
	o->text = grown;
	o->cap = cap;
	return true;
}

void fd_json_out_raw(struct fd_json_out *o, const char *s, size_t n)
{
	if (!out_room(o, n))
		return;
	memcpy(o->text + o->len, s, n);
	o->len += n;
	o->text[o->len] = '\0';
}

void fd_json_out_string(struct fd_json_out *o, const char *s, size_t n)
{
	/* The worst case ("\u001f" for every byte) reserved at once: the
	 * loop below then writes without checking. */
	if (!out_room(o, 6 * n + 2))
		return;
	static const char hex[] = "0123456789abcdef";
	char *w = o->text + o->len;
	*w++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			*w++ = (char)c;
			continue;
		}
		*w++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*w++ = (char)c;
			break;
		case '\b':
			*w++ = 'b';
			break;
		case '\f':
			*w++ = 'f';
			break;
		case '\n':
			*w++ = 'n';
			break;
		case '\r':
			*w++ = 'r';
			break;
		case '\t':
			*w++ = 't';
			break;
		default:
			memcpy(w, "u00", 3);
			w[3] = hex[c >> 4];
			w[4] = hex[c & 15];
			w += 5;
		}
	}
	*w++ = '"';
	*w = '\0';
	o->len = (size_t)(w - o->text);
}

void fd_json_out_int(struct fd_json_out *o, int64_t v)
{
	char digits[24];
	size_t n = fd_text_int(v, digits);
	fd_json_out_raw(o, digits, n);
}

void fd_json_out_str(struct fd_json_out *o, const char *s)
{
	fd_json_out_string(o, s, strlen(s));
}

void fd_json_out_key(struct fd_json_out *o, const char *key)
{
	if (o->len && o->text[o->len - 1] != '{' && o->text[o->len - 1] != '[')
		fd_json_out_raw(o, ",", 1);
	fd_json_out_str(o, key);
	fd_json_out_raw(o, ":", 1);
}

char *fd_json_out_take(struct fd_json_out *o)
{
	char *text = o->failed ? NULL : o->text ? o->text : calloc(1, 1);
	if (o->failed)
		free(o->text);
	*o = (struct fd_json_out){0};
	return text;
}

void fd_json_out_clear(struct fd_json_out *o)
{
	free(o->text);
	*o = (struct fd_json_out){0};
}

/* --- reading what fd_json_scan_object accepted (fd_json_each) --- */

/* Past the string opening at p: at the first quote not escaped (an odd
 * run of backslashes before it), found with memchr. */
static const char *skip_string(const char *p, const char *end)
{
	for (const char *from = p + 1; from < end;) {
		const char *q = memchr(from, '"', (size_t)(end - from));
		if (!q)
			return NULL;
		size_t slashes = 0;
		while (q - slashes > p + 1 && q[-1 - (long)slashes] == '\\')
			slashes++;
		if (slashes % 2 == 0)
			return q + 1;
		from = q + 1;
	}
	return NULL;
}

/* Past the value at p: strings by their quotes, arrays and objects by
 * their brackets, anything else up to the next delimiter. */
static const char *skip_value(const char *p, const char *end)
{
	if (p >= end)
		return NULL;
	if (*p == '"')
		return skip_string(p, end);
	if (*p != '{' && *p != '[') {
		while (p < end && !strchr(",]} \t\r\n", *p))
			p++;
		return p;
	}
	int depth = 0;
	while (p < end) {
		switch (*p) {
		case '"':
			if (!(p = skip_string(p, end)))
				return NULL;
			continue;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return p + 1;
			break;
		}
		p++;
	}
	return NULL;
}

const char *fd_json_skip(const char *p, const char *end)
{
	return skip_value(p, end);
}

const char *fd_json_walk(const char *p, const char *end, fd_json_value_fn fn, void *ctx)
{
	p = scan_ws(p, end); /* a whole text may start with blanks */
	if (p >= end || (*p != '{' && *p != '['))
		return NULL;
	bool object = *p == '{';
	char close = object ? '}' : ']';
	p = scan_ws(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		const char *key = NULL;
		size_t key_len = 0;
		if (object) {
			const char *q = p < end && *p == '"' ? skip_string(p, end) : NULL;
			if (!q)
				return NULL;
			key = p + 1;
			key_len = (size_t)(q - p) - 2;
			p = scan_ws(q, end);
			if (p >= end || *p != ':')
				return NULL;
			p = scan_ws(p + 1, end);
		}
		if (p >= end)
			return NULL;
		const char *q = fn(ctx, key, key_len, p, end);
		if (!q || q == p || q > end)
			return NULL;
		p = scan_ws(q, end);
		if (p < end && *p == ',') {
			p = scan_ws(p + 1, end);
			continue;
		}
		return p < end && *p == close ? p + 1 : NULL;
	}
}

struct each {
	fd_json_member_fn fn;
	void *ctx;
	bool stopped;
};

static const char *each_value(void *ctx, const char *key, size_t key_len, const char *value, const char *end)
{
	struct each *e = ctx;
	const char *q = skip_value(value, end);
	if (!q || q == value)
		return NULL;
	struct fd_json_member m = {
	    .key = key, .key_len = key_len, .value = value, .value_len = (size_t)(q - value)};
	if (!e->fn(e->ctx, &m)) {
		e->stopped = true;
		return NULL;
	}
	return q;
}

bool fd_json_each(const char *value, size_t len, fd_json_member_fn fn, void *ctx)
{
	struct each e = {fn, ctx, false};
	return fd_json_walk(value, value + len, each_value, &e) || e.stopped;
}

bool fd_json_string_text(const char *value, size_t len, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	if (len < 2 || value[0] != '"')
		return true;
	const char *p = value + 1, *end = value + len - 1;
	/* Bytes past size - 1 are decoded (and judged) but not kept. */
#define PUT(c)                                                                                               \
	do {                                                                                                 \
		if (n + 1 < size)                                                                            \
			out[n++] = (char)(c);                                                                \
	} while (0)
	while (p < end) {
		const char *run = p;
		while (p < end && *p != '\\')
			p++;
		size_t k = (size_t)(p - run);
		if (k > size - 1 - n)
			k = size - 1 - n;
		memcpy(out + n, run, k);
		n += k;
		if (p >= end)
			break;
		if (++p >= end)
			return false;
		char c = *p++;
		switch (c) {
		case 'b':
			PUT('\b');
			break;
		case 'f':
			PUT('\f');
			break;
		case 'n':
			PUT('\n');
			break;
		case 'r':
			PUT('\r');
			break;
		case 't':
			PUT('\t');
			break;
		case '"':
		case '\\':
		case '/':
			PUT(c);
			break;
		case 'u': {
			/* As cJSON: a high surrogate needs its low one after it. */
			long cp = hex4(p, end);
			if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
				return false;
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				long lo = end - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2, end) : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return false;
				p += 6;
				cp = 0x10000 + (((cp & 0x3FF) << 10) | (lo & 0x3FF));
			}
			if (cp == 0)
				return false;
			if (cp < 0x80) {
				PUT(cp);
			} else if (cp < 0x800) {
				PUT(0xC0 | (cp >> 6));
				PUT(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				PUT(0xE0 | (cp >> 12));
				PUT(0x80 | ((cp >> 6) & 0x3F));
				PUT(0x80 | (cp & 0x3F));
			} else {
				PUT(0xF0 | (cp >> 18));
				PUT(0x80 | ((cp >> 12) & 0x3F));
				PUT(0x80 | ((cp >> 6) & 0x3F));
				PUT(0x80 | (cp & 0x3F));
			}
			break;
		}
		default:
			return false;
		}
	}
#undef PUT
	out[n] = '\0';
	return true;
}
