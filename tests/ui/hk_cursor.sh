#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# On a phone-sized screen (60x20) the housekeeping cursor stays on its room
# when a change re-sorts the list: after `c` marks 101 clean it sorts below
# 104, and the next `i` inspects 101, never 104 (a dirty do-not-disturb
# room that slid under the cursor). The message line says the room moved.
# Digits, or `:` and a room, jump to that room in the list.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
for r in 102 103 201 202 203 204; do fd hk $r clean >/dev/null || fail "hk $r"; done
fd hk 101 dirty >/dev/null || fail "hk 101"
fd hk 104 dirty >/dev/null || fail "hk 104"

start 60 20
wait_for "101"
keys F3
wait_for "Housekeeping queue"
# Dirty rooms first: 101 then 104; the cursor starts on 101.
screen | grep -A1 "^Room" | tail -1 | grep -q "^101 " || fail "101 is not the first row"
keys c
wait_for "Room 101 moved to row 2 of 8."
keys i
wait_for "Room 101 is inspected."
fd rooms | grep "^101 " | grep -q inspected || fail "101 not inspected: $(fd rooms)"
fd rooms | grep "^104 " | grep -q dirty || fail "104 changed: $(fd rooms)"

# A change from another desk moves the room too: the cursor follows it.
keys g
fd hk 104 clean >/dev/null || fail "hk 104 clean"
wait_for "Room 104 moved to row"
keys d
wait_for "Room 104 is dirty."
fd rooms | grep "^102 " | grep -q clean || fail "102 changed: $(fd rooms)"

# Digits go to a room: 2 0 3 Enter, then `p` marks 203 for a pickup.
keys 2 0 3
wait_for "room: 203"
keys Enter
keys p
wait_for "Room 203 is pickup."
fd rooms | grep "^203 " | grep -q pickup || fail "203 not pickup: $(fd rooms)"
# And `:` with a room stays in the housekeeping list.
keys :
keys -l 202
keys Enter
keys z
wait_for "Room 202: do not disturb."
wait_for "Housekeeping queue"
keys q
wait_for "EXITED 0"
exit 0
