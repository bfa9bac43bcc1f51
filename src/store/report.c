// SPDX-License-Identifier: GPL-3.0-or-later
/* Reports built from the books (the definitions are in report.h). One
 * grouped query per figure over the whole range, never one per day. */
#include "config.h"
#include "store/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/folio.h"
#include "core/kpi.h"

static const struct tab_col summary_cols[] = {
    {"rooms_sold", TAB_INT},  {"room_revenue_minor", TAB_MONEY},    {"adr_minor", TAB_MONEY},
    {"occupancy", TAB_RATIO}, {"revpar_minor", TAB_MONEY},          {"arrivals", TAB_INT},
    {"departures", TAB_INT},  {"cancellations", TAB_INT},           {"no_shows", TAB_INT},
    {"day_uses", TAB_INT},    {"day_use_revenue_minor", TAB_MONEY},
};

static const struct tab_col daily_cols[] = {
    {"date", TAB_TEXT},
    {"rooms_available", TAB_INT},
    {"rooms_sold", TAB_INT},
    {"occupancy", TAB_RATIO},
    {"room_revenue_minor", TAB_MONEY},
    {"adr_minor", TAB_MONEY},
    {"revpar_minor", TAB_MONEY},
    {"arrivals", TAB_INT},
    {"departures", TAB_INT},
    {"cancellations", TAB_INT},
    {"no_shows", TAB_INT},
    {"day_uses", TAB_INT},
    {"day_use_revenue_minor", TAB_MONEY},
};

static const struct tab_col hk_cols[] = {
    {"attendant", TAB_TEXT},  {"tasks_done", TAB_INT}, {"cleans", TAB_INT},
    {"inspections", TAB_INT}, {"turndowns", TAB_INT},  {"days", TAB_INT},
};

/* The shift close, gross: what was taken, given back and paid out, and the
 * voids of those lines, each on its own; net is what the drawer or the
 * card terminal should show. */
static const struct tab_col cashier_cols[] = {
    {"staff", TAB_TEXT},           {"method", TAB_TEXT},         {"lines", TAB_INT},
    {"payments_minor", TAB_MONEY}, {"refunds_minor", TAB_MONEY}, {"paid_outs_minor", TAB_MONEY},
    {"voids_minor", TAB_MONEY},    {"net_minor", TAB_MONEY},
};

#define N_OF(a) (int)(sizeof a / sizeof *a)

static void set_int(struct tab_cell *c, int64_t v)
{
	c->null = false;
	c->i = v;
}

static void kpi_cells(struct tab_cell *sold, struct tab_cell *occ, struct tab_cell *adr,
                      struct tab_cell *revpar, const struct fd_kpi *k, int64_t rooms_sold)
{
	set_int(sold, rooms_sold);
	if (k->has_occupancy) {
		occ->null = false;
		occ->r = k->occupancy;
	}
	if (k->has_adr)
		set_int(adr, k->adr);
	if (k->has_revpar)
		set_int(revpar, k->revpar);
}

/* One grouped query per figure over the whole range (the same definitions
 * as the night audit's per-day count in src/store/repo_folio.c). */
static enum fd_status group_counts(struct fd_db *db, const char *sql, fd_date from, fd_date to,
                                   struct fd_day_report *days, int64_t *(*slot)(struct fd_day_report *, int),
                                   struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, sql, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_date d = sqlite3_column_int(s, 0);
		if (d < from || d > to)
			continue;
		for (int k = 1; k < sqlite3_column_count(s); k++)
			*slot(&days[d - from], k) = sqlite3_column_int64(s, k);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "counting a report");
}

static int64_t *slot_sold(struct fd_day_report *r, int k)
{
	return k == 1 ? &r->rooms_sold : &r->room_revenue;
}
static int64_t *slot_arr(struct fd_day_report *r, int k)
{
	(void)k;
	return &r->arrivals;
}
static int64_t *slot_dep(struct fd_day_report *r, int k)
{
	(void)k;
	return &r->departures;
}
static int64_t *slot_lost(struct fd_day_report *r, int k)
{
	return k == 1 ? &r->cancellations : &r->no_shows;
}

static const char sql_sold[] =
    "SELECT n.night, count(*), sum(ifnull(r.amount - r.included, b.rate)) FROM stay_nights n"
    " JOIN bookings b ON b.id = n.booking_id"
    " LEFT JOIN booking_rates r ON r.booking_id = n.booking_id AND r.night = n.night"
    " WHERE n.night BETWEEN ?1 AND ?2 GROUP BY n.night";
static const char sql_arr[] = "SELECT arrival, count(*) FROM bookings WHERE arrival BETWEEN ?1 AND ?2"
                              " AND status IN ('reserved','checked_in','checked_out') GROUP BY arrival";
static const char sql_dep[] = "SELECT departure, count(*) FROM bookings WHERE departure BETWEEN ?1 AND ?2"
                              " AND status IN ('reserved','checked_in','checked_out') GROUP BY departure";
static const char sql_lost[] =
    "SELECT arrival, sum(status = 'cancelled'), sum(status = 'no_show') FROM bookings"
    " WHERE arrival BETWEEN ?1 AND ?2 AND status IN ('cancelled','no_show') GROUP BY arrival";

/* Day-use stays (arrival = departure): no room-night sold, so no part of
 * occupancy, ADR or RevPAR; their count and rates are figures of their own. */
static const char sql_day_use[] = "SELECT arrival, count(*), sum(rate) FROM bookings WHERE arrival BETWEEN "
                                  "?1 AND ?2 AND departure = arrival"
                                  " AND status IN ('reserved','checked_in','checked_out') GROUP BY arrival";

struct day_use {
	int64_t n, revenue;
};

static enum fd_status count_day_uses(struct fd_db *db, fd_date from, fd_date to, struct day_use *out,
                                     struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, sql_day_use, err);
	if (!s)
		return err->status;
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fd_date d = sqlite3_column_int(s, 0);
		if (d >= from && d <= to)
			out[d - from] =
			    (struct day_use){sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2)};
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "counting day-use stays");
}

static enum fd_status range_days(struct fd_db *db, fd_date from, fd_date to, struct fd_day_report *days,
                                 struct fd_error *err)
{
	int64_t rooms = 0;
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT count(*) FROM rooms", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	if (sqlite3_step(s) == SQLITE_ROW)
		rooms = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	for (fd_date d = from; d <= to; d++) {
		memset(&days[d - from], 0, sizeof days[0]);
		days[d - from].date = d;
		days[d - from].rooms_total = rooms;
	}
	s = fd_db_stmt(db,
	               "SELECT maint_from, maint_to FROM rooms WHERE maint = 'ooo'"
	               " AND maint_from <= ?2 AND maint_to > ?1",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	while (sqlite3_step(s) == SQLITE_ROW) {
		fd_date a = sqlite3_column_int(s, 0), b = sqlite3_column_int(s, 1);
		for (fd_date d = a > from ? a : from; d < b && d <= to; d++)
			days[d - from].rooms_ooo++;
	}
	sqlite3_reset(s);
	enum fd_status st;
	if ((st = group_counts(db, sql_sold, from, to, days, slot_sold, err)) ||
	    (st = group_counts(db, sql_arr, from, to, days, slot_arr, err)) ||
	    (st = group_counts(db, sql_dep, from, to, days, slot_dep, err)))
		return st;
	return group_counts(db, sql_lost, from, to, days, slot_lost, err);
}

static enum fd_status count_range(struct fd_db *db, fd_date from, fd_date to, bool per_day, struct tab *t,
                                  struct fd_error *err)
{
	char ooo[8];
	const struct fd_repo *repo = fd_db_repo(db);
	if (repo->get_setting(repo->ctx, "ooo_available", ooo, sizeof ooo, NULL) != FD_OK)
		snprintf(ooo, sizeof ooo, "0");
	struct fd_kpi_counts total = {.ooo_available = strcmp(ooo, "1") == 0};
	int64_t arr = 0, dep = 0, canc = 0, ns = 0, du = 0, du_rev = 0;
	struct fd_day_report *days = calloc((size_t)(to - from + 1), sizeof *days);
	struct day_use *uses = calloc((size_t)(to - from + 1), sizeof *uses);
	if (!days || !uses) {
		free(days);
		free(uses);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	enum fd_status st = range_days(db, from, to, days, err);
	if (!st)
		st = count_day_uses(db, from, to, uses, err);
	for (fd_date d = from; !st && d <= to; d++) {
		const struct fd_day_report r = days[d - from];
		if (per_day) {
			struct fd_kpi_counts c = {.room_nights = r.rooms_total,
			                          .ooo_nights = r.rooms_ooo,
			                          .rooms_sold = r.rooms_sold,
			                          .room_revenue = r.room_revenue,
			                          .ooo_available = total.ooo_available};
			struct fd_kpi k;
			fd_kpi_compute(&c, &k);
			struct tab_cell *row = tab_row(t);
			if (!row) {
				st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
				break;
			}
			fd_date_format(d, row[0].t);
			row[0].null = false;
			set_int(&row[1], k.rooms_available);
			kpi_cells(&row[2], &row[3], &row[5], &row[6], &k, r.rooms_sold);
			set_int(&row[4], r.room_revenue);
			set_int(&row[7], r.arrivals);
			set_int(&row[8], r.departures);
			set_int(&row[9], r.cancellations);
			set_int(&row[10], r.no_shows);
			set_int(&row[11], uses[d - from].n);
			set_int(&row[12], uses[d - from].revenue);
		}
		du += uses[d - from].n;
		du_rev += uses[d - from].revenue;
		total.room_nights += r.rooms_total;
		total.ooo_nights += r.rooms_ooo;
		total.rooms_sold += r.rooms_sold;
		total.room_revenue += r.room_revenue;
		arr += r.arrivals;
		dep += r.departures;
		canc += r.cancellations;
		ns += r.no_shows;
	}
	free(days);
	free(uses);
	if (st || per_day)
		return st;
	struct fd_kpi k;
	fd_kpi_compute(&total, &k);
	struct tab_cell *row = tab_row(t);
	if (!row)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	kpi_cells(&row[0], &row[3], &row[2], &row[4], &k, total.rooms_sold);
	set_int(&row[1], total.room_revenue);
	set_int(&row[5], arr);
	set_int(&row[6], dep);
	set_int(&row[7], canc);
	set_int(&row[8], ns);
	set_int(&row[9], du);
	set_int(&row[10], du_rev);
	return FD_OK;
}

static enum fd_status hk_productivity(struct fd_db *db, fd_date from, fd_date to, struct tab *t,
                                      struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT attendant, count(*), sum(kind = 'clean'), sum(kind = 'inspect'),"
	                             " sum(kind = 'turndown'), count(DISTINCT date) FROM hk_tasks"
	                             " WHERE status = 'done' AND attendant <> '' AND date BETWEEN ?1 AND ?2"
	                             " GROUP BY attendant ORDER BY attendant",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct tab_cell *row = tab_row(t);
		if (!row)
			break;
		snprintf(row[0].t, sizeof row[0].t, "%s", (const char *)sqlite3_column_text(s, 0));
		row[0].null = false;
		for (int i = 1; i < 6; i++)
			set_int(&row[i], sqlite3_column_int64(s, i));
	}
	sqlite3_reset(s);
	return FD_OK;
}

static enum fd_status cashier(struct fd_db *db, fd_date from, fd_date to, const char *user, struct tab *t,
                              struct fd_error *err)
{
	/* Each kind gross and positive; a void counts what it gives back to
	 * the drawer (voiding a refund: positive), net is the sum. */
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "SELECT actor, method, count(*), sum(CASE WHEN kind = 'payment' THEN -amount END),"
	    " sum(CASE WHEN kind = 'refund' THEN amount END),"
	    " sum(CASE WHEN kind = 'charge' THEN amount END),"
	    " sum(CASE WHEN kind = 'void' THEN -amount END), sum(-amount) FROM folio_lines"
	    " WHERE (kind IN ('payment','refund','void') OR (kind = 'charge' AND code = '" FD_PAID_OUT_CODE
	    "'))"
	    " AND method IN ('cash','card','bank_transfer')"
	    " AND date BETWEEN ?1 AND ?2 AND (?3 = '' OR actor = ?3)"
	    " GROUP BY actor, method ORDER BY actor, method",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	sqlite3_bind_text(s, 3, user ? user : "", -1, SQLITE_TRANSIENT);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct tab_cell *row = tab_row(t);
		if (!row)
			break;
		for (int i = 0; i < 2; i++) {
			snprintf(row[i].t, sizeof row[i].t, "%s", (const char *)sqlite3_column_text(s, i));
			row[i].null = false;
		}
		for (int i = 2; i < 8; i++)
			set_int(&row[i], sqlite3_column_int64(s, i));
	}
	sqlite3_reset(s);
	return FD_OK;
}

/* The city ledger (accounts receivable ageing) at date `to`: per account,
 * what its folios owe, by the age of each line (days before `to`). */
static const struct tab_col ar_cols[] = {
    {"account", TAB_TEXT},           {"kind", TAB_TEXT},
    {"direct_bill", TAB_TEXT},       {"credit_limit_minor", TAB_MONEY},
    {"days_0_30_minor", TAB_MONEY},  {"days_31_60_minor", TAB_MONEY},
    {"days_61_90_minor", TAB_MONEY}, {"days_over_90_minor", TAB_MONEY},
    {"balance_minor", TAB_MONEY},
};

static enum fd_status city_ledger(struct fd_db *db, fd_date to, struct tab *t, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "SELECT c.name, c.kind, c.direct_bill, c.credit_limit,"
	    " ifnull(sum(CASE WHEN ?1 - l.date <= 30 THEN l.amount END), 0),"
	    " ifnull(sum(CASE WHEN ?1 - l.date BETWEEN 31 AND 60 THEN l.amount END), 0),"
	    " ifnull(sum(CASE WHEN ?1 - l.date BETWEEN 61 AND 90 THEN l.amount END), 0),"
	    " ifnull(sum(CASE WHEN ?1 - l.date > 90 THEN l.amount END), 0), ifnull(sum(l.amount), 0)"
	    " FROM companies c LEFT JOIN folios f ON f.company = c.name COLLATE NOCASE"
	    " LEFT JOIN folio_lines l ON l.folio_id = f.id AND l.date <= ?1"
	    " GROUP BY c.id ORDER BY c.name",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, to);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tab_cell *row = tab_row(t);
		if (!row)
			break;
		snprintf(row[0].t, sizeof row[0].t, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(row[1].t, sizeof row[1].t, "%s", (const char *)sqlite3_column_text(s, 1));
		snprintf(row[2].t, sizeof row[2].t, "%s", sqlite3_column_int(s, 2) ? "yes" : "no");
		row[0].null = row[1].null = row[2].null = false;
		for (int i = 3; i < 9; i++)
			set_int(&row[i], sqlite3_column_int64(s, i));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? FD_OK : fd_db_fail(db, err, "reading the city ledger");
}

static const char *const kind_names[FD_REPORT_KIND_COUNT] = {
    [FD_REPORT_SUMMARY] = "summary",    [FD_REPORT_DAILY] = "daily",     [FD_REPORT_FORECAST] = "forecast",
    [FD_REPORT_HK] = "hk-productivity", [FD_REPORT_CASHIER] = "cashier", [FD_REPORT_AR] = "ar",
};

const char *fd_report_kind_name(enum fd_report_kind kind)
{
	return kind < FD_REPORT_KIND_COUNT ? kind_names[kind] : "?";
}

bool fd_report_kind_parse(const char *name, enum fd_report_kind *out)
{
	for (int k = 0; k < FD_REPORT_KIND_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0) {
			*out = (enum fd_report_kind)k;
			return true;
		}
	return false;
}

enum fd_status fd_report_build(struct fd_db *db, enum fd_report_kind kind, fd_date from, fd_date to,
                               const char *user, const char *currency, struct tab *out, struct fd_error *err)
{
	switch (kind) {
	case FD_REPORT_SUMMARY:
		tab_init(out, summary_cols, N_OF(summary_cols), currency);
		break;
	case FD_REPORT_HK:
		tab_init(out, hk_cols, N_OF(hk_cols), currency);
		break;
	case FD_REPORT_CASHIER:
		tab_init(out, cashier_cols, N_OF(cashier_cols), currency);
		break;
	case FD_REPORT_AR:
		tab_init(out, ar_cols, N_OF(ar_cols), currency);
		break;
	default:
		tab_init(out, daily_cols, N_OF(daily_cols), currency);
		out->bar_col = 3;
		break;
	}
	if (to < from)
		return fd_fail(err, FD_E_INVALID, "invalid_range", "to",
		               _("The end date is before the start date."));
	if (to - from >= FD_REPORT_MAX_RANGE)
		return fd_fail(err, FD_E_INVALID, "invalid_range", "to",
		               _("The range may span at most %d days."), FD_REPORT_MAX_RANGE);
	switch (kind) {
	case FD_REPORT_SUMMARY:
		return count_range(db, from, to, false, out, err);
	case FD_REPORT_HK:
		return hk_productivity(db, from, to, out, err);
	case FD_REPORT_CASHIER:
		return cashier(db, from, to, user, out, err);
	case FD_REPORT_AR:
		return city_ledger(db, to, out, err);
	default:
		return count_range(db, from, to, true, out, err);
	}
}
