#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Forms and confirmations: q (or C-c) with the booking form open asks
# before leaving, and anything but y keeps the form; in the folio `y` is
# only ever "yes", never "take a payment" (the payment is `$`).
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 80 24
wait_for "101"
keys n
wait_for "New booking"
keys -l "Quit, Quentin"
# On a text field q is a letter of the name.
keys q
wait_for "Quit, Quentinq"
keys BSpace Tab Tab Tab
# On the room type (a choice) q is quit: asked first.
keys q
wait_for "Leave the application without making this booking? (y/n)"
keys n
wait_for "Nothing changed."
screen | grep -q "New booking" || fail "the form was closed"
screen | grep -q "Quit, Quentin" || fail "the form lost its text"
keys C-c
wait_for "Leave the application without making this booking? (y/n)"
keys Escape
wait_for "Nothing changed."
keys Escape
wait_for "Discard the changes made in this form? (y/n)"
keys y
wait_gone "New booking"

# The folio: y does not start a payment; $ does.
keys :
keys -l "$INHOUSE"
keys Enter
wait_for "Booking $INHOUSE"
keys f
wait_for "Folio $INHOUSE"
# (had y started the payment, the $ after it would be typed into it)
keys y '$'
wait_for "payment method (cash, card, bank_transfer):"
screen | grep -qF 'bank_transfer): $' && fail "y started a payment"
keys Escape
keys q
wait_for "EXITED 0"
[ "$(fd folio "$INHOUSE" | grep -ci payment)" -eq 0 ] || fail "a payment was taken: $(fd folio "$INHOUSE")"
exit 0
