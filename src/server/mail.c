// SPDX-License-Identifier: GPL-3.0-or-later
/* The sender: documents by e-mail through the hotel's SMTP relay, with
 * libcurl's SMTP and MIME support (STARTTLS and authentication as the
 * configuration says). document.send only queues a row of the mail table,
 * keyed by its operation, in the operation's transaction; this thread sends
 * what is queued once that has committed, so a push retried (the same
 * operation) never sends twice. A failed attempt is retried later, each
 * wait twice the one before, and every outcome is a change in the feed:
 * the desk sees "sent", or "not sent" and why. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/document.h"
#include "doc/doc.h"
#include "server/log.h"
#include "server/server.h"
#include "store/mail.h"

struct srv_mailer {
	pthread_t thread;
	bool running;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool wake;
	char password[256];
};

static enum fd_status read_password(const struct srv_config *c, char *out, size_t size, struct fd_error *err)
{
	out[0] = '\0';
	if (!c->smtp_password_file[0])
		return FD_OK;
	FILE *f = fopen(c->smtp_password_file, "r");
	if (!f)
		return fd_fail(err, FD_E_INVALID, "invalid_config", "smtp-password-file",
		               "Cannot read the SMTP password file %s: %s.", c->smtp_password_file,
		               strerror(errno));
	if (!fgets(out, (int)size, f))
		out[0] = '\0';
	fclose(f);
	out[strcspn(out, "\r\n")] = '\0';
	return FD_OK;
}

enum fd_status srv_mail_check(const struct srv_config *c, struct fd_error *err)
{
	if (!c->smtp_url[0])
		return FD_OK;
	if (strncmp(c->smtp_url, "smtp://", 7) != 0 && strncmp(c->smtp_url, "smtps://", 8) != 0)
		return fd_fail(err, FD_E_INVALID, "invalid_config", "smtp-url",
		               "smtp-url must start with smtp:// or smtps:// (got \"%s\").", c->smtp_url);
	if (!fd_mail_address_valid(c->smtp_from))
		return fd_fail(err, FD_E_INVALID, "invalid_config", "smtp-from",
		               "smtp-from must be the address mail is sent from (got \"%s\").", c->smtp_from);
	char pw[256];
	enum fd_status st = read_password(c, pw, sizeof pw, err);
	sodium_memzero(pw, sizeof pw);
	return st;
}

/* --- the message --- */

/* text as an RFC 2047 header value: as it is when printable ASCII, else
 * UTF-8 encoded words of whole characters. A phrase (the sender's name)
 * is encoded too when it holds a character with a meaning in an address
 * (a comma would split it in two, say). */
static void header_text(const char *text, bool phrase, char *out, size_t size)
{
	bool plain = true;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		plain = plain && *p >= ' ' && *p < 0x7f && !(phrase && strchr("()<>[]:;@\\,.\"", *p));
	if (plain) {
		snprintf(out, size, "%s", text);
		return;
	}
	size_t len = strlen(text), used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < len;) {
		size_t n = len - i > 45 ? 45 : len - i;
		while (i + n < len && n > 1 && ((unsigned char)text[i + n] & 0xC0) == 0x80)
			n--; /* never split a character */
		char b64[80];
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)text + i, n,
		                  sodium_base64_VARIANT_ORIGINAL);
		int w = snprintf(out + used, size - used, "%s=?UTF-8?B?%s?=", used ? " " : "", b64);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
		i += n;
	}
}

/* RFC 5322's date, in UTC, whatever the process's locale. */
static void rfc5322_date(time_t t, char *out, size_t size)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7], tm.tm_mday,
	         months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The document a mail carries, built from the server's own data. */
static enum fd_status build_doc(const struct fd_repo *repo, const struct fd_mail *m,
                                const struct fd_booking *b, struct fd_doc *doc, struct fd_error *err)
{
	if (strcmp(m->kind, "confirmation") == 0 || strcmp(m->kind, "link") == 0)
		return fd_doc_confirmation(repo, b->code, doc, err);
	/* An invoice: the numbered one when the folio has one standing, else
	 * the bill as it stands. */
	enum fd_status st = fd_doc_bill(repo, b->code, "", doc, err);
	char inv_id[FD_ID_LEN];
	struct fd_invoice inv;
	if (st || repo->standing_invoice(repo->ctx, doc->folio_id, inv_id, NULL) != FD_OK ||
	    repo->get_invoice(repo->ctx, inv_id, &inv, NULL) != FD_OK)
		return st;
	fd_doc_clear(doc);
	fd_doc_init(doc);
	st = fd_doc_invoice(&inv, false, doc, err);
	fd_invoice_clear(&inv);
	return st;
}

struct message {
	char pdf[600];
	char *body;
	char subject[400], from[600], to[300], date[64], message_id[200], filename[64];
};

static enum fd_status message_make(struct srv *s, const struct fd_repo *repo, const struct fd_mail *m,
                                   struct message *msg, struct fd_error *err)
{
	struct fd_booking b;
	struct fd_property prop;
	enum fd_status st = repo->get_booking(repo->ctx, m->booking_id, &b, err);
	if (st || (st = repo->get_property(repo->ctx, &prop, err)))
		return st;
	struct fd_doc doc;
	fd_doc_init(&doc);
	if ((st = build_doc(repo, m, &b, &doc, err))) {
		fd_doc_clear(&doc);
		return st;
	}
	snprintf(msg->pdf, sizeof msg->pdf, "%s/mail-%s.pdf", s->cfg.data_dir, m->id);
	st = fd_doc_write_pdf(&doc, msg->pdf, err);
	/* A link for the guest's own page: a new one at each attempt (only
	 * its hash is kept, so a retry cannot send the same one again). */
	char url[512] = "";
	if (!st && strcmp(m->kind, "link") == 0) /* committed before the mail goes (public.c) */
		st = srv_link_new(s, prop.id, b.id, url, sizeof url, err);
	size_t len = 0;
	FILE *f = st ? NULL : open_memstream(&msg->body, &len);
	if (f) {
		if (url[0])
			fprintf(f,
			        "Your booking %s is confirmed. See it, change your arrival time or requests, "
			        "cancel it or download the confirmation here (the link works for %d days and "
			        "only for this booking; do not share it):\n\n%s\n\n",
			        b.code, s->cfg.link_ttl / 24, url);
		fd_doc_write_text(&doc, f, 72);
		fclose(f);
	} else if (!st)
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	char subject[300], hotel[300];
	snprintf(subject, sizeof subject, "%s %s \u2013 %s", doc.title, b.code, prop.name);
	header_text(subject, false, msg->subject, sizeof msg->subject);
	header_text(prop.name, true, hotel, sizeof hotel);
	snprintf(msg->from, sizeof msg->from, "%s <%s>", hotel, s->cfg.smtp_from);
	snprintf(msg->to, sizeof msg->to, "<%s>", m->recipient);
	rfc5322_date(time(NULL), msg->date, sizeof msg->date);
	const char *domain = strchr(s->cfg.smtp_from, '@');
	snprintf(msg->message_id, sizeof msg->message_id, "<%s@%s>", m->id,
	         domain ? domain + 1 : "frontdeskd");
	snprintf(msg->filename, sizeof msg->filename, "%s-%s.pdf",
	         strcmp(m->kind, "link") == 0 ? "confirmation" : m->kind, b.code);
	fd_doc_clear(&doc);
	return st;
}

static void message_clear(struct message *msg)
{
	if (msg->pdf[0])
		unlink(msg->pdf);
	free(msg->body);
	msg->body = NULL;
}

/* Hand one message to the relay: FD_OK, or why not in err. */
static enum fd_status smtp_send(struct srv *s, const struct fd_mail *m, const struct message *msg,
                                struct fd_error *err)
{
	struct srv_mailer *mm = s->mail;
	CURL *curl = curl_easy_init();
	if (!curl)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	char errbuf[CURL_ERROR_SIZE] = "", line[800];
	struct curl_slist *rcpt = curl_slist_append(NULL, m->recipient), *hdr = NULL;
	const char *names[] = {"Date", "From", "To", "Subject", "Message-ID"};
	const char *values[] = {msg->date, msg->from, msg->to, msg->subject, msg->message_id};
	for (int i = 0; i < 5; i++) {
		snprintf(line, sizeof line, "%s: %s", names[i], values[i]);
		hdr = curl_slist_append(hdr, line);
	}
	curl_mime *mime = curl_mime_init(curl);
	curl_mimepart *part = curl_mime_addpart(mime);
	curl_mime_data(part, msg->body, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/plain; charset=utf-8");
	curl_mime_encoder(part, "quoted-printable");
	part = curl_mime_addpart(mime);
	curl_mime_filedata(part, msg->pdf);
	curl_mime_filename(part, msg->filename);
	curl_mime_type(part, "application/pdf");
	curl_mime_encoder(part, "base64");
	char from[300];
	snprintf(from, sizeof from, "<%s>", s->cfg.smtp_from);
	curl_easy_setopt(curl, CURLOPT_URL, s->cfg.smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
	long tls = strcmp(s->cfg.smtp_tls, "none") == 0  ? (long)CURLUSESSL_NONE
	           : strcmp(s->cfg.smtp_tls, "try") == 0 ? (long)CURLUSESSL_TRY
	                                                 : (long)CURLUSESSL_ALL;
	curl_easy_setopt(curl, CURLOPT_USE_SSL, tls);
	if (s->cfg.smtp_user[0]) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, s->cfg.smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, mm->password);
	}
	CURLcode rc = curl_easy_perform(curl);
	long code = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	curl_mime_free(mime);
	curl_slist_free_all(hdr);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	if (rc == CURLE_OK)
		return FD_OK;
	const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
	if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_OPERATION_TIMEDOUT)
		return fd_fail(err, FD_E_IO, "relay_unreachable", NULL, "relay unreachable: %s", why);
	if (rc == CURLE_LOGIN_DENIED)
		return fd_fail(err, FD_E_IO, "relay_login", NULL, "relay refused the login: %s", why);
	if (code >= 400)
		return fd_fail(err, FD_E_IO, "relay_refused", NULL, "relay refused (%ld): %s", code, why);
	return fd_fail(err, FD_E_IO, "relay_failed", NULL, "%s", why);
}

/* Record the outcome in the writer's transaction and wake long-polls. */
static void settle(struct srv *s, const struct fd_mail *m)
{
	struct fd_error err = {0};
	pthread_mutex_lock(&s->wlock);
	enum fd_status st = fd_db_begin(s->wdb, &err);
	s->hook.op_id[0] = '\0';
	if (!st)
		st = fd_mail_settle(s->wdb, m, &err);
	if (!st)
		st = fd_db_commit(s->wdb, &err);
	else
		fd_db_rollback(s->wdb);
	int64_t seq = srv_last_seq(s->wdb);
	pthread_mutex_unlock(&s->wlock);
	if (st)
		srv_log(SRV_LOG_ERR, "could not record the delivery of mail %s: %s", m->id, err.message);
	else
		srv_changed(s, seq);
}

void srv_mail_attempt(struct srv *s, const struct fd_repo *repo, struct fd_mail *m)
{
	struct fd_error err = {0};
	struct message msg = {0};
	enum fd_status st;
	if (!s->cfg.smtp_url[0])
		st = fd_fail(&err, FD_E_IO, "no_relay", NULL,
		             "no mail relay is configured (smtp-url in frontdeskd.conf)");
	else if (!(st = message_make(s, repo, m, &msg, &err)))
		st = smtp_send(s, m, &msg, &err);
	message_clear(&msg);
	int64_t now = (int64_t)time(NULL);
	m->attempts++;
	if (!st) {
		m->state = FD_MAIL_SENT;
		m->sent_at = now;
		m->error[0] = '\0';
		snprintf(m->message_id, sizeof m->message_id, "%.150s", msg.message_id);
		srv_log(SRV_LOG_INFO, "mail %s (%s) sent to %s", m->id, m->kind, m->recipient);
	} else {
		snprintf(m->error, sizeof m->error, "%.250s", err.message);
		int64_t wait = s->cfg.mail_retry;
		for (int i = 1; i < m->attempts && wait < 3600; i++)
			wait *= 2;
		m->next_at = now + (wait < 3600 ? wait : 3600);
		if (m->attempts >= s->cfg.mail_attempts)
			m->state = FD_MAIL_FAILED;
		srv_log(SRV_LOG_WARNING, "mail %s (%s) to %s not sent (attempt %d): %s", m->id, m->kind,
		        m->recipient, m->attempts, m->error);
	}
}

static void deliver(struct srv *s, struct fd_db *db, struct fd_mail *m)
{
	srv_mail_attempt(s, fd_db_repo(db), m);
	settle(s, m);
}

void srv_mail_sleep(struct srv *s, int64_t now, int64_t next)
{
	struct srv_mailer *mm = s->mail;
	/* Until woken (a commit), the next retry or a second, whichever
	 * comes first. */
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += next > now && next - now < 1 ? next - now : 1;
	pthread_mutex_lock(&mm->lock);
	while (!mm->wake && !s->stopping && pthread_cond_timedwait(&mm->cond, &mm->lock, &until) == 0)
		;
	mm->wake = false;
	pthread_mutex_unlock(&mm->lock);
}

static void *mailer_main(void *arg)
{
	struct srv *s = arg;
	while (!s->stopping) {
		struct fd_error err = {0};
		struct fd_db *db = srv_reader(s, &err);
		struct fd_mail m;
		int64_t now = (int64_t)time(NULL), next = 0;
		if (db && fd_mail_next_due(db, now, &m, &next, &err) == FD_OK) {
			deliver(s, db, &m);
			continue;
		}
		srv_mail_sleep(s, now, next); /* nothing due */
	}
	return NULL;
}

int srv_mail_start(struct srv *s, struct fd_error *err)
{
	static struct srv_mailer mailer;
	struct srv_mailer *mm = &mailer;
	pthread_mutex_init(&mm->lock, NULL);
	pthread_cond_init(&mm->cond, NULL);
	if (read_password(&s->cfg, mm->password, sizeof mm->password, err))
		return -1;
	s->mail = mm;
	/* On PostgreSQL the sender works through the database's queue
	 * (pg_mail.c). */
	if (pthread_create(&mm->thread, NULL, s->pg ? srv_pg_mailer_main : mailer_main, s) != 0) {
		s->mail = NULL;
		return fd_fail(err, FD_E_IO, "io", NULL, "cannot start the mail thread"), -1;
	}
	mm->running = true;
	return 0;
}

void srv_mail_wake(struct srv *s)
{
	struct srv_mailer *mm = s->mail;
	if (!mm)
		return;
	atomic_fetch_add(&s->m.mail_wakes, 1);
	pthread_mutex_lock(&mm->lock);
	mm->wake = true;
	pthread_cond_signal(&mm->cond);
	pthread_mutex_unlock(&mm->lock);
}

void srv_mail_stop(struct srv *s)
{
	struct srv_mailer *mm = s->mail;
	if (!mm || !mm->running)
		return;
	srv_mail_wake(s);
	pthread_join(mm->thread, NULL);
	mm->running = false;
	sodium_memzero(mm->password, sizeof mm->password);
	s->mail = NULL;
}
