#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Folios through the command line: postings, payments, card-number guard,
# voids, refunds above the threshold, direct bill, check-out rule.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 3 || fail fixture

C=$(fd book --guest "Doe, Jane" --type STD --arrive 2026-03-01 --depart 2026-03-03 --rate 120) || fail book
fd checkin "$C" --room 101 >/dev/null || fail checkin
fd --json post "$C" FB 23.50 >"$TMP/p1" || fail post
L1=$(json 'd["id"]' <"$TMP/p1")
fd --as anna pay "$C" card 50 --ref PX-1 --last4 4242 >/dev/null || fail pay

# VAT per line: 23.50 at 10 % includes 2.14
fd --json folio "$C" >"$TMP/f"
[ "$(json 'd["folios"][0]["tax_minor"]' <"$TMP/f")" = 214 ] || fail "VAT of 23.50"
[ "$(json 'd["guest_balance_minor"]' <"$TMP/f")" = -2650 ] || fail "balance after pay"
[ "$(json 'd["folios"][0]["lines"][1]["last4"]' <"$TMP/f")" = 4242 ] || fail last4 kept

# Card numbers are refused in free text and in last4; nothing changes.
before=$(dbsum)
expect_fail "card number" fd post "$C" MINIBAR 5 --desc "card 4111 1111 1111 1111"
expect_fail "card number" fd pay "$C" card 5 --ref "4111-1111-1111-1111"
expect_fail "last four" fd pay "$C" card 5 --last4 4111111111111111
expect_fail "payment method" fd pay "$C" cheque 5
expect_fail "charge code" fd post "$C" NOPE 5
expect_fail "card number" fd book --guest "Card, Carl" --type STD --arrive 2026-03-01 --depart 2026-03-02 --notes "cc 4242424242424242 exp 12/29"
expect_fail "card number" fd modify "$C" --notes "pays with 5555 5555 5555 4444"
[ "$(dbsum)" = "$before" ] || fail "a refused posting changed the database"

# Charge codes are configurable (manager); VAT follows the code's rate.
expect_fail "manager" fd --as anna charges set SPA --name Spa --vat 2100
fd --as max charges set SPA --name Spa --vat 2100 >/dev/null || fail "charge code"
fd --json post "$C" SPA 121 >"$TMP/p3" || fail "post SPA"
fd --json folio "$C" | json '[l["tax_minor"] for l in d["folios"][0]["lines"] if l["code"]=="SPA"]' | grep -qx '\[2100\]' || fail "VAT 21 % of 121.00"
fd void "$(json 'd["id"]' <"$TMP/p3")" --reason "test posting" >/dev/null || fail "void SPA"

# Void: a new line pointing at the original; twice is refused.
fd void "$(echo "$L1" | cut -c1-8)" --reason "wrong guest" >/dev/null || fail void
expect_fail "already voided" fd void "$L1" --reason again
fd --json folio "$C" >"$TMP/f"
[ "$(json 'd["guest_balance_minor"]' <"$TMP/f")" = -5000 ] || fail "balance after void"
[ "$(json 'len(d["folios"][0]["lines"])' <"$TMP/f")" = 5 ] || fail "void must add a line"
[ "$(json 'd["folios"][0]["lines"][4]["voids"]' <"$TMP/f")" = "$L1" ] || fail "void points at its line"

# A credit balance blocks check-out as well; refund above the threshold
# (100.00 by default) needs a manager.
expect_fail "balance" fd checkout "$C" --early
expect_fail "at most" fd --as anna refund "$C" card 150 --reason "overpaid"
fd --as max post "$C" EXTRABED 200 >/dev/null || fail "post extra bed"
fd --as anna refund "$C" card 20 --reason "goodwill" >/dev/null || fail "small refund"
fd --json folio "$C" >"$TMP/f"
[ "$(json 'd["guest_balance_minor"]' <"$TMP/f")" = 17000 ] || fail "balance after refund"

# Direct bill: only a manager settles to a company account; then check-out.
fd --as max company add "ACME GmbH" --direct-bill --credit-limit 5000 >/dev/null || fail "account ACME"
fd --as max company add "Beta Ltd" --direct-bill --credit-limit 1000 >/dev/null || fail "account Beta"
expect_fail "manager" fd --as anna settle "$C" --company "ACME GmbH"
expect_fail "balance" fd checkout "$C" --early
fd --as max settle "$C" --company "ACME GmbH" >/dev/null || fail settle
fd --json folio "$C" >"$TMP/f"
[ "$(json 'd["guest_balance_minor"]' <"$TMP/f")" = 0 ] || fail "guest balance after settle"
[ "$(json 'd["balance_minor"]' <"$TMP/f")" = 17000 ] || fail "company folio holds the balance"
fd checkout "$C" --early >/dev/null || fail "checkout after settle"

# Deposit before arrival shows on the folio; lines move between folios.
C2=$(fd book --guest "Roe, Rick" --type STD --arrive 2026-03-05 --depart 2026-03-06 --rate 90) || fail book2
fd pay "$C2" bank_transfer 90 --ref "SEPA-77" >/dev/null || fail deposit
fd --json folio "$C2" --company "Beta Ltd" --route-room >"$TMP/nf" || fail "company folio"
F2=$(json 'd["id"]' <"$TMP/nf")
fd --json post "$C2" MINIBAR 4.20 >"$TMP/p2" || fail "post minibar"
fd moveline "$(json 'd["id"]' <"$TMP/p2")" "$F2" >/dev/null || fail moveline
fd --json folio "$C2" >"$TMP/f"
[ "$(json 'd["folios"][0]["balance_minor"]' <"$TMP/f")" = -9000 ] || fail "deposit on the guest folio"
[ "$(json 'd["folios"][1]["balance_minor"]' <"$TMP/f")" = 420 ] || fail "moved line on the company folio"

# The cashier report: what each staff member took, by method.
fd report cashier --from 2026-03-01 --to 2026-03-01 --csv | tr -d '\r' >"$TMP/cash.csv"
# Gross, in major units with the currency in the header (issue 12).
head -1 "$TMP/cash.csv" | grep -qx "staff,method,lines,payments_EUR,refunds_EUR,paid_outs_EUR,voids_EUR,net_EUR" || fail "cashier CSV header: $(head -1 "$TMP/cash.csv")"
grep -qx "anna,card,2,50.00,20.00,0.00,0.00,30.00" "$TMP/cash.csv" || fail "anna's card payment and refund, gross"
grep -qx "local,bank_transfer,1,90.00,0.00,0.00,0.00,90.00" "$TMP/cash.csv" || fail "the deposit"

# Lines are dated on the business date; a closed day refuses postings.
fd audit >/dev/null || fail audit
expect_fail "closed" fd post "$C2" FB 3 --date 2026-03-01
expect_fail "business date" fd post "$C2" FB 3 --date 2026-03-09
exit 0
