#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rate plans, prices and restrictions reach every terminal through a real
# frontdeskd (issue 15): plans and prices set at the admin's terminal price
# a booking made at terminal A, the booking's nightly prices reach terminal
# B, a restriction set at the admin's terminal refuses a stay at B, and all
# converge (a fresh terminal gets them from the snapshot too).
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben

term admin plan add BAR --name "Best available" --cancel "free until 2 days before" >/dev/null || fail "plan BAR"
term admin plan add NR --name "Non-refundable" --parent BAR --adjust -10% >/dev/null || fail "plan NR"
term admin plan add BB --name "Bed and breakfast" --includes breakfast=12 >/dev/null || fail "plan BB"
term admin rates set BAR DBL --from 2026-12-01 --to 2026-12-10 100 >/dev/null || fail "season 1"
term admin rates set BAR DBL --from 2026-12-11 --to 2026-12-31 130 >/dev/null || fail "season 2"
term admin sync --once >/dev/null || fail "admin push"
term a sync --once >/dev/null || fail "A pull"
term a plan list | grep -q "NR .*BAR -10.00%" || fail "the plans did not reach A: $(term a plan list)"
code=$(term a book --guest "Silva, Ana" --type DBL --arrive 2026-12-09 --depart 2026-12-12 --plan NR) || fail "A books on NR"
term a sync --once >/dev/null || fail "A push"
term b sync --once >/dev/null || fail "B pull"
nights=$(term b --json show "$code" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["plan"], [n["rate_minor"] for n in d["nights"]])')
[ "$nights" = "NR [9000, 9000, 11700]" ] || fail "B sees the nightly prices: $nights"
ok "plans and prices set at one terminal price a booking at another; its prices reach a third"

term admin restrict BAR DBL --from 2026-12-20 --to 2026-12-20 --stop-sell >/dev/null || fail "stop-sell"
term admin sync --once >/dev/null || fail "admin push 2"
term b sync --once >/dev/null || fail "B pull 2"
term b book --guest "Jones, Bob" --type DBL --arrive 2026-12-19 --depart 2026-12-21 --plan BAR 2>"$WORK/err" && fail "B booked through a stop-sell"
grep -q "stop-sell on 2026-12-20" "$WORK/err" || fail "B's refusal: $(cat "$WORK/err")"
ok "a restriction set at one terminal refuses a stay at another"

term a sync --once >/dev/null || fail "A pull 3"
converged admin a || fail "admin and A differ"
converged a b || fail "A and B differ"
term_new c anna
term c sync --once >/dev/null || fail "C snapshot"
converged a c || fail "a fresh terminal differs: $(diff "$WORK/a.dump" "$WORK/c.dump" | head -5)"
ok "terminals converge, a new one from the snapshot"
