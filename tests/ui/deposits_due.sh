#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Deposits due (D) at 80x24: the reserved bookings whose deposit is due in
# the next days or overdue and not covered by payments on their folio,
# overdue ones flagged, as 'frontdesk deposits' lists them (one rule in
# core); a rate plan's policy before the property's; d widens the window;
# Enter opens the booking, whose detail shows the deposit missing.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
code() { sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' | head -1; }
fd settings --deposit-policy "30% 3 days before arrival" >/dev/null || fail "settings"
# make_hotel's two reserved bookings have paid theirs
fd pay "$ARRIVAL" cash 54.00 >/dev/null || fail "pay"
fd pay "$LATER" card 54.00 --ref T9 --last4 1111 >/dev/null || fail "pay"
D=$(fd book --guest "Due, Dan" --type STD --arrive 2026-11-27 --depart 2026-11-29 | code)    # 54.00 due 11-24
P=$(fd book --guest "Paid, Pia" --type DBL --arrive 2026-11-28 --depart 2026-11-30 | code)   # paid
fd pay "$P" cash 72.00 >/dev/null || fail "pay P"
S=$(fd book --guest "Soon, Sue" --type DBL --arrive 2026-12-01 --depart 2026-12-02 | code)   # 36.00 due 11-28
F=$(fd book --guest "Far, Fay" --type STD --arrive 2026-12-14 --depart 2026-12-15 | code)    # due 12-11
fd plan add DEP --name "Deposit first" --deposit "first-night at booking" >/dev/null || fail "plan"
fd rates set DEP STD --from 2026-12-01 --to 2026-12-05 80.00 >/dev/null || fail "rates"
B=$(fd book --guest "Plan, Pam" --type STD --arrive 2026-12-03 --depart 2026-12-05 --plan DEP | code) # 80.00 at booking
[ -n "$D" ] && [ -n "$S" ] && [ -n "$B" ] || fail "bookings"

start 80 24
wait_for "101"
keys D
wait_for "Deposits due in the next 7 days: 3, 2 overdue"
screen | grep -q "^$D  *Due, Dan  *2026-11-27  *2026-11-24  *54.00  *OVERDUE" || fail "D overdue"
screen | grep -q "^$S  *Soon, Sue  *2026-12-01  *2026-11-28  *36.00 *$" || fail "S due, not overdue"
screen | grep -q "^$B  *Plan, Pam  *2026-12-03  *at booking  *80.00  *OVERDUE" || fail "B by its plan's policy"
screen | grep -q "^$P " && fail "P has paid its deposit"
screen | grep -q "^$F " && fail "F is not due this week"
# the command line says the same
fd --json deposits | python3 -c 'import json,sys; print(" ".join(d["code"] for d in json.load(sys.stdin)))' >"$WORK/cli"
[ "$(cat "$WORK/cli")" = "$D $S $B" ] || fail "the command line lists $(cat "$WORK/cli")"
keys d d
wait_for "Deposits due in the next 30 days: 4, 2 overdue"
screen | grep -q "^$F  *Far, Fay  *2026-12-14  *2026-12-11" || fail "F within 30 days"
# a payment takes D off the list
fd pay "$D" cash 54.00 >/dev/null || fail "pay D"
keys C-l
wait_for "Deposits due in the next 30 days: 3, 1 overdue"
screen | grep -q "^$D " && fail "D has paid"
keys Down Enter
wait_for "Booking $B"
# the booking says it too
wait_for "deposit 80.00 EUR due at booking: OVERDUE"
keys q
wait_for "EXITED 0"
exit 0
