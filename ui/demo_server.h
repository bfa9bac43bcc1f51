// SPDX-License-Identifier: GPL-3.0-or-later
/* `frontdesk --demo` with the whole system on this machine: a private
 * frontdeskd on a loopback port serving the demo hotel, this terminal
 * enrolled and signed in as a demo receptionist, everything removed on
 * exit. */
#ifndef FD_UI_DEMO_SERVER_H
#define FD_UI_DEMO_SERVER_H

#include <stdbool.h>

#include "cli/cli.h"

/* Runs the application against a private server. Sets *unavailable (and
 * returns without side effects) when no frontdeskd binary can be found, so
 * the caller can fall back to a local-only demo. */
int ui_demo_server(struct cli *cli, int argc, char **argv, bool *unavailable);

#endif
