// SPDX-License-Identifier: GPL-3.0-or-later
/* One push and one pull: the two exchanges of the protocol (see the
 * comment at the top of src/server/api.c for the wire form). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/json.h"
#include "core/op.h"
#include "core/snaptoken.h"
#include "store/outbox.h"
#include "sync/sync_internal.h"

static enum fd_status token(struct fd_db *db, char *out, size_t size, struct fd_error *err)
{
	if (fd_db_meta_get(db, "session_token", out, size, NULL) == FD_OK && out[0])
		return FD_OK;
	return fd_fail(err, FD_E_FORBIDDEN, "no_session", NULL,
	               _("Nobody is signed in online on this terminal; run 'frontdesk login USER' while the "
	                 "server is reachable."));
}

struct batch {
	cJSON *ops;
	const char *device;
	bool signed_ops; /* the server checks actors' signatures (protocol 2) */
};

static bool add_wire_op(void *ctx, const struct fd_outbox_row *row)
{
	struct batch *b = ctx;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "op_id", row->op_id);
	cJSON_AddStringToObject(o, "device", b->device);
	cJSON_AddNumberToObject(o, "device_seq", (double)row->device_seq);
	cJSON_AddStringToObject(o, "type", row->type);
	cJSON_AddStringToObject(o, "actor", row->actor);
	cJSON_AddNumberToObject(o, "created_at", (double)row->created_at);
	cJSON *p = cJSON_Parse(row->payload);
	cJSON_AddItemToObject(o, "payload", p ? p : cJSON_CreateObject());
	/* A server of protocol 1 knows no "sig" (and refuses unknown fields):
	 * it takes the session's user as the actor anyway. */
	if (row->sig && row->sig[0] && b->signed_ops)
		cJSON_AddStringToObject(o, "sig", row->sig);
	cJSON_AddItemToArray(b->ops, o);
	return true;
}

/* The next batch of queued operations, oldest first, in wire form. */
static cJSON *next_batch(struct fd_db *db, int limit, char device[FD_DEVICE_LEN], bool signed_ops,
                         struct fd_error *err)
{
	struct batch b = {.ops = cJSON_CreateArray(), .device = device, .signed_ops = signed_ops};
	if (fd_outbox_pending(db, limit, add_wire_op, &b, err)) {
		cJSON_Delete(b.ops);
		return NULL;
	}
	return b.ops;
}

/* Record the server's verdict for each operation (one transaction). */
static enum fd_status record_results(struct fd_db *db, const cJSON *doc, int *settled, struct fd_error *err)
{
	const cJSON *results = cJSON_GetObjectItemCaseSensitive(doc, "results");
	const cJSON *last = cJSON_GetObjectItemCaseSensitive(doc, "seq");
	int64_t last_seq = 0;
	fd_json_int(last, &last_seq);
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	const cJSON *r;
	cJSON_ArrayForEach(r, results)
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(r, "op_id");
		const cJSON *status = cJSON_GetObjectItemCaseSensitive(r, "status");
		if (!cJSON_IsString(id) || !cJSON_IsString(status))
			continue;
		const char *verdict = status->valuestring;
		if (strcmp(verdict, "duplicate") == 0) {
			const cJSON *rs = cJSON_GetObjectItemCaseSensitive(r, "recorded_status");
			verdict = cJSON_IsString(rs) ? rs->valuestring : "applied";
		}
		if (strcmp(verdict, "applied") != 0 && strcmp(verdict, "rejected") != 0)
			continue;
		const cJSON *seq = cJSON_GetObjectItemCaseSensitive(r, "seq");
		int64_t at = last_seq;
		fd_json_int(seq, &at);
		char *text = cJSON_PrintUnformatted(r);
		int changed = 0;
		st = fd_outbox_settle(db, id->valuestring, verdict, text ? text : "{}", at, &changed, err);
		free(text);
		if (st)
			break;
		*settled += changed;
	}
	if (st) {
		fd_db_rollback(db);
		return st;
	}
	return fd_db_commit(db, err);
}

/* The server expects device_seq `expected`: it lost what we pushed after it
 * (restored from a backup) or we lost its answers. Queue again everything
 * from there; op ids make a repeat harmless. */
static enum fd_status requeue_from(struct fd_db *db, int64_t expected, struct fd_error *err)
{
	return fd_outbox_requeue_from(db, expected, err);
}

enum fd_status sync_push(struct fd_db *db, struct sync_http *h, int batch, int *pushed, struct fd_error *err)
{
	char tok[128], device[FD_DEVICE_LEN] = "";
	*pushed = 0;
	enum fd_status st = token(db, tok, sizeof tok, err);
	if (st)
		return st;
	fd_db_meta_get(db, "device_id", device, sizeof device, NULL);
	int requeues = 0;
	int limit = batch > 0 ? batch : 1;
	int64_t expected = 0; /* what the server asked for in a 409 */
	int protocol = 0;     /* the server's, learnt before the first batch is made */
	for (;;) {
		if (!protocol) {
			int pending = 0;
			sync_counts(db, &pending, NULL, NULL);
			if (!pending)
				return FD_OK;
			/* Unknown is not "old": a signature left out for an
			 * old server would get an operation refused by a new one. */
			struct fd_error why = {0};
			if (!(protocol = sync_http_protocol(h, &why))) {
				if (why.status) {
					if (err)
						*err = why;
					return why.status;
				}
				return fd_fail(err, FD_E_IO, "bad_answer", NULL,
				               _("The server did not say which protocol it speaks."));
			}
		}
		cJSON *ops = next_batch(db, limit, device, protocol >= 2, err);
		if (!ops)
			return fd_error_status(err, FD_E_IO);
		if (cJSON_GetArraySize(ops) == 0) {
			cJSON_Delete(ops);
			return FD_OK;
		}
		int sent = cJSON_GetArraySize(ops);
		cJSON *body = cJSON_CreateObject();
		/* The server lost operations from `expected` on (restored from a
		 * backup older than this terminal's keep window) and this
		 * terminal no longer holds them: say so, or the server would ask
		 * for them forever. It records a notice naming what was lost. */
		const cJSON *first =
		    cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(ops, 0), "device_seq");
		int64_t first_seq = 0;
		if (expected > 0 && fd_json_int(first, &first_seq) && first_seq > expected && protocol >= 2)
			cJSON_AddNumberToObject(body, "gap_from", (double)expected);
		cJSON_AddItemToObject(body, "ops", ops);
		/* How many wait here, this batch included: the server's
		 * monitoring shows terminals that cannot get rid of theirs. */
		int pending = 0;
		char outbox[64];
		sync_counts(db, &pending, NULL, NULL);
		snprintf(outbox, sizeof outbox, "Frontdesk-Outbox: %d", pending);
		sync_http_header(h, outbox);
		long status;
		cJSON *resp = NULL;
		/* Short: a hung server must not hold the queue (or the status) for long. */
		st = sync_http_json(h, "POST", "/v1/ops", body, tok, 20, &status, &resp, NULL, err);
		cJSON_Delete(body);
		if (st) {
			cJSON_Delete(resp);
			return st;
		}
		if (status == 200) {
			int n = 0;
			expected = 0;
			st = record_results(db, resp, &n, err);
			cJSON_Delete(resp);
			if (st)
				return st;
			*pushed += n;
			if (n == 0) /* nothing settled: do not spin */
				return fd_fail(err, FD_E_IO, "bad_answer", NULL,
				               _("The server answered a push without results."));
			continue;
		}
		/* Refused as a whole (too many operations: 400 "1 to N
		 * operations", 413 too large): never send the same batch again;
		 * halve it until the server takes it. */
		if ((status == 400 || status == 413) && sent > 1) {
			limit = sent / 2;
			cJSON_Delete(resp);
			continue;
		}
		const cJSON *exp = cJSON_GetObjectItemCaseSensitive(resp, "expected");
		if (status == 409 && requeues < 2 && fd_json_int(exp, &expected)) {
			requeues++;
			st = requeue_from(db, expected, err);
			cJSON_Delete(resp);
			if (st)
				return st;
			continue;
		}
		st = sync_http_error(status, resp, _("the queued operations"), err);
		cJSON_Delete(resp);
		return st;
	}
}

/* The snapshot's path for the page after `after` (NULL: the first). */
static void page_path(char *out, size_t size, int limit, const char *after, const char *epoch)
{
	if (!after)
		snprintf(out, size, "/v1/snapshot?limit=%d", limit);
	else
		snprintf(out, size, "/v1/snapshot?limit=%d&after=%s&epoch=%s", limit, after, epoch);
}

/* The page after the one being staged, asked for while it is written (the
 * server makes it meanwhile); the next step takes its answer. */
struct ahead {
	struct sync_http *h;
	const char *tok;
	int limit;
};

static void ask_ahead(void *ctx, const char *next, const char *epoch)
{
	struct ahead *a = ctx;
	char path[300];
	page_path(path, sizeof path, a->limit, next, epoch);
	sync_http_prefetch(a->h, path, a->tok, 120);
}

/* One step of the paged snapshot (after a 410, resumed after a cut
 * connection or a restart from the page reached). A server that answers
 * without "more" (protocol 1) sent the whole snapshot at once. */
static enum fd_status snapshot_step(struct fd_db *db, struct sync_http *h, const char *tok, int limit,
                                    struct fd_error *err)
{
	char next[FD_SNAP_TOKEN_LEN] = "", epoch[80] = "", path[300];
	fd_db_meta_get(db, "snapshot_next", next, sizeof next, NULL);
	fd_db_meta_get(db, "snapshot_epoch", epoch, sizeof epoch, NULL);
	bool first = !next[0];
	page_path(path, sizeof path, limit, first ? NULL : next, epoch);
	long status;
	cJSON *page = NULL;
	/* A page with more to come is staged as the text it came in, read
	 * once for its header without a tree: it is parsed when installed. */
	enum fd_status st = sync_http_json(h, "GET", path, NULL, tok, 120, &status, NULL, NULL, err);
	const char *body = sync_http_body(h);
	size_t len = body ? strlen(body) : 0;
	bool staged = false;
	struct ahead a = {h, tok, limit};
	if (!st && status == 200 &&
	    (st = sync_stage_snapshot_text_ahead(db, body, len, first, ask_ahead, &a, &staged, err)) ==
	        FD_OK &&
	    staged)
		return FD_OK;
	if (!st && body && !(page = fd_json_parse(body, len, NULL)) && status >= 200 && status < 300)
		st = fd_fail(err, FD_E_IO, "bad_answer", NULL, _("The server sent an unreadable snapshot."));
	if (!st && status == 410 && !first) {
		/* The server was restored meanwhile: start the snapshot over. */
		cJSON_Delete(page);
		return sync_snapshot_restart(db, err);
	}
	if (!st && status != 200)
		st = sync_http_error(status, page, _("the snapshot"), err);
	bool done = false;
	if (!st && !cJSON_GetObjectItemCaseSensitive(page, "more")) {
		st = sync_apply_snapshot(db, page, err);
		if (!st)
			st = fd_db_meta_set(db, "snapshot_active", "0", err);
	} else if (!st) {
		st = sync_apply_snapshot_page(db, page, sync_http_body(h), first, &done, err);
	}
	cJSON_Delete(page);
	return st;
}

enum fd_status sync_pull(struct fd_db *db, struct sync_http *h, int limit, int wait, bool *more, int *got,
                         struct fd_error *err)
{
	char tok[128], epoch[80] = "", path[256];
	*more = false;
	*got = 0;
	enum fd_status st = token(db, tok, sizeof tok, err);
	if (st)
		return st;
	/* A snapshot under way goes on before anything else is read. */
	if (sync_meta_int(db, "snapshot_active", 0)) {
		*more = true;
		return snapshot_step(db, h, tok, limit, err);
	}
	int64_t cursor = sync_meta_int(db, "sync_cursor", 0);
	fd_db_meta_get(db, "sync_epoch", epoch, sizeof epoch, NULL);
	/* A terminal's first sync (never synced: no cursor, no epoch) reads
	 * the hotel as the paged snapshot, not the feed from 0: the first
	 * page says how many rows come (the progress shown meanwhile), and
	 * the install is the bulk path. */
	if (cursor == 0 && !epoch[0]) {
		*more = true;
		st = sync_snapshot_restart(db, err);
		return st ? st : snapshot_step(db, h, tok, limit, err);
	}
	if (fd_outbox_settle_due(db, cursor) && (st = sync_settle(db, err)))
		return st;
	snprintf(path, sizeof path, "/v1/changes?since=%" PRId64 "&limit=%d&wait=%d%s%s", cursor, limit, wait,
	         epoch[0] ? "&epoch=" : "", epoch);
	long status;
	cJSON *doc = NULL;
	st = sync_http_json(h, "GET", path, NULL, tok, wait + 15, &status, &doc, NULL, err);
	if (st) {
		cJSON_Delete(doc);
		return st;
	}
	if (status == 410) {
		cJSON_Delete(doc);
		*more = true; /* the snapshot's pages, then the feed from its sequence */
		st = sync_snapshot_restart(db, err);
		return st ? st : snapshot_step(db, h, tok, limit, err);
	}
	if (status != 200) {
		st = sync_http_error(status, doc, _("reading the change feed"), err);
		cJSON_Delete(doc);
		return st;
	}
	const cJSON *changes = cJSON_GetObjectItemCaseSensitive(doc, "changes");
	const cJSON *next = cJSON_GetObjectItemCaseSensitive(doc, "next");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "epoch");
	/* A cursor beyond what an int64 holds (a garbled or hostile answer)
	 * is as unreadable as a missing one. */
	int64_t next_seq;
	if (!cJSON_IsArray(changes) || !fd_json_int(next, &next_seq) || next_seq < 0 || !cJSON_IsString(e)) {
		cJSON_Delete(doc);
		return fd_fail(err, FD_E_IO, "bad_answer", NULL,
		               _("The server sent an unreadable change feed."));
	}
	if (!epoch[0] && (st = fd_db_meta_set(db, "sync_epoch", e->valuestring, err))) {
		cJSON_Delete(doc);
		return st;
	}
	*more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "more"));
	*got = cJSON_GetArraySize(changes);
	if (*got > 0)
		st = sync_apply_page(db, changes, next_seq, err);
	cJSON_Delete(doc);
	return st;
}
