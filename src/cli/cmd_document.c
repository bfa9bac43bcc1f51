// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdesk invoice | regcard | confirmation | property: the documents a
 * guest takes away, as text or PDF, and the hotel's details they carry. */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/document.h"
#include "core/i18n.h"
#include "doc/doc.h"
#include "doc/pack.h"
#include "session/session.h"
#include "store/ids.h"
#include "store/mail.h"

static void upper_code(const char *code, char *out, size_t size)
{
	snprintf(out, size, "%s", code);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
}

/* Write doc as the options say: PDF to a file, else text on stdout. */
static int emit(struct cli *cli, const struct fd_doc *doc, const char *pdf, int width)
{
	struct fd_error err = {0};
	if (pdf && fd_doc_write_pdf(doc, pdf, &err))
		return cli_error(cli, &err);
	if (!pdf)
		fd_doc_write_text(doc, stdout, width);
	else if (!cli->json)
		fprintf(stderr, _("Wrote %s.\n"), pdf);
	return CLI_OK;
}

/* An issued invoice or credit note as stored: the original right after
 * issuing it, a copy when printed again. */
static int print_invoice(struct cli *cli, const char *key, bool copy, const char *pdf, int width)
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_invoice inv;
	struct fd_doc doc;
	struct fd_error err = {0};
	fd_doc_init(&doc);
	enum fd_status st = repo->get_invoice(repo->ctx, key, &inv, &err);
	if (st == FD_E_NOT_FOUND)
		fd_fail(&err, st, "invoice_not_found", "invoice", _("No invoice %s."), key);
	if (!st) {
		st = fd_doc_invoice(&inv, copy, &doc, &err);
		fd_invoice_clear(&inv);
	}
	int rc = st ? cli_error(cli, &err) : emit(cli, &doc, pdf, width);
	fd_doc_clear(&doc);
	return rc;
}

/* Apply one invoice operation and print what it issued. */
static int issue(struct cli *cli, struct fd_op *op, const char *pdf, int width)
{
	struct fd_op_result res;
	int rc = cli_apply(cli, op, 1, &res);
	return rc ? rc : print_invoice(cli, res.id, false, pdf, width);
}

/* One shape for the documents: CODE [--folio ID] [--pdf FILE | --text]
 * [--width N] [--email [ADDR]]. Without --pdf the text goes to standard
 * output. */
struct doc_args {
	const char *code, *pdf, *folio, *series, *reason;
	bool text, final;
	int width;
	bool email;     /* --email: send it (the server does) */
	const char *to; /* --email ADDR: to this address rather than the guest's */
};

/* --email takes an address when the next word looks like one: take both
 * out of argv before the option parser, which knows only flags and
 * options with a value. */
static int take_email(int argc, char **argv, struct doc_args *a)
{
	int out = 0;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strcmp(argv[i], "--email") == 0) {
			a->email = true;
			if (i + 1 < argc && argv[i + 1][0] != '-' && strchr(argv[i + 1], '@'))
				a->to = argv[++i];
			continue;
		}
		if (i > 0 && strncmp(argv[i], "--email=", 8) == 0) {
			a->email = true;
			a->to = argv[i] + 8;
			continue;
		}
		argv[out++] = argv[i];
	}
	return out;
}

static bool doc_parse(struct cli *cli, const char *cmd, int argc, char **argv, const struct cli_opt *extra,
                      struct doc_args *a)
{
	const char *width_text = NULL;
	struct cli_opt opts[10] = {
	    {"pdf", &a->pdf, NULL}, {"text", NULL, &a->text}, {"width", &width_text, NULL}};
	int n = 3;
	for (; extra && extra->name && n < 9; extra++)
		opts[n++] = *extra;
	opts[n] = (struct cli_opt){0};
	a->width = 80;
	argc = take_email(argc, argv, a);
	if (!cli_parse(cli, cmd, argc, argv, opts, &a->code, 1, 1))
		return false;
	if (width_text && !cli_int(cli, cmd, "--width", width_text, 32, 200, &a->width))
		return false;
	if (a->pdf && a->text)
		return cli_usage_error(cli, cmd, _("say either --pdf FILE or --text, not both")) && false;
	if (a->email && (a->pdf || a->text))
		return cli_usage_error(cli, cmd,
		                       _("--email sends the document: leave out --pdf and --text")) &&
		       false;
	return true;
}

/* Queue the document for e-mail (document.send); the server sends it once
 * the operation reaches it, and 'frontdesk mail' shows how it went. */
static int send_document(struct cli *cli, const char *code, const char *kind, const char *to)
{
	struct fd_op op;
	fd_session_op(&cli->session, &op, "document.send");
	cJSON_AddStringToObject(op.payload, "booking", code);
	cJSON_AddStringToObject(op.payload, "kind", kind);
	if (to)
		cJSON_AddStringToObject(op.payload, "to", to);
	struct fd_op_result res;
	int rc = cli_apply(cli, &op, 1, &res);
	if (rc)
		return rc;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_booking b;
	struct fd_guest g;
	char addr[FD_MAIL_ADDR_LEN] = "";
	struct fd_mail_row row = {0};
	if (fd_mail_get(cli->db, res.id, &row, NULL) == FD_OK)
		snprintf(addr, sizeof addr, "%s", row.m.recipient);
	else if (repo->get_booking(repo->ctx, code, &b, NULL) == FD_OK &&
	         repo->get_guest(repo->ctx, b.guest_id, &g, NULL) == FD_OK)
		snprintf(addr, sizeof addr, "%s", to ? to : g.email);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "mail", res.id);
		cJSON_AddStringToObject(doc, "booking", code);
		cJSON_AddStringToObject(doc, "kind", kind);
		cJSON_AddStringToObject(doc, "to", addr);
		cli_print_json(doc);
	} else {
		printf(strcmp(kind, "invoice") == 0
		           ? _("The invoice of %s is queued for %s; the server sends it.\n")
		       : strcmp(kind, "link") == 0
		           ? _("A new link to booking %s is queued for %s; the server sends it.\n")
		           : _("The confirmation of %s is queued for %s; the server sends it.\n"),
		       code, addr);
	}
	return CLI_OK;
}

static int document(struct cli *cli, const char *cmd, int argc, char **argv, enum fd_doc_kind kind)
{
	struct doc_args a = {0};
	if (!doc_parse(cli, cmd, argc, argv, NULL, &a))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_doc doc;
	fd_doc_init(&doc);
	struct fd_error err = {0};
	char upper[FD_CODE_LEN + 8];
	upper_code(a.code, upper, sizeof upper);
	if (a.email && kind == FD_DOC_CONFIRMATION)
		return send_document(cli, upper, "confirmation", a.to);
	if (a.email)
		return cli_usage_error(cli, cmd, _("only a confirmation or an invoice can be e-mailed"));
	enum fd_status st = fd_doc_build(fd_db_repo(cli->db), kind, upper, a.folio, &doc, &err);
	rc = st ? cli_error(cli, &err) : emit(cli, &doc, a.pdf, a.width);
	fd_doc_clear(&doc);
	return rc;
}

/* invoice CODE: the provisional bill; invoice CODE --final: issue the
 * numbered invoice; invoice SERIES-N: print an issued one again (a copy). */
int cmd_invoice(struct cli *cli, int argc, char **argv)
{
	struct doc_args a = {0};
	const struct cli_opt extra[] = {
	    {"folio", &a.folio, NULL}, {"final", NULL, &a.final}, {"series", &a.series, NULL}, {0}};
	if (!doc_parse(cli, "invoice", argc, argv, extra, &a))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (strchr(a.code, '-'))
		return print_invoice(cli, a.code, true, a.pdf, a.width);
	char upper[FD_CODE_LEN + 8];
	upper_code(a.code, upper, sizeof upper);
	if (a.email && !a.final)
		return send_document(cli, upper, "invoice", a.to);
	if (!a.final) {
		struct fd_doc doc;
		struct fd_error err = {0};
		fd_doc_init(&doc);
		enum fd_status st =
		    fd_doc_build(fd_db_repo(cli->db), FD_DOC_BILL, upper, a.folio, &doc, &err);
		rc = st ? cli_error(cli, &err) : emit(cli, &doc, a.pdf, a.width);
		fd_doc_clear(&doc);
		return rc;
	}
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "invoice.issue");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "booking", upper);
	if (a.folio)
		cJSON_AddStringToObject(op.payload, "folio", a.folio);
	if (a.series)
		cJSON_AddStringToObject(op.payload, "series", a.series);
	if (a.email) { /* issue it, then send it */
		rc = cli_apply(cli, &op, 1, NULL);
		return rc ? rc : send_document(cli, upper, "invoice", a.to);
	}
	return issue(cli, &op, a.pdf, a.width);
}

/* credit-note INVOICE --reason TEXT: cancel an issued invoice in full. */
int cmd_credit_note(struct cli *cli, int argc, char **argv)
{
	struct doc_args a = {0};
	const struct cli_opt extra[] = {{"reason", &a.reason, NULL}, {0}};
	if (!doc_parse(cli, "credit-note", argc, argv, extra, &a))
		return CLI_USAGE;
	if (!a.reason)
		return cli_usage_error(cli, "credit-note",
		                       _("--reason is required: say why the invoice is cancelled"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &op, "invoice.credit");
	cJSON_AddStringToObject(op.payload, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(op.payload, "invoice", a.code);
	cJSON_AddStringToObject(op.payload, "reason", a.reason);
	return issue(cli, &op, a.pdf, a.width);
}

int cmd_regcard(struct cli *cli, int argc, char **argv)
{
	return document(cli, "regcard", argc, argv, FD_DOC_REGCARD);
}

int cmd_confirmation(struct cli *cli, int argc, char **argv)
{
	return document(cli, "confirmation", argc, argv, FD_DOC_CONFIRMATION);
}

/* send-link CODE [--to ADDR]: the confirmation with a new link to the
 * guest's own booking page (the server makes the link when it sends). */
int cmd_send_link(struct cli *cli, int argc, char **argv)
{
	const char *to = NULL, *pos[1] = {NULL};
	const struct cli_opt opts[] = {{"to", &to, NULL}, {NULL, NULL, NULL}};
	if (!cli_parse(cli, "send-link", argc, argv, opts, pos, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char upper[FD_CODE_LEN + 8];
	upper_code(pos[0], upper, sizeof upper);
	return send_document(cli, upper, "link", to);
}

/* property [--legal-name T] [--address T] [--tax-id T] [--footer T]
 * [--cancel-terms T] [--language L]: without options, print them. */
int cmd_property(struct cli *cli, int argc, char **argv)
{
	const char *v[6] = {NULL};
	const struct cli_opt opts[] = {{"legal-name", &v[0], NULL},
	                               {"address", &v[1], NULL},
	                               {"tax-id", &v[2], NULL},
	                               {"footer", &v[3], NULL},
	                               {"cancel-terms", &v[4], NULL},
	                               {"language", &v[5], NULL},
	                               {0}};
	if (!cli_parse(cli, "property", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	bool any = false;
	for (int i = 0; i < 6; i++)
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
	for (int i = 0; i < 6; i++)
		if (v[i])
			cJSON_AddStringToObject(op.payload, fd_doc_setting_keys[i], v[i]);
	return cli_apply(cli, &op, 1, NULL);
}

/* outage-pack DIR: the lists a desk prints when its terminal fails. */
int cmd_outage_pack(struct cli *cli, int argc, char **argv)
{
	const char *dir = NULL;
	const struct cli_opt opts[] = {{0}};
	if (!cli_parse(cli, "outage-pack", argc, argv, opts, &dir, 1, 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	int files = 0;
	if (fd_outage_pack_write(cli->db, dir, cli_today(cli), &files, &err))
		return cli_error(cli, &err);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "dir", dir);
		cJSON_AddNumberToObject(doc, "files", files);
		cli_print_json(doc);
	} else {
		printf(ngettext("Wrote %d file to %s.\n", "Wrote %d files to %s.\n", files), files, dir);
	}
	return CLI_OK;
}

struct mail_list {
	struct cli *cli;
	cJSON *arr;
	int n;
};

static bool mail_row(void *ctx, const struct fd_mail_row *row)
{
	struct mail_list *L = ctx;
	char state[600];
	fd_mail_state_text(&row->m, state, sizeof state);
	L->n++;
	if (L->arr) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", row->m.id);
		cJSON_AddStringToObject(o, "booking", row->code);
		cJSON_AddStringToObject(o, "kind", row->m.kind);
		cJSON_AddStringToObject(o, "to", row->m.recipient);
		cJSON_AddStringToObject(o, "state", fd_mail_state_name(row->m.state));
		cJSON_AddNumberToObject(o, "attempts", row->m.attempts);
		cJSON_AddStringToObject(o, "error", row->m.error);
		cJSON_AddStringToObject(o, "status", state);
		cJSON_AddItemToArray(L->arr, o);
	} else {
		printf("%-6s %-12s %-30s %s\n", row->code, row->m.kind, row->m.recipient, state);
	}
	return true;
}

/* mail [status] [CODE]: documents sent by e-mail, newest first, and how
 * their delivery stands (as far as this desk has heard from the server). */
int cmd_mail(struct cli *cli, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL};
	const struct cli_opt opts[] = {{0}};
	if (!cli_parse(cli, "mail", argc, argv, opts, pos, 0, 2))
		return CLI_USAGE;
	const char *code = pos[0];
	if (code && strcmp(code, "status") == 0)
		code = pos[1];
	else if (pos[1])
		return cli_usage_error(cli, "mail", _("say 'mail status [CODE]'"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_error err = {0};
	char booking_id[FD_ID_LEN] = "";
	if (code) {
		struct fd_booking_row row;
		if (fd_session_booking(&cli->session, code, &row, &err))
			return cli_error(cli, &err);
		snprintf(booking_id, sizeof booking_id, "%s", row.b.id);
	}
	struct mail_list L = {.cli = cli, .arr = cli->json ? cJSON_CreateArray() : NULL};
	enum fd_status st = fd_mail_list(cli->db, booking_id, 200, mail_row, &L, &err);
	if (st) {
		cJSON_Delete(L.arr);
		return cli_error(cli, &err);
	}
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddItemToObject(doc, "mails", L.arr);
		cli_print_json(doc);
	} else if (!L.n) {
		printf("%s\n", _("No documents were sent by e-mail."));
	}
	return CLI_OK;
}
