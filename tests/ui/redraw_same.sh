#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Each key sends the terminal only what changed since the last update, and
# the hidden cursor stays wherever the last cell was drawn (leaveok), so the
# next update's short relative moves start from there. Whatever a walk over
# the board does (the cursor onto and off bookings with the detail beside
# it, the rooms scrolling by half a page, or by a row with the board
# alone, the nights by a week, pane switches back and forth), the screen
# must be exactly what a redraw from nothing (C-l) paints: the same text,
# colours and attributes in every cell (tmux capture-pane -e). A space's
# bold or foreground colour shows nothing and tmux keeps none of it for
# cells a terminal erased, so spaces are compared by what shows:
# background, reverse video and underline.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
# Enough rooms that 200x16 (11 room rows beside the detail) scrolls.
for r in 105 106 107 108 109 110; do fd room add $r --type STD --floor 1 --section A >/dev/null || fail "room add"; done
for r in 205 206 207 208; do fd room add $r --type DBL --floor 2 --section B >/dev/null || fail "room add"; done
fd book --guest "Kowalski, Jan" --room 107 --arrive 2026-11-24 --depart 2026-11-30 >/dev/null || fail "book"
fd book --guest "Øvergaard, Søren" --room 206 --arrive 2026-11-26 --depart 2026-12-03 >/dev/null || fail "book"
fd book --guest "Zoë 🌴, Lucía" --room 110 --arrive 2026-12-01 --depart 2026-12-24 >/dev/null || fail "book"

# tmux's capture leaves out what it did not see written: cells erased
# with a background colour (ECH, which ncurses sends for a run of blanks
# in a booking's colour when the rest of the line stays blank, as beside
# the board's column) and a line's trailing spaces, coloured or not (-N
# keeps those). So the application runs on xterm-256color without ech:
# every cell is written, and the capture holds what the terminal shows.
infocmp -x xterm-256color | sed -e "s/\([[:space:]]\)ech=[^,]*,/\1/" >"$WORK/xterm.ti" || fail "infocmp"
! grep -q "[^a-z]ech=" "$WORK/xterm.ti" || fail "ech left in the terminal description"
tic -x -o "$WORK/terminfo" "$WORK/xterm.ti" || fail "tic"
UI_ENV="TERMINFO=$WORK/terminfo"
full() { tmux -S "$SOCK" capture-pane -e -N -p -t ui; }

# cells FILE: the capture as one line per cell and screen line: the
# character and its visible attributes.
cells() {
	python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
st = {}
for row, line in enumerate(text.split("\n")):
    out = []
    for tok in re.findall(r"\x1b\[([0-9;]*)m|(.)", line):
        if tok[1] == "":
            ps = [int(x) if x else 0 for x in tok[0].split(";")]
            i = 0
            while i < len(ps):
                n = ps[i]
                if n == 0:
                    st = {}
                elif n in (38, 48) and i + 1 < len(ps):
                    k = 3 if ps[i + 1] == 5 else 5
                    st["fg" if n == 38 else "bg"] = tuple(ps[i + 1:i + k])
                    i += k - 1
                elif 30 <= n <= 37 or 90 <= n <= 97:
                    st["fg"] = n
                elif 40 <= n <= 47 or 100 <= n <= 107:
                    st["bg"] = n
                elif n == 39:
                    st.pop("fg", None)
                elif n == 49:
                    st.pop("bg", None)
                elif 22 <= n <= 29:
                    st.pop({22: 1, 23: 3, 24: 4, 25: 5, 27: 7, 28: 8, 29: 9}.get(n, n), None)
                    if n == 22:
                        st.pop(2, None)
                else:
                    st[n] = True
                i += 1
            continue
        ch = tok[1]
        if ch == " ":
            shown = st.get("fg", "d") if st.get(7) else st.get("bg", "d")
            attrs = "bg=%s u=%s" % (shown, bool(st.get(4)))
        else:
            attrs = " ".join("%s=%s" % (k, st[k]) for k in sorted(st, key=str))
        out.append("%d %r %s" % (row, ch, attrs))
    # Trailing default spaces are not kept by every capture.
    while out and out[-1].endswith("' ' bg=d u=False"):
        out.pop()
    print("\n".join(out))
PY
}

# settle: wait until the screen has not changed for a few polls.
settle() {
	local i=0 same=0 last="" now
	while [ $i -lt 200 ] && [ $same -lt 4 ]; do
		sleep 0.05
		now=$(full)
		if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; fi
		last=$now
		i=$((i + 1))
	done
}

# same_as_redraw WHAT: the screen now equals the one C-l paints afresh.
same_as_redraw() {
	settle
	full >"$WORK/before"
	keys C-l
	settle
	full >"$WORK/after"
	cells "$WORK/before" >"$WORK/before.cells" || fail "cells"
	cells "$WORK/after" >"$WORK/after.cells" || fail "cells"
	cmp -s "$WORK/before.cells" "$WORK/after.cells" ||
		fail "after $1 the screen differs from a fresh redraw: $(diff "$WORK/before.cells" "$WORK/after.cells" | head -20)"
}

start 200 16
wait_for "conflicts 0"
wait_for "Enter open"
# Down the rooms: onto Müller's booking (the detail fills), past the end of
# the page (a half-page jump), onto Kowalski's.
keys j
wait_for "Müller, Anna"
for k in j j j j j j j j j j; do keys $k; done
wait_for "107"
same_as_redraw "moving down past the page"
for k in k k k k k k k k k k k; do keys $k; done
same_as_redraw "moving back up"
# Along the nights, past the right edge: the board moves by a week.
for k in l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l; do keys $k; done
same_as_redraw "moving right past the last night shown"
for k in j j j j j j j j j j j j j; do keys $k; done
same_as_redraw "moving down to the last rooms"
# Pane switches: arrivals and back, housekeeping and back.
keys 2
wait_for "Arrivals ("
same_as_redraw "switching to arrivals"
keys 1
wait_for "Room Type HK"
same_as_redraw "switching back to the board"
# At 200 columns both come beside the board (it stays in view): the
# board's hints on the message line tell which pane has the keys.
keys F3
wait_for "Housekeeping queue"
wait_gone "Enter open  n new"
same_as_redraw "switching to housekeeping"
keys F1
wait_for "Enter open  n new"
same_as_redraw "switching to housekeeping and back"
keys q
wait_for "EXITED 0"
# The board alone (below 120 columns) scrolls its rooms one row at a time
# with the terminal's scroll region: what the terminal keeps and the new
# rows must add up to the board a redraw paints.
start 100 16
wait_for "conflicts 0"
wait_for "Enter open"
for k in j j j j j j j j j j j j j; do keys $k; done
wait_for "204  DBL"
same_as_redraw "scrolling down one row at a time"
for k in k k k k k k k k k k k k; do keys $k; done
same_as_redraw "scrolling back up one row at a time"
keys q
wait_for "EXITED 0"
exit 0
