// SPDX-License-Identifier: GPL-3.0-or-later
/* The guests' public booking API (public.c) on either store. public.c
 * parses and checks the requests, asks core to judge the bookings (through
 * the hotel's repository) and answers; the few things it keeps besides the
 * hotel's own rows go through this table of functions, which each store
 * provides: SQLite's in public.c (one hotel, the process's writer), and
 * PostgreSQL's in pg_public.c (the hotel a request names, every server of
 * the database sharing the links, the recorded requests and the limits).
 *
 * A request holds its hotel through a struct srv_pub: open it (which hotel;
 * a reading repository), begin a writing transaction when it writes (the
 * hotel's writers are serialized: SQLite's writer lock, PostgreSQL's
 * feed-counter row), apply operations, commit or roll back, close. */
#ifndef FD_SERVER_PUBLIC_STORE_H
#define FD_SERVER_PUBLIC_STORE_H

#include "core/rate.h"
#include "server/server.h"
#include "store/query.h"

struct srv_pub {
	struct srv *s;
	const struct fd_repo *repo; /* the hotel's (the writer's inside a transaction) */
	void *h;                    /* the store's handle (struct fd_db *, struct fd_pg *) */
	bool tx;                    /* inside the writing transaction */
	char property[FD_ID_LEN];   /* the hotel's id */
};

/* A guest's link: what its row says. */
struct srv_pub_link {
	char property[FD_ID_LEN];
	char booking_id[FD_ID_LEN];
	int64_t expires_at;
	int uses, max_uses;
};

struct srv_pub_store {
	/* Open the hotel of a request: property (a link's, "" when none) or
	 * hotel (the request's hotel=CODE, NULL when absent; with one hotel
	 * it may be left out). FD_E_NOT_FOUND (unknown hotel) or
	 * FD_E_INVALID (several hotels, none named) with err naming the
	 * parameter. */
	enum fd_status (*open)(struct srv *s, const char *hotel, const char *property, struct srv_pub *p,
	                       struct fd_error *err);
	void (*close)(struct srv_pub *p);
	/* The hotel's room types (by rank and code) and rate plans. */
	enum fd_status (*room_types)(struct srv_pub *p, fd_room_type_cb cb, void *ctx, struct fd_error *err);
	enum fd_status (*rate_plans)(struct srv_pub *p, struct fd_rate_plan **out, int *n,
	                             struct fd_error *err);
	/* The writing transaction of the hotel (p->repo is then the writer's). */
	enum fd_status (*begin)(struct srv_pub *p, struct fd_error *err);
	/* A transaction that only keeps a link (link_put): it waits for no
	 * writer of the hotel where the store can say so (the mail sender
	 * makes one while it holds a claimed mail). Ended by commit or
	 * rollback. */
	enum fd_status (*begin_link)(struct srv_pub *p, struct fd_error *err);
	enum fd_status (*commit)(struct srv_pub *p, struct fd_error *err); /* wakes the long-polls */
	void (*rollback)(struct srv_pub *p);
	/* In it: one operation acted by the web, judged by core (trusted:
	 * public.c checked the input) and audited. */
	enum fd_status (*apply)(struct srv_pub *p, struct fd_op *op, struct fd_op_result *res,
	                        struct fd_error *err);
	/* The answer recorded under an Idempotency-Key: 1 (hash, booking_id
	 * and *answer, malloc'd, filled), 0 none, -1 failure. */
	int (*recorded)(struct srv_pub *p, const char *key, char hash[65], char booking_id[FD_ID_LEN],
	                char **answer);
	enum fd_status (*record)(struct srv_pub *p, const char *key, const char *hash, const char *booking_id,
	                         const char *ekey, const char *answer, struct fd_error *err);
	/* Bookings recorded for an e-mail's key since t: how many, the oldest. */
	enum fd_status (*email_count)(struct srv_pub *p, const char *ekey, int64_t since, int *n,
	                              int64_t *oldest, struct fd_error *err);
	/* Keep a new link's hash (hex) for a booking, in the transaction. */
	enum fd_status (*link_put)(struct srv_pub *p, const char *hash, const char *booking_id, int64_t now,
	                           int64_t expires_at, int max_uses, struct fd_error *err);
	/* Count one use of the link whose hash (hex) is given, if it is valid
	 * at now: 1 counted (l filled), 0 not counted (l filled when the row
	 * exists: expired or used up; l->booking_id "" when there is none),
	 * -1 failure. */
	int (*link_use)(struct srv *s, const char *hash, int64_t now, struct srv_pub_link *l);
	/* One more request for the address key: at most limit in a row, then
	 * limit per window seconds. False with *retry (seconds) when over. */
	bool (*rate_allow)(struct srv *s, const char *key, int limit, int window, int *retry);
};

/* pg_public.c */
extern const struct srv_pub_store srv_pg_pub_store;

#endif
