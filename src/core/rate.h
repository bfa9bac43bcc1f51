// SPDX-License-Identifier: GPL-3.0-or-later
/* Rate plans, their prices per night and their restrictions (issue 15), and
 * the one quote every interface uses: the booking operation, the command
 * line, the terminal's booking form and the public booking API.
 *
 * A rate plan sells some room types (all when none are named) at prices set
 * per room type and night (struct fd_rate_day). A derived plan follows its
 * parent's prices with an adjustment:
 *
 *     price = parent price * (10000 + adjust_bp) / 10000 + adjust_minor
 *
 * rounded half away from zero to the currency's minor unit, once per night
 * and occupancy (fd_money_mul_div): BAR 123.45 at -10 % is 111.11 (111.105
 * rounds up), 99.99 at -10 % is 89.99. A derived plan's parent is not itself
 * derived.
 *
 * Occupancy: a night's price for N adults is the price set for N adults
 * (1, 2 or 3) or else the price set for any occupancy; each adult beyond
 * three pays the extra-bed supplement on top of the three-adult price; each
 * child pays the child supplement. A night with no price is not for sale.
 *
 * Inclusions (breakfast, half board, ...) are charge codes with an amount
 * per guest (adults and children) per night, part of the price: the night
 * audit posts them as lines of their own (their charge code's VAT) and the
 * room line for the rest, and room revenue (ADR, RevPAR) leaves them out.
 *
 * Restrictions per plan, room type and night; a derived plan obeys its
 * parent's as well as its own. minimum and maximum stay are read on the
 * arrival night, minimum stay through on every night of the stay,
 * closed to arrival on the arrival date, closed to departure on the
 * departure date, stop-sell on every night. */
#ifndef FD_CORE_RATE_H
#define FD_CORE_RATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"

struct fd_repo;

#define FD_PLAN_CODE_LEN 16
#define FD_MAX_INCLUSIONS 4
#define FD_POLICY_LEN 256
/* The price columns of a night that are not set. */
#define FD_RATE_UNSET INT64_C(-1)

enum fd_plan_kind { FD_PLAN_PUBLIC, FD_PLAN_CORPORATE, FD_PLAN_HIDDEN };

struct fd_inclusion {
	char code[FD_TYPECODE_LEN]; /* a charge code: BREAKFAST, HALFBOARD, ... */
	int64_t amount;             /* per guest per night, minor units */
};

struct fd_rate_plan {
	char id[FD_ID_LEN];
	char code[FD_PLAN_CODE_LEN];
	char name[FD_NAME_LEN];
	enum fd_plan_kind kind;
	char company[FD_NAME_LEN]; /* a corporate plan's company account */
	char room_types[256];      /* "STD,DBL"; "" every room type */
	struct fd_inclusion inc[FD_MAX_INCLUSIONS];
	int n_inc;
	char parent[FD_PLAN_CODE_LEN]; /* "" unless derived */
	int adjust_bp;                 /* derived: percent in basis points (-1000 = -10 %) */
	int64_t adjust_minor;          /* derived: an amount added after the percentage */
	char cancel_policy[FD_POLICY_LEN];
	char deposit_policy[FD_POLICY_LEN];
	bool active;
	int64_t version;
};

/* One plan, room type and night: prices (FD_RATE_UNSET when not set) and
 * restrictions (0 / false when none). */
struct fd_rate_day {
	char plan[FD_PLAN_CODE_LEN];
	char type_code[FD_TYPECODE_LEN];
	fd_date night;
	int64_t price;      /* any occupancy */
	int64_t price_n[3]; /* for 1, 2, 3 adults */
	int64_t child;      /* supplement per child */
	int64_t extra_bed;  /* supplement per adult beyond three */
	int min_stay, max_stay, min_through;
	bool cta, ctd, stop_sell;
	int64_t version;
};

const char *fd_plan_kind_name(enum fd_plan_kind k);
bool fd_plan_kind_parse(const char *s, enum fd_plan_kind *out);
/* "BREAKFAST:1500,HALFBOARD:3000" <-> the plan's inclusions. */
bool fd_inclusions_parse(const char *text, struct fd_rate_plan *p);
void fd_inclusions_format(const struct fd_rate_plan *p, char *out, size_t size);
/* A person's name for an inclusion ("breakfast", "half board", "room only"
 * for none) into a charge code: upper case, '-', '_' and ' ' dropped;
 * "" for room only. */
bool fd_inclusion_code(const char *name, char out[FD_TYPECODE_LEN]);
/* Does the plan sell room type code? */
bool fd_plan_sells(const struct fd_rate_plan *p, const char *type_code);
/* May a booking made for the company account `company` ("" for none) be
 * sold on plan p? A corporate plan sells only to its own company's
 * bookings (the account named when booking, or the company of the group
 * block it is picked up from); other plans to anyone. Refused with
 * FD_E_CONFLICT "corporate_plan" on field "company", saying whose rate it
 * is and how to book it. */
enum fd_status fd_plan_check_company(const struct fd_rate_plan *p, const char *company, struct fd_error *err);
void fd_rate_day_init(struct fd_rate_day *d, const char *plan, const char *type, fd_date night);
/* A derived plan's price from its parent's (rule above); false on overflow. */
bool fd_rate_derive(int64_t parent, int adjust_bp, int64_t adjust_minor, int64_t *out);
/* The price of a night for a party (rule above); false when the night has
 * no price for it. */
bool fd_rate_day_price(const struct fd_rate_day *d, int adults, int children, int64_t *out);

/* --- the quote --- */

enum fd_restriction {
	FD_RESTRICT_NONE,
	FD_RESTRICT_MIN_STAY,
	FD_RESTRICT_MAX_STAY,
	FD_RESTRICT_MIN_THROUGH,
	FD_RESTRICT_CTA,
	FD_RESTRICT_CTD,
	FD_RESTRICT_STOP_SELL,
	FD_RESTRICT_NO_PRICE, /* not a restriction: a night without a price */
};
const char *fd_restriction_name(enum fd_restriction r); /* "minimum stay", ... (translated) */

#define FD_QUOTE_MAX_NIGHTS 730

struct fd_quote_night {
	fd_date night;
	int64_t amount;   /* the night's price, inclusions included */
	int64_t included; /* of which inclusions */
};

struct fd_quote_req {
	char plan[FD_PLAN_CODE_LEN];
	char type_code[FD_TYPECODE_LEN];
	fd_date arrival, departure;
	int adults, children;
	/* The earliest arrival the nearest allowed stay may propose (the
	 * business date); 0: no limit. */
	fd_date not_before;
};

struct fd_quote {
	struct fd_rate_plan plan;
	int n;                         /* nights */
	struct fd_quote_night *nights; /* malloc'd, n of them; fd_quote_clear frees */
	int64_t total, included;
	int persons; /* guests the inclusions count */
	/* The first restriction the stay breaks (FD_RESTRICT_NONE: none), the
	 * night it is set on, its value (a stay length) and the nearest stay
	 * that breaks none (allowed false when none within three weeks). */
	enum fd_restriction broken;
	fd_date broken_on;
	int broken_value;
	bool allowed;
	fd_date allowed_arrival, allowed_departure;
};

void fd_quote_clear(struct fd_quote *q);

/* A booking's price for one night, as kept with the booking (table
 * booking_rates): what the audit posts and the folio and reports show. A
 * booking without these rows (no plan) is priced at its rate every night. */
struct fd_booking_night {
	fd_date night;
	char plan[FD_PLAN_CODE_LEN];
	int64_t amount;   /* inclusions included */
	int64_t included; /* of which inclusions */
	char items[128];  /* the inclusions: "BREAKFAST:3000,..." (for all guests) */
};
/* The booking nights of a quote (n of q->n, malloc'd into *out). */
enum fd_status fd_quote_booking_nights(const struct fd_quote *q, struct fd_booking_night **out,
                                       struct fd_error *err);
/* Price a stay: the nightly prices, their total and inclusions, and the
 * restrictions it breaks (q->broken; a broken stay is still FD_OK, priced
 * where it can be). Refused (FD_E_NOT_FOUND / FD_E_INVALID / FD_E_CONFLICT)
 * for an unknown or inactive plan, a room type the plan does not sell, or a
 * night without a price (when no restriction is broken first). */
enum fd_status fd_rate_quote(const struct fd_repo *repo, const struct fd_quote_req *req, struct fd_quote *q,
                             struct fd_error *err);
/* The message for a broken restriction: which one, on which date, and the
 * nearest allowed stay. */
enum fd_status fd_quote_refuse(const struct fd_quote *q, const struct fd_quote_req *req,
                               struct fd_error *err);
/* A plan's effective price and restrictions for one type and night (a
 * derived plan's from its parent). FD_E_NOT_FOUND when the plan is
 * unknown. */
enum fd_status fd_rate_effective_day(const struct fd_repo *repo, const struct fd_rate_plan *p,
                                     const char *type_code, fd_date night, int adults, int children,
                                     struct fd_rate_day *out, int64_t *price, bool *priced,
                                     struct fd_error *err);

#endif
