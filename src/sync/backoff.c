// SPDX-License-Identifier: GPL-3.0-or-later
/* Back-off while the server cannot be reached. */
#include "config.h"

#include "sync/sync_internal.h"

int sync_backoff_ms(int failures, int cap_ms, uint32_t random)
{
	if (failures <= 0)
		return 0;
	int64_t d = 500;
	for (int i = 1; i < failures && d < cap_ms; i++)
		d *= 2;
	if (d > cap_ms)
		d = cap_ms;
	/* Uniform in [d/2, d]: spread, but never much faster than planned. */
	int64_t half = d / 2;
	return (int)(half + (half ? (int64_t)(random % (uint32_t)(half + 1)) : 0));
}
