#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rate integrity on the screen (issue 12): changing a booking's room type in
# the form asks whether to take the new type's rate (y/N); keeping a rate
# below the new type's base asks for the reason, which reaches the audit log.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add mia --name "Mia Sousa" --role manager --dept management >/dev/null || fail "staff add"
q() { sqlite3 "$DATA/frontdesk.db" "$1"; }

UI_ARGS="--as mia" start 100 30
wait_for "101"
keys :
keys -l "$LATER"
keys Enter
wait_for "Booking $LATER"
keys e
wait_for "Nguyễn"
# Type: the fourth field; Right picks DBL.
keys Tab Tab Tab Right
wait_for "DBL"
keys F10
wait_for "take DBL's rate 120.00 EUR instead of 90.00 EUR? (y/N):"
keys y Enter
wait_for "Booking $LATER saved."
[ "$(q "SELECT type_code || ' ' || rate FROM bookings WHERE code = '$LATER'")" = "DBL 12000" ] || fail "DBL's rate not taken"

# Back to STD keeping 120.00 needs no question about a reason (above STD's
# base); then DBL again keeping 90.00 asks for one.
keys :
keys -l "$ARRIVAL"
keys Enter
wait_for "Booking $ARRIVAL"
keys e
wait_for "Müller"
keys Tab Tab Tab Right
wait_for "DBL"
keys F10
wait_for "take DBL's rate"
keys n Enter
wait_for "reason for the rate 90.00 EUR (DBL's base rate is 120.00 EUR):"
keys -l "free upgrade"
keys Enter
wait_for "Booking $ARRIVAL saved."
[ "$(q "SELECT type_code || ' ' || rate FROM bookings WHERE code = '$ARRIVAL'")" = "DBL 9000" ] || fail "the kept rate"
[ "$(q "SELECT count(*) FROM audit_log WHERE type = 'booking.modify' AND payload LIKE '%free upgrade%'")" = 1 ] ||
	fail "the reason is not in the audit log"
keys q
wait_for "EXITED 0"
exit 0
