// SPDX-License-Identifier: GPL-3.0-or-later
/* The administration commands' lists, one layout for both stores
 * (admin_lists.h). The headings are translated; the states (active,
 * disabled, REVOKED …) are values scripts match, like the roles, and are
 * not. */
#include "config.h"

#include "server/admin_lists.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"

const char *srv_utc(int64_t t, char out[32])
{
	if (t <= 0)
		return strcpy(out, "-");
	time_t tt = (time_t)t;
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
	return out;
}

#define USER_ROW "%-20s  %-8s  %-16s  %-11s  %8s  %-20s  %s\n"

void srv_list_users_head(void)
{
	printf(USER_ROW, _("USER"), _("ROLE"), _("DEPARTMENT"), _("STATE"), _("SESSIONS"), _("LAST SEEN"),
	       _("NAME"));
}

void srv_list_user(const struct srv_user_line *u)
{
	char seen[32], n[24];
	const char *state = !u->active ? "disabled" : !u->has_password ? "no-password" : "active";
	snprintf(n, sizeof n, "%lld", (long long)u->sessions);
	printf(USER_ROW, u->username, u->role, u->dept, state, n, srv_utc(u->last_seen, seen), u->name);
}

/* The hotel's column, after the ID a revoke names: the code of
 * `property list` (at most 16 characters). */
static void hotel_cell(const char *hotel)
{
	if (hotel)
		printf("%-16s  ", hotel);
}

void srv_list_devices_head(bool hotels)
{
	printf("%-36s  ", _("ID"));
	hotel_cell(hotels ? _("HOTEL") : NULL);
	printf("%-20s  %-20s  %-20s  %-20s  %-20s  %8s  %6s  %s\n", _("NAME"), _("ENROLLED"), _("LAST SEEN"),
	       _("LAST PUSH"), _("LAST PULL"), _("SEQ"), _("OUTBOX"), _("STATE"));
}

void srv_list_device(const struct srv_device_line *d)
{
	char enrolled[32], seen[32], push[32], pull[32], outbox[24] = "-";
	if (d->outbox >= 0)
		snprintf(outbox, sizeof outbox, "%lld", (long long)d->outbox);
	printf("%-36s  ", d->id);
	hotel_cell(d->hotel);
	printf("%-20s  %-20s  %-20s  %-20s  %-20s  %8lld  %6s  %s\n", d->name, srv_utc(d->enrolled, enrolled),
	       srv_utc(d->seen, seen), srv_utc(d->push, push), srv_utc(d->pull, pull), (long long)d->seq,
	       outbox, d->revoked ? "REVOKED" : "active");
}

void srv_list_sessions_head(bool hotels)
{
	printf("%-16s  ", _("ID"));
	hotel_cell(hotels ? _("HOTEL") : NULL);
	printf("%-20s  %-20s  %-20s  %-20s  %-20s  %s\n", _("USER"), _("DEVICE"), _("SIGNED IN"),
	       _("LAST SEEN"), _("ENDS"), _("DEVICE ID"));
}

void srv_list_session(const struct srv_session_line *s)
{
	char created[32], seen[32], ends[32];
	printf("%-16s  ", s->id);
	hotel_cell(s->hotel);
	printf("%-20s  %-20s  %-20s  %-20s  %-20s  %s\n", s->user, s->device_name,
	       srv_utc(s->created, created), srv_utc(s->seen, seen), srv_utc(s->ends, ends), s->device_id);
}
