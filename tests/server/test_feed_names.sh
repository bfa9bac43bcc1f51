#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The guest's name each booking keeps for the board (core step 43) on a
# server on SQLite: the server's rows have it, the feed and the snapshot
# leave it out (a terminal derives it, as from a server on PostgreSQL),
# and erasing the guest leaves the old name in no booking row.
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
ADM=$(sign_in "$(enroll desk-1)" admin)
DEVN=1
G=$(uuid 3 1)
push() { body POST /v1/ops "{\"ops\":[$1]}" "$ADM"; }
R=$(push "$(op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}'),$(op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}'),$(op 3 guest.create '{"id":"'$G'","family":"Wolanska","given":"Bozena"}'),$(op 4 booking.create '{"id":"'$(uuid 4 1)'","code":"ABC123","guest_id":"'$G'","type":"DBL","arrival":"2026-03-01","departure":"2026-03-03","adults":2}')")
check "a guest and a booking" "applied applied applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
check "the server's row keeps the name" "Wolanska, Bozena" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT guest_name FROM bookings WHERE code = 'ABC123'")"
F=$(body GET '/v1/changes?since=0' '' "$ADM")
check "the feed sends the booking" ABC123 "$(echo "$F" | jq -r '.changes[] | select(.entity == "booking") | .state.code')"
check "without the name" false "$(echo "$F" | jq '[.changes[] | select(.entity == "booking") | .state | has("guest_name")] | any')"
S=$(body GET '/v1/snapshot' '' "$ADM")
check "the snapshot sends it" ABC123 "$(echo "$S" | jq -r '.entities.booking[0].code')"
check "without the name" false "$(echo "$S" | jq '.entities.booking[0] | has("guest_name")')"
S=$(body GET '/v1/snapshot?limit=50' '' "$ADM")
check "a snapshot page: without the name" false \
	"$(echo "$S" | jq '[.entities.booking[]? | has("guest_name")] | any')"

R=$(push "$(op 5 guest.erase '{"guest":"'$G'"}')")
check "the guest is erased" applied "$(echo "$R" | jq -r '.results[0].status')"
check "the booking's name with it" "(erased)" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT guest_name FROM bookings WHERE code = 'ABC123'")"
check "no row keeps the old name" 0 \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM bookings WHERE guest_name LIKE '%Wolanska%' OR guest_name LIKE '%Bozena%'")"
stop_server || fail "the server did not stop cleanly"
finish
