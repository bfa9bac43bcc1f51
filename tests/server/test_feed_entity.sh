#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The change feed never sends an entity under a name cut short: a change
# of an entity this server does not know (a long name from another
# version) is refused with an error naming it, where the feed used to cut
# the name to 15 bytes and send it as "deleted".
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
ADM=$(sign_in "$(enroll desk-1)" admin)
DEVN=1
R=$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}')]}" "$ADM")
check "a room type is made" applied "$(echo "$R" | jq -r '.results[0].status')"
check "the feed sends it" "room_type DBL" "$(body GET '/v1/changes?since=0' '' "$ADM" | jq -r '.changes[] | select(.entity == "room_type") | "\(.entity) \(.id)"')"

sqlite3 "$D/frontdeskd.db" "INSERT INTO srv_changes (entity, entity_id, op_id) VALUES ('room_type_of_tomorrow', 'X', '')" ||
	fail "sqlite3"
R=$(req GET '/v1/changes?since=0' '' "$ADM")
check "a change of an unknown entity: not sent (503)" 503 "${R%% *}"
B=${R#* }
check "the error names the problem" unknown_entity "$(echo "$B" | jq -r .error.code)"
case $(echo "$B" | jq -r .error.message) in
*'"room_type_of_tomorrow"'*) ok "the message names the whole entity" ;;
*) fail "the message does not name the entity: $B" ;;
esac
echo "$B" | grep -q '"deleted"' && fail "a change sent as deleted: $B"
stop_server || fail "the server did not stop cleanly"
finish
