// SPDX-License-Identifier: GPL-3.0-or-later
/* `frontdesk --demo`: a private hotel in a temporary directory, opened in
 * the application and removed on exit. Uses the demo hotel when it is
 * available, otherwise the small built-in one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "demo/demo.h"
#include "progress/progress.h"
#include "ui/demo_server.h"
#include "ui/fixture.h"
#include "ui/ui.h"

static void remove_dir(const char *dir)
{
	static const char *const files[] = {"frontdesk.db", "frontdesk.db-wal", "frontdesk.db-shm",
	                                    "frontdesk.db-journal"};
	char path[4200];
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int ui_demo_main(struct cli *cli, int argc, char **argv)
{
	char msg[256];
	if (!ui_term_usable(msg, sizeof msg)) {
		/* Before the demo hotel is built: nothing to wait for or undo. */
		fprintf(stderr, "%s: %s\n", cli->prog, msg);
		return CLI_FAILED;
	}
	/* The whole system when the server program is here; otherwise (or
	 * with FRONTDESK_DEMO=local) a hotel on this terminal alone. */
	const char *mode = getenv("FRONTDESK_DEMO");
	if (!mode || strcmp(mode, "local") != 0) {
		bool unavailable = false;
		int rc = ui_demo_server(cli, argc, argv, &unavailable);
		if (!unavailable)
			return rc;
	}
	const char *tmp = getenv("TMPDIR");
	char dir[4096], pattern[4096];
	snprintf(pattern, sizeof pattern, "%s/frontdesk-demo-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	snprintf(dir, sizeof dir, "%s", pattern);
	if (!mkdtemp(dir)) {
		perror("frontdesk: mkdtemp");
		return CLI_FAILED;
	}
	cli->data_dir = dir;
	int rc = cli_open(cli, true);
	if (rc) {
		remove_dir(dir);
		return rc;
	}
	fd_date today = fd_date_from_unix((int64_t)time(NULL));
	const char *fixed = getenv("FRONTDESK_TODAY");
	if (fixed)
		fd_date_parse(fixed, &today);
	struct fd_progress bar;
	fd_progress_init(&bar, _("operations"), false);
	struct fd_demo_options o = {
	    .seed = 42, .today = today, .progress = fd_progress_update, .progress_ctx = &bar};
	struct fd_error err = {0};
	enum fd_status built = fd_demo_build(cli->db, &o, &err);
	fd_progress_end(&bar);
	if (built != FD_OK) {
		/* The full demo hotel is not there (or failed): a fresh database
		 * for the built-in one. */
		cli_close(cli);
		remove_dir(dir);
		snprintf(dir, sizeof dir, "%s", pattern);
		if (!mkdtemp(dir) || (rc = cli_open(cli, true)) != 0) {
			remove_dir(dir);
			return rc ? rc : CLI_FAILED;
		}
		if (ui_fixture_build(cli->db, today, 40, &err) != FD_OK) {
			rc = cli_error(cli, &err);
			cli_close(cli);
			remove_dir(dir);
			return rc;
		}
	}
	rc = ui_main(cli, argc, argv);
	cli_close(cli);
	remove_dir(dir);
	return rc;
}
