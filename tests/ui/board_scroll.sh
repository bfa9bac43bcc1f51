#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# With the screen's whole width (below 120 columns, nothing beside it)
# the board's rooms scroll one row at a time past the page's edge, the
# terminal scrolling the rows it shows (only the new room's row is sent);
# the page used to jump by half its height. After each scroll the board
# shows the right rooms in order, each booking on its own room's row, over
# tmux on the terminal types a desk or an SSH session commonly has.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
for r in 105 106 107 108 109 110; do fd room add $r --type STD --floor 1 --section A >/dev/null || fail "room add"; done
for r in 205 206 207 208; do fd room add $r --type DBL --floor 2 --section B >/dev/null || fail "room add"; done
fd book --guest "Kowalski, Jan" --room 107 --arrive 2026-11-24 --depart 2026-11-30 >/dev/null || fail "book"
fd book --guest "Øvergaard, Søren" --room 206 --arrive 2026-11-24 --depart 2026-12-03 >/dev/null || fail "book"

# rooms: the room numbers down the board (screen lines 4 to 14 at 100x16:
# tab bar, two header lines, 11 room rows), one line.
rooms() { screen | sed -n 4,14p | cut -c1-3 | tr '\n' ' ' | sed 's/ *$//'; }
# expect ROOMS WHAT: the board shows ROOMS (waiting for the last key's repaint).
expect() {
	i=0
	while [ $i -lt 100 ] && [ "$(rooms)" != "$1" ]; do sleep 0.05; i=$((i + 1)); done
	[ "$(rooms)" = "$1" ] || fail "$2: the board shows rooms \"$(rooms)\", not \"$1\""
}
# on ROOM TEXT: ROOM's row shows TEXT (its booking stays on its row).
on() {
	screen | sed -n 4,14p | grep "^$1 " | grep -qF -- "$2" || fail "room $1's row does not show \"$2\""
}

# bold ROOM: whether ROOM's number is bold (the first room of a floor is;
# the page's first row is not for being first on the page). capture-pane
# -e carries attributes over from line to line: they are followed from
# the top of the screen.
bold() {
	tmux -S "$SOCK" capture-pane -e -p -t ui | python3 -c '
import re, sys
bold = False
for n, line in enumerate(sys.stdin.read().split("\n")):
    first = None
    for sgr, ch in re.findall(r"\x1b\[([0-9;]*)m|(.)", line):
        if ch:
            first = bold if first is None else first
            continue
        for p in (sgr or "0").split(";"):
            bold = True if p == "1" else False if p in ("0", "22") else bold
    if 3 <= n <= 13 and re.sub(r"\x1b\[[0-9;]*m", "", line).startswith(sys.argv[1] + " "):
        sys.exit(0 if first else 1)
sys.exit(2)' "$1"
}

for term in xterm-256color tmux-256color screen-256color; do
	start 100 16 $term
	wait_for "conflicts 0"
	wait_for "Enter open"
	expect "101 102 103 104 105 106 107 108 109 110 201" "$term: at the start"
	# Ten moves stay in the page; the eleventh goes past it by one row.
	for k in j j j j j j j j j j; do keys $k; done
	expect "101 102 103 104 105 106 107 108 109 110 201" "$term: inside the page"
	keys j
	expect "102 103 104 105 106 107 108 109 110 201 202" "$term: one row past the page"
	keys j
	expect "103 104 105 106 107 108 109 110 201 202 203" "$term: two rows past the page"
	on 107 "Kowalski"
	on 201 "山田"
	! bold 103 || fail "$term: 103, first on the page but not on its floor, is bold"
	bold 201 || fail "$term: 201, the first room of floor 2, is not bold"
	for k in j j j j j; do keys $k; done
	expect "108 109 110 201 202 203 204 205 206 207 208" "$term: at the last room"
	on 206 "Øvergaard"
	keys j
	expect "108 109 110 201 202 203 204 205 206 207 208" "$term: past the last room"
	# Back up: the page follows one row at a time above its top.
	for k in k k k k k k k k k k k; do keys $k; done
	expect "107 108 109 110 201 202 203 204 205 206 207" "$term: one row above the page"
	keys k
	expect "106 107 108 109 110 201 202 203 204 205 206" "$term: two rows above the page"
	on 107 "Kowalski"
	on 206 "Øvergaard"
	keys q
	wait_for "EXITED 0"
done
exit 0
