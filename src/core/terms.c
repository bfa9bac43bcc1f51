// SPDX-License-Identifier: GPL-3.0-or-later
/* A stay's terms (terms.h). */
#include "config.h"
#include "core/terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rate.h"

enum fd_status fd_terms_text(const struct fd_repo *repo, const char *plan_text, const char *key, char *out,
                             size_t size, struct fd_error *err)
{
	if (plan_text && plan_text[0]) {
		if (out != plan_text) /* out may be plan_text: the plan's words stay */
			snprintf(out, size, "%s", plan_text);
		return FD_OK;
	}
	out[0] = '\0';
	enum fd_status st = repo->get_setting(repo->ctx, key, out, size, err);
	if (st == FD_E_NOT_FOUND)
		out[0] = '\0';
	return st == FD_E_NOT_FOUND ? FD_OK : st;
}

/* The booking's prices per night (rate plans), or none. */
static enum fd_status stay_nights(const struct fd_repo *repo, const struct fd_booking *b,
                                  struct fd_booking_night **nights, int *n, struct fd_error *err)
{
	*nights = NULL;
	*n = 0;
	if (!repo->booking_nights)
		return FD_OK;
	return repo->booking_nights(repo->ctx, b->id, nights, n, err);
}

enum fd_status fd_terms_booking_text(const struct fd_repo *repo, const struct fd_booking *b, const char *key,
                                     char *out, size_t size, struct fd_error *err)
{
	/* The booking's rate plan speaks first (cancel_policy, deposit_policy). */
	struct fd_booking_night *nights = NULL;
	int n = 0;
	const char *plan_text = "";
	struct fd_rate_plan p;
	enum fd_status st = stay_nights(repo, b, &nights, &n, err);
	if (!st && n > 0 && nights[0].plan[0] && repo->get_rate_plan &&
	    repo->get_rate_plan(repo->ctx, nights[0].plan, &p, NULL) == FD_OK)
		plan_text = strcmp(key, FD_SETTING_CANCEL_POLICY) == 0    ? p.cancel_policy
		            : strcmp(key, FD_SETTING_DEPOSIT_POLICY) == 0 ? p.deposit_policy
		                                                          : "";
	free(nights);
	if (st) {
		out[0] = '\0';
		return st;
	}
	return fd_terms_text(repo, plan_text, key, out, size, err);
}

void fd_terms_stay_prices(const struct fd_repo *repo, const struct fd_booking *b, int64_t *first,
                          int64_t *stay)
{
	struct fd_booking_night *nights = NULL;
	int n = 0, count = fd_stay_nights(b->arrival, b->departure);
	*first = b->rate;
	*stay = b->rate * (count > 0 ? count : 1); /* a day use: its rate once */
	if (stay_nights(repo, b, &nights, &n, NULL) == FD_OK && n > 0) {
		*first = nights[0].amount;
		*stay = 0;
		for (int i = 0; i < n; i++)
			*stay += nights[i].amount;
	}
	free(nights);
}

int fd_terms_minute(const struct fd_repo *repo, int64_t t)
{
	return repo->local_minute ? repo->local_minute(repo->ctx, t)
	                          : (int)((t % 86400 + 86400) % 86400 / 60);
}

enum fd_status fd_terms_cancel_judge(const char *text, const char *currency, fd_date arrival, int64_t first,
                                     int64_t stay, fd_date today, int minute, struct fd_cancel_terms *out,
                                     struct fd_error *err)
{
	memset(out, 0, sizeof *out);
	snprintf(out->policy, sizeof out->policy, "%s", text ? text : "");
	struct fd_cancel_policy p;
	enum fd_status st = fd_cancel_policy_parse(out->policy, currency, FD_SETTING_CANCEL_POLICY, &p, err);
	if (st)
		return st;
	out->fee_after = fd_fee_amount(&p.fee, first, stay);
	out->always_free = p.free_until && (p.fee.kind == FD_FEE_NONE || out->fee_after == 0);
	out->never_free = !p.free_until;
	if (!out->always_free && !out->never_free) {
		/* The last free moment, in minutes of local time. */
		int64_t last = p.hours ? (int64_t)arrival * 1440 - (int64_t)p.before * 60
		                       : ((int64_t)arrival - p.before) * 1440 + 1439;
		int64_t day = last >= 0 ? last / 1440 : -((-last + 1439) / 1440);
		out->free_until = (fd_date)day;
		out->free_until_minute = (int)(last - day * 1440);
	}
	out->free_now = fd_cancel_free(&p, arrival, today, minute) || out->always_free;
	out->fee = out->free_now ? 0 : out->fee_after;
	return FD_OK;
}

enum fd_status fd_terms_cancel(const struct fd_repo *repo, const char *currency, const struct fd_booking *b,
                               fd_date today, int minute, struct fd_cancel_terms *out, struct fd_error *err)
{
	char text[FD_POLICY_LEN];
	int64_t first, stay;
	enum fd_status st = fd_terms_booking_text(repo, b, FD_SETTING_CANCEL_POLICY, text, sizeof text, err);
	if (st) {
		memset(out, 0, sizeof *out);
		return st;
	}
	fd_terms_stay_prices(repo, b, &first, &stay);
	return fd_terms_cancel_judge(text, currency, b->arrival, first, stay, today, minute, out, err);
}

enum fd_status fd_terms_noshow(const struct fd_repo *repo, const char *currency, const struct fd_booking *b,
                               int64_t *fee, char *text, size_t size, struct fd_error *err)
{
	*fee = 0;
	struct fd_fee f;
	int64_t first, stay;
	enum fd_status st = fd_terms_booking_text(repo, b, FD_SETTING_NOSHOW_POLICY, text, size, err);
	if (st || !text[0])
		return st;
	if ((st = fd_noshow_policy_parse(text, currency, FD_SETTING_NOSHOW_POLICY, &f, err)))
		return st;
	fd_terms_stay_prices(repo, b, &first, &stay);
	*fee = fd_fee_amount(&f, first, stay);
	return FD_OK;
}
