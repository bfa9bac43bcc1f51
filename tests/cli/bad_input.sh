#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command refuses bad input with a message, a non-zero status and no
# change to the database.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code=$(fd book --guest "Costa, Rui" --type STD --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
other=$(fd book --guest "Lee, Min" --room 102 --arrive 2026-11-25 --depart 2026-11-26) || fail "book with room"
fd assign "$code" 101 >/dev/null || fail "assign"

expect_refused 2 "not a valid date" -- fd book --guest X --type STD --arrive 2026-02-30 --depart 2026-03-02
expect_refused 2 "not a valid date" -- fd book --guest X --type STD --arrive 2026-12-01 --depart tomorrow
expect_refused 1 "after the arrival" -- fd book --guest X --type STD --arrive 2026-12-03 --depart 2026-12-01
expect_refused 2 "required" -- fd book --guest X --arrive 2026-12-01 --depart 2026-12-02
expect_refused 1 "No room type" -- fd book --guest X --type XXX --arrive 2026-12-01 --depart 2026-12-02
expect_refused 1 "No room" -- fd book --guest X --room 999 --arrive 2026-12-01 --depart 2026-12-02
# A family name typed before a comma is checked whole, not cut to fit.
long=$(printf '%0200d' 0 | tr 0 X)
expect_refused 1 "at most 127 bytes" -- fd book --guest "$long, Ana" --type STD --arrive 2026-12-01 --depart 2026-12-02
expect_refused 1 "at most 2 guests" -- fd book --guest X --type STD --adults 3 --arrive 2026-12-01 --depart 2026-12-02
expect_refused 2 "--rate" -- fd book --guest X --type STD --rate 12.345 --arrive 2026-12-01 --depart 2026-12-02
expect_refused 2 "--adults" -- fd book --guest X --type STD --adults many --arrive 2026-12-01 --depart 2026-12-02
expect_refused 1 "already taken" -- fd book --guest X --room 101 --arrive 2026-11-26 --depart 2026-11-28
expect_refused 2 "unknown option" -- fd book --guest X --type STD --arrive 2026-12-01 --depart 2026-12-02 --colour red
expect_refused 1 "No booking" -- fd checkin NOPE42
expect_refused 1 "already taken" -- fd assign "$other" 101
expect_refused 1 "No room" -- fd assign "$code" 999
fd hk 101 dirty >/dev/null
expect_refused 1 "not clean" -- fd checkin "$code"
fd hk 101 clean >/dev/null
expect_refused 1 "Only an in-house" -- fd checkout "$code"
expect_refused 1 "cannot be a no-show\|no-show before" -- fd noshow "$(fd book --guest Late --type DLX --arrive 2026-12-10 --depart 2026-12-11)"
expect_refused 2 "not a cleaning status" -- fd hk 101 sparkling
expect_refused 1 "No room" -- fd hk 999 clean
expect_refused 2 "required" -- fd ooo 103 --from 2026-12-01 --to 2026-12-03
expect_refused 1 "after the start" -- fd ooo 103 --from 2026-12-03 --to 2026-12-01 --reason paint
expect_refused 1 "booked" -- fd ooo 101 --from 2026-11-25 --to 2026-11-27 --reason paint
expect_refused 1 "No guest" -- fd guest erase 00000000-0000-4000-8000-00000000dead
expect_refused 1 "may not" -- fd --as anna guest erase 00000000-0000-4000-8000-00000000dead
expect_refused 1 "unknown or disabled" -- fd --as ghost hk 103 clean
expect_refused 2 "unknown command" -- fd explode
expect_refused 1 "Unknown field" -- fd op room.set_flags '{"room":"101","dnd":true,"colour":"red"}'
expect_refused 1 "must be" -- fd op room.set_flags '{"room":"101","dnd":"yes"}'
expect_refused 1 "already exists" -- fd init --property Again --currency EUR --timezone UTC
expect_refused 1 "ISO 4217" -- "$FD" --data "$TMP/other" init --property X --currency EURO --timezone UTC

# op --batch reads a line whole however long, so a broken line is named by
# its own number.
pad=$(printf '%9000s' '')
{
	echo "{\"type\":\"room.create\",\"payload\":{$pad\"id\":\"00000000-0000-4000-8000-000000000104\",\"number\":\"104\",\"type\":\"STD\",\"floor\":1}}"
	echo '{"type":'
} >"$TMP/batch.jsonl"
fd op --batch "$TMP/batch.jsonl" >"$TMP/out" 2>"$TMP/err"
[ $? = 1 ] || fail "a batch with a broken line exits 1"
grep -q "line 2: expected" "$TMP/err" || fail "the broken line is line 2: $(cat "$TMP/err")"
grep -q "line [13]" "$TMP/err" && fail "a long line was read in pieces: $(cat "$TMP/err")"
fd rooms | grep -q "^104 " || fail "the long line's room was made: $(fd rooms)"
finish
