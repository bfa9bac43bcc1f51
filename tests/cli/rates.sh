#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rate integrity (issue 12): a rate of 0 or below the room type's base needs
# a reason (kept in the audit log), far below it a manager; changing the
# room type asks whether to take the new type's rate. Refusals exit 1, say
# why and change nothing.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
q() { sqlite3 "$DATA/frontdesk.db" "$1"; }

expect_refused 1 "below room type STD's base rate 100.00" -- fd --as anna book --guest "Low, Lou" --type STD --arrive 2026-12-01 --depart 2026-12-02 --rate 90
expect_refused 1 "needs a reason" -- fd --as mia book --guest "Free, Fay" --type STD --arrive 2026-12-01 --depart 2026-12-02 --rate 0
expect_refused 1 "a manager must set it" -- fd --as anna book --guest "Low, Lou" --type STD --arrive 2026-12-01 --depart 2026-12-02 --rate 50 --rate-reason "friend"
C=$(fd --as anna book --guest "Low, Lou" --type STD --arrive 2026-12-01 --depart 2026-12-02 --rate 90 --rate-reason "corporate rate") || fail "a discount with a reason"
[ "$(q "SELECT count(*) FROM audit_log WHERE type = 'booking.create' AND payload LIKE '%corporate rate%'")" = 1 ] || fail "the reason is in the audit log"
fd --as mia book --guest "Free, Fay" --type STD --arrive 2026-12-01 --depart 2026-12-02 --rate 0 --rate-reason "house use" >/dev/null || fail "a manager's complimentary stay"

# A new room type: take its rate or keep the booking's.
expect_refused 1 "takes DLX's rate 150.00" -- fd --as anna modify "$C" --type DLX
expect_refused 2 "not both" -- fd --as anna modify "$C" --type DLX --take-rate --keep-rate
expect_refused 1 "needs a reason\|give the reason" -- fd --as anna modify "$C" --type DLX --keep-rate
fd --as anna modify "$C" --type DLX --take-rate >/dev/null || fail "take the new rate"
[ "$(q "SELECT rate FROM bookings WHERE code = '$C'")" = 15000 ] || fail "DLX's rate taken"

# The manager's line is a setting.
fd settings --rate-discount-max 60 >/dev/null || fail "settings"
fd settings | grep -q "60%" || fail "the setting is shown"
fd --as anna book --guest "Low, Lou" --type STD --arrive 2026-12-01 --depart 2026-12-02 --rate 50 --rate-reason "friend" --new-guest >/dev/null || fail "within the new line"
expect_refused 2 "rate-discount-max" -- fd settings --rate-discount-max 101
finish
