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

#endif
