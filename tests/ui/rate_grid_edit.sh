#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The rate grid (P) edited by a manager at 80x24: the cursor is a cell,
# Enter types its price, x turns stop-sell on and off, m sets the minimum
# stay, each as the one-night rate.set / rate.restrict the command line
# makes (audited with the manager as actor); a derived plan's price and a
# bad amount are refused with core's reason. A staff member sees the grid
# read only, is told why, and changes nothing.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add anna --name "Anna Desk" --role staff --dept front_office >/dev/null || fail "staff add"
fd staff add fred --name "Fred Boss" --role manager --dept management >/dev/null || fail "staff add"
fd plan add BAR --name "Best available" --types STD >/dev/null || fail "plan BAR"
fd plan add NR --name "Non-refundable" --parent BAR --adjust -10% >/dev/null || fail "plan NR"
fd rates set BAR STD --from 2026-11-25 --to 2026-12-31 100 >/dev/null || fail "rates"
db() { sqlite3 "$DATA/frontdesk.db" "$1"; }
# night 2026-11-26 as the store counts days
night() { db "SELECT $1 FROM rate_days WHERE plan = 'BAR' AND night = (SELECT min(night) + 1 FROM rate_days WHERE plan = 'BAR')"; }

UI_ARGS="--as fred" start 80 24
wait_for "user fred"
keys P
wait_for "Rate grid"
wait_for "Enter price  x stop-sell  m min stay"
# rows: STD free, DBL free, BAR STD, NR STD; the cursor on BAR STD, Thu 26th
keys Down Down Right
keys Enter
wait_for "BAR STD 2026-11-26 price (EUR): 100.00"
keys C-u
keys -l "135.50"
keys Enter
wait_for "BAR STD on 2026-11-26: 135.50 EUR."
screen | grep -q "^BAR STD  *100.00  *135.50  *100.00" || fail "the new price in its cell only"
screen | grep -q "^NR STD  *90.00  *121.95  *90.00" || fail "the derived plan follows"
[ "$(night price)" = 13550 ] || fail "price stored: $(night price)"
keys x
wait_for "BAR STD: stop-sell on 2026-11-26."
screen | grep -q "^BAR STD  *100.00  *135.50x *100.00" || fail "the stop-sell mark"
[ "$(night stop_sell)" = 1 ] || fail "stop-sell stored"
keys x
wait_for "BAR STD: on sale again on 2026-11-26."
[ "$(night stop_sell)" = 0 ] || fail "stop-sell lifted"
keys m
wait_for "minimum stay (nights, 0 none): 0"
keys C-u
keys -l 3
keys Enter
wait_for "BAR STD: arrivals on 2026-11-26 stay at least 3 nights."
screen | grep -q "^BAR STD  *100.00  *135.50m" || fail "the stay-limit mark"
[ "$(night min_stay)" = 3 ] || fail "minimum stay stored"
n=$(db "SELECT count(*) FROM audit_log WHERE type IN ('rate.set', 'rate.restrict') AND actor = 'fred'")
[ "$n" = 4 ] || fail "each of the grid's four changes audited as fred's: $n"
# One night is said in the singular (ngettext).
keys m
wait_for "minimum stay (nights, 0 none): 3"
keys C-u
keys -l 1
keys Enter
wait_for "BAR STD: arrivals on 2026-11-26 stay at least 1 night."
[ "$(night min_stay)" = 1 ] || fail "minimum stay of one night stored"
# A bad amount, then a derived plan's price: refused, nothing changes.
before=$(fd dump)
keys Enter
wait_for "price (EUR): 135.50"
keys C-u
keys -l "12x"
keys Enter
wait_for "Price \"12x\": the amount may contain only digits"
keys Down Enter
wait_for "NR STD 2026-11-26 price (EUR):"
keys C-u
keys -l 50
keys Enter
wait_for "Rate plan NR follows BAR's prices; set BAR's prices instead."
[ "$(fd dump)" = "$before" ] || fail "a refused edit changed the database"
keys Escape
wait_gone "Rate grid"
keys q
wait_for "EXITED 0"

# A staff member: read only, told why.
UI_ARGS="--as anna" start 80 24
wait_for "user anna"
keys P
wait_for "Rate grid"
wait_for "Read only: a manager sets prices and restrictions."
keys Down Down Right Enter
wait_for "Read only: anna may not set prices and restrictions; a manager sets them."
keys x
keys m
# no prompt was opened: Esc closes the grid itself
keys Escape
wait_gone "Rate grid"
[ "$(fd dump)" = "$before" ] || fail "a staff member changed prices"
keys q
wait_for "EXITED 0"
exit 0
