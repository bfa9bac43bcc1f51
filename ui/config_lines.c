// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/config_lines.h"

#include <stdio.h>
#include <stdlib.h>

int ui_config_each_line(const char *path, ui_config_line_fn *accept, void *arg)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, refused = 0;
	while (!refused && getline(&line, &cap, f) != -1) {
		lineno++;
		if (!accept(line, arg))
			refused = lineno;
	}
	free(line);
	fclose(f);
	return refused;
}
