#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guest.merge pushed through frontdeskd: a manager's terminal merges two
# profiles of one person; the server applies it, and a second terminal
# sees the duplicate marked merged into the kept profile, every booking of
# the duplicate moved to it (with the details the kept one lacked), a new
# booking of the duplicate made for the kept profile (also one a desk made
# before it heard of the merge), and the two desks converge.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new b anna
term b sync --once >/dev/null || fail "b first sync"

keep=00000000-0000-4000-8000-00000000c001
dup=00000000-0000-4000-8000-00000000c002
{
	echo "{\"type\":\"guest.create\",\"payload\":{\"id\":\"$keep\",\"family\":\"García\",\"given\":\"José\",\"email\":\"jose@example.org\"}}"
	echo "{\"type\":\"guest.create\",\"payload\":{\"id\":\"$dup\",\"family\":\"Garcia\",\"given\":\"Jose\",\"phone\":\"+34 600 111 222\"}}"
	echo "{\"type\":\"booking.create\",\"payload\":{\"id\":\"00000000-0000-4000-9000-00000000c001\",\"code\":\"GKEEP1\",\"guest_id\":\"$keep\",\"type\":\"DBL\",\"arrival\":\"2026-11-26\",\"departure\":\"2026-11-28\"}}"
	echo "{\"type\":\"booking.create\",\"payload\":{\"id\":\"00000000-0000-4000-9000-00000000c002\",\"code\":\"GDUP01\",\"guest_id\":\"$dup\",\"type\":\"DBL\",\"arrival\":\"2026-12-02\",\"departure\":\"2026-12-04\"}}"
	echo "{\"type\":\"booking.create\",\"payload\":{\"id\":\"00000000-0000-4000-9000-00000000c003\",\"code\":\"GDUP02\",\"guest_id\":\"$dup\",\"type\":\"TWN\",\"arrival\":\"2026-12-10\",\"departure\":\"2026-12-11\"}}"
} > "$WORK/guests.jsonl"
term b op --batch "$WORK/guests.jsonl" >/dev/null || fail "guests and bookings at b"
term b sync --once >/dev/null || fail "b push"
term admin sync --once >/dev/null || fail "admin pull"
owner() { sqlite3 "$1" "SELECT guest_id FROM bookings WHERE code = '$2'"; }
[ "$(owner "$WORK/admin/frontdesk.db" GDUP01)" = "$dup" ] || fail "the admin desk does not have the duplicate's booking"

# A clerk may not merge (the server would refuse it too); the manager's desk does.
term b guest merge "$keep" "$dup" >/dev/null 2>&1 && fail "a staff member merged two profiles"
term admin guest merge "$keep" "$dup" >/dev/null || fail "merge at the admin desk"
term admin sync --once >/dev/null || fail "admin push"
[ "$(pending admin)" = 0 ] || fail "the merge is still pending at the admin desk"

# The server applied it.
S="$SRV/frontdeskd.db"
[ "$(sqlite3 "$S" "SELECT merged_into FROM guests WHERE id = '$dup'")" = "$keep" ] ||
	fail "the server's duplicate is not merged"
[ "$(sqlite3 "$S" "SELECT group_concat(code) FROM (SELECT code FROM bookings WHERE guest_id = '$keep' ORDER BY code)")" = "GDUP01,GDUP02,GKEEP1" ] ||
	fail "the server's bookings did not move: $(sqlite3 "$S" "SELECT code, guest_id FROM bookings")"
ok "the server applied the merge"

# Desk b has not heard of the merge and books the duplicate: the server
# makes the booking for the kept profile instead of refusing it (a refusal
# would leave the booking only as a conflict notice).
B="$WORK/b/frontdesk.db"
late=$(term b book --guest "$dup" --type DBL --arrive 2026-12-20 --depart 2026-12-21) ||
	fail "desk b could not book its (not yet merged) duplicate"
[ "$(owner "$B" "$late")" = "$dup" ] || fail "desk b's own booking is not the duplicate's before sync"

# The other desk sees it.
term b sync --once >/dev/null || fail "b pull"
[ "$(pending b)" = 0 ] || fail "desk b's late booking is still pending"
[ "$(sqlite3 "$S" "SELECT guest_id FROM bookings WHERE code = '$late'")" = "$keep" ] ||
	fail "the server did not make the late booking for the kept profile: $(sqlite3 "$S" "SELECT code, guest_id FROM bookings WHERE code = '$late'")"
[ "$(sqlite3 "$B" "SELECT count(*) FROM conflicts")" = 0 ] || fail "desk b has a conflict: $(sqlite3 "$B" "SELECT * FROM conflicts")"
[ "$(owner "$B" "$late")" = "$keep" ] || fail "desk b: the late booking is still the duplicate's"
[ "$(sqlite3 "$B" "SELECT merged_into FROM guests WHERE id = '$dup'")" = "$keep" ] ||
	fail "desk b: the duplicate is not marked merged"
for code in GKEEP1 GDUP01 GDUP02; do
	[ "$(owner "$B" $code)" = "$keep" ] || fail "desk b: booking $code belongs to $(owner "$B" $code)"
done
[ "$(sqlite3 "$B" "SELECT phone FROM guests WHERE id = '$keep'")" = "+34 600 111 222" ] ||
	fail "desk b: the kept profile did not take the duplicate's phone"
[ "$(term b --json guest find garcia | jq '.count')" = 1 ] || fail "desk b still lists two profiles: $(term b guest find garcia)"
term b guest show "$dup" | grep -q "$keep" || fail "desk b: the duplicate does not say where it went"
term b show GDUP02 | grep -q "García, José" || fail "desk b: GDUP02 does not show the kept guest: $(term b show GDUP02)"
ok "the other desk sees the merged guest and the bookings moved"

# Now that desk b knows, a booking for the duplicate is made for the kept
# profile at the desk itself, and says so.
again=$(term b book --guest "$dup" --type DBL --arrive 2026-12-22 --depart 2026-12-23 2>"$WORK/err") ||
	fail "desk b could not book for the merged duplicate: $(cat "$WORK/err")"
grep -q "was merged into" "$WORK/err" || fail "desk b said nothing of the merge: $(cat "$WORK/err")"
[ "$(owner "$B" "$again")" = "$keep" ] || fail "desk b booked the merged duplicate itself"
term b sync --once >/dev/null || fail "b push of the second booking"
term admin sync --once >/dev/null || fail "admin pull of b's bookings"

converged admin b || fail "the desks differ: $(diff "$WORK/admin.dump" "$WORK/b.dump" | head -20)"
exactly_once admin
exactly_once b
ok "both desks converged"
