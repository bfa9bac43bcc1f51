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

/* JSON text written piece by piece, byte for byte what
 * cJSON_PrintUnformatted prints for the same values (strings escaped as
 * cJSON escapes them, no spaces; integers whole, as a raw member holding
 * their decimal text prints, never cJSON's 15-digit doubles): an answer printed
 * once, without building a tree to print and free (a push's answers).
 * Start from {0}; the text grows as needed. */
struct fd_json_out {
	char *p;
	size_t len, cap;
	bool nomem; /* a piece did not fit in memory: fd_json_out_take gives NULL */
};
void fd_json_out_raw(struct fd_json_out *o, const char *s, size_t n);
void fd_json_out_str(struct fd_json_out *o, const char *s); /* a JSON string */
void fd_json_out_int(struct fd_json_out *o, int64_t v);
/* A member's name, after a comma unless the object just opened. */
void fd_json_out_key(struct fd_json_out *o, const char *key);
/* The text, the caller's to free (NULL when memory ran out); o is {0} again. */
char *fd_json_out_take(struct fd_json_out *o);

#endif
