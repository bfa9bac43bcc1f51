#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Screen tests without a terminal: the headless hooks run the application
# at a given size with keys from a script and dump the screen as text.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
DUMP="$WORK/dump.txt"

run() { # SIZE KEYS [TERM]
	env TERM="${3:-xterm-256color}" FRONTDESK_UI_SIZE="$1" FRONTDESK_UI_KEYS="$2" FRONTDESK_UI_DUMP="$DUMP" \
		"$FD" --data "$DATA" || fail "exit status $? for keys: $2"
}
# screen N: the Nth dump (1-based) of the last run.
screen_n() { awk -v n="$1" '/^=====$/ { k++; next } k == n - 1' "$DUMP"; }

# Every line fits the width by display cells (CJK names are double width).
for size in 80x24 60x20 200x50; do
	run $size "<Dump> 2 <Dump> 3 <Dump> <F6> <Dump> / 山 <Dump> q"
	cols=${size%x*}
	width=$(wc -L < "$DUMP")
	[ "$width" -le "$cols" ] || fail "a line is $width cells wide at $size"
	[ "$(screen_n 1 | wc -l)" -eq "${size#*x}" ] || fail "screen at $size is not ${size#*x} lines"
	screen_n 1 | grep -q "I 山田" || fail "no in-house block at $size"
	screen_n 5 | grep -q "山田, 太郎" || fail "search for 山 did not find 山田 at $size"
done

# Help comes from the command table: board keys first, then global ones.
run 80x24 "? <Dump> q"
screen_n 1 | grep -q "Keys for Board" || fail "help title"
screen_n 1 | grep -Eq "^n +new booking" || fail "help lacks the new-booking key"
screen_n 1 | grep -Eq "^j Down +move down" || fail "help lacks j/Down"

# Monochrome terminal: state still readable from letters.
run 80x24 "<Dump> q" vt100
screen_n 1 | grep -q "R Müller" || fail "no reserved letter on vt100"

# Too small, then big enough again.
run 80x24 "<Resize:30x8> <Dump> <Resize:80x24> <Dump> q"
screen_n 1 | grep -q "terminal too small" || fail "no too-small message"
screen_n 2 | grep -q "^ 1 Board" || fail "board not back after growing"

# ':' goes to a date, a room or a booking code; a wrong one says why.
run 80x24 ": 2027-01-10 <Enter> <Dump> : $ARRIVAL <Enter> <Dump> : nowhere <Enter> <Dump> q"
screen_n 1 | grep -q "Jan 2027" || fail ": did not go to the date"
screen_n 2 | grep -q "Booking $ARRIVAL" || fail ": did not open the booking"
screen_n 3 | grep -q "is not a date (YYYY-MM-DD), a room or a booking code" || fail ": no error"

# Housekeeping: one key per status; discrepancy view (after the views by
# status, by attendant and by section).
run 80x24 "3 d <Dump> v v v <Dump> v <Dump> q"
screen_n 1 | grep -Eq "is dirty" || fail "hk key did not mark dirty"
screen_n 2 | grep -q "Discrepancies" || fail "no discrepancy view"
screen_n 2 | grep -Eq "^201 " || fail "in-house 201 (housekeeping says vacant) not a discrepancy"
screen_n 3 | grep -q "Supervisor: 8 rooms not inspected" || fail "no supervisor view"

# Detail actions ask first; anything but y changes nothing.
run 80x24 ": $ARRIVAL <Enter> c <Dump> n <Dump> q"
screen_n 1 | grep -q "Cancel booking $ARRIVAL for Müller, Anna? (y/n)" || fail "no confirmation"
screen_n 2 | grep -q "Nothing changed." || fail "declined action changed something"
fd show "$ARRIVAL" | grep -q "(reserved)" || fail "booking changed after n"
run 80x24 ": $ARRIVAL <Enter> c y <Dump> q"
screen_n 1 | grep -q "Booking $ARRIVAL cancelled." || fail "cancel did not happen"
fd show "$ARRIVAL" | grep -q "(cancelled)" || fail "booking not cancelled"

# Staff: sign on shift with one key.
fd staff add maria --name "María José" --role staff --dept housekeeping >/dev/null || fail "staff add"
run 80x24 "4 <Dump> s <Dump> q"
screen_n 1 | grep -q "maria" || fail "staff not listed"
screen_n 2 | grep -q "maria is on shift." || fail "shift not toggled"
# Housekeeping assigns a room to her, offered as the one on shift; the
# staff pane counts it.
run 80x24 "3 a <C-u> nobody <Enter> <Dump> a <Enter> <Dump> <F4> <Dump> q"
screen_n 1 | grep -q 'No staff member "nobody"' || fail "unknown attendant accepted"
screen_n 2 | grep -q "assigned to maria today" || fail "room not assigned"
screen_n 3 | grep -Eq "maria .* 0/1" || fail "staff pane does not count the assigned room"
# The form finds a guest on file: PgDn/PgUp picks them, no new guest.
guests_before=$(fd find Müller | wc -l)
run 80x24 "n Mül <Dump> <PgDn> <Dump> <F10> <Dump> q"
screen_n 1 | grep -q "1 guest on file with this name" || fail "no guest match offered"
screen_n 2 | grep -q "Müller, Anna (existing guest)" || fail "match not chosen"
screen_n 3 | grep -q "made for Müller, Anna" || fail "booking for the existing guest not made"
[ "$(fd find Müller | wc -l)" -eq $((guests_before + 1)) ] || fail "no new booking for Müller"

# Checking in a booking without a room asks for one, offering a free one.
RITA=$(fd book --guest "Roomless, Rita" --type DBL --arrive $TODAY --depart 2026-11-26) || fail "book"
run 80x24 ": $RITA <Enter> i <Dump> <Enter> <Dump> q"
screen_n 1 | grep -q "room for $RITA (DBL): 202" || fail "no room offered for check-in"
screen_n 2 | grep -q "Roomless, Rita checked in to room 202" || fail "not checked in to 202"
fd show "$RITA" | grep -q "(in house)" || fail "Rita not checked in"

# The config file rebinds keys and sets colours; a bad line is refused
# with its line number before the screen is taken.
mkdir -p "$WORK/config/frontdesk"
printf 'bind x quit\ncolor reserved white red\ncolor bar black 214\n' > "$WORK/config/frontdesk/config"
XDG_CONFIG_HOME="$WORK/config" run 80x24 "x <Dump> 2 <Dump>"
[ "$(grep -c '^=====$' "$DUMP")" -eq 1 ] || fail "x did not quit (keys after it still ran)"
printf 'color reserved purple\n' > "$WORK/config/frontdesk/config"
XDG_CONFIG_HOME="$WORK/config" FRONTDESK_UI_KEYS=q "$FD" --data "$DATA" 2>"$WORK/err" && fail "bad colour accepted"
grep -q "config line 1: expected \"color ELEMENT" "$WORK/err" || fail "no message for a bad colour: $(cat "$WORK/err")"

# T groups the board by room type instead of floor.
fd room add 301 --type STD --floor 3 >/dev/null || fail "room add"
run 80x24 "<Dump> T <Dump> q"
screen_n 1 | grep -A1 "^104 " | tail -1 | grep -q "^201 " || fail "by floor, 201 should follow 104"
screen_n 2 | grep -q "Rooms grouped by type." || fail "no grouping message"
screen_n 2 | grep -A1 "^104 " | tail -1 | grep -q "^301 " || fail "by type, 301 (STD) should follow 104"

# A terminal type without a terminfo entry gets a hint, not a crash.
TERM=no-such-term FRONTDESK_UI_KEYS=q "$FD" --data "$DATA" 2>"$WORK/err" && fail "unknown TERM accepted"
grep -q "no terminfo entry" "$WORK/err" || fail "no terminfo hint: $(cat "$WORK/err")"

# --demo: a throwaway hotel, removed on exit.
mkdir "$WORK/tmp"
TMPDIR="$WORK/tmp" FRONTDESK_UI_SIZE=80x24 FRONTDESK_UI_KEYS="<Dump> q" FRONTDESK_UI_DUMP="$DUMP" "$FD" --demo ||
	fail "--demo failed"
screen_n 1 | grep -q "Hotel Demo\|Room" || fail "--demo did not open the board"
[ -z "$(ls -A "$WORK/tmp")" ] || fail "--demo left files behind: $(ls -A "$WORK/tmp")"
exit 0
