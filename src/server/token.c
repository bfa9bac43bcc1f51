// SPDX-License-Identifier: GPL-3.0-or-later
/* Bearer tokens and enrolment codes: random, URL-safe, stored only as hashes. */
#include "config.h"
#include "server/token.h"

#include <sodium.h>
#include <string.h>

/* A token never begins with '-': an enrolment code is typed as a command
 * argument ("frontdesk enroll URL CODE"), where it would read as an option
 * (one code in 64 did, and a test failed now and then). */
void srv_token_new(char out[SRV_TOKEN_LEN])
{
	unsigned char raw[32];
	do {
		randombytes_buf(raw, sizeof raw);
		sodium_bin2base64(out, SRV_TOKEN_LEN, raw, sizeof raw,
		                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	} while (out[0] == '-');
	sodium_memzero(raw, sizeof raw);
}

void srv_token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}
