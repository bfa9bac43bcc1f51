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

# Beside the detail (from 120 columns) a terminal cannot scroll the board
# alone: it scrolls whole lines. On a full board the detail is moved with
# the rows for the scroll and put back after, which costs less than every
# room row sent again (9.6 KB before at 200x50 and 1,000 rooms, 5.3 KB
# after); the screen is the right one afterwards.
for r in $(seq 301 322); do
	fd room add $r --type DBL --floor 3 --section C >/dev/null || fail "room add"
	for stay in 2026-11-23:2026-11-28 2026-11-28:2026-12-03 2026-12-03:2026-12-08; do
		fd book --guest "Gast-$r, ${stay%%:*}" --room $r --arrive ${stay%%:*} --depart ${stay##*:} >/dev/null ||
			fail "book"
	done
done
# rooms20: the 20 room rows of 200x25 (screen lines 4 to 23).
rooms20() { screen | sed -n 4,23p | cut -c1-3 | tr '\n' ' ' | sed 's/ *$//'; }
start 200 25
wait_for "conflicts 0"
wait_for "Enter open"
# Down to the second page's last row: its rooms are full of bookings.
for k in j j j j j j j j j j j j j j j j j j j j j j j j j j j j j; do keys $k; done
wait_for "Guest       Gast-312, 2026-11-23"
sleep 0.5
: >"$WORK/jump.out"
tmux -S "$SOCK" pipe-pane -t ui -o "cat >>'$WORK/jump.out'" || fail "pipe-pane"
keys j
want="$(seq 303 322 | tr '\n' ' ' | sed 's/ $//')"
i=0
while [ $i -lt 100 ] && [ "$(rooms20)" != "$want" ]; do sleep 0.05; i=$((i + 1)); done
[ "$(rooms20)" = "$want" ] || fail "beside the detail: the board shows rooms \"$(rooms20)\", not \"$want\""
wait_for "Guest       Gast-313, 2026-11-23"
sleep 0.5
tmux -S "$SOCK" pipe-pane -t ui || fail "pipe-pane off"
LC_ALL=C grep -q "$(printf '\033')\[[0-9]*;[0-9]*r" "$WORK/jump.out" ||
	fail "the board's half-page jump beside the detail sent every row again ($(wc -c <"$WORK/jump.out") bytes, no scroll region)"
screen | sed -n 2,23p | cut -c121- | grep -q "^Guest       Gast-313, 2026-11-23" || fail "the detail is not back in place after the scroll"
for r in 305 322; do
	screen | sed -n 4,23p | grep "^$r " | grep -qF "Gast-$r" || fail "room $r's row does not show its guests"
done
# And the whole screen's text is what a redraw from nothing (C-l) paints.
screen >"$WORK/before"
keys C-l
sleep 1
screen >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" ||
	fail "after the scroll beside the detail the screen differs from a redraw: $(diff "$WORK/before" "$WORK/after" | head -10)"
keys q
wait_for "EXITED 0"
exit 0
