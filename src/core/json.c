// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/json.h"

#include <stdbool.h>
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
