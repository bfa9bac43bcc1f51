#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The rate grid (P, issue 15) at 80x24: each plan and room type by date
# with the price for two adults (a derived plan's computed), the free rooms
# of each type and a restriction's mark; Left/Right move the cursor a day,
# scrolling the dates at the edges.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd plan add BAR --name "Best available" --types STD >/dev/null || fail "plan BAR"
fd plan add NR --name "Non-refundable" --parent BAR --adjust -10% >/dev/null || fail "plan NR"
fd rates set BAR STD --from 2026-11-25 --to 2026-12-31 100 >/dev/null || fail "rates"
fd rates set BAR STD --from 2026-11-25 --to 2026-12-31 +20 --days fri,sat >/dev/null || fail "weekend"
fd restrict BAR STD --from 2026-11-26 --to 2026-11-26 --stop-sell >/dev/null || fail "stop-sell"

start 80 24
wait_for "101"
keys P
wait_for "Rate grid"
wait_for "We 11-25"
# STD: four rooms; Müller holds 102 on the 25th and 26th, Nguyễn one on the 27th and 28th
screen | grep -q "^STD free  *3  *3  *3  *3  *4" || fail "free rooms per night"
screen | grep -q "^NR DBL" && fail "a derived plan sells its parent's room types"
screen | grep -q "^BAR STD  *100.00  *100.00x *120.00  *120.00  *100.00" || fail "BAR's prices and the stop-sell mark"
screen | grep -q "^NR STD  *90.00  *90.00x *108.00  *108.00  *90.00" || fail "NR computed from BAR, with BAR's restriction"
screen | grep -q "Tu 12-01" || fail "the seven days that fit at 80 columns"
# the cursor walks the seven days; past the last the dates scroll a day on
keys Right Right Right Right Right Right Right
wait_for "We 12-02" # only once the dates have scrolled (11-26 is on screen before)
screen | grep -q "^Plan  type  *Th 11-26" || fail "the dates scrolled a day on"
screen | grep -q "^BAR STD  *100.00x *120.00" || fail "a day on"
keys Escape
wait_gone "Rate grid"
keys q
wait_for "EXITED 0"
exit 0
