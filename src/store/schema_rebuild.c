// SPDX-License-Identifier: GPL-3.0-or-later
/* One way to rebuild a table with its CHECKs changed (schema_rebuild.h),
 * shared by the core steps that need it (14, 47, 48). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/schema_rebuild.h"

/* The table's CREATE statement, or NULL (out of memory or no such table:
 * *absent). */
static char *read_create(struct fd_db *db, const char *table, bool *absent, struct fd_error *err,
                         enum fd_status *st)
{
	sqlite3_stmt *s;
	*absent = false;
	if (sqlite3_prepare_v2(db->db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", -1,
	                       &s, NULL)) {
		*st = fd_db_fail(db, err, "reading a table to rebuild");
		return NULL;
	}
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	char *sql = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		sql = strdup((const char *)sqlite3_column_text(s, 0));
		if (!sql)
			*st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	} else
		*absent = true;
	sqlite3_finalize(s);
	return sql;
}

/* sql (a CREATE TABLE statement) named tmp and with every swap made, or
 * NULL: out of memory, or swaps that overlap. */
static char *edited_create(const char *sql, const char *tmp, const struct fd_check_swap *swaps,
                           size_t n_swaps)
{
	/* The name is whatever precedes the column list: the stored text may
	 * quote it (a table renamed into place is stored as "name"). */
	const char *open = strchr(sql, '(');
	char *out = open ? sqlite3_mprintf("CREATE TABLE \"%w\" %s", tmp, open) : NULL;
	for (size_t i = 0; out && i < n_swaps; i++) {
		const char *at = strstr(out, swaps[i].old_text);
		if (!at) { /* an earlier swap's text took it: swaps must not overlap */
			sqlite3_free(out);
			return NULL;
		}
		char *next = sqlite3_mprintf("%.*s%s%s", (int)(at - out), out, swaps[i].new_text,
		                             at + strlen(swaps[i].old_text));
		sqlite3_free(out);
		out = next;
	}
	return out;
}

/* The CREATE statements of the table's indexes and triggers, in the order
 * they were made, as one script; NULL: out of memory or an error (*st). */
static char *read_dependents(struct fd_db *db, const char *table, struct fd_error *err, enum fd_status *st)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(
	        db->db,
	        "SELECT coalesce(group_concat(sql, ';'), '') FROM (SELECT sql FROM sqlite_master"
	        " WHERE tbl_name = ?1 AND type IN ('index', 'trigger') AND sql IS NOT NULL"
	        " ORDER BY rowid)",
	        -1, &s, NULL)) {
		*st = fd_db_fail(db, err, "reading a table's indexes and triggers");
		return NULL;
	}
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	char *out = NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		out = strdup((const char *)sqlite3_column_text(s, 0));
	if (!out)
		*st = fd_db_fail(db, err, "reading a table's indexes and triggers");
	sqlite3_finalize(s);
	return out;
}

/* INSERT INTO tmp copying every row of table by column name with its
 * rowid, or NULL (*st). */
static char *copy_statement(struct fd_db *db, const char *table, const char *tmp, struct fd_error *err,
                            enum fd_status *st)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db->db,
	                       "SELECT group_concat('\"' || replace(name, '\"', '\"\"') || '\"', ', ')"
	                       " FROM pragma_table_info(?1)",
	                       -1, &s, NULL)) {
		*st = fd_db_fail(db, err, "reading a table's columns");
		return NULL;
	}
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	char *out = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		const char *cols = (const char *)sqlite3_column_text(s, 0);
		out = sqlite3_mprintf("INSERT INTO \"%w\" (rowid, %s) SELECT rowid, %s FROM \"%w\"", tmp,
		                      cols, cols, table);
	}
	if (!out)
		*st = fd_db_fail(db, err, "reading a table's columns");
	sqlite3_finalize(s);
	return out;
}

/* The table's AUTOINCREMENT counter, or -1: none. It outlives the rows
 * (numbers of deleted rows are not given again), so the copy's is not it. */
static sqlite3_int64 read_sequence(struct fd_db *db, const char *table)
{
	sqlite3_stmt *s;
	sqlite3_int64 seq = -1;
	/* No sqlite_sequence at all: no table has AUTOINCREMENT. */
	if (sqlite3_prepare_v2(db->db, "SELECT seq FROM sqlite_sequence WHERE name = ?1", -1, &s, NULL))
		return -1;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		seq = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return seq;
}

static enum fd_status put_sequence(struct fd_db *db, const char *table, sqlite3_int64 seq,
                                   struct fd_error *err)
{
	char *sql = sqlite3_mprintf("DELETE FROM sqlite_sequence WHERE name = %Q;"
	                            "INSERT INTO sqlite_sequence (name, seq) VALUES (%Q, %lld);",
	                            table, table, (long long)seq);
	enum fd_status st = FD_OK;
	if (!sql || sqlite3_exec(db->db, sql, NULL, NULL, NULL))
		st = fd_db_fail(db, err, "keeping a table's AUTOINCREMENT counter");
	sqlite3_free(sql);
	return st;
}

enum fd_status fd_schema_rebuild_checks(struct fd_db *db, const char *table,
                                        const struct fd_check_swap *swaps, size_t n_swaps,
                                        enum fd_rebuild_result *result, struct fd_error *err)
{
	enum fd_status st = FD_OK;
	bool absent;
	*result = FD_REBUILD_MISSING;
	char *create = read_create(db, table, &absent, err, &st);
	if (!create)
		return absent ? FD_OK : st;
	size_t old_found = 0, new_found = 0;
	for (size_t i = 0; i < n_swaps; i++) {
		old_found += strstr(create, swaps[i].old_text) != NULL;
		new_found += strstr(create, swaps[i].new_text) != NULL;
	}
	if (old_found < n_swaps) {
		if (old_found == 0 && new_found == n_swaps)
			*result = FD_REBUILD_ALREADY;
		free(create);
		return FD_OK;
	}
	sqlite3_int64 seq = read_sequence(db, table);
	char tmp[128];
	snprintf(tmp, sizeof tmp, "%s_rebuild", table);
	char *made = edited_create(create, tmp, swaps, n_swaps);
	char *later = made ? read_dependents(db, table, err, &st) : NULL;
	char *copy = later ? copy_statement(db, table, tmp, err, &st) : NULL;
	char *swap = copy ? sqlite3_mprintf("DROP TABLE \"%w\";"
	                                    /* Triggers of other tables that name this one (step
	                                     * 41's on guests name bookings) would fail the
	                                     * rename's check of the schema while it is away; the
	                                     * legacy rename leaves them as they are, naming the
	                                     * table again once it is back. */
	                                    "PRAGMA legacy_alter_table = ON;"
	                                    "ALTER TABLE \"%w\" RENAME TO \"%w\";"
	                                    "PRAGMA legacy_alter_table = OFF;",
	                                    table, tmp, table)
	                  : NULL;
	if (!st && !made)
		st = fd_fail(
		    err, FD_E_IO, "migration_failed", NULL,
		    "could not rewrite the CHECKs of table %s (out of memory, or changes that overlap)",
		    table);
	if (!st && !swap)
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
	if (!st &&
	    (sqlite3_exec(db->db, made, NULL, NULL, NULL) || sqlite3_exec(db->db, copy, NULL, NULL, NULL) ||
	     sqlite3_exec(db->db, swap, NULL, NULL, NULL)))
		st = fd_db_fail(db, err, "rebuilding a table");
	if (!st && seq >= 0)
		st = put_sequence(db, table, seq, err);
	if (!st && sqlite3_exec(db->db, later, NULL, NULL, NULL))
		st = fd_db_fail(db, err, "re-creating a table's indexes and triggers");
	if (!st)
		*result = FD_REBUILT;
	free(create);
	sqlite3_free(made);
	free(later);
	sqlite3_free(copy);
	sqlite3_free(swap);
	return st;
}
