#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Guests through the command line (issue 12): find by the name as the
# screen shows it, part of a code, a phone number or an e-mail, in-house
# and arriving guests first, status words a person reads.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
codes() { fd --json find "$1" | jq -r '[.bookings[].code] | join(" ")'; }

garcia=$(fd book --guest "García, José" --type STD --arrive 2026-11-27 --depart 2026-11-29) || fail "book García"
oconnor=$(fd book --guest "O'Connor, Siobhán" --room 101 --arrive 2026-11-25 --depart 2026-11-27) || fail "book O'Connor"
fd hk 101 clean >/dev/null && fd checkin "$oconnor" >/dev/null || fail "checkin O'Connor"
fd book --guest "Silva, Rui" --type STD --arrive 2026-11-26 --depart 2026-11-27 >/dev/null || fail "book Silva"

for q in "García, José" "garcia, jose" "jose garcia" "José García"; do
	[ "$(codes "$q")" = "$garcia" ] || fail "find '$q' gave '$(codes "$q")', expected $garcia"
done
[ "$(codes oconnor)" = "$oconnor" ] || fail "find oconnor gave '$(codes oconnor)'"
for q in % _ "%%"; do
	[ "$(codes "$q")" = "" ] || fail "find '$q' is a wildcard: $(codes "$q")"
	[ "$(fd find "$q")" = "(none)" ] || fail "find '$q' printed $(fd find "$q")"
done
part=$(echo "$garcia" | cut -c1-4 | tr 'A-Z' 'a-z')
codes "$part" | grep -qw "$garcia" || fail "find by part of the code ($part)"

# Status words, translated, never identifiers; in house first.
out=$(fd find s)
echo "$out" | grep -q "checked_in" && fail "find shows an identifier: $out"
[ "$(echo "$out" | wc -l)" = 2 ] && echo "$out" | head -1 | grep -q "$oconnor in house" || fail "the in-house guest is not first with 'in house': $out"

# The same name again is most often the same guest: refused, naming the
# profile and how to book for it; nothing is written.
gid=$(fd --json show "$garcia" | jq -r .booking.guest_id)
expect_refused 1 "already on file" -- fd book --guest "garcia, JOSE" --type STD --arrive 2026-12-01 --depart 2026-12-02
grep -q "$gid" "$TMP/err" || fail "the refusal does not name the profile: $(cat "$TMP/err")"
grep -q -- "--guest ID" "$TMP/err" && grep -q -- "--new-guest" "$TMP/err" || fail "the refusal does not say what to do"
again=$(fd book --guest "$gid" --type STD --arrive 2026-12-01 --depart 2026-12-02) || fail "book for the guest on file"
[ "$(fd --json show "$again" | jq -r .booking.guest_id)" = "$gid" ] || fail "--guest ID made another guest"
other=$(fd book --guest "García, José" --new-guest --type STD --arrive 2026-12-03 --depart 2026-12-04) || fail "--new-guest"
oid=$(fd --json show "$other" | jq -r .booking.guest_id)
[ "$oid" != "$gid" ] || fail "--new-guest used the profile on file"
fd --json guest find "jose garcia" | jq -e '.count == 2' >/dev/null || fail "guest find lists both profiles"
# text with nothing to search by (search folds to letters and digits) is
# said to be so, not answered "(none)" as if no such guest were on file
expect_refused 2 "no letters or digits" -- fd guest find "😀 ✈ --"

# Merging is a manager's: staff are refused, nothing changes.
expect_refused 1 "guest.merge" -- fd --as anna guest merge "$gid" "$oid"
expect_refused 1 "itself" -- fd --as mia guest merge "$gid" "$gid"
fd --as mia guest merge "$gid" "$oid" >/dev/null || fail "merge"
[ "$(fd --json show "$other" | jq -r .booking.guest_id)" = "$gid" ] || fail "the duplicate's booking did not move"
fd --json guest find "jose garcia" | jq -e '.count == 1' >/dev/null || fail "the merged profile is still listed"
fd --json guest show "$gid" | jq -e '(.bookings | length) == 3' >/dev/null || fail "the kept profile lacks the stays"
# A booking for the merged profile is made for the kept one, and says so.
late=$(fd book --guest "$oid" --type STD --arrive 2026-12-05 --depart 2026-12-06 2>"$TMP/warn") ||
	fail "booking the merged profile: $(cat "$TMP/warn")"
[ "$(fd --json show "$late" | jq -r .booking.guest_id)" = "$gid" ] || fail "the booking is not the kept profile's"
grep -q "was merged into .* ($gid); the booking is made for that profile" "$TMP/warn" ||
	fail "no word of the merge: $(cat "$TMP/warn")"

# The booking's channel.
[ "$(fd --json show "$oconnor" | jq -r .booking.source)" = walk-in ] || fail "a same-day booking is not a walk-in"
[ "$(fd --json show "$garcia" | jq -r .booking.source)" = phone ] || fail "a booking ahead is not by phone"
ota=$(fd book --guest "Ota, Olga" --source Booking.com --type STD --arrive 2026-12-01 --depart 2026-12-02) || fail "book from an OTA"
[ "$(fd --json show "$ota" | jq -r .booking.source)" = ota ] || fail "Booking.com is not an OTA"
fd show "$ota" | grep -q "OTA" || fail "show does not name the channel"
expect_refused 1 "Unknown source" -- fd book --guest "Fax, Felix" --source fax --type STD --arrive 2026-12-01 --depart 2026-12-02

# Imported bookings carry their channel; a source that is none is refused.
cat >"$TMP/native.csv" <<'CSV'
arrival,departure,type,adults,children,rate,status,guest,country,source,notes
2026-02-01,2026-02-04,STD,2,0,149.50,checked_out,"Imported, Ines",DE,Booking.com,
2026-02-10,2026-02-11,STD,1,,80,cancelled,"Imported, Ivo",JP,Groups,
CSV
fd import bookings "$TMP/native.csv" >/dev/null || fail "import with sources"
[ "$(fd --json find "imported ines" | jq -r '.bookings[0].source')" = ota ] || fail "imported Booking.com is not ota"
[ "$(fd --json find "ivo imported" | jq -r '.bookings[0].source')" = group ] || fail "imported Groups is not group"
sed -i 's/Booking.com/fax/' "$TMP/native.csv"
expect_refused 1 "not a channel" -- fd import bookings "$TMP/native.csv"

# Check-in asks for the document where the property requires it.
expect_refused 1 "guest.configure\|property.configure" -- fd --as anna settings --require-document yes
fd --as mia settings --require-document yes >/dev/null || fail "settings --require-document"
fd settings | grep -q "identity document: yes" || fail "settings do not show the document rule"
silva=$(fd book --guest "Paper, Pia" --room 102 --arrive 2026-11-25 --depart 2026-11-26) || fail "book Paper"
fd hk 102 clean >/dev/null || fail "hk 102"
sid=$(fd --json show "$silva" | jq -r .booking.guest_id)
expect_refused 1 "identity document" -- fd checkin "$silva"
fd guest update "$sid" --document P1234567 --doc-type passport --doc-country PT --doc-expiry 2031-02-28 --nationality PT >/dev/null || fail "guest update"
fd --json guest show "$sid" | jq -e '.guest.document == {"type":"passport","number":"P1234567","country":"PT","expiry":"2031-02-28"}' >/dev/null || fail "the document is not in the profile"
fd checkin "$silva" >/dev/null || fail "checkin with a document"
finish
