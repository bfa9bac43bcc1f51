#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# KPIs on a small hand-computed fixture, with and without counting
# out-of-order rooms as available; unknowable figures are null.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 4 || fail fixture
fd ooo 104 --from 2026-03-01 --to 2026-03-02 --reason "water leak" >/dev/null || fail ooo
fd book --guest A --type STD --arrive 2026-03-01 --depart 2026-03-03 --rate 100 >/dev/null || fail A
fd book --guest B --type STD --arrive 2026-03-01 --depart 2026-03-02 --rate 150 >/dev/null || fail B
C=$(fd book --guest C --type STD --arrive 2026-03-02 --depart 2026-03-03 --rate 80) || fail C
fd cancel "$C" >/dev/null || fail cancel
# 4 rooms x 2 nights = 8 room-nights, 1 out of order; sold 3 for 350.00.
R="report summary --from 2026-03-01 --to 2026-03-02"
got=$(fd --json $R | json '[d[k] for k in ("rooms_sold","room_revenue_minor","adr_minor","occupancy","revpar_minor","arrivals","departures","cancellations","no_shows")]')
[ "$got" = "[3, 35000, 11667, 0.428571, 5000, 2, 1, 1, 0]" ] || fail "summary without OOO: $got"
keys=$(fd --json $R | json 'sorted(d.keys())')
[ "$keys" = "['adr_minor', 'arrivals', 'cancellations', 'day_use_revenue_minor', 'day_uses', 'departures', 'no_shows', 'occupancy', 'revpar_minor', 'room_revenue_minor', 'rooms_sold']" ] || fail "summary fields: $keys"
fd settings --ooo-available yes >/dev/null || fail settings
got=$(fd --json $R | json '[d["occupancy"], d["revpar_minor"], d["adr_minor"]]')
[ "$got" = "[0.375, 4375, 11667]" ] || fail "summary with OOO available: $got"
# CSV export of the same report, and of the daily one.
fd $R --csv >"$TMP/s.csv" || fail csv
head -1 "$TMP/s.csv" | tr -d '\r' | grep -qx "rooms_sold,room_revenue_EUR,adr_EUR,occupancy,revpar_EUR,arrivals,departures,cancellations,no_shows,day_uses,day_use_revenue_EUR" || fail "csv header"
sed -n 2p "$TMP/s.csv" | tr -d '\r' | grep -qx "3,350.00,116.67,0.3750,43.75,2,1,1,0,0,0.00" || fail "csv row"
[ "$(fd report daily --from 2026-03-01 --to 2026-03-02 --csv | wc -l)" = 4 ] || fail "daily csv rows and totals"
# Nothing sold: ADR is null; a hotel without rooms: occupancy and RevPAR null.
[ "$(fd --json report summary --from 2026-04-01 --to 2026-04-01 | json 'd["adr_minor"], d["occupancy"]')" = "None 0" ] || fail "null ADR"
E="$TMP/empty"
"$FD" --data "$E" init --property Empty --currency EUR --timezone UTC --date 2026-03-01 >/dev/null || fail init
[ "$("$FD" --data "$E" --json report summary --from 2026-03-01 --to 2026-03-05 | json 'd["occupancy"], d["revpar_minor"], d["adr_minor"]')" = "None None None" ] || fail "null figures"
# Housekeeping productivity: tasks done per attendant (the open one not).
fd report hk-productivity --from 2026-03-01 --to 2026-03-01 --csv | tr -d '\r' >"$TMP/hk.csv"
[ "$(cat "$TMP/hk.csv")" = "attendant,tasks_done,cleans,inspections,turndowns,days
anna,2,2,0,0,1
hana,2,1,1,0,1" ] || fail "hk-productivity: $(cat "$TMP/hk.csv")"
expect_fail "report" fd report nonsense
expect_fail "before" fd report daily --from 2026-03-05 --to 2026-03-01
exit 0
