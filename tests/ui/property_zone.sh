#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times in the application are the hotel's (the property's time zone, here
# UTC+14), whatever the terminal's zone (UTC): a booking's history and
# when its mail was sent.
. "$top_srcdir/tests/ui/lib.sh"
ZONE=Pacific/Kiritimati
fd init --property "Line Islands" --currency EUR --timezone $ZONE --date $TODAY >/dev/null || fail "init"
fd type add STD --name Standard --max 2 --rate 90.00 >/dev/null || fail "type add"
fd room add 101 --type STD --floor 1 >/dev/null || fail "room add"
hour() { TZ=$ZONE date "+%Y-%m-%d %H:"; }
h0=$(hour)
CODE=$(fd book --guest "Tabai, Teeta" --room 101 --arrive $TODAY --depart 2026-11-27 --email t@example.com) || fail "book"
h1=$(hour)
fd confirmation "$CODE" --email >/dev/null || fail "confirmation --email"
sqlite3 "$DATA/frontdesk.db" "UPDATE mail SET state = 'sent', sent_at = 1795000000, attempts = 1" || fail "sqlite3"
sent=$(TZ=$ZONE date -d @1795000000 "+%Y-%m-%d %H:%M")
sent_utc=$(TZ=UTC date -d @1795000000 "+%Y-%m-%d %H:%M")

UI_ENV="TZ=UTC" start 100 30
wait_for "101"
keys :
keys -l "$CODE"
keys Enter
wait_for "Booking $CODE"
wait_for "sent $sent"
screen | grep -q "sent $sent_utc" && fail "the mail's time is UTC"
wait_for "History"
screen | grep -q "^$h0[0-9][0-9]  booking.create\|^$h1[0-9][0-9]  booking.create" ||
	fail "the history's time is not the hotel's ($h0 or $h1)"
keys q
wait_for "EXITED 0"
exit 0
