#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Channel feeds (issue 15, doc/channel-feed.md): availability, prices and
# restrictions per plan, room type and date as JSON, CSV and the OpenTravel
# OTA_HotelAvailNotifRQ subset; each parsed, and its numbers checked.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel

fd --as mia plan add BAR --name "Best available" >/dev/null 2>"$TMP/err" || fail "plan: $(cat "$TMP/err")"
fd --as mia plan add STAFF --name "Staff rate" --kind hidden >/dev/null 2>"$TMP/err" || fail "hidden plan: $(cat "$TMP/err")"
fd --as mia rates set BAR STD --from 2026-11-25 --to 2026-11-26 100.00 >/dev/null 2>"$TMP/err" || fail "rates: $(cat "$TMP/err")"
fd --as mia rates set BAR STD --from 2026-11-25 --to 2026-11-26 90.00 --adults 1 >/dev/null 2>"$TMP/err" || fail "rates 1: $(cat "$TMP/err")"
fd --as mia restrict BAR STD --from 2026-11-26 --to 2026-11-26 --min-stay 2 --cta >/dev/null 2>"$TMP/err" || fail "restrict: $(cat "$TMP/err")"
# STD (3 rooms): one sold on the 25th, one held by a block on the 26th.
fd book --guest "Feed, Fay" --type STD --arrive 2026-11-25 --depart 2026-11-26 >/dev/null || fail "book"
fd block add Tour --type STD --rooms 1 --from 2026-11-26 --to 2026-11-27 --cutoff 2026-11-25 >/dev/null || fail "block"

fd feed --from 2026-11-25 --to 2026-11-27 >"$TMP/feed.json" 2>"$TMP/err" || fail "feed json: $(cat "$TMP/err")"
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["currency"] == "EUR" and d["from"] == "2026-11-25" and d["to"] == "2026-11-27", d
for r in d["rows"]:
    print(r["plan"], r["type"], r["date"], r["available"], r["price_minor"], r["price_1_minor"], r["min_stay"], r["closed_to_arrival"], r["stop_sell"])
' "$TMP/feed.json" | tr '\n' '|')
[ "$got" = "BAR STD 2026-11-25 2 10000 9000 0 False False|BAR STD 2026-11-26 2 10000 9000 2 True False|BAR DLX 2026-11-25 1 None None 0 False False|BAR DLX 2026-11-26 1 None None 0 False False|" ] || fail "feed json rows: $got"

fd feed --from 2026-11-25 --to 2026-11-27 --format csv >"$TMP/feed.csv" || fail "feed csv"
got=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(len(rows), ";".join("%s %s %s %s %s" % (r["type"], r["date"], r["available"], r["price"], r["closed_to_arrival"]) for r in rows if r["type"] == "STD"))
' "$TMP/feed.csv")
[ "$got" = "4 STD 2026-11-25 2 100.00 0;STD 2026-11-26 2 100.00 1" ] || fail "feed csv: $got"

fd feed --from 2026-11-25 --to 2026-11-27 --ota >"$TMP/feed.xml" || fail "feed ota"
xmllint --noout "$TMP/feed.xml" || fail "the OTA message is not well-formed XML"
got=$(python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"o": "http://www.opentravel.org/OTA/2003/05"}
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.opentravel.org/OTA/2003/05}OTA_HotelAvailNotifRQ", root.tag
for m in root.findall("o:AvailStatusMessages/o:AvailStatusMessage", ns):
    c = m.find("o:StatusApplicationControl", ns)
    los = ",".join("%s=%s" % (l.get("MinMaxMessageType"), l.get("Time")) for l in m.findall("o:LengthsOfStay/o:LengthOfStay", ns))
    r = m.find("o:RestrictionStatus", ns)
    print(c.get("RatePlanCode"), c.get("InvTypeCode"), c.get("Start"), m.get("BookingLimit"), los, r.get("Status"), r.get("Restriction"))
' "$TMP/feed.xml" | grep " STD " | tr '\n' '|')
[ "$got" = "BAR STD 2026-11-25 2  Open None|BAR STD 2026-11-26 2 SetMinLOS=2 Open None|BAR STD 2026-11-26 None  Close Arrival|" ] || fail "feed ota: $got"

# Only one plan; a hidden plan is not sent unless named.
fd feed --from 2026-11-25 --to 2026-11-26 --plan STAFF | python3 -c 'import json,sys; d=json.load(sys.stdin); assert {r["plan"] for r in d["rows"]} == {"STAFF"}, d' || fail "--plan STAFF"
expect_refused 1 'No rate plan "NOPE"' -- fd feed --plan NOPE
expect_refused 2 "format" -- fd feed --format yaml
expect_refused 2 "after --from" -- fd feed --from 2026-11-27 --to 2026-11-25
finish
