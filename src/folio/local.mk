# src/folio: folios, payments, night audit, reports, import and export.
# Pure rules and operation handlers go into libfdcore.a (they reach storage
# only through struct fd_repo); the SQLite side into libfdstore.a; the
# command line into the frontdesk binary.
libfdcore_a_SOURCES += \
	src/folio/folio.c src/folio/folio.h \
	src/folio/card.c src/folio/card.h \
	src/folio/kpi.c src/folio/kpi.h \
	src/folio/op_folio.c src/folio/op_folio.h \
	src/folio/op_audit.c src/folio/op_block.c
libfdstore_a_SOURCES += \
	src/folio/schema_folio.c \
	src/store/repo_folio.c
# The command-line glue is a library linked into frontdesk (FRONTDESK_LIBS),
# so this file does not depend on the order the areas are included in.
noinst_LIBRARIES += libfdfolio.a
libfdfolio_a_CFLAGS = $(AM_CFLAGS) $(ICAL_CFLAGS)
libfdfolio_a_SOURCES = \
	src/folio/cmd_folio.c src/folio/cmd_folio.h \
	src/folio/cmd_report.c src/folio/report.c src/folio/report.h \
	src/folio/table.c src/folio/table.h \
	src/folio/cmd_import.c src/folio/import.c src/folio/import.h \
	src/folio/cmd_ical.c
FRONTDESK_LIBS += libfdfolio.a

FOLIO_UNIT_TESTS = tests/unit/test_folio tests/unit/test_folio_import
check_PROGRAMS += $(FOLIO_UNIT_TESTS)
TESTS += $(FOLIO_UNIT_TESTS)
tests_unit_test_folio_SOURCES = tests/unit/test_folio.c
tests_unit_test_folio_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_folio_LDADD = $(UNIT_LDADD)
tests_unit_test_folio_import_SOURCES = tests/unit/test_folio_import.c
tests_unit_test_folio_import_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_folio_import_LDADD = libfdfolio.a $(UNIT_LDADD)

# A small hotel built through operations, for the shell tests.
check_PROGRAMS += tests/folio/fixture
tests_folio_fixture_SOURCES = tests/folio/fixture.c
tests_folio_fixture_CFLAGS = $(UNIT_CFLAGS)
tests_folio_fixture_LDADD = $(UNIT_LDADD)
TESTS += tests/folio/folio.sh tests/folio/audit.sh tests/folio/kpi.sh tests/folio/import.sh tests/folio/ical.sh
EXTRA_DIST += src/folio/README.md tests/folio/lib.sh tests/folio/folio.sh tests/folio/audit.sh tests/folio/kpi.sh tests/folio/import.sh tests/folio/ical.sh

# make bench: import and report timings (prints a table, asserts nothing).
EXTRA_PROGRAMS += tests/bench/bench_folio
tests_bench_bench_folio_SOURCES = tests/bench/bench_folio.c
tests_bench_bench_folio_CFLAGS = $(UNIT_CFLAGS)
tests_bench_bench_folio_LDADD = libfdfolio.a $(UNIT_LDADD)
VALGRIND_TESTS += $(FOLIO_UNIT_TESTS)
