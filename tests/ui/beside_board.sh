#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# From 200 columns the column beside the board is as wide as a standard
# terminal, and the desk's list panes (arrivals, housekeeping, search, the
# booking, the folio) open there: the board stays in view, and a pane
# switch repaints that column, not the whole board again (what crosses a
# slow SSH link; tests/bench/bench_ui counts the bytes). The keys go to
# the pane in focus, and the board shows no cursor cell then. Reports keep the whole width, and so does every pane
# below 200 columns.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

# reversed ROOM: the screen line of ROOM's board row shows a reversed
# cell (the board's cursor; the arrivals list has one row, beside 101).
reversed() {
	n=$(screen | grep -n "^$1 " | cut -d: -f1)
	[ -n "$n" ] || fail "no board row for $1"
	tmux -S "$SOCK" capture-pane -e -p -t ui | sed -n "${n}p" | grep -qE "\[(7|[0-9;]*;7)(;[0-9;]*)?m"
}

start 200 50
wait_for "Enter open  n new"
# The cursor onto Müller's stay in 102.
keys j
wait_for "Booking $ARRIVAL"
reversed 102 || fail "no cursor on the board"
keys 2
wait_for "Arrivals (1)"
# One cursor on the screen: the list's. The board's room stays underlined.
reversed 102 && fail "the board beside the arrivals still shows its cursor cell"
screen | grep -q "Room Type HK" || fail "the board left the screen for the arrivals at 200 columns"
screen | grep "^102 " | grep -q "Müller" || fail "the board beside the arrivals lost its bookings"
# The board's hints leave the message line: the keys are the list's.
wait_gone "Enter open  n new"
# Enter opens the arrival's booking, beside the board too.
keys Enter
wait_for "Booking $ARRIVAL"
screen | grep -q "Room Type HK" || fail "the board left the screen for the booking"
keys F3
wait_for "Housekeeping queue"
screen | grep -q "Room Type HK" || fail "the board left the screen for housekeeping"
# Back on the board: its keys again, the detail beside it.
keys F1
wait_for "Enter open  n new"
# Reports keep the whole width.
keys 8
wait_gone "Room Type HK"
keys 1
wait_for "Room Type HK"
# Below 200 columns the column beside the board is narrower than a
# standard terminal: the arrivals take the whole width.
tmux -S "$SOCK" resize-window -t ui -x 199 -y 50
wait_for "Enter open  n new"
keys 2
wait_for "Arrivals (1)"
wait_gone "Room Type HK"
keys q
wait_for "EXITED 0"
exit 0
