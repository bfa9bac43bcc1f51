#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd on PostgreSQL (database = postgresql://...): two real servers
# on loopback share one PostgreSQL database. A hotel is set up with the
# admin commands; a terminal enrolls through server A and pushes the hotel's
# first bookings, a second terminal enrolled through server B follows the
# feed with a long-poll that server A's commits wake (LISTEN/NOTIFY). A
# retried push applies nothing twice, a clash pushed through the other
# server is refused, a skipped device_seq is refused, and the endpoints not
# on PostgreSQL yet say so.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start # tests/pg/lib.sh: $T/pw
"$FD" --database "$PG_URI" init --property "Chain Hotel" --currency EUR --timezone Europe/Lisbon \
	--date 2026-03-01 > "$T/init" 2>&1 || { cat "$T/init"; fail "init"; finish; }
"$FD" --database "$PG_URI" user add admin --role admin --password-file "$T/pw" >/dev/null || fail "user add admin"
"$FD" --database "$PG_URI" user add anna --role staff --password-file "$T/pw" >/dev/null || fail "user add anna"
check "one hotel, two staff, one password each" "1|2|2" \
	"$(pg_psql -c "SELECT (SELECT count(*) FROM properties), (SELECT count(*) FROM staff), (SELECT count(*) FROM srv_credentials)")"
out=$("$FD" --database "$PG_URI" backup "$T/b.db" 2>&1)
check "backup on PostgreSQL runs pg_dump (more in tests/pg/admin_users.sh)" 0 $?
case $out in *"(pg_dump, custom format)"*) ;; *) fail "backup says: $out" ;; esac

# database = sqlite:DIR/frontdeskd.db is the data directory's file.
"$FD" --database "sqlite:$T/lite/frontdeskd.db" init --property Lite --currency EUR --timezone Europe/Lisbon \
	>/dev/null 2>&1 || fail "init with database = sqlite:"
[ -f "$T/lite/frontdeskd.db" ] || fail "database = sqlite: did not make $T/lite/frontdeskd.db"
"$FD" --database "sqlite:$T/lite/other.db" check >/dev/null 2>&1
check "a SQLite file not named frontdeskd.db is refused" 2 $?

# Two servers on the one database.
start_server --database "$PG_URI"
A=$URL
A_PID=$PID
pg_start_b
check "both serve one epoch" "$(URL=$A body GET /v1/health | jq -r .epoch)" "$(URL=$B body GET /v1/health | jq -r .epoch)"

# Terminal 1 through A, terminal 2 through B.
code=$("$FD" --database "$PG_URI" enroll-code 2>/dev/null)
URL=$A
t1=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk 1\"}" | jq -r .token)
[ -n "$t1" ] && [ "$t1" != null ] || fail "enrolling terminal 1"
URL=$B
check "an enrolment code works once, whichever server" 401 "$(status POST /v1/devices "{\"code\":\"$code\",\"name\":\"again\"}")"
code=$("$FD" --database "$PG_URI" enroll-code 2>/dev/null)
t2=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk 2\"}" | jq -r .token)
check "a wrong password is refused" 401 "$(status POST /v1/sessions '{"username":"anna","password":"wrong one here"}' "$t2")"
s2=$(sign_in "$t2" anna)
URL=$A
s1=$(sign_in "$t1" admin)
[ -n "$s1" ] && [ "$s1" != null ] && [ -n "$s2" ] && [ "$s2" != null ] || fail "signing in"
check "a session works on the other server too" 200 "$(URL=$B status GET /v1/changes?since=0 "" "$s1")"

# Terminal 2 waits on B for changes after what it has.
URL=$B
next=$(body GET /v1/changes?since=0 "" "$s2" | jq -r .next)
# (without a wake-up from A's commits it would wait 60 s and curl give up)
curl -s --max-time 50 -H "Authorization: Bearer $s2" "$B/v1/changes?since=$next&wait=60" > "$T/poll" &
poll=$!
sleep 0.3

# Terminal 1 pushes the hotel's first rooms and a booking through A.
URL=$A
DEVN=1
G=$(uuid 1 77)
BK=$(uuid 2 77)
ops="$(op 1 room_type.create "{\"id\":\"$(uuid 3 77)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 4 77)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 room.create "{\"id\":\"$(uuid 5 77)\",\"number\":\"102\",\"type\":\"DBL\",\"floor\":1}"),
$(op 4 guest.create "{\"id\":\"$G\",\"family\":\"Lopes\",\"given\":\"Ana\"}"),
$(op 5 booking.create "{\"id\":\"$BK\",\"code\":\"PGBK01\",\"guest_id\":\"$G\",\"type\":\"DBL\",\"arrival\":\"2026-03-02\",\"departure\":\"2026-03-04\",\"adults\":2}"),
$(op 6 booking.assign_room '{"booking":"PGBK01","room":"101"}')"
res=$(body POST /v1/ops "{\"ops\":[$ops]}" "$s1")
check "six operations applied" "applied applied applied applied applied applied" "$(echo "$res" | jq -r '[.results[].status] | join(" ")')"
wait $poll
check "the long-poll on B woke with A's changes" true "$(jq '.changes | length > 0' "$T/poll")"
# terminal 2 reads on from there: the booking, in room 101
URL=$B
cursor=$(jq -r .next "$T/poll")
jq -c '.changes[]' "$T/poll" > "$T/feed"
while :; do
	page=$(body GET "/v1/changes?since=$cursor" "" "$s2")
	echo "$page" | jq -c '.changes[]' >> "$T/feed"
	cursor=$(echo "$page" | jq -r .next)
	[ "$(echo "$page" | jq -r .more)" = true ] || break
done
check "terminal 2 has the booking in room 101" "PGBK01 101" \
	"$(jq -r 'select(.entity == "booking") | .state.code + " " + .state.room' "$T/feed" | tail -1)"
check "... and both rooms" "101 102" "$(jq -r 'select(.entity == "room") | .id' "$T/feed" | sort -u | tr '\n' ' ' | sed 's/ $//')"
URL=$A

# The same push again (a retry after a lost answer): duplicates, nothing new.
before=$(pg_psql -c "SELECT (SELECT count(*) FROM bookings), (SELECT max(seq) FROM changes)")
res=$(body POST /v1/ops "{\"ops\":[$ops]}" "$s1")
check "a retried push answers duplicate" "duplicate duplicate duplicate duplicate duplicate duplicate" \
	"$(echo "$res" | jq -r '[.results[].status] | join(" ")')"
check "... and applies nothing twice" "$before" "$(pg_psql -c "SELECT (SELECT count(*) FROM bookings), (SELECT max(seq) FROM changes)")"

# Terminal 2 (through B) books the same room for an overlapping night.
URL=$B
DEVN=2
G2=$(uuid 6 77)
res=$(body POST /v1/ops "{\"ops\":[$(op 1 guest.create "{\"id\":\"$G2\",\"family\":\"Silva\"}"),
$(op 2 booking.create "{\"id\":\"$(uuid 7 77)\",\"code\":\"PGBK02\",\"guest_id\":\"$G2\",\"type\":\"DBL\",\"arrival\":\"2026-03-03\",\"departure\":\"2026-03-05\",\"adults\":1}"),
$(op 3 booking.assign_room '{"booking":"PGBK02","room":"101"}')]}" "$s2")
check "the clash through the other server is refused" "applied applied rejected room_taken" \
	"$(echo "$res" | jq -r '[.results[].status] + [.results[2].error.code] | join(" ")')"
check "room 101 is held by PGBK01 alone" "PGBK01" \
	"$(pg_psql -c "SELECT DISTINCT b.code FROM stay_nights n JOIN bookings b ON b.id = n.booking_id WHERE n.room = '101'")"
check "a skipped device_seq is refused" 409 "$(status POST /v1/ops "{\"ops\":[$(op 9 room.set_flags '{"room":"102","dnd":true}')]}" "$s2")"
check "the public API answers on PostgreSQL (a missing arrival named)" "400 arrive" \
	"$(req GET "/v1/public/availability?from=2026-03-03&to=2026-03-04" | sed 's/^\([0-9]*\) /\1|/' | { IFS='|' read -r c b; echo "$c $(echo "$b" | jq -r .error.field)"; })"

# Two servers, two terminals, clashing room assignments pushed at the same
# moment: 20 pairs of overlapping bookings, terminal 1 assigns the first of
# each pair through A while terminal 2 assigns the second through B, both
# to the same room. Exactly one of each pair wins.
URL=$A
DEVN=1
G3=$(uuid 8 77)
setup=$(op 7 guest.create "{\"id\":\"$G3\",\"family\":\"Racer\"}")
seq=8
for i in $(seq 1 20); do
	arr=$(date -u -d "2026-05-01 +$i days" +%F)
	dep=$(date -u -d "2026-05-01 +$((i + 2)) days" +%F)
	setup="$setup,$(op $seq room.create "{\"id\":\"$(uuid $i 78)\",\"number\":\"$((110 + i))\",\"type\":\"DBL\",\"floor\":1}")"
	setup="$setup,$(op $((seq + 1)) booking.create "{\"id\":\"$(uuid $i 79)\",\"code\":\"RX$(printf %04d $i)\",\"guest_id\":\"$G3\",\"type\":\"DBL\",\"arrival\":\"$arr\",\"departure\":\"$dep\",\"adults\":1}")"
	setup="$setup,$(op $((seq + 2)) booking.create "{\"id\":\"$(uuid $i 80)\",\"code\":\"RY$(printf %04d $i)\",\"guest_id\":\"$G3\",\"type\":\"DBL\",\"arrival\":\"$arr\",\"departure\":\"$dep\",\"adults\":1}")"
	seq=$((seq + 3))
done
check "the race's rooms and bookings" 61 "$(body POST /v1/ops "{\"ops\":[$setup]}" "$s1" | jq '[.results[] | select(.status == "applied")] | length')"
# each terminal pushes one operation at a time (as after an outage with a
# small batch size), the two in parallel and in opposite orders, so that
# they meet somewhere in the middle
race() { # DEVN FIRST_SEQ LETTER SERVER SESSION OUT ORDER
	n=$2
	for i in $7; do
		curl -s -H "Authorization: Bearer $5" -H 'Content-Type: application/json' --data-binary \
			"{\"ops\":[$(DEVN=$1 op $n booking.assign_room "{\"booking\":\"R$3$(printf %04d $i)\",\"room\":\"$((110 + i))\"}")]}" \
			"$4/v1/ops" >> "$6"
		echo >> "$6"
		n=$((n + 1))
	done
}
race 1 $seq X "$A" "$s1" "$T/race1" "$(seq 1 20)" &
r1=$!
race 2 4 Y "$B" "$s2" "$T/race2" "$(seq 20 -1 1)" &
r2=$!
wait $r1 $r2
won=$(cat "$T/race1" "$T/race2" | jq -s '[.[].results[] | select(.status == "applied")] | length')
lost=$(cat "$T/race1" "$T/race2" | jq -s '[.[].results[] | select(.status == "rejected" and .error.code == "room_taken")] | length')
check "the race through two servers: 20 winners ($(jq -s '[.[].results[] | select(.status == "applied")] | length' "$T/race1") through A), 20 refused as room_taken" "20 20" "$won $lost"
check "each of the 20 rooms is held by one booking, no room-night twice" "20|20|0" \
	"$(pg_psql -c "SELECT count(DISTINCT room), count(DISTINCT booking_id),
		(SELECT count(*) FROM (SELECT 1 FROM stay_nights WHERE room IS NOT NULL GROUP BY property_id, room, night
		 HAVING count(*) > 1) x) FROM stay_nights WHERE room::int BETWEEN 111 AND 130")"

# A session's rule is the SQLite server's (srv_session_judge): unknown is
# unauthorized, idle for --session-idle has expired.
stop_server || fail "server A did not stop cleanly"
start_server --database "$PG_URI" --session-idle 2
check "an unknown session is refused" unauthorized "$(body GET /v1/rooms "" "not-a-session" | jq -r .error.code)"
IDLE=$(sign_in "$t1" admin)
check "a fresh session works" 200 "$(status GET /v1/rooms "" "$IDLE")"
sleep 3.2
check "an idle session expires" session_expired "$(body GET /v1/rooms "" "$IDLE" | jq -r .error.code)"
stop_server || fail "server A did not stop cleanly again"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
