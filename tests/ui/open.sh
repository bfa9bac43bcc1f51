#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Open the application at 80x24 and 200x50 with colour and on a vt100,
# move on the board, open the booking under the cursor, leave with q.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

for spec in "80 24 xterm-256color" "200 50 xterm-256color" "80 24 vt100" "60 20 screen" "80 24 xterm" "100 30 tmux-256color" "80 25 linux"; do
	set -- $spec
	start "$1" "$2" "$3"
	wait_for "Room"
	# A phone's 60 columns keep the sync state and counts, not the name.
	if [ "$1" -ge 80 ]; then wait_for "Test Hotel"; else wait_for "pending 0  conflicts 0"; fi
	wait_for "102"
	screen | grep -q "^ 1 Board" || fail "no tab bar at $spec"
	screen | grep -q "R Müller" || fail "no booking block for Müller at $spec"
	screen | grep -q "I 山田" || fail "no in-house block at $spec"
	# Cursor starts on the first room, today: down to 102 and open it.
	keys j Enter
	wait_for "$ARRIVAL"
	wait_for "reserved"
	keys Escape
	wait_for "Room"
	keys q
	wait_for "EXITED 0"
	tmux -S "$SOCK" kill-session -t ui
done
exit 0
