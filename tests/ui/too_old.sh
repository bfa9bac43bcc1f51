#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: a terminal too old for its server (below the server's
# min-protocol; here this release announcing protocol 1) says so on the
# application's status line instead of failing its pushes; a change made
# meanwhile stays queued, and is pushed once the terminal speaks the
# server's protocol.
. "$top_srcdir/tests/ui/sync_tmux.sh"

sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync at A"
srv_stop
printf '[server]\nmin-protocol = 2\n' > "$WORK/srv.conf"
SRV_OPTS="--config $WORK/srv.conf" srv_start

FRONTDESK_SYNC_PROTOCOL=1 term a hk 301 dirty >/dev/null || fail "a change at the too-old terminal"
tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 120 -y 30 \
	"env TERM=xterm-256color LC_ALL=C.UTF-8 FRONTDESK_SYNC_PROTOCOL=1 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $WORK/a; echo EXITED \$?; sleep 30" ||
	fail "tmux new-session"
wait_for "201"
wait_for "OFFLINE: upgrade frontdesk" 20
screen | grep -q "pending 1" || { screen >&2; fail "the queued change should show as pending"; }
[ "$(sqlite3 "$WORK/a/frontdesk.db" "SELECT count(*) FROM outbox WHERE state = 'rejected'")" = 0 ] ||
	fail "nothing should be refused"
ok "the status line says the terminal must be upgraded; its change stays queued"
tmux -S "$SOCK" send-keys -t ui q
wait_for "EXITED 0"
term a sync --once >/dev/null || fail "the upgraded terminal should sync"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '301'")" = dirty ] ||
	fail "the queued change should reach the server after the upgrade"
ok "after the upgrade the queued change is pushed"
exit 0
