// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: who acted (doc/scale-out.md). As on SQLite
 * (push.c), an operation acts with the rights of the session's user, or of
 * another person who proved it was them: their signature, made on this
 * device with the key derived from their password (store/opsig.h),
 * checked against the public key registered for them. Their key is
 * registered at their first sign-in (a password set by `user add` has
 * none yet), so a terminal can sign their offline work from then on. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "pg/pg.h"
#include "server/log.h"
#include "server/server.h"
#include "store/opsig.h"

void srv_pg_sign_key(struct fd_pg *pg, const char *user, const char *password, char *salt, size_t size)
{
	char fresh[FD_SIGN_SALT_HEX], pk[FD_SIGN_PK_HEX];
	struct fd_error err = {0};
	fd_sign_new_salt(fresh);
	if (fd_sign_derive(password, fresh, FD_SIGN_FULL, pk, NULL, &err))
		return;
	/* The first server to register it wins; every one answers its salt. */
	static const char sql[] = "UPDATE srv_credentials SET sign_salt = CASE sign_salt WHEN '' THEN $2"
	                          " ELSE sign_salt END, sign_pk = CASE sign_salt WHEN '' THEN $3 ELSE sign_pk"
	                          " END WHERE username = $1 RETURNING sign_salt";
	const char *p[] = {user, fresh, pk};
	PGresult *q;
	if (fd_pg_run(pg, sql, 3, p, &q, "saving a signing key", &err)) {
		srv_log(SRV_LOG_WARNING, "no signing key for \"%s\": %s", user, err.message);
		return;
	}
	if (PQntuples(q) == 1)
		snprintf(salt, size, "%s", PQgetvalue(q, 0, 0));
	PQclear(q);
}

bool srv_pg_actor_signed(struct fd_pg *pg, const struct srv_caller *c, const struct fd_op *op)
{
	if (!op->sig[0])
		return false;
	/* The actor's key, and a staff record of theirs in the device's hotel. */
	static const char sql[] =
	    "SELECT c.sign_pk FROM srv_credentials c JOIN staff st"
	    " ON st.username = c.username AND st.property_id = $2 WHERE c.username = $1";
	const char *p[] = {op->actor, c->property};
	PGresult *q;
	if (fd_pg_run(pg, sql, 2, p, &q, "reading a signing key", NULL))
		return false;
	char pk[FD_SIGN_PK_HEX] = "";
	if (PQntuples(q) == 1)
		snprintf(pk, sizeof pk, "%s", PQgetvalue(q, 0, 0));
	PQclear(q);
	return pk[0] && fd_op_sig_valid(op, c->device, pk);
}
