// SPDX-License-Identifier: GPL-3.0-or-later
/* The mail queue's sender side on PostgreSQL (mail.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pg/mail.h"
#include "pg/pg_internal.h"

#define I(buf, v) fd_pg_int(buf, (int64_t)(v))

enum fd_status fd_pg_mail_claim(struct fd_pg *pg, int64_t now, struct fd_mail *out, struct fd_error *err)
{
	static const char sql[] =
	    "SELECT property_id, id, booking_id, kind, recipient, state, attempts, next_at, error, "
	    "message_id,"
	    " sent_at, requested_by, created_at, version FROM mail WHERE state = 'queued' AND next_at <= $1"
	    " ORDER BY next_at, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";
	memset(out, 0, sizeof *out);
	enum fd_status st = fd_pg_begin_unlocked(pg, err);
	if (st)
		return st;
	char t[FD_PG_INT_LEN];
	const char *a[] = {I(t, now)};
	PGresult *r;
	if ((st = fd_pg_run(pg, sql, 1, a, &r, "reading the mail queue", err))) {
		fd_pg_rollback(pg);
		return st;
	}
	if (PQntuples(r) == 0) {
		PQclear(r);
		fd_pg_rollback(pg);
		return FD_E_NOT_FOUND;
	}
	char state[16];
	fd_pg_use_property(pg, PQgetvalue(r, 0, 0));
	fd_pg_col_text(r, 0, 1, out->id, sizeof out->id);
	fd_pg_col_text(r, 0, 2, out->booking_id, sizeof out->booking_id);
	fd_pg_col_text(r, 0, 3, out->kind, sizeof out->kind);
	fd_pg_col_text(r, 0, 4, out->recipient, sizeof out->recipient);
	fd_pg_col_text(r, 0, 5, state, sizeof state);
	fd_mail_state_parse(state, &out->state);
	out->attempts = (int)fd_pg_col_int(r, 0, 6);
	out->next_at = fd_pg_col_int(r, 0, 7);
	fd_pg_col_text(r, 0, 8, out->error, sizeof out->error);
	fd_pg_col_text(r, 0, 9, out->message_id, sizeof out->message_id);
	out->sent_at = fd_pg_col_int(r, 0, 10);
	fd_pg_col_text(r, 0, 11, out->requested_by, sizeof out->requested_by);
	out->created_at = fd_pg_col_int(r, 0, 12);
	out->version = fd_pg_col_int(r, 0, 13);
	PQclear(r);
	return FD_OK;
}

enum fd_status fd_pg_mail_settle(struct fd_pg *pg, const struct fd_mail *m, struct fd_error *err)
{
	/* The hotel's feed counter, locked as fd_pg_begin locks it, only now:
	 * the hotel's writers never waited for the relay. The lock order (a
	 * mail row, then the counter) cannot deadlock with an operation's
	 * (the counter, then at most a new mail row). */
	static const char lock[] = "INSERT INTO feed_counters (property_id, seq) VALUES ($1, 0)"
	                           " ON CONFLICT (property_id) DO UPDATE SET seq = feed_counters.seq";
	static const char sql[] =
	    "UPDATE mail SET state = $3, attempts = $4, next_at = $5, error = $6, message_id = $7,"
	    " sent_at = $8, version = version + 1, updated_at = $9 WHERE property_id = $1 AND id = $2";
	char att[FD_PG_INT_LEN], next[FD_PG_INT_LEN], sent[FD_PG_INT_LEN], at[FD_PG_INT_LEN];
	const char *p[] = {pg->property};
	const char *a[] = {pg->property,
	                   m->id,
	                   fd_mail_state_name(m->state),
	                   I(att, m->attempts),
	                   I(next, m->next_at),
	                   m->error,
	                   m->message_id,
	                   I(sent, m->sent_at),
	                   I(at, time(NULL))};
	fd_pg_set_op(pg, "");
	pg->last_seq = 0;
	enum fd_status st = fd_pg_do(pg, lock, 1, p, "locking the property for writing", err);
	if (!st)
		st = fd_pg_do(pg, sql, 9, a, "recording a mail's delivery", err);
	if (!st)
		st = fd_pg_record_change(pg, "mail", m->id, NULL, err);
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	return st;
}
