#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The company account a booking is made for reaches every terminal through
# a real frontdeskd (issue 15, core step 36): a booking made at terminal A
# for a company on its corporate rate plan shows that company at terminal B;
# a company set at B and cleared at A reaches the other; clearing the
# company of the corporate booking is refused; a fresh terminal gets it from the
# snapshot, and all converge.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben

company_of() { term "$1" --json show "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["company"])'; }

term admin company add "Acme Ltd" >/dev/null || fail "company"
term admin company add "Globex" >/dev/null || fail "company"
term admin plan add CORP --name "Acme corporate" --kind corporate --company "Acme Ltd" >/dev/null || fail "plan CORP"
term admin rates set CORP DBL --from 2026-12-01 --to 2026-12-31 80 >/dev/null || fail "rates"
term admin sync --once >/dev/null || fail "admin push"
term a sync --once >/dev/null || fail "A pull"
corp=$(term a book --guest "Silva, Ana" --type DBL --arrive 2026-12-09 --depart 2026-12-11 --plan CORP --company "acme ltd") || fail "A books on CORP"
plain=$(term a book --guest "Jones, Bob" --type TWN --arrive 2026-12-09 --depart 2026-12-10) || fail "A books"
term a sync --once >/dev/null || fail "A push"
term b sync --once >/dev/null || fail "B pull"
[ "$(company_of b "$corp")" = "Acme Ltd" ] || fail "B sees the company: $(company_of b "$corp")"
term b show "$corp" | grep -q "^Company   Acme Ltd$" || fail "B's show: $(term b show "$corp")"
[ "$(company_of b "$plain")" = "None" ] || fail "B: a booking without company: $(company_of b "$plain")"
ok "a booking's company made at one terminal is seen at another"

term b modify "$plain" --company Globex >/dev/null || fail "B sets the company"
term b sync --once >/dev/null || fail "B push"
term a sync --once >/dev/null || fail "A pull 2"
[ "$(company_of a "$plain")" = "Globex" ] || fail "A sees the company set at B: $(company_of a "$plain")"
term a modify "$plain" --no-company >/dev/null || fail "A clears the company"
term a sync --once >/dev/null || fail "A push 2"
term b sync --once >/dev/null || fail "B pull 2"
[ "$(company_of b "$plain")" = "None" ] || fail "B sees the company cleared at A: $(company_of b "$plain")"
ok "a company set and cleared at one terminal reaches the other"

# Clearing the corporate booking's company is refused (core, as the server
# judges it); the server's row keeps the company.
bid=$(sqlite3 "$SRV/frontdeskd.db" "SELECT id FROM bookings WHERE code = '$corp'")
term b modify "$corp" --no-company 2>"$WORK/err" && fail "B cleared the corporate booking's company"
grep -q "it stays booked for Acme Ltd" "$WORK/err" || fail "B's refusal: $(cat "$WORK/err")"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT c.name FROM bookings b JOIN companies c ON c.id = b.company_id WHERE b.id = '$bid'")" = "Acme Ltd" ] ||
	fail "the server's booking row does not keep its company"
term b sync --once >/dev/null || fail "B push 3"
ok "clearing a corporate booking's company is refused"

term a sync --once >/dev/null || fail "A pull 3"
term b sync --once >/dev/null || fail "B pull 3"
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
term_new c anna
term c sync --once >/dev/null || fail "C snapshot"
[ "$(company_of c "$corp")" = "Acme Ltd" ] || fail "C (snapshot) sees the company: $(company_of c "$corp")"
converged a c || fail "a fresh terminal differs: $(diff "$WORK/a.dump" "$WORK/c.dump" | head -5)"
ok "terminals converge, a new one from the snapshot"
