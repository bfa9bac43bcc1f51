# SPDX-License-Identifier: GPL-3.0-or-later
# src/session: a session on the terminal's hotel (libfdsession.a), under the
# command line and the application: data directory, database, enrolment,
# who acts, applying operations and queueing them for sync.
noinst_LIBRARIES += libfdsession.a
libfdsession_a_SOURCES = src/session/session.c src/session/session.h

check_PROGRAMS += tests/unit/test_session
TESTS += tests/unit/test_session
VALGRIND_TESTS += tests/unit/test_session
tests_unit_test_session_SOURCES = tests/unit/test_session.c ui/fixture.c ui/fixture.h
tests_unit_test_session_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_session_LDADD = libfdsession.a libfdsync.a $(UNIT_LDADD)
