// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL with several hotels in one database: the
 * administration commands that add and choose hotels (pg_property.c). */
#ifndef FD_SERVER_PG_CHAIN_H
#define FD_SERVER_PG_CHAIN_H

#include "pg/pg.h"
#include "server/server.h"

/* Make the hotel an administration command acts on the connection's
 * property: the one whose code or id is want, or, when want is NULL, the
 * database's only hotel. With several hotels and no want it refuses to
 * guess (FD_E_INVALID "several_hotels", naming the codes and the option);
 * with none, FD_E_NOT_FOUND "no_hotel". */
enum fd_status srv_pg_choose_property(struct fd_pg *pg, const char *want, struct fd_error *err);

/* frontdeskd property add CODE --name TEXT --currency C --timezone TZ
 * [--date D] | property list: the exit status. */
int srv_pg_property_cmd(struct fd_pg *pg, const struct srv_admin_opts *o, int n_args, char **args);

/* frontdeskd report chain --from D --to D [--json | --csv] (pg_report.c):
 * the exit status. */
int srv_pg_report_cmd(struct fd_pg *pg, const struct srv_admin_opts *o, int n_args, char **args);

/* frontdeskd audit --as MANAGER [--date D] [--property CODE]
 * (pg_night_audit.c): the night audit of a hotel; the exit status. */
int srv_pg_night_audit_cmd(struct fd_pg *pg, const struct srv_admin_opts *o, int n_args);

/* GET /v1/reports/chain?from=D&to=D: the same report as JSON, for a chain
 * role that reads reports (core/perm.h "report.chain"). A SQLite server
 * has no chain roles, so the route's permission answers 403 before this. */
void srv_pg_api_chain_report(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                             struct srv_resp *out);
/* backend_pg.c: the calling thread's connection. */
struct fd_pg *srv_pg_conn(struct srv *s, struct fd_error *err);

#endif
