// SPDX-License-Identifier: GPL-3.0-or-later
/* One operation, one transaction, on PostgreSQL. */
#include "config.h"

#include "core/op.h"
#include "pg/pg_internal.h"

enum fd_status fd_pg_apply(struct fd_pg *pg, const struct fd_op *op, unsigned flags, struct fd_op_result *res,
                           struct fd_error *err)
{
	enum fd_status st = fd_pg_begin(pg, err);
	if (st)
		return st;
	fd_pg_set_op(pg, op->op_id);
	st = fd_op_apply(&pg->repo, op, flags, res, err);
	if (!st)
		st = fd_pg_commit(pg, err);
	else
		fd_pg_rollback(pg);
	fd_pg_set_op(pg, "");
	return st;
}
