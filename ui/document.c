// SPDX-License-Identifier: GPL-3.0-or-later
/* The documents of a booking from the application (the d key in the
 * booking detail and the folio): which one, where to save the PDF, and the
 * printer when this desk has one (config file: "printer NAME",
 * "print-command CMD"). The documents themselves are src/doc's, the same
 * the command line's invoice, regcard and confirmation write. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "doc/doc.h"
#include "ui/actions.h"
#include "ui/config_lines.h"

struct kind_name {
	enum fd_doc_kind kind;
	const char *file; /* the default file name's first word */
	const char *name; /* N_() */
};

static const struct kind_name kinds[] = {
    {FD_DOC_BILL, "bill", N_("bill")},
    {FD_DOC_REGCARD, "regcard", N_("registration card")},
    {FD_DOC_CONFIRMATION, "confirmation", N_("confirmation")},
};
#define N_KINDS ((int)(sizeof kinds / sizeof *kinds))

/* The kind an answer names: its translated or English name, the file word,
 * or a first letter; -1 when none. */
static int kind_of(const char *answer)
{
	while (*answer == ' ')
		answer++;
	if (!*answer)
		return -1;
	for (int i = 0; i < N_KINDS; i++)
		if (strcasecmp(answer, _(kinds[i].name)) == 0 || strcasecmp(answer, kinds[i].name) == 0 ||
		    strcasecmp(answer, kinds[i].file) == 0)
			return i;
	if (!answer[1])
		for (int i = 0; i < N_KINDS; i++)
			if (strncasecmp(answer, kinds[i].file, 1) == 0)
				return i;
	return -1;
}

/* arg: "KIND\tCODE\tFOLIO" */
static void save_answer(struct app *app, const char *text, const char *arg)
{
	char buf[FD_NOTES_LEN];
	snprintf(buf, sizeof buf, "%s", arg);
	char *code = strchr(buf, '\t');
	char *folio = code ? strchr(code + 1, '\t') : NULL;
	if (!code || !folio)
		return;
	*code++ = '\0';
	*folio++ = '\0';
	int k = atoi(buf);
	while (*text == ' ')
		text++;
	if (!*text) {
		ui_message(app, "%s", _("No file named: nothing saved."));
		return;
	}
	/* "~/bill.pdf": in the home directory, as a shell would read it. */
	char path[512];
	const char *home = getenv("HOME");
	if (text[0] == '~' && text[1] == '/' && home && home[0] == '/')
		snprintf(path, sizeof path, "%s%s", home, text + 1);
	else
		snprintf(path, sizeof path, "%s", text);
	text = path;
	struct fd_error err = {0};
	if (fd_doc_save_pdf(fd_db_repo(app->db), kinds[k].kind, code, folio, text, &err)) {
		ui_error(app, &err);
		return;
	}
	if (!app->printer[0] && !app->print_command[0]) {
		ui_message(app, _("Saved the %s of %s as %s."), _(kinds[k].name), code, text);
		return;
	}
	if (fd_doc_print(app->print_command, app->printer, text, &err)) {
		struct fd_error e2;
		fd_fail(&e2, err.status, "print_failed", NULL, _("Saved %s, but not printed: %s"), text,
		        err.message);
		ui_error(app, &e2);
		return;
	}
	ui_message(app, _("Saved the %s of %s as %s and sent it to the printer %s."), _(kinds[k].name), code,
	           text, app->printer[0] ? app->printer : app->print_command);
}

/* arg: "CODE\tFOLIO" */
static void kind_answer(struct app *app, const char *text, const char *arg)
{
	int k = kind_of(text);
	if (k < 0) {
		struct fd_error err;
		fd_fail(&err, FD_E_INVALID, "invalid_document", "document",
		        _("\"%s\" is not a document: say %s, %s or %s."), text, _(kinds[0].name),
		        _(kinds[1].name), _(kinds[2].name));
		ui_error(app, &err);
		return;
	}
	char code[FD_CODE_LEN] = "";
	snprintf(code, sizeof code, "%.*s", (int)strcspn(arg, "\t"), arg);
	const char *folio = strchr(arg, '\t');
	const char *home = getenv("HOME");
	char path[256], next[FD_NOTES_LEN];
	if (home && home[0] == '/')
		snprintf(path, sizeof path, "%s/%s-%s.pdf", home, kinds[k].file, code);
	else
		snprintf(path, sizeof path, "%s-%s.pdf", kinds[k].file, code);
	snprintf(next, sizeof next, "%d\t%s\t%s", k, code, folio ? folio + 1 : "");
	ui_prompt(app, _("save the PDF as: "), path, save_answer, next);
}

void ui_document_ask(struct app *app, const char *code, const char *folio_id, enum fd_doc_kind first)
{
	char choices[N_KINDS][FD_USER_LEN], arg[FD_NOTES_LEN];
	int n = 0;
	for (int i = 0; i < N_KINDS; i++)
		if (kinds[i].kind == first)
			snprintf(choices[n++], FD_USER_LEN, "%s", _(kinds[i].name));
	for (int i = 0; i < N_KINDS; i++)
		if (kinds[i].kind != first)
			snprintf(choices[n++], FD_USER_LEN, "%s", _(kinds[i].name));
	snprintf(arg, sizeof arg, "%s\t%s", code, folio_id ? folio_id : "");
	ui_prompt(app, _("document (Up/Down: bill, registration card, confirmation): "), "", kind_answer,
	          arg);
	ui_prompt_offer(app, (const char(*)[FD_USER_LEN])choices, n);
}

/* One config line: "printer NAME" or "print-command COMMAND"; other lines
 * are not ours. */
static bool printer_line(char *line, void *arg)
{
	struct app *app = arg;
	line[strcspn(line, "\r\n")] = '\0';
	char *p = line + strspn(line, " \t");
	size_t word = strcspn(p, " \t");
	char *value = p + word + strspn(p + word, " \t");
	char *out = NULL;
	size_t out_size = 0;
	if (word == 7 && strncmp(p, "printer", 7) == 0) {
		out = app->printer;
		out_size = sizeof app->printer;
	} else if (word == 13 && strncmp(p, "print-command", 13) == 0) {
		out = app->print_command;
		out_size = sizeof app->print_command;
	} else {
		return true;
	}
	if (!*value || strlen(value) >= out_size)
		return false;
	snprintf(out, out_size, "%s", value);
	return true;
}

bool ui_document_load_config(const char *path, struct app *app, char *msg, size_t size)
{
	int bad = ui_config_each_line(path, printer_line, app);
	if (bad)
		snprintf(msg, size, _("%s line %d: expected \"printer NAME\" or \"print-command COMMAND\""),
		         path, bad);
	return !bad;
}
