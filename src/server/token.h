// SPDX-License-Identifier: GPL-3.0-or-later
/* Bearer tokens and enrolment codes (token.c). */
#ifndef FD_SERVER_TOKEN_H
#define FD_SERVER_TOKEN_H

/* base64url of 32 bytes is 43 characters */
#define SRV_TOKEN_LEN 48

/* A new random token (256 bits, base64url, never beginning with '-'). */
void srv_token_new(char out[SRV_TOKEN_LEN]);
/* The BLAKE2b hash the database keeps instead of the token. */
void srv_token_hash(const char *token, unsigned char out[32]);

#endif
