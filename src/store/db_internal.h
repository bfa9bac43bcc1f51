// SPDX-License-Identifier: GPL-3.0-or-later
/* Shared by the store's own files; not for other modules. */
#ifndef FD_STORE_DB_INTERNAL_H
#define FD_STORE_DB_INTERNAL_H

#include "store/db.h"

struct fd_db {
	sqlite3 *db;
	char *path;
	struct fd_repo repo;
	fd_change_hook change_hook;
	void *change_ctx;
	/* Prepared statements keyed by their SQL literal's address, a table
	 * open by address (db.c stmt_slot). Grows as needed: the set of
	 * distinct queries is fixed by the code. */
	struct fd_stmt_entry {
		const char *sql;
		sqlite3_stmt *stmt;
	} * cache;
	int n_cache, cap_cache;
	char audit_session[17]; /* store/audit.h: the session audit rows come through */
	char *bulk_triggers;    /* store/bulk.h: triggers set aside, to put back */
	char *bulk_indexes;     /* store/bulk.h: secondary indexes set aside, to build again */
	bool bulk_checks;       /* store/bulk.h: CHECK constraints judged at the end */
	char *bulk_guard;       /* store/bulk.h: the room-night guard set aside, to build again */
	bool bulk_keep_guard;   /* store/bulk.h: fd_bulk_begin leaves the guard in place */
	/* store/bulk.h: whether the bookings' guest names written by
	 * put_booking can have gone stale while the triggers were aside: a
	 * guest written after a booking, or a booking written twice (bookings
	 * counted before the first and written since). */
	bool bulk_names_stale;
	int64_t bulk_bookings_before; /* -1: no booking written yet */
	int64_t bulk_bookings_put;
	/* The last audit hash this connection read or wrote, as stored (hex)
	 * and decoded: decoding it again for every row showed in profiles. */
	char audit_head_hex[65];
	unsigned char audit_head[32];
	/* True only while the last audit row is known to be audit_head_seq
	 * with that hash: from a row this connection appended inside the
	 * transaction still open, until the transaction or any savepoint in
	 * it rolls back or the transaction ends (audit.c's hooks). Then the
	 * next row need not read the last one back (a twentieth of a batched
	 * push's work). Between transactions another connection or process
	 * may append, so it is never kept across one. */
	bool audit_head_known;
	int64_t audit_head_seq;
	/* db.h fd_db_tx_generation: moved on by the same hooks, at every
	 * commit and rollback, whole or to a savepoint. */
	uint64_t tx_generation;
	fd_db_profile_fn profile; /* db.h fd_db_profile, through audit.c's trace hook */
	void *profile_ctx;

	/* store/record.h: the recorder of operations' changesets */
	struct fd_record *record;
};

void fd_repo_sqlite_init(struct fd_db *db);
/* Fills the folio members of db->repo (src/store/repo_folio.c). */
void fd_repo_folio_init(struct fd_db *db);
void fd_repo_invoice_init(struct fd_db *db);
void fd_repo_company_init(struct fd_db *db); /* repo_company.c */
void fd_repo_mail_init(struct fd_db *db);    /* mail.c */
void fd_repo_group_init(struct fd_db *db);   /* repo_group.c */
void fd_repo_rate_init(struct fd_db *db);    /* repo_rate.c */
/* Keep db->audit_head_known honest (audit.c): hooks on the connection
 * that forget the head at every commit and rollback, whole or to a
 * savepoint. Once, right after opening. The connection's commit, rollback
 * and trace hooks are then taken: code that sets one of them replaces the
 * audit's and must forget the head itself. */
void fd_audit_watch(struct fd_db *db);
/* The search indexes of a batch of operations written once, before its
 * COMMIT, rather than at every statement (core step 50, schema_speed.c).
 * fd_search_defer: inside a write transaction, queue new guests' and
 * bookings' entries from now on; fd_search_undefer: index the queue and
 * stop queueing (before the COMMIT; a ROLLBACK undoes both by itself).
 * fd_search_flush: index the queue; fd_search_pending: the same when
 * anything is queued (a search inside such a transaction, query.c). */
enum fd_status fd_search_defer(struct fd_db *db, struct fd_error *err);
enum fd_status fd_search_undefer(struct fd_db *db, struct fd_error *err);
enum fd_status fd_search_flush(struct fd_db *db, struct fd_error *err);
enum fd_status fd_search_pending(struct fd_db *db, struct fd_error *err);
/* Notify the change hook, if any. */
enum fd_status fd_db_changed(struct fd_db *db, const char *entity, const char *id, struct fd_error *err);

#endif
