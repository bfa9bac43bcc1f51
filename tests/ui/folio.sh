#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The guest's bill at the desk, at 80x24: open the folio from the booking,
# post with a charge code, take a card payment, void, refund, split the bill
# to a company folio, move a line there, refuse a check-out with a balance,
# settle to the company and check out; a deposit before arrival shows as
# one. Every step is checked against the database through the command line,
# and bad answers change nothing. Then the same folio at 60x20.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

# folio_json JQ: a figure of the in-house guest's folios.
folio_json() { fd --json folio "$INHOUSE" | jq -r "$1"; }
lines() { folio_json '[.folios[].lines[]] | length'; }
expect() { # expect WHAT JQ VALUE
	got=$(folio_json "$2")
	[ "$got" = "$3" ] || fail "$1: expected $3, got $got"
}

# open_folio CODE: go to the booking (:), then its folio (f).
open_folio() {
	keys :
	keys -l "$1"
	keys Enter
	wait_for "Booking $1"
	keys f
	wait_for "Folio $1"
}

# The company account the bill is split to (a manager made it).
fd company add ACME --direct-bill --credit-limit 1000 >/dev/null || fail "account ACME"

start 80 24
wait_for "101"
open_folio "$INHOUSE"
wait_for "Nothing posted yet"

# Post FB 20.00 as "Dinner": the VAT (10 %, included) is 1.82.
keys p
wait_for "charge code ("
keys -l fb
keys Enter
wait_for "Food and beverage (VAT 10.00 %), amount or 2x4.50:"
keys -l 20
keys Enter
wait_for "description (Enter: Food and beverage)"
keys -l Dinner
keys Enter
wait_for "Posted FB: 20.00 EUR"
wait_for "balance due 20.00 EUR"
expect "balance after the posting" .balance_minor 2000
expect "the line's VAT" '.folios[0].lines[0].tax_minor' 182
expect "the line's text" '.folios[0].lines[0].description' Dinner

# Bad answers: an unknown code, an amount that is not one, a card number as
# the payment reference. Each says why; nothing is written.
keys p
keys -l XX
keys Enter
wait_for "No charge code \"XX\"; the codes are:"
keys p
keys -l fb
keys Enter
keys -l 12,50x
keys Enter
wait_for "the amount may contain only digits"
keys '$'
keys -l card
keys Enter
wait_for "payment amount: 20.00"
keys Enter
keys -l "4111 1111 1111 1111"
keys Enter
keys Enter
wait_for "card number"
[ "$(lines)" = 1 ] || fail "a refused answer wrote a line: $(fd folio "$INHOUSE")"
expect "balance after refusals" .balance_minor 2000

# A card payment offers the balance and keeps only reference and last four.
keys '$'
keys -l car
keys Enter
wait_for "payment amount: 20.00"
keys Enter
wait_for "processor reference"
keys -l TX-77
keys Enter
wait_for "last four digits only"
keys -l 4242
keys Enter
wait_for "Payment taken (card): 20.00 EUR"
expect "balance after payment" .balance_minor 0
expect "card's last four" '.folios[0].lines[1].last4' 4242
expect "processor reference" '.folios[0].lines[1].ref' TX-77

# Void the dinner (cursor: folio header, then the dinner): a reason is needed.
keys g j v
wait_for "void Dinner 20.00, reason:"
keys Enter
wait_for "A reason is needed; nothing changed."
[ "$(lines)" = 2 ] || fail "a void without reason wrote a line"
keys v
keys -l "wrong room"
keys Enter
wait_for "voided."
wait_for "Dinner (voided)"
expect "dinner voided" '.folios[0].lines[0].voided' true
expect "balance after the void" .balance_minor -2000

# The guest's credit goes back as a refund; the pane offers the credit.
# Cash back only against cash taken: this folio was paid by card.
keys r
keys -l cash
keys Enter
wait_for "refund amount: 20.00"
keys Enter
wait_for "refund reason:"
keys -l "dinner was not theirs"
keys Enter
wait_for "Nothing was paid in cash on this folio"
[ "$(lines)" = 3 ] || fail "a refused refund wrote a line"
keys r
keys -l card
keys Enter
wait_for "refund amount: 20.00"
keys Enter
wait_for "refund reason:"
keys -l "dinner was not theirs"
keys Enter
wait_for "Refunded (card): 20.00 EUR"
expect "the refund names the card payment" '.folios[0].lines[3].reverses' "$(folio_json '.folios[0].lines[1].id')"
expect "balance after the refund" .balance_minor 0

# Split: a company folio that takes the room charges. The company is an
# account: a typed name that is not one is refused, naming the accounts.
keys n
wait_for "company name"
keys -l "Nobody Ltd"
keys Enter
wait_for 'No direct-bill account "Nobody Ltd"; the accounts are: ACME.'
expect "no folio for an invented company" '.folios | length' 1
keys n
wait_for "company name"
keys -l acme
keys Enter
wait_for "room charges to this company"
keys -l y
keys Enter
wait_for "Folio opened for ACME; room charges go there."
wait_for "2 Company: ACME"
expect "folios after the split" '.folios | length' 2
expect "room charges routed" '.folios[1].route_room' true

# Two minibar items on the guest folio block the check-out...
keys g
keys p
keys -l minibar
keys Enter
keys -l "2 x 4"
keys Enter
keys Enter
wait_for "Posted MINIBAR: 8.00 EUR"
expect "guest balance with the minibar" .guest_balance_minor 800
# Refused at once: the rule is judged before any question.
keys o
wait_for "has an open balance of 8.00 EUR"
screen | grep -q "(y/n)" && fail "asked before refusing the check-out"
fd show "$INHOUSE" | grep -q "(in house)" || fail "checked out with a balance"

# ...until it moves to the company folio (line 5: after the header and four lines).
keys g j j j j j m
wait_for "moved to Company: ACME"
expect "guest balance after the move" .guest_balance_minor 0
expect "the company folio holds it" '.folios[1].lines[0].description' "Minibar x2"

# Another charge, settled to the company's existing folio (direct bill).
keys g p
keys -l fb
keys Enter
keys -l 5
keys Enter
keys Enter
wait_for "Posted FB: 5.00 EUR"
keys S
wait_for "settle the guest's balance to company: ACME"
keys Enter
wait_for "settled to ACME (direct bill)"
expect "guest balance after settling" .guest_balance_minor 0
expect "one company folio" '.folios | length' 2
expect "company balance" '.folios[1].balance_minor' 1300
keys o
keys y
wait_for "checked out"
fd show "$INHOUSE" | grep -q "(checked out)" || fail "not checked out after settling"

# A payment before arrival is a deposit.
open_folio "$LATER"
keys '$'
keys -l cash
keys Enter
keys -l 50
keys Enter
wait_for "Payment taken (cash): 50.00 EUR"
screen | grep -E "deposit +cash +" >/dev/null || fail "the payment before arrival is not shown as a deposit"
keys q
wait_for "EXITED 0"

# The in-house guest's folio on a phone-sized screen: the narrow columns.
start 60 20
wait_for "101"
open_folio "$INHOUSE"
wait_for "2 Company: ACME"
wait_for "balance due 0.00 EUR"
screen | grep -q "Dinner (voided)" || fail "lines missing at 60x20"
keys q
wait_for "EXITED 0"
exit 0
