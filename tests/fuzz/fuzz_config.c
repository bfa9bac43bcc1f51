// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the configuration files: frontdeskd's ini file (inih,
 * srv_config_load in src/server/main.c) and the terminal application's
 * config (key bindings, ui/keys.c, and colours, ui/colors.c). Any file is
 * read or refused with a message naming it, and what is read stays within
 * the documented limits. */
#define _GNU_SOURCE
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "server/server.h"
#include "ui/colors.h"
#include "ui/keys.h"

static void fail(const char *what, const char *msg)
{
	fprintf(stderr, "%s: %s\n", what, msg);
	abort();
}

static void server_config(const char *path)
{
	struct srv_config c;
	struct fd_error err = {0};
	srv_config_defaults(&c);
	if (srv_config_load(&c, path, &err) != FD_OK) {
		if (!err.message[0] || !strstr(err.message, path))
			fail("a refused server configuration without a message naming the file", err.message);
		return;
	}
	if (c.threads < 1 || c.threads > 256 || c.max_wait < 1 || c.max_wait > 3600 || c.max_batch < 1 ||
	    c.max_batch > 10000 || c.keep_changes < 0 || c.keep_changes > 36500 || c.max_body < 1 ||
	    c.session_idle < 1 || c.session_max < 1 || c.conn_limit < 1 || c.conn_timeout < 1)
		fail("a server configuration out of its limits", path);
	if (!memchr(c.data_dir, '\0', sizeof c.data_dir) || !memchr(c.listen, '\0', sizeof c.listen))
		fail("an unterminated setting", path);
}

static void desk_config(const char *path)
{
	char msg[512] = "";
	ui_keys_init();
	if (!ui_keys_load_config(path, msg, sizeof msg) && !strstr(msg, path))
		fail("refused key bindings without a message naming the file", msg);
	/* What the help pane and the man page read back. */
	for (int r = 0; r < UI_REQ_COUNT; r++) {
		char keys[256];
		ui_keys_describe((enum ui_req)r, keys, sizeof keys);
	}
	struct ui_color colors[UI_COLOR_COUNT];
	msg[0] = '\0';
	if (!ui_colors_load(path, colors, msg, sizeof msg) && !strstr(msg, path))
		fail("refused colours without a message naming the file", msg);
	for (int i = 0; i < UI_COLOR_COUNT; i++)
		if (colors[i].set &&
		    (colors[i].fg < -1 || colors[i].fg > 255 || colors[i].bg < -1 || colors[i].bg > 255))
			fail("a colour out of range", path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz.conf", 0);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	server_config(path);
	desk_config(path);
	close(fd);
	return 0;
}

void fuzz_target_cleanup(void) {}
