// SPDX-License-Identifier: GPL-3.0-or-later
/* Command-line options for both programs (frontdesk and frontdeskd), on
 * getopt_long: "--name VALUE" and "--name=VALUE", flags, options before
 * and after the command, "--" ending the options, an argument that starts
 * with a single dash (a negative number, a token) taken as an argument
 * unless it is a declared one-letter option. One parser, so the two programs agree; each caller says what
 * an option does through a callback. */
#ifndef FD_OPT_OPT_H
#define FD_OPT_OPT_H

#include <stdbool.h>
#include <stddef.h>

struct fd_optdef {
	const char *name; /* long name without the dashes; NULL ends a table */
	bool value;       /* takes a value */
	int key;          /* the caller's, passed to the callback */
	char short_name;  /* a one-letter alias ("-h"), or 0 */
};

/* The key of a positional argument (callers' keys must differ from it). */
#define FD_OPT_ARG 0

/* Called for each option (name and value, NULL for a flag) and each
 * positional argument (key FD_OPT_ARG, value the argument), in command-line
 * order. Returns 0, or non-zero to stop with a message in msg. */
typedef int fd_opt_fn(void *ctx, int key, const char *name, const char *value, char *msg, size_t size);

/* Parse args[0..n). tables is a NULL-ended list of option tables; when two
 * tables name the same option, the earlier wins. With stop_at_arg, parsing
 * stops at the first positional argument and *next is its index (n when
 * none); otherwise every argument goes to on(). Returns 0, or -1 with a
 * message naming the option in msg ("unknown option --colour", "option
 * --data needs a value"). */
int fd_opt_parse(int n, char **args, const struct fd_optdef *const *tables, bool stop_at_arg, fd_opt_fn *on,
                 void *ctx, char *msg, size_t size, int *next);

#endif
