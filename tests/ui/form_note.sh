#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A long note stays in its field at 80x24: a note of many lines (written on
# the command line) drew its lines over the form below it, the button line
# included, and over the booking detail's history; a long typed note
# scrolls within the field and is saved whole.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
NOTE=$(printf 'quiet room\nextra pillows\nlate check-out\nallergic to feathers\nd\ne\nf\ng\nh\ni\nj\nk\nl')
C=$(fd book --guest "Long, Lee" --room 103 --arrive 2026-11-25 --depart 2026-11-27 --notes "$NOTE") || fail "book"
# Every line of the screen from "Notes" on, one per field and known text.
check_form() {
	screen >"$WORK/s"
	grep -q "^Notes       " "$WORK/s" || fail "no notes line"
	grep -qx " *\[ $1 \] *" "$WORK/s" || fail "the button line is not clean"
	grep -q "^Source      < walk-in >" "$WORK/s" || fail "the source line is overwritten"
	grep -qx "E-mail *" "$WORK/s" || fail "the e-mail line is overwritten"
	grep -qx "Phone *" "$WORK/s" || fail "the phone line is overwritten"
	grep -q "^Tab/Enter next field" "$WORK/s" || fail "the form's hint line is overwritten"
	grep -Eqx "[a-z] *" "$WORK/s" && fail "a line of the note is drawn outside its field"
	[ "$(wc -L <"$WORK/s")" -le 80 ] || fail "a line is wider than the screen"
}
start 80 24
wait_for "101"
keys :
keys -l "$C"
keys Enter
wait_for "Booking $C"
wait_for "quiet room extra pillows"
screen | grep -Eqx "[a-z] *" && fail "the detail draws the note's lines over the history"
keys e
wait_for "Edit booking $C"
check_form "Save changes"
keys Tab Tab Tab Tab Tab Tab Tab Tab
wait_for "Source"
check_form "Save changes"
keys Escape
wait_for "abandoned"

# A long typed note: one line, scrolled, saved whole.
keys 1
keys n
wait_for "New booking"
keys -l "Typed, Tia"
keys Tab Tab Tab Tab Tab Tab Tab Tab
LONG="A very long note about the guest who wants a quiet room far from the lift, with extra pillows and a late check-out"
keys -l "$LONG"
wait_for "late check-out"
check_form "Make booking"
keys F10
wait_for "made for Typed, Tia"
code=$(fd --json find "Typed" | jq -r '.. | objects | select(has("code")) | .code' | head -1)
[ "$(fd --json show "$code" | jq -r '.. | objects | select(has("notes")) | .notes' | head -1)" = "$LONG" ] ||
	fail "the note was not saved whole: $(fd --json show "$code")"
keys q
wait_for "EXITED 0"
exit 0
