// SPDX-License-Identifier: GPL-3.0-or-later
/* Availability over a range of nights and of days (avail.h). */
#include "config.h"
#include "core/avail.h"

#include <stdlib.h>

#include "core/i18n.h"

enum fd_status fd_avail_nights_each(const struct fd_repo *repo, const char *type_code, fd_date from,
                                    fd_date to, const char *except_id, int *inventory, int *sold,
                                    struct fd_error *err)
{
	for (fd_date d = from; d < to; d++) {
		int inv = 0, s = 0;
		enum fd_status st = FD_OK;
		if (inventory)
			st = repo->type_inventory(repo->ctx, type_code, d, &inv, err);
		if (!st && sold)
			st = repo->type_sold(repo->ctx, type_code, d, except_id ? except_id : "", &s, err);
		if (st)
			return st;
		if (inventory)
			inventory[d - from] = inv;
		if (sold)
			sold[d - from] = s;
	}
	return FD_OK;
}

enum fd_status fd_avail_nights(const struct fd_repo *repo, const char *type_code, fd_date from, fd_date to,
                               const char *except_id, int *inventory, int *sold, struct fd_error *err)
{
	if (to <= from)
		return FD_OK;
	if (!repo->type_nights)
		return fd_avail_nights_each(repo, type_code, from, to, except_id, inventory, sold, err);
	/* The range call fills both: room for the one not asked for. */
	if (!inventory && !sold)
		return FD_OK;
	int *spare = NULL;
	if ((!inventory || !sold) && !(spare = calloc((size_t)(to - from), sizeof *spare)))
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	enum fd_status st = repo->type_nights(repo->ctx, type_code, from, to, except_id ? except_id : "",
	                                      inventory ? inventory : spare, sold ? sold : spare, err);
	free(spare);
	return st;
}

enum fd_status fd_avail_days_each(const struct fd_repo *repo, const char *type_code, fd_date from, fd_date to,
                                  const char *except_id, int *sold, struct fd_error *err)
{
	for (fd_date d = from; d < to; d++) {
		enum fd_status st = repo->type_day_sold(repo->ctx, type_code, d, except_id ? except_id : "",
		                                        &sold[d - from], err);
		if (st)
			return st;
	}
	return FD_OK;
}

enum fd_status fd_avail_days(const struct fd_repo *repo, const char *type_code, fd_date from, fd_date to,
                             const char *except_id, int *sold, struct fd_error *err)
{
	if (to <= from)
		return FD_OK;
	if (!repo->type_days)
		return fd_avail_days_each(repo, type_code, from, to, except_id, sold, err);
	return repo->type_days(repo->ctx, type_code, from, to, except_id ? except_id : "", sold, err);
}
