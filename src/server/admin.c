// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd administration: subcommands that work on the data directory
 * directly (safe while the server runs: each opens its own connection and
 * writes in a BEGIN IMMEDIATE transaction; the change hook numbers what
 * they change, and the server's timer wakes long-polls for it). */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/op_folio.h"
#include "demo/demo.h"
#include "progress/progress.h"
#include "server/admin_lists.h"
#include "server/server.h"
#include "store/audit.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"

struct admin {
	struct srv_config *cfg;
	struct fd_db *db;
	struct srv_hook hook;
	struct srv_admin_opts o; /* options */
	const char *args[4];
	int n_args;
};

static int fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdeskd: %s\n", err->message);
	return 1;
}

static bool open_db(struct admin *a, bool create, struct fd_error *err)
{
	a->db = srv_db_open(a->cfg->data_dir, create, &a->hook, err);
	return a->db != NULL;
}

/* Apply trusted administrative operations (and optional extra work) in one
 * transaction, audited like any other operation. */
static enum fd_status admin_apply(struct admin *a, const struct fd_op *op, const char *password,
                                  const char *end_sessions, struct fd_error *err)
{
	enum fd_status st = fd_db_begin(a->db, err);
	if (st)
		return st;
	if (op) {
		struct fd_op_result res;
		snprintf(a->hook.op_id, sizeof a->hook.op_id, "%s", op->op_id);
		st = fd_op_apply(fd_db_repo(a->db), op, FD_APPLY_TRUSTED, &res, err);
		if (!st)
			st = fd_store_audit(a->db, op, &res, err);
	}
	if (!st && password)
		st = srv_set_password(a->db, a->args[1], password, err);
	if (!st && end_sessions)
		st = srv_end_sessions(a->db, end_sessions, err);
	if (!st)
		st = fd_db_commit(a->db, err);
	else
		fd_db_rollback(a->db);
	return st;
}

static bool read_password(const char *path, char *out, size_t size, struct fd_error *err)
{
	if (!path) {
		fd_fail(
		    err, FD_E_INVALID, "missing_option", "password-file",
		    _("--password-file FILE is required (the password is never taken on the command line)."));
		return false;
	}
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f) {
		fd_fail(err, FD_E_IO, "io", "password-file", _("Cannot read %s: %s."), path, strerror(errno));
		return false;
	}
	bool ok = fgets(out, (int)size, f) != NULL;
	if (f != stdin)
		fclose(f);
	if (!ok) {
		fd_fail(err, FD_E_INVALID, "empty", "password-file", _("%s is empty."), path);
		return false;
	}
	out[strcspn(out, "\r\n")] = '\0';
	return srv_password_check_policy(out, err) == FD_OK;
}

static int cmd_init(struct admin *a)
{
	struct fd_error err = {0};
	if (!a->o.property || !a->o.currency || !a->o.timezone || a->n_args) {
		fprintf(stderr, _("frontdeskd: init needs --property, --currency and --timezone\n"));
		return 2;
	}
	fd_date today = fd_date_from_unix((int64_t)time(NULL));
	if (a->o.date && !fd_date_parse(a->o.date, &today)) {
		fprintf(stderr, _("frontdeskd: --date must be YYYY-MM-DD\n"));
		return 2;
	}
	if (!open_db(a, true, &err))
		return fail(&err);
	fd_date d;
	if (fd_query_business_date(a->db, &d, NULL) == FD_OK) {
		fprintf(stderr, _("frontdeskd: a hotel already exists in %s\n"), a->cfg->data_dir);
		return 1;
	}
	struct fd_op op;
	char id[FD_ID_LEN], day[FD_DATE_STRLEN];
	fd_op_init(&op);
	fd_op_prepare(&op, "property.update", "frontdeskd", "server");
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "name", a->o.property);
	cJSON_AddStringToObject(op.payload, "currency", a->o.currency);
	cJSON_AddStringToObject(op.payload, "timezone", a->o.timezone);
	cJSON_AddStringToObject(op.payload, "business_date", fd_date_format(today, day));
	enum fd_status st = admin_apply(a, &op, NULL, NULL, &err);
	fd_op_clear(&op);
	if (st)
		return fail(&err);
	printf(_("Created hotel \"%s\" in %s.\n"), a->o.property, a->cfg->data_dir);
	return 0;
}

static int user_list(struct admin *a);

static int cmd_user(struct admin *a)
{
	struct fd_error err = {0};
	if (a->n_args == 1 && strcmp(a->args[0], "list") == 0)
		return user_list(a);
	if (a->n_args != 2) {
		fprintf(stderr, _("frontdeskd: user list | user add|passwd|disable NAME\n"));
		return 2;
	}
	const char *sub = a->args[0], *name = a->args[1];
	char pw[256];
	if (!open_db(a, false, &err))
		return fail(&err);
	struct fd_op op;
	fd_op_init(&op);
	enum fd_status st;
	if (strcmp(sub, "add") == 0) {
		if (!a->o.role) {
			fprintf(stderr, _("frontdeskd: user add needs --role admin|manager|staff|guest\n"));
			return 2;
		}
		if (!read_password(a->o.password_file, pw, sizeof pw, &err))
			return fail(&err);
		char id[FD_ID_LEN];
		fd_op_prepare(&op, "staff.create", "frontdeskd", "server");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(op.payload, "username", name);
		cJSON_AddStringToObject(op.payload, "display_name",
		                        a->o.display_name ? a->o.display_name : name);
		cJSON_AddStringToObject(op.payload, "role", a->o.role);
		cJSON_AddStringToObject(op.payload, "department",
		                        a->o.department ? a->o.department : "front_office");
		st = admin_apply(a, &op, pw, NULL, &err);
	} else if (strcmp(sub, "passwd") == 0) {
		if (!read_password(a->o.password_file, pw, sizeof pw, &err))
			return fail(&err);
		struct fd_staff s;
		if ((st = fd_db_repo(a->db)->get_staff(fd_db_repo(a->db)->ctx, name, &s, &err)) ==
		    FD_E_NOT_FOUND)
			fd_fail(&err, st, "not_found", "user", _("No staff member \"%s\"."), name);
		if (!st)
			st = admin_apply(a, NULL, pw, name, &err);
	} else if (strcmp(sub, "disable") == 0) {
		fd_op_prepare(&op, "staff.update", "frontdeskd", "server");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "username", name);
		cJSON_AddBoolToObject(op.payload, "active", false);
		st = admin_apply(a, &op, NULL, name, &err);
	} else {
		fprintf(stderr, _("frontdeskd: unknown user command \"%s\"\n"), sub);
		return 2;
	}
	sodium_memzero(pw, sizeof pw);
	fd_op_clear(&op);
	if (st)
		return fail(&err);
	printf(_("%s: done.\n"), name);
	return 0;
}

static bool parse_ttl(const char *s, int64_t *out)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	int64_t mult = strcmp(end, "d") == 0            ? 86400
	               : strcmp(end, "h") == 0          ? 3600
	               : strcmp(end, "m") == 0          ? 60
	               : strcmp(end, "s") == 0 || !*end ? 1
	                                                : 0;
	if (!mult || n <= 0 || n > 10000000 / (mult > 60 ? 1 : 1))
		return false;
	*out = n * mult;
	return *out <= 30 * 86400;
}

static int cmd_enroll_code(struct admin *a)
{
	struct fd_error err = {0};
	int64_t ttl = 24 * 3600;
	if (a->n_args || (a->o.ttl && !parse_ttl(a->o.ttl, &ttl))) {
		fprintf(stderr, _("frontdeskd: enroll-code [--ttl N(s|m|h|d), at most 30d]\n"));
		return 2;
	}
	char code[SRV_TOKEN_LEN];
	if (!open_db(a, false, &err) || srv_enroll_code_new(a->db, ttl, code, &err))
		return fail(&err);
	printf("%s\n", code);
	fprintf(stderr, _("frontdeskd: one-time enrolment code, valid %lld s\n"), (long long)ttl);
	return 0;
}

/* device list: each enrolled device with when it was last seen (its last
 * push, pull or use of a session), what it pushed last and how many
 * operations its outbox still held then. */
static int cmd_devices(struct admin *a)
{
	struct fd_error err = {0};
	if (a->n_args) {
		fprintf(stderr, _("frontdeskd: device list takes no arguments\n"));
		return 2;
	}
	if (!open_db(a, false, &err))
		return fail(&err);
	sqlite3_stmt *q = fd_db_stmt(
	    a->db,
	    "SELECT d.id, d.name, d.enrolled_at, d.revoked, d.last_seq, d.last_push_at, d.last_pull_at,"
	    " d.outbox_depth, max(d.last_push_at, d.last_pull_at,"
	    " coalesce((SELECT max(s.last_seen) FROM srv_sessions s WHERE s.device = d.id), 0))"
	    " FROM srv_devices d ORDER BY d.enrolled_at, d.id",
	    &err);
	if (!q)
		return fail(&err);
	srv_list_devices_head(false);
	while (sqlite3_step(q) == SQLITE_ROW)
		srv_list_device(&(struct srv_device_line){.id = (const char *)sqlite3_column_text(q, 0),
		                                          .name = (const char *)sqlite3_column_text(q, 1),
		                                          .enrolled = sqlite3_column_int64(q, 2),
		                                          .seen = sqlite3_column_int64(q, 8),
		                                          .push = sqlite3_column_int64(q, 5),
		                                          .pull = sqlite3_column_int64(q, 6),
		                                          .seq = sqlite3_column_int64(q, 4),
		                                          .outbox = sqlite3_column_int64(q, 7),
		                                          .revoked = sqlite3_column_int(q, 3) != 0});
	sqlite3_reset(q);
	return 0;
}

/* user list: every staff member, whether they can sign in, their live
 * sessions and when they were last seen. */
static int user_list(struct admin *a)
{
	struct fd_error err = {0};
	if (!open_db(a, false, &err))
		return fail(&err);
	sqlite3_stmt *q = fd_db_stmt(
	    a->db,
	    "SELECT st.username, st.role, st.dept, st.active,"
	    " EXISTS (SELECT 1 FROM srv_credentials c WHERE c.username = st.username),"
	    " (SELECT count(*) FROM srv_sessions s WHERE s.username = st.username AND s.expires_at > ?1"
	    " AND s.last_seen > ?1 - ?2),"
	    " coalesce((SELECT max(s.last_seen) FROM srv_sessions s WHERE s.username = st.username), 0),"
	    " st.display_name FROM staff st ORDER BY st.username",
	    &err);
	if (!q)
		return fail(&err);
	sqlite3_bind_int64(q, 1, (int64_t)time(NULL));
	sqlite3_bind_int64(q, 2, a->cfg->session_idle);
	srv_list_users_head();
	while (sqlite3_step(q) == SQLITE_ROW)
		srv_list_user(&(struct srv_user_line){.username = (const char *)sqlite3_column_text(q, 0),
		                                      .role = (const char *)sqlite3_column_text(q, 1),
		                                      .dept = (const char *)sqlite3_column_text(q, 2),
		                                      .active = sqlite3_column_int(q, 3) != 0,
		                                      .has_password = sqlite3_column_int(q, 4) != 0,
		                                      .sessions = sqlite3_column_int64(q, 5),
		                                      .last_seen = sqlite3_column_int64(q, 6),
		                                      .name = (const char *)sqlite3_column_text(q, 7)});
	sqlite3_reset(q);
	return 0;
}

/* sessions [--as USER]: the live sessions, each with an ID (the start of
 * the hex of its token's hash: the token itself is never stored);
 * sessions revoke ID ends one at once. */
static int cmd_sessions(struct admin *a)
{
	struct fd_error err = {0};
	bool revoke = a->n_args == 2 && strcmp(a->args[0], "revoke") == 0;
	if (!(a->n_args == 0 || revoke)) {
		fprintf(stderr, _("frontdeskd: sessions [--as USER] | sessions revoke ID\n"));
		return 2;
	}
	if (revoke && (strlen(a->args[1]) < 8 || strlen(a->args[1]) > 64 ||
	               strspn(a->args[1], "0123456789abcdef") != strlen(a->args[1]))) {
		fprintf(stderr,
		        _("frontdeskd: sessions revoke: \"%s\" is not a session ID (8 or more of the hex "
		          "digits `frontdeskd sessions` shows)\n"),
		        a->args[1]);
		return 2;
	}
	if (!open_db(a, false, &err))
		return fail(&err);
	if (revoke) {
		if (fd_db_begin(a->db, &err))
			return fail(&err);
		sqlite3_stmt *q =
		    fd_db_stmt(a->db,
		               "DELETE FROM srv_sessions WHERE substr(lower(hex(token_hash)), 1,"
		               " length(?1)) = ?1",
		               &err);
		int n = -1;
		if (q) {
			sqlite3_bind_text(q, 1, a->args[1], -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_DONE)
				n = sqlite3_changes(fd_db_handle(a->db));
			sqlite3_reset(q);
		}
		if (n != 1) {
			fd_db_rollback(a->db);
			if (n < 0)
				return fail(&err);
			fprintf(stderr,
			        n ? _("frontdeskd: more than one session matches %s; nothing revoked\n")
			          : _("frontdeskd: no session matches %s; nothing revoked\n"),
			        a->args[1]);
			return 1;
		}
		if (fd_db_commit(a->db, &err))
			return fail(&err);
		printf(_("Session %s revoked.\n"), a->args[1]);
		return 0;
	}
	sqlite3_stmt *q = fd_db_stmt(
	    a->db,
	    "SELECT substr(lower(hex(s.token_hash)), 1, 16), s.username, s.device,"
	    " coalesce(d.name, ''), s.created_at, s.last_seen, min(s.expires_at, s.last_seen + ?2)"
	    " FROM srv_sessions s LEFT JOIN srv_devices d ON d.id = s.device"
	    " WHERE s.expires_at > ?1 AND s.last_seen > ?1 - ?2 AND (?3 IS NULL OR s.username = ?3)"
	    " ORDER BY s.last_seen DESC",
	    &err);
	if (!q)
		return fail(&err);
	sqlite3_bind_int64(q, 1, (int64_t)time(NULL));
	sqlite3_bind_int64(q, 2, a->cfg->session_idle);
	if (a->o.as)
		sqlite3_bind_text(q, 3, a->o.as, -1, SQLITE_STATIC);
	srv_list_sessions_head(false);
	while (sqlite3_step(q) == SQLITE_ROW)
		srv_list_session(
		    &(struct srv_session_line){.id = (const char *)sqlite3_column_text(q, 0),
		                               .user = (const char *)sqlite3_column_text(q, 1),
		                               .device_name = (const char *)sqlite3_column_text(q, 3),
		                               .created = sqlite3_column_int64(q, 4),
		                               .seen = sqlite3_column_int64(q, 5),
		                               .ends = sqlite3_column_int64(q, 6),
		                               .device_id = (const char *)sqlite3_column_text(q, 2)});
	sqlite3_reset(q);
	return 0;
}

static int cmd_device(struct admin *a)
{
	struct fd_error err = {0};
	if (a->n_args == 1 && strcmp(a->args[0], "list") == 0) {
		a->n_args = 0;
		return cmd_devices(a);
	}
	if (a->n_args != 2 || strcmp(a->args[0], "revoke") != 0) {
		fprintf(stderr, _("frontdeskd: device list | device revoke ID\n"));
		return 2;
	}
	if (!open_db(a, false, &err) || fd_db_begin(a->db, &err))
		return fail(&err);
	sqlite3_stmt *q = fd_db_stmt(a->db, "UPDATE srv_devices SET revoked = 1 WHERE id = ?1", &err);
	int changed = 0;
	if (q) {
		sqlite3_bind_text(q, 1, a->args[1], -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_DONE)
			changed = sqlite3_changes(fd_db_handle(a->db));
	}
	q = fd_db_stmt(a->db, "DELETE FROM srv_sessions WHERE device = ?1", &err);
	if (q) {
		sqlite3_bind_text(q, 1, a->args[1], -1, SQLITE_STATIC);
		sqlite3_step(q);
	}
	if (!changed) {
		fd_db_rollback(a->db);
		fprintf(stderr, _("frontdeskd: no device %s\n"), a->args[1]);
		return 1;
	}
	if (fd_db_commit(a->db, &err))
		return fail(&err);
	printf(_("Device %s revoked.\n"), a->args[1]);
	return 0;
}

/* SQLite's backup API from src to dst, step pages at a time with a pause
 * between steps (a serving server's writers get their turn), the pages
 * copied shown as a progress line on a terminal. SQLITE_DONE when whole. */
static int copy_database(sqlite3 *dst, sqlite3 *src, int step)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return SQLITE_ERROR;
	struct fd_progress bar;
	fd_progress_init(&bar, _("pages"), false);
	int rc;
	while ((rc = sqlite3_backup_step(b, step)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		int total = sqlite3_backup_pagecount(b);
		fd_progress_update(&bar, total - sqlite3_backup_remaining(b), total);
		sqlite3_sleep(5);
	}
	if (rc == SQLITE_DONE) {
		int total = sqlite3_backup_pagecount(b);
		fd_progress_update(&bar, total, total);
	}
	fd_progress_end(&bar);
	sqlite3_backup_finish(b);
	return rc;
}

/* SQLite online backup: a consistent copy while the server serves. The
 * copy gets a new epoch at once, so a server restored from it is seen by
 * terminals as a different history and they re-sync from a snapshot. */
static int cmd_backup(struct admin *a)
{
	struct fd_error err = {0};
	if (a->n_args != 1) {
		fprintf(stderr, _("frontdeskd: backup FILE\n"));
		return 2;
	}
	if (!open_db(a, false, &err))
		return fail(&err);
	sqlite3 *dst;
	int fd_mode_ok = 1;
	if (sqlite3_open_v2(a->args[0], &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, _("frontdeskd: cannot create %s: %s\n"), a->args[0], sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return 1;
	}
	fd_mode_ok = chmod(a->args[0], 0600) == 0;
	int rc = copy_database(dst, fd_db_handle(a->db), 256);
	if (rc == SQLITE_DONE) {
		unsigned char raw[16];
		char hex[SRV_EPOCH_LEN], sql[128];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
		snprintf(sql, sizeof sql, "UPDATE meta SET value = '%s' WHERE key = 'server_epoch'", hex);
		rc = sqlite3_exec(dst, sql, NULL, NULL, NULL) == SQLITE_OK ? SQLITE_DONE : SQLITE_ERROR;
	}
	if (rc != SQLITE_DONE)
		fprintf(stderr, _("frontdeskd: backup failed: %s\n"), sqlite3_errmsg(dst));
	sqlite3_close(dst);
	if (rc != SQLITE_DONE)
		return 1;
	printf(fd_mode_ok ? _("Backed up to %s.\n") : _("Backed up to %s (could not set mode 0600).\n"),
	       a->args[0]);
	return 0;
}

/* After a restore: every guest of the erasure list (erasures.c) that the
 * restored database still holds is erased again, as an operation of the
 * server's own (audited, in the change feed). */
static enum fd_status reapply_erasures(struct admin *a, int *erased, struct fd_error *err)
{
	char(*ids)[FD_ID_LEN] = NULL;
	int n = 0;
	*erased = 0;
	enum fd_status st = srv_erasures_load(a->cfg->data_dir, &ids, &n, err);
	if (st || !n)
		return st;
	if (!open_db(a, false, err)) {
		free(ids);
		return err->status;
	}
	for (int i = 0; i < n && !st; i++) {
		sqlite3_stmt *q = fd_db_stmt(a->db, "SELECT erased FROM guests WHERE id = ?1", err);
		if (!q) {
			st = err->status;
			break;
		}
		sqlite3_bind_text(q, 1, ids[i], -1, SQLITE_STATIC);
		bool present = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 0;
		sqlite3_reset(q);
		if (!present)
			continue;
		struct fd_op op;
		fd_op_init(&op);
		fd_op_prepare(&op, "guest.erase", "frontdeskd", "server");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "guest", ids[i]);
		st = admin_apply(a, &op, NULL, NULL, err);
		fd_op_clear(&op);
		if (!st)
			(*erased)++;
	}
	free(ids);
	return st;
}

/* Replace the data directory's database with a backup. Only while no
 * frontdeskd serves it (the serve lock). The source is checked first
 * (quick_check, a server epoch); the copy is made with SQLite's backup API
 * (pages and WAL handled by SQLite) and gets a new epoch, so every terminal
 * notices, re-reads a snapshot and re-submits what the backup lacks. */
static int cmd_restore(struct admin *a)
{
	struct fd_error err = {0};
	if (a->n_args != 1) {
		fprintf(stderr, _("frontdeskd: restore FILE\n"));
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int lock = srv_lock_data(a->cfg->data_dir, &err);
	if (lock < 0)
		return fail(&err);
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_stmt *q = NULL;
	const char *why = NULL;
	int rc = 1;
	if (sqlite3_open_v2(a->args[0], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		why = _("cannot be opened");
	else if (sqlite3_prepare_v2(src, "PRAGMA quick_check", -1, &q, NULL) != SQLITE_OK ||
	         sqlite3_step(q) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(q, 0), "ok") != 0)
		why = _("is damaged or not a database (quick_check failed)");
	sqlite3_finalize(q);
	q = NULL;
	if (!why && (sqlite3_prepare_v2(src, "SELECT value FROM meta WHERE key = 'server_epoch'", -1, &q,
	                                NULL) != SQLITE_OK ||
	             sqlite3_step(q) != SQLITE_ROW))
		why = _("is not a frontdeskd database (no server epoch)");
	sqlite3_finalize(q);
	q = NULL;
	if (why) {
		/* TRANSLATORS: the file, then why it cannot be restored */
		fprintf(stderr, _("frontdeskd: %s %s; nothing restored.\n"), a->args[0], why);
		goto out;
	}
	char path[600];
	srv_db_path(a->cfg->data_dir, path, sizeof path);
	/* Erasures the list outside the database lacks are taken from the
	 * database being replaced first, while it is still there. */
	if (access(path, F_OK) == 0) {
		struct fd_error lerr = {0};
		struct fd_db *cur = srv_db_open(a->cfg->data_dir, false, NULL, &lerr);
		if (!cur || srv_erasures_record(cur, a->cfg->data_dir, &lerr))
			fprintf(stderr,
			        _("frontdeskd: warning: could not read the erasures of the database being "
			          "replaced (%s); erasures already listed are re-applied.\n"),
			        lerr.message);
		fd_db_close(cur);
	}
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, _("frontdeskd: cannot open %s: %s\n"), path, sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_busy_timeout(dst, 5000);
	chmod(path, 0600);
	int brc = copy_database(dst, src, 1024);
	if (brc != SQLITE_DONE) {
		fprintf(stderr, _("frontdeskd: restore failed: %s\n"), sqlite3_errmsg(dst));
		goto out;
	}
	unsigned char raw[16];
	char hex[SRV_EPOCH_LEN];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	if (sqlite3_prepare_v2(dst, "UPDATE meta SET value = ?1 WHERE key = 'server_epoch'", -1, &q, NULL) !=
	        SQLITE_OK ||
	    (sqlite3_bind_text(q, 1, hex, -1, SQLITE_STATIC), sqlite3_step(q)) != SQLITE_DONE) {
		fprintf(stderr, _("frontdeskd: restored, but could not set a new epoch: %s\n"),
		        sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_finalize(q);
	q = NULL;
	sqlite3_close(dst);
	dst = NULL;
	int erased = 0;
	if (reapply_erasures(a, &erased, &err)) {
		fprintf(
		    stderr,
		    _("frontdeskd: restored, but could not erase again the guests erased since the backup: "
		      "%s; run the restore again before serving.\n"),
		    err.message);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf(_("Restored %s from %s in %.3f s (new epoch %s); terminals re-sync and re-submit what the "
	         "backup lacks.\n"),
	       path, a->args[0], secs, hex);
	if (erased)
		printf(ngettext("Erased again %d guest erased after the backup was taken (%s).\n",
		                "Erased again %d guests erased after the backup was taken (%s).\n", erased),
		       erased, "erased-guests");
	rc = 0;
out:
	sqlite3_finalize(q);
	sqlite3_close(src);
	sqlite3_close(dst);
	close(lock);
	return rc;
}

/* metrics-token: a new token for Prometheus to scrape /v1/metrics with
 * (Authorization: Bearer); only its hash is kept, so it is shown once and
 * the previous one stops working. metrics-token revoke: none works. */
static int cmd_metrics_token(struct admin *a)
{
	struct fd_error err = {0};
	bool revoke = a->n_args == 1 && strcmp(a->args[0], "revoke") == 0;
	if (a->n_args && !revoke) {
		fprintf(stderr, _("frontdeskd: metrics-token [revoke]\n"));
		return 2;
	}
	if (!open_db(a, false, &err))
		return fail(&err);
	if (revoke) {
		if (fd_db_meta_set(a->db, "metrics_token_hash", "", &err))
			return fail(&err);
		printf(_("No scrape token works now.\n"));
		return 0;
	}
	char tok[SRV_TOKEN_LEN];
	if (srv_scrape_token_new(a->db, tok, &err))
		return fail(&err);
	printf("%s\n", tok);
	fprintf(stderr,
	        _("frontdeskd: a new scrape token for /v1/metrics (Authorization: Bearer); the previous "
	          "one no longer works. Only its hash is kept: store it now.\n"));
	sodium_memzero(tok, sizeof tok);
	return 0;
}

static int check_count(struct fd_db *db, const char *what, const char *sql)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(fd_db_handle(db), sql, -1, &q, NULL) != SQLITE_OK) {
		fprintf(stderr, _("frontdeskd: check %s: %s\n"), what, sqlite3_errmsg(fd_db_handle(db)));
		return 1;
	}
	int bad = 0;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) != 0) {
		fprintf(stderr, _("frontdeskd: check: %s: %lld\n"), what,
		        (long long)sqlite3_column_int64(q, 0));
		bad = 1;
	}
	sqlite3_finalize(q);
	return bad;
}

static int cmd_check(struct admin *a)
{
	struct fd_error err = {0};
	if (!open_db(a, false, &err))
		return fail(&err);
	int bad = 0;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(fd_db_handle(a->db), "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK) {
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *m = (const char *)sqlite3_column_text(q, 0);
			if (strcmp(m, "ok") != 0) {
				fprintf(stderr, _("frontdeskd: check: %s\n"), m);
				bad = 1;
			}
		}
		sqlite3_finalize(q);
	}
	bad |=
	    check_count(a->db, _("foreign key violations"), "SELECT count(*) FROM pragma_foreign_key_check");
	bad |= check_count(a->db, _("applied operations missing from the audit log"),
	                   "SELECT count(*) FROM srv_op_results r WHERE status = 'applied' AND NOT EXISTS"
	                   " (SELECT 1 FROM audit_log l WHERE l.op_id = r.op_id AND l.device = r.device)");
	bad |=
	    check_count(a->db, _("devices whose sequence disagrees with their results"),
	                "SELECT count(*) FROM srv_devices d WHERE d.last_seq <>"
	                " (SELECT coalesce(max(device_seq), 0) FROM srv_op_results r WHERE r.device = d.id)");
	bad |= check_count(
	    a->db, _("active bookings with missing nights"),
	    "SELECT count(*) FROM bookings b WHERE status IN ('reserved','checked_in') AND"
	    " (SELECT count(*) FROM stay_nights n WHERE n.booking_id = b.id) <> departure - arrival");
	bad |= check_count(
	    a->db, _("entities without a change-feed row"),
	    "SELECT (SELECT count(*) FROM bookings WHERE id NOT IN (SELECT entity_id FROM srv_changes"
	    " WHERE entity = 'booking')) + (SELECT count(*) FROM rooms WHERE number NOT IN"
	    " (SELECT entity_id FROM srv_changes WHERE entity = 'room'))");
	int64_t rows = 0, broken = 0;
	if (fd_audit_verify(a->db, &rows, &broken, &err)) {
		fprintf(stderr, _("frontdeskd: check: %s\n"), err.message);
		bad = 1;
	}
	if (!bad)
		printf(ngettext("check: ok (the audit log's chain of %lld row is intact)\n",
		                "check: ok (the audit log's chain of %lld rows is intact)\n",
		                (unsigned long)rows),
		       (long long)rows);
	return bad;
}

static int cmd_demo(struct admin *a)
{
	struct fd_error err = {0};
	struct fd_demo_options o = {.seed = 42, .today = fd_date_from_unix((int64_t)time(NULL))};
	if (a->o.seed)
		o.seed = strtoull(a->o.seed, NULL, 10);
	if (a->o.date && !fd_date_parse(a->o.date, &o.today)) {
		fprintf(stderr, _("frontdeskd: --date must be YYYY-MM-DD\n"));
		return 2;
	}
	char pw[256] = "";
	if (a->o.password_file && !read_password(a->o.password_file, pw, sizeof pw, &err))
		return fail(&err);
	if (!open_db(a, true, &err))
		return fail(&err);
	snprintf(a->hook.op_id, sizeof a->hook.op_id, "demo");
	struct fd_progress bar;
	fd_progress_init(&bar, _("operations"), false);
	o.progress = fd_progress_update;
	o.progress_ctx = &bar;
	enum fd_status built = fd_demo_build(a->db, &o, &err);
	fd_progress_end(&bar);
	if (built)
		return fail(&err);
	int n = 0;
	/* The throwaway mark goes on with the demo staff's passwords, which
	 * it makes minimum-cost (srv_throwaway_hotel): on this data directory
	 * only, which the demo's build has just found empty (fd_demo_build
	 * refuses one holding a hotel). Without --password-file there is no
	 * password to make cheap: main.c refuses the option then. */
	if (pw[0]) {
		/* Every demo staff member signs in with the given password: it is
		 * hashed once (an Argon2 hash takes about 0.1 s and 64 MiB; 30 of
		 * them, a hash and a signing key each, were most of the demo's
		 * build time). The others' signing keys are derived under their
		 * own salts at their first sign-in (auth.c, as for a password set
		 * before signing keys existed): nobody can act in a person's name
		 * before that person has signed in on the terminal (sync/account.c
		 * fd_sync_prove). */
		sqlite3_stmt *q;
		char first[FD_USER_LEN] = "";
		if (fd_db_begin(a->db, &err) ||
		    (a->o.throwaway && fd_db_meta_set(a->db, SRV_THROWAWAY_KEY, "1", &err)) ||
		    sqlite3_prepare_v2(fd_db_handle(a->db), "SELECT username FROM staff WHERE active = 1", -1,
		                       &q, NULL) != SQLITE_OK)
			return fail(&err);
		enum fd_status st = FD_OK;
		while (!st && sqlite3_step(q) == SQLITE_ROW) {
			const char *user = (const char *)sqlite3_column_text(q, 0);
			if (!first[0]) {
				st = srv_set_password(a->db, user, pw, &err);
				snprintf(first, sizeof first, "%s", user);
			} else
				st = srv_share_password(a->db, first, user, &err);
			n++;
		}
		sqlite3_finalize(q);
		if (st || fd_db_commit(a->db, &err))
			return fail(&err);
	}
	printf(ngettext("Created the demo hotel in %s (%d user can sign in).\n",
	                "Created the demo hotel in %s (%d users can sign in).\n", (unsigned long)n),
	       a->cfg->data_dir, n);
	return 0;
}

static enum fd_status apply_sqlite(void *ctx, const struct fd_op *op, struct fd_error *err)
{
	return admin_apply(ctx, op, NULL, NULL, err);
}

/* The night audit on the server itself, for a timer at night:
 * `frontdeskd audit --as MANAGER [--date D]`. The same operation a desk
 * runs (the night audit is its actor, the manager is named as who ran
 * it); its changes go out to every terminal through the change feed. */
static int cmd_audit(struct admin *a)
{
	struct fd_error err = {0};
	if (!a->o.as || a->n_args) {
		fprintf(stderr, _("frontdeskd: audit --as MANAGER [--date YYYY-MM-DD]\n"));
		return 2;
	}
	fd_date day = 0;
	if (a->o.date && !fd_date_parse(a->o.date, &day)) {
		fprintf(stderr, _("frontdeskd: --date must be YYYY-MM-DD\n"));
		return 2;
	}
	if (!open_db(a, false, &err) || (!a->o.date && fd_query_business_date(a->db, &day, &err)))
		return fail(&err);
	return srv_night_audit_run(fd_db_repo(a->db), day, a->o.as, apply_sqlite, a);
}

int srv_night_audit_run(const struct fd_repo *repo, fd_date day, const char *as, srv_apply_fn apply,
                        void *ctx)
{
	struct fd_error err = {0};
	char dtext[FD_DATE_STRLEN], next[FD_DATE_STRLEN];
	fd_date_format(day, dtext);
	struct fd_day_report r;
	if (repo->get_day_report(repo->ctx, day, &r, NULL) == FD_OK) {
		printf(_("%s was already closed by the night audit; nothing changed.\n"), dtext);
		return 0;
	}
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, "audit.night", FD_NIGHT_AUDIT_ACTOR, "server");
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "date", dtext);
	cJSON_AddStringToObject(op.payload, "run_by", as);
	enum fd_status st = apply(ctx, &op, &err);
	fd_op_clear(&op);
	if (st || repo->get_day_report(repo->ctx, day, &r, &err))
		return fail(&err);
	printf(_("Closed %s: rooms sold %lld, room revenue %lld (minor units), no-shows %lld; business date "
	         "%s.\n"),
	       dtext, (long long)r.rooms_sold, (long long)r.room_revenue, (long long)r.no_shows,
	       fd_date_format(day + 1, next));
	return 0;
}

/* new-epoch: the database was restored from a backup by other means than
 * `restore` (which renews it itself): a new epoch, so that terminals
 * re-sync from a snapshot and submit again what the backup lacks. A
 * running server reads it when restarted. */
static int cmd_new_epoch(struct admin *a)
{
	struct fd_error err = {0};
	char epoch[SRV_EPOCH_LEN];
	if (a->n_args) {
		fprintf(stderr, _("frontdeskd: new-epoch takes no arguments\n"));
		return 2;
	}
	if (!open_db(a, false, &err) || fd_db_begin(a->db, &err))
		return fail(&err);
	enum fd_status st = srv_epoch_renew(a->db, &err);
	if (!st)
		st = srv_epoch(a->db, epoch, &err);
	if (st) {
		fd_db_rollback(a->db);
		return fail(&err);
	}
	if (fd_db_commit(a->db, &err))
		return fail(&err);
	printf(_("New epoch %s; restart the server: terminals then re-sync from a snapshot and submit again "
	         "what the database lacks.\n"),
	       epoch);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(struct admin *);
} cmds[] = {
    {"init", cmd_init},         {"demo", cmd_demo},
    {"user", cmd_user},         {"enroll-code", cmd_enroll_code},
    {"devices", cmd_devices},   {"device", cmd_device},
    {"backup", cmd_backup},     {"check", cmd_check},
    {"restore", cmd_restore},   {"audit", cmd_audit},
    {"sessions", cmd_sessions}, {"metrics-token", cmd_metrics_token},
};

bool srv_admin_has(const char *name)
{
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return true;
	return strcmp(name, "new-epoch") == 0;
}

int srv_admin_run(struct srv_config *cfg, const struct srv_admin_opts *o, int n_args, char **args)
{
	if (strcmp(args[0], "new-epoch") == 0) {
		struct admin a = {.cfg = cfg, .o = *o, .n_args = n_args - 1};
		int rc = cmd_new_epoch(&a);
		if (a.db)
			fd_db_close(a.db);
		return rc;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		if (strcmp(cmds[i].name, args[0]) != 0)
			continue;
		struct admin a = {.cfg = cfg, .o = *o};
		if (n_args - 1 > (int)(sizeof a.args / sizeof *a.args)) {
			fprintf(stderr, _("frontdeskd: %s: unexpected argument \"%s\"\n"), args[0],
			        args[1 + sizeof a.args / sizeof *a.args]);
			return 2;
		}
		for (int k = 1; k < n_args; k++)
			a.args[a.n_args++] = args[k];
		int rc = cmds[i].fn(&a);
		if (a.db)
			fd_db_close(a.db);
		return rc;
	}
	fprintf(stderr, _("frontdeskd: unknown command \"%s\"\n"), args[0]);
	return 2;
}

int srv_admin_throwaway_refused(void)
{
	fprintf(stderr, _("frontdeskd: --throwaway is only for 'demo --password-file F' on a new SQLite data "
	                  "directory (the private hotel of 'frontdesk --demo'); nothing was changed.\n"));
	return 2;
}

/* For backend_pg.c: the same password file and --ttl rules. */
bool srv_admin_read_password(const char *path, char *out, size_t size, struct fd_error *err)
{
	return read_password(path, out, size, err);
}

bool srv_admin_parse_ttl(const char *s, int64_t *out)
{
	return parse_ttl(s, out);
}
