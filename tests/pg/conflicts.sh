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
pg_start
mkdir -p "$D"
printf 'correct horse battery\n' > "$T/pw"
FDP() { "$FD" --database "$PG_URI" "$@"; }
FDP init --property "Chain Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null 2>&1 || fail "init"
FDP user add admin --role admin --password-file "$T/pw" >/dev/null || fail "user add admin"
FDP user add anna --role staff --password-file "$T/pw" >/dev/null || fail "user add anna"
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

stop_server || fail "server A did not stop cleanly"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
