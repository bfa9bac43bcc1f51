// SPDX-License-Identifier: GPL-3.0-or-later
/* Several hotels in one PostgreSQL database: adding a hotel, listing them,
 * and choosing the hotel an administration command acts on (pg_chain.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/op.h"
#include "pg/chain.h"
#include "server/pg_chain.h"
#include "server/pg_commands.h"
#include "store/ids.h"
#include "store/oplog.h"

enum fd_status srv_pg_choose_property(struct fd_pg *pg, const char *want, struct fd_error *err)
{
	struct fd_pg_hotel h;
	if (want) {
		enum fd_status st = fd_pg_hotel_find(pg, want, &h, err);
		if (!st)
			fd_pg_use_property(pg, h.id);
		return st;
	}
	struct fd_pg_hotel *all;
	int n;
	enum fd_status st = fd_pg_hotels(pg, &all, &n, err);
	if (st)
		return st;
	if (n == 1)
		fd_pg_use_property(pg, all[0].id);
	if (n == 0)
		st = fd_fail(err, FD_E_NOT_FOUND, "no_hotel", NULL,
		             _("No hotel in this database yet; run 'init' or 'property add' first."));
	else if (n > 1) {
		char list[512] = "";
		size_t used = 0;
		for (int i = 0; i < n && used < sizeof list - 1; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
			                         all[i].code[0] ? all[i].code : all[i].id);
		st = fd_fail(err, FD_E_INVALID, "several_hotels", "property",
		             _("This database holds %d hotels (%s); say which with --property CODE."), n,
		             list);
	}
	free(all);
	return st;
}

static int fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdeskd: %s\n", err->message);
	return 1;
}

static enum fd_status set_code(struct fd_pg *pg, void *code, struct fd_error *err)
{
	return fd_pg_hotel_set_code(pg, code, err);
}

static int property_add(struct fd_pg *pg, const struct srv_admin_opts *o, const char *code)
{
	struct fd_error err = {0};
	if (!o->name || !o->currency || !o->timezone) {
		fprintf(stderr, _("frontdeskd: property add CODE needs --name, --currency and --timezone\n"));
		return 2;
	}
	if (!fd_pg_code_valid(code)) {
		fprintf(stderr,
		        _("frontdeskd: the hotel code \"%s\" must be 1 to 16 capital letters, digits, '-' "
		          "or '_'\n"),
		        code);
		return 1;
	}
	fd_date today = fd_date_from_unix((int64_t)time(NULL));
	if (o->date && !fd_date_parse(o->date, &today)) {
		fprintf(stderr, _("frontdeskd: --date must be YYYY-MM-DD\n"));
		return 1;
	}
	struct fd_pg_hotel h;
	if (fd_pg_hotel_find(pg, code, &h, &err) == FD_OK) {
		fprintf(stderr, _("frontdeskd: a hotel with the code \"%s\" exists already (%s)\n"), code,
		        h.name);
		return 1;
	}
	char id[FD_ID_LEN];
	struct fd_op op;
	srv_pg_new_hotel_op(pg, &op, id, o->name, o->currency, o->timezone, today);
	/* The hotel and its code in one transaction, both or neither, with its
	 * audit row (its first, as init's for the first hotel). */
	enum fd_status st = srv_pg_admin_apply_with(pg, &op, set_code, (void *)code, &err);
	fd_op_clear(&op);
	if (st)
		return fail(&err);
	printf(_("Added hotel %s \"%s\" (%s).\n"), code, o->name, id);
	return 0;
}

static int property_list(struct fd_pg *pg)
{
	struct fd_error err = {0};
	struct fd_pg_hotel *all;
	int n;
	if (fd_pg_hotels(pg, &all, &n, &err))
		return fail(&err);
	printf("%-16s  %-36s  %-8s  %-20s  %s\n", _("CODE"), _("ID"), _("CURRENCY"), _("TIMEZONE"),
	       _("NAME"));
	for (int i = 0; i < n; i++)
		printf("%-16s  %-36s  %-8s  %-20s  %s\n", all[i].code[0] ? all[i].code : "-", all[i].id,
		       all[i].currency, all[i].timezone, all[i].name);
	free(all);
	return 0;
}

int srv_pg_property_cmd(struct fd_pg *pg, const struct srv_admin_opts *o, int n_args, char **args)
{
	if (n_args == 3 && strcmp(args[1], "add") == 0)
		return property_add(pg, o, args[2]);
	if (n_args == 2 && strcmp(args[1], "list") == 0)
		return property_list(pg);
	if (n_args == 3 && strcmp(args[1], "share-guests") == 0 &&
	    (strcmp(args[2], "on") == 0 || strcmp(args[2], "off") == 0)) {
		struct fd_error err = {0};
		bool on = strcmp(args[2], "on") == 0;
		if (fd_pg_shared_guests_set(pg, on, &err))
			return fail(&err);
		printf(
		    on ? _("Guest profiles are shared across the chain: a returning guest is recognised at "
		           "every hotel.\n")
		       : _("Guest profiles stay with their hotel.\n"));
		return 0;
	}
	fprintf(stderr, _("frontdeskd: property add CODE --name TEXT --currency C --timezone TZ [--date D]"
	                  " | property list | property share-guests on|off\n"));
	return 2;
}
