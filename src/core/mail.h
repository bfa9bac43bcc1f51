// SPDX-License-Identifier: GPL-3.0-or-later
/* A document sent by e-mail (the document.send operation): which booking,
 * which document, to whom, and how its delivery stands. The server's
 * sender delivers it after the operation commits; its state reaches every
 * desk through the change feed. */
#ifndef FD_CORE_MAIL_H
#define FD_CORE_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/entity.h"

#define FD_MAIL_ADDR_LEN 255 /* an address as long as SMTP allows, and its NUL */

enum fd_mail_state {
	FD_MAIL_QUEUED, /* waiting for (another) attempt */
	FD_MAIL_SENT,   /* the relay accepted it */
	FD_MAIL_FAILED, /* given up after the last attempt */
};

struct fd_mail {
	char id[FD_ID_LEN]; /* the operation that asked for it */
	char booking_id[FD_ID_LEN];
	char kind[16]; /* "confirmation" or "invoice" */
	char recipient[FD_MAIL_ADDR_LEN];
	enum fd_mail_state state;
	int attempts;
	int64_t next_at; /* unix time of the next attempt (queued) */
	char error[256]; /* why the last attempt failed ("" when none did) */
	char message_id[160];
	int64_t sent_at;
	char requested_by[FD_USER_LEN];
	int64_t created_at;
	int64_t version;
};

const char *fd_mail_state_name(enum fd_mail_state s);
bool fd_mail_state_parse(const char *s, enum fd_mail_state *out);
/* Is kind a document that can be sent ("confirmation", "invoice")? */
bool fd_mail_kind_valid(const char *kind);
/* One bare address a relay takes (local@domain, printable ASCII, no spaces,
 * quotes, angle brackets or line breaks: nothing that could add a header
 * or a recipient). */
bool fd_mail_address_valid(const char *addr);

#endif
