#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A guest's stay statistics on their profile ('guest show', text and
# --json; the terminal's guest pane reads the same query) come from the
# nightly prices of their bookings: a stay across two seasons at each
# night's price, breakfast left out of room revenue as in the KPI reports,
# a booking without a plan at its rate, cancelled ones not counted.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
fd --as mia plan add BB --name "Bed and breakfast" --includes breakfast=15 --types STD >/dev/null 2>"$TMP/err" || fail "plan: $(cat "$TMP/err")"
fd --as mia rates set BB STD --from 2026-12-01 --to 2026-12-01 100 >/dev/null || fail "low season"
fd --as mia rates set BB STD --from 2026-12-02 --to 2026-12-31 130 >/dev/null || fail "high season"
# two adults: 30.00 breakfast a night, so 70.00 + 100.00 of room revenue
fd --as anna book --guest "Kim, Jo" --new-guest --type STD --arrive 2026-12-01 --depart 2026-12-03 --adults 2 --plan BB >"$TMP/out" 2>"$TMP/err" || fail "book BB: $(cat "$TMP/err")"
gid=$(sqlite3 "$DATA/frontdesk.db" "SELECT id FROM guests WHERE family = 'Kim'")
fd --as anna book --guest "$gid" --type STD --arrive 2026-12-10 --depart 2026-12-12 --rate 110.00 >/dev/null 2>"$TMP/err" || fail "book plain: $(cat "$TMP/err")"
C=$(fd --as anna book --guest "$gid" --type STD --arrive 2026-12-20 --depart 2026-12-23 --rate 110.00 2>"$TMP/err") || fail "book C: $(cat "$TMP/err")"
fd --as anna cancel "$C" >/dev/null 2>"$TMP/err" || fail "cancel C: $(cat "$TMP/err")"

fd --json guest show "$gid" >"$TMP/g.json" || fail "guest show --json"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["bookings"]), d["stays"], d["nights"], d["room_revenue"])' "$TMP/g.json")
# 170.00 from the plan's nights (not 2 x 100.00 + breakfast), 220.00 at the rate
[ "$got" = "3 2 4 39000" ] || fail "bookings, stays, nights, revenue: $got"
fd guest show "$gid" >"$TMP/out" || fail "guest show"
grep -q "3 bookings, 4 nights, room revenue 390.00 EUR" "$TMP/out" || fail "the profile's totals: $(cat "$TMP/out")"
finish
