// SPDX-License-Identifier: GPL-3.0-or-later
/* Reads a batch of operations repeats for every operation, once per
 * transaction (fd_pg_cache_reads, src/server/pg_push.c): the property, the
 * acting staff member and their chain role, which judging each operation
 * reads. The repository's own readers stay as they are (src/pg/repo.c);
 * these wrap them. A kept row is forgotten when the repository writes it,
 * at a savepoint's rollback (fd_pg_rollback_to) and when the transaction
 * ends; outside a transaction, or with the cache off, every read goes to
 * the database. Writers of a hotel hold its lock for the transaction
 * (fd_pg_begin), so what is kept is what the database holds. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pg/pg_internal.h"

static bool active(const struct fd_pg *pg)
{
	return pg->cache.on && pg->in_tx;
}

void fd_pg_cache_forget(struct fd_pg *pg)
{
	pg->cache.property_ok = pg->cache.staff_ok = pg->cache.role_ok = false;
}

void fd_pg_cache_reads(struct fd_pg *pg, bool on)
{
	fd_pg_cache_forget(pg);
	pg->cache.on = on;
}

static enum fd_status get_property(void *ctx, struct fd_property *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	struct fd_pg_read_cache *c = &pg->cache;
	if (active(pg) && c->property_ok && strcmp(c->property_key, pg->property) == 0) {
		*out = c->property;
		return FD_OK;
	}
	enum fd_status st = c->inner.get_property(ctx, out, err);
	if (!st && active(pg)) {
		c->property = *out;
		snprintf(c->property_key, sizeof c->property_key, "%s", pg->property);
		c->property_ok = true;
	}
	return st;
}

static enum fd_status put_property(void *ctx, const struct fd_property *p, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	pg->cache.property_ok = false;
	return pg->cache.inner.put_property(ctx, p, err);
}

static enum fd_status get_staff(void *ctx, const char *username, struct fd_staff *out, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	struct fd_pg_read_cache *c = &pg->cache;
	if (active(pg) && c->staff_ok && strcmp(c->staff_property, pg->property) == 0 &&
	    strcmp(c->staff.username, username) == 0) {
		*out = c->staff;
		return FD_OK;
	}
	enum fd_status st = c->inner.get_staff(ctx, username, out, err);
	if (!st && active(pg) && strcmp(out->username, username) == 0) {
		c->staff = *out;
		snprintf(c->staff_property, sizeof c->staff_property, "%s", pg->property);
		c->staff_ok = true;
	}
	return st;
}

static enum fd_status put_staff(void *ctx, const struct fd_staff *s, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	pg->cache.staff_ok = false;
	return pg->cache.inner.put_staff(ctx, s, err);
}

static enum fd_status get_chain_role(void *ctx, const char *username, int *chain_role, struct fd_error *err)
{
	struct fd_pg *pg = ctx;
	struct fd_pg_read_cache *c = &pg->cache;
	if (active(pg) && c->role_ok && strcmp(c->role_user, username) == 0) {
		*chain_role = c->role;
		return FD_OK;
	}
	enum fd_status st = c->inner.get_chain_role(ctx, username, chain_role, err);
	if (!st && active(pg) && strlen(username) < sizeof c->role_user) {
		snprintf(c->role_user, sizeof c->role_user, "%s", username);
		c->role = *chain_role;
		c->role_ok = true;
	}
	return st;
}

void fd_pg_repo_cache_init(struct fd_pg *pg)
{
	struct fd_repo *r = &pg->repo;
	pg->cache.inner = *r;
	r->get_property = get_property;
	r->put_property = put_property;
	r->get_staff = get_staff;
	r->put_staff = put_staff;
	if (r->get_chain_role)
		r->get_chain_role = get_chain_role;
}
