// SPDX-License-Identifier: GPL-3.0-or-later
/* Shared by the files of src/pg; not for other modules. */
#ifndef FD_PG_PG_INTERNAL_H
#define FD_PG_PG_INTERNAL_H

#include "pg/pg.h"

struct fd_pg {
	PGconn *conn;
	char *uri;
	char property[FD_ID_LEN];
	char op_id[FD_ID_LEN];
	int64_t last_seq; /* highest change recorded in the transaction */
	int64_t sp_seq;   /* last_seq when the operation's savepoint was set */
	bool in_tx;
	struct fd_repo repo;
	/* Prepared statements, keyed by their SQL literal's address (the set
	 * of distinct statements is fixed by the code). */
	struct fd_pg_stmt {
		const char *sql;
		char name[16];
	} * stmts;
	int n_stmts, cap_stmts;
	/* Statements deferred in the transaction (fd_pg_defer): sent in one
	 * round trip (libpq's pipeline mode) with the next statement whose
	 * answer is read, or with COMMIT. */
	struct fd_pg_deferred {
		char name[16]; /* its prepared statement's (stmts moves as it grows) */
		const char *what;
		int n;
		char **params; /* n, malloc'd with their text after them; NULL: SQL NULL */
	} * deferred;
	int n_deferred, cap_deferred;
	/* The hotel's last audit row as this transaction knows it (it holds the
	 * property's lock): its seq and hash, so that appending the next needs
	 * no read (src/pg/audit.c). audit_seq 0: unknown. */
	int64_t audit_seq;
	char audit_hash[65];
	char audit_property[FD_ID_LEN];
	/* Rows kept for the transaction (src/pg/repo_cache.c). */
	struct fd_pg_read_cache {
		bool on, property_ok, staff_ok, role_ok;
		struct fd_property property;
		char property_key[FD_ID_LEN];
		struct fd_staff staff;
		char staff_property[FD_ID_LEN];
		char role_user[FD_USER_LEN];
		int role;
		struct fd_repo inner; /* the repository's own readers and writers */
	} cache;
};

/* The migration chain (src/pg/schema.c). */
struct fd_pg_step {
	int version;
	const char *sql;
};
const struct fd_pg_step *fd_pg_steps(int *n);

void fd_pg_repo_init(struct fd_pg *pg); /* src/pg/repo.c */
/* src/pg/repo_cache.c: wraps the readers fd_pg_cache_reads keeps;
 * fd_pg_cache_forget drops what is kept. */
void fd_pg_repo_cache_init(struct fd_pg *pg);
void fd_pg_cache_forget(struct fd_pg *pg);
/* One loader per entity (repo.c), for the repository and the read queries
 * (query.c) alike: the columns, of table rooms or bookings, in the order
 * the loader reads them from a result row. */
#define FD_PG_ROOM_COLS                                                                                      \
	"id, number, type_code, floor, section, clean, maint, maint_reason, maint_from, maint_to, dnd, mur," \
	" hk_occupied, version"
void fd_pg_read_room(const PGresult *r, int row, struct fd_room *rm);
#define FD_PG_BOOKING_COLS                                                                                   \
	"id, code, guest_id, type_code, room, arrival, departure, adults, children, rate, status, source,"   \
	" notes, eta, late_checkin, version, company_id, block_id"
#define FD_PG_BOOKING_NCOLS 18 /* how many columns FD_PG_BOOKING_COLS names */
void fd_pg_read_booking(const PGresult *r, int row, struct fd_booking *b);

/* The folio area's members of the repository (src/pg/repo_folio.c), and
 * the charge codes every hotel starts with (the SQLite store's, core
 * migration 3), as SQL VALUES rows (code, name, vat_bp, is_room): given to
 * the current property unless it has them (put_property). */
void fd_pg_repo_folio_init(struct fd_pg *pg);
/* Company accounts (src/pg/repo_company.c). */
void fd_pg_repo_company_init(struct fd_pg *pg);
/* Invoices and the mail queue (src/pg/repo_invoice.c). */
void fd_pg_repo_invoice_init(struct fd_pg *pg);
/* Rate plans, prices and bookings' prices per night (src/pg/repo_rate.c,
 * step 15); group blocks (src/pg/repo_group.c, step 16). */
void fd_pg_repo_rate_init(struct fd_pg *pg);
void fd_pg_repo_group_init(struct fd_pg *pg);
/* Conflict notices: core's conflict.resolve (src/pg/repo_conflict.c). */
void fd_pg_repo_conflict_init(struct fd_pg *pg);
#define FD_PG_CHARGE_CODES                                                                                   \
	"('ROOM', 'Room', 1000, 1), ('FB', 'Food and beverage', 1000, 0), ('MINIBAR', 'Minibar', 1000, 0),"  \
	" ('EXTRABED', 'Extra bed', 1000, 0), ('CITYTAX', 'City tax', 0, 0), ('PARKING', 'Parking', 2000, "  \
	"0),"                                                                                                \
	" ('LAUNDRY', 'Laundry', 2000, 0), ('MISC', 'Miscellaneous', 2000, 0)"
enum fd_status fd_pg_seed_charge_codes(struct fd_pg *pg, struct fd_error *err);

/* The repository files' steps (src/pg/repo.c). fd_pg_one: a query of at
 * most one row: FD_OK with *r, or FD_E_NOT_FOUND (*r NULL). */
enum fd_status fd_pg_one(struct fd_pg *pg, const char *sql, int n, const char *const *p, PGresult **r,
                         const char *what, struct fd_error *err);
/* An upsert whose ON CONFLICT ... WHERE keeps another hotel's row: a row
 * it did not write is that hotel's id, refused (wrong_property, noun
 * naming the id in the message), never silently dropped. fd_pg_upsert then
 * records the change of entity id in the feed; fd_pg_upsert_row leaves that
 * to the caller, who writes more first (a booking's nights). */
enum fd_status fd_pg_upsert_row(struct fd_pg *pg, const char *sql, int n, const char *const *p,
                                const char *what, const char *entity, const char *noun, const char *id,
                                struct fd_error *err);
enum fd_status fd_pg_upsert(struct fd_pg *pg, const char *sql, int n, const char *const *p, const char *what,
                            const char *entity, const char *noun, const char *id, struct fd_error *err);
enum fd_status fd_pg_nomem(struct fd_error *err);
/* A reader of one result row into one item (a struct fd_folio, say). */
typedef void fd_pg_reader(const PGresult *r, int row, void *item);
/* The one row sql answers, read into item: FD_OK, FD_E_NOT_FOUND or the
 * query's error. */
enum fd_status fd_pg_get(struct fd_pg *pg, const char *sql, int n, const char *const *p, const char *what,
                         fd_pg_reader *read, void *item, struct fd_error *err);
/* Every row sql answers, read into a new array of items of size bytes:
 * out is the address of the caller's pointer to it (NULL when no row; the
 * caller frees it), *rows their count. */
enum fd_status fd_pg_list(struct fd_pg *pg, const char *sql, int n, const char *const *p, const char *what,
                          fd_pg_reader *read, size_t size, void *out, int *rows, struct fd_error *err);

/* Text of an integer for a parameter. */
#define FD_PG_INT_LEN 24
const char *fd_pg_int(char buf[FD_PG_INT_LEN], int64_t v);
/* A column of a result row as an integer (0 when NULL) or copied text. */
int64_t fd_pg_col_int(const PGresult *r, int row, int col);
void fd_pg_col_text(const PGresult *r, int row, int col, char *out, size_t size);

#endif
