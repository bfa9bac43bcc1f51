# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzz targets for every parser of outside input (tests/fuzz/README). In the
# ordinary build each replays its seed corpus under `make check`; in a build
# configured with --enable-fuzzing (tools/fuzz, `make fuzz`) each is a
# libFuzzer program.
FUZZ_TARGETS = tests/fuzz/fuzz_op_json tests/fuzz/fuzz_csv_import tests/fuzz/fuzz_sync_feed
FUZZ_COMMON = tests/fuzz/fuzz.h $(FIXTURE)
check_LIBRARIES = libfdfuzzreplay.a
libfdfuzzreplay_a_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz.h
if FUZZING
FUZZ_MAIN =
FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/tests/fuzz -DFD_LIBFUZZER
FUZZ_LINK = -fsanitize=fuzzer
else
FUZZ_MAIN = libfdfuzzreplay.a
FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -I$(top_srcdir)/tests/fuzz
FUZZ_LINK =
endif
check_PROGRAMS += $(FUZZ_TARGETS)
tests_fuzz_fuzz_op_json_SOURCES = tests/fuzz/fuzz_op_json.c $(FUZZ_COMMON)
tests_fuzz_fuzz_op_json_LDADD = $(FUZZ_MAIN) $(UNIT_LDADD)
tests_fuzz_fuzz_op_json_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_op_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_csv_import_SOURCES = tests/fuzz/fuzz_csv_import.c $(FUZZ_COMMON)
tests_fuzz_fuzz_csv_import_LDADD = $(FUZZ_MAIN) $(UNIT_LDADD)
tests_fuzz_fuzz_csv_import_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_csv_import_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_sync_feed_SOURCES = tests/fuzz/fuzz_sync_feed.c $(FUZZ_COMMON)
tests_fuzz_fuzz_sync_feed_LDADD = $(FUZZ_MAIN) libfdsync.a $(UNIT_LDADD)
tests_fuzz_fuzz_sync_feed_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_sync_feed_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/README tests/fuzz/corpus tools/fuzz

# make fuzz [FUZZ_SECONDS=N]: build every target with clang and libFuzzer in
# fuzz-build/ and fuzz each for N seconds (default 60), printing executions
# and findings; crashing inputs are kept in fuzz-build/findings/.
FUZZ_SECONDS = 60
.PHONY: fuzz fuzz-targets
fuzz:
	$(top_srcdir)/tools/fuzz "$(FUZZ_SECONDS)" "$(abs_top_srcdir)" "$(abs_top_builddir)/fuzz-build"
fuzz-targets: $(FUZZ_TARGETS)
mostlyclean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz-build
.PHONY: clean-fuzz

# The request handlers of frontdeskd below libmicrohttpd (fuzz_http.c):
# every source of the server, its main renamed out of the way (so without
# a prototype), and Argon2id at its cheapest (src/server/auth.c).
FUZZ_TARGETS += tests/fuzz/fuzz_http
tests_fuzz_fuzz_http_SOURCES = tests/fuzz/fuzz_http.c tests/fuzz/fuzz.h $(frontdeskd_SOURCES)
tests_fuzz_fuzz_http_CPPFLAGS = $(FUZZ_CPPFLAGS) -Dmain=frontdeskd_main -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
tests_fuzz_fuzz_http_CFLAGS = $(frontdeskd_CFLAGS) -Wno-missing-prototypes
tests_fuzz_fuzz_http_LDADD = $(FUZZ_MAIN) $(frontdeskd_LDADD)
tests_fuzz_fuzz_http_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)

# The iCal importer (src/store/ical.c).
FUZZ_TARGETS += tests/fuzz/fuzz_ical
tests_fuzz_fuzz_ical_SOURCES = tests/fuzz/fuzz_ical.c $(FUZZ_COMMON)
tests_fuzz_fuzz_ical_LDADD = $(FUZZ_MAIN) $(UNIT_LDADD)
tests_fuzz_fuzz_ical_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_ical_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)

# The configuration files: frontdeskd's (src/server/main.c, with the
# server's sources as fuzz_http has them) and the terminal application's
# (ui/keys.c, ui/colors.c, ui/config_lines.c).
FUZZ_TARGETS += tests/fuzz/fuzz_config
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c tests/fuzz/fuzz.h $(frontdeskd_SOURCES) \
	ui/keys.c ui/keys.h ui/colors.c ui/colors.h ui/config_lines.c ui/config_lines.h
tests_fuzz_fuzz_config_CPPFLAGS = $(FUZZ_CPPFLAGS) -Dmain=frontdeskd_main
tests_fuzz_fuzz_config_CFLAGS = $(frontdeskd_CFLAGS) $(NCURSES_CFLAGS) -Wno-missing-prototypes
tests_fuzz_fuzz_config_LDADD = $(FUZZ_MAIN) $(frontdeskd_LDADD)
tests_fuzz_fuzz_config_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
