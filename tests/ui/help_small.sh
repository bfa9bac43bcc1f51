#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# On a phone (60x20): help wraps a long description under itself instead of
# cutting it, and scrolling stops when its last line is at the bottom; the
# "terminal too small" screen says the size it needs however tiny it is;
# messages show short ids, never a whole UUID; plurals through ngettext
# ("1 adult", "1 night").
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 60 20
wait_for "101"
keys :
keys -l "0b6f3c2e-1d2a-4c1b-9e8f-123456789abc"
keys Enter
wait_for '"0b6f3c2e…" is not a date (YYYY-MM-DD), a room or a'
screen | grep -q "123456789abc" && fail "a whole UUID in a message"
ONE=$(fd book --guest "Solo, Sam" --room 103 --arrive 2026-11-25 --depart 2026-11-26) || fail "book"
keys :
keys -l "$ONE"
keys Enter
wait_for "2026-11-25 to 2026-11-26, 1 night"
wait_for "1 adult, 0 children"
keys 3
wait_for "Housekeeping queue"
keys "?"
wait_for "Keys for Housekeeping"
# 16 columns of keys, 44 of text: a long description goes on to a second line.
wait_for "open what is under the cursor: the booking,"
screen | grep -A1 "open what is under the cursor" | tail -1 | grep -Eq "^ {16}or in the folio the line's details" ||
	fail "the long help line was not wrapped"
# Far past the end: the last line stays at the bottom of the pane.
i=0
while [ $i -lt 80 ]; do keys j; i=$((i + 1)); done
wait_for "refused operations waiting for you"
screen | sed -n 18p | grep -q "refused operations waiting for you" ||
	fail "help scrolled past its end: $(screen | sed -n 18p)"
keys q

# Tiny terminals: the size needed is always said.
for size in "30 8" "12 4" "8 3"; do
	set -- $size
	tmux -S "$SOCK" resize-window -t ui -x "$1" -y "$2"
	case $1 in
	30) wait_for "need 40x10" ; wait_for "terminal too small (30x8);" ;;
	12) wait_for "need 40x10" ;;
	8) wait_for "40x10" ;;
	esac
done
tmux -S "$SOCK" resize-window -t ui -x 60 -y 20
wait_for "Housekeeping queue"
keys q
wait_for "EXITED 0"
exit 0
