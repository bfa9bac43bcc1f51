#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The application ends, and stays ended, when its terminal goes away or it
# is asked to stop: the tmux server killed under it (a dropped SSH
# session), SIGTERM, SIGHUP. A booking form half filled in is not saved,
# the database passes SQLite's integrity check. Processes left behind by
# tmux tests used to spin for hours and ignore SIGTERM: the shell that ran
# the application died while it was exiting, and the signals the kernel
# sends to what is left of that shell's process group disturbed the exit.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd dump > "$WORK/before" || fail "dump"
PIDFILE="$WORK/pid"

# run: the application under a shell, as a test's tmux pane (and a login
# shell) runs it, with the booking form open and a name typed.
run() {
	STARTS=$((STARTS + 1))
	SOCK="$WORK/tmux.$STARTS.sock"
	rm -f "$PIDFILE"
	tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 80 -y 24 \
		"sh -c 'echo \$\$ > $PIDFILE; exec env TERM=xterm LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $DATA'; echo EXITED \$?; sleep 30" ||
		fail "tmux new-session"
	wait_for "101"
	pid=$(cat "$PIDFILE")
	keys n
	wait_for "New booking"
	keys -l "Halfway, Harriet"
	wait_for "Halfway, Harriet"
}

# gone WHAT: the process ends within a few seconds of WHAT.
gone() {
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			st=$(ps -o stat=,pcpu= -p "$pid" 2>/dev/null)
			kill -9 "$pid"
			fail "$1: the application still runs 10 s later (state, cpu: $st)"
		fi
		sleep 0.05
	done
}

unchanged() {
	[ "$(sqlite3 "$DATA/frontdesk.db" 'PRAGMA integrity_check')" = ok ] || fail "$1: integrity check"
	fd dump > "$WORK/after" || fail "dump"
	cmp -s "$WORK/before" "$WORK/after" || fail "$1: the half-filled form changed the database"
}

# The race needed the exit and the shell's death to meet: try a few times.
for n in 1 2 3 4 5; do
	run
	tmux -S "$SOCK" kill-server
	gone "tmux server killed ($n)"
	unchanged "tmux server killed ($n)"
done

for sig in TERM HUP; do
	run
	kill -$sig "$pid"
	wait_for "EXITED 0"
	gone "SIG$sig"
	unchanged "SIG$sig"
	tmux -S "$SOCK" kill-server
done
exit 0
