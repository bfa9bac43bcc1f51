// SPDX-License-Identifier: GPL-3.0-or-later
/* Print the KEYS section of frontdesk-ui(1) from the command table, so the
 * man page cannot drift from the key map (tests/ui/man_keys.sh checks the
 * committed page against this output; `make ui-man` rewrites it). */
#include "config.h"

#include <stdio.h>

#include "ui/keys.h"

int main(void)
{
	ui_keys_print_man(stdout);
	return 0;
}
