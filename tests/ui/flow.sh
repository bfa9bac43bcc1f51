#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The desk's day at 80x24: make a booking through the form, check it in from
# the arrivals list, check it out from the in-house list, and see the room
# turn dirty in the housekeeping queue.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 80 24
wait_for "101"
# The cursor starts on room 101 tonight, which is free: new booking there.
keys n
wait_for "New booking"
wait_for "< 101 VC >"
keys -l "Weiß, Otto"
wait_for "Weiß, Otto"
# Departure: two nights.
keys Tab Tab BSpace 7
wait_for "2 nights"
keys F10
wait_for "made for Weiß, Otto"
wait_for "R Weiß"
CODE=$(fd find Weiß | awk '{print $1; exit}')
[ -n "$CODE" ] || fail "the booking is not in the database"
fd show "$CODE" | grep -q "101" || fail "the booking did not get room 101"

# Arrivals: Müller (102) and Weiß (101), by name.
keys 2
wait_for "Arrivals (2)"
wait_for "$CODE"
keys j i
wait_for "Check in Weiß, Otto ($CODE) to room 101? (y/n)"
keys y
wait_for "checked in to room 101"
wait_for "Arrivals (1)"
fd show "$CODE" | grep -q "(in house)" || fail "not checked in: $(fd show "$CODE")"

# In house: 101 (Weiß) comes first, by room.
keys Right Right
wait_for "In house (2)"
keys o
# Booked for more nights: an early departure asks, saying what it releases.
wait_for "early and release 1 night? (y/n)"
keys y
wait_for "checked out; room 101 is dirty"
fd show "$CODE" | grep -q "(checked out)" || fail "not checked out"

keys 3
wait_for "Housekeeping queue"
screen | grep -E "^101 +VD +STD +dirty" >/dev/null || fail "room 101 is not dirty in the queue"
keys q
wait_for "EXITED 0"
exit 0
