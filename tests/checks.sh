# SPDX-License-Identifier: GPL-3.0-or-later
# The checks the server and PostgreSQL shell tests share, sourced by
# tests/server/lib.sh and tests/pg/lib.sh (either or both): fail counts a
# failure and the test goes on, so that one run reports every broken
# check; the test's end (finish, pg_finish) turns a count above 0 into a
# failing exit status.

failures=${failures:-0}
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
# check DESCRIPTION EXPECTED ACTUAL
check() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected '$2', got '$3'"; fi; }
