// SPDX-License-Identifier: GPL-3.0-or-later
/* The administration endpoints a terminal calls (admin_api.c): staff with
 * their password, a password reset, the enrolled devices, revoking one,
 * enrolment codes, and a terminal asking whether it is still enrolled. */
#ifndef FD_SERVER_ADMIN_API_H
#define FD_SERVER_ADMIN_API_H

#include "core/entity.h"
#include "server/route.h"
#include "server/token.h"

srv_handler srv_admin_staff_create, srv_admin_staff_password, srv_admin_devices, srv_admin_device_revoke,
    srv_admin_enroll_code, srv_admin_device_current;

/* The same on PostgreSQL, for the caller's hotel (pg_admin.c): admin_api.c
 * reads and checks the request and answers; these keep the rows, in one
 * transaction each, audited. srv_pg_staff_add applies op (staff.create, as
 * the caller) and sets the new person's password (pw: policy checked);
 * *seq is the change's sequence; a refusal is audited in a transaction of
 * its own (*audited). srv_pg_password_set: *ended sessions of user ended.
 * srv_pg_enroll_code_new: a one-time code for the caller's hotel. */
struct fd_op;
enum fd_status srv_pg_staff_add(struct srv *s, const struct srv_caller *c, const struct fd_op *op,
                                const char *pw, int64_t *seq, bool *audited, struct fd_error *err);
enum fd_status srv_pg_password_set(struct srv *s, const struct srv_caller *c, const char *user,
                                   const char *pw, int *ended, struct fd_error *err);
enum fd_status srv_pg_enroll_code_new(struct srv *s, const struct srv_caller *c, int64_t ttl,
                                      char code[SRV_TOKEN_LEN], struct fd_error *err);
/* srv_audit_event's row in the current hotel's audit log, inside its
 * writing transaction (fd_pg_begin). */
struct fd_pg;
enum fd_status srv_pg_audit_event(struct fd_pg *pg, const struct srv_caller *c, const char *type,
                                  const char *entity, const char *id, struct fd_error *err);

/* The audit row of what is not an operation of core (a password set, a
 * device revoked, an enrolment code made) as the caller did it, built
 * once for both stores: each appends it with its own call
 * (fd_audit_append, fd_pg_audit_append). op_id receives the row's new id;
 * the row borrows it and the other strings. */
struct fd_audit_row;
void srv_audit_event(const struct srv_caller *c, const char *type, const char *entity, const char *id,
                     char op_id[FD_ID_LEN], struct fd_audit_row *row);

#endif
