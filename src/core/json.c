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
			for (int i = 1; i <= 4; i++)
				if (p + i >= end || !strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
					return NULL;
			p += 4;
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

/* --- writing without a tree (fd_json_out) --- */

static bool out_room(struct fd_json_out *o, size_t more)
{
	if (o->nomem)
		return false;
	if (o->len + more + 1 <= o->cap)
		return true;
	size_t cap = o->cap ? o->cap : 256; /* a push's answer, escapes reserved, in one */
	while (cap < o->len + more + 1)
		cap *= 2;
	char *p = realloc(o->p, cap);
	if (!p) {
		o->nomem = true;
		return false;
	}
	o->p = p;
	o->cap = cap;
	return true;
}

void fd_json_out_raw(struct fd_json_out *o, const char *s, size_t n)
{
	if (!out_room(o, n))
		return;
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

/* cJSON's print_string_ptr: the two-character escapes it knows, \u00xx
 * (lower-case hex) for the other bytes below 32, every other byte as is. */
void fd_json_out_str(struct fd_json_out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s);
	if (!out_room(o, 6 * n + 2))
		return;
	char *w = o->p + o->len;
	*w++ = '"';
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		const char *two = NULL;
		switch (*c) {
		case '"':
			two = "\\\"";
			break;
		case '\\':
			two = "\\\\";
			break;
		case '\b':
			two = "\\b";
			break;
		case '\f':
			two = "\\f";
			break;
		case '\n':
			two = "\\n";
			break;
		case '\r':
			two = "\\r";
			break;
		case '\t':
			two = "\\t";
			break;
		default:
			if (*c < 32) {
				memcpy(w, "\\u00", 4);
				w[4] = hex[*c >> 4];
				w[5] = hex[*c & 15];
				w += 6;
			} else {
				*w++ = (char)*c;
			}
			continue;
		}
		*w++ = two[0];
		*w++ = two[1];
	}
	*w++ = '"';
	o->len = (size_t)(w - o->p);
	o->p[o->len] = '\0';
}

void fd_json_out_int(struct fd_json_out *o, int64_t v)
{
	char t[24];
	fd_json_out_raw(o, t, fd_text_int(v, t));
}

void fd_json_out_key(struct fd_json_out *o, const char *key)
{
	if (o->len && o->p[o->len - 1] != '{' && o->p[o->len - 1] != '[')
		fd_json_out_raw(o, ",", 1);
	fd_json_out_str(o, key);
	fd_json_out_raw(o, ":", 1);
}

char *fd_json_out_take(struct fd_json_out *o)
{
	char *p = o->nomem ? NULL : o->p;
	if (!p)
		free(o->p);
	*o = (struct fd_json_out){0};
	return p;
}
