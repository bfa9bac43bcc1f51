// SPDX-License-Identifier: GPL-3.0-or-later
/* Shared by the files of src/sync/; not for other modules. */
#ifndef FD_SYNC_INTERNAL_H
#define FD_SYNC_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

/* --- overlay.c: the local view as server state + pending operations --- */

/* Open a connection for the engine: foreign keys off, because the feed is
 * compacted (an entity appears at its latest change) so a page may name a
 * guest or room that only a later page brings; the server checked them. */
struct fd_db *sync_db_open(const char *path, struct fd_error *err);

/* Mark (and unmark) the current transaction as the sync engine's replay,
 * the one writer allowed to take back folio lines (core migration 6). */
enum fd_status sync_replay_begin(struct fd_db *db, struct fd_error *err);
enum fd_status sync_replay_end(struct fd_db *db, struct fd_error *err);
/* Inside the caller's transaction: undo the local effect of every overlaid
 * operation, newest first. */
enum fd_status sync_overlay_undo(struct fd_db *db, struct fd_error *err);
/* Inside the caller's transaction: drop from the overlay the operations the
 * feed has caught up with (result_seq <= cursor), then re-apply the rest in
 * order, recording fresh changesets. One that no longer applies locally stays
 * pending with no local effect: the server judges it. */
enum fd_status sync_overlay_redo(struct fd_db *db, int64_t cursor, struct fd_error *err);

/* --- apply.c: writing server state --- */

/* Write one feed change ({"seq","entity","id","state"|"deleted"}). */
enum fd_status sync_apply_change(struct fd_db *db, const cJSON *change, struct fd_error *err);
/* One page in one transaction: undo overlay, changes, cursor, redo. */
enum fd_status sync_apply_page(struct fd_db *db, const cJSON *changes, int64_t next, struct fd_error *err);
/* A snapshot ({"epoch","seq","entities":{...}}) replaces every entity. */
enum fd_status sync_apply_snapshot(struct fd_db *db, const cJSON *snap, struct fd_error *err);
/* The paged snapshot: start it over (stage emptied, meta
 * "snapshot_active" = 1, "snapshot_next" = ""; its own transaction). */
enum fd_status sync_snapshot_restart(struct fd_db *db, struct fd_error *err);
/* One page ({"epoch","seq","entities","more","next"?}) in one transaction:
 * staged; the last one (more false) installs every staged row as
 * sync_apply_snapshot does and sets *done. first: the snapshot's first
 * page (its seq and epoch are the cut). text: the page as it came (staged
 * whole, not printed again row by row), or NULL. */
enum fd_status sync_apply_snapshot_page(struct fd_db *db, const cJSON *page, const char *text, bool first,
                                        bool *done, struct fd_error *err);
/* A page's text (len bytes) as it came, read without building a tree:
 * when it is a valid page with more to come, staged as
 * sync_apply_snapshot_page stages it and *staged set; otherwise nothing
 * done (the caller parses it: the last page, a whole snapshot). FD_E_IO
 * "bad_answer" when the text is not JSON, as a garbled answer is. */
enum fd_status sync_stage_snapshot_text(struct fd_db *db, const char *text, size_t len, bool first,
                                        bool *staged, struct fd_error *err);
/* sync_stage_snapshot_text, calling ahead(ctx, next, epoch) with the page's
 * "next" and "epoch" once the page is known to be staged as text and before
 * it is written: the next page can be asked for meanwhile. */
typedef void (*sync_page_ahead)(void *ctx, const char *next, const char *epoch);
enum fd_status sync_stage_snapshot_text_ahead(struct fd_db *db, const char *text, size_t len, bool first,
                                              sync_page_ahead ahead, void *ctx, bool *staged,
                                              struct fd_error *err);
/* Settle what can be settled without new changes (after a push). */
enum fd_status sync_settle(struct fd_db *db, struct fd_error *err);

/* --- state.c: meta keys and counters --- */

int64_t sync_meta_int(struct fd_db *db, const char *key, int64_t dflt);
enum fd_status sync_meta_set_int(struct fd_db *db, const char *key, int64_t v, struct fd_error *err);
void sync_counts(struct fd_db *db, int *pending, int *rejected, int *open_conflicts);

/* --- http.c: one libcurl easy handle per thread --- */

struct sync_http;
struct sync_http *sync_http_new(const char *base_url, int connect_timeout);
void sync_http_free(struct sync_http *h);
/* Make the transfer in progress, and any later one, return early ("interrupted")
 * until the next sync_http_mark (from another thread). */
void sync_http_abort(struct sync_http *h);
/* The engine starts a round: kicks before this moment are taken care of. */
void sync_http_mark(struct sync_http *h);
/* method "GET"/"POST"/"DELETE"; body may be NULL; token adds a bearer
 * header. *status is the HTTP status (0 when no answer); *resp the parsed
 * JSON body (may be NULL). Returns FD_E_IO when the server could not be
 * reached or the answer was cut; FD_OK for any complete HTTP answer. */
/* The text of the last answer's body (NUL-terminated; NULL when empty),
 * valid until the next call on h. */
const char *sync_http_body(const struct sync_http *h);
/* Add "Name: value" to the next sync_http_json call only. */
void sync_http_header(struct sync_http *h, const char *line);
enum fd_status sync_http_json(struct sync_http *h, const char *method, const char *path, const cJSON *body,
                              const char *token, long timeout_s, long *status, cJSON **resp, int *retry_after,
                              struct fd_error *err);
/* Start a GET of path (the token as sync_http_json sends it) now, to be
 * answered later: the next sync_http_json of that same GET takes its answer
 * (waiting for it if need be) instead of asking again. The request is sent
 * before this returns (within 100 ms), so the server makes its answer while
 * the caller works; the answer waits in the socket meanwhile. Any other
 * request drops it. At most one is in flight (a new one drops the last). */
void sync_http_prefetch(struct sync_http *h, const char *path, const char *token, long timeout_s);
/* The server's sync protocol, from its last answer (1 when it sent none:
 * a server of release 0.1.0); asks /v1/health when there was no answer
 * yet on this handle; 0 when the server could not be asked. */
int sync_http_protocol(struct sync_http *h, struct fd_error *err);
/* The server's {"error":{"message"}} or a generic message into err; a 426
 * (this terminal too old) is code "protocol_too_old". */
enum fd_status sync_http_error(long status, const cJSON *resp, const char *what, struct fd_error *err);

/* --- push.c / pull.c: one exchange each --- */

/* Push queued operations (up to batch each round) until none is pending;
 * *pushed counts those the server settled. */
enum fd_status sync_push(struct fd_db *db, struct sync_http *h, int batch, int *pushed, struct fd_error *err);
/* Pull one page (wait seconds of long-poll); *more when the feed has more,
 * *got the number of changes applied. A new epoch re-syncs from the snapshot. */
enum fd_status sync_pull(struct fd_db *db, struct sync_http *h, int limit, int wait, bool *more, int *got,
                         struct fd_error *err);

/* --- engine.c, for call.c --- */

struct fd_sync;
struct sync_call;
const char *sync_engine_url(const struct fd_sync *s);
const char *sync_engine_db_path(const struct fd_sync *s);
void sync_engine_wake(struct fd_sync *s);
struct sync_call **sync_engine_call(struct fd_sync *s);

/* --- call.c --- */

/* Join a call still running (its transfer cut short) and free it. */
void sync_call_free(struct sync_call *c);
/* After a 401: ask the server with the device token whether this terminal
 * was revoked; when it was, true with err saying so (code "device_revoked"). */
bool sync_device_revoked(struct fd_db *db, struct sync_http *h, struct fd_error *err);

/* --- backoff.c --- */

/* Next back-off delay in ms: exponential from 500 ms, doubled per failure,
 * capped, with "full jitter" (uniform in [cap/2, cap]) so terminals that lost
 * the server together do not return together. */
int sync_backoff_ms(int failures, int cap_ms, uint32_t random);

#endif
