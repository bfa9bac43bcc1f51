#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One push, many operations (src/server/push.c): a refusal in the middle of
# a batch undoes only its own operation's writes and the operations around
# it keep theirs, in the database, the results and the audit log; an
# operation is judged against what the operations before it in the same
# push changed (the actor's rights, the property's business date), however
# the server reads those rows.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user ada admin
start_server
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
DEV2=$(enroll desk-2)
ADA=$(sign_in "$DEV2" ada)
db() { sqlite3 "$D/frontdeskd.db" "$1"; }

DEVN=1
SETUP=$(abc123_batch)
R=$(body POST /v1/ops "$SETUP" "$ADM")
check "the fixture is applied" "applied applied applied applied applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
SEQ0=$(echo "$R" | jq -r .seq)

# --- a refusal between applied operations ---
# booking.create writes the booking; assigning it room 101 (taken on the
# 11th) writes its room-nights until the guard refuses: those writes go,
# the booking and the room flags around it stay.
R=$(body POST /v1/ops "{\"ops\":[$(op 7 room.set_flags '{"room":"102","dnd":true}'),
$(op 8 booking.create '{"id":"'$(uuid 8 1)'","code":"DEF456","guest_id":"'$(uuid 4 1)'","type":"DBL","arrival":"2026-03-09","departure":"2026-03-12","adults":1}'),
$(op 9 booking.assign_room '{"booking":"DEF456","room":"101"}'),
$(op 10 room.set_flags '{"room":"102","mur":true}')]}" "$ADM")
check "applied, applied, refused, applied" "applied applied rejected applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
check "the refusal is the room clash" room_taken "$(echo "$R" | jq -r '.results[2].error.code')"
check "the refused assignment left no room on the booking" "" "$(db "SELECT room FROM bookings WHERE code = 'DEF456'")"
check "the refused assignment left no room-nights" 0 "$(db "SELECT count(*) FROM stay_nights WHERE booking_id = '$(uuid 8 1)' AND room IS NOT NULL")"
check "the booking before the refusal is kept" reserved "$(db "SELECT status FROM bookings WHERE code = 'DEF456'")"
check "the flags before and after the refusal are kept" "1 1" "$(db "SELECT dnd || ' ' || mur FROM rooms WHERE number = '102'")"
check "room 101 keeps its first booking only" "ABC123" "$(db "SELECT group_concat(DISTINCT b.code) FROM stay_nights n JOIN bookings b ON b.id = n.booking_id WHERE n.room = '101'")"
S7=$(echo "$R" | jq -r '.results[0].seq') S8=$(echo "$R" | jq -r '.results[1].seq') S10=$(echo "$R" | jq -r '.results[3].seq')
[ "$SEQ0" -lt "$S7" ] && [ "$S7" -lt "$S8" ] && [ "$S8" -lt "$S10" ] && ok "the applied operations' feed numbers rise" ||
	fail "feed numbers not rising: $SEQ0 $S7 $S8 $S10"
check "the answer's seq is the last applied change" "$S10" "$(echo "$R" | jq -r .seq)"
check "the feed has room 102 at the last operation's number" "$S10" "$(db "SELECT seq FROM srv_changes WHERE entity = 'room' AND entity_id = '102'")"
check "the audit log has the four operations in order" "$(uuid 7 1) applied
$(uuid 8 1) applied
$(uuid 9 1) refused room_taken
$(uuid 10 1) applied" "$(db "SELECT op_id || ' ' || outcome || CASE WHEN code <> '' THEN ' ' || code ELSE '' END FROM audit_log WHERE op_id IN ('$(uuid 7 1)','$(uuid 8 1)','$(uuid 9 1)','$(uuid 10 1)') ORDER BY seq")"
check "one recorded result each" "applied applied rejected applied" "$(db "SELECT group_concat(status, ' ') FROM (SELECT status FROM srv_op_results WHERE device_seq BETWEEN 7 AND 10 ORDER BY device_seq)")"
check "each answer is the result recorded for it" "$(echo "$R" | jq -c '.results[]')" "$(db "SELECT result FROM srv_op_results WHERE device_seq BETWEEN 7 AND 10 AND device = (SELECT id FROM srv_devices WHERE name = 'desk-1') ORDER BY device_seq" | jq -c .)"
check "the answer is one JSON object: results and seq" "results seq" "$(echo "$R" | jq -r 'keys_unsorted|join(" ")')"
check "one conflict notice, for the refusal" "$(uuid 9 1)" "$(db "SELECT group_concat(op_id) FROM srv_conflicts WHERE code = 'room_taken'")"
check "the device's sequence is past the batch" 10 "$(db "SELECT last_seq FROM srv_devices WHERE name = 'desk-1'")"
R=$(body POST /v1/ops "{\"ops\":[$(op 9 booking.assign_room '{"booking":"DEF456","room":"101"}'),$(op 10 room.set_flags '{"room":"102","mur":true}')]}" "$ADM")
check "a repeat answers what was recorded" "duplicate rejected duplicate applied" "$(echo "$R" | jq -r '[.results[]|.status, .recorded_status]|join(" ")')"

# --- the rows an operation reads, as the operations before it left them ---
# Ada demotes herself: her next operation in the same push is judged with
# the rights she has now.
DEVN=2
R=$(body POST /v1/ops "{\"ops\":[$(op 1 staff.update '{"username":"ada","role":"staff"}'),
$(op 2 property.update '{"name":"Renamed"}')]}" "$ADA")
check "a demotion applies" applied "$(echo "$R" | jq -r '.results[0].status')"
check "the next operation has the rights after it" "rejected forbidden" "$(echo "$R" | jq -r '.results[1]|"\(.status) \(.error.code)"')"
check "the property keeps its name" "Test Hotel" "$(db "SELECT name FROM property")"
# Two night audits in one push: the second closes the business date the
# first has just moved on to.
DEVN=1
B0=$(db "SELECT business_date FROM property")
R=$(body POST /v1/ops "{\"ops\":[$(op 11 audit.night '{"date":"2026-03-01"}'),$(op 12 audit.night '{"date":"2026-03-02"}')]}" "$ADM")
check "two days closed in one push" "applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
check "the business date moved on by two days" "$((B0 + 2))" "$(db "SELECT business_date FROM property")"
# ... and when a refusal in the same push makes the server run it again
R=$(body POST /v1/ops "{\"ops\":[$(op 13 audit.night '{"date":"2026-03-03"}'),
$(op 14 booking.assign_room '{"booking":"DEF456","room":"101"}'),
$(op 15 audit.night '{"date":"2026-03-04"}')]}" "$ADM")
check "closed, refused, closed" "applied rejected applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"

"$FD" --data "$D" check >"$T/check" 2>&1 && ok "check: the audit chain is intact" || fail "check: $(cat "$T/check")"

# --- two processes append to the audit chain in turn ---
# The server keeps the chain's last row in memory within a transaction
# only: what another process appended between two pushes is chained to.
R=$(body POST /v1/ops "{\"ops\":[$(op 16 room.set_flags '{"room":"102","dnd":false}')]}" "$ADM")
add_user bob staff || fail "user add while the server runs"
R=$(body POST /v1/ops "{\"ops\":[$(op 17 room.set_flags '{"room":"102","dnd":true}'),
$(op 18 booking.assign_room '{"booking":"DEF456","room":"101"}'),
$(op 19 room.set_flags '{"room":"102","mur":false}')]}" "$ADM")
check "applied, refused, applied" "applied rejected applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
add_user cyd staff || fail "user add while the server runs"
R=$(body POST /v1/ops "{\"ops\":[$(op 20 room.set_flags '{"room":"102","dnd":false}')]}" "$ADM")
check "the audit log has both processes' rows in turn" "$(uuid 16 1) applied
staff.create applied
$(uuid 17 1) applied
$(uuid 18 1) refused
$(uuid 19 1) applied
staff.create applied
$(uuid 20 1) applied" "$(db "SELECT CASE WHEN type = 'staff.create' THEN type ELSE op_id END || ' ' || outcome FROM audit_log WHERE seq > (SELECT seq FROM audit_log WHERE op_id = '$(uuid 16 1)') - 1 ORDER BY seq")"
"$FD" --data "$D" check >"$T/check" 2>&1 && ok "check: the chain of both processes is intact" || fail "check: $(cat "$T/check")"

# --- the same operation twice in one batch ---
OPS=""
for i in $(seq 21 80); do OPS="$OPS$(op "$i" room.set_flags '{"room":"102","dnd":'$([ $((i % 2)) = 0 ] && echo true || echo false)'}'),"; done
R=$(body POST /v1/ops "{\"ops\":[$OPS$(op 23 room.set_flags '{"room":"102","dnd":false}'),$(op 80 room.set_flags '{"room":"102","dnd":true}'),$(op 81 room.set_flags '{"room":"102","mur":true}')]}" "$ADM")
check "sixty applied, two repeats of this batch's own, one more applied" "60 duplicate applied duplicate applied applied" "$(echo "$R" | jq -r '[([.results[:60][] | select(.status == "applied")] | length), (.results[60:62][] | .status, .recorded_status), .results[62].status] | join(" ")')"
check "each operation applied once" "61" "$(db "SELECT count(*) FROM audit_log WHERE op_id IN ($(for i in $(seq 21 81); do printf "'%s'," "$(uuid "$i" 1)"; done)'')")"
# --- an entity changed again later in the same push ---
# Readers see only committed pushes, so a room's feed row, moved past
# everything committed by its first change in the push, stays at that
# number for the later ones (not moved again: srv_record_change); it names
# the operation that changed it last, and the feed sends its latest state.
S0=$(db "SELECT seq FROM sqlite_sequence WHERE name = 'srv_changes'")
R=$(body POST /v1/ops "{\"ops\":[$(op 82 room.set_flags '{"room":"102","dnd":true}'),
$(op 83 room.set_flags '{"room":"101","dnd":true}'),
$(op 84 room.set_flags '{"room":"102","mur":false}')]}" "$ADM")
check "three applied" "applied applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
S82=$(echo "$R" | jq -r '.results[0].seq') S83=$(echo "$R" | jq -r '.results[1].seq') S84=$(echo "$R" | jq -r '.results[2].seq')
[ "$S0" -lt "$S82" ] && [ "$S0" -lt "$S83" ] && ok "every change is past what was committed before" ||
	fail "feed numbers not past $S0: $S82 $S83"
check "the room's second change keeps the number of its first" "$S82" "$S84"
check "the feed row is at the number answered" "$S84" "$(db "SELECT seq FROM srv_changes WHERE entity = 'room' AND entity_id = '102'")"
check "the feed row names the last operation" "$(uuid 84 1)" "$(db "SELECT op_id FROM srv_changes WHERE entity = 'room' AND entity_id = '102'")"
check "the push's seq is its highest change" "$(db "SELECT max(seq) FROM srv_changes")" "$(echo "$R" | jq -r .seq)"
check "a pull from before the push sends both rooms, as they are now" "101 1 0
102 1 0" "$(body GET "/v1/changes?since=$S0" '' "$ADM" | jq -r '.changes[] | select(.entity == "room") | "\(.id) \(.state.dnd) \(.state.mur)"' | sort)"
# The same with a refusal after the second change: the push runs again,
# each operation under its own savepoint; the operation a later change
# names is the one kept, whichever pass wrote it (sdb.c keeps it in
# memory until the pass ends).
R=$(body POST /v1/ops "{\"ops\":[$(op 85 room.set_flags '{"room":"102","dnd":false}'),
$(op 86 room.set_flags '{"room":"102","mur":true}'),
$(op 87 booking.assign_room '{"booking":"DEF456","room":"101"}'),
$(op 88 room.set_flags '{"room":"101","mur":true}')]}" "$ADM")
check "applied, applied, refused, applied" "applied applied rejected applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
check "room 102's feed row names its last operation" "$(uuid 86 1)" "$(db "SELECT op_id FROM srv_changes WHERE entity = 'room' AND entity_id = '102'")"
check "room 101's feed row names its last operation" "$(uuid 88 1)" "$(db "SELECT op_id FROM srv_changes WHERE entity = 'room' AND entity_id = '101'")"
R=$(body POST /v1/ops "{\"ops\":[$(op 89 room.set_flags '{"room":"102","dnd":true}'),
$(op 90 room.set_flags '{"room":"102","mur":false}'),
$(op 91 room.set_flags '{"room":"102","dnd":false}')]}" "$ADM")
check "three changes of one room" "applied applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
check "its feed row names the third" "$(uuid 91 1)" "$(db "SELECT op_id FROM srv_changes WHERE entity = 'room' AND entity_id = '102'")"

# --- one room changed by every operation of a push (push.c's room memo) ---
# Rooms 201 and 202 get the same changes, 201 in one push, 202 one push
# each: the same answers, the same rows.
R=$(body POST /v1/ops "{\"ops\":[$(op 92 room.create '{"id":"'$(uuid 92 1)'","number":"201","type":"DBL","floor":2}'),$(op 93 room.create '{"id":"'$(uuid 93 1)'","number":"202","type":"DBL","floor":2}')]}" "$ADM")
check "two more rooms" "applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
changes() { # ROOM: the five changes
	printf '%s\n' '{"room":"'$1'","state":"ooo","from":"2026-06-01","to":"2026-06-05","reason":"leak"}' \
		'{"room":"'$1'","dnd":true}' '{"room":"'$1'","state":"none"}' '{"room":"'$1'","status":"inspected"}' \
		'{"room":"'$1'","status":"clean","occupied":true}' '{"room":"'$1'","mur":true}'
}
types="room.set_maintenance room.set_flags room.set_maintenance room.set_clean room.set_clean room.set_flags"
n=94 ops= one=
i=0
for t in $types; do
	i=$((i + 1))
	pl=$(changes 201 | sed -n "${i}p")
	ops="$ops${ops:+,}$(op $n "$t" "$pl")"
	n=$((n + 1))
done
R=$(body POST /v1/ops "{\"ops\":[$ops]}" "$ADM")
one=$(echo "$R" | jq -r '[.results[]|.status + " " + (.error.code // "")]|join(",")')
i=0 each=
for t in $types; do
	i=$((i + 1))
	pl=$(changes 202 | sed -n "${i}p")
	each="$each${each:+,}$(body POST /v1/ops "{\"ops\":[$(op $n "$t" "$pl")]}" "$ADM" | jq -r '.results[0]|.status + " " + (.error.code // "")')"
	n=$((n + 1))
done
check "the same answers in one push as in six" "$each" "$one"
row() { db "SELECT clean, maint, maint_reason, maint_from IS NULL, maint_to IS NULL, dnd, mur, hk_occupied, version FROM rooms WHERE number = '$1'"; }
check "the same room in one push as in six" "$(row 202)" "$(row 201)"
check "and as the feed sends it" "$(body GET "/v1/changes?since=0" '' "$ADM" | jq -c '.changes[] | select(.entity == "room" and .id == "202") | .state | del(.id, .number, .updated_at)')" \
	"$(body GET "/v1/changes?since=0" '' "$ADM" | jq -c '.changes[] | select(.entity == "room" and .id == "201") | .state | del(.id, .number, .updated_at)')"
finish
