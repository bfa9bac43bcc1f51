#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A CSV import keeps a name, a note or a reference longer than its column
# whole characters at a time: cut on a character boundary, never in the
# middle of a multi-byte character (which left malformed UTF-8 in the
# guest's record), in names of 2-, 3- and 4-byte characters.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel

rep() { python3 -c "import sys; print(sys.argv[1] * int(sys.argv[2]), end='')" "$1" "$2"; }
fam1="Ö$(rep ü 40)" giv1="A$(rep 山 30)"
fam2="$(rep 😀 20)" giv2="Zoë" notes2="x$(rep é 80)"
cat >"$TMP/long.csv" <<EOS
arrival,departure,type,adults,rate,status,guest,notes
2026-10-01,2026-10-03,STD,2,90.00,checked_out,"$fam1, $giv1",
2026-10-05,2026-10-06,STD,1,90.00,checked_out,"$fam2, $giv2",$notes2
EOS
fd import bookings "$TMP/long.csv" >"$TMP/out" 2>"$TMP/err" || fail "import: $(cat "$TMP/err")"
grep -q "Imported 2 booking(s) from 2 row(s)" "$TMP/out" || fail "summary: $(cat "$TMP/out")"

q() { sqlite3 "$DATA/frontdesk.db" "$1"; }
# Every stored name and note is well-formed UTF-8 (python refuses it otherwise).
q "SELECT hex(family) || ' ' || hex(given) FROM guests UNION ALL SELECT hex(notes) FROM bookings" |
	python3 -c '
import sys
for line in sys.stdin:
    for h in line.split():
        bytes.fromhex(h).decode("utf-8")
' || fail "malformed UTF-8 stored"
# The longest whole-character prefix of each that fits (63 bytes).
[ "$(q "SELECT family FROM guests WHERE given LIKE 'A%'")" = "Ö$(rep ü 30)" ] ||
	fail "family name cut wrong: $(q "SELECT family FROM guests WHERE given LIKE 'A%'")"
[ "$(q "SELECT given FROM guests WHERE given LIKE 'A%'")" = "A$(rep 山 20)" ] ||
	fail "given name cut wrong: $(q "SELECT given FROM guests WHERE given LIKE 'A%'")"
[ "$(q "SELECT family FROM guests WHERE given = 'Zoë'")" = "$(rep 😀 15)" ] ||
	fail "4-byte family name cut wrong: $(q "SELECT family FROM guests WHERE given = 'Zoë'")"
[ "$(q "SELECT notes FROM bookings WHERE notes LIKE 'x%'")" = "x$(rep é 63)" ] ||
	fail "note cut wrong: $(q "SELECT notes FROM bookings WHERE notes LIKE 'x%'")"
# The guest is listed under the name she has now.
fd guest find Zoë | grep -qF "$(rep 😀 15), Zoë" || fail "the guest is not listed with her cut name: $(fd guest find Zoë)"
finish
