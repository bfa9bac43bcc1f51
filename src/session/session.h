// SPDX-License-Identifier: GPL-3.0-or-later
/* A session on this terminal's hotel: the data directory, the database, the
 * device, its enrolment, and the one decision of who is acting. The command
 * line and the application both work through one, so they apply operations,
 * queue them for sync and look bookings up the same way.
 *
 * Why its own folder (libfdsession.a): it sits on top of the store (the
 * database, applying operations) and of sync (enrolment and sign-in decide
 * who acts and whether work is queued for the server), and under both
 * programs' front ends (src/cli, ui/). Inside src/sync it would make the
 * sync engine's library own the command line's notion of "who acts"; in
 * src/cli the application would call into the command line. */
#ifndef FD_SESSION_SESSION_H
#define FD_SESSION_SESSION_H

#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"
#include "core/op.h"
#include "core/perm.h"
#include "store/db.h"
#include "store/query.h"

struct fd_session {
	char data_dir[3900];
	char db_path[4096];
	struct fd_db *db;            /* owned; NULL until fd_session_open */
	char requested[FD_USER_LEN]; /* --as / FRONTDESK_USER, "" = none */
	char actor[FD_USER_LEN];     /* who acts; "" = the terminal's owner (trusted) */
	char device[FD_DEVICE_LEN];  /* the enrolled device id, or "local" */
	bool enrolled;               /* a server is enrolled: work is queued for sync */
	/* The acting person proved who they are: the signed-in user, anybody
	 * on a terminal that is not enrolled, or --as with their password
	 * (fd_session_prove). Unproven, fd_session_apply refuses. */
	bool proven;
	bool signs;           /* sk holds the actor's signing key: operations are signed */
	unsigned char sk[64]; /* see src/store/opsig.h */
	/* A manager signed in over the desk session for one action
	 * (fd_session_over_begin): who was acting at the desk, recorded in the
	 * operation as "desk", and the desk's state to go back to. */
	char desk[FD_USER_LEN];
	struct {
		char requested[FD_USER_LEN], actor[FD_USER_LEN];
		bool proven, signs;
		unsigned char sk[64];
	} saved;
};

enum fd_session_flags {
	FD_SESSION_CREATE = 1 << 0,       /* create the data directory (0700) and database */
	FD_SESSION_TELL_UPGRADE = 1 << 1, /* say on stderr when the schema is upgraded first */
};

/* The default data directory: $XDG_DATA_HOME/frontdesk or
 * ~/.local/share/frontdesk. */
void fd_session_default_dir(char *out, size_t size);

/* Open the hotel in data_dir (NULL: the default directory). as_user names
 * the staff member who acts (NULL or "": the signed-in one, else the
 * terminal's owner). s is the caller's; on failure it stays closed. */
enum fd_status fd_session_open(struct fd_session *s, const char *data_dir, const char *as_user,
                               unsigned flags, struct fd_error *err);
/* Close the database; s can be opened again. Idempotent. */
void fd_session_close(struct fd_session *s);

/* The name operations carry as their actor ("local" for the owner). */
const char *fd_session_actor(const struct fd_session *s);

/* Enrol this terminal with a server / sign a staff member in or out, and
 * take the new state into the session (device, enrolment, who acts). */
enum fd_status fd_session_enroll(struct fd_session *s, const char *url, const char *code, const char *name,
                                 struct fd_error *err);
enum fd_status fd_session_login(struct fd_session *s, const char *user, const char *password, bool *offline,
                                struct fd_error *err);
enum fd_status fd_session_logout(struct fd_session *s, struct fd_error *err);

/* Prove the identity of the --as user with their password (checked against
 * the verifier cached on this terminal at their last sign-in, no network). */
enum fd_status fd_session_prove(struct fd_session *s, const char *password, struct fd_error *err);

/* A manager (or anyone) signs in over the desk session for one action, as
 * --as does: with their password, checked against the verifier cached on
 * this terminal at their last sign-in (on a terminal that is not enrolled
 * the owner is trusted, as for --as). Until fd_session_over_end, they act
 * and the night audit and a refund record the desk's user too ("desk").
 * On failure nothing changed. */
enum fd_status fd_session_over_begin(struct fd_session *s, const char *user, const char *password,
                                     struct fd_error *err);
void fd_session_over_end(struct fd_session *s);

/* Prepare a new operation of type by the acting user, with an empty
 * payload object (owned by op). */
void fd_session_op(const struct fd_session *s, struct fd_op *op, const char *type);
/* Apply ops in one transaction as the acting user, and queue them in the
 * outbox when the terminal is enrolled. Clears ops. results (n) may be
 * NULL; on failure *err says why and nothing changed. */
enum fd_status fd_session_apply(struct fd_session *s, struct fd_op *ops, int n, struct fd_op_result *results,
                                struct fd_error *err);
/* Judge ops as fd_session_apply would, and change nothing (for asking a
 * person to confirm only what would be accepted). Clears ops. */
enum fd_status fd_session_check(struct fd_session *s, struct fd_op *ops, int n, struct fd_error *err);
/* The night audit of day: the operation's actor is the audit itself, the
 * acting user is named in its payload (the handler checks their role). */
/* check: only judge it, as fd_session_check. */
enum fd_status fd_session_check_night_audit(struct fd_session *s, fd_date day, struct fd_error *err);
enum fd_status fd_session_night_audit(struct fd_session *s, fd_date day, struct fd_op_result *result,
                                      struct fd_error *err);

/* Which reports the acting person may read (core/perm.h): all for the
 * terminal's owner of a standalone hotel and for managers; their own
 * cashier lines for staff. An unproven or unknown person is refused (err,
 * and the refusal is recorded in the audit log). */
enum fd_status fd_session_report_access(struct fd_session *s, enum fd_report_access *access,
                                        struct fd_error *err);
/* The chain role (core/perm.h) of the acting person when they are the
 * person signed in on this enrolled terminal (a group of hotels on one
 * server: their sign-in said so, see fd_sync_login); FD_CHAIN_NONE
 * otherwise. The server decides what it allows; screens use it to offer
 * what only the server can answer (the chain report). */
enum fd_chain_role fd_session_chain_role(const struct fd_session *s);
/* Does the permission table (core/perm.h) allow the acting person action?
 * The owner of a standalone hotel (nobody signed in, not enrolled) may do
 * everything, as fd_session_apply lets them; otherwise the acting person
 * must be proven, on file and active. For what a screen offers: every
 * operation is still judged when applied. */
bool fd_session_allows(const struct fd_session *s, const char *action);
/* Record in the audit log that the acting person was refused something
 * that is not an operation (what: "report.read", say; detail: which). */
void fd_session_refused(struct fd_session *s, const char *what, const char *detail,
                        const struct fd_error *why);

/* One booking by confirmation code (any case) or id, with its guest. */
enum fd_status fd_session_booking(struct fd_session *s, const char *key, struct fd_booking_row *row,
                                  struct fd_error *err);

#endif
