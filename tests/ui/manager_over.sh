#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A manager signs in over the desk session for one action without leaving
# the application: the night audit, or a refund above the limit, refused to
# a staff member offers the managers, asks the chosen one's password (never
# shown), runs as them and records both people; the desk's user acts again
# afterwards. Esc says no.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add anna --name "Anna Desk" --role staff --dept front_office >/dev/null || fail "staff add"
fd staff add fred --name "Fred Boss" --role manager --dept management >/dev/null || fail "staff add"
db() { sqlite3 "$DATA/frontdesk.db" "$1"; }
fd settings --refund-threshold 10.00 >/dev/null || fail "settings"
fd pay "$INHOUSE" cash 50 >/dev/null || fail "pay"

UI_ARGS="--as anna" start 80 24
wait_for "user anna"
# A refund of 30.00 above the 10.00 limit: fred signs in for it.
keys :
keys -l "$INHOUSE"
keys Enter
wait_for "Booking $INHOUSE"
keys f
wait_for "Folio $INHOUSE"
keys r
keys -l cash
keys Enter
wait_for "refund amount:"
keys C-u
keys -l 30
keys Enter
wait_for "refund reason:"
keys -l "overcharged"
keys Enter
wait_for "Refunds above 10.00 EUR need a manager. Manager (Esc: no): fred"
keys Enter
wait_for "password for fred:"
keys -l "pw"
keys Enter
wait_for "Refunded (cash): 30.00 EUR"
payload=$(db "SELECT payload FROM audit_log WHERE type = 'folio.refund'")
actor=$(db "SELECT actor FROM audit_log WHERE type = 'folio.refund'")
[ "$actor" = fred ] || fail "the refund's actor is $actor"
echo "$payload" | grep -q '"desk":"anna"' || fail "the refund does not name anna: $payload"
keys 8
wait_for "Tab next pane"
keys A
wait_for "The night audit needs a manager; anna is staff. Manager (Esc: no): fred"
keys Escape
wait_for "Tab next pane"
[ "$(db "SELECT count(*) FROM day_reports")" = 0 ] || fail "Esc closed the day"

keys A
wait_for "Manager (Esc: no): fred"
keys Enter
wait_for "password for fred:"
keys -l "s3cret"
wait_for "password for fred: ******"
screen | grep -q "s3cret" && fail "the password shows"
keys Enter
wait_for "by fred for anna)"
[ "$(db "SELECT count(*) FROM day_reports")" = 1 ] || fail "the day was not closed"
payload=$(db "SELECT payload FROM audit_log WHERE type = 'audit.night'")
echo "$payload" | grep -q '"run_by":"fred"' || fail "the audit does not name fred: $payload"
echo "$payload" | grep -q '"desk":"anna"' || fail "the audit does not name anna: $payload"

# Back at the desk: anna acts again, and a staff member is refused again.
keys 3
wait_for "Housekeeping queue"
keys d
wait_for "is dirty."
[ "$(db "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" = anna ] || fail "the desk did not go back to anna"
keys F8
wait_for "Tab next pane"
keys A
wait_for "Manager (Esc: no): fred"
keys Escape
keys q
wait_for "EXITED 0"
exit 0
