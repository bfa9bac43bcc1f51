// SPDX-License-Identifier: GPL-3.0-or-later
/* Shared by the folio area's command-line files. */
#ifndef FD_CLI_CMD_FOLIO_H
#define FD_CLI_CMD_FOLIO_H

#include "cli/cli.h"

/* A setting of the folio area, or dflt. */
void folio_setting(struct cli *cli, const char *key, char *out, size_t size, const char *dflt);

#endif
