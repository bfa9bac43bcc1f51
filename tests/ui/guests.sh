#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Guests in the application (issue 12): the booking form's suggestions use
# the whole name and show e-mail, phone, country and last stay; saving a
# name on file asks whether it is that guest; the form takes e-mail, phone
# and the booking's source; the guest profile (g on a booking) shows and
# changes the profile, stays with totals, and erases for a manager.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd book --guest "García, José" --email jose@example.com --phone "+34 600 111 222" --type STD --arrive 2026-12-01 --depart 2026-12-03 >/dev/null || fail "book García"
GID=$(fd --json guest find "garcia jose" | jq -r '.guests[0].id')
fd guest update "$GID" --country ES >/dev/null || fail "guest update"
fd book --guest "García, Josefa" --new-guest --email josefa@example.com --type STD --arrive 2026-12-05 --depart 2026-12-06 >/dev/null || fail "book Josefa"

start 100 30
wait_for "Test Hotel"
# Suggestions: the whole name, family and given, with what tells them apart.
keys n
wait_for "New booking"
keys -l "jose garcia"
wait_for "on file with this name"
wait_for "jose@example.com"
screen | grep -F "García, José" | grep -q "+34 600 111 222" || fail "the suggestion lacks the phone"
screen | grep -F "García, José" | grep -q "ES" || fail "the suggestion lacks the country"
screen | grep -F "García, Josefa" | grep -q "josefa@example.com" || fail "the two are not told apart"
keys C-u
keys -l "García, José"
wait_for "jose@example.com"
# Saving the exact name asks; y books for the guest on file.
keys F10
wait_for "Is it this guest? (y/n)"
screen | grep -q "jose@example.com" || fail "the question does not say which guest"
keys y
wait_for "made for García, José"
[ "$(fd --json guest show "$GID" | jq '.bookings | length')" = 2 ] || fail "y did not book the guest on file"
joses() { fd --json guest find "garcia jose" | jq '[.guests[] | select(.given == "José")] | length'; }
[ "$(joses)" = 1 ] || fail "y made a duplicate guest"

# n keeps the form; saving again makes another guest of the same name,
# with the e-mail, phone and source typed in the form (room 103).
keys j j
keys n
wait_for "New booking"
keys -l "García, José"
wait_for "Source"
wait_for "< walk-in >"
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
keys Right
wait_for "< phone >"
keys Tab
keys -l "jg@example.org"
keys Tab
keys -l "+351 912 000 111"
keys F10
wait_for "Is it this guest? (y/n)"
keys n
wait_for "Nothing changed."
wait_for "F10 saves another guest of that name"
keys F10
wait_for "made for García, José"
[ "$(joses)" = 2 ] || fail "n then save did not make a new guest"
NEW=$(fd --json find "jg@example.org" | jq -r '.bookings[0].code')
[ "$(fd --json find "912 000 111" | jq -r '.bookings[0].code')" = "$NEW" ] || fail "the phone was not saved"
[ "$(fd --json show "$NEW" | jq -r .booking.source)" = phone ] || fail "the source chosen was not saved"

# The profile, from the booking detail.
keys :
keys -l "$NEW"
keys Enter
# the detail's title ("Booking CODE  status"), not the message "Booking
# CODE made for ..." still on the screen from the form
wait_for "Booking $NEW  "
wait_for "phone"
keys g
wait_for "Guest García, José"
wait_for "jg@example.org"
wait_for "Stays: 1 booking, 1 nights"
keys Down Down Down Down Down Down Down Down Down
keys Enter
wait_for "Doc. number:"
keys -l "P7654321"
keys Enter
wait_for "Guest profile saved."
NGID=$(fd --json show "$NEW" | jq -r .booking.guest_id)
[ "$(fd --json guest show "$NGID" | jq -r .guest.document.number)" = P7654321 ] || fail "the document was not saved"
keys E
wait_for "(GDPR)? Stays and amounts are kept. (y/n)"
keys y
wait_for "personal data was erased"
[ "$(fd --json guest show "$NGID" | jq -r .guest.erased)" = true ] || fail "not erased"
keys Escape

# Check-in asks for the document where the property requires it.
fd settings --require-document yes >/dev/null || fail "settings --require-document"
keys :
keys -l "$ARRIVAL"
keys Enter
wait_for "Booking $ARRIVAL"
keys i
wait_for "Müller, Anna has no identity document on file; its number:"
keys -l "ID998877"
keys Enter
wait_for "Check in Müller, Anna ($ARRIVAL) to room 102? (y/n)"
keys y
wait_for "checked in to room 102"
MGID=$(fd --json show "$ARRIVAL" | jq -r .booking.guest_id)
[ "$(fd --json guest show "$MGID" | jq -r .guest.document.number)" = ID998877 ] || fail "the document typed at check-in was not saved"
keys q
wait_for "EXITED 0"

# Staff may not erase: the refusal is shown and nothing changes.
fd staff add anna --name "Anna Costa" --role staff --dept front_office >/dev/null || fail "staff add"
UI_ARGS="--as anna" start 100 30
wait_for "Test Hotel"
keys :
FIRST=$(fd --json guest show "$GID" | jq -r '.bookings[0].code')
keys -l "$FIRST"
keys Enter
wait_for "Booking $FIRST  "
keys g
wait_for "Guest García, José"
keys E
wait_for "(y/n)"
keys y
wait_for "guest.erase"
[ "$(fd --json guest show "$GID" | jq -r .guest.erased)" = false ] || fail "staff erased a guest"
keys Escape
keys q
wait_for "EXITED 0"
exit 0
