// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdesk invoice | regcard | confirmation | property: the documents a
 * guest takes away, as text or PDF, and the hotel's details they carry. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/document.h"
#include "core/i18n.h"
#include "doc/doc.h"

typedef enum fd_status (*doc_builder)(const struct fd_repo *repo, const char *code, const char *folio,
                                      struct fd_doc *doc, struct fd_error *err);

static enum fd_status build_bill(const struct fd_repo *r, const char *code, const char *folio,
                                 struct fd_doc *d, struct fd_error *err)
{
	return fd_doc_bill(r, code, folio ? folio : "", d, err);
}

static enum fd_status build_regcard(const struct fd_repo *r, const char *code, const char *folio,
                                    struct fd_doc *d, struct fd_error *err)
{
	(void)folio;
	return fd_doc_regcard(r, code, d, err);
}

static enum fd_status build_confirmation(const struct fd_repo *r, const char *code, const char *folio,
                                         struct fd_doc *d, struct fd_error *err)
{
	(void)folio;
	return fd_doc_confirmation(r, code, d, err);
}

/* One shape for the three commands: CODE [--folio ID] [--pdf FILE | --text]
 * [--width N]. Without --pdf the text goes to standard output. */
static int document(struct cli *cli, const char *cmd, int argc, char **argv, doc_builder build,
                    bool has_folio)
{
	const char *code = NULL, *pdf = NULL, *folio = NULL, *width_text = NULL;
	bool text = false;
	const struct cli_opt with_folio[] = {{"pdf", &pdf, NULL},
	                                     {"text", NULL, &text},
	                                     {"width", &width_text, NULL},
	                                     {"folio", &folio, NULL},
	                                     {0}};
	const struct cli_opt *opts = with_folio;
	struct cli_opt without_folio[4] = {with_folio[0], with_folio[1], with_folio[2], {0}};
	if (!has_folio)
		opts = without_folio;
	if (!cli_parse(cli, cmd, argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	int width = 80;
	if (width_text && !cli_int(cli, cmd, "--width", width_text, 32, 200, &width))
		return CLI_USAGE;
	if (pdf && text)
		return cli_usage_error(cli, cmd, _("say either --pdf FILE or --text, not both"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_doc doc;
	fd_doc_init(&doc);
	struct fd_error err = {0};
	char upper[FD_CODE_LEN + 8];
	snprintf(upper, sizeof upper, "%s", code);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	enum fd_status st = build(fd_db_repo(cli->db), upper, folio, &doc, &err);
	if (!st && pdf)
		st = fd_doc_write_pdf(&doc, pdf, &err);
	else if (!st)
		fd_doc_write_text(&doc, stdout, width);
	fd_doc_clear(&doc);
	if (st)
		return cli_error(cli, &err);
	if (pdf && !cli->json)
		fprintf(stderr, _("Wrote %s.\n"), pdf);
	return CLI_OK;
}

int cmd_invoice(struct cli *cli, int argc, char **argv)
{
	return document(cli, "invoice", argc, argv, build_bill, true);
}

int cmd_regcard(struct cli *cli, int argc, char **argv)
{
	return document(cli, "regcard", argc, argv, build_regcard, false);
}

int cmd_confirmation(struct cli *cli, int argc, char **argv)
{
	return document(cli, "confirmation", argc, argv, build_confirmation, false);
}

/* property [--legal-name T] [--address T] [--tax-id T] [--footer T]
 * [--cancel-terms T]: without options, print them. */
int cmd_property(struct cli *cli, int argc, char **argv)
{
	const char *v[5] = {NULL};
	const struct cli_opt opts[] = {{"legal-name", &v[0], NULL},   {"address", &v[1], NULL},
	                               {"tax-id", &v[2], NULL},       {"footer", &v[3], NULL},
	                               {"cancel-terms", &v[4], NULL}, {0}};
	if (!cli_parse(cli, "property", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	bool any = false;
	for (int i = 0; i < 5; i++)
		any = any || v[i];
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (!any) {
		for (int i = 0; fd_doc_setting_keys[i]; i++) {
			char value[FD_DOC_TEXT * 3] = "";
			repo->get_setting(repo->ctx, fd_doc_setting_keys[i], value, sizeof value, NULL);
			printf("%-13s %s\n", fd_doc_setting_keys[i], value);
		}
		return CLI_OK;
	}
	struct fd_op op;
	fd_session_op(&cli->session, &op, "property.legal");
	for (int i = 0; i < 5; i++)
		if (v[i])
			cJSON_AddStringToObject(op.payload, fd_doc_setting_keys[i], v[i]);
	return cli_apply(cli, &op, 1, NULL);
}
