#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Room integrity at the desk (issue 12): `i` in the arrivals list refuses a
# room whose guest has not checked out, even marked clean; the night audit
# refuses while a guest due out is in house and names them.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd cancel "$ARRIVAL" >/dev/null || fail "cancel"
STAY=$(fd book --guest "Late, Leo" --room 101 --arrive 2026-11-25 --depart 2026-11-26) || fail "book"
fd hk 101 clean >/dev/null && fd checkin "$STAY" >/dev/null || fail "checkin"
fd audit >/dev/null 2>&1 || fail "audit 2026-11-25"
fd hk 101 clean >/dev/null || fail "hk clean"
NEXT=$(fd book --guest "Next, Nora" --room 101 --arrive 2026-11-26 --depart 2026-11-27) || fail "book next"
before=$(sqlite3 "$DATA/frontdesk.db" .dump | grep -v -e "^INSERT INTO audit_log VALUES(.*,'refused','" -e "^INSERT INTO sqlite_sequence VALUES('audit_log'" | md5sum)

start 200 30
wait_for "101"
keys 2
wait_for "Arrivals (1)"
wait_for "$NEXT"
keys i
wait_for "Room 101 is still occupied: booking $STAY (due out 2026-11-26) has not checked out."
[ "$(sqlite3 "$DATA/frontdesk.db" .dump | grep -v -e "^INSERT INTO audit_log VALUES(.*,'refused','" -e "^INSERT INTO sqlite_sequence VALUES('audit_log'" | md5sum)" = "$before" ] || fail "the refused check-in changed the database"

keys 8
wait_for "Summary"
keys A
# Refused at once: the rule is judged before the question.
wait_for "2026-11-26 cannot close: 1 guest due out is still in house: $STAY (room 101)."
[ "$(sqlite3 "$DATA/frontdesk.db" .dump | grep -v -e "^INSERT INTO audit_log VALUES(.*,'refused','" -e "^INSERT INTO sqlite_sequence VALUES('audit_log'" | md5sum)" = "$before" ] || fail "the refused audit changed the database"
keys q
wait_for "EXITED 0"
