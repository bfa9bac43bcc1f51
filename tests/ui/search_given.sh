#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The application's guest search ('/') answers as `frontdesk find` does:
# "ma" finds Souza, Matheus by his given name, not only family names
# beginning "Ma"; the same bookings on the screen as on the command line.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
SOUZA=$(fd book --guest "Souza, Matheus" --type STD --arrive 2026-11-26 --depart 2026-11-28) || fail "book"
MARTINS=$(fd book --guest "Martins, Ana" --type DBL --arrive 2026-11-26 --depart 2026-11-27) || fail "book"
fd book --guest "Costa, Pedro" --type STD --arrive 2026-11-26 --depart 2026-11-27 >/dev/null || fail "book"
expected=$(fd find ma | awk '{print $1}' | sort)
[ "$(echo "$expected" | wc -l)" -eq 2 ] || fail "frontdesk find ma: $expected"
echo "$expected" | grep -qx "$SOUZA" || fail "frontdesk find ma misses Souza, Matheus"

start 100 30
wait_for "Test Hotel"
keys /
wait_for "Find:"
keys -l ma
wait_for "Find: ma"
wait_for "$MARTINS"
wait_for "Souza, Matheus"
shown=$(screen | grep -oE '^[A-Z0-9]{6}  ' | tr -d ' ' | sort)
[ "$shown" = "$expected" ] || fail "'/' ma shows $(echo $shown) where frontdesk find ma lists $(echo $expected)"
keys Escape
keys q
wait_for "EXITED 0"
exit 0
