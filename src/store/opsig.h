// SPDX-License-Identifier: GPL-3.0-or-later
/* Who made an operation, provably: each staff member has an Ed25519 key pair
 * derived from their password (Argon2id with a per-user salt, then
 * crypto_sign_seed_keypair). The server keeps the public key and the salt
 * (registered whenever the password is set) and hands the salt to a terminal
 * at sign-in; the terminal re-derives the secret key from the typed password
 * and signs the operations that person makes, offline ones included. The
 * server verifies the signature of any operation whose actor is not the
 * user of the pushing session. See doc/threat-model.md. */
#ifndef FD_STORE_OPSIG_H
#define FD_STORE_OPSIG_H

#include <stdbool.h>

#include "core/error.h"
#include "core/op.h"

#define FD_SIGN_SALT_HEX 33 /* 16 bytes as hex, NUL */
#define FD_SIGN_PK_HEX 65   /* 32 bytes as hex, NUL */
#define FD_SIGN_SK_BYTES 64

/* A new random salt (hex). */
void fd_sign_new_salt(char salt[FD_SIGN_SALT_HEX]);
/* How costly the derivation is. Both sides of a key must use the same:
 * the server that registers the public key and the terminal that derives
 * the secret one. FD_SIGN_THROWAWAY (libsodium's minimum: 8 KiB, one pass)
 * is only for the private server and desk of `frontdesk --demo`, whose
 * password is published (the hotel's meta throwaway_hotel, the desk's
 * throwaway_desk): a key guards nothing there, and the full cost, 64 MiB
 * a derivation, was most of the demo's memory. */
enum fd_sign_cost { FD_SIGN_FULL, FD_SIGN_THROWAWAY };
/* The key pair of password under salt (hex). pk_hex and/or sk may be NULL. */
enum fd_status fd_sign_derive(const char *password, const char *salt, enum fd_sign_cost cost,
                              char pk_hex[FD_SIGN_PK_HEX], unsigned char sk[FD_SIGN_SK_BYTES],
                              struct fd_error *err);
/* The signed text: "frontdesk-op-v1", op_id, device, type, actor,
 * created_at and the payload (compact JSON), one per line. Caller frees. */
char *fd_op_signed_text(const struct fd_op *op, const char *device);
/* Sign op (device: the terminal's device id) into op->sig. */
void fd_op_sign(struct fd_op *op, const char *device, const unsigned char sk[FD_SIGN_SK_BYTES]);
/* Is op->sig a valid signature by pk_hex, for device? */
bool fd_op_sig_valid(const struct fd_op *op, const char *device, const char *pk_hex);

#endif
