# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench: see the comment at the top of Makefile.am
# bench_ui: the terminal application's repaint time and bytes per key.
EXTRA_PROGRAMS += tests/bench/bench_ui
tests_bench_bench_ui_SOURCES = tests/bench/bench_ui.c ui/fixture.c ui/fixture.h
tests_bench_bench_ui_LDADD = libfdstore.a libfdcore.a $(EXTERNAL_LIBS)
EXTRA_PROGRAMS += tests/bench/bench_core
tests_bench_bench_core_SOURCES = tests/bench/bench_core.c
tests_bench_bench_core_LDADD = libfddemo.a libfdstore.a libfdcore.a $(EXTERNAL_LIBS)
CLEANFILES += tests/bench/bench_core$(EXEEXT)
# bench_sync: the sync engine against a real frontdeskd (run from the build
# directory; FD_BENCH_BOOKINGS scales the big hotel, default 500000).
EXTRA_PROGRAMS += tests/bench/bench_sync
tests_bench_bench_sync_SOURCES = tests/bench/bench_sync.c
tests_bench_bench_sync_CFLAGS = $(AM_CFLAGS)
tests_bench_bench_sync_LDADD = libfdsync.a libfddemo.a libfdstore.a libfdcore.a $(EXTERNAL_LIBS)

# The HTTP client the benchmarks that drive a real frontdeskd share.
BENCH_HTTP = tests/bench/http.c tests/bench/http.h

# frontdeskd benchmark (server engineer): runs ./frontdeskd on loopback.
EXTRA_PROGRAMS += tests/bench/bench_server
tests_bench_bench_server_SOURCES = tests/bench/bench_server.c $(BENCH_HTTP)
tests_bench_bench_server_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
tests_bench_bench_server_LDADD = $(CURL_LIBS) $(SQLITE_LIBS) $(PTHREAD_LIBS)
EXTRA_tests_bench_bench_server_DEPENDENCIES = frontdeskd$(EXEEXT)
CLEANFILES += tests/bench/bench_server$(EXEEXT)

# bench_folio: import and report timings.
EXTRA_PROGRAMS += tests/bench/bench_folio
tests_bench_bench_folio_SOURCES = tests/bench/bench_folio.c
tests_bench_bench_folio_CFLAGS = $(UNIT_CFLAGS)
tests_bench_bench_folio_LDADD = $(UNIT_LDADD)
# bench_public: the public availability endpoint's requests/s and p99, and a
# flood from one address limited while a desk's sync answers (loopback).
EXTRA_PROGRAMS += tests/bench/bench_public
tests_bench_bench_public_SOURCES = tests/bench/bench_public.c $(BENCH_HTTP)
tests_bench_bench_public_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
tests_bench_bench_public_LDADD = $(CURL_LIBS) $(PTHREAD_LIBS)
EXTRA_tests_bench_bench_public_DEPENDENCIES = frontdeskd$(EXEEXT)
CLEANFILES += tests/bench/bench_public$(EXEEXT)
# bench_chain: issue 14's chain on PostgreSQL (hotels x rooms x a year),
# one and three frontdeskd, beside SQLite (a throwaway cluster; skipped
# without PostgreSQL).
EXTRA_PROGRAMS += tests/bench/bench_chain
tests_bench_bench_chain_SOURCES = tests/bench/bench_chain.c $(BENCH_HTTP)
tests_bench_bench_chain_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(PQ_CFLAGS)
tests_bench_bench_chain_LDADD = libfdpg.a libfdstore.a libfdcore.a $(PQ_LIBS) $(CURL_LIBS) $(EXTERNAL_LIBS) $(PTHREAD_LIBS)
EXTRA_tests_bench_bench_chain_DEPENDENCIES = frontdeskd$(EXEEXT)
CLEANFILES += tests/bench/bench_chain$(EXEEXT)
# bench_pty: keypress to repaint from outside, the real frontdesk on the
# demo hotel in a 200x50 pseudo-terminal, beside a bare ncurses program.
EXTRA_PROGRAMS += tests/bench/bench_pty
tests_bench_bench_pty_SOURCES = tests/bench/bench_pty.c
tests_bench_bench_pty_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
tests_bench_bench_pty_LDADD = $(NCURSES_LIBS) -lutil
EXTRA_tests_bench_bench_pty_DEPENDENCIES = frontdesk$(EXEEXT)
CLEANFILES += tests/bench/bench_pty$(EXEEXT)
# make bench-smoke: every benchmark at a tiny size (about a minute in all),
# as CI runs it so they cannot rot. A benchmark exits non-zero when what it
# measures fails (never on a timing); the figures mean nothing at this size.
BENCH_SMOKE_ENV = FD_BENCH_ROOMS=40 FD_BENCH_BOOKINGS=300 FD_BENCH_OP_BOOKINGS=100 FD_BENCH_BATCH=100 \
	FD_BENCH_RUNS=5 FD_BENCH_OPS=4 FD_BENCH_ROWS=200 FD_BENCH_SECONDS=1 FD_BENCH_KEYS=2 \
	FD_BENCH_CHAIN_HOTELS=2 FD_BENCH_CHAIN_ROOMS=20
.PHONY: bench-smoke
bench-smoke: $(EXTRA_PROGRAMS)
	$(BENCH_SMOKE_ENV) $(MAKE) $(AM_MAKEFLAGS) bench
