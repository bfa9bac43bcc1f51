// SPDX-License-Identifier: GPL-3.0-or-later
/* The mail table (core migration 21): documents sent by e-mail. The
 * repository queues them (document.send); these are the server sender's
 * and the desk's reads and writes. */
#ifndef FD_STORE_MAIL_H
#define FD_STORE_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/mail.h"
#include "store/db.h"

/* A mail's state as the server sent it (the change feed): insert or replace. */
enum fd_status fd_mail_put(struct fd_db *db, const struct fd_mail *m, struct fd_error *err);
/* The next queued mail due at now (oldest first): FD_OK, or FD_E_NOT_FOUND
 * when none is due; *next_at (when not NULL) is the earliest later attempt
 * of any queued mail, 0 when there is none. */
enum fd_status fd_mail_next_due(struct fd_db *db, int64_t now, struct fd_mail *out, int64_t *next_at,
                                struct fd_error *err);
/* Record an attempt's outcome (state, attempts, next_at, error, message_id,
 * sent_at of m) as a new version, and tell the change hook. */
enum fd_status fd_mail_settle(struct fd_db *db, const struct fd_mail *m, struct fd_error *err);

/* A mail as the desk lists it: with its booking's code. */
struct fd_mail_row {
	struct fd_mail m;
	char code[FD_CODE_LEN];
};
typedef bool (*fd_mail_cb)(void *ctx, const struct fd_mail_row *row);
enum fd_status fd_mail_get(struct fd_db *db, const char *id, struct fd_mail_row *out, struct fd_error *err);
/* Mails of one booking (booking_id), or every mail when booking_id is NULL
 * or "", newest first, at most limit. */
enum fd_status fd_mail_list(struct fd_db *db, const char *booking_id, int limit, fd_mail_cb cb, void *ctx,
                            struct fd_error *err);

/* What a mail's state says to the desk: "sent 2026-11-25 14:02", "not sent:
 * relay refused (attempt 2; trying again at ...)", "queued: the server
 * sends it"; times in the process's time zone. */
void fd_mail_state_text(const struct fd_mail *m, char *out, size_t size);

#endif
