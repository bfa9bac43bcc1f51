#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A dropped session (the terminal hangs up) ends the program cleanly
# instead of spinning.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
PIDFILE="$WORK/pid"
tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 80 -y 24 \
	"echo \$\$ > $PIDFILE; exec env TERM=xterm LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $DATA" ||
	fail "tmux"
wait_for "101"
pid=$(cat "$PIDFILE")
kill -0 "$pid" || fail "not running"
tmux -S "$SOCK" kill-session -t ui
i=0
while kill -0 "$pid" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { kill -9 "$pid"; fail "still running 5 s after the hang-up"; }
	sleep 0.05
done
exit 0
