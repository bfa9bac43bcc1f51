#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The booking detail says how the documents sent by e-mail for the booking
# stand: sent, not sent (the relay's reason) or queued. The server's sender
# settles mails and the change feed brings their state; here the states
# are written into the desk's copy as the feed would.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
CODE=$(fd book --guest "Costa, Rui" --room 103 --arrive 2026-11-25 --depart 2026-11-27 --email rui@example.com) || fail "book"
DB="$DATA/frontdesk.db"
mail() { fd confirmation "$CODE" --email >/dev/null || fail "confirmation --email"; }
mail
sqlite3 "$DB" "UPDATE mail SET state = 'sent', sent_at = 1795000000, attempts = 1, created_at = 1 WHERE state = 'queued'" || fail "sqlite3"
mail
sqlite3 "$DB" "UPDATE mail SET state = 'failed', attempts = 5, error = 'relay refused', created_at = 2 WHERE state = 'queued'" || fail "sqlite3"
mail
# The other booking has none: its detail shows no mail line.
start 100 30
wait_for "101"
keys :
keys -l "$CODE"
keys Enter
wait_for "Booking $CODE"
wait_for "Mail"
wait_for "confirmation to rui@example.com: queued: the server sends it"
wait_for "confirmation to rui@example.com: not sent: relay refused (gave up after 5 attempts)"
wait_for "confirmation to rui@example.com: sent 2026-"
wait_for "History"
keys :
keys -l "$ARRIVAL"
keys Enter
wait_for "Booking $ARRIVAL"
screen | grep -q "rui@example.com" && fail "another booking shows this booking's mail"
keys q
wait_for "EXITED 0"
exit 0
