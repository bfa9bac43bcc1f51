// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/mail.h"

#include <string.h>

static const char *const state_names[] = {"queued", "sent", "failed"};

const char *fd_mail_state_name(enum fd_mail_state s)
{
	return (unsigned)s < sizeof state_names / sizeof *state_names ? state_names[s] : "queued";
}

bool fd_mail_state_parse(const char *s, enum fd_mail_state *out)
{
	for (unsigned i = 0; i < sizeof state_names / sizeof *state_names; i++)
		if (s && strcmp(s, state_names[i]) == 0) {
			*out = (enum fd_mail_state)i;
			return true;
		}
	return false;
}

bool fd_mail_kind_valid(const char *kind)
{
	return kind && (strcmp(kind, "confirmation") == 0 || strcmp(kind, "invoice") == 0 ||
	                strcmp(kind, "link") == 0);
}

bool fd_mail_address_valid(const char *addr)
{
	size_t n = addr ? strlen(addr) : 0;
	if (n < 3 || n >= FD_MAIL_ADDR_LEN)
		return false;
	const char *at = strchr(addr, '@');
	if (!at || at == addr || strchr(at + 1, '@') || !at[1] || at[1] == '.' || addr[n - 1] == '.' ||
	    !strchr(at + 1, '.'))
		return false;
	for (const char *p = addr; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch >= 0x7f || strchr("<>()[]\\,;:\"", ch))
			return false;
	}
	return true;
}
