#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: `!` opens the refused operations: a real operation the server
# refused is listed with its type and the server's reason; Enter shows the
# reason, `a` resolves it (accepting the loss, as 'frontdesk resolve
# --accept') and the status line's count goes down.
. "$top_srcdir/tests/ui/sync_tmux.sh"

sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync at A"
# An operation this server cannot read: refused, kept as a notice.
term a hk 301 dirty >/dev/null || fail "hk 301"
sqlite3 "$WORK/a/frontdesk.db" "UPDATE outbox SET type = 'room.teleport' WHERE state = 'pending'"
term a sync --once >/dev/null 2>&1
term a sync --once >/dev/null 2>&1
term a conflicts | grep -q "room.teleport" || fail "no notice at A: $(term a conflicts)"

tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 120 -y 30 \
	"env TERM=xterm-256color LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $WORK/a; echo EXITED \$?; sleep 30" ||
	fail "tmux new-session"
wait_for "201"
wait_for "conflicts 1"
tmux -S "$SOCK" send-keys -t ui '!'
wait_for "Refused operations: 1 open"
screen | grep "room.teleport" | grep -qi "unknown operation type" ||
	{ screen >&2; fail "the row should name the operation and the server's reason"; }
ok "! lists the refused operation with the server's reason"
tmux -S "$SOCK" send-keys -t ui Enter
wait_for "room.teleport: "
tmux -S "$SOCK" send-keys -t ui r
wait_for "give the booking room:"
tmux -S "$SOCK" send-keys -t ui 204 Enter
wait_for "not about a booking"
screen | grep -q "Refused operations: 1 open" || { screen >&2; fail "a refused resolve should keep the notice"; }
ok "r asks for a room; the refusal is shown and the notice stays"
tmux -S "$SOCK" send-keys -t ui a
wait_for "Resolved: the loss is accepted."
wait_for "Refused operations: 0 open"
wait_for "No open conflicts."
wait_for "conflicts 0"
[ "$(sqlite3 "$WORK/a/frontdesk.db" "SELECT count(*) FROM conflicts WHERE resolved = 0")" = 0 ] ||
	fail "the notice should be resolved in the database"
ok "a resolves the notice; the status line's count drops to 0"
tmux -S "$SOCK" send-keys -t ui Escape
wait_for "201"
tmux -S "$SOCK" send-keys -t ui q
wait_for "EXITED 0"
exit 0
