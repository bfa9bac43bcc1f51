// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdesk: the command line of the terminal side. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/safe_output.h"
#include "core/i18n.h"
#include "doc/doc.h"
#include "opt/opt.h"
#include "store/ids.h"
#include "store/zone.h"
#include "ui/ui.h"

/* "frontdesk book --help" answers as "frontdesk help book" does. Only an
 * option may ask: "--help" after "--" is an argument, and "-h" counts
 * alone, where no command takes it for anything else. */
static bool wants_help(int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "-h") == 0)
		return true;
	for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

enum { MAIN_HELP = 1, MAIN_DEMO, MAIN_VERSION };

struct main_ctx {
	struct cli *cli;
	bool help, demo, version;
};

static int main_option(void *ctx, int key, const char *name, const char *value, char *msg, size_t size)
{
	struct main_ctx *m = ctx;
	(void)name, (void)msg, (void)size;
	if (key == MAIN_HELP)
		m->help = true;
	else if (key == MAIN_DEMO)
		m->demo = true;
	else if (key == MAIN_VERSION)
		m->version = true;
	else
		cli_global_option(m->cli, key, value);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, fd_doc_locale_dir());
	fd_doc_lang_init();
	fd_store_zone_init(); /* a new time zone must be one the system knows */
	textdomain(PACKAGE);
	struct cli cli = {.prog = "frontdesk"};
	if (fd_ids_init() != 0) {
		fprintf(stderr, _("frontdesk: cannot initialise the random number generator\n"));
		return CLI_FAILED;
	}
	cli.as_user = getenv("FRONTDESK_USER");
	struct main_ctx m = {.cli = &cli};
	static const struct fd_optdef own[] = {
	    {"help", false, MAIN_HELP, 'h'},
	    {"demo", false, MAIN_DEMO, 0},
	    {"version", false, MAIN_VERSION, 0},
	    {NULL, false, 0, 0},
	};
	const struct fd_optdef *const tables[] = {own, cli_global_options(), NULL};
	char msg[256];
	int i;
	/* Options up to the command; the command's parser takes the rest. */
	if (fd_opt_parse(argc - 1, argv + 1, tables, true, main_option, &m, msg, sizeof msg, &i)) {
		fprintf(stderr, _("frontdesk: %s (see 'frontdesk --help')\n"), msg);
		return CLI_USAGE;
	}
	i++;
	if (m.help) {
		cli_commands_print(stdout, cli.prog);
		return CLI_OK;
	}
	if (m.version) {
		printf("frontdesk %s\n", PACKAGE_VERSION);
		return CLI_OK;
	}
	bool demo = m.demo;
	if (demo || (i >= argc && ui_wanted())) {
		int ui_rc = demo ? ui_demo_main(&cli, argc - i, argv + i) : ui_main(&cli, argc - i, argv + i);
		cli_close(&cli);
		return ui_rc;
	}
	cli_safe_output_install();
	if (i >= argc) {
		cli_commands_print(stderr, cli.prog);
		return CLI_USAGE;
	}
	const struct cli_command *cmd = cli_command_find(argv[i], strlen(argv[i]));
	if (!cmd) {
		fprintf(stderr, _("frontdesk: unknown command '%s' (see 'frontdesk help')\n"), argv[i]);
		return CLI_USAGE;
	}
	if (wants_help(argc - i - 1, argv + i + 1)) {
		char *help_argv[] = {argv[i], NULL};
		return cli_command_find("help", 4)->run(&cli, 1, help_argv);
	}
	int rc = cmd->run(&cli, argc - i - 1, argv + i + 1);
	cli_close(&cli);
	return rc;
}
