// SPDX-License-Identifier: GPL-3.0-or-later
/* The paged snapshot's staging area on the terminal (core migration 22).
 * The sync engine reads the server's snapshot page by page (after a 410
 * or at first enrolment), keeps the pages here, and installs them in one
 * transaction once the last one has come: the desk never sees half a
 * hotel, and a snapshot cut short (network, kill) resumes from the page
 * it had reached (meta keys "snapshot_*", written with each page). */
#ifndef FD_STORE_SNAPSTAGE_H
#define FD_STORE_SNAPSTAGE_H

#include <stdbool.h>

#include "store/db.h"

/* Forget every staged row (inside the caller's transaction). */
enum fd_status fd_snapstage_clear(struct fd_db *db, struct fd_error *err);
/* Stage one entity state (JSON text), in arrival order. */
enum fd_status fd_snapstage_add(struct fd_db *db, const char *entity, const char *state,
                                struct fd_error *err);
/* The staged states of one entity, in arrival order; cb returns false to stop. */
typedef bool (*fd_snapstage_cb)(void *ctx, const char *state);
enum fd_status fd_snapstage_each(struct fd_db *db, const char *entity, fd_snapstage_cb cb, void *ctx,
                                 struct fd_error *err);

#endif
