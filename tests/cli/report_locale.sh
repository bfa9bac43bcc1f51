#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# CSV and JSON are read by programs: whatever the user's locale, numbers
# have '.' as the decimal point (German's "1,0000" would be two CSV fields),
# and a negative amount stays a number, not text with an apostrophe.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
LOC=de_DE.UTF-8
if ! locale -a 2>/dev/null | grep -qix 'de_DE.utf-\?8'; then
	mkdir -p "$TMP/locale"
	localedef -i de_DE -c -f UTF-8 "$TMP/locale/de_DE.UTF-8" 2>/dev/null || fail "no de_DE.UTF-8 locale (tools/install-deps makes it)"
	export LOCPATH="$TMP/locale"
fi
de() { env LC_ALL= LANG=$LOC LANGUAGE= "$@"; }
# The locale really writes a decimal comma (or the test proves nothing).
[ "$(de python3 -c 'import locale; locale.setlocale(locale.LC_ALL, ""); print(locale.localeconv()["decimal_point"])')" = "," ] ||
	fail "de_DE.UTF-8 does not use a decimal comma here"

C=$(fd book --guest "Voll, Vera" --room 101 --arrive 2026-11-25 --depart 2026-11-26) || fail "book"
for r in 102 103 201; do
	fd book --guest "Gast, $r" --room $r --arrive 2026-11-25 --depart 2026-11-26 >/dev/null || fail "book $r"
done
fd --as mia paid-out "$C" 5.00 --reason "taxi" >/dev/null 2>&1 || fail "paid out"

de "$FD" --data "$DATA" report summary --from 2026-11-25 --to 2026-11-25 --csv | tr -d '\r' >"$TMP/s.csv"
grep -q '^4,.*,1\.0000,' "$TMP/s.csv" || fail "occupancy in CSV under de_DE: $(cat "$TMP/s.csv")"
grep -q '[0-9],[0-9]\{4\}' "$TMP/s.csv" && fail "a decimal comma in CSV: $(cat "$TMP/s.csv")"
de "$FD" --data "$DATA" report daily --from 2026-11-25 --to 2026-11-25 --csv | tr -d '\r' >"$TMP/d.csv"
grep -q '^2026-11-25,4,4,1\.0000,' "$TMP/d.csv" || fail "daily CSV under de_DE: $(cat "$TMP/d.csv")"
de "$FD" --data "$DATA" report cashier --from 2026-11-25 --to 2026-11-25 --csv | tr -d '\r' >"$TMP/c.csv"
grep -qx 'mia,cash,1,0.00,0.00,5.00,0.00,-5.00' "$TMP/c.csv" || fail "a negative amount stays a number under de_DE: $(cat "$TMP/c.csv")"
occ=$(de "$FD" --data "$DATA" --json report summary --from 2026-11-25 --to 2026-11-25 |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["occupancy"])') || fail "JSON under de_DE"
[ "$occ" = 1 ] || [ "$occ" = 1.0 ] || fail "occupancy in JSON under de_DE: $occ"
finish
