// SPDX-License-Identifier: GPL-3.0-or-later
/* The audit log on PostgreSQL (audit.h). */
#include "config.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pg/audit.h"
#include "pg/pg_internal.h"

#define COLUMNS                                                                                              \
	"seq, op_id, device, actor, type, entity, entity_id, payload, created_at, applied_at, outcome, "     \
	"code, "                                                                                             \
	"reason, session"

enum fd_status fd_pg_audit_append(struct fd_pg *pg, const struct fd_audit_row *r, struct fd_error *err)
{
	static const char last[] =
	    "SELECT seq, hash FROM audit_log WHERE property_id = $1 ORDER BY seq DESC LIMIT 1";
	static const char ins[] =
	    "INSERT INTO audit_log (property_id, " COLUMNS ", hash) VALUES ($1, $2, $3, $4,"
	    " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
	const char *p0[] = {pg->property};
	unsigned char prev[32] = {0}, h[32];
	int64_t seq = 1;
	/* In a transaction (which holds the property's lock) the row appended
	 * last is known: no read. */
	bool known = pg->in_tx && pg->audit_seq > 0 && strcmp(pg->audit_property, pg->property) == 0;
	const char *last_hex = known ? pg->audit_hash : NULL;
	PGresult *q = NULL;
	if (known) {
		seq = pg->audit_seq + 1;
	} else {
		enum fd_status st = fd_pg_run(pg, last, 1, p0, &q, "reading the audit log", err);
		if (st)
			return st;
		if (PQntuples(q) == 1) {
			seq = fd_pg_col_int(q, 0, 0) + 1;
			last_hex = PQgetvalue(q, 0, 1);
		}
	}
	if (last_hex && sodium_hex2bin(prev, sizeof prev, last_hex, strlen(last_hex), NULL, NULL, NULL) != 0)
		memset(prev, 0, sizeof prev);
	PQclear(q);
	char seq_t[FD_PG_INT_LEN], created_t[FD_PG_INT_LEN], applied_t[FD_PG_INT_LEN], hex[65];
	const char *f[FD_AUDIT_FIELDS] = {fd_pg_int(seq_t, seq),
	                                  r->op_id,
	                                  r->device,
	                                  r->actor,
	                                  r->type,
	                                  r->entity,
	                                  r->entity_id,
	                                  r->payload,
	                                  fd_pg_int(created_t, r->created_at),
	                                  fd_pg_int(applied_t, (int64_t)time(NULL)),
	                                  r->outcome,
	                                  r->code,
	                                  r->reason,
	                                  r->session};
	size_t len[FD_AUDIT_FIELDS];
	for (int i = 0; i < FD_AUDIT_FIELDS; i++) {
		if (!f[i])
			f[i] = "";
		len[i] = strlen(f[i]);
	}
	fd_audit_row_hash(prev, f, len, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	const char *p[16] = {pg->property};
	for (int i = 0; i < FD_AUDIT_FIELDS; i++)
		p[i + 1] = f[i];
	p[15] = hex;
	enum fd_status st = fd_pg_defer(pg, ins, 16, p, "writing the audit log", err);
	if (!st && pg->in_tx) {
		pg->audit_seq = seq;
		snprintf(pg->audit_hash, sizeof pg->audit_hash, "%s", hex);
		snprintf(pg->audit_property, sizeof pg->audit_property, "%s", pg->property);
	}
	return st;
}

enum fd_status fd_pg_audit_verify(struct fd_pg *pg, int64_t *rows, int64_t *bad_seq, struct fd_error *err)
{
	static const char sql[] =
	    "SELECT " COLUMNS ", hash FROM audit_log WHERE property_id = $1 ORDER BY seq";
	const char *p[] = {pg->property};
	PGresult *q;
	*rows = 0;
	*bad_seq = 0;
	enum fd_status st = fd_pg_run(pg, sql, 1, p, &q, "reading the audit log", err);
	if (st)
		return st;
	unsigned char prev[32] = {0}, h[32];
	char hex[65];
	for (int i = 0; i < PQntuples(q) && !st; i++) {
		const char *f[FD_AUDIT_FIELDS];
		size_t len[FD_AUDIT_FIELDS];
		for (int k = 0; k < FD_AUDIT_FIELDS; k++) {
			f[k] = PQgetvalue(q, i, k);
			len[k] = (size_t)PQgetlength(q, i, k);
		}
		fd_audit_row_hash(prev, f, len, h);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		if (strcmp(hex, PQgetvalue(q, i, FD_AUDIT_FIELDS)) != 0) {
			*bad_seq = fd_pg_col_int(q, i, 0);
			st = fd_fail(err, FD_E_CONFLICT, "audit_chain_broken", "audit_log",
			             "The audit log's hash chain is broken at row %" PRId64 " (%" PRId64
			             " rows before it check): that row or the one before it was changed, "
			             "inserted or removed.",
			             *bad_seq, *rows);
			break;
		}
		memcpy(prev, h, sizeof prev);
		(*rows)++;
	}
	PQclear(q);
	return st;
}
