#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two desks on one server, the application open at desk A: a booking made
# at desk B appears on A's board without a key; with the server down A's
# status line says offline, a check-in still works there, and it reaches
# the server once the server is back.
. "$top_srcdir/tests/ui/sync_tmux.sh"
keys() { tmux -S "$SOCK" send-keys -t ui "$@"; }

sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync at A"
term_new b ben
term b sync --once >/dev/null || fail "first sync at B"

tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 120 -y 30 \
	"env TERM=xterm-256color LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $WORK/a; echo EXITED \$?; sleep 30" ||
	fail "tmux new-session"
wait_for "201"
wait_for "online"
ok "desk A is open and online"

CODE=$(term b book --guest "Zhang, Wei" --room 203 --arrive 2026-11-25 --depart 2026-11-27) || fail "book at B"
term b sync --once >/dev/null || fail "push from B"
wait_for "R Zhang"
ok "B's booking appeared on A's board without a key"

srv_stop
wait_for "OFFLINE" 30
ok "the status line says offline"
keys 2
wait_for "Arrivals (1)"
keys i
wait_for "(y/n)"
keys y
wait_for "checked in to room 203"
[ "$(pending a)" -ge 1 ] || fail "the check-in is not waiting to be sent"
ok "a check-in works offline"

srv_start
i=0
until [ "$(pending a)" = 0 ]; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "A did not catch up after the restart"
	sleep 0.1
done
wait_for "online" 30
term b sync --once >/dev/null || fail "pull at B"
term b --json show "$CODE" | grep -q '"checked_in"' || fail "B does not see the check-in"
ok "the offline check-in reached the server and desk B"
keys q
wait_for "EXITED 0"
exit 0
