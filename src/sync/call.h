// SPDX-License-Identifier: GPL-3.0-or-later
/* Calls a person makes of the server from the application, beside the
 * engine's sync: the administration pane's staff with their password, a
 * password reset, the enrolled devices, revoking one, an enrolment code
 * (src/server/admin_api.c). The UI never waits on the network: a call runs
 * in a thread of its own, as the signed-in user's session, and its answer
 * wakes the UI through the engine's pipe (fd_sync_wake_fd); the UI then
 * takes it with fd_sync_call_take.
 *
 * A call's body may hold a password: it is kept in this process's memory
 * only (never in the database), and wiped once the request is sent. There
 * is no queue for such calls on purpose: a secret is never kept to be sent
 * later, so a call made while the server cannot be reached fails at once
 * ("needs the server") rather than waiting. One call at a time. */
#ifndef FD_SYNC_CALL_H
#define FD_SYNC_CALL_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "core/error.h"
#include "sync/sync.h"

struct fd_sync_reply {
	char tag[32];        /* the caller's name for the call */
	enum fd_status st;   /* FD_OK: the server answered 2xx */
	long http;           /* the HTTP status, 0 when the server could not be reached */
	cJSON *doc;          /* the answer's body (the receiver frees it), NULL when none */
	struct fd_error err; /* st != FD_OK: why, a message a person can act on */
};

/* Start a call: method on path with body (taken: wiped and freed; NULL for
 * none), as the session of the user signed in on this terminal. FD_E_BUSY
 * while another call runs; FD_E_FORBIDDEN when nobody is signed in online. */
enum fd_status fd_sync_call(struct fd_sync *s, const char *tag, const char *method, const char *path,
                            cJSON *body, struct fd_error *err);
/* Is a call on its way? */
bool fd_sync_call_busy(struct fd_sync *s);
/* The answer of the last call, once: true when one was waiting (out->doc
 * is then the caller's). */
bool fd_sync_call_take(struct fd_sync *s, struct fd_sync_reply *out);
/* The same for the answer of a call tagged tag only: a screen takes its
 * own answers and leaves another's waiting. */
bool fd_sync_call_take_tag(struct fd_sync *s, const char *tag, struct fd_sync_reply *out);

#endif
