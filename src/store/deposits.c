// SPDX-License-Identifier: GPL-3.0-or-later
/* The deposits-due list's query; see deposits.h. */
#include "config.h"
#include "store/deposits.h"

#include <stdio.h>
#include <string.h>

#include "core/policy.h"
#include "core/repo.h"
#include "store/db_internal.h"
#include "store/row.h"

/* A booking's row and the facts a deposit is judged on: what its guest
 * folios hold, its first night's and whole stay's price, its plan's
 * deposit policy. */
#define DEPOSIT_SELECT                                                                                       \
	"SELECT " FD_BOOKING_ROW_COLS ","                                                                    \
	" (SELECT coalesce(-sum(l.amount), 0) FROM folios f JOIN folio_lines l"                              \
	"  ON l.folio_id = f.id WHERE f.booking_id = b.id AND f.kind = 'guest'),"                            \
	" coalesce((SELECT amount FROM booking_rates WHERE booking_id = b.id"                                \
	"  ORDER BY night LIMIT 1), b.rate),"                                                                \
	" coalesce((SELECT sum(amount) FROM booking_rates WHERE booking_id = b.id),"                         \
	"  b.rate * max(1, b.departure - b.arrival)),"                                                       \
	" coalesce((SELECT p.deposit_policy FROM booking_rates r JOIN rate_plans p"                          \
	"  ON p.code = r.plan WHERE r.booking_id = b.id ORDER BY r.night LIMIT 1), '')"                      \
	" FROM bookings b JOIN guests g ON g.id = b.guest_id"

static void read_facts(sqlite3_stmt *s, struct fd_booking_row *row, struct fd_deposit_facts *f)
{
	fd_read_booking_row(s, row);
	int64_t held = sqlite3_column_int64(s, FD_BOOKING_NCOLS + 4);
	const unsigned char *pol = sqlite3_column_text(s, FD_BOOKING_NCOLS + 7);
	f->held = held > 0 ? held : 0;
	f->first = sqlite3_column_int64(s, FD_BOOKING_NCOLS + 5);
	f->stay = sqlite3_column_int64(s, FD_BOOKING_NCOLS + 6);
	f->plan_policy = pol ? (const char *)pol : "";
}

enum fd_status fd_query_reserved_held(struct fd_db *db, fd_date from, fd_deposit_cb cb, void *ctx,
                                      struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db, DEPOSIT_SELECT " WHERE b.status = 'reserved' AND b.arrival >= ?1 ORDER BY b.arrival, b.code",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_booking_row row;
		struct fd_deposit_facts f;
		read_facts(s, &row, &f);
		if (!cb(ctx, &row, &f)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing deposits due");
}

static void property_policy(struct fd_db *db, char *out, size_t size)
{
	const struct fd_repo *repo = fd_db_repo(db);
	if (repo->get_setting(repo->ctx, FD_SETTING_DEPOSIT_POLICY, out, size, NULL) != FD_OK)
		out[0] = '\0';
}

struct due_ctx {
	char policy[FD_POLICY_LEN];
	const char *currency;
	fd_date today;
	int within;
	fd_deposit_due_cb cb;
	void *ctx;
};

static bool judge_one(void *ctx, const struct fd_booking_row *row, const struct fd_deposit_facts *f)
{
	struct due_ctx *d = ctx;
	struct fd_deposit_status s;
	if (!fd_deposit_judge(f->plan_policy, d->policy, d->currency, row->b.arrival, f->first, f->stay,
	                      f->held, d->today, d->within, &s))
		return true;
	return d->cb(d->ctx, row, &s);
}

enum fd_status fd_query_deposits_due(struct fd_db *db, fd_date today, int within, const char *currency,
                                     fd_deposit_due_cb cb, void *ctx, struct fd_error *err)
{
	struct due_ctx d = {.currency = currency, .today = today, .within = within, .cb = cb, .ctx = ctx};
	property_policy(db, d.policy, sizeof d.policy);
	return fd_query_reserved_held(db, today, judge_one, &d, err);
}

enum fd_status fd_query_booking_deposit(struct fd_db *db, const char *booking_id, fd_date today,
                                        const char *currency, struct fd_deposit_status *out, bool *applies,
                                        struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	*applies = false;
	sqlite3_stmt *s = fd_db_stmt(db, DEPOSIT_SELECT " WHERE b.id = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, booking_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct fd_booking_row row;
		struct fd_deposit_facts f;
		read_facts(s, &row, &f);
		char policy[FD_POLICY_LEN];
		property_policy(db, policy, sizeof policy);
		if (row.b.status == FD_BOOKING_RESERVED) {
			fd_deposit_judge(f.plan_policy, policy, currency, row.b.arrival, f.first, f.stay,
			                 f.held, today, 0, out);
			*applies = out->required > 0;
		}
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading a booking's deposit");
}
