#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A day-use stay through the booking form: departure on the arrival day
# shows "day use" beside the date (not "0 nights" or an error), saves, and
# the detail says so.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 80 24
wait_for "101"
keys n
wait_for "New booking"
wait_for "< 101 VC >"
keys -l "Tag, Dora"
keys Tab Tab BSpace 5
wait_for "day use"
keys F10
wait_for "made for Tag, Dora"
CODE=$(fd find Tag | awk '{print $1; exit}')
[ -n "$CODE" ] || fail "the day-use booking is not in the database"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT arrival = departure FROM bookings WHERE code = '$CODE'")" = 1 ] ||
	fail "the booking is not a day-use"
keys :
keys -l "$CODE"
keys Enter
wait_for "day use (no night)"
keys q
wait_for "EXITED 0"
exit 0
