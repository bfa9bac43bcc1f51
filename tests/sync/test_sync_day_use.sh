#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A day-use stay (arrival and departure on the same day) syncs: made at
# terminal A, it reaches B through the feed and C through its first
# snapshot. The terminals refused it as "an unreadable booking" before,
# which stopped their sync for every change after it.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"

day=$(term a book --guest "Day, Dora" --type DBL --arrive 2026-11-26 --depart 2026-11-26) || fail "day-use at A"
term a assign "$day" 201 >/dev/null || fail "assigning the day-use stay at A"
after=$(term a book --guest "Later, Leo" --type DBL --arrive 2026-11-27 --depart 2026-11-28) || fail "a booking after it"
term a sync --once >/dev/null || fail "A push"
term b sync --once >/dev/null 2>"$WORK/err" || fail "B's pull stopped: $(cat "$WORK/err")"
[ "$(term b --json show "$day" | jq -r '[.booking.arrival, .booking.departure, .booking.room] | join(" ")')" = "2026-11-26 2026-11-26 201" ] ||
	fail "B's copy of the day-use stay: $(term b show "$day")"
term b show "$after" >/dev/null || fail "the booking after the day-use stay did not reach B"
ok "a day-use stay reaches B through the feed, and so does what follows it"

term_new c anna
term c sync --once >/dev/null 2>"$WORK/err" || fail "C's first sync stopped: $(cat "$WORK/err")"
term c show "$day" >/dev/null || fail "C's snapshot lacks the day-use stay"
converged a c || fail "A and C differ: $(diff "$WORK/a.dump" "$WORK/c.dump" | head -20)"
ok "a terminal that joins later gets it in its snapshot"
