// SPDX-License-Identifier: GPL-3.0-or-later
/* The mail table's statements (core migration 21, store/schema_docs.c). */
#include "config.h"
#include "store/mail.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/row.h"

#define MAIL_COLS                                                                                            \
	"m.id, m.booking_id, m.kind, m.recipient, m.state, m.attempts, m.next_at, m.error, m.message_id,"    \
	" m.sent_at, m.requested_by, m.created_at, m.version"

static void read_mail(sqlite3_stmt *s, struct fd_mail *m)
{
	char state[16];
	memset(m, 0, sizeof *m);
	fd_col_text(s, 0, m->id, sizeof m->id);
	fd_col_text(s, 1, m->booking_id, sizeof m->booking_id);
	fd_col_text(s, 2, m->kind, sizeof m->kind);
	fd_col_text(s, 3, m->recipient, sizeof m->recipient);
	fd_col_text(s, 4, state, sizeof state);
	fd_mail_state_parse(state, &m->state);
	m->attempts = sqlite3_column_int(s, 5);
	m->next_at = sqlite3_column_int64(s, 6);
	fd_col_text(s, 7, m->error, sizeof m->error);
	fd_col_text(s, 8, m->message_id, sizeof m->message_id);
	m->sent_at = sqlite3_column_int64(s, 9);
	fd_col_text(s, 10, m->requested_by, sizeof m->requested_by);
	m->created_at = sqlite3_column_int64(s, 11);
	m->version = sqlite3_column_int64(s, 12);
}

static void bind_mail(sqlite3_stmt *s, const struct fd_mail *m)
{
	fd_bind_text(s, 1, m->id);
	fd_bind_text(s, 2, m->booking_id);
	fd_bind_text(s, 3, m->kind);
	fd_bind_text(s, 4, m->recipient);
	fd_bind_text(s, 5, fd_mail_state_name(m->state));
	sqlite3_bind_int(s, 6, m->attempts);
	sqlite3_bind_int64(s, 7, m->next_at);
	fd_bind_text(s, 8, m->error);
	fd_bind_text(s, 9, m->message_id);
	sqlite3_bind_int64(s, 10, m->sent_at);
	fd_bind_text(s, 11, m->requested_by);
	sqlite3_bind_int64(s, 12, m->created_at);
	sqlite3_bind_int64(s, 13, m->version);
	sqlite3_bind_int64(s, 14, (int64_t)time(NULL));
}

#define MAIL_INSERT                                                                                          \
	"INSERT INTO mail (id, booking_id, kind, recipient, state, attempts, next_at, error, message_id,"    \
	" sent_at, requested_by, created_at, version, updated_at)"                                           \
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"

static enum fd_status queue_mail(void *ctx, const struct fd_mail *m, struct fd_error *err)
{
	struct fd_db *db = ctx;
	sqlite3_stmt *s = fd_db_stmt(db, MAIL_INSERT " ON CONFLICT(id) DO NOTHING", err);
	if (!s)
		return err ? err->status : FD_E_IO;
	bind_mail(s, m);
	enum fd_status st = fd_step_done(db, s, err, "queueing a mail");
	if (!st && sqlite3_changes(db->db) == 0)
		return FD_OK; /* already there: as it stands */
	return st ? st : fd_db_changed(db, "mail", m->id, err);
}

enum fd_status fd_mail_put(struct fd_db *db, const struct fd_mail *m, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               MAIL_INSERT " ON CONFLICT(id) DO UPDATE SET state = excluded.state,"
	                           " attempts = excluded.attempts, next_at = excluded.next_at,"
	                           " error = excluded.error, message_id = excluded.message_id,"
	                           " sent_at = excluded.sent_at, recipient = excluded.recipient,"
	                           " version = excluded.version, updated_at = excluded.updated_at",
	               err);
	if (!s)
		return err ? err->status : FD_E_IO;
	bind_mail(s, m);
	return fd_step_done(db, s, err, "saving a mail's state");
}

enum fd_status fd_mail_next_due(struct fd_db *db, int64_t now, struct fd_mail *out, int64_t *next_at,
                                struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT " MAIL_COLS " FROM mail m WHERE m.state = 'queued'"
	                             " ORDER BY m.next_at, m.created_at LIMIT 1",
	                             err);
	if (!s)
		return err ? err->status : FD_E_IO;
	enum fd_status st = fd_step_one(db, s, err, "reading the mail queue");
	if (next_at)
		*next_at = 0;
	if (st == FD_OK) {
		read_mail(s, out);
		if (out->next_at > now) {
			if (next_at)
				*next_at = out->next_at;
			st = FD_E_NOT_FOUND;
		}
	}
	sqlite3_reset(s);
	return st;
}

enum fd_status fd_mail_settle(struct fd_db *db, const struct fd_mail *m, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "UPDATE mail SET state = ?2, attempts = ?3, next_at = ?4, error = ?5,"
	                             " message_id = ?6, sent_at = ?7, version = version + 1, updated_at = ?8"
	                             " WHERE id = ?1",
	                             err);
	if (!s)
		return err ? err->status : FD_E_IO;
	fd_bind_text(s, 1, m->id);
	fd_bind_text(s, 2, fd_mail_state_name(m->state));
	sqlite3_bind_int(s, 3, m->attempts);
	sqlite3_bind_int64(s, 4, m->next_at);
	fd_bind_text(s, 5, m->error);
	fd_bind_text(s, 6, m->message_id);
	sqlite3_bind_int64(s, 7, m->sent_at);
	sqlite3_bind_int64(s, 8, (int64_t)time(NULL));
	enum fd_status st = fd_step_done(db, s, err, "recording a mail's delivery");
	return st ? st : fd_db_changed(db, "mail", m->id, err);
}

enum fd_status fd_mail_list(struct fd_db *db, const char *booking_id, int limit, fd_mail_cb cb, void *ctx,
                            struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT " MAIL_COLS ", ifnull(b.code, '') FROM mail m"
	                             " LEFT JOIN bookings b ON b.id = m.booking_id"
	                             " WHERE ?1 = '' OR m.booking_id = ?1"
	                             " ORDER BY m.created_at DESC, m.id LIMIT ?2",
	                             err);
	if (!s)
		return err ? err->status : FD_E_IO;
	fd_bind_text(s, 1, booking_id ? booking_id : "");
	sqlite3_bind_int(s, 2, limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_mail_row row;
		read_mail(s, &row.m);
		fd_col_text(s, 13, row.code, sizeof row.code);
		if (!cb(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing mail");
}

enum fd_status fd_mail_get(struct fd_db *db, const char *id, struct fd_mail_row *out, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT " MAIL_COLS ", ifnull(b.code, '') FROM mail m"
	                             " LEFT JOIN bookings b ON b.id = m.booking_id WHERE m.id = ?1",
	                             err);
	if (!s)
		return err ? err->status : FD_E_IO;
	fd_bind_text(s, 1, id);
	enum fd_status st = fd_step_one(db, s, err, "reading a mail");
	if (st == FD_OK) {
		read_mail(s, &out->m);
		fd_col_text(s, 13, out->code, sizeof out->code);
	}
	sqlite3_reset(s);
	return st;
}

void fd_repo_mail_init(struct fd_db *db)
{
	db->repo.queue_mail = queue_mail;
}

/* What a mail's state says to the desk. */
void fd_mail_state_text(const struct fd_mail *m, char *out, size_t size)
{
	char when[32] = "";
	time_t t = (time_t)(m->state == FD_MAIL_SENT ? m->sent_at : m->next_at);
	struct tm tm;
	if (t > 0 && localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (m->state == FD_MAIL_SENT)
		snprintf(out, size, _("sent %s"), when);
	else if (m->state == FD_MAIL_FAILED && m->attempts == 0)
		snprintf(out, size, _("not sent: %s"), m->error);
	else if (m->state == FD_MAIL_FAILED)
		snprintf(out, size, _("not sent: %s (gave up after %d attempts)"), m->error, m->attempts);
	else if (m->error[0])
		snprintf(out, size, _("not sent: %s (attempt %d; trying again at %s)"), m->error, m->attempts,
		         when);
	else
		snprintf(out, size, "%s", _("queued: the server sends it"));
}
