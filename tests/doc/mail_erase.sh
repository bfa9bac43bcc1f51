#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A mail keeps the guest's address only as long as the guest is not erased:
# erasing the guest blanks it, and a mail not sent yet never will be.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code=$(fd book --guest "Costa, Rui" --room 101 --arrive 2026-11-25 --depart 2026-11-27 --email rui@example.com) || fail "book"
fd confirmation "$code" --email >"$TMP/out" || fail "confirmation --email: $(cat "$TMP/out")"
fd mail "$code" | grep -q "rui@example.com .*queued" || fail "the mail is not queued: $(fd mail "$code")"
guest=$(sqlite3 "$DATA/frontdesk.db" "SELECT guest_id FROM bookings WHERE code = '$code'")
fd --as mia guest erase "$guest" >/dev/null || fail "erase"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT count(*) FROM mail WHERE recipient LIKE '%rui%'")" = 0 ] || fail "the address survived the erasure"
fd --json mail | grep -q '"state":[[:space:]]*"failed"' || fail "an erased guest's mail is still queued: $(fd --json mail)"
finish
