#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: a booking with a local change the server has not accepted yet
# (pending in the outbox) carries a "*" on the board and the arrivals list and says so
# on its detail; a booking the server accepted carries none.
. "$top_srcdir/tests/ui/sync_tmux.sh"

sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync at A"
sent=$(term a book --guest "Sent, Sara" --room 201 --arrive 2026-11-25 --depart 2026-11-27) || fail "book (sent)"
term a sync --once >/dev/null || fail "sync the first booking"
[ "$(pending a)" = 0 ] || fail "the first booking should be accepted"
srv_stop
held=$(term a book --guest "Held, Hugo" --room 202 --arrive 2026-11-25 --depart 2026-11-27) || fail "book (offline)"
[ "$(pending a)" -ge 1 ] || fail "the offline booking should be pending"

tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 120 -y 30 \
	"env TERM=xterm-256color LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $WORK/a; echo EXITED \$?; sleep 30" ||
	fail "tmux new-session"
wait_for "201"
wait_for "Held, "
screen | grep -q '\*Held, ' || { screen >&2; fail "the board should mark the pending booking with a *"; }
screen | grep -q '\*Sent, ' && { screen >&2; fail "the board should not mark the accepted booking"; }
ok "the board marks only the booking with a change still pending"
tmux -S "$SOCK" send-keys -t ui 2
wait_for "$held"
wait_for "$sent"
screen | grep -F "$held" | grep -q ' \*' || { screen >&2; fail "the pending booking should carry a *"; }
screen | grep -F "$sent" | grep -q '\*' && { screen >&2; fail "the accepted booking should carry no *"; }
ok "the arrivals list marks only the booking with a change still pending"
tmux -S "$SOCK" send-keys -t ui : "$held" Enter
wait_for "Booking $held"
screen | grep -F "Booking $held" | grep -q "not yet accepted by the server" ||
	{ screen >&2; fail "the detail should say the change is not accepted yet"; }
tmux -S "$SOCK" send-keys -t ui : "$sent" Enter
wait_for "Booking $sent"
screen | grep -q "not yet accepted" && { screen >&2; fail "the accepted booking's detail has no marker"; }
ok "the booking detail says when a change is not yet accepted by the server"
tmux -S "$SOCK" send-keys -t ui q
wait_for "EXITED 0"
exit 0
