// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/ids.h"

#include <sodium.h>
#include <stdio.h>

int fd_ids_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

char *fd_uuid_new(char out[FD_ID_LEN])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, FD_ID_LEN, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
	         b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
	         b[15]);
	return out;
}

char *fd_booking_code_new(char out[FD_CODE_LEN])
{
	/* No 0/O, 1/I/L: codes are read aloud over the phone. */
	static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	for (int i = 0; i < FD_CODE_LEN - 1; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[FD_CODE_LEN - 1] = '\0';
	return out;
}
