# SPDX-License-Identifier: GPL-3.0-or-later
# src/sync: the terminal's sync engine (libfdsync.a): enrolment and sign-in,
# the background thread, push, pull and the overlay of pending operations.
noinst_LIBRARIES += libfdsync.a
libfdsync_a_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(SODIUM_CFLAGS)
libfdsync_a_SOURCES = \
	src/sync/sync.h src/sync/sync_internal.h \
	src/sync/overlay.c src/sync/apply.c src/sync/state.c src/sync/backoff.c \
	src/sync/http.c src/sync/exchange.c src/sync/engine.c
libfdsync_a_SOURCES += src/sync/account.c src/sync/account.h

# Integration tests: real frontdeskd on loopback, terminal data directories.
SYNC_TESTS = tests/sync/test_sync_basic.sh tests/sync/test_sync_offline.sh \
	tests/sync/test_sync_kill.sh tests/sync/test_sync_proxy.sh tests/sync/test_sync_folio.sh
TESTS += $(SYNC_TESTS)
EXTRA_DIST += $(SYNC_TESTS) tests/sync/lib.sh tests/sync/faultproxy.py tests/sync/proxy_http.py

# Unit test of the engine's local parts (overlay, feed apply, back-off).
check_PROGRAMS += tests/sync/test_sync_overlay
TESTS += tests/sync/test_sync_overlay
tests_sync_test_sync_overlay_SOURCES = tests/sync/test_sync_overlay.c
tests_sync_test_sync_overlay_CFLAGS = $(UNIT_CFLAGS)
tests_sync_test_sync_overlay_LDADD = libfdsync.a $(UNIT_LDADD)
SYNC_TESTS += tests/sync/test_erasure.sh
SYNC_TESTS += tests/sync/test_sync_queue.sh
SYNC_TESTS += tests/sync/test_invoice_numbers.sh
SYNC_TESTS += tests/sync/test_sync_restore.sh
SYNC_TESTS += tests/sync/test_sync_status.sh
SYNC_TESTS += tests/sync/test_sync_trim.sh
SYNC_TESTS += tests/sync/test_identity.sh
SYNC_TESTS += tests/sync/test_outage_pack_bg.sh
SYNC_TESTS += tests/sync/test_erasure_restore.sh
SYNC_TESTS += tests/sync/test_sync_overwrite.sh
SYNC_TESTS += tests/sync/test_sync_snapshot.sh
SYNC_TESTS += tests/sync/test_sync_snapshot_order.sh
SYNC_TESTS += tests/sync/test_sync_first.sh
SYNC_TESTS += tests/sync/test_sync_first_kill.sh
# The next snapshot page asked for while one is staged (issue 18).
SYNC_TESTS += tests/sync/test_sync_first_ahead.sh
EXTRA_DIST += tests/sync/pageproxy.py
SYNC_TESTS += tests/sync/test_sync_snapshot_move.sh
EXTRA_DIST += doc/sync.md
SYNC_TESTS += tests/sync/test_sync_gap.sh
SYNC_TESTS += tests/sync/test_sync_versions.sh
EXTRA_DIST += tests/sync/prev_release.sh
SYNC_TESTS += tests/sync/test_sync_jepsen.sh
EXTRA_DIST += tests/sync/jepsen.py

# `make soak SOAK_SECONDS=N SOAK_TERMINALS=M [SOAK_SEED=S]`: the randomized
# history under faults (tests/sync/jepsen.py) for longer than in make check.
SOAK_SECONDS = 300
SOAK_TERMINALS = 5
soak: frontdesk$(EXEEXT) frontdeskd$(EXEEXT)
	JEPSEN_SECONDS=$(SOAK_SECONDS) JEPSEN_TERMINALS=$(SOAK_TERMINALS) JEPSEN_SEED=$(SOAK_SEED) \
	top_srcdir=$(top_srcdir) top_builddir=$(abs_top_builddir) \
	$(SHELL) $(top_srcdir)/tests/sync/test_sync_jepsen.sh
.PHONY: soak
SYNC_TESTS += tests/sync/test_outbox_report.sh
SYNC_TESTS += tests/sync/test_sync_rates.sh
SYNC_TESTS += tests/sync/test_public_web.sh
check_PROGRAMS += tests/sync/test_snapshot_pages
TESTS += tests/sync/test_snapshot_pages
tests_sync_test_snapshot_pages_SOURCES = tests/sync/test_snapshot_pages.c
tests_sync_test_snapshot_pages_CFLAGS = $(UNIT_CFLAGS)
tests_sync_test_snapshot_pages_LDADD = libfdsync.a $(UNIT_LDADD)
SYNC_TESTS += tests/sync/test_guest_merge.sh
# a person's calls of the server beside the sync (the administration pane)
libfdsync_a_SOURCES += src/sync/call.c src/sync/call.h
SYNC_TESTS += tests/sync/test_sync_day_use.sh
