// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/guest.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"

const char *fd_booking_status_text(enum fd_booking_status s)
{
	switch (s) {
	case FD_BOOKING_RESERVED:
		return _("reserved");
	case FD_BOOKING_CHECKED_IN:
		return _("in house");
	case FD_BOOKING_CHECKED_OUT:
		return _("checked out");
	case FD_BOOKING_CANCELLED:
		return _("cancelled");
	case FD_BOOKING_NO_SHOW:
		return _("no-show");
	}
	return "?";
}

const char *fd_clean_text(enum fd_clean c)
{
	switch (c) {
	case FD_CLEAN_DIRTY:
		return _("dirty");
	case FD_CLEAN_PICKUP:
		return _("pickup");
	case FD_CLEAN_CLEAN:
		return _("clean");
	case FD_CLEAN_INSPECTED:
		return _("inspected");
	}
	return "?";
}

static const char *const channel_names[FD_CHANNEL_COUNT] = {"walk-in", "phone",   "email", "web",
                                                            "ota",     "company", "group"};

const char *fd_channel_name(enum fd_channel c)
{
	return (int)c >= 0 && c < FD_CHANNEL_COUNT ? channel_names[c] : "";
}

bool fd_channel_parse(const char *s, enum fd_channel *out)
{
	for (int i = 0; i < FD_CHANNEL_COUNT; i++)
		if (s && strcmp(s, channel_names[i]) == 0) {
			*out = (enum fd_channel)i;
			return true;
		}
	return false;
}

bool fd_channel_from_text(const char *s, enum fd_channel *out)
{
	static const struct {
		const char *text;
		enum fd_channel c;
	} aliases[] = {
	    {"walk-in", FD_CHANNEL_WALK_IN},
	    {"walk in", FD_CHANNEL_WALK_IN},
	    {"walkin", FD_CHANNEL_WALK_IN},
	    {"phone", FD_CHANNEL_PHONE},
	    {"telephone", FD_CHANNEL_PHONE},
	    {"email", FD_CHANNEL_EMAIL},
	    {"e-mail", FD_CHANNEL_EMAIL},
	    {"mail", FD_CHANNEL_EMAIL},
	    {"web", FD_CHANNEL_WEB},
	    {"website", FD_CHANNEL_WEB},
	    {"internet", FD_CHANNEL_WEB},
	    {"online", FD_CHANNEL_WEB},
	    /* "Direct" (hotel datasets, the demo): booked with the hotel itself,
	     * today mostly on its own website. */
	    {"direct", FD_CHANNEL_WEB},
	    {"ota", FD_CHANNEL_OTA},
	    {"online ta", FD_CHANNEL_OTA},
	    {"booking.com", FD_CHANNEL_OTA},
	    {"expedia", FD_CHANNEL_OTA},
	    {"airbnb", FD_CHANNEL_OTA},
	    {"company", FD_CHANNEL_COMPANY},
	    {"corporate", FD_CHANNEL_COMPANY},
	    {"aviation", FD_CHANNEL_COMPANY},
	    /* A travel agent or tour operator books on an account, as a company. */
	    {"offline ta/to", FD_CHANNEL_COMPANY},
	    {"ta/to", FD_CHANNEL_COMPANY},
	    {"agent", FD_CHANNEL_COMPANY},
	    {"group", FD_CHANNEL_GROUP},
	    {"groups", FD_CHANNEL_GROUP},
	};
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcasecmp(s, aliases[i].text) == 0) {
			*out = aliases[i].c;
			return true;
		}
	return false;
}

const char *fd_channel_text(enum fd_channel c)
{
	switch (c) {
	case FD_CHANNEL_WALK_IN:
		return _("walk-in");
	case FD_CHANNEL_PHONE:
		return _("phone");
	case FD_CHANNEL_EMAIL:
		return _("e-mail");
	case FD_CHANNEL_WEB:
		return _("web");
	case FD_CHANNEL_OTA:
		return _("OTA");
	case FD_CHANNEL_COMPANY:
		return _("company");
	case FD_CHANNEL_GROUP:
		return _("group");
	case FD_CHANNEL_COUNT:
		break;
	}
	return "?";
}

const char *fd_source_text(const char *source)
{
	enum fd_channel c;
	return fd_channel_parse(source, &c) ? fd_channel_text(c) : source;
}

enum fd_channel fd_channel_default(fd_date arrival, fd_date business_date)
{
	return arrival == business_date ? FD_CHANNEL_WALK_IN : FD_CHANNEL_PHONE;
}

void fd_guest_name_join(const char *family, const char *given, char *out, size_t size)
{
	if (given[0])
		snprintf(out, size, "%s, %s", family, given);
	else
		snprintf(out, size, "%s", family);
}

void fd_guest_display_name(const struct fd_guest *g, char *out, size_t size)
{
	fd_guest_name_join(g->family, g->given, out, size);
}

const char *fd_guest_name_split(const char *name, size_t *family_len)
{
	const char *comma = strchr(name, ',');
	*family_len = comma ? (size_t)(comma - name) : strlen(name);
	if (!comma)
		return NULL;
	const char *given = comma + 1;
	while (*given == ' ')
		given++;
	return given;
}

void fd_guest_carry_over(struct fd_guest *g, const struct fd_guest *known)
{
	g->vip = g->vip || known->vip;
	if (!g->preferences[0])
		snprintf(g->preferences, sizeof g->preferences, "%s", known->preferences);
	if (!g->language[0])
		snprintf(g->language, sizeof g->language, "%s", known->language);
}
