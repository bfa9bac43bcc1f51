#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 19, identity of the actor: acting as someone else on an enrolled
# terminal needs their password; their operations carry their signature,
# so the server accepts them when another person's session pushes them
# (offline work at the desk), and refuses an actor nobody proved.
. "$(dirname "$0")/lib.sh"
sync_setup
"$FDD" --data "$SRV" user add max --role manager --password-file "$PW" >/dev/null || fail "user add max"
term_new desk anna
term desk login max --password-file "$PW" >/dev/null || fail "max signs in once at the desk"
term desk login anna --password-file "$PW" >/dev/null || fail "anna signs in again"
term desk sync --once >/dev/null || fail "first sync"
before=$(term desk dump)
RT='{"code":"DBL","name":"Double Deluxe"}'

# --as without the password: refused at the command line, nothing changed
out=$(term desk --as max op room_type.update "$RT" 2>&1 </dev/null) && fail "--as max without a password was accepted"
echo "$out" | grep -q "needs max's password" || fail "no clear message: $out"
[ "$(term desk dump)" = "$before" ] || fail "the refused command changed the database"
ok "--as max without the password is refused and changes nothing"
printf 'not the password\n' > "$WORK/wrong"
out=$(term desk --as max --password-file "$WORK/wrong" op room_type.update "$RT" 2>&1) && fail "a wrong password was accepted"
echo "$out" | grep -q "Wrong password for max" || fail "no clear message: $out"
[ "$(term desk dump)" = "$before" ] || fail "the refused command changed the database"
ok "--as max with a wrong password is refused"

# offline, max proves who he is at the desk; anna's session pushes it later
srv_stop
term desk --as max --password-file "$PW" op room_type.update "$RT" >/dev/null || fail "max's offline change"
[ "$(pending desk)" = 1 ] || fail "one operation should be pending"
[ -n "$(sqlite3 "$WORK/desk/frontdesk.db" "SELECT sig FROM outbox WHERE state = 'pending' AND actor = 'max'")" ] ||
	fail "max's operation is not signed"
# anna (staff) makes one too, then forges the actor of a copy in the outbox
term desk op room.set_clean '{"room":"201","status":"dirty"}' >/dev/null || fail "anna's own change"
srv_start
term desk sync --once >/dev/null || fail "sync"
check_server() { sqlite3 "$SRV/frontdeskd.db" "$1"; }
[ "$(check_server "SELECT name FROM room_types WHERE code = 'DBL'")" = "Double Deluxe" ] ||
	fail "max's signed offline change was not applied"
[ "$(check_server "SELECT actor FROM audit_log WHERE type = 'room_type.update'")" = max ] ||
	fail "the audit log should name max"
ok "a manager's signed offline operation, pushed by a staff session, is applied as the manager's"

# the terminal's database edited: actor changed after signing -> refused
term desk op room.set_clean '{"room":"202","status":"dirty"}' >/dev/null || fail "anna's change"
sqlite3 "$WORK/desk/frontdesk.db" "UPDATE outbox SET actor = 'max' WHERE state = 'pending'"
term desk sync --once >/dev/null
[ "$(check_server "SELECT code FROM srv_conflicts WHERE type = 'room.set_clean' AND actor = 'max'")" = unproven_actor ] ||
	fail "a re-attributed operation should be refused as unproven_actor"
[ "$(check_server "SELECT count(*) FROM audit_log WHERE type = 'room.set_clean' AND actor = 'max' AND outcome = 'applied'")" = 0 ] ||
	fail "the forged operation was applied"
[ "$(check_server "SELECT outcome || ' ' || code FROM audit_log WHERE type = 'room.set_clean' AND actor = 'max'")" = "refused unproven_actor" ] ||
	fail "the forged operation is not recorded as a refusal in the audit log"
ok "an operation re-attributed in the terminal's database is refused and recorded"

# a standalone terminal (not enrolled) keeps working without anybody signed in
"$FD" --data "$WORK/solo" init --property "Solo" --currency EUR --timezone Europe/Lisbon --date 2026-11-25 >/dev/null ||
	fail "standalone init"
"$FD" --data "$WORK/solo" op room_type.create '{"id":"00000000-0000-4000-8000-000000000009","code":"SGL","name":"Single","max_occupancy":1,"base_rate":5000}' >/dev/null ||
	fail "a standalone hotel without a signed-in user should keep working"
ok "a terminal that is not enrolled works without sign-in"
