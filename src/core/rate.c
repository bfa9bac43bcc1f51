// SPDX-License-Identifier: GPL-3.0-or-later
/* Rate plans, nightly prices, restrictions and the quote (rate.h). */
#include "config.h"
#include "core/rate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/repo.h"

const char *fd_plan_kind_name(enum fd_plan_kind k)
{
	switch (k) {
	case FD_PLAN_CORPORATE:
		return "corporate";
	case FD_PLAN_HIDDEN:
		return "hidden";
	default:
		return "public";
	}
}

bool fd_plan_kind_parse(const char *s, enum fd_plan_kind *out)
{
	static const enum fd_plan_kind all[] = {FD_PLAN_PUBLIC, FD_PLAN_CORPORATE, FD_PLAN_HIDDEN};
	for (size_t i = 0; s && i < sizeof all / sizeof *all; i++)
		if (strcmp(s, fd_plan_kind_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	return false;
}

bool fd_inclusion_code(const char *name, char out[FD_TYPECODE_LEN])
{
	size_t n = 0;
	for (const char *p = name; *p; p++) {
		if (*p == '-' || *p == '_' || *p == ' ')
			continue;
		if (!isalnum((unsigned char)*p) || n + 1 >= FD_TYPECODE_LEN)
			return false;
		out[n++] = (char)toupper((unsigned char)*p);
	}
	out[n] = '\0';
	if (strcmp(out, "ROOMONLY") == 0 || strcmp(out, "RO") == 0)
		out[0] = '\0';
	return n > 0;
}

bool fd_inclusions_parse(const char *text, struct fd_rate_plan *p)
{
	p->n_inc = 0;
	const char *s = text ? text : "";
	while (*s) {
		size_t len = strcspn(s, ",");
		char item[64];
		if (len && len < sizeof item) {
			memcpy(item, s, len);
			item[len] = '\0';
			char *colon = strchr(item, ':');
			if (!colon || p->n_inc == FD_MAX_INCLUSIONS ||
			    (size_t)(colon - item) >= FD_TYPECODE_LEN)
				return false;
			*colon = '\0';
			char *end;
			long long v = strtoll(colon + 1, &end, 10);
			if (!item[0] || *end || v < 0)
				return false;
			memcpy(p->inc[p->n_inc].code, item, strlen(item) + 1);
			p->inc[p->n_inc++].amount = v;
		} else if (len) {
			return false;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return true;
}

void fd_inclusions_format(const struct fd_rate_plan *p, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < p->n_inc && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s:%lld", i ? "," : "", p->inc[i].code,
		                        (long long)p->inc[i].amount);
}

bool fd_plan_sells(const struct fd_rate_plan *p, const char *type_code)
{
	if (!p->room_types[0])
		return true;
	size_t n = strlen(type_code);
	for (const char *s = p->room_types; *s;) {
		size_t len = strcspn(s, ",");
		if (len == n && strncmp(s, type_code, n) == 0)
			return true;
		s += len;
		if (*s == ',')
			s++;
	}
	return false;
}

enum fd_status fd_plan_check_company(const struct fd_rate_plan *p, const char *company, struct fd_error *err)
{
	if (p->kind != FD_PLAN_CORPORATE || strcasecmp(p->company, company ? company : "") == 0)
		return FD_OK;
	if (!company || !company[0])
		return fd_fail(err, FD_E_CONFLICT, "corporate_plan", "company",
		               _("Rate plan %s is the corporate rate of %s: book it for that company "
		                 "account (--company \"%s\"), or choose another plan."),
		               p->code, p->company, p->company);
	return fd_fail(err, FD_E_CONFLICT, "corporate_plan", "company",
	               _("Rate plan %s is the corporate rate of %s, not of %s: choose a plan %s may book."),
	               p->code, p->company, company, company);
}

void fd_rate_day_init(struct fd_rate_day *d, const char *plan, const char *type, fd_date night)
{
	memset(d, 0, sizeof *d);
	snprintf(d->plan, sizeof d->plan, "%s", plan);
	snprintf(d->type_code, sizeof d->type_code, "%s", type);
	d->night = night;
	d->price = d->price_n[0] = d->price_n[1] = d->price_n[2] = FD_RATE_UNSET;
	d->child = d->extra_bed = FD_RATE_UNSET;
}

bool fd_rate_derive(int64_t parent, int adjust_bp, int64_t adjust_minor, int64_t *out)
{
	int64_t v;
	if (!fd_money_mul_div(parent, 10000 + (int64_t)adjust_bp, 10000, &v))
		return false;
	v += adjust_minor;
	*out = v < 0 ? 0 : v;
	return true;
}

bool fd_rate_day_price(const struct fd_rate_day *d, int adults, int children, int64_t *out)
{
	int64_t base = FD_RATE_UNSET;
	int priced_for = adults > 3 ? 3 : adults;
	if (priced_for >= 1 && d->price_n[priced_for - 1] != FD_RATE_UNSET)
		base = d->price_n[priced_for - 1];
	else if (d->price != FD_RATE_UNSET)
		base = d->price;
	if (base == FD_RATE_UNSET)
		return false;
	if (adults > 3)
		base += (int64_t)(adults - 3) * (d->extra_bed == FD_RATE_UNSET ? 0 : d->extra_bed);
	base += (int64_t)children * (d->child == FD_RATE_UNSET ? 0 : d->child);
	*out = base;
	return true;
}

const char *fd_restriction_name(enum fd_restriction r)
{
	switch (r) {
	case FD_RESTRICT_MIN_STAY:
		return _("minimum stay");
	case FD_RESTRICT_MAX_STAY:
		return _("maximum stay");
	case FD_RESTRICT_MIN_THROUGH:
		return _("minimum stay through");
	case FD_RESTRICT_CTA:
		return _("closed to arrival");
	case FD_RESTRICT_CTD:
		return _("closed to departure");
	case FD_RESTRICT_STOP_SELL:
		return _("stop-sell");
	case FD_RESTRICT_NO_PRICE:
		return _("no price");
	default:
		return "";
	}
}

void fd_quote_clear(struct fd_quote *q)
{
	free(q->nights);
	q->nights = NULL;
	q->n = 0;
}

static enum fd_status load_plan(const struct fd_repo *repo, const char *code, struct fd_rate_plan *p,
                                struct fd_error *err)
{
	enum fd_status st = repo->get_rate_plan(repo->ctx, code, p, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(err, FD_E_NOT_FOUND, "plan_not_found", "plan", _("No rate plan \"%s\"."),
		               code);
	return st;
}

/* The rows of plan/type over [from, to) as one entry per night (unset rows
 * where none is stored). */
static enum fd_status load_days(const struct fd_repo *repo, const char *plan, const char *type, fd_date from,
                                fd_date to, struct fd_rate_day *days, struct fd_error *err)
{
	for (fd_date d = from; d < to; d++)
		fd_rate_day_init(&days[d - from], plan, type, d);
	struct fd_rate_day *rows = NULL;
	int n = 0;
	enum fd_status st = repo->rate_days(repo->ctx, plan, type, from, to, &rows, &n, err);
	for (int i = 0; !st && i < n; i++)
		if (rows[i].night >= from && rows[i].night < to)
			days[rows[i].night - from] = rows[i];
	free(rows);
	return st;
}

/* A window of effective days: prices (per the party) and restrictions. */
struct window {
	fd_date from, to;
	struct fd_rate_day *day; /* restrictions, combined with the parent's */
	int64_t *price;          /* the party's price, FD_RATE_UNSET when none */
};

static void window_free(struct window *w)
{
	free(w->day);
	free(w->price);
	w->day = NULL;
	w->price = NULL;
}

static enum fd_status window_load(const struct fd_repo *repo, const struct fd_rate_plan *p, const char *type,
                                  fd_date from, fd_date to, int adults, int children, struct window *w,
                                  struct fd_error *err)
{
	int n = to - from;
	w->from = from;
	w->to = to;
	w->day = calloc((size_t)n, sizeof *w->day);
	w->price = calloc((size_t)n, sizeof *w->price);
	struct fd_rate_day *parent = p->parent[0] ? calloc((size_t)n, sizeof *parent) : NULL;
	if (!w->day || !w->price || (p->parent[0] && !parent)) {
		free(parent);
		window_free(w);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	enum fd_status st = load_days(repo, p->code, type, from, to, w->day, err);
	if (!st && parent)
		st = load_days(repo, p->parent, type, from, to, parent, err);
	for (int i = 0; !st && i < n; i++) {
		struct fd_rate_day *d = &w->day[i];
		int64_t v = FD_RATE_UNSET;
		if (parent) {
			const struct fd_rate_day *q = &parent[i];
			int64_t pv;
			if (fd_rate_day_price(q, adults, children, &pv) &&
			    !fd_rate_derive(pv, p->adjust_bp, p->adjust_minor, &v))
				st = fd_fail(err, FD_E_INVALID, "invalid_amount", "plan",
				             _("A price is out of range."));
			/* never looser than its parent */
			if (q->min_stay > d->min_stay)
				d->min_stay = q->min_stay;
			if (q->max_stay && (!d->max_stay || q->max_stay < d->max_stay))
				d->max_stay = q->max_stay;
			if (q->min_through > d->min_through)
				d->min_through = q->min_through;
			d->cta |= q->cta;
			d->ctd |= q->ctd;
			d->stop_sell |= q->stop_sell;
		} else if (!fd_rate_day_price(d, adults, children, &v)) {
			v = FD_RATE_UNSET;
		}
		w->price[i] = v;
	}
	free(parent);
	if (st)
		window_free(w);
	return st;
}

enum fd_status fd_rate_effective_day(const struct fd_repo *repo, const struct fd_rate_plan *p,
                                     const char *type_code, fd_date night, int adults, int children,
                                     struct fd_rate_day *out, int64_t *price, bool *priced,
                                     struct fd_error *err)
{
	struct window w;
	enum fd_status st = window_load(repo, p, type_code, night, night + 1, adults, children, &w, err);
	if (st)
		return st;
	*out = w.day[0];
	*priced = w.price[0] != FD_RATE_UNSET;
	*price = *priced ? w.price[0] : 0;
	window_free(&w);
	return FD_OK;
}

static const struct fd_rate_day *wday(const struct window *w, fd_date d)
{
	return d >= w->from && d < w->to ? &w->day[d - w->from] : NULL;
}

/* The first rule the stay [a, dep) breaks, in the order a person reads
 * them. The window covers [a, dep] (the departure date for closed to
 * departure). */
static enum fd_restriction check_stay(const struct window *w, fd_date a, fd_date dep, fd_date *on, int *value)
{
	int los = dep - a;
	const struct fd_rate_day *first = wday(w, a), *last = wday(w, dep);
	for (fd_date d = a; d < dep; d++) {
		const struct fd_rate_day *x = wday(w, d);
		if (x && x->stop_sell) {
			*on = d;
			*value = 0;
			return FD_RESTRICT_STOP_SELL;
		}
	}
	if (first && first->cta) {
		*on = a;
		*value = 0;
		return FD_RESTRICT_CTA;
	}
	if (last && last->ctd) {
		*on = dep;
		*value = 0;
		return FD_RESTRICT_CTD;
	}
	if (first && first->min_stay && los < first->min_stay) {
		*on = a;
		*value = first->min_stay;
		return FD_RESTRICT_MIN_STAY;
	}
	if (first && first->max_stay && los > first->max_stay) {
		*on = a;
		*value = first->max_stay;
		return FD_RESTRICT_MAX_STAY;
	}
	for (fd_date d = a; d < dep; d++) {
		const struct fd_rate_day *x = wday(w, d);
		if (x && x->min_through && los < x->min_through) {
			*on = d;
			*value = x->min_through;
			return FD_RESTRICT_MIN_THROUGH;
		}
	}
	for (fd_date d = a; d < dep; d++)
		if (d < w->from || d >= w->to || !w->price || w->price[d - w->from] == FD_RATE_UNSET) {
			*on = d;
			*value = 0;
			return FD_RESTRICT_NO_PRICE;
		}
	return FD_RESTRICT_NONE;
}

#define NEAREST_SPAN 21

/* The allowed stay nearest to [a, dep): the least total move of arrival
 * and departure, ties to the earlier arrival, then the shorter stay. */
static bool nearest(const struct window *w, fd_date a, fd_date dep, fd_date not_before, fd_date *na,
                    fd_date *nd)
{
	int best = -1;
	int los = dep - a;
	for (int shift = -NEAREST_SPAN; shift <= NEAREST_SPAN; shift++) {
		fd_date ca = a + shift;
		if (not_before && ca < not_before)
			continue;
		for (int n = 1; n <= los + NEAREST_SPAN; n++) {
			fd_date cd = ca + n;
			if (ca < w->from || cd >= w->to)
				continue;
			int cost = abs(ca - a) + abs(cd - dep);
			if (best >= 0 && cost > best)
				continue;
			fd_date on;
			int v;
			if (check_stay(w, ca, cd, &on, &v) != FD_RESTRICT_NONE)
				continue;
			if (best < 0 || cost < best ||
			    (cost == best && (ca < *na || (ca == *na && cd < *nd)))) {
				best = cost;
				*na = ca;
				*nd = cd;
			}
		}
	}
	return best >= 0;
}

enum fd_status fd_rate_quote(const struct fd_repo *repo, const struct fd_quote_req *req, struct fd_quote *q,
                             struct fd_error *err)
{
	memset(q, 0, sizeof *q);
	int n = req->departure - req->arrival;
	if (n < 1 || n > FD_QUOTE_MAX_NIGHTS)
		return fd_fail(err, FD_E_INVALID, "invalid_dates", "departure",
		               _("A rate plan prices stays of 1 to %d nights."), FD_QUOTE_MAX_NIGHTS);
	if (req->adults < 1)
		return fd_fail(err, FD_E_INVALID, "invalid_field", "adults",
		               _("A booking needs at least one adult."));
	enum fd_status st = load_plan(repo, req->plan, &q->plan, err);
	if (st)
		return st;
	if (!q->plan.active)
		return fd_fail(err, FD_E_CONFLICT, "plan_inactive", "plan",
		               _("Rate plan %s is no longer sold."), q->plan.code);
	if (!fd_plan_sells(&q->plan, req->type_code))
		return fd_fail(err, FD_E_CONFLICT, "plan_type", "type",
		               _("Rate plan %s does not sell room type %s (it sells %s)."), q->plan.code,
		               req->type_code, q->plan.room_types);
	struct window w;
	fd_date from = req->arrival - NEAREST_SPAN, to = req->departure + 2 * NEAREST_SPAN + 1;
	if (req->not_before && from < req->not_before)
		from = req->not_before < req->arrival ? req->not_before : req->arrival;
	if ((st = window_load(repo, &q->plan, req->type_code, from, to, req->adults, req->children, &w, err)))
		return st;
	q->nights = calloc((size_t)n, sizeof *q->nights);
	if (!q->nights) {
		window_free(&w);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	q->n = n;
	q->persons = req->adults + req->children;
	int64_t inc = 0;
	for (int i = 0; i < q->plan.n_inc; i++)
		inc += q->plan.inc[i].amount * q->persons;
	for (int i = 0; i < n; i++) {
		fd_date d = req->arrival + i;
		int64_t v = w.price ? w.price[d - w.from] : FD_RATE_UNSET;
		q->nights[i].night = d;
		q->nights[i].amount = v == FD_RATE_UNSET ? 0 : v;
		q->nights[i].included = inc < q->nights[i].amount ? inc : q->nights[i].amount;
		q->total += q->nights[i].amount;
		q->included += q->nights[i].included;
	}
	q->broken = check_stay(&w, req->arrival, req->departure, &q->broken_on, &q->broken_value);
	if (q->broken != FD_RESTRICT_NONE)
		q->allowed = nearest(&w, req->arrival, req->departure, req->not_before, &q->allowed_arrival,
		                     &q->allowed_departure);
	window_free(&w);
	if (q->broken == FD_RESTRICT_NO_PRICE) {
		st = fd_quote_refuse(q, req, err);
		fd_quote_clear(q);
		return st;
	}
	return FD_OK;
}

enum fd_status fd_quote_refuse(const struct fd_quote *q, const struct fd_quote_req *req, struct fd_error *err)
{
	char on[FD_DATE_STRLEN], na[FD_DATE_STRLEN], nd[FD_DATE_STRLEN], what[160], near[128];
	fd_date_format(q->broken_on, on);
	switch (q->broken) {
	case FD_RESTRICT_MIN_STAY:
		snprintf(what, sizeof what, _("a minimum stay of %d nights for arrival on %s"),
		         q->broken_value, on);
		break;
	case FD_RESTRICT_MAX_STAY:
		snprintf(what, sizeof what, _("a maximum stay of %d nights for arrival on %s"),
		         q->broken_value, on);
		break;
	case FD_RESTRICT_MIN_THROUGH:
		snprintf(what, sizeof what, _("a minimum stay through %s of %d nights"), on, q->broken_value);
		break;
	case FD_RESTRICT_CTA:
		snprintf(what, sizeof what, _("closed to arrival on %s"), on);
		break;
	case FD_RESTRICT_CTD:
		snprintf(what, sizeof what, _("closed to departure on %s"), on);
		break;
	case FD_RESTRICT_STOP_SELL:
		snprintf(what, sizeof what, _("stop-sell on %s"), on);
		break;
	case FD_RESTRICT_NO_PRICE:
		snprintf(what, sizeof what, _("no price for the night of %s"), on);
		break;
	default:
		return FD_OK;
	}
	if (q->allowed)
		snprintf(near, sizeof near, _("The nearest allowed stay is %s to %s."),
		         fd_date_format(q->allowed_arrival, na), fd_date_format(q->allowed_departure, nd));
	else
		snprintf(near, sizeof near, "%s", _("No stay within three weeks of it is allowed."));
	if (q->broken == FD_RESTRICT_NO_PRICE)
		return fd_fail(err, FD_E_CONFLICT, "no_price", "plan",
		               _("Rate plan %s, room type %s: %s. %s"), q->plan.code, req->type_code, what,
		               near);
	return fd_fail(err, FD_E_CONFLICT, "restricted", "plan", _("Rate plan %s, room type %s: %s (%s). %s"),
	               q->plan.code, req->type_code, what, fd_restriction_name(q->broken), near);
}

enum fd_status fd_quote_booking_nights(const struct fd_quote *q, struct fd_booking_night **out,
                                       struct fd_error *err)
{
	*out = calloc((size_t)(q->n ? q->n : 1), sizeof **out);
	if (!*out)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	for (int i = 0; i < q->n; i++) {
		struct fd_booking_night *b = &(*out)[i];
		b->night = q->nights[i].night;
		snprintf(b->plan, sizeof b->plan, "%s", q->plan.code);
		b->amount = q->nights[i].amount;
		b->included = q->nights[i].included;
		/* Each inclusion's share; the last takes what rounding left. */
		int64_t left = b->included;
		size_t len = 0;
		for (int k = 0; k < q->plan.n_inc && left > 0; k++) {
			int64_t v = q->plan.inc[k].amount * q->persons;
			if (v > left || k == q->plan.n_inc - 1)
				v = left;
			left -= v;
			len += (size_t)snprintf(b->items + len, sizeof b->items - len, "%s%s:%lld",
			                        len ? "," : "", q->plan.inc[k].code, (long long)v);
			if (len >= sizeof b->items)
				break;
		}
	}
	return FD_OK;
}
