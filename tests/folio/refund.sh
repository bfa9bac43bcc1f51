#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Refunds give back what was paid, in the same tender (issue 12): never
# more than the folio took in it, a card refund names its card payment,
# money never taken goes out as a manager's paid-out, and the refund limit
# counts everything one staff member refunded on a folio that day.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 3 || fail fixture

C=$(fd book --guest "Doe, Jane" --type STD --arrive 2026-03-01 --depart 2026-03-03 --rate 120) || fail book
fd checkin "$C" --room 101 >/dev/null || fail checkin

# Nothing taken: no refund at all, whoever asks; the database is unchanged.
before=$(dbsum)
expect_fail "Nothing was paid by card on this folio" fd --as anna refund "$C" card 99 --reason "no show"
expect_fail "paid-out" fd --as max refund "$C" cash 99 --reason "no show"
expect_fail "Nothing was paid in cash" fd refund "$C" cash 99 --reason "no show"
[ "$(dbsum)" = "$before" ] || fail "a refused refund changed the database"

# 5.00 cash taken: 20.00 cash back is refused, so is cash back against a card.
fd pay "$C" cash 5 >/dev/null || fail "pay cash"
fd --json pay "$C" card 40 --ref PX-9 --last4 4242 >"$TMP/pc" || fail "pay card"
PC=$(json 'd["id"]' <"$TMP/pc")
before=$(dbsum)
expect_fail "Only 5.00 EUR was paid in cash" fd --as anna refund "$C" cash 20 --reason "goodwill"
expect_fail "refund at most" fd --as anna refund "$C" card 41 --reason "goodwill"
[ "$(dbsum)" = "$before" ] || fail "a refused refund changed the database"

# A card refund gives back the card payment and says which one.
fd --json --as anna refund "$C" card 15 --reason "minibar was wrong" >"$TMP/r1" || fail "card refund"
R1=$(json 'd["id"]' <"$TMP/r1")
fd --json folio "$C" >"$TMP/f"
[ "$(json '[l["reverses"] for l in d["folios"][0]["lines"] if l["id"]=="'"$R1"'"][0]' <"$TMP/f")" = "$PC" ] ||
	fail "the refund does not name the card payment"
[ "$(json '[l["last4"] for l in d["folios"][0]["lines"] if l["id"]=="'"$R1"'"][0]' <"$TMP/f")" = 4242 ] ||
	fail "the refund keeps the card's last four"
# What is left of it: 25.00; twice is refused.
before=$(dbsum)
expect_fail "25.00 EUR left to refund" fd --as anna refund "$C" card 30 --payment "$PC" --reason again
expect_fail "was taken by card" fd --as anna refund "$C" cash 5 --payment "$PC" --reason again
# A refunded payment is not voided or moved from under its refund.
expect_fail "void the refund first" fd void "$PC" --reason "wrong"
expect_fail "stays with the payment" fd moveline "$R1" "$(json 'd["folios"][0]["id"]' <"$TMP/f")"
[ "$(dbsum)" = "$before" ] || fail "a refused refund changed the database"
fd --as anna refund "$C" cash 5 --reason "change" >/dev/null || fail "cash back against cash"

# Paid-out: money the desk never took, a manager's charge with a reason.
before=$(dbsum)
expect_fail "manager" fd --as anna paid-out "$C" 30 --reason "taxi"
expect_fail "reason" fd --as max paid-out "$C" 30
expect_fail "kept for paid-outs" fd --as max post "$C" PAIDOUT 30
[ "$(dbsum)" = "$before" ] || fail "a refused paid-out changed the database"
fd --json --as max paid-out "$C" 30 --reason "taxi to the airport" >"$TMP/po" || fail "paid-out"
fd --json folio "$C" >"$TMP/f"
[ "$(json '[(l["kind"], l["code"], l["amount_minor"], l["method"], l["reason"]) for l in d["folios"][0]["lines"] if l["id"]=="'"$(json 'd["id"]' <"$TMP/po")"'"][0]' <"$TMP/f")" = "('charge', 'PAIDOUT', 3000, 'cash', 'taxi to the airport')" ] ||
	fail "the paid-out line"

# The manager limit (100.00) counts the day's total on the folio per staff
# member: three refunds of 99.00 do not get round it.
C2=$(fd book --guest "Roe, Rick" --type STD --arrive 2026-03-01 --depart 2026-03-02 --rate 90) || fail book2
fd pay "$C2" cash 300 >/dev/null || fail "pay 300"
fd --as anna refund "$C2" cash 99 --reason "split 1" >/dev/null || fail "first 99.00"
before=$(dbsum)
expect_fail "you already refunded 99.00 EUR on this folio today, 198.00 EUR with this one" \
	fd --as anna refund "$C2" cash 99 --reason "split 2"
expect_fail "need a manager" fd --as anna refund "$C2" cash 2 --reason "split 2"
[ "$(dbsum)" = "$before" ] || fail "a refused refund changed the database"
# Another staff member has their own allowance; a manager has none.
fd --as hana refund "$C2" cash 99 --reason "split 2" >/dev/null || fail "hana's refund"
fd --as max refund "$C2" cash 102 --reason "split 3" >/dev/null || fail "manager's refund"
fd --json folio "$C2" >"$TMP/f"
[ "$(json 'd["guest_balance_minor"]' <"$TMP/f")" = 0 ] || fail "all 300.00 given back"
exit 0
