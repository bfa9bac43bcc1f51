#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# On a phone's SSH client (60x20): the status line keeps the sync state and
# both counts (the hotel's name gives way first); a message longer than
# the screen wraps onto a second line instead of losing its end; a
# terminal that cannot move the cursor (TERM=dumb) is refused with a clear
# message before anything is built.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 60 20
wait_for "101"
wait_for "local only  pending 0  conflicts 0"
screen | tail -2 | head -1 | grep -q "^ 2026-11-25  " || fail "the date left the status line"
# 64 columns of message on 60: the end shows on the second line.
keys :
keys -l "nowhere-at-all"
keys Enter
wait_for "booking code."
wait_for '"nowhere-at-all" is not a date (YYYY-MM-DD), a'
# The status line stays above the two lines of the message.
screen | tail -3 | head -1 | grep -q "pending 0  conflicts 0" || fail "status line lost under a long message"
# The next key clears it and gives the line back.
keys j
wait_gone "booking code."
screen | tail -2 | head -1 | grep -q "pending 0  conflicts 0" || fail "status line not back in place"
keys q
wait_for "EXITED 0"

# TERM=dumb: refused before the demo hotel is built (nothing left in TMPDIR).
mkdir -p "$WORK/tmp"
UI_ENV="TMPDIR=$WORK/tmp FRONTDESK_DEMO=local" UI_ARGS="--demo" start 120 20 dumb
wait_for "EXITED 3"
wait_for "cannot move the cursor; try TERM=xterm-256color"
[ -z "$(ls -A "$WORK/tmp")" ] || fail "the demo built something: $(ls "$WORK/tmp")"
# And the application on a hotel the same way.
start 120 20 dumb
wait_for "EXITED 3"
wait_for "cannot use the terminal type \"dumb\""
exit 0
