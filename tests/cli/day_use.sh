#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Day-use stays (issue 12): booked, refused where the room is taken for the
# day, checked in (the rate posted once), cancelled, marked no-show, and
# counted in the reports without selling a room-night.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code() { sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' "$TMP/out" | head -1; }
q() { sqlite3 "$DATA/frontdesk.db" "$1"; }

# A guest staying over 2026-11-28 in 101; a day-use that day cannot have 101.
fd book --guest "Over, Olga" --room 101 --arrive 2026-11-27 --depart 2026-11-29 >"$TMP/out" || fail "stay over"
expect_refused 1 "taken by booking" -- fd book --guest "Day, Dora" --room 101 --arrive 2026-11-28 --depart 2026-11-28
expect_refused 1 "on or after the arrival" -- fd book --guest "Day, Dora" --type STD --arrive 2026-11-28 --depart 2026-11-27
# 102: a guest leaves that morning, so the day-use fits; a second one does not.
fd book --guest "Leaves, Lea" --room 102 --arrive 2026-11-26 --depart 2026-11-28 >/dev/null || fail "leaving"
fd book --guest "Day, Dora" --room 102 --arrive 2026-11-28 --depart 2026-11-28 >"$TMP/out" || fail "day-use after a departure: $(cat "$TMP/err" 2>/dev/null)"
DU=$(code)
[ "$(q "SELECT count(*) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id WHERE b.code = '$DU'")" = 0 ] || fail "a day-use holds a night"
expect_refused 1 "taken by booking $DU" -- fd book --guest "Day, Dan" --room 102 --arrive 2026-11-28 --depart 2026-11-28
# The night of the 28th is still for sale in 102 (the day-use is gone by then).
fd book --guest "Night, Nina" --room 102 --arrive 2026-11-28 --depart 2026-11-29 >/dev/null || fail "night after a day-use"
fd cancel "$DU" >/dev/null || fail "cancel a day-use"

# Today: a day-use checked in posts its rate once; it leaves paid.
fd book --guest "Today, Tom" --room 103 --arrive 2026-11-25 --depart 2026-11-25 >"$TMP/out" || fail "today"
T=$(code)
fd hk 103 clean >/dev/null || fail "clean"
fd checkin "$T" >/dev/null || fail "check in a day-use"
[ "$(fd --json folio "$T" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(l["amount_minor"] for f in d["folios"] for l in f["lines"] if l["code"]=="ROOM"))')" = 10000 ] || fail "day-use rate posted at check-in"
expect_refused 1 "still in house" -- fd --as mia audit
fd pay "$T" cash 100.00 >/dev/null || fail "pay"
fd checkout "$T" >/dev/null || fail "check out a day-use"
# A no-show day-use.
fd book --guest "Absent, Abe" --type STD --arrive 2026-11-25 --depart 2026-11-25 >"$TMP/out" || fail "absent"
fd noshow "$(code)" >/dev/null || fail "no-show a day-use"
fd --as mia audit >/dev/null 2>"$TMP/err" || fail "audit: $(cat "$TMP/err")"
[ "$(q "SELECT count(*) FROM folio_lines WHERE code = 'ROOM'")" = 1 ] || fail "the audit posted the day-use again"

# Reports: the day-use is an arrival with revenue of its own, not a room-night.
fd --json report summary --from 2026-11-25 --to 2026-11-25 >"$TMP/s" || fail "summary"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["rooms_sold"], d["arrivals"], d["no_shows"], d["day_uses"], d["day_use_revenue_minor"])' "$TMP/s")
[ "$got" = "0 1 1 1 10000" ] || fail "summary: sold arrivals no-shows day-uses revenue = $got"
fd --json report summary --from 2026-11-28 --to 2026-11-28 >"$TMP/s" || fail "summary 28"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["rooms_sold"], d["arrivals"], d["cancellations"], d["day_uses"])' "$TMP/s")
[ "$got" = "2 1 1 0" ] || fail "summary of the 28th: sold arrivals cancellations day-uses = $got"

# The board shows a day-use on its day, whether the range starts that day
# or before it (it holds no night, so only its arrival finds it).
fd book --guest "Board, Bea" --room 103 --arrive 2026-12-05 --depart 2026-12-05 >"$TMP/out" || fail "board day-use"
B=$(code)
on_board() { fd --json board --from "$1" --days "$2" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for r in d["rooms"] for s in r["stays"] if s["code"]==sys.argv[1]))' "$B"; }
[ "$(on_board 2026-12-05 1)" = 1 ] || fail "the board from the day-use's day does not show it"
[ "$(on_board 2026-12-04 3)" = 1 ] || fail "the board from the day before does not show it once"
[ "$(on_board 2026-12-06 2)" = 0 ] || fail "the board after the day-use shows it"
finish
