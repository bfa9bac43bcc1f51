// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/ids.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

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

char *fd_uuid_v7_new(char out[FD_ID_LEN])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	uint64_t ms = (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
	/* RFC 9562's method 3: the 12 bits after the version, the fraction of
	 * the millisecond (244 ns steps), so ids made one after the other
	 * within a millisecond sort in order too. */
	unsigned frac = (unsigned)((uint64_t)(t.tv_nsec % 1000000) * 4096 / 1000000);
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	b[6] = (unsigned char)(0x70 | (frac >> 8)); /* version 7 */
	b[7] = (unsigned char)frac;
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
