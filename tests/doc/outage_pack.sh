#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The outage pack: what a desk prints when its terminal fails. Every list
# for today (and arrivals and departures for tomorrow) as text and PDF,
# with the right rows; a folder that cannot be written is refused.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
arr=$(fd book --guest "Αλεξίου, Μαρία" --room 102 --arrive 2026-11-25 --depart 2026-11-28) || fail "book arrival"
inh=$(fd book --guest "Costa, Rui" --room 101 --arrive 2026-11-25 --depart 2026-11-26) || fail "book in house"
tom=$(fd book --guest "Lee, Min" --type DLX --arrive 2026-11-26 --depart 2026-11-27) || fail "book tomorrow"
fd hk 101 clean >/dev/null && fd checkin "$inh" >/dev/null || fail "check in"
fd hk 103 dirty >/dev/null || fail "dirty 103"
fd hk 201 inspected >/dev/null || fail "inspected 201"

fd outage-pack "$TMP/pack" >"$TMP/out" || fail "outage-pack: $(cat "$TMP/out")"
grep -q "Wrote 14 files" "$TMP/out" || fail "expected 14 files: $(cat "$TMP/out")"
for f in arrivals-2026-11-25 arrivals-2026-11-26 departures-2026-11-25 departures-2026-11-26 in-house-2026-11-25 \
	rooms-2026-11-25 housekeeping-2026-11-25; do
	[ -s "$TMP/pack/$f.txt" ] && [ -s "$TMP/pack/$f.pdf" ] || fail "$f missing"
done
grep -q "$arr .*Αλεξίου, Μαρία .*102" "$TMP/pack/arrivals-2026-11-25.txt" || fail "today's arrival: $(cat "$TMP/pack/arrivals-2026-11-25.txt")"
grep -q "$tom" "$TMP/pack/arrivals-2026-11-26.txt" || fail "tomorrow's arrival missing"
grep -q "$tom" "$TMP/pack/arrivals-2026-11-25.txt" && fail "tomorrow's arrival listed today"
grep -q "$inh .*Costa, Rui" "$TMP/pack/in-house-2026-11-25.txt" || fail "in house"
grep -q "$inh" "$TMP/pack/departures-2026-11-26.txt" || fail "tomorrow's departure"
grep -q "None." "$TMP/pack/departures-2026-11-25.txt" || fail "no departures today should say None."
pdftotext -enc UTF-8 "$TMP/pack/arrivals-2026-11-25.pdf" - | grep -q "Αλεξίου" || fail "the PDF lacks the Greek name"
pdftotext "$TMP/pack/rooms-2026-11-25.pdf" - | grep -q "201" || fail "room status PDF"
# The housekeeping queue: the dirty room, not the inspected one.
grep -q "^103 .*dirty" "$TMP/pack/housekeeping-2026-11-25.txt" || fail "the dirty room is not in the queue"
grep -q "^201 " "$TMP/pack/housekeeping-2026-11-25.txt" && fail "an inspected room is in the queue"
[ -z "$(ls "$TMP/pack" | grep tmp)" ] || fail "temporary files left behind"
expect_refused 3 "Cannot create" -- fd outage-pack /nonexistent/dir/pack
finish
