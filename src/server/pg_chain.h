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

#endif
