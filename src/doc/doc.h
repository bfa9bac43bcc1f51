// SPDX-License-Identifier: GPL-3.0-or-later
/* Laying out a document (core/document.h) for people: plain text for a
 * receipt printer or the terminal, PDF through cairo and pango (so Arabic,
 * Hebrew, CJK, Cyrillic and Greek names shape and lay out, fonts embedded). */
#ifndef FD_DOC_DOC_H
#define FD_DOC_DOC_H

#include <stdio.h>

#include "core/document.h"

/* Plain text, width columns wide (40 for a receipt printer, 80 for a
 * terminal); widths are display cells, never bytes. */
void fd_doc_write_text(const struct fd_doc *doc, FILE *out, int width);

/* A4 PDF at path, written to a temporary file first so a failure leaves
 * nothing half-written. */
enum fd_status fd_doc_write_pdf(const struct fd_doc *doc, const char *path, struct fd_error *err);

/* The document of kind (a bill, a registration card or a confirmation)
 * for a booking; folio_id picks a bill's folio ("" or NULL: the guest's).
 * One dispatch for the command line and the application. */
enum fd_status fd_doc_build(const struct fd_repo *repo, enum fd_doc_kind kind, const char *booking_key,
                            const char *folio_id, struct fd_doc *doc, struct fd_error *err);
/* fd_doc_build, then fd_doc_write_pdf to path. */
enum fd_status fd_doc_save_pdf(const struct fd_repo *repo, enum fd_doc_kind kind, const char *booking_key,
                               const char *folio_id, const char *path, struct fd_error *err);
/* Hand the file at path to the printer: "command [-d printer] path",
 * command split at spaces ("lp" when NULL or empty), printer left out when
 * NULL or empty; waits for the command, which only queues the job. */
enum fd_status fd_doc_print(const char *command, const char *printer, const char *path, struct fd_error *err);

/* Register the loader of document languages (src/doc/lang.c) with core:
 * call once at start, before other threads run. */
void fd_doc_lang_init(void);

/* Where the message catalogues are: the installed ones (LOCALEDIR), or,
 * for a program run from its build tree (not installed), the ones built
 * next to it (make's build-tree-locale). For bindtextdomain. */
const char *fd_doc_locale_dir(void);

#endif
