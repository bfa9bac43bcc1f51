#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rate plans, prices per night and restrictions (issue 15): a stay across
# two seasons priced per night; a derived plan's rounding; each restriction
# refusing with the nearest allowed stay, and a manager's override; prices
# by occupancy with children; the night audit posting a night's price with
# its inclusion on a line of its own; room revenue without breakfast.
# Refusals exit 1, say why and change nothing.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
q() { sqlite3 "$DATA/frontdesk.db" "$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- plans ---
expect_refused 1 "may not perform rate_plan.create" -- fd --as anna plan add BAR --name "Best available"
fd --as mia plan add BAR --name "Best available" --cancel "free until 2 days before" --deposit "none" >/dev/null || fail "plan add"
fd --as mia plan add NR --name "Non-refundable" --parent BAR --adjust -10% --cancel "non-refundable" >/dev/null || fail "derived plan"
expect_refused 1 "exists already" -- fd --as mia plan add BAR --name "Again"
expect_refused 1 "No rate plan \"XX\"" -- fd --as mia plan add D2 --name "Derived" --parent XX --adjust -5%
expect_refused 1 "follows BAR itself" -- fd --as mia plan add D3 --name "Twice derived" --parent NR --adjust -5%
expect_refused 1 "No room type \"SUITE\"" -- fd --as mia plan add SU --name "Suites" --types SUITE
expect_refused 1 "no charge code SPA" -- fd --as mia plan add SPA --name "Spa" --includes spa=10
expect_refused 2 "needs --parent" -- fd --as mia plan add D4 --name "No parent" --adjust -5%
[ "$(fd --json plan list | json '[(p["code"], p.get("parent"), p.get("adjust_bp"), p["cancel_policy"]) for p in d["plans"]]')" = \
  "[('BAR', None, None, 'free until 2 days before'), ('NR', 'BAR', -1000, 'non-refundable')]" ] || fail "plan list: $(fd --json plan list)"
fd plan list | grep -q "NR .*BAR -10.00%" || fail "plan list shows the derivation"
fd --as mia plan update NR --cancel "free until 7 days then 50%" >/dev/null || fail "plan update"
[ "$(q "SELECT cancel_policy FROM rate_plans WHERE code = 'NR'")" = "free until 7 days then 50%" ] || fail "policy changed"
expect_refused 1 "No rate plan \"XX\"" -- fd --as mia plan update XX --name "Nothing"

# --- two seasons, priced per night ---
fd --as mia rates set BAR STD --from 2026-12-01 --to 2026-12-10 100 >/dev/null || fail "season 1"
fd --as mia rates set BAR STD --from 2026-12-11 --to 2026-12-31 130 >/dev/null || fail "season 2"
expect_refused 1 "follows BAR's prices" -- fd --as mia rates set NR STD --from 2026-12-01 --to 2026-12-02 90
expect_refused 1 "may not perform rate.set" -- fd --as anna rates set BAR STD --from 2026-12-01 --to 2026-12-02 90
expect_refused 1 "no price yet" -- fd --as mia rates set BAR DLX --from 2026-12-01 --to 2026-12-02 +20
expect_refused 2 "--to" -- fd --as mia rates set BAR STD --from 2026-12-01 --to 2026-13-01 90
C=$(fd --as anna book --guest "Two, Seasons" --type STD --arrive 2026-12-09 --depart 2026-12-12 --plan BAR) || fail "book on BAR"
[ "$(fd --json show "$C" | json '[(n["date"], n["rate_minor"]) for n in d["nights"]], d["plan"]')" = \
  "[('2026-12-09', 10000), ('2026-12-10', 10000), ('2026-12-11', 13000)] BAR" ] || fail "nightly prices: $(fd --json show "$C")"
fd show "$C" | grep -q "2026-12-11  130.00 EUR" || fail "show lists the nights"
# weekend supplement on top of the season
fd --as mia rates set BAR STD --from 2026-12-01 --to 2026-12-31 +20 --days fri,sat >/dev/null || fail "fri-sat +20"
[ "$(fd --json rates show BAR --from 2026-12-10 --to 2026-12-12 --type STD | json '[x["rate_minor"] for x in d["days"]]')" = "[10000, 15000, 15000]" ] || fail "weekend"
# the booking keeps its prices; a longer stay prices only the new night and says so
[ "$(fd --json show "$C" | json '[n["rate_minor"] for n in d["nights"]]')" = "[10000, 10000, 13000]" ] || fail "sold prices kept"
fd --as anna modify "$C" --depart 2026-12-13 >/dev/null 2>"$TMP/warn" || fail "longer stay"
grep -q "re-priced.*nights added 1" "$TMP/warn" || fail "re-pricing said: $(cat "$TMP/warn")"
[ "$(fd --json show "$C" | json '[n["rate_minor"] for n in d["nights"]]')" = "[10000, 10000, 13000, 15000]" ] || fail "new night priced"
expect_refused 1 "give a rate or a plan" -- fd --as anna book --guest "Both, Given" --type STD --arrive 2026-12-09 --depart 2026-12-10 --plan BAR --rate 90
expect_refused 1 "no price for the night of 2027-01-01" -- fd --as anna book --guest "No, Price" --type STD --arrive 2026-12-31 --depart 2027-01-02 --plan BAR
fd --as mia plan update BAR --stop >/dev/null || fail "stop selling BAR"
expect_refused 1 "no longer sold" -- fd --as anna book --guest "Stopped, Sale" --type STD --arrive 2026-12-09 --depart 2026-12-10 --plan BAR
fd --as mia plan update BAR --sell >/dev/null || fail "sell BAR again"
expect_refused 1 "No rate plan \"ZZ\"" -- fd --as anna book --guest "No, Plan" --type STD --arrive 2026-12-09 --depart 2026-12-10 --plan ZZ
# a booking without a plan keeps the room type's base rate
P=$(fd --as anna book --guest "No, Plan" --type STD --arrive 2026-12-09 --depart 2026-12-10) || fail "book without a plan"
[ "$(fd --json show "$P" | json 'd["plan"], [n["rate_minor"] for n in d["nights"]]')" = "None [10000]" ] || fail "base rate"

# --- a derived plan's rounding: half away from zero to the cent ---
fd --as mia rates set BAR DLX --from 2027-01-04 --to 2027-01-04 123.45 >/dev/null || fail "123.45"
fd --as mia rates set BAR DLX --from 2027-01-05 --to 2027-01-05 99.99 >/dev/null || fail "99.99"
fd --as mia rates set BAR DLX --from 2027-01-06 --to 2027-01-06 0.05 >/dev/null || fail "0.05"
[ "$(fd --json rates show NR --from 2027-01-04 --to 2027-01-06 --type DLX | json '[x["rate_minor"] for x in d["days"]]')" = "[11111, 8999, 5]" ] || fail "derived rounding: $(fd --json rates show NR --from 2027-01-04 --to 2027-01-06 --type DLX)"

# --- restrictions: each refuses and names the nearest allowed stay ---
fd --as mia plan add RST --name "Restricted" --types DLX >/dev/null || fail "plan RST"
fd --as mia rates set RST DLX --from 2027-01-01 --to 2027-03-31 200 >/dev/null || fail "RST prices"
expect_refused 1 "does not sell room type STD" -- fd --as mia rates set RST STD --from 2027-01-01 --to 2027-01-02 90
fd --as mia restrict RST DLX --from 2027-01-10 --to 2027-01-10 --min-stay 3 >/dev/null || fail "min stay"
fd --as mia restrict RST DLX --from 2027-01-20 --to 2027-01-20 --max-stay 2 >/dev/null || fail "max stay"
fd --as mia restrict RST DLX --from 2027-02-01 --to 2027-02-01 --min-stay-through 3 >/dev/null || fail "min through"
fd --as mia restrict RST DLX --from 2027-02-10 --to 2027-02-10 --cta >/dev/null || fail "cta"
fd --as mia restrict RST DLX --from 2027-02-15 --to 2027-02-15 --ctd >/dev/null || fail "ctd"
fd --as mia restrict RST DLX --from 2027-02-20 --to 2027-02-20 --stop-sell >/dev/null || fail "stop-sell"
expect_refused 1 "may not perform rate.restrict" -- fd --as anna restrict RST DLX --from 2027-02-20 --to 2027-02-20 --stop-sell
book_rst() {
	a=$1 d=$2
	shift 2
	fd --as anna book --guest "Rest, Ricted" --type DLX --arrive "$a" --depart "$d" --plan RST --new-guest "$@"
}
expect_refused 1 "minimum stay of 3 nights.*nearest allowed stay is 2027-01-09 to 2027-01-12" -- book_rst 2027-01-10 2027-01-12
expect_refused 1 "maximum stay of 2 nights.*nearest allowed stay is 2027-01-19 to 2027-01-24" -- book_rst 2027-01-20 2027-01-24
expect_refused 1 "minimum stay through 2027-02-01 of 3 nights.*nearest allowed stay is 2027-01-30 to 2027-02-02" -- book_rst 2027-01-31 2027-02-02
expect_refused 1 "closed to arrival on 2027-02-10.*nearest allowed stay is 2027-02-09 to 2027-02-12" -- book_rst 2027-02-10 2027-02-12
expect_refused 1 "closed to departure on 2027-02-15.*nearest allowed stay is 2027-02-13 to 2027-02-14" -- book_rst 2027-02-13 2027-02-15
expect_refused 1 "stop-sell on 2027-02-20.*nearest allowed stay is 2027-02-19 to 2027-02-20" -- book_rst 2027-02-19 2027-02-21
# the derived plan obeys its parent's restrictions
fd --as mia restrict BAR DLX --from 2027-01-05 --to 2027-01-05 --cta >/dev/null || fail "BAR cta"
expect_refused 1 "closed to arrival on 2027-01-05" -- fd --as anna book --guest "Rest, Ricted" --type DLX --arrive 2027-01-05 --depart 2027-01-06 --plan NR
# a manager overrides with a reason, kept in the audit log; staff cannot
expect_refused 1 "Only a manager can override" -- book_rst 2027-02-19 2027-02-21 --override-reason "long-standing guest"
O=$(fd --as mia book --guest "Rest, Ricted" --type DLX --arrive 2027-02-19 --depart 2027-02-21 --plan RST --override-reason "long-standing guest" 2>"$TMP/warn") || fail "manager's override"
grep -q "stop-sell restriction of rate plan RST was overridden" "$TMP/warn" || fail "override said: $(cat "$TMP/warn")"
[ "$(q "SELECT count(*) FROM audit_log WHERE type = 'booking.create' AND outcome = 'applied' AND payload LIKE '%long-standing guest%'")" = 1 ] || fail "override reason audited"
# a shorter stay that now breaks the minimum stay is refused too
M=$(fd --as anna book --guest "Min, Ok" --type DLX --arrive 2027-01-10 --depart 2027-01-13 --plan RST) || fail "min stay met"
expect_refused 1 "minimum stay of 3 nights" -- fd --as anna modify "$M" --depart 2027-01-12
fd --as mia restrict RST DLX --from 2027-01-10 --to 2027-01-10 --clear >/dev/null || fail "clear"
fd --as anna modify "$M" --depart 2027-01-12 >/dev/null 2>&1 || fail "after --clear"

# --- occupancy: 1, 2, 3 adults and children ---
fd --as mia plan add FAM --name "Family" --types DLX >/dev/null || fail "plan FAM"
fd --as mia rates set FAM DLX --from 2027-03-01 --to 2027-03-10 100 >/dev/null || fail "FAM any"
fd --as mia rates set FAM DLX --from 2027-03-01 --to 2027-03-10 140 --adults 2 >/dev/null || fail "FAM 2"
fd --as mia rates set FAM DLX --from 2027-03-01 --to 2027-03-10 170 --adults 3 >/dev/null || fail "FAM 3"
fd --as mia rates set FAM DLX --from 2027-03-01 --to 2027-03-10 --child 25 >/dev/null || fail "FAM child"
quote() { fd --json rates quote FAM DLX --arrive 2027-03-01 --depart 2027-03-03 "$@" | json 'd["total_minor"]'; }
[ "$(quote --adults 1)" = 20000 ] || fail "1 adult: $(quote --adults 1)"
[ "$(quote --adults 2)" = 28000 ] || fail "2 adults"
[ "$(quote --adults 3)" = 34000 ] || fail "3 adults"
[ "$(quote --adults 2 --children 1)" = 33000 ] || fail "2 adults and a child: $(quote --adults 2 --children 1)"
F=$(fd --as anna book --guest "Fam, Ily" --type DLX --arrive 2027-03-01 --depart 2027-03-03 --adults 1 --children 2 --plan FAM) || fail "family booking"
[ "$(fd --json show "$F" | json '[n["rate_minor"] for n in d["nights"]]')" = "[15000, 15000]" ] || fail "1 adult, 2 children"
fd --as anna modify "$F" --adults 2 --children 1 >/dev/null 2>"$TMP/warn" || fail "another party"
grep -q "priced again 2" "$TMP/warn" || fail "the party change re-prices every night: $(cat "$TMP/warn")"
[ "$(fd --json show "$F" | json '[n["rate_minor"] for n in d["nights"]]')" = "[16500, 16500]" ] || fail "2 adults, 1 child"

# --- the night audit: the night's price, breakfast on its own line; KPIs without it ---
fd --as mia plan add BB --name "Bed and breakfast" --includes breakfast=15 --types STD >/dev/null || fail "plan BB"
[ "$(q "SELECT count(*) FROM audit_log WHERE type = 'charge_code.set' AND outcome = 'applied' AND payload LIKE '%BREAKFAST%'")" = 1 ] ||
	fail "breakfast's charge code made by an operation"
fd --as mia rates set BB STD --from 2026-11-25 --to 2026-11-30 120 >/dev/null || fail "BB prices"
B=$(fd --as anna book --guest "Bed, Breakfast" --type STD --arrive 2026-11-25 --depart 2026-11-27 --adults 2 --plan BB) || fail "BB booking"
fd hk 101 clean >/dev/null || fail "clean"
fd --as anna checkin "$B" --room 101 >/dev/null || fail "check in"
fd --as mia audit >/dev/null || fail "audit"
[ "$(fd --json folio "$B" | json 'sorted((l["code"], l["amount_minor"]) for l in d["folios"][0]["lines"])')" = "[('BREAKFAST', 3000), ('ROOM', 9000)]" ] || fail "audit lines: $(fd --json folio "$B")"
[ "$(fd --json report summary --from 2026-11-25 --to 2026-11-25 | json 'd["room_revenue_minor"], d["adr_minor"]')" = "9000 9000" ] || fail "KPI without breakfast: $(fd --json report summary --from 2026-11-25 --to 2026-11-25)"
# in house, one guest fewer: the night posted keeps its price, the next is priced again
fd --as mia rates set BB STD --from 2026-11-25 --to 2026-11-30 100 --adults 1 >/dev/null || fail "BB one adult"
fd --as anna modify "$B" --adults 1 >/dev/null 2>&1 || fail "one adult fewer"
[ "$(fd --json show "$B" | json '[(n["rate_minor"], n["included_minor"]) for n in d["nights"]]')" = "[(12000, 3000), (10000, 1500)]" ] || fail "posted night kept: $(fd --json show "$B" | json 'd["nights"]')"
finish
