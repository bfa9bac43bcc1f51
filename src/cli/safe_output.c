// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "cli/safe_output.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

static size_t put_escape(unsigned char byte, char *out)
{
	static const char hex[] = "0123456789abcdef";
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[byte >> 4];
	out[3] = hex[byte & 15];
	return 4;
}

/* Tab, newline and carriage return pass: CSV and iCalendar end lines with
 * CRLF. */
static bool c0_control(unsigned char c)
{
	return (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f;
}

size_t cli_safe_output_filter(const unsigned char *in, size_t n, int *state, char *out)
{
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = in[i];
		if (*state) { /* the byte before was 0xC2: a C1 control is C2 80..9F */
			*state = 0;
			if (c >= 0x80 && c <= 0x9f) {
				used += put_escape(0xc2, out + used);
				used += put_escape(c, out + used);
				continue;
			}
			out[used++] = (char)0xc2;
		}
		if (c == 0xc2)
			*state = 1;
		else if (c0_control(c))
			used += put_escape(c, out + used);
		else
			out[used++] = (char)c;
	}
	return used;
}

struct guard {
	int fd;
	int state;
};

static bool write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		buf += w;
		n -= (size_t)w;
	}
	return true;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	struct guard *g = cookie;
	char out[4 * 256];
	for (size_t done = 0; done < size;) {
		size_t chunk = size - done < 256 ? size - done : 256;
		size_t n = cli_safe_output_filter((const unsigned char *)buf + done, chunk, &g->state, out);
		if (!write_all(g->fd, out, n))
			return done ? (ssize_t)done : -1;
		done += chunk;
	}
	return (ssize_t)size;
}

static int guard_close(void *cookie)
{
	struct guard *g = cookie;
	if (g->state) /* a lone 0xC2 at the very end is not a control: let it out */
		write_all(g->fd, "\xc2", 1);
	return 0;
}

static FILE *guarded(int fd, struct guard *g, int mode)
{
	g->fd = fd;
	g->state = 0;
	cookie_io_functions_t io = {.write = guard_write, .close = guard_close};
	FILE *f = fopencookie(g, "w", io);
	if (f)
		setvbuf(f, NULL, mode, 0);
	return f;
}

int cli_safe_output_install(void)
{
	/* static: the streams live until exit, which flushes and closes them. */
	static struct guard out_guard, err_guard;
	fflush(stdout);
	fflush(stderr);
	FILE *o = guarded(STDOUT_FILENO, &out_guard, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	FILE *e = guarded(STDERR_FILENO, &err_guard, _IOLBF);
	if (!o || !e) {
		if (o)
			fclose(o);
		if (e)
			fclose(e);
		return -1;
	}
	stdout = o;
	stderr = e;
	return 0;
}
