#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A cursor move on the board sends the terminal only the cells that
# changed, never the whole screen again (what crosses a slow SSH link):
# at 200x50 (board and detail side by side) one move from an empty night to
# the next writes under 200 bytes, counted from the terminal's side (tmux
# pipe-pane). The first key once wiped the screen (reading keys from a
# never-drawn stdscr repainted it blank), sent the board again and left the
# tab bar, the status line and the key hints blank: they stay on screen.
# The cursor is hidden, so a key's update ends where its last cell was
# drawn: no move back to a window's cursor position after it (leaveok).
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

OUT="$WORK/tty.out"
# bytes KEY: the bytes the application writes for one key (tmux hands the
# pane's output to cat as it comes; the count is taken once the screen
# shows the move and the output has stopped growing).
bytes() {
	: >"$OUT"
	tmux -S "$SOCK" pipe-pane -t ui -o "cat >>'$OUT'" || fail "pipe-pane"
	keys "$1"
	i=0 last=-1 same=0
	while [ $i -lt 200 ] && [ $same -lt 6 ]; do
		sleep 0.05
		now=$(wc -c <"$OUT")
		if [ "$now" -gt 0 ] && [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; fi
		last=$now
		i=$((i + 1))
	done
	tmux -S "$SOCK" pipe-pane -t ui || fail "pipe-pane off"
	wc -c <"$OUT"
}

# ends_with_move: the output ends (after attribute resets) with a cursor
# motion: a backspace, a carriage return or CSI ... H/d/G/A/B/C/D.
ends_with_move() {
	hex=$(LC_ALL=C sed -e 's/\x1b([B0]//g; s/\x1b\[[0-9;]*m//g' "$OUT" | od -An -tx1 | tr -d ' \n')
	echo "$hex" | grep -qE '(08|0d|1b5b(3[0-9]|3b)*(48|64|47|41|42|43|44))$'
}

start 200 50
wait_for "conflicts 0"
wait_for "Enter open"
# The cursor starts on 101 (no booking) today: l and h move along its
# empty nights, then j and k between 101 and 102 three nights on, after
# Müller's stay in 102 has ended.
for k in l h l l l j k; do
	n=$(bytes $k)
	[ "$n" -gt 0 ] || fail "no output for $k"
	[ "$n" -lt 200 ] || fail "one cursor move ($k) wrote $n bytes to the terminal (under 200 expected)"
	! ends_with_move || fail "the update for $k ends by moving the hidden cursor (last bytes in hex: $(tail -c 16 "$OUT" | od -An -tx1 | tr -s " \n" " "))"
done
# Onto the bookings beside (the detail follows the cursor): back to today,
# down onto Müller's arrival in 102, up and down again, then down to 山田 in
# 201 (in house: the title and status change too). ncurses resets the
# colours before an attribute sequence that resets them anyway (ESC[39m or
# ESC[39;49m right before ESC(B ESC[m or ESC[0;...m) when it goes back to
# colour pair 0 from a colour: the detail's plain text (pair 0) after its
# cyan title, the cursor cell (pair 0) after a booking's colours. Drawn in a
# pair of their own with the default colours, none is sent; the update's
# last reset (back to normal for whatever writes next) is ncurses' own.
for k in h h h j k j j j j; do
	bytes $k >/dev/null
	[ -s "$OUT" ] || fail "no output for $k"
	# In hex: the update's trailing attribute sequences cut, then
	# ESC[39m or ESC[39;49m, an optional ESC(B, and ESC[m or ESC[0;.
	hex=$(od -An -tx1 "$OUT" | tr -d ' \n' | sed -E 's/((1b5b(3[0-9]|3b)*6d)|1b2842)+$//')
	if echo "$hex" | grep -qE '1b5b3339(3b3439)?6d(1b2842)?1b5b(30)?(3b|6d)'; then
		fail "the move ($k) reset the colours right before an attribute reset (in hex: $hex)"
	fi
done
screen | grep -q "山田" || fail "the detail does not show 山田 after moving onto 201"
screen | head -1 | grep -q "1 Board  2 Arrivals" || fail "the tab bar is gone after the moves"
screen | grep -q "Test Hotel  user" || fail "the status line is gone after the moves"
screen | grep -q "Enter open" || fail "the key hints are gone after the moves"
keys q
wait_for "EXITED 0"
exit 0
