#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A booking code typed in lower case opens the booking, in the application's
# ':' command as on the command line (`frontdesk show wxs6te`).
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
lower=$(printf '%s' "$ARRIVAL" | tr 'A-Z' 'a-z')
[ "$lower" != "$ARRIVAL" ] || fail "the code $ARRIVAL has no letters"
fd show "$lower" | grep -q "^Booking   $ARRIVAL" || fail "frontdesk show $lower: $(fd show "$lower" 2>&1)"

start 80 24
wait_for "Test Hotel"
keys :
keys -l "$lower"
keys Enter
wait_for "Müller, Anna"
screen | grep -q "not a date" && fail "':' $lower was refused"
screen | grep -qF "$ARRIVAL" || fail "the booking $ARRIVAL is not shown"
screen | grep -q "reserved" || fail "the booking's status is not shown"
keys Escape
keys q
wait_for "EXITED 0"
exit 0
