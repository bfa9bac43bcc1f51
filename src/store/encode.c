// SPDX-License-Identifier: GPL-3.0-or-later
/* One JSON encoder per entity (encode.h). */
#include "config.h"

#include "store/encode.h"

cJSON *fd_booking_json(const struct fd_booking_row *row, const char *currency)
{
	const struct fd_booking *b = &row->b;
	char d[FD_DATE_STRLEN];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", b->id);
	cJSON_AddStringToObject(o, "code", b->code);
	cJSON_AddStringToObject(o, "guest_id", b->guest_id);
	cJSON_AddStringToObject(o, "guest", row->guest_name);
	cJSON_AddStringToObject(o, "type", b->type_code);
	if (b->room[0])
		cJSON_AddStringToObject(o, "room", b->room);
	else
		cJSON_AddNullToObject(o, "room");
	cJSON_AddStringToObject(o, "arrival", fd_date_format(b->arrival, d));
	cJSON_AddStringToObject(o, "departure", fd_date_format(b->departure, d));
	cJSON_AddNumberToObject(o, "nights",
	                        fd_booking_day_use(b) ? 0 : fd_stay_nights(b->arrival, b->departure));
	cJSON_AddNumberToObject(o, "adults", b->adults);
	cJSON_AddNumberToObject(o, "children", b->children);
	cJSON_AddNumberToObject(o, "rate", (double)b->rate);
	if (currency && currency[0])
		cJSON_AddStringToObject(o, "currency", currency);
	cJSON_AddStringToObject(o, "status", fd_booking_status_name(b->status));
	cJSON_AddStringToObject(o, "source", b->source);
	cJSON_AddStringToObject(o, "notes", b->notes);
	cJSON_AddStringToObject(o, "eta", b->eta);
	cJSON_AddBoolToObject(o, "vip", row->vip);
	/* Who pays: the desk's booking screen shows it, and an API client
	 * billing a company needs it as much. */
	if (b->company_id[0])
		cJSON_AddStringToObject(o, "company_id", b->company_id);
	else
		cJSON_AddNullToObject(o, "company_id");
	cJSON_AddNumberToObject(o, "version", (double)b->version);
	return o;
}

cJSON *fd_room_json(const struct fd_room_row *row)
{
	const struct fd_room *r = &row->r;
	char d[FD_DATE_STRLEN];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "number", r->number);
	cJSON_AddStringToObject(o, "type", r->type_code);
	cJSON_AddNumberToObject(o, "floor", r->floor);
	cJSON_AddStringToObject(o, "section", r->section);
	cJSON_AddStringToObject(o, "clean", fd_clean_name(r->clean));
	cJSON_AddStringToObject(o, "maintenance", fd_maint_name(r->maint));
	if (r->maint != FD_MAINT_NONE) {
		cJSON_AddStringToObject(o, "maintenance_reason", r->maint_reason);
		cJSON_AddStringToObject(o, "maintenance_from", fd_date_format(r->maint_from, d));
		cJSON_AddStringToObject(o, "maintenance_to", fd_date_format(r->maint_to, d));
	}
	cJSON_AddStringToObject(o, "status", row->hk_code);
	cJSON_AddBoolToObject(o, "dnd", r->dnd);
	cJSON_AddBoolToObject(o, "mur", r->mur);
	cJSON_AddBoolToObject(o, "occupied", row->occupant_code[0] != '\0');
	if (row->occupant_code[0])
		cJSON_AddStringToObject(o, "occupant", row->occupant_code);
	cJSON_AddBoolToObject(o, "due_out", row->due_out);
	cJSON_AddBoolToObject(o, "arrival_today", row->arrival_today);
	cJSON_AddNumberToObject(o, "version", (double)r->version);
	return o;
}

cJSON *fd_room_type_json(const struct fd_room_type *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "code", t->code);
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddNumberToObject(o, "max_occupancy", t->max_occupancy);
	cJSON_AddNumberToObject(o, "base_rate", (double)t->base_rate);
	cJSON_AddNumberToObject(o, "rank", t->rank);
	return o;
}

static void add_date(cJSON *o, const char *key, fd_date d)
{
	char buf[FD_DATE_STRLEN];
	if (d)
		cJSON_AddStringToObject(o, key, fd_date_format(d, buf));
	else
		cJSON_AddNullToObject(o, key);
}

cJSON *fd_guest_json(const struct fd_guest *g, const struct fd_guest_row *row)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "family", g->family);
	cJSON_AddStringToObject(o, "given", g->given);
	cJSON_AddStringToObject(o, "email", g->email);
	cJSON_AddStringToObject(o, "phone", g->phone);
	cJSON_AddStringToObject(o, "country", g->country);
	cJSON_AddStringToObject(o, "nationality", g->nationality);
	add_date(o, "birth_date", g->birth_date);
	cJSON_AddStringToObject(o, "address", g->address);
	cJSON *doc = cJSON_AddObjectToObject(o, "document");
	cJSON_AddStringToObject(doc, "type", g->doc_type);
	cJSON_AddStringToObject(doc, "number", g->document);
	cJSON_AddStringToObject(doc, "country", g->doc_country);
	add_date(doc, "expiry", g->doc_expiry);
	cJSON_AddStringToObject(o, "preferences", g->preferences);
	cJSON_AddStringToObject(o, "notes", g->notes);
	cJSON_AddBoolToObject(o, "vip", g->vip);
	cJSON_AddBoolToObject(o, "erased", g->erased);
	if (g->merged_into[0])
		cJSON_AddStringToObject(o, "merged_into", g->merged_into);
	else
		cJSON_AddNullToObject(o, "merged_into");
	if (row) {
		add_date(o, "last_stay", row->last_stay);
		cJSON_AddNumberToObject(o, "stays", row->stays);
	}
	cJSON_AddNumberToObject(o, "version", (double)g->version);
	return o;
}
