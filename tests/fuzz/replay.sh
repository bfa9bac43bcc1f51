#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Replay every fuzz target's seed corpus (tests/fuzz/corpus/TARGET) under the
# sanitizers of this build.
set -e
for target in op_json csv_import sync_feed http ical config; do
	"${top_builddir:?}/tests/fuzz/fuzz_$target" "${top_srcdir:?}/tests/fuzz/corpus/$target"
done
