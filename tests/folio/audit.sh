#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A month of night audits, each run twice: the second run changes nothing.
# Room charges, no-shows, the business date and the day reports add up.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 5 || fail fixture
B1=$(fd book --guest "Long, Stay" --type STD --arrive 2026-03-01 --depart 2026-03-31 --rate 100) || fail b1
B2=$(fd book --guest "Short, Stay" --type STD --arrive 2026-03-05 --depart 2026-03-08 --rate 80) || fail b2
B3=$(fd book --guest "Never, Came" --type STD --arrive 2026-03-10 --depart 2026-03-12 --rate 70) || fail b3
B4=$(fd book --guest "Called, Off" --type STD --arrive 2026-03-15 --depart 2026-03-16 --rate 60) || fail b4
fd cancel "$B4" >/dev/null || fail cancel
B5=$(fd book --guest "Over, Stay" --type STD --arrive 2026-03-20 --depart 2026-03-21 --rate 50) || fail b5
fd checkin "$B1" --room 101 >/dev/null || fail checkin1
# B2's room charges are routed to a company folio (direct bill).
fd --as max company add "ACME GmbH" --direct-bill --credit-limit 10000 >/dev/null || fail "company account"
fd folio "$B2" --company "ACME GmbH" --route-room >/dev/null || fail "company folio"
expect_fail "manager" fd --as anna audit

day=1
while [ $day -le 31 ]; do
	d=$(printf '2026-03-%02d' $day)
	case $day in
	5) fd checkin "$B2" --room 102 >/dev/null || fail "checkin B2" ;;
	8) fd checkout "$B2" >/dev/null || fail "checkout B2: room charges went to the company" ;;
	20) fd checkin "$B5" --room 103 >/dev/null || fail "checkin B5" ;;
	22) fd pay "$B5" cash 100 >/dev/null && fd checkout "$B5" >/dev/null || fail "late checkout B5" ;;
	31) fd pay "$B1" card 3000 --last4 4242 >/dev/null && fd checkout "$B1" >/dev/null || fail "checkout B1" ;;
	esac
	if [ $day = 21 ]; then
		# B5 was due out today and is still in house: the day does not
		# close over them; the manager extends the stay, then it does.
		before=$(dbsum)
		expect_fail "1 guest due out is still in house: $B5 (room 103)" fd audit
		grep -q "Check them out or extend their stay" "$TMP/err" || fail "the refusal says what to do"
		[ "$(dbsum)" = "$before" ] || fail "the refused audit changed the database"
		fd modify "$B5" --depart 2026-03-22 >/dev/null || fail "extend B5"
	fi
	if [ $day = 20 ]; then fd --as max audit >/dev/null || fail "audit $d by a manager"
	else fd audit >/dev/null 2>"$TMP/warn" || fail "audit $d"; fi
	if [ -s "$TMP/warn" ]; then cat "$TMP/warn" >&2; fail "unexpected warning on $d"; fi
	before=$(dbsum)
	fd audit --date "$d" >"$TMP/again" || fail "second audit $d"
	grep -q "already closed" "$TMP/again" || fail "second audit of $d did not say so"
	[ "$(dbsum)" = "$before" ] || fail "second audit of $d changed the database"
	day=$((day + 1))
done

fd --json show "$B3" | json 'd["booking"]["status"]' | grep -qx no_show || fail "B3 is a no-show"
fd --json folio "$B1" >"$TMP/f"
[ "$(json 'd["folios"][0]["charges_minor"]' <"$TMP/f")" = 300000 ] || fail "30 room charges of 100"
[ "$(json 'd["folios"][0]["tax_minor"]' <"$TMP/f")" = 27270 ] || fail "VAT per line: 30 x 9.09"
[ "$(json 'sum(1 for l in d["folios"][0]["lines"] if l["actor"]=="night-audit")' <"$TMP/f")" = 30 ] || fail "actor night-audit"
fd --json folio "$B2" >"$TMP/f2"
[ "$(json '[(f["kind"], f["balance_minor"]) for f in d["folios"]]' <"$TMP/f2")" = "[('company', 24000)]" ] || fail "routed room charges"
n=$(sqlite3 "$D/frontdesk.db" "SELECT count(*) FROM audit_log WHERE type='audit.night' AND actor='night-audit' AND outcome='applied'")
[ "$n" = 31 ] || fail "31 audits in the log, got $n"
sqlite3 "$D/frontdesk.db" "SELECT payload FROM audit_log WHERE type='audit.night'" | grep -q '"run_by":"max"' || fail "run_by"
[ "$(sqlite3 "$D/frontdesk.db" 'SELECT count(*) FROM day_reports')" = 31 ] || fail "31 day reports"
fd --json show "$B1" | json 'd["booking"]["status"]' | grep -qx checked_out || fail "B1 checked out"
[ "$(fd --json report summary --from 2026-03-01 --to 2026-03-31 | json 'd["rooms_sold"], d["room_revenue_minor"], d["no_shows"], d["cancellations"]')" = "35 334000 1 1" ] || fail "summary"
# The day reports written at each close agree with the live report.
for f in rooms_sold room_revenue arrivals departures cancellations no_shows; do
	a=$(sqlite3 "$D/frontdesk.db" "SELECT sum($f) FROM day_reports")
	k=$f; [ $f = room_revenue ] && k=room_revenue_minor
	b=$(fd --json report summary --from 2026-03-01 --to 2026-03-31 | json "d['$k']")
	[ "$a" = "$b" ] || fail "day reports and the summary disagree on $f: $a vs $b"
done
fd audit --date 2026-03-15 | grep -q "already closed" || fail "closed day"
expect_fail "business date" fd audit --date 2026-04-05
exit 0
