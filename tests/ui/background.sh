#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A change made elsewhere (here: the command line in another terminal)
# appears on the open board without a keypress; the status line counts
# nothing pending on a terminal with no server.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 80 24
wait_for "101"
wait_for "pending 0  conflicts 0"
fd book --guest "Kowalski, Ewa" --room 103 --arrive $TODAY --depart 2026-11-26 >/dev/null || fail "book"
wait_for "R Ko" 5
fd hk 104 dirty >/dev/null || fail "hk"
wait_for "104   VD" 5
keys q
wait_for "EXITED 0"
exit 0
