#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Money in the user's locale (LC_MONETARY through the C library): with
# LANG=de_DE.UTF-8 the booking's rate and the folio's lines and totals read
# "1.234,50", in French "1 234,50" (the locale's group mark), and in the C
# locale "1,234.50" as before; the command line's --json stays in minor
# units whatever the locale.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
CODE=$(fd book --guest "Rich, Ray" --room 103 --arrive 2026-11-25 --depart 2026-11-27 --rate 1234.50) || fail "book"
fd post "$CODE" FB 2469.00 >/dev/null || fail "post"

open_code() {
	keys :
	keys -l "$CODE"
	keys Enter
	wait_for "$CODE"
}

use_locale de_DE
UI_ENV="$LOCALE_ENV" start 80 24
wait_for "101"
open_code
wait_for "1.234,50 EUR"
keys f
wait_for "2.469,00"
screen | grep -q "1,234.50\|2,469.00" && fail "English marks in German"
keys q
wait_for "EXITED 0"

use_locale fr_FR
UI_ENV="$LOCALE_ENV" start 80 24
wait_for "101"
open_code
sep=$(env $LOCALE_ENV locale mon_thousands_sep 2>/dev/null)
[ -n "$sep" ] || sep=" "
wait_for "1${sep}234,50 EUR"
keys q
wait_for "EXITED 0"

UI_ENV="" start 80 24
wait_for "101"
open_code
wait_for "1,234.50 EUR"
keys q
wait_for "EXITED 0"

[ "$(LC_ALL= LANG=de_DE.UTF-8 fd --json folio "$CODE" | jq -r .balance_minor)" = 246900 ] || fail "--json in German"
exit 0
