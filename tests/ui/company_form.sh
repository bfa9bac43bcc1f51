#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The booking form's company account (issue 15): a corporate rate plan is
# not offered until its company is chosen; typing part of a name lists the
# accounts and PgDn picks one; the company's corporate plan is then offered
# and the booking is made on it for that company; the booking detail shows
# the company, editing the booking keeps it, and settling its folio to a
# company offers that account.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd company add "Acme Ltd" >/dev/null || fail "company Acme Ltd"
fd company add "Acme Travel" --agent >/dev/null || fail "company Acme Travel"
fd company add "Globex" >/dev/null || fail "company Globex"
fd plan add BAR --name "Best available" --types STD >/dev/null || fail "plan BAR"
fd plan add CORP --name "Acme corporate" --types STD --kind corporate --company "Acme Ltd" >/dev/null || fail "plan CORP"
fd rates set BAR STD --from 2026-11-25 --to 2026-12-31 100 >/dev/null || fail "rates BAR"
fd rates set CORP STD --from 2026-11-25 --to 2026-12-31 70 >/dev/null || fail "rates CORP"

start 80 24
wait_for "101"
keys n
wait_for "New booking"
wait_for "< 101 VC >"
keys -l "Corp, Carla"
keys Tab Tab BSpace 7
wait_for "2 nights"
# the plan field (the fourteenth): without a company, only the public plan
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
wait_for "< none: the rate above >  1 plan"
keys Right
wait_for "< BAR Best available 200.00 >"
keys Right
wait_for "< none: the rate above >"
# the company field (just above): part of a name lists the accounts
keys BTab
keys -l "acme"
wait_for "Accounts (PgDn/PgUp): Acme Ltd  Acme Travel"
wait_for "! not an account: 2 matches, PgDn"
screen | grep -q "Globex" && fail "Globex does not match \"acme\""
keys PageDown
wait_for "Company     Acme Ltd"
wait_gone "not an account"
# now the company's corporate plan is offered too
keys Tab
wait_for "< none: the rate above >  2 plans"
keys Right Right
wait_for "< CORP Acme corporate 140.00 >"
wait_for "by plan: 70.00 70.00"
keys F10
wait_for "made for Corp, Carla"
CODE=$(fd find Corp | awk '{print $1; exit}')
[ -n "$CODE" ] || fail "no booking"
[ "$(fd --json show "$CODE" | jq -r '.company + " " + .plan')" = "Acme Ltd CORP" ] ||
	fail "the booking's company and plan: $(fd --json show "$CODE" | jq -c '[.company, .plan]')"
# the detail shows the company; editing keeps it
keys :
keys -l "$CODE"
keys Enter
wait_for "Booking $CODE"
wait_for "Company     Acme Ltd"
keys e
wait_for "Edit booking $CODE"
wait_for "Company     Acme Ltd"
keys F10
wait_for "Booking $CODE saved."
[ "$(fd --json show "$CODE" | jq -r .company)" = "Acme Ltd" ] || fail "the edit lost the company"
# settling the folio to a company offers the booking's account
keys f
wait_for "Folio"
keys S
wait_for "settle the guest's balance to company: Acme Ltd"
keys Escape
wait_gone "settle the guest's balance"
keys q
wait_for "EXITED 0"
exit 0
