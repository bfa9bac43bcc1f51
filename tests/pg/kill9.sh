#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two frontdeskd on one PostgreSQL database; a terminal pushes a stream of
# operations one by one through server A, which is killed with kill -9 in
# the middle of the stream. The terminal carries on through server B (its
# session is in the database), retrying the operation it had no answer for.
# No acknowledged operation is lost and none is applied twice: across both
# servers' answers each operation is "applied" exactly once.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Kill Hotel" admin:admin
start_server --database "$PG_URI"
A=$URL
A_PID=$PID
pg_start_b # tests/pg/lib.sh: B, B_PID

code=$("$FD" --database "$PG_URI" enroll-code 2>/dev/null)
tok=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk\"}" | jq -r .token)
s=$(sign_in "$tok" admin)
DEVN=1
G=$(uuid 1 60)
setup="$(op 1 room_type.create "{\"id\":\"$(uuid 2 60)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),$(op 2 guest.create "{\"id\":\"$G\",\"family\":\"Stream\"}")"
for r in 1 2 3; do
	setup="$setup,$(op $((2 + r)) room.create "{\"id\":\"$(uuid $r 61)\",\"number\":\"10$r\",\"type\":\"DBL\",\"floor\":1}")"
done
check "the hotel's rooms" 5 "$(body POST /v1/ops "{\"ops\":[$setup]}" "$s" | jq '[.results[] | select(.status == "applied")] | length')"

# server A dies once 10 operations of the stream are acknowledged
: > "$T/acks"
(
	while [ "$(wc -l < "$T/acks")" -lt 10 ]; do sleep 0.02; done
	kill -9 "$A_PID"
	wc -l < "$T/acks" > "$T/killed_at"
) &
killer=$!
N=40
url=$A
for i in $(seq 1 $N); do
	day=$(date -u -d "2026-06-01 +$i days" +%F)
	next=$(date -u -d "2026-06-01 +$((i + 1)) days" +%F)
	doc="{\"ops\":[$(op $((5 + i)) booking.create "{\"id\":\"$(uuid $i 62)\",\"code\":\"KL$(printf %04d $i)\",\"guest_id\":\"$G\",\"type\":\"DBL\",\"arrival\":\"$day\",\"departure\":\"$next\",\"adults\":1}")]}"
	tries=0
	while :; do
		out=$(curl -s -m 20 -w ' %{http_code}' -H "Authorization: Bearer $s" -H 'Content-Type: application/json' \
			--data-binary "$doc" "$url/v1/ops")
		if [ "${out##* }" = 200 ]; then echo "${out% *}" >> "$T/acks"; break; fi
		# no answer: the terminal tries the other server (a balancer would)
		[ "$url" = "$B" ] || echo "$i" > "$T/switched_at"
		url=$B
		tries=$((tries + 1))
		[ $tries -lt 50 ] || { fail "operation $i never acknowledged: $out"; break; }
		sleep 0.1
	done
done
wait $killer
PID=
kill -0 "$A_PID" 2>/dev/null && fail "server A was not killed"
if [ -s "$T/switched_at" ] && [ "$(cat "$T/switched_at")" -lt $N ]; then
	echo "ok: server A was killed with kill -9 after $(cat "$T/killed_at") answers; from operation $(cat "$T/switched_at") on the stream went through B"
else
	fail "the stream did not go on through B (killed after $(cat "$T/killed_at" 2>/dev/null) answers)"
fi

check "every operation acknowledged once" $N "$(grep -c . "$T/acks")"
# The operation in flight at the kill: A may have committed it and died
# before answering; B then answers it as a duplicate of A's result. Every
# other operation is answered "applied", each once.
inflight=$(uuid $((5 + $(cat "$T/switched_at" 2>/dev/null || echo 0))) "$DEVN")
check "across both servers each was applied exactly once" "$N" \
	"$(jq -s --arg f "$inflight" '[.[].results[] | select(.status == "applied" or (.status == "duplicate" and .op_id == $f))] | length' "$T/acks")"
check "the database holds every booking once, every result once" "$N|$((N + 5))" \
	"$(pg_psql -c "SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM srv_op_results)")"
check "the device's sequence is where the stream ended" "$((N + 5))" \
	"$(pg_psql -c "SELECT last_seq FROM srv_devices")"
kill -TERM "$B_PID" && wait "$B_PID" || fail "server B did not stop cleanly"
B_PID=
cat "$T/b.log" >> "$LOG"
finish
