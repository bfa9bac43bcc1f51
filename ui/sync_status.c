// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/sync_status.h"

#include <fcntl.h>
#include <unistd.h>

bool ui_sync_init(struct ui_sync *s)
{
	s->wake_fd[0] = s->wake_fd[1] = -1;
	atomic_init(&s->configured, false);
	atomic_init(&s->online, false);
	s->pending = s->conflicts = 0;
	s->last_heard = 0;
	if (pipe(s->wake_fd) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(s->wake_fd[i], F_SETFL, fcntl(s->wake_fd[i], F_GETFL) | O_NONBLOCK);
		fcntl(s->wake_fd[i], F_SETFD, FD_CLOEXEC);
	}
	return true;
}

void ui_sync_close(struct ui_sync *s)
{
	for (int i = 0; i < 2; i++)
		if (s->wake_fd[i] >= 0)
			close(s->wake_fd[i]);
	s->wake_fd[0] = s->wake_fd[1] = -1;
}

void ui_sync_wake(struct ui_sync *s)
{
	char b = 1;
	/* A full pipe already holds a wake-up; losing this byte is harmless. */
	if (write(s->wake_fd[1], &b, 1) < 0)
		return;
}

void ui_sync_drain(struct ui_sync *s)
{
	char buf[64];
	while (read(s->wake_fd[0], buf, sizeof buf) > 0)
		;
}
