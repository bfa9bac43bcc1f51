#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Policies (issue 15): cancelling inside and outside the free period, the
# fee posted and covered by the deposit first; the no-show fee at the
# night audit; the deposits-due list with overdue deposits flagged.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code() { sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' "$TMP/out" | head -1; }
q() { sqlite3 "$DATA/frontdesk.db" "$1"; }
book() { fd book --guest "$1" --type STD --arrive "$2" --depart "$3" --new-guest >"$TMP/out" 2>"$TMP/err" || fail "book $1: $(cat "$TMP/err")"; code; }
fee() { q "SELECT coalesce(sum(l.amount), 0) FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$1' AND l.code = '$2'"; }

expect_refused 1 "\"sometimes\" is not a policy" -- fd --as mia settings --cancel-policy sometimes
expect_refused 1 "not a policy" -- fd --as mia settings --deposit-policy "30% next week"
expect_refused 1 "not a policy" -- fd --as mia settings --noshow-policy "a lot"
fd --as mia settings --cancel-policy "free until 2 days before arrival then first-night" \
	--noshow-policy first-night --deposit-policy "30% 3 days before arrival" >/dev/null 2>"$TMP/err" || fail "settings: $(cat "$TMP/err")"
fd settings >"$TMP/out"
grep -q "cancellation policy: free until 2 days before arrival then first-night" "$TMP/out" || fail "settings show: $(cat "$TMP/out")"

# Outside the free period's end (5 days ahead): free.
A=$(book "Early, Eve" 2026-11-30 2026-12-02)
fd cancel "$A" >"$TMP/out" 2>"$TMP/err" || fail "free cancel: $(cat "$TMP/err")"
[ "$(fee "$A" CXLFEE)" = 0 ] || fail "a free cancellation posted a fee"
grep -q "cancellation fee" "$TMP/err" && fail "a free cancellation spoke of a fee: $(cat "$TMP/err")"
# Exactly 2 days before: still free.
A2=$(book "Edge, Ed" 2026-11-27 2026-11-28)
fd cancel "$A2" >/dev/null 2>&1 || fail "cancel 2 days before"
[ "$(fee "$A2" CXLFEE)" = 0 ] || fail "2 days before arrival is free"

# Inside (tomorrow): the first night, 100.00; the deposit of 30.00 covers part.
B=$(book "Late, Lou" 2026-11-26 2026-11-28)
fd pay "$B" cash 30.00 >/dev/null || fail "deposit B"
fd cancel "$B" >"$TMP/out" 2>"$TMP/err" || fail "cancel B: $(cat "$TMP/err")"
[ "$(fee "$B" CXLFEE)" = 10000 ] || fail "B's fee: $(fee "$B" CXLFEE)"
grep -q "cancellation fee of 100.00 EUR is posted.*covers 30.00 EUR, 70.00 EUR is still to pay" "$TMP/err" || fail "B's message: $(cat "$TMP/err")"
[ "$(q "SELECT status FROM bookings WHERE code = '$B'")" = cancelled ] || fail "B not cancelled"

# A deposit bigger than the fee covers it; the rest is for the desk to decide.
C=$(book "Rich, Ria" 2026-11-26 2026-11-27)
fd pay "$C" cash 150.00 >/dev/null || fail "deposit C"
expect_refused 1 "holds a deposit of 50.00 EUR" -- fd cancel "$C"
fd cancel "$C" --deposit refund >"$TMP/out" 2>"$TMP/err" || fail "cancel C: $(cat "$TMP/err")"
grep -q "the deposit held covers it" "$TMP/err" || fail "C's message: $(cat "$TMP/err")"
[ "$(fee "$C" CXLFEE)" = 10000 ] || fail "C's fee: $(fee "$C" CXLFEE)"
[ "$(q "SELECT sum(l.amount) FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$C'")" = 0 ] || fail "C's folio does not balance"

# Deposits due: 30 % of the stay, 3 days before arrival.
D=$(book "Due, Dan" 2026-11-27 2026-11-29)     # due 11-24: overdue
E=$(book "Far, Fay" 2026-12-10 2026-12-12)     # due 12-07: not this week
F=$(book "Paid, Pia" 2026-11-28 2026-11-30)    # due 11-25, paid
fd pay "$F" card 60.00 --ref T1 --last4 4242 >/dev/null 2>"$TMP/err" || fail "deposit F: $(cat "$TMP/err")"
G=$(book "Part, Pat" 2026-11-29 2026-11-30)    # due 11-26, 10.00 of 30.00 paid
fd pay "$G" cash 10.00 >/dev/null || fail "deposit G"
fd --json deposits >"$TMP/dep" || fail "deposits"
got=$(python3 -c 'import json,sys; print(" ".join("%s:%s:%s:%s" % (d["code"], d["due"], d["missing_minor"], d["overdue"]) for d in json.load(open(sys.argv[1]))))' "$TMP/dep")
[ "$got" = "$D:2026-11-24:6000:True $G:2026-11-26:2000:False" ] || fail "deposits due: $got"
fd deposits --days 20 >"$TMP/out" || fail "deposits --days 20"
grep -q "^$D .*OVERDUE" "$TMP/out" || fail "D is not flagged overdue: $(cat "$TMP/out")"
grep -q "^$E " "$TMP/out" || fail "E is due within 20 days: $(cat "$TMP/out")"
grep -q "^$F " "$TMP/out" && fail "F has paid its deposit: $(cat "$TMP/out")"
expect_refused 2 "days" -- fd deposits --days soon

# A booking's rate plan speaks for it: non-refundable, the whole stay at
# the plan's prices per night (120.00 and 130.00).
expect_refused 1 "not a policy" -- fd --as mia plan add XX --name "Bad" --cancel "maybe later"
fd --as mia plan add NR --name "Non-refundable" --cancel non-refundable >/dev/null 2>"$TMP/err" || fail "plan NR: $(cat "$TMP/err")"
fd --as mia rates set NR STD --from 2026-12-01 --to 2026-12-01 120.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"
fd --as mia rates set NR STD --from 2026-12-02 --to 2026-12-02 130.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"
fd book --guest "Plan, Pam" --type STD --arrive 2026-12-01 --depart 2026-12-03 --plan NR --new-guest >"$TMP/out" 2>"$TMP/err" || fail "book NR: $(cat "$TMP/err")"
P=$(code)
fd cancel "$P" >/dev/null 2>"$TMP/err" || fail "cancel P: $(cat "$TMP/err")"
[ "$(fee "$P" CXLFEE)" = 25000 ] || fail "the plan's non-refundable fee: $(fee "$P" CXLFEE)"
grep -q "policy: non-refundable" "$TMP/err" || fail "P's message: $(cat "$TMP/err")"

# No-show: the night audit marks it and posts the first night.
N=$(book "Absent, Abe" 2026-11-25 2026-11-27)
fd --as mia audit >/dev/null 2>"$TMP/err" || fail "audit: $(cat "$TMP/err")"
[ "$(q "SELECT status FROM bookings WHERE code = '$N'")" = no_show ] || fail "no no-show"
[ "$(fee "$N" NOSHOW)" = 10000 ] || fail "no-show fee: $(fee "$N" NOSHOW)"
[ "$(q "SELECT actor FROM folio_lines WHERE code = 'NOSHOW'")" = night-audit ] || fail "no-show fee actor"
finish
