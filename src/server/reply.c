// SPDX-License-Identifier: GPL-3.0-or-later
/* Answers and request bodies (reply.h). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/text.h"
#include "server/reply.h"

/* --- answers --- */

void srv_resp_json(struct srv_resp *out, int status, cJSON *doc)
{
	out->status = status;
	out->body = cJSON_PrintUnformatted(doc);
	out->content_type = "application/json";
	cJSON_Delete(doc);
}

void srv_resp_json_text(struct srv_resp *out, int status, char *text)
{
	out->status = status;
	out->body = text;
	out->content_type = "application/json";
}

void srv_json_add_int(cJSON *o, const char *name, int64_t v)
{
	char text[24];
	fd_text_int(v, text);
	cJSON_AddRawToObject(o, name, text);
}

static void resp_error_v(struct srv_resp *out, int status, const char *code, const char *field,
                         const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	cJSON *doc = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(doc, "error");
	cJSON_AddStringToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", msg);
	if (field && field[0])
		cJSON_AddStringToObject(e, "field", field);
	srv_resp_json(out, status, doc);
}

void srv_resp_error(struct srv_resp *out, int status, const char *code, const char *field, const char *fmt,
                    ...)
{
	va_list ap;
	va_start(ap, fmt);
	resp_error_v(out, status, code, field, fmt, ap);
	va_end(ap);
}

void srv_resp_fd_error(struct srv_resp *out, const struct fd_error *err)
{
	int status = 500;
	switch (err->status) {
	case FD_E_INVALID:
		status = 400;
		break;
	case FD_E_NOT_FOUND:
		status = 404;
		break;
	case FD_E_CONFLICT:
		status = 409;
		break;
	case FD_E_FORBIDDEN:
		status = strcmp(err->code, "unauthorized") == 0 ||
		                 strcmp(err->code, "session_expired") == 0 ||
		                 strcmp(err->code, "device_revoked") == 0
		             ? 401
		             : 403;
		break;
	case FD_E_BUSY:
	case FD_E_IO:
		status = 503;
		out->retry_after = 1;
		break;
	default:
		break;
	}
	srv_resp_error(out, status, err->code[0] ? err->code : fd_status_name(err->status), err->field, "%s",
	               err->message[0] ? err->message : fd_status_name(err->status));
}

void srv_resp_init(struct srv_resp *out)
{
	memset(out, 0, offsetof(struct srv_resp, header_names));
}

void srv_resp_header(struct srv_resp *out, const char *name, const char *value)
{
	if (out->n_headers >= (int)(sizeof out->header_names / sizeof *out->header_names))
		return;
	snprintf(out->header_names[out->n_headers], sizeof out->header_names[0], "%s", name);
	snprintf(out->header_values[out->n_headers], sizeof out->header_values[0], "%s", value);
	out->n_headers++;
}

/* --- bodies --- */

enum fd_status srv_body_parse(const struct srv_req *r, const char *const *fields, cJSON **out,
                              struct fd_error *err)
{
	*out = NULL;
	if (!r->body || r->body_len == 0)
		return fd_fail(err, FD_E_INVALID, "invalid_json", "body", "The request needs a JSON body.");
	/* Strict: malformed UTF-8 and NUL escapes are refused, not truncated
	 * ("fo1\u0000admin" must not sign in as fo1). */
	cJSON *doc = fd_json_parse(r->body, r->body_len, err);
	if (!doc) {
		if (err)
			snprintf(err->field, sizeof err->field, "%s", "body");
		return FD_E_INVALID;
	}
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		return fd_fail(err, FD_E_INVALID, "invalid_json", "body", "The body must be a JSON object.");
	}
	for (const cJSON *f = doc->child; f; f = f->next) {
		bool known = false;
		for (int i = 0; fields[i] && !known; i++)
			known = strcmp(fields[i], f->string) == 0;
		if (!known) {
			fd_fail(err, FD_E_INVALID, "unknown_field", f->string, "Unknown field \"%s\".",
			        f->string);
			cJSON_Delete(doc);
			return FD_E_INVALID;
		}
	}
	*out = doc;
	return FD_OK;
}

enum fd_status srv_json_str(const cJSON *o, const char *name, char *out, size_t size, bool required,
                            struct fd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	out[0] = '\0';
	if (!v) {
		if (required)
			return fd_fail(err, FD_E_INVALID, "missing_field", name, "Field \"%s\" is required.",
			               name);
		return FD_OK;
	}
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= size || (required && !v->valuestring[0]))
		return fd_fail(err, FD_E_INVALID, "invalid_field", name,
		               "Field \"%s\" must be a non-empty string of at most %zu bytes.", name,
		               size - 1);
	snprintf(out, size, "%s", v->valuestring);
	return FD_OK;
}
