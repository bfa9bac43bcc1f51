// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd's log lines (see log.h). */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "server/log.h"

static atomic_bool prefix;
static atomic_int limit = SRV_LOG_INFO;

void srv_log_limit(enum srv_log_level most)
{
	atomic_store(&limit, (int)most);
}

bool srv_log_level_parse(const char *word, enum srv_log_level *out)
{
	static const struct {
		const char *word;
		enum srv_log_level level;
	} words[] = {{"err", SRV_LOG_ERR},
	             {"warning", SRV_LOG_WARNING},
	             {"notice", SRV_LOG_NOTICE},
	             {"info", SRV_LOG_INFO},
	             {"debug", SRV_LOG_DEBUG}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(word, words[i].word) == 0) {
			*out = words[i].level;
			return true;
		}
	return false;
}

void srv_log_prefix(bool on)
{
	atomic_store(&prefix, on);
}

void srv_vlog(enum srv_log_level level, const char *fmt, va_list ap)
{
	if ((int)level > atomic_load(&limit))
		return;
	/* One write per line, so lines of concurrent threads do not mix. */
	char line[2048];
	int n = atomic_load(&prefix) ? snprintf(line, sizeof line, "<%d>frontdeskd: ", (int)level)
	                             : snprintf(line, sizeof line, "frontdeskd: ");
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	/* A message may end with its own newline (libmicrohttpd's do). */
	while (len > (size_t)n && line[len - 1] == '\n')
		len--;
	line[len++] = '\n';
	/* write(2), not fwrite: stderr's lock was held across the write, and
	 * with a line per request the pool threads queued on it (futex waits
	 * and context switches). A single write(2) of a line is as whole as
	 * fwrite's was: stderr is unbuffered, so fwrite made the same one
	 * write; the kernel keeps concurrent writes to a pipe (under
	 * PIPE_BUF) or file from interleaving. */
	ssize_t w;
	do
		w = write(STDERR_FILENO, line, len);
	while (w < 0 && errno == EINTR);
}

void srv_log(enum srv_log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	srv_vlog(level, fmt, ap);
	va_end(ap);
}

void srv_notify(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t n = path ? strlen(path) : 0;
	if (n < 2 || n >= sizeof sa.sun_path || (path[0] != '/' && path[0] != '@'))
		return;
	memcpy(sa.sun_path, path, n);
	if (path[0] == '@')
		sa.sun_path[0] = '\0'; /* an abstract socket */
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (const struct sockaddr *)&sa,
	           (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)) < 0)
		srv_log(SRV_LOG_WARNING, "cannot notify systemd at %s: %s", path, strerror(errno));
	close(fd);
}
