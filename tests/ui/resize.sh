#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Resizing at any moment redraws correctly, in the middle of a form too; too
# small a terminal says so; side by side at 200 columns the detail follows
# the board's cursor.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel

start 80 24
wait_for "101"
keys n
wait_for "New booking"
keys -l "Größe, 李"
wait_for "Größe, 李"
tmux -S "$SOCK" resize-window -t ui -x 60 -y 20
# Both were on screen before the resize too, and a capture may fall in
# the middle of the redraw: poll until one screen holds both.
i=0
until screen | grep -q "Departure" && screen | grep -q "Größe, 李"; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "form lost at 60x20"
	sleep 0.05
done
tmux -S "$SOCK" resize-window -t ui -x 30 -y 8
wait_for "terminal too small"
tmux -S "$SOCK" resize-window -t ui -x 200 -y 50
wait_for "Größe, 李"
wait_for "Make booking"
# What was typed survives; finish the booking.
keys F10
wait_for "made for Größe, 李"
# 200 columns: board and detail side by side; the detail follows the cursor.
wait_for "Room Type HK"
keys j
wait_for "Booking $ARRIVAL"
screen | grep -q "Müller, Anna" || fail "detail does not show the booking under the cursor"
keys j j j
wait_for "Booking $INHOUSE"
tmux -S "$SOCK" resize-window -t ui -x 80 -y 24
wait_for " 1 Board"
wait_gone "Booking $INHOUSE"
keys q
wait_for "EXITED 0"
exit 0
