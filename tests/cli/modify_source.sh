#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Where a booking came from can be corrected after booking, through the
# same operation as every other change (booking.modify); a source that is
# not a channel is refused and changes nothing.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
C=$(fd book --guest "Source, Sam" --type STD --arrive 2026-11-26 --depart 2026-11-27 --source phone) || fail "book"
fd modify "$C" --source ota >/dev/null 2>"$TMP/err" || fail "modify --source: $(cat "$TMP/err")"
[ "$(fd --json show "$C" | jq -r .booking.source)" = ota ] || fail "the source did not change: $(fd --json show "$C" | jq -r .booking.source)"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT type FROM audit_log ORDER BY seq DESC LIMIT 1")" = booking.modify ] ||
	fail "not through booking.modify"
expect_refused 1 'Unknown source "fax"' -- fd modify "$C" --source fax
finish
