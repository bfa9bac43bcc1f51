#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Cancelling a booking that holds a deposit asks what becomes of it (keep
# as a cancellation fee, refund, leave on account); Esc or a wrong answer
# cancels nothing; "r" then y refunds it and cancels.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd pay "$LATER" cash 50.00 >/dev/null || fail "deposit"
dump() { fd dump; }
before=$(dump)

start 80 24
wait_for "101"
keys :
keys -l "$LATER"
keys Enter
wait_for "Booking $LATER"
keys c
wait_for "$LATER holds a deposit: k keep as a fee, r refund, a leave on account:"
keys Escape
wait_gone "holds a deposit"
[ "$(dump)" = "$before" ] || fail "Esc at the deposit question changed something"
keys c
wait_for "holds a deposit"
keys -l "x"
keys Enter
wait_for "is not a choice"
[ "$(dump)" = "$before" ] || fail "a wrong answer changed something"
keys c
wait_for "holds a deposit"
keys r Enter
wait_for "Cancel booking $LATER for Nguyễn, Thảo and refund the deposit? (y/n)"
keys y
wait_for "Booking $LATER cancelled."
fd show "$LATER" | grep -q "(cancelled)" || fail "booking not cancelled"
[ "$(fd --json folio "$LATER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["guest_balance_minor"])')" = 0 ] ||
	fail "the deposit was not refunded"
keys q
wait_for "EXITED 0"
exit 0
