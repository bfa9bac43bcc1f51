// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/sync_status.h"

void ui_sync_init(struct ui_sync *s)
{
	atomic_init(&s->configured, false);
	atomic_init(&s->online, false);
	atomic_init(&s->too_old, false);
	atomic_init(&s->revoked, false);
	s->pending = s->conflicts = 0;
	s->last_heard = 0;
	s->first_sync = false;
	s->first_done = s->first_total = 0;
	fd_progress_init(&s->first_clock, "", true);
}
