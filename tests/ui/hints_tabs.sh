#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# In German at 80x24 (LANG=de_DE.UTF-8): the tab bar names every pane
# (shortened where the whole names do not fit; it showed only numbers), and
# every pane's key hints follow one rule: its main key first, on the pane's
# last line (the booking detail had them mid-pane; the board's lead the
# message line), and the help key last for the rest.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
use_locale de_DE
UI_ENV="$LOCALE_ENV" start 80 24
wait_for "101"

tabs() {
	bar=$(screen | head -1)
	for n in 1 2 3 4 5 6 7 8; do
		echo "$bar" | LC_ALL=C.UTF-8 grep -Eq "(^| )$n [[:alpha:]]{3,}" ||
			fail "tab $n has no name: $bar"
	done
	[ "$(echo "$bar" | wc -L)" -le 80 ] || fail "the tab bar is wider than the screen: $bar"
}
# hint_line LINE FIRST: the line starts with the pane's main key and ends
# with the help key.
hint_line() {
	echo "$1" | grep -q "^$2 " || fail "the hints do not start with \"$2\": $1"
	echo "$1" | grep -q "? [[:alpha:]]* *$" || fail "the help key is not last: $1"
}
pane_hints() { screen | tail -3 | head -1; }

tabs
hint_line "$(screen | tail -1)" Enter
keys F2
wait_for "Anreisen ("
tabs
hint_line "$(pane_hints)" i
keys F3
wait_for "Housekeeping"
hint_line "$(pane_hints)" c
keys F4
wait_for "Mitarbeiter:"
hint_line "$(pane_hints)" s
keys :
keys -l "$ARRIVAL"
keys Enter
wait_for "Buchung $ARRIVAL"
tabs
hint_line "$(pane_hints)" i
keys f
wait_for "Folio $ARRIVAL"
hint_line "$(pane_hints)" p
keys F8
wait_for " 8 Berichte"
hint_line "$(pane_hints)" l
tabs
keys q
wait_for "EXITED 0"
exit 0
