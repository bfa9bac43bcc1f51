#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A booking keeps the company account it is booked for (bookings.company_id,
# core step 36): book --company stores it, show names it (--json: "company",
# null without one), modify --company sets it and --no-company clears it; a
# booking on a corporate rate plan keeps that plan's company (clearing it or
# naming another is refused, nothing changes); a booking picked up from a
# company's block is that company's; settle defaults to the booking's company.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
fd --as mia company add "Acme Ltd" --direct-bill --credit-limit 5000 >/dev/null 2>"$TMP/err" || fail "company: $(cat "$TMP/err")"
fd --as mia company add "Globex" >/dev/null 2>"$TMP/err" || fail "company: $(cat "$TMP/err")"
fd --as mia plan add CORP --name "Acme corporate" --kind corporate --company "Acme Ltd" >/dev/null 2>"$TMP/err" || fail "plan: $(cat "$TMP/err")"
fd --as mia rates set CORP STD --from 2026-11-25 --to 2026-12-31 75.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"

company_of() { fd --json show "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["company"])'; }
code_of() { sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' "$1" | head -1; }

# a booking without a plan, for Globex (any case): stored, shown, in JSON
fd --as anna book --guest "Lee, Ann" --type STD --arrive 2026-12-01 --depart 2026-12-03 --company globex >"$TMP/out" 2>"$TMP/err" || fail "book: $(cat "$TMP/err")"
plain=$(code_of "$TMP/out")
gid=$(sqlite3 "$DATA/frontdesk.db" "SELECT id FROM guests WHERE family = 'Lee'")
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT c.name FROM bookings b JOIN companies c ON c.id = b.company_id WHERE b.code = '$plain'")" = "Globex" ] ||
	fail "the booking row does not name its company account"
fd show "$plain" >"$TMP/show" 2>&1 || fail "show: $(cat "$TMP/show")"
grep -q "^Company   Globex$" "$TMP/show" || fail "show does not name the company: $(cat "$TMP/show")"
[ "$(company_of "$plain")" = "Globex" ] || fail "--json show: $(company_of "$plain")"
# the booking's own JSON (the server's /v1/bookings shape) carries the account's id
cid=$(sqlite3 "$DATA/frontdesk.db" "SELECT id FROM companies WHERE name = 'Globex'")
got=$(fd --json show "$plain" | python3 -c 'import json,sys; print(json.load(sys.stdin)["booking"]["company_id"])')
[ "$got" = "$cid" ] || fail "--json show: booking.company_id is $got, not $cid"

# without a company: null, and show says nothing of one
fd --as anna book --guest "Kim, Bo" --type STD --arrive 2026-12-05 --depart 2026-12-06 >"$TMP/out" 2>"$TMP/err" || fail "book: $(cat "$TMP/err")"
none=$(code_of "$TMP/out")
[ "$(company_of "$none")" = "None" ] || fail "--json show of a booking without company: $(company_of "$none")"
got=$(fd --json show "$none" | python3 -c 'import json,sys; print(json.load(sys.stdin)["booking"]["company_id"])')
[ "$got" = "None" ] || fail "--json show: booking.company_id of a booking without company is $got"
fd show "$none" | grep -q "^Company" && fail "show names a company for a booking without one"

# modify sets and clears it (a booking without a corporate plan)
fd --as anna modify "$none" --company "Acme Ltd" >/dev/null 2>"$TMP/err" || fail "modify --company: $(cat "$TMP/err")"
[ "$(company_of "$none")" = "Acme Ltd" ] || fail "modify --company: $(company_of "$none")"
fd --as anna modify "$none" --no-company >/dev/null 2>"$TMP/err" || fail "modify --no-company: $(cat "$TMP/err")"
[ "$(company_of "$none")" = "None" ] || fail "modify --no-company: $(company_of "$none")"
# another change keeps the company
fd --as anna modify "$plain" --notes "late flight" >/dev/null 2>"$TMP/err" || fail "modify --notes: $(cat "$TMP/err")"
[ "$(company_of "$plain")" = "Globex" ] || fail "modify --notes lost the company: $(company_of "$plain")"
expect_refused 1 'No company account "Initech"' -- fd --as anna modify "$plain" --company Initech
expect_refused 2 "not both" -- fd --as anna modify "$plain" --company Globex --no-company

# a corporate plan: the company stays the plan's
fd --as anna book --guest "$gid" --type STD --arrive 2026-12-10 --depart 2026-12-12 --plan CORP --company "Acme Ltd" >"$TMP/out" 2>"$TMP/err" || fail "book CORP: $(cat "$TMP/err")"
corp=$(code_of "$TMP/out")
[ "$(company_of "$corp")" = "Acme Ltd" ] || fail "corporate booking: $(company_of "$corp")"
fd dump >"$TMP/dump.before" 2>&1 || fail "dump"
expect_refused 1 "Booking $corp is priced by rate plan CORP, the corporate rate of Acme Ltd: it stays booked for Acme Ltd" -- \
	fd --as anna modify "$corp" --no-company
fd dump >"$TMP/dump.after" 2>&1 || fail "dump"
cmp -s "$TMP/dump.before" "$TMP/dump.after" || fail "frontdesk dump changed after a refused clear"
expect_refused 1 "Rate plan CORP is the corporate rate of Acme Ltd, not of Globex" -- \
	fd --as anna modify "$corp" --company Globex
# the same refusal through the operation itself (as the server judges it)
expect_refused 1 "it stays booked for Acme Ltd" -- fd op booking.modify "{\"booking\":\"$corp\",\"company\":\"\"}"
fd dump >"$TMP/dump.after" 2>&1 || fail "dump"
cmp -s "$TMP/dump.before" "$TMP/dump.after" || fail "frontdesk dump changed after refusals"
[ "$(company_of "$corp")" = "Acme Ltd" ] || fail "after the refusals: $(company_of "$corp")"

# a company's block books for that account; a group's block for none
fd --as mia block add "Acme meeting" --company "Acme Ltd" --type STD --rooms 1 --from 2026-12-20 --to 2026-12-21 --cutoff 2026-12-15 >/dev/null 2>"$TMP/err" || fail "block: $(cat "$TMP/err")"
fd --as mia block add "Wedding" --company "Smiths" --type STD --rooms 1 --from 2026-12-20 --to 2026-12-21 --cutoff 2026-12-15 >/dev/null 2>"$TMP/err" || fail "block: $(cat "$TMP/err")"
fd --as anna book --guest "$gid" --type STD --arrive 2026-12-20 --depart 2026-12-21 --block "Acme meeting" >"$TMP/out" 2>"$TMP/err" || fail "book from block: $(cat "$TMP/err")"
[ "$(company_of "$(code_of "$TMP/out")")" = "Acme Ltd" ] || fail "a booking of Acme's block"
fd --as anna book --guest "$gid" --type STD --arrive 2026-12-20 --depart 2026-12-21 --block Wedding >"$TMP/out" 2>"$TMP/err" || fail "book from block: $(cat "$TMP/err")"
[ "$(company_of "$(code_of "$TMP/out")")" = "None" ] || fail "a booking of a group's block"

# settle without --company: to the booking's company account
fd --as anna post "$corp" MINIBAR 12.00 >/dev/null 2>"$TMP/err" || fail "post: $(cat "$TMP/err")"
fd --as mia settle "$corp" >"$TMP/out" 2>"$TMP/err" || fail "settle to the booking's company: $(cat "$TMP/err")"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT count(*) FROM folios f JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$corp' AND f.company = 'Acme Ltd'")" = 1 ] ||
	fail "settle did not bill Acme Ltd"
expect_refused 2 "--company" -- fd --as mia settle "$none"
finish
