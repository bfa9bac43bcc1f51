// SPDX-License-Identifier: GPL-3.0-or-later
/* The paged snapshot's staging table (see snapstage.h). */
#include "config.h"

#include <sqlite3.h>

#include "store/db.h"
#include "store/snapstage.h"

/* Core migration 22. */
extern const char fd_schema_v22_snapstage[];
const char fd_schema_v22_snapstage[] =
    "CREATE TABLE sync_snapshot_rows (n INTEGER PRIMARY KEY, entity TEXT NOT NULL, state TEXT NOT NULL);"
    "CREATE INDEX sync_snapshot_rows_entity ON sync_snapshot_rows(entity, n);";

enum fd_status fd_snapstage_clear(struct fd_db *db, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "DELETE FROM sync_snapshot_rows", err);
	if (!s)
		return err ? err->status : FD_E_IO;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "clearing the staged snapshot");
}

enum fd_status fd_snapstage_add(struct fd_db *db, const char *entity, const char *state, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db, "INSERT INTO sync_snapshot_rows (entity, state) VALUES (?1, ?2)", err);
	if (!s)
		return err ? err->status : FD_E_IO;
	sqlite3_bind_text(s, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "staging a snapshot page");
}

enum fd_status fd_snapstage_each(struct fd_db *db, const char *entity, fd_snapstage_cb cb, void *ctx,
                                 struct fd_error *err)
{
	/* Not the statement cache: a callback may use cached statements. */
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(fd_db_handle(db),
	                       "SELECT state FROM sync_snapshot_rows WHERE entity = ?1 ORDER BY n", -1, &s,
	                       NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "reading the staged snapshot");
	sqlite3_bind_text(s, 1, entity, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!cb(ctx, (const char *)sqlite3_column_text(s, 0))) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "reading the staged snapshot");
}
