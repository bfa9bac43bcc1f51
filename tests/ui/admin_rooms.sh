#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration pane's rooms and room types (issue 17): the lists show
# every row; adding a room or a type and changing a room's type and floor
# or a type's base rate are the operations of 'frontdesk room add' / 'type
# add' (room.create, room.update, room_type.create, room_type.update),
# checked with the command line; out of order from the rooms list is
# room.set_maintenance as 'frontdesk ooo'; a duplicate room number, a bad
# floor, a duplicate type code and a bad maximum say what is wrong and
# change nothing.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
room() { fd --json rooms | jq -r --arg n "$1" ".rooms[] | select(.number == \$n) | $2"; }
rtype() { fd --json types | jq -r --arg c "$1" ".room_types[] | select(.code == \$c) | $2"; }

start 80 24
wait_for "Test Hotel"
keys 9
wait_for "Administration: Staff"
# Typed ahead, a adds to the section just chosen (its type from the last room).
keys Right a
wait_for "Administration: new room"
wait_for "Room:"
screen | grep -E "^Type +DBL" >/dev/null || fail "the new room's type is not the last room's"
keys Escape
keys Escape
wait_for "Administration: Rooms (8)"
screen | grep -E "^101 +STD +1 +A" >/dev/null || fail "room 101's row"
screen | grep -E "^204 +DBL +2 +B" >/dev/null || fail "room 204's row"

# Add room 105 (type STD, floor 1, section A).
keys a
wait_for "Administration: new room"
wait_for "Room:"
keys -l "105"
keys Enter
wait_for "Type (Up/Down choose): DBL"
keys Down
wait_for "Type (Up/Down choose): STD"
keys Enter
wait_for "Floor:"
keys -l "1"
keys Enter
wait_for "Section:"
keys -l "A"
keys Enter
wait_for "F10 adds the room"
keys F10
wait_for "Added room 105."
wait_for "Administration: Rooms (9)"
[ "$(room 105 .type)/$(room 105 .floor)/$(room 105 .section)" = STD/1/A ] || fail "room 105: $(room 105 .type)/$(room 105 .floor)/$(room 105 .section)"

# Room 101 becomes a DBL on floor 3.
keys g
keys Enter
wait_for "Administration: room 101"
keys Enter
wait_for "Type (Up/Down choose): STD"
keys C-u
keys -l "DBL"
keys Enter
wait_for "Type saved."
keys j
keys Enter
wait_for "Floor: 1"
keys C-u
keys -l "3"
keys Enter
wait_for "Floor saved."
[ "$(room 101 .type)/$(room 101 .floor)" = DBL/3 ] || fail "room 101 was not changed: $(room 101 .type)/$(room 101 .floor)"

# Refused: a floor that is not a number, a number on file, a type that is not one.
before=$(fd dump | md5sum)
keys Enter
wait_for "Floor: 3"
keys C-u
keys -l "third"
keys Enter
wait_for 'Floor: "third" is not a whole number from -10 to 300.'
keys k
keys Enter
keys C-u
keys -l "XXL"
keys Enter
wait_for 'No room type "XXL"'
keys Escape
wait_for "Administration: Rooms (9)"
keys a
wait_for "Room:"
keys -l "102"
keys Enter
keys Enter
wait_for "Floor:"
keys -l "1"
keys Enter
keys Enter
wait_for "F10 adds the room"
keys F10
wait_for "Room 102 already exists."
keys Escape
wait_for "Discard the new record? (y/n)"
keys y
[ "$(fd dump | md5sum)" = "$before" ] || fail "a refused edit changed something"

# Out of order from the list, as 'frontdesk ooo' (101 is last now: floor 3).
keys g
wait_for "Administration: Rooms (9)"
keys O
wait_for "out of order, reason:"
keys -l "leak"
keys Enter
wait_for "out of order from (YYYY-MM-DD): 2026-11-25"
keys C-u
keys -l "2026-11-28"
keys Enter
wait_for "out of order until (YYYY-MM-DD): 2026-11-29"
keys C-u
keys -l "2026-11-30"
keys Enter
wait_for "Room 102 is out of order from 2026-11-28 until 2026-11-30."
wait_for "OOO 2026-11-28..2026-11-30 leak"
[ "$(room 102 .maintenance)" = ooo ] || fail "102 is not out of order: $(room 102 .maintenance)"

# Room types.
keys Right
wait_for "Administration: Room types (2)"
screen | grep -E "^STD +Standard +2 +90.00 EUR +0" >/dev/null || fail "STD's row"
screen | grep -E "^DBL +Double +3 +120.00 EUR +1" >/dev/null || fail "DBL's row"
keys a
wait_for "Code:"
keys -l "STE"
keys Enter
wait_for "Name:"
keys -l "Suite"
keys Enter
wait_for "Max guests:"
keys -l "4"
keys Enter
wait_for "Base rate:"
keys -l "250"
keys Enter
wait_for "Rank:"
keys -l "2"
keys Enter
keys F10
wait_for "Added room type STE."
[ "$(rtype STE .name)/$(rtype STE .max_occupancy)/$(rtype STE .base_rate)/$(rtype STE .rank)" = Suite/4/25000/2 ] ||
	fail "type STE: $(rtype STE .name)/$(rtype STE .max_occupancy)/$(rtype STE .base_rate)/$(rtype STE .rank)"
# DBL's base rate.
keys g j
keys Enter
wait_for "Administration: room type DBL"
keys j j
keys Enter
wait_for "Base rate: 120.00"
keys C-u
keys -l "135.50"
keys Enter
wait_for "Base rate saved."
[ "$(rtype DBL .base_rate)" = 13550 ] || fail "DBL's rate: $(rtype DBL .base_rate)"
# Refused: no guests at all, a code on file.
before=$(fd dump | md5sum)
keys k
keys Enter
keys C-u
keys -l "0"
keys Enter
wait_for 'Max guests: "0" is not a whole number from 1 to 50.'
keys Escape
keys a
wait_for "Code:"
keys -l "STD"
keys Enter
keys -l "Another"
keys Enter
keys -l "2"
keys Enter
keys -l "80"
keys Enter
keys Enter
wait_for "F10 adds the room type"
keys F10
wait_for "Room type STD already exists."
[ "$(fd dump | md5sum)" = "$before" ] || fail "a refused edit changed something"
keys Escape
wait_for "Discard the new record? (y/n)"
keys y
keys q
wait_for "EXITED 0"
fd check >/dev/null || fail "the audit chain"
exit 0
