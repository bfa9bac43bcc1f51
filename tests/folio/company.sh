#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Company accounts are records, not typed text (issue 12): a manager makes
# them; routing to a company and leaving with a balance on its folio need
# an account that allows direct billing, within its credit limit; the city
# ledger reports what each account owes.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 3 || fail fixture

C=$(fd book --guest "Doe, Jane" --type STD --arrive 2026-03-01 --depart 2026-03-03 --rate 120) || fail book
fd checkin "$C" --room 101 >/dev/null || fail checkin
fd post "$C" FB 80 >/dev/null || fail post

# An invented company: no folio, no settlement, nothing changes.
before=$(dbsum)
expect_fail 'No company account "Nobody Ltd"' fd --as anna folio "$C" --company "Nobody Ltd" --route-room
expect_fail 'No company account "Nobody Ltd"' fd --as max settle "$C" --company "Nobody Ltd"
expect_fail "manager" fd --as anna company add "Nobody Ltd" --direct-bill --credit-limit 100000
expect_fail "card number" fd --as max company add "Card Co" --vat "4111 1111 1111 1111"
[ "$(dbsum)" = "$before" ] || fail "a refused company operation changed the database"

# An account without direct billing takes no folio and no settlement.
fd --as max company add "Slow Pay SA" --address "Rua 1, Lisboa" --vat PT123 --contact "Ana" >/dev/null ||
	fail "account without direct bill"
expect_fail "There is already an account" fd --as max company add "slow pay sa"
before=$(dbsum)
expect_fail "does not allow direct billing" fd folio "$C" --company "Slow Pay SA"
expect_fail "does not allow direct billing" fd --as max settle "$C" --company "Slow Pay SA"
[ "$(dbsum)" = "$before" ] || fail "a refused direct bill changed the database"

# Within the credit limit only.
fd --as max company add "ACME GmbH" --direct-bill --credit-limit 50 --vat DE999 >/dev/null || fail "ACME"
before=$(dbsum)
expect_fail "above its credit limit of 50.00 EUR" fd --as max settle "$C" --company "acme gmbh"
[ "$(dbsum)" = "$before" ] || fail "a settlement above the limit changed the database"
fd --as max company update "ACME GmbH" --credit-limit 500 >/dev/null || fail "raise the limit"
fd --as max settle "$C" --company "acme gmbh" >/dev/null || fail "settle within the limit"
fd --json folio "$C" >"$TMP/f"
[ "$(json 'd["folios"][1]["company"]' <"$TMP/f")" = "ACME GmbH" ] || fail "the folio names the account"
fd checkout "$C" --early >/dev/null || fail "checkout billed to ACME"

# A routed company folio whose account loses direct billing blocks the
# check-out until the guest pays.
C2=$(fd book --guest "Roe, Rick" --type STD --arrive 2026-03-01 --depart 2026-03-02 --rate 90) || fail book2
fd checkin "$C2" --room 102 >/dev/null || fail checkin2
fd --json folio "$C2" --company "ACME GmbH" --route-room >"$TMP/nf" || fail "routed folio"
F2=$(json 'd["id"]' <"$TMP/nf")
fd post "$C2" MINIBAR 10 --folio "$F2" >/dev/null || fail "post to the company folio"
fd --as max company update "ACME GmbH" --no-direct-bill >/dev/null || fail "stop direct billing"
before=$(dbsum)
expect_fail "does not allow direct billing" fd checkout "$C2" --early
[ "$(dbsum)" = "$before" ] || fail "a refused check-out changed the database"
fd pay "$C2" cash 10 --folio "$F2" >/dev/null || fail "pay the company folio"
fd checkout "$C2" --early >/dev/null || fail "checkout once paid"

# The city ledger: what each account owes, aged.
fd report ar --csv | tr -d '\r' >"$TMP/ar.csv"
grep -q "^ACME GmbH,company,no,500.00,80.00,0.00,0.00,0.00,80.00$" "$TMP/ar.csv" || { cat "$TMP/ar.csv" >&2; fail "ACME in the city ledger"; }
fd company list | grep -q "Slow Pay SA" || fail "company list"
exit 0
