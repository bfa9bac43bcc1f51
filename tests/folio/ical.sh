#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# iCalendar: the export parsed by a real parser (python3-icalendar); an
# OTA feed imported as room blocks, idempotently, never as bookings.
. "$top_srcdir/tests/folio/lib.sh"
"$PY" -c "import icalendar" || fail "python3-icalendar is missing (apt-get install python3-icalendar)"
"$FIXTURE" "$D" 2026-03-01 2 || fail fixture
fd book --guest "Secret, Jane" --room 101 --arrive 2026-03-02 --depart 2026-03-05 >/dev/null || fail book1
fd book --guest "Other, Sam" --type STD --arrive 2026-03-03 --depart 2026-03-04 >/dev/null || fail book2
fd ooo 102 --from 2026-03-10 --to 2026-03-12 --reason paint >/dev/null || fail ooo

# events: "UID|start|end|summary|all-day" per line, sorted by start
events() {
	"$PY" -c '
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
assert cal["VERSION"] == "2.0" and "PRODID" in cal
for e in sorted(cal.walk("VEVENT"), key=lambda e: e["DTSTART"].dt):
    s, t = e["DTSTART"].dt, e["DTEND"].dt
    allday = type(s) is datetime.date and type(t) is datetime.date
    assert "DTSTAMP" in e and "UID" in e
    print("%s|%s|%s|%s" % (s, t, e["SUMMARY"], allday))
' "$1"
}
fd ical export --room 101 --from 2026-03-01 --to 2026-04-01 >"$TMP/r101.ics" || fail "export room"
[ "$(events "$TMP/r101.ics")" = "2026-03-02|2026-03-05|Not available (booked)|True" ] || fail "room feed: $(events "$TMP/r101.ics")"
grep -q Secret "$TMP/r101.ics" && fail "a guest's name leaked into the feed"
head -1 "$TMP/r101.ics" | od -c | grep -q '\\r' || fail "lines end in CRLF"
fd ical export --room 102 --from 2026-03-01 --to 2026-04-01 >"$TMP/r102.ics" || fail "export room 102"
[ "$(events "$TMP/r102.ics")" = "2026-03-10|2026-03-12|Not available (out of order)|True" ] || fail "OOO in the feed"
fd ical export --type STD --from 2026-03-01 --to 2026-04-01 >"$TMP/std.ics" || fail "export type"
[ "$(events "$TMP/std.ics")" = "2026-03-03|2026-03-04|Not available|True" ] || fail "type feed: $(events "$TMP/std.ics")"
expect_fail "type" fd ical export --room 101 --type STD
expect_fail "No room" fd ical export --room 999

# An OTA feed: a reservation and a "Not available" placeholder, one of
# them with date-times.
cat >"$TMP/ota.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Airbnb Inc//Hosting Calendar 0.8.8//EN
CALSCALE:GREGORIAN
BEGIN:VEVENT
DTSTAMP:20260301T120000Z
DTSTART;VALUE=DATE:20260315
DTEND;VALUE=DATE:20260318
UID:1418fb94e984-a6b2b7e5d2d9b3d3e5c4e7e5@airbnb.com
SUMMARY:Reserved
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20260301T120000Z
DTSTART:20260401T150000Z
DTEND:20260403T110000Z
UID:7f3ac6a0b2c1-placeholder@airbnb.com
SUMMARY:Airbnb (Not available)
END:VEVENT
END:VCALENDAR
ICS
bookings() { sqlite3 "$D/frontdesk.db" "SELECT count(*) FROM bookings"; }
nb=$(bookings)
fd ical import "$TMP/ota.ics" --room 102 | grep -q "2 block(s) added" || fail "import feed"
[ "$(bookings)" = "$nb" ] || fail "feed events must not become bookings"
[ "$(sqlite3 "$D/frontdesk.db" "SELECT count(*) FROM room_blocks WHERE room='102'")" = 2 ] || fail "two blocks"
before=$(dbsum)
fd ical import "$TMP/ota.ics" --room 102 | grep -q "0 block(s) added or changed, 2 unchanged, 0 removed" || fail "re-import"
[ "$(dbsum)" = "$before" ] || fail "re-importing the same feed changed the database"
# The block takes room 102 out of inventory: one STD room left on 03-16.
fd book --guest One --type STD --arrive 2026-03-16 --depart 2026-03-17 >/dev/null || fail "first booking"
expect_fail "sold out" fd book --guest Two --type STD --arrive 2026-03-16 --depart 2026-03-17
fd ical export --room 102 --from 2026-03-01 --to 2026-05-01 >"$TMP/r102b.ics" || fail export2
[ "$(events "$TMP/r102b.ics" | cut -d'|' -f1,2,4 | tr '\n' ' ')" = "2026-03-10|2026-03-12|True 2026-03-15|2026-03-18|True 2026-04-01|2026-04-03|True " ] || fail "blocks in the feed: $(events "$TMP/r102b.ics")"
# An event that leaves the feed is unblocked; other junk is refused.
awk '/BEGIN:VEVENT/ { ev = $0; inev = 1; next }
     inev { ev = ev "\n" $0; if (/END:VEVENT/) { if (ev ~ /placeholder/) print ev; inev = 0 }; next }
     { print }' "$TMP/ota.ics" >"$TMP/ota2.ics"
grep -q placeholder "$TMP/ota2.ics" && ! grep -q 20260315 "$TMP/ota2.ics" || fail "test feed"
fd ical import "$TMP/ota2.ics" --room 102 --source ota.ics | grep -q "0 block(s) added or changed, 1 unchanged, 1 removed" || fail "removed event"
echo "not a calendar" >"$TMP/junk.ics"
before=$(dbsum)
expect_fail "not a complete iCalendar" fd ical import "$TMP/junk.ics" --room 102
head -8 "$TMP/ota.ics" >"$TMP/cut.ics"
expect_fail "not a complete iCalendar" fd ical import "$TMP/cut.ics" --room 102
sed 's/^DTSTART;VALUE=DATE:20260315/DTSTART;VALUE=DATE:20260325/' "$TMP/ota.ics" >"$TMP/back.ics"
expect_fail "ends before it starts" fd ical import "$TMP/back.ics" --room 102
grep -v '^DTSTART;VALUE=DATE:20260315' "$TMP/ota.ics" >"$TMP/nostart.ics"
expect_fail "no valid DTSTART" fd ical import "$TMP/nostart.ics" --room 102
grep -q "nostart.ics:5: event 1418" "$TMP/err" || fail "the refusal does not name the event's line: $(cat "$TMP/err")"
grep -v '^UID:1418' "$TMP/ota.ics" >"$TMP/nouid.ics"
expect_fail "no usable UID" fd ical import "$TMP/nouid.ics" --room 102
expect_fail "No room" fd ical import "$TMP/ota.ics" --room 999
[ "$(dbsum)" = "$before" ] || fail "a refused feed changed the database"

# An OTA cancels a reservation: the event stays in its feed with
# STATUS:CANCELLED, and the room is free again (not a new block).
sed 's/^SUMMARY:Reserved$/SUMMARY:Reserved\nSTATUS:CANCELLED/' "$TMP/ota.ics" >"$TMP/cancel.ics"
grep -q "STATUS:CANCELLED" "$TMP/cancel.ics" || fail "test feed with a cancellation"
fd ical import "$TMP/ota.ics" --room 102 --source ota.ics | grep -q "1 block(s) added" || fail "re-block before the cancellation"
fd ical import "$TMP/cancel.ics" --room 102 --source ota.ics >"$TMP/out" || fail "import a cancellation"
grep -q "1 removed (1 cancelled in the feed)" "$TMP/out" || fail "the cancelled event was not unblocked: $(cat "$TMP/out")"
[ "$(sqlite3 "$D/frontdesk.db" "SELECT count(*) FROM room_blocks WHERE room='102' AND uid LIKE '1418%'")" = 0 ] ||
	fail "a cancelled OTA booking still blocks the room"
[ "$(sqlite3 "$D/frontdesk.db" "SELECT count(*) FROM room_blocks WHERE room='102'")" = 1 ] || fail "a cancelled event became a block"

# Exported UIDs name the hotel, so two hotels' feeds never share one.
prop=$(sqlite3 "$D/frontdesk.db" "SELECT id FROM property")
perl -0pe 's/\r\n[ \t]//g' "$TMP/r101.ics" >"$TMP/r101.unfolded" # RFC 5545 folds long lines
grep -q "^UID:.*@$prop.frontdesk" "$TMP/r101.unfolded" || fail "UIDs do not name the property: $(grep ^UID "$TMP/r101.unfolded")"
exit 0
