#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# People read a booking's status and a room's cleanliness as words, in
# their language ("in house", "im Haus"), never as identifiers such as
# checked_in; --json keeps the identifiers programs read.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
C=$(fd book --guest "Word, Wanda" --room 101 --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
fd hk 101 dirty >/dev/null || fail "mark dirty"
expect_refused 1 "Room 101 is dirty, not clean yet" -- fd checkin "$C"
fd hk 101 clean >/dev/null && fd checkin "$C" >/dev/null || fail "check in"

fd show "$C" >"$TMP/show" 2>&1 || fail "show"
grep -q "^Booking   $C (in house)" "$TMP/show" || fail "show does not say in house: $(cat "$TMP/show")"
grep -q "checked_in" "$TMP/show" && fail "show prints an identifier: $(cat "$TMP/show")"
fd folio "$C" >"$TMP/folio" 2>&1 || fail "folio"
grep -q "(in house)" "$TMP/folio" || fail "folio does not say in house: $(cat "$TMP/folio")"
grep -q "checked_in" "$TMP/folio" && fail "folio prints an identifier: $(cat "$TMP/folio")"
[ "$(fd --json show "$C" | jq -r .booking.status)" = checked_in ] || fail "--json show keeps the identifier"

# Core's refusals name the status as a word too.
expect_refused 1 "can check in; $C is in house\\." -- fd checkin "$C"
expect_refused 1 "can be cancelled; $C is in house\\." -- fd cancel "$C" --reason "test"
grep -q "checked_in" "$TMP/err" && fail "a refusal names an identifier: $(cat "$TMP/err")"

# ... in the reader's language.
de() { env LC_ALL= LANG=de_DE.UTF-8 LANGUAGE=de "$FD" --data "$DATA" "$@"; }
de show "$C" | grep -q "(im Haus)" || fail "German show: $(de show "$C")"
de checkin "$C" 2>"$TMP/err" && fail "checked in twice"
grep -q "im Haus" "$TMP/err" || fail "German refusal: $(cat "$TMP/err")"
finish
