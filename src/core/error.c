// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/error.h"

#include <stdio.h>
#include <string.h>

enum fd_status fd_fail(struct fd_error *err, enum fd_status status, const char *code, const char *field,
                       const char *fmt, ...)
{
	if (!err)
		return status;
	err->status = status;
	snprintf(err->code, sizeof err->code, "%s", code ? code : "");
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return status;
}

void fd_error_clear(struct fd_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *fd_status_name(enum fd_status status)
{
	switch (status) {
	case FD_OK:
		return "ok";
	case FD_E_INVALID:
		return "invalid";
	case FD_E_NOT_FOUND:
		return "not_found";
	case FD_E_CONFLICT:
		return "conflict";
	case FD_E_FORBIDDEN:
		return "forbidden";
	case FD_E_BUSY:
		return "busy";
	case FD_E_IO:
		return "io";
	case FD_E_NOMEM:
		return "nomem";
	}
	return "unknown";
}
