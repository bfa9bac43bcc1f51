#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Reports for people and spreadsheets (issue 12): the cashier's shift close
# shows payments, refunds, paid-outs and voids gross, per staff member and
# tender (a refund and its void do not net to nothing); CSV carries every
# row, money in major units with a decimal point, and the currency in the
# money columns' names.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
C=$(fd book --guest "Cash, Carl" --room 101 --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
fd hk 101 clean >/dev/null && fd checkin "$C" >/dev/null || fail "check in"
fd --as anna pay "$C" cash 50.00 >/dev/null || fail "pay"
R=$(fd --as anna --json refund "$C" cash 20.00 --reason "overcharged" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || fail "refund"
fd --as anna void "$R" --reason "refund keyed twice" >/dev/null || fail "void the refund"
fd --as mia paid-out "$C" 5.00 --reason "taxi" >/dev/null 2>"$TMP/err" || fail "paid out: $(cat "$TMP/err")"

fd report cashier --from 2026-11-25 --to 2026-11-25 --csv | tr -d '\r' >"$TMP/cash.csv"
[ "$(head -1 "$TMP/cash.csv")" = "staff,method,lines,payments_EUR,refunds_EUR,paid_outs_EUR,voids_EUR,net_EUR" ] || fail "cashier header: $(head -1 "$TMP/cash.csv")"
grep -qx "anna,cash,3,50.00,20.00,0.00,20.00,50.00" "$TMP/cash.csv" || fail "anna's shift, gross: $(cat "$TMP/cash.csv")"
grep -qx "mia,cash,1,0.00,0.00,5.00,0.00,-5.00" "$TMP/cash.csv" || fail "mia's paid-out: $(cat "$TMP/cash.csv")"
fd report cashier --from 2026-11-25 --to 2026-11-25 >"$TMP/cash.txt"
head -1 "$TMP/cash.txt" | grep -q "net_EUR" || fail "the text report's header names the currency"
grep -E "^anna +cash +3 +50.00 +20.00 +0.00 +20.00 +50.00" "$TMP/cash.txt" >/dev/null || fail "text cashier: $(cat "$TMP/cash.txt")"

# The summary and the daily report in CSV: major units, every row.
fd --as mia audit >/dev/null 2>&1 # may refuse nothing: no one is due out
fd report daily --from 2026-11-25 --to 2026-11-27 --csv | tr -d '\r' >"$TMP/d.csv"
[ "$(wc -l <"$TMP/d.csv")" = 5 ] || fail "daily CSV: a header, three rows and the totals: $(cat "$TMP/d.csv")"
head -1 "$TMP/d.csv" | grep -q ",room_revenue_EUR,adr_EUR,revpar_EUR," || fail "daily header: $(head -1 "$TMP/d.csv")"
grep -q "^2026-11-25,4,1,0.2500,100.00,100.00,25.00," "$TMP/d.csv" || fail "daily row in major units: $(cat "$TMP/d.csv")"
fd report summary --from 2026-11-25 --to 2026-11-25 --csv | tr -d '\r' >"$TMP/s.csv"
grep -q "^1,100.00,100.00,0.2500,25.00," "$TMP/s.csv" || fail "summary CSV in major units: $(cat "$TMP/s.csv")"
# JSON keeps minor units under the _minor names.
[ "$(fd --json report summary --from 2026-11-25 --to 2026-11-25 | python3 -c 'import json,sys; print(json.load(sys.stdin)["room_revenue_minor"])')" = 10000 ] || fail "JSON in minor units"
finish
