// SPDX-License-Identifier: GPL-3.0-or-later
/* The paged snapshot's page token (snaptoken.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/snaptoken.h"

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool fd_snap_pos_parse(const char *token, int n_entities, struct fd_snap_pos *p)
{
	memset(p, 0, sizeof *p);
	int used = 0;
	long long k;
	if (!token || sscanf(token, "%lld.%lld.%n", &p->seq, &k, &used) != 2 || used == 0 || p->seq < 0 ||
	    k < 0 || k >= n_entities || strspn(token, "0123456789.") < (size_t)used)
		return false;
	p->entity = (int)k;
	const char *rest = token + used;
	if (rest[0] == 'x') {
		/* An id in hex: at most FD_ID_LEN - 1 bytes, none of them NUL. */
		size_t n = strlen(rest + 1);
		if (n % 2 || n / 2 >= FD_ID_LEN)
			return false;
		for (size_t i = 0; i < n / 2; i++) {
			int hi = hex_digit(rest[1 + 2 * i]), lo = hex_digit(rest[2 + 2 * i]);
			if (hi < 0 || lo < 0 || (hi | lo) == 0)
				return false;
			p->id[i] = (char)(hi << 4 | lo);
		}
		p->by_id = true;
		return true;
	}
	/* A row number: digits only, nothing after. */
	if (!rest[0] || strspn(rest, "0123456789") != strlen(rest) || strlen(rest) > 18)
		return false;
	sscanf(rest, "%lld", &p->key);
	return true;
}

char *fd_snap_pos_format(const struct fd_snap_pos *p, char out[FD_SNAP_TOKEN_LEN])
{
	int n = snprintf(out, FD_SNAP_TOKEN_LEN, "%lld.%d.", p->seq, p->entity);
	if (!p->by_id) {
		snprintf(out + n, FD_SNAP_TOKEN_LEN - (size_t)n, "%lld", p->key);
		return out;
	}
	out[n++] = 'x';
	for (const unsigned char *c = (const unsigned char *)p->id; *c && n + 3 <= FD_SNAP_TOKEN_LEN; c++)
		n += snprintf(out + n, FD_SNAP_TOKEN_LEN - (size_t)n, "%02x", *c);
	out[n] = '\0';
	return out;
}
