#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Conflict notices on PostgreSQL, as on SQLite (tests/server/test_server.sh):
# a room assignment refused because another desk sold the room through the
# other server becomes a notice of the hotel, named in the answer with the
# clashing booking and the free rooms, sent through the feed and in the
# snapshot; a person resolves it (through either server), once; a notice
# is never another hotel's to see or resolve.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Chain Hotel" admin:admin anna:staff
H=$(pg_psql -c "SELECT id FROM properties")
FDP property add OTHER --name "Other Hotel" --currency EUR --timezone Europe/Lisbon >/dev/null || fail "property add"
FDP user add bruno --role admin --property OTHER --password-file "$T/pw" >/dev/null || fail "user add bruno"
start_server --database "$PG_URI"
A=$URL
pg_start_b
enroll_at() { # SERVER NAME HOTEL -> token
	_c=$(FDP enroll-code --property "$3" 2>/dev/null)
	URL=$1 body POST /v1/devices "{\"code\":\"$_c\",\"name\":\"$2\"}" | jq -r .token
}
t1=$(enroll_at "$A" "desk 1" "$H")
t2=$(enroll_at "$B" "desk 2" "$H")
tx=$(enroll_at "$A" "porto" OTHER)
URL=$A s1=$(sign_in "$t1" admin)
URL=$B s2=$(sign_in "$t2" anna)
URL=$A sx=$(sign_in "$tx" bruno)

URL=$A
DEVN=1
G=$(uuid 1 77)
res=$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 3 77)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 4 77)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 room.create "{\"id\":\"$(uuid 5 77)\",\"number\":\"102\",\"type\":\"DBL\",\"floor\":1}"),
$(op 4 guest.create "{\"id\":\"$G\",\"family\":\"Lopes\"}"),
$(op 5 booking.create "{\"id\":\"$(uuid 2 77)\",\"code\":\"PGBK01\",\"guest_id\":\"$G\",\"type\":\"DBL\",\"arrival\":\"2026-03-02\",\"departure\":\"2026-03-04\",\"adults\":2}"),
$(op 6 booking.assign_room '{"booking":"PGBK01","room":"101"}')]}" "$s1")
check "the hotel's rooms and a booking in 101" "applied applied applied applied applied applied" \
	"$(echo "$res" | jq -r '[.results[].status] | join(" ")')"
next=$(body GET "/v1/changes?since=0&limit=1000" "" "$s1" | jq -r .next)

# Desk 2, through B, books the same room for an overlapping night.
URL=$B
DEVN=2
G2=$(uuid 6 77)
res=$(body POST /v1/ops "{\"ops\":[$(op 1 guest.create "{\"id\":\"$G2\",\"family\":\"Silva\"}"),
$(op 2 booking.create "{\"id\":\"$(uuid 7 77)\",\"code\":\"PGBK02\",\"guest_id\":\"$G2\",\"type\":\"DBL\",\"arrival\":\"2026-03-03\",\"departure\":\"2026-03-05\",\"adults\":1}"),
$(op 3 booking.assign_room '{"booking":"PGBK02","room":"101"}')]}" "$s2")
r=$(echo "$res" | jq -c '.results[2]')
check "the clash is refused, naming the other booking and the free rooms" "rejected room_taken PGBK01 102" \
	"$(echo "$r" | jq -r '[.status, .error.code, .clash_booking, (.free_rooms | join(","))] | join(" ")')"
cid=$(echo "$r" | jq -r .conflict)
[ -n "$cid" ] && [ "$cid" != null ] || fail "the answer should name the conflict notice: $r"
check "the notice is the hotel's, unresolved" "$H|anna|room_taken|0" \
	"$(pg_psql -c "SELECT property_id, actor, code, resolved FROM srv_conflicts WHERE id = '$cid'")"

# Every terminal of the hotel gets it: the feed (through A) and the snapshot.
URL=$A
feed=$(body GET "/v1/changes?since=$next" "" "$s1")
state=$(echo "$feed" | jq -c ".changes[] | select(.entity == \"conflict\" and .id == \"$cid\") | .state")
check "the feed sends the notice" "room_taken booking.assign_room anna 0" \
	"$(echo "$state" | jq -r '[.code, .type, .actor, (.resolved | tostring)] | join(" ")')"
check "... with the clash's details" "PGBK01 102 anna" \
	"$(echo "$state" | jq -r '.details | fromjson | [.clash_booking, (.free_rooms | join(",")), .pushed_by] | join(" ")')"
check "... in the shape of the SQLite server's" \
	"actor code created_at details device id message op_id resolved resolved_by type updated_at version" \
	"$(echo "$state" | jq -r 'keys | join(" ")')"
check "the snapshot has it" "$cid" "$(body GET /v1/snapshot "" "$s1" | jq -r '.entities.conflict[].id')"
check "the other hotel sees nothing of it" "0 0" \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$sx" | jq '[.changes[] | select(.entity == "conflict")] | length') $(body GET /v1/snapshot "" "$sx" | jq '.entities.conflict | length')"
check "... and cannot resolve it" 404 "$(status POST "/v1/conflicts/$cid/resolve" "" "$sx")"

# Resolving it, through A: the notice goes through the feed again.
URL=$A
res=$(body POST "/v1/conflicts/$cid/resolve" "" "$s1")
check "a person resolves it" "$cid" "$(echo "$res" | jq -r .id)"
seq=$(echo "$res" | jq -r .seq)
URL=$B
check "... and desk 2 reads it resolved, by whom, at that seq" "1 admin $seq" \
	"$(body GET "/v1/changes?since=$((seq - 1))" "" "$s2" | jq -r ".changes[] | select(.id == \"$cid\") | \"\(.state.resolved) \(.state.resolved_by) \(.seq)\"")"
check "resolving it again is 404" 404 "$(status POST "/v1/conflicts/$cid/resolve" "" "$s2")"
check "an unknown notice is 404" 404 "$(status POST /v1/conflicts/no-such-notice/resolve "" "$s2")"

# Resolving through the operation (conflict.resolve, as a terminal pushes
# it): two more clashes at desk 2 through B (a third double first), one
# given another room at desk 1 through A, the other accepted at desk 2; hotel
# OTHER cannot touch them.
URL=$A
DEVN=1
check "room 103" applied "$(body POST /v1/ops "{\"ops\":[$(op 7 room.create "{\"id\":\"$(uuid 10 77)\",\"number\":\"103\",\"type\":\"DBL\",\"floor\":1}")]}" "$s1" | jq -r '.results[0].status')"
URL=$B
DEVN=2
res=$(body POST /v1/ops "{\"ops\":[$(op 4 booking.create "{\"id\":\"$(uuid 8 77)\",\"code\":\"PGBK03\",\"guest_id\":\"$G2\",\"type\":\"DBL\",\"arrival\":\"2026-03-02\",\"departure\":\"2026-03-03\",\"adults\":1}"),
$(op 5 booking.assign_room '{"booking":"PGBK03","room":"101"}'),
$(op 6 booking.create "{\"id\":\"$(uuid 9 77)\",\"code\":\"PGBK04\",\"guest_id\":\"$G2\",\"type\":\"DBL\",\"arrival\":\"2026-03-03\",\"departure\":\"2026-03-04\",\"adults\":1}"),
$(op 7 booking.assign_room '{"booking":"PGBK04","room":"101"}')]}" "$s2")
check "two more clashes" "applied rejected applied rejected" "$(echo "$res" | jq -r '[.results[].status] | join(" ")')"
c2=$(echo "$res" | jq -r '.results[1].conflict')
c3=$(echo "$res" | jq -r '.results[3].conflict')
next2=$(body GET "/v1/changes?since=0&limit=1000" "" "$s2" | jq -r .next)
URL=$A
DEVN=3
res=$(body POST /v1/ops "{\"ops\":[$(op 1 conflict.resolve "{\"conflict\":\"$c3\",\"accept\":true}"),
$(op 2 conflict.resolve "{\"conflict\":\"$c2\",\"room\":\"102\"}")]}" "$sx")
check "another hotel's desk cannot resolve them: not found" "rejected conflict_not_found rejected conflict_not_found" \
	"$(echo "$res" | jq -r '[.results[] | .status, .error.code] | join(" ")')"
check "... and they stay open, PGBK03 without a room" "0 0 " \
	"$(pg_psql -c "SELECT concat((SELECT resolved FROM srv_conflicts WHERE id = '$c2'), ' ', (SELECT resolved FROM srv_conflicts WHERE id = '$c3'), ' ', (SELECT room FROM bookings WHERE code = 'PGBK03'))")"
DEVN=1
res=$(body POST /v1/ops "{\"ops\":[$(op 8 conflict.resolve "{\"conflict\":\"$c2\",\"room\":\"102\"}")]}" "$s1")
check "desk 1 resolves one with room 102 through A" "applied conflict $c2" \
	"$(echo "$res" | jq -r '.results[0] | "\(.status) \(.entity) \(.id)"')"
check "... PGBK03 is in 102, the notice resolved by admin" "102|1|admin|2" \
	"$(pg_psql -c "SELECT b.room, c.resolved, c.resolved_by, c.version FROM bookings b, srv_conflicts c WHERE b.code = 'PGBK03' AND c.id = '$c2'")"
res=$(body POST /v1/ops "{\"ops\":[$(op 9 conflict.resolve "{\"conflict\":\"$c2\",\"accept\":true}")]}" "$s1")
check "resolving it again is refused" "rejected already_resolved" \
	"$(echo "$res" | jq -r '.results[0] | "\(.status) \(.error.code)"')"
URL=$B
DEVN=2
res=$(body POST /v1/ops "{\"ops\":[$(op 8 conflict.resolve "{\"conflict\":\"$c3\",\"accept\":true}")]}" "$s2")
check "desk 2 accepts the other through B" "applied" "$(echo "$res" | jq -r '.results[0].status')"
check "... PGBK04 keeps no room" "|1|anna" \
	"$(pg_psql -c "SELECT b.room, c.resolved, c.resolved_by FROM bookings b, srv_conflicts c WHERE b.code = 'PGBK04' AND c.id = '$c3'")"
feed=$(body GET "/v1/changes?since=$next2&limit=1000" "" "$s2")
check "desk 2 reads through B the notice desk 1 resolved, and PGBK03 in 102" "1 admin 102" \
	"$(echo "$feed" | jq -r "[(.changes[] | select(.entity == \"conflict\" and .id == \"$c2\") | .state | .resolved, .resolved_by), (.changes[] | select(.entity == \"booking\" and .state.code == \"PGBK03\") | .state.room)] | map(tostring) | join(\" \")")"
URL=$A
check "desk 1 reads through A the notice desk 2 accepted" "1 anna" \
	"$(body GET "/v1/changes?since=$next2&limit=1000" "" "$s1" | jq -r ".changes[] | select(.entity == \"conflict\" and .id == \"$c3\") | .state | \"\(.resolved) \(.resolved_by)\"")"
check "the other hotel's feed has none of them" "0" \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$sx" | jq "[.changes[] | select(.entity == \"conflict\" and (.id == \"$c2\" or .id == \"$c3\"))] | length")"

stop_server || fail "server A did not stop cleanly"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
