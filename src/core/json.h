// SPDX-License-Identifier: GPL-3.0-or-later
/* Parsing JSON that comes from outside (request bodies, the sync feed,
 * files): cJSON accepts malformed UTF-8 and turns "\u0000" into a C string
 * that silently ends early ("fo1\u0000admin" would read as "fo1"), so both
 * are refused here, before cJSON sees the text. */
#ifndef FD_CORE_JSON_H
#define FD_CORE_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Parse buf[0..len) as one JSON document. Returns a new tree the caller
 * frees with cJSON_Delete, or NULL with err (may be NULL) saying what is
 * wrong and at which byte. */
cJSON *fd_json_parse(const char *buf, size_t len, struct fd_error *err);

/* A JSON number that fits an int64 exactly as cJSON holds it (a double:
 * within +-9e15, not NaN), truncated to a whole number. False for anything
 * else: converting 1e66 to an integer is undefined behaviour in C. */
bool fd_json_int(const cJSON *v, int64_t *out);

/* A member of a JSON object as spans of the text it was read from: its
 * key as written (escapes not decoded) and its whole value; count, the
 * elements (or members) of a value that is an array (or object), grand
 * theirs together (a snapshot page's rows: {"room": [...], ...}). */
struct fd_json_member {
	const char *key;
	size_t key_len;
	const char *value;
	size_t value_len;
	size_t count;
	size_t grand;
};

/* Called for each member of the object in order; false stops the scan
 * (fd_json_scan_object then returns true: the text read was valid). */
typedef bool (*fd_json_member_fn)(void *ctx, const struct fd_json_member *m);

/* Check buf[0..len) as one JSON object the way fd_json_parse would accept
 * it (valid UTF-8, no NUL, RFC 8259 syntax, nesting at most 64 deep) and
 * give each of its members to fn, without building a tree: a snapshot
 * page of megabytes is read for its few header members and staged as
 * text, to be parsed once when it is installed. False with err when the
 * text is not such an object. */
bool fd_json_scan_object(const char *buf, size_t len, fd_json_member_fn fn, void *ctx, struct fd_error *err);

/* The members of the object (or the elements of the array: key NULL) at
 * value[0..len), a part of a text fd_json_scan_object accepted (a staged
 * snapshot page), each given to fn in order without a tree and without
 * checking the text again: strings are skipped by their quotes. Bounded
 * by len whatever the text; false when it is not an object or array
 * after all (count and grand are not set). */
bool fd_json_each(const char *value, size_t len, fd_json_member_fn fn, void *ctx);

/* The same without walking a value twice: fn is given each member's key
 * (NULL in an array) and where its value starts, and returns past the
 * value, having read it (fd_json_walk again, to go down) or skipped it
 * (fd_json_skip); NULL stops the walk. Returns past the object or array
 * at p, or NULL when it is not one or fn stopped. */
typedef const char *(*fd_json_value_fn)(void *ctx, const char *key, size_t key_len, const char *value,
                                        const char *end);
const char *fd_json_walk(const char *p, const char *end, fd_json_value_fn fn, void *ctx);
/* Past the value at p, or NULL. */
const char *fd_json_skip(const char *p, const char *end);

/* The text of the JSON string at value[0..len) (quotes included) decoded
 * as cJSON decodes it, cut to size - 1 bytes and NUL-terminated in out
 * ("" for a value that is not a string). False for an escape cJSON
 * refuses (a lone UTF-16 surrogate, "\u0000"). */
bool fd_json_string_text(const char *value, size_t len, char *out, size_t size);

/* A JSON text written piece by piece: a snapshot page of megabytes is
 * written straight from the rows read instead of as a tree of a few
 * hundred thousand nodes printed afterwards (the tree and its printing
 * were most of the server's time per page). Strings are escaped exactly
 * as cJSON prints them, integers written as their digits. Start from
 * {0}; a failed allocation sets failed and makes later writes no-ops. */
struct fd_json_out {
	char *text; /* NUL-terminated once anything is written */
	size_t len;
	size_t cap;
	bool failed;
};

void fd_json_out_raw(struct fd_json_out *o, const char *s, size_t n);
/* s[0..n) as a JSON string, quotes included. */
void fd_json_out_string(struct fd_json_out *o, const char *s, size_t n);
void fd_json_out_int(struct fd_json_out *o, int64_t v);
/* A NUL-terminated string, as fd_json_out_string. */
void fd_json_out_str(struct fd_json_out *o, const char *s);
/* A member's name and its colon, after a comma unless the object just
 * opened (a push's answers). */
void fd_json_out_key(struct fd_json_out *o, const char *key);
/* The text written (the caller frees it), or NULL when an allocation
 * failed; o is empty again either way. */
char *fd_json_out_take(struct fd_json_out *o);
void fd_json_out_clear(struct fd_json_out *o);

#endif
