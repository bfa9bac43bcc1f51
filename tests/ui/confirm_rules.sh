#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The rules are judged before a question is asked: moving to a room of the
# wrong type, checking in a cancelled booking and the night audit run by a
# staff member are refused at once, never after "(y/n)". And an action that
# asks asks from every pane: `i` in Arrivals asks as the booking detail does.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
GONE=$(fd book --guest "Storniert, Paul" --room 103 --arrive $TODAY --depart 2026-11-26) || fail "book"
fd cancel "$GONE" >/dev/null || fail "cancel"
fd staff add anna --name "Anna Costa" --role staff --dept front_office >/dev/null || fail "staff add"
before=$(fd dump | md5sum)

start 80 24
wait_for "101"
# 201 (DBL, in house) to 101 (STD): refused before any question.
keys :
keys -l "$INHOUSE"
keys Enter
wait_for "山田, 太郎"
keys m
wait_for "move to room:"
keys -l 101
keys Enter
# The prompt closes and the answer shows in the same turn.
wait_gone "move to room:"
screen | grep -q "(y/n)" && fail "asked before refusing the move"
screen | tail -1 | grep -q "[a-z]" || fail "no reason for the refused move"
# A cancelled booking (with a room) is not checked in, and nothing is asked.
keys :
keys -l "$GONE"
keys Enter
wait_for "Storniert, Paul"
wait_for "Tab next pane"
keys i
wait_gone "Tab next pane"
screen | grep -q "(y/n)" && fail "asked before refusing to check in a cancelled booking"
screen | tail -1 | grep -q "[a-z]" || fail "no reason for refusing the check-in"
[ "$(fd dump | md5sum)" = "$before" ] || fail "the database changed"

# Arrivals: `i` asks; `n` leaves the booking reserved, `y` checks in.
keys F2
wait_for "Arrivals ("
keys i
wait_for "Check in Müller, Anna ($ARRIVAL) to room 102? (y/n)"
keys n
wait_for "Nothing changed."
fd show "$ARRIVAL" | grep -q reserved || fail "checked in without a yes"
keys i
wait_for "(y/n)"
keys y
wait_for "Müller, Anna checked in to room 102."
keys q
wait_for "EXITED 0"

# The night audit as a staff member: refused, not asked.
UI_ARGS="--as anna" start 80 24
wait_for "101"
keys F8
# (a staff member's Reports pane shows only their own cashier lines)
wait_for "Cashier: payments anna took"
wait_for "Tab next pane"
keys A
wait_gone "Tab next pane"
screen | grep -q "(y/n)" && fail "the night audit asked a staff member"
screen | tail -1 | grep -qi "manager" || fail "no reason for refusing the audit: $(screen | tail -1)"
fd audit --date $TODAY 2>&1 | grep -q "already closed" && fail "the day was closed"
# (it offers a manager's sign-in for it: Esc says no)
keys Escape
keys q
wait_for "EXITED 0"
exit 0
