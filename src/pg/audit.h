// SPDX-License-Identifier: GPL-3.0-or-later
/* The audit log on PostgreSQL: the SQLite store's rows (store/audit.h),
 * one hash chain per hotel. A row is appended inside the hotel's writing
 * transaction (fd_pg_begin), whose lock on the hotel's feed counter
 * serializes the writers of the hotel across every server, so the chain
 * never forks. The table refuses UPDATE and DELETE (a trigger). */
#ifndef FD_PG_AUDIT_H
#define FD_PG_AUDIT_H

#include "pg/pg.h"
#include "store/audit.h"

/* Append row to the current property's chain, inside the caller's
 * transaction (row->session: the session's name, "" when none). */
enum fd_status fd_pg_audit_append(struct fd_pg *pg, const struct fd_audit_row *row, struct fd_error *err);

/* Recompute the current property's chain: FD_OK with *rows checked, or
 * FD_E_CONFLICT "audit_chain_broken" with *bad_seq the first row that does
 * not match. */
enum fd_status fd_pg_audit_verify(struct fd_pg *pg, int64_t *rows, int64_t *bad_seq, struct fd_error *err);

#endif
