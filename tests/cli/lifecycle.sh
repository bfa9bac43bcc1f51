#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A stay from booking to check-out through the command line, checking what
# each list and the JSON output say.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
[ "$(stat -c %a "$DATA")" = 700 ] || fail "data dir mode $(stat -c %a "$DATA")"
[ "$(stat -c %a "$DATA/frontdesk.db")" = 600 ] || fail "database mode"

code=$(fd book --guest "Müller, Jürgen" --type STD --arrive 2026-11-25 --depart 2026-11-28 --adults 2 --rate 95.50) || fail "book"
echo "$code" | grep -Eq '^[2-9A-Z]{6}$' || fail "code '$code'"
fd --json bookings --from 2026-11-25 --to 2026-11-26 | jq -e --arg c "$code" \
	'.bookings[] | select(.code == $c) | .rate_minor == 9550 and .nights == 3 and .room == null' >/dev/null || fail "bookings json"
fd --json arrivals | jq -e --arg c "$code" '[.bookings[].code] | index($c) != null' >/dev/null || fail "arrivals"
fd --json find "MULLER" | jq -e --arg c "$code" '.bookings[0].code == $c' >/dev/null || fail "find by folded name"
fd --json find "$(echo "$code" | tr 'A-Z' 'a-z')" | jq -e --arg c "$code" '.bookings[0].code == $c' >/dev/null || fail "find by code"

fd checkin "$code" --room 102 >/dev/null || fail "checkin"
fd --json inhouse | jq -e --arg c "$code" '.bookings[] | select(.code == $c) | .status == "checked_in" and .room == "102"' >/dev/null || fail "inhouse"
fd --json rooms | jq -e '.rooms[] | select(.number == "102") | .hk_code == "OC" and .occupied' >/dev/null || fail "room OC"
fd --json find 102 | jq -e --arg c "$code" '.bookings[0].code == $c' >/dev/null || fail "find by room"
fd board --days 7 | grep -q "I Müller" || fail "board shows the stay: $(fd board --days 7)"

expect_refused 1 "releases 3 nights" -- fd checkout "$code"
fd checkout "$code" --early >/dev/null || fail "checkout"
fd --json rooms | jq -e '.rooms[] | select(.number == "102") | .hk_code == "VD" and .clean == "dirty"' >/dev/null || fail "room dirty after checkout"
fd --json show "$code" | jq -e '[.history[].type] == ["booking.create","booking.check_in","booking.check_out"]' >/dev/null || fail "history: $(fd --json show "$code")"

# Out of order takes a room out of availability.
before=$(fd --json avail --from 2026-12-01 --days 1 | jq '.availability[] | select(.type == "STD") | .free[0]')
fd ooo 103 --from 2026-12-01 --to 2026-12-03 --reason "water leak" >/dev/null || fail "ooo"
after=$(fd --json avail --from 2026-12-01 --days 1 | jq '.availability[] | select(.type == "STD") | .free[0]')
[ "$after" = $((before - 1)) ] || fail "availability $before -> $after"
fd board --from 2026-12-01 --days 3 | grep "^103" | grep -q "###" || fail "board marks out of order"
fd rtn 103 >/dev/null || fail "rtn"

# Cancelling releases the room; GDPR erasure keeps the booking.
c2=$(fd --json book --guest "Doe, Jane" --room 101 --arrive 2026-12-05 --depart 2026-12-06 | jq -r .code)
fd cancel "$c2" >/dev/null || fail "cancel"
fd book --guest "Roe, Rick" --room 101 --arrive 2026-12-05 --depart 2026-12-06 >/dev/null || fail "room free after cancel"
gid=$(fd --json show "$c2" | jq -r .booking.guest_id)
fd --as mia guest erase "$gid" >/dev/null || fail "erase"
fd --json show "$c2" | jq -e '.booking.status == "cancelled" and (.booking.guest | test("Doe") | not)' >/dev/null || fail "erased guest"
finish
