#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A corporate rate plan sells only to its company's bookings (core,
# fd_plan_check_company): booked without a company account, or for another
# company, it is refused with whose rate it is and nothing changes; booked
# for the company (any case), or picked up from a block of that company,
# it is priced by the plan; a public plan ignores the company.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
fd --as mia company add "Acme Ltd" >/dev/null 2>"$TMP/err" || fail "company: $(cat "$TMP/err")"
fd --as mia company add "Globex" >/dev/null 2>"$TMP/err" || fail "company: $(cat "$TMP/err")"
fd --as mia plan add CORP --name "Acme corporate" --kind corporate --company "Acme Ltd" >/dev/null 2>"$TMP/err" || fail "plan: $(cat "$TMP/err")"
fd --as mia plan add BAR --name "Best available" >/dev/null 2>"$TMP/err" || fail "plan: $(cat "$TMP/err")"
fd --as mia rates set CORP STD --from 2026-11-25 --to 2026-12-31 75.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"
fd --as mia rates set BAR STD --from 2026-11-25 --to 2026-12-31 100.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"
fd book --guest "Lee, Ann" --type DLX --arrive 2026-12-20 --depart 2026-12-21 --new-guest >/dev/null 2>"$TMP/err" || fail "guest: $(cat "$TMP/err")"

gid=$(sqlite3 "$DATA/frontdesk.db" "SELECT id FROM guests WHERE family = 'Lee'")
expect_refused 1 "Rate plan CORP is the corporate rate of Acme Ltd: book it for that company account (--company \"Acme Ltd\")" -- \
	fd --as anna book --guest "$gid" --type STD --arrive 2026-12-01 --depart 2026-12-03 --plan CORP
expect_refused 1 "Rate plan CORP is the corporate rate of Acme Ltd, not of Globex" -- \
	fd --as anna book --guest "$gid" --type STD --arrive 2026-12-01 --depart 2026-12-03 --plan CORP --company globex
expect_refused 1 "No company account \"Initech\"" -- \
	fd --as anna book --guest "$gid" --type STD --arrive 2026-12-01 --depart 2026-12-03 --plan CORP --company Initech
# the same refusal through the operation itself (as the server and the public API apply it)
expect_refused 1 "corporate rate of Acme Ltd" -- fd op booking.create \
	"{\"id\":\"00000000-0000-4000-8000-0000000000c1\",\"code\":\"CORP01\",\"guest_id\":\"$gid\",\"type\":\"STD\",\"arrival\":\"2026-12-01\",\"departure\":\"2026-12-03\",\"plan\":\"CORP\"}"

fd --as anna book --guest "$gid" --type STD --arrive 2026-12-01 --depart 2026-12-03 --plan CORP --company "acme ltd" >"$TMP/out" 2>"$TMP/err" || fail "book for Acme: $(cat "$TMP/err")"
code=$(sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' "$TMP/out" | head -1)
fd --json show "$code" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["plan"], [n["rate_minor"] for n in d["nights"]])' >"$TMP/got"
[ "$(cat "$TMP/got")" = "CORP [7500, 7500]" ] || fail "priced by CORP: $(cat "$TMP/got")"
# a public plan does not care about the company
fd --as anna book --guest "$gid" --type STD --arrive 2026-12-05 --depart 2026-12-06 --plan BAR --company Globex >/dev/null 2>"$TMP/err" || fail "BAR for Globex: $(cat "$TMP/err")"
# a block of Acme books its corporate rate; another group's block does not
fd --as mia block add "Acme meeting" --company "Acme Ltd" --type STD --rooms 2 --from 2026-12-10 --to 2026-12-11 --cutoff 2026-12-05 >/dev/null 2>"$TMP/err" || fail "block: $(cat "$TMP/err")"
fd --as mia block add "Wedding" --company "Smiths" --type STD --rooms 1 --from 2026-12-10 --to 2026-12-11 --cutoff 2026-12-05 >/dev/null 2>"$TMP/err" || fail "block: $(cat "$TMP/err")"
fd --as anna book --guest "$gid" --type STD --arrive 2026-12-10 --depart 2026-12-12 --plan CORP --block "Acme meeting" >/dev/null 2>"$TMP/err" || fail "book from Acme's block: $(cat "$TMP/err")"
expect_refused 1 "corporate rate of Acme Ltd, not of Smiths" -- \
	fd --as anna book --guest "$gid" --type STD --arrive 2026-12-10 --depart 2026-12-12 --plan CORP --block Wedding
finish
