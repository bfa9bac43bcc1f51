// SPDX-License-Identifier: GPL-3.0-or-later
/* Folios: the guest's bill. Pure rules (no I/O): line kinds, balances, VAT.
 *
 * Sign convention: a line's amount is its effect on the balance, in minor
 * units of the property currency. Charges are positive, payments negative,
 * refunds positive (money handed back), a void is the exact negation of the
 * line it voids, a transfer moves a balance between folios (negative on the
 * source, positive on the target). The balance is the plain sum of the
 * lines: positive means the guest owes the hotel.
 *
 * VAT rounding rule: charge amounts are entered gross (VAT included, as
 * hotels quote prices). The VAT in a line is
 *     vat = gross * r / (10000 + r)      (r: the rate in basis points)
 * rounded half away from zero, once per line, in minor units
 * (fd_money_mul_div). Totals add the per-line VAT; VAT is never recomputed
 * on a total, so an invoice's VAT always equals the sum of its lines. */
#ifndef FD_CORE_FOLIO_H
#define FD_CORE_FOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/error.h"

#define FD_LINE_TEXT_LEN 256
#define FD_METHOD_LEN 16
/* The charge code of a paid-out line (folio.paid_out); never posted. */
#define FD_PAID_OUT_CODE "PAIDOUT"
/* The charge code of a deposit kept as a cancellation fee (VAT 0). */
#define FD_CANCEL_FEE_CODE "CXLFEE"
/* The no-show policy's fee, posted by the night audit (core/policy.h). */
#define FD_NOSHOW_FEE_CODE "NOSHOW"

enum fd_line_kind { FD_LINE_CHARGE, FD_LINE_PAYMENT, FD_LINE_REFUND, FD_LINE_VOID, FD_LINE_TRANSFER };
enum fd_folio_kind { FD_FOLIO_GUEST, FD_FOLIO_COMPANY };

struct fd_charge_code {
	char code[FD_TYPECODE_LEN];
	char name[FD_NAME_LEN];
	int vat_bp;   /* VAT rate in basis points: 1000 = 10 % */
	bool is_room; /* room revenue (night audit posts it; routed to company folios) */
	int64_t version;
};

struct fd_folio {
	char id[FD_ID_LEN];
	char booking_id[FD_ID_LEN]; /* the booking it belongs to */
	enum fd_folio_kind kind;
	char name[FD_NAME_LEN];    /* "Guest", "Company: ACME", ... */
	char company[FD_NAME_LEN]; /* company account for direct bill */
	bool route_room;           /* room charges are posted here */
	int64_t version;
};

struct fd_folio_line {
	char id[FD_ID_LEN];
	char folio_id[FD_ID_LEN];
	enum fd_line_kind kind;
	char code[FD_TYPECODE_LEN]; /* charge code, or payment method for payments/refunds */
	char description[FD_LINE_TEXT_LEN];
	int64_t amount;                /* effect on the balance (see above) */
	int64_t tax;                   /* VAT included in amount, same sign */
	int quantity;                  /* a charge: units posted (0 is read as 1) */
	int64_t unit_price;            /* a charge: price of one unit (amount = quantity x unit_price) */
	fd_date date;                  /* business date it belongs to */
	char method[FD_METHOD_LEN];    /* cash, card, bank_transfer, direct_bill */
	char ref[64];                  /* processor or bank reference */
	char last4[5];                 /* card: last four digits only */
	char voids[FD_ID_LEN];         /* the line a void cancels */
	char reason[FD_LINE_TEXT_LEN]; /* voids, refunds and paid-outs */
	char reverses[FD_ID_LEN];      /* a refund: the payment it gives back */
	char actor[FD_USER_LEN];
	int64_t created_at;
	int64_t version;
};

/* A company or travel agent account (the city ledger): folios billed to it
 * name it by name; direct billing needs allows_direct_bill and stays within
 * credit_limit (minor units; 0: no credit). */
struct fd_company {
	char id[FD_ID_LEN];
	char name[FD_NAME_LEN];
	bool agent; /* a travel agent rather than a company */
	char address[256];
	char vat[64]; /* tax / VAT number */
	char contact[FD_NAME_LEN];
	int64_t credit_limit;
	bool direct_bill;
	int64_t version;
};

/* A closed business day: the night audit's report row. */
struct fd_day_report {
	fd_date date;
	int64_t rooms_total;
	int64_t rooms_ooo;
	int64_t rooms_sold;
	int64_t room_revenue;
	int64_t arrivals;
	int64_t departures;
	int64_t cancellations;
	int64_t no_shows;
	char closed_by[FD_USER_LEN];
	int64_t closed_at;
};

/* A room held back by an outside calendar (an OTA's iCalendar feed): not a
 * booking, but the room is out of inventory for nights start <= d < end. */
struct fd_room_block {
	char room[FD_ROOMNO_LEN];
	char uid[256]; /* the event's UID in its feed */
	fd_date start, end;
	char summary[128];
	char source[64]; /* which feed */
	int64_t version;
};

/* Lists of bookings the night audit works through for business date d. */
enum fd_audit_list {
	FD_AUDIT_IN_HOUSE, /* checked in and staying the night of d */
	FD_AUDIT_DUE,      /* reserved, due on or before d (no-show candidates) */
	FD_AUDIT_OVERSTAY, /* checked in, but due out on or before d */
};

struct fd_folio_totals {
	int64_t charges;  /* charges net of their voids */
	int64_t payments; /* as a positive figure, net of voids and refunds */
	int64_t tax;      /* VAT in the charges */
	int64_t balance;  /* sum of all lines */
};

const char *fd_line_kind_name(enum fd_line_kind k);
bool fd_line_kind_parse(const char *s, enum fd_line_kind *out);
const char *fd_folio_kind_name(enum fd_folio_kind k);
bool fd_folio_kind_parse(const char *s, enum fd_folio_kind *out);
/* cash, card, bank_transfer (direct_bill is only made by a settlement). */
bool fd_payment_method_valid(const char *method);

/* The VAT included in a gross amount (any sign); false on overflow or a
 * rate outside 0..10000 basis points. */
bool fd_vat_included(int64_t gross, int vat_bp, int64_t *vat);
/* A VAT rate as people write it: a percentage from 0 to 100 with at most
 * two decimals ("19", "7.5", "7,5", "19 %"), into basis points; false
 * when the text is not one. */
bool fd_vat_rate_parse(const char *text, int *vat_bp);
/* "19", "7.5", "5.25": a rate in basis points as a percentage, without
 * trailing zeros (the form fd_vat_rate_parse reads back). */
char *fd_vat_rate_format(int vat_bp, char *buf, size_t n);
/* Sum lines; false if a sum would overflow int64. */
bool fd_folio_sum(const struct fd_folio_line *lines, size_t n, struct fd_folio_totals *out);
/* Is line `id` voided by some line of lines[0..n)? */
bool fd_folio_line_voided(const struct fd_folio_line *lines, size_t n, const char *id);
/* Build the void of orig (fills kind, amount, tax, code, folio, voids,
 * description); refuses voiding a void, a transfer or an already voided line. */
enum fd_status fd_folio_make_void(const struct fd_folio_line *orig, bool already_voided,
                                  struct fd_folio_line *out, struct fd_error *err);
/* Card reference checks: last4 is empty or exactly four digits. */
bool fd_last4_valid(const char *s);

#endif
