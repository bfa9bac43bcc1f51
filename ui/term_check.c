// SPDX-License-Identifier: GPL-3.0-or-later
/* Before anything is built or opened: can this terminal draw the
 * application? A terminal without cursor addressing (TERM=dumb, emacs'
 * shell) would collapse every screen onto one line. Its own file: <term.h>
 * defines macros (lines, columns) that the rest of the UI must not see. */
#include "config.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/i18n.h"

/* Last: its macros (lines, columns) would rename the headers' parameters. */
#include <curses.h>
#include <term.h>

bool ui_term_usable(char *msg, size_t size)
{
	if (getenv("FRONTDESK_UI_KEYS"))
		return true; /* headless: a terminal of its own */
	const char *term = getenv("TERM");
	int errret = 0;
	if (!term || !term[0] || setupterm(NULL, STDOUT_FILENO, &errret) != OK) {
		snprintf(
		    msg, size,
		    _("cannot use the terminal type \"%s\" (no terminfo entry); try TERM=xterm-256color, "
		      "or install the ncurses-term package"),
		    term ? term : "");
		return false;
	}
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!ok)
		snprintf(msg, size,
		         _("cannot use the terminal type \"%s\": it cannot move the cursor; try "
		           "TERM=xterm-256color"),
		         term);
	return ok;
}
