// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "ui/fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/op.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"

#define BATCH 200

struct batch {
	struct fd_db *db;
	struct fd_op ops[BATCH];
	int n;
	struct fd_error *err;
	enum fd_status st;
};

static cJSON *next_op(struct batch *b, const char *type);

static enum fd_status flush(struct batch *b)
{
	if (b->n == 0 || b->st)
		return b->st;
	int failed;
	b->st = fd_store_apply(b->db, b->ops, b->n, FD_APPLY_TRUSTED, NULL, &failed, b->err);
	for (int i = 0; i < b->n; i++)
		fd_op_clear(&b->ops[i]);
	b->n = 0;
	return b->st;
}

static cJSON *next_op(struct batch *b, const char *type)
{
	if (b->n == BATCH)
		flush(b);
	struct fd_op *op = &b->ops[b->n++];
	fd_op_init(op);
	fd_op_prepare(op, type, "demo", "local");
	op->payload = cJSON_CreateObject();
	return op->payload;
}

static void set_date(struct batch *b, fd_date d)
{
	char day[FD_DATE_STRLEN];
	cJSON *p = next_op(b, "property.update");
	cJSON_AddStringToObject(p, "business_date", fd_date_format(d, day));
}

static const char *const families[] = {
    "Martin", "Müller",  "García",    "Rossi", "Dubois",       "Nowak",  "Silva",
    "Jensen", "O'Brien", "Kowalski",  "山田",  "김",           "Ñúñez",  "Åström",
    "כהן",    "Smith",   "Øvergaard", "Zoë 🌴", "Papadopoulos", "Nguyễn",
};
static const char *const givens[] = {
    "Anna", "Jürgen", "Lucía", "Marco", "Élodie", "Piotr", "João",  "Mette", "Siobhán", "Ewa",
    "太郎", "민준",   "José",  "Åsa",   "נועה",   "John",  "Søren", "Zoë",   "Eleni",   "Thảo",
};

struct dirty_rooms {
	char rooms[BATCH][16];
	int n;
};

static bool add_dirty(void *ctx, const struct fd_room_row *row)
{
	struct dirty_rooms *d = ctx;
	if (row->r.clean == FD_CLEAN_DIRTY)
		snprintf(d->rooms[d->n++], sizeof d->rooms[0], "%s", row->r.number);
	return d->n < BATCH;
}

/* Housekeeping cleans the day's departures overnight. */
static void clean_dirty_rooms(struct batch *b)
{
	struct fd_error err;
	struct dirty_rooms d = {.n = 0};
	if (fd_query_rooms(b->db, 0, add_dirty, &d, &err))
		return;
	for (int i = 0; i < d.n; i++) {
		cJSON *p = next_op(b, "room.set_clean");
		cJSON_AddStringToObject(p, "room", d.rooms[i]);
		cJSON_AddStringToObject(p, "status", "clean");
	}
	flush(b);
}

struct stay {
	char id[FD_ID_LEN];
	fd_date arrival, departure;
};

enum fd_status ui_fixture_build(struct fd_db *db, fd_date today, int rooms, struct fd_error *err)
{
	struct batch *b = calloc(1, sizeof *b);
	if (!b)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	b->db = db;
	b->err = err;
	fd_date start = today - 3;
	char id[FD_ID_LEN], day[FD_DATE_STRLEN], code[FD_CODE_LEN], number[16];
	cJSON *p = next_op(b, "property.update");
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "name", "Hotel Demo");
	cJSON_AddStringToObject(p, "currency", "EUR");
	cJSON_AddStringToObject(p, "timezone", "Europe/Berlin");
	cJSON_AddStringToObject(p, "business_date", fd_date_format(start, day));
	static const struct {
		const char *code, *name;
		int max, rate, rank;
	} types[] = {
	    {"STD", "Standard", 2, 9000, 0}, {"DBL", "Double", 3, 12000, 1}, {"STE", "Suite", 4, 25000, 2}};
	for (size_t i = 0; i < 3; i++) {
		p = next_op(b, "room_type.create");
		cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(p, "code", types[i].code);
		cJSON_AddStringToObject(p, "name", types[i].name);
		cJSON_AddNumberToObject(p, "max_occupancy", types[i].max);
		cJSON_AddNumberToObject(p, "base_rate", types[i].rate);
		cJSON_AddNumberToObject(p, "rank", types[i].rank);
	}
	int per_floor = rooms > 200 ? 50 : 10;
	for (int i = 0; i < rooms; i++) {
		p = next_op(b, "room.create");
		snprintf(number, sizeof number, "%d", (i / per_floor + 1) * 100 + i % per_floor + 1);
		cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(p, "number", number);
		cJSON_AddStringToObject(p, "type", types[i % 7 == 6 ? 2 : i % 3 == 2 ? 1 : 0].code);
		cJSON_AddNumberToObject(p, "floor", i / per_floor + 1);
		cJSON_AddStringToObject(p, "section", i % per_floor < per_floor / 2 ? "A" : "B");
	}
	/* Stays per room, leaving every fourth room free today. */
	int cap = rooms * 12 + 1, n_stays = 0;
	struct stay *stays = calloc((size_t)cap, sizeof *stays);
	if (!stays) {
		free(b);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "out of memory");
	}
	for (int i = 0; i < rooms && !b->st; i++) {
		snprintf(number, sizeof number, "%d", (i / per_floor + 1) * 100 + i % per_floor + 1);
		fd_date d = start + (i % 4 == 3 ? 4 : i % 3);
		for (int k = 0; d < today + 40 && n_stays < cap; k++) {
			int nights = 1 + (i * 3 + k) % 5;
			struct stay *s = &stays[n_stays++];
			s->arrival = d;
			s->departure = d + nights;
			char gid[FD_ID_LEN];
			int name = (i * 7 + k * 3) % 20;
			p = next_op(b, "guest.create");
			cJSON_AddStringToObject(p, "id", fd_uuid_new(gid));
			cJSON_AddStringToObject(p, "family", families[name]);
			cJSON_AddStringToObject(p, "given", givens[(name + k) % 20]);
			p = next_op(b, "booking.create");
			cJSON_AddStringToObject(p, "id", fd_uuid_new(s->id));
			cJSON_AddStringToObject(p, "code", fd_booking_code_new(code));
			cJSON_AddStringToObject(p, "guest_id", gid);
			cJSON_AddStringToObject(p, "type", types[i % 7 == 6 ? 2 : i % 3 == 2 ? 1 : 0].code);
			cJSON_AddStringToObject(p, "arrival", fd_date_format(s->arrival, day));
			cJSON_AddStringToObject(p, "departure", fd_date_format(s->departure, day));
			cJSON_AddNumberToObject(p, "adults", 1 + k % 2);
			cJSON_AddStringToObject(p, "source", "phone");
			p = next_op(b, "booking.assign_room");
			cJSON_AddStringToObject(p, "booking", s->id);
			cJSON_AddStringToObject(p, "room", number);
			d = s->departure + (k + i) % 3;
		}
	}
	/* Walk the days up to today: departures leave (rooms turn dirty and
	 * are cleaned), arrivals check in. */
	for (fd_date d = start; d <= today && !b->st; d++) {
		if (d > start)
			set_date(b, d);
		for (int i = 0; i < n_stays; i++) {
			if (stays[i].departure == d && stays[i].arrival < d && d < today) {
				p = next_op(b, "booking.check_out");
				cJSON_AddStringToObject(p, "booking", stays[i].id);
			}
		}
		flush(b);
		if (d < today)
			clean_dirty_rooms(b);
		for (int i = 0; i < n_stays && !b->st; i++) {
			if (stays[i].arrival != d || (d == today && i % 2))
				continue;
			p = next_op(b, "booking.check_in");
			cJSON_AddStringToObject(p, "booking", stays[i].id);
			if (d == today) {
				/* Today some rooms are still dirty from a departure:
				 * those guests simply wait. */
				flush(b);
				b->st = FD_OK;
			}
		}
		flush(b);
	}
	flush(b);
	free(stays);
	enum fd_status st = b->st;
	free(b);
	return st;
}
