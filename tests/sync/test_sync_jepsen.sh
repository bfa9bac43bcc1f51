#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: a randomized history under faults (tests/sync/jepsen.py says
# what it does and checks). A short run here; `make soak SOAK_SECONDS=N
# SOAK_TERMINALS=M` runs it longer. JEPSEN_SEED=N replays a run's choices.
set -eu
: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fd-jepsen.XXXXXX")
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
rc=0
python3 "$top_srcdir/tests/sync/jepsen.py" --fd "$top_builddir/frontdesk" --fdd "$top_builddir/frontdeskd" \
	--work "$WORK" --seconds "${JEPSEN_SECONDS:-15}" --terminals "${JEPSEN_TERMINALS:-3}" \
	${JEPSEN_SEED:+--seed "$JEPSEN_SEED"} || rc=$?
if [ $rc = 0 ] && [ "${KEEP:-}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
exit $rc
