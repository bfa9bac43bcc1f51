# SPDX-License-Identifier: GPL-3.0-or-later
# src/pg: frontdeskd's store on PostgreSQL (libpq): the schema and its
# numbered migrations, the double-booking guard, the change feed's counter,
# the repository core applies operations through (doc/scale-out.md).
noinst_LIBRARIES += libfdpg.a
libfdpg_a_SOURCES = src/pg/pg.h src/pg/pg_internal.h src/pg/pg.c src/pg/schema.c src/pg/repo.c src/pg/apply.c
libfdpg_a_SOURCES += src/pg/chain.h src/pg/chain.c
libfdpg_a_SOURCES += src/pg/report.h src/pg/report.c
libfdpg_a_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)

# tests/pg: a throwaway cluster per test (tests/pg/lib.sh) and a driver
# that runs core operations and feed writers/readers on it (pgtool).
check_PROGRAMS += tests/pg/pgtool
tests_pg_pgtool_SOURCES = tests/pg/pgtool.c
tests_pg_pgtool_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_pg_pgtool_LDADD = libfdpg.a libfdstore.a libfdcore.a $(PQ_LIBS) $(EXTERNAL_LIBS)
PG_TESTS = tests/pg/cluster.sh tests/pg/schema.sh tests/pg/feed_order.sh
PG_TESTS += tests/pg/ops.sh
PG_TESTS += tests/pg/server.sh
PG_TESTS += tests/pg/terminals.sh
PG_TESTS += tests/pg/failover.sh
PG_TESTS += tests/pg/kill9.sh
PG_TESTS += tests/pg/hotels.sh
PG_TESTS += tests/pg/isolation.sh
PG_TESTS += tests/pg/chain_roles.sh
PG_TESTS += tests/pg/chain_report.sh
PG_TESTS += tests/pg/shared_guests.sh
TESTS += $(PG_TESTS)
EXTRA_DIST += $(PG_TESTS) tests/pg/lib.sh doc/scale-out.md
libfdpg_a_SOURCES += src/pg/feed.h src/pg/feed.c
PG_TESTS += tests/pg/feed.sh
PG_TESTS += tests/pg/snapshot_order.sh
PG_TESTS += tests/pg/epoch.sh
# erasures outlive a restore on PostgreSQL (src/server/pg_erasures.c)
PG_TESTS += tests/pg/erasures.sh
# HAProxy in front of three frontdeskd, one killed mid-stream (tests/pg/haproxy.sh)
TESTS += tests/pg/haproxy.sh
EXTRA_DIST += tests/pg/haproxy.sh
PG_TESTS += tests/pg/lists.sh
libfdpg_a_SOURCES += src/pg/audit.h src/pg/audit.c
PG_TESTS += tests/pg/audit.sh
PG_TESTS += tests/pg/throttle.sh
PG_TESTS += tests/pg/conflicts.sh
# frontdeskd migrate --to postgresql://... (tests/pg/migrate.sh)
TESTS += tests/pg/migrate.sh
EXTRA_DIST += tests/pg/migrate.sh
libfdpg_a_SOURCES += src/pg/query.h src/pg/query.c
# the read endpoints, metrics and booking page on PostgreSQL (tests/pg/reads.sh)
PG_TESTS += tests/pg/reads.sh
PG_TESTS += tests/pg/batch.sh
# the administration endpoints on PostgreSQL (src/server/pg_admin.c)
PG_TESTS += tests/pg/admin_api.sh
libfdpg_a_SOURCES += src/pg/repo_folio.c
PG_TESTS += tests/pg/folios.sh
libfdpg_a_SOURCES += src/pg/repo_company.c
PG_TESTS += tests/pg/push_gap.sh
PG_TESTS += tests/pg/metrics.sh
PG_TESTS += tests/pg/admin_audit.sh
PG_TESTS += tests/pg/backup.sh
libfdpg_a_SOURCES += src/pg/repo_invoice.c
libfdpg_a_SOURCES += src/pg/mail.h src/pg/mail.c
PG_TESTS += tests/pg/invoices.sh
PG_TESTS += tests/pg/mail.sh
libfdpg_a_SOURCES += src/pg/repo_rate.c
libfdpg_a_SOURCES += src/pg/repo_group.c
# rate plans and group blocks on PostgreSQL (src/pg/repo_rate.c, src/pg/repo_group.c)
PG_TESTS += tests/pg/rates.sh
PG_TESTS += tests/pg/policy_clock.sh
# the guests' public booking API on PostgreSQL (src/server/pg_public.c)
PG_TESTS += tests/pg/public.sh
libfdpg_a_SOURCES += src/pg/repo_conflict.c
PG_TESTS += tests/pg/admin_users.sh
PG_TESTS += tests/pg/admin_demo.sh
PG_TESTS += tests/pg/avail_range.sh
libfdpg_a_SOURCES += src/pg/repo_cache.c
PG_TESTS += tests/pg/push_reads.sh
