// SPDX-License-Identifier: GPL-3.0-or-later
/* Enrolment and sign-in (online and offline): the synchronous parts of
 * the terminal's side, used by the command line and the UI (each call may block on the network for a few
 * seconds: call it from a place where that is acceptable, e.g. the sign-in screen). */
#ifndef FD_SYNC_ACCOUNT_H
#define FD_SYNC_ACCOUNT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

/* Default offline sign-in window (meta "offline_login_hours" overrides). */
#define FD_SYNC_OFFLINE_HOURS 72

/* Enroll this terminal with a one-time code: stores server_url, device_id,
 * device_name and the device token in meta (the database file is mode
 * 0600). Refuses a data directory that already holds a hotel of its own. */
enum fd_status fd_sync_enroll(struct fd_db *db, const char *url, const char *code, const char *name,
                              struct fd_error *err);

/* Sign in. Online: the server checks the password; the session token is
 * kept for the engine and an Argon2id verifier (stronger parameters than the
 * server's) is cached for offline sign-in. When the server cannot be
 * reached: a user who signed in online here within the window is checked
 * against the verifier (*offline set). On success meta "session_user" is the
 * acting staff member of the command line, and meta "session_chain_role"
 * their chain role on the server ("revenue", "chain-admin"; "" for none:
 * the sign-in's answer, or for an offline sign-in what their last online
 * one here said). */
enum fd_status fd_sync_login(struct fd_db *db, const char *user, const char *password, bool *offline,
                             struct fd_error *err);
/* Check password of user against the verifier cached here (no network)
 * and derive their signing key into sk: the proof needed to act as
 * someone else than the signed-in user (--as). */
enum fd_status fd_sync_prove(struct fd_db *db, const char *user, const char *password, unsigned char sk[64],
                             struct fd_error *err);
/* Sign out (ends the server session when reachable). */
enum fd_status fd_sync_logout(struct fd_db *db, struct fd_error *err);

/* The offline verifier parameters (exposed for the benchmark/tests). */
void fd_sync_verifier_params(unsigned long long *opslimit, size_t *memlimit);

#endif
