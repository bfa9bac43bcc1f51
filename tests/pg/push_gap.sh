#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# POST /v1/ops on PostgreSQL keeps the SQLite server's rules (push_rules.c):
#   - an operation of a type the server does not know (a newer terminal's)
#     is refused inside a 200, recorded (result, conflict notice, audit
#     row) and the operations after it are applied: the queue never stalls;
#     a broken envelope stays a 400 that applies nothing;
#   - a declared gap (gap_from, doc/sync.md) where the server's sequence
#     stands is accepted: a lost_in_restore notice names the lost sequence
#     numbers and the batch is applied; a gap_from elsewhere is not, and the
#     push answers 409 sequence_gap; a gap_from that is not a number is 400.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Gap Hotel" admin:admin
start_server --database "$PG_URI"
code=$(FDP enroll-code 2>/dev/null)
tok=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk 1\"}" | jq -r .token)
s=$(sign_in "$tok" admin)
dev=$(pg_psql -c "SELECT id FROM srv_devices WHERE name = 'desk 1'")
statuses() { jq -r '[.results[].status] | join(" ")'; }
DEVN=1
rt=$(op 1 room_type.create "{\"id\":\"$(uuid 1 91)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}")
future=$(op 2 room.teleport '{"room":"101"}')
room=$(op 3 room.create "{\"id\":\"$(uuid 1 92)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}")

out=$(req POST /v1/ops "{\"ops\":[$rt,$future,$room]}" "$s")
check "a batch with an unknown operation type is answered 200" 200 "${out%% *}"
res=${out#* }
check "... the unknown one refused, the others applied" "applied rejected applied" "$(echo "$res" | statuses)"
check "... refused as unknown_op" unknown_op "$(echo "$res" | jq -r '.results[1].error.code')"
check "... its refusal recorded, the device's sequence past the batch" "rejected 3" \
	"$(pg_psql -c "SELECT r.status || ' ' || d.last_seq FROM srv_op_results r JOIN srv_devices d ON d.id = r.device
		WHERE r.device = '$dev' AND r.device_seq = 2")"
check "... a conflict notice for it" "room.teleport unknown_op" \
	"$(pg_psql -c "SELECT type || ' ' || code FROM srv_conflicts WHERE op_id = '$(uuid 2 1)'")"
check "... and a refusal row in the audit log" "refused unknown_op" \
	"$(pg_psql -c "SELECT outcome || ' ' || code FROM audit_log WHERE op_id = '$(uuid 2 1)'")"
check "... the room after it exists" 1 "$(pg_psql -c "SELECT count(*) FROM rooms WHERE number = '101'")"
check "the same batch again: all duplicates" "duplicate duplicate duplicate" \
	"$(req POST /v1/ops "{\"ops\":[$rt,$future,$room]}" "$s" | sed '1s/^[0-9]* //' | statuses)"

before=$(pg_psql -c "SELECT count(*) FROM srv_op_results")
broken='{"op_id":"not-a-uuid","device_seq":4,"type":"room.teleport","payload":{}}'
check "a broken envelope is still a 400" 400 "$(status POST /v1/ops "{\"ops\":[$(op 4 room.set_flags '{"room":"101","dnd":true}'),$broken]}" "$s")"
check "... applying nothing" "$before 3" \
	"$(pg_psql -c "SELECT count(*) FROM srv_op_results") $(pg_psql -c "SELECT last_seq FROM srv_devices WHERE id = '$dev'")"

# The server expects device_seq 4; the terminal lost 4..6 and continues at 7.
flags7=$(op 7 room.set_flags '{"room":"101","dnd":true}')
flags8=$(op 8 room.set_flags '{"room":"101","dnd":false}')
out=$(req POST /v1/ops "{\"ops\":[$flags7,$flags8]}" "$s")
check "without gap_from the skipped numbers are 409 sequence_gap" "409 sequence_gap 4" \
	"${out%% *} $(echo "${out#* }" | jq -r '"\(.error.code) \(.expected)"')"
check "a gap_from elsewhere than where the server stands is 409 too" 409 \
	"$(status POST /v1/ops "{\"gap_from\":5,\"ops\":[$flags7,$flags8]}" "$s")"
check "a gap_from that is not a device_seq is 400" "400 gap_from" \
	"$(req POST /v1/ops "{\"gap_from\":\"four\",\"ops\":[$flags7]}" "$s" | { read -r c b; echo "$c $(echo "$b" | jq -r .error.field)"; })"
check "... nothing noticed meanwhile" 0 "$(pg_psql -c "SELECT count(*) FROM srv_conflicts WHERE code = 'lost_in_restore'")"
out=$(req POST /v1/ops "{\"gap_from\":4,\"ops\":[$flags7,$flags8]}" "$s")
check "the declared gap where the server stands is accepted" "200 applied applied" \
	"${out%% *} $(echo "${out#* }" | statuses)"
check "... a lost_in_restore notice names the lost operations" "sync.gap 4 6 desk 1" \
	"$(pg_psql -c "SELECT type || ' ' || (details::json->>'gap_from') || ' ' || (details::json->>'gap_to') || ' ' || (details::json->>'device_name')
		FROM srv_conflicts WHERE code = 'lost_in_restore'")"
check "... saying so to a person" "3 operations of desk 1 (device_seq 4 to 6, made before the terminal's operation 7) were lost" \
	"$(pg_psql -c "SELECT message FROM srv_conflicts WHERE code = 'lost_in_restore'" | sed 's/: the server.*//')"
check "... the device's sequence at the batch's end" 8 "$(pg_psql -c "SELECT last_seq FROM srv_devices WHERE id = '$dev'")"
feed=$(body GET "/v1/changes?since=0&limit=1000" "" "$s")
check "... the notice goes out through the feed" 1 \
	"$(echo "$feed" | jq -r "[.changes[] | select(.entity == \"conflict\" and .state.code == \"lost_in_restore\")] | length")"
check "the same push again: duplicates, no second notice" "duplicate duplicate 1" \
	"$(req POST /v1/ops "{\"gap_from\":4,\"ops\":[$flags7,$flags8]}" "$s" | sed '1s/^[0-9]* //' | statuses) $(pg_psql -c "SELECT count(*) FROM srv_conflicts WHERE code = 'lost_in_restore'")"
stop_server || fail "the server did not stop cleanly"
finish
