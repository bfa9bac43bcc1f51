#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A booking's deposit on 'show CODE' (text and --json "deposit"): what it
# owes by when, what its folio holds, and OVERDUE / "overdue": true; the
# deposits-due list and the flag judge by the same rule (a rate plan's
# deposit policy before the property's; payments on the folio cover it).
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code() { sed -n 's/.*\([A-Z0-9]\{6\}\).*/\1/p' "$TMP/out" | head -1; }
book() { fd book --guest "$1" --type STD --arrive "$2" --depart "$3" --new-guest >"$TMP/out" 2>"$TMP/err" || fail "book $1: $(cat "$TMP/err")"; code; }
dep() { fd --json show "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin)["deposit"]; print("none" if d is None else "%s:%s:%s:%s" % (d["due"], d["required_minor"], d["missing_minor"], d["overdue"]))'; }

fd --as mia settings --deposit-policy "30% 3 days before arrival" >/dev/null 2>"$TMP/err" || fail "settings: $(cat "$TMP/err")"
D=$(book "Due, Dan" 2026-11-27 2026-11-29)     # 60.00 due 11-24: overdue
F=$(book "Paid, Pia" 2026-11-28 2026-11-30)    # due 11-25, paid
fd pay "$F" card 60.00 --ref T1 --last4 4242 >/dev/null 2>"$TMP/err" || fail "deposit F: $(cat "$TMP/err")"
E=$(book "Far, Fay" 2026-12-10 2026-12-12)     # due 12-07
# A plan asking the first night at booking: overdue at once, unpaid.
fd --as mia plan add DEP --name "Deposit first" --deposit "first-night at booking" >/dev/null 2>"$TMP/err" || fail "plan: $(cat "$TMP/err")"
fd --as mia rates set DEP STD --from 2026-12-01 --to 2026-12-05 80.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"
fd book --guest "Plan, Pam" --type STD --arrive 2026-12-01 --depart 2026-12-03 --plan DEP --new-guest >"$TMP/out" 2>"$TMP/err" || fail "book P: $(cat "$TMP/err")"
P=$(code)

[ "$(dep "$D")" = "2026-11-24:6000:6000:True" ] || fail "D's deposit: $(dep "$D")"
[ "$(dep "$F")" = "2026-11-25:6000:0:False" ] || fail "F's deposit: $(dep "$F")"
[ "$(dep "$E")" = "2026-12-07:6000:6000:False" ] || fail "E's deposit: $(dep "$E")"
[ "$(dep "$P")" = "None:8000:8000:True" ] || fail "P's deposit (the plan's policy): $(dep "$P")"
fd show "$D" >"$TMP/out" || fail "show D"
grep -q "Deposit: 60.00 EUR due 2026-11-24, held 0.00 EUR, missing 60.00 EUR: OVERDUE." "$TMP/out" || fail "D's text: $(cat "$TMP/out")"
fd show "$F" >"$TMP/out" || fail "show F"
grep -q "Deposit: 60.00 EUR due 2026-11-25, held 60.00 EUR: covered." "$TMP/out" || fail "F's text: $(cat "$TMP/out")"
grep -q "OVERDUE" "$TMP/out" && fail "F is paid: $(cat "$TMP/out")"
fd show "$P" >"$TMP/out" || fail "show P"
grep -q "Deposit: 80.00 EUR due at booking, held 0.00 EUR, missing 80.00 EUR: OVERDUE." "$TMP/out" || fail "P's text: $(cat "$TMP/out")"

# The list says the same of the same bookings.
fd --json deposits --days 20 >"$TMP/dep" || fail "deposits"
got=$(python3 -c 'import json,sys; print(" ".join("%s:%s" % (d["code"], d["overdue"]) for d in json.load(open(sys.argv[1]))))' "$TMP/dep")
[ "$got" = "$D:True $P:True $E:False" ] || fail "deposits due: $got"

# Checked in: the deposit is no longer the desk's to chase.
C=$(book "Here, Hal" 2026-11-25 2026-11-26)
[ "$(dep "$C")" = "2026-11-22:3000:3000:True" ] || fail "C's deposit: $(dep "$C")"
fd checkin "$C" --room 101 >/dev/null 2>"$TMP/err" || fail "checkin C: $(cat "$TMP/err")"
[ "$(dep "$C")" = none ] || fail "C is in house: $(dep "$C")"
# Paying the rest clears the flag.
fd pay "$D" cash 60.00 >/dev/null || fail "pay D"
[ "$(dep "$D")" = "2026-11-24:6000:0:False" ] || fail "D paid: $(dep "$D")"
finish
