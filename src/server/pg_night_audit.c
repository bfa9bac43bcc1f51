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

#include "pg/pg.h"
#include "server/pg_chain.h"
#include "server/pg_commands.h"
#include "server/server.h"

static int fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdeskd: %s\n", err->message);
	return 1;
}

/* The operation with its audit row, in one transaction. */
/* The operation applied and audited as the server's own (pg_commands.c). */
static enum fd_status apply_audited(void *ctx, const struct fd_op *op, struct fd_error *err)
{
	return srv_pg_admin_apply(ctx, op, err);
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
	return srv_night_audit_run(repo, day, o->as, apply_audited, pg);
}
