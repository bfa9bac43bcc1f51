// SPDX-License-Identifier: GPL-3.0-or-later
/* Request-body helpers shared by the endpoint files of src/server/. */
#ifndef FD_SERVER_API_UTIL_H
#define FD_SERVER_API_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "core/error.h"
#include "server/server.h"

/* Parse the body as a JSON object whose fields are all in fields
 * (NULL-terminated); refuses others naming them. *out owned by the caller. */
enum fd_status srv_body_parse(const struct srv_req *r, const char *const *fields, cJSON **out,
                              struct fd_error *err);
enum fd_status srv_json_str(const cJSON *o, const char *name, char *out, size_t size, bool required,
                            struct fd_error *err);

#endif
