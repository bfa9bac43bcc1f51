// SPDX-License-Identifier: GPL-3.0-or-later
/* The terminal application, entered from the frontdesk command line. */
#ifndef FD_UI_UI_H
#define FD_UI_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"

/* Run with no command: stdin is a terminal, or a headless key script is set
 * (FRONTDESK_UI_KEYS). */
bool ui_wanted(void);
/* Can this terminal draw the application (terminfo entry, cursor
 * addressing)? false with a message saying what to do. */
bool ui_term_usable(char *msg, size_t size);
/* Open the application on cli's data directory. Returns an exit status. */
int ui_main(struct cli *cli, int argc, char **argv);
/* `frontdesk --demo`: the demo hotel in a temporary directory, removed on
 * exit. */
int ui_demo_main(struct cli *cli, int argc, char **argv);

#endif
