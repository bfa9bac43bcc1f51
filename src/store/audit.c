// SPDX-License-Identifier: GPL-3.0-or-later
/* The audit log's rows and their hash chain (see audit.h). */
#include "config.h"
#include "store/audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/text.h"
#include "store/db_internal.h"

#define N_FIELDS 14
#define HASH_HEX (2 * crypto_generichash_BYTES + 1)

void fd_db_set_audit_session(struct fd_db *db, const char *session)
{
	snprintf(db->audit_session, sizeof db->audit_session, "%s", session ? session : "");
}

void fd_audit_session_id_hash(const unsigned char hash[32], char out[FD_AUDIT_SESSION_LEN])
{
	sodium_bin2hex(out, FD_AUDIT_SESSION_LEN, hash, (FD_AUDIT_SESSION_LEN - 1) / 2);
}

void fd_audit_session_id(const char *token, char out[FD_AUDIT_SESSION_LEN])
{
	unsigned char h[32];
	out[0] = '\0';
	if (!token || !token[0])
		return;
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	fd_audit_session_id_hash(h, out);
}

/* BLAKE2b-256 of a domain tag, the previous hash and each field with its
 * length (8 bytes, little-endian) in front: no two rows hash alike by
 * moving bytes from one field to the next. The pieces are gathered into
 * one buffer and hashed with one update when they fit (the hash of a
 * stream does not depend on how it is cut; thirty small updates were
 * half of the hashing's cost). */
static void row_hash(const unsigned char prev[crypto_generichash_BYTES], const char *const f[N_FIELDS],
                     const size_t len[N_FIELDS], unsigned char out[crypto_generichash_BYTES])
{
	static const char tag[] = "frontdesk-audit-v1";
	unsigned char buf[2048];
	size_t n = 0;
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES);
	memcpy(buf, tag, sizeof tag - 1);
	n = sizeof tag - 1;
	memcpy(buf + n, prev, crypto_generichash_BYTES);
	n += crypto_generichash_BYTES;
	for (int i = 0; i < N_FIELDS; i++) {
		uint64_t v = len[i];
		if (n + 8 + len[i] > sizeof buf) { /* a long payload: stream it */
			crypto_generichash_update(&st, buf, n);
			n = 0;
		}
		for (int k = 0; k < 8; k++)
			buf[n++] = (unsigned char)(v >> (8 * k));
		if (n + len[i] <= sizeof buf) {
			memcpy(buf + n, f[i], len[i]);
			n += len[i];
		} else {
			crypto_generichash_update(&st, buf, n);
			crypto_generichash_update(&st, (const unsigned char *)f[i], len[i]);
			n = 0;
		}
	}
	crypto_generichash_update(&st, buf, n);
	crypto_generichash_final(&st, out, crypto_generichash_BYTES);
}

void fd_audit_row_hash(const unsigned char prev[32], const char *const f[FD_AUDIT_FIELDS],
                       const size_t len[FD_AUDIT_FIELDS], unsigned char out[32])
{
	row_hash(prev, f, len, out);
}

/* The columns in hashing order; seq, created_at and applied_at as decimal
 * text. Used by writing, verifying and the migration alike. */
#define AUDIT_COLUMNS                                                                                        \
	"seq, op_id, device, actor, type, entity, entity_id, payload, created_at, applied_at, outcome, "     \
	"code, "                                                                                             \
	"reason, session"

static void stmt_row_hash(sqlite3_stmt *q, const unsigned char prev[crypto_generichash_BYTES],
                          unsigned char out[crypto_generichash_BYTES])
{
	const char *f[N_FIELDS];
	size_t len[N_FIELDS];
	for (int i = 0; i < N_FIELDS; i++) {
		const unsigned char *t = sqlite3_column_text(q, i);
		f[i] = t ? (const char *)t : "";
		len[i] = t ? (size_t)sqlite3_column_bytes(q, i) : 0;
	}
	row_hash(prev, f, len, out);
}

/* db.h fd_db_tx_generation: numbers never given twice in the process,
 * so that a connection closed and another opened at the same address
 * cannot pass for it. */
static _Atomic uint64_t generations;

static void next_generation(struct fd_db *db)
{
	db->tx_generation = atomic_fetch_add(&generations, 1) + 1;
}

static void forget_head(void *ctx)
{
	struct fd_db *db = ctx;
	db->audit_head_known = false;
	next_generation(db);
}

static int forget_head_at_commit(void *ctx)
{
	forget_head(ctx);
	return 0; /* the commit goes on */
}

/* The connection's one trace hook. Every statement as it starts
 * (triggers' programs too: "-- TRIGGER"): "ROLLBACK TO x" undoes rows
 * without the rollback hook hearing of it. And, for a benchmark's
 * profile (db.h fd_db_profile), each statement's time as it ends. */
static int on_trace(unsigned what, void *ctx, void *stmt, void *x)
{
	struct fd_db *db = ctx;
	if (what == SQLITE_TRACE_PROFILE && db->profile) {
		db->profile(db->profile_ctx, sqlite3_sql(stmt), (int64_t) * (sqlite3_int64 *)x);
		return 0;
	}
	const char *t = x;
	if (what == SQLITE_TRACE_STMT && t) {
		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		if (sqlite3_strnicmp(t, "ROLLBACK", 8) == 0)
			forget_head(ctx);
	}
	return 0;
}

static void trace(struct fd_db *db)
{
	sqlite3_trace_v2(db->db, SQLITE_TRACE_STMT | (db->profile ? SQLITE_TRACE_PROFILE : 0), on_trace, db);
}

void fd_audit_watch(struct fd_db *db)
{
	db->audit_head_known = false;
	next_generation(db);
	sqlite3_commit_hook(db->db, forget_head_at_commit, db);
	sqlite3_rollback_hook(db->db, forget_head, db);
	trace(db);
}

void fd_db_profile(struct fd_db *db, fd_db_profile_fn fn, void *ctx)
{
	db->profile = fn;
	db->profile_ctx = ctx;
	trace(db);
}

static bool last_row(struct fd_db *db, int64_t *seq, unsigned char prev[crypto_generichash_BYTES],
                     struct fd_error *err)
{
	if (db->audit_head_known) {
		*seq = db->audit_head_seq;
		memcpy(prev, db->audit_head, crypto_generichash_BYTES);
		return true;
	}
	sqlite3_stmt *q = fd_db_stmt(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", err);
	if (!q)
		return false;
	*seq = 0;
	memset(prev, 0, crypto_generichash_BYTES);
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(q, 1);
		*seq = sqlite3_column_int64(q, 0);
		if (h && strcmp(h, db->audit_head_hex) == 0)
			memcpy(prev, db->audit_head, crypto_generichash_BYTES);
		else if (h &&
		         sodium_hex2bin(prev, crypto_generichash_BYTES, h, strlen(h), NULL, NULL, NULL) != 0)
			memset(prev, 0, crypto_generichash_BYTES);
	}
	sqlite3_reset(q);
	return true;
}

enum fd_status fd_audit_append(struct fd_db *db, const struct fd_audit_row *r, struct fd_error *err)
{
	unsigned char prev[crypto_generichash_BYTES], h[crypto_generichash_BYTES];
	int64_t seq;
	if (!last_row(db, &seq, prev, err))
		return err ? err->status : FD_E_IO;
	seq++;
	char seq_t[24], created_t[24], applied_t[24], hex[HASH_HEX];
	int64_t now = (int64_t)time(NULL);
	fd_text_int(seq, seq_t);
	fd_text_int(r->created_at, created_t);
	fd_text_int(now, applied_t);
	const char *session = r->session ? r->session : db->audit_session;
	const char *f[N_FIELDS] = {seq_t,      r->op_id,     r->device,  r->actor,  r->type,
	                           r->entity,  r->entity_id, r->payload, created_t, applied_t,
	                           r->outcome, r->code,      r->reason,  session};
	size_t len[N_FIELDS];
	for (int i = 0; i < N_FIELDS; i++) {
		if (!f[i])
			f[i] = "";
		len[i] = strlen(f[i]);
	}
	row_hash(prev, f, len, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "INSERT INTO audit_log (" AUDIT_COLUMNS ", hash)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	               err);
	if (!s)
		return err ? err->status : FD_E_IO;
	sqlite3_bind_int64(s, 1, seq);
	for (int i = 1; i < N_FIELDS; i++) {
		if (i == 8)
			sqlite3_bind_int64(s, 9, r->created_at);
		else if (i == 9)
			sqlite3_bind_int64(s, 10, now);
		else
			sqlite3_bind_text(s, i + 1, f[i], (int)len[i], SQLITE_STATIC);
	}
	sqlite3_bind_text(s, 15, hex, -1, SQLITE_STATIC);
	db->audit_head_known = false;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "writing the audit log");
	memcpy(db->audit_head_hex, hex, sizeof db->audit_head_hex);
	memcpy(db->audit_head, h, sizeof db->audit_head);
	/* Ours until the transaction ends: no other writer can append before
	 * (the write lock is held), and the hooks hear of every rollback. */
	db->audit_head_seq = seq;
	db->audit_head_known = !sqlite3_get_autocommit(db->db);
	return FD_OK;
}

enum fd_status fd_audit_refusal_in(struct fd_db *db, const struct fd_op *op, const struct fd_error *why,
                                   struct fd_error *err)
{
	/* A guest's personal data is sealed under their key only once the
	 * guest exists; input validation may have refused a card number. */
	bool keep = why->status != FD_E_INVALID && strncmp(op->type, "guest.", 6) != 0 && op->payload;
	char *payload = keep ? cJSON_PrintUnformatted(op->payload) : NULL;
	char reason[sizeof why->message + 8];
	snprintf(reason, sizeof reason, "%s", why->message);
	struct fd_audit_row r = {
	    .op_id = op->op_id,
	    .device = op->device,
	    .actor = op->actor,
	    .type = op->type,
	    .entity = "",
	    .entity_id = "",
	    .payload = payload ? payload : "{}",
	    .created_at = op->created_at,
	    .outcome = "refused",
	    .code = why->code[0] ? why->code : "refused",
	    .reason = reason,
	};
	enum fd_status st = fd_audit_append(db, &r, err);
	free(payload);
	return st;
}

enum fd_status fd_audit_refusal(struct fd_db *db, const struct fd_op *op, const struct fd_error *why,
                                struct fd_error *err)
{
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	st = fd_audit_refusal_in(db, op, why, err);
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

enum fd_status fd_audit_verify(struct fd_db *db, int64_t *rows, int64_t *bad_seq, struct fd_error *err)
{
	*rows = 0;
	*bad_seq = 0;
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(db->db, "SELECT " AUDIT_COLUMNS ", hash FROM audit_log ORDER BY seq", -1, &q,
	                       NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "reading the audit log");
	unsigned char prev[crypto_generichash_BYTES] = {0}, h[crypto_generichash_BYTES];
	char hex[HASH_HEX];
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		stmt_row_hash(q, prev, h);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		const char *stored = (const char *)sqlite3_column_text(q, N_FIELDS);
		if (!stored || strcmp(stored, hex) != 0) {
			*bad_seq = sqlite3_column_int64(q, 0);
			sqlite3_finalize(q);
			return fd_fail(err, FD_E_CONFLICT, "audit_chain_broken", "audit_log",
			               _("The audit log's hash chain is broken at row %" PRId64 " (%" PRId64
			                 " rows before it check): that row or the one before "
			                 "it was changed, inserted or removed."),
			               *bad_seq, *rows);
		}
		memcpy(prev, h, sizeof prev);
		(*rows)++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "reading the audit log");
	return FD_OK;
}

/* Idempotent: a column already there is kept (a step may run again when a
 * test or a repair forgets the steps above one). */
static enum fd_status add_column(struct fd_db *db, const char *name, const char *sql, struct fd_error *err)
{
	sqlite3_stmt *q;
	bool have = false;
	if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM pragma_table_info('audit_log') WHERE name = ?1", -1, &q,
	                       NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "chaining the audit log");
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	have = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	if (!have && sqlite3_exec(db->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "chaining the audit log");
	return FD_OK;
}

enum fd_status fd_audit_chain_existing(struct fd_db *db, struct fd_error *err)
{
	static const char *const cols[][2] = {
	    {"outcome", "ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'applied'"},
	    {"code", "ALTER TABLE audit_log ADD COLUMN code TEXT NOT NULL DEFAULT ''"},
	    {"reason", "ALTER TABLE audit_log ADD COLUMN reason TEXT NOT NULL DEFAULT ''"},
	    {"session", "ALTER TABLE audit_log ADD COLUMN session TEXT NOT NULL DEFAULT ''"},
	    {"hash", "ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''"},
	};
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		enum fd_status st = add_column(db, cols[i][0], cols[i][1], err);
		if (st)
			return st;
	}
	sqlite3_stmt *sel = NULL, *upd = NULL;
	if (sqlite3_exec(db->db, "DROP TRIGGER IF EXISTS audit_log_no_update", NULL, NULL, NULL) !=
	        SQLITE_OK ||
	    sqlite3_prepare_v2(db->db, "SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY seq", -1, &sel,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->db, "UPDATE audit_log SET hash = ?1 WHERE seq = ?2", -1, &upd, NULL) !=
	        SQLITE_OK) {
		sqlite3_finalize(sel);
		return fd_db_fail(db, err, "chaining the audit log");
	}
	unsigned char prev[crypto_generichash_BYTES] = {0}, h[crypto_generichash_BYTES];
	char hex[HASH_HEX];
	enum fd_status st = FD_OK;
	while (!st && sqlite3_step(sel) == SQLITE_ROW) {
		stmt_row_hash(sel, prev, h);
		memcpy(prev, h, sizeof prev);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		sqlite3_bind_text(upd, 1, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE)
			st = fd_db_fail(db, err, "chaining the audit log");
		sqlite3_reset(upd);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	if (!st && sqlite3_exec(db->db,
	                        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	                        " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	                        NULL, NULL, NULL) != SQLITE_OK)
		st = fd_db_fail(db, err, "chaining the audit log");
	return st;
}
