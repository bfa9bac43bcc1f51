#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Reports pane (tab 8): its figures equal `frontdesk report`'s, the
# views and ranges change what is shown, a bad date changes nothing, the
# CSV export is byte for byte the command line's, and the night audit run
# from the pane closes the day (once; refused for a non-manager). Bars are
# Unicode blocks, or '#' with FRONTDESK_ASCII; 60x20 drops columns.
. "$top_srcdir/tests/ui/lib.sh"
FIXTURE="$top_builddir/tests/folio/fixture"

# Five closed days of history (2026-11-20..24), business date 2026-11-25.
"$FIXTURE" "$DATA" 2026-11-20 4 9000 || fail fixture
A=$(fd book --guest "Müller, Anna" --room 101 --arrive 2026-11-20 --depart 2026-11-23 --rate 100) || fail "book A"
B=$(fd book --guest "山田, 太郎" --room 102 --arrive 2026-11-20 --depart 2026-11-22) || fail "book B"
fd book --guest "Nguyễn, Thảo" --type STD --arrive 2026-11-21 --depart 2026-11-24 >/dev/null || fail "book C"
D=$(fd book --guest "Dupont, Luc" --type STD --arrive 2026-11-22 --depart 2026-11-25) || fail "book D"
fd cancel "$D" >/dev/null || fail "cancel D"
fd book --guest "Later, Lars" --room 103 --arrive 2026-11-26 --depart 2026-11-30 >/dev/null || fail "book E"
fd book --guest "Due, Dora" --room 104 --arrive 2026-11-25 --depart 2026-11-27 >/dev/null || fail "book F"
fd checkin "$A" >/dev/null && fd checkin "$B" >/dev/null || fail checkin
fd pay "$A" cash 50 >/dev/null || fail "pay A"
close_day() { fd audit >/dev/null 2>&1 || fail "audit $1"; }
close_day 11-20
close_day 11-21
fd pay "$B" card 180 --last4 4242 >/dev/null && fd checkout "$B" >/dev/null || fail "checkout B"
close_day 11-22
fd pay "$A" card 250 --last4 4242 >/dev/null && fd checkout "$A" >/dev/null || fail "checkout A"
close_day 11-23
close_day 11-24
G=$(fd book --guest "Gast, Greta" --room 101 --arrive 2026-11-25 --depart 2026-11-27) || fail "book G"
fd hk 101 clean >/dev/null && fd checkin "$G" >/dev/null && fd pay "$G" cash 20 >/dev/null || fail "G"

# The pane's forms of the JSON's figures (null is "-"; no thousands here).
money() { if [ "$1" = null ]; then echo -; else awk -v m="$1" 'BEGIN { printf "%.2f EUR", m / 100 }'; fi; }
pct() { if [ "$1" = null ]; then echo -; else awk -v r="$1" 'BEGIN { printf "%.1f%%", r * 100 }'; fi; }
# figure LABEL VALUE: "LABEL   VALUE" on the screen, the value right-aligned.
figure() {
	screen | grep -qE -- "$1 +$2( |\$)" || fail "figure \"$1\" is not \"$2\""
}
# The summary's nine figures as the command line computes them.
check_summary() {
	fd --json report summary --from "$1" --to "$2" >"$WORK/s.json" || fail "report summary $1 $2"
	figure "Rooms sold" "$(jq .rooms_sold "$WORK/s.json")"
	figure "Room revenue" "$(money "$(jq .room_revenue_minor "$WORK/s.json")")"
	figure "ADR" "$(money "$(jq .adr_minor "$WORK/s.json")")"
	figure "Occupancy" "$(pct "$(jq .occupancy "$WORK/s.json")")"
	figure "RevPAR" "$(money "$(jq .revpar_minor "$WORK/s.json")")"
	for f in Arrivals:arrivals Departures:departures Cancellations:cancellations No-shows:no_shows; do
		figure "${f%%:*}" "$(jq ".${f#*:}" "$WORK/s.json")"
	done
}
clear_prompt() { keys $(for i in $(seq 40); do printf 'BSpace '; done); }

start 80 24
wait_for "101"
keys 8
# The default period: the 14 days up to the last closed day.
wait_for "Summary 2026-11-11 to 2026-11-24 (14 days)"
check_summary 2026-11-11 2026-11-24
[ "$(jq .rooms_sold "$WORK/s.json")" = 5 ] || fail "the history is not what the test built: $(cat "$WORK/s.json")"
figure "Rooms sold" 5
figure "Room revenue" "480.00 EUR"
# The nights below, with an occupancy bar in blocks (2 of 4 rooms sold).
wait_for "2026-11-20     2  50.0%"
screen | grep -q "^2026-11-20 .*█" || fail "no Unicode bar on 2026-11-20"
screen | grep -q "#" && fail "ASCII bars on a UTF-8 terminal"
keys G
wait_for "2026-11-24     0   0.0%"

# Forecast: on the books from the business date, 14/30/90 days.
keys l
wait_for "Forecast 2026-11-25 to 2026-12-08 (14 days)"
sold=$(fd --json report forecast --days 14 | jq -r '.[] | select(.date == "2026-11-26") | .rooms_sold')
[ "$sold" = 3 ] || fail "forecast 2026-11-26 from the command line: $sold"
wait_for "2026-11-26     $sold  75.0%"
keys d
wait_for "Forecast 2026-11-25 to 2026-12-24 (30 days)"
keys d
wait_for "(90 days)"
keys d
wait_for "(14 days)"

# Housekeeping: tasks done per attendant (the fixture's, on 2026-11-20).
keys l
wait_for "Housekeeping done 2026-11-11 to 2026-11-24"
screen | grep -qE "^anna +2 +2 " || fail "anna's tasks"
screen | grep -qE "^hana +2 +1 " || fail "hana's tasks"
# Cashier: the shift close of the business date.
keys l
wait_for "Cashier: payments taken on 2026-11-25"
screen | grep -qE "^local +cash +1 +20.00" || fail "cashier row"
wait_for "Total taken: 20.00 EUR"
# One staff member's shift close: anna took nothing; an unknown name is refused.
keys u
wait_for "payments taken by"
clear_prompt
keys -l nobody
keys Enter
wait_for "No staff member \"nobody\""
keys u
clear_prompt
keys -l anna
keys Enter
wait_for "Cashier: payments anna took on 2026-11-25"
wait_for "No payments taken in this period."
keys u
clear_prompt
keys Enter
wait_for "Cashier: payments taken on 2026-11-25"
screen | grep -qE "^local +cash +1 +20.00" || fail "everyone's payments again"

# A chosen range, then the periods before and after it.
keys h h h
wait_for "Summary 2026-11-11 to 2026-11-24"
keys r
wait_for "from to"
clear_prompt
keys -l "2026-11-20 2026-11-22"
keys Enter
wait_for "Summary 2026-11-20 to 2026-11-22 (3 days)"
check_summary 2026-11-20 2026-11-22
keys ]
wait_for "Summary 2026-11-23 to 2026-11-25 (3 days)"
check_summary 2026-11-23 2026-11-25
keys [
wait_for "Summary 2026-11-20 to 2026-11-22 (3 days)"
# A bad date: a clear error, and the range stays.
keys r
wait_for "from to"
clear_prompt
keys -l "2026-11-20 2026-13-01"
keys Enter
wait_for '"2026-13-01" is not a date'
screen | grep -q "Summary 2026-11-20 to 2026-11-22 (3 days)" || fail "a bad date changed the range"
keys r
wait_for "from to"
clear_prompt
keys -l "2026-11-22 2026-11-20"
keys Enter
wait_for "is before the start date"

# Export: the default name names the report and range; the file is the
# command line's CSV byte for byte.
keys x
wait_for "report-summary-2026-11-20-2026-11-22.csv"
clear_prompt
keys -l "$WORK/summary.csv"
keys Enter
wait_for "Wrote the Summary report to $WORK/summary.csv."
fd report daily --csv --from 2026-11-20 --to 2026-11-22 >"$WORK/cli.csv" || fail "report --csv"
cmp "$WORK/summary.csv" "$WORK/cli.csv" || fail "the exported CSV differs from the command line's"
# Every day's row and the totals, money in major units (issue 12).
[ "$(wc -l <"$WORK/summary.csv")" = 5 ] || fail "the export has a header, 3 days and the totals"
tr -d '\r' <"$WORK/summary.csv" | grep -q "^total,,5,0.4167,480.00,96.00,40.00,2,1,1,1,0,0.00" || fail "the totals line: $(cat "$WORK/summary.csv")"
keys x
wait_for "write CSV to"
clear_prompt
keys -l "no-such-dir/x.csv"
keys Enter
wait_for "Cannot open no-such-dir/x.csv: No such file or directory"
# An existing file is replaced only when the answer is yes.
echo "keep me" >"$WORK/old.csv"
keys x
wait_for "write CSV to"
clear_prompt
keys -l "$WORK/old.csv"
keys Enter
wait_for "old.csv exists; replace it? (y/n)"
keys n
wait_for "Nothing changed."
[ "$(cat "$WORK/old.csv")" = "keep me" ] || fail "the existing file was changed without a yes"
keys x
wait_for "write CSV to"
clear_prompt
keys -l "$WORK/old.csv"
keys Enter
wait_for "old.csv exists; replace it? (y/n)"
keys y
wait_for "Wrote the Summary report to $WORK/old.csv."
cmp "$WORK/old.csv" "$WORK/cli.csv" || fail "the replaced file is not the report"
ls "$WORK"/old.csv.* 2>/dev/null && fail "a temporary file was left behind"

# The night audit: asked first, then the day is closed.
keys A
wait_for "Run the night audit for 2026-11-25 and close the day? (y/n)"
keys y
# The audit commits before its message shows: read the figures after it.
wait_for "Closed 2026-11-25: "
fd --json report summary --from 2026-11-25 --to 2026-11-25 >"$WORK/d.json" || fail "report of the closed day"
wait_for "Closed 2026-11-25: sold $(jq .rooms_sold "$WORK/d.json"), revenue $(money "$(jq .room_revenue_minor "$WORK/d.json")"), no-shows $(jq .no_shows "$WORK/d.json"); now 2026-11-26."
[ "$(jq .no_shows "$WORK/d.json")" = 1 ] || fail "the audit did not mark Dora a no-show"
wait_for " 2026-11-26  Fixture"
fd audit --date 2026-11-25 | grep -q "already closed" || fail "2026-11-25 is not closed"
# A chosen period stays put when the business date moves on.
screen | grep -q "Summary 2026-11-20 to 2026-11-22" || fail "the chosen period moved"
# The next date; closed meanwhile at another desk, so nothing is done.
keys A
wait_for "Run the night audit for 2026-11-26 and close the day?"
fd audit >/dev/null 2>&1 || fail "audit 2026-11-26 from the command line"
keys y
wait_for "2026-11-26 was already closed by the night audit; nothing changed."
keys q
wait_for "EXITED 0"

# A non-manager signed in: the handler refuses and nothing changes.
UI_ARGS="--as anna"
start 80 24
UI_ARGS=
wait_for "user anna"
keys 8
# report.read is for managers (issue 19): anna sees only her own cashier
# lines, whichever view she asks for; no revenue, no colleague's takings.
wait_for "Cashier: payments anna took on 2026-11-27"
screen | grep -q "Room revenue" && fail "a staff member sees the revenue"
screen | grep -q "^local " && fail "a staff member sees a colleague's takings"
keys h
wait_for "Cashier: payments anna took on 2026-11-27"
screen | grep -q "Summary 20" && fail "a staff member reached the summary"
keys u
wait_for "payments taken by"
clear_prompt
keys Enter
wait_for "Cashier: payments anna took on 2026-11-27"
keys A
wait_for "manager"
screen | grep -q "(y/n)" && fail "asked anna before refusing the audit"
wait_for " 2026-11-27  Fixture"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT count(*) FROM day_reports")" = 7 ] || fail "anna closed a day"
keys Escape
keys q
wait_for "EXITED 0"

# ASCII bars at 60x20; columns that do not fit are dropped, not wrapped.
UI_ENV="FRONTDESK_ASCII=1"
start 60 20
UI_ENV=
wait_for "101"
keys 8
wait_for "Summary 2026-11-13 to 2026-11-26"
figure "Rooms sold" "$(fd --json report summary --from 2026-11-13 --to 2026-11-26 | jq .rooms_sold)"
# Only the first ranks of columns (no ADR, RevPAR, ...), and a bar.
screen | grep -qE "^Date +Sold +Occ +Revenue *$" || fail "the narrow table's columns"
keys G
wait_for "2026-11-20     2  50.0%     190.00 ####"
screen | grep -q "█" && fail "Unicode blocks with FRONTDESK_ASCII"
keys q
wait_for "EXITED 0"
exit 0
