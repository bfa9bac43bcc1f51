// SPDX-License-Identifier: GPL-3.0-or-later
/* The command line prints guests' names, notes and staff names that came
 * from other desks, imports and the web. Text with terminal control
 * sequences in it ("\e]0;pwned\a\e[2J") would retitle and clear the
 * receptionist's terminal, so everything the command line writes passes
 * through one filter that shows control characters as visible \xNN escapes.
 * (JSON output is already escaped by cJSON; the filter leaves it alone, as
 * it holds no raw control characters.) */
#ifndef FD_CLI_SAFE_OUTPUT_H
#define FD_CLI_SAFE_OUTPUT_H

#include <stddef.h>

/* Put the filter in front of stdout and stderr. Call once, before any
 * output, and never when ncurses is to own the terminal. Returns 0, or -1
 * when the streams could not be replaced (output then stays unfiltered). */
int cli_safe_output_install(void);

/* The filter itself, for tests: escape the control characters of in[0..n)
 * into out (4 bytes per escaped byte at most), carrying a pending 0xC2 lead
 * byte across calls in *state (start at 0). Returns the bytes written. */
size_t cli_safe_output_filter(const unsigned char *in, size_t n, int *state, char *out);

#endif
