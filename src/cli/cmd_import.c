// SPDX-License-Identifier: GPL-3.0-or-later
/* import bookings FILE [--hotel NAME] [--skip-bad-rows] [--separator S];
 * export bookings FILE [--from D --to D] [--separator S] */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "cli/cmd_folio.h"
#include "progress/progress.h"
#include "store/import.h"

/* --separator: "," ";" or "tab". */
static bool separator_arg(struct cli *cli, const char *cmd, const char *text, char *out)
{
	*out = 0;
	if (!text)
		return true;
	if (strcmp(text, ",") == 0 || strcmp(text, ";") == 0)
		*out = text[0];
	else if (strcmp(text, "tab") == 0 || strcmp(text, "\t") == 0)
		*out = '\t';
	else
		return cli_value_error(cli, cmd, _("--separator is \",\", \";\" or tab (got \"%s\")"),
		                       text) &&
		       false;
	return true;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	const char *pos[2], *hotel = NULL, *sep_text = NULL;
	bool skip = false;
	const struct cli_opt opts[] = {
	    {"hotel", &hotel, NULL}, {"skip-bad-rows", NULL, &skip}, {"separator", &sep_text, NULL}, {0}};
	if (!cli_parse(cli, "import", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	if (strcmp(pos[0], "bookings") != 0)
		return cli_usage_error(cli, "import", _("unknown kind \"%s\"; use 'import bookings FILE'"),
		                       pos[0]);
	char sep;
	if (!separator_arg(cli, "import", sep_text, &sep))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_import_opts o = {.hotel = hotel,
	                           .skip_bad = skip,
	                           .actor = fd_session_actor(&cli->session),
	                           .device = cli->session.device,
	                           .report = stderr,
	                           .separator = sep};
	struct fd_progress bar;
	fd_progress_init(&bar, _("rows"), cli->json);
	o.progress = fd_progress_update;
	o.progress_ctx = &bar;
	struct fd_import_result res;
	struct fd_error err = {0};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	enum fd_status st = fd_import_bookings(cli->db, pos[1], &o, &res, &err);
	fd_progress_end(&bar);
	if (st)
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
		cJSON_AddNumberToObject(doc, "already_imported", (double)res.existing);
		cJSON_AddNumberToObject(doc, "already_imported_same_stay", (double)res.same_stay);
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
	if (res.existing - res.same_stay)
		printf(_("Skipped %ld row(s) imported before (their reference is known).\n"),
		       res.existing - res.same_stay);
	if (res.same_stay)
		printf(_("Skipped %ld row(s) imported before (no reference; the same guest, dates and room "
		         "type as a booking the hotel has; listed on standard error).\n"),
		       res.same_stay);
	return CLI_OK;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	const char *pos[2], *from_text = NULL, *to_text = NULL, *sep_text = NULL;
	const struct cli_opt opts[] = {
	    {"from", &from_text, NULL}, {"to", &to_text, NULL}, {"separator", &sep_text, NULL}, {0}};
	if (!cli_parse(cli, "export", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	if (strcmp(pos[0], "bookings") != 0)
		return cli_usage_error(cli, "export", _("unknown kind \"%s\"; use 'export bookings FILE'"),
		                       pos[0]);
	char sep;
	fd_date from = 0, to = 0;
	if (!separator_arg(cli, "export", sep_text, &sep) ||
	    (from_text && !cli_date(cli, "export", "--from", from_text, &from)) ||
	    (to_text && !cli_date(cli, "export", "--to", to_text, &to)))
		return CLI_USAGE;
	if ((from_text != NULL) != (to_text != NULL) || (from_text && to <= from))
		return cli_usage_error(cli, "export", _("give --from and --to together, --to after --from"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	/* Through a temporary file: a failure leaves nothing half-written. */
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", pos[1]);
	struct fd_error err = {0};
	FILE *out = strcmp(pos[1], "-") == 0 ? stdout : fopen(tmp, "w");
	if (!out) {
		fd_fail(&err, FD_E_IO, "io", "file", _("Cannot write %s: %s."), tmp, strerror(errno));
		return cli_error(cli, &err);
	}
	long n = 0;
	enum fd_status st = fd_export_bookings(cli->db, out, from, to, sep, &n, &err);
	if (out != stdout) {
		if (fclose(out) != 0 && !st)
			st = fd_fail(&err, FD_E_IO, "io", "file", _("Cannot write %s: %s."), tmp,
			             strerror(errno));
		if (!st && rename(tmp, pos[1]) != 0)
			st = fd_fail(&err, FD_E_IO, "io", "file", _("Cannot write %s: %s."), pos[1],
			             strerror(errno));
		if (st)
			unlink(tmp);
	}
	if (st)
		return cli_error(cli, &err);
	if (out != stdout && !cli->json)
		printf(ngettext("Exported %ld booking to %s.\n", "Exported %ld bookings to %s.\n",
		                (unsigned long)n),
		       n, pos[1]);
	return CLI_OK;
}
