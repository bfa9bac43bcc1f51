// SPDX-License-Identifier: GPL-3.0-or-later
/* import bookings FILE [--hotel NAME] [--skip-bad-rows] */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "cli/cmd_folio.h"
#include "store/import.h"

int cmd_import(struct cli *cli, int argc, char **argv)
{
	const char *pos[2], *hotel = NULL;
	bool skip = false;
	const struct cli_opt opts[] = {{"hotel", &hotel, NULL}, {"skip-bad-rows", NULL, &skip}, {0}};
	if (!cli_parse(cli, "import", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	if (strcmp(pos[0], "bookings") != 0)
		return cli_usage_error(cli, "import", _("unknown kind \"%s\"; use 'import bookings FILE'"),
		                       pos[0]);
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_import_opts o = {.hotel = hotel,
	                           .skip_bad = skip,
	                           .actor = fd_session_actor(&cli->session),
	                           .device = cli->session.device,
	                           .report = stderr};
	struct fd_import_result res;
	struct fd_error err = {0};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (fd_import_bookings(cli->db, pos[1], &o, &res, &err))
		return cli_error(cli, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddNumberToObject(doc, "rows", (double)res.rows);
		cJSON_AddNumberToObject(doc, "imported", (double)res.imported);
		cJSON_AddNumberToObject(doc, "skipped_bad", (double)res.bad);
		cJSON_AddNumberToObject(doc, "day_use", (double)res.day_use);
		cJSON_AddNumberToObject(doc, "other_hotel", (double)res.other_hotel);
		cJSON_AddNumberToObject(doc, "room_types_created", (double)res.types_created);
		cJSON_AddNumberToObject(doc, "seconds", secs);
		cli_print_json(doc);
		return CLI_OK;
	}
	printf(_("Imported %ld booking(s) from %ld row(s) in %.2f s; %ld room type(s) created.\n"),
	       res.imported, res.rows, secs, res.types_created);
	if (res.bad)
		printf(_("Skipped %ld bad row(s) (listed on standard error).\n"), res.bad);
	if (res.day_use)
		printf(_("Of these, %ld day-use stay(s) (arriving and leaving the same day, no night).\n"),
		       res.day_use);
	if (res.other_hotel)
		printf(_("Skipped %ld row(s) of other hotels.\n"), res.other_hotel);
	return CLI_OK;
}
