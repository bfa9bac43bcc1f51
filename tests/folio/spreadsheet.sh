#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What spreadsheets write: a UTF-8 byte-order mark, ';' as the separator
# (sniffed, or --separator), CRLF line ends. The export is the layout the
# importer reads (export, import into an empty hotel, export again: the
# same file, the same bookings), and importing a file twice does not
# duplicate its bookings: rows are keyed by the file's own reference.
. "$top_srcdir/tests/folio/lib.sh"
fd init --property Sheets --currency EUR --timezone UTC --date 2026-03-01 >/dev/null || fail init
count() { sqlite3 "$D/frontdesk.db" "$1"; }

# A spreadsheet's file: BOM, ';', CRLF, a comma inside a decimal-free
# quoted name, an accented name.
printf '\357\273\277reference;arrival;departure;type;adults;children;rate;status;guest;country;source;notes\r\n' >"$TMP/sheet.csv"
printf 'R-1001;2026-01-10;2026-01-12;DBL;2;0;90.00;checked_out;"Gonçalves, Inês";PT;phone;"a; b"\r\n' >>"$TMP/sheet.csv"
printf 'R-1002;2026-01-11;2026-01-14;TWN;1;1;75.50;cancelled;Smith, Ann;GB;web;\r\n' >>"$TMP/sheet.csv"
printf ';2026-02-01;2026-02-02;DBL;1;0;80.00;checked_out;Walk, In;;walk-in;\r\n' >>"$TMP/sheet.csv"
fd import bookings "$TMP/sheet.csv" >"$TMP/out" 2>"$TMP/err" || fail "the spreadsheet's file: $(cat "$TMP/err")"
[ "$(count 'SELECT count(*) FROM bookings')" = 3 ] || fail "expected 3 bookings: $(cat "$TMP/out")"
[ "$(count "SELECT g.family || '|' || g.given || '|' || b.notes || '|' || b.rate FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE b.ext_ref = 'R-1001'")" = "Gonçalves|Inês|a; b|9000" ] ||
	fail "row R-1001 read wrong: $(count "SELECT * FROM bookings WHERE ext_ref = 'R-1001'")"
[ "$(count "SELECT type_code FROM bookings WHERE ext_ref = 'R-1002'")" = TWN ] || fail "the CR of the line end is in a field"

# The same file again: its referenced bookings are known, and so is the row
# with no reference (by its guest and stay: tests/cli/import_again.sh).
fd import bookings "$TMP/sheet.csv" >"$TMP/out" 2>"$TMP/err" || fail "second import: $(cat "$TMP/err")"
grep -q "Skipped 2 row(s) imported before" "$TMP/out" || fail "second import: $(cat "$TMP/out")"
[ "$(count "SELECT count(*) FROM bookings WHERE ext_ref IN ('R-1001', 'R-1002')")" = 2 ] || fail "a referenced booking was duplicated"
[ "$(count 'SELECT count(*) FROM bookings')" = 3 ] || fail "the row without a reference was duplicated"

# --separator says what the header cannot: one column, no separator in it.
printf 'reference\tarrival\tdeparture\ttype\tadults\nT-1\t2026-01-20\t2026-01-21\tDBL\t2\n' >"$TMP/tabs.csv"
fd import bookings "$TMP/tabs.csv" --separator tab >/dev/null 2>"$TMP/err" || fail "tab-separated: $(cat "$TMP/err")"
[ "$(count "SELECT count(*) FROM bookings WHERE ext_ref = 'T-1'")" = 1 ] || fail "tab-separated row missing"
expect_fail "separator" fd import bookings "$TMP/tabs.csv" --separator '|'

# Bad input changes nothing: a reference twice in one file.
printf 'reference;arrival;departure;type;adults\nX-1;2026-01-05;2026-01-06;DBL;1\nX-1;2026-01-07;2026-01-08;DBL;1\n' >"$TMP/twice.csv"
before=$(dbsum)
expect_fail "twice.csv:3: reference X-1 is on line 2" fd import bookings "$TMP/twice.csv"
[ "$(dbsum)" = "$before" ] || fail "a refused import changed the database"

# Round trip: export, import into an empty hotel, export again.
fd export bookings "$TMP/out1.csv" >"$TMP/out" || fail "export"
grep -q "Exported 4 bookings" "$TMP/out" || fail "export count: $(cat "$TMP/out")"
head -1 "$TMP/out1.csv" | grep -q "^reference,arrival,departure,type,adults,children,rate,status,guest,country,source,notes$" ||
	fail "export header: $(head -1 "$TMP/out1.csv")"
grep -q '^R-1001,2026-01-10,2026-01-12,DBL,2,0,90.00,checked_out,"Gonçalves, Inês",PT,phone,a; b$' "$TMP/out1.csv" ||
	fail "exported row: $(cat "$TMP/out1.csv")"
D2="$TMP/empty"
"$FD" --data "$D2" init --property Empty --currency EUR --timezone UTC --date 2026-03-01 >/dev/null || fail "init empty"
"$FD" --data "$D2" import bookings "$TMP/out1.csv" >/dev/null 2>"$TMP/err" || fail "import the export: $(cat "$TMP/err")"
"$FD" --data "$D2" export bookings "$TMP/out2.csv" >/dev/null || fail "export again"
cmp -s "$TMP/out1.csv" "$TMP/out2.csv" || fail "the round trip changed the file: $(diff "$TMP/out1.csv" "$TMP/out2.csv")"
# The bookings themselves, ids and codes aside.
q="SELECT b.arrival, b.departure, b.type_code, b.adults, b.children, b.rate, b.status, g.family, g.given, g.country, b.source, b.notes FROM bookings b JOIN guests g ON g.id = b.guest_id ORDER BY 1, 2, 8"
[ "$(sqlite3 "$D/frontdesk.db" "$q")" = "$(sqlite3 "$D2/frontdesk.db" "$q")" ] || fail "the bookings differ after the round trip"
# A semicolon export reads back too; importing it again adds nothing.
"$FD" --data "$D2" export bookings "$TMP/semi.csv" --separator ';' >/dev/null || fail "export ;"
head -1 "$TMP/semi.csv" | grep -q "^reference;arrival;" || fail "--separator ; export"
"$FD" --data "$D2" import bookings "$TMP/semi.csv" >"$TMP/out" 2>"$TMP/err" || fail "import ; export: $(cat "$TMP/err")"
grep -q "Imported 0 booking" "$TMP/out" && grep -q "Skipped 4 row(s) imported before" "$TMP/out" || fail "re-import: $(cat "$TMP/out")"
echo "ok: BOM, ';', CRLF, --separator, references, and the round trip"
