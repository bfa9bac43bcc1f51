#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# CSV import: the hotel booking demand sample (all or nothing; with
# --skip-bad-rows; one hotel), broken files with line numbers, and the
# native layout. Figures are checked against awk over the same file.
. "$top_srcdir/tests/folio/lib.sh"
S="$top_srcdir/../../shared/data/hotel-booking-demand/sample-500.csv"
[ -f "$S" ] || S=/work/shared/data/hotel-booking-demand/sample-500.csv
[ -f "$S" ] || fail "the sample is missing: $S"
fd init --property Hist --currency EUR --timezone UTC --date 2026-03-01 >/dev/null || fail init
count() { sqlite3 "$D/frontdesk.db" "$1"; }

# All or nothing: row 70 has a negative adr; nothing is imported.
before=$(dbsum)
expect_fail "nothing imported" fd import bookings "$S"
grep -q "sample-500.csv:70: adr -6.38 is negative" "$TMP/err" || fail "line 70 and its reason"
[ "$(dbsum)" = "$before" ] || fail "a refused import changed the database"

# Expected figures straight from the file (columns: 1 hotel, 8+9 nights,
# 20 reserved type, 28 adr, 31 status); day uses (0 nights) are imported
# too (issue 12) and sell no room-night.
expect() {
	awk -F, -v hotel="$1" 'NR > 1 && $28 >= 0 && (hotel == "" || $1 == hotel) {
		n++; st[$31]++
		if ($31 == "Check-Out") { nights += $8 + $9; rev += sprintf("%.0f", $28 * 100) * ($8 + $9) }
	} END { printf "%d %d %d %d %d %d\n", n, st["Check-Out"], st["Canceled"], st["No-Show"], nights, rev }' "$S"
}
fd import bookings "$S" --skip-bad-rows >"$TMP/out" 2>"$TMP/err" || fail "skip-bad-rows"
grep -q "sample-500.csv:70:" "$TMP/err" || fail "skipped rows are listed"
grep -q "Of these, 6 day-use" "$TMP/out" || fail "day uses counted"
[ "$(count "SELECT count(*) FROM bookings WHERE arrival = departure")" = 6 ] || fail "day uses imported"
[ "$(count "SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id WHERE b.arrival = b.departure")" = 0 ] || fail "a day use holds no night"
got="$(count 'SELECT count(*) FROM bookings') $(count "SELECT count(*) FROM bookings WHERE status='checked_out'") $(count "SELECT count(*) FROM bookings WHERE status='cancelled'") $(count "SELECT count(*) FROM bookings WHERE status='no_show'")"
set -- $(expect "")
[ "$got" = "$1 $2 $3 $4" ] || fail "bookings by status: got $got, want $1 $2 $3 $4"
rep=$(fd --json report summary --from 2015-07-01 --to 2017-12-31 | json 'd["rooms_sold"], d["room_revenue_minor"], d["occupancy"]')
[ "$rep" = "$5 $6 None" ] || fail "nights and revenue as they happened: got $rep, want $5 $6 None"
[ "$(count "SELECT count(*) FROM room_types WHERE name LIKE '%(imported)'")" = 9 ] || fail "room types created"
[ "$(count "SELECT count(*) FROM audit_log WHERE type='booking.import'")" = 1 ] || fail "audit entry"
[ "$(count "SELECT count(*) FROM guests WHERE length(country) NOT IN (0, 2)")" = 0 ] || fail "guests keep alpha-2 countries"
[ "$(count "SELECT count(*) FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE g.country = 'PT'")" = "$(awk -F, 'NR > 1 && $28 >= 0 && $14 == "PRT"' "$S" | wc -l)" ] || fail "PRT becomes PT"

# One hotel of two, into a fresh hotel.
D2="$TMP/h2"
"$FD" --data "$D2" init --property City --currency EUR --timezone UTC --date 2026-03-01 >/dev/null || fail init2
"$FD" --data "$D2" --json import bookings "$S" --hotel "City Hotel" >"$TMP/j" 2>/dev/null || fail "--hotel"
set -- $(expect "City Hotel")
[ "$(json 'd["imported"]' <"$TMP/j")" = "$1" ] || fail "City Hotel rows"
expect_fail 'has "Resort Hotel", "City Hotel"' "$FD" --data "$D2" import bookings "$S" --hotel Nowhere

# Broken files: clear messages with line numbers, nothing imported.
H=$(head -1 "$S")
R=$(sed -n 2p "$S")
before=$(dbsum)
printf '%s\n%s\n%s\n' "$H" "$R" "$(echo "$R" | cut -d, -f1-10)" >"$TMP/short.csv"
expect_fail "short.csv:3: the row has 10 fields; the header has 32" fd import bookings "$TMP/short.csv"
printf '%s\n%s\n%s\n' "$H" "$R" "$(echo "$R" | sed 's/,July,/,Juli,/')" >"$TMP/month.csv"
expect_fail 'month.csv:3: arrival_date_month "Juli"' fd import bookings "$TMP/month.csv"
printf '%s\n%s\n"%s\n' "$H" "$R" "$R" >"$TMP/quote.csv"
expect_fail "quote.csv" fd import bookings "$TMP/quote.csv"
echo "$H" | sed 's/,adr,/,price,/' >"$TMP/hdr.csv"
expect_fail 'no column "adr"' fd import bookings "$TMP/hdr.csv"
: >"$TMP/empty.csv"
expect_fail "empty" fd import bookings "$TMP/empty.csv"
expect_fail "cannot open" fd import bookings "$TMP/missing.csv"
[ "$(dbsum)" = "$before" ] || fail "a broken file changed the database"

# The native layout, with names and quoted fields.
cat >"$TMP/native.csv" <<'CSV'
arrival,departure,type,adults,children,rate,status,guest,country,notes
2026-02-01,2026-02-04,DLX,2,1,149.50,checked_out,"Müller, Jürgen",DE,"late check-out, quiet room"
2026-02-10,2026-02-11,STD,1,,80,cancelled,"Sato, Yuki",JP,
CSV
fd import bookings "$TMP/native.csv" >/dev/null || fail "native layout"
fd find müller | grep -q "Müller, Jürgen" || fail "native guest searchable"
[ "$(count "SELECT rate || ' ' || children FROM bookings WHERE notes = 'late check-out, quiet room'")" = "14950 1" ] || fail "native values"
exit 0
