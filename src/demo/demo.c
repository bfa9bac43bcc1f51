// SPDX-License-Identifier: GPL-3.0-or-later
/* The demo hotel. It is built in two steps:
 *
 *  1. A plan, made in memory from a small seeded PRNG: rooms, a room-night
 *     grid filled to a believable occupancy, and for each stay the day it
 *     was booked, assigned, checked in and out (or cancelled, or a no-show).
 *  2. A day-by-day replay of that plan as operations, from days_back before
 *     today to today, moving the business date forward with property.update,
 *     so every state is reached through the real rules (rooms cleaned before
 *     check-in, dirty after check-out, out-of-order rooms never sold).
 *
 * All operations go through fd_store_apply in one transaction: the demo
 * appears whole or not at all. Ids, booking codes and op ids come from the
 * same PRNG, so a seed always gives the same hotel. */
#include "config.h"
#include "demo/demo.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/op.h"
#include "demo/names.h"
#include "core/op_folio.h"
#include "store/oplog.h"

#define FLOORS 4
#define CAP_PCT 92    /* never plan a night fuller than this */
#define SURE_AHEAD 14 /* stays arriving this soon are all booked already */

/* --- a small deterministic PRNG (splitmix64) --- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int rng_range(struct rng *r, int lo, int hi)
{
	if (hi < lo)
		return lo; /* an empty range (never in the demo's own tables) */
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static bool rng_chance(struct rng *r, int percent)
{
	return rng_range(r, 0, 99) < percent;
}

static int rng_weighted(struct rng *r, const int *weights, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += weights[i];
	int x = rng_range(r, 0, total - 1);
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

static void rng_uuid(struct rng *r, char out[FD_ID_LEN])
{
	unsigned char b[16];
	uint64_t a = rng_next(r), c = rng_next(r);
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(a >> (8 * i));
		b[8 + i] = (unsigned char)(c >> (8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, FD_ID_LEN, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
	         b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
	         b[15]);
}

static void rng_code(struct rng *r, char out[FD_CODE_LEN])
{
	static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	for (int i = 0; i < FD_CODE_LEN - 1; i++)
		out[i] = alphabet[rng_range(r, 0, (int)sizeof alphabet - 2)];
	out[FD_CODE_LEN - 1] = '\0';
}

/* --- the hotel's fixed parts --- */

static const struct demo_type {
	const char *code, *name;
	int max_occupancy;
	int64_t base_rate; /* EUR cents */
	int rank;
} types[] = {
    {"SGL", "Single", 1, 8900, 10},        {"DBL", "Double", 2, 12900, 20},
    {"TWN", "Twin", 2, 12900, 20},         {"SUP", "Superior Double, river view", 3, 17900, 30},
    {"STE", "Junior Suite", 4, 29500, 40},
};
#define N_TYPES ((int)(sizeof types / sizeof *types))
static const int type_weights[N_TYPES] = {12, 40, 25, 15, 8}; /* share of demand */

/* Room types along a corridor of 15 (indices into types[]). */
static const int floor_pattern[] = {0, 1, 1, 2, 1, 2, 1, 0, 2, 1, 2, 1, 3, 3, 4};
#define PATTERN_LEN ((int)(sizeof floor_pattern / sizeof *floor_pattern))

static const struct demo_staff {
	const char *user, *name, *role, *dept, *section;
} staff[] = {
    {"rita.carvalho", "Rita Carvalho", "admin", "management", ""},
    {"miguel.sousa", "Miguel Sousa", "manager", "management", ""},
    {"catarina.lopes", "Catarina Lopes", "manager", "front_office", ""},
    {"helena.pinto", "Helena Pinto", "manager", "housekeeping", ""},
    {"rui.matos", "Rui Matos", "manager", "maintenance", ""},
    {"ana.silva", "Ana Silva", "staff", "front_office", ""},
    {"tiago.costa", "Tiago Costa", "staff", "front_office", ""},
    {"sofia.almeida", "Sofia Almeida", "staff", "front_office", ""},
    {"bruno.moreira", "Bruno Moreira", "staff", "front_office", ""},
    {"maria.fernandes", "Maria Fernandes", "staff", "housekeeping", "A"},
    {"lucia.rocha", "Lúcia Rocha", "staff", "housekeeping", "B"},
    {"joana.marques", "Joana Marques", "staff", "housekeeping", "C"},
    {"fatima.dias", "Fátima Dias", "staff", "housekeeping", "D"},
    {"jorge.teixeira", "Jorge Teixeira", "staff", "maintenance", ""},
    {"paulo.reis", "Paulo Reis", "staff", "maintenance", ""},
};
#define N_STAFF ((int)(sizeof staff / sizeof *staff))
#define AUDIT_MANAGER "catarina.lopes" /* runs the night audit */
#define HK_MANAGER "helena.pinto"
#define ENGINEER "rui.matos"
static const char *const front_office[] = {"ana.silva", "tiago.costa", "sofia.almeida", "catarina.lopes"};

static const char *const sources[] = {"booking.com", "expedia", "direct", "phone", "corporate", "email"};
static const int source_weights[] = {35, 12, 20, 10, 8, 8};
static const int source_rate_pm[] = {1050, 1040, 1000, 980, 850, 1000}; /* per mille of base */

static const char *const booking_notes[] = {
    "Late arrival, flight TP1351 lands 22:40",
    "Vegetarian breakfast",
    "Quiet room away from the lift, please",
    "Wedding anniversary: chilled bottle of Vinho Verde on arrival",
    "Baby cot needed",
    "Early check-in requested if possible",
    "Airport transfer booked for departure 06:00",
    "Gluten-free breakfast",
    "Invoice to company: Atlântico Consulting, Lda.",
    "Connecting rooms with the family booking",
    "Allergic to feathers: synthetic pillows",
    "Birthday on the second night",
};
#define N_NOTES ((int)(sizeof booking_notes / sizeof *booking_notes))

static const char *const guest_notes[] = {
    "Returning guest, likes a high floor",
    "Prefers a room facing the river",
    "Travels with a small dog",
    "Speaks little English; Portuguese or Spanish preferred",
};
#define N_GUEST_NOTES ((int)(sizeof guest_notes / sizeof *guest_notes))

/* --- the plan --- */

enum plan_state { PS_PLANNED, PS_RESERVED, PS_IN, PS_OUT, PS_CANCELLED, PS_NO_SHOW };

struct plan_room {
	char number[FD_ROOMNO_LEN];
	char id[FD_ID_LEN];
	int type;
	int floor;
	char section[4];
	enum fd_clean clean; /* tracked while replaying */
	int occupant;        /* booking in house, or -1 */
	bool touched_today;  /* vacated or checked into on the last day */
};

struct plan_booking {
	int room, type, guest;
	fd_date arrival, departure, booked_on, assign_on, cancel_on; /* 0: never */
	bool materialized, noshow, checkin_today, checkout_today, assigned;
	int adults, children, source, note;
	int64_t rate;
	int64_t owed; /* the guest folio's balance while replaying */
	char eta[6];
	char id[FD_ID_LEN], code[FD_CODE_LEN];
	enum plan_state st;
};

struct plan_guest {
	int culture, family, given;
	bool created, vip;
	int note; /* -1: none */
	char id[FD_ID_LEN];
};

struct maint_plan {
	int room;
	const char *state, *reason;
	fd_date from, to, set_on;
};

struct demo {
	struct rng rng, ids,
	    till; /* till: the folios' choices, so they leave the rest of the plan as it was */
	const struct demo_culture *cultures;
	int n_cultures;
	fd_date start, today, end; /* nights start <= d < end */
	int nights;
	struct plan_room *rooms;
	int n_rooms;
	int *grid; /* [room * nights + night]: -1 free, -2 blocked, else a booking */
	int *occ, *sell, *want;
	struct plan_booking *b;
	int n_b, cap_b;
	struct plan_guest *g;
	int n_g, cap_g;
	struct maint_plan maint[3];
	int n_maint;
	struct fd_op *ops;
	int n_ops, cap_ops;
	bool oom;
};

static int *cell(struct demo *d, int room, fd_date night)
{
	return &d->grid[room * d->nights + (night - d->start)];
}

static void *grow(void *p, int *cap, int need, size_t size, bool *oom)
{
	if (need <= *cap)
		return p;
	int n = *cap ? *cap * 2 : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(p, (size_t)n * size);
	if (!q) {
		*oom = true;
		return p;
	}
	*cap = n;
	return q;
}

/* --- rooms and maintenance --- */

static bool plan_rooms(struct demo *d, int n_rooms)
{
	int per_floor = (n_rooms + FLOORS - 1) / FLOORS;
	d->rooms = calloc((size_t)n_rooms, sizeof *d->rooms);
	if (!d->rooms)
		return false;
	for (int i = 0; i < n_rooms; i++) {
		struct plan_room *r = &d->rooms[i];
		int floor = i / per_floor + 1, k = i % per_floor;
		r->floor = floor;
		snprintf(r->number, sizeof r->number, "%d%02d", floor, k + 1);
		r->type = floor_pattern[k % PATTERN_LEN];
		/* Suites on the top floor, singles on the first: as hotels are built. */
		if (floor == FLOORS && r->type == 3 && k % 2)
			r->type = 4;
		snprintf(r->section, sizeof r->section, "%c", 'A' + (floor - 1) % 4);
		r->clean = FD_CLEAN_CLEAN;
		r->occupant = -1;
		rng_uuid(&d->ids, r->id);
	}
	d->n_rooms = n_rooms;
	return true;
}

static int pick_room(struct demo *d, int floor, int type, int not1, int not2)
{
	int start = rng_range(&d->rng, 0, d->n_rooms - 1);
	for (int pass = 0; pass < 2; pass++)
		for (int j = 0; j < d->n_rooms; j++) {
			int i = (start + j) % d->n_rooms;
			if (i == not1 || i == not2)
				continue;
			if (pass == 1 || (d->rooms[i].floor == floor && d->rooms[i].type == type))
				return i;
		}
	return 0;
}

static void plan_maintenance(struct demo *d)
{
	fd_date t = d->today;
	int a = pick_room(d, 2, 1, -1, -1);
	int b = pick_room(d, FLOORS, 2, a, -1);
	int c = pick_room(d, 3, 0, a, b);
	d->maint[0] = (struct maint_plan){
	    a, "ooo", "Water leak behind the bathroom wall; plumber on site", t - 3, t + 4, t - 3};
	d->maint[1] = (struct maint_plan){b, "ooo", "Air-conditioning unit being replaced", t, t + 9, t - 1};
	d->maint[2] =
	    (struct maint_plan){c, "oos", "TV and minibar not working; parts ordered", t - 1, t + 2, t - 1};
	d->n_maint = 3;
	for (int m = 0; m < d->n_maint; m++) {
		struct maint_plan *mp = &d->maint[m];
		if (mp->from < d->start)
			mp->from = d->start;
		if (mp->set_on < d->start)
			mp->set_on = d->start;
		if (mp->set_on > mp->from)
			mp->set_on = mp->from;
		/* Nobody is planned into these rooms on these nights (an
		 * out-of-service room is sellable, but a demo guest should not
		 * be refused at check-in for it). */
		for (fd_date n = mp->from; n < mp->to && n < d->end; n++)
			*cell(d, mp->room, n) = -2;
	}
}

/* --- stays --- */

static int draw_los(struct rng *r)
{
	static const int w[] = {3, 7, 10, 12, 11, 10, 14, 7, 6, 6, 3, 3, 2, 2, 4}; /* 1..15 nights */
	int n = rng_weighted(r, w, (int)(sizeof w / sizeof *w)) + 1;
	return n == 15 ? rng_range(r, 15, 21) : n;
}

static int draw_lead(struct rng *r)
{
	int x = rng_range(r, 0, 99);
	if (x < 4)
		return 0; /* walk-in */
	if (x < 20)
		return rng_range(r, 1, 3);
	if (x < 50)
		return rng_range(r, 4, 14);
	if (x < 85)
		return rng_range(r, 15, 45);
	return rng_range(r, 46, 120);
}

static int night_target(struct demo *d, fd_date night, int sellable)
{
	int wd = fd_date_weekday(night), pct = 77;
	if (wd == 4 || wd == 5)
		pct += 9; /* Friday and Saturday nights */
	else if (wd == 6)
		pct -= 8;
	pct += rng_range(&d->rng, -5, 5);
	pct = pct < 66 ? 66 : pct > 90 ? 90 : pct;
	return sellable * pct / 100;
}

/* How many nights from `from` (up to want) room r is free in a row. */
static int free_run(struct demo *d, int r, fd_date from, int want)
{
	int k = 0;
	while (k < want && from + k < d->end && *cell(d, r, from + k) == -1)
		k++;
	return k;
}

static int add_booking(struct demo *d, int room, fd_date arrival, int nights)
{
	d->b = grow(d->b, &d->cap_b, d->n_b + 1, sizeof *d->b, &d->oom);
	if (d->oom)
		return -1;
	int i = d->n_b++;
	struct plan_booking *b = &d->b[i];
	memset(b, 0, sizeof *b);
	b->room = room;
	b->type = d->rooms[room].type;
	b->arrival = arrival;
	b->departure = arrival + nights;
	b->guest = -1;
	b->note = -1;
	for (fd_date n = arrival; n < b->departure; n++) {
		*cell(d, room, n) = i;
		d->occ[n - d->start]++;
	}
	return i;
}

/* Find a room for a stay of up to *nights from night n, preferring type;
 * shortens *nights to what fits. -1 when nothing is free. */
static int find_room(struct demo *d, int type, fd_date n, int *nights)
{
	int start = rng_range(&d->rng, 0, d->n_rooms - 1);
	int best = -1, best_run = 0;
	for (int pass = 0; pass < 2 && best_run < *nights; pass++)
		for (int j = 0; j < d->n_rooms; j++) {
			int r = (start + j) % d->n_rooms;
			if (pass == 0 && d->rooms[r].type != type)
				continue;
			int run = free_run(d, r, n, *nights);
			if (run > best_run) {
				best = r;
				best_run = run;
				if (run == *nights)
					break;
			}
		}
	*nights = best_run;
	return best;
}

static void plan_stays(struct demo *d)
{
	for (int i = 0; i < d->nights; i++) {
		fd_date n = d->start + i;
		int cap = d->sell[i] * CAP_PCT / 100;
		for (int tries = 0; d->occ[i] < d->want[i] && tries < 200 && !d->oom; tries++) {
			int nights = draw_los(&d->rng);
			for (int k = 0; k < nights; k++)
				if (n + k >= d->end || d->occ[i + k] + 1 > cap) {
					nights = k;
					break;
				}
			if (nights < 1)
				break;
			int room = find_room(d, rng_weighted(&d->rng, type_weights, N_TYPES), n, &nights);
			if (room < 0)
				break;
			add_booking(d, room, n, nights);
		}
	}
}

static void plan_booked_on(struct demo *d, struct plan_booking *b)
{
	int lead = draw_lead(&d->rng);
	b->source = lead == 0 ? -1
	                      : rng_weighted(&d->rng, source_weights,
	                                     (int)(sizeof source_weights / sizeof *source_weights));
	b->booked_on = b->arrival - lead;
	if (b->booked_on < d->start)
		b->booked_on = d->start;
	if (b->booked_on > d->today && b->arrival <= d->today + SURE_AHEAD) {
		b->booked_on = d->today - rng_range(&d->rng, 0, 5);
		if (b->booked_on < d->start)
			b->booked_on = d->start;
	}
	b->materialized = b->booked_on <= d->today;
}

/* Cancellations and no-shows go into rooms left free, so they never take
 * a night from a stay that happens. */
static void plan_extras(struct demo *d, int n_main)
{
	int booked = 0;
	for (int i = 0; i < n_main; i++)
		booked += d->b[i].materialized;
	int n_cancel = booked * 5 / 100, n_noshow = (d->today - d->start) / 6;
	for (int k = 0, tries = 0; k < n_cancel + n_noshow && tries < 2000 && !d->oom; tries++) {
		bool noshow = k >= n_cancel;
		fd_date last = noshow ? d->today - 1 : d->end - 1;
		if (last < d->start)
			break;
		fd_date arrival = d->start + rng_range(&d->rng, 0, last - d->start);
		int nights = draw_los(&d->rng);
		int room = find_room(d, rng_weighted(&d->rng, type_weights, N_TYPES), arrival, &nights);
		if (room < 0 || nights < 1)
			continue;
		struct plan_booking probe = {.arrival = arrival};
		plan_booked_on(d, &probe);
		if (!probe.materialized || probe.source < 0)
			continue;
		int i = add_booking(d, room, arrival, nights);
		if (i < 0)
			return;
		struct plan_booking *b = &d->b[i];
		b->booked_on = probe.booked_on;
		b->source = probe.source;
		b->materialized = true;
		b->noshow = noshow;
		if (!noshow) {
			fd_date last_cancel = arrival - 1 < d->today ? arrival - 1 : d->today;
			b->cancel_on = last_cancel >= b->booked_on
			                   ? b->booked_on + rng_range(&d->rng, 0, last_cancel - b->booked_on)
			                   : b->booked_on;
		}
		k++;
	}
}

/* The booking (planned in room r) that departs on day `day`, or -1. */
static int departing(struct demo *d, int r, fd_date day)
{
	if (day - 1 < d->start || day - 1 >= d->end)
		return -1;
	int i = *cell(d, r, day - 1);
	return i >= 0 && d->b[i].departure == day ? i : -1;
}

static void plan_today(struct demo *d)
{
	bool first = true;
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (b->materialized && !b->noshow && !b->cancel_on && b->departure == d->today &&
		    b->arrival < d->today) {
			b->checkout_today = !first && rng_chance(&d->rng, 45);
			first = false;
		}
	}
	first = true;
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (!b->materialized || b->noshow || b->cancel_on || b->arrival != d->today)
			continue;
		int before = departing(d, b->room, d->today);
		bool room_free = before < 0 || !d->b[before].materialized || d->b[before].checkout_today ||
		                 d->b[before].noshow || d->b[before].cancel_on;
		b->checkin_today = !first && room_free && rng_chance(&d->rng, 50);
		first = false;
	}
}

static fd_date clamp_date(fd_date x, fd_date lo)
{
	return x < lo ? lo : x;
}

static void plan_details(struct demo *d, struct plan_booking *b)
{
	struct rng *r = &d->rng;
	const struct demo_type *t = &types[b->type];
	/* assignment */
	if (b->cancel_on)
		b->assign_on = 0;
	else if (b->arrival < d->today)
		b->assign_on =
		    rng_chance(r, 80) ? clamp_date(b->arrival - rng_range(r, 0, 3), b->booked_on) : 0;
	else if (b->arrival == d->today)
		b->assign_on = rng_chance(r, b->checkin_today ? 50 : 60)
		                   ? clamp_date(b->arrival - rng_range(r, 0, 2), b->booked_on)
		                   : 0;
	else
		b->assign_on = rng_chance(r, 15) ? b->booked_on
		                                 : clamp_date(b->arrival - rng_range(r, 0, 2), b->booked_on);
	/* party */
	b->adults = t->max_occupancy == 1 ? 1 : rng_chance(r, 78) ? 2 : 1;
	b->children = 0;
	if (t->max_occupancy > 2 && b->adults == 2)
		b->children = rng_range(r, 0, t->max_occupancy - 2);
	/* price */
	int pm = b->source >= 0 ? source_rate_pm[b->source] : 1100;
	int wd = fd_date_weekday(b->arrival);
	if (wd == 4 || wd == 5)
		pm += 100;
	pm += rng_range(r, -50, 100);
	b->rate = (t->base_rate * pm / 1000 + 50) / 100 * 100;
	/* extras */
	b->note = rng_chance(r, 22) ? rng_range(r, 0, N_NOTES - 1) : -1;
	if (rng_chance(r, 35))
		snprintf(b->eta, sizeof b->eta, "%02d:%02d", rng_range(r, 12, 23), 15 * rng_range(r, 0, 3));
	rng_uuid(&d->ids, b->id);
}

static bool code_taken(struct demo *d, int upto, const char *code)
{
	for (int i = 0; i < upto; i++)
		if (strcmp(d->b[i].code, code) == 0)
			return true;
	return false;
}

/* --- guests --- */

static int new_guest(struct demo *d, int culture, int family, int given)
{
	d->g = grow(d->g, &d->cap_g, d->n_g + 1, sizeof *d->g, &d->oom);
	if (d->oom)
		return 0;
	struct plan_guest *g = &d->g[d->n_g];
	memset(g, 0, sizeof *g);
	const struct demo_culture *c = &d->cultures[culture];
	g->culture = culture;
	g->family = family >= 0 ? family : rng_range(&d->rng, 0, c->n_families - 1);
	g->given = given >= 0 ? given : rng_range(&d->rng, 0, c->n_givens - 1);
	g->vip = rng_chance(&d->rng, 4);
	g->note = rng_chance(&d->rng, 6) ? rng_range(&d->rng, 0, N_GUEST_NOTES - 1) : -1;
	rng_uuid(&d->ids, g->id);
	return d->n_g++;
}

/* The guest of a famous name (for the README's `find müller`). */
static int showcase_guest(struct demo *d, const char *country, const char *family, const char *given)
{
	for (int c = 0; c < d->n_cultures; c++) {
		const struct demo_culture *cu = &d->cultures[c];
		if (strcmp(cu->countries[0], country) != 0)
			continue;
		int f = 0, g = 0;
		for (int i = 0; i < cu->n_families; i++)
			if (strcmp(cu->families[i].native, family) == 0)
				f = i;
		for (int i = 0; i < cu->n_givens; i++)
			if (strcmp(cu->givens[i].native, given) == 0)
				g = i;
		int id = new_guest(d, c, f, g);
		if (!d->oom)
			d->g[id].vip = strcmp(country, "DE") == 0;
		return id;
	}
	return new_guest(d, 0, -1, -1);
}

static void plan_guests(struct demo *d)
{
	int weights[64], n = d->n_cultures < 64 ? d->n_cultures : 64;
	for (int c = 0; c < n; c++)
		weights[c] = d->cultures[c].weight;
	int made = 0;
	bool show_in = false, show_arr = false, show_dep = false;
	for (int i = 0; i < d->n_b && !d->oom; i++) {
		struct plan_booking *b = &d->b[i];
		if (!b->materialized)
			continue;
		if (!show_in && b->arrival < d->today && b->departure > d->today + 1 && !b->noshow &&
		    !b->cancel_on) {
			b->guest = showcase_guest(d, "DE", "Müller", "Jürgen");
			show_in = true;
		} else if (!show_arr && b->arrival == d->today && !b->checkin_today && !b->cancel_on) {
			b->guest = showcase_guest(d, "NO", "Ødegaard", "Ingrid");
			show_arr = true;
		} else if (!show_dep && b->departure == d->today && !b->checkout_today && !b->noshow &&
		           !b->cancel_on) {
			b->guest = showcase_guest(d, "ES", "García", "José");
			show_dep = true;
		} else if (made > n && rng_chance(&d->rng, 10)) {
			b->guest = rng_range(&d->rng, 0, d->n_g - 1); /* a returning guest */
		} else {
			/* Every culture (and so every script) at least once. */
			int c = made < n ? made : rng_weighted(&d->rng, weights, n);
			b->guest = new_guest(d, c, -1, -1);
			made++;
		}
	}
}

/* --- operations --- */

static cJSON *op_new(struct demo *d, const char *type, const char *actor, fd_date day, int minute)
{
	d->ops = grow(d->ops, &d->cap_ops, d->n_ops + 1, sizeof *d->ops, &d->oom);
	if (d->oom)
		return NULL;
	struct fd_op *op = &d->ops[d->n_ops++];
	fd_op_init(op);
	rng_uuid(&d->ids, op->op_id);
	snprintf(op->type, sizeof op->type, "%s", type);
	snprintf(op->actor, sizeof op->actor, "%s", actor);
	snprintf(op->device, sizeof op->device, "demo");
	/* Lisbon is UTC or UTC+1: close enough for a demo's audit times. */
	op->created_at = (int64_t)day * 86400 + (int64_t)minute * 60;
	op->payload = cJSON_CreateObject();
	if (!op->payload)
		d->oom = true;
	return op->payload;
}

static void put_date(cJSON *p, const char *key, fd_date day)
{
	char buf[FD_DATE_STRLEN];
	cJSON_AddStringToObject(p, key, fd_date_format(day, buf));
}

static const char *clerk(struct demo *d)
{
	return front_office[rng_range(&d->rng, 0, (int)(sizeof front_office / sizeof *front_office) - 1)];
}

static const char *attendant(const struct plan_room *r)
{
	for (int i = 0; i < N_STAFF; i++)
		if (strcmp(staff[i].dept, "housekeeping") == 0 && strcmp(staff[i].section, r->section) == 0)
			return staff[i].user;
	return HK_MANAGER;
}

static void op_set_clean(struct demo *d, int r, enum fd_clean status, const char *actor, fd_date day,
                         int minute, int occupied)
{
	cJSON *p = op_new(d, "room.set_clean", actor, day, minute);
	if (!p)
		return;
	cJSON_AddStringToObject(p, "room", d->rooms[r].number);
	cJSON_AddStringToObject(p, "status", fd_clean_name(status));
	if (occupied >= 0)
		cJSON_AddBoolToObject(p, "occupied", occupied);
	d->rooms[r].clean = status;
}

/* The company accounts corporate stays are billed to (direct billing
 * allowed, a credit limit that holds the demo's history). */
static const char *const companies[] = {"Lusitânia Seguros", "Atlântico Consultores", "Porto Tech"};

static void emit_companies(struct demo *d)
{
	static const char *const vat[] = {"PT500000001", "PT500000002", "PT500000003"};
	static const char *const address[] = {"Av. da Liberdade 1, Lisboa", "Rua Augusta 20, Lisboa",
	                                      "Rua de Santa Catarina 5, Porto"};
	char id[FD_ID_LEN];
	cJSON *p;
	for (int i = 0; i < 3 && (p = op_new(d, "company.create", AUDIT_MANAGER, d->start, 6 * 60 + 4));
	     i++) {
		rng_uuid(&d->ids, id);
		cJSON_AddStringToObject(p, "id", id);
		cJSON_AddStringToObject(p, "name", companies[i]);
		cJSON_AddStringToObject(p, "address", address[i]);
		cJSON_AddStringToObject(p, "vat", vat[i]);
		cJSON_AddStringToObject(p, "contact", "accounts payable");
		cJSON_AddNumberToObject(p, "credit_limit", 100000000.0); /* 1,000,000.00 */
		cJSON_AddBoolToObject(p, "direct_bill", true);
	}
}

static void emit_setup(struct demo *d)
{
	fd_date s = d->start;
	char id[FD_ID_LEN];
	cJSON *p = op_new(d, "property.update", staff[0].user, s, 6 * 60);
	if (!p)
		return;
	rng_uuid(&d->ids, id);
	cJSON_AddStringToObject(p, "id", id);
	cJSON_AddStringToObject(p, "name", "Hotel Miradouro");
	cJSON_AddStringToObject(p, "currency", "EUR");
	cJSON_AddStringToObject(p, "timezone", "Europe/Lisbon");
	put_date(p, "business_date", s);
	for (int i = 0; i < N_STAFF && (p = op_new(d, "staff.create", staff[0].user, s, 6 * 60 + 1)); i++) {
		rng_uuid(&d->ids, id);
		cJSON_AddStringToObject(p, "id", id);
		cJSON_AddStringToObject(p, "username", staff[i].user);
		cJSON_AddStringToObject(p, "display_name", staff[i].name);
		cJSON_AddStringToObject(p, "role", staff[i].role);
		cJSON_AddStringToObject(p, "department", staff[i].dept);
		if (staff[i].section[0])
			cJSON_AddStringToObject(p, "section", staff[i].section);
	}
	for (int t = 0; t < N_TYPES && (p = op_new(d, "room_type.create", staff[0].user, s, 6 * 60 + 2));
	     t++) {
		rng_uuid(&d->ids, id);
		cJSON_AddStringToObject(p, "id", id);
		cJSON_AddStringToObject(p, "code", types[t].code);
		cJSON_AddStringToObject(p, "name", types[t].name);
		cJSON_AddNumberToObject(p, "max_occupancy", types[t].max_occupancy);
		cJSON_AddNumberToObject(p, "base_rate", (double)types[t].base_rate);
		cJSON_AddNumberToObject(p, "rank", types[t].rank);
	}
	for (int r = 0; r < d->n_rooms && (p = op_new(d, "room.create", staff[0].user, s, 6 * 60 + 3)); r++) {
		cJSON_AddStringToObject(p, "id", d->rooms[r].id);
		cJSON_AddStringToObject(p, "number", d->rooms[r].number);
		cJSON_AddStringToObject(p, "type", types[d->rooms[r].type].code);
		cJSON_AddNumberToObject(p, "floor", d->rooms[r].floor);
		cJSON_AddStringToObject(p, "section", d->rooms[r].section);
	}
}

static void emit_guest(struct demo *d, struct plan_guest *g, const char *actor, fd_date day, int minute)
{
	const struct demo_culture *c = &d->cultures[g->culture];
	const struct demo_name *f = &c->families[g->family];
	const struct demo_given *gv = &c->givens[g->given];
	bool fem = gv->female && f->native_f;
	cJSON *p = op_new(d, "guest.create", actor, day, minute);
	if (!p)
		return;
	int nc = 0;
	while (nc < 4 && c->countries[nc])
		nc++;
	cJSON_AddStringToObject(p, "id", g->id);
	cJSON_AddStringToObject(p, "family", fem ? f->native_f : f->native);
	cJSON_AddStringToObject(p, "given", gv->native);
	cJSON_AddStringToObject(p, "country", c->countries[rng_range(&d->rng, 0, nc - 1)]);
	if (rng_chance(&d->rng, 80)) {
		static const char *const domains[] = {"example.com", "example.net", "example.org"};
		char email[FD_NAME_LEN];
		snprintf(email, sizeof email, "%s.%s@%s", gv->ascii, fem ? f->ascii_f : f->ascii,
		         domains[rng_range(&d->rng, 0, 2)]);
		cJSON_AddStringToObject(p, "email", email);
	}
	if (rng_chance(&d->rng, 60)) {
		char phone[40];
		snprintf(phone, sizeof phone, "+%s %03d %03d %03d", c->phone_cc, rng_range(&d->rng, 200, 999),
		         rng_range(&d->rng, 0, 999), rng_range(&d->rng, 0, 999));
		cJSON_AddStringToObject(p, "phone", phone);
	}
	if (g->note >= 0)
		cJSON_AddStringToObject(p, "notes", guest_notes[g->note]);
	if (g->vip)
		cJSON_AddBoolToObject(p, "vip", true);
	g->created = true;
}

static void emit_create(struct demo *d, struct plan_booking *b, fd_date day, int minute)
{
	const char *actor = clerk(d);
	struct plan_guest *g = &d->g[b->guest];
	if (!g->created)
		emit_guest(d, g, actor, day, minute);
	cJSON *p = op_new(d, "booking.create", actor, day, minute);
	if (!p)
		return;
	cJSON_AddStringToObject(p, "id", b->id);
	cJSON_AddStringToObject(p, "code", b->code);
	cJSON_AddStringToObject(p, "guest_id", g->id);
	cJSON_AddStringToObject(p, "type", types[b->type].code);
	put_date(p, "arrival", b->arrival);
	put_date(p, "departure", b->departure);
	cJSON_AddNumberToObject(p, "adults", b->adults);
	if (b->children)
		cJSON_AddNumberToObject(p, "children", b->children);
	cJSON_AddNumberToObject(p, "rate", (double)b->rate);
	/* The demo's sources are the names hotels' exports use; a booking
	 * carries its channel (core/guest.h). */
	enum fd_channel channel = FD_CHANNEL_WALK_IN;
	if (b->source >= 0)
		fd_channel_from_text(sources[b->source], &channel);
	cJSON_AddStringToObject(p, "source", fd_channel_name(channel));
	if (b->note >= 0)
		cJSON_AddStringToObject(p, "notes", booking_notes[b->note]);
	if (b->eta[0])
		cJSON_AddStringToObject(p, "eta", b->eta);
	b->st = PS_RESERVED;
}

static void emit_booking_op(struct demo *d, struct plan_booking *b, const char *type, const char *actor,
                            fd_date day, int minute, const char *room)
{
	cJSON *p = op_new(d, type, actor, day, minute);
	if (!p)
		return;
	cJSON_AddStringToObject(p, "booking", b->id);
	if (room)
		cJSON_AddStringToObject(p, "room", room);
}

static void emit_maintenance(struct demo *d, fd_date day)
{
	for (int m = 0; m < d->n_maint; m++) {
		struct maint_plan *mp = &d->maint[m];
		if (mp->set_on != day)
			continue;
		cJSON *p = op_new(d, "room.set_maintenance", ENGINEER, day, 8 * 60 + m);
		if (!p)
			return;
		cJSON_AddStringToObject(p, "room", d->rooms[mp->room].number);
		cJSON_AddStringToObject(p, "state", mp->state);
		put_date(p, "from", mp->from);
		put_date(p, "to", mp->to);
		cJSON_AddStringToObject(p, "reason", mp->reason);
	}
}

/* Check-in needs a clean room nobody is in; the plan guarantees it, and
 * a broken plan is reported rather than left to a confusing refusal. */
static bool emit_check_in(struct demo *d, int i, fd_date day, int minute)
{
	struct plan_booking *b = &d->b[i];
	struct plan_room *r = &d->rooms[b->room];
	if (r->occupant >= 0 || (r->clean != FD_CLEAN_CLEAN && r->clean != FD_CLEAN_INSPECTED))
		return false;
	emit_booking_op(d, b, "booking.check_in", clerk(d), day, minute, b->assigned ? NULL : r->number);
	b->assigned = true;
	b->st = PS_IN;
	r->occupant = i;
	r->touched_today = day == d->today;
	return true;
}

/* --- the till: deposits, extras, payments at check-out --- */

static bool is_ota(const struct plan_booking *b)
{
	return b->source >= 0 &&
	       (strcmp(sources[b->source], "booking.com") == 0 || strcmp(sources[b->source], "expedia") == 0);
}

static bool is_corporate(const struct plan_booking *b)
{
	return b->source >= 0 && strcmp(sources[b->source], "corporate") == 0;
}

static const char *cashier(struct demo *d)
{
	return front_office[rng_range(&d->till, 0, (int)(sizeof front_office / sizeof *front_office) - 1)];
}

static cJSON *line_op(struct demo *d, const char *type, const char *actor, fd_date day, int minute,
                      const struct plan_booking *b)
{
	char id[FD_ID_LEN];
	cJSON *p = op_new(d, type, actor, day, minute);
	if (!p)
		return NULL;
	rng_uuid(&d->ids, id);
	cJSON_AddStringToObject(p, "id", id);
	cJSON_AddStringToObject(p, "booking", b->id);
	return p;
}

static void emit_payment(struct demo *d, struct plan_booking *b, const char *method, int64_t amount,
                         fd_date day, int minute)
{
	cJSON *p = line_op(d, "folio.pay", cashier(d), day, minute, b);
	if (!p)
		return;
	cJSON_AddStringToObject(p, "method", method);
	cJSON_AddNumberToObject(p, "amount", (double)amount);
	if (strcmp(method, "card") == 0) {
		char ref[16], last4[5];
		snprintf(ref, sizeof ref, "PSP-%06d", rng_range(&d->till, 0, 999999));
		snprintf(last4, sizeof last4, "%04d", rng_range(&d->till, 0, 9999));
		cJSON_AddStringToObject(p, "ref", ref);
		cJSON_AddStringToObject(p, "last4", last4);
	}
	b->owed -= amount;
}

/* Direct and phone bookings that will be kept often pay the first night
 * ahead, by bank transfer: the deposit the folio shows before arrival. */
static void emit_deposit(struct demo *d, struct plan_booking *b, fd_date day, int minute)
{
	bool direct = b->source >= 0 && !is_ota(b) && !is_corporate(b);
	if (direct && !b->cancel_on && !b->noshow && b->arrival > day && rng_chance(&d->till, 40))
		emit_payment(d, b, "bank_transfer", b->rate, day, minute + 1);
}

/* Dinner and the minibar for some of the guests in house. */
static void emit_extras(struct demo *d, fd_date day)
{
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (b->st != PS_IN)
			continue;
		const char *code = NULL;
		int64_t amount = 0;
		int x = rng_range(&d->till, 0, 99);
		if (x < 20) {
			code = "FB";
			amount = (int64_t)rng_range(&d->till, 18, 95) * 100 + 50 * rng_range(&d->till, 0, 1);
		} else if (x < 32) {
			code = "MINIBAR";
			amount = (int64_t)rng_range(&d->till, 3, 24) * 100;
		}
		if (!code)
			continue;
		cJSON *p = line_op(d, "folio.post", cashier(d), day, 21 * 60 + i % 120, b);
		if (!p)
			return;
		cJSON_AddStringToObject(p, "charge", code);
		cJSON_AddNumberToObject(p, "amount", (double)amount);
		b->owed += amount;
	}
}

/* Before check-out the bill is settled: OTA guests by card, corporate
 * stays billed to their company, the rest by card or in cash. */
static void emit_settlement(struct demo *d, struct plan_booking *b, fd_date day, int minute)
{
	if (b->owed <= 0)
		return;
	if (is_corporate(b)) {
		cJSON *p = line_op(d, "folio.settle", AUDIT_MANAGER, day, minute, b);
		if (p)
			cJSON_AddStringToObject(p, "company", companies[b->guest % 3]);
		b->owed = 0;
		return;
	}
	emit_payment(d, b, is_ota(b) || rng_chance(&d->till, 60) ? "card" : "cash", b->owed, day, minute);
}

/* The night audit closes the day: room charges for every guest in house,
 * no-shows, the day's report; the business date moves on. */
static void emit_audit(struct demo *d, fd_date day)
{
	cJSON *p = op_new(d, "audit.night", FD_NIGHT_AUDIT_ACTOR, day, 23 * 60 + 30);
	if (!p)
		return;
	put_date(p, "date", day);
	cJSON_AddStringToObject(p, "run_by", AUDIT_MANAGER);
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (b->st == PS_IN && b->departure > day)
			b->owed += b->rate;
		else if (b->st == PS_RESERVED && b->noshow && b->arrival == day)
			b->st = PS_NO_SHOW;
	}
}

static bool replay_day(struct demo *d, fd_date day)
{
	bool last = day == d->today; /* open: the night audit of the day before moved the date here */
	emit_maintenance(d, day);
	/* departures, in the morning */
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (b->st == PS_IN && b->departure == day && (!last || b->checkout_today)) {
			emit_settlement(d, b, day, 7 * 60 + i % 300);
			emit_booking_op(d, b, "booking.check_out", clerk(d), day, 7 * 60 + i % 300, NULL);
			b->st = PS_OUT;
			d->rooms[b->room].occupant = -1;
			d->rooms[b->room].clean = FD_CLEAN_DIRTY;
			d->rooms[b->room].touched_today = last;
		}
	}
	/* reservations made today, and cancellations */
	for (int i = 0; i < d->n_b; i++)
		if (d->b[i].materialized && d->b[i].booked_on == day) {
			emit_create(d, &d->b[i], day, 9 * 60 + i % 600);
			emit_deposit(d, &d->b[i], day, 9 * 60 + i % 600);
		}
	for (int i = 0; i < d->n_b; i++)
		if (d->b[i].st == PS_RESERVED && d->b[i].cancel_on == day) {
			emit_booking_op(d, &d->b[i], "booking.cancel", clerk(d), day, 10 * 60 + i % 300,
			                NULL);
			d->b[i].st = PS_CANCELLED;
		}
	/* rooms for the next arrivals */
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (b->st == PS_RESERVED && b->assign_on == day && !b->assigned) {
			emit_booking_op(d, b, "booking.assign_room", clerk(d), day, 11 * 60 + i % 120,
			                d->rooms[b->room].number);
			b->assigned = true;
		}
	}
	/* housekeeping: every vacated room is cleaned (the last day only
	 * those about to be checked into; the rest is left for the screens) */
	for (int r = 0; r < d->n_rooms; r++) {
		struct plan_room *room = &d->rooms[r];
		if (room->clean != FD_CLEAN_DIRTY)
			continue;
		bool needed = !last;
		for (int i = 0; last && i < d->n_b; i++)
			needed |= d->b[i].room == r && d->b[i].arrival == day && d->b[i].checkin_today;
		if (!needed)
			continue;
		op_set_clean(d, r, FD_CLEAN_CLEAN, attendant(room), day, 12 * 60 + r % 180, 0);
		if (rng_chance(&d->rng, 30))
			op_set_clean(d, r, FD_CLEAN_INSPECTED, HK_MANAGER, day, 15 * 60 + r % 60, -1);
	}
	/* arrivals */
	for (int i = 0; i < d->n_b; i++) {
		struct plan_booking *b = &d->b[i];
		if (b->st != PS_RESERVED || b->arrival != day || b->noshow || (last && !b->checkin_today))
			continue;
		if (!emit_check_in(d, i, day, 14 * 60 + i % 480))
			return false;
	}
	emit_extras(d, day);
	if (!last)
		emit_audit(d, day);
	return true;
}

static bool room_in_maintenance(struct demo *d, int r)
{
	for (int m = 0; m < d->n_maint; m++)
		if (d->maint[m].room == r && d->maint[m].from <= d->today && d->maint[m].to > d->today)
			return true;
	return false;
}

static void emit_task(struct demo *d, int r, const char *kind, const char *who)
{
	char id[FD_ID_LEN];
	cJSON *p = op_new(d, "task.create", HK_MANAGER, d->today, 8 * 60);
	if (!p)
		return;
	rng_uuid(&d->ids, id);
	cJSON_AddStringToObject(p, "id", id);
	cJSON_AddStringToObject(p, "room", d->rooms[r].number);
	put_date(p, "date", d->today);
	cJSON_AddStringToObject(p, "kind", kind);
	cJSON_AddStringToObject(p, "attendant", who);
}

/* This morning's housekeeping picture: stayovers waiting for service (some
 * behind a do-not-disturb sign), rooms vacated today dirty or being
 * touched up, vacant rooms clean or inspected, and the day's tasks. */
static void emit_today(struct demo *d)
{
	fd_date t = d->today;
	int dnd = 0, mur = 0, pickup = 0, first_vacant = -1;
	for (int r = 0; r < d->n_rooms; r++) {
		struct plan_room *room = &d->rooms[r];
		if (room_in_maintenance(d, r))
			continue;
		if (room->occupant >= 0) {
			if (room->touched_today)
				continue;
			bool dirty = rng_chance(&d->rng, 55);
			op_set_clean(d, r, dirty ? FD_CLEAN_DIRTY : FD_CLEAN_CLEAN, attendant(room), t,
			             9 * 60 + r, 1);
			if (dirty && (dnd < 2 || mur < 1)) {
				cJSON *p = op_new(d, "room.set_flags", attendant(room), t, 9 * 60 + 30 + r);
				if (!p)
					return;
				cJSON_AddStringToObject(p, "room", room->number);
				cJSON_AddBoolToObject(p, dnd < 2 ? "dnd" : "mur", true);
				*(dnd < 2 ? &dnd : &mur) += 1;
			}
		} else if (room->clean == FD_CLEAN_DIRTY) {
			int x = rng_range(&d->rng, 0, 99);
			if (x >= 45) {
				enum fd_clean c = x < 70   ? FD_CLEAN_PICKUP
				                  : x < 85 ? FD_CLEAN_CLEAN
				                           : FD_CLEAN_INSPECTED;
				op_set_clean(d, r, c, attendant(room), t, 10 * 60 + r, 0);
				pickup += c == FD_CLEAN_PICKUP;
			}
		} else if (!room->touched_today) {
			if (first_vacant < 0)
				first_vacant = r;
			if (room->clean == FD_CLEAN_CLEAN && rng_chance(&d->rng, 65))
				op_set_clean(d, r, FD_CLEAN_INSPECTED, HK_MANAGER, t, 10 * 60 + r, 0);
		}
	}
	if (!pickup && first_vacant >= 0)
		op_set_clean(d, first_vacant, FD_CLEAN_PICKUP, HK_MANAGER, t, 10 * 60 + 59, 0);
	for (int r = 0; r < d->n_rooms; r++) {
		enum fd_clean c = d->rooms[r].clean;
		if (room_in_maintenance(d, r))
			continue;
		if (c == FD_CLEAN_DIRTY || c == FD_CLEAN_PICKUP)
			emit_task(d, r, "clean", attendant(&d->rooms[r]));
		else if (c == FD_CLEAN_CLEAN && d->rooms[r].occupant < 0)
			emit_task(d, r, "inspect", HK_MANAGER);
	}
}

/* --- putting it together --- */

static void demo_free(struct demo *d)
{
	for (int i = 0; i < d->n_ops; i++)
		fd_op_clear(&d->ops[i]);
	free(d->ops);
	free(d->rooms);
	free(d->grid);
	free(d->occ);
	free(d->sell);
	free(d->want);
	free(d->b);
	free(d->g);
}

static bool demo_plan(struct demo *d, int n_rooms)
{
	d->nights = d->end - d->start;
	if (!plan_rooms(d, n_rooms))
		return false;
	size_t cells = (size_t)n_rooms * (size_t)d->nights;
	d->grid = malloc(cells * sizeof *d->grid);
	d->occ = calloc((size_t)d->nights, sizeof *d->occ);
	d->sell = calloc((size_t)d->nights, sizeof *d->sell);
	d->want = calloc((size_t)d->nights, sizeof *d->want);
	if (!d->grid || !d->occ || !d->sell || !d->want)
		return false;
	for (size_t i = 0; i < cells; i++)
		d->grid[i] = -1;
	plan_maintenance(d);
	for (int i = 0; i < d->nights; i++) {
		for (int r = 0; r < n_rooms; r++)
			d->sell[i] += *cell(d, r, d->start + i) != -2;
		d->want[i] = night_target(d, d->start + i, d->sell[i]);
	}
	plan_stays(d);
	int n_main = d->n_b;
	for (int i = 0; i < n_main; i++)
		plan_booked_on(d, &d->b[i]);
	plan_extras(d, n_main);
	if (d->oom)
		return false;
	plan_today(d);
	for (int i = 0; i < d->n_b; i++) {
		plan_details(d, &d->b[i]);
		do
			rng_code(&d->ids, d->b[i].code);
		while (code_taken(d, i, d->b[i].code));
	}
	plan_guests(d);
	return !d->oom;
}

static enum fd_status demo_apply(struct fd_db *db, struct demo *d, const struct fd_demo_options *opt,
                                 struct fd_error *err)
{
	int failed = -1;
	struct fd_error inner = {0};
	enum fd_status st = fd_store_apply_progress(db, d->ops, d->n_ops, FD_APPLY_TRUSTED, NULL, &failed,
	                                            opt->progress, opt->progress_ctx, &inner);
	if (st == FD_OK)
		return FD_OK;
	if (failed < 0)
		return fd_fail(err, st, inner.code, inner.field, "%s", inner.message);
	return fd_fail(err, st, inner.code, inner.field,
	               _("The demo hotel could not be built: operation %d (%s) was refused: %s"), failed + 1,
	               d->ops[failed].type, inner.message);
}

/* The plan replayed as operations into d->ops. */
static enum fd_status demo_make(struct demo *d, const struct fd_demo_options *opt, struct fd_error *err)
{
	*d = (struct demo){.rng = {opt->seed},
	                   .ids = {opt->seed ^ UINT64_C(0x5eed1d5)},
	                   .till = {opt->seed ^ UINT64_C(0x7111)}};
	int n_rooms = opt->rooms > 0 ? opt->rooms : 60;
	int back = opt->days_back > 0 ? opt->days_back : 30;
	int ahead = opt->days_ahead > 0 ? opt->days_ahead : 60;
	if (n_rooms < 8 || n_rooms > 396 || back > 365 || ahead > 365)
		return fd_fail(
		    err, FD_E_INVALID, "invalid_field", "rooms",
		    _("The demo hotel has 8 to 396 rooms and at most a year of history and future."));
	d->cultures = demo_cultures(&d->n_cultures);
	d->today = opt->today;
	d->start = opt->today - back;
	d->end = opt->today + ahead;
	if (!demo_plan(d, n_rooms))
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	emit_setup(d);
	emit_companies(d);
	for (fd_date day = d->start; day <= d->today; day++)
		if (!replay_day(d, day))
			return fd_fail(err, FD_E_INVALID, "demo_plan", NULL,
			               _("The demo plan is inconsistent on day %d (a bug)."), day - d->start);
	emit_today(d);
	if (d->oom)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	return FD_OK;
}

enum fd_status fd_demo_build(struct fd_db *db, const struct fd_demo_options *opt, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_property existing;
	enum fd_status st = repo->get_property(repo->ctx, &existing, err);
	if (st == FD_OK)
		return fd_fail(err, FD_E_CONFLICT, "hotel_exists", NULL,
		               _("This database already holds a hotel (%s); the demo needs an empty one."),
		               existing.name);
	if (st != FD_E_NOT_FOUND)
		return st;
	struct demo d;
	st = demo_make(&d, opt, err);
	if (st == FD_OK)
		st = demo_apply(db, &d, opt, err);
	demo_free(&d);
	return st;
}

enum fd_status fd_demo_ops(const struct fd_demo_options *opt, struct fd_op **ops, int *n,
                           struct fd_error *err)
{
	struct demo d;
	*ops = NULL;
	*n = 0;
	enum fd_status st = demo_make(&d, opt, err);
	if (st == FD_OK) {
		*ops = d.ops;
		*n = d.n_ops;
		d.ops = NULL;
		d.n_ops = 0;
	}
	demo_free(&d);
	return st;
}

void fd_demo_ops_free(struct fd_op *ops, int n)
{
	for (int i = 0; i < n; i++)
		fd_op_clear(&ops[i]);
	free(ops);
}
