#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The server judges the hotel's time zone by core's rule: frontdeskd init
# and a pushed property.update with a zone the system does not know are
# refused, saying so, and the server's property keeps its zone.
. "${top_srcdir:?}/tests/server/lib.sh"

"$FD" --data "$T/other" init --property X --currency EUR --timezone Nowhere/Land --date 2026-03-01 \
	>/dev/null 2>"$T/err"
check "frontdeskd init with an unknown zone: exit 1" 1 $?
grep -q '"Nowhere/Land" is not a time zone this system knows' "$T/err" && ok "init says why" ||
	fail "init: $(cat "$T/err")"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
ADM=$(sign_in "$(enroll desk-1)" admin)
DEVN=1
R=$(body POST /v1/ops "{\"ops\":[$(op 1 property.update '{"timezone":"Mars/Olympus"}')]}" "$ADM")
check "a push with an unknown zone is rejected" "rejected unknown_timezone timezone" \
	"$(echo "$R" | jq -r '.results[0] | "\(.status) \(.error.code) \(.error.field)"')"
case $(echo "$R" | jq -r '.results[0].error.message') in
*'"Mars/Olympus" is not a time zone this system knows'*) ok "the refusal says why" ;;
*) fail "the refusal: $R" ;;
esac
check "the server's zone is unchanged" Europe/Lisbon "$(sqlite3 "$D/frontdeskd.db" 'SELECT timezone FROM property')"
R=$(body POST /v1/ops "{\"ops\":[$(op 2 property.update '{"timezone":"Atlantic/Azores"}')]}" "$ADM")
check "a known zone is applied" applied "$(echo "$R" | jq -r '.results[0].status')"
check "the server's zone is the new one" Atlantic/Azores "$(sqlite3 "$D/frontdeskd.db" 'SELECT timezone FROM property')"
stop_server || fail "the server did not stop cleanly"
finish
