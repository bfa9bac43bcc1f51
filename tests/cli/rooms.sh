#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Room integrity through the command line (issue 12): a room that holds an
# in-house guest takes no other check-in; the night audit does not close
# over guests due out; an early departure is confirmed with --early.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
stay=$(fd book --guest "Stays, Late" --room 101 --arrive 2026-11-25 --depart 2026-11-26) || fail "book stay"
long=$(fd book --guest "Long, Lena" --room 102 --arrive 2026-11-25 --depart 2026-11-28) || fail "book long"
fd hk 101 clean >/dev/null && fd hk 102 clean >/dev/null || fail "hk clean"
fd checkin "$stay" >/dev/null || fail "checkin stay"
fd checkin "$long" >/dev/null || fail "checkin long"

# Early departure: refused without --early, saying how many nights it releases.
expect_refused 1 "releases 3 nights" -- fd checkout "$long"
grep -q "Confirm the early departure" "$TMP/err" || fail "the early refusal says what to do"

# The night audit closes 2026-11-25; on 2026-11-26 the guest due out in 101
# has not left, and housekeeping marks the room clean anyway.
fd --as mia audit >/dev/null || fail "audit 2026-11-25"
fd hk 101 clean >/dev/null || fail "hk clean 101"
arr=$(fd book --guest "Next, Nora" --type STD --arrive 2026-11-26 --depart 2026-11-27) || fail "book arrival"
expect_refused 1 "Room 101 is still occupied: booking $stay" -- fd checkin "$arr" --room 101
grep -q "Check that guest out or move them first" "$TMP/err" || fail "the occupied refusal says what to do"
fd assign "$arr" 101 >/dev/null || fail "pre-assign the arrival to 101"
expect_refused 1 "still occupied" -- fd checkin "$arr"
fd --json inhouse | jq -e '[.bookings[] | select(.room == "101")] | length == 1' >/dev/null || fail "two parties in 101"

# The audit refuses and lists the due-out.
expect_refused 1 "1 guest due out is still in house: $stay (room 101)" -- fd --as mia audit
grep -q "Check them out or extend their stay" "$TMP/err" || fail "the audit refusal says what to do"

# Checked out, the room is free: the arrival checks in, the day closes.
fd pay "$stay" cash 100 >/dev/null || fail "pay"
fd checkout "$stay" >/dev/null || fail "checkout on the departure day needs no --early"
fd hk 101 clean >/dev/null || fail "hk clean after checkout"
fd checkin "$arr" >/dev/null || fail "checkin after the guest left"
fd --as mia audit >/dev/null || fail "audit 2026-11-26"
# On 2026-11-27 the long stay leaves a night early, confirmed.
fd pay "$long" cash 200 >/dev/null || fail "pay long"
fd checkout "$long" --early >/dev/null || fail "checkout --early"
fd --json show "$long" | jq -e '.booking.status == "checked_out" and .booking.departure == "2026-11-27"' >/dev/null ||
	fail "early departure: $(fd --json show "$long")"
finish
