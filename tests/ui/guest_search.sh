#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The application's guest search ('/', issue 12): the name as the screen
# shows it finds the guest ("garcia, jose", "jose garcia", "oconnor"), a
# lone % is text, in-house guests come first and the status is a word a
# person reads ("in house"), never an identifier such as checked_in.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
GARCIA=$(fd book --guest "García, José" --type STD --arrive 2026-11-26 --depart 2026-11-28) || fail "book"
OCONNOR=$(fd book --guest "O'Connor, Siobhán" --room 103 --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
fd hk 103 clean >/dev/null && fd checkin "$OCONNOR" >/dev/null || fail "checkin"
SOUSA=$(fd book --guest "Sousa, Ana" --type STD --arrive 2026-11-25 --depart 2026-11-26) || fail "book"

start 100 30
wait_for "Test Hotel"
search() {
	keys /
	wait_for "Find:"
	keys C-u
	keys -l "$1"
	wait_for "Find: $1"
}
search "garcia, jose"
wait_for "$GARCIA"
wait_for "García, José"
keys Escape
search "jose garcia"
wait_for "$GARCIA"
keys Escape
search "oconnor"
wait_for "$OCONNOR"
wait_for "in house"
screen | grep -q "checked_in" && fail "the search shows an identifier"
keys Escape
search "%"
wait_for "No booking matches."
keys Escape
# "s": Siobhán O'Connor (in house) before Ana Sousa (arriving today).
search "s"
wait_for "$OCONNOR"
wait_for "$SOUSA"
first=$(screen | grep -oE '^[A-Z0-9]{6}  ' | head -1 | tr -d ' ')
[ "$first" = "$OCONNOR" ] || fail "the in-house guest is not first ($first)"
keys Escape
keys q
wait_for "EXITED 0"
exit 0
