// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: the change feed (GET /v1/changes, long-poll
 * included) and the snapshot (GET /v1/snapshot) a terminal heals a 410
 * with, in the shapes and with the answers of the SQLite server (api.c):
 *
 *   - 410 epoch_changed when the terminal's epoch is not the database's
 *     (read from the database at each request, so `frontdeskd new-epoch`
 *     reaches every server at once, and its NOTIFY wakes their long-polls);
 *   - 410 cursor_ahead for a cursor beyond the hotel's feed (a database
 *     restored from an older backup without a new epoch, a garbled cursor);
 *   - 410 cursor_expired for a cursor below the hotel's floor (changes
 *     older than keep-changes days are trimmed: at start and hourly).
 *
 * Each hotel numbers its own feed (src/pg/pg.h); a wake-up is any commit
 * of any hotel, so a woken long-poll that finds nothing of its own parks
 * again until its deadline rather than answering empty. */
#include "config.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/feed.h"
#include "server/log.h"
#include "server/reply.h"
#include "server/server.h"

/* When this process last trimmed the feed (each server trims; trimming
 * twice is harmless). */
static _Atomic int64_t last_trim;

static void trim(struct srv *s, struct fd_pg *pg)
{
	int64_t now = (int64_t)time(NULL), was = atomic_load(&last_trim);
	if (s->cfg.keep_changes <= 0 || now - was < 3600 ||
	    !atomic_compare_exchange_strong(&last_trim, &was, now))
		return;
	struct fd_error err = {0};
	if (fd_pg_trim_changes(pg, s->cfg.keep_changes, &err))
		srv_log(SRV_LOG_WARNING, "could not trim the change feed: %s", err.message);
}

void srv_pg_feed_start(struct srv *s, struct fd_pg *pg)
{
	trim(s, pg);
}

/* The database's epoch (a running server learns a new one here; health
 * shows it). A new one means a restore: the guests this server knows were
 * erased are erased again before anything is answered (pg_erasures.c). */
static void note_epoch(struct srv *s, struct fd_pg *pg, const char *epoch)
{
	srv_pg_erasures_epoch(s, pg, epoch);
	pthread_mutex_lock(&s->wait_lock);
	if (epoch[0] && strcmp(epoch, s->epoch) != 0)
		snprintf(s->epoch, sizeof s->epoch, "%s", epoch);
	pthread_mutex_unlock(&s->wait_lock);
}

struct pg_changes_state {
	int64_t deadline_ms;
};

/* The device pulled: its last_pull_at (metrics, device list), as on
 * SQLite (srv_note_pull), one statement outside any transaction. */
static void note_pull(struct fd_pg *pg, const char *device)
{
	static const char sql[] = "UPDATE srv_devices SET last_pull_at = $2 WHERE id = $1"
	                          " AND last_pull_at <= $2::bigint - $3::bigint";
	char now[24], every[24];
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	snprintf(every, sizeof every, "%d", SRV_PULL_NOTE_EVERY);
	const char *a[] = {device, now, every};
	fd_pg_do(pg, sql, 3, a, "noting the device's pull", NULL);
}

void srv_pg_changes(struct srv *s, const struct srv_req *r, const struct srv_caller *c, int64_t since,
                    int limit, int wait, void **state, struct srv_resp *out)
{
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg) {
		srv_resp_fd_error(out, &err);
		return;
	}
	trim(s, pg);
	fd_pg_use_property(pg, c->property);
	/* The wake-up count before reading: a commit after it moves it, and
	 * the park below then answers at once. */
	pthread_mutex_lock(&s->wait_lock);
	int64_t woken = s->seq;
	pthread_mutex_unlock(&s->wait_lock);
	struct fd_pg_feed_bounds b;
	if (fd_pg_feed_bounds(pg, &b, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	note_epoch(s, pg, b.epoch);
	const char *epoch = srv_query(r, "epoch");
	if (epoch && strcmp(epoch, b.epoch) != 0) {
		srv_resp_error(out, 410, "epoch_changed", "epoch",
		               "The server's database was replaced (epoch %s); re-sync from /v1/snapshot.",
		               b.epoch);
		return;
	}
	if (since < b.floor) {
		srv_resp_error(out, 410, "cursor_expired", "since",
		               "Changes up to %lld are no longer kept; re-sync from /v1/snapshot.",
		               (long long)b.floor);
		return;
	}
	if (since > b.seq) {
		srv_resp_error(out, 410, "cursor_ahead", "since",
		               "Sequence %lld is beyond this server's %lld; re-sync from /v1/snapshot.",
		               (long long)since, (long long)b.seq);
		return;
	}
	struct pg_changes_state *cs = *state;
	if (!cs)
		note_pull(pg, c->device);
	struct fd_pg_change *ch = NULL;
	int n = 0;
	if (fd_pg_changes(pg, since, limit + 1, &ch, &n, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	if (n == 0 && wait > 0 && !(cs && srv_now_ms() >= cs->deadline_ms)) {
		if (!cs) {
			if (!(cs = *state = calloc(1, sizeof *cs))) {
				srv_resp_error(out, 500, "nomem", NULL, "Out of memory.");
				return;
			}
			cs->deadline_ms = srv_now_ms() + (int64_t)wait * 1000;
		}
		srv_http_park(s, r->conn, woken, cs->deadline_ms);
		out->suspend = true;
		return;
	}
	cJSON *changes = cJSON_CreateArray();
	int64_t next = since;
	enum fd_status st = FD_OK;
	for (int i = 0; i < n && i < limit && !st; i++) {
		cJSON *e = NULL;
		st = fd_pg_entity_json(pg, ch[i].entity, ch[i].id, &e, &err);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "seq", (double)ch[i].seq);
		cJSON_AddStringToObject(o, "entity", ch[i].entity);
		cJSON_AddStringToObject(o, "id", ch[i].id);
		if (ch[i].op_id[0])
			cJSON_AddStringToObject(o, "op_id", ch[i].op_id);
		if (st == FD_E_NOT_FOUND) {
			cJSON_AddBoolToObject(o, "deleted", true);
			st = FD_OK;
		} else if (e)
			cJSON_AddItemToObject(o, "state", e);
		cJSON_AddItemToArray(changes, o);
		next = ch[i].seq;
	}
	free(ch);
	if (st) {
		cJSON_Delete(changes);
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "epoch", b.epoch);
	cJSON_AddItemToObject(doc, "changes", changes);
	cJSON_AddNumberToObject(doc, "next", (double)next);
	cJSON_AddBoolToObject(doc, "more", n > limit);
	srv_resp_json(out, 200, doc);
}

void srv_pg_snapshot(struct srv *s, const struct srv_req *r, const struct srv_caller *c, bool paged,
                     int limit, size_t max_bytes, struct srv_resp *out)
{
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg) {
		srv_resp_fd_error(out, &err);
		return;
	}
	fd_pg_use_property(pg, c->property);
	struct fd_pg_feed_bounds b;
	if (fd_pg_feed_bounds(pg, &b, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	note_epoch(s, pg, b.epoch);
	const char *epoch = srv_query(r, "epoch");
	if (epoch && strcmp(epoch, b.epoch) != 0) {
		srv_resp_error(out, 410, "epoch_changed", "epoch",
		               "The server's database was replaced (epoch %s); start the snapshot again.",
		               b.epoch);
		return;
	}
	note_pull(pg, c->device);
	/* Without "limit" (terminals of protocol 1): the whole hotel at once. */
	cJSON *doc = NULL;
	if (fd_pg_snapshot(pg, b.epoch, srv_query(r, "after"), paged ? limit : 0, max_bytes, &doc, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_resp_json(out, 200, doc);
}

/* frontdeskd --database URI new-epoch: the database was restored from a
 * backup (pg_basebackup, a point in time, pg_restore). The servers read
 * the epoch at each request and the NOTIFY wakes their long-polls, so the
 * terminals get 410 epoch_changed at once, re-sync from a snapshot and
 * submit again what the backup lacks (duplicates are answered from the
 * recorded results). First the guests the data directory's erasure list
 * (--data) names are erased again (pg_erasures.c), so no terminal re-syncs
 * a person erased after the backup was taken; each server does the same
 * with its own list when it learns the new epoch. */
int srv_pg_new_epoch(struct srv_config *cfg, int n_args)
{
	struct fd_error err = {0};
	if (n_args != 1) {
		fprintf(stderr, _("frontdeskd: new-epoch takes no arguments\n"));
		return 2;
	}
	struct fd_pg *pg = fd_pg_open(cfg->database, &err);
	int erased = 0;
	if (pg && srv_pg_erasures_reapply(pg, cfg->data_dir, &erased, &err)) {
		fprintf(stderr,
		        _("frontdeskd: could not erase again the guests listed in %s/erased-guests: %s\n"
		          "The epoch is not renewed; fix the cause and run new-epoch again.\n"),
		        cfg->data_dir, err.message);
		fd_pg_close(pg);
		return 1;
	}
	char epoch[80];
	if (!pg || fd_pg_new_epoch(pg, epoch, sizeof epoch, &err)) {
		fprintf(stderr, "frontdeskd: %s\n", err.message);
		fd_pg_close(pg);
		return 1;
	}
	fd_pg_close(pg);
	if (erased) {
		char path[600];
		srv_erasures_path(cfg->data_dir, path, sizeof path);
		printf(ngettext("Erased again %d guest erased after the backup was taken (%s).\n",
		                "Erased again %d guests erased after the backup was taken (%s).\n", erased),
		       erased, path);
	}
	printf(_("New epoch %s: terminals re-sync from a snapshot and submit again what the database "
	         "lacks.\n"),
	       epoch);
	return 0;
}
