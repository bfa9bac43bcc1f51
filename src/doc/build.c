// SPDX-License-Identifier: GPL-3.0-or-later
/* The documents of a booking by kind, for every interface that makes them
 * (the command line's invoice, regcard and confirmation, the application's
 * document key), and handing a written PDF to the printer. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/i18n.h"
#include "doc/doc.h"

enum fd_status fd_doc_build(const struct fd_repo *repo, enum fd_doc_kind kind, const char *booking_key,
                            const char *folio_id, struct fd_doc *doc, struct fd_error *err)
{
	switch (kind) {
	case FD_DOC_BILL:
		return fd_doc_bill(repo, booking_key, folio_id ? folio_id : "", doc, err);
	case FD_DOC_REGCARD:
		return fd_doc_regcard(repo, booking_key, doc, err);
	case FD_DOC_CONFIRMATION:
		return fd_doc_confirmation(repo, booking_key, doc, err);
	default:
		return fd_fail(err, FD_E_INVALID, "invalid_document", "kind",
		               _("Only a bill, a registration card or a confirmation can be made for a "
		                 "booking."));
	}
}

enum fd_status fd_doc_save_pdf(const struct fd_repo *repo, enum fd_doc_kind kind, const char *booking_key,
                               const char *folio_id, const char *path, struct fd_error *err)
{
	struct fd_doc doc;
	fd_doc_init(&doc);
	enum fd_status st = fd_doc_build(repo, kind, booking_key, folio_id, &doc, err);
	if (!st)
		st = fd_doc_write_pdf(&doc, path, err);
	fd_doc_clear(&doc);
	return st;
}

#define MAX_ARGS 32

enum fd_status fd_doc_print(const char *command, const char *printer, const char *path, struct fd_error *err)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s", command && command[0] ? command : "lp");
	char *argv[MAX_ARGS + 4];
	int n = 0;
	char *save = NULL;
	for (char *w = strtok_r(cmd, " \t", &save); w && n < MAX_ARGS; w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	if (n == 0)
		return fd_fail(err, FD_E_INVALID, "invalid_print_command", "print-command",
		               _("The print command is empty: set print-command in the configuration file."));
	if (printer && printer[0]) {
		argv[n++] = "-d";
		argv[n++] = (char *)printer;
	}
	argv[n++] = (char *)path;
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0)
		return fd_fail(err, FD_E_IO, "print_failed", NULL, _("Could not start %s: %s."), argv[0],
		               strerror(errno));
	if (pid == 0) {
		/* The print command's chatter must not land on the screen. */
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fd_fail(err, FD_E_IO, "print_failed", NULL,
			               _("Lost the print command %s: %s."), argv[0], strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return fd_fail(err, FD_E_IO, "print_failed", NULL,
		               _("Could not run %s: is it installed (Debian package cups-client)?"), argv[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return fd_fail(err, FD_E_IO, "print_failed", NULL,
		               _("%s did not take the document (exit status %d); is the printer %s set up?"),
		               argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		               printer && printer[0] ? printer : _("(default)"));
	return FD_OK;
}
