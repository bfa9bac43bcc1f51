#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Enrolment (POST /v1/devices) is throttled by address, with the rules of
# signing in (src/server/sign_in.c): three wrong codes from one address
# are refused with 401, the next with 429, Retry-After and
# too_many_attempts. tests/pg/throttle.sh holds the same on PostgreSQL.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
check "three wrong codes, then a wait" "401 401 401 429 1 too_many_attempts" "$(wrong_codes 4)"
stop_server || fail "server did not stop cleanly"
finish
