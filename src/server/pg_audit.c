// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: the audit log (src/pg/audit.h), written as on
 * SQLite: every pushed operation, applied or refused, with the actor, the
 * session and the device it came through, inside the operation's
 * transaction; every refused request (401, 403) whose hotel is known (a
 * session or a device token) in a transaction of its own. `frontdeskd
 * --database URI check` verifies every hotel's chain.
 *
 * A guest's personal data is never written into the log here: the SQLite
 * store seals it under the guest's key (erasable), which PostgreSQL does
 * not keep yet, so a guest operation's payload is left out ("{}"). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg/audit.h"
#include "server/log.h"
#include "server/server.h"

enum fd_status srv_pg_audit_op(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op,
                               const struct fd_op_result *res, const struct fd_error *why,
                               struct fd_error *err)
{
	bool guest = strncmp(op->type, "guest.", 6) == 0 || (res && strcmp(res->entity, "guest") == 0);
	/* A refusal keeps the payload unless input validation refused it (a
	 * card number, say), as fd_audit_refusal_in does. */
	bool keep = op->payload && !guest && !(why && why->status == FD_E_INVALID);
	char *payload = keep ? cJSON_PrintUnformatted(op->payload) : NULL;
	char reason[sizeof err->message + 8] = ""; /* why may be NULL; the same type */
	if (why)
		snprintf(reason, sizeof reason, "%s", why->message);
	struct fd_audit_row row = {
	    .op_id = op->op_id,
	    .device = op->device,
	    .actor = op->actor,
	    .type = op->type,
	    .entity = res && !why ? res->entity : "",
	    .entity_id = res && !why ? res->id : "",
	    .payload = payload ? payload : "{}",
	    .created_at = op->created_at,
	    .outcome = why ? "refused" : "applied",
	    .code = why ? (why->code[0] ? why->code : "refused") : "",
	    .reason = reason,
	    .session = c->session_id,
	};
	enum fd_status st = fd_pg_audit_append(pg, &row, err);
	free(payload);
	return st;
}

void srv_pg_audit_refusal(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                          const struct fd_audit_row *row)
{
	struct fd_error err = {0};
	struct srv_caller dev;
	char property[FD_ID_LEN] = "";
	if (c && c->property[0])
		snprintf(property, sizeof property, "%s", c->property);
	else if (r->authorization && srv_pg_auth_device(s, r, &dev, &err) == FD_OK)
		snprintf(property, sizeof property, "%s", dev.property); /* a sign-in refused */
	if (!property[0])
		return; /* no hotel to file it under: the server's log has it */
	struct fd_audit_row a = *row;
	if (!c && dev.device[0] && !a.device[0])
		a.device = dev.device;
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg)
		return;
	fd_pg_use_property(pg, property);
	enum fd_status st = fd_pg_begin(pg, &err);
	if (!st && (st = fd_pg_audit_append(pg, &a, &err)))
		fd_pg_rollback(pg);
	else if (!st)
		st = fd_pg_commit(pg, &err);
	if (st)
		srv_log(SRV_LOG_ERR, "could not record a refusal in the audit log: %s", err.message);
}

int srv_pg_check(struct fd_pg *pg)
{
	struct fd_error err = {0};
	static const char sql[] = "SELECT id, name FROM properties ORDER BY name, id";
	PGresult *q;
	if (fd_pg_run(pg, sql, 0, NULL, &q, "reading the hotels", &err)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		return 1;
	}
	int bad = 0;
	int64_t total = 0;
	for (int i = 0; i < PQntuples(q); i++) {
		int64_t rows = 0, broken = 0;
		fd_pg_use_property(pg, PQgetvalue(q, i, 0));
		if (fd_pg_audit_verify(pg, &rows, &broken, &err)) {
			fprintf(stderr, "frontdeskd: check: %s: %s\n", PQgetvalue(q, i, 1), err.message);
			bad = 1;
		}
		total += rows;
	}
	PQclear(q);
	if (!bad)
		printf("check: ok (the audit log's chain of %lld rows is intact)\n", (long long)total);
	return bad;
}
