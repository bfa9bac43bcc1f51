#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Housekeeping from a phone (60x20): the key hints show assign and the
# views; views by status, by attendant and by section; an attendant column
# and assignment from a chooser of attendants on shift (the room's section
# first, Down for the next one, no user name typed); keys for make-up room,
# out of service, out of order from a later date, and what housekeeping
# found (occupied / vacant), the input of the discrepancy list.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add ana --name "Ana Lima" --role staff --dept housekeeping --section B >/dev/null || fail "staff add"
fd staff add bea --name "Bea Costa" --role staff --dept housekeeping --section A >/dev/null || fail "staff add"
fd staff add off --name "Otto Off" --role staff --dept housekeeping --section A >/dev/null || fail "staff add"
room() { fd dump | jq -r ".rooms[] | select(.number == \"$1\") | .$2"; }

start 60 20
wait_for "101"
# ana and bea sign on shift in the staff pane; otto stays off.
keys 4
wait_for "Otto Off"
keys s
wait_for "ana is on shift."
keys j s
wait_for "bea is on shift."

keys 3
wait_for "Housekeeping queue by status: 8 rooms"
# The hints a phone sees: the main keys and the views.
hints=$(screen | tail -3 | head -1)
for h in "c clean" "i inspected" "d dirty" "a assign" "v view" "? keys"; do
	echo "$hints" | grep -qF "$h" || fail "hint \"$h\" not shown at 60 columns: $hints"
done
screen | grep -q "^Room .*Attendant" || fail "no attendant column"

# Assign 101 (section A): bea (section A) is offered first, Down gives ana;
# otto is off shift and never offered.
keys :
keys -l 101
keys Enter
keys a
wait_for "attendant for room 101 (2 on shift, Up/Down): bea"
keys Down
wait_for "Up/Down): ana"
keys Down
wait_for "Up/Down): bea"
keys Up
wait_for "Up/Down): ana"
keys Enter
wait_for "Room 101 assigned to ana today."
screen | grep -E "^101 .* ana " >/dev/null || fail "attendant column does not show ana on 101"
[ "$(fd dump | jq -r '.hk_tasks[] | select(.room == "101") | .attendant')" = ana ] || fail "task not made for ana"

# The view by attendant: ana's room first; by section: section A first.
keys v
wait_for "Housekeeping queue by attendant: 8 rooms"
screen | grep -A1 "^Room" | tail -1 | grep -q "^101 " || fail "101 (ana's) is not first by attendant"
keys v
wait_for "Housekeeping queue by section: 8 rooms"
keys v
wait_for "Discrepancies"
keys v
wait_for "Supervisor"
keys v
wait_for "Housekeeping queue by status"

# Make-up room on 103.
keys :
keys -l 103
keys Enter
keys m
wait_for "Room 103: make-up room requested."
[ "$(room 103 mur)" = 1 ] || fail "103 not make-up room: $(room 103 mur)"
screen | grep -E "^103 .*MUR" >/dev/null || fail "MUR flag not shown"

# Housekeeping found 103 occupied (the front office has it vacant): a discrepancy.
keys o
wait_for "Room 103: housekeeping found it occupied."
[ "$(room 103 hk_occupied)" = 1 ] || fail "103 not reported occupied"
[ "$(room 103 clean)" = clean ] || fail "103's cleaning status changed: $(room 103 clean)"
keys e
wait_for "Room 103: housekeeping found it vacant."
[ "$(room 103 hk_occupied)" = 0 ] || fail "103 not reported vacant"

# Out of service: reason, from, until.
keys S
wait_for "out of service, reason:"
keys -l "lamp"
keys Enter
wait_for "out of service from (YYYY-MM-DD): 2026-11-25"
keys Enter
wait_for "out of service until (YYYY-MM-DD): 2026-11-26"
keys Enter
wait_for "Room 103 is out of service until 2026-11-26."
[ "$(room 103 maint)" = oos ] || fail "103 not out of service: $(room 103 maint)"
keys R
wait_for "Room 103 is back in service."

# Out of order from a later date.
keys :
keys -l 104
keys Enter
keys O
wait_for "out of order, reason:"
keys -l "leak"
keys Enter
wait_for "out of order from (YYYY-MM-DD): 2026-11-25"
keys C-u
keys -l 2026-12-01
keys Enter
wait_for "out of order until (YYYY-MM-DD): 2026-12-02"
keys C-u
keys -l 2026-12-04
keys Enter
wait_for "Room 104 is out of order from 2026-12-01 until 2026-12-04."
[ "$(room 104 maint)" = ooo ] || fail "104 not out of order: $(room 104 maint)"
[ "$(room 104 maint_reason)" = leak ] || fail "104's reason: $(room 104 maint_reason)"
# A bad date changes nothing.
keys :
keys -l 102
keys Enter
keys O
wait_for "out of order, reason:"
keys -l "x"
keys Enter
keys C-u
keys -l "soon"
keys Enter
wait_for '"soon" is not a date; use YYYY-MM-DD.'
[ "$(room 102 maint)" = none ] || fail "102 changed on a bad date"
keys q
wait_for "EXITED 0"
exit 0
