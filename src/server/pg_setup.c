// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... init | enroll-code: a database's
 * first hotel, and a one-time code to enrol a terminal into a hotel, as
 * admin.c's on SQLite. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/op.h"
#include "server/pg_chain.h"
#include "server/pg_commands.h"
#include "server/token.h"
#include "store/ids.h"
#include "store/oplog.h"

/* Does the database hold a hotel yet? (init makes the first one only.) */
static enum fd_status any_property(struct fd_pg *pg, bool *any, struct fd_error *err)
{
	static const char sql[] = "SELECT 1 FROM properties LIMIT 1";
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 0, NULL, &q, "reading the hotels", err);
	if (st)
		return st;
	*any = PQntuples(q) > 0;
	PQclear(q);
	return FD_OK;
}

int srv_pg_cmd_init(struct srv_pg_admin *a)
{
	struct fd_error err = {0};
	const struct srv_admin_opts *o = a->o;
	if (!o->property || !o->currency || !o->timezone || a->n_args != 1) {
		fprintf(stderr, _("frontdeskd: init needs --property, --currency and --timezone\n"));
		return 2;
	}
	fd_date today = fd_date_from_unix((int64_t)time(NULL));
	if (o->date && !fd_date_parse(o->date, &today)) {
		fprintf(stderr, _("frontdeskd: --date must be YYYY-MM-DD\n"));
		return 2;
	}
	bool any = false;
	if (any_property(a->pg, &any, &err))
		return srv_pg_admin_fail(&err);
	if (any) {
		fprintf(stderr, _("frontdeskd: a hotel already exists in this database; add another with "
		                  "'property add'\n"));
		return 1;
	}
	char id[FD_ID_LEN];
	struct fd_op op;
	/* Audited as admin.c's init on SQLite: the hotel's first audit row. */
	srv_pg_new_hotel_op(a->pg, &op, id, o->property, o->currency, o->timezone, today);
	enum fd_status st = srv_pg_admin_apply(a->pg, &op, &err);
	fd_op_clear(&op);
	if (st)
		return srv_pg_admin_fail(&err);
	printf(_("Created hotel \"%s\" (%s) in PostgreSQL.\n"), o->property, id);
	return 0;
}

int srv_pg_cmd_enroll_code(struct srv_pg_admin *a)
{
	struct fd_error err = {0};
	int64_t ttl = 24 * 3600;
	if (a->n_args != 1 || (a->o->ttl && !srv_admin_parse_ttl(a->o->ttl, &ttl))) {
		fprintf(stderr, _("frontdeskd: enroll-code [--ttl N(s|m|h|d), at most 30d]\n"));
		return 2;
	}
	char code[SRV_TOKEN_LEN], h[65], until[24];
	unsigned char raw[32];
	srv_token_new(code);
	srv_token_hash(code, raw);
	sodium_bin2hex(h, sizeof h, raw, sizeof raw);
	snprintf(until, sizeof until, "%lld", (long long)((int64_t)time(NULL) + ttl));
	static const char sql[] =
	    "INSERT INTO srv_enroll_codes (hash, property_id, expires_at) VALUES ($1, $2, $3)";
	if (srv_pg_choose_property(a->pg, a->o->property, &err))
		return srv_pg_admin_fail(&err);
	const char *p[] = {h, fd_pg_property(a->pg), until};
	if (fd_pg_do(a->pg, sql, 3, p, "saving an enrolment code", &err))
		return srv_pg_admin_fail(&err);
	printf("%s\n", code);
	fprintf(stderr, _("frontdeskd: one-time enrolment code, valid %lld s\n"), (long long)ttl);
	return 0;
}
