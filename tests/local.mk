# SPDX-License-Identifier: GPL-3.0-or-later
# Unit tests: cmocka, one file per module (tests/unit/test_<module>.c).
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = libfddemo.a libfdstore.a libfdcore.a $(CMOCKA_LIBS) $(EXTERNAL_LIBS)

UNIT_TESTS = \
	tests/unit/test_date \
	tests/unit/test_money
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_date_SOURCES = tests/unit/test_date.c
tests_unit_test_date_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_date_LDADD = $(UNIT_LDADD)
tests_unit_test_money_SOURCES = tests/unit/test_money.c
tests_unit_test_money_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_money_LDADD = $(UNIT_LDADD)

FIXTURE = tests/unit/fixture.c tests/unit/fixture.h
UNIT_TESTS_STORE = tests/unit/test_booking tests/unit/test_store
check_PROGRAMS += $(UNIT_TESTS_STORE)
TESTS += $(UNIT_TESTS_STORE)
tests_unit_test_booking_SOURCES = tests/unit/test_booking.c $(FIXTURE)
tests_unit_test_booking_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_booking_LDADD = $(UNIT_LDADD)
tests_unit_test_store_SOURCES = tests/unit/test_store.c $(FIXTURE)
tests_unit_test_store_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_LDADD = $(UNIT_LDADD)

# Command-line tests: real binary, real database files.
CLI_TESTS = tests/cli/bad_input.sh tests/cli/lifecycle.sh
CLI_TESTS += tests/cli/hostile_input.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli/lib.sh
# fail, ok and check of the server and PostgreSQL tests (their lib.sh)
EXTRA_DIST += tests/checks.sh
# the SMTP server of the mail tests (tests/server/smtpd.py) started and awaited
EXTRA_DIST += tests/server/smtp.sh

# The cmocka programs again under valgrind (in a build without sanitizers):
# `make check-valgrind`. Areas append their unit tests to VALGRIND_TESTS.
VALGRIND_TESTS += $(UNIT_TESTS) $(UNIT_TESTS_STORE)
VALGRIND = valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite -q
.PHONY: check-valgrind
check-valgrind:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$(VALGRIND_TESTS)" LOG_COMPILER="$(VALGRIND)" \
		TEST_SUITE_LOG=valgrind-suite.log

# The demo hotel.
check_PROGRAMS += tests/unit/test_demo
TESTS += tests/unit/test_demo
tests_unit_test_demo_SOURCES = tests/unit/test_demo.c
tests_unit_test_demo_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_demo_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_demo

# Folios, night audit, reports, import (unit and command-line tests).
FOLIO_UNIT_TESTS = tests/unit/test_folio tests/unit/test_folio_import
check_PROGRAMS += $(FOLIO_UNIT_TESTS)
TESTS += $(FOLIO_UNIT_TESTS)
tests_unit_test_folio_SOURCES = tests/unit/test_folio.c
tests_unit_test_folio_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_folio_LDADD = $(UNIT_LDADD)
tests_unit_test_folio_import_SOURCES = tests/unit/test_folio_import.c
tests_unit_test_folio_import_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_folio_import_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += $(FOLIO_UNIT_TESTS)

# A small hotel built through operations, for the shell tests.
check_PROGRAMS += tests/folio/fixture
tests_folio_fixture_SOURCES = tests/folio/fixture.c
tests_folio_fixture_CFLAGS = $(UNIT_CFLAGS)
tests_folio_fixture_LDADD = $(UNIT_LDADD)
FOLIO_TESTS = tests/folio/folio.sh tests/folio/audit.sh tests/folio/kpi.sh tests/folio/import.sh tests/folio/ical.sh
TESTS += $(FOLIO_TESTS)
EXTRA_DIST += doc/folio.md tests/folio/lib.sh $(FOLIO_TESTS)

# Hostile text: UTF-8, control characters, strict JSON, the output filter.
check_PROGRAMS += tests/unit/test_text
TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c src/cli/safe_output.c src/cli/safe_output.h \
	src/cli/table_print.c src/cli/table_print.h
tests_unit_test_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_text_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_text
TESTS += tests/cli/no_sql.sh
EXTRA_DIST += tests/cli/no_sql.sh

# The paged snapshot's page token (issue 18).
check_PROGRAMS += tests/unit/test_snaptoken
TESTS += tests/unit/test_snaptoken
tests_unit_test_snaptoken_SOURCES = tests/unit/test_snaptoken.c
tests_unit_test_snaptoken_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_snaptoken_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_snaptoken

# Room integrity: one in-house party per room, the audit and due-outs,
# early departures, housekeeping tasks (issue 12).
UNIT_TESTS_STORE += tests/unit/test_rooms
tests_unit_test_rooms_SOURCES = tests/unit/test_rooms.c $(FIXTURE)
tests_unit_test_rooms_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rooms_LDADD = $(UNIT_LDADD)
TESTS += tests/cli/rooms.sh
TESTS += tests/cli/json_answers.sh
EXTRA_DIST += tests/cli/rooms.sh tests/cli/json_answers.sh
TESTS += tests/cli/hk_tasks.sh
EXTRA_DIST += tests/cli/hk_tasks.sh
EXTRA_DIST += doc/threat-model.md
TESTS += tests/folio/refund.sh
EXTRA_DIST += tests/folio/refund.sh
TESTS += tests/folio/company.sh
EXTRA_DIST += tests/folio/company.sh
TESTS += tests/folio/cancel.sh
EXTRA_DIST += tests/folio/cancel.sh

FOLIO_TESTS += tests/folio/spreadsheet.sh
UNIT_TESTS_STORE += tests/unit/test_guests
tests_unit_test_guests_SOURCES = tests/unit/test_guests.c $(FIXTURE)
tests_unit_test_guests_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_guests_LDADD = $(UNIT_LDADD)
# Search folding's ASCII fast path equals the general path (issue 18).
UNIT_TESTS_STORE += tests/unit/test_fold
tests_unit_test_fold_SOURCES = tests/unit/test_fold.c
tests_unit_test_fold_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_fold_LDADD = $(UNIT_LDADD)
# A batch's search entries indexed once, before its COMMIT (core step 50).
UNIT_TESTS_STORE += tests/unit/test_search_queue
tests_unit_test_search_queue_SOURCES = tests/unit/test_search_queue.c $(FIXTURE)
tests_unit_test_search_queue_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_search_queue_LDADD = $(UNIT_LDADD)
# The room board's page: its index path against the plain statement (issue 18).
UNIT_TESTS_STORE += tests/unit/test_board
tests_unit_test_board_SOURCES = tests/unit/test_board.c $(FIXTURE)
tests_unit_test_board_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_board_LDADD = $(UNIT_LDADD)
TESTS += tests/cli/guests.sh
EXTRA_DIST += tests/cli/guests.sh

# Tokens and enrolment codes (src/server/token.c alone, no server).
check_PROGRAMS += tests/unit/test_token
TESTS += tests/unit/test_token
tests_unit_test_token_SOURCES = tests/unit/test_token.c src/server/token.c src/server/token.h
tests_unit_test_token_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_token_LDADD = $(CMOCKA_LIBS) $(SODIUM_LIBS)
VALGRIND_TESTS += tests/unit/test_token
# The audit log's hash chain across rollbacks and two writers (store/audit.c).
UNIT_TESTS_STORE += tests/unit/test_audit_chain
tests_unit_test_audit_chain_SOURCES = tests/unit/test_audit_chain.c $(FIXTURE)
tests_unit_test_audit_chain_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_audit_chain_LDADD = $(UNIT_LDADD)
# A push's answers printed without a tree (src/server/push_rules.c, no server).
check_PROGRAMS += tests/unit/test_push_answer
TESTS += tests/unit/test_push_answer
tests_unit_test_push_answer_SOURCES = tests/unit/test_push_answer.c src/server/push_rules.c \
	src/server/push_rules.h src/server/reply.c src/server/reply.h
tests_unit_test_push_answer_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_push_answer_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_push_answer
# The desk's rules of issue 12: day-use stays, rate integrity.
check_PROGRAMS += tests/unit/test_desk_rules
TESTS += tests/unit/test_desk_rules
tests_unit_test_desk_rules_SOURCES = tests/unit/test_desk_rules.c $(FIXTURE)
tests_unit_test_desk_rules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_desk_rules_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_desk_rules
CLI_TESTS += tests/cli/day_use.sh
CLI_TESTS += tests/cli/report_csv.sh
TESTS += tests/folio/departments.sh
EXTRA_DIST += tests/folio/departments.sh
TESTS += tests/folio/report_access.sh
EXTRA_DIST += tests/folio/report_access.sh
CLI_TESTS += tests/cli/audit_log.sh
TESTS += tests/cli/options.sh
EXTRA_DIST += tests/cli/options.sh
TESTS += tests/cli/help.sh
EXTRA_DIST += tests/cli/help.sh
CLI_TESTS += tests/cli/rates.sh
TESTS += tests/cli/groups.sh
EXTRA_DIST += tests/cli/groups.sh
check_PROGRAMS += tests/unit/test_policy
TESTS += tests/unit/test_policy
tests_unit_test_policy_SOURCES = tests/unit/test_policy.c
tests_unit_test_policy_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_policy_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_policy
TESTS += tests/cli/policies.sh
EXTRA_DIST += tests/cli/policies.sh
EXTRA_DIST += doc/policies.md
TESTS += tests/sync/test_sync_blocks.sh
EXTRA_DIST += tests/sync/test_sync_blocks.sh
TESTS += tests/cli/rate_plans.sh
EXTRA_DIST += tests/cli/rate_plans.sh
check_PROGRAMS += tests/unit/test_rate
TESTS += tests/unit/test_rate
tests_unit_test_rate_SOURCES = tests/unit/test_rate.c
tests_unit_test_rate_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rate_LDADD = $(UNIT_LDADD)
# Issue 18: the per-type-per-night counts availability reads.
check_PROGRAMS += tests/unit/test_sold
TESTS += tests/unit/test_sold
VALGRIND_TESTS += tests/unit/test_sold
tests_unit_test_sold_SOURCES = tests/unit/test_sold.c $(FIXTURE)
tests_unit_test_sold_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_sold_LDADD = $(UNIT_LDADD)
# Issue 18: the SQLite store's availability over a range in one statement
# equals its night-by-night counts.
check_PROGRAMS += tests/unit/test_avail_range
TESTS += tests/unit/test_avail_range
VALGRIND_TESTS += tests/unit/test_avail_range
tests_unit_test_avail_range_SOURCES = tests/unit/test_avail_range.c $(FIXTURE)
tests_unit_test_avail_range_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_avail_range_LDADD = $(UNIT_LDADD)
TESTS += tests/cli/import_again.sh
EXTRA_DIST += tests/cli/import_again.sh
# Issue 18: progress lines on a terminal, nothing with --json or off a terminal.
CLI_TESTS += tests/cli/progress.sh
EXTRA_DIST += tests/cli/progress.sh
# Offers for a stay (src/core/offer.c), the public booking side's prices
check_PROGRAMS += tests/unit/test_offer
TESTS += tests/unit/test_offer
VALGRIND_TESTS += tests/unit/test_offer
tests_unit_test_offer_SOURCES = tests/unit/test_offer.c $(FIXTURE)
tests_unit_test_offer_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_offer_LDADD = $(UNIT_LDADD)
# The booking page in a real browser: Debian's chromium, driven by
# playwright-core, checked by axe-core (both from npm, installed by the test
# under the build tree, never committed); screenshots in tests/browser/screenshots.
TESTS += tests/browser/test_booking_page.sh
EXTRA_DIST += tests/browser/test_booking_page.sh tests/browser/booking.js
clean-local: clean-browser-tools
clean-browser-tools:
	rm -rf .npm-browser tests/browser/screenshots tests/browser/screenshots-chain
.PHONY: clean-browser-tools
TESTS += tests/cli/feed.sh
EXTRA_DIST += tests/cli/feed.sh doc/channel-feed.md
CLI_TESTS += tests/cli/report_locale.sh
CLI_TESTS += tests/cli/free_text.sh
CLI_TESTS += tests/cli/status_words.sh
CLI_TESTS += tests/cli/modify_source.sh
check_PROGRAMS += tests/unit/test_bulk
TESTS += tests/unit/test_bulk
VALGRIND_TESTS += tests/unit/test_bulk
tests_unit_test_bulk_SOURCES = tests/unit/test_bulk.c $(FIXTURE)
tests_unit_test_bulk_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_bulk_LDADD = $(UNIT_LDADD)
TESTS += tests/cli/import_long_names.sh
EXTRA_DIST += tests/cli/import_long_names.sh
check_PROGRAMS += tests/unit/test_perm_password
TESTS += tests/unit/test_perm_password
tests_unit_test_perm_password_SOURCES = tests/unit/test_perm_password.c
tests_unit_test_perm_password_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_perm_password_LDADD = $(UNIT_LDADD)
VALGRIND_TESTS += tests/unit/test_perm_password
check_PROGRAMS += tests/unit/test_chain_perm
TESTS += tests/unit/test_chain_perm
VALGRIND_TESTS += tests/unit/test_chain_perm
tests_unit_test_chain_perm_SOURCES = tests/unit/test_chain_perm.c
tests_unit_test_chain_perm_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_chain_perm_LDADD = $(UNIT_LDADD)
TESTS += tests/cli/timezone.sh
EXTRA_DIST += tests/cli/timezone.sh
CLI_TESTS += tests/cli/deposit_flag.sh
CLI_TESTS += tests/cli/corporate_plan.sh
CLI_TESTS += tests/cli/guest_stats.sh
CLI_TESTS += tests/cli/booking_company.sh
TESTS += tests/sync/test_sync_company.sh
EXTRA_DIST += tests/sync/test_sync_company.sh
# the booking page of a chain's server (PostgreSQL, two hotels) in a browser
TESTS += tests/browser/test_booking_chain.sh
EXTRA_DIST += tests/browser/test_booking_chain.sh
# Issue 18: operations' changesets recorded per connection (store/record.h).
check_PROGRAMS += tests/unit/test_record
TESTS += tests/unit/test_record
VALGRIND_TESTS += tests/unit/test_record
tests_unit_test_record_SOURCES = tests/unit/test_record.c $(FIXTURE)
tests_unit_test_record_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_record_LDADD = $(UNIT_LDADD)
