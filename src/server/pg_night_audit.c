// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database URI audit --as MANAGER [--date D] [--property
 * CODE]: the night audit on the server itself, for a timer at night, as
 * admin.c's on SQLite: the same operation a desk runs (the night audit is
 * its actor, the manager named as who ran it, judged by core), applied in
 * the hotel's writing transaction with its audit row; its changes reach
 * every terminal of the hotel through the feed (and the NOTIFY of the
 * commit wakes every server's long-polls). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/op_folio.h"
#include "pg/pg.h"
#include "server/pg_chain.h"
#include "server/server.h"
#include "store/oplog.h"

static int fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdeskd: %s\n", err->message);
	return 1;
}

/* The operation with its audit row, in one transaction. */
static enum fd_status apply_audited(struct fd_pg *pg, const struct fd_op *op, struct fd_error *err)
{
	struct srv_caller server = {.username = "frontdeskd"}; /* no session, no device */
	struct fd_op_result res;
	memset(&res, 0, sizeof res);
	enum fd_status st = fd_pg_begin(pg, err);
	if (st)
		return st;
	fd_pg_set_op(pg, op->op_id);
	st = fd_op_apply(fd_pg_repo(pg), op, FD_APPLY_TRUSTED, &res, err);
	if (!st)
		st = srv_pg_audit_op(pg, &server, op, &res, NULL, err); /* pg_audit.c */
	fd_pg_set_op(pg, "");
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	return st;
}

int srv_pg_night_audit_cmd(struct fd_pg *pg, const struct srv_admin_opts *o, int n_args)
{
	struct fd_error err = {0};
	if (!o->as || n_args != 1) {
		fprintf(stderr, "frontdeskd: audit --as MANAGER [--date YYYY-MM-DD] [--property CODE]\n");
		return 2;
	}
	fd_date day = 0;
	if (o->date && !fd_date_parse(o->date, &day)) {
		fprintf(stderr, "frontdeskd: --date must be YYYY-MM-DD\n");
		return 2;
	}
	if (srv_pg_choose_property(pg, o->property, &err))
		return fail(&err);
	const struct fd_repo *repo = fd_pg_repo(pg);
	struct fd_property p;
	if (!o->date) {
		if (repo->get_property(repo->ctx, &p, &err))
			return fail(&err);
		day = p.business_date;
	}
	char dtext[FD_DATE_STRLEN], next[FD_DATE_STRLEN];
	fd_date_format(day, dtext);
	struct fd_day_report r;
	if (repo->get_day_report(repo->ctx, day, &r, NULL) == FD_OK) {
		printf("%s was already closed by the night audit; nothing changed.\n", dtext);
		return 0;
	}
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, "audit.night", FD_NIGHT_AUDIT_ACTOR, "server");
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "date", dtext);
	cJSON_AddStringToObject(op.payload, "run_by", o->as);
	enum fd_status st = apply_audited(pg, &op, &err);
	fd_op_clear(&op);
	if (st || repo->get_day_report(repo->ctx, day, &r, &err))
		return fail(&err);
	printf("Closed %s: %lld room(s) sold, room revenue %lld (minor units), %lld no-show(s); business "
	       "date %s.\n",
	       dtext, (long long)r.rooms_sold, (long long)r.room_revenue, (long long)r.no_shows,
	       fd_date_format(day + 1, next));
	return 0;
}
