// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "core/i18n.h"

#include <ctype.h>
#include <string.h>

static _Thread_local const struct fd_lang *current;
static fd_lang_loader loader;

const struct fd_lang *fd_lang_use(const struct fd_lang *lang)
{
	const struct fd_lang *prev = current;
	current = lang;
	return prev;
}

const struct fd_lang *fd_lang_current(void)
{
	return current;
}

void fd_lang_set_loader(fd_lang_loader fn)
{
	loader = fn;
}

bool fd_lang_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0, i = 0;
	while (i < n && i < 3 && islower((unsigned char)code[i]))
		i++;
	if (i < 2)
		return false;
	if (i == n)
		return true;
	return n == i + 3 && code[i] == '_' && isupper((unsigned char)code[i + 1]) &&
	       isupper((unsigned char)code[i + 2]);
}

const struct fd_lang *fd_lang_get(const char *code)
{
	return loader && fd_lang_code_valid(code) ? loader(code) : NULL;
}

#undef ngettext
const char *fd_tr(const char *msgid)
{
	if (!current)
		return gettext(msgid);
	const char *t = current->lookup ? current->lookup(current, msgid, NULL, 1) : NULL;
	return t ? t : msgid;
}

const char *fd_ntr(const char *msgid, const char *plural, unsigned long n)
{
	if (!current)
		return ngettext(msgid, plural, n);
	const char *t = current->lookup ? current->lookup(current, msgid, plural, n) : NULL;
	return t ? t : n == 1 ? msgid : plural;
}
