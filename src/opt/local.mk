# SPDX-License-Identifier: GPL-3.0-or-later
# src/opt: the command-line parser both programs share (getopt_long).
noinst_LIBRARIES += libfdopt.a
libfdopt_a_SOURCES = src/opt/opt.c src/opt/opt.h
frontdesk_LDADD += libfdopt.a
frontdeskd_LDADD += libfdopt.a

check_PROGRAMS += tests/unit/test_opt
TESTS += tests/unit/test_opt
VALGRIND_TESTS += tests/unit/test_opt
tests_unit_test_opt_SOURCES = tests/unit/test_opt.c
tests_unit_test_opt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_opt_LDADD = libfdopt.a $(UNIT_LDADD)
