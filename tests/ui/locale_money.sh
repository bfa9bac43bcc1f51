#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Money in the user's locale (LC_MONETARY through the C library): with
# LANG=de_DE.UTF-8 the booking's rate and the folio's lines and totals read
# "1.234,50", in French "1 234,50" (the locale's group mark), and in the C
# locale "1,234.50" as before; the command line's --json stays in minor
# units whatever the locale.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
# The system's locale, or one made here when the system has none.
locale_for() { # NAME: sets LOCPATH_ENV for the application
	LOCPATH_ENV=""
	if ! locale -a 2>/dev/null | grep -qix "$1.utf-\?8"; then
		mkdir -p "$WORK/locale"
		localedef -i "$1" -c -f UTF-8 "$WORK/locale/$1.UTF-8" 2>/dev/null || fail "no $1.UTF-8 locale (tools/install-deps makes it)"
		LOCPATH_ENV="LOCPATH=$WORK/locale"
	fi
}
CODE=$(fd book --guest "Rich, Ray" --room 103 --arrive 2026-11-25 --depart 2026-11-27 --rate 1234.50) || fail "book"
fd post "$CODE" FB 2469.00 >/dev/null || fail "post"

open_code() {
	keys :
	keys -l "$CODE"
	keys Enter
	wait_for "$CODE"
}

locale_for de_DE
UI_ENV="LC_ALL= LANG=de_DE.UTF-8 $LOCPATH_ENV" start 80 24
wait_for "101"
open_code
wait_for "1.234,50 EUR"
keys f
wait_for "2.469,00"
screen | grep -q "1,234.50\|2,469.00" && fail "English marks in German"
keys q
wait_for "EXITED 0"

locale_for fr_FR
UI_ENV="LC_ALL= LANG=fr_FR.UTF-8 $LOCPATH_ENV" start 80 24
wait_for "101"
open_code
sep=$(LC_ALL=fr_FR.UTF-8 ${LOCPATH_ENV:+env $LOCPATH_ENV} locale mon_thousands_sep 2>/dev/null)
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
