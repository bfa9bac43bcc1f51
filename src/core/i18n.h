// SPDX-License-Identifier: GPL-3.0-or-later
/* gettext shorthands used by every module that shows text to people.
 *
 * Text normally speaks the process's language (gettext: LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG). A thread may speak another for a while: a guest's
 * documents are in the guest's language whatever the desk's is. _() and
 * ngettext() then look the text up in that language's catalogue, and money
 * is written with its decimal and group marks. The switch is per thread
 * (fd_lang_use), so the server's threads and a desk's sync thread never
 * see one another's. Catalogues are loaded outside core (src/doc/lang.c
 * registers the loader): core does no I/O. */
#ifndef FD_CORE_I18N_H
#define FD_CORE_I18N_H

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>

struct fd_lang {
	char code[16]; /* "de", "pt_BR"; "en" needs no catalogue */
	/* The translation of msgid (plural: of msgid/plural for n), or NULL
	 * when the catalogue has none: then the English text stands. */
	const char *(*lookup)(const struct fd_lang *l, const char *msgid, const char *plural,
	                      unsigned long n);
	const void *catalogue;
	char decimal; /* money: '.' in English, ',' in German */
	char group;   /* thousands: ',' in English, '.' in German */
};

/* Make lang this thread's language (NULL: the process's again); returns
 * the one it replaces, to restore with another call. */
const struct fd_lang *fd_lang_use(const struct fd_lang *lang);
const struct fd_lang *fd_lang_current(void);
/* The language for an ISO 639 code (with an optional _REGION), through the
 * registered loader; NULL when code is empty or invalid, or no loader is
 * registered. Languages live as long as the process. */
const struct fd_lang *fd_lang_get(const char *code);
typedef const struct fd_lang *(*fd_lang_loader)(const char *code);
/* Register the loader once, at start, before threads run. */
void fd_lang_set_loader(fd_lang_loader loader);
/* "de", "pt_BR", "ast": two or three lower-case letters, optionally "_" and
 * two upper-case ones. */
bool fd_lang_code_valid(const char *code);

const char *fd_tr(const char *msgid) __attribute__((format_arg(1)));
const char *fd_ntr(const char *msgid, const char *plural, unsigned long n) __attribute__((format_arg(1)))
__attribute__((format_arg(2)));

#define _(s) fd_tr(s)
#define N_(s) (s)
#undef ngettext
#define ngettext(s, p, n) fd_ntr(s, p, n)

#endif
