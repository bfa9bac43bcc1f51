#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Group blocks (issue 15): a block's rooms count as sold, bookings picked
# up from it are not counted twice, the night audit of its cut-off date
# releases what nobody picked up, and the master booking's folio takes the
# members' room charges.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code() { sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' "$TMP/out" | head -1; }
q() { sqlite3 "$DATA/frontdesk.db" "$1"; }

# Refusals change nothing.
expect_refused 1 "cut-off date" -- fd block add Wedding --type STD --rooms 2 --from 2026-11-27 --to 2026-11-29
expect_refused 1 "No room type" -- fd block add Wedding --type XXX --rooms 2 --from 2026-11-27 --to 2026-11-29 --cutoff 2026-11-26
expect_refused 1 "before the block's last night" -- fd block add Wedding --type STD --rooms 2 --from 2026-11-27 --to 2026-11-29 --cutoff 2026-11-29
expect_refused 1 "at most 3" -- fd block add Wedding --type STD --rooms 4 --from 2026-11-27 --to 2026-11-29 --cutoff 2026-11-26
expect_refused 2 "rooms" -- fd block add Wedding --type STD --rooms many --from 2026-11-27 --to 2026-11-29 --cutoff 2026-11-26

# STD has 3 rooms; the block holds 2 of them on the 27th and 28th.
fd --as anna block add Wedding --type STD --rooms 2 --from 2026-11-27 --to 2026-11-29 --cutoff 2026-11-26 --company "Silva family" >"$TMP/out" 2>"$TMP/err" || fail "block add: $(cat "$TMP/err")"
grep -q "holds 2 rooms" "$TMP/out" || fail "block add said: $(cat "$TMP/out")"
# One room left for everybody else: the first general booking fits, the second does not.
fd book --guest "Out, Otto" --type STD --arrive 2026-11-28 --depart 2026-11-29 >"$TMP/out" || fail "general booking beside the block"
OTTO=$(code)
expect_refused 1 "sold out on 2026-11-28" -- fd book --guest "Late, Lia" --type STD --arrive 2026-11-28 --depart 2026-11-29 --new-guest
# A bigger block no longer fits either.
expect_refused 1 "0 rooms left on 2026-11-28" -- fd block add Conf --type STD --rooms 1 --from 2026-11-28 --to 2026-11-29 --cutoff 2026-11-26
fd cancel "$OTTO" >/dev/null || fail "cancel Otto"

# Picked up from the block: taken from what it holds, not counted twice.
fd book --guest "Bride, Bea" --type STD --arrive 2026-11-27 --depart 2026-11-29 --block wedding >"$TMP/out" 2>"$TMP/err" || fail "pickup: $(cat "$TMP/err")"
BEA=$(code)
[ "$(q "SELECT source FROM bookings WHERE code = '$BEA'")" = group ] || fail "a pickup's source is group"
fd book --guest "Out, Otto" --type STD --arrive 2026-11-27 --depart 2026-11-29 --new-guest >"$TMP/out" 2>"$TMP/err" || fail "one room is still free beside a block with a pickup (counted twice?): $(cat "$TMP/err")"
OTTO=$(code)
expect_refused 1 "sold out" -- fd book --guest "Late, Lia" --type STD --arrive 2026-11-27 --depart 2026-11-28 --new-guest
# The block's second room is for the group.
fd book --guest "Groom, Gil" --type STD --arrive 2026-11-27 --depart 2026-11-28 --block Wedding >"$TMP/out" 2>"$TMP/err" || fail "second pickup: $(cat "$TMP/err")"
GIL=$(code)
expect_refused 1 "sold out on 2026-11-27" -- fd book --guest "Guest, Gus" --type STD --arrive 2026-11-27 --depart 2026-11-28 --block Wedding --new-guest
expect_refused 1 'No group block "Party"' -- fd book --guest "Guest, Gus" --type STD --arrive 2026-11-27 --depart 2026-11-28 --block Party --new-guest

# block show: pickup per night.
fd --json block show wedding >"$TMP/show" || fail "block show"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["company"], d["cutoff"], d["released"], [(n["date"], n["type"], n["held"], n["picked_up"]) for n in d["nights"]])' "$TMP/show")
[ "$got" = "Silva family 2026-11-26 None [('2026-11-27', 'STD', 2, 2), ('2026-11-28', 'STD', 2, 1)]" ] || fail "block show: $got"
fd block show Wedding >"$TMP/out" || fail "block show text"
grep -q "^2026-11-28  STD        2       1     1" "$TMP/out" || fail "block show text: $(cat "$TMP/out")"

# Cut-off: the audit of the 25th keeps the block; the audit of the 26th
# (its cut-off) releases the room nobody picked up on the 28th.
fd --as mia audit >/dev/null 2>"$TMP/err" || fail "audit 25: $(cat "$TMP/err")"
expect_refused 1 "sold out on 2026-11-28" -- fd book --guest "Late, Lia" --type STD --arrive 2026-11-28 --depart 2026-11-29 --new-guest
fd --as mia audit >"$TMP/out" 2>&1 || fail "audit 26: $(cat "$TMP/out")"
grep -q "Wedding reached its cut-off" "$TMP/out" || fail "the audit did not say it released the block: $(cat "$TMP/out")"
[ "$(q "SELECT released FROM group_blocks WHERE name = 'Wedding'")" != 0 ] || fail "block not released"
fd book --guest "Late, Lia" --type STD --arrive 2026-11-28 --depart 2026-11-29 --new-guest >/dev/null 2>"$TMP/err" || fail "the released room is on sale again: $(cat "$TMP/err")"
fd --json block show Wedding | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["released"] == "2026-11-26", d' || fail "block show released"
expect_refused 1 "was released" -- fd block add Wedding --type DLX --rooms 1 --from 2026-11-28 --to 2026-11-29

# Group master folio: the master booking takes the members' room charges.
fd block add Team --type DLX --rooms 1 --from 2026-11-27 --to 2026-11-29 --cutoff 2026-11-27 --master "$BEA" >/dev/null 2>"$TMP/err" || fail "block with master: $(cat "$TMP/err")"
fd book --guest "Coach, Cy" --room 201 --arrive 2026-11-27 --depart 2026-11-28 --block Team >"$TMP/out" 2>"$TMP/err" || fail "team pickup: $(cat "$TMP/err")"
CY=$(code)
fd hk 201 clean >/dev/null && fd checkin "$CY" >/dev/null 2>"$TMP/err" || fail "check in Cy: $(cat "$TMP/err")"
fd --as mia audit >/dev/null 2>"$TMP/err" || fail "audit 27: $(cat "$TMP/err")"
[ "$(q "SELECT b.code FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE l.code = 'ROOM' AND l.description LIKE '%room 201%'")" = "$BEA" ] || fail "the member's room charge is not on the master's folio"
[ "$(q "SELECT count(*) FROM group_blocks")" = 2 ] || fail "blocks"

# A rooming list from CSV: a broken line names itself and books nothing;
# a line the block and the hotel cannot take names itself too.
fd block add Choir --type STD --rooms 2 --from 2026-11-29 --to 2026-11-30 --cutoff 2026-11-28 >/dev/null 2>"$TMP/err" || fail "choir: $(cat "$TMP/err")"
printf 'Guest;Type;Arrival;Departure;Adults;Email\r\nAlto, Ana;STD;2026-11-29;2026-11-30;1;ana@example.org\r\n"Bass, Bo";STD;2026-11-29;2026-11-30;2;\r\nTenor, Tim;STD;2026-11-39;2026-11-30;1;\r\n' >"$TMP/bad.csv"
expect_refused 1 'bad.csv:4: arrival "2026-11-39" is not a date' -- fd block import Choir "$TMP/bad.csv"
printf 'guest,type,arrival,departure\nAlto\n' >"$TMP/short.csv"
expect_refused 1 "short.csv:2: type" -- fd block import Choir "$TMP/short.csv"
printf 'guest,arrival,departure\nAlto,2026-11-29,2026-11-30\n' >"$TMP/nohead.csv"
expect_refused 1 'no "type" column' -- fd block import Choir "$TMP/nohead.csv"
printf 'guest,type,arrival,departure\nA, A,STD,2026-11-29,2026-11-30\n"B, B",STD,2026-11-29,2026-11-30\n"C, C",STD,2026-11-29,2026-11-30\n"D, D",STD,2026-11-29,2026-11-30\n' >"$TMP/full.csv"
expect_refused 1 "full.csv:2" -- fd block import Choir "$TMP/full.csv"
printf 'guest,type,arrival,departure\n"A, A",STD,2026-11-29,2026-11-30\n"B, B",STD,2026-11-29,2026-11-30\n"C, C",STD,2026-11-29,2026-11-30\n"D, D",STD,2026-11-29,2026-11-30\n' >"$TMP/full.csv"
expect_refused 1 "full.csv:5: Room type STD is sold out on 2026-11-29" -- fd block import Choir "$TMP/full.csv"
head -3 "$TMP/bad.csv" >"$TMP/good.csv"
expect_refused 2 "--separator is" -- fd block import Choir "$TMP/good.csv" --separator x
fd block import Choir "$TMP/good.csv" --separator ';' >"$TMP/out" 2>"$TMP/err" || fail "rooming list: $(cat "$TMP/err")"
grep -q "2 rooms booked from block Choir" "$TMP/out" || fail "import said: $(cat "$TMP/out")"
got=$(q "SELECT g.family || '/' || g.given || '/' || b.adults || '/' || g.email FROM bookings b JOIN guests g ON g.id = b.guest_id JOIN group_blocks k ON k.id = b.block_id WHERE k.name = 'Choir' ORDER BY g.family" | tr '\n' ' ')
[ "$got" = "Alto/Ana/1/ana@example.org Bass/Bo/2/ " ] || fail "rooming list rows: $got"
fd --json block show Choir | python3 -c 'import json,sys; d=json.load(sys.stdin); assert [(n["held"], n["picked_up"]) for n in d["nights"]] == [(2, 2)], d' || fail "choir pickup"
finish
