// SPDX-License-Identifier: GPL-3.0-or-later
/* One operation, one transaction, on PostgreSQL; the savepoints of a
 * batch of operations in one transaction. */
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

/* Transaction control through the statement cache (prepared once per
 * connection: a batch sets a savepoint per operation). */
enum fd_status fd_pg_savepoint(struct fd_pg *pg, struct fd_error *err)
{
	static const char sql[] = "SAVEPOINT fd_op";
	enum fd_status st = fd_pg_defer(pg, sql, 0, NULL, "setting a savepoint", err);
	if (!st)
		pg->sp_seq = pg->last_seq;
	return st;
}

enum fd_status fd_pg_rollback_to(struct fd_pg *pg, struct fd_error *err)
{
	static const char sql[] = "ROLLBACK TO SAVEPOINT fd_op";
	enum fd_status st = fd_pg_do(pg, sql, 0, NULL, "undoing an operation", err);
	/* The numbers taken since are given back with the counter's update:
	 * the next change takes the first of them again. */
	if (!st)
		pg->last_seq = pg->sp_seq;
	pg->audit_seq = 0; /* an audit row written since is gone too */
	fd_pg_cache_forget(pg);
	return st;
}

enum fd_status fd_pg_release(struct fd_pg *pg, struct fd_error *err)
{
	static const char sql[] = "RELEASE SAVEPOINT fd_op";
	return fd_pg_defer(pg, sql, 0, NULL, "keeping an operation's writes", err);
}
