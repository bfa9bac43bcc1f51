# SPDX-License-Identifier: GPL-3.0-or-later
# src/pg: frontdeskd's store on PostgreSQL (libpq): the schema and its
# numbered migrations, the double-booking guard, the change feed's counter,
# the repository core applies operations through (doc/scale-out.md).
# tests/pg: a throwaway cluster per test (tests/pg/lib.sh).
PG_TESTS = tests/pg/cluster.sh
TESTS += $(PG_TESTS)
EXTRA_DIST += $(PG_TESTS) tests/pg/lib.sh
