// SPDX-License-Identifier: GPL-3.0-or-later
/* Errors as values: every function that can fail fills a struct fd_error with
 * a machine code (for the API and tests) and a message a person can act on.
 * The contract everywhere: an err out-parameter may be NULL (a caller that
 * only wants the status). A function whose job is to report an error
 * (ui_error, srv_resp_fd_error, cli_error) takes it as input, not NULL. */
#ifndef FD_CORE_ERROR_H
#define FD_CORE_ERROR_H

#include <stdarg.h>

enum fd_status {
	FD_OK = 0,
	FD_E_INVALID,   /* bad input: a field is missing, malformed or out of range */
	FD_E_NOT_FOUND, /* the thing named does not exist */
	FD_E_CONFLICT,  /* a business rule refuses it (room taken, wrong state) */
	FD_E_FORBIDDEN, /* the actor's role may not do this */
	FD_E_BUSY,      /* transient: database locked, try again */
	FD_E_IO,        /* storage or network failure */
	FD_E_NOMEM,
};

struct fd_error {
	enum fd_status status;
	char code[32];  /* machine code, e.g. "room_taken", "invalid_field" */
	char field[48]; /* the field at fault, when there is one */
	char message[384];
};

/* Fill err (may be NULL) and return status. The message is printf-style and
 * should already be translated by the caller (pass _("...")). */
enum fd_status fd_fail(struct fd_error *err, enum fd_status status, const char *code, const char *field,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void fd_error_clear(struct fd_error *err);
/* The status a callee left in err after it failed, for passing the failure
 * on; fallback when the caller passed no err (NULL is allowed everywhere). */
static inline enum fd_status fd_error_status(const struct fd_error *err, enum fd_status fallback)
{
	return err ? err->status : fallback;
}
const char *fd_status_name(enum fd_status status);

#endif
