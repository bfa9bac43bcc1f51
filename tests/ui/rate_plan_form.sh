#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The booking form offers the rate plans (issue 15): Left/Right on the plan
# field shows each plan with its price for the stay and its policies on one
# line, the rate's line shows the nightly prices, a restriction that
# refuses the stay is shown with the nearest allowed stay, and the booking
# is made on the chosen plan (its prices per night kept).
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd plan add BAR --name "Best available" --types STD --cancel "free until 2 days" >/dev/null || fail "plan BAR"
fd plan add NR --name "Non-refundable" --parent BAR --adjust -10% --cancel "non-refundable" --deposit "all" >/dev/null || fail "plan NR"
fd rates set BAR STD --from 2026-11-25 --to 2026-11-25 100 >/dev/null || fail "rates"
fd rates set BAR STD --from 2026-11-26 --to 2026-12-31 110 >/dev/null || fail "rates"
fd plan add LS --name "Long stay" --types STD >/dev/null || fail "plan LS"
fd rates set LS STD --from 2026-11-25 --to 2026-12-31 80 >/dev/null || fail "rates"
fd restrict LS STD --from 2026-11-25 --to 2026-11-25 --min-stay 3 >/dev/null || fail "restrict"

start 80 24
wait_for "101"
keys n
wait_for "New booking"
wait_for "< 101 VC >"
keys -l "Plan, Pia"
keys Tab Tab BSpace 7
wait_for "2 nights"
# the plan field: the fourteenth
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
wait_for "< none: the rate above >"
keys Right
wait_for "< BAR Best available 210.00 >  cancel: free until 2 days"
wait_for "by plan: 100.00 110.00"
keys Right
wait_for "minimum stay of 3 nights"
keys Right
wait_for "< NR Non-refundable 189.00 >  cancel: non-refundable  deposit: all"
wait_for "by plan: 90.00 99.00"
keys F10
wait_for "made for Plan, Pia"
CODE=$(fd find Plan | awk '{print $1; exit}')
[ -n "$CODE" ] || fail "no booking"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT group_concat(plan || ':' || amount, ' ') FROM booking_rates r JOIN bookings b ON b.id = r.booking_id WHERE b.code = '$CODE'")" = "NR:9000 NR:9900" ] ||
	fail "the booking's nightly prices"
keys q
wait_for "EXITED 0"
exit 0
