// SPDX-License-Identifier: GPL-3.0-or-later
/* Rate plan operations (rate_plan.create, rate_plan.update), prices
 * (rate.set) and restrictions (rate.restrict); the rules are in rate.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/money.h"
#include "core/op_internal.h"
#include "core/policy.h"
#include "core/rate.h"
#include "core/text.h"

#define MAX_PRICE INT64_C(1000000000000)
#define MAX_RANGE 731

static enum fd_status no_rates(struct op_ctx *c)
{
	return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL, _("This store does not keep rate plans."));
}

static bool code_ok(const char *s)
{
	if (!s[0])
		return false;
	for (; *s; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

static enum fd_status load_plan(struct op_ctx *c, const char *code, struct fd_rate_plan *p)
{
	enum fd_status st = c->repo->get_rate_plan(c->repo->ctx, code, p, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "plan_not_found", "plan",
		               _("No rate plan \"%s\" (see 'frontdesk plan list')."), code);
	return st;
}

static enum fd_status check_types(struct op_ctx *c, const char *list)
{
	for (const char *s = list; *s;) {
		size_t len = strcspn(s, ",");
		char code[FD_TYPECODE_LEN];
		struct fd_room_type t;
		if (!len || len >= sizeof code)
			return fd_fail(c->err, FD_E_INVALID, "invalid_field", "types",
			               _("Room types are codes separated by commas, for example STD,DBL."));
		memcpy(code, s, len);
		code[len] = '\0';
		enum fd_status st = c->repo->get_room_type(c->repo->ctx, code, &t, c->err);
		if (st == FD_E_NOT_FOUND)
			return fd_fail(c->err, FD_E_NOT_FOUND, "room_type_not_found", "types",
			               _("No room type \"%s\"."), code);
		if (st)
			return st;
		s += len;
		if (*s == ',')
			s++;
	}
	return FD_OK;
}

/* The fields create and update share. */
static enum fd_status read_plan(struct op_ctx *c, struct fd_rate_plan *p)
{
	char kind[16] = "", inc[256] = "";
	enum fd_status st;
	if ((st = op_str(c, "name", p->name, sizeof p->name, false)) ||
	    (st = op_str(c, "kind", kind, sizeof kind, false)) ||
	    (st = op_str(c, "company", p->company, sizeof p->company, false)) ||
	    (st = op_str(c, "types", p->room_types, sizeof p->room_types, false)) ||
	    (st = op_str(c, "inclusions", inc, sizeof inc, false)) ||
	    (st = op_str(c, "cancel_policy", p->cancel_policy, sizeof p->cancel_policy, false)) ||
	    (st = op_str(c, "deposit_policy", p->deposit_policy, sizeof p->deposit_policy, false)))
		return st;
	p->active = op_bool(c, "active", p->active);
	/* A plan's policies are read by core/policy.c: checked as they are set. */
	struct fd_cancel_policy cp;
	struct fd_deposit_policy dp;
	if ((st = fd_cancel_policy_parse(p->cancel_policy, c->prop.currency, "cancel_policy", &cp, c->err)) ||
	    (st =
	         fd_deposit_policy_parse(p->deposit_policy, c->prop.currency, "deposit_policy", &dp, c->err)))
		return st;
	if (!p->name[0])
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "name", _("A rate plan needs a name."));
	if (kind[0] && !fd_plan_kind_parse(kind, &p->kind))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "kind",
		               _("Unknown plan kind \"%s\"; use public, corporate or hidden."), kind);
	if (p->kind == FD_PLAN_CORPORATE) {
		struct fd_company co;
		if (!p->company[0])
			return fd_fail(c->err, FD_E_INVALID, "invalid_field", "company",
			               _("A corporate rate plan names its company account."));
		if ((st = op_company_load(c, p->company, &co)))
			return st;
		snprintf(p->company, sizeof p->company, "%s", co.name);
	} else if (p->company[0]) {
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "company",
		               _("Only a corporate rate plan has a company account."));
	}
	if ((st = check_types(c, p->room_types)))
		return st;
	if (op_has(c, "inclusions")) {
		if (!fd_inclusions_parse(inc, p))
			return fd_fail(
			    c->err, FD_E_INVALID, "invalid_field", "inclusions",
			    _("Inclusions are CODE:AMOUNT items separated by commas (at most %d)."),
			    FD_MAX_INCLUSIONS);
		for (int i = 0; i < p->n_inc; i++) {
			struct fd_charge_code cc;
			st = c->repo->get_charge_code(c->repo->ctx, p->inc[i].code, &cc, c->err);
			if (st == FD_E_NOT_FOUND)
				return fd_fail(
				    c->err, FD_E_NOT_FOUND, "charge_code_not_found", "inclusions",
				    _("An inclusion is posted under a charge code; there is no charge "
				      "code %s (see 'frontdesk charges')."),
				    p->inc[i].code);
			if (st)
				return st;
		}
	}
	return FD_OK;
}

enum fd_status op_rate_plan_create(struct op_ctx *c)
{
	if (!c->repo->get_rate_plan)
		return no_rates(c);
	struct fd_rate_plan p = {.version = 1, .active = true}, parent, existing;
	int64_t bp = 0, minor = 0;
	enum fd_status st;
	if ((st = op_new_id(c, p.id, sizeof p.id)) || (st = op_str(c, "code", p.code, sizeof p.code, true)) ||
	    (st = op_str(c, "parent", p.parent, sizeof p.parent, false)) ||
	    (st = op_int(c, "adjust_bp", -10000, 10000, &bp, false)) ||
	    (st = op_int(c, "adjust_minor", -MAX_PRICE, MAX_PRICE, &minor, false)) || (st = read_plan(c, &p)))
		return st;
	if (!code_ok(p.code))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "code",
		               _("A rate plan code is capital letters, digits, '-' or '_' (at most %d)."),
		               FD_PLAN_CODE_LEN - 1);
	st = c->repo->get_rate_plan(c->repo->ctx, p.code, &existing, c->err);
	if (st == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_plan", "code",
		               _("Rate plan %s exists already."), p.code);
	if (st != FD_E_NOT_FOUND)
		return st;
	if (p.parent[0]) {
		if ((st = load_plan(c, p.parent, &parent)))
			return st;
		if (parent.parent[0])
			return fd_fail(c->err, FD_E_INVALID, "invalid_field", "parent",
			               _("Rate plan %s follows %s itself; derive from %s instead."),
			               parent.code, parent.parent, parent.parent);
		/* It sells what its parent prices, unless told otherwise. */
		if (!op_has(c, "types"))
			snprintf(p.room_types, sizeof p.room_types, "%s", parent.room_types);
	} else if (bp || minor) {
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "adjust",
		               _("An adjustment needs a parent plan to follow (--parent CODE)."));
	}
	p.adjust_bp = (int)bp;
	p.adjust_minor = minor;
	if ((st = c->repo->put_rate_plan(c->repo->ctx, &p, c->err)))
		return st;
	op_result_entity(c, "rate_plan", p.code);
	return FD_OK;
}

enum fd_status op_rate_plan_update(struct op_ctx *c)
{
	if (!c->repo->get_rate_plan)
		return no_rates(c);
	struct fd_rate_plan p;
	char code[FD_PLAN_CODE_LEN];
	enum fd_status st;
	if ((st = op_str(c, "plan", code, sizeof code, true)) || (st = load_plan(c, code, &p)) ||
	    (st = read_plan(c, &p)))
		return st;
	p.version++;
	if ((st = c->repo->put_rate_plan(c->repo->ctx, &p, c->err)))
		return st;
	op_result_entity(c, "rate_plan", p.code);
	return FD_OK;
}

/* "fri,sat" into a mask of ISO weekdays (bit 0 Monday); "" every day. */
static bool parse_days(const char *s, unsigned *mask)
{
	static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	*mask = 0;
	while (*s) {
		size_t len = strcspn(s, ", ");
		bool found = false;
		for (int i = 0; len && i < 7; i++)
			if (len >= 3 && strncasecmp(s, names[i], 3) == 0) {
				*mask |= 1u << i;
				found = true;
			}
		if (len && !found)
			return false;
		s += len;
		s += strspn(s, ", ");
	}
	if (!*mask)
		*mask = 0x7f;
	return true;
}

/* plan, type, from, to (both included) and days: the nights a change
 * applies to, read into days (the stored rows or new ones). */
struct range {
	struct fd_rate_plan plan;
	char type[FD_TYPECODE_LEN];
	fd_date from, to; /* [from, to] */
	unsigned mask;
	struct fd_rate_day *days; /* to - from + 1 */
};

static enum fd_status read_range(struct op_ctx *c, struct range *r)
{
	char plan[FD_PLAN_CODE_LEN], days[64] = "";
	enum fd_status st;
	memset(r, 0, sizeof *r);
	if (!c->repo->get_rate_plan)
		return no_rates(c);
	if ((st = op_str(c, "plan", plan, sizeof plan, true)) ||
	    (st = op_str(c, "type", r->type, sizeof r->type, true)) ||
	    (st = op_date(c, "from", &r->from, true)) || (st = op_date(c, "to", &r->to, true)) ||
	    (st = op_str(c, "days", days, sizeof days, false)) || (st = load_plan(c, plan, &r->plan)))
		return st;
	struct fd_room_type t;
	st = c->repo->get_room_type(c->repo->ctx, r->type, &t, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "room_type_not_found", "type",
		               _("No room type \"%s\"."), r->type);
	if (st)
		return st;
	if (!fd_plan_sells(&r->plan, r->type))
		return fd_fail(c->err, FD_E_CONFLICT, "plan_type", "type",
		               _("Rate plan %s does not sell room type %s (it sells %s)."), r->plan.code,
		               r->type, r->plan.room_types);
	if (r->to < r->from)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "to",
		               _("The last date (--to) must be on or after the first (--from)."));
	if (r->to - r->from + 1 > MAX_RANGE)
		return fd_fail(c->err, FD_E_INVALID, "invalid_dates", "to",
		               _("Set at most %d nights at once."), MAX_RANGE);
	if (!parse_days(days, &r->mask))
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "days",
		               _("Days are weekday names separated by commas, for example fri,sat."));
	int n = r->to - r->from + 1;
	r->days = calloc((size_t)n, sizeof *r->days);
	if (!r->days)
		return fd_fail(c->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	for (int i = 0; i < n; i++)
		fd_rate_day_init(&r->days[i], r->plan.code, r->type, r->from + i);
	struct fd_rate_day *rows = NULL;
	int nr = 0;
	st = c->repo->rate_days(c->repo->ctx, r->plan.code, r->type, r->from, r->to + 1, &rows, &nr, c->err);
	for (int i = 0; !st && i < nr; i++)
		if (rows[i].night >= r->from && rows[i].night <= r->to)
			r->days[rows[i].night - r->from] = rows[i];
	free(rows);
	return st;
}

static bool in_pattern(const struct range *r, fd_date d)
{
	return (r->mask >> fd_date_weekday(d)) & 1u;
}

static enum fd_status save_range(struct op_ctx *c, struct range *r)
{
	enum fd_status st = FD_OK;
	int changed = 0;
	for (fd_date d = r->from; !st && d <= r->to; d++) {
		if (!in_pattern(r, d))
			continue;
		struct fd_rate_day *x = &r->days[d - r->from];
		x->version++;
		st = c->repo->put_rate_day(c->repo->ctx, x, c->err);
		changed++;
	}
	if (!st && !changed)
		st = fd_fail(c->err, FD_E_INVALID, "invalid_field", "days",
		             _("No night from --from to --to falls on those days."));
	if (!st)
		op_result_entity(c, "rate_plan", r->plan.code);
	return st;
}

enum fd_status op_rate_set(struct op_ctx *c)
{
	struct range r;
	int64_t amount = 0, adults = 0, child = 0, extra = 0;
	enum fd_status st = read_range(c, &r);
	if (!st && !(st = op_int(c, "amount", -MAX_PRICE, MAX_PRICE, &amount, false)) &&
	    !(st = op_int(c, "adults", 1, 3, &adults, false)) &&
	    !(st = op_int(c, "child", 0, MAX_PRICE, &child, false)))
		st = op_int(c, "extra_bed", 0, MAX_PRICE, &extra, false);
	if (!st && r.plan.parent[0])
		st = fd_fail(c->err, FD_E_CONFLICT, "derived_plan", "plan",
		             _("Rate plan %s follows %s's prices; set %s's prices instead."), r.plan.code,
		             r.plan.parent, r.plan.parent);
	bool relative = op_bool(c, "relative", false);
	if (!st && !op_has(c, "amount") && !op_has(c, "child") && !op_has(c, "extra_bed"))
		st = fd_fail(c->err, FD_E_INVALID, "missing_field", "amount",
		             _("Give a price, a child supplement or an extra-bed supplement."));
	if (!st && !relative && amount < 0)
		st = fd_fail(c->err, FD_E_INVALID, "invalid_amount", "amount",
		             _("A price cannot be negative."));
	for (fd_date d = r.from; !st && d <= r.to; d++) {
		if (!in_pattern(&r, d))
			continue;
		struct fd_rate_day *x = &r.days[d - r.from];
		if (op_has(c, "amount")) {
			int64_t *slot = adults ? &x->price_n[adults - 1] : &x->price;
			if (relative) {
				char day[FD_DATE_STRLEN];
				if (*slot == FD_RATE_UNSET)
					st = fd_fail(c->err, FD_E_CONFLICT, "no_price", "amount",
					             _("%s has no price yet to add to; set one first."),
					             fd_date_format(d, day));
				else if (*slot + amount < 0)
					st = fd_fail(c->err, FD_E_INVALID, "invalid_amount", "amount",
					             _("The price of %s would fall below zero."),
					             fd_date_format(d, day));
				else
					*slot += amount;
			} else {
				*slot = amount;
			}
		}
		if (op_has(c, "child"))
			x->child = child;
		if (op_has(c, "extra_bed"))
			x->extra_bed = extra;
	}
	if (!st)
		st = save_range(c, &r);
	free(r.days);
	return st;
}

enum fd_status op_rate_restrict(struct op_ctx *c)
{
	struct range r;
	int64_t min = -1, max = -1, through = -1;
	enum fd_status st = read_range(c, &r);
	if (!st && !(st = op_int(c, "min_stay", 0, 365, &min, false)) &&
	    !(st = op_int(c, "max_stay", 0, 730, &max, false)))
		st = op_int(c, "min_through", 0, 365, &through, false);
	if (!st && min > 0 && max > 0 && max < min)
		st = fd_fail(c->err, FD_E_INVALID, "invalid_field", "max_stay",
		             _("The maximum stay (%lld) is shorter than the minimum stay (%lld)."),
		             (long long)max, (long long)min);
	for (fd_date d = r.from; !st && d <= r.to; d++) {
		if (!in_pattern(&r, d))
			continue;
		struct fd_rate_day *x = &r.days[d - r.from];
		if (min >= 0)
			x->min_stay = (int)min;
		if (max >= 0)
			x->max_stay = (int)max;
		if (through >= 0)
			x->min_through = (int)through;
		x->cta = op_bool(c, "cta", x->cta);
		x->ctd = op_bool(c, "ctd", x->ctd);
		x->stop_sell = op_bool(c, "stop_sell", x->stop_sell);
	}
	if (!st)
		st = save_range(c, &r);
	free(r.days);
	return st;
}
