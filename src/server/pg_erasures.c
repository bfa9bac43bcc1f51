// SPDX-License-Identifier: GPL-3.0-or-later
/* Erasures outlive a restore on PostgreSQL too (erasures.c says why, and
 * keeps the one list): every frontdeskd keeps DATA/erased-guests in its
 * own data directory (--data), and
 *   - completes it from the database when it starts (every hotel's guests
 *     with erased = 1) and appends after each push that erased a guest
 *     (pg_push.c), so it holds every erasure the database held when the
 *     server started plus those the server committed;
 *   - when it starts, and when it learns that the database has a new epoch
 *     (a restore: the listener's NOTIFY "epoch", or a request that reads
 *     it first, pg_feed.c), erases again every listed guest the database
 *     still holds unerased, as a trusted guest.erase by "frontdeskd" in the
 *     guest's own hotel (audited, in the change feed), before that
 *     request's answer goes out;
 *   - refuses a push that would create a listed or erased guest again
 *     (push_rules.c, as on SQLite);
 *   - `frontdeskd --data DIR --database URI new-epoch` erases again the
 *     guests DIR lists before it renews the epoch (pg_feed.c).
 * Several servers on one database each re-apply their own list: a guest
 * erased through any of them is erased again by the one that knew. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg/pg.h"
#include "server/log.h"
#include "server/pg_commands.h"
#include "server/push_rules.h"
#include "server/server.h"
#include "store/ids.h"
#include "store/oplog.h"

/* A text[] literal of ids (erasure-list ids: hex digits and dashes only,
 * so nothing to quote); NULL when out of memory. */
static char *array_literal(const char (*ids)[FD_ID_LEN], int n)
{
	char *s = malloc((size_t)n * (FD_ID_LEN + 1) + 3), *w = s;
	if (!s)
		return NULL;
	*w++ = '{';
	for (int i = 0; i < n; i++)
		w += sprintf(w, "%s%s", i ? "," : "", ids[i]);
	*w++ = '}';
	*w = '\0';
	return s;
}

enum fd_status srv_pg_erasures_record(struct fd_pg *pg, const char *data_dir, struct fd_error *err)
{
	static const char sql[] = "SELECT id FROM guests WHERE erased = 1 ORDER BY updated_at, id";
	PGresult *r;
	enum fd_status st = fd_pg_run(pg, sql, 0, NULL, &r, "reading the erased guests", err);
	if (st)
		return st;
	int n = PQntuples(r);
	const char **ids = n ? malloc((size_t)n * sizeof *ids) : NULL;
	if (n && !ids) {
		PQclear(r);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	}
	for (int i = 0; i < n; i++)
		ids[i] = PQgetvalue(r, i, 0);
	st = n ? srv_erasures_merge(data_dir, ids, n, err) : FD_OK; /* none: nothing to add */
	free(ids);
	PQclear(r);
	return st;
}

enum fd_status srv_pg_erasures_reapply(struct fd_pg *pg, const char *data_dir, int *erased,
                                       struct fd_error *err)
{
	char(*ids)[FD_ID_LEN] = NULL;
	int n = 0;
	*erased = 0;
	enum fd_status st = srv_erasures_load(data_dir, &ids, &n, err);
	if (st || !n) {
		free(ids);
		return st;
	}
	char *list = array_literal((const char(*)[FD_ID_LEN])ids, n);
	free(ids);
	if (!list)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	static const char sql[] = "SELECT id, property_id FROM guests WHERE erased = 0"
	                          " AND id = ANY ($1::text[]) ORDER BY property_id, id";
	const char *a[] = {list};
	PGresult *r;
	st = fd_pg_run(pg, sql, 1, a, &r, "reading the listed guests", err);
	free(list);
	if (st)
		return st;
	char was[FD_ID_LEN];
	snprintf(was, sizeof was, "%s", fd_pg_property(pg));
	for (int i = 0; i < PQntuples(r) && !st; i++) {
		const char *id = PQgetvalue(r, i, 0), *hotel = PQgetvalue(r, i, 1);
		fd_pg_use_property(pg, hotel); /* the guest's own hotel: its feed, its audit */
		struct fd_op op;
		fd_op_init(&op);
		fd_op_prepare(&op, "guest.erase", "frontdeskd", "server");
		op.payload = cJSON_CreateObject();
		cJSON_AddStringToObject(op.payload, "guest", id);
		st = srv_pg_admin_apply(pg, &op, err); /* pg_commands.c: audited */
		fd_op_clear(&op);
		if (!st) {
			(*erased)++;
			srv_log(SRV_LOG_NOTICE,
			        "erased again guest %s of hotel %s (listed in %s/erased-guests)", id, hotel,
			        data_dir);
		}
	}
	PQclear(r);
	fd_pg_use_property(pg, was);
	return st;
}

/* The epoch this process last re-applied its list for: once per epoch,
 * and every request that meets a new one waits for it (nothing is served
 * from a restored database before its erased guests are erased again). */
static pthread_mutex_t epoch_lock = PTHREAD_MUTEX_INITIALIZER;
static char done_epoch[SRV_EPOCH_LEN + 32];

void srv_pg_erasures_epoch(struct srv *s, struct fd_pg *pg, const char *epoch)
{
	if (!epoch[0])
		return;
	pthread_mutex_lock(&epoch_lock);
	if (strcmp(epoch, done_epoch) != 0) {
		struct fd_error err = {0};
		if (srv_pg_erasures_record(pg, s->cfg.data_dir, &err))
			srv_log(SRV_LOG_WARNING,
			        "could not record the erased guests outside the database (%s); give "
			        "frontdeskd a data directory it can write with --data",
			        err.message);
		int erased = 0;
		memset(&err, 0, sizeof err);
		if (srv_pg_erasures_reapply(pg, s->cfg.data_dir, &erased, &err))
			srv_log(
			    SRV_LOG_ERR,
			    "could not erase again the guests listed in %s/erased-guests (%s); trying again "
			    "at the next request",
			    s->cfg.data_dir, err.message);
		else {
			if (done_epoch[0] || erased)
				srv_log(SRV_LOG_NOTICE,
				        "epoch %s: erased again %d of the guests listed in %s/erased-guests",
				        epoch, erased, s->cfg.data_dir);
			snprintf(done_epoch, sizeof done_epoch, "%s", epoch);
		}
	}
	pthread_mutex_unlock(&epoch_lock);
}

/* The batch's ids that the database records as erased, and the list
 * (read once for the batch). */
struct erased_set {
	PGresult *db;
	char (*listed)[FD_ID_LEN];
	int n_listed;
};

static bool erased_in(void *ctx, const char *id)
{
	struct erased_set *e = ctx;
	for (int i = 0; e->db && i < PQntuples(e->db); i++)
		if (strcmp(PQgetvalue(e->db, i, 0), id) == 0)
			return true;
	for (int i = 0; i < e->n_listed; i++)
		if (strcasecmp(e->listed[i], id) == 0)
			return true;
	return false;
}

enum fd_status srv_pg_refuse_erased(struct fd_pg *pg, const char *data_dir, const struct fd_op *ops,
                                    struct fd_error *bad, int n, struct fd_error *err)
{
	/* The ids the batch's operations would create: none (room flags, a
	 * check-in, ...) costs nothing; else one read for the batch. */
	char(*ids)[FD_ID_LEN] = calloc((size_t)n + 1, sizeof *ids);
	int k = 0;
	if (!ids)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	for (int i = 0; i < n; i++) {
		const cJSON *id =
		    ops[i].payload ? cJSON_GetObjectItemCaseSensitive(ops[i].payload, "id") : NULL;
		if (!bad[i].code[0] && id && cJSON_IsString(id) && srv_erasures_id_ok(id->valuestring))
			snprintf(ids[k++], FD_ID_LEN, "%s", id->valuestring);
	}
	struct erased_set e = {0};
	enum fd_status st = FD_OK;
	if (k) {
		char *list = array_literal((const char(*)[FD_ID_LEN])ids, k);
		static const char sql[] = "SELECT id FROM guests WHERE erased = 1 AND id = ANY ($1::text[])";
		const char *a[] = {list};
		st = list ? fd_pg_run(pg, sql, 1, a, &e.db, "reading the erased guests", err)
		          : fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
		free(list);
		struct fd_error lerr = {0};
		if (!st && srv_erasures_load(data_dir, &e.listed, &e.n_listed, &lerr))
			/* As on SQLite (srv_erasures_has): the database's own record still holds. */
			srv_log(SRV_LOG_WARNING, "could not read the erased guests' list: %s", lerr.message);
		for (int i = 0; i < n && !st; i++)
			if (!bad[i].code[0])
				srv_push_creates_erased(&ops[i], erased_in, &e, &bad[i]); /* push_rules.c */
	}
	free(ids);
	free(e.listed);
	PQclear(e.db);
	return st;
}
