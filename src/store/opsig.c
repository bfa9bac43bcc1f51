// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/opsig.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/i18n.h"

void fd_sign_new_salt(char salt[FD_SIGN_SALT_HEX])
{
	unsigned char raw[crypto_pwhash_SALTBYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(salt, FD_SIGN_SALT_HEX, raw, sizeof raw);
}

enum fd_status fd_sign_derive(const char *password, const char *salt, enum fd_sign_cost cost,
                              char pk_hex[FD_SIGN_PK_HEX], unsigned char sk[FD_SIGN_SK_BYTES],
                              struct fd_error *err)
{
	unsigned char raw[crypto_pwhash_SALTBYTES], seed[crypto_sign_SEEDBYTES];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], skb[crypto_sign_SECRETKEYBYTES];
	size_t n = 0;
	if (!salt || sodium_hex2bin(raw, sizeof raw, salt, strlen(salt), NULL, &n, NULL) != 0 ||
	    n != sizeof raw)
		return fd_fail(err, FD_E_INVALID, "invalid_field", "sign_salt",
		               _("The signing salt is not %d hexadecimal bytes."), (int)sizeof raw);
	bool full = cost == FD_SIGN_FULL;
	if (crypto_pwhash(seed, sizeof seed, password, strlen(password), raw,
	                  full ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN,
	                  full ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN,
	                  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL,
		               _("Not enough memory to derive the signing key."));
	crypto_sign_seed_keypair(pk, skb, seed);
	sodium_memzero(seed, sizeof seed);
	if (pk_hex)
		sodium_bin2hex(pk_hex, FD_SIGN_PK_HEX, pk, sizeof pk);
	if (sk)
		memcpy(sk, skb, sizeof skb);
	sodium_memzero(skb, sizeof skb);
	return FD_OK;
}

char *fd_op_signed_text(const struct fd_op *op, const char *device)
{
	char *payload = op->payload ? cJSON_PrintUnformatted(op->payload) : NULL;
	const char *p = payload ? payload : "{}";
	size_t size =
	    strlen(p) + strlen(op->op_id) + strlen(device) + strlen(op->type) + strlen(op->actor) + 64;
	char *text = malloc(size);
	if (text)
		snprintf(text, size, "frontdesk-op-v1\n%s\n%s\n%s\n%s\n%" PRId64 "\n%s", op->op_id, device,
		         op->type, op->actor, op->created_at, p);
	free(payload);
	return text;
}

void fd_op_sign(struct fd_op *op, const char *device, const unsigned char sk[FD_SIGN_SK_BYTES])
{
	op->sig[0] = '\0';
	char *text = fd_op_signed_text(op, device);
	if (!text)
		return;
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), sk);
	sodium_bin2hex(op->sig, sizeof op->sig, sig, sizeof sig);
	free(text);
}

bool fd_op_sig_valid(const struct fd_op *op, const char *device, const char *pk_hex)
{
	unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
	size_t n = 0, m = 0;
	if (!op->sig[0] || !pk_hex ||
	    sodium_hex2bin(sig, sizeof sig, op->sig, strlen(op->sig), NULL, &n, NULL) != 0 ||
	    n != sizeof sig || sodium_hex2bin(pk, sizeof pk, pk_hex, strlen(pk_hex), NULL, &m, NULL) != 0 ||
	    m != sizeof pk)
		return false;
	char *text = fd_op_signed_text(op, device);
	bool ok =
	    text && crypto_sign_verify_detached(sig, (const unsigned char *)text, strlen(text), pk) == 0;
	free(text);
	return ok;
}
