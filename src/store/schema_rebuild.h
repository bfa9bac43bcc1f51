// SPDX-License-Identifier: GPL-3.0-or-later
/* Rebuilding a table to change its CHECK constraints, which SQLite cannot
 * change in place (https://sqlite.org/lang_altertable.html, "12 steps").
 * For migration steps recorded with fd_migration_rebuild (store/db.h): they
 * run with foreign keys off and checked before the step commits, so the
 * tables that reference the rebuilt one keep their rows. */
#ifndef FD_STORE_SCHEMA_REBUILD_H
#define FD_STORE_SCHEMA_REBUILD_H

#include <stddef.h>

#include "store/db_internal.h"

/* One CHECK's text as the table's CREATE statement holds it, and its
 * replacement. */
struct fd_check_swap {
	const char *old_text, *new_text;
};

enum fd_rebuild_result {
	FD_REBUILT,         /* every old text replaced, the table rebuilt */
	FD_REBUILD_ALREADY, /* no old text, every new one there: left alone */
	FD_REBUILD_MISSING, /* some old text absent otherwise: left alone */
};

/* Rebuilds table with each swap's old CHECK text replaced by the new one:
 * the new table is the old one's own CREATE statement so edited (columns
 * later steps added survive), its rows copied with their rowids (a snapshot
 * pages by rowid; the AUTOINCREMENT counter too, if any), and every index
 * and trigger on it re-created from sqlite_master. Triggers of other tables
 * that name it are left as they are (the legacy rename). Unless every old
 * text is there, nothing is changed and *result says why. Not for a
 * WITHOUT ROWID table (none has such a CHECK). */
enum fd_status fd_schema_rebuild_checks(struct fd_db *db, const char *table,
                                        const struct fd_check_swap *swaps, size_t n_swaps,
                                        enum fd_rebuild_result *result, struct fd_error *err);

#endif
