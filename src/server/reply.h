// SPDX-License-Identifier: GPL-3.0-or-later
/* Answers and request bodies: the JSON replies and error bodies every
 * endpoint file of src/server/ sends, and the body readers they share. */
#ifndef FD_SERVER_REPLY_H
#define FD_SERVER_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "core/error.h"
#include "server/server.h"

/* A JSON answer; doc is freed. */
void srv_resp_json(struct srv_resp *out, int status, cJSON *doc);
/* A JSON answer written as text (fd_json_out); text is taken. */
void srv_resp_json_text(struct srv_resp *out, int status, char *text);
/* {"error":{"code","message","field"?}} */
void srv_resp_error(struct srv_resp *out, int status, const char *code, const char *field, const char *fmt,
                    ...) __attribute__((format(printf, 5, 6)));
/* The error body of err, with the HTTP status its fd_status maps to. */
void srv_resp_fd_error(struct srv_resp *out, const struct fd_error *err);

/* Add an integer member printed as its decimal digits. cJSON prints every
 * number through "%1.15g" and reads it back with sscanf to check it: in a
 * push, where each operation's answer carries two numbers and is printed
 * twice (recorded, then answered), that was a tenth of the printing. The
 * member is raw text: for printing only, not for reading back in place. */
void srv_json_add_int(cJSON *o, const char *name, int64_t v);

/* Parse the body as a JSON object whose fields are all in fields
 * (NULL-terminated); refuses others naming them. *out owned by the caller. */
enum fd_status srv_body_parse(const struct srv_req *r, const char *const *fields, cJSON **out,
                              struct fd_error *err);
enum fd_status srv_json_str(const cJSON *o, const char *name, char *out, size_t size, bool required,
                            struct fd_error *err);

#endif
