#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Cancelling a booking that holds a deposit says so and asks what to do
# (issue 12): keep it as a cancellation fee, refund it, or leave it on
# account; nothing is left silently on a cancelled folio.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 3 || fail fixture

book() { fd book --guest "$1" --type STD --arrive 2026-03-05 --depart 2026-03-07 --rate 90; }
balance() { fd --json folio "$1" | json 'd["guest_balance_minor"]'; }

# No deposit: cancelled as before.
C0=$(book "Zero, Zoe") || fail book0
fd cancel "$C0" >/dev/null || fail "cancel without a deposit"

# A deposit: the plain cancel is refused, saying what to do; nothing changes.
C1=$(book "Keep, Kim") || fail book1
fd pay "$C1" card 50 --ref PX-1 --last4 4242 >/dev/null || fail deposit1
before=$(dbsum)
expect_fail "holds a deposit of 50.00 EUR" fd cancel "$C1"
expect_fail "cancel CODE --deposit keep|refund|account" fd cancel "$C1"
expect_fail "use keep, refund or account" fd cancel "$C1" --deposit maybe
[ "$(dbsum)" = "$before" ] || fail "a refused cancel changed the database"
fd show "$C1" | grep -q reserved || fail "the booking was cancelled anyway"

# keep: a cancellation fee takes the deposit.
fd cancel "$C1" --deposit keep >/dev/null || fail "cancel keep"
[ "$(balance "$C1")" = 0 ] || fail "keep: the folio should balance"
fd --json folio "$C1" | json '[l["code"] for l in d["folios"][0]["lines"] if l["kind"]=="charge"]' | grep -qx "\['CXLFEE'\]" ||
	fail "keep: the cancellation fee line"

# refund: each payment is given back, naming it.
C2=$(book "Back, Bob") || fail book2
fd pay "$C2" cash 30 >/dev/null && fd pay "$C2" card 20 --last4 1111 >/dev/null || fail deposit2
fd cancel "$C2" --deposit refund >/dev/null || fail "cancel refund"
[ "$(balance "$C2")" = 0 ] || fail "refund: the folio should balance"
fd --json folio "$C2" | json 'sorted((l["method"], l["amount_minor"], bool(l.get("reverses"))) for l in d["folios"][0]["lines"] if l["kind"]=="refund")' |
	grep -qx "\[('card', 2000, True), ('cash', 3000, True)\]" || fail "refund: one refund per payment"

# refund above the limit by a staff member: a manager does it.
C3=$(book "Big, Bea") || fail book3
fd pay "$C3" cash 150 >/dev/null || fail deposit3
before=$(dbsum)
expect_fail "need a manager" fd --as anna cancel "$C3" --deposit refund
[ "$(dbsum)" = "$before" ] || fail "a refused cancel changed the database"

# account: the credit stays, on purpose.
fd --as anna cancel "$C3" --deposit account >/dev/null || fail "cancel account"
[ "$(balance "$C3")" = -15000 ] || fail "account: the credit stays on the folio"
exit 0
