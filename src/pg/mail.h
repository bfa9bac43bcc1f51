// SPDX-License-Identifier: GPL-3.0-or-later
/* The mail queue on PostgreSQL (schema step 13), for the sender of every
 * frontdeskd on the database (src/server/pg_mail.c). One mail at a time is
 * claimed by one sender: its row is locked (FOR UPDATE SKIP LOCKED) from
 * the claim until its outcome is recorded, and every other sender passes
 * over it meanwhile. */
#ifndef FD_PG_MAIL_H
#define FD_PG_MAIL_H

#include "core/mail.h"
#include "pg/pg.h"

/* Begin a transaction and claim the oldest queued mail of any hotel that
 * is due at now and no other sender holds: FD_OK, *out and the
 * connection's property set to the mail's hotel (the transaction stays
 * open: fd_pg_mail_settle or fd_pg_rollback ends it), or FD_E_NOT_FOUND
 * (no transaction left open). */
enum fd_status fd_pg_mail_claim(struct fd_pg *pg, int64_t now, struct fd_mail *out, struct fd_error *err);
/* Record the claimed mail's outcome (state, attempts, next_at, error,
 * message_id, sent_at of m) as a change of the hotel's feed and commit. */
enum fd_status fd_pg_mail_settle(struct fd_pg *pg, const struct fd_mail *m, struct fd_error *err);

#endif
