// SPDX-License-Identifier: GPL-3.0-or-later
/* The sender on PostgreSQL: documents by e-mail queued by document.send in
 * any hotel of the database (src/pg/mail.h), sent through the relay the
 * way mail.c sends a SQLite hotel's. Every frontdeskd on the database runs
 * one; a mail is claimed by one of them at a time (its row locked, the
 * others skip it), so it goes out once however many servers there are,
 * and its outcome is a change in its hotel's feed: the desk sees "sent",
 * or "not sent" and why. */
#include "config.h"

#include <time.h>

#include "pg/mail.h"
#include "server/log.h"
#include "server/server.h"

void *srv_pg_mailer_main(void *arg)
{
	struct srv *s = arg;
	struct fd_pg *pg = NULL;
	while (!s->stopping) {
		struct fd_error err = {0};
		int64_t now = (int64_t)time(NULL);
		if (!pg && !(pg = fd_pg_open(s->cfg.database, &err))) {
			srv_mail_sleep(s, now, 0);
			continue;
		}
		struct fd_mail m;
		enum fd_status st = fd_pg_mail_claim(pg, now, &m, &err);
		if (st == FD_E_NOT_FOUND) {
			srv_mail_sleep(s, now, 0);
			continue;
		}
		if (st) {
			if (st != FD_E_BUSY) /* the database unreachable: a failover says so */
				srv_log(SRV_LOG_WARNING, "cannot read the mail queue: %s", err.message);
			srv_mail_sleep(s, now, 0);
			continue;
		}
		srv_mail_attempt(s, fd_pg_repo(pg), &m);
		if (fd_pg_mail_settle(pg, &m, &err))
			srv_log(SRV_LOG_ERR, "could not record the delivery of mail %s: %s", m.id,
			        err.message);
	}
	fd_pg_close(pg);
	return NULL;
}
