// SPDX-License-Identifier: GPL-3.0-or-later
/* One operation's changeset from the preupdate hook (see record.h).
 *
 * The changeset format is the session extension's (sqlite3session.c):
 * for each table, 'T', the column count (varint), one byte per column
 * (its position in the primary key, 0 when not part of it) and the name
 * with its NUL; then each change: the operation (SQLITE_INSERT, _UPDATE,
 * _DELETE), the indirect flag (1 when only triggers made it), and the
 * record(s): a DELETE the old row, an INSERT the new row, an UPDATE the
 * old values of the key and of the changed columns then the new values of
 * the changed columns, every other column 0 ("undefined"). A value is its type (1 integer, 2 real,
 * 3 text, 4 blob, 5 null), then 8 big-endian bytes for a number or a
 * varint length and the bytes for text and blob. */
#include "config.h"
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "store/record.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/db_internal.h"

struct buf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
};

static bool buf_grow(struct buf *b, size_t more)
{
	if (b->oom)
		return false;
	if (b->n + more <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + more)
		cap *= 2;
	unsigned char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

static void buf_add(struct buf *b, const void *data, size_t n)
{
	if (n && data && buf_grow(b, n)) {
		memcpy(b->p + b->n, data, n);
		b->n += n;
	}
}

static void buf_byte(struct buf *b, unsigned char c)
{
	buf_add(b, &c, 1);
}

/* SQLite's varint, for lengths (below 2^31, so at most 5 bytes). */
static void buf_varint(struct buf *b, uint32_t v)
{
	unsigned char tmp[5];
	int n = 0;
	do {
		tmp[n++] = (unsigned char)(v & 0x7f);
		v >>= 7;
	} while (v);
	unsigned char out[5];
	for (int i = 0; i < n; i++)
		out[i] = (unsigned char)(tmp[n - 1 - i] | (i < n - 1 ? 0x80 : 0));
	buf_add(b, out, (size_t)n);
}

static void buf_be64(struct buf *b, uint64_t v)
{
	unsigned char out[8];
	for (int i = 7; i >= 0; i--, v >>= 8)
		out[i] = (unsigned char)(v & 0xff);
	buf_add(b, out, 8);
}

static void buf_value(struct buf *b, sqlite3_value *v)
{
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		buf_byte(b, SQLITE_INTEGER);
		buf_be64(b, (uint64_t)sqlite3_value_int64(v));
		break;
	case SQLITE_FLOAT: {
		double d = sqlite3_value_double(v);
		uint64_t u;
		memcpy(&u, &d, 8);
		buf_byte(b, SQLITE_FLOAT);
		buf_be64(b, u);
		break;
	}
	case SQLITE_TEXT: {
		const unsigned char *t = sqlite3_value_text(v);
		int n = sqlite3_value_bytes(v);
		if (!t && n == 0)
			t = (const unsigned char *)"";
		buf_byte(b, SQLITE_TEXT);
		buf_varint(b, (uint32_t)n);
		buf_add(b, t, (size_t)n);
		break;
	}
	case SQLITE_BLOB: {
		const void *p = sqlite3_value_blob(v);
		int n = sqlite3_value_bytes(v);
		buf_byte(b, SQLITE_BLOB);
		buf_varint(b, (uint32_t)n);
		buf_add(b, p, (size_t)n);
		break;
	}
	default:
		buf_byte(b, SQLITE_NULL);
	}
}

/* One encoded value at p: its type, length in bytes, and payload. */
struct val {
	int type;
	size_t size; /* of the whole encoding */
	int64_t i;
	double d;
	const unsigned char *data;
	int n;
};

static struct val val_read(const unsigned char *p)
{
	struct val v = {.type = p[0], .size = 1};
	if (v.type == SQLITE_INTEGER || v.type == SQLITE_FLOAT) {
		uint64_t u = 0;
		for (int k = 1; k <= 8; k++)
			u = (u << 8) | p[k];
		v.i = (int64_t)u;
		memcpy(&v.d, &u, 8);
		v.size = 9;
	} else if (v.type == SQLITE_TEXT || v.type == SQLITE_BLOB) {
		uint32_t n = 0;
		size_t k = 1;
		do
			n = (n << 7) | (p[k] & 0x7f);
		while (p[k++] & 0x80);
		v.n = (int)n;
		v.data = p + k;
		v.size = k + n;
	}
	return v;
}

static int val_bind(sqlite3_stmt *s, int i, const struct val *v)
{
	switch (v->type) {
	case SQLITE_INTEGER:
		return sqlite3_bind_int64(s, i, v->i);
	case SQLITE_FLOAT:
		return sqlite3_bind_double(s, i, v->d);
	case SQLITE_TEXT:
		return sqlite3_bind_text(s, i, (const char *)v->data, v->n, SQLITE_STATIC);
	case SQLITE_BLOB:
		return sqlite3_bind_blob(s, i, v->data, v->n, SQLITE_STATIC);
	default:
		return sqlite3_bind_null(s, i);
	}
}

/* Whether column i of s still holds v (as the session compares). */
static bool val_same(const struct val *v, sqlite3_stmt *s, int i)
{
	int t = sqlite3_column_type(s, i);
	if (t != v->type)
		return false;
	switch (t) {
	case SQLITE_INTEGER:
		return sqlite3_column_int64(s, i) == v->i;
	case SQLITE_FLOAT:
		return sqlite3_column_double(s, i) == v->d;
	case SQLITE_TEXT:
	case SQLITE_BLOB: {
		const void *p =
		    t == SQLITE_TEXT ? (const void *)sqlite3_column_text(s, i) : sqlite3_column_blob(s, i);
		int n = sqlite3_column_bytes(s, i);
		return n == v->n && (n == 0 || memcmp(p, v->data, (size_t)n) == 0);
	}
	default:
		return true;
	}
}

struct rec_table {
	char *name;
	int n_col;
	unsigned char *pk; /* position in the primary key per column, 0 if not in it */
	bool skip;         /* not hotel data, or no primary key (as the session) */
	char *sel_sql;     /* the row by its key */
	sqlite3_stmt *sel; /* sel_sql, prepared when first needed */
	int head, tail;    /* this recording's changes to it */
};

struct rec_change {
	int table;
	int op;            /* the row's first change in the recording */
	bool indirect;     /* made by a trigger or a foreign key action only */
	size_t key, n_key; /* its key's values, in the arena */
	size_t old, n_old; /* its values before (UPDATE, DELETE), in the arena */
	uint32_t hash;
	int next_hash, next_in_table;
};

struct fd_record {
	struct rec_table *tables;
	int n_tables, cap_tables;
	struct rec_change *changes;
	int n_changes, cap_changes;
	int *buckets;
	int n_buckets;
	struct buf arena, key, old;
	sqlite3_stmt *info, *schema;
	int schema_version;
	bool active;
	int rc; /* the first failure inside the hook */
};

/* Tables whose rows are hotel data (what an operation may change and the
 * change feed replaces). Bookkeeping tables and the FTS indexes' shadow tables
 * (kept by triggers on guests and bookings) and their queue (core step 50)
 * are left out. */
static bool recorded_table(const char *table)
{
	static const char *const skip[] = {"meta", "audit_log",    "outbox",  "schema_migrations", "sync_",
	                                   "srv_", "guest_search", "sqlite_", "booking_search",    "search_",
	                                   NULL};
	for (int i = 0; skip[i]; i++)
		if (strncmp(table, skip[i], strlen(skip[i])) == 0)
			return false;
	return true;
}

static void table_clear(struct rec_table *t)
{
	free(t->name);
	free(t->pk);
	sqlite3_finalize(t->sel);
	sqlite3_free(t->sel_sql);
	memset(t, 0, sizeof *t);
}

/* Forget every table's columns (the schema changed). */
static void tables_forget(struct fd_record *r)
{
	for (int i = 0; i < r->n_tables; i++)
		table_clear(&r->tables[i]);
	r->n_tables = 0;
}

static int table_load(struct fd_record *r, sqlite3 *h, struct rec_table *t)
{
	if (!r->info &&
	    sqlite3_prepare_v3(h, "SELECT pk, name FROM pragma_table_info(?1, 'main') ORDER BY cid", -1,
	                       SQLITE_PREPARE_PERSISTENT, &r->info, NULL) != SQLITE_OK)
		return sqlite3_errcode(h);
	sqlite3_finalize(t->sel);
	t->sel = NULL;
	sqlite3_free(t->sel_sql);
	t->sel_sql = NULL;
	free(t->pk);
	t->pk = NULL;
	t->n_col = 0;
	t->skip = !recorded_table(t->name);
	if (t->skip)
		return SQLITE_OK;
	/* The row by its key, as the session reads it: SELECT * ... WHERE k IS ?. */
	char *sql = sqlite3_mprintf("SELECT * FROM main.\"%w\" WHERE", t->name);
	sqlite3_bind_text(r->info, 1, t->name, -1, SQLITE_STATIC);
	int cap = 0, rc = SQLITE_NOMEM, n_pk = 0;
	while (sql && (rc = sqlite3_step(r->info)) == SQLITE_ROW) {
		if (t->n_col == cap) {
			cap = cap ? cap * 2 : 16;
			unsigned char *pk = realloc(t->pk, (size_t)cap);
			if (!pk)
				break;
			t->pk = pk;
		}
		int pk = sqlite3_column_int(r->info, 0);
		t->pk[t->n_col++] = (unsigned char)pk;
		if (pk > 0) {
			char *more = sqlite3_mprintf("%s%s \"%w\" IS ?%d", sql, n_pk ? " AND" : "",
			                             (const char *)sqlite3_column_text(r->info, 1), n_pk + 1);
			sqlite3_free(sql);
			sql = more;
			n_pk++;
		}
	}
	sqlite3_reset(r->info);
	if (!sql || rc == SQLITE_ROW) {
		sqlite3_free(sql);
		return SQLITE_NOMEM;
	}
	if (rc != SQLITE_DONE) {
		sqlite3_free(sql);
		return rc;
	}
	t->sel_sql = sql;
	t->skip = n_pk == 0;
	return SQLITE_OK;
}

static struct rec_table *table_find(struct fd_record *r, sqlite3 *h, const char *name)
{
	for (int i = 0; i < r->n_tables; i++)
		if (strcmp(r->tables[i].name, name) == 0)
			return &r->tables[i];
	if (r->n_tables == r->cap_tables) {
		int cap = r->cap_tables ? r->cap_tables * 2 : 32;
		struct rec_table *tables = realloc(r->tables, (size_t)cap * sizeof *tables);
		if (!tables) {
			r->rc = SQLITE_NOMEM;
			return NULL;
		}
		r->tables = tables;
		r->cap_tables = cap;
	}
	struct rec_table *t = &r->tables[r->n_tables];
	memset(t, 0, sizeof *t);
	t->head = t->tail = -1;
	t->name = strdup(name);
	if (!t->name) {
		r->rc = SQLITE_NOMEM;
		return NULL;
	}
	r->n_tables++;
	int rc = table_load(r, h, t);
	if (rc) {
		r->rc = rc;
		return NULL;
	}
	return t;
}

static uint32_t hash_of(int table, const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)table;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static bool buckets_grow(struct fd_record *r)
{
	int n = r->n_buckets ? r->n_buckets * 2 : 64;
	int *b = malloc((size_t)n * sizeof *b);
	if (!b)
		return false;
	for (int i = 0; i < n; i++)
		b[i] = -1;
	for (int i = 0; i < r->n_changes; i++) {
		struct rec_change *c = &r->changes[i];
		c->next_hash = b[c->hash & (uint32_t)(n - 1)];
		b[c->hash & (uint32_t)(n - 1)] = i;
	}
	free(r->buckets);
	r->buckets = b;
	r->n_buckets = n;
	return true;
}

/* The key (in r->key) of row values got by get(), false when a key column
 * is NULL (such rows are not recorded, as with the session). */
static bool key_of(struct fd_record *r, sqlite3 *h, const struct rec_table *t,
                   int (*get)(sqlite3 *, int, sqlite3_value **))
{
	r->key.n = 0;
	for (int i = 0; i < t->n_col; i++) {
		if (!t->pk[i])
			continue;
		sqlite3_value *v = NULL;
		if (get(h, i, &v) != SQLITE_OK || !v) {
			r->rc = SQLITE_ERROR;
			return false;
		}
		if (sqlite3_value_type(v) == SQLITE_NULL)
			return false;
		buf_value(&r->key, v);
	}
	return !r->key.oom;
}

/* Note a change to the row whose key is in r->key; its values before are
 * read when it is the row's first change and op is not an INSERT. As with
 * the session, a change is indirect while only triggers (or foreign key
 * actions) made it. */
static void change_add(struct fd_record *r, sqlite3 *h, int table, struct rec_table *t, int op)
{
	uint32_t hash = hash_of(table, r->key.p, r->key.n);
	if (r->n_buckets) {
		for (int i = r->buckets[hash & (uint32_t)(r->n_buckets - 1)]; i >= 0;
		     i = r->changes[i].next_hash) {
			struct rec_change *c = &r->changes[i];
			if (c->hash == hash && c->table == table && c->n_key == r->key.n &&
			    memcmp(r->arena.p + c->key, r->key.p, r->key.n) == 0) {
				/* the row's first change holds its values before */
				if (sqlite3_preupdate_depth(h) == 0)
					c->indirect = false;
				return;
			}
		}
	}
	if (r->n_changes == r->cap_changes) {
		int cap = r->cap_changes ? r->cap_changes * 2 : 64;
		struct rec_change *c = realloc(r->changes, (size_t)cap * sizeof *c);
		if (!c) {
			r->rc = SQLITE_NOMEM;
			return;
		}
		r->changes = c;
		r->cap_changes = cap;
	}
	if (r->n_changes >= r->n_buckets / 2 && !buckets_grow(r)) {
		r->rc = SQLITE_NOMEM;
		return;
	}
	struct rec_change *c = &r->changes[r->n_changes];
	c->table = table;
	c->op = op;
	c->indirect = sqlite3_preupdate_depth(h) > 0;
	c->hash = hash;
	c->key = r->arena.n;
	c->n_key = r->key.n;
	buf_add(&r->arena, r->key.p, r->key.n);
	c->old = r->arena.n;
	if (op != SQLITE_INSERT)
		for (int i = 0; i < t->n_col; i++) {
			sqlite3_value *v = NULL;
			if (sqlite3_preupdate_old(h, i, &v) != SQLITE_OK || !v) {
				r->rc = SQLITE_ERROR;
				return;
			}
			buf_value(&r->arena, v);
		}
	c->n_old = r->arena.n - c->old;
	if (r->arena.oom) {
		r->rc = SQLITE_NOMEM;
		return;
	}
	c->next_hash = r->buckets[hash & (uint32_t)(r->n_buckets - 1)];
	r->buckets[hash & (uint32_t)(r->n_buckets - 1)] = r->n_changes;
	c->next_in_table = -1;
	if (t->tail >= 0)
		r->changes[t->tail].next_in_table = r->n_changes;
	else
		t->head = r->n_changes;
	t->tail = r->n_changes;
	r->n_changes++;
}

static void preupdate(void *ctx, sqlite3 *h, int op, const char *zdb, const char *name, sqlite3_int64 key1,
                      sqlite3_int64 key2)
{
	(void)key1;
	(void)key2;
	struct fd_record *r = ctx;
	if (!r->active || r->rc || strcmp(zdb, "main") != 0)
		return;
	struct rec_table *t = table_find(r, h, name);
	if (!t || t->skip)
		return;
	/* A table altered on this connection since its columns were read. */
	if (sqlite3_preupdate_count(h) != t->n_col) {
		int rc = table_load(r, h, t);
		if (rc || t->skip || sqlite3_preupdate_count(h) != t->n_col) {
			r->rc = rc ? rc : SQLITE_SCHEMA;
			return;
		}
	}
	int table = (int)(t - r->tables);
	/* An UPDATE is a change to the row under its old key and, when the
	 * key changed, an INSERT under its new one (as the session records). */
	if (op != SQLITE_INSERT && key_of(r, h, t, sqlite3_preupdate_old))
		change_add(r, h, table, t, op);
	if (!r->rc && op != SQLITE_DELETE && key_of(r, h, t, sqlite3_preupdate_new))
		change_add(r, h, table, t, SQLITE_INSERT);
}

static struct fd_record *recorder(struct fd_db *db)
{
	if (!db->record)
		db->record = calloc(1, sizeof *db->record);
	return db->record;
}

static void changes_forget(struct fd_record *r)
{
	for (int i = 0; i < r->n_tables; i++)
		r->tables[i].head = r->tables[i].tail = -1;
	r->n_changes = 0;
	r->arena.n = 0;
	r->arena.oom = false;
	r->key.oom = false;
	r->old.oom = false;
	/* A big operation's room is given back; a small one's is kept. */
	if (r->n_buckets > 1024) {
		free(r->buckets);
		r->buckets = NULL;
		r->n_buckets = 0;
		free(r->changes);
		r->changes = NULL;
		r->cap_changes = 0;
		free(r->arena.p);
		r->arena = (struct buf){0};
	} else {
		for (int i = 0; i < r->n_buckets; i++)
			r->buckets[i] = -1;
	}
	r->rc = SQLITE_OK;
}

enum fd_status fd_record_begin(struct fd_db *db, struct fd_error *err)
{
	struct fd_record *r = recorder(db);
	if (!r)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	/* Columns and statements are kept while the schema stays as it was. */
	if (!r->schema && sqlite3_prepare_v3(db->db, "PRAGMA main.schema_version", -1,
	                                     SQLITE_PREPARE_PERSISTENT, &r->schema, NULL) != SQLITE_OK)
		return fd_db_fail(db, err, "recording an operation");
	if (sqlite3_step(r->schema) != SQLITE_ROW) {
		sqlite3_reset(r->schema);
		return fd_db_fail(db, err, "recording an operation");
	}
	int version = sqlite3_column_int(r->schema, 0);
	sqlite3_reset(r->schema);
	if (version != r->schema_version) {
		tables_forget(r);
		r->schema_version = version;
	}
	changes_forget(r);
	r->active = true;
	sqlite3_preupdate_hook(db->db, preupdate, r);
	return FD_OK;
}

void fd_record_abandon(struct fd_db *db)
{
	struct fd_record *r = db->record;
	if (!r || !r->active)
		return;
	sqlite3_preupdate_hook(db->db, NULL, NULL);
	r->active = false;
	changes_forget(r);
}

/* The row under c's key now, in t->sel (SQLITE_ROW or SQLITE_DONE). */
static int row_now(struct fd_record *r, sqlite3 *h, struct rec_table *t, const struct rec_change *c)
{
	if (!t->sel) {
		int rc = sqlite3_prepare_v3(h, t->sel_sql, -1, SQLITE_PREPARE_PERSISTENT, &t->sel, NULL);
		if (rc)
			return rc;
		if (sqlite3_column_count(t->sel) != t->n_col)
			return SQLITE_SCHEMA;
	}
	const unsigned char *p = r->arena.p + c->key;
	const unsigned char *end = p + c->n_key;
	for (int k = 1; p < end; k++) {
		struct val v = val_read(p);
		val_bind(t->sel, k, &v);
		p += v.size;
	}
	int rc = sqlite3_step(t->sel);
	return rc;
}

/* The UPDATE of c (old values in the arena, new in t->sel's row) into out;
 * nothing when no column changed. */
static void put_update(struct fd_record *r, const struct rec_table *t, const struct rec_change *c,
                       struct buf *out)
{
	size_t rewind = out->n;
	struct buf *nw = &r->old;
	nw->n = 0;
	bool changed_any = false;
	buf_byte(out, SQLITE_UPDATE);
	buf_byte(out, c->indirect);
	const unsigned char *p = r->arena.p + c->old;
	for (int i = 0; i < t->n_col; i++) {
		struct val v = val_read(p);
		bool changed = !val_same(&v, t->sel, i);
		changed_any |= changed;
		if (changed || t->pk[i])
			buf_add(out, p, v.size);
		else
			buf_byte(out, 0);
		if (changed)
			buf_value(nw, sqlite3_column_value(t->sel, i));
		else
			buf_byte(nw, 0);
		p += v.size;
	}
	if (!changed_any)
		out->n = rewind;
	else
		buf_add(out, nw->p, nw->n);
	if (nw->oom)
		out->oom = true;
}

enum fd_status fd_record_end(struct fd_db *db, void **cs, int *n_cs, struct fd_error *err)
{
	*cs = NULL;
	*n_cs = 0;
	struct fd_record *r = db->record;
	if (!r || !r->active)
		return FD_OK;
	sqlite3_preupdate_hook(db->db, NULL, NULL);
	r->active = false;
	struct buf out = {0};
	int rc = r->rc;
	for (int ti = 0; !rc && ti < r->n_tables; ti++) {
		struct rec_table *t = &r->tables[ti];
		if (t->head < 0)
			continue;
		size_t header = out.n;
		buf_byte(&out, 'T');
		buf_varint(&out, (uint32_t)t->n_col);
		buf_add(&out, t->pk, (size_t)t->n_col);
		buf_add(&out, t->name, strlen(t->name) + 1);
		size_t body = out.n;
		for (int i = t->head; !rc && i >= 0; i = r->changes[i].next_in_table) {
			const struct rec_change *c = &r->changes[i];
			int now = row_now(r, db->db, t, c);
			if (now == SQLITE_ROW && c->op == SQLITE_INSERT) {
				buf_byte(&out, SQLITE_INSERT);
				buf_byte(&out, c->indirect);
				for (int k = 0; k < t->n_col; k++)
					buf_value(&out, sqlite3_column_value(t->sel, k));
			} else if (now == SQLITE_ROW) {
				put_update(r, t, c, &out);
			} else if (now == SQLITE_DONE && c->op != SQLITE_INSERT) {
				buf_byte(&out, SQLITE_DELETE);
				buf_byte(&out, c->indirect);
				buf_add(&out, r->arena.p + c->old, c->n_old);
			} else if (now != SQLITE_DONE) {
				rc = now;
			}
			if (t->sel) {
				sqlite3_reset(t->sel);
				sqlite3_clear_bindings(t->sel);
			}
		}
		if (out.n == body)
			out.n = header;
	}
	if (!rc && out.oom)
		rc = SQLITE_NOMEM;
	changes_forget(r);
	if (rc) {
		free(out.p);
		if (rc == SQLITE_NOMEM)
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		return fd_db_fail(db, err, "recording an operation");
	}
	if (out.n) {
		*cs = sqlite3_malloc64(out.n);
		if (!*cs) {
			free(out.p);
			return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
		}
		memcpy(*cs, out.p, out.n);
		*n_cs = (int)out.n;
	}
	free(out.p);
	return FD_OK;
}

void fd_record_free(struct fd_db *db)
{
	struct fd_record *r = db->record;
	if (!r)
		return;
	if (r->active)
		sqlite3_preupdate_hook(db->db, NULL, NULL);
	tables_forget(r);
	free(r->tables);
	free(r->changes);
	free(r->buckets);
	free(r->arena.p);
	free(r->key.p);
	free(r->old.p);
	sqlite3_finalize(r->info);
	sqlite3_finalize(r->schema);
	free(r);
	db->record = NULL;
}
