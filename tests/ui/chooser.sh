#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The room chooser (issue 12): the check-in prompt offers a room ready now
# (vacant and clean, inspected first), and the booking form shows each free
# room's housekeeping state, ready rooms first.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd hk 101 dirty >/dev/null && fd hk 103 clean >/dev/null && fd hk 104 inspected >/dev/null || fail "hk"
WALK=$(fd book --guest "Walk, Ina" --type STD --arrive 2026-11-25 --depart 2026-11-26) || fail "book"

start 120 30
wait_for "101"
keys 2
wait_for "Arrivals (2)"
wait_for "$WALK"
keys j i
# 101 comes first by number but is dirty: 104 (inspected) is offered.
wait_for "room for $WALK (STD): 104"
keys Escape
wait_gone "room for $WALK"

keys n
wait_for "New booking"
keys -l "Chooser, Carla"
keys Tab Tab Tab Tab
wait_for "any: assign later"
keys Right
wait_for "< 104 VC, inspected >"
keys Right
wait_for "< 103 VC >"
keys Right
wait_for "< 101 VD >"
keys Escape
keys q
wait_for "EXITED 0"
