// SPDX-License-Identifier: GPL-3.0-or-later
/* Erasures outlive a restore (issue 19). A backup taken before a guest was
 * erased still holds the guest; restoring it would bring the person back.
 * So the server keeps the list of erased guests OUTSIDE the database, in
 * DATA/erased-guests (one guest id a line, mode 0600; ids only, no personal
 * data), and `restore` erases again every guest of that list the restored
 * file still holds, before anything is served.
 *
 * The list is appended after each commit that erased a guest (push.c) and
 * completed from the database's own record (the erased_guests table of core
 * migration 8) whenever the server starts and before a restore replaces
 * the database, so an erasure committed just before a crash is not missed.
 *
 * On PostgreSQL (pg_erasures.c) the same list, in each server's own data
 * directory: completed from the database (guests with erased = 1, every
 * hotel) at start and appended after each push that erased (pg_push.c);
 * at start and whenever the server learns a new epoch (a restore), every
 * listed guest the database holds unerased is erased again, and
 * `new-epoch --data DIR` does so with DIR's list before it renews the
 * epoch. srv_erasures_merge is the list's one writer, whichever database
 * the ids come from. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "server/server.h"
#include "store/ids.h"

void srv_erasures_path(const char *data_dir, char *out, size_t size)
{
	snprintf(out, size, "%s/erased-guests", data_dir);
}

bool srv_erasures_id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n != FD_ID_LEN - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F') || s[i] == '-'))
			return false;
	return true;
}

static bool plausible_id(const char *s)
{
	return s && srv_erasures_id_ok(s);
}

enum fd_status srv_erasures_load(const char *data_dir, char (**ids)[FD_ID_LEN], int *n, struct fd_error *err)
{
	char path[600], line[128];
	srv_erasures_path(data_dir, path, sizeof path);
	*ids = NULL;
	*n = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT
		           ? FD_OK
		           : fd_fail(err, FD_E_IO, "io", NULL, "Cannot read %s: %s.", path, strerror(errno));
	int cap = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!plausible_id(line))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			char(*grown)[FD_ID_LEN] = realloc(*ids, (size_t)cap * sizeof **ids);
			if (!grown) {
				fclose(f);
				free(*ids);
				*ids = NULL;
				*n = 0;
				return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
			}
			*ids = grown;
		}
		memcpy((*ids)[(*n)++], line, FD_ID_LEN); /* plausible_id: FD_ID_LEN - 1 characters */
	}
	fclose(f);
	return FD_OK;
}

/* Append to the list every id of ids it lacks, fsync'd; a file merge that
 * knows nothing of where the ids come from (SQLite's erased_guests table,
 * PostgreSQL's erased guests: pg_erasures.c). */
static int cmp_listed(const void *a, const void *b)
{
	return strcasecmp(a, b);
}

struct ref {
	const char *id;
	int k; /* its place in ids */
};

static int cmp_ref(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = strcasecmp(x->id, y->id);
	return c ? c : (x->k > y->k) - (x->k < y->k);
}

/* Sorted, so that a chain's list of many thousand ids merges in
 * n log n at every start, not n squared. */
static enum fd_status merge(const char *data_dir, const char *const *ids, int n, struct fd_error *err)
{
	char(*have)[FD_ID_LEN] = NULL;
	int n_have = 0;
	enum fd_status st = srv_erasures_load(data_dir, &have, &n_have, err);
	if (st)
		return st;
	struct ref *refs = malloc(((size_t)n + 1) * sizeof *refs);
	bool *skip = calloc((size_t)n + 1, sizeof *skip);
	char *out = malloc((size_t)n * FD_ID_LEN + 1); /* the lines to append: FD_ID_LEN - 1 + '\n' each */
	if (!refs || !skip || !out) {
		st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
		goto done;
	}
	int m = 0;
	for (int k = 0; k < n; k++)
		if (plausible_id(ids[k]))
			refs[m++] = (struct ref){ids[k], k};
		else
			skip[k] = true;
	qsort(refs, (size_t)m, sizeof *refs, cmp_ref);
	for (int j = 1; j < m; j++) /* twice in ids: the first one counts */
		if (strcasecmp(refs[j].id, refs[j - 1].id) == 0)
			skip[refs[j].k] = true;
	if (n_have) /* (qsort and bsearch want a list, even an empty one) */
		qsort(have, (size_t)n_have, sizeof *have, cmp_listed);
	size_t len = 0;
	for (int k = 0; k < n; k++)
		if (!skip[k] && !(n_have && bsearch(ids[k], have, (size_t)n_have, sizeof *have, cmp_listed)))
			len += (size_t)sprintf(out + len, "%s\n", ids[k]);
	if (!len)
		goto done;
	char path[600];
	srv_erasures_path(data_dir, path, sizeof path);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, out, len) != (ssize_t)len || fsync(fd) != 0)
		st = fd_fail(err, FD_E_IO, "io", NULL, "Cannot write %s: %s.", path, strerror(errno));
	if (fd >= 0)
		close(fd);
done:
	free(out);
	free(skip);
	free(refs);
	free(have);
	return st;
}

static pthread_mutex_t merge_lock = PTHREAD_MUTEX_INITIALIZER;

enum fd_status srv_erasures_merge(const char *data_dir, const char *const *ids, int n, struct fd_error *err)
{
	/* One merge at a time: PostgreSQL's pushes run in parallel threads,
	 * and two reading the list before either appends would list an id
	 * twice (harmless, but the list grows for nothing). */
	pthread_mutex_lock(&merge_lock);
	enum fd_status st = merge(data_dir, ids, n, err);
	pthread_mutex_unlock(&merge_lock);
	return st;
}

enum fd_status srv_erasures_record(struct fd_db *db, const char *data_dir, struct fd_error *err)
{
	sqlite3_stmt *q =
	    fd_db_stmt(db, "SELECT guest_id FROM erased_guests ORDER BY erased_at, guest_id", err);
	if (!q)
		return err ? err->status : FD_E_IO;
	char(*ids)[FD_ID_LEN] = NULL;
	const char **list = NULL;
	int n = 0, cap = 0;
	enum fd_status st = FD_OK;
	while (!st && sqlite3_step(q) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(q, 0);
		if (!id || !plausible_id(id))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			char(*grown)[FD_ID_LEN] = realloc(ids, (size_t)cap * sizeof *ids);
			if (!grown) {
				st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
				break;
			}
			ids = grown;
		}
		memcpy(ids[n++], id, FD_ID_LEN);
	}
	sqlite3_reset(q);
	if (!st && n) { /* none: nothing to add to the list */
		if (!(list = malloc((size_t)n * sizeof *list)))
			st = fd_fail(err, FD_E_NOMEM, "nomem", NULL, "Out of memory.");
		else {
			for (int i = 0; i < n; i++)
				list[i] = ids[i];
			st = srv_erasures_merge(data_dir, list, n, err);
		}
	}
	free(list);
	free(ids);
	return st;
}

bool srv_erasures_listed(const char *data_dir, const char *id)
{
	if (!id || !plausible_id(id))
		return false;
	char(*ids)[FD_ID_LEN] = NULL;
	int n = 0;
	bool found = false;
	if (srv_erasures_load(data_dir, &ids, &n, NULL) == FD_OK)
		for (int i = 0; i < n && !found; i++)
			found = strcasecmp(ids[i], id) == 0;
	free(ids);
	return found;
}

bool srv_erasures_has(struct fd_db *db, const char *data_dir, const char *id)
{
	if (!id || !plausible_id(id))
		return false;
	bool found = false;
	sqlite3_stmt *q = fd_db_stmt(db, "SELECT 1 FROM erased_guests WHERE guest_id = ?1", NULL);
	if (q) {
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		found = sqlite3_step(q) == SQLITE_ROW;
		sqlite3_reset(q);
	}
	return found || srv_erasures_listed(data_dir, id);
}
