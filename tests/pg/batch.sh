#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A push batch on PostgreSQL commits in ONE transaction (src/server/pg_push.c),
# with each operation's own result:
#   - a batch mixing applied, rejected (a double booking inside the batch, and
#     one against a booking another server committed) and duplicate operations
#     (already recorded, and repeated inside the batch) answers each as one
#     transaction per operation did; its results were written by one
#     transaction; a refusal wrote nothing but its refusal; the feed holds
#     the applied ones (and the refusals' notices) in order, nothing numbered
#     after them; the same batch again is all "duplicate" and changes nothing;
#   - a batch whose server is killed with kill -9 before COMMIT (held on a row
#     lock a psql session keeps, so the moment is certain) leaves nothing
#     applied, and the resend through the other server applies every
#     operation exactly once;
#   - a batch that fails on a lock timeout (lock_timeout set on the database)
#     is retried whole, and after three tries falls back to one transaction
#     per operation: those before the blocked one commit, the push answers
#     503, and the resend gets them as duplicates.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
LOCKER=
trap '[ -n "$LOCKER" ] && kill -9 "$LOCKER" 2>/dev/null; pg_cleanup' EXIT
pg_start
pg_hotel "Batch Hotel" 2026-03-01 admin:admin # tests/pg/lib.sh
pg_serve A
pg_serve B
A=$A_URL
B=$B_URL
enroll_at() { # SERVER NAME -> token
	_c=$(FDP enroll-code 2>/dev/null)
	URL=$1 body POST /v1/devices "{\"code\":\"$_c\",\"name\":\"$2\"}" | jq -r .token
}
t1=$(enroll_at "$A" "desk 1")
t2=$(enroll_at "$B" "desk 2")
URL=$A s1=$(sign_in "$t1" admin)
URL=$B s2=$(sign_in "$t2" admin)
dev1=$(pg_psql -c "SELECT id FROM srv_devices WHERE name = 'desk 1'")
# push URL TOKEN BODY -> "STATUS BODY"
push() { URL=$1 req POST /v1/ops "$3" "$2"; }
statuses() { jq -r '[.results[].status] | join(" ")'; }
# one_tx FROM TO: the transactions that wrote desk 1's results FROM..TO
one_tx() { pg_psql -c "SELECT count(DISTINCT xmin::text) || ' ' || count(*) FROM srv_op_results
	WHERE device = '$dev1' AND device_seq BETWEEN $1 AND $2"; }
feed_seq() { pg_psql -c "SELECT seq FROM feed_counters"; }
bk() { printf '{"id":"%s","code":"%s","guest_id":"%s","type":"DBL","arrival":"%s","departure":"%s","adults":1}' \
	"$(uuid "$1" 90)" "$2" "$G" "$3" "$4"; }

DEVN=1
G=$(uuid 1 91)
setup="$(op 1 room_type.create "{\"id\":\"$(uuid 2 91)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),$(op 2 guest.create "{\"id\":\"$G\",\"family\":\"Batch\"}")"
for r in 1 2 3 4; do
	setup="$setup,$(op $((2 + r)) room.create "{\"id\":\"$(uuid $r 92)\",\"number\":\"10$r\",\"type\":\"DBL\",\"floor\":1}")"
done
check "the hotel's rooms" "applied applied applied applied applied applied" \
	"$(push "$A" "$s1" "{\"ops\":[$setup]}" | sed '1s/^[0-9]* //' | statuses)"

# Desk 2, through server B, sells room 102 for 2026-04-10..12.
DEVN=2
check "desk 2 books room 102 through B" "applied applied" \
	"$(push "$B" "$s2" "{\"ops\":[$(op 1 booking.create "$(bk 20 PGB001 2026-04-10 2026-04-12)"),$(op 2 booking.assign_room '{"booking":"PGB001","room":"102"}')]}" |
		sed '1s/^[0-9]* //' | statuses)"

# --- one batch, every kind of answer ---
before=$(feed_seq)
DEVN=1
mixed="{\"ops\":[$(op 6 room.create "{\"id\":\"$(uuid 4 92)\",\"number\":\"104\",\"type\":\"DBL\",\"floor\":1}"),
$(op 7 booking.create "$(bk 1 PGA001 2026-04-01 2026-04-03)"),
$(op 8 booking.assign_room '{"booking":"PGA001","room":"101"}'),
$(op 9 booking.create "$(bk 2 PGA002 2026-04-02 2026-04-04)"),
$(op 10 booking.assign_room '{"booking":"PGA002","room":"101"}'),
$(op 11 booking.create "$(bk 3 PGA003 2026-04-11 2026-04-13)"),
$(op 12 booking.assign_room '{"booking":"PGA003","room":"102"}'),
$(op 8 booking.assign_room '{"booking":"PGA001","room":"101"}'),
$(op 13 room.set_flags '{"room":"103","dnd":true}')]}"
# (op 6 is the setup's room.create of 104 again: its op_id and device_seq)
out=$(push "$A" "$s1" "$mixed")
res=${out#* }
check "the mixed batch is answered" 200 "${out%% *}"
check "each operation has its own result" \
	"duplicate applied applied applied rejected applied rejected duplicate applied" "$(echo "$res" | statuses)"
check "the double booking inside the batch is refused, naming the batch's own booking" "room_taken PGA001" \
	"$(echo "$res" | jq -r '.results[4] | "\(.error.code) \(.clash_booking)"')"
check "the double booking against server B's booking is refused, naming it" "room_taken PGB001" \
	"$(echo "$res" | jq -r '.results[6] | "\(.error.code) \(.clash_booking)"')"
check "the repeat inside the batch answers the result recorded moments before" \
	"$(echo "$res" | jq -c '.results[2] | del(.status)')" "$(echo "$res" | jq -c '.results[7] | del(.status)')"
check "the batch wrote its results in one transaction" "1 7" "$(one_tx 7 13)"
check "the refused assignments wrote no room-night" "PGA001:101:2 PGA002:-:2 PGA003:-:2 PGB001:102:2" \
	"$(pg_psql -c "SELECT string_agg(b.code || ':' || coalesce(n.room, '-') || ':' || n.k, ' ' ORDER BY b.code)
		FROM bookings b JOIN (SELECT booking_id, min(room) AS room, count(*) AS k FROM stay_nights GROUP BY booking_id) n
		ON n.booking_id = b.id")"
# The feed, read through the other server: the applied operations in their
# order, a notice for each refusal where it was refused (one row per entity,
# at its latest change: PGA001's creation is under its assignment), each
# applied answer's seq its change's, and nothing numbered after the last.
feed=$(URL=$B body GET "/v1/changes?since=$before&limit=1000" "" "$s2")
check "the feed holds the applied operations and the refusals' notices, in order" \
	"booking:$(uuid 8 1) booking:$(uuid 9 1) conflict:$(uuid 10 1) booking:$(uuid 11 1) conflict:$(uuid 12 1) room:$(uuid 13 1)" \
	"$(echo "$feed" | jq -r '[.changes[] | "\(.entity):\(.op_id)"] | join(" ")')"
check "... each applied answer's seq its change's" \
	"$(echo "$res" | jq -r '[.results[2,3,5,8].seq] | join(" ")')" \
	"$(echo "$feed" | jq -r '[.changes[] | select(.entity != "conflict") | .seq] | join(" ")')"
check "... the last one the hotel's counter" "$(feed_seq)" "$(echo "$feed" | jq -r '.changes[-1].seq')"
results_before=$(pg_psql -c "SELECT count(*) FROM srv_op_results")
seq_before=$(feed_seq)
out=$(push "$A" "$s1" "$mixed")
check "the same batch again: every operation a duplicate" \
	"duplicate duplicate duplicate duplicate duplicate duplicate duplicate duplicate duplicate" \
	"$(echo "${out#* }" | statuses)"
check "... with the results recorded the first time" \
	"$(echo "$res" | jq -c '[.results[] | del(.status)]')" "$(echo "${out#* }" | jq -c '[.results[] | del(.status)]')"
check "... and nothing changed" "$results_before $seq_before" \
	"$(pg_psql -c "SELECT count(*) FROM srv_op_results") $(feed_seq)"

# --- two servers, clashing batches at once ---
# Desk 1 through A and desk 2 through B each book rooms 201-205 for
# overlapping nights, in one batch each, at the same moment: the hotel's
# counter lock puts one batch after the other, so exactly one booking holds
# each room-night and every loser names the winner.
DEVN=2
rooms=
for r in 1 2 3 4 5 6; do rooms="$rooms${rooms:+,}$(op $((2 + r)) room.create "{\"id\":\"$(uuid $r 93)\",\"number\":\"20$r\",\"type\":\"DBL\",\"floor\":2}")"; done
check "rooms 201-206 (ten rooms of the type: none sold out)" "applied applied applied applied applied applied" \
	"$(push "$B" "$s2" "{\"ops\":[$rooms]}" | sed '1s/^[0-9]* //' | statuses)"
clash() { # FIRST_SEQ CODE_PREFIX ARRIVAL DEPARTURE -> a batch booking rooms 201-205
	_ops= _q=$1
	for r in 1 2 3 4 5; do
		_ops="$_ops${_ops:+,}$(op $_q booking.create "$(bk $((_q + 100 * DEVN)) "$2$r" "$3" "$4")"),$(op $((_q + 1)) booking.assign_room "{\"booking\":\"$2$r\",\"room\":\"20$r\"}")"
		_q=$((_q + 2))
	done
	printf '{"ops":[%s]}' "$_ops"
}
one=$(DEVN=1 clash 14 PGXXX 2026-07-01 2026-07-03)
two=$(DEVN=2 clash 9 PGYYY 2026-07-02 2026-07-04)
push "$A" "$s1" "$one" > "$T/one.out" &
p1=$!
push "$B" "$s2" "$two" > "$T/two.out" &
p2=$!
wait $p1
wait $p2
check "both clashing batches are answered" "200 200" "$(cut -d' ' -f1 "$T/one.out") $(cut -d' ' -f1 "$T/two.out")"
check "exactly one booking holds each room" "201:1 202:1 203:1 204:1 205:1" \
	"$(pg_psql -c "SELECT string_agg(room || ':' || k, ' ' ORDER BY room) FROM (SELECT room, count(DISTINCT booking_id) AS k
		FROM stay_nights WHERE room LIKE '20_' GROUP BY room) t")"
check "all ten bookings are made, five of them get their room" "10 5" \
	"$(pg_psql -c "SELECT count(*) FROM bookings WHERE code ~ '^PG[XY]'") $(pg_psql -c "SELECT count(*) FROM bookings WHERE code ~ '^PG[XY]' AND room IS NOT NULL")"
check "the losing batch names the winner of each room" \
	"$(pg_psql -c "SELECT string_agg(code, ' ' ORDER BY code) FROM bookings WHERE code ~ '^PG[XY]' AND room IS NOT NULL")" \
	"$( (cut -d' ' -f2- "$T/one.out"; cut -d' ' -f2- "$T/two.out") |
		jq -rs '[.[].results[] | select(.status == "rejected" and .error.code == "room_taken") | .clash_booking] | sort | join(" ")')"
check "desk 1's batch wrote its results in one transaction" "1 10" "$(one_tx 14 23)"

# --- kill -9 before COMMIT ---
# A psql session holds room 103's row: the batch's third operation waits on
# it with the first two written and not committed.
hold_103() { # hold room 103's row until the locker is terminated
	PGAPPNAME=fdlocker psql -X -q -d "$PG_URI" -c 'BEGIN' \
		-c "SELECT 1 FROM rooms WHERE number = '103' FOR UPDATE" -c 'SELECT pg_sleep(600)' >/dev/null 2>&1 &
	LOCKER=$!
	for _ in $(seq 1 200); do
		[ "$(pg_psql -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fdlocker' AND query LIKE '%pg_sleep%'")" = 1 ] && return 0
		sleep 0.05
	done
	fail "the locker did not take room 103"
}
release_103() {
	pg_psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fdlocker'" >/dev/null
	wait "$LOCKER" 2>/dev/null
	LOCKER=
}
waiting() { pg_psql -c "SELECT count(*) FROM pg_locks WHERE NOT granted"; }
hold_103
killed="{\"ops\":[$(op 24 booking.create "$(bk 4 PGA004 2026-05-01 2026-05-03)"),
$(op 25 booking.assign_room '{"booking":"PGA004","room":"102"}'),
$(op 26 room.set_flags '{"room":"103","dnd":false}')]}"
push "$A" "$s1" "$killed" > "$T/killed.out" 2>&1 &
pusher=$!
for _ in $(seq 1 200); do
	[ "$(waiting)" -ge 1 ] && break
	sleep 0.05
done
[ "$(waiting)" -ge 1 ] && ok "the batch waits on room 103 with its first operations done" ||
	fail "the batch should wait on room 103's row lock"
kill -9 "$A_PID"
wait "$A_PID" 2>/dev/null
A_PID=
wait "$pusher"
check "the killed server acknowledged nothing" "000" "$(cut -d' ' -f1 "$T/killed.out")"
release_103
check "nothing of the killed batch is applied" "0 0" \
	"$(pg_psql -c "SELECT (SELECT count(*) FROM bookings WHERE code = 'PGA004') || ' ' ||
		(SELECT count(*) FROM srv_op_results WHERE device = '$dev1' AND device_seq >= 24)")"
check "... nor the device's sequence moved" 23 "$(pg_psql -c "SELECT last_seq FROM srv_devices WHERE id = '$dev1'")"
out=$(push "$B" "$s1" "$killed")
check "the resend through server B applies every operation" "applied applied applied" "$(echo "${out#* }" | statuses)"
check "... once: one booking, one result each, one transaction" "1 3 1" \
	"$(pg_psql -c "SELECT count(*) FROM bookings WHERE code = 'PGA004'") $(one_tx 24 26 | cut -d' ' -f2) $(one_tx 24 26 | cut -d' ' -f1)"
check "a second resend is all duplicates" "duplicate duplicate duplicate" \
	"$(push "$B" "$s1" "$killed" | sed '1s/^[0-9]* //' | statuses)"

# --- a lock timeout: the batch retried whole, then one transaction per operation ---
pg_psql -c "ALTER DATABASE frontdesk SET lock_timeout = '2s'" >/dev/null
kill -TERM "$B_PID" && wait "$B_PID" || fail "server B did not stop cleanly"
B_PID=
pg_serve C # its connections are new: they time out on locks
C=$C_URL
hold_103
retried="{\"ops\":[$(op 27 booking.create "$(bk 5 PGA005 2026-05-05 2026-05-07)"),$(op 28 room.set_flags '{"room":"103","dnd":true}')]}"
push "$C" "$s1" "$retried" > "$T/retried.out" &
pusher=$!
for _ in $(seq 1 200); do
	grep -q 'rolled back (try 1 of 3)' "$PG_WORK/C.log" && break
	sleep 0.05
done
release_103
wait "$pusher"
check "after a lock timeout the batch is retried and applied" "200 applied applied" \
	"$(cut -d' ' -f1 "$T/retried.out") $(sed '1s/^[0-9]* //' "$T/retried.out" | statuses)"
check "... in one transaction" "1 2" "$(one_tx 27 28)"
hold_103
fallback="{\"ops\":[$(op 29 booking.create "$(bk 6 PGA006 2026-05-08 2026-05-09)"),$(op 30 room.set_flags '{"room":"103","dnd":false}')]}"
out=$(push "$C" "$s1" "$fallback")
check "a batch that keeps timing out answers 503" 503 "${out%% *}"
grep -q 'rolled back (try 3 of 3)' "$PG_WORK/C.log" && grep -q 'one transaction per operation' "$PG_WORK/C.log" &&
	ok "... after three tries and one transaction per operation" ||
	fail "the server log should show three tries and the fallback: $(tail -5 "$PG_WORK/C.log")"
check "... with the operation before the blocked one committed alone" "1 0" \
	"$(pg_psql -c "SELECT (SELECT count(*) FROM srv_op_results WHERE device = '$dev1' AND device_seq = 29) || ' ' ||
		(SELECT count(*) FROM srv_op_results WHERE device = '$dev1' AND device_seq = 30)")"
release_103
check "the resend gets it as a duplicate and applies the rest" "duplicate applied" \
	"$(push "$C" "$s1" "$fallback" | sed '1s/^[0-9]* //' | statuses)"
pg_psql -c "ALTER DATABASE frontdesk RESET lock_timeout" >/dev/null

kill -TERM "$C_PID" && wait "$C_PID" || fail "server C did not stop cleanly"
C_PID=
cat "$PG_WORK/A.log" "$PG_WORK/B.log" "$PG_WORK/C.log" >> "$LOG"
finish
