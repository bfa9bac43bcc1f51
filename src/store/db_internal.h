/* Shared by the store's own files; not for other modules. */
#ifndef FD_STORE_DB_INTERNAL_H
#define FD_STORE_DB_INTERNAL_H

#include "store/db.h"

#define FD_STMT_CACHE 96

struct fd_db {
	sqlite3 *db;
	char *path;
	struct fd_repo repo;
	fd_change_hook change_hook;
	void *change_ctx;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[FD_STMT_CACHE];
	int n_cache;
};

void fd_repo_sqlite_init(struct fd_db *db);
/* Fills the folio members of db->repo (src/store/repo_folio.c). */
void fd_repo_folio_init(struct fd_db *db);
/* Notify the change hook, if any. */
enum fd_status fd_db_changed(struct fd_db *db, const char *entity, const char *id, struct fd_error *err);

#endif
