#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A guest's documents speak the guest's language, else the property's, else
# the desk's: a German guest's bill says "Rechnung" with German money
# ("1.234,50 EUR") on an English desk, while the desk's own messages and an
# English guest's bill stay English. Catalogues are the build's (po/*.gmo,
# through FRONTDESK_LOCALEDIR, as no catalogue is installed while testing).
. "${top_srcdir:?}/tests/cli/lib.sh"
for d in "$top_srcdir/po" "$top_builddir/po"; do
	[ -f "$d/de.gmo" ] && FRONTDESK_LOCALEDIR=$d
done
[ -n "${FRONTDESK_LOCALEDIR:-}" ] || { echo "FAIL: no po/de.gmo was built"; exit 1; }
export FRONTDESK_LOCALEDIR
export LANGUAGE=en LC_ALL=C.UTF-8 # an English desk
make_hotel
fd op guest.create '{"id":"00000000-0000-4000-8002-000000000001","family":"Müller","given":"Jürgen","language":"de"}' >/dev/null || fail "German guest"
fd op booking.create '{"id":"00000000-0000-4000-9000-000000000001","code":"DE0001","guest_id":"00000000-0000-4000-8002-000000000001","type":"STD","arrival":"2026-11-25","departure":"2026-11-27"}' >/dev/null || fail "booking"
fd op guest.create '{"id":"00000000-0000-4000-8002-000000000002","family":"Smith","given":"Ann"}' >/dev/null || fail "guest without a language"
fd op booking.create '{"id":"00000000-0000-4000-9000-000000000002","code":"EN0001","guest_id":"00000000-0000-4000-8002-000000000002","type":"STD","arrival":"2026-11-25","departure":"2026-11-27"}' >/dev/null || fail "booking 2"
for c in DE0001:101 EN0001:102; do
	fd hk "${c#*:}" clean >/dev/null && fd checkin "${c%:*}" --room "${c#*:}" >/dev/null || fail "check in $c"
	fd post "${c%:*}" MINIBAR 1234.50 >/dev/null || fail "post $c"
done

fd invoice DE0001 >"$TMP/de.txt" || fail "German bill"
for want in "Rechnung" "Rechnungsempfänger" "Offener Saldo" "1.234,50 EUR"; do
	grep -qF "$want" "$TMP/de.txt" || fail "the German guest's bill lacks '$want': $(cat "$TMP/de.txt")"
done
grep -q "Balance due\|1,234.50" "$TMP/de.txt" && fail "English left on the German bill: $(cat "$TMP/de.txt")"
fd invoice DE0001 --pdf "$TMP/de.pdf" || fail "German PDF"
pdftotext -enc UTF-8 "$TMP/de.pdf" - | grep -q "Rechnung" || fail "the German PDF lacks 'Rechnung'"
fd confirmation DE0001 | grep -q "Buchungsbestätigung" || fail "the German confirmation is not German: $(fd confirmation DE0001)"
# The desk stays English: its own messages, and a guest with no language.
fd invoice EN0001 >"$TMP/en.txt" || fail "English bill"
grep -q "^ *Bill" "$TMP/en.txt" && grep -q "Balance due *1,234.50 EUR" "$TMP/en.txt" || fail "the English bill: $(cat "$TMP/en.txt")"
fd invoice NOPE42 2>&1 | grep -q "No booking" || fail "the desk's own message is not English"
# The numbered invoice keeps the guest's language, the copy too.
fd invoice DE0001 --final >"$TMP/final.txt" || fail "final invoice"
grep -q "Rechnung INV-" "$TMP/final.txt" || fail "the final invoice: $(head -5 "$TMP/final.txt")"
n=$(sed -n 's/.*Rechnung \(INV-[0-9]*\).*/\1/p' "$TMP/final.txt" | head -1)
fd invoice "$n" | grep -q "Rechnung $n (KOPIE)\|Rechnung $n (" || fail "the copy of $n is not German: $(fd invoice "$n" | head -3)"

# The property's language for guests with none.
fd property --language fr >/dev/null || fail "property --language"
fd invoice EN0001 | grep -q "Solde dû" || fail "the property's language (fr) is not used: $(fd invoice EN0001)"
fd invoice DE0001 | grep -q "Offener Saldo" || fail "the guest's language no longer wins"

# Bad codes are refused and change nothing.
expect_refused 1 "ISO 639" -- fd property --language "de-DE;x"
expect_refused 1 "ISO 639" -- fd op guest.update '{"guest":"00000000-0000-4000-8002-000000000002","language":"english"}'
finish
