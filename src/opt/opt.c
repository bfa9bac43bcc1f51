// SPDX-License-Identifier: GPL-3.0-or-later
/* The shared command-line parser (see opt.h) on glibc's getopt_long. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "opt/opt.h"

int fd_opt_parse(int n, char **args, const struct fd_optdef *const *tables, bool stop_at_arg, fd_opt_fn *on,
                 void *ctx, char *msg, size_t size, int *next)
{
	size_t count = 0;
	for (const struct fd_optdef *const *t = tables; *t; t++)
		for (const struct fd_optdef *d = *t; d->name; d++)
			count++;
	const struct fd_optdef **defs = calloc(count + 1, sizeof *defs);
	struct option *longs = calloc(count + 1, sizeof *longs);
	char **argv = calloc((size_t)n + 2, sizeof *argv);
	char shorts[64] = "";
	if (!defs || !longs || !argv) {
		free(defs), free(longs), free(argv);
		snprintf(msg, size, "%s", _("Out of memory."));
		return -1;
	}
	/* getopt_long reads argv[1..]: a copy with a program name in front
	 * (the order is kept: "-" and "+" modes never permute). */
	snprintf(shorts, sizeof shorts, "%s", stop_at_arg ? "+:" : "-:");
	size_t i = 0;
	for (const struct fd_optdef *const *t = tables; *t; t++)
		for (const struct fd_optdef *d = *t; d->name; d++, i++) {
			defs[i] = d;
			longs[i] = (struct option){d->name, d->value ? required_argument : no_argument, NULL,
			                           256 + (int)i};
			size_t l = strlen(shorts);
			if (d->short_name && l + 2 < sizeof shorts && !strchr(shorts + 2, d->short_name)) {
				shorts[l] = d->short_name;
				shorts[l + 1] = d->value ? ':' : '\0';
				shorts[l + 2] = '\0';
			}
		}
	argv[0] = (char *)"frontdesk";
	for (int k = 0; k < n; k++)
		argv[k + 1] = args[k];
	int rc = 0, c, skip = -1;
	opterr = 0;
	optind = 0; /* glibc: start afresh */
	for (;;) {
		int before = optind ? optind : 1;
		c = getopt_long(n + 1, argv, shorts, longs, NULL);
		if (c == -1)
			break;
		const struct fd_optdef *d = NULL;
		if (c >= 256 && c < 256 + (int)count)
			d = defs[c - 256];
		else
			for (size_t k = 0; k < count && !d && c > 0 && c < 256; k++)
				if (defs[k]->short_name == c)
					d = defs[k];
		if (c == 1) { /* a positional argument, in order ("-" mode) */
			rc = on(ctx, FD_OPT_ARG, NULL, optarg, msg, size);
		} else if (c == '?' && optopt > 0 && optopt < 256) {
			/* Not a short option: an argument that starts with a
			 * dash, a negative number or a token ("-Gx3..."), as
			 * both programs always took them. getopt goes on
			 * reading its "letters": skip them. */
			if (before == skip)
				continue;
			skip = before;
			if (stop_at_arg) {
				optind = before;
				break;
			}
			rc = on(ctx, FD_OPT_ARG, NULL, argv[before], msg, size);
		} else if (c == '?' && optopt >= 256) {
			snprintf(msg, size, _("option --%s takes no value"), defs[optopt - 256]->name);
			rc = -1;
		} else if (c == '?') {
			const char *a = argv[optind - 1];
			snprintf(msg, size, _("unknown option %.*s"), (int)strcspn(a, "="), a);
			rc = -1;
		} else if (c == ':') {
			const struct fd_optdef *m = optopt >= 256 ? defs[optopt - 256] : NULL;
			for (size_t k = 0; k < count && !m; k++)
				if (defs[k]->short_name == optopt)
					m = defs[k];
			snprintf(msg, size, _("option --%s needs a value"), m ? m->name : "?");
			rc = -1;
		} else if (d) {
			rc = on(ctx, d->key, d->name, d->value ? optarg : NULL, msg, size);
		}
		if (rc)
			break;
	}
	/* After "--" (or at the first argument in "+" mode): arguments. */
	int k = optind ? optind : 1;
	if (!rc && stop_at_arg)
		*next = k - 1;
	for (; !rc && !stop_at_arg && k <= n; k++)
		rc = on(ctx, FD_OPT_ARG, NULL, argv[k], msg, size);
	if (rc && !msg[0])
		snprintf(msg, size, "%s", _("bad command line"));
	free(defs), free(longs), free(argv);
	return rc ? -1 : 0;
}
