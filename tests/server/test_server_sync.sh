#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd under the sync engine's conditions: the same 1,000 operations
# pushed twice (exactly-once effect), 20 clients racing for one room-night,
# and kill -9 in the middle of a stream of pushes.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user sam staff
start_server

# --- 1,000 operations, twice ---
DEV=$(enroll replay)
ADM=$(sign_in "$DEV" admin)
# one JSON op per line: a room type, 20 rooms, then guests and their bookings
awk 'function id(n) { return sprintf("%08x-0000-4000-8000-%012x", 7, n) }
function opid(n) { return sprintf("%08x-0000-4000-8000-%012x", 8, n) }
function emit(n, type, payload) {
	printf "{\"op_id\":\"%s\",\"device_seq\":%d,\"type\":\"%s\",\"payload\":%s}\n", opid(n), n, type, payload }
BEGIN {
	emit(1, "room_type.create", "{\"id\":\"" id(1) "\",\"code\":\"STD\",\"name\":\"Standard\",\"max_occupancy\":2,\"base_rate\":9000}")
	for (i = 2; i <= 21; i++)
		emit(i, "room.create", sprintf("{\"id\":\"%s\",\"number\":\"%d\",\"type\":\"STD\",\"floor\":1}", id(i), 100 + i))
	for (i = 22; i <= 1000; i++) {
		if (i % 2 == 0)
			emit(i, "guest.create", sprintf("{\"id\":\"%s\",\"family\":\"Guest %d\",\"given\":\"Ana\"}", id(i), i))
		else {
			d = 1 + int(i / 2) % 27
			emit(i, "booking.create", sprintf("{\"id\":\"%s\",\"code\":\"B%05d\",\"guest_id\":\"%s\",\"type\":\"STD\",\"arrival\":\"2026-04-%02d\",\"departure\":\"2026-04-%02d\",\"adults\":1}", id(i), i, id(i - 1), d, d + 1))
		}
	}
}' > "$T/ops.jsonl"
check "1,000 operations generated" 1000 "$(wc -l < "$T/ops.jsonl")"
push_all() { # pushes the file in batches of 100; prints every status
	split -l 100 "$T/ops.jsonl" "$T/batch."
	for f in "$T"/batch.*; do
		body POST /v1/ops "{\"ops\":[$(paste -sd, "$f")]}" "$ADM" | jq -r '.results[].status'
	done
	rm -f "$T"/batch.*
}
push_all | sort | uniq -c | awk '{print $2 "=" $1}' | paste -sd' ' > "$T/first"
applied=$(sed -n 's/.*applied=\([0-9]*\).*/\1/p' "$T/first")
[ "${applied:-0}" -ge 900 ] && ok "first push: $(cat "$T/first")" || fail "first push: $(cat "$T/first")"
body GET /v1/snapshot "" "$ADM" > "$T/snap1"
check "second push: every answer duplicate" "duplicate=1000" "$(push_all | sort | uniq -c | awk '{print $2 "=" $1}' | paste -sd' ')"
body GET /v1/snapshot "" "$ADM" > "$T/snap2"
cmp -s "$T/snap1" "$T/snap2" && ok "the replay left the same state" || fail "state changed on replay"
check "guests" 490 "$(jq '.entities.guest|length' "$T/snap2")"

# --- 20 clients, one room-night ---
DEVN=9
S=$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create '{"id":"'$(uuid 1 9)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}')$(
	for i in $(seq 1 20); do printf ',%s' "$(op $((i + 1)) room.create '{"id":"'$(uuid $((i + 1)) 9)'","number":"'$((200 + i))'","type":"DBL","floor":2}')"; done)]}" "$(sign_in "$(enroll setup)" admin)")
check "20 double rooms" 21 "$(echo "$S" | jq '[.results[]|select(.status=="applied")]|length')"
for k in $(seq 1 20); do
	dev=$(enroll "racer-$k")
	echo "$(sign_in "$dev" sam)" > "$T/tok.$k"
done
for k in $(seq 1 20); do
	DEVN=$((20 + k))
	G=$(uuid 1 $((500 + k))) B=$(uuid 2 $((500 + k)))
	printf '{"ops":[%s,%s,%s]}' \
		"$(op 1 guest.create '{"id":"'"$G"'","family":"Racer '"$k"'"}')" \
		"$(op 2 booking.create '{"id":"'"$B"'","code":"R'"$(printf %05d "$k")"'","guest_id":"'"$G"'","type":"DBL","arrival":"2026-05-01","departure":"2026-05-02","adults":1}')" \
		"$(op 3 booking.assign_room '{"booking":"R'"$(printf %05d "$k")"'","room":"201"}')" > "$T/race.$k"
done
racers=
for k in $(seq 1 20); do
	curl -s -H "Authorization: Bearer $(cat "$T/tok.$k")" --data-binary @"$T/race.$k" "$URL/v1/ops" > "$T/raced.$k" &
	racers="$racers $!"
done
wait $racers
cat "$T"/raced.* | jq -r '.results[2].status' | sort | uniq -c | awk '{print $2 "=" $1}' | paste -sd' ' > "$T/race"
check "exactly one client gets room 201" "applied=1 rejected=19" "$(cat "$T/race")"
check "the others are told why" 19 "$(cat "$T"/raced.* | jq -r '.results[2].error.code // empty' | grep -c room_taken)"
check "every booking itself was kept" 20 "$(cat "$T"/raced.* | jq -r '.results[1].status' | grep -c applied)"

# --- kill -9 during a stream of pushes ---
DEV=$(enroll crash)
TOK=$(sign_in "$DEV" admin)
(
	i=1
	while :; do
		o=$(printf '{"op_id":"%s","device_seq":%d,"type":"guest.create","payload":{"id":"%s","family":"Crash %d"}}' \
			"$(uuid "$i" 3000)" "$i" "$(uuid "$i" 3001)" "$i")
		r=$(curl -s -m 5 -H "Authorization: Bearer $TOK" --data-binary "{\"ops\":[$o]}" "$URL/v1/ops") || break
		[ "$(echo "$r" | jq -r '.results[0].status' 2>/dev/null)" = applied ] || break
		echo "$(uuid "$i" 3000)" >> "$T/acked"
		i=$((i + 1))
	done
) &
PUSHER=$!
sleep 3
kill -9 "$PID"; wait "$PID" 2>/dev/null; PID=
wait "$PUSHER"
n=$(wc -l < "$T/acked")
[ "$n" -ge 3 ] && ok "$n operations acknowledged before the kill" || fail "only $n acknowledged"
"$FD" --data "$D" check >/dev/null && ok "check passes after kill -9" || fail "check after kill -9"
start_server
TOK=$(sign_in "$DEV" admin)
# every acknowledged op is there: pushed again, each is a duplicate of an applied op
ops=$(i=0; while read -r id; do i=$((i + 1)); printf '{"op_id":"%s","device_seq":%d,"type":"guest.create","payload":{"id":"%s","family":"Crash %d"}},' "$id" "$i" "$(uuid "$i" 3001)" "$i"; done < "$T/acked")
R=$(body POST /v1/ops "{\"ops\":[${ops%,}]}" "$TOK")
check "every acknowledged operation survived" "$n" "$(echo "$R" | jq '[.results[]|select(.status=="duplicate" and .recorded_status=="applied")]|length')"
SNAP=$(body GET /v1/snapshot "" "$TOK")
recorded=$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM srv_op_results r JOIN srv_devices d ON d.id = r.device WHERE d.name = 'crash'")
check "none half-applied: one guest per recorded operation" "$recorded" "$(echo "$SNAP" | jq '[.entities.guest[]|select(.family|startswith("Crash"))]|length')"
stop_server || fail "SIGTERM after restart"
"$FD" --data "$D" check >/dev/null && ok "check passes at the end" || fail "final check"
finish
