// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/folio.h"
#include "core/i18n.h"
#include "core/money.h"

const char *const fd_doc_setting_keys[] = {"legal_name",   "address",  "tax_id", "doc_footer",
                                           "cancel_terms", "language", NULL};

void fd_doc_init(struct fd_doc *doc)
{
	memset(doc, 0, sizeof *doc);
}

struct fd_doc_line *fd_doc_add_line(struct fd_doc *doc)
{
	/* Grow in steps of 64 lines: lists are a page or a few. */
	if (doc->n_lines % 64 == 0) {
		struct fd_doc_line *p = realloc(doc->lines, (size_t)(doc->n_lines + 64) * sizeof *p);
		if (!p)
			return NULL;
		doc->lines = p;
	}
	struct fd_doc_line *l = &doc->lines[doc->n_lines++];
	memset(l, 0, sizeof *l);
	return l;
}

void fd_doc_clear(struct fd_doc *doc)
{
	free(doc->lines);
	doc->lines = NULL;
	doc->n_lines = 0;
}

static void add_fact(struct fd_doc *d, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add_fact(struct fd_doc *d, const char *label, const char *fmt, ...)
{
	if (d->n_facts == FD_DOC_MAX_FACTS)
		return;
	struct fd_doc_pair *p = &d->facts[d->n_facts++];
	snprintf(p->label, sizeof p->label, "%s", label);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->value, sizeof p->value, fmt, ap);
	va_end(ap);
}

static void add_total(struct fd_doc *d, const char *label, int64_t minor, const char *currency)
{
	if (d->n_totals == FD_DOC_MAX_TOTALS)
		return;
	struct fd_doc_pair *p = &d->totals[d->n_totals++];
	snprintf(p->label, sizeof p->label, "%s", label);
	fd_money_format(minor, currency, p->value, sizeof p->value);
}

static void setting(const struct fd_repo *repo, const char *key, char *out, size_t size)
{
	out[0] = '\0';
	if (repo->get_setting(repo->ctx, key, out, size, NULL) != FD_OK)
		out[0] = '\0';
}

/* The hotel's block: legal name (or the property's name), address, tax
 * number. */
static void issuer(const struct fd_repo *repo, const struct fd_property *prop, struct fd_doc *d)
{
	char v[FD_DOC_TEXT];
	setting(repo, "legal_name", v, sizeof v);
	snprintf(d->issuer[d->n_issuer++], FD_DOC_TEXT, "%s", v[0] ? v : prop->name);
	setting(repo, "address", v, sizeof v);
	if (v[0])
		snprintf(d->issuer[d->n_issuer++], FD_DOC_TEXT, "%s", v);
	setting(repo, "tax_id", v, sizeof v);
	if (v[0])
		snprintf(d->issuer[d->n_issuer++], FD_DOC_TEXT, _("VAT number: %s"), v);
}

/* The hotel's own footer (bank details, registration), last. */
static void footer(const struct fd_repo *repo, struct fd_doc *d)
{
	char v[FD_DOC_TEXT * 3];
	setting(repo, "doc_footer", v, sizeof v);
	if (v[0] && d->n_terms < (int)(sizeof d->terms / sizeof *d->terms))
		snprintf(d->terms[d->n_terms++], sizeof d->terms[0], "%s", v);
}

static void guest_name(const struct fd_guest *g, char *out, size_t size)
{
	if (g->given[0])
		snprintf(out, size, "%.90s, %.90s", g->family, g->given);
	else
		snprintf(out, size, "%s", g->family);
}

/* A line of the party block, "label: value" when there is a label. */
static void add_party(struct fd_doc *d, const char *label, const char *value)
{
	if (!value[0] || d->n_party == (int)(sizeof d->party / sizeof *d->party))
		return;
	if (label)
		snprintf(d->party[d->n_party++], FD_DOC_TEXT, "%s: %s", label, value);
	else
		snprintf(d->party[d->n_party++], FD_DOC_TEXT, "%s", value);
}

static void guest_party(const struct fd_guest *g, struct fd_doc *d)
{
	char name[FD_DOC_TEXT];
	guest_name(g, name, sizeof name);
	add_party(d, NULL, name);
	add_party(d, NULL, g->email);
	add_party(d, NULL, g->phone);
	add_party(d, NULL, g->country);
}

const struct fd_lang *fd_doc_lang_enter(const struct fd_doc *doc)
{
	const struct fd_lang *l = doc->lang[0] ? fd_lang_get(doc->lang) : NULL;
	return l ? fd_lang_use(l) : fd_lang_current();
}

/* Write the rest of d in the guest's language, else the property's (the
 * caller restores the thread's language). */
static void speak_to(const struct fd_repo *repo, const struct fd_guest *g, struct fd_doc *d)
{
	char code[16] = "";
	if (g->language[0])
		snprintf(code, sizeof code, "%s", g->language);
	else
		setting(repo, "language", code, sizeof code);
	const struct fd_lang *l = code[0] ? fd_lang_get(code) : NULL;
	if (!l)
		return;
	snprintf(d->lang, sizeof d->lang, "%s", l->code);
	fd_lang_use(l);
}

/* What every document of a booking starts with; from here on the
 * thread speaks the document's language. */
static enum fd_status load(const struct fd_repo *repo, const char *key, struct fd_property *prop,
                           struct fd_booking *b, struct fd_guest *g, struct fd_room_type *t, struct fd_doc *d,
                           struct fd_error *err)
{
	enum fd_status st = repo->get_booking(repo->ctx, key, b, err);
	if (st == FD_E_NOT_FOUND) {
		fd_fail(err, st, "booking_not_found", "booking", _("No booking %s."), key);
		return FD_E_NOT_FOUND;
	}
	if (st || (st = repo->get_property(repo->ctx, prop, err)) ||
	    (st = repo->get_guest(repo->ctx, b->guest_id, g, err)))
		return st;
	speak_to(repo, g, d);
	if (repo->get_room_type(repo->ctx, b->type_code, t, NULL) != FD_OK)
		snprintf(t->name, sizeof t->name, "%s", b->type_code);
	return FD_OK;
}

static void stay_facts(const struct fd_booking *b, const struct fd_room_type *t, struct fd_doc *d)
{
	char a[FD_DATE_STRLEN], z[FD_DATE_STRLEN];
	int nights = fd_stay_nights(b->arrival, b->departure);
	add_fact(d, _("Confirmation code"), "%s", b->code);
	add_fact(d, _("Arrival"), "%s", fd_date_format(b->arrival, a));
	add_fact(d, _("Departure"), "%s", fd_date_format(b->departure, z));
	if (fd_booking_day_use(b))
		add_fact(d, _("Nights"), "%s", _("day use (no night)"));
	else
		add_fact(d, _("Nights"), ngettext("%d night", "%d nights", nights), nights);
	add_fact(d, _("Room type"), "%s", t->name);
	add_fact(d, _("Room"), "%s", b->room[0] ? b->room : _("not assigned yet"));
	char adults[48], kids[48] = "";
	snprintf(adults, sizeof adults, ngettext("%d adult", "%d adults", b->adults), b->adults);
	if (b->children > 0)
		snprintf(kids, sizeof kids, ngettext(", %d child", ", %d children", b->children),
		         b->children);
	add_fact(d, _("Guests"), "%s%s", adults, kids);
}

static void vat_rate_text(int bp, char *out, size_t size)
{
	if (bp % 100 == 0)
		snprintf(out, size, "%d %%", bp / 100);
	else
		snprintf(out, size, "%d.%02d %%", bp / 100, bp % 100);
}

/* The folio of the bill: the one asked for, or the booking's guest folio. */
static enum fd_status pick_folio(const struct fd_repo *repo, const struct fd_booking *b, const char *folio_id,
                                 struct fd_folio *out, struct fd_error *err)
{
	struct fd_folio *list = NULL;
	int n = 0;
	enum fd_status st = repo->booking_folios(repo->ctx, b->id, &list, &n, err);
	if (st)
		return st;
	st = FD_E_NOT_FOUND;
	for (int i = 0; i < n && st; i++)
		if (folio_id[0] ? strcmp(list[i].id, folio_id) == 0 : list[i].kind == FD_FOLIO_GUEST) {
			*out = list[i];
			st = FD_OK;
		}
	free(list);
	if (st)
		return fd_fail(err, FD_E_NOT_FOUND, "folio_not_found", "folio",
		               folio_id[0] ? _("Booking %s has no folio %s.")
		                           : _("Booking %s has no bill yet."),
		               b->code, folio_id);
	return FD_OK;
}

struct vat_sum {
	int bp;
	int64_t vat, gross;
};

static void add_vat(struct vat_sum *sums, int *n, int bp, int64_t vat, int64_t gross)
{
	for (int i = 0; i < *n; i++)
		if (sums[i].bp == bp) {
			sums[i].vat += vat;
			sums[i].gross += gross;
			return;
		}
	if (*n < 8)
		sums[(*n)++] = (struct vat_sum){bp, vat, gross};
}

static const char *payment_text(const struct fd_folio_line *l)
{
	if (strcmp(l->method, "cash") == 0)
		return _("Payment, cash");
	if (strcmp(l->method, "card") == 0)
		return _("Payment, card");
	if (strcmp(l->method, "bank_transfer") == 0)
		return _("Payment, bank transfer");
	if (strcmp(l->method, "direct_bill") == 0)
		return _("Transferred to the company account");
	return _("Payment");
}

/* One table line per line of the bill; a voided line and its void cancel
 * out and are left off, as a guest's bill shows what stands. */
static void bill_lines(const struct fd_repo *repo, const struct fd_folio_line *lines, int n,
                       const char *currency, struct fd_doc *d, struct vat_sum *sums, int *n_sums)
{
	d->lines = calloc((size_t)(n ? n : 1), sizeof *d->lines);
	if (!d->lines)
		return;
	for (int i = 0; i < n; i++) {
		const struct fd_folio_line *l = &lines[i];
		if (l->kind == FD_LINE_VOID || fd_folio_line_voided(lines, (size_t)n, l->id))
			continue;
		struct fd_doc_line *out = &d->lines[d->n_lines++];
		fd_date_format(l->date, out->date);
		fd_money_format(l->amount, currency, out->amount, sizeof out->amount);
		if (l->kind == FD_LINE_CHARGE) {
			struct fd_charge_code cc = {0};
			if (repo->get_charge_code(repo->ctx, l->code, &cc, NULL) != FD_OK)
				cc.vat_bp = 0;
			snprintf(out->description, sizeof out->description, "%s", l->description);
			int qty = l->quantity > 1 && l->quantity < 100000 ? l->quantity : 1;
			snprintf(out->quantity, sizeof out->quantity, "%d", qty);
			fd_money_format(qty > 1 ? l->unit_price : l->amount, currency, out->unit_price,
			                sizeof out->unit_price);
			vat_rate_text(cc.vat_bp, out->vat_rate, sizeof out->vat_rate);
			add_vat(sums, n_sums, cc.vat_bp, l->tax, l->amount);
		} else if (l->kind == FD_LINE_REFUND) {
			snprintf(out->description, sizeof out->description, "%s", _("Refund"));
		} else {
			snprintf(out->description, sizeof out->description, "%s", payment_text(l));
		}
	}
}

static enum fd_status bill(const struct fd_repo *repo, const char *booking_key, const char *folio_id,
                           struct fd_doc *doc, struct fd_error *err)
{
	struct fd_property prop;
	struct fd_booking b;
	struct fd_guest g;
	struct fd_room_type t = {0};
	struct fd_folio f;
	enum fd_status st = load(repo, booking_key, &prop, &b, &g, &t, doc, err);
	if (st || (st = pick_folio(repo, &b, folio_id ? folio_id : "", &f, err)))
		return st;
	struct fd_folio_line *lines = NULL;
	int n = 0;
	if ((st = repo->folio_lines(repo->ctx, f.id, &lines, &n, err)))
		return st;
	doc->kind = FD_DOC_BILL;
	snprintf(doc->folio_id, sizeof doc->folio_id, "%s", f.id);
	snprintf(doc->title, sizeof doc->title, "%s", _("Bill"));
	snprintf(doc->notice, sizeof doc->notice, "%s",
	         _("Provisional bill: not a tax invoice. A numbered invoice is issued at check-out."));
	issuer(repo, &prop, doc);
	if (f.kind == FD_FOLIO_COMPANY) {
		snprintf(doc->party_label, sizeof doc->party_label, "%s", _("Bill to"));
		add_party(doc, NULL, f.company[0] ? f.company : f.name);
		char name[FD_DOC_TEXT];
		guest_name(&g, name, sizeof name);
		add_party(doc, _("Guest"), name);
	} else {
		snprintf(doc->party_label, sizeof doc->party_label, "%s", _("Bill to"));
		guest_party(&g, doc);
	}
	stay_facts(&b, &t, doc);
	const char *cols[6] = {_("Date"), _("Description"), _("Qty"), _("Unit price"), _("VAT"), _("Amount")};
	for (int i = 0; i < 6; i++)
		snprintf(doc->columns[i], sizeof doc->columns[i], "%s", cols[i]);
	struct vat_sum sums[8];
	int n_sums = 0;
	bill_lines(repo, lines, n, prop.currency, doc, sums, &n_sums);
	struct fd_folio_totals tot;
	bool ok = fd_folio_sum(lines, (size_t)n, &tot);
	free(lines);
	if (!doc->lines || !ok)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	for (int i = 0; i < n_sums; i++) {
		char rate[16], label[64];
		vat_rate_text(sums[i].bp, rate, sizeof rate);
		char gross[FD_MONEY_STRLEN];
		fd_money_format(sums[i].gross, prop.currency, gross, sizeof gross);
		snprintf(label, sizeof label, _("VAT %s (on %s)"), rate, gross);
		add_total(doc, label, sums[i].vat, prop.currency);
	}
	add_total(doc, _("Total charges"), tot.charges, prop.currency);
	add_total(doc, _("of which VAT"), tot.tax, prop.currency);
	add_total(doc, _("Paid"), tot.payments, prop.currency);
	add_total(doc, _("Balance due"), tot.balance, prop.currency);
	footer(repo, doc);
	return FD_OK;
}

/* A booking's price for its stay: the sum of its prices per night (a
 * booking on a rate plan), else its rate for every night (once for a
 * day-use stay). *plan: the rate plan's code, or "". */
static int64_t stay_total(const struct fd_repo *repo, const struct fd_booking *b, char plan[FD_PLAN_CODE_LEN])
{
	struct fd_booking_night *n = NULL;
	int count = 0;
	int64_t sum = 0;
	plan[0] = '\0';
	if (repo->booking_nights && repo->booking_nights(repo->ctx, b->id, &n, &count, NULL) == FD_OK &&
	    count) {
		snprintf(plan, FD_PLAN_CODE_LEN, "%s", n[0].plan);
		for (int i = 0; i < count; i++)
			sum += n[i].amount;
	} else {
		sum = b->rate * (fd_booking_day_use(b) ? 1 : fd_stay_nights(b->arrival, b->departure));
	}
	free(n);
	return sum;
}

/* A guest's document about a booking: the hotel, the guest, the stay and
 * the nightly rate; the caller adds what is its own. */
static enum fd_status guest_doc(const struct fd_repo *repo, const char *booking_key, enum fd_doc_kind kind,
                                const char *title, struct fd_doc *doc, struct fd_property *prop,
                                struct fd_booking *b, struct fd_guest *g, struct fd_error *err)
{
	struct fd_room_type t = {0};
	enum fd_status st = load(repo, booking_key, prop, b, g, &t, doc, err);
	if (st)
		return st;
	doc->kind = kind;
	snprintf(doc->title, sizeof doc->title, "%s", _(title)); /* in the document's language */
	issuer(repo, prop, doc);
	snprintf(doc->party_label, sizeof doc->party_label, "%s", _("Guest"));
	guest_party(g, doc);
	stay_facts(b, &t, doc);
	char rate[FD_MONEY_STRLEN], plan[FD_PLAN_CODE_LEN];
	stay_total(repo, b, plan);
	if (plan[0]) {
		/* prices per night: the plan, and the nights as sold */
		struct fd_rate_plan rp;
		if (repo->get_rate_plan(repo->ctx, plan, &rp, NULL) == FD_OK)
			add_fact(doc, _("Rate plan"), "%s (%s)", rp.name, rp.code);
		else
			add_fact(doc, _("Rate plan"), "%s", plan);
		struct fd_booking_night *n = NULL;
		int count = 0;
		char list[256] = "";
		size_t len = 0;
		if (repo->booking_nights(repo->ctx, b->id, &n, &count, NULL) == FD_OK)
			for (int i = 0; i < count && len < sizeof list; i++) {
				char day[FD_DATE_STRLEN];
				len += (size_t)snprintf(
				    list + len, sizeof list - len, "%s%s %s", i ? ", " : "",
				    fd_date_format(n[i].night, day),
				    fd_money_format_plain(n[i].amount, prop->currency, rate, sizeof rate));
			}
		free(n);
		add_fact(doc, _("Rates per night"), "%s", list);
		return FD_OK;
	}
	add_fact(doc, _("Rate per night"), "%s", fd_money_format(b->rate, prop->currency, rate, sizeof rate));
	return FD_OK;
}

static enum fd_status regcard(const struct fd_repo *repo, const char *booking_key, struct fd_doc *doc,
                              struct fd_error *err)
{
	struct fd_property prop;
	struct fd_booking b;
	struct fd_guest g;
	enum fd_status st =
	    guest_doc(repo, booking_key, FD_DOC_REGCARD, N_("Registration card"), doc, &prop, &b, &g, err);
	if (st)
		return st;
	add_party(doc, _("Document"), g.document);
	snprintf(doc->terms[doc->n_terms++], sizeof doc->terms[0], "%s",
	         _("I confirm that the details above are correct and agree to pay the charges of my stay."));
	doc->signature = true;
	snprintf(doc->signature_label, sizeof doc->signature_label, "%s", _("Guest's signature"));
	footer(repo, doc);
	return FD_OK;
}

static enum fd_status confirmation(const struct fd_repo *repo, const char *booking_key, struct fd_doc *doc,
                                   struct fd_error *err)
{
	struct fd_property prop;
	struct fd_booking b;
	struct fd_guest g;
	enum fd_status st = guest_doc(repo, booking_key, FD_DOC_CONFIRMATION, N_("Booking confirmation"), doc,
	                              &prop, &b, &g, err);
	if (st)
		return st;
	/* A day-use stay is charged its rate once; a plan's nights each their price. */
	char total[FD_MONEY_STRLEN], plan[FD_PLAN_CODE_LEN];
	add_fact(doc, _("Total for the stay"), "%s",
	         fd_money_format(stay_total(repo, &b, plan), prop.currency, total, sizeof total));
	struct fd_folio f;
	struct fd_folio_line *lines = NULL;
	int n = 0;
	struct fd_folio_totals tot = {0};
	if (pick_folio(repo, &b, "", &f, NULL) == FD_OK &&
	    repo->folio_lines(repo->ctx, f.id, &lines, &n, NULL) == FD_OK &&
	    fd_folio_sum(lines, (size_t)n, &tot) && tot.payments > 0) {
		char paid[FD_MONEY_STRLEN];
		add_fact(doc, _("Deposit paid"), "%s",
		         fd_money_format(tot.payments, prop.currency, paid, sizeof paid));
	}
	free(lines);
	char terms[FD_DOC_TEXT * 3];
	setting(repo, "cancel_terms", terms, sizeof terms);
	snprintf(doc->terms[doc->n_terms++], sizeof doc->terms[0], "%s",
	         terms[0]
	             ? terms
	             : _("To change or cancel this booking, contact the hotel and quote the code above."));
	footer(repo, doc);
	return FD_OK;
}

/* The documents, each written in its reader's language: the thread's is
 * restored after. */
enum fd_status fd_doc_bill(const struct fd_repo *repo, const char *booking_key, const char *folio_id,
                           struct fd_doc *doc, struct fd_error *err)
{
	const struct fd_lang *prev = fd_lang_current();
	enum fd_status st = bill(repo, booking_key, folio_id, doc, err);
	fd_lang_use(prev);
	return st;
}

enum fd_status fd_doc_regcard(const struct fd_repo *repo, const char *booking_key, struct fd_doc *doc,
                              struct fd_error *err)
{
	const struct fd_lang *prev = fd_lang_current();
	enum fd_status st = regcard(repo, booking_key, doc, err);
	fd_lang_use(prev);
	return st;
}

enum fd_status fd_doc_confirmation(const struct fd_repo *repo, const char *booking_key, struct fd_doc *doc,
                                   struct fd_error *err)
{
	const struct fd_lang *prev = fd_lang_current();
	enum fd_status st = confirmation(repo, booking_key, doc, err);
	fd_lang_use(prev);
	return st;
}
