#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A streaming-replication standby with synchronous commit (pg_basebackup, a
# second cluster on another loopback port): frontdeskd's connection string
# names both hosts with target_session_attrs=read-write. Operations are
# pushed and acknowledged; the primary dies at once and the standby is
# promoted; frontdeskd reconnects by itself: every acknowledged operation is
# there, a retry of them applies nothing twice, new pushes apply, and a
# long-poll is woken again by commits on the new primary.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start # tests/pg/lib.sh: $T/pw
pg_standby
URI="postgresql://fd@127.0.0.1:$PG_PORT,127.0.0.1:$PG_STANDBY_PORT/frontdesk?target_session_attrs=read-write"
"$FD" --database "$URI" init --property "Replicated Hotel" --currency EUR --timezone Europe/Lisbon \
	--date 2026-03-01 >/dev/null || fail "init"
"$FD" --database "$URI" user add admin --role admin --password-file "$T/pw" >/dev/null || fail "user add"
"$FD" --database "$URI" user add anna --role staff --password-file "$T/pw" >/dev/null || fail "user add"
start_server --database "$URI"
code=$("$FD" --database "$URI" enroll-code 2>/dev/null)
t1=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk 1\"}" | jq -r .token)
code=$("$FD" --database "$URI" enroll-code 2>/dev/null)
t2=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk 2\"}" | jq -r .token)
s1=$(sign_in "$t1" admin)
s2=$(sign_in "$t2" anna)

DEVN=1
G=$(uuid 1 90)
ops="$(op 1 room_type.create "{\"id\":\"$(uuid 2 90)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 guest.create "{\"id\":\"$G\",\"family\":\"Replica\"}")"
seq=3
for i in 1 2 3 4 5; do
	ops="$ops,$(op $seq room.create "{\"id\":\"$(uuid $i 91)\",\"number\":\"10$i\",\"type\":\"DBL\",\"floor\":1}")"
	ops="$ops,$(op $((seq + 1)) booking.create "{\"id\":\"$(uuid $i 92)\",\"code\":\"FO000$i\",\"guest_id\":\"$G\",\"type\":\"DBL\",\"arrival\":\"2026-03-0$i\",\"departure\":\"2026-03-1$i\",\"adults\":1}")"
	seq=$((seq + 2))
done
check "12 operations acknowledged before the failure" 12 \
	"$(body POST /v1/ops "{\"ops\":[$ops]}" "$s1" | jq '[.results[] | select(.status == "applied")] | length')"

pg_failover
echo "ok: the primary died, the standby was promoted"

# The terminal goes on pushing, retrying as a terminal does on 503.
more=""
for i in 1 2 3 4 5; do
	more="$more${more:+,}$(op $seq booking.assign_room "{\"booking\":\"FO000$i\",\"room\":\"10$i\"}")"
	seq=$((seq + 1))
done
push_retry() { # BODY TOKEN -> the 200 answer
	for _ in $(seq 1 60); do
		out=$(req POST /v1/ops "$1" "$2")
		case $out in "200 "*) echo "${out#200 }"; return 0 ;; esac
		sleep 0.25
	done
	echo "never answered 200: $out" >&2
	return 1
}
res=$(push_retry "{\"ops\":[$more]}" "$s1") || fail "pushing after the failover"
check "the pushes after the failover apply" "true" \
	"$(echo "$res" | jq '[.results[].status] | all(. == "applied" or . == "duplicate")')"
on_new() { psql -X -q -At -d "postgresql://fd@127.0.0.1:$PG_STANDBY_PORT/frontdesk" -c "$1"; }
check "every acknowledged operation is on the new primary" "5|5|17" \
	"$(on_new "SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM bookings WHERE room IS NOT NULL),
		(SELECT count(*) FROM srv_op_results)")"
res=$(push_retry "{\"ops\":[$ops]}" "$s1")
check "a retry of the acknowledged operations applies nothing twice" 12 \
	"$(echo "$res" | jq '[.results[] | select(.status == "duplicate")] | length')"

# A long-poll parked after the failover is woken by a commit on the new
# primary (the server's listener reconnected).
next=$(body GET /v1/changes?since=0 "" "$s2" | jq -r .next)
curl -s --max-time 50 -H "Authorization: Bearer $s2" "$URL/v1/changes?since=$next&wait=60" > "$T/poll" &
poll=$!
sleep 0.3
res=$(push_retry "{\"ops\":[$(op $seq room.set_flags '{"room":"101","dnd":true}')]}" "$s1")
wait $poll
check "the long-poll woke with the change made after the failover" "101" \
	"$(jq -r '.changes[] | select(.entity == "room") | .id' "$T/poll")"
seq=$((seq + 1))

# The listener's connection is cut while a long-poll waits: reconnecting
# wakes the server's waiters in case a notice was missed, and a poll that
# then finds nothing new goes on waiting instead of answering empty.
next=$(jq -r .next "$T/poll")
curl -s --max-time 50 -H "Authorization: Bearer $s2" "$URL/v1/changes?since=$next&wait=60" > "$T/poll" &
poll=$!
sleep 0.3
check "the listener's connection was cut" t \
	"$(on_new "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'")"
sleep 1.5
if kill -0 $poll 2>/dev/null; then ok "the long-poll still waits after the listener reconnected"; else
	fail "the long-poll answered when the listener reconnected: $(cat "$T/poll")"; fi
res=$(push_retry "{\"ops\":[$(op $seq room.set_flags '{"room":"102","dnd":true}')]}" "$s1")
wait $poll
check "... and wakes with the next change" "102" \
	"$(jq -r '.changes[] | select(.entity == "room") | .id' "$T/poll")"
stop_server || fail "the server did not stop cleanly"
finish
