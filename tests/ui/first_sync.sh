#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18: the application shows a terminal's first sync as a progress
# bar instead of an empty board, then the board, with times in the
# hotel's zone (which the terminal learns with the copy). A proxy
# (tests/sync/gateproxy.py) serves the snapshot in pages of 40 rows and
# holds the second page until the test lets it go, so the screen is read
# with exactly one page in: no timing involved.
. "$top_srcdir/tests/ui/sync_tmux.sh"

sync_setup
gen_ops a > "$WORK/ops.jsonl"
term admin op --batch "$WORK/ops.jsonl" >/dev/null || fail "the day's operations"
term admin sync --once >/dev/null || fail "pushing them"
tok=$(sqlite3 "$WORK/admin/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
total=$(curl -fsS -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT/v1/snapshot?limit=40" | jq .total)
[ "$total" -gt 80 ] || fail "the hotel should hold more than two pages, holds $total rows"

proxy_start "$top_srcdir/tests/sync/gateproxy.py" "$WORK/gate" 40
term_new f anna "http://127.0.0.1:$PPORT"

tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 100 -y 30 \
	"env TERM=xterm-256color LC_ALL=C.UTF-8 TZ=Pacific/Kiritimati ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $WORK/f; echo EXITED \$?; sleep 30" ||
	fail "tmux new-session"
wait_for "40 of $total records"
pct=$((40 * 100 / total))
screen | grep -q "First sync: reading the hotel from the server" || fail "no heading over the bar"
screen | grep -q "\[#*-*\] $pct%" || fail "no bar at $pct%"
screen | grep -q "No rooms yet" && fail "the empty board shows under the bar"
screen | grep -q "201" && fail "a room shows before the copy is installed"
ok "one page in: the bar at $pct%, 40 of $total records, no empty board"

touch "$WORK/gate"
wait_for "201" 30
wait_gone "First sync"
screen | grep -q "Sync Hotel" || fail "the status line should name the hotel once it is here"
ok "the copy installed: the board, the hotel's name"
# The terminal runs at UTC+14; once the copy says the hotel is in Lisbon,
# times on the screen are Lisbon's (the status line's "heard HH:MM:SS").
wait_for "heard " 30
heard=$(screen | grep -o 'heard [0-9][0-9]' | head -n1 | cut -d' ' -f2)
lisbon=$(TZ=Europe/Lisbon date +%H) earlier=$(TZ=Europe/Lisbon date -d '-2 min' +%H)
[ "$heard" = "$lisbon" ] || [ "$heard" = "$earlier" ] ||
	fail "heard at $heard o'clock: not the hotel's time (Lisbon $lisbon, the terminal's $(TZ=Pacific/Kiritimati date +%H))"
ok "times in the hotel's zone after the first sync"
tmux -S "$SOCK" send-keys -t ui q
wait_for "EXITED 0"
exit 0
