#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One rule for free text, whichever way it comes in: no escape sequences
# anywhere (a note with ESC[2J must not reach another desk's screen or a
# CSV), tabs and line breaks only in fields people write several lines in.
# A refusal names the field (and the file's line) and changes nothing.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
esc=$(printf '\033')
tab=$(printf '\t')

# A booking file: a note with ESC[2J is refused with its line and column,
# and nothing of the file is imported.
cat >"$TMP/b.csv" <<EOS
arrival,departure,type,adults,rate,status,guest,notes
2026-10-01,2026-10-03,STD,2,90.00,checked_out,"Silva, Ana",quiet room
2026-10-02,2026-10-04,DLX,1,120.00,checked_out,"Berg, Ole",a${esc}[2Jb
EOS
expect_refused 1 "b.csv:3: .*notes.*control character" -- fd import bookings "$TMP/b.csv"
# ... and so is an escape in a name, or a line break in one.
printf 'arrival,departure,type,adults,rate,status,guest\n2026-10-01,2026-10-03,STD,2,90.00,checked_out,"Silva\033]0;x\007, Ana"\n' >"$TMP/n.csv"
expect_refused 1 "n.csv:2: .*guest.*control character" -- fd import bookings "$TMP/n.csv"
printf 'arrival,departure,type,adults,rate,status,guest\n2026-10-01,2026-10-03,STD,2,90.00,checked_out,"Silva\nAna"\n' >"$TMP/l.csv"
expect_refused 1 "guest.*control character" -- fd import bookings "$TMP/l.csv"
# A note may have several lines (a quoted CSV cell).
printf 'arrival,departure,type,adults,rate,status,guest,notes\n2026-10-01,2026-10-03,STD,2,90.00,checked_out,"Lima, Rui","line one\nline two"\n' >"$TMP/ok.csv"
fd import bookings "$TMP/ok.csv" >/dev/null 2>"$TMP/err" || fail "a two-line note was refused: $(cat "$TMP/err")"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT count(*) FROM bookings WHERE notes = 'line one' || char(10) || 'line two'")" = 1 ] ||
	fail "the two-line note was not imported whole"

# A tab or a line break in a one-line field is refused; in notes it is kept.
expect_refused 1 'family.*control character' -- fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000f1","family":"Tab\tby"}'
expect_refused 1 'family.*control character' -- fd book --guest "Tab${tab}by, Tina" --type STD --arrive 2026-11-25 --depart 2026-11-26
expect_refused 1 'given.*control character' -- fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000f1","family":"Line","given":"a\nb"}'
fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000f2","family":"Notes","notes":"one\ttwo\nthree"}' >/dev/null 2>"$TMP/err" ||
	fail "a tab and a line break in notes were refused: $(cat "$TMP/err")"
finish
