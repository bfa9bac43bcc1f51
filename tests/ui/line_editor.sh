#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every text field edits like a shell's line: in the booking form, Home and
# C-k replace a date, End/Left/Delete/Backspace fix one digit, C-a inserts
# at the start and C-w removes the last word; the booking saves what shows.
# The search text and the ':' prompt use the same editor.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

# tmux-256color: the keys tmux sends for Home, End and Delete.
start 80 24 tmux-256color
wait_for "101"
keys :
keys -l "$ARRIVAL"
keys Enter
wait_for "Müller, Anna"
keys e
wait_for "Edit booking $ARRIVAL"
# Departure (2026-11-27): Home, C-k, then a new date.
keys Tab Tab Home C-k
wait_for "! not a date; use YYYY-MM-DD"
keys -l "2026-11-30"
wait_for "5 nights"
# 2026-11-30 -> 2026-11-29: End, Left, Delete the 0, Backspace the 3, type 29.
keys End Left DC BSpace
keys -l "29"
wait_for "4 nights"
# Notes: "late arrival", C-a, "very " in front, C-e, C-w, "check-in".
keys Tab Tab Tab Tab Tab Tab
keys -l "late arrival"
keys C-a
keys -l "very "
keys C-e C-w
keys -l "check-in"
wait_for "very late check-in"
keys F10
wait_for "Booking $ARRIVAL saved."
fd --json show "$ARRIVAL" >"$WORK/show.json" || fail "show"
grep -q '"departure":[[:space:]]*"2026-11-29"' "$WORK/show.json" || fail "departure not 2026-11-29: $(cat "$WORK/show.json")"
grep -q '"notes":[[:space:]]*"very late check-in"' "$WORK/show.json" || fail "notes not edited: $(cat "$WORK/show.json")"

# The ':' prompt: type, go Left, fix a letter with C-d, C-u clears it all.
keys :
keys -l "xyz"
keys Left Left C-d
wait_for "go to (date, room or code): xz"
keys C-u
keys -l "$ARRIVAL"
keys Enter
wait_for "Müller, Anna"
keys q
wait_for "EXITED 0"
exit 0
