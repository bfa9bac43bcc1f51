#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The groups pane (issue 15): B lists every group block with its rooms
# held, picked up and left per night and its cut-off.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd block add "Silva wedding" --type DBL --rooms 2 --from 2026-11-26 --to 2026-11-28 --cutoff 2026-11-25 >/dev/null || fail "block add"
fd book --guest "Silva, Rui" --type DBL --arrive 2026-11-26 --depart 2026-11-27 --block "Silva wedding" >/dev/null || fail "pickup"

start 100 30
wait_for "101"
keys B
wait_for "Group blocks: 1"
screen | grep "Silva wedding" | grep -q "2026-11-25" || fail "the block's first row names it and its cut-off"
screen | grep -q "2026-11-26 *DBL *2 *1 *1" || fail "the 26th: 2 held, 1 picked up, 1 left"
screen | grep -q "2026-11-27 *DBL *2 *0 *2" || fail "the 27th: 2 held, none picked up"
keys Escape
wait_gone "Group blocks: 1"
keys q
wait_for "EXITED 0"
