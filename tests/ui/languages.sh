#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every pane in every language (de fr es pt) at 80x24, from the build tree
# (the program finds the catalogues built next to it, as tools/quickstart
# runs it): translated, no gettext catalogue header (an empty string
# translated), no raw status or enum word (checked_in, front_office), and
# no form label running into its field. And without a UTF-8 locale
# (LANG=C) names are still names, not bytes.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add maria --name "María José" --role staff --dept housekeeping >/dev/null || fail "staff add"
fd staff add fred --name "Fred Front" --role manager --dept front_office >/dev/null || fail "staff add"
DUMP="$WORK/dump.txt"
run() { # LANGUAGE KEYS
	env TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE="$1" FRONTDESK_UI_SIZE=80x24 FRONTDESK_UI_KEYS="$2" \
		FRONTDESK_UI_DUMP="$DUMP" "$FD" --data "$DATA" || fail "exit status $? for keys: $2"
}
tr_() { LC_ALL=C.UTF-8 LANGUAGE="$1" TEXTDOMAINDIR="$top_builddir/locale" gettext -d frontdesk "$2"; }

[ -f "$top_builddir/locale/de/LC_MESSAGES/frontdesk.mo" ] || fail "no catalogues in the build tree"
# Every pane, its other views, the booking form, a booking's detail, help,
# the administration pane's sections and a staff member's record.
KEYS="<Dump> 2 <Dump> l <Dump> l <Dump> 3 <Dump> v <Dump> v <Dump> v <Dump> v <Dump> 4 <Dump>
 / Müller <Enter> <Dump> 6 <Dump> 7 <Dump> 8 <Dump> l <Dump> l <Dump> l <Dump> l <Dump> 1 n <Dump>
 <Esc> ? <Dump> <Esc> 9 <Dump> l <Dump> l <Dump> l <Dump> l <Dump> l <Dump> l <Enter> <Dump> <Esc> q"
for l in de fr es pt; do
	run $l "$(echo $KEYS)"
	# Translated: the board's tab is not English.
	grep -q "$(tr_ $l Board)" "$DUMP" || fail "$l: the board's tab is not translated"
	[ "$(tr_ $l Board)" != Board ] || fail "$l: no catalogue found for the test itself"
	if grep -n "Project-Id\|Content-Type\|MIME-Version\|Plural-Forms" "$DUMP"; then
		fail "$l: the catalogue header is on the screen"
	fi
	# (an operation's name in the history, booking.check_in, is a name)
	if sed 's/[a-z]*\.[a-z_]*//g' "$DUMP" | grep -nE "[a-z]+_[a-z]+"; then
		fail "$l: a raw status word is on the screen"
	fi
	# The booking form: each label then at least one space, whole.
	for label in Guest Arrival Departure "Room type" Room Adults Children Rate Notes; do
		t=$(tr_ $l "$label")
		grep -Eq "^$t( |$)" "$DUMP" || fail "$l: label \"$t\" is cut or touches its field"
	done
	cols=$(wc -L <"$DUMP")
	[ "$cols" -le 80 ] || fail "$l: a line is $cols cells wide"
done

# LANG=C (no UTF-8 locale): the names show as names.
UI_ENV="LC_ALL=C LANG=C" start 80 24
wait_for "101"
keys 2
wait_for "Müller, Anna"
keys l l
wait_for "山田, 太郎"
keys q
wait_for "EXITED 0"
exit 0
