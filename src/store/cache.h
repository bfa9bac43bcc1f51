// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal's copy of the server's rows: the writes the sync engine
 * makes besides the repo's put_* (which make derived data, such as a
 * booking's nights, the same way as every other writer). Each runs inside
 * the caller's transaction. */
#ifndef FD_STORE_CACHE_H
#define FD_STORE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entity.h"
#include "store/db.h"

/* Set up the sync engine's own connection: foreign keys off, because the
 * feed is compacted (an entity appears at its latest change) so a page may
 * name a guest or room that only a later page brings; the server checked
 * them. */
void fd_cache_tune_for_sync(struct fd_db *db);

/* A booking's nights (stay_nights, the guard against selling a room twice). */
/* Nights of room count against its type: retype them after the room came. */
enum fd_status fd_stay_nights_retype(struct fd_db *db, const char *room, const char *type_code,
                                     struct fd_error *err);
/* Another booking's nights on b's room and nights are stale: drop them. */
enum fd_status fd_stay_nights_release(struct fd_db *db, const struct fd_booking *b, struct fd_error *err);
/* Hold b's nights without checking its room (which comes later). */
enum fd_status fd_stay_nights_hold(struct fd_db *db, const struct fd_booking *b, struct fd_error *err);

/* A conflict notice as the server sends it (strings borrowed). */
struct fd_conflict_state {
	const char *id, *op_id, *device, *actor, *type, *code, *message, *details, *resolved_by;
	int64_t resolved, version, created_at, updated_at;
};
enum fd_status fd_conflict_put(struct fd_db *db, const struct fd_conflict_state *c, struct fd_error *err);

/* Offline sign-in verifiers (Argon2id strings) of users who signed in here. */
enum fd_status fd_verifier_put(struct fd_db *db, const char *username, const char *verifier, const char *role,
                               int64_t signed_in_at, struct fd_error *err);
/* FD_E_NOT_FOUND when username has none. */
enum fd_status fd_verifier_get(struct fd_db *db, const char *username, char *verifier, size_t size,
                               int64_t *signed_in_at, struct fd_error *err);
/* The salt of the user's signing key (src/store/opsig.h), kept with their
 * verifier; get leaves salt "" when unknown. */
enum fd_status fd_verifier_salt_set(struct fd_db *db, const char *username, const char *salt,
                                    struct fd_error *err);
void fd_verifier_salt_get(struct fd_db *db, const char *username, char *salt, size_t size);
/* A disabled user may no longer sign in here offline. */
enum fd_status fd_verifier_delete(struct fd_db *db, const char *username, struct fd_error *err);

/* Remove a meta key (absent is fine). */
enum fd_status fd_meta_delete(struct fd_db *db, const char *key, struct fd_error *err);
/* The data directory holds a hotel: a property, rooms or bookings. */
bool fd_cache_holds_hotel(struct fd_db *db);

/* Replace a room's blocks: first drop them all. */
enum fd_status fd_room_blocks_clear(struct fd_db *db, const char *room, struct fd_error *err);

/* Delete one entity the server deleted, by its key: entity is "property",
 * "room_type", "room", "guest", "booking" (with its nights), "staff",
 * "task", "conflict", "setting" or "invoice" (only a provisional one).
 * Others are never deleted: FD_OK. */
enum fd_status fd_cache_delete(struct fd_db *db, const char *entity, const char *key, struct fd_error *err);
/* Queue every operation still overlaid for another push (after a new
 * server epoch: the results recorded under the old one mean nothing). */
enum fd_status fd_outbox_requeue_overlaid(struct fd_db *db, struct fd_error *err);

/* Empty every hotel table before a snapshot fills them again. */
enum fd_status fd_cache_clear(struct fd_db *db, struct fd_error *err);

#endif
