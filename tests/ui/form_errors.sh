#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A form with an impossible date shows the reason next to the field, refuses
# to save, and Esc (after asking, as the form has changes) leaves everything
# as it was.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
before=$(fd bookings --from 2026-01-01 --to 2027-12-31 | wc -l)

start 80 24
wait_for "101"
keys n
wait_for "New booking"
keys -l "Nobody, Here"
keys Tab
for i in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys -l "2026-02-30"
wait_for "not a date; use YYYY-MM-DD"
keys F10
wait_for "Not saved: fix the marked fields"
wait_for "New booking"
# Esc on a form with changes asks first; n keeps the form as it was typed.
keys Escape
wait_for "Discard the changes made in this form? (y/n)"
keys n
wait_for "Nobody, Here"
wait_for "New booking"
keys Escape
wait_for "Discard the changes made in this form? (y/n)"
keys y
wait_for "nothing was saved"
after=$(fd bookings --from 2026-01-01 --to 2027-12-31 | wc -l)
[ "$before" = "$after" ] || fail "bookings changed: $before -> $after"
fd find Nobody | grep -q Nobody && fail "a booking for Nobody exists"

# Departure before arrival is refused too, as is a room type that is full.
keys n
wait_for "New booking"
keys -l "Later, Anna"
keys Tab Tab
for i in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys -l "2026-11-20"
wait_for "must be on or after the arrival"
keys Escape
wait_for "(y/n)"
keys y
wait_for "nothing was saved"
# A family name too long is refused whole, not saved cut short.
keys n
wait_for "New booking"
keys -l "$(printf '%0200d' 0 | tr 0 X), Ana"
keys F10
wait_for "at most 127 bytes"
keys Escape
wait_for "(y/n)"
keys y
wait_for "nothing was saved"
fd find XXXX | grep -q XXXX && fail "a booking for the cut name exists"
# A form with no change closes at once.
keys n
wait_for "New booking"
keys Escape
wait_for "nothing was saved"
keys q
wait_for "EXITED 0"
exit 0
