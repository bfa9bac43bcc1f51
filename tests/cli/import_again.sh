#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Importing the same rows again without a reference column does not
# duplicate them: a row naming its guest is known by the guest and the stay
# (family and given name, arrival, departure, room type). Each such row is
# listed as skipped with the booking it is, and counted in the summary; a
# family's two identical rows are two bookings, both times; rows of the
# data set (no names) are not matched. Changed rows are new bookings.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
count() { sqlite3 "$DATA/frontdesk.db" "SELECT count(*) FROM bookings"; }

cat >"$TMP/a.csv" <<EOS
arrival,departure,type,adults,rate,status,guest
2026-10-01,2026-10-03,STD,2,90.00,checked_out,"Silva, Ana"
2026-10-01,2026-10-03,STD,2,90.00,checked_out,"Silva, Ana"
2026-10-02,2026-10-04,DLX,1,120.00,checked_out,"Berg, Ole"
EOS
fd import bookings "$TMP/a.csv" >"$TMP/out" 2>"$TMP/err" || fail "first import: $(cat "$TMP/err")"
[ "$(count)" = 3 ] || fail "first import: expected 3 bookings, have $(count)"

before=$(dump)
fd import bookings "$TMP/a.csv" >"$TMP/out" 2>"$TMP/err" || fail "second import: $(cat "$TMP/err")"
[ "$(count)" = 3 ] || fail "the second import duplicated bookings: $(count) bookings"
grep -q "Imported 0 booking(s) from 3 row(s)" "$TMP/out" || fail "second import summary: $(cat "$TMP/out")"
grep -q "Skipped 3 row(s) imported before (no reference; the same guest, dates and room type" "$TMP/out" ||
	fail "the summary does not count the known rows: $(cat "$TMP/out")"
ole=$(sqlite3 "$DATA/frontdesk.db" "SELECT b.code FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE g.family = 'Berg'")
grep -q "a.csv:4: Berg, Ole 2026-10-02 to 2026-10-04 (DLX) is booking $ole, imported before" "$TMP/err" ||
	fail "the skipped row is not listed with its booking: $(cat "$TMP/err")"
[ "$(grep -c "imported before" "$TMP/err")" = 3 ] || fail "expected three rows listed: $(cat "$TMP/err")"
[ "$(fd --json import bookings "$TMP/a.csv" 2>/dev/null | jq '.already_imported_same_stay')" = 3 ] || fail "JSON count"
after=$(dump | grep -v "^INSERT INTO audit_log")
[ "$(echo "$before" | grep -v "^INSERT INTO audit_log")" = "$after" ] || fail "a re-import changed bookings or guests"

# A third identical row for Ana (a third room) is new; Ole's row with other dates is new.
cat >"$TMP/b.csv" <<EOS
guest;arrival;departure;type;adults
Silva, Ana;2026-10-01;2026-10-03;STD;2
Silva, Ana;2026-10-01;2026-10-03;STD;2
Silva, Ana;2026-10-01;2026-10-03;STD;2
Berg, Ole;2026-10-02;2026-10-05;DLX;1
EOS
fd import bookings "$TMP/b.csv" >"$TMP/out" 2>"$TMP/err" || fail "third import: $(cat "$TMP/err")"
[ "$(count)" = 5 ] || fail "expected 5 bookings (a third room, other dates), have $(count)"
grep -q "Skipped 2 row(s) imported before" "$TMP/out" || fail "third import summary: $(cat "$TMP/out")"

# The data set's rows name nobody: identical rows stay separate bookings.
cat >"$TMP/ds.csv" <<EOS
hotel,is_canceled,arrival_date_year,arrival_date_month,arrival_date_day_of_month,stays_in_weekend_nights,stays_in_week_nights,adults,children,babies,meal,country,market_segment,reserved_room_type,assigned_room_type,deposit_type,adr,reservation_status
Resort Hotel,0,2026,September,1,0,2,2,0,0,BB,PRT,Direct,STD,STD,No Deposit,80.00,Check-Out
EOS
fd import bookings "$TMP/ds.csv" >/dev/null 2>"$TMP/err" || fail "data set: $(cat "$TMP/err")"
fd import bookings "$TMP/ds.csv" >/dev/null 2>"$TMP/err" || fail "data set again: $(cat "$TMP/err")"
[ "$(count)" = 7 ] || fail "data-set rows without names must not be matched: $(count) bookings"
finish
