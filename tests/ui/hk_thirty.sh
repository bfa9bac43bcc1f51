#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Marking 30 dirty rooms clean, in a random order, on a phone (60x20):
# the room's number and the status key, four keys a room, whatever the
# order and however the list re-sorts. The test counts the keys it sends
# and prints the figure (issue 17 measured 229 cursor keys and 30 status
# keys before). A number that is no room refuses the key after it.
. "$top_srcdir/tests/ui/lib.sh"
fd init --property "Phone Hotel" --currency EUR --timezone Europe/Berlin --date $TODAY >/dev/null || fail "init"
fd type add STD --name Standard --max 2 --rate 90.00 >/dev/null || fail "type add"
for f in 1 2 3 4; do
	for n in 01 02 03 04 05 06 07 08 09 10; do
		fd room add "$f$n" --type STD --floor $f --section "S$f" >/dev/null || fail "room add"
	done
done
# 30 of the 40 rooms dirty, chosen and ordered by a fixed seed.
ORDER=$(fd rooms | awk '{print $1}' | awk 'BEGIN{srand(17)} {print rand() "\t" $0}' | sort | cut -f2 | head -30)
for r in $ORDER; do fd hk "$r" dirty >/dev/null || fail "hk $r"; done
[ "$(fd rooms | grep -c dirty)" -eq 30 ] || fail "not 30 dirty rooms"
# And the order to clean them in: another shuffle.
ORDER=$(echo "$ORDER" | awk 'BEGIN{srand(5)} {print rand() "\t" $0}' | sort | cut -f2)

start 60 20
wait_for "101"
keys 3
wait_for "Housekeeping queue by status: 40 rooms"
sent=1
# A number that is no room: refused, and the c after it does nothing.
keys 9 9 9 c
wait_for "999"
screen | grep -q "is clean" && fail "a key after an unknown room acted"
for r in $ORDER; do
	keys $(echo "$r" | sed 's/./& /g') c
	sent=$((sent + ${#r} + 1))
	wait_for "Room $r is clean."
done
[ "$(fd rooms | grep -c dirty)" -eq 0 ] || fail "rooms still dirty: $(fd rooms | grep dirty)"
echo "hk_thirty: 30 dirty rooms marked clean in a random order at 60x20 with $sent keys" \
	"(1 to open the pane, $((sent - 31)) to reach the rooms, 30 status keys)"
keys q
wait_for "EXITED 0"
exit 0
